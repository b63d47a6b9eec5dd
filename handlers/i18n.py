"""Gettext catalogs (Babel) and locale-aware formatting; the locale lives in a ContextVar."""

from __future__ import annotations

import gettext
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime
from functools import cache, lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo

from babel.dates import format_date as _babel_date
from babel.dates import format_time as _babel_time
from babel.numbers import format_decimal

log = logging.getLogger(__name__)

LOCALES_DIR = Path(__file__).resolve().parent / "locales"
DOMAIN = "messages"
DEFAULT_LOCALE = "vi"
SUPPORTED = ("vi", "en")

_locale: ContextVar[str] = ContextVar("locale", default=DEFAULT_LOCALE)


@cache
def translations(locale: str) -> gettext.NullTranslations:
    """The catalog for `locale`, compiled from its .po file if the .mo is missing or stale."""
    base = LOCALES_DIR / locale / "LC_MESSAGES"
    po, mo = base / f"{DOMAIN}.po", base / f"{DOMAIN}.mo"
    if not po.exists():
        return gettext.NullTranslations()
    if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
        # The install and test commands compile catalogs; this keeps a stale checkout honest.
        log.warning("catalog %s is missing or older than its .po; compiling it now", mo)
        # Imported here: every start pays for them otherwise, and only a stale checkout needs them.
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        with po.open("rb") as f:
            catalog = read_po(f, locale=locale)
        try:
            with mo.open("wb") as f:
                write_mo(f, catalog)
        except OSError:
            import io

            buf = io.BytesIO()
            write_mo(buf, catalog)
            buf.seek(0)
            return gettext.GNUTranslations(buf)
    with mo.open("rb") as f:
        return gettext.GNUTranslations(f)


def current_locale() -> str:
    return _locale.get()


@contextmanager
def use_locale(locale: str) -> Iterator[None]:
    """Make `locale` current for the code inside the block."""
    token = _locale.set(locale if locale in SUPPORTED else DEFAULT_LOCALE)
    try:
        yield
    finally:
        _locale.reset(token)


def set_locale(locale: str) -> None:
    """Switch the current update's locale (after the user chose a language)."""
    _locale.set(locale if locale in SUPPORTED else DEFAULT_LOCALE)


def _(message: str) -> str:
    """Translate `message` into the current locale."""
    return translations(_locale.get()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translations(_locale.get()).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark `message` for extraction; translate later with _()."""
    return message


# One way to write dates and times everywhere (docs/content-format.md, "Dates and times"):
# the way the letter and the content files write them, "01/10/2020" and "07:00", through Babel
# patterns so the weekday names are the locale's ("Thứ Năm, 01/10/2020").
PATTERNS: dict[str, dict[str, str]] = {
    "vi": {"day": "EEEE, dd/MM/yyyy", "day_short": "EEEE, dd/MM", "date": "dd/MM/yyyy",
           "time": "HH:mm"},
    "en": {"day": "EEEE, d MMMM yyyy", "day_short": "EEE d MMM", "date": "d MMM yyyy",
           "time": "HH:mm"},
}


# Babel's pattern formatting costs about as much as the rest of a schedule answer, and the week
# has few distinct days and times: remember each formatted one (bounded, per locale). Equal
# aware datetimes may carry different zones, which Babel writes differently: the moment's own
# zone is part of the key.
@lru_cache(maxsize=4096)
def _date(kind: str, day: date | datetime, own_tz: object, locale: str) -> str:
    return _babel_date(day, PATTERNS.get(locale, PATTERNS["vi"])[kind], locale=locale)


@lru_cache(maxsize=4096)
def _time(moment: datetime, own_tz: object, tz: ZoneInfo, locale: str) -> str:
    return _babel_time(moment, PATTERNS.get(locale, PATTERNS["vi"])["time"], tzinfo=tz,
                       locale=locale)


def format_day(day: date | datetime) -> str:
    """Weekday and date: "Thứ Năm, 01/10/2020"."""
    return _date("day", day, getattr(day, "tzinfo", None), _locale.get())


def format_day_short(day: date | datetime) -> str:
    """Weekday and day/month, e.g. for buttons: "Thứ Năm, 01/10"."""
    return _date("day_short", day, getattr(day, "tzinfo", None), _locale.get())


def format_date_numeric(day: date | datetime) -> str:
    """The date: "01/10/2020"."""
    return _date("date", day, getattr(day, "tzinfo", None), _locale.get())


def format_time(moment: datetime, tz: ZoneInfo) -> str:
    """The local time of `moment` in `tz`: "07:00"."""
    return _time(moment, moment.tzinfo, tz, _locale.get())


def format_number(n: int | float) -> str:
    return format_decimal(n, locale=_locale.get())
