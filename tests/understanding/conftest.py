"""The understanding tests share one Understander per process: building its index costs about
80 ms of CPU, and the tests only read it (its memo of repaired words is filled the same way
whichever test comes first)."""

from __future__ import annotations

import pytest

from content import Edition
from handlers.understanding import Understander


@pytest.fixture(scope="session")
def understander(edition: Edition) -> Understander:
    return Understander(edition)
