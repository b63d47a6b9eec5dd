"""Read one message per line, print replies; buttons become numbered lines.

The console is a channel like the others: its replies, and the reminders and announcements
sent to console users while `hoctap-bot chat` runs, are printed. Every console user is the
person at this terminal.
"""

from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TextIO

from bot.files import write_private
from handlers.channel import Delivery, Limits, MemoryChoices, OutputChannel
from handlers.i18n import _, use_locale
from handlers.types import Attachment, Button, Incoming, Reply

log = logging.getLogger(__name__)
CHANNEL = "console"
# A terminal takes any length at any pace: the text limit only bounds one printed block, the
# rate only paces the outbox's deliverer.
LIMITS = Limits(text=100_000, buttons=0, edit=True, documents=True, rate=100.0)

Handle = Callable[[Incoming], Awaitable[list[Reply] | None]]


def save_file(file: Attachment, directory: Path) -> Path:
    """Write a file (an organizer's export) to `directory`; raises OSError."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / Path(file.filename).name
    write_private(path, file.data)
    return path


class ConsoleChannel(OutputChannel):
    """Chat with the core; typing a button's number presses it."""

    name = CHANNEL

    def __init__(self, handle: Handle, user_id: str, stdin: TextIO | None = None,
                 stdout: TextIO | None = None, locale: str = "vi",
                 files_dir: Path | None = None) -> None:
        self.handle = handle
        self.user_id = user_id
        self.stdin = stdin or sys.stdin
        self.stdout = stdout or sys.stdout
        self.locale = locale
        self.files_dir = files_dir or Path.cwd() / "exports"
        self.limits = LIMITS
        self.choices = MemoryChoices()

    # ---- the channel contract --------------------------------------------------------------

    async def send_text(self, external_id: str, text: str, *, title: str | None = None,
                        buttons: tuple[Button, ...] = ()) -> Delivery:
        self.write("\n".join(x for x in (title.upper() if title else "", text) if x))
        return Delivery("sent", ref="console")

    async def send_document(self, external_id: str, file: Attachment) -> Delivery:
        """Save the file in `files_dir` and say where (an OSError is raised to the caller)."""
        path = save_file(file, self.files_dir)
        with use_locale(self.locale):
            self.write(_("Đã lưu tệp: {path}").format(path=path))
        return Delivery("sent")

    async def edit_text(self, external_id: str, ref: str, text: str) -> Delivery:
        """A terminal cannot change what it printed: the new text is printed below."""
        self.write(text)
        return Delivery("sent", ref=ref)

    # ---- the conversation ------------------------------------------------------------------

    async def exchange(self, line: str) -> None:
        """Send one line to the core and print its answer."""
        command = await self.pressed(self.user_id, line)
        msg = (Incoming(CHANNEL, self.user_id, command, is_button=True) if command
               else Incoming(CHANNEL, self.user_id, line))
        try:
            replies = await self.handle(msg)
        except Exception:
            # The one place a console update can fail: log it with the traceback, say sorry.
            log.exception("console update failed")
            with use_locale(self.locale):
                self.write(_("Xin lỗi, đã có lỗi khi xử lý tin nhắn của Quý vị. Xin thử lại "
                             "sau."))
            return
        await self.send(self.user_id, replies or [])

    def write(self, text: str) -> None:
        self.stdout.write(text + "\n\n")
        self.stdout.flush()

    async def run(self, greet: bool) -> None:
        """Chat until end of input."""
        interactive = self.stdin.isatty()
        if greet:
            await self.exchange("/start")
        while True:
            if interactive:
                self.stdout.write("> ")
                self.stdout.flush()
            line = await asyncio.to_thread(self.stdin.readline)
            if not line:
                return
            await self.exchange(line.rstrip("\n"))
