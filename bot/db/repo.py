"""Repositories: plain functions taking the update's session."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import (
    ContestParticipant,
    ConversationState,
    MessageLog,
    OutboxRow,
    ProcessedUpdate,
    Subscription,
    User,
    ZaloChoice,
)
from handlers.features.privacy import PersonalData
from handlers.types import FlowState

ERASED = "erased"  # the platform id of a user who deleted their data, and of their outbox rows


def dialect_insert(s: AsyncSession) -> Callable[..., Any]:
    """The dialect's INSERT, which knows ON CONFLICT."""
    return pg_insert if s.get_bind().dialect.name == "postgresql" else sqlite_insert


async def claim_update(s: AsyncSession, channel: str, key: str, now: datetime) -> bool:
    """Record that update `key` of `channel` is being applied; False if it already was."""
    result = await s.execute(
        dialect_insert(s)(ProcessedUpdate)
        .values(channel=channel, update_key=key, processed_at=now)
        .on_conflict_do_nothing()
        .returning(ProcessedUpdate.update_key)
    )
    return result.first() is not None


async def touch_user(
    s: AsyncSession, channel: str, external_id: str, display_name: str | None, now: datetime
) -> tuple[User, bool]:
    """Get or create the user (channel, external_id) and mark them seen; True if new."""
    # ON CONFLICT DO NOTHING: two first messages of one user may arrive at once.
    created = await s.execute(
        dialect_insert(s)(User)
        .values(channel=channel, external_id=external_id, display_name=display_name,
                first_seen=now, last_seen=now, active=True)
        .on_conflict_do_nothing(index_elements=["channel", "external_id"])
        .returning(User.id)
    )
    is_new = created.first() is not None
    user = (
        await s.execute(
            select(User).where(User.channel == channel, User.external_id == external_id)
        )
    ).scalar_one()
    if not is_new:
        user.last_seen = now
        user.active = True
        if display_name and display_name != user.display_name:
            user.display_name = display_name
    return user, is_new


def log_message(s: AsyncSession, user_id: int | None, channel: str, feature: str,
                now: datetime) -> None:
    s.add(MessageLog(user_id=user_id, channel=channel, feature=feature, created_at=now))


async def get_state(s: AsyncSession, user_id: int) -> FlowState | None:
    row = await s.get(ConversationState, user_id)
    return FlowState(row.flow, row.step, dict(row.data)) if row is not None else None


async def set_state(s: AsyncSession, user_id: int, flow: str, step: str,
                    data: dict[str, Any], now: datetime) -> None:
    row = await s.get(ConversationState, user_id)
    if row is None:
        s.add(ConversationState(user_id=user_id, flow=flow, step=step, data=data,
                                updated_at=now))
    else:
        row.flow, row.step, row.data, row.updated_at = flow, step, data, now


async def clear_state(s: AsyncSession, user_id: int) -> None:
    await s.execute(delete(ConversationState).where(ConversationState.user_id == user_id))


async def set_locale(s: AsyncSession, user_id: int, locale: str) -> None:
    await s.execute(update(User).where(User.id == user_id).values(locale=locale))


async def mark_inactive(s: AsyncSession, channel: str, external_id: str) -> None:
    await s.execute(
        update(User)
        .where(User.channel == channel, User.external_id == external_id)
        .values(active=False)
    )


async def personal_data(s: AsyncSession, user_id: int) -> PersonalData:
    """What the bot holds about the user, to tell them before they delete it."""
    contest = await s.scalar(select(func.count()).select_from(ContestParticipant)
                             .where(ContestParticipant.user_id == user_id))
    subscribed = await s.get(Subscription, user_id) is not None
    messages = await s.scalar(select(func.count()).select_from(MessageLog)
                              .where(MessageLog.user_id == user_id))
    return PersonalData(bool(contest), subscribed, int(messages or 0))


async def erase_user(s: AsyncSession, user: User) -> PersonalData:
    """Delete the user's personal data (Decree 13/2023); return what was there.

    The contest result stays anonymised (district and scores, no name, phone, unit or user) so
    the statistics stay right. The user row stays too, anonymised, so the count of users per
    channel and day does not change; its platform id becomes "erased:<id>", so the same account
    writing again is a new user. Outbox rows keep their delivery status for the report but lose
    the platform id, and those not yet sent are skipped.
    """
    held = await personal_data(s, user.id)
    await s.execute(
        update(ContestParticipant).where(ContestParticipant.user_id == user.id)
        .values(full_name=None, phone=None, unit=None, user_id=None))
    await s.execute(delete(Subscription).where(Subscription.user_id == user.id))
    await s.execute(delete(MessageLog).where(MessageLog.user_id == user.id))
    await s.execute(delete(ConversationState).where(ConversationState.user_id == user.id))
    if user.channel == "zalo":
        await s.execute(delete(ZaloChoice).where(ZaloChoice.external_id == user.external_id))
    await s.execute(
        update(OutboxRow).where(OutboxRow.user_id == user.id, OutboxRow.status == "pending")
        .values(status="skipped", reason="erased"))
    await s.execute(update(OutboxRow).where(OutboxRow.user_id == user.id)
                    .values(external_id=ERASED))
    user.external_id = f"{ERASED}:{user.id}"
    user.display_name = None
    user.locale = None
    user.active = False
    await s.flush()
    return held
