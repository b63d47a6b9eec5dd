"""Would the tuned phrasings, kept as examples, give a second opinion? Their k nearest vote.

    .venv/bin/python -m bench.understanding_examples                 # fivefold, today's rules
    .venv/bin/python -m bench.understanding_examples --rules-at DIR  # round 20's lines, fresh

Each phrasing of tests/understanding/corpus.txt is a vector of its words, word pairs and
character 3- and 4-grams of the text as the understanding reads it (marks off, abbreviations
written out), weighted by TF-IDF. A phrasing's five nearest examples (cosine) vote, with their
similarity, for their first answer (any day counts as one answer: "a date", left to the rules).

- Fivefold: each batch of the corpus split every fifth line, as heldout.txt was split; the
  examples of the four other folds vote. The rules were tuned on these lines, so they are right
  far more often here than on new ones.
- `--rules-at DIR`: round 20's lines (every batch whose header names round 20) against the rules
  of the checkout DIR (one from before round 20, e.g. `git worktree add /tmp/old 47bb4e7`), the
  examples of every other batch voting: rules and examples both meet the lines fresh.

Printed: the vote's accuracy alone, the rules', and what a second opinion taken only where the
rules answer "no information" or ask back would gain (rules wrong, vote right) and harm (rules
right, vote wrong), at each gate (the nearest example's cosine at least T, or all five agree).
heldout.txt is never read.
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path

from bench.understanding import CORPUS, TODAY
from content import default_edition_path, load_edition
from handlers.understanding import Understander
from handlers.understanding.evaluate import Case, evaluate, load_corpus
from handlers.understanding.examples import features as example_features

K = 5
Vector = dict[str, float]
# (the rules of another checkout, run there: prints the answer of each line read from stdin)
_RULES_AT = """
import json, sys
from bench.understanding import TODAY
from content import default_edition_path, load_edition
from handlers.understanding import Understander
from handlers.understanding.evaluate import answer_key
u = Understander(load_edition(default_edition_path("2020")))
print(json.dumps([answer_key(u.understand(t, TODAY), TODAY) for t in json.load(sys.stdin)]))
"""


def _answer(label: str) -> str:
    return "date" if label.startswith("day:") or label == "today" else label


class _Vote:
    """The nearest examples of `train` (their features and answers), by cosine of TF-IDF."""

    def __init__(self, features: list[Counter[str]], answers: list[str],
                 train: Sequence[int]) -> None:
        df = Counter(g for i in train for g in features[i])
        self.idf = {g: math.log(1 + len(train) / n) for g, n in df.items()}
        self.answers = answers
        self.postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for i in train:
            for g, x in self.vector(features[i]).items():
                self.postings[g].append((i, x))

    def vector(self, counts: Counter[str]) -> Vector:
        v = {g: (1 + math.log(n)) * self.idf[g] for g, n in counts.items() if g in self.idf}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        return {g: x / norm for g, x in v.items()}

    def __call__(self, counts: Counter[str]) -> tuple[str, float, bool]:
        """The answer voted, the nearest example's cosine, and whether all K agree."""
        sims: defaultdict[int, float] = defaultdict(float)
        for g, x in self.vector(counts).items():
            for i, y in self.postings.get(g, ()):
                sims[i] += x * y
        nearest = sorted(sims.items(), key=lambda kv: -kv[1])[:K]
        if not nearest:
            return "", 0.0, False
        votes: defaultdict[str, float] = defaultdict(float)
        for i, s in nearest:
            votes[self.answers[i]] += s
        return max(votes, key=votes.__getitem__), nearest[0][1], len(votes) == 1


def batches(path: Path) -> tuple[dict[int, str], dict[int, int]]:
    """The header of each batch (by the "# ---" lines, numbered from 1), and each line's
    batch (0 before the first header)."""
    header, batch, current = {}, {}, 0
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("# ---"):
            current += 1
            header[current] = line
        batch[number] = current
    return header, batch


def folds(cases: Sequence[Case], batch: dict[int, int]) -> dict[int, int]:
    """Each case's fold of five: a batch's lines dealt in turn."""
    fold, seen = {}, Counter[int]()
    for i, c in enumerate(cases):
        fold[i] = seen[batch[c.line]] % 5
        seen[batch[c.line]] += 1
    return fold


def rules_at(checkout: Path | str, texts: list[str]) -> list[str]:
    """The answer key of each text by the rules of another checkout (run there)."""
    run = subprocess.run([sys.executable, "-c", _RULES_AT], cwd=checkout, check=True,
                         input=json.dumps(texts), capture_output=True, text=True,
                         env={"PYTHONPATH": str(checkout), "PATH": "/usr/bin"})
    answers: list[str] = json.loads(run.stdout)
    return answers


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rules-at", type=Path, help="a checkout whose rules meet round 20")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="list the lines the strictest gate answers (tuned lines only)")
    args = parser.parse_args(argv)
    path = CORPUS / "corpus.txt"
    u = Understander(load_edition(default_edition_path("2020")))
    outcomes = evaluate(u, load_corpus(path), TODAY).outcomes
    cases = [o.case for o in outcomes]  # (expected "today" written as the day)
    features = [example_features(o.understanding.normalised) for o in outcomes]
    answers = [_answer(c.expected[0]) for c in cases]
    header, batch = batches(path)
    round20 = {b for b, line in header.items() if "round 20" in line}
    if args.rules_at:
        tested = [i for i, c in enumerate(cases) if batch[c.line] in round20]
        rules = dict(zip(tested, rules_at(args.rules_at, [cases[i].text for i in tested]),
                         strict=True))
        vote = _Vote(features, answers, [i for i in range(len(cases)) if i not in rules])
        votes = {i: vote(features[i]) for i in tested}
        print(f"round 20's {len(tested)} tuned lines, the rules of {args.rules_at}")
    else:
        rules = {i: o.got for i, o in enumerate(outcomes)}
        fold = folds(cases, batch)
        votes = {}
        for f in range(5):
            vote = _Vote(features, answers, [i for i in fold if fold[i] != f])
            votes.update({i: vote(features[i]) for i in fold if fold[i] == f})
        print(f"corpus.txt's {len(cases)} lines, fivefold, today's rules (tuned on them)")
    _report(cases, rules, votes, verbose=args.verbose)
    return 0


def _report(cases: list[Case], rules: dict[int, str],
            votes: dict[int, tuple[str, float, bool]], *, verbose: bool) -> None:
    def right(i: int, got: str) -> bool:
        return got in cases[i].expected or (got == "date" and rules[i] in cases[i].expected)

    def voted_right(i: int) -> bool:
        return votes[i][0] in {_answer(e) for e in cases[i].expected}

    print(f"rules right {sum(right(i, g) for i, g in rules.items())}, "
          f"examples' vote right {sum(voted_right(i) for i in votes)}")
    print(f"{'second opinion where the rules say no information or ask back':<64}"
          f"{'fires':>6}{'gain':>6}{'harm':>6}")
    for threshold in (0.4, 0.5, 0.6, 0.7, None):
        fired = [i for i, got in rules.items() if got in ("dont_know", "clarify")
                 and votes[i][0] not in ("date", "", _answer(got))
                 and (votes[i][2] if threshold is None else votes[i][1] >= threshold
                      or votes[i][2])]
        gate = "all five agree" if threshold is None else f"cosine >= {threshold} or all agree"
        print(f"  {gate:<62}{len(fired):>6}"
              f"{sum(voted_right(i) and not right(i, rules[i]) for i in fired):>6}"
              f"{sum(right(i, rules[i]) and not voted_right(i) for i in fired):>6}")
        if threshold is None and verbose:
            for i in fired:
                print(f"    {cases[i].text!r}: rules {rules[i]}, vote {votes[i][0]}, "
                      f"expected {' / '.join(cases[i].expected)}")


if __name__ == "__main__":
    sys.exit(main())
