"""The text of each broadcast, in the recipient's language, rendered when it is sent.

The wording and the pages are the core's (handlers/features/bulletin.py), so that the "Xem
thêm" button of a long broadcast, answered by the core, shows the pages the outbox cut.
"""

from __future__ import annotations

from content import Edition
from handlers.broadcast_types import ItemView
from handlers.features import bulletin
from handlers.i18n import use_locale
from handlers.types import Reply

__all__ = ["ItemView", "first_screen", "render"]


def render(item: ItemView, edition: Edition, locale: str) -> tuple[str | None, str]:
    """(title, whole text) of `item` for a recipient who reads `locale`."""
    with use_locale(locale):
        return bulletin.render(item, edition)


def first_screen(item: ItemView, edition: Edition, locale: str) -> Reply:
    """What the outbox sends: the first screen of `item`, its "Xem thêm" and its buttons."""
    with use_locale(locale):
        return bulletin.bulletin(item, edition)
