"""Who fires scheduled items: one process at a time.

PostgreSQL: a session advisory lock on a dedicated connection; when its holder dies the
server drops the lock and another process takes it at its next poll. SQLite: a lease row; a
lease whose owner process is gone (same host) or whose time ran out is taken over.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import socket
from datetime import timedelta

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession, async_sessionmaker

from bot.db.models import Lease
from scheduler.outbox import real_now

log = logging.getLogger(__name__)

# pg_advisory_lock key: "hoctap" + 6, any constant the database's other users do not take.
ADVISORY_KEY = 0x686F637461700006
LEASE = "scheduler"


def worker_id() -> str:
    """host:pid:random, unique per process start."""
    return f"{socket.gethostname()[:60]}:{os.getpid()}:{os.urandom(3).hex()}"


def owner_alive(owner: str) -> bool:
    """False only when the owner ran on this host and its process is gone."""
    host, _sep, rest = owner.partition(":")
    pid = rest.partition(":")[0]
    if host != socket.gethostname()[:60] or not pid.isdigit():
        return True
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class PgLeader:
    def __init__(self, engine: AsyncEngine, worker: str) -> None:
        self.engine = engine
        self.worker = worker
        self.conn: AsyncConnection | None = None

    async def ensure(self) -> bool:
        """Hold the lock, taking it if free; False while another process holds it."""
        if self.conn is not None:
            try:
                await self.conn.execute(text("SELECT 1"))
                await self.conn.commit()
                return True
            except (DBAPIError, OSError):
                log.warning("lost the scheduler lock's connection; trying to take it again")
                await self._close()
        conn = await self.engine.connect()
        got = (await conn.execute(text("SELECT pg_try_advisory_lock(:k)"),
                                  {"k": ADVISORY_KEY})).scalar()
        await conn.commit()
        if got:
            self.conn = conn
            log.info("this process (%s) now fires scheduled items", self.worker)
            return True
        await conn.close()
        return False

    async def _close(self) -> None:
        if self.conn is not None:
            try:
                await self.conn.close()
            except (DBAPIError, OSError):
                log.warning("closing the scheduler lock's connection failed", exc_info=True)
            self.conn = None

    async def release(self) -> None:
        if self.conn is not None:
            await self.conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": ADVISORY_KEY})
            await self.conn.commit()
            await self._close()


# application_name of a process's presence connection: "hoctap-bot sender " + a hash.
PRESENCE_PREFIX = "hoctap-bot sender "


class PgPresence:
    """How many processes send broadcasts on this database, this one included.

    Each sending process keeps one connection whose application_name marks it; the count is
    read from pg_stat_activity. A process that dies drops its connection, so it stops being
    counted at once, however it died. The deliverers divide the channel rates by the count:
    the platforms limit the bot, not each process.
    """

    def __init__(self, engine: AsyncEngine, worker: str) -> None:
        self.engine = engine
        # application_name holds at most 63 bytes; a hash keeps it unique and short.
        self.name = PRESENCE_PREFIX + hashlib.sha1(worker.encode()).hexdigest()[:20]
        self.conn: AsyncConnection | None = None

    async def count(self) -> int | None:
        """Processes present (at least this one); None when the database cannot tell."""
        try:
            if self.conn is None:
                self.conn = await self.engine.connect()
                await self.conn.execute(text("SELECT set_config('application_name', :n, false)"),
                                        {"n": self.name})
                await self.conn.commit()
            n = (await self.conn.execute(text(
                "SELECT count(DISTINCT application_name) FROM pg_stat_activity "
                "WHERE datname = current_database() AND application_name LIKE :p"),
                {"p": PRESENCE_PREFIX + "%"})).scalar()
            await self.conn.commit()
            return max(1, int(n or 0))
        except (DBAPIError, OSError):
            await self.close()
            return None

    async def close(self) -> None:
        if self.conn is not None:
            with contextlib.suppress(DBAPIError, OSError):  # a dead connection is gone anyway
                await self.conn.close()
            self.conn = None


class SqliteLeader:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], worker: str,
                 ttl: float) -> None:
        self.sessions = sessions
        self.worker = worker
        self.ttl = timedelta(seconds=ttl)
        self.holder: str | None = None

    async def ensure(self) -> bool:
        """Hold or renew the lease; False (with the holder in .holder) if a live process has it."""
        now = real_now()
        async with self.sessions() as s, s.begin():
            row = await s.get(Lease, LEASE)
            if row is None:
                s.add(Lease(name=LEASE, owner=self.worker, until=now + self.ttl))
                return True
            if row.owner == self.worker or row.until < now or not owner_alive(row.owner):
                row.owner, row.until = self.worker, now + self.ttl
                return True
            self.holder = row.owner
            return False

    async def release(self) -> None:
        async with self.sessions() as s, s.begin():
            row = await s.get(Lease, LEASE)
            if row is not None and row.owner == self.worker:
                await s.delete(row)
