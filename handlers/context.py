"""What a feature handler receives for one update."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from content import Edition
from handlers.router import Route
from handlers.types import Store, UserView


@dataclass(frozen=True)
class Ctx:
    edition: Edition
    now: datetime  # aware, in the edition's time zone
    user: UserView
    store: Store
    route: Route
    is_private: bool = True  # the chat has no one but this user and the bot (Incoming)
    page: int = 1  # which screen of a long answer ("Xem thêm", handlers/paging.py)

    @property
    def today(self) -> date:
        return self.now.date()

    @property
    def locale(self) -> str:
        return self.user.locale
