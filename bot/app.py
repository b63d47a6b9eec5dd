"""The composition root: build every part from the settings and wire them together."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.clock import SimClock
from bot.db.engine import create_engine, make_sessionmaker, upgrade
from bot.service import Dispatcher
from bot.settings import Settings
from content import Edition, default_edition_path, load_edition
from handlers.core import Conversation


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

    async def start(self) -> None:
        """Bring the database schema up to date."""
        await upgrade(self.engine)

    async def close(self) -> None:
        await self.engine.dispose()


def build_app(settings: Settings) -> App:
    """Load content (raising ContentError when invalid) and create engine and services."""
    edition = load_edition(edition_path(settings))
    clock = SimClock(settings.simulated_now())
    engine = create_engine(settings.database.url, echo=settings.database.echo)
    sessions = make_sessionmaker(engine)
    conversation = Conversation(edition, clock)
    dispatcher = Dispatcher(settings, conversation, sessions, clock)
    return App(settings, edition, clock, engine, sessions, conversation, dispatcher)
