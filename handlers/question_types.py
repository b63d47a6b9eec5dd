"""Citizens' questions for the organizers: what the conversation stores, what bot/ implements.

A question is kept when the bot had no information (unanswered), when it had to ask which of
two answers was meant (clarified), or when the citizen asked for it to be passed on
(sent_to_organizers). Organizers list them (`hoctap-bot questions`, the console's inbox) and may
answer one; the answer reaches the citizen through the broadcast outbox.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Protocol

MAX_QUESTION = 1000  # characters of a question kept


class QuestionKind(StrEnum):
    """The column `kind` of the questions table."""

    UNANSWERED = "unanswered"  # the bot had no information
    CLARIFIED = "clarified"  # the bot asked which of two answers was meant
    SENT = "sent_to_organizers"  # the citizen asked for it to go to the organizers


class QuestionStore(Protocol):
    """The current user's questions for the organizers, inside the update's transaction."""

    async def record(self, text: str, normalised: str, kind: QuestionKind) -> int | None:
        """Store a question of the current user; return its number. None when the user left
        as many as a day allows ([flood] questions_per_day): nothing stored."""
        ...

    async def send_to_organizers(self, question_id: int) -> bool:
        """Mark the user's own question `question_id` as sent to the organizers; False when
        the user has no such question."""
        ...
