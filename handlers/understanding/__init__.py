"""Free text as citizens write it: normalisation, relative dates, retrieval over every
answerable unit of the edition, and the decision to answer, ask back or say "I don't know".

The modules are imported compiled by mypyc when `make setup` has built these very sources
(handlers/understanding/fast.py; this file and fast.py are never compiled), else as Python."""

from handlers.understanding import fast

if fast.use(__path__) is not None:
    try:
        from handlers.understanding import understand as _compiled  # noqa: F401
    except ImportError as e:  # a build that does not load (a library missing): the sources
        fast.give_up(__path__, e)

from handlers.understanding.dates import DateRef, DayQuery, find_date, read_days
from handlers.understanding.understand import Understander, Understanding

__all__ = ["DateRef", "DayQuery", "Understander", "Understanding", "find_date", "read_days"]
