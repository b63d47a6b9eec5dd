"""`hoctap-bot run`: the web server and every configured channel, until SIGINT/SIGTERM."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import threading
from collections.abc import Awaitable, Callable
from datetime import timedelta
from functools import partial

from aiohttp import web
from sqlalchemy.exc import SQLAlchemyError

from bot.app import App, build_broadcaster
from bot.channels import zalobot
from bot.channels.base import Channel
from bot.db import repo
from bot.db.contest import SqlContestStore, open_attempts
from bot.observability import flush_repeated_logs, health_routes, limits_middleware
from bot.webserver import (
    BODY_LIMITS,
    GUARD,
    BodyLimits,
    ConnectionGuard,
    GuardedSite,
    accept_burst,
    raise_fd_limit,
)
from handlers.features.contest import end_at_close
from scheduler.service import BroadcastService

log = logging.getLogger(__name__)
# How often `run` looks whether the contest has closed with attempts still open.
CONTEST_CHECK_SECONDS = 60.0


def build_channels(app: App) -> list[Channel]:
    """One adapter per configured channel."""
    channels: list[Channel] = []
    if app.settings.telegram.enabled:
        from bot.channels.telegram import TelegramChannel

        channels.append(TelegramChannel(app.settings.telegram, app.dispatcher,
                                        supervisor=app.supervisor))
    if app.settings.zalo.enabled:
        from bot.channels.zalo import ZaloChannel

        w = app.settings.web
        channels.append(ZaloChannel(
            app.settings.zalo, app.dispatcher, app.sessions, app.clock,
            event_max_age=timedelta(hours=w.update_retention_hours),
            clock_skew=timedelta(seconds=w.clock_skew_seconds), supervisor=app.supervisor))
    channels.extend(zalobot.build(app))
    return channels


def build_web_app(app: App) -> web.Application:
    """The shared aiohttp app: webhooks authenticate first, then read their body through
    bot.webserver.read_body (client_max_size: 413; body_timeout: 408; max_json_depth: 400)."""
    w = app.settings.web
    metrics = app.dispatcher.metrics
    guard = ConnectionGuard(w, metrics)
    # Order: the guard sees every request first (its header timer stops while the handler
    # runs), then refused requests are answered and counted.
    web_app = web.Application(client_max_size=w.max_body,
                              middlewares=[guard.middleware, limits_middleware(metrics)])
    web_app[GUARD] = guard
    web_app[BODY_LIMITS] = BodyLimits(w.body_timeout, w.max_json_depth)
    return web_app


async def _every(seconds: float, job: Callable[[], Awaitable[None]], name: str) -> None:
    """Run `job` now and every `seconds`; a database error waits for the next run."""
    while True:
        try:
            await job()
        except (SQLAlchemyError, OSError) as exc:
            log.warning("%s failed (%s); next run in %.0f s", name, type(exc).__name__, seconds)
        await asyncio.sleep(seconds)


def housekeeping(app: App) -> list[asyncio.Task[None]]:
    """The periodic jobs of `hoctap-bot run`: prune the kept update keys, summarize what the
    web server refused (and the repeated log lines), end the attempts left open when the
    contest closes."""
    w = app.settings.web
    retention = timedelta(hours=w.update_retention_hours, seconds=w.clock_skew_seconds)

    async def prune() -> None:
        # A Zalo event older than the retention is refused, and one from up to clock_skew
        # ahead is kept that much longer: no redelivery can find its key gone.
        async with app.sessions() as s, s.begin():
            pruned = await repo.prune_updates(s, app.clock() - retention)
        if pruned:
            log.info("pruned %d processed update keys older than %.0f h", pruned,
                     retention.total_seconds() / 3600)

    async def summarize() -> None:
        app.dispatcher.metrics.log_refusals(w.summary_seconds)
        flush_repeated_logs()

    contest = app.edition.contest

    async def close_contest() -> None:
        # After the closing time, attempts left open are ended and ranked (nobody else would:
        # an abandoned attempt is otherwise ended only when its citizen writes again).
        if app.clock() < contest.closes:
            return
        async with app.sessions() as s, s.begin():
            store = SqlContestStore(s, 0)  # the answers of any user's attempt
            ended = 0
            for attempt in await open_attempts(s):
                attempt = await end_at_close(store, attempt, app.edition, contest.closes)
                ended += attempt.finished_at is not None
        if ended:
            log.info("contest closed: %d attempts left open were ended and ranked", ended)

    tasks = [asyncio.create_task(_every(w.prune_seconds, prune, "pruning processed updates"),
                                 name="prune processed updates"),
             asyncio.create_task(_every(w.summary_seconds, summarize, "web summary"),
                                 name="web summary"),
             asyncio.create_task(_every(CONTEST_CHECK_SECONDS, close_contest,
                                        "closing the contest"), name="close the contest")]
    for task in tasks:
        task.add_done_callback(_report_end)
    return tasks


def _report_end(task: asyncio.Task[None]) -> None:
    """A periodic job that ends by itself is a bug: say so with its traceback."""
    if not task.cancelled() and task.exception() is not None:
        log.error("%s stopped", task.get_name(), exc_info=task.exception())


async def serve(app: App, channels: list[Channel], stop: asyncio.Event) -> None:
    """Run until `stop` is set, then shut everything down in reverse order."""
    await app.start()
    web_app = build_web_app(app)
    for channel in channels:
        channel.mount(web_app)
    started: list[Channel] = []
    health_routes(web_app, app.engine, app.sessions, app.dispatcher.metrics,
                  lambda: [c.name for c in started], tasks=app.supervisor.states,
                  expected=[c.name for c in channels])
    from bot.web.console import mount  # Jinja2 and the pages: only `run` serves them

    mount(web_app, app)
    w = app.settings.web
    open_files = raise_fd_limit(w.max_connections)
    # keepalive_timeout: aiohttp's own idle timer, only a backstop: the guard's header timer
    # (which also runs while a request's headers trickle in) fires first. lingering_time:
    # after answering without reading a body (404, 403), discard what still comes for at
    # most a second, then close.
    runner = web.AppRunner(web_app, access_log=None, keepalive_timeout=2 * w.header_timeout,
                           lingering_time=min(1.0, w.header_timeout / 2))
    await runner.setup()
    broadcaster: BroadcastService | None = None
    jobs: list[asyncio.Task[None]] = []
    try:
        # The listen backlog is also how many connections asyncio accepts in one go, before the
        # guard's eviction runs (accept_burst): a burst of clients cannot take the process past
        # its open-file limit between two evictions.
        site = GuardedSite(runner, w.host, w.port, web_app[GUARD],
                           backlog=accept_burst(open_files, w.max_connections),
                           reuse_port=w.reuse_port)
        await site.start()
        log.info("web server listening on %s:%s", w.host, w.port)
        jobs = housekeeping(app)
        jobs.append(asyncio.create_task(_prepare_understanding(app)))
        for channel in channels:
            await channel.start()
            started.append(channel)
        if app.settings.broadcast.enabled:
            broadcaster = build_broadcaster(app, started)
            await broadcaster.start()
        log.info("hoctap-bot is running: %s", ", ".join(c.name for c in channels))
        await stop.wait()
        log.info("stopping")
    finally:
        for job in jobs:
            job.cancel()
        await asyncio.gather(*jobs, return_exceptions=True)
        if broadcaster is not None:
            await broadcaster.stop()
        for channel in reversed(started):
            try:
                await channel.stop()
            except Exception:
                log.exception("channel %s did not stop cleanly", channel.name)
        await runner.cleanup()
        await app.close()


async def _in_daemon_thread(work: Callable[[], None], name: str) -> None:
    """Run `work` in a daemon thread and wait for it. Unlike asyncio.to_thread's, whose pool
    `asyncio.run` and the interpreter join at exit, this thread does not hold up a stop: a
    SIGTERM in the first seconds waited for the understanding's preparation, cancelled and so
    of no use any more (28 s after the stop under a load of 15, past the tests' 30 s)."""
    loop = asyncio.get_running_loop()
    done: asyncio.Future[None] = loop.create_future()

    def settle(error: BaseException | None) -> None:
        if done.done():  # (cancelled: the stop)
            return
        if error is None:
            done.set_result(None)
        else:
            done.set_exception(error)

    def run() -> None:
        error: BaseException | None = None
        try:
            work()
        except BaseException as exc:  # handed to the waiter, as to_thread does
            error = exc
        with contextlib.suppress(RuntimeError):  # the loop is closed: nobody waits any more
            loop.call_soon_threadsafe(settle, error)

    threading.Thread(target=run, name=name, daemon=True).start()
    await done


async def _prepare_understanding(app: App) -> None:
    """The understanding and its examples' model, built in a worker thread while the bot
    already serves (a failure is logged: the first free text would build them again), then
    kept in the content cache for the next start (read there in 0.4 s: a restart answers with
    the model at once). A stop meanwhile does not wait for them (a daemon thread)."""
    router = app.conversation.router
    cached = "understander" in vars(router)  # (read from the content cache by build_app)
    try:
        router.prepare_later()
        await _in_daemon_thread(router.prepare, "prepare the understanding")
    except Exception:
        log.exception("the understanding could not be prepared at start")
        return
    if cached or app.content_cache is None:
        return
    try:
        # Pickled here, on the event loop (0.2 s, once): in a worker thread the messages
        # answered meanwhile would change its memos while they are read. Written in one.
        data = app.content_cache.pickled_understood(router.understander)
        if data is not None:  # (written whole or not at all: a stop may cut it short)
            await _in_daemon_thread(partial(app.content_cache.keep_understood_pickled, data),
                                    "keep the understanding")
    except Exception:
        log.exception("the understanding could not be kept in the content cache")


async def run(app: App, channels: list[Channel]) -> None:
    """Serve until SIGINT or SIGTERM."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    await serve(app, channels, stop)
