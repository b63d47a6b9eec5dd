"""Fire scheduled items at their time (APScheduler), report progress, run the deliverers.

The tables are the source of truth: APScheduler only holds date jobs rebuilt from them at each
poll, so items created by the CLI or another process are picked up within `poll_seconds`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from content import Edition
from handlers.channel import OutputChannel
from handlers.i18n import _, format_number, use_locale
from scheduler import outbox
from scheduler.deliverer import Deliverer
from scheduler.outbox import FINAL
from scheduler.planner import plan, plan_reason, refuses
from scheduler.ports import Storage
from scheduler.settings import BroadcastSettings
from scheduler.supervisor import Supervised, Supervisor

log = logging.getLogger(__name__)


def job_id(item_id: int) -> str:
    return f"ITEM {item_id}"


def fire_order(item: tuple[int, datetime, str]) -> tuple[datetime, int, int]:
    """Earlier first; at one instant the morning digest first, then in order of creation.

    The digest is the day's main message and already lists the events that reminders due
    with it are about (07:00: the digest and the reminder of the 08:00 opening), so it
    goes first; the others follow it a recipient's minute or so later, still in time.
    """
    item_id, due_at, kind = item
    return due_at, 0 if kind == "digest" else 1, item_id


class BroadcastService:
    """Everything that sends without being asked: reminders, announcements, their reports."""

    def __init__(self, cfg: BroadcastSettings, edition: Edition, storage: Storage,
                 clock: Callable[[], datetime], senders: Sequence[OutputChannel], *,
                 locale: str, timezone: str, outage: Callable[[BaseException], bool],
                 supervisor: Supervisor | None = None, demo: bool = False) -> None:
        """`locale`: of a recipient whose own is unknown. `outage(exc)`: the storage is down
        or busy (a job skipped with one line, not a traceback)."""
        self.cfg = cfg
        # [bot] demo_sample_schedule: reminders from a sample schedule, each marked a sample.
        self.demo = demo
        self.edition = edition
        self.store = storage.schedule
        self.clock = clock
        self.locale = locale
        self.outage = outage
        self.worker = storage.worker
        self.is_pg = storage.shared
        self.leader = storage.leader
        self.is_leader = False
        self.presence = storage.presence
        self.senders = 1  # processes sending on this database, this one included
        # Each channel's pace is the rate it declares (from its own settings section).
        self.deliverers = {
            s.name: Deliverer(s, s.limits.rate, self.cfg.per_chat_interval, storage.outbox,
                              edition, clock, self.worker,
                              idle_seconds=min(1.0, self.cfg.poll_seconds))
            for s in senders
        }
        self.scheduler = AsyncIOScheduler(timezone=ZoneInfo(timezone))
        self.supervisor = supervisor or Supervisor(expected=outage)
        self._tasks: list[tuple[Deliverer | None, Supervised]] = []
        self._stopping = asyncio.Event()
        self._progress: dict[int, tuple[float, int]] = {}
        self._inflight: set[asyncio.Task[object]] = set()
        self._firing = asyncio.Lock()  # one fire_due at a time: the order holds across jobs
        self.running = False

    async def _job(self, fn: Callable[..., Awaitable[None]], *args: object) -> None:
        """Run a scheduler job, known to stop() so shutdown waits for it."""
        task = asyncio.current_task()
        if task is not None:
            self._inflight.add(task)
        try:
            await fn(*args)
        except Exception as exc:
            # The next poll tries again (an unfired item stays due); no traceback per poll.
            if not self.outage(exc):
                raise
            log.warning("broadcast job %s skipped: database unavailable (%s)",
                        getattr(fn, "__name__", fn), type(exc).__name__)
        finally:
            if task is not None:
                self._inflight.discard(task)

    async def start(self) -> None:
        """Take the lead if free, plan the week, start firing and delivering."""
        demo = self.demo
        if refuses(self.edition, demo):
            log.warning("schedule.toml is a sample (sample = true): no morning digest or event "
                        "reminder will be planned or sent from it; replace it with the official "
                        "schedule and set sample = false ([bot] demo_sample_schedule = true "
                        "sends them for a demonstration, each marked as a sample)")
        elif self.edition.schedule_is_sample:
            log.warning("[bot] demo_sample_schedule is on: reminders from the SAMPLE schedule "
                        "will be sent to subscribers, each marked as a sample")
        self.is_leader = await self.leader.ensure()
        if not self.is_pg and not self.is_leader:
            holder = getattr(self.leader, "holder", None)
            log.error("SQLite serves one hoctap-bot process and %s already runs on this "
                      "database: this process will not send reminders or broadcasts "
                      "(use PostgreSQL for several processes)", holder)
            return
        if self.is_leader:
            await self._take_over()
        await self._share_rates()
        self.scheduler.start()
        self._stopping.clear()
        self._tasks.append((None, self.supervisor.start("scheduler poll", self._poll)))
        for d in self.deliverers.values():
            self._tasks.append((d, self.supervisor.start(f"deliver {d.channel}", d.run)))
        self.running = True
        log.info("broadcasts: %s (%s)", ", ".join(self.deliverers) or "no channel",
                 "firing scheduled items" if self.is_leader else "delivering only")

    async def stop(self) -> None:
        if not self.running:
            return
        # Pause first: shutdown cancels running jobs, and a firing should finish its
        # transaction and reports rather than be cut mid-way.
        self.scheduler.pause()
        for _d, handle in self._tasks:
            handle.stop_soon()
        self._stopping.set()
        if self._inflight:
            await asyncio.wait(self._inflight, timeout=15)
        self.scheduler.shutdown(wait=False)
        for d in self.deliverers.values():
            d.finish()
        for _d, handle in self._tasks:
            await handle.stop(timeout=15)
        for d in self.deliverers.values():
            try:
                await d.settle()
            except Exception as exc:  # stopping anyway: what is left is settled at next start
                log.warning("%s outbox: could not record the last outcomes on stop (%s); rows "
                            "left sending will be reported uncertain", d.channel,
                            type(exc).__name__)
        self._tasks.clear()
        try:
            await self.leader.release()
        except Exception as exc:  # the lock or lease ends with the process anyway
            log.warning("could not release the scheduler lead on stop (%s)", type(exc).__name__)
        if self.presence is not None:
            await self.presence.close()
        self.running = False

    async def _poll(self) -> None:
        """Tick every `poll_seconds` until stop (supervised: a failure restarts it)."""
        while not self._stopping.is_set():
            await self.tick()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), self.cfg.poll_seconds)

    async def _share_rates(self) -> None:
        """Divide the channel rates among the processes sending on this database."""
        if self.presence is None:
            return
        n = await self.presence.count()
        if n is None or n == self.senders:
            return
        self.senders = n
        for d in self.deliverers.values():
            d.limiter.share(n)
        rates = ", ".join(f"{d.channel} {d.limiter.configured:g}/s"
                          for d in self.deliverers.values())
        if n == 1:
            log.info("this process alone sends broadcasts on this database: the whole channel "
                     "rates (%s)", rates)
        else:
            log.info("%d processes send broadcasts on this database: each sends at 1/%d of the "
                     "channel rates (%s)", n, n, rates)

    async def _take_over(self) -> None:
        """Just became the leader: plan from content and settle what a dead process left."""
        # SQLite runs one process, so every claim of another worker is a dead one's.
        cutoff = None if not self.is_pg else (
            outbox.real_now() - timedelta(seconds=self.cfg.stale_seconds))
        changes, back, stale = await self.store.take_over(
            plan(self.edition, self.cfg, self.demo), self.clock(), cutoff, self.worker,
            reason=plan_reason(self.edition, self.demo))
        if changes:
            log.info("planned reminders from content: %d changes", changes)
        self._report_sweep(back, stale)

    @staticmethod
    def _report_sweep(back: int, stale: int) -> None:
        if back:
            log.info("%d messages reserved by a process that stopped were not sent: back in "
                     "the queue", back)
        if stale:
            log.warning("%d messages were being sent when a process stopped: marked uncertain",
                        stale)

    async def tick(self) -> None:
        """Poll: keep the lead, settle stale rows, mirror the table into jobs, report progress."""
        await self._share_rates()
        was = self.is_leader
        self.is_leader = await self.leader.ensure()
        if not self.is_leader:
            return
        if not was:
            await self._take_over()
        elif self.is_pg:
            cutoff = outbox.real_now() - timedelta(seconds=self.cfg.stale_seconds)
            back, stale = await self.store.sweep(cutoff, self.worker)
            self._report_sweep(back, stale)
        await self._sync_jobs()
        await self._report_progress()

    async def _sync_jobs(self) -> None:
        items = await self.store.scheduled()
        now = self.clock()
        offset = now - datetime.now(UTC)
        wanted: dict[str, datetime] = {}
        for item_id, due_at, _kind in items:
            if due_at > now:
                wanted[job_id(item_id)] = due_at - offset
        for job in self.scheduler.get_jobs():
            if job.id.startswith("ITEM ") and job.id not in wanted:
                job.remove()
        for jid, run_at in wanted.items():
            job = self.scheduler.get_job(jid)
            if job is not None and abs((job.next_run_time - run_at).total_seconds()) < 1:
                continue
            # misfire_grace_time=None: lateness is judged by fire() against [broadcast] grace.
            # Each job fires every item due by then (fire_due), so items due at one instant
            # go in fire_order, not in the order their concurrent jobs reach the database.
            self.scheduler.add_job(self._job, "date", run_date=run_at, args=[self.fire_due],
                                   id=jid,
                                   replace_existing=True, misfire_grace_time=None)
        await self.fire_due(items)

    async def fire_due(self, items: list[tuple[int, datetime, str]] | None = None) -> None:
        """Fire every item due by now, one after another in `fire_order`.

        The outbox sends rows in the order they were written: the first item fired reaches
        all its recipients before the next one starts. Fired by concurrent jobs, the items
        of one instant raced to the database and the digest could wait behind the others
        (for 20,000 subscribers at about 21 a second, a quarter of an hour).
        """
        async with self._firing:
            if items is None:
                items = await self.store.scheduled()
            now = self.clock()
            for item_id, _due, _kind in sorted((i for i in items if i[1] <= now),
                                               key=fire_order):
                await self.fire(item_id)

    async def fire(self, item_id: int) -> None:
        """Write the item's outbox rows (or mark it missed), once, in one transaction."""
        if not self.is_leader:
            return
        fired = await self.store.fire(item_id, self.clock(),
                                      timedelta(hours=self.cfg.grace_hours), self.locale,
                                      set(self.deliverers))
        if fired is None:
            return
        if fired.missed:
            log.warning("scheduled item %s (%s) missed: %s", item_id, fired.key, fired.note)
        else:
            if fired.skipped:
                log.info("scheduled item %s: %d recipients on channels this bot does not "
                         "send on (the console, a platform switched off): skipped",
                         item_id, fired.skipped)
            log.info("scheduled item %s (%s) fired: %d recipients", item_id, fired.key,
                     fired.total)
        missed, creator, total = fired.missed, fired.creator, fired.total
        for d in self.deliverers.values():
            d.wake()
        if creator[0] and creator[1]:
            if missed:
                await self._tell(item_id, creator[0], creator[1], "missed")
            else:
                await self._tell(item_id, creator[0], creator[1], "start", total=total)

    async def _locale_of(self, channel: str, external_id: str) -> str:
        return await self.store.locale_of(channel, external_id) or self.locale

    async def _tell(self, item_id: int, channel: str, external_id: str, what: str,
                    total: int = 0, done: int = 0, counts: dict[str, int] | None = None,
                    ref: str | None = None, seconds: float = 0) -> str | None:
        """Send or edit the organizer's progress message; returns its ref."""
        d = self.deliverers.get(channel)
        if d is None:
            return None
        with use_locale(await self._locale_of(channel, external_id)):
            if what == "missed":
                text = _("Thông báo #{id} đã bị lỡ: bot ngừng chạy quá lâu sau giờ gửi, nên "
                         "không gửi nữa.").format(id=item_id)
            elif what == "final":
                c = counts or {}
                text = _("Thông báo #{id} đã gửi xong trong {seconds} giây: {sent} đã gửi, "
                         "{skipped} bỏ qua, {failed} lỗi, {uncertain} không rõ kết quả."
                         ).format(id=item_id, seconds=format_number(round(seconds)),
                                  sent=format_number(c.get("sent", 0)),
                                  skipped=format_number(c.get("skipped", 0)),
                                  failed=format_number(c.get("failed", 0)),
                                  uncertain=format_number(c.get("uncertain", 0)))
            else:
                pct = 100 * done // total if total else 100
                text = _("Thông báo #{id}: đã gửi {done}/{total} ({pct}%)").format(
                    id=item_id, done=format_number(done), total=format_number(total),
                    pct=pct)
        result = await d.notify(external_id, text, ref)
        if result.status != "sent":
            log.warning("progress report for item %s not delivered: %s", item_id,
                        result.status)
            return None
        if not d.sender.limits.edit:
            # Progress goes out at the start and the end only: no message to edit between.
            return None
        if what == "start" and result.ref:
            await self.store.set_progress_ref(item_id, result.ref)
        return result.ref

    async def _report_progress(self) -> None:
        """Edit each sending item's progress message; finish items with nothing left to send."""
        for item in await self.store.sending():
            c = item.counts
            done = sum(c[f] for f in FINAL)
            creator = item.creator
            if c["pending"] + c["claimed"] + c["sending"] == 0:
                now = self.clock()
                if not await self.store.finish(item.id, now):
                    continue
                seconds = (now - (item.fired_at or now)).total_seconds()
                log.info("item %s done in %.0f s: %s", item.id, seconds, dict(c))
                if c["uncertain"]:
                    log.warning("item %s: %d messages with uncertain outcome (not resent)",
                                item.id, c["uncertain"])
                self._progress.pop(item.id, None)
                if creator[0] and creator[1]:
                    if item.progress_ref:
                        await self._tell(item.id, creator[0], creator[1], "progress",
                                         total=item.total, done=done, ref=item.progress_ref)
                    await self._tell(item.id, creator[0], creator[1], "final", counts=dict(c),
                                     seconds=seconds)
                continue
            last_at, last_done = self._progress.get(item.id, (0.0, -1))
            if (creator[0] and creator[1] and item.progress_ref and done != last_done
                    and time.monotonic() - last_at >= self.cfg.progress_seconds):
                self._progress[item.id] = (time.monotonic(), done)
                await self._tell(item.id, creator[0], creator[1], "progress", total=item.total,
                                 done=done, ref=item.progress_ref)
