"""Round 37 (h37cpu2): the dataclasses made by a written __init__ (compiled by mypyc, the one
@dataclass writes stays interpreted) take the fields @dataclass would, set them all, and stay
frozen where they were; a compiled Understanding is replaced by its constructor."""

from __future__ import annotations

import dataclasses
import inspect

import pytest

from handlers.understanding.normalise import Token
from handlers.understanding.understand import Understanding, _Candidate, _changed, replace


@pytest.mark.parametrize("cls", [Token, Understanding, _Candidate])
def test_the_written_init_takes_the_fields_of_the_dataclass(cls: type) -> None:
    """Each field __init__ takes, in the fields' order, with the field's default: a field
    added to the class and not to its __init__ fails here."""
    params = list(inspect.signature(cls.__init__).parameters.values())[1:]
    fields = [f for f in dataclasses.fields(cls) if f.init]
    assert [p.name for p in params] == [f.name for f in fields]
    for p, f in zip(params, fields, strict=True):
        expected = inspect.Parameter.empty if f.default is dataclasses.MISSING else f.default
        assert p.default == expected, f.name


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
