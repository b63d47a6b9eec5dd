"""The Zalo Bot Platform channel (bots from "Zalo Bot Manager"): no buttons, plain text.

Only `build` lives here: bot.settings imports this package's settings module, so importing the
package must stay as light as that (the adapter, aiohttp and the database load in `build`).
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.app import App
    from bot.channels.base import Channel


def build(app: App) -> list[Channel]:
    """The channel when [zalobot] token is set, wired to the app's dispatcher and database."""
    settings = app.settings.zalobot
    if not settings.enabled:
        return []
    from bot.channels.zalobot.adapter import ZaloBotChannel
    from bot.db.choices import SqlChoiceStore

    web = app.settings.web
    return [ZaloBotChannel(
        settings, app.dispatcher, SqlChoiceStore(app.sessions, app.clock),
        supervisor=app.supervisor,
        event_max_age=timedelta(hours=web.update_retention_hours),
        clock_skew=timedelta(seconds=web.clock_skew_seconds))]
