"""One deliverer per channel: claim outbox rows, send them at the channel's pace, record."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
from collections.abc import Callable, Coroutine
from datetime import datetime, timedelta
from typing import Any, TypeVar

from content import Edition
from handlers.channel import Delivery, OutputChannel
from handlers.types import Reply
from scheduler import outbox
from scheduler.limiter import ChatSpacing, RateLimiter, Slot
from scheduler.messages import ItemView, first_screen

log = logging.getLogger(__name__)
T = TypeVar("T")


class Deliverer:
    """Send one channel's outbox rows: at most `rate` a second, one a chat per interval.

    `run` is supervised: any exception ends it and the supervisor starts it again. What a run
    leaves behind lives on the instance, so the next run settles it first (see `settle`):
    outcomes received but not yet recorded are recorded, and rows reserved but never sent go
    back to the queue. Nothing is lost and nothing is sent twice.
    """

    def __init__(self, sender: OutputChannel, rate: float, per_chat_interval: float,
                 store: outbox.OutboxStore, edition: Edition,
                 clock: Callable[[], datetime], worker: str, idle_seconds: float) -> None:
        self.sender = sender
        self.limiter = RateLimiter(rate)
        self.spacing = ChatSpacing(per_chat_interval)
        self.store = store
        self.edition = edition
        self.clock = clock
        self.worker = worker
        self.idle_seconds = idle_seconds
        # About half a second of sends per claim; claimed rows are only reserved.
        self.batch = max(1, min(200, int(rate / 2)))
        # Rows are marked `sending` in groups of about 50 ms of sends, the next group while
        # this one goes out: what a crash can leave `sending` without having sent it.
        self.group = max(1, min(self.batch, round(rate / 20)))
        # Sends waiting for an answer: the pace is the limiter's, but a platform slower than
        # the rate must not pile up requests that it would then receive in a burst (429).
        self._in_flight = asyncio.Semaphore(self.batch)
        self._wake = asyncio.Event()
        self._finishing = False
        self._items: dict[int, ItemView] = {}
        self._texts: dict[tuple[int, str], Reply] = {}
        # Across runs: sends started, outcomes not yet recorded (by row id), the recording
        # tasks, and database work started in the background (claims ahead, marks).
        self._sends: set[asyncio.Task[None]] = set()
        self._unrecorded: dict[int, dict[str, Any]] = {}
        self._settling: list[asyncio.Task[None]] = []
        self._background: set[asyncio.Task[Any]] = set()
        self._failed_kinds: set[str] = set()

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
        """Deliver until finish(); an exception (a database outage too) ends the run.

        The next batch is claimed while this one is being sent, and a batch's answers are
        awaited and recorded in the background, so the channel's pace does not pause between
        batches (on a loaded machine a claim or a record takes 60 ms, at times 300 ms).
        """
        await self.settle()
        ahead: asyncio.Task[list[outbox.Claimed]] | None = None
        while not self._finishing:
            if ahead is not None:
                claiming, ahead = ahead, None
                rows = await claiming
            else:
                rows = await self._claim()
            if not rows:
                await self._await_settling(0)
                self._wake.clear()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), self.idle_seconds)
                continue
            ahead = self._in_background(self._claim())
            sends, later = await self._dispatch(rows)
            await self._await_settling(3)
            self._settling.append(asyncio.create_task(self._settle(sends, later)))
        if ahead is not None:
            await self._put_back(ahead)
        await self._await_settling(0)

    def _in_background(self, coro: Coroutine[Any, Any, T]) -> asyncio.Task[T]:
        task = asyncio.create_task(coro)
        self._background.add(task)
        task.add_done_callback(self._done_in_background)
        return task

    def _done_in_background(self, task: asyncio.Task[Any]) -> None:
        self._background.discard(task)
        if not task.cancelled():
            # Retrieved here: a run that awaits the task still gets its error; a run that
            # ended first leaves it to `settle`, which needs no result.
            task.exception()

    async def _await_settling(self, keep: int) -> None:
        """Wait for the oldest recordings until at most `keep` are under way; a recording that
        failed ends the run here (its outcomes stay kept for the next run)."""
        for task in [t for t in self._settling if t.done()]:
            self._settling.remove(task)
            task.result()
        while len(self._settling) > keep:
            await self._settling.pop(0)

    async def settle(self) -> None:
        """Settle what earlier runs left: record every outcome received, and put the rows
        reserved (or marked sending) but never handed to the platform back in the queue.

        Run at the start of each run and on stop; raises while the database is down."""
        if self._background:
            await asyncio.wait(set(self._background))
        if self._sends:
            await asyncio.wait(set(self._sends))
        settling, self._settling = self._settling, []
        if settling:
            await asyncio.wait(settling)
            for task in settling:
                if not task.cancelled():
                    task.exception()  # retrieved: their outcomes are recorded below
        await self._record([])
        back = await self.store.release_unsent(self.channel, self.worker)
        if back:
            log.info("%s outbox: %d reserved messages were not sent; back in the queue",
                     self.channel, back)

    async def _put_back(self, ahead: asyncio.Task[list[outbox.Claimed]]) -> None:
        """Stopping: the batch claimed ahead was never sent; it goes back to the queue."""
        rows = await ahead
        if rows:
            await self.store.release([r.id for r in rows], outbox.real_now())

    async def _claim(self) -> list[outbox.Claimed]:
        rows = await self.store.claim(self.channel, self.worker, self.batch,
                                      self.spacing.interval)
        if rows:
            await self._load_items({r.item_id for r in rows})
        return rows

    async def _mark_sending(self, rows: list[outbox.Claimed]) -> set[int]:
        return await self.store.mark_sending([r.id for r in rows], self.worker)

    async def _dispatch(self, rows: list[outbox.Claimed]
                        ) -> tuple[list[asyncio.Task[None]], list[outbox.Claimed]]:
        """Start each row's send at its slot, each group marked `sending` just before it goes
        out; rows whose chat must wait are put aside (back in the queue; the chat's later rows
        wait behind them, see OutboxStore.claim)."""
        later: list[outbox.Claimed] = []
        ready: list[outbox.Claimed] = []
        chats: set[str] = set()
        for row in rows:
            # A claim holds one row a chat; `chats` keeps the interval should it hold more.
            if row.external_id in chats or self.spacing.wait_for(row.external_id) > 0:
                later.append(row)
            else:
                chats.add(row.external_id)
                ready.append(row)
        groups = [ready[i:i + self.group] for i in range(0, len(ready), self.group)]
        tasks: list[asyncio.Task[None]] = []
        marking = self._in_background(self._mark_sending(groups[0])) if groups else None
        for i, group in enumerate(groups):
            assert marking is not None
            ours = await marking
            marking = (self._in_background(self._mark_sending(groups[i + 1]))
                       if i + 1 < len(groups) else None)
            for row in group:
                if row.id not in ours:
                    continue  # given back to the queue by a sweep: someone else's now
                await self._in_flight.acquire()
                try:
                    slot = await self.limiter.acquire(until_answered=True)
                except BaseException:
                    self._in_flight.release()
                    raise
                self.spacing.mark(row.external_id)
                task = asyncio.create_task(self._send(row))
                self._sends.add(task)
                # The platform counts the message when it arrives, by the answer at the
                # latest: it stays in the pace's window until then.
                task.add_done_callback(functools.partial(self._answered, slot))
                task.add_done_callback(self._sent)
                tasks.append(task)
        return tasks, later

    def _answered(self, slot: Slot, _task: asyncio.Task[None]) -> None:
        self.limiter.answered(slot)

    def _sent(self, task: asyncio.Task[None]) -> None:
        self._sends.discard(task)
        self._in_flight.release()

    async def _settle(self, tasks: list[asyncio.Task[None]],
                      later: list[outbox.Claimed]) -> None:
        """Wait for the answers, record them and put the rows aside back in the queue."""
        if tasks:
            await asyncio.wait(tasks)
        await self._record(later)

    async def _record(self, later: list[outbox.Claimed]) -> None:
        """Record every outcome received so far (kept until the database took them)."""
        values = list(self._unrecorded.values())
        if not values and not later:
            return
        wait = max((self.spacing.wait_for(r.external_id) for r in later), default=0.0)
        await self.store.record(values, [r.id for r in later],
                                outbox.real_now() + timedelta(seconds=wait))
        for v in values:
            if self._unrecorded.get(v["id"]) is v:
                del self._unrecorded[v["id"]]

    async def _send(self, row: outbox.Claimed) -> None:
        """Send one row and keep its outcome for recording; never raises."""
        raised = False
        answered: datetime | None = None
        try:
            reply = self._text(row.item_id, row.locale)
        except Exception as exc:  # nothing left: a known non-delivery, reported as failed
            log.exception("%s outbox row %s: the message could not be prepared", self.channel,
                          row.id)
            result = Delivery("failed", reason=f"not prepared: {type(exc).__name__}")
        else:
            try:
                result = await self.sender.send(row.external_id, [reply], unasked=True)
            except Exception as exc:  # the request may have left: uncertain, never resent
                kind = type(exc).__name__
                if kind not in self._failed_kinds:
                    self._failed_kinds.add(kind)
                    log.exception("%s outbox row %s: sending failed; outcome uncertain",
                                  self.channel, row.id)
                else:
                    log.warning("%s outbox row %s: sending failed (%s); outcome uncertain",
                                self.channel, row.id, kind)
                result = Delivery("uncertain", reason=f"error while sending: {kind}")
                raised = True
            # Spaced from the answer too: the platform counts from when the message reached
            # it, which may be late in the request (a busy network or machine), so the next
            # one to this chat waits a full interval after that; in other processes too
            # (answered_at, see OutboxStore.claim).
            self.spacing.mark(row.external_id)
            answered = outbox.real_now()
        if result.status == "rate_limited":
            log.warning("%s asked us to wait %.1f s (429); slowing down", self.channel,
                        result.retry_after)
            self.limiter.penalize(result.retry_after)
        elif result.status == "uncertain" and not raised:
            log.warning("%s outbox row %s: outcome uncertain (%s); not resent", self.channel,
                        row.id, result.reason)
        self._unrecorded[row.id] = outbox.outcome_values(row, result, self.clock(),
                                                           answered)

    def _text(self, item_id: int, locale: str) -> Reply:
        key = (item_id, locale)
        if key not in self._texts:
            self._texts[key] = first_screen(self._items[item_id], self.edition, locale)
        return self._texts[key]

    async def _load_items(self, ids: set[int]) -> None:
        missing = ids - self._items.keys()
        if not missing:
            return
        for item in await self.store.items(missing):
            self._items[item.id] = item

    async def notify(self, external_id: str, text: str, ref: str | None = None) -> Delivery:
        """Send (or edit, with `ref`) a message to an organizer within the same limits."""
        for _attempt in range(3):
            wait = self.spacing.wait_for(external_id)
            if wait > 0:
                await asyncio.sleep(wait)
            slot = await self.limiter.acquire(until_answered=True)
            self.spacing.mark(external_id)
            try:
                if ref is None:
                    result = await self.sender.send(external_id, [Reply(text)])
                else:
                    result = await self.sender.edit_text(external_id, ref, text)
            finally:
                self.limiter.answered(slot)  # from the answer, as in _dispatch
            self.spacing.mark(external_id)  # from the answer too, as in _send
            if result.status != "rate_limited":
                return result
            self.limiter.penalize(result.retry_after)
        return result
