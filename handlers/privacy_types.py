"""What the right to erasure (/xoadulieu) needs from storage; bot/ implements it on SQL."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class PersonalData:
    """What the bot holds about one user (or what was just deleted)."""

    contest: bool  # a contest registration with their name
    subscribed: bool
    messages: int  # rows of the message log
    questions: int = 0  # questions kept for the organizers (handlers/question_types.py)


class PrivacyStore(Protocol):
    """The current user's personal data, inside the update's transaction."""

    async def personal_data(self) -> PersonalData: ...

    async def erase(self) -> PersonalData:
        """Delete or anonymise what handlers/features/privacy.py lists; return what went."""
        ...
