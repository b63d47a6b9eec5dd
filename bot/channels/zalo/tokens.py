"""The OA token pair: kept in the database, refreshed by one process at a time, never lost.

Zalo's refresh token is single-use: once Zalo has answered a refresh, the old refresh token is
dead and the new pair exists only in that answer. So:

* the pair is read from the database, not from settings (settings seed it once);
* before calling Zalo, a process takes a short lease on the row (an UPDATE guarded by the old
  refresh token and an expired lease), so two processes never both spend the same token;
* the answer is written first thing, as a compare-and-swap on the old refresh token; a failed
  write is retried and, until it succeeds, the new access token is not used;
* an asyncio.Lock serializes refreshes inside one process.

What remains is the time between Zalo's answer and the commit of one UPDATE: a crash there
loses the pair, and the OA must be re-authorized in the Zalo console (the old access token keeps
working until it expires). See tests/bot/test_zalo.py::test_crash_between_refresh_and_store.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import aiohttp
from sqlalchemy import or_, select, update
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.channels.zalo.client import TokenPair, ZaloApiError, ZaloClient
from bot.db.models import ZaloToken
from bot.db.repo import dialect_insert
from bot.observability import learn_secrets

log = logging.getLogger(__name__)

# Refresh this long before the access token (about 25 h) expires.
REFRESH_MARGIN = timedelta(minutes=10)
# How long a process may hold the right to refresh before another may take over.
LEASE = timedelta(seconds=60)


def utc_now() -> datetime:
    return datetime.now(UTC)


class TokenError(Exception):
    """No usable access token: the reason is safe to log (it never contains a token)."""


class TokenStore:
    """The zalo_tokens row of one app, each operation in its own short transaction."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession], app_id: str,
                 lease: timedelta = LEASE) -> None:
        self.sessions = sessions
        self.app_id = app_id
        self.lease = lease

    async def seed(self, pair: TokenPair, now: datetime) -> None:
        """Store the settings' first pair unless the database already holds one."""
        async with self.sessions() as s, s.begin():
            insert = dialect_insert(s)
            await s.execute(
                insert(ZaloToken)
                .values(app_id=self.app_id, access_token=pair.access_token,
                        refresh_token=pair.refresh_token, expires_at=pair.expires_at,
                        updated_at=now)
                .on_conflict_do_nothing(index_elements=["app_id"])
            )

    async def load(self) -> TokenPair | None:
        async with self.sessions() as s:
            row = (await s.execute(
                select(ZaloToken).where(ZaloToken.app_id == self.app_id)
            )).scalar_one_or_none()
        if row is None:
            return None
        # Another process may have stored a pair this one has never seen: hide it from now on.
        learn_secrets(row.access_token, row.refresh_token)
        return TokenPair(row.access_token, row.refresh_token, row.expires_at)

    async def claim(self, refresh_token: str, owner: str, now: datetime) -> bool:
        """Take the right to spend `refresh_token`; False if it changed or another holds it."""
        async with self.sessions() as s, s.begin():
            result = await s.execute(
                update(ZaloToken)
                .where(ZaloToken.app_id == self.app_id,
                       ZaloToken.refresh_token == refresh_token,
                       or_(ZaloToken.lease_until.is_(None), ZaloToken.lease_until < now))
                .values(lease_owner=owner, lease_until=now + self.lease)
            )
        return bool(result.rowcount == 1)  # type: ignore[attr-defined]

    async def release(self, owner: str) -> None:
        async with self.sessions() as s, s.begin():
            await s.execute(
                update(ZaloToken)
                .where(ZaloToken.app_id == self.app_id, ZaloToken.lease_owner == owner)
                .values(lease_owner=None, lease_until=None)
            )

    async def swap(self, old_refresh: str, new: TokenPair, now: datetime) -> bool:
        """Replace the pair if it still holds `old_refresh` (compare-and-swap)."""
        async with self.sessions() as s, s.begin():
            result = await s.execute(
                update(ZaloToken)
                .where(ZaloToken.app_id == self.app_id,
                       ZaloToken.refresh_token == old_refresh)
                .values(access_token=new.access_token, refresh_token=new.refresh_token,
                        expires_at=new.expires_at, updated_at=now,
                        lease_owner=None, lease_until=None)
            )
        return bool(result.rowcount == 1)  # type: ignore[attr-defined]


@dataclass
class _Unsaved:
    """A pair Zalo issued that is not in the database yet: it must be stored before use."""

    old_refresh: str
    pair: TokenPair


class TokenManager:
    """Hand out a valid access token; refresh ahead of expiry and when Zalo says it is bad."""

    def __init__(self, store: TokenStore, client: ZaloClient,
                 now: Callable[[], datetime] = utc_now, persist_attempts: int = 5,
                 persist_delay: float = 0.2, lease_poll: float = 0.2) -> None:
        self.store = store
        self.client = client
        # Token lifetimes are Zalo's real time, not the bot's simulated clock.
        self.now = now
        self.persist_attempts = persist_attempts
        self.persist_delay = persist_delay
        self.lease_poll = lease_poll
        self._lock = asyncio.Lock()
        self._pair: TokenPair | None = None
        self._unsaved: _Unsaved | None = None
        self.refreshes = 0

    async def start(self, seed: TokenPair | None) -> None:
        """Seed the database on first start only, then load the current pair."""
        if seed is not None:
            await self.store.seed(seed, self.now())
        self._pair = await self.store.load()
        if self._pair is None:
            raise TokenError("no Zalo token pair in the database and none in the settings")

    async def access_token(self) -> str:
        """A token that is valid for at least REFRESH_MARGIN (as far as we know)."""
        pair = self._pair
        if pair is None or self._unsaved is not None or pair.due(self.now(), REFRESH_MARGIN):
            pair = await self.refresh(stale=None)
        return pair.access_token

    async def refresh(self, stale: str | None) -> TokenPair:
        """Refresh unless someone already did; `stale` is the access token Zalo refused."""
        async with self._lock:
            if self._unsaved is not None:
                return await self._persist(self._unsaved)
            pair = await self.store.load()
            if pair is None:
                raise TokenError("the Zalo token row disappeared from the database")
            if self._fresh(pair, stale):
                self._pair = pair
                return pair
            owner = uuid.uuid4().hex
            while not await self.store.claim(pair.refresh_token, owner, self.now()):
                # Another process is refreshing (or just did): wait for its pair.
                await asyncio.sleep(self.lease_poll)
                latest = await self.store.load()
                if latest is None:
                    raise TokenError("the Zalo token row disappeared from the database")
                if latest.refresh_token != pair.refresh_token:
                    self._pair = latest
                    return latest
            try:
                new = await self.client.refresh(pair.refresh_token, self.now())
            except ZaloApiError as err:
                await self.store.release(owner)
                log.error("zalo token refresh refused (%s %s); if the refresh token is dead, "
                          "re-authorize the OA and set zalo.refresh_token", err.code, err.message)
                raise TokenError(f"refresh refused: {err.code} {err.message}") from err
            except (aiohttp.ClientError, TimeoutError) as err:
                # The request may have reached Zalo; the lease expires and a later try learns.
                await self.store.release(owner)
                raise TokenError(f"refresh failed: {type(err).__name__}") from err
            self.refreshes += 1
            return await self._persist(_Unsaved(pair.refresh_token, new))

    def _fresh(self, pair: TokenPair, stale: str | None) -> bool:
        """Is the stored pair usable: not the refused token and not about to expire?"""
        if stale is not None and pair.access_token == stale:
            return False
        return not pair.due(self.now(), REFRESH_MARGIN)

    async def _persist(self, unsaved: _Unsaved) -> TokenPair:
        """Store a freshly issued pair; until that succeeds nobody gets its access token."""
        self._unsaved = unsaved
        for attempt in range(self.persist_attempts):
            try:
                stored = await self.store.swap(unsaved.old_refresh, unsaved.pair, self.now())
            except (OperationalError, DBAPIError) as err:
                log.warning("storing the new zalo token pair failed (attempt %d: %s); retrying",
                            attempt + 1, type(err).__name__)
                await asyncio.sleep(self.persist_delay * 2**attempt)
                continue
            self._unsaved = None
            if not stored:
                # Only possible if a lease expired mid-refresh and another process won.
                latest = await self.store.load()
                log.error("zalo token pair changed while we refreshed; using the stored one")
                if latest is None:
                    raise TokenError("the Zalo token row disappeared from the database")
                self._pair = latest
                return latest
            self._pair = unsaved.pair
            log.info("zalo token pair refreshed and stored (expires %s)",
                     unsaved.pair.expires_at.isoformat(timespec="minutes"))
            return unsaved.pair
        log.critical("a new zalo token pair could not be stored after %d attempts; it is kept "
                     "in memory and stored before any use", self.persist_attempts)
        raise TokenError("new token pair not stored yet")
