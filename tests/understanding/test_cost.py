"""A message of letters that read no way (a fuzzer's, an attacker's) is read again a bounded
number of times: each swap of a word's letters is tried by the sure rules only, never swapped
again (a doubled letter undone inside such a try once read every swap anew, and a run of
twelve letters cost the fuzz test a minute). Counted in calls, not timed."""

from __future__ import annotations

import pytest

from content import Edition
from handlers.understanding import Understander
from handlers.understanding.repair import Repairer
from tests.understanding.conftest import THU


@pytest.mark.parametrize("text", ["ndnadoodhddo", "aabbccddeeaabbccddeehhnnoo",
                                  "ooddhhnnaaoo eeddnnaa hhoonnddaa"])
def test_letters_that_read_no_way_are_read_again_a_bounded_number_of_times(
        edition: Edition, monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    understander = Understander(edition)  # its own: the memo of repairs starts empty
    calls = 0
    read = Repairer._repair_word

    def counted(self: Repairer, *args: object, **kwargs: object) -> object:
        nonlocal calls
        calls += 1
        return read(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Repairer, "_repair_word", counted)
    understander.understand(text, THU)
    assert calls <= 30 * len(text.split())
