"""Database faults: PostgreSQL stopped and started under the running bot; SQLite locked.

The PostgreSQL test runs its own throw-away cluster (initdb / pg_ctl from the machine's
PostgreSQL installation, in a temporary directory, on a free port): stopping the machine's
main cluster would break whoever else uses it.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import sqlite3
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import aiohttp
import asyncpg
import pytest
from sqlalchemy.ext.asyncio import create_async_engine

from bot.app import App
from bot.db.engine import make_sessionmaker
from bot.db.faults import is_outage
from tests import spawn
from tests.bot.test_telegram import BIN, BotProcess, bot_env, telegram, texts
from tests.conftest import Chat, free_port, migrate
from tests.fakes.telegram import FakeTelegram

__all__ = ["telegram"]  # the fake Bot API fixture, shared with the Telegram tests

SORRY = "hệ thống đang tạm thời gián đoạn"
PG_BIN_DIRS = [Path(f"/usr/lib/postgresql/{v}/bin") for v in ("15", "16", "17", "14", "13")]


# ---- a PostgreSQL cluster of the test's own --------------------------------------------


class PgCluster:
    """initdb + pg_ctl in a temporary directory, trust auth, listening on 127.0.0.1:port."""

    def __init__(self, bindir: Path, root: Path, port: int) -> None:
        self.bindir = bindir
        self.data = root / "data"
        self.log = root / "postgres.log"
        self.root = root
        self.port = port
        # initdb refuses to run as root: run the server as the `postgres` user then.
        self.prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    def _run(self, *args: str) -> None:
        done = subprocess.run([*self.prefix, str(self.bindir / args[0]), *args[1:]],
                              capture_output=True, text=True, timeout=120, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"{args[0]} failed: {done.stdout}{done.stderr}")

    def create(self) -> None:
        if self.prefix:
            shutil.chown(self.root, "postgres")
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust",
                  "--encoding=UTF8", "--no-instructions")

    def start(self) -> None:
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-o", options,
                  "-w", "-t", "60", "start")

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "-t", "60", "stop")

    def running(self) -> bool:
        return (self.data / "postmaster.pid").exists()

    def dsn(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"


CLUSTER_PREFIX = "hoctap-pgcluster-"


def _remove_abandoned(bindir: Path) -> None:
    """Stop and delete clusters left by a test run that was killed before its clean-up."""
    for root in Path(tempfile.gettempdir()).glob(f"{CLUSTER_PREFIX}*"):
        owner = root / "owner.pid"
        try:
            pid = int(owner.read_text())
            os.kill(pid, 0)
            continue  # its session is still running
        except (OSError, ValueError):
            # No owner yet: another session may have just created it.
            if not owner.exists() and time.time() - root.stat().st_mtime < 600:
                continue
        cluster = PgCluster(bindir, root, 0)
        if cluster.running():
            with contextlib.suppress(RuntimeError, subprocess.TimeoutExpired):
                cluster.stop()
        shutil.rmtree(root, ignore_errors=True)


def _pg_bindir() -> Path | None:
    for d in PG_BIN_DIRS:
        if (d / "initdb").exists() and (d / "pg_ctl").exists():
            return d
    return None


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PgCluster]:
    """A cluster of this test session's own, removed afterwards even when a test fails."""
    bindir = _pg_bindir()
    if bindir is None:
        pytest.skip("no PostgreSQL server binaries (initdb, pg_ctl) under /usr/lib/postgresql")
    if os.geteuid() == 0 and shutil.which("runuser") is None:
        pytest.skip("running as root without runuser: cannot start PostgreSQL as postgres")
    # Not under pytest's tmp root: that is private to this user, and the server may run as
    # `postgres`.
    _remove_abandoned(bindir)
    root = Path(tempfile.mkdtemp(prefix=CLUSTER_PREFIX))
    (root / "owner.pid").write_text(str(os.getpid()))
    cluster = PgCluster(bindir, root, free_port())
    try:
        cluster.create()
        cluster.start()
        yield cluster
    finally:
        if cluster.running():
            with contextlib.suppress(RuntimeError, subprocess.TimeoutExpired):
                cluster.stop()
        shutil.rmtree(root, ignore_errors=True)


# ---- the bot serving through the Telegram fake while PostgreSQL stops and starts ----------


async def _seed(cluster: PgCluster, env: dict[str, str], subscribers: range) -> None:
    admin = await asyncpg.connect(cluster.dsn())
    try:
        await admin.execute("DROP DATABASE IF EXISTS hoctap WITH (FORCE)")
        await admin.execute("CREATE DATABASE hoctap")
    finally:
        await admin.close()
    await migrate(env["HOCTAP_DATABASE_URL"])
    conn = await asyncpg.connect(cluster.dsn("hoctap"))
    try:
        for chat in subscribers:
            user_id = await conn.fetchval(
                "INSERT INTO users (channel, external_id, first_seen, last_seen, active) "
                "VALUES ('telegram', $1, now(), now(), true) RETURNING id", str(chat))
            await conn.execute("INSERT INTO subscriptions (user_id, created_at) "
                               "VALUES ($1, now())", user_id)
    finally:
        await conn.close()


async def _query(cluster: PgCluster, sql: str) -> list[tuple[Any, ...]]:
    conn = await asyncpg.connect(cluster.dsn("hoctap"))
    try:
        return [tuple(r) for r in await conn.fetch(sql)]
    finally:
        await conn.close()


async def _health(base: str) -> tuple[int, dict[str, Any]]:
    async with aiohttp.ClientSession() as http, http.get(f"{base}/healthz") as resp:
        return resp.status, await resp.json()


async def _until(predicate: Any, within: float = 60) -> None:
    """Wait for an async predicate (no timing is asserted: the limit only ends a hang)."""
    async with asyncio.timeout(within):
        # Polls another process's database: there is no event to wait on.
        while not await predicate():  # noqa: ASYNC110
            await asyncio.sleep(0.2)


@pytest.mark.postgres
async def test_postgresql_stops_and_starts_under_the_running_bot(
    pg_cluster: PgCluster, telegram: FakeTelegram, tmp_path: Path
) -> None:
    url = pg_cluster.dsn("hoctap").replace("postgresql://", "postgresql+asyncpg://")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    # 8 messages a second to 40 subscribers: the announcement is still going out when the
    # database stops, and has to resume after it starts again.
    env = bot_env(telegram, HOCTAP_DATABASE_URL=url, HOCTAP_WEB_PORT=str(port),
                  HOCTAP_BOT_NOW="2020-10-02T10:00", HOCTAP_TELEGRAM_RATE="8",
                  HOCTAP_BROADCAST_GRACE_HOURS="0.01", HOCTAP_BROADCAST_STALE_SECONDS="10")
    subscribers = range(8101, 8141)
    await _seed(pg_cluster, env, subscribers)
    telegram.register_chats(subscribers)  # they started the bot before
    text = "Thông báo thử nghiệm: hội thảo trực tuyến lúc 15:00 ngày 03/10."
    announce = await spawn.create_subprocess_exec(
        str(BIN), "announce", "--text", text, "--at", "now", cwd=tmp_path,
        env={**os.environ, **env}, stdout=asyncio.subprocess.DEVNULL)
    assert await announce.wait() == 0

    def received() -> dict[int, int]:
        counts: dict[int, int] = {}
        for m in telegram.sent_messages():
            if text in m["text"]:
                counts[m["chat_id"]] = counts.get(m["chat_id"], 0) + 1
        return counts

    bot = BotProcess(tmp_path, env)
    await bot.start()
    stopped = False
    try:
        await telegram.wait_for("setMyCommands", count=2, timeout=60)
        telegram.user_sends_text(6001, "/start")
        await telegram.wait_for(lambda: len(texts(telegram, 6001)) == 1, timeout=30)
        assert (await _health(base))[0] == 200
        await telegram.wait_for(lambda: len(received()) >= 4, timeout=60)

        pg_cluster.stop()
        stopped = True
        at_stop = len(received())
        status, body = await _health(base)
        assert status == 503 and body["status"] == "unavailable", body
        assert body["database"].startswith("error")

        # A known user and a new one write while the database is down: each is told once.
        telegram.user_sends_text(6001, "lich hom nay")
        telegram.user_sends_text(6002, "/start")
        def told(chat: int) -> bool:
            return any(SORRY in t for t in texts(telegram, chat))

        await telegram.wait_for(lambda: told(6001) and told(6002), timeout=60)

        # Held back, Telegram delivers them again: at least once more while still down.
        def polls() -> int:
            return sum(r.method == "getUpdates" for r in telegram.requests)

        redelivered = polls()
        await telegram.wait_for(lambda: polls() >= redelivered + 2, timeout=60)
        # Only what the deliverer had claimed before the stop went out meanwhile.
        during = len(received())
        assert at_stop <= during < len(subscribers)

        pg_cluster.start()
        stopped = False
        # Both messages are answered after all, once; the bot reconnected by itself.
        await telegram.wait_for(lambda: len(texts(telegram, 6001)) >= 3, timeout=60)
        await telegram.wait_for(lambda: len(texts(telegram, 6002)) >= 2, timeout=60)

        async def healthy() -> bool:
            # 503 while a background task waits to be restarted (at most 10 s after a failure).
            return (await _health(base))[0] == 200

        await _until(healthy, within=30)
        telegram.user_sends_text(6001, "so dien thoai lien he")
        await telegram.wait_for(lambda: len(texts(telegram, 6001)) >= 4, timeout=30)

        async def delivered() -> bool:
            rows = await _query(pg_cluster, "SELECT count(*) FROM outbox "
                                            "WHERE status IN ('pending', 'claimed', 'sending')")
            return rows == [(0,)]

        await _until(delivered, within=120)
        async with aiohttp.ClientSession() as http, http.get(f"{base}/metrics") as resp:
            metrics = await resp.text()
    finally:
        if stopped:
            pg_cluster.start()
        code = await bot.stop()
    assert code == 0, bot.stderr.decode()
    # Every failure during the outage was expected and reported in one line, not a traceback.
    assert b"Traceback" not in bot.stderr, bot.stderr.decode()

    for chat in (6001, 6002):
        got = texts(telegram, chat)
        assert sum(SORRY in t for t in got) == 1, got
    first, sorry, schedule, contacts = texts(telegram, 6001)
    assert "Chuyển đổi số" in first and SORRY in sorry
    assert "Hôm nay" in schedule and "•" in schedule, schedule
    assert "liên hệ" in contacts.lower()
    assert "Chuyển đổi số" in texts(telegram, 6002)[1]
    assert 'hoctap_database_unavailable_total{channel="telegram"}' in metrics

    # Nothing committed was lost; what came during the outage was applied exactly once.
    logged = await _query(pg_cluster,
                          "SELECT u.external_id, count(*) FROM message_log m "
                          "JOIN users u ON u.id = m.user_id WHERE u.external_id IN "
                          "('6001', '6002') GROUP BY u.external_id ORDER BY 1")
    assert logged == [("6001", 3), ("6002", 1)]
    assert await _query(pg_cluster, "SELECT count(*) FROM subscriptions") == [(40,)]
    # The announcement resumed after the restart: nobody got it twice, every row is settled,
    # and every subscriber either got it or has the one row the outage left uncertain (its
    # claim or outcome was cut by the stop: reported, never resent).
    counts = received()
    assert set(counts.values()) == {1}, counts
    rows = await _query(pg_cluster, "SELECT u.external_id, o.status FROM outbox o "
                                    "JOIN users u ON u.id = o.user_id")
    assert len(rows) == len(subscribers) and {st for _, st in rows} <= {"sent", "uncertain"}
    sent = {int(chat) for chat, st in rows if st == "sent"}
    uncertain = {int(chat) for chat, st in rows if st == "uncertain"}
    assert sent <= set(counts) and set(counts) | uncertain == set(subscribers)
    assert len(counts) > during  # delivery resumed after the restart


# ---- SQLite: another connection holds the write lock -----------------------------------


async def test_sqlite_write_lock_held_by_another_connection_is_waited_out(
    app: App, sqlite_url: str
) -> None:
    """A second process (the CLI's `announce`, a backup) holding SQLite's write lock makes the
    bot wait and retry (the busy timeout), never answer 'database is locked'."""
    path = sqlite_url.split("///", 1)[1]
    chat = Chat(app, "locked-out", channel="telegram")
    assert await chat.text("/start")
    locked = threading.Event()
    release = threading.Event()

    def hold_lock() -> None:
        conn = sqlite3.connect(path, timeout=30, isolation_level=None)
        try:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("UPDATE users SET display_name = 'held' WHERE external_id = 'other'")
            locked.set()
            release.wait(timeout=60)
            conn.execute("COMMIT")
        finally:
            conn.close()

    holder = threading.Thread(target=hold_lock)
    holder.start()
    try:
        assert await asyncio.to_thread(locked.wait, 30)
        answer = asyncio.create_task(chat.text("lich hom nay"))
        # The bot's write now waits on the lock; let it wait, then let the other writer go.
        await asyncio.sleep(1.0)
        assert not answer.done()
        release.set()
        reply = await answer
    finally:
        release.set()
        await asyncio.to_thread(holder.join, 60)
    assert reply.startswith("Hôm nay") and "Lễ khai mạc" in reply, reply
    assert SORRY not in reply and "locked" not in reply
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM message_log").fetchone() == (2,)


async def test_sqlite_lock_past_the_busy_timeout_is_a_polite_reply(app: App,
                                                                   sqlite_url: str) -> None:
    """Past the busy timeout the user is told to retry later, with no traceback."""
    # The bot's engine waits 30 s; a session over a 0.2 s busy timeout keeps the test short.
    impatient = create_async_engine(sqlite_url, connect_args={"timeout": 0.2})
    app.dispatcher.sessions = make_sessionmaker(impatient)
    conn = sqlite3.connect(sqlite_url.split("///", 1)[1], isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        reply = await Chat(app, "impatient", channel="telegram").text("lich hom nay")
    finally:
        conn.execute("ROLLBACK")
        conn.close()
        await impatient.dispose()
    assert SORRY in reply and "thử lại" in reply


def test_outage_classification() -> None:
    from sqlalchemy.exc import IntegrityError, OperationalError

    assert is_outage(ConnectionRefusedError(111, "refused"))
    assert is_outage(OperationalError("SELECT 1", {}, Exception("database is locked")))
    assert not is_outage(OperationalError("SELECT 1", {}, Exception("no such table: users")))
    assert not is_outage(IntegrityError("INSERT", {}, Exception("duplicate key")))
    assert not is_outage(ValueError("a bug"))
    wrapped = RuntimeError("while handling")
    wrapped.__cause__ = asyncpg.CannotConnectNowError("the database system is starting up")
    assert is_outage(wrapped)


# ---- the polling hold-back on its own (no PostgreSQL needed) -------------------------------


@pytest.mark.parametrize("journal_down", [True, False], ids=["database", "apply"])
async def test_polling_holds_back_the_offset_while_the_database_is_down(
    telegram: FakeTelegram, sqlite_url: str, monkeypatch: pytest.MonkeyPatch, journal_down: bool
) -> None:
    """The Telegram channel in-process on SQLite, its database 'down' by a switch. Down for
    everything, the batch cannot be journaled: the update stays unconfirmed at the fake, comes
    again, and is applied once when the database is back; an update after it, applied
    already, is not applied twice. Down only for the apply (the journal took the batch): the
    update is confirmed, tried again from the journal, and applied once. The user is told
    once either way."""
    from bot.app import build_app
    from bot.channels.telegram import TelegramChannel
    from tests.bot.test_telegram import TOKEN
    from tests.conftest import make_settings

    application = build_app(make_settings(
        sqlite_url, HOCTAP_TELEGRAM_TOKEN=TOKEN, HOCTAP_TELEGRAM_BASE_URL=f"{telegram.url}/bot"))
    await application.start()
    dispatcher = application.dispatcher
    down = {"6101"}  # whose updates meet the outage
    apply, journal = dispatcher._apply, dispatcher.journal
    attempts: list[int] = []

    async def flaky(batch: list[Any]) -> Any:
        if any(job.msg.user_id in down for job in batch):
            attempts.append(len(batch))
            raise ConnectionRefusedError(111, "Connect call failed")
        return await apply(batch)

    async def flaky_journal(*args: Any) -> int:
        if down and journal_down:
            raise ConnectionRefusedError(111, "Connect call failed")
        return await journal(*args)

    monkeypatch.setattr(dispatcher, "_apply", flaky)
    monkeypatch.setattr(dispatcher, "journal", flaky_journal)
    channel = TelegramChannel(application.settings.telegram, dispatcher)
    await channel.start()
    try:
        # A full getUpdates batch (100), which the bot journals (a smaller one it applies
        # before confirming it, as when the journal is down).
        held = telegram.user_sends_text(6101, "lich hom nay")["update_id"]
        after = telegram.user_sends_text(6102, "lien he")["update_id"]
        others = range(6103, 6201)
        for chat in others:
            telegram.user_sends_text(chat, "lien he")
        # (The limit only ends a hang: the first free text builds the understanding and its
        # model on the event loop here, 3.6 s of CPU, past 30 s under a load of 15.)
        await telegram.wait_for(lambda: all(texts(telegram, c) for c in range(6101, 6201)),
                                timeout=120)
        if journal_down:
            # Asked again at least twice while down: still unconfirmed.
            polls = len(telegram.calls("getUpdates"))
            await telegram.wait_for(lambda: len(telegram.calls("getUpdates")) >= polls + 2,
                                    timeout=30)
            assert [u["update_id"] for u in telegram.pending_updates][:1] == [held]
            assert {r.params.get("offset") for r in telegram.calls("getUpdates")} <= {None, held}
        else:
            # Tried again from the journal at least twice while down; confirmed already.
            tried = len(attempts)
            await telegram.wait_for(lambda: len(attempts) >= tried + 2, timeout=30)
            assert not telegram.pending_updates
            assert any(r.params.get("offset") == after + 1 + len(others)
                       for r in telegram.calls("getUpdates"))
        [sorry] = texts(telegram, 6101)  # told only once
        assert SORRY in sorry and "trả lời ngay khi" in sorry

        down.clear()  # the database is back
        await telegram.wait_for(lambda: len(texts(telegram, 6101)) == 2, timeout=30)
        await telegram.wait_for(lambda: not telegram.pending_updates, timeout=30)
    finally:
        await channel.stop()
        await application.close()
    assert "Hôm nay" in texts(telegram, 6101)[1]
    # Redelivered with 6101's (the database case), recognised as applied.
    assert all(len(texts(telegram, chat)) == 1 for chat in range(6102, 6201))
    assert after > held
    with sqlite3.connect(sqlite_url.split("///", 1)[1]) as conn:
        rows = conn.execute("SELECT u.external_id, count(*) FROM message_log m JOIN users u "
                            "ON u.id = m.user_id GROUP BY u.external_id ORDER BY 1").fetchall()
        journaled = conn.execute("SELECT count(*) FROM update_journal").fetchall()
    assert rows == [(str(chat), 1) for chat in range(6101, 6201)]
    assert journaled == [(0,)]
