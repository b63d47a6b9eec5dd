"""The contract's ChoiceStore in the database, so typed numbers outlive a restart.

A bridge until the store keyed by (channel, external_id) lands (migration 0011): it keeps a
Zalo Bot chat's numbers in the Zalo OA channel's table `zalo_choices` under the key
"zalobot:<chat id>", which no Zalo OA id (digits only) can equal. Swap it for the shared store
in `bot.channels.zalobot.build` once that exists; the channel only knows the port.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.db.models import ZaloChoice
from bot.db.repo import dialect_insert

KEY_MAX = 64  # zalo_choices.external_id


def _key(channel: str, external_id: str) -> str:
    key = f"{channel}:{external_id}"
    if len(key) <= KEY_MAX:
        return key
    return f"{channel}:h:" + hashlib.sha256(external_id.encode()).hexdigest()[
        : KEY_MAX - len(channel) - 3]


class SqlChoices:
    """The numbers last shown to each chat, one row per chat, replaced at every menu."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession],
                 clock: Callable[[], datetime]) -> None:
        self.sessions = sessions
        self.clock = clock

    async def load(self, channel: str, external_id: str) -> dict[str, str]:
        async with self.sessions() as s:
            raw = (await s.execute(select(ZaloChoice.commands).where(
                ZaloChoice.external_id == _key(channel, external_id)))).scalar_one_or_none()
        value = json.loads(raw) if raw else {}
        return {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else {}

    async def save(self, channel: str, external_id: str, choices: dict[str, str]) -> None:
        now = self.clock()
        commands = json.dumps(choices, ensure_ascii=False)
        async with self.sessions() as s, s.begin():
            stmt = dialect_insert(s)(ZaloChoice).values(
                external_id=_key(channel, external_id), commands=commands, updated_at=now)
            await s.execute(stmt.on_conflict_do_update(
                index_elements=["external_id"], set_={"commands": commands, "updated_at": now}))
