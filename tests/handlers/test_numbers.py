"""Typed numbers: ASCII digits within bounds, never an exception."""

from __future__ import annotations

import pytest

from handlers.numbers import MAX_ID, parse_int


@pytest.mark.parametrize(("text", "expected"), [
    ("1", 1), (" 42 ", 42), ("007", 7), (str(MAX_ID), MAX_ID),
    ("²", None), ("٣", None), ("1²", None), ("", None), ("-1", None), ("+1", None),
    ("1.0", None), ("99999999999999999999", None), (str(MAX_ID + 1), None), ("1 2", None),
])
def test_parse_int(text: str, expected: int | None) -> None:
    assert parse_int(text) == expected


def test_bounds() -> None:
    assert parse_int("0", low=1) is None
    assert parse_int("10", low=1, high=10) == 10
    assert parse_int("11", low=1, high=10) is None
