"""Free text as citizens write it: normalisation, relative dates, retrieval over every
answerable unit of the edition, and the decision to answer, ask back or say "I don't know"."""

from handlers.understanding.dates import DateRef, DayQuery, find_date, read_days
from handlers.understanding.understand import Understander, Understanding

__all__ = ["DateRef", "DayQuery", "Understander", "Understanding", "find_date", "read_days"]
