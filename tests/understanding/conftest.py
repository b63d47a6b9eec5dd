"""What the understanding tests share: one Understander per process (building its index costs
about 80 ms of CPU, and the tests only read it: its memo of repaired words is filled the same
way whichever test comes first), one way to ask it, and one way to mark the cases a round left
wrong."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping, Sequence
from datetime import date

import pytest

from content import Edition
from handlers.understanding import Understander, fast
from handlers.understanding.evaluate import answer_key

THU = date(2020, 10, 1)  # the corpus's clock: the opening day, a Thursday


def answer(understander: Understander, text: str) -> str:
    """The answer key `text` gets on THU (as the corpus writes its expected answers)."""
    return answer_key(understander.understand(text, THU), THU)


def ran_as_python(request: pytest.FixtureRequest) -> bool:
    """For a test that replaces a method or a global of the understanding: when the compiled
    build is in use (handlers/understanding/fast.py), whose classes and functions call each
    other natively, past any replacement, the test is run again in a process that reads the
    Python sources (HOCTAP_PURE_PYTHON=1), asserted to pass there, and True is returned (the
    test then ends); False when this process reads the sources: the test runs here."""
    if fast.in_use is None:
        return False
    done = subprocess.run(
        [sys.executable, "-m", "pytest", request.node.nodeid, "-q", "-p", "no:cacheprovider",
         "-p", "no:xdist"],
        cwd=request.config.rootpath, env={**os.environ, fast.ENV_PURE: "1"},
        capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert " passed" in done.stdout and "skipped" not in done.stdout, done.stdout[-2000:]
    return True


# The reason of a case the rules had right and the examples' model overrules (its second
# opinion of an answer that leaves much of the message unexplained, BENCHMARKS.md §8.81).
SECOND_OPINION = ("the examples' model's second opinion (BENCHMARKS §8.81) overrules the rules' "
                  "answer, which leaves a third of the words unexplained: ")


def with_left(cases: Sequence[tuple[str, object]], left: Mapping[str, str],
              by_start: bool = False) -> list[object]:
    """`cases` (text, expected) as parameters, those a round left wrong a strict xfail with the
    reason `left` gives: keyed by the whole text, or (`by_start`) by the text's first words."""
    def why(text: str) -> str | None:
        if not by_start:
            return left.get(text)
        return next((reason for start, reason in left.items() if text.startswith(start)), None)

    return [pytest.param(text, expected) if (reason := why(text)) is None else
            pytest.param(text, expected, marks=[pytest.mark.xfail(strict=True, reason=reason)])
            for text, expected in cases]


@pytest.fixture(scope="session")
def understander(edition: Edition) -> Understander:
    return Understander(edition)
