"""The Telegram channel on python-telegram-bot, in polling or webhook mode."""

from bot.channels.telegram.adapter import TelegramChannel

__all__ = ["TelegramChannel"]
