"""Babel catalogs and locale-aware formatting."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from babel.dates import format_date
from babel.messages.pofile import read_po

from handlers.i18n import (
    LOCALES_DIR,
    PATTERNS,
    _,
    format_date_numeric,
    format_day,
    format_number,
    format_time,
    translations,
    use_locale,
)


def _catalog(locale: str) -> list[tuple[str, str]]:
    path = LOCALES_DIR / locale / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as f:
        return [(m.id, m.string) for m in read_po(f, locale=locale) if m.id]


def test_catalogs_are_complete_and_nfc() -> None:
    vi, en = _catalog("vi"), _catalog("en")
    assert len(vi) > 50
    assert {i for i, _ in vi} == {i for i, _ in en}
    for msgid, msgstr in vi + en:
        assert msgstr, f"untranslated: {msgid!r}"
        assert unicodedata.normalize("NFC", msgstr) == msgstr
    for msgid, msgstr in en:
        # A Vietnamese message id must really be translated in the English catalog.
        if not msgid.isascii():
            assert msgstr != msgid, f"not translated to English: {msgid!r}"


def test_pot_matches_the_code(tmp_path: Path) -> None:
    """Every _() string in the code is in the catalog (run `make messages` after editing)."""
    import subprocess
    import sys

    repo = LOCALES_DIR.parents[1]
    pot = tmp_path / "messages.pot"
    subprocess.run(
        [str(Path(sys.executable).parent / "pybabel"), "-q", "extract", "-F",
         str(repo / "babel.cfg"), "--no-location", "--sort-output", "-o", str(pot), "."],
        capture_output=True, check=True, cwd=repo,
    )
    with pot.open("rb") as f:
        extracted = {m.id for m in read_po(f) if m.id}
    assert extracted == {i for i, _ in _catalog("vi")}


def test_compiled_catalogs_are_used() -> None:
    assert translations("vi").gettext("Hôm nay") == "Hôm nay"
    assert translations("en").gettext("Hôm nay") == "Today"
    with use_locale("en"):
        assert _("Lịch sự kiện") == "Event schedule"
    with use_locale("vi"):
        assert _("Lịch sự kiện") == "Lịch sự kiện"
    assert Path(LOCALES_DIR / "vi" / "LC_MESSAGES" / "messages.mo").exists()


def test_dates_and_numbers_through_babel() -> None:
    day = date(2020, 10, 1)
    with use_locale("vi"):
        # One format everywhere, the one the letter and the content files write: 01/10/2020,
        # 08:00 (it was 1/10/2020 and 8:00 in the code, 01/10/2020 in the content).
        assert format_day(day) == format_date(day, PATTERNS["vi"]["day"], locale="vi")
        assert format_day(day).endswith("01/10/2020")
        assert format_date_numeric(day) == "01/10/2020"
        assert format_number(12345.5) == "12.345,5"
        moment = datetime(2020, 10, 1, 1, 0, tzinfo=ZoneInfo("UTC"))
        # 01:00 UTC is 08:00 in Hải Phòng.
        assert format_time(moment, ZoneInfo("Asia/Ho_Chi_Minh")) == "08:00"
    with use_locale("en"):
        assert format_day(day) == format_date(day, PATTERNS["en"]["day"], locale="en")
        assert format_number(12345.5) == "12,345.5"
