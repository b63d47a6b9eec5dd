"""The organizers' web console under /quantri/ (issue 17): see pages.py."""

from bot.web.console.pages import Console, mount

__all__ = ["Console", "mount"]
