"""Broadcasts and polling survive any database error (issue 13).

The database of each PostgreSQL test is the test's own (fixture pg_url); an admin connection to
the server's `test` database makes it refuse connections (`ALLOW_CONNECTIONS false`) and
terminates its backends, as an operator or a crashing server would.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sqlite3
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import aiohttp
import asyncpg
import pytest
from sqlalchemy import insert, select, text

from bot.app import build_app
from bot.channels.telegram import TelegramChannel
from bot.db.broadcast import create_announcement
from bot.db.engine import create_engine
from bot.db.models import Subscription, User
from bot.runner import serve
from handlers.types import Incoming
from tests.bot.test_broadcast import cli, received, seed
from tests.bot.test_telegram import SECRET, TOKEN, BotProcess, bot_env, telegram, texts
from tests.conftest import PG_DSN, free_port, make_settings, migrate
from tests.fakes.telegram import FakeTelegram

__all__ = ["telegram"]  # the fake Bot API fixture, shared with the Telegram tests

SORRY = "hệ thống đang tạm thời gián đoạn"


def db_name(url: str) -> str:
    return url.rsplit("/", 1)[1]


@contextlib.asynccontextmanager
async def refusing_connections(url: str) -> AsyncIterator[None]:
    """The database refuses new connections and its backends are terminated, again and again
    (a connection that was being opened is cut too), until the block ends."""
    name = db_name(url)
    admin = await asyncpg.connect(PG_DSN)
    stop = asyncio.Event()

    async def terminate_once() -> None:
        await admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                            "WHERE datname = $1 AND pid <> pg_backend_pid()", name)

    async def terminate() -> None:
        while not stop.is_set():
            await terminate_once()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), 0.3)

    try:
        await admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false')
        # The outage has begun when the block starts: no pooled connection survives into it
        # (a check made at once must not find the database answering).
        await terminate_once()
        killer = asyncio.create_task(terminate())
        try:
            yield
        finally:
            stop.set()
            await killer
    finally:
        await admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true')
        await admin.close()


async def health(base: str) -> tuple[int, dict[str, Any]]:
    async with aiohttp.ClientSession() as http, http.get(f"{base}/healthz") as resp:
        return resp.status, await resp.json()


async def until(check: Any, within: float) -> None:
    """Poll an async condition (no timing is asserted: the limit only ends a hang)."""
    async with asyncio.timeout(within):
        while not await check():  # noqa: ASYNC110 (a query or a request, not an event)
            await asyncio.sleep(0.2)


async def pg_rows(url: str, sql: str) -> list[tuple[Any, ...]]:
    conn = await asyncpg.connect(url.replace("postgresql+asyncpg://", "postgresql://"))
    try:
        return [tuple(r) for r in await conn.fetch(sql)]
    finally:
        await conn.close()


# ---- the headline: a broadcast while the database refuses connections ----------------------


@pytest.mark.postgres
async def test_database_refusing_connections_mid_broadcast(
    telegram: FakeTelegram, tmp_path: Path, pg_url: str
) -> None:
    """The real `hoctap-bot run` on a PostgreSQL database that refuses connections and loses
    its backends for several seconds in the middle of a broadcast to 300 subscribers, while
    users write: afterwards every subscriber got the announcement exactly once, the outbox is
    settled, every message was answered once (after at most one apology), /healthz is 200."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = bot_env(telegram, HOCTAP_DATABASE_URL=pg_url, HOCTAP_WEB_PORT=str(port),
                  HOCTAP_BOT_NOW="2020-10-02T10:00", HOCTAP_TELEGRAM_RATE="80",
                  HOCTAP_BROADCAST_GRACE_HOURS="0.01")
    subscribers = range(30_001, 30_301)
    blocked = {30_100, 30_200, 30_300}  # they blocked the bot: 403, and deactivated
    for chat in blocked:
        telegram.block(chat)
    await seed(tmp_path, env, subscribers)
    telegram.register_chats(subscribers)  # they started the bot before the test
    announcement = "Thông báo: hội thảo trực tuyến lúc 15:00 ngày 03/10."
    await cli(tmp_path, env, "announce", "--text", announcement, "--at", "now")

    bot = BotProcess(tmp_path, env)
    await bot.start()
    try:
        await telegram.wait_for("setMyCommands", count=2, timeout=60)
        telegram.user_sends_text(6001, "/start")
        await telegram.wait_for(lambda: len(texts(telegram, 6001)) == 1, timeout=30)
        await telegram.wait_for(lambda: len(received(telegram, announcement)) >= 40,
                                timeout=60)

        async with refusing_connections(pg_url):
            at_cut = len(received(telegram, announcement))
            status, body = await health(base)
            assert status == 503 and body["database"].startswith("error"), body
            # A known user and two new ones write meanwhile.
            telegram.user_sends_text(6001, "lich hom nay")
            telegram.user_sends_text(6002, "/start")
            telegram.user_sends_text(6003, "so dien thoai lien he")

            def told() -> bool:
                return all(any(SORRY in t for t in texts(telegram, c))
                           for c in (6001, 6002, 6003))

            await telegram.wait_for(told, timeout=30)
            await asyncio.sleep(5)  # several seconds without the database
            during = len(received(telegram, announcement))
        assert during < len(subscribers), "the cut came too late to test anything"
        assert at_cut <= during

        # Delivery resumes by itself, the held-back messages are answered.
        await telegram.wait_for(
            lambda: len(received(telegram, announcement)) == len(subscribers) - len(blocked),
            timeout=120)
        await telegram.wait_for(lambda: len(texts(telegram, 6001)) == 3
                                and len(texts(telegram, 6002)) == 2
                                and len(texts(telegram, 6003)) == 2, timeout=60)

        async def settled() -> bool:
            rows = await pg_rows(pg_url, "SELECT status, count(*) FROM outbox GROUP BY status")
            return sorted(rows) == [("failed", len(blocked)),
                                    ("sent", len(subscribers) - len(blocked))]

        await until(settled, within=60)

        async def healthy() -> bool:
            return (await health(base))[0] == 200

        await until(healthy, within=60)
        status, body = await health(base)
        assert set(body["tasks"]) >= {"deliver telegram", "scheduler poll",
                                      "telegram polling"}
        assert set(body["tasks"].values()) == {"running"}
        await asyncio.sleep(1.0)  # nothing more arrives
    finally:
        code = await bot.stop()
    assert code == 0, bot.stderr.decode()
    assert b"never retrieved" not in bot.stderr, bot.stderr.decode()

    counts = received(telegram, announcement)
    assert set(counts) == set(subscribers) - blocked and set(counts.values()) == {1}
    inactive = await pg_rows(pg_url, "SELECT external_id FROM users WHERE NOT active")
    assert {int(chat) for (chat,) in inactive} == blocked
    _welcome, sorry, schedule = texts(telegram, 6001)
    assert SORRY in sorry and "Hôm nay" in schedule, schedule
    for chat in (6002, 6003):
        got = texts(telegram, chat)
        assert sum(SORRY in t for t in got) == 1 and SORRY not in got[1], got
    assert "liên hệ" in texts(telegram, 6003)[1].lower()
    logged = await pg_rows(pg_url, "SELECT u.external_id, count(*) FROM message_log m JOIN "
                                   "users u ON u.id = m.user_id GROUP BY 1 ORDER BY 1")
    assert logged == [("6001", 2), ("6002", 1), ("6003", 1)]


# ---- webhook mode: an update that did not commit is answered 503 and comes again -----------


@pytest.mark.postgres
async def test_webhook_update_not_committed_gets_503_and_is_applied_on_redelivery(
    tmp_path: Path, pg_url: str
) -> None:
    # Telegram repeats a webhook delivery that did not get a 2xx; the fake every 0.5 s.
    async with FakeTelegram(token=TOKEN, webhook_retry_delays=(0.5,),
                            webhook_max_attempts=60) as fake:
        port = free_port()
        url = f"http://127.0.0.1:{port}/telegram/4b1d0c"
        env = bot_env(fake, HOCTAP_DATABASE_URL=pg_url, HOCTAP_WEB_PORT=str(port),
                      HOCTAP_TELEGRAM_MODE="webhook", HOCTAP_TELEGRAM_WEBHOOK_URL=url,
                      HOCTAP_TELEGRAM_SECRET_TOKEN=SECRET, HOCTAP_BROADCAST_ENABLED="false")
        await migrate(pg_url)
        bot = BotProcess(tmp_path, env)
        await bot.start()
        try:
            await fake.wait_for("setMyCommands", count=2, timeout=60)
            async with refusing_connections(pg_url):
                fake.user_sends_text(7001, "lich hom nay")
                await fake.wait_for(lambda: any(d.status == 503
                                                for d in fake.webhook_deliveries), timeout=30)
                await fake.wait_for(lambda: texts(fake, 7001), timeout=30)
                # Redelivered meanwhile, still refused.
                await fake.wait_for(lambda: sum(d.status == 503
                                                for d in fake.webhook_deliveries) >= 2,
                                    timeout=30)
            await fake.wait_for(lambda: len(texts(fake, 7001)) == 2, timeout=30)
            await fake.wait_for(lambda: not fake.pending_updates, timeout=30)
            await asyncio.sleep(1.0)
        finally:
            assert await bot.stop() == 0, bot.stderr.decode()
        statuses = [d.status for d in fake.webhook_deliveries]
        assert statuses.count(503) >= 2 and statuses[-1] == 200, statuses
        sorry, schedule = texts(fake, 7001)
        assert SORRY in sorry and "Hôm nay" in schedule
        assert await pg_rows(pg_url, "SELECT count(*) FROM message_log") == [(1,)]


# ---- a supervised task that fails is restarted, and /healthz says so meanwhile ------------


def rename(path: str, old: str, new: str) -> None:
    """Another connection renames a table (in a thread: it waits for the bot's write lock)."""
    with sqlite3.connect(path, timeout=30) as conn:
        conn.execute(f"ALTER TABLE {old} RENAME TO {new}")


async def test_failing_task_is_restarted_and_healthz_names_it(
    telegram: FakeTelegram, sqlite_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    """The App with serve(): the outbox table disappears under the running deliverer (a real
    'no such table' error, not an outage). The deliverer fails, is logged once with its
    traceback, counted, restarted with backoff; /healthz answers 503 naming it until the
    table is back, then delivery resumes and /healthz is 200."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    settings = make_settings(sqlite_url, "2020-10-02T10:00",
                             HOCTAP_TELEGRAM_TOKEN=TOKEN,
                             HOCTAP_TELEGRAM_BASE_URL=f"{telegram.url}/bot",
                             HOCTAP_WEB_PORT=str(port), HOCTAP_BROADCAST_POLL_SECONDS="0.5",
                             HOCTAP_TELEGRAM_RATE="80",
                             HOCTAP_BROADCAST_PER_CHAT_INTERVAL="0.05")
    app = build_app(settings)
    # Restarts 0.5 s, then 1 s apart (not up to 10 s): after the table is back, the next
    # restart comes within a second. (The fake limits no chat: each subscriber also gets the
    # day's digest and a reminder, and need not wait a second between them.)
    app.supervisor.max_delay = 1.0
    await app.start()
    seen = datetime(2020, 9, 30, tzinfo=UTC)
    async with app.sessions() as s, s.begin():
        await s.execute(insert(User), [
            {"channel": "telegram", "external_id": str(c), "first_seen": seen,
             "last_seen": seen, "active": True} for c in range(40_001, 40_041)])
        ids = (await s.execute(select(User.id))).scalars().all()
        await s.execute(insert(Subscription), [{"user_id": i, "created_at": seen} for i in ids])
    telegram.register_chats(range(40_001, 40_041))  # they started the bot before the test
    channel = TelegramChannel(settings.telegram, app.dispatcher, supervisor=app.supervisor)
    stop = asyncio.Event()
    server = asyncio.create_task(serve(app, [channel], stop))
    path = sqlite_url.split("///", 1)[1]
    try:
        async def up() -> bool:
            try:
                status, body = await health(base)
            except aiohttp.ClientError:
                return False
            return status == 200 and "deliver telegram" in body["tasks"]

        await until(up, within=30)
        await asyncio.to_thread(rename, path, "outbox", "outbox_away")

        async def named() -> bool:
            # (one answer read whole: between two restarts the deliverer runs for a moment,
            # and a second request may find it "running", the body 200)
            status, body = await health(base)
            return (status == 503 and body["status"] == "unavailable"
                    and body["database"] == "ok"
                    and body["tasks"]["deliver telegram"].startswith("restarting"))

        await until(named, within=30)

        async def failed_again() -> bool:  # it keeps failing, and is restarted again
            async with aiohttp.ClientSession() as http, http.get(f"{base}/metrics") as resp:
                lines = (await resp.text()).splitlines()
            return any(line.startswith('hoctap_task_failures_total{task="deliver telegram"}')
                       and float(line.split()[-1]) >= 2 for line in lines)

        await until(failed_again, within=30)
        await asyncio.to_thread(rename, path, "outbox_away", "outbox")

        async with app.sessions() as s, s.begin():
            await create_announcement(s, "Thông báo sau sự cố.", "all",
                                      app.clock() - timedelta(seconds=1), app.clock(), None)
        await telegram.wait_for(lambda: len(received(telegram, "sau sự cố")) == 40,
                                timeout=60)

        async def healthy() -> bool:
            return (await health(base))[0] == 200

        await until(healthy, within=30)
        async with aiohttp.ClientSession() as http, http.get(f"{base}/metrics") as resp:
            metrics = await resp.text()
    finally:
        stop.set()
        await server
    failures = [line for line in metrics.splitlines()
                if line.startswith('hoctap_task_failures_total{task="deliver telegram"}')]
    assert failures and float(failures[0].split()[-1]) >= 2, metrics
    logged = [r for r in caplog.records if r.name == "scheduler.supervisor"
              and "deliver telegram" in r.getMessage()]
    with_traceback = [r for r in logged if r.exc_info]
    assert len(with_traceback) == 1 and "no such table" in str(with_traceback[0].exc_info[1])
    assert len(logged) >= 2  # the repeats in one line each
    assert set(received(telegram, "sau sự cố").values()) == {1}


# ---- names and logs ------------------------------------------------------------------------


@pytest.mark.postgres
async def test_a_129_character_telegram_name_on_postgresql(
    telegram: FakeTelegram, pg_url: str
) -> None:
    """First and last name of 64 characters each (Telegram's limits): the user is answered
    and the name is stored cut to what the column holds."""
    settings = make_settings(pg_url, HOCTAP_TELEGRAM_TOKEN=TOKEN,
                             HOCTAP_TELEGRAM_BASE_URL=f"{telegram.url}/bot")
    app = build_app(settings)
    await app.start()
    channel = TelegramChannel(settings.telegram, app.dispatcher)
    await channel.start()
    first, last = "Nguyễn" + "a" * 58, "Thị" + "b" * 61
    try:
        telegram.user_sends_text(8801, "/start", first_name=first, last_name=last)
        await telegram.wait_for(lambda: texts(telegram, 8801), timeout=30)
        telegram.user_sends_text(8801, "lich hom nay")
        await telegram.wait_for(lambda: len(texts(telegram, 8801)) == 2, timeout=30)
    finally:
        await channel.stop()
        await app.close()
    welcome, today = texts(telegram, 8801)
    assert SORRY not in welcome and "Hôm nay" in today
    [(name,)] = await pg_rows(pg_url, "SELECT display_name FROM users "
                                      "WHERE external_id = '8801'")
    assert len(first) + 1 + len(last) == 129
    assert name == (first + " " + last)[:128]


@pytest.mark.postgres
async def test_database_errors_are_logged_without_sql_parameters(
    pg_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    """A statement that carries a user's name fails (a trigger refuses it): the error is
    logged with its traceback and statement, never with the name."""
    app = build_app(make_settings(pg_url))
    await app.start()
    engine = create_engine(pg_url)
    try:
        async with engine.begin() as conn:
            await conn.execute(text(
                "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS "
                "$$ BEGIN RAISE EXCEPTION 'users are read-only today'; END $$"))
            await conn.execute(text("CREATE TRIGGER refuse BEFORE INSERT OR UPDATE ON users "
                                    "FOR EACH ROW EXECUTE FUNCTION refuse()"))
        name = "Trần Thị Bí Mật"
        replies = None
        with caplog.at_level(logging.WARNING):
            try:
                replies = await app.dispatcher.handle(
                    Incoming("console", "secret-1", "/start", display_name=name))
            except Exception:  # what a channel's one error handler would log
                logging.getLogger("tests").exception("update failed")
    finally:
        await engine.dispose()
        await app.close()
    formatter = logging.Formatter()
    lines = "\n".join(formatter.format(r) for r in caplog.records)
    assert "users are read-only today" in lines and "INTO users" in lines, lines
    assert name not in lines and "secret-1" not in lines, lines
    assert replies is not None and SORRY in replies[0].text


# ---- Telegram 5xx: the outcome is unknown, so a reply is never sent twice ------------------


async def test_a_5xx_answer_to_a_reply_is_not_repeated(telegram: FakeTelegram,
                                                       sqlite_url: str) -> None:
    settings = make_settings(sqlite_url, HOCTAP_TELEGRAM_TOKEN=TOKEN,
                             HOCTAP_TELEGRAM_BASE_URL=f"{telegram.url}/bot")
    app = build_app(settings)
    await app.start()
    channel = TelegramChannel(settings.telegram, app.dispatcher)
    await channel.start()
    try:
        telegram.fail_next("sendMessage", 502)
        telegram.user_sends_text(8901, "lich hom nay")
        await telegram.wait_for(lambda: telegram.calls("sendMessage", chat_id=8901),
                                timeout=30)
        telegram.user_sends_text(8901, "lien he")
        await telegram.wait_for(lambda: texts(telegram, 8901), timeout=30)
        await asyncio.sleep(1.0)
    finally:
        await channel.stop()
        await app.close()
    calls = telegram.calls("sendMessage", chat_id=8901)
    # The 502 may have been delivered (the Bot API does not say otherwise): not sent again.
    assert [c.status for c in calls] == [502, 200]
    assert "liên hệ" in texts(telegram, 8901)[0].lower()


def test_outage_classification_knows_what_postgresql_says() -> None:
    from sqlalchemy.exc import DBAPIError

    from bot.db.faults import is_outage

    for state, message in (("55000", 'database "x" is not currently accepting connections'),
                           ("53300", "sorry, too many clients already"),
                           ("57014", "canceling statement due to statement timeout"),
                           ("57P01", "terminating connection due to administrator command")):
        orig = Exception(message)
        orig.sqlstate = state  # type: ignore[attr-defined]
        assert is_outage(DBAPIError("SELECT 1", {}, orig)), state
    orig = Exception("value too long for type character varying(128)")
    orig.sqlstate = "22001"  # type: ignore[attr-defined]
    assert not is_outage(DBAPIError("UPDATE users", {}, orig))


# ---- Zalo: an acknowledged event whose transaction did not commit is kept and retried -------


@pytest.mark.postgres
async def test_zalo_event_is_retried_until_the_database_takes_it(pg_url: str) -> None:
    from aiohttp import web

    from bot.channels.zalo import ZaloChannel
    from bot.runner import build_web_app
    from tests.fakes.zalo import APP_ID, APP_SECRET, OA_SECRET_KEY, FakeZalo

    hook, user = "/zalo/3e9a1c7f5b2d8e4a6c0f9b3d1e7a5c2f", "8123456789012345670"
    async with FakeZalo() as fake:
        access, refresh = fake.issue_pair()
        settings = make_settings(
            pg_url, HOCTAP_ZALO_APP_ID=APP_ID, HOCTAP_ZALO_APP_SECRET=APP_SECRET,
            HOCTAP_ZALO_OA_SECRET_KEY=OA_SECRET_KEY, HOCTAP_ZALO_ACCESS_TOKEN=access,
            HOCTAP_ZALO_REFRESH_TOKEN=refresh, HOCTAP_ZALO_API_BASE=fake.url,
            HOCTAP_ZALO_OAUTH_BASE=fake.url, HOCTAP_ZALO_WEBHOOK_PATH=hook)
        app = build_app(settings)
        await app.start()
        channel = ZaloChannel(settings.zalo, app.dispatcher, app.sessions, app.clock,
                              supervisor=app.supervisor)
        web_app = build_web_app(app)
        channel.mount(web_app)
        runner = web.AppRunner(web_app, access_log=None)
        await runner.setup()
        port = free_port()
        await web.TCPSite(runner, "127.0.0.1", port).start()
        await channel.start()
        url = f"http://127.0.0.1:{port}{hook}"
        try:
            assert await fake.post_event(url, fake.event("user_send_text", user,
                                                         text="/start")) == 200
            await fake.wait_texts(user, 1)
            async with refusing_connections(pg_url):
                event = fake.event("user_send_text", user, text="lich hom nay")
                assert await fake.post_event(url, event) == 200  # acknowledged at once
                # The apology waits for the failed connect and the probe: slow on a busy machine.
                await fake.wait_texts(user, 2, seconds=40)
                await asyncio.sleep(3)  # tried again and again meanwhile
            got = await fake.wait_texts(user, 3, seconds=40)
            await asyncio.sleep(0.5)
        finally:
            await channel.stop()
            await runner.cleanup()
            await app.close()
    _welcome, sorry, today = fake.texts(user)
    assert SORRY in sorry and "Hôm nay" in today, got
    assert await pg_rows(pg_url, "SELECT count(*) FROM message_log") == [(2,)]
