"""The [broadcast] settings: declared here, on the scheduler's floor, because the scheduler reads
them; bot.settings loads and validates them with the other sections."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class BroadcastSettings:
    """Reminders, announcements and the outbox deliverers."""

    enabled: bool = True
    # Each channel's rate is in its own section ([telegram] rate, [zalo] rate, [zalobot] rate).
    # Seconds between two messages to one chat (Telegram: at most one a second).
    per_chat_interval: float = 1.0
    # Local hour of each day's morning digest, and of the evening before the opening.
    morning_hour: int = 7
    evening_hour: int = 19
    # Minutes before an event marked `remind` that its reminder goes out.
    remind_before: int = 60
    # An item missed while the bot was down is still sent if at most this late.
    grace_hours: float = 6.0
    # How often the database is checked for new or cancelled items (CLI, other processes).
    poll_seconds: float = 2.0
    # A row left `sending` this long (real seconds) by a dead process becomes `uncertain`.
    stale_seconds: float = 60.0
    # How often the organizer's progress message is updated.
    progress_seconds: float = 3.0
