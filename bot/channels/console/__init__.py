"""The console channel: the same core in a terminal or over piped stdin."""

from bot.channels.console.adapter import ConsoleChannel

__all__ = ["ConsoleChannel"]
