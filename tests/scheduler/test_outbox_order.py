"""Messages to one chat are delivered in the order they were queued (outbox id order).

Rows are set aside for a chat's interval, retried after a 429, claimed by two workers, left by
a process that died: whatever happens to a chat's earlier message, a later one never overtakes
it. The real SQL outbox on a SQLite file and on PostgreSQL; the test moves the time the outbox
reads (claims, not_before) and the chats' spacing itself, so every interleaving is forced.
"""

from __future__ import annotations

import asyncio
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import insert, select, text

from bot.app import App
from bot.db.broadcast import create_announcement
from bot.db.models import OutboxRow, Subscription, User
from bot.db.outbox import SqlOutbox, fill, sweep
from content import Edition
from handlers.channel import Delivery
from handlers.types import Button
from scheduler.deliverer import Deliverer
from scheduler.limiter import ChatSpacing, RateLimiter
from scheduler.outbox import Claimed, outcome_values
from tests.scheduler.test_audiences import Inbox


class Clock:
    """The real time as the outbox and the chats' spacing read it, moved by the test."""

    def __init__(self) -> None:
        self.now = datetime.now(UTC)
        self.seconds = 0.0

    def __call__(self) -> datetime:
        return self.now

    def monotonic(self) -> float:
        return self.seconds

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)
        self.seconds += seconds


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr("bot.db.outbox.real_now", fake)
    monkeypatch.setattr("scheduler.outbox.real_now", fake)
    return fake


def text_of(n: int) -> str:
    return f"Tin số {n} của Ban tổ chức."


async def subscribe(app: App, chats: list[str]) -> None:
    seen = app.clock()
    async with app.sessions() as s, s.begin():
        for chat in chats:
            user_id = (await s.execute(insert(User).values(
                channel="telegram", external_id=chat, first_seen=seen, last_seen=seen,
                active=True).returning(User.id))).scalar_one()
            await s.execute(insert(Subscription).values(user_id=user_id, created_at=seen))


async def queue(app: App, n: int) -> dict[int, tuple[str, int]]:
    """Fire announcement `n` to every subscriber: its rows, {row id: (chat, n)}."""
    async with app.sessions() as s, s.begin():
        item_id = await create_announcement(s, text_of(n), "all", app.clock(), app.clock(), None)
        await fill(s, item_id, "all", "vi")
        rows = await s.execute(select(OutboxRow.id, OutboxRow.external_id)
                               .where(OutboxRow.item_id == item_id))
        return {row_id: (chat, n) for row_id, chat in rows}


async def queued(app: App, chats: list[str], items: int) -> dict[int, tuple[str, int]]:
    """`items` announcements fired one after the other to `chats`."""
    await subscribe(app, chats)
    rows: dict[int, tuple[str, int]] = {}
    for n in range(items):
        rows.update(await queue(app, n))
    return rows


@dataclass
class Sender:
    """Plays the deliverer against the store; keeps what each chat received, in order."""

    store: SqlOutbox
    rows: dict[int, tuple[str, int]]
    clock: Clock
    received: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    claimed: list[Claimed] = field(default_factory=list)  # by the last claim

    async def claim(self, worker: str = "w1", limit: int = 50) -> list[tuple[str, int]]:
        self.claimed = await self.store.claim("telegram", worker, limit, 1.0)
        return [self.rows[r.id] for r in self.claimed]

    def row(self, chat: str, n: int) -> Claimed:
        [row] = [r for r in self.claimed if self.rows[r.id] == (chat, n)]
        return row

    def sent(self, row: Claimed) -> dict[str, object]:
        chat, n = self.rows[row.id]
        self.received[chat].append(n)
        return outcome_values(row, Delivery("sent"), self.clock(), self.clock())

    async def send_all(self, worker: str = "w1") -> list[tuple[str, int]]:
        """Claim, then send what may go now as the deliverer would: one message a chat, the
        others set aside for the chat's interval (a second)."""
        got = await self.claim(worker)
        chats: set[str] = set()
        now, later = [], []
        for r in self.claimed:
            (later if self.rows[r.id][0] in chats else now).append(r)
            chats.add(self.rows[r.id][0])
        await self.store.mark_sending([r.id for r in now], worker)
        await self.store.record([self.sent(r) for r in now], [r.id for r in later],
                                self.clock() + timedelta(seconds=1))
        return got

    async def drain(self) -> None:
        """Send everything, a second passing between claims."""
        for _ in range(20):
            await self.send_all()
            self.clock.advance(1.0)


async def test_a_later_message_is_not_claimed_while_an_earlier_one_is_set_aside(
        any_app: App, clock: Clock) -> None:
    """The race seen under load (07:00: the announcement before the digest): a batch's rows
    set aside for their chat's interval went back to the queue when the batch's answers came,
    a later batch's at once, so a chat's later message could be claimed before its earlier
    one. The earlier message's rows here wait two seconds, the later message's one."""
    sender = Sender(SqlOutbox(any_app.sessions), await queued(any_app, ["A", "B"], 2), clock)
    claimed = await sender.claim()
    assert ("A", 0) in claimed and ("B", 0) in claimed
    first = [r.id for r in sender.claimed if sender.rows[r.id][1] == 0]
    second = [r.id for r in sender.claimed if sender.rows[r.id][1] == 1]
    await sender.store.record([], first, clock() + timedelta(seconds=2))
    await sender.store.record([], second, clock() + timedelta(seconds=1))
    clock.advance(1.5)
    assert await sender.claim() == []
    clock.advance(1.0)
    await sender.drain()
    assert sender.received == {"A": [0, 1], "B": [0, 1]}


async def test_a_message_retried_after_a_429_stays_ahead_of_its_chats_later_ones(
        any_app: App, clock: Clock) -> None:
    """Telegram answers 429 "retry after 30" to A's first message: A's second waits for it,
    B's goes as soon as its interval allows."""
    sender = Sender(SqlOutbox(any_app.sessions), await queued(any_app, ["A", "B"], 2), clock)
    await sender.claim()
    a0, b0 = sender.row("A", 0), sender.row("B", 0)
    later = [r.id for r in sender.claimed if r not in (a0, b0)]  # same chat: its interval
    await sender.store.mark_sending([a0.id, b0.id], "w1")
    await sender.store.record(
        [outcome_values(a0, Delivery("rate_limited", retry_after=30.0), clock(), clock()),
         sender.sent(b0)], later, clock() + timedelta(seconds=1))
    clock.advance(2.0)
    assert await sender.send_all() == [("B", 1)]
    clock.advance(20.0)
    assert await sender.claim() == []
    clock.advance(10.0)
    assert await sender.send_all() == [("A", 0)]
    assert await sender.claim() == []  # A's interval, from A's first message
    clock.advance(1.0)
    assert await sender.send_all() == [("A", 1)]
    assert sender.received == {"A": [0, 1], "B": [0, 1]}


async def test_two_workers_never_take_two_messages_of_one_chat(
        any_app: App, clock: Clock) -> None:
    """PostgreSQL: several processes claim from one table. While one holds A's first
    message (claimed, then sending), the other may not take A's second."""
    sender = Sender(SqlOutbox(any_app.sessions), await queued(any_app, ["A", "B"], 2), clock)
    assert await sender.claim("w1", limit=1) == [("A", 0)]
    a0 = sender.row("A", 0)
    assert await sender.claim("w2") == [("B", 0)]
    b0 = sender.row("B", 0)
    await sender.store.mark_sending([a0.id], "w1")
    await sender.store.mark_sending([b0.id], "w2")
    assert await sender.claim("w2") == []
    await sender.store.record([sender.sent(a0)], [], clock())
    clock.advance(1.0)  # A's interval, kept by w2 too
    assert await sender.claim("w2") == [("A", 1)]
    await sender.store.release_unsent("telegram", "w2")  # w2 restarts: B0 never left
    assert await sender.claim("w1") == [("B", 0), ("A", 1)]


async def test_after_a_process_died_its_chats_keep_their_order(
        any_app: App, clock: Clock) -> None:
    """A process died with A's first message sending (now uncertain, never resent: A's
    second may follow) and B's only claimed (back to the queue, still ahead of B's second)."""
    sender = Sender(SqlOutbox(any_app.sessions), await queued(any_app, ["A", "B"], 2), clock)
    await sender.claim("dead", limit=2)
    await sender.store.mark_sending([sender.row("A", 0).id], "dead")
    async with any_app.sessions() as s, s.begin():
        assert await sweep(s, None, "w1") == (1, 1)
    await sender.drain()
    assert sender.received == {"A": [1], "B": [0, 1]}


async def test_claims_stay_right_once_the_database_has_statistics(
        any_app: App, clock: Clock) -> None:
    """Ten chats, three messages each, after ANALYZE: each chat's first message is claimable.
    With an index on (user_id, status) and its statistics, SQLite 3.40 found an "earlier"
    open row for every row (`status IN (...) AND id < ?` answered wrongly) and claimed none."""
    chats = [f"C{i}" for i in range(10)]
    sender = Sender(SqlOutbox(any_app.sessions), await queued(any_app, chats, 3), clock)
    async with any_app.engine.begin() as conn:
        await conn.execute(text("ANALYZE"))
    assert sorted(await sender.claim()) == [(chat, 0) for chat in chats]


# ---- the real deliverer ----------------------------------------------------------------------


@dataclass
class Gated(Inbox):
    """A channel whose first request stays on the way until `gate` opens (a loaded machine or
    network); notes the order in which the messages left for each chat."""

    gate: asyncio.Event = field(default_factory=asyncio.Event)
    held: asyncio.Event = field(default_factory=asyncio.Event)
    left: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    refuse_first: float = 0.0  # > 0: answer the first request 429 retry after this
    changed: asyncio.Condition = field(default_factory=asyncio.Condition)

    def count(self) -> int:
        return sum(len(v) for v in self.left.values())

    async def until_left(self, count: int) -> None:
        async with self.changed:
            await self.changed.wait_for(lambda: self.count() >= count)

    async def send_text(self, external_id: str, text: str, *, title: str | None = None,
                        buttons: tuple[Button, ...] = ()) -> Delivery:
        match = re.search(r"Tin số (\d+)", text)
        assert match, text
        first = not self.held.is_set()
        self.held.set()
        if first and self.refuse_first:
            return Delivery("rate_limited", retry_after=self.refuse_first)
        self.left[external_id].append(int(match[1]))
        async with self.changed:
            self.changed.notify_all()
        if first:
            await self.gate.wait()
        return await super().send_text(external_id, text, title=title, buttons=buttons)


class SlowClaims(SqlOutbox):
    """The outbox, its second claim (the batch claimed ahead) held until `go` (a busy
    database); the third announcement is fired while the first claim is under way."""

    def __init__(self, app: App) -> None:
        super().__init__(app.sessions)
        self.app = app
        self.claims = 0
        self.go = asyncio.Event()
        self.second: list[Claimed] | None = None
        self.after_second = asyncio.Event()

    async def claim(self, channel: str, worker: str, limit: int, interval: float
                    ) -> list[Claimed]:
        self.claims += 1
        n = self.claims
        if n == 2:
            await self.go.wait()
        elif n == 3:
            self.after_second.set()  # the second claim's rows have been dispatched
        rows = await super().claim(channel, worker, limit, interval)
        if n == 1:
            await queue(self.app, 2)
        elif n == 2:
            self.second = rows
            if not rows:
                self.after_second.set()
        return rows


async def drive(channel: Gated, clock: Clock, count: int, step: float) -> None:
    """Move the time until `count` messages left."""
    while channel.count() < count:
        clock.advance(step)
        await asyncio.sleep(0.02)


async def test_the_deliverer_sends_a_chats_messages_in_order_when_a_batch_answers_late(
        any_app: App, clock: Clock, edition: Edition) -> None:
    """A's first message is on the way longer than A's interval; meanwhile the batch claimed
    ahead holds A's third message (fired after the first claim). Before, A's second message
    stayed reserved with the first batch until that batch's answers came, and the third,
    claimed in the next batch once A's interval had passed, overtook it."""
    await subscribe(any_app, ["A"])
    await queue(any_app, 0)
    await queue(any_app, 1)
    store = SlowClaims(any_app)
    channel = Gated("telegram")
    deliverer = Deliverer(channel, 25.0, 1.0, store, edition, any_app.clock, "w1",
                          idle_seconds=0.02)
    deliverer.spacing = ChatSpacing(1.0, clock=clock.monotonic)
    task = asyncio.create_task(deliverer.run())
    try:
        async with asyncio.timeout(30):
            await channel.held.wait()  # A's first message is on its way
            clock.advance(1.5)  # longer than A's interval
            store.go.set()
            await store.after_second.wait()
            if store.second:  # what the second claim took goes out
                await channel.until_left(1 + len(store.second))
            channel.gate.set()
            await drive(channel, clock, 3, step=0.25)
    finally:
        deliverer.finish()
        await task
    assert channel.left == {"A": [0, 1, 2]}


async def test_the_deliverer_retries_after_a_429_before_the_chats_next_message(
        any_app: App, clock: Clock, edition: Edition) -> None:
    """A's first message is answered 429 "retry after 30", far longer than A's interval: it
    is sent again, at 30 s, before A's second."""
    await subscribe(any_app, ["A"])
    await queue(any_app, 0)
    await queue(any_app, 1)
    channel = Gated("telegram", refuse_first=30.0)
    channel.gate.set()
    deliverer = Deliverer(channel, 25.0, 1.0, SqlOutbox(any_app.sessions), edition,
                          any_app.clock, "w1", idle_seconds=0.02)
    deliverer.spacing = ChatSpacing(1.0, clock=clock.monotonic)

    async def no_wait(_seconds: float) -> None:
        await asyncio.sleep(0)  # the limiter's pauses pass with the test's time

    deliverer.limiter = RateLimiter(25.0, clock=clock.monotonic, sleep=no_wait)
    task = asyncio.create_task(deliverer.run())
    try:
        async with asyncio.timeout(30):
            await drive(channel, clock, 2, step=0.5)
    finally:
        deliverer.finish()
        await task
    assert channel.left == {"A": [0, 1]}


async def test_another_worker_keeps_the_chats_interval_after_a_send(
        any_app: App, clock: Clock) -> None:
    """PostgreSQL: several processes share the outbox, each spacing its own sends only. Once
    w1 recorded X's first message sent, w2 must not send X's second before X's interval (a
    second) has passed since w1's answer came."""
    sender = Sender(SqlOutbox(any_app.sessions), await queued(any_app, ["X"], 2), clock)
    assert await sender.claim("w1") == [("X", 0)]
    x0 = sender.row("X", 0)
    await sender.store.mark_sending([x0.id], "w1")
    await sender.store.record([sender.sent(x0)], [], clock())
    clock.advance(0.3)
    assert await sender.claim("w2") == []
    clock.advance(0.7)
    assert await sender.claim("w2") == [("X", 1)]


async def test_a_deliverer_started_after_another_keeps_the_chats_interval(
        any_app: App, clock: Clock, edition: Edition) -> None:
    """The real deliverers: w1 sends X's first message and stops; w2, whose memory of the
    chats' spacing is empty (another process), sends X's second only once X's interval has
    passed since w1's answer."""
    await subscribe(any_app, ["X"])
    await queue(any_app, 0)
    await queue(any_app, 1)
    channel = Gated("telegram")
    channel.gate.set()

    def deliverer(worker: str) -> Deliverer:
        d = Deliverer(channel, 25.0, 1.0, SqlOutbox(any_app.sessions), edition,
                      any_app.clock, worker, idle_seconds=0.02)
        d.spacing = ChatSpacing(1.0, clock=clock.monotonic)
        return d

    async def statuses() -> list[str]:
        async with any_app.sessions() as s:
            return list((await s.execute(
                select(OutboxRow.status).order_by(OutboxRow.id))).scalars())

    w1 = deliverer("w1")
    task = asyncio.create_task(w1.run())
    try:
        async with asyncio.timeout(30):
            await channel.until_left(1)
    finally:
        w1.finish()
        await task  # a run ends with its outcomes recorded
    assert await statuses() == ["sent", "pending"]
    w2 = deliverer("w2")
    task = asyncio.create_task(w2.run())
    try:
        async with asyncio.timeout(30):
            clock.advance(0.5)
            await asyncio.sleep(0.3)  # w2 polls every 20 ms: it finds X's row, not yet due
            assert channel.left == {"X": [0]}
            clock.advance(0.5)
            await channel.until_left(2)
    finally:
        w2.finish()
        await task
    assert channel.left == {"X": [0, 1]}
