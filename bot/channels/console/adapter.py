"""Read one message per line, print replies; buttons become numbered lines."""

from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TextIO

from bot.files import write_private
from handlers.i18n import _, use_locale
from handlers.numbers import parse_int
from handlers.types import Button, Incoming, Reply

log = logging.getLogger(__name__)
CHANNEL = "console"

Handle = Callable[[Incoming], Awaitable[list[Reply] | None]]


def save_files(reply: Reply, directory: Path) -> list[Path]:
    """Write a reply's files (an organizer's export) to `directory`."""
    paths = []
    for f in reply.files:
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / Path(f.filename).name
        write_private(path, f.data)
        paths.append(path)
    return paths


def render(replies: list[Reply], first_number: int = 1,
           files_dir: Path | None = None) -> tuple[str, list[Button]]:
    """Plain text of `replies` with their buttons numbered `[1] Lịch sự kiện`."""
    blocks: list[str] = []
    buttons: list[Button] = []
    for reply in replies:
        lines = [reply.title.upper() if reply.title else "", reply.text]
        if files_dir is not None:
            lines += [_("Đã lưu tệp: {path}").format(path=p) for p in save_files(reply, files_dir)]
        block = "\n".join(x for x in lines if x)
        numbered = []
        for b in reply.buttons:
            buttons.append(b)
            n = first_number + len(buttons) - 1
            numbered.append(f"[{n}] {b.label}" + (f": {b.url}" if b.url else ""))
        if numbered:
            block += "\n\n" + "\n".join(numbered)
        blocks.append(block)
    return "\n\n".join(blocks), buttons


class ConsoleChannel:
    """Chat with the core; typing a button's number presses it."""

    def __init__(self, handle: Handle, user_id: str, stdin: TextIO | None = None,
                 stdout: TextIO | None = None, locale: str = "vi") -> None:
        self.handle = handle
        self.user_id = user_id
        self.stdin = stdin or sys.stdin
        self.stdout = stdout or sys.stdout
        self.locale = locale
        self.buttons: list[Button] = []

    def to_incoming(self, line: str) -> Incoming:
        """A line as the user's message; a listed number is that button's command."""
        # ASCII digits only: "²".isdigit() is true and int() refuses it.
        number = parse_int(line, low=1, high=len(self.buttons)) if self.buttons else None
        if number is not None:
            button = self.buttons[number - 1]
            if button.command:
                return Incoming(CHANNEL, self.user_id, button.command, is_button=True)
        return Incoming(CHANNEL, self.user_id, line)

    async def exchange(self, line: str) -> str:
        """Send one line to the core and return what the console prints."""
        msg = self.to_incoming(line)
        try:
            replies = await self.handle(msg)
        except Exception:
            # The one place a console update can fail: log it with the traceback, say sorry.
            log.exception("console update failed")
            with use_locale(self.locale):
                return _("Xin lỗi, đã có lỗi khi xử lý tin nhắn của Quý vị. Xin thử lại sau.")
        with use_locale(self.locale):
            text, buttons = render(replies or [], files_dir=Path.cwd() / "exports")
        # A reply without buttons keeps the previous numbers usable (e.g. after a link).
        if buttons:
            self.buttons = buttons
        return text

    def write(self, text: str) -> None:
        self.stdout.write(text + "\n\n")
        self.stdout.flush()

    async def run(self, greet: bool) -> None:
        """Chat until end of input."""
        interactive = self.stdin.isatty()
        if greet:
            self.write(await self.exchange("/start"))
        while True:
            if interactive:
                self.stdout.write("> ")
                self.stdout.flush()
            line = await asyncio.to_thread(self.stdin.readline)
            if not line:
                return
            self.write(await self.exchange(line.rstrip("\n")))
