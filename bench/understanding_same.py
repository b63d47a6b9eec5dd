"""Check that a change to the understanding changes no answer: record, then compare.

    .venv/bin/python -m bench.understanding_same --record /tmp/answers.json   # before
    .venv/bin/python -m bench.understanding_same --check /tmp/answers.json    # after

Every line of the tuned and the held-out corpus is understood twice by one fresh understander
(a first pass, with its memos empty, and a second that reads them); the full result of each
(feature, arg, candidates, score rounded, the words counted and explained) is kept as a hash,
so the file holds no held-out text. --check prints only counts ("identical 800/800").
--tuned reads the tuned corpus only. The understanding read is the compiled build when it is in
use (handlers/understanding/fast.py; printed), the sources with HOCTAP_PURE_PYTHON=1: an answer
file recorded by one and checked by the other compares them.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

from bench.understanding import CORPUS, TODAY
from content import default_edition_path, load_edition
from handlers.understanding import Understander, Understanding, fast
from handlers.understanding.evaluate import load_corpus

FILES = ("corpus.txt", "heldout.txt")


def _digest(u: Understanding) -> str:
    kept = (u.feature, u.arg, u.candidates, round(u.score, 6), u.normalised, u.english,
            u.words, u.unexplained, u.asks, sorted(u.explained))
    return hashlib.sha256(repr(kept).encode()).hexdigest()[:16]


def answers(files: tuple[str, ...] = FILES) -> dict[str, list[str]]:
    """The hashes of every line's result, per corpus file and pass ("corpus.txt#1")."""
    understander = Understander(load_edition(default_edition_path("2020")))
    cases = {name: load_corpus(CORPUS / name) for name in files}
    out: dict[str, list[str]] = {}
    for run in (1, 2):
        for name, chosen in cases.items():
            out[f"{name}#{run}"] = [_digest(understander.understand(c.text, TODAY))
                                    for c in chosen]
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--record", type=Path, metavar="FILE")
    which.add_argument("--check", type=Path, metavar="FILE")
    p.add_argument("--tuned", action="store_true", help="the tuned corpus only")
    args = p.parse_args(argv)
    print("understanding:", f"compiled ({fast.in_use.name})" if fast.in_use is not None
          else f"Python ({fast.why_pure or 'no build'})")
    now = answers(FILES[:1] if args.tuned else FILES)
    if args.record:
        args.record.write_text(json.dumps(now), encoding="utf-8")
        print("recorded", ", ".join(f"{k} {len(v)}" for k, v in now.items()))
        return 0
    before = json.loads(args.check.read_text(encoding="utf-8"))
    same = True
    for key, hashes in now.items():
        old = before.get(key, [])
        n = sum(a == b for a, b in zip(old, hashes, strict=False))
        same = same and n == len(hashes) == len(old)
        print(f"{key}: identical {n}/{len(old)} (now {len(hashes)} lines)")
    print("all identical" if same else "DIFFERENT")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
