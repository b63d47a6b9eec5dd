"""Measure the understanding against a corpus of phrasings with the answer each must get.

The corpus format is described at the top of tests/understanding/corpus.txt. Used by
tests/understanding (the accuracy floor) and `python -m bench.understanding` (the report).
"""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from handlers.understanding.dates import HOURS
from handlers.understanding.understand import Understander, Understanding

CATEGORIES = {
    "abbr": "abbreviations, teencode",
    "date": "relative dates",
    "talk": "small talk, off-topic",
    "coll": "diacritic collisions",
    "en": "English",
    "issue": "issue 15's examples",
}
_SPLIT = re.compile(r"\s*\|\s*")
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class Case:
    """One phrasing: what a citizen types and the answers that are right."""

    text: str
    expected: tuple[str, ...]
    tags: frozenset[str]
    line: int

    @property
    def without_diacritics(self) -> bool:
        return self.text.isascii()


def load_corpus(path: Path) -> list[Case]:
    """The cases of a corpus file (EXPECTED | TAGS | TEXT a line; '#' starts a comment)."""
    cases = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        expected, tags, text = _SPLIT.split(line, maxsplit=2)
        cases.append(Case(text, tuple(e.strip() for e in expected.split(" / ")),
                          frozenset(t for t in tags.split(",") if t), number))
    return cases


def answer_key(u: Understanding, today: date) -> str:
    """The answer `u` gives, written as the corpus writes expected answers."""
    feature, arg = u.feature, u.arg
    if feature == "today":
        return f"day:{today.isoformat()}"
    if feature == "day":
        words = arg.split()
        part = words[-1] if words and words[-1] in HOURS else ""
        days = [w for w in words if _ISO.match(w)]
        if not days:
            return "day:invalid"
        return "day:" + "+".join(days) + (f"@{part}" if part else "")
    if feature == "unknown":
        return "dont_know"
    return u.key


def _expected_key(expected: str, today: date) -> str:
    return f"day:{today.isoformat()}" if expected == "today" else expected


@dataclass(frozen=True)
class Outcome:
    case: Case
    got: str
    understanding: Understanding

    @property
    def right(self) -> bool:
        return self.got in self.case.expected

    @property
    def confident_wrong(self) -> bool:
        """Answered with something it is not, instead of saying it does not know."""
        return not self.right and self.got not in ("dont_know", "clarify") and not (
            self.got.startswith("smalltalk:"))


@dataclass
class Report:
    outcomes: list[Outcome]
    cpu_ms_per_message: float

    def accuracy(self, cases: Iterable[Outcome] | None = None) -> float:
        chosen = list(self.outcomes if cases is None else cases)
        return sum(o.right for o in chosen) / len(chosen) if chosen else 1.0

    def by_category(self) -> list[tuple[str, int, float]]:
        rows = [("all", self.outcomes), ("without diacritics",
                                          [o for o in self.outcomes
                                           if o.case.without_diacritics])]
        rows += [(label, [o for o in self.outcomes if tag in o.case.tags])
                 for tag, label in CATEGORIES.items()]
        return [(label, len(chosen), self.accuracy(chosen)) for label, chosen in rows]

    def kinds(self) -> Counter[str]:
        """The wrong answers by kind, counts only (the held-out corpus's are printed so, never
        its lines): where the bot said it has no information on a question it answers, gave
        an answer where it has none to give, gave another answer, or asked back between two."""
        kinds: Counter[str] = Counter()
        for o in self.outcomes:
            if o.right:
                continue
            if o.got == "dont_know":
                kinds["no information, an answer expected"] += 1
            elif o.got == "clarify":
                kinds["asked back between answers"] += 1
            elif "dont_know" in o.case.expected:
                kinds["an answer, no information expected"] += 1
            else:
                kinds["another answer"] += 1
        return kinds

    def confusions(self) -> Counter[tuple[str, str]]:
        return Counter((o.case.expected[0], o.got) for o in self.outcomes if not o.right)

    def lines(self) -> list[str]:
        out = [f"{'category':<26}{'cases':>6}{'accuracy':>10}"]
        out += [f"{label:<26}{n:>6}{acc:>9.1%}" for label, n, acc in self.by_category()]
        talk = [o for o in self.outcomes if "talk" in o.case.tags]
        out.append(f"{'confident wrong (talk)':<26}{len(talk):>6}"
                   f"{sum(o.confident_wrong for o in talk):>10}")
        out += [f"wrong: {kind:<34}{n:>6}" for kind, n in self.kinds().most_common()]
        out.append(f"CPU per message: {self.cpu_ms_per_message:.3f} ms")
        wrong = [o for o in self.outcomes if not o.right]
        if wrong:
            out.append("")
            out.append("confusions (expected -> got: count):")
            out += [f"  {e} -> {g}: {n}" for (e, g), n in self.confusions().most_common()]
            out.append("")
            out.append("wrong answers (line: text -> got; expected):")
            out += [f"  {o.case.line}: {o.case.text!r} -> {o.got}; "
                    f"{' / '.join(o.case.expected)}" for o in wrong]
        return out


def evaluate(understander: Understander, cases: Sequence[Case], today: date) -> Report:
    """Understand every case once (timing the CPU it takes) and compare with what it expects."""
    results = []
    started = time.process_time()
    for case in cases:
        results.append(understander.understand(case.text, today))
    cpu = (time.process_time() - started) * 1000 / max(1, len(cases))
    outcomes = [
        Outcome(Case(c.text, tuple(_expected_key(e, today) for e in c.expected), c.tags, c.line),
                answer_key(u, today), u)
        for c, u in zip(cases, results, strict=True)
    ]
    return Report(outcomes, cpu)
