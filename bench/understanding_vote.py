"""The examples' vote as built (handlers/understanding/examples.py), on phrasings new to it.

    git worktree add /tmp/at-47bb4e7 47bb4e7   # the rules before round 20
    git worktree add /tmp/at-42b4c5a 42b4c5a   # the rules before round 22
    git worktree add /tmp/at-ce61402 ce61402   # the rules before round 23
    git worktree add /tmp/at-4607a58 4607a58   # the rules (and the vote) before round 24
    (compile the catalogs in each), then
    .venv/bin/python -m bench.understanding_vote --round "round 20=/tmp/at-47bb4e7" \\
        --round "round 22=/tmp/at-42b4c5a" --round "round 23=/tmp/at-ce61402" \\
        --round "round 24=/tmp/at-4607a58"

For each round named, its tuned lines (corpus.txt, the batches whose header names the round)
meet both the rules of the checkout given (from before the round) and examples made of every
other batch but the round and the rounds after it, as examples.toml is made
(scripts/examples_from_corpus.py: the answers an example may name). Where those rules say "no
information" or ask back, the vote is taken as the understanding takes it (Understander.vote:
all K nearest agree, else the examples' model when sure enough and the nearest example agrees;
no word of a subject elsewhere, no answer never given): gain (rules wrong, vote right) and harm
(rules right, vote wrong), at each floor of the K-th example's likeness (of the model's
probability, where the model answered; it answers at examples.MODEL_FLOOR or more). Then the
near misses: the tuned lines whose answer is "no information", fivefold (the examples of the
four other folds), which today's rules leave as no information: how many the vote would
answer.
heldout.txt is never read.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

from bench.understanding import CORPUS
from bench.understanding_examples import batches, folds, rules_at
from content import default_edition_path, example_may_name, load_edition
from handlers.understanding import Understander
from handlers.understanding.evaluate import Case, load_corpus
from handlers.understanding.examples import MIN_WORDS, Examples

FLOORS = (0.0, 0.3, 0.4, 0.5)
R = TypeVar("R")  # how a checkout's rules read a line (fresh_rounds)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--round", action="append", default=[], metavar="NAME=DIR",
                        help='a round (its batch headers hold NAME) and a checkout before it')
    parser.add_argument("-v", "--verbose", action="store_true", help="list gains and harms")
    args = parser.parse_args(argv)
    u, cases, surface, header, batch = tuned_corpus()
    order = [n for n, _ in (r.split("=", 1) for r in args.round)]

    def voted(examples: Examples, i: int) -> tuple[str | None, float]:
        vote = u.vote(surface[i], examples)
        return (None, 0.0) if vote is None else vote

    count: Counter[tuple[str, float, str]] = Counter()
    for name, checkout, examples, rules in fresh_rounds(cases, surface, header, batch,
                                                        args.round, rules_at):
        tested = list(rules)
        print(f"{name}: {len(tested)} tuned lines, the rules of {checkout} right on "
              f"{sum(rules[i] in cases[i].expected for i in tested)}")
        for i in tested:
            if rules[i] not in ("dont_know", "clarify"):
                continue
            answer, likeness = voted(examples, i)
            if answer is None:
                continue
            gain = answer in cases[i].expected and rules[i] not in cases[i].expected
            harm = rules[i] in cases[i].expected and answer not in cases[i].expected
            for floor in FLOORS:
                if likeness >= floor:
                    count[(name, floor, "gain")] += gain
                    count[(name, floor, "harm")] += harm
            if args.verbose and (gain or harm):
                _show("gain" if gain else "harm", cases[i], rules[i], answer)
    near = _near_misses(u, cases, surface, batch, voted, args.verbose)
    for floor in FLOORS:
        fresh = "; ".join(f"{n}: +{count[(n, floor, 'gain')]} / -{count[(n, floor, 'harm')]}"
                          for n in order)
        print(f"K-th likeness >= {floor}: {fresh}; near misses answered "
              f"{sum(1 for x in near if x >= floor)}")
    return 0


def tuned_corpus() -> tuple[Understander, list[Case], list[str], dict[int, str],
                            dict[int, int]]:
    """Today's understanding, the tuned corpus's cases and each as the examples read it, the
    corpus's batch headers and each line's batch (bench.understanding_examples.batches)."""
    path = CORPUS / "corpus.txt"
    u = Understander(load_edition(default_edition_path("2020")))
    cases = load_corpus(path)
    header, batch = batches(path)
    return u, cases, [u._surface(c.text) for c in cases], header, batch


def examples_of(cases: list[Case], surface: list[str], kept: Callable[[int], bool]) -> Examples:
    """The examples of the tuned lines `kept` (a test of their index), as examples.toml is
    made (scripts/examples_from_corpus.py: the answers an example may name)."""
    return Examples([(surface[i], c.expected[0]) for i, c in enumerate(cases)
                     if kept(i) and example_may_name(c.expected[0])])


def fresh_rounds(cases: list[Case], surface: list[str], header: dict[int, str],
                 batch: dict[int, int], specs: list[str],
                 read: Callable[[str, list[str]], Sequence[R]]
                 ) -> Iterator[tuple[str, str, Examples, dict[int, R]]]:
    """For each round named ("NAME=DIR"): its name, the checkout, the examples of every batch
    but the round's and the later rounds' (as examples.toml is made), and how the rules of the
    checkout read each of the round's tuned lines (`read`: rules_at, their answer), by case
    index."""
    order = [n for n, _ in (s.split("=", 1) for s in specs)]
    for spec in specs:
        name, checkout = spec.split("=", 1)
        later = order[order.index(name) + 1:]
        tested = [i for i, c in enumerate(cases) if name in header.get(batch[c.line], "")]
        left_out = set(tested) | {i for i, c in enumerate(cases) if any(
            r in header.get(batch[c.line], "") for r in later)}
        examples = examples_of(cases, surface, lambda i: i not in left_out)  # noqa: B023
        rules = dict(zip(tested, read(checkout, [cases[i].text for i in tested]), strict=True))
        yield name, checkout, examples, rules


def _near_misses(u: Understander, cases: list[Case], surface: list[str], batch: dict[int, int],
                 voted: Callable[[Examples, int], tuple[str | None, float]],
                 verbose: bool) -> list[float]:
    """The likeness of each near miss (a tuned "no information" line that today's rules leave
    as such) the vote would answer, the examples of the other folds voting."""
    from bench.understanding import TODAY

    fold = folds(cases, batch)
    out = []
    for f in range(5):
        examples = examples_of(cases, surface, lambda i: fold[i] != f)  # noqa: B023
        for i, c in enumerate(cases):
            if fold[i] != f or c.expected[0] != "dont_know" or sum(
                    1 for w in surface[i].split() if len(w) >= 2 and w.isalpha()) < MIN_WORDS:
                continue
            read = u._read(c.text, TODAY)
            if not read.examples_asked:
                continue
            answer, likeness = voted(examples, i)
            if answer is not None:
                out.append(likeness)
                if verbose:
                    _show("near miss answered", c, "dont_know", answer)
    return out


def _show(kind: str, case: Case, rules: str, answer: str) -> None:
    print(f"  {kind}: {case.text!r}: rules {rules}, vote {answer}, expected "
          f"{' / '.join(case.expected)}")


if __name__ == "__main__":
    sys.exit(main())
