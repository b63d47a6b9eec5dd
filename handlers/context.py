"""What a feature handler receives for one update."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from content import Edition
from handlers.i18n import _
from handlers.router import Route
from handlers.store import Store
from handlers.types import UserView


class FeatureIndex(Protocol):
    """What a handler may read of the feature registry (handlers/registry.py implements it)."""

    def label(self, name: str) -> str:
        """A logged feature or flow as organizers name it, in the current locale."""
        ...

    def button_features(self) -> list[tuple[str, str, str]]:
        """(name, label msgid, command) of the features an announcement's button may open."""
        ...

    def help_lines(self) -> list[tuple[str, str]]:
        """(command, help line) in the current locale, in the order /trogiup lists them."""
        ...

    def command_for(self, name: str, arg: str = "") -> str | None:
        """The /command that opens feature `name` with `arg` (a button's), or None."""
        ...


@dataclass(frozen=True)
class Left:
    """A flow the citizen has just stopped ("thôi", "hủy", /huy): what the stop answer names."""

    label: str  # the flow as citizens and organizers name it, in the current locale
    note: str | None = None  # what the flow says on leaving (a catalog msgid); None: the usual

    def text(self) -> str:
        """What the citizen reads about it, in the current locale."""
        if self.note is not None:
            return _(self.note)
        return _("Đã dừng: {what}. Chatbot không lưu thông tin của các bước vừa rồi; khi cần, "
                 "xin Quý vị bắt đầu lại.").format(what=self.label)


@dataclass(frozen=True)
class Ctx:
    edition: Edition
    now: datetime  # aware, in the edition's time zone
    user: UserView
    store: Store
    route: Route
    features: FeatureIndex
    is_private: bool = True  # the chat has no one but this user and the bot (Incoming)
    is_button: bool = False  # pressed, not typed: a double tap's second press is one of these
    page: int = 1  # which screen of a long answer ("Xem thêm", handlers/paging.py)
    left: Left | None = None  # the flow this message stopped, if it did
    received_at: datetime | None = None  # Incoming.received_at, in the edition's time zone

    @property
    def sent(self) -> datetime:
        """When the citizen did what this update says: now, or when it first reached the bot
        if it was held back (a contest answer is timed by it, not by the database's outage)."""
        return min(self.now, self.received_at) if self.received_at is not None else self.now

    @property
    def today(self) -> date:
        return self.now.date()

    @property
    def locale(self) -> str:
        return self.user.locale
