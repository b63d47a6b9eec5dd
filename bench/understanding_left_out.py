"""The understanding as built, its examples made without the lines it is asked: what they add.

    .venv/bin/python -m bench.understanding_left_out                      # rounds 25–31 left out
    .venv/bin/python -m bench.understanding_left_out --rounds "round 3[01]"
    .venv/bin/python -m bench.understanding_left_out --fivefold
    .venv/bin/python -m bench.understanding_left_out --record /tmp/before.json   # (a change)
    .venv/bin/python -m bench.understanding_left_out --against /tmp/before.json  # (after it)

Today's rules (tuned on every line of tests/understanding/corpus.txt) and the edition's examples
(examples.toml) without the lines asked: the batches whose "# ---" header matches `--rounds`
(a regular expression), or, with `--fivefold`, each fifth of every batch (the examples of the
four other fifths). The lines are fresh to the examples and their model, not to the rules, which
are the same on both sides of a comparison: a difference is the examples' part and how it is
combined with the rules' (BENCHMARKS.md §8.117). Printed: the rules alone (no example) right,
the understanding as built right, and its gains and harms against the rules alone; with
`--against` a record of another run (`--record`, e.g. of the code before a change), the lines
whose answer changed, gained or lost. heldout.txt is never read.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from dataclasses import replace
from pathlib import Path

from bench.understanding import CORPUS, TODAY
from bench.understanding_examples import batches, folds
from content import Example, default_edition_path, load_edition, same_message
from handlers.understanding import Understander
from handlers.understanding.evaluate import Case, answer_key, load_corpus
from handlers.understanding.examples import Examples

ROUNDS = r"round (2[5-9]|3[01])"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", default=ROUNDS,
                        help=f"the batches left out (their headers match; default {ROUNDS!r})")
    parser.add_argument("--fivefold", action="store_true",
                        help="each fifth of every batch left out in turn instead")
    parser.add_argument("--record", type=Path, help="write each line's answers here (JSON)")
    parser.add_argument("--against", type=Path, help="a record to compare with (--record)")
    args = parser.parse_args(argv)
    path = CORPUS / "corpus.txt"
    edition = load_edition(default_edition_path("2020"))
    cases = load_corpus(path)
    header, batch = batches(path)
    if args.fivefold:
        fold = folds(cases, batch)
        splits = [[i for i in fold if fold[i] == f] for f in range(5)]
    else:
        left = {b for b, line in header.items() if re.search(args.rounds, line)}
        splits = [[i for i, c in enumerate(cases) if batch[c.line] in left]]
    rules: dict[int, str] = {}
    built: dict[int, str] = {}
    cpu = 0.0
    for asked in splits:
        out = {same_message(cases[i].text) for i in asked}
        u = Understander(replace(edition, examples=tuple(
            Example(e.answer, tuple(t for t in e.texts if same_message(t) not in out))
            for e in edition.examples)))
        started = time.process_time()
        u.examples.model  # noqa: B018 (a property: trained now)
        cpu += time.process_time() - started
        for i in asked:
            built[i] = answer_key(u.understand(cases[i].text, TODAY), TODAY)
        u.examples = Examples([])  # (the rules alone: no example, no model)
        for i in asked:
            rules[i] = answer_key(u.understand(cases[i].text, TODAY), TODAY)
    expected = {i: {f"day:{TODAY.isoformat()}" if e == "today" else e
                    for e in cases[i].expected} for i in built}
    right = {i for i in built if built[i] in expected[i]}
    alone = {i for i in rules if rules[i] in expected[i]}
    print(f"{'fivefold' if args.fivefold else repr(args.rounds)}: {len(built)} tuned lines, "
          f"the examples made without them ({cpu:.1f} s CPU to train "
          f"{len(splits)} model{'s' if len(splits) > 1 else ''})")
    print(f"  the rules alone right {len(alone)}, as built {len(right)}: "
          f"+{len(right - alone)}/-{len(alone - right)}")
    if args.record:
        args.record.write_text(json.dumps({str(cases[i].line): built[i] for i in built}),
                               encoding="utf-8")
    if args.against:
        _compare(cases, built, expected, json.loads(args.against.read_text(encoding="utf-8")))
    return 0


def _compare(cases: list[Case], built: dict[int, str], expected: dict[int, set[str]],
             before: dict[str, str]) -> None:
    changed = [i for i in built if before.get(str(cases[i].line), built[i]) != built[i]]
    gained = [i for i in changed if built[i] in expected[i]
              and before[str(cases[i].line)] not in expected[i]]
    lost = [i for i in changed if built[i] not in expected[i]
            and before[str(cases[i].line)] in expected[i]]
    print(f"  against the record: {len(changed)} changed, +{len(gained)}/-{len(lost)}")
    for i in changed:
        mark = "+" if i in gained else "-" if i in lost else " "
        print(f"    {mark} {cases[i].line}: {cases[i].text!r}: {before[str(cases[i].line)]} -> "
              f"{built[i]} (expected {' / '.join(sorted(expected[i]))})")


if __name__ == "__main__":
    sys.exit(main())
