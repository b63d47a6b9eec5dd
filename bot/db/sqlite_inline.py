"""SQLite statements on the event loop's own thread, for SQLAlchemy's aiosqlite dialect.

aiosqlite runs every call on a worker thread: a queue put, a thread wake-up, a GIL hand-over and
a self-pipe write to come back, up to four times per statement (SQLAlchemy makes, executes,
fetches and closes a cursor). On a local file in WAL mode a statement takes microseconds, less
than one crossing; the crossings were a third of the bot's CPU per update (issue 18). This
connection quacks like an aiosqlite one (what SQLAlchemy's adapter calls) but runs each call at
once, with two exceptions that may wait and so go to a thread:

- a call that meets another connection's write lock ("database is locked": a CLI `announce`, a
  backup, the deliverer) is tried again on a thread with the configured busy timeout, so the
  loop never waits in SQLite's busy handler;
- COMMIT, which may run a WAL checkpoint and its fsync.

Given to create_async_engine as its async_creator (bot.db.engine.create_engine).
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
# What SQLite says when another connection holds the lock (SQLITE_BUSY, SQLITE_LOCKED).
_LOCKED = ("database is locked", "database table is locked")


def _is_locked(exc: sqlite3.OperationalError) -> bool:
    return str(exc).lower().startswith(_LOCKED)


class InlineCursor:
    """An aiosqlite-like cursor whose calls run at once."""

    def __init__(self, conn: InlineConnection, cursor: sqlite3.Cursor) -> None:
        self._conn = conn
        self._cursor = cursor

    async def __aenter__(self) -> InlineCursor:
        return self

    async def __aexit__(self, *exc: object) -> None:
        self._cursor.close()

    async def execute(self, sql: str, parameters: Sequence[Any] | None = None
                      ) -> InlineCursor:
        await self._conn._run(self._cursor.execute, sql, () if parameters is None
                              else parameters)
        return self

    async def executemany(self, sql: str, parameters: Iterable[Sequence[Any]]
                          ) -> InlineCursor:
        # A generator could be consumed by a failed first try: a list can be tried again.
        await self._conn._run(self._cursor.executemany, sql, list(parameters))
        return self

    async def fetchone(self) -> Any:
        return self._cursor.fetchone()

    async def fetchmany(self, size: int | None = None) -> list[Any]:
        return self._cursor.fetchmany(*(() if size is None else (size,)))

    async def fetchall(self) -> list[Any]:
        return self._cursor.fetchall()

    async def close(self) -> None:
        self._cursor.close()

    @property
    def description(self) -> Any:
        return self._cursor.description

    @property
    def rowcount(self) -> int:
        return self._cursor.rowcount

    @property
    def lastrowid(self) -> int | None:
        return self._cursor.lastrowid

    @property
    def arraysize(self) -> int:
        return self._cursor.arraysize

    @arraysize.setter
    def arraysize(self, value: int) -> None:
        self._cursor.arraysize = value


class InlineConnection:
    """An aiosqlite-like connection whose calls run on the calling thread, except a wait for
    another connection's lock and COMMIT (see the module's docstring)."""

    def __init__(self, connection: sqlite3.Connection, busy_timeout: float) -> None:
        self._connection: sqlite3.Connection | None = connection
        self._busy_ms = int(busy_timeout * 1000)

    @property
    def _conn(self) -> sqlite3.Connection:
        if self._connection is None:
            raise ValueError("no active connection")
        return self._connection

    async def _run(self, call: Callable[..., T], *args: Any) -> T:
        try:
            return call(*args)
        except sqlite3.OperationalError as exc:
            if not _is_locked(exc):
                raise
        return await asyncio.to_thread(self._waiting, call, *args)

    def _waiting(self, call: Callable[..., T], *args: Any) -> T:
        """`call` on a worker thread, waiting up to the busy timeout for the lock."""
        conn = self._conn
        conn.execute(f"PRAGMA busy_timeout = {self._busy_ms}")
        try:
            return call(*args)
        finally:
            conn.execute("PRAGMA busy_timeout = 0")

    def cursor(self) -> InlineCursor:
        return InlineCursor(self, self._conn.cursor())

    async def execute(self, sql: str, parameters: Sequence[Any] | None = None
                      ) -> InlineCursor:
        return await self.cursor().execute(sql, parameters)

    async def commit(self) -> None:
        await asyncio.to_thread(self._waiting, self._conn.commit)

    async def rollback(self) -> None:
        await self._run(self._conn.rollback)

    async def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def stop(self) -> None:
        """aiosqlite's terminate: close without waiting."""
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    async def create_function(self, name: str, num_params: int, func: Callable[..., Any],
                              deterministic: bool = False) -> None:
        self._conn.create_function(name, num_params, func, deterministic=deterministic)

    @property
    def isolation_level(self) -> str | None:
        return self._conn.isolation_level

    @property
    def in_transaction(self) -> bool:
        return self._conn.in_transaction


def inline_creator(database: str, busy_timeout: float) -> Callable[[], Any]:
    """create_async_engine's async_creator for the SQLite file `database`."""

    async def connect() -> InlineConnection:
        # timeout=0: a lock is never waited for on the loop's thread (see InlineConnection).
        # check_same_thread=False: those waits and COMMIT run on a worker thread, one call at
        # a time (the connection belongs to one session, which awaits each call).
        conn = sqlite3.connect(database, timeout=0, check_same_thread=False)
        return InlineConnection(conn, busy_timeout)

    return connect
