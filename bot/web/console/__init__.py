"""The organizers' web console under /quantri/ (issue 17): see pages.py; the questions inbox
in inbox.py."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aiohttp import web

from bot.web.console import inbox
from bot.web.console.pages import Console

if TYPE_CHECKING:
    from bot.app import App

__all__ = ["Console", "mount"]


def mount(web_app: web.Application, app: App) -> Console:
    """Serve the console under /quantri/ on the bot's web server."""
    console = Console(app)
    console.mount(web_app, sections=(inbox.mount,))
    return console
