"""One deliverer per channel: claim outbox rows, send them at the channel's pace, record."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.channels.base import Delivery, Sender
from bot.db.faults import is_outage
from bot.db.models import ScheduledItem
from content import Edition
from scheduler import outbox
from scheduler.limiter import ChatSpacing, RateLimiter
from scheduler.messages import ItemView, render

log = logging.getLogger(__name__)


class Deliverer:
    """Send one channel's outbox rows: at most `rate` a second, one a chat per interval."""

    def __init__(self, sender: Sender, rate: float, per_chat_interval: float,
                 sessions: async_sessionmaker[AsyncSession], edition: Edition,
                 clock: Callable[[], datetime], worker: str, idle_seconds: float) -> None:
        self.sender = sender
        self.limiter = RateLimiter(rate)
        self.spacing = ChatSpacing(per_chat_interval)
        self.sessions = sessions
        self.edition = edition
        self.clock = clock
        self.worker = worker
        self.idle_seconds = idle_seconds
        # About half a second of sends per claim: few rows are `sending` at any instant (see
        # run), so a crash leaves few of them uncertain.
        self.batch = max(1, min(200, int(rate / 2)))
        # Sends waiting for an answer: the pace is the limiter's, but a platform slower than
        # the rate must not pile up requests that it would then receive in a burst (429).
        self._in_flight = asyncio.Semaphore(self.batch)
        self._wake = asyncio.Event()
        self._finishing = False
        self._db_down = False
        self._items: dict[int, ItemView] = {}
        self._texts: dict[tuple[int, str], tuple[str | None, str]] = {}

    @property
    def channel(self) -> str:
        return self.sender.name

    def wake(self) -> None:
        """New rows may be waiting: stop idling."""
        self._wake.set()

    def finish(self) -> None:
        """Stop after the current batch: cancelling mid-query would cut a transaction."""
        self._finishing = True
        self._wake.set()

    async def run(self) -> None:
        """Deliver until finish() (or cancellation as a last resort).

        The next batch is claimed while this one is being sent, and a batch's answers are
        awaited and recorded in the background, so the channel's pace does not pause between
        batches (on a loaded machine a claim or a record takes 60 ms, at times 300 ms). At most
        five batches (about 2.5 s of sends) are `sending` at any instant: what a crash can
        leave uncertain.
        """
        recording: list[asyncio.Task[None]] = []
        ahead: asyncio.Task[list[outbox.Claimed]] | None = None
        try:
            while not self._finishing:
                try:
                    if ahead is not None:
                        claiming, ahead = ahead, None
                        rows = await claiming
                    else:
                        rows = await self._claim()
                except Exception as exc:  # an outage is waited out; anything else propagates
                    if not is_outage(exc):
                        raise
                    await self._database_down(exc)
                    continue
                if self._db_down:
                    log.info("%s outbox: database back; delivering again", self.channel)
                    self._db_down = False
                if not rows:
                    await asyncio.gather(*recording)
                    recording.clear()
                    self._wake.clear()
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(self._wake.wait(), self.idle_seconds)
                    continue
                ahead = asyncio.create_task(self._claim())
                sends, later = await self._dispatch(rows)
                recording = [t for t in recording if not t.done()]
                if len(recording) >= 3:
                    await recording.pop(0)
                recording.append(asyncio.create_task(self._settle(sends, later)))
        finally:
            await asyncio.gather(*recording)
            if ahead is not None:
                await self._put_back(ahead)

    async def _put_back(self, ahead: asyncio.Task[list[outbox.Claimed]]) -> None:
        """Stopping: the batch claimed ahead was never sent; it goes back to the queue."""
        try:
            rows = await ahead
            if rows:
                async with self.sessions() as s, s.begin():
                    await outbox.release(s, [r.id for r in rows], outbox.real_now())
        except Exception as exc:
            if not is_outage(exc):
                raise
            # Left `sending`, they will be reported uncertain: never sent twice.
            log.warning("%s outbox: database unavailable (%s) while putting back a claimed "
                        "batch", self.channel, type(exc).__name__)

    async def _claim(self) -> list[outbox.Claimed]:
        async with self.sessions() as s, s.begin():
            rows = await outbox.claim(s, self.channel, self.worker, self.batch)
        if rows:
            await self._load_items({r.item_id for r in rows})
        return rows

    async def _dispatch(self, rows: list[outbox.Claimed]
                        ) -> tuple[list[asyncio.Task[dict[str, Any]]], list[outbox.Claimed]]:
        """Start each row's send at its slot; rows whose chat must wait are put aside."""
        later: list[outbox.Claimed] = []
        tasks: list[asyncio.Task[dict[str, Any]]] = []
        for row in rows:
            if self.spacing.wait_for(row.external_id) > 0:
                later.append(row)
                continue
            await self._in_flight.acquire()
            try:
                await self.limiter.acquire()
            except BaseException:
                self._in_flight.release()
                raise
            self.spacing.mark(row.external_id)
            task = asyncio.create_task(self._send(row))
            task.add_done_callback(lambda _task: self._in_flight.release())
            tasks.append(task)
        return tasks, later

    async def _settle(self, tasks: list[asyncio.Task[dict[str, Any]]],
                      later: list[outbox.Claimed]) -> None:
        """Wait for the answers, record them and put the rows aside back in the queue."""
        values = list(await asyncio.gather(*tasks))
        while True:
            try:
                async with self.sessions() as s, s.begin():
                    await outbox.record(s, values)
                    if later:
                        wait = max(self.spacing.wait_for(r.external_id) for r in later)
                        await outbox.release(s, [r.id for r in later],
                                             outbox.real_now() + timedelta(seconds=wait))
                return
            except Exception as exc:
                # The sends happened: keep their outcomes until the database takes them
                # (given up only on stop; the rows then become uncertain, never resent).
                if not is_outage(exc) or self._finishing:
                    raise
                await self._database_down(exc)

    async def _database_down(self, exc: BaseException) -> None:
        """Wait a moment for the database to come back (once a second, as when idle)."""
        if not self._db_down:
            log.warning("%s outbox: database unavailable (%s); waiting for it", self.channel,
                        type(exc).__name__)
        self._db_down = True
        await asyncio.sleep(self.idle_seconds)

    async def _send(self, row: outbox.Claimed) -> dict[str, Any]:
        title, text = self._text(row.item_id, row.locale)
        result = await self.sender.deliver(row.external_id, text, title)
        if result.status == "rate_limited":
            log.warning("%s asked us to wait %.1f s (429); slowing down", self.channel,
                        result.retry_after)
            self.limiter.penalize(result.retry_after)
        elif result.status == "uncertain":
            log.warning("%s outbox row %s: outcome uncertain (%s); not resent", self.channel,
                        row.id, result.reason)
        return outbox.outcome_values(row, result, self.clock())

    def _text(self, item_id: int, locale: str) -> tuple[str | None, str]:
        key = (item_id, locale)
        if key not in self._texts:
            self._texts[key] = render(self._items[item_id], self.edition, locale)
        return self._texts[key]

    async def _load_items(self, ids: set[int]) -> None:
        missing = ids - self._items.keys()
        if not missing:
            return
        async with self.sessions() as s:
            for item in (await s.execute(
                select(ScheduledItem).where(ScheduledItem.id.in_(missing))
            )).scalars():
                self._items[item.id] = ItemView(item.id, item.kind, item.text,
                                                dict(item.payload))

    async def notify(self, external_id: str, text: str, ref: str | None = None) -> Delivery:
        """Send (or edit, with `ref`) a message to an organizer within the same limits."""
        for _attempt in range(3):
            wait = self.spacing.wait_for(external_id)
            if wait > 0:
                await asyncio.sleep(wait)
            await self.limiter.acquire()
            self.spacing.mark(external_id)
            if ref is None:
                result = await self.sender.deliver(external_id, text)
            else:
                result = await self.sender.edit(external_id, ref, text)
            if result.status != "rate_limited":
                return result
            self.limiter.penalize(result.retry_after)
        return result
