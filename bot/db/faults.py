"""What a failed update means for the user, and which database errors are an outage.

Whether an update is held back (fetched again, answered once the database takes it) depends
only on whether its transaction committed, never on the kind of error: see
bot.service.Dispatcher. `is_outage` only decides how loudly a failure is logged (one line for
an outage, a traceback for anything else) and whether a failure counts against an update's
retries.
"""

from __future__ import annotations

import sys

from sqlalchemy import exc as sa_exc

from handlers.i18n import _
from handlers.types import Reply

# What a stopped, restarting or locked database raises, through SQLAlchemy or around it:
# the connect itself fails with OSError (refused, reset) or asyncpg's "cannot connect now"
# (57P03, the server is starting or stopping); a pooled connection cut by the server's
# shutdown surfaces as OperationalError / InterfaceError or with connection_invalidated;
# SQLite's "database is locked" past its busy timeout is an OperationalError too.
_RAW: tuple[type[BaseException], ...] = (OSError, TimeoutError, sa_exc.TimeoutError)
_ASYNCPG = ("CannotConnectNowError", "ConnectionFailureError", "InterfaceError",
            "AdminShutdownError")


def _raw() -> tuple[type[BaseException], ...]:
    # asyncpg's own errors, looked up only once asyncpg is loaded: a SQLite process never
    # imports it (~0.1 s of the console's start), and then none of them can be raised.
    asyncpg = sys.modules.get("asyncpg")
    if asyncpg is None:
        return _RAW
    return _RAW + tuple(getattr(asyncpg, name) for name in _ASYNCPG)


# PostgreSQL error classes (SQLSTATE) of a database that is down, full or cut off by its
# operator rather than of a statement that is wrong: 08 connection exception, 53 insufficient
# resources ("too many connections"), 57 operator intervention (statement timeout, admin
# shutdown, "cannot connect now"), 58 system error, 40 transaction rollback (deadlock,
# serialization), 55P03 lock not available and 55000 for `ALLOW_CONNECTIONS false` ("is not
# currently accepting connections").
_PG_CLASSES = ("08", "53", "57", "58", "40")
_PG_STATES = ("55P03", "55000")

_TRANSIENT = ("database is locked", "database table is locked", "database is busy",
              "unable to open database", "disk i/o error", "connection", "closed",
              "terminating", "shutting down", "starting up")


class HeldBack(Exception):
    """The update's transaction did not commit: the channel must get the update again (polling
    offset held, webhook answered 503, Zalo event retried). `replies` is the apology to send
    once."""

    def __init__(self, replies: list[Reply]) -> None:
        super().__init__("update not applied; held back")
        self.replies = replies


def _sqlstate(exc: BaseException | None) -> str | None:
    state = getattr(exc, "sqlstate", None)
    return state if isinstance(state, str) else None


def is_outage(exc: BaseException) -> bool:
    """True when `exc`, or what caused it, says the database is unreachable or busy."""
    seen: set[int] = set()
    raw = _raw()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, sa_exc.DBAPIError) and (
            current.connection_invalidated
            or isinstance(current, sa_exc.InterfaceError)
            # SQLite reports "no such table" as an OperationalError too: that one is a bug.
            or (isinstance(current, sa_exc.OperationalError)
                and any(m in str(current.orig).lower() for m in _TRANSIENT))
        ):
            return True
        if isinstance(current, raw):
            return True
        state = _sqlstate(current) or _sqlstate(getattr(current, "orig", None))
        if state is not None and (state[:2] in _PG_CLASSES or state in _PG_STATES):
            return True
        current = current.__cause__ or current.__context__
    return False


def unavailable_replies(will_answer: bool) -> list[Reply]:
    """What a user reads while the database is down (in the current locale).

    `will_answer`: the message is kept (Telegram re-delivers it) and answered on recovery.
    """
    if will_answer:
        return [Reply(_("Xin lỗi, hệ thống đang tạm thời gián đoạn. Chatbot đã nhận tin nhắn "
                        "của Quý vị và sẽ trả lời ngay khi hệ thống hoạt động trở lại."))]
    return [Reply(_("Xin lỗi, hệ thống đang tạm thời gián đoạn. Xin Quý vị vui lòng thử lại sau "
                    "ít phút."))]
