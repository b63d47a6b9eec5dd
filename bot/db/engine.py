"""Engine creation and migrations (Alembic, run on the async engine's connection)."""

from __future__ import annotations

import ast
import logging
import os
import re
import stat
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.pool import ConnectionPoolEntry

if TYPE_CHECKING:  # alembic costs ~0.2 s to import; a start with the schema current skips it
    from alembic.config import Config

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# SQLAlchemy's echo=True adds its own stdout handler, past our redacting one: `echo` sets this
# logger's level instead, so SQL lines go through the handler setup_logging installed.
ECHO_LOGGER = "sqlalchemy.engine"

log = logging.getLogger(__name__)


def normalize_url(url: str) -> str:
    """Pick the async driver when the URL names only the database."""
    u = make_url(url)
    if u.drivername in ("postgresql", "postgres"):
        u = u.set(drivername="postgresql+asyncpg")
    elif u.drivername == "sqlite":
        u = u.set(drivername="sqlite+aiosqlite")
    return u.render_as_string(hide_password=False)


def private_sqlite_file(url: str) -> None:
    """Create a new SQLite database file readable by its owner only (0600).

    It holds names, phone numbers and the Zalo tokens; SQLite gives its -wal, -shm and
    -journal files the database file's mode, so they follow. An existing file keeps its mode
    (the operator may have chosen it): a warning says when others can read it.
    """
    u = make_url(url)
    database = u.database or ""
    if (not u.drivername.startswith("sqlite") or database in ("", ":memory:")
            or database.startswith("file:")):
        return
    try:
        fd = os.open(database, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        mode = stat.S_IMODE(os.stat(database).st_mode)
        if mode & 0o077:
            log.warning("the database file %s has mode %04o: other users can read it; "
                        "`chmod 600` it", database, mode)
        return
    except OSError:  # a missing directory: SQLite reports it with its own message
        return
    os.close(fd)


def create_engine(url: str, echo: bool = False, pool_size: int = 10, max_overflow: int = 20,
                  pool_timeout: int = 60) -> AsyncEngine:
    """Create the async engine; SQLite gets WAL, foreign keys and a busy timeout.

    `echo` logs SQL statements through our logging; parameters (names, phone numbers,
    tokens) are never logged, nor put into error messages.
    """
    url = normalize_url(url)
    if echo:
        logging.getLogger(ECHO_LOGGER).setLevel(logging.INFO)
    if url.startswith("sqlite"):
        private_sqlite_file(url)
        engine = create_async_engine(url, connect_args={"timeout": 30}, hide_parameters=True,
                                     pool_size=pool_size, max_overflow=max_overflow,
                                     pool_timeout=pool_timeout)

        @event.listens_for(engine.sync_engine, "connect")
        def _pragmas(dbapi_conn: object, _record: ConnectionPoolEntry) -> None:
            cur = dbapi_conn.cursor()  # type: ignore[attr-defined]
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.close()

        return engine
    return create_async_engine(url, hide_parameters=True, pool_pre_ping=True,
                               pool_size=pool_size, max_overflow=max_overflow,
                               pool_timeout=pool_timeout)


def make_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


# `revision = "0005"` / `down_revision: str | None = "0004"` lines of a migration file.
_REVISION_LINE = re.compile(r"^(revision|down_revision)\b[^=\n]*=\s*(.+?)\s*$", re.MULTILINE)


def shipped_heads() -> tuple[str, ...] | None:
    """The head revisions, read from the migration files' text without importing alembic.

    None when a file does not state its ids as plain literals: then only alembic can tell.
    """
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        found = dict(_REVISION_LINE.findall(path.read_text(encoding="utf-8")))
        try:
            revision = ast.literal_eval(found["revision"])
            down = ast.literal_eval(found["down_revision"])
        except (KeyError, ValueError, SyntaxError):
            return None
        if not isinstance(revision, str):
            return None
        revisions.add(revision)
        if isinstance(down, str):
            parents.add(down)
        elif isinstance(down, tuple | list):
            parents.update(str(d) for d in down)
        elif down is not None:
            return None
    return tuple(sorted(revisions - parents))


# pg_advisory_xact_lock key of the migrations: "hoctap" + 7 (the scheduler's lease takes + 6).
MIGRATION_KEY = 0x686F637461700007


async def _at_heads(engine: AsyncEngine) -> bool:
    """True when alembic_version already holds exactly the shipped heads (a plain SELECT)."""
    heads = shipped_heads()
    if not heads:
        return False
    try:
        async with engine.connect() as conn:
            rows = (await conn.execute(text("SELECT version_num FROM alembic_version"))).all()
    except DBAPIError:  # no alembic_version table yet (a new database): let alembic decide
        return False
    return tuple(sorted(row[0] for row in rows)) == heads


async def upgrade(engine: AsyncEngine, revision: str = "heads") -> None:
    """Apply migrations up to `revision`; alembic is imported only when there is work to do."""
    if revision == "heads" and await _at_heads(engine):
        return

    def run(conn: Connection) -> None:
        from alembic import command

        command.upgrade(alembic_config(conn), revision)

    async with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            # Two processes starting on an empty database at once: the second waits here until
            # the first has committed, then finds the tables at their head and does nothing.
            # (SQLite's writer lock already serialises them.)
            await conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": MIGRATION_KEY})
        await conn.run_sync(run)


def head_revision() -> tuple[str, ...]:
    """The newest migrations shipped with this code (one per independent branch)."""
    from alembic.script import ScriptDirectory

    return tuple(sorted(ScriptDirectory.from_config(alembic_config()).get_heads()))


async def current_revision(engine: AsyncEngine) -> tuple[str, ...]:
    """The migrations the database is at."""
    from alembic.runtime.migration import MigrationContext

    def read(conn: Connection) -> tuple[str, ...]:
        return tuple(sorted(MigrationContext.configure(conn).get_current_heads()))

    async with engine.connect() as conn:
        return await conn.run_sync(read)
