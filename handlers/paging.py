"""Short first, more on request: every reply fits one phone screen, the rest is behind a
"Xem thêm" button.

A screen is at most SCREEN_CHARS characters and SCREEN_LINES lines (the title and blank lines
included) before the buttons: about what an elderly reader sees at once on a phone with a large
font. The same on every channel, because the pages are cut here, in the core, not by the
channels (which still split what exceeds their own message limit).

Nothing is stored: the "Xem thêm" button's command names the feature's command, its argument
and the page ("/xemthem lich 2020-10-03 2"), and the page is cut again from the same content.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from handlers.i18n import _
from handlers.numbers import parse_int
from handlers.text import split_message
from handlers.types import Button, Reply

SCREEN_CHARS = 1000
SCREEN_LINES = 12
MORE = "xemthem"  # the command of the "Xem thêm" button
_WIDEST_MARK = " (99/99)"  # room kept in the title for the page mark


def screen(reply: Reply) -> tuple[int, int]:
    """(characters, lines) of what a reply shows before its buttons."""
    text = reply.full_text()
    return len(text), text.count("\n") + 1


def fits(reply: Reply) -> bool:
    chars, lines = screen(reply)
    return chars <= SCREEN_CHARS and lines <= SCREEN_LINES


def more_command(command: str, page: int) -> str:
    """The command that shows `page` of what `command` ("lich 2020-10-03") answers."""
    return f"/{MORE} {command.strip()} {page}".replace("  ", " ")


def parse_more(arg: str) -> tuple[str, int]:
    """('/lich 2020-10-03', 2) from the argument of /xemthem ('lich 2020-10-03 2')."""
    arg = arg.strip().lstrip("/")  # "/xemthem /lich 2", typed: the command once
    head, _sep, last = arg.rpartition(" ")
    page = parse_int(last, 1, 1000)
    if page is None or not head:
        return "/" + arg, 1
    return "/" + head, page


def _with_note(note: str, text: str) -> str:
    # The note sits on the line under the title, right above the page's text.
    return f"{note}\n{text}" if note else text


@dataclass(frozen=True)
class _Piece:
    text: str
    item: int  # index of the block it comes from


class Pager:
    """Cut blocks of text into screens: whole blocks where they fit, a long block by lines."""

    def __init__(self, title: str | None = None, note: str = "", sep: str = "\n\n") -> None:
        self.title = title
        self.note = note  # shown first on every page (a "sample schedule" warning)
        self.sep = sep

    def _fits(self, parts: list[str]) -> bool:
        text = _with_note(self.note, self.sep.join(parts))
        # Room for the page mark: in the title, or on a line of its own without one.
        return fits(Reply(text, title=(self.title or "") + _WIDEST_MARK))

    def _split(self, text: str, item: int) -> list[_Piece]:
        """A block too long for a screen, as pieces that each fit alone."""
        pieces: list[_Piece] = []
        current: list[str] = []
        for line in text.split("\n"):
            if current and not self._fits(["\n".join([*current, line])]):
                pieces.append(_Piece("\n".join(current), item))
                current = []
            if not self._fits([line]):
                for part in split_message(line, self._room()):
                    pieces.append(_Piece(part, item))
                continue
            current.append(line)
        if current:
            pieces.append(_Piece("\n".join(current), item))
        return pieces

    def _room(self) -> int:
        used = len(self.note) + 1 if self.note else 0
        used += len(self.title or "") + len(_WIDEST_MARK) + 2
        return max(100, SCREEN_CHARS - used)

    def pages(self, blocks: Sequence[str]) -> list[list[_Piece]]:
        pages: list[list[_Piece]] = []
        page: list[_Piece] = []
        for i, block in enumerate(blocks):
            pieces = [_Piece(block, i)] if self._fits([block]) else self._split(block, i)
            for piece in pieces:
                if page and not self._fits([p.text for p in page] + [piece.text]):
                    pages.append(page)
                    page = []
                page.append(piece)
        if page or not pages:
            pages.append(page)
        return pages


def paged(blocks: Sequence[str], page: int, command: str, *, title: str | None = None,
          buttons: Sequence[Button] = (), note: str = "", sep: str = "\n\n",
          item_buttons: Sequence[Button | None] = ()) -> Reply:
    """Page `page` (from 1) of `blocks`, with "Xem thêm" to the next page first.

    `command` is what shows these blocks again ("lich 2020-10-03"); `item_buttons[i]`, when
    given, is offered while block i is on screen (a button to its details).
    """
    pager = Pager(title, note, sep)
    pages = pager.pages(blocks)
    total = len(pages)
    n = min(max(page, 1), total)
    shown = pages[n - 1]
    text = _with_note(note, sep.join(p.text for p in shown))
    items: list[Button] = []
    for index in dict.fromkeys(p.item for p in shown):
        if index < len(item_buttons) and item_buttons[index] is not None:
            items.append(item_buttons[index])  # type: ignore[arg-type]
    more: list[Button] = []
    if n < total:
        more.append(Button(_("Xem thêm ({page}/{total})").format(page=n + 1, total=total),
                           more_command(command, n + 1)))
    if total > 1 and title:
        title = f"{title} ({n}/{total})"
    elif total > 1:
        text = f"({n}/{total})\n{text}"
    return Reply(text, (*more, *items, *buttons), title=title)
