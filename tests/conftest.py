"""Shared fixtures: the shipped edition, a real SQLite file, the machine's PostgreSQL."""

from __future__ import annotations

import asyncio
import os
import socket
import sqlite3
import sys
import tempfile
import uuid
from collections.abc import AsyncIterator, Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import asyncpg
import pytest
from sqlalchemy.engine import make_url

from bot.app import App, build_app
from bot.db.engine import create_engine, upgrade
from bot.settings import Settings, load_settings
from content import Edition, default_edition_path, load_edition
from handlers.types import Incoming, Reply

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
PG_DSN = os.environ.get("HOCTAP_TEST_PG_DSN", "postgresql://127.0.0.1:5432/test")
REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def edition() -> Edition:
    return load_edition(default_edition_path("2020"))


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now (for a bot's web server or a fake)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def local(text: str) -> datetime:
    """An instant in Hải Phòng's time zone, from '2020-10-01T07:30'."""
    return datetime.fromisoformat(text).replace(tzinfo=TZ)


async def migrate(url: str) -> None:
    """Create the schema in this process (a `hoctap-bot` start costs about a second of CPU;
    the `db upgrade` command has tests of its own in test_database and test_ops).

    A SQLite file that does not exist yet becomes a copy of one this test process migrated
    once, with the same alembic migrations (about 0.1 s of CPU and 0.2 s each, for a hundred
    tests and more); the migrations themselves, from an empty file and from an old revision,
    are tested in test_database and test_privacy, which do not come here.
    """
    if await new_sqlite_schema(url):
        return
    engine = create_engine(url)
    try:
        await upgrade(engine)
    finally:
        await engine.dispose()


async def new_sqlite_schema(url: str) -> bool:
    """When `url` names a SQLite file that does not exist yet, create it at the shipped heads
    (a copy of the file migrated once in this process) and say so; otherwise change nothing
    (PostgreSQL, an existing file: the bot's start migrates as it would)."""
    database = _absent_sqlite_file(url)
    if database is None:
        return False
    schema = await _migrated_sqlite()
    fd = os.open(database, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)  # as the bot makes it
    with os.fdopen(fd, "wb") as f:
        f.write(schema)
    return True


def _absent_sqlite_file(url: str) -> str | None:
    u = make_url(url)
    database = u.database or ""
    if (not u.drivername.startswith("sqlite") or database in ("", ":memory:")
            or database.startswith("file:") or Path(database).exists()):
        return None
    return database


_MIGRATED_SQLITE: list[bytes] = []


async def _migrated_sqlite() -> bytes:
    """The bytes of a SQLite file at the shipped heads, migrated by alembic in this process."""
    if not _MIGRATED_SQLITE:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "schema.sqlite3"
            engine = create_engine(f"sqlite+aiosqlite:///{path}")
            try:
                await upgrade(engine)
            finally:
                await engine.dispose()
            with sqlite3.connect(path) as conn:  # everything in the main file, none in -wal
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            conn.close()
            _MIGRATED_SQLITE.append(path.read_bytes())
    return _MIGRATED_SQLITE[0]


def make_settings(db_url: str, now: str = "2020-10-01T07:30", **env: str) -> Settings:
    environ = {"HOCTAP_DATABASE_URL": db_url, "HOCTAP_BOT_NOW": now, **env}
    return load_settings(None, environ=environ)


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite+aiosqlite:///{tmp_path / 'hoctap.sqlite3'}"


@pytest.fixture
async def app(sqlite_url: str) -> AsyncIterator[App]:
    await new_sqlite_schema(sqlite_url)
    application = build_app(make_settings(sqlite_url))
    await application.start()
    yield application
    await application.close()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def any_url(request: pytest.FixtureRequest) -> str:
    """A real SQLite file, or a PostgreSQL database of the test's own."""
    return str(request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "pg_url"))


@pytest.fixture
async def any_app(any_url: str) -> AsyncIterator[App]:
    """The bot on `any_url`, flood control off: these users type faster than people."""
    await new_sqlite_schema(any_url)
    application = build_app(make_settings(any_url, HOCTAP_FLOOD_MAX_MESSAGES="0"))
    await application.start()
    yield application
    await application.close()


class Chat:
    """A user talking to the dispatcher, as a channel adapter would."""

    def __init__(self, app: App, user_id: str = "u1", channel: str = "console") -> None:
        self.app = app
        self.user_id = user_id
        self.channel = channel

    async def send(self, text: str, is_button: bool = False) -> list[Reply]:
        replies = await self.app.dispatcher.handle(
            Incoming(self.channel, self.user_id, text, is_button=is_button)
        )
        assert replies is not None
        return replies

    async def text(self, text: str) -> str:
        """Everything the user would read, titles included."""
        return "\n\n".join(r.full_text() for r in await self.send(text))

    async def read_all(self, text: str) -> str:
        """What the user reads after `text` and then every "Xem thêm" screen, pressed in turn."""
        return "\n\n".join(r.full_text() for r in await self.pages(await self.send(text)))

    async def pages(self, replies: list[Reply]) -> list[Reply]:
        """`replies` and the screens behind their "Xem thêm" buttons, pressed in turn."""
        out = list(replies)
        more = next((b for b in replies[-1].buttons if b.command.startswith("/xemthem ")), None)
        while more is not None:
            page = await self.send(more.command, is_button=True)
            out += page
            more = next((b for b in page[-1].buttons if b.command.startswith("/xemthem ")),
                        None)
        return out


@pytest.fixture
def chat(app: App) -> Chat:
    return Chat(app, user_id="citizen-1")


def _pg_available() -> bool:
    async def probe() -> bool:
        try:
            conn = await asyncpg.connect(PG_DSN, timeout=3)
        except (OSError, asyncpg.PostgresError):
            return False
        await conn.close()
        return True

    return asyncio.run(probe())


@pytest.fixture(scope="session")
def pg_server() -> str:
    """The machine's PostgreSQL; CI (.ci/run) starts it when it is down."""
    if not _pg_available():
        pytest.fail(f"PostgreSQL is not reachable at {PG_DSN}; start it (see .ci/run)")
    return PG_DSN


async def _pg_admin(server: str, *sql: str) -> None:
    conn = await asyncpg.connect(server)
    try:
        for statement in sql:
            await conn.execute(statement)
    finally:
        await conn.close()


def _pg_database(server: str, template: str | None) -> str:
    """A new database, empty or a copy of `template`, whose sessions commit without waiting
    for the WAL flush (synchronous_commit off): a commit is as visible and as atomic as
    before, only a crash of the server itself could lose the last fraction of a second, which
    no test does to the machine's cluster (test_db_faults stops a cluster of its own). The
    fsync of every commit was a good part of the time of the PostgreSQL tests on this disk."""
    name = f"hoctap_t_{uuid.uuid4().hex[:12]}"
    copy = f' TEMPLATE "{template}"' if template else ""
    asyncio.run(_pg_admin(server, f'CREATE DATABASE "{name}"{copy}',
                          f'ALTER DATABASE "{name}" SET synchronous_commit = off'))
    return name


def _pg_async_url(server: str, name: str) -> str:
    base = server.rsplit("/", 1)[0].replace("postgresql://", "postgresql+asyncpg://")
    return f"{base}/{name}"


@pytest.fixture(scope="session")
def pg_schema(pg_server: str) -> Iterator[str]:
    """A database migrated by alembic to the shipped heads, once per test process: the
    template of each test's database (CREATE DATABASE … TEMPLATE copies its files)."""
    name = _pg_database(pg_server, None)
    asyncio.run(migrate(_pg_async_url(pg_server, name)))
    yield name
    asyncio.run(_pg_admin(pg_server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture
def pg_url(pg_server: str, pg_schema: str) -> Iterator[str]:
    """A PostgreSQL database of the test's own, at the shipped schema (a copy of the
    template), dropped afterwards. The migrations from an empty database: pg_empty_url."""
    name = _pg_database(pg_server, pg_schema)
    yield _pg_async_url(pg_server, name)
    asyncio.run(_pg_admin(pg_server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture
def pg_empty_url(pg_server: str) -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test, dropped afterwards."""
    name = _pg_database(pg_server, None)
    yield _pg_async_url(pg_server, name)
    asyncio.run(_pg_admin(pg_server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


# --- CI policy and reproducible property tests -------------------------------------------

def pytest_configure(config: pytest.Config) -> None:
    """One hypothesis seed per run, shared by the xdist workers and printed in the header;
    our packages byte-compiled before any test starts a `hoctap-bot` process."""
    import random

    if not hasattr(config, "workerinput"):
        _compile_sources()
        # The content cache (bot/content_cache.py) of this run's processes, in a directory of
        # its own: never the developer's ~/.cache; the workers and the bots they start inherit
        # it. Its own tests give each case a directory.
        os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="hoctap-test-cache-")
        os.environ.pop("CACHE_DIRECTORY", None)
        if getattr(config.option, "numprocesses", None):
            from tests import spawn  # the workers fork their `hoctap-bot` processes from it

            spawn.start_shared()
    # The test modules' assertion-rewritten code is cached as .pyc files too: pytest writes
    # them only when bytecode may be written, and with PYTHONDONTWRITEBYTECODE set every
    # worker parsed and rewrote the 12,000 lines of tests again (about 2 s of CPU each).
    sys.dont_write_bytecode = False

    from hypothesis import core

    seed = config.getoption("hypothesis_seed", None)
    if seed is None:
        # The controller picks it; workers started later inherit the environment.
        seed = os.environ.setdefault("TEST_HYPOTHESIS_SEED", str(random.randrange(2**32)))
        core.global_force_seed = int(seed)  # type: ignore[attr-defined]
    config.stash[_SEED] = str(seed)


_SEED = pytest.StashKey[str]()


def pytest_unconfigure(config: pytest.Config) -> None:
    if not hasattr(config, "workerinput") and "tests.spawn" in sys.modules:
        sys.modules["tests.spawn"].stop_shared()
    if not hasattr(config, "workerinput") and "hoctap-test-cache-" in os.environ.get(
            "XDG_CACHE_HOME", ""):
        import shutil

        shutil.rmtree(os.environ.pop("XDG_CACHE_HOME"), ignore_errors=True)


def _compile_sources() -> None:
    """Write our packages' .pyc files once per run. With PYTHONDONTWRITEBYTECODE set (as on
    this machine) nothing writes them, and each of the hundred-odd `hoctap-bot` processes the
    tests start would compile every changed module again: about 0.15 s of CPU for `run`."""
    import compileall

    for package in ("bot", "handlers", "content", "scheduler"):
        compileall.compile_dir(REPO / package, quiet=1)


def pytest_report_header(config: pytest.Config) -> str:
    seed = config.stash.get(_SEED, "?")
    return (f"hypothesis seed {seed}: reproduce a failure with "
            f"make test ARGS='--hypothesis-seed={seed} -k NAME'")


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """In CI (CI=1, set by .ci/run) a skipped test is a failure: a real component was missing."""
    if not os.environ.get("CI") or hasattr(session.config, "workerinput"):
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is None:
        return
    skipped = reporter.stats.get("skipped", [])
    ran = sum(len(reporter.stats.get(k, [])) for k in ("passed", "failed", "error"))
    if skipped:
        reporter.write_line(
            f"CI: {len(skipped)} test(s) skipped; in CI a skip means a real component the "
            "test needs was missing, which is a failure:", red=True)
        for report in skipped:
            reporter.write_line(f"  {report.nodeid}: {report.longrepr}", red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
    if ran == 0:
        reporter.write_line("CI: no test ran", red=True)
        session.exitstatus = pytest.ExitCode.NO_TESTS_COLLECTED


# --- scheduling on the xdist workers (`make test` = -n 4 --dist loadgroup) ----------------

# The longest tests (BENCHMARKS.md §7), handed out first, longest first: xdist hands tests out
# in collection order, and a long test handed out last keeps one worker busy long after the
# other has finished. Names of test functions; a name that no longer exists changes nothing.
LONGEST_FIRST = (
    "test_two_workers_on_postgresql",
    "test_database_refusing_connections_mid_broadcast",
    "test_many_participants_at_once_postgresql",
    "test_postgresql_stops_and_starts_under_the_running_bot",
    "test_the_link_signs_in_once",  # the browser group: seven tests, one after the other
    "test_reminders_fire_at_simulated_instants_at_the_default_rate",
    "test_many_participants_at_once_sqlite",
    "test_flood_does_not_slow_other_users",
    "test_kill_9_mid_broadcast_then_restart_sends_nobody_twice",
    "test_polling_holds_back_the_offset_while_the_database_is_down",
    "test_sqlite_serves_one_process_and_a_second_one_says_so",
    # Then the tests of 2.5-5 s (run of 2026-12-04 23:05, four workers): most of them wait
    # (an outage, a timer, another process), and waits handed out last leave both cores idle
    # at the end of the run while the other workers have nothing left.
    "test_an_update_waits_out_an_outage_and_is_answered_once",
    "test_hoctap_bot_run_serves_zalobot_and_broadcasts",
    "test_announce_at_now_or_ngay_in_any_spelling",
    "test_killed_before_the_batch_was_durable",
    "test_announce_cancel_speaks_vietnamese_with_exit_codes",
    "test_zalo_event_is_retried_until_the_database_takes_it",
    "test_killed_after_the_confirmation_before_the_apply",
    "test_exported_files_are_readable_by_their_owner_only",
    "test_processes_starting_on_an_empty_postgresql_at_once_all_succeed",
    "test_the_organizers_list",
    "test_at_the_limit_busy_connections_get_a_clean_503_and_idle_ones_make_room",
    "test_documented_db_upgrade_on_postgresql",
    "test_webhook_update_not_committed_gets_503_and_is_applied_on_redelivery",
    "test_user_flag_and_end_of_input",
    "test_rate_limit_backs_off_and_long_text_is_split",
    "test_schedule_and_announce_list_show_states_in_words",
    "test_zalo_announcement_through_the_outbox",
    "test_webhook_mode",
    "test_aborted_uploads_and_bad_signatures_make_a_bounded_number_of_log_lines",
    "test_httpx_fallback",
    "test_a_chat_keeps_its_index_and_the_next_chat_answers_alike",
    "test_an_announcement_reaches_the_console_subscriber",
    "test_failing_task_is_restarted_and_healthz_names_it",
    "test_demo_reminders_say_sample_and_follow_the_district",
    "test_each_audience_reaches_exactly_its_users",
)


def _xdist_group(item: pytest.Item) -> str | None:
    names = {str(m.args[0] if m.args else m.kwargs.get("name", "default"))
             for m in item.iter_markers("xdist_group")}
    return "_".join(sorted(names)) or None


WAITING = ("tests/bot/", "tests/fakes/", "tests/scheduler/", "tests/test_spawn.py")


def _interleaved(items: list[pytest.Item], block: int = 12) -> dict[int, float]:
    """A position for each item: blocks of `block` tests taken in turn from the waiting and
    the computing ones, each class in its own order, the class behind in its share first."""
    classes: tuple[list[pytest.Item], list[pytest.Item]] = ([], [])
    for item in items:
        classes[0 if item.nodeid.startswith(WAITING) else 1].append(item)
    taken = [0, 0]
    order: dict[int, float] = {}
    while taken[0] < len(classes[0]) or taken[1] < len(classes[1]):
        share = [taken[k] / len(classes[k]) if classes[k] else 1.0 for k in (0, 1)]
        k = 0 if share[0] <= share[1] else 1
        for item in classes[k][taken[k]:taken[k] + block]:
            order[id(item)] = float(len(order))
        taken[k] += block
    return order


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Longest tests first; the tests of one xdist group next to each other (one event loop
    and one fixture serve them); and the group named in the node id, where xdist reads it.

    pytest-xdist 3.8 marks a test's group by appending "@group" to `item._nodeid`, which
    pytest 9.2's structured node ids no longer read: every group was silently scattered over
    both workers (pytest-dev/pytest-xdist#1386). Until xdist sets the structured id itself,
    this sets it, on the workers of a --dist loadgroup run only.
    """
    rank = {name: i for i, name in enumerate(LONGEST_FIRST)}
    position = {id(item): i for i, item in enumerate(items)}
    first_of_group: dict[str, int] = {}
    group_rank: dict[str, int] = {}  # a group goes out as one unit: with its longest member
    for i, item in enumerate(items):
        group = _xdist_group(item)
        if group is not None:
            first_of_group.setdefault(group, i)
            name = getattr(item, "originalname", item.name)
            group_rank[group] = min(group_rank.get(group, len(rank)), rank.get(name, len(rank)))

    # After the longest, the tests that mostly wait (a bot process, a fake platform, a timer)
    # and those that mostly compute are handed out side by side, a block of each in turn:
    # in collection order, the waiting modules (tests/bot, tests/fakes, tests/scheduler) ran
    # together and left both cores idle for seconds, then the computing ones (tests/handlers,
    # tests/understanding) queued four to two cores. Blocks keep a module's tests together on a
    # worker (its module-scoped fixtures are built once per run of consecutive tests).
    spread = _interleaved([item for item in items if _xdist_group(item) is None
                           and getattr(item, "originalname", item.name) not in rank])

    def key(item: pytest.Item) -> tuple[int, float, int]:
        name = getattr(item, "originalname", item.name)
        group = _xdist_group(item)
        if group is not None:
            return (group_rank[group], first_of_group[group], position[id(item)])
        return (rank.get(name, len(rank)), spread.get(id(item), position[id(item)]),
                position[id(item)])

    items.sort(key=key)
    if not getattr(config.option, "loadgroup", False):
        return
    from _pytest.nodeid import NodeId  # pytest >= 9.2

    for item in items:
        group = _xdist_group(item)
        if group is not None and not item.nodeid.endswith(f"@{group}") and hasattr(item, "_id"):
            item._id = NodeId.parse(f"{item.nodeid}@{group}")
