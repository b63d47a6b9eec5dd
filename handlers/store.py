"""The Store port: everything the core may persist for one update, inside its transaction.

Each feature's own port (ContestStore, BroadcastStore, ReportStore, PrivacyStore,
QuestionStore) sits beside
that feature's data types in a lower module; bot/ implements them on SQL.
"""

from __future__ import annotations

from typing import Any, Protocol

from handlers.broadcast_types import BroadcastStore
from handlers.contest_types import ContestStore
from handlers.privacy_types import PrivacyStore
from handlers.question_types import QuestionStore
from handlers.report_types import ReportStore


class Store(Protocol):
    """Persistence the core needs for one update, inside that update's transaction."""

    async def set_locale(self, locale: str) -> None: ...

    async def set_state(self, flow: str, step: str, data: dict[str, Any]) -> None:
        """Remember the user's place in a flow; the next text message goes to that flow."""
        ...

    async def clear_state(self) -> None: ...

    async def console_link(self) -> str:
        """A single-use sign-in link to the organizers' web console, for this user."""
        ...

    async def set_district(self, district: str | None) -> None:
        """Remember the user's quận/huyện (None: none chosen)."""
        ...

    @property
    def contest(self) -> ContestStore:
        """The contest's storage for this user."""
        ...

    @property
    def broadcast(self) -> BroadcastStore:
        """Subscriptions and announcements for this user."""
        ...

    @property
    def report(self) -> ReportStore:
        """The organizers' report: figures and files."""
        ...

    @property
    def privacy(self) -> PrivacyStore:
        """This user's personal data, to show or delete."""
        ...

    @property
    def questions(self) -> QuestionStore:
        """Questions the bot could not answer, kept for the organizers."""
        ...
