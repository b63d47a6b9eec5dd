"""How well free text is understood: accuracy per category, confusions, CPU per message.

    .venv/bin/python -m bench.understanding              # the tuned corpus
    .venv/bin/python -m bench.understanding --heldout    # the held-out fifth (report this one)
    .venv/bin/python -m bench.understanding --all        # both
    .venv/bin/python -m bench.understanding --explain "mai co gi"   # how one message is read
    .venv/bin/python -m bench.understanding --heldout --quiet --by-batch   # totals per batch

The corpora are tests/understanding/corpus.txt and heldout.txt; the clock is 01/10/2020 07:30.
CPU per message is the process time of a first pass over the corpus with a fresh understander
(no cached typo repairs), divided by the number of messages; then the median of 5 warm passes.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import date
from pathlib import Path

from bench.common import ROOT, machine
from content import default_edition_path, load_edition
from handlers.understanding import Understander
from handlers.understanding.evaluate import Case, Outcome, Report, evaluate, load_corpus

TODAY = date(2020, 10, 1)
CORPUS = ROOT / "tests" / "understanding"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    which = p.add_mutually_exclusive_group()
    which.add_argument("--heldout", action="store_true", help="the held-out corpus")
    which.add_argument("--all", action="store_true", help="both corpora")
    p.add_argument("--quiet", action="store_true", help="no list of wrong answers")
    p.add_argument("--explain", metavar="TEXT", help="show how TEXT is read, then stop")
    p.add_argument("--by-batch", action="store_true",
                   help="accuracy of each batch (a '# ---' header of the file): totals only")
    args = p.parse_args(argv)
    if args.explain:
        explain(args.explain)
        return 0
    files = (["heldout.txt"] if args.heldout else
             ["corpus.txt", "heldout.txt"] if args.all else ["corpus.txt"])
    by_file = {name: load_corpus(CORPUS / name) for name in files}
    cases = [c for name in files for c in by_file[name]]
    edition = load_edition(default_edition_path("2020"))
    started = time.process_time()
    understander = Understander(edition)
    build_ms = (time.process_time() - started) * 1000
    report = evaluate(understander, cases, TODAY)
    warm = []
    for _ in range(5):
        t0 = time.process_time()
        for case in cases:
            understander.understand(case.text, TODAY)
        warm.append((time.process_time() - t0) * 1000 / len(cases))
    print(machine())
    print(f"corpus: {', '.join(files)} ({len(cases)} phrasings); index built in "
          f"{build_ms:.0f} ms CPU")
    lines = report.lines()
    if args.quiet:
        lines = lines[: lines.index("") if "" in lines else len(lines)]
    print("\n".join(lines))
    if args.by_batch:
        print("\n".join(_by_batch(report, by_file)))
    print(f"CPU per message, warm (median of 5 passes): {statistics.median(warm):.3f} ms")
    return 0



def _by_batch(report: Report, by_file: dict[str, list[Case]]) -> list[str]:
    """Cases and accuracy under each batch header ('# --- ... ---') of the files, in order: how
    a round's lines fare (the first contact of a new batch, its held-out part after the fixes)
    without printing one of them. Lines before the first header count as "(before)"."""
    batches: dict[tuple[str, str], list[Outcome]] = {}
    headers = {name: _headers(CORPUS / name) for name in by_file}
    # the outcomes are in the order of the cases: each file's, file after file
    names = [name for name, cases in by_file.items() for _ in cases]
    for name, o in zip(names, report.outcomes, strict=True):
        found = [h for line, h in headers[name] if line < o.case.line]
        batches.setdefault((name, found[-1] if found else "(before)"), []).append(o)
    out = ["", f"{'batch':<70}{'cases':>6}{'accuracy':>10}"]
    for (name, header), outcomes in batches.items():
        label = f"{name}: {header}"
        out.append(f"{label[:69]:<70}{len(outcomes):>6}{report.accuracy(outcomes):>9.1%}")
    return out


def _headers(path: Path) -> list[tuple[int, str]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [(n, line.strip("# -")) for n, line in enumerate(lines, 1)
            if line.startswith("# ---")]


def explain(text: str) -> None:
    """Print how `text` is read: tokens (M: typed with marks, F: filler, ?: unknown), the date,
    the phrases found, the candidates (score, rank, words explained) and the decision."""
    edition = load_edition(default_edition_path("2020"))
    u = Understander(edition)
    from handlers.understanding.dates import find_date
    from handlers.understanding.normalise import tokenize
    from handlers.understanding.parts import particles

    typed = tokenize(text)
    tokens = particles(u.lexicon.expand(u.repairer.repair(typed), u.repairer.fit),
                       u.index.is_filler)
    ref = find_date(tokens, TODAY, edition)
    used = ref.used if ref else frozenset()
    accented = u._accented(tokens)
    print("tokens:", [(t.text, "M" if t.marked else "", "F" if u.index.is_filler(t) else "",
                       "?" if not u.index.known(t, accented) else "") for t in tokens])
    print("accented:", accented, "date:", ref)
    lead = u._leave(tokens)
    print("asks leave to ask until:", lead)
    info, unknown = u._info(tokens, used, accented, lead)
    print("info:", {tokens[i].text: round(v, 2) for i, v in info.items()}, "unknown:", unknown)
    matches = u.index.match(tokens, used, accented)
    for m in matches:
        print("  match", u.index.units[m.unit], m.start, m.end, round(m.weight, 2), m.source,
              m.alone)
    total = sum(info.values()) + (3.0 if ref else 0.0)
    for c in u._candidates(tokens, matches, ref, info, unknown, total, TODAY):
        print("  cand", c.route, round(c.score, 2), round(c.rank, 2), sorted(c.explained),
              c.source)
    print(u.understand(text, TODAY))


if __name__ == "__main__":
    sys.exit(main())
