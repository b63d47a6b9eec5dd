"""The numbers a user types to press buttons shown as numbered lines, kept in the database
(they outlive restarts and are shared by every process): handlers.channel.ChoiceStore on SQL."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.db.models import Choice
from bot.db.repo import dialect_insert


async def load_choices(s: AsyncSession, channel: str, external_id: str) -> dict[str, str]:
    """What each number presses for this user ({"6": "/thuvien"}); empty when none."""
    raw = (await s.execute(
        select(Choice.commands).where(Choice.channel == channel,
                                      Choice.external_id == external_id)
    )).scalar_one_or_none()
    value = json.loads(raw) if raw else {}
    return {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else {}


async def save_choices(s: AsyncSession, channel: str, external_id: str,
                       choices: dict[str, str], now: datetime) -> None:
    """Replace this user's numbers with the ones of the answer just given."""
    commands = json.dumps(choices, ensure_ascii=False)
    stmt = dialect_insert(s)(Choice).values(channel=channel, external_id=external_id,
                                            commands=commands, updated_at=now)
    await s.execute(stmt.on_conflict_do_update(
        index_elements=["channel", "external_id"],
        set_={"commands": commands, "updated_at": now}))


class SqlChoiceStore:
    """The ChoiceStore port, each call its own short transaction.

    A channel whose updates go through the Dispatcher has the numbers read and stored in the
    update's own transaction instead (Dispatcher.handle's `numbered`); this store serves the
    sends made outside an update.
    """

    def __init__(self, sessions: async_sessionmaker[AsyncSession],
                 clock: Callable[[], datetime]) -> None:
        self.sessions = sessions
        self.clock = clock

    async def load(self, channel: str, external_id: str) -> dict[str, str]:
        async with self.sessions() as s:
            return await load_choices(s, channel, external_id)

    async def save(self, channel: str, external_id: str, choices: dict[str, str]) -> None:
        async with self.sessions() as s, s.begin():
            await save_choices(s, channel, external_id, choices, self.clock())
