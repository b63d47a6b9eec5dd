"""The Zalo Official Account channel: signed webhook in, OA API v3 out, rotating tokens."""

from bot.channels.zalo.adapter import ZaloChannel
from bot.channels.zalo.window import users_in_window

__all__ = ["ZaloChannel", "users_in_window"]
