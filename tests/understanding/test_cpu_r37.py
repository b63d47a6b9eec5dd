"""Round 37 (h37cpu2): the dataclasses made by a written __init__ (compiled by mypyc, the one
@dataclass writes stays interpreted) take the fields @dataclass would, set them all, and stay
frozen where they were; a compiled Understanding is replaced by its constructor."""

from __future__ import annotations

import dataclasses

import pytest

from handlers.understanding.normalise import Token
from handlers.understanding.understand import Understanding, _Candidate, _changed, replace

# A value of each field __init__ takes, each unlike its default (compiled, of its type).
_GIVEN: dict[type, dict[str, object]] = {
    Token: {"text": "khóa", "fold": "khoa", "kind": "number", "expanded": True,
            "repaired": True, "keyed": True, "clause": 2},
    Understanding: {"feature": "faq", "arg": "chi-phi", "candidates": (("a", "b"),),
                    "typed": "t", "normalised": "n", "english": True, "words": 3,
                    "unexplained": 1, "asks": True, "score": 2.5, "explained": frozenset({1}),
                    "elsewhere": True, "apart": True, "voted": True},
    _Candidate: {"route": ("faq", "x"), "score": 1.5, "explained": {0}, "source": 4,
                 "rank": 0.5},
}


@pytest.mark.parametrize("cls", [Token, Understanding, _Candidate])
def test_the_written_init_takes_the_fields_of_the_dataclass(cls: type) -> None:
    """Each field __init__ takes, by name and in the fields' order, with the field's default
    (read by making objects: compiled, __init__ shows no signature). A field added to the
    class and not to _GIVEN fails here; one not added to __init__ too."""
    fields = [f for f in dataclasses.fields(cls) if f.init]
    given = _GIVEN[cls]
    assert list(given) == [f.name for f in fields]
    for made in (cls(**given), cls(*given.values())):
        assert {name: getattr(made, name) for name in given} == given
    required = {f.name: given[f.name] for f in fields if f.default is dataclasses.MISSING}
    made = cls(**required)
    for f in fields:
        if f.default is not dataclasses.MISSING:
            assert getattr(made, f.name) == f.default, f.name


def test_a_token_is_made_whole_and_stays_frozen() -> None:
    t = Token("khóa", "khoa", "word", True, True, True, 3)
    assert (t.text, t.fold, t.kind, t.expanded, t.repaired, t.keyed, t.clause, t.marked) == (
        "khóa", "khoa", "word", True, True, True, 3, True)
    assert not Token("lich", "lich").marked
    assert t == Token("khóa", "khoa", "word", True, True, True, 3)
    assert hash(t) == hash(Token("khóa", "khoa", "word", True, True, True, 3))
    with pytest.raises(dataclasses.FrozenInstanceError):
        t.text = "khoa"  # type: ignore[misc]


def test_an_understanding_is_made_whole_and_stays_frozen() -> None:
    u = Understanding("faq", "chi-phi", (("a", "b"),), "typed", "norm", True, 3, 1, True, 2.5,
                      frozenset({1}), True, True, True)
    assert dataclasses.astuple(u) == ("faq", "chi-phi", (("a", "b"),), "typed", "norm", True, 3,
                                      1, True, 2.5, frozenset({1}), True, True, True)
    with pytest.raises(dataclasses.FrozenInstanceError):
        u.feature = "unknown"  # type: ignore[misc]


def test_replaced_by_the_constructor_as_by_dataclasses() -> None:
    """The compiled way (_changed) and the sources' way (replace) give what
    dataclasses.replace gives, for each field changed."""
    u = Understanding("faq", "chi-phi", typed="x", words=2, score=1.5, explained=frozenset({0}))
    for name, value in [("feature", "unknown"), ("arg", ""), ("candidates", (("a", ""),)),
                        ("typed", "y"), ("normalised", "n"), ("english", True), ("words", 0),
                        ("unexplained", 4), ("asks", True), ("score", 0.0),
                        ("explained", frozenset()), ("elsewhere", True), ("apart", True),
                        ("voted", True)]:
        expected = dataclasses.replace(u, **{name: value})
        assert _changed(u, {name: value}) == expected
        assert dataclasses.astuple(replace(u, **{name: value})) == dataclasses.astuple(expected)
