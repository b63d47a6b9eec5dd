"""The quận/huyện a message names, as citizens type it: "Lê Chân", "quan le chan", "q.Lê Chân",
"tôi ở huyện Thủy Nguyên ạ". Below the router and the features (both read it)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from content import Edition, Unit
from handlers.text import fold, tokens

_PREFIXES = ("quan ", "huyen ", "q. ", "h. ", "q.", "h.")
_KINDS = frozenset({"quan", "huyen", "q", "h"})
_BEFORE = frozenset({"o", "tai", "cua", "thuoc", "trong", "ve"})  # "sự kiện ở quận Lê Chân"
# Words that say where one lives ("tôi ở", "nhà ở", "quê", "thuộc"): the message states it.
_LIVING = frozenset({"o", "song", "thuoc", "nha", "que", "cu", "tru", "dang"})
# Words that may stand around a district's name in a message that says only where one lives.
_AROUND = _LIVING | frozenset({
    "toi", "em", "minh", "chau", "con", "anh", "chi", "bac", "co", "chu", "ong", "ba", "tai",
    "la", "hien", "cua", "gia", "dinh", "a", "ah", "nhe", "nha", "nhen", "oi", "day", "do", "ne",
    "ak", "thi", "chon", "khu", "vuc", "vung",
})


def match_district(edition: Edition, text: str) -> str | None:
    """The quận/huyện `text` names (its id, or its name with or without diacritics and the
    word "quận"/"huyện"), as content spells it; None when it names none."""
    wanted = " ".join(fold(text).split())
    for unit in edition.units:
        if not unit.is_district:
            continue
        name = fold(unit.name.vi)
        if wanted in (unit.id, name) or any(wanted == p + name for p in _PREFIXES):
            return unit.name.vi
    return None


@dataclass(frozen=True)
class Said:
    """A message that names one quận/huyện and says nothing else."""

    district: str  # as content spells it ("Lê Chân")
    unit_id: str
    stated: bool  # "tôi ở …", "nhà ở …": the citizen says they live there


class Districts:
    """The edition's quận/huyện as words, read once (the router reads every free text with it),
    and where a message names one."""

    def __init__(self, edition: Edition) -> None:
        self.names = [(unit, tokens(unit.name.vi)) for unit in edition.units if unit.is_district]

    def _found(self, words: list[str]) -> Iterator[tuple[Unit, int, int]]:
        """(district, first word, end) of each district named in `words` (folded), with the
        "quận"/"huyện" before it."""
        for unit, name in self.names:
            for i in range(len(words) - len(name) + 1):
                if words[i:i + len(name)] == name:
                    start = i - 1 if i and words[i - 1] in _KINDS else i
                    yield unit, start, i + len(name)

    def said(self, text: str) -> Said | None:
        """The quận/huyện `text` names when that is all it says, give or take the words around
        a place where one lives ("tôi ở quận Lê Chân ạ"); None for anything else ("lịch quận
        Lê Chân" asks for the schedule)."""
        words = tokens(text)
        for unit, start, end in self._found(words):
            rest = words[:start] + words[end:]
            if all(w in _AROUND for w in rest):
                return Said(unit.name.vi, unit.id, any(w in _LIVING for w in rest))
        return None

    def without(self, text: str) -> tuple[str, str] | None:
        """(`text` without the quận/huyện it names, that district) when it names one among
        other words: "lịch quận Lê Chân" -> ("lịch", "Lê Chân"); the words left keep their
        marks."""
        words = text.split()
        folded = [" ".join(tokens(w)) for w in words]
        for unit, start, end in self._found(folded):
            if start and folded[start - 1] in _BEFORE:  # "sự kiện ở quận Lê Chân"
                start -= 1
            rest = " ".join(words[:start] + words[end:])
            return (rest, unit.name.vi) if rest and rest != text else None
        return None


def said_district(edition: Edition, text: str) -> Said | None:
    """Districts(edition).said(text), for a reader that reads one message."""
    return Districts(edition).said(text)
