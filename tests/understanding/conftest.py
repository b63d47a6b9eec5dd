"""What the understanding tests share: one Understander per process (building its index costs
about 80 ms of CPU, and the tests only read it: its memo of repaired words is filled the same
way whichever test comes first) and one way to ask it."""

from __future__ import annotations

from datetime import date

import pytest

from content import Edition
from handlers.understanding import Understander
from handlers.understanding.evaluate import answer_key

THU = date(2020, 10, 1)  # the corpus's clock: the opening day, a Thursday


def answer(understander: Understander, text: str) -> str:
    """The answer key `text` gets on THU (as the corpus writes its expected answers)."""
    return answer_key(understander.understand(text, THU), THU)


@pytest.fixture(scope="session")
def understander(edition: Edition) -> Understander:
    return Understander(edition)
