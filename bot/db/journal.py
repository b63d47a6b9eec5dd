"""The update journal: a polled batch made durable before the platform is told it arrived.

Telegram's getUpdates confirms every update below its `offset`, so the next batch cannot be
fetched before the previous one is confirmed. Written here first (one row per batch, its raw
JSON), a batch can be confirmed while it is still being applied: a crash or an outage after
the confirmation leaves it here, and it is applied at the next start (its updates' claims in
processed_updates keep each applied once). Rows go once every update of theirs settled.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import cast

from sqlalchemy import Table, bindparam, delete, func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import JournaledBatch

_table = cast(Table, JournaledBatch.__table__)
_WRITE = insert(_table).values(
    channel=bindparam("p_channel"), payload=bindparam("p_payload"),
    received_at=bindparam("p_now")).returning(_table.c.id)
_SETTLE = delete(_table).where(_table.c.id.in_(bindparam("p_ids", expanding=True)))


async def write(s: AsyncSession, channel: str, payload: str, now: datetime,
                settled: Sequence[int] = ()) -> int:
    """Journal one batch (its JSON) and forget the `settled` ones; the new row's id."""
    conn = await s.connection()
    if settled:
        await conn.execute(_SETTLE, {"p_ids": list(settled)})
    result = await conn.execute(_WRITE, {"p_channel": channel, "p_payload": payload,
                                         "p_now": now})
    return int(result.scalar_one())


async def settle(s: AsyncSession, ids: Sequence[int]) -> None:
    """Forget batches whose every update was applied or given up."""
    if ids:
        await s.execute(_SETTLE, {"p_ids": list(ids)})


async def pending(s: AsyncSession, channel: str) -> list[tuple[int, str]]:
    """The channel's batches not yet settled, oldest first: (id, payload)."""
    rows = await s.execute(select(_table.c.id, _table.c.payload)
                           .where(_table.c.channel == channel).order_by(_table.c.id))
    return [(int(row[0]), str(row[1])) for row in rows]


async def oldest(s: AsyncSession) -> datetime | None:
    """When the oldest batch still journaled arrived (the claims since then must stay)."""
    result: datetime | None = await s.scalar(select(func.min(JournaledBatch.received_at)))
    return result
