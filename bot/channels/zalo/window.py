"""Zalo's interaction window: an OA may send consultation messages only to users who
interacted within the last N days (7 by default). users.last_seen, written by the dispatcher
with the bot's clock for every message, is that last interaction.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.db.models import User

CHANNEL = "zalo"


def window_start(now: datetime, days: int) -> datetime:
    return now - timedelta(days=days)


async def users_in_window(sessions: async_sessionmaker[AsyncSession], now: datetime,
                          days: int) -> list[str]:
    """External ids of active Zalo users a broadcast may reach now."""
    async with sessions() as s:
        rows = await s.execute(
            select(User.external_id)
            .where(User.channel == CHANNEL, User.active.is_(True),
                   User.last_seen >= window_start(now, days))
            .order_by(User.external_id)
        )
        return list(rows.scalars())


async def window_state(sessions: async_sessionmaker[AsyncSession], user_id: str,
                       now: datetime, days: int) -> str | None:
    """None if `user_id` may be sent to now, else the reason: outside_window or inactive."""
    async with sessions() as s:
        row = (await s.execute(
            select(User.active, User.last_seen)
            .where(User.channel == CHANNEL, User.external_id == user_id)
        )).first()
    if row is None or row.last_seen < window_start(now, days):
        return "outside_window"
    if not row.active:
        return "inactive"
    return None
