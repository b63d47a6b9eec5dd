"""The one channel contract: what every messaging channel offers the core and the outbox.

Modelled on Rasa's OutputChannel: sending one text message is the only thing an adapter must
do. Everything a platform may lack degrades here, in one place, from the limits the channel
declares: long replies are split at the channel's length, buttons beyond what the platform shows
become numbered lines ("[6] Lịch sự kiện") that the user types, files and edits fall back to a
polite text or a `failed` outcome. Adapters translate; they do not decide.

Every send returns one `Delivery`, whichever the channel and whoever asked (an answer to a
user, a reminder, an organizer's announcement), so the outbox reads outcomes in one way.
"""

from __future__ import annotations

import asyncio
import re
from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol

from handlers.i18n import _
from handlers.text import fold, split_message
from handlers.types import Attachment, Button, Reply

# What became of one message.
# sent: delivered. skipped: not sent on purpose (Zalo's interaction window, a channel that
# cannot carry it). failed: refused for good (a 400, an unknown chat). uncertain: the request
# may have arrived (timeout or 5xx after it left, or a reply cut after its first part):
# never repeated blindly. blocked: the user blocked the bot or stopped following (the outbox
# deactivates them). rate_limited: the platform said wait `retry_after` seconds. retry: it
# failed before the request left (connection refused): safe to send again.
DeliveryStatus = Literal[
    "sent", "skipped", "failed", "uncertain", "blocked", "rate_limited", "retry"
]
# Outcomes after which sending the same message again cannot repeat it.
RESENDABLE: frozenset[str] = frozenset({"rate_limited", "retry"})


@dataclass(frozen=True)
class Retry:
    """The one retry policy of sending: repeat only what the platform certainly did not take.

    A `rate_limited` message is sent again after the `retry_after` the platform asked for (or
    `backoff`, doubled at each repeat, when it named none: Zalo's -32), a `retry` message (it
    never left) after `backoff`, doubled; at most `attempts` sends in all. Everything else is
    final: `uncertain` is never repeated (the user could read it twice), a refusal (400) is the
    platform's last word, `blocked` goes back to the caller, which deactivates the user. A wait
    longer than `longest` is not kept for a person waiting for an answer: the outcome is
    returned instead. The outbox passes no policy: it re-queues what may be resent itself.
    """

    attempts: int = 4
    backoff: float = 0.5
    longest: float = 60.0

    def wait(self, outcome: Delivery, attempt: int) -> float | None:
        """Seconds to wait before sending again after `attempt` sends, or None: do not."""
        if outcome.status not in RESENDABLE or attempt >= self.attempts:
            return None
        seconds = outcome.retry_after or self.backoff * 2 ** (attempt - 1)
        return seconds if seconds <= self.longest else None


@dataclass(frozen=True)
class Delivery:
    """The outcome of sending one message (or one list of replies) to one user."""

    status: DeliveryStatus
    reason: str = ""
    retry_after: float = 0.0
    ref: str | None = None  # the platform's id of the last message sent, for later edits
    parts: int = 0  # platform messages that went out before the outcome

    @property
    def ok(self) -> bool:
        return self.status == "sent"


@dataclass(frozen=True)
class Limits:
    """What a platform can show; the contract degrades everything else.

    text: the longest text message in characters (title included).
    buttons: how many buttons one message shows natively (0: none, every button becomes a
    numbered line). url_buttons: whether a native button can open a link (else the link is
    printed on a numbered line). edit: whether a sent message can be edited. documents:
    whether files can be sent. rate: broadcast messages per second this channel may send
    (from its settings; the outbox's limiter obeys it).
    """

    text: int
    buttons: int = 0
    url_buttons: bool = False
    edit: bool = False
    documents: bool = False
    rate: float = 1.0


@dataclass(frozen=True)
class Part:
    """One platform message: at most `Limits.text` characters, at most `Limits.buttons`
    native buttons, or one file."""

    text: str = ""
    title: str | None = None  # bold where the channel can; counted in the length
    buttons: tuple[Button, ...] = ()
    file: Attachment | None = None


@dataclass
class Plan:
    """Replies turned into platform messages, and the numbers typed to press buttons."""

    parts: list[Part] = field(default_factory=list)
    # "6" -> "/lich": what typing a number presses (only buttons with a command).
    choices: dict[str, str] = field(default_factory=dict)
    numbered: bool = False  # some button became a numbered line


# A numbered button pressed by typing its number, the way people do: "6", "[6]", "6.", "(6)",
# "#6", "số 6", "chọn số 6 ạ", "mục 6 nhé" (folded). ASCII digits only ("²" and "٣" are not).
_TYPED_NUMBER = re.compile(
    r"(?:(?:chon|bam|so|muc|nut)\s*)*[#\[(]?\s*([0-9]{1,3})\s*[\]).]?"
    r"(?:\s+(?:a|ah|ak|nhe|nha|nhen|ad|di|nhe ad|a ad))?\s*[.!]?")


def typed_number(text: str) -> str | None:
    """The number a user typed to press a numbered button ("06 " -> "6", "[6]", "số 6 ạ"), or
    None."""
    found = _TYPED_NUMBER.fullmatch(" ".join(fold(text).split()))
    return str(int(found.group(1))) if found else None


def _numbered_line(number: int, b: Button) -> str:
    return f"[{number}] {b.label}" + (f": {b.url}" if b.url else "")


def plan(replies: Sequence[Reply], limits: Limits, first: int = 0) -> Plan:
    """Degrade `replies` to what a channel with `limits` can show.

    Per reply: the first `limits.buttons` buttons (that the platform can show) stay native, on
    the last text part; the others become numbered lines after the text, numbered from
    `limits.buttons + 1` and running on across the replies, so one number means one button
    until the next answer (or from `first`, when higher). Text is split at paragraph, line or
    word ends within the limit; the title goes on the first part only. Files follow their
    reply's text.
    """
    out = Plan()
    next_number = max(limits.buttons + 1, first)
    for reply in replies:
        native: list[Button] = []
        lines: list[str] = []
        for b in reply.buttons:
            fits = len(native) < limits.buttons and (b.url is None or limits.url_buttons)
            if fits:
                native.append(b)
                continue
            lines.append(_numbered_line(next_number, b))
            if b.command:
                out.choices[str(next_number)] = b.command
            out.numbered = True
            next_number += 1
        text = reply.text + ("\n\n" + "\n".join(lines) if lines else "")
        out.parts.extend(_split(reply.title, text, native, limits.text))
        out.parts.extend(Part(file=f) for f in reply.files)
    return out


def _split(title: str | None, text: str, buttons: list[Button], limit: int) -> list[Part]:
    head = len(title) + 2 if title else 0
    if title and head >= limit // 2:  # a title this long is text like the rest
        text, title, head = f"{title}\n\n{text}", None, 0
    chunks = split_message(text, limit - head) or [""]
    if len(chunks) > 1 and head:
        # Only the first part carries the title: the rest may use the whole length.
        rest = split_message(text[len(chunks[0]):].lstrip(), limit)
        chunks = [chunks[0], *rest]
    parts = [Part(text=c, title=title if i == 0 else None) for i, c in enumerate(chunks)]
    parts[-1] = Part(text=parts[-1].text, title=parts[-1].title, buttons=tuple(buttons))
    return parts


class ChoiceStore(Protocol):
    """Where a channel with numbered lines remembers what each number presses."""

    async def load(self, channel: str, external_id: str) -> dict[str, str]: ...

    async def save(self, channel: str, external_id: str, choices: dict[str, str]) -> None: ...


class MemoryChoices:
    """Numbers kept in memory (the console: one process, one user)."""

    def __init__(self) -> None:
        self._choices: dict[tuple[str, str], dict[str, str]] = {}

    async def load(self, channel: str, external_id: str) -> dict[str, str]:
        return dict(self._choices.get((channel, external_id), {}))

    async def save(self, channel: str, external_id: str, choices: dict[str, str]) -> None:
        self._choices[(channel, external_id)] = dict(choices)


class OutputChannel(ABC):
    """The contract every channel implements: `send_text` is the only required output."""

    name: str
    limits: Limits
    choices: ChoiceStore

    @abstractmethod
    async def send_text(self, external_id: str, text: str, *, title: str | None = None,
                        buttons: tuple[Button, ...] = ()) -> Delivery:
        """Send one message once: at most `limits.text` characters (title included) and at
        most `limits.buttons` native buttons. Never retried here: a retry is the caller's
        decision, and an outcome that is not known is `uncertain`."""

    async def send_document(self, external_id: str, file: Attachment) -> Delivery:
        """Send a file; a channel without files says so to the user instead."""
        notice = _("Kênh này không gửi được tệp ({name}). Vui lòng dùng Telegram hoặc "
                   "cửa sổ dòng lệnh để nhận tệp.").format(name=file.filename)
        sent = await self.send_text(external_id, notice)
        if sent.status != "sent":
            return sent
        return Delivery("skipped", reason="documents are not supported", ref=sent.ref)

    async def edit_text(self, external_id: str, ref: str, text: str) -> Delivery:
        """Replace the text of message `ref` (progress reports); `failed` where impossible."""
        return Delivery("failed", reason="editing is not supported")

    async def send(self, external_id: str, replies: Sequence[Reply], *,
                   retry: Retry | None = None, remember: bool = True,
                   unasked: bool = False) -> Delivery:
        """Send replies degraded to this channel's limits; stop at the first refusal.

        Each message is sent once, or as `retry` allows. A refusal after some parts went out
        is reported with `parts` > 0; where resending could repeat those parts (a 429 or a
        connection error mid-reply) it is `uncertain`. The numbers of numbered buttons are
        remembered, unless the caller stored them already (`remember=False`: in the update's
        own transaction).

        `unasked` replies (a broadcast) come between an answer and the number the user types
        next: their numbers follow the ones the user holds, which stay usable ("1" of the
        consent still agrees after an announcement arrived with buttons of its own).
        """
        held: dict[str, str] = {}
        if unasked and remember and plan(replies, self.limits).numbered:
            held = await self.choices.load(self.name, external_id)
        degraded = plan(replies, self.limits, max(map(int, held), default=0) + 1)
        ref: str | None = None
        skipped = ""
        for i, part in enumerate(degraded.parts):
            outcome = await self._send_part(external_id, part, retry)
            if outcome.status == "skipped" and part.file is not None:
                skipped = outcome.reason  # the user was told in text; carry on
            elif outcome.status != "sent":
                if i and outcome.status in RESENDABLE:
                    return Delivery("uncertain", parts=i, ref=ref, reason=(
                        f"part {i + 1} of {len(degraded.parts)}: "
                        f"{outcome.status} {outcome.reason}").strip())
                return Delivery(outcome.status, outcome.reason, outcome.retry_after,
                                ref, parts=i)
            ref = outcome.ref or ref
        if degraded.numbered and remember:
            # A reply without numbered buttons keeps the previous numbers usable.
            await self.choices.save(self.name, external_id, held | degraded.choices)
        return Delivery("sent", reason=skipped, ref=ref, parts=len(degraded.parts))

    async def _send_part(self, external_id: str, part: Part, retry: Retry | None) -> Delivery:
        attempt = 0
        while True:
            if part.file is not None:
                outcome = await self.send_document(external_id, part.file)
            else:
                outcome = await self.send_text(external_id, part.text, title=part.title,
                                               buttons=part.buttons)
            attempt += 1
            wait = retry.wait(outcome, attempt) if retry is not None else None
            if wait is None:
                return outcome
            await asyncio.sleep(wait)

    async def pressed(self, external_id: str, text: str) -> str | None:
        """The command a typed number presses ("6" -> "/lich"), if it is one of the numbers
        this user was last shown; None for any other text."""
        number = typed_number(text)
        if number is None:
            return None
        return (await self.choices.load(self.name, external_id)).get(number)
