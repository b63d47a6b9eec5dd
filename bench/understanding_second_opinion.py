"""The examples' model asked again where the rules answered on a part of the message only.

    .venv/bin/python -m bench.understanding_second_opinion --round "round 20=/tmp/at-47bb4e7" \\
        --round "round 22=/tmp/at-42b4c5a" --round "round 23=/tmp/at-ce61402" \\
        --round "round 24=/tmp/at-4607a58" --round "round 25=/tmp/at-f6ec056"

(checkouts from before each round, as bench.understanding_vote takes them, catalogs compiled.)
Since BENCHMARKS.md §8.81 the understanding asks the examples' model for a second opinion of a
rule answer that leaves HALF_EXPLAINED of the message's asking words or more unexplained
(Understander._half_explained), and gives the model's answer instead where it is sure of it
(examples.SECOND_FLOOR), gives the rules' answer little (examples.OVERRULED), and the example
most like the message names it too (Examples.second_opinion), through the vote's gates
(Understander.vote: no word of a subject elsewhere, no answer never given) and never small
talk nor less of the same subject (understand._seconded).

Two measures, at each share of unexplained words:
- fresh rounds: a round's tuned lines read by the rules of a checkout from before it (their
  answer, asking words, unexplained words), the model trained on the examples of every batch
  but the round and the later rounds: gain (rules wrong, model right), harm (rules right, model
  wrong);
- fivefold: every tuned line read by today's rules, the model of the four other folds. The
  rules were tuned on these lines, so they are right far more often here than on new ones:
  the harm is the upper bound.
The check of marks (Understander._rests_on_other_marks) asks the edition's own examples and is
not applied here. heldout.txt is never read.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import handlers.understanding.understand as understand
from bench.understanding import TODAY
from bench.understanding_examples import folds
from bench.understanding_vote import examples_of, fresh_rounds, tuned_corpus
from handlers.understanding.evaluate import answer_key
from handlers.understanding.examples import Examples
from handlers.understanding.understand import Understanding, _seconded

SHARES = (0.2, 0.3, 0.4, 0.5)
# (the rules of another checkout, run there: each line's answer, asking words, unexplained
# words, and whether a subject elsewhere was said or the examples answered)
_READINGS_AT = """
import json, sys
from bench.understanding import TODAY
from content import default_edition_path, load_edition
from handlers.understanding import Understander
from handlers.understanding.evaluate import answer_key
u = Understander(load_edition(default_edition_path("2020")))
out = []
for t in json.load(sys.stdin):
    r = u.understand(t, TODAY)
    out.append([answer_key(r, TODAY), r.words, r.unexplained,
                bool(getattr(r, "elsewhere", False)), bool(getattr(r, "voted", False))])
print(json.dumps(out))
"""


def readings_at(checkout: Path | str, texts: list[str]) -> list[Understanding]:
    """How the rules of another checkout read each text, as far as the second opinion asks."""
    run = subprocess.run([sys.executable, "-c", _READINGS_AT], cwd=checkout, check=True,
                         input=json.dumps(texts), capture_output=True, text=True,
                         env={"PYTHONPATH": str(checkout), "PATH": "/usr/bin"})
    out = []
    for key, words, unexplained, elsewhere, voted in json.loads(run.stdout):
        feature, _, arg = key.partition(":")
        out.append(Understanding("unknown" if key == "dont_know" else feature, arg,
                                 words=words, unexplained=unexplained, elsewhere=elsewhere,
                                 voted=voted))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--round", action="append", default=[], metavar="NAME=DIR",
                        help="a round (its batch headers hold NAME) and a checkout before it")
    parser.add_argument("-v", "--verbose", action="store_true", help="list gains and harms")
    args = parser.parse_args(argv)
    u, cases, surface, header, batch = tuned_corpus()
    order = [n for n, _ in (r.split("=", 1) for r in args.round)]
    counts: Counter[tuple[str, float, str]] = Counter()

    def tally(name: str, i: int, read: Understanding, examples: Examples) -> None:
        rules = answer_key(read, TODAY)
        for share in SHARES:
            understand.HALF_EXPLAINED = share
            if not u._half_explained(read):
                continue
            voted = u.vote(surface[i], examples, second_opinion=rules)
            if voted is None or voted.answer == rules or not _seconded(read, voted.answer):
                continue
            expected = cases[i].expected
            gain = voted.answer in expected and rules not in expected
            harm = rules in expected and voted.answer not in expected
            counts[(name, share, "gain")] += gain
            counts[(name, share, "harm")] += harm
            if args.verbose and (gain or harm) and share == built:
                print(f"  {'gain' if gain else 'harm'} {name}: {cases[i].text!r} "
                      f"{rules} -> {voted.answer}")

    built = understand.HALF_EXPLAINED
    for name, checkout, examples, reads in fresh_rounds(cases, surface, header, batch,
                                                        args.round, readings_at):
        right = sum(answer_key(r, TODAY) in cases[i].expected for i, r in reads.items())
        print(f"{name}: {len(reads)} tuned lines, the rules of {checkout} right on {right}",
              flush=True)
        for i, read in reads.items():
            tally(name, i, read, examples)
    fold = folds(cases, batch)
    for f in range(5):
        examples = examples_of(cases, surface, lambda i: fold[i] != f)  # noqa: B023
        for i, c in enumerate(cases):
            if fold[i] == f:
                tally("fivefold", i, u._read(c.text, TODAY), examples)
    understand.HALF_EXPLAINED = built
    print(f"\n| unexplained share | {' | '.join(order)} | fresh, all | fivefold, all tuned |")
    print(f"|---|{'---|' * len(order)}---|---|")
    for share in SHARES:
        cells = [f"+{counts[(n, share, 'gain')]}/−{counts[(n, share, 'harm')]}" for n in order]
        gain = sum(counts[(n, share, "gain")] for n in order)
        harm = sum(counts[(n, share, "harm")] for n in order)
        mark = " (built)" if share == built else ""
        print(f"| ≥ {share}{mark} | {' | '.join(cells)} | +{gain}/−{harm} | "
              f"+{counts[('fivefold', share, 'gain')]}/−{counts[('fivefold', share, 'harm')]} |")
    return 0



if __name__ == "__main__":
    sys.exit(main())
