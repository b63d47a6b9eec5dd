"""The Zalo Official Account channel: signed webhook in, OA API v3 out, rotating tokens."""

from bot.channels.zalo.adapter import SendResult, ZaloChannel
from bot.channels.zalo.window import users_in_window

__all__ = ["SendResult", "ZaloChannel", "users_in_window"]
