"""A message of letters that read no way (a fuzzer's, an attacker's) is read again a bounded
number of times: each swap of a word's letters is tried by the sure rules only, never swapped
again (a doubled letter undone inside such a try once read every swap anew, and a run of
twelve letters cost the fuzz test a minute). Counted in calls, not timed."""

from __future__ import annotations

import pytest

from content import Edition
from handlers.understanding import Understander
from handlers.understanding.normalise import Token
from handlers.understanding.repair import MAX_REPAIRS, Repairer
from tests.understanding.conftest import THU, ran_as_python


@pytest.mark.parametrize("text", ["ndnadoodhddo", "aabbccddeeaabbccddeehhnnoo",
                                  "ooddhhnnaaoo eeddnnaa hhoonnddaa"])
def test_letters_that_read_no_way_are_read_again_a_bounded_number_of_times(
        edition: Edition, monkeypatch: pytest.MonkeyPatch, text: str,
        request: pytest.FixtureRequest) -> None:
    if ran_as_python(request):  # (Repairer's method is replaced: the Python class's)
        return
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


def test_a_message_of_many_unknown_words_reads_again_a_bounded_number_of_them(
        edition: Edition, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> None:
    """4,096 characters of distinct made-up words (300 of them) were each read again, half a
    second of CPU for one message; now the first MAX_REPAIRS, the rest stay as typed. Nor is
    a "word" longer than any words typed together read at all (each cut of 4,000 letters
    folded its halves: a second a message)."""
    if ran_as_python(request):  # (Repairer's method is replaced: the Python class's)
        return
    understander = Understander(edition)
    words: list[str] = []
    read = Repairer._repair_word

    def counted(self: Repairer, t: Token, *args: object, **kwargs: object) -> object:
        words.append(t.fold)
        return read(self, t, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Repairer, "_repair_word", counted)
    # (no swap of two letters of one spells another: x before y in the alphabet)
    made_up = [f"{p}{x}{y}xw" for p in ("zq", "vk") for x in "abcdefghijklm"
               for y in "nopqrstuvwxyz"][:300]
    understander.understand(" ".join(made_up), THU)
    assert {w for w in words if w in made_up} == set(made_up[:MAX_REPAIRS])
    words.clear()
    long = understander.understand("lichhomnay" * 400, THU)
    assert words == ["lichhomnay" * 400] and long.feature == "unknown"
    # a citizen's message is read as before: its few unknown words are all read again
    assert understander.understand("lich hom nau co gi khog ad", THU).feature == "today"
