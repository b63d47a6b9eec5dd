"""The composition root: build every part from the settings and wire them together."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from bot.settings import Settings
from content import default_edition_path

# The composition root imports what it wires when it wires it: SQLAlchemy, the ORM models and
# the conversation core are a third of a second to import, which `content check` (it needs
# only edition_path) does without.
if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

    from bot.clock import SimClock
    from bot.content_cache import ContentCache
    from bot.service import Dispatcher
    from content import Edition
    from handlers.channel import OutputChannel
    from handlers.core import Conversation
    from handlers.understanding import Understander
    from scheduler.service import BroadcastService  # apscheduler: only `run` and `chat`
    from scheduler.supervisor import Supervisor


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
    # The edition's entries in the content cache (bot/content_cache.py); None: not cached.
    content_cache: ContentCache | None = None

    async def start(self) -> None:
        """Bring the database schema up to date and load the contest's identity key."""
        from bot.db.contest import load_identity_key
        from bot.db.engine import upgrade

        await upgrade(self.engine)
        self.dispatcher.identity_key = await load_identity_key(
            self.sessions, self.settings.contest.identity_key, self.clock())

    async def close(self) -> None:
        await self.engine.dispose()


# The understanding of free text, one per content and code in this process (the content cache's
# key): every app built on the same edition (a console's and its bot's, the tests' hundreds)
# shares one index instead of building it again (about 0.045 s of CPU each).
_UNDERSTANDINGS: dict[str, Understander] = {}


def _understanding(key: str | None, edition: Edition) -> Understander:
    from handlers.understanding import Understander

    if key is None:
        return Understander(edition)
    shared = _UNDERSTANDINGS.get(key)
    if shared is None:
        shared = _UNDERSTANDINGS[key] = Understander(edition)
    return shared


def build_app(settings: Settings, understanding: bool = False) -> App:
    """Load content (raising ContentError when invalid, SettingsError when the settings do not
    fit it) and create engine and services.

    `understanding`: free text is expected at once (`chat`): the understanding's index is read
    from the content cache when kept there (else it is built at the first free text)."""
    from bot.clock import SimClock
    from bot.content_cache import default_directory, load_edition_cached
    from bot.db.engine import create_engine, make_sessionmaker
    from bot.db.faults import is_outage
    from bot.service import Dispatcher
    from handlers.core import Conversation
    from scheduler.supervisor import Supervisor

    path = edition_path(settings)
    edition, understander, content_cache, key = load_edition_cached(
        path, default_directory(), understanding)
    if settings.bot.timezone != edition.tz.key:
        # The chat and the web console read an organizer's '19:30' in the week's zone; the
        # CLI and [bot] now in this one. Two zones would send at another hour than confirmed.
        from bot.settings_error import N_, SettingsError

        raise SettingsError("bot.timezone", N_("là {value}, khác múi giờ của Tuần lễ ({week}, "
                                               "timezone trong [week] của edition.toml): hãy "
                                               "đặt {week} hoặc bỏ dòng này"),
                            value=settings.bot.timezone, week=edition.tz.key)
    clock = SimClock(settings.simulated_now())
    db = settings.database
    engine = create_engine(db.url, echo=db.echo, pool_size=db.pool_size,
                           max_overflow=db.max_overflow, pool_timeout=db.pool_timeout)
    sessions = make_sessionmaker(engine)
    if understander is not None and key is not None:
        _UNDERSTANDINGS.setdefault(key, understander)
    conversation = Conversation(edition, clock, understanding=functools.partial(
        _understanding, key, edition))
    if understander is not None:
        conversation.router.understander = understander
    dispatcher = Dispatcher(settings, conversation, sessions, clock)
    supervisor = Supervisor(on_failure=dispatcher.metrics.task_failed, expected=is_outage)
    return App(settings, edition, clock, engine, sessions, conversation, dispatcher,
               supervisor, content_cache)


def build_broadcaster(app: App, channels: Sequence[OutputChannel]) -> BroadcastService:
    """Reminders and announcements over `channels`, each at the rate its limits declare."""
    from bot.db.faults import is_outage
    from bot.db.schedule import sql_storage
    from scheduler.service import BroadcastService

    cfg = app.settings.broadcast
    return BroadcastService(cfg, app.edition,
                            sql_storage(app.engine, app.sessions, cfg.poll_seconds),
                            app.clock, channels, locale=app.settings.bot.locale,
                            timezone=app.settings.bot.timezone, outage=is_outage,
                            supervisor=app.supervisor,
                            demo=app.settings.bot.demo_sample_schedule)
