"""How an announcement will look on each platform, before it is sent.

The preview is the real degradation: the core's own pages of the announcement
(handlers.features.bulletin: the first screen the outbox sends, then each page behind "Xem
thêm", with the organizer's buttons), cut and numbered by the channel contract
(handlers.channel.plan) with each platform's limits. Nothing here guesses what an adapter does.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.channels.zalo.client import MAX_BUTTONS as ZALO_BUTTONS
from bot.channels.zalo.client import MAX_TEXT as ZALO_TEXT
from bot.channels.zalobot.client import MAX_TEXT as ZALOBOT_TEXT
from content import Edition
from handlers.broadcast_types import AnnouncementButton, ItemView, buttons_payload
from handlers.channel import Limits, Part, plan
from handlers.features.bulletin import pages
from handlers.i18n import use_locale


@dataclass(frozen=True)
class Platform:
    key: str
    label: str
    limits: Limits


# What each platform shows (the adapters declare the same limits). Telegram: 4,096 characters,
# an inline keyboard with link buttons. Zalo OA: 2,000 characters, at most 5 buttons, links
# among them. Zalo Bot: 2,000 characters and no buttons, so every button becomes a numbered
# line the user types (a link: its address on the line).
PLATFORMS = (
    Platform("telegram", "Telegram",
             Limits(text=4096, buttons=100, url_buttons=True, edit=True, documents=True)),
    Platform("zalo", "Zalo OA", Limits(text=ZALO_TEXT, buttons=ZALO_BUTTONS, url_buttons=True)),
    Platform("zalobot", "Zalo Bot", Limits(text=ZALOBOT_TEXT, buttons=0)),
)


@dataclass(frozen=True)
class Preview:
    """One platform's messages for the announcement: one list per page ("Xem thêm")."""

    platform: Platform
    pages: tuple[tuple[Part, ...], ...]
    numbered: bool  # some button became a numbered line

    @property
    def parts(self) -> tuple[Part, ...]:
        """Every message, page after page."""
        return tuple(p for page in self.pages for p in page)

    @property
    def characters(self) -> int:
        """The longest message, title included, against the platform's limit."""
        return max((len(p.text) + (len(p.title) + 2 if p.title else 0) for p in self.parts),
                   default=0)


def preview(text: str, edition: Edition, locale: str,
            buttons: Sequence[AnnouncementButton] = ()) -> list[Preview]:
    """The announcement `text` as each platform would show it to a reader of `locale`."""
    with use_locale(locale):
        replies = pages(ItemView(0, "announcement", text, buttons_payload(buttons)), edition)
    out = []
    for platform in PLATFORMS:
        # Each page is a message of its own: its numbered lines start again at 1.
        planned = [plan([reply], platform.limits) for reply in replies]
        out.append(Preview(platform, tuple(tuple(p.parts) for p in planned),
                           any(p.numbered for p in planned)))
    return out
