"""How an announcement will look on each platform, before it is sent.

The preview is the real degradation: the outbox's own text for an announcement
(scheduler.messages.render), cut and numbered by the channel contract (handlers.channel.plan)
with each platform's limits. Nothing here guesses what an adapter does.
"""

from __future__ import annotations

from dataclasses import dataclass

from content import Edition
from handlers.channel import Limits, Part, plan
from handlers.types import Button, Reply
from scheduler.messages import ItemView, render


@dataclass(frozen=True)
class Platform:
    key: str
    label: str
    limits: Limits


# What each platform shows. Telegram: 4,096 characters, an inline keyboard with link buttons.
# Zalo OA: 2,000 characters, at most 5 buttons. Zalo Bot: 2,000 characters and no buttons, so
# every button becomes a numbered line the user types.
PLATFORMS = (
    Platform("telegram", "Telegram",
             Limits(text=4096, buttons=100, url_buttons=True, edit=True, documents=True)),
    Platform("zalo", "Zalo OA", Limits(text=2000, buttons=5, url_buttons=True)),
    Platform("zalobot", "Zalo Bot", Limits(text=2000, buttons=0)),
)


@dataclass(frozen=True)
class Preview:
    """One platform's messages for the announcement."""

    platform: Platform
    parts: tuple[Part, ...]
    numbered: bool  # some button became a numbered line

    @property
    def characters(self) -> int:
        """The longest message, title included, against the platform's limit."""
        return max((len(p.text) + (len(p.title) + 2 if p.title else 0) for p in self.parts),
                   default=0)


def preview(text: str, edition: Edition, locale: str,
            buttons: tuple[Button, ...] = ()) -> list[Preview]:
    """The announcement `text` as each platform would show it to a reader of `locale`."""
    title, body = render(ItemView(0, "announcement", text, {}), edition, locale)
    reply = Reply(body, buttons, title=title)
    out = []
    for platform in PLATFORMS:
        planned = plan([reply], platform.limits)
        out.append(Preview(platform, tuple(planned.parts), planned.numbered))
    return out
