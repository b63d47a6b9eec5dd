"""The composition root: build every part from the settings and wire them together."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.channels.base import Channel, Sender
from bot.clock import SimClock
from bot.db.contest import load_identity_key
from bot.db.engine import create_engine, make_sessionmaker, upgrade
from bot.db.faults import is_outage
from bot.service import Dispatcher
from bot.settings import Settings
from content import Edition, default_edition_path, load_edition
from handlers.core import Conversation
from scheduler.supervisor import Supervisor

if TYPE_CHECKING:  # apscheduler and the deliverers are only needed by `run`
    from scheduler.service import BroadcastService


def edition_path(settings: Settings) -> Path:
    if settings.bot.content_dir:
        return Path(settings.bot.content_dir) / settings.bot.edition
    return default_edition_path(settings.bot.edition)


@dataclass
class App:
    settings: Settings
    edition: Edition
    clock: SimClock
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    conversation: Conversation
    dispatcher: Dispatcher
    # Every background loop of `run` (deliverers, polls, workers): restarted after a failure,
    # counted in the metrics, reported by /healthz.
    supervisor: Supervisor

    async def start(self) -> None:
        """Bring the database schema up to date and load the contest's identity key."""
        await upgrade(self.engine)
        self.dispatcher.identity_key = await load_identity_key(
            self.sessions, self.settings.contest.identity_key, self.clock())

    async def close(self) -> None:
        await self.engine.dispose()


def build_app(settings: Settings) -> App:
    """Load content (raising ContentError when invalid) and create engine and services."""
    edition = load_edition(edition_path(settings))
    clock = SimClock(settings.simulated_now())
    db = settings.database
    engine = create_engine(db.url, echo=db.echo, pool_size=db.pool_size,
                           max_overflow=db.max_overflow, pool_timeout=db.pool_timeout,
                           sqlite_inline=db.sqlite_inline)
    sessions = make_sessionmaker(engine)
    conversation = Conversation(edition, clock)
    dispatcher = Dispatcher(settings, conversation, sessions, clock)
    supervisor = Supervisor(on_failure=dispatcher.metrics.task_failed, expected=is_outage)
    return App(settings, edition, clock, engine, sessions, conversation, dispatcher,
               supervisor)


def build_broadcaster(app: App, channels: list[Channel]) -> BroadcastService:
    """Reminders and announcements over every started channel that can broadcast."""
    from scheduler.senders import ReplySender
    from scheduler.service import BroadcastService

    senders: list[Sender] = []
    for channel in channels:
        if hasattr(channel, "deliver") and hasattr(channel, "edit"):
            senders.append(channel)  # type: ignore[arg-type]
        elif hasattr(channel, "send"):
            senders.append(ReplySender(channel))  # type: ignore[arg-type]
    return BroadcastService(app.settings, app.edition, app.engine, app.sessions, app.clock,
                            senders, app.supervisor)
