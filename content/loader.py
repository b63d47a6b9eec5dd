"""Load an edition directory and report every problem with file, entry and field."""

from __future__ import annotations

import contextlib
import hashlib
import re
import tomllib
import unicodedata
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from content.model import (
    EXAMPLE_ANSWERS,
    SMALL_TALK,
    UNIT_KINDS,
    Abbreviation,
    Activity,
    Body,
    Contact,
    ContestInfo,
    Edition,
    Event,
    Example,
    FaqEntry,
    Intent,
    Lexicon,
    Programme,
    Question,
    Report,
    Resource,
    ResourceCategory,
    Section,
    Text,
    Unit,
    example_may_name,
    same_message,
)

FILES = (
    "edition.toml",
    "activities.toml",
    "schedule.toml",
    "resources.toml",
    "reading.toml",
    "faq.toml",
    "contest.toml",
    "quiz.toml",
    "lexicon.toml",
    "examples.toml",
)
# The quiz bank belongs to the contest; an edition without it still answers citizens. Without
# examples the bot reads messages by their phrases only.
OPTIONAL_FILES = ("quiz.toml", "examples.toml")
ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
DIFFICULTIES = ("de", "trung-binh", "kho")
LETTERS = "ABCD"
LANGUAGES = ("vi", "en", "multi")
# Seconds per question when contest.toml does not say: enough for an elderly reader of the
# longest question of the 2020 bank (see READING_* and docs/content-format.md).
DEFAULT_SECONDS = 60
# An unhurried reader on a phone: about 8 characters a second (some 100 words a minute), plus
# the time to choose and press a button. `content check` warns when seconds_per_question is
# shorter than what the longest question needs at this pace.
READING_CHARS_PER_SECOND = 8
READING_DECIDE_SECONDS = 10
# What free text can ask for (lexicon.toml [[intents]] id): the features the bot answers with,
# plus small talk (greeting, thanks, goodbye, ok, sorry: a complaint), passing a question to the
# organizers (ask) and elsewhere: subjects citizens ask about that are not the Week's (the
# weather, other exams), which must get an honest "no information", never an answer that shares
# a word with them.
# tests/understanding checks that each one is answered.
INTENTS = (
    "schedule", "next", "theme", "bodies", "activities", "courses", "library", "contest",
    "contest-take", "leaderboard", "contacts", "faq", "help", "menu", "language", "subscribe",
    "unsubscribe", "privacy", "ask", "greeting", "thanks", "goodbye", "ok", "elsewhere",
    "stop", "bulletin", "sorry",
)
# Words and phrases as typed: letters and digits, single spaces; a typed form may also be one
# symbol (an emoji such as "👍").
_PHRASE_RE = re.compile(r"^[^\W_]+(?: [^\W_]+)*$")
_SYMBOL_RE = re.compile(r"^[^\w\s]$")

T = TypeVar("T")


def default_edition_path(edition: str) -> Path:
    """Where the shipped edition `edition` lives."""
    return Path(__file__).resolve().parent / "editions" / edition


def N_(template: str) -> str:
    """Mark a message for the Babel catalog; the CLI translates it for the reader."""
    return template


_TYPE_NAMES = {
    bool: N_("true/false"), int: N_("số nguyên"), float: N_("số thực"), str: N_("chuỗi"),
    list: N_("danh sách"), dict: N_("bảng"), datetime: N_("ngày giờ"), date: N_("ngày"),
}


def _type_name(value: object) -> str:
    return next((n for t, n in _TYPE_NAMES.items() if isinstance(value, t)), type(value).__name__)


@dataclass(frozen=True)
class Problem:
    """One thing wrong in the content: where (file, entry, field) and what."""

    file: str
    entry: str
    field: str
    template: str  # Vietnamese message with {named} parameters, a msgid of the catalog
    params: dict[str, object] = dataclass_field(default_factory=dict)

    @property
    def message(self) -> str:
        return self.template.format(**self.params)

    def render(self, translate: Callable[[str], str] = lambda s: s) -> str:
        """'file: entry: field: message', the message translated by `translate`."""
        where = ": ".join(x for x in (self.file, self.entry, self.field) if x)
        return f"{where}: {translate(self.template).format(**self.params)}"

    def __str__(self) -> str:
        return self.render()


class ContentError(Exception):
    """The edition has problems; `problems` lists each one."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class _Invalid(Exception):
    """Raised inside one entry after its problem is recorded, to skip that entry."""


class _Reader:
    """Read typed fields of one table, recording a Problem for each bad one."""

    def __init__(self, problems: list[Problem], file: str, entry: str, table: Any) -> None:
        self.problems = problems
        self.file = file
        self.entry = entry
        self.table: dict[str, Any] = table if isinstance(table, dict) else {}
        self.bad = False
        if not isinstance(table, dict):
            self.fail("", N_("phải là một bảng"))

    def fail(self, field: str, template: str, **params: object) -> None:
        self.problems.append(Problem(self.file, self.entry, field, template, params))
        self.bad = True

    def check_unknown(self, known: set[str]) -> None:
        allowed = known | {f"{k}_en" for k in known}
        for key in self.table:
            if key not in allowed:
                self.fail(key, N_("trường không xác định"))

    def _get(self, key: str, kind: type | tuple[type, ...], kind_name: str, required: bool) -> Any:
        if key not in self.table:
            if required:
                self.fail(key, N_("còn thiếu"))
            return None
        value = self.table[key]
        # bool is an int in Python; a true/false where a number is expected is still wrong.
        if not isinstance(value, kind) or (isinstance(value, bool) and kind is int):
            self.fail(key, N_("phải là {kind}, nhưng đang là {found}"), kind=kind_name,
                      found=_type_name(value))
            return None
        return value

    def _check_str(self, key: str, value: str) -> None:
        hidden = _HIDDEN.search(value)
        if not value.strip():
            self.fail(key, N_("đang để trống"))
        elif unicodedata.normalize("NFC", value) != value:
            self.fail(key, N_("chưa ở dạng NFC (dấu tiếng Việt bị tách rời); hãy lưu lại ở dạng "
                              "NFC"))
        elif hidden is not None:
            # A soft hyphen or a zero-width space pasted from a document: not shown, and what
            # two texts that look alike differ by.
            self.fail(key, N_("có ký tự không hiện ra (U+{code:04X}) ở ký tự thứ {at}: hãy xóa "
                              "ký tự đó"), code=ord(hidden[0]), at=hidden.start() + 1)

    def string(self, key: str, required: bool = True) -> str | None:
        value = self._get(key, str, N_("chuỗi"), required)
        if value is not None:
            self._check_str(key, value)
        return value

    def text(self, key: str, required: bool = True) -> Text | None:
        vi = self.string(key, required)
        en = self.string(f"{key}_en", required=False)
        return Text(vi, en) if vi is not None else None

    def strings(self, key: str, required: bool = True) -> tuple[str, ...] | None:
        value = self._get(key, list, N_("danh sách chuỗi"), required)
        if value is None:
            return None
        out = []
        for i, item in enumerate(value):
            if not isinstance(item, str):
                self.fail(f"{key}[{i}]", N_("phải là {kind}, nhưng đang là {found}"),
                          kind=N_("chuỗi"), found=_type_name(item))
                continue
            self._check_str(f"{key}[{i}]", item)
            out.append(item)
        return tuple(out)

    def keywords(self, key: str = "keywords", required: bool = False) -> tuple[str, ...] | None:
        """A list of keywords: strings as `strings` checks them, none twice."""
        value = self.strings(key, required)
        if value is None:
            return None
        seen: set[str] = set()
        for i, item in enumerate(value):
            said = item.strip().lower()
            if said in seen:
                self.fail(f"{key}[{i}]", N_("trùng từ khóa {value}"), value=item)
            seen.add(said)
        return value

    def texts(self, key: str, required: bool = True) -> tuple[Text, ...] | None:
        vi = self.strings(key, required)
        if vi is None:
            return None
        en = self.strings(f"{key}_en", required=False)
        if en is not None and len(en) != len(vi):
            self.fail(f"{key}_en", N_("phải có cùng số mục với {key} ({n})"), key=key, n=len(vi))
            en = None
        return tuple(Text(v, en[i] if en else None) for i, v in enumerate(vi))

    def integer(self, key: str, low: int, high: int, default: int | None = None) -> int | None:
        if default is not None and key not in self.table:
            return default
        value = self._get(key, int, N_("số nguyên"), True)
        if value is not None and not low <= value <= high:
            self.fail(key, N_("phải từ {low} đến {high}, nhưng đang là {value}"), low=low,
                      high=high, value=value)
            return None
        return value

    def boolean(self, key: str, default: bool | None = None) -> bool | None:
        if default is not None and key not in self.table:
            return default
        result: bool | None = self._get(key, bool, N_("true hoặc false"), True)
        return result

    def day(self, key: str) -> date | None:
        value = self._get(key, (date, datetime), N_("ngày (YYYY-MM-DD)"), True)
        if isinstance(value, datetime):
            self.fail(key, N_("phải là ngày, không kèm giờ (YYYY-MM-DD)"))
            return None
        return value

    def instant(self, key: str, tz: ZoneInfo) -> datetime | None:
        value = self._get(key, (datetime, date), N_("ngày giờ (YYYY-MM-DDTHH:MM:SS)"), True)
        if value is None:
            return None
        if not isinstance(value, datetime):
            self.fail(key, N_("phải có cả ngày và giờ (YYYY-MM-DDTHH:MM:SS), nhưng chỉ có ngày"))
            return None
        if value.tzinfo is not None:
            self.fail(key, N_("phải là giờ địa phương, không kèm múi giờ (dùng múi giờ của "
                              "Tuần lễ)"))
            return None
        return value.replace(tzinfo=tz)

    def url(self, key: str, required: bool = True) -> str | None:
        value = self.string(key, required)
        if value is None:
            return None
        parts = urlsplit(value)
        if (
            parts.scheme not in ("http", "https")
            or not parts.netloc
            or "." not in parts.netloc
            or any(c.isspace() for c in value)
        ):
            self.fail(key, N_("không phải địa chỉ http(s) hợp lệ: {value}"), value=value)
            return None
        return value

    def email(self, key: str, required: bool = True) -> str | None:
        value = self.string(key, required)
        if value is not None and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[a-z]{2,}", value):
            self.fail(key, N_("không phải địa chỉ e-mail hợp lệ: {value}"), value=value)
            return None
        return value

    def choice(self, key: str, allowed: tuple[str, ...], default: str | None = None
               ) -> str | None:
        if default is not None and key not in self.table:
            return default
        value = self.string(key)
        if value is not None and value not in allowed:
            self.fail(key, N_("phải là một trong {allowed}; nhưng đang là {value}"),
                      allowed=", ".join(allowed), value=value)
            return None
        return value


# Characters that show as nothing: control characters but the tab and the line break (the
# web console's FAQ entries keep an organizer's), and format characters (soft hyphen,
# zero-width space, bidi marks, a byte order mark) but the zero-width joiner of emoji.
_HIDDEN = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b\u200c"
                     r"\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]")

# Where tomllib's error is: "... (at line 31, column 14)".
_TOML_AT = re.compile(r"\(at line (\d+), column (\d+)\)$")


class _Loader:
    def __init__(self, root: Path, files: Mapping[str, bytes]) -> None:
        self.root = root
        self.files = files  # the bytes of its *.toml files, read once (read_files)
        self.problems: list[Problem] = []
        # Files that could not be read: what they lack is not reported (it is all of them).
        self.unreadable: set[str] = set()
        # Ids of entries written but refused (by [[key]]), and the [[key]]s of unreadable
        # files: a reference to one is not reported again as a reference to nothing.
        self.refused: dict[str, set[str]] = {}
        self.opaque: set[str] = set()

    def missing(self, key: str, value: str, found: Collection[str]) -> bool:
        """Whether `value` names no [[key]] entry at all (not one refused for its own
        problem, nor one in a file that could not be read)."""
        return (value not in found and value not in self.refused.get(key, ())
                and key not in self.opaque)

    def fail(self, file: str, entry: str, field: str, template: str, **params: object) -> None:
        self.problems.append(Problem(file, entry, field, template, params))

    def read(self, name: str) -> dict[str, Any]:
        raw = self.files.get(name)
        if raw is None:
            if name not in OPTIONAL_FILES:
                self.fail(name, "", "", N_("thiếu tệp"))
            return {}
        try:
            # utf-8-sig: Notepad's "UTF-8" starts with a byte order mark no editor shows.
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            self.unreadable.add(name)
            if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
                self.fail(name, "", "", N_("không phải văn bản UTF-8 (có thể do lưu ở dạng "
                                           "UTF-16): hãy lưu lại tệp ở dạng UTF-8"))
            else:  # an old Vietnamese encoding (TCVN3, VNI, Windows-1258)
                self.fail(name, "", "", N_("không phải văn bản UTF-8 (ở dòng {line}): hãy lưu "
                                           "lại tệp ở dạng UTF-8"),
                          line=raw[:exc.start].count(b"\n") + 1)
            return {}
        try:
            return tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            self.unreadable.add(name)
            at = _TOML_AT.search(str(exc))
            if at is None:
                self.fail(name, "", "", N_("không đúng cú pháp TOML ở cuối tệp (thường do thiếu "
                                           "ngoặc kép, dấu = hay dấu ngoặc vuông, hoặc một tên "
                                           "được viết hai lần)"))
            else:
                line = int(at[1])
                shown = text.splitlines()[line - 1].strip() if line <= len(
                    text.splitlines()) else ""
                self.fail(name, "", "", N_("không đúng cú pháp TOML ở dòng {line}, cột {column}: "
                                           "“{text}” (thường do thiếu ngoặc kép, dấu = hay dấu "
                                           "ngoặc vuông, hoặc một tên được viết hai lần)"),
                          line=line, column=int(at[2]), text=shown[:120])
        return {}

    def table(self, file: str, data: dict[str, Any], key: str) -> _Reader:
        if key not in data:
            self.fail(file, f"[{key}]", "", N_("thiếu bảng này"))
        return _Reader(self.problems, file, f"[{key}]", data.get(key, {}))

    def entries(
        self,
        file: str,
        data: dict[str, Any],
        key: str,
        build: Callable[[_Reader], T | None],
        required: bool = True,
    ) -> tuple[T, ...]:
        """Build each [[key]] entry, checking ids are valid and unique."""
        if file in self.unreadable:
            self.opaque.add(key)
        items = data.get(key)
        if items is None:
            if required:
                self.fail(file, "", key, N_("chưa có mục nào: hãy thêm ít nhất một [[{key}]]"),
                          key=key)
            return ()
        if not isinstance(items, list):
            self.fail(file, "", key, N_("phải là danh sách bảng [[{key}]]"), key=key)
            return ()
        seen: set[str] = set()
        out: list[T] = []
        for i, item in enumerate(items):
            raw_id = item.get("id") if isinstance(item, dict) else None
            label = f"{key}[{raw_id}]" if isinstance(raw_id, str) else f"{key} #{i + 1}"
            r = _Reader(self.problems, file, label, item)
            entry_id = r.string("id")
            if entry_id is not None:
                if not ID_RE.match(entry_id):
                    r.fail("id", N_("chỉ dùng chữ thường không dấu, chữ số và dấu '-'"))
                elif entry_id in seen:
                    r.fail("id", N_("trùng mã {id}"), id=entry_id)
                seen.add(entry_id)
            try:
                built = build(r)
            except _Invalid:
                built = None
            if built is not None and not r.bad:
                out.append(built)
            elif isinstance(raw_id, str):
                self.refused.setdefault(key, set()).add(raw_id)
        return tuple(out)

    def top_unknown(self, file: str, data: dict[str, Any], known: set[str]) -> None:
        for key in data:
            if key not in known and key.removesuffix("_en") not in known:
                self.fail(file, "", key, N_("khóa không xác định"))

    def load(self) -> Edition | None:
        files = {name: self.read(name) for name in FILES}
        for extra in sorted(name for name in self.files if name not in FILES):
            self.fail(extra, "", "", N_("tệp không xác định (chỉ dùng: {files})"),
                      files=", ".join(FILES))

        ed = files["edition.toml"]
        self.top_unknown("edition.toml", ed,
                         {"week", "bodies", "report", "contacts", "units", "privacy"})
        w = self.table("edition.toml", ed, "week")
        w.check_unknown(
            {"name", "theme", "start", "end", "opening", "opening_activity", "timezone", "city",
             "source", "summary", "purpose", "requirements"}
        )
        tz_name = w.string("timezone")
        tz = ZoneInfo("Asia/Ho_Chi_Minh")
        if tz_name:
            try:
                tz = ZoneInfo(tz_name)
            except (ZoneInfoNotFoundError, ValueError):
                w.fail("timezone", N_("múi giờ không tồn tại: {value}"), value=tz_name)
        start, end, opening = w.day("start"), w.day("end"), w.day("opening")
        if start and end and end < start:
            w.fail("end", N_("kết thúc ({end}) trước khi bắt đầu ({start})"), end=end,
                   start=start)
        if start and end and opening and not start <= opening <= end:
            w.fail("opening", N_("{value} nằm ngoài Tuần lễ {start}–{end}"), value=opening,
                   start=start, end=end)
        week: dict[str, Any] = {
            "name": w.text("name"), "theme": w.text("theme"), "city": w.string("city"),
            "source": w.text("source"), "summary": w.text("summary"),
            "purpose": w.text("purpose"), "requirements": w.text("requirements"),
            "opening_activity": w.string("opening_activity"),
        }

        def body(r: _Reader) -> Body | None:
            r.check_unknown({"id", "name", "duties"})
            return _build(r, Body, id=r.string("id"), name=r.text("name"), duties=r.text("duties"))

        bodies = self.entries("edition.toml", ed, "bodies", body)
        rp = self.table("edition.toml", ed, "report")
        rp.check_unknown({"deadline", "what", "recipients", "email", "address"})
        report = _build(
            rp, Report, deadline=rp.day("deadline"), what=rp.text("what"),
            recipients=rp.texts("recipients"), email=rp.email("email"),
            address=rp.string("address"),
        )
        if end and report and report.deadline < end:
            rp.fail("deadline", N_("{value} sớm hơn ngày kết thúc Tuần lễ ({end})"),
                    value=report.deadline, end=end)

        def contact(r: _Reader) -> Contact | None:
            r.check_unknown({"id", "name", "phones", "email", "address", "note", "public"})
            phones = r.strings("phones", required=False) or ()
            for i, ph in enumerate(phones):
                if len(re.sub(r"\D", "", ph)) < 8:
                    r.fail(f"phones[{i}]", N_("{value} không giống số điện thoại"), value=ph)
            email = r.email("email", required=False)
            address = r.string("address", required=False)
            if not (phones or email or address):
                r.fail("phones", N_("cần ít nhất một số điện thoại, e-mail hoặc địa chỉ"))
            return _build(
                r, Contact, id=r.string("id"), name=r.text("name"), phones=phones,
                email=email, address=address, note=r.text("note", required=False),
                public=r.boolean("public", default=True),
                _optional={"email", "address", "note"},
            )

        contacts = self.entries("edition.toml", ed, "contacts", contact)
        if contacts and not any(c.public for c in contacts):
            self.fail("edition.toml", "", "contacts",
                      N_("cần ít nhất một đầu mối public = true cho người dân (/lienhe)"))

        def unit(r: _Reader) -> Unit | None:
            r.check_unknown({"id", "kind", "name"})
            return _build(r, Unit, id=r.string("id"), kind=r.choice("kind", UNIT_KINDS),
                          name=r.text("name"))

        units = self.entries("edition.toml", ed, "units", unit)
        units_by_id = {u.id: u for u in units}
        district_names = [u.name.vi for u in units if u.is_district]
        if len(set(district_names)) != len(district_names):
            self.fail("edition.toml", "", "units", N_("hai quận, huyện trùng tên"))
        privacy_law: Text | None = None
        if "privacy" in ed:
            pr = self.table("edition.toml", ed, "privacy")
            pr.check_unknown({"law"})
            privacy_law = pr.text("law")

        act = files["activities.toml"]
        self.top_unknown("activities.toml", act, {"sections", "activities"})

        def section(r: _Reader) -> Section | None:
            r.check_unknown({"id", "title"})
            return _build(r, Section, id=r.string("id"), title=r.text("title"))

        sections = self.entries("activities.toml", act, "sections", section)
        section_ids = tuple(s.id for s in sections)

        def activity(r: _Reader) -> Activity | None:
            r.check_unknown({"id", "section", "title", "summary", "short"})
            return _build(
                r, Activity, id=r.string("id"), section=r.choice("section", section_ids),
                title=r.text("title"), summary=r.text("summary"),
                short=r.text("short", required=False), _optional={"short"},
            )

        activities = self.entries("activities.toml", act, "activities", activity)
        activity_ids = {a.id for a in activities}
        opening_activity = week["opening_activity"]
        if opening_activity is not None and activities and self.missing(
                "activities", opening_activity, activity_ids):
            w.fail("opening_activity", N_("không có hoạt động mã {value} trong activities.toml"),
                   value=opening_activity)

        sch = files["schedule.toml"]
        self.top_unknown("schedule.toml", sch, {"sample", "note", "events"})
        sr = _Reader(self.problems, "schedule.toml", "", sch)
        sample = sr.boolean("sample")
        note = sr.text("note")

        def event(r: _Reader) -> Event | None:
            r.check_unknown(
                {"id", "title", "start", "end", "place", "online_url", "audience",
                 "description", "remind", "activity", "unit", "district", "keywords"}
            )
            ev_start, ev_end = r.instant("start", tz), r.instant("end", tz)
            if ev_start and ev_end and ev_end <= ev_start:
                r.fail("end", N_("kết thúc ({end}) trước khi bắt đầu ({start})"),
                       end=f"{ev_end:%d/%m/%Y %H:%M}", start=f"{ev_start:%d/%m/%Y %H:%M}")
            if start and end:
                for key, value in (("start", ev_start), ("end", ev_end)):
                    if value and not start <= value.date() <= end:
                        r.fail(key, N_("{value} nằm ngoài Tuần lễ {start}–{end}"),
                               value=f"{value:%d/%m/%Y %H:%M}", start=f"{start:%d/%m/%Y}",
                               end=f"{end:%d/%m/%Y}")
            place = r.text("place", required=False)
            online = r.url("online_url", required=False)
            if place is None and online is None and "place" not in r.table:
                r.fail("place", N_("sự kiện cần có place hoặc online_url"))
            link = r.string("activity", required=False)
            if link is not None and self.missing("activities", link, activity_ids):
                r.fail("activity", N_("không có hoạt động mã {value} trong activities.toml"),
                       value=link)
            unit_id = r.string("unit")
            organizer = units_by_id.get(unit_id) if unit_id is not None else None
            if unit_id is not None and self.missing("units", unit_id, units_by_id):
                r.fail("unit", N_("không có đơn vị mã {value} trong [[units]] của edition.toml"),
                       value=unit_id)
            district_id = r.string("district", required=False)
            district = None
            if district_id is not None:
                chosen = units_by_id.get(district_id)
                if chosen is None and not self.missing("units", district_id, units_by_id):
                    pass  # the unit's own problem is reported
                elif chosen is None or not chosen.is_district:
                    r.fail("district", N_("{value} không phải mã một quận, huyện trong [[units]]"
                                          " của edition.toml"), value=district_id)
                elif organizer is not None and organizer.is_district and organizer is not chosen:
                    r.fail("district", N_("sự kiện của {unit} không thể dành cho {value}"),
                           unit=organizer.name.vi, value=chosen.name.vi)
                else:
                    district = chosen.name.vi
            elif organizer is not None and organizer.is_district:
                district = organizer.name.vi  # a quận/huyện's event is for its citizens
            return _build(
                r, Event, id=r.string("id"), title=r.text("title"), start=ev_start, end=ev_end,
                audience=r.text("audience"), description=r.text("description"),
                remind=r.boolean("remind"), place=place, online_url=online, activity=link,
                unit=unit_id, district=district,
                keywords=r.keywords() or (),
                _optional={"place", "online_url", "activity", "district"},
            )

        events = self.entries("schedule.toml", sch, "events", event)

        res = files["resources.toml"]
        self.top_unknown("resources.toml", res, {"note", "categories", "resources"})
        rr = _Reader(self.problems, "resources.toml", "", res)
        res_note = rr.text("note")

        def category(r: _Reader) -> ResourceCategory | None:
            r.check_unknown({"id", "title", "description", "keywords"})
            return _build(
                r, ResourceCategory, id=r.string("id"), title=r.text("title"),
                description=r.text("description"),
                keywords=r.keywords() or (),
            )

        categories = self.entries("resources.toml", res, "categories", category)
        category_ids = {c.id for c in categories}

        def resource(r: _Reader) -> Resource | None:
            r.check_unknown({"id", "category", "title", "url", "provider", "description",
                             "language", "local"})
            cat = r.string("category")
            if cat is not None and self.missing("categories", cat, category_ids):
                r.fail("category", N_("không có nhóm mã {value}"), value=cat)
            return _build(
                r, Resource, id=r.string("id"), category=cat, title=r.text("title"),
                url=r.url("url"), provider=r.string("provider"),
                description=r.text("description"),
                language=r.choice("language", LANGUAGES, default="vi"),
                local=r.boolean("local", default=False),
            )

        resources = self.entries("resources.toml", res, "resources", resource)
        resources_listed = res.get("resources")
        categories_used = {x.get("category") for x in resources_listed if isinstance(x, dict)} \
            if isinstance(resources_listed, list) else set()
        for c in categories:
            if c.id not in categories_used:
                self.fail("resources.toml", f"categories[{c.id}]", "",
                          N_("nhóm chưa có tài nguyên nào"))

        rd = files["reading.toml"]
        self.top_unknown("reading.toml", rd, {"category", "programmes"})
        rdr = _Reader(self.problems, "reading.toml", "", rd)
        reading_category = rdr.string("category", required=False)
        if reading_category is not None and categories and self.missing(
                "categories", reading_category, category_ids):
            rdr.fail("category", N_("không có nhóm mã {value}"), value=reading_category)

        def programme(r: _Reader) -> Programme | None:
            r.check_unknown({"id", "title", "summary", "how_to_join", "short", "url", "keywords"})
            return _build(
                r, Programme, id=r.string("id"), title=r.text("title"),
                summary=r.text("summary"), how_to_join=r.text("how_to_join"),
                short=r.text("short", required=False), url=r.url("url", required=False),
                keywords=r.keywords() or (),
                _optional={"short", "url"},
            )

        programmes = self.entries("reading.toml", rd, "programmes", programme)

        fq = files["faq.toml"]
        self.top_unknown("faq.toml", fq, {"faq"})

        def faq(r: _Reader) -> FaqEntry | None:
            r.check_unknown({"id", "question", "answer", "keywords", "short"})
            keywords = r.keywords(required=True)
            if keywords is not None and not keywords:
                r.fail("keywords", N_("hãy thêm ít nhất một từ khóa người dân có thể gõ"))
            return _build(
                r, FaqEntry, id=r.string("id"), question=r.text("question"),
                answer=r.text("answer"), keywords=keywords,
                short=r.text("short", required=False), _optional={"short"},
            )

        faqs = self.entries("faq.toml", fq, "faq", faq)

        ct = files["contest.toml"]
        self.top_unknown("contest.toml", ct, {"contest"})
        cr = self.table("contest.toml", ct, "contest")
        cr.check_unknown(
            {"name", "opens", "closes", "questions_per_attempt", "seconds_per_question",
             "attempts", "reveal", "who", "how_to_join", "rules", "districts", "prizes"}
        )
        opens, closes = cr.instant("opens", tz), cr.instant("closes", tz)
        if opens and closes and closes <= opens:
            cr.fail("closes", N_("đóng trước khi mở"))
        contest = _build(
            cr, ContestInfo, name=cr.text("name"), opens=opens, closes=closes,
            questions_per_attempt=cr.integer("questions_per_attempt", 1, 100),
            seconds_per_question=cr.integer("seconds_per_question", 5, 600,
                                            default=DEFAULT_SECONDS),
            attempts=cr.integer("attempts", 1, 100), reveal=cr.choice("reveal", ("each", "end")),
            who=cr.text("who"), how_to_join=cr.text("how_to_join"), rules=cr.texts("rules"),
            districts=_contest_districts(cr, tuple(district_names)),
            prizes=cr.texts("prizes", required=False) or (),
        )

        qz = files["quiz.toml"]
        self.top_unknown("quiz.toml", qz, {"topics", "questions"})
        qr = _Reader(self.problems, "quiz.toml", "", qz)
        topics = qr.strings("topics", required="questions" in qz) or ()
        for i, topic in enumerate(topics):
            if not ID_RE.match(topic):
                qr.fail(f"topics[{i}]", N_("chỉ dùng chữ thường không dấu, chữ số và dấu '-'"))
            elif topic in topics[:i]:
                qr.fail(f"topics[{i}]", N_("trùng mã {id}"), id=topic)
        questions = self.entries("quiz.toml", qz, "questions",
                                 lambda r: _question(r, topics), required=False)
        # The checks across questions count the questions written, not only those that
        # passed: one question's mistake is reported once, not again as its group's or the
        # count's.
        listed = qz.get("questions")
        written = [q for q in listed if isinstance(q, dict)] if isinstance(listed, list) else []
        if contest and written and len(written) < contest.questions_per_attempt:
            self.fail("quiz.toml", "", "questions",
                      N_("có {n} câu hỏi, ít hơn questions_per_attempt ({need}) trong "
                         "contest.toml"), n=len(written), need=contest.questions_per_attempt)
        groups: dict[str, list[str]] = {}
        for q in written:
            if isinstance(q.get("exclusive"), str) and isinstance(q.get("id"), str):
                groups.setdefault(q["exclusive"], []).append(q["id"])
        for name, members in groups.items():
            if len(members) == 1:
                self.fail("quiz.toml", f"questions[{members[0]}]", "exclusive",
                          N_("nhóm {group} chỉ có một câu: các câu trùng ý phải cùng một nhóm"),
                          group=name)
        slots = len(groups) + sum(1 for q in written if q.get("exclusive") is None)
        if contest and written and slots < contest.questions_per_attempt:
            self.fail("quiz.toml", "", "exclusive",
                      N_("các nhóm exclusive chỉ để lại {n} câu rút được cho một lượt, ít hơn "
                         "questions_per_attempt ({need})"), n=slots,
                      need=contest.questions_per_attempt)

        lexicon = self.lexicon(files["lexicon.toml"])
        examples = self.examples(files["examples.toml"], {
            "faq": {f.id for f in faqs}, "event": {e.id for e in events},
            "programme": {p.id for p in programmes}, "courses": {c.id for c in categories},
            "smalltalk": set(SMALL_TALK)})
        together = self.together(files["examples.toml"], {e.answer for e in examples})

        if self.problems:
            self.problems = [p for p in self.problems if p.file not in self.unreadable
                             or (not p.entry and not p.field)]
            return None
        assert start and end and opening and report and contest and note and res_note
        return Edition(
            id=self.root.name, start=start, end=end, opening=opening, tz=tz,
            bodies=bodies, report=report, contacts=contacts, sections=sections,
            activities=activities,
            schedule_is_sample=bool(sample), schedule_note=note,
            events=tuple(sorted(events, key=lambda e: (e.start, e.end, e.id))),
            resources_note=res_note, categories=categories, resources=resources,
            programmes=programmes, reading_category=reading_category, faq=faqs,
            contest=contest, questions=questions, topics=topics,
            units=units, privacy_law=privacy_law, lexicon=lexicon, examples=examples,
            together=together, **week,
        )

    def examples(self, data: dict[str, Any], ids: dict[str, set[str]]) -> tuple[Example, ...]:
        """examples.toml: under [examples], each answer ("faq:chi-phi", "contacts",
        "dont_know", ...) with the messages, as citizens wrote them, that must get it."""
        file = "examples.toml"
        self.top_unknown(file, data, {"examples", "together"})
        table = data.get("examples", {})
        if not isinstance(table, dict):
            self.fail(file, "", "examples", N_("phải là bảng [examples]"))
            return ()
        r = _Reader(self.problems, file, "[examples]", table)
        out: list[Example] = []
        seen: dict[str, str] = {}  # a message (folded as compared) -> the answer it is under
        for answer in table:
            kind, _, arg = answer.partition(":")
            if not arg and not example_may_name(answer):
                r.fail(answer, N_("không phải câu trả lời được dùng cho câu mẫu (dùng: {known}, "
                                  "faq:<mã>, event:<mã>, programme:<mã>, courses:<mã>, "
                                  "smalltalk:<loại>); không dùng thao tác như đăng ký, hủy"),
                       known=", ".join(EXAMPLE_ANSWERS))
                continue
            if arg and not example_may_name(answer):
                r.fail(answer, N_("không có loại câu trả lời {kind} (dùng: faq, event, "
                                  "programme, courses, smalltalk)"), kind=kind)
                continue
            if arg and self.missing(_TABLES.get(kind, kind), arg, ids[kind]):
                r.fail(answer, N_("không có {kind} nào mã {id}"), kind=kind, id=arg)
                continue
            texts = r.strings(answer)
            if not texts:
                continue
            for k, text in enumerate(texts):
                said = same_message(text)
                if said in seen:
                    r.fail(f"{answer}[{k}]", N_("“{value}” đã có ở {other}"), value=text,
                           other=seen[said])
                seen.setdefault(said, answer)
            out.append(Example(answer, texts))
        return tuple(out)

    def together(self, data: dict[str, Any],
                 answers: set[str]) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """examples.toml: under [together], an answer of [examples] and the answers of
        [examples] whose messages it answers too (scripts/examples_from_corpus.py learns them
        from the tuned corpus)."""
        file = "examples.toml"
        table = data.get("together", {})
        if not isinstance(table, dict):
            self.fail(file, "", "together", N_("phải là bảng [together]"))
            return ()
        r = _Reader(self.problems, file, "[together]", table)
        out: list[tuple[str, tuple[str, ...]]] = []
        for answer in table:
            also = r.strings(answer)
            if also is None:
                continue
            unknown = [a for a in (answer, *also) if a not in answers or a == "dont_know"]
            if unknown:
                r.fail(answer, N_("không phải câu trả lời có câu mẫu ở [examples]: {value}"),
                       value=", ".join(unknown))
                continue
            out.append((answer, also))
        return tuple(out)

    def lexicon(self, data: dict[str, Any]) -> Lexicon:
        """lexicon.toml: filler and English words, abbreviations, the phrases of each intent."""
        file = "lexicon.toml"
        self.top_unknown(file, data, {"words", "abbreviations", "intents"})
        w = _Reader(self.problems, file, "[words]", data.get("words", {}))
        w.check_unknown({"filler", "english", "other_places", "scam_signs"})
        filler = _phrases(w, "filler", required=False)
        english = _phrases(w, "english", required=False)
        other_places = _phrases(w, "other_places", required=False)
        scam_signs = _phrases(w, "scam_signs", required=False)

        abbreviations: list[Abbreviation] = []
        typed_in: dict[str, str] = {}
        raw = data.get("abbreviations", [])
        if not isinstance(raw, list):
            self.fail(file, "", "abbreviations", N_("phải là danh sách bảng [[{key}]]"),
                      key="abbreviations")
            raw = []
        for i, item in enumerate(raw):
            means = item.get("means") if isinstance(item, dict) else None
            label = (f"abbreviations[{means}]" if isinstance(means, str)
                     else f"abbreviations #{i + 1}")
            r = _Reader(self.problems, file, label, item)
            r.check_unknown({"typed", "means", "shared"})
            meaning = r.string("means")
            typed = _phrases(r, "typed", symbols=True)
            shared = _phrases(r, "shared", required=False) or ()
            if meaning is not None and not _PHRASE_RE.match(meaning):
                r.fail("means", N_("chỉ dùng chữ, chữ số và dấu cách: {value}"), value=meaning)
            for k, form in enumerate(typed or ()):
                if form in typed_in:
                    r.fail(f"typed[{k}]", N_("“{value}” đã có ở {other}"), value=form,
                           other=typed_in[form])
                elif form == meaning:
                    r.fail(f"typed[{k}]", N_("“{value}” giống hệt nghĩa của nó: bỏ đi"),
                           value=form)
                typed_in.setdefault(form, label)
            if not r.bad and meaning is not None and typed:
                abbreviations.append(Abbreviation(typed, meaning, tuple(shared)))

        phrase_in: dict[str, str] = {}
        # A phrase said alone may mean several intents ("đăng ký": the reminders or the
        # contest): listed in the `alone` of each, the bot asks which. Never also a phrase.
        alone_in: dict[str, str] = {}

        def intent(r: _Reader) -> Intent | None:
            r.check_unknown({"id", "phrases", "alone", "marked"})
            intent_id = r.choice("id", INTENTS)
            phrases = _phrases(r, "phrases")
            alone = _phrases(r, "alone", required=False) or ()
            marked = _phrases(r, "marked", required=False) or ()
            for key, listed in (("phrases", phrases or ()), ("marked", marked)):
                for k, phrase in enumerate(listed):
                    if phrase in phrase_in or phrase in alone_in:
                        r.fail(f"{key}[{k}]", N_("“{value}” đã có ở {other}"), value=phrase,
                               other=phrase_in.get(phrase) or alone_in[phrase])
                    phrase_in.setdefault(phrase, r.entry)
            for k, phrase in enumerate(alone):
                if phrase in phrase_in or alone[:k].count(phrase):
                    r.fail(f"alone[{k}]", N_("“{value}” đã có ở {other}"), value=phrase,
                           other=phrase_in.get(phrase) or r.entry)
                alone_in.setdefault(phrase, r.entry)
            return _build(r, Intent, id=intent_id, phrases=phrases, alone=alone, marked=marked)

        intents = self.entries(file, data, "intents", intent)
        return Lexicon(filler=filler or (), english=english or (),
                       other_places=other_places or (), scam_signs=scam_signs or (),
                       abbreviations=tuple(abbreviations), intents=intents)


# The [[table]] of each kind of answer an example names.
_TABLES = {"event": "events", "programme": "programmes", "courses": "categories"}


def _phrases(r: _Reader, key: str, required: bool = True,
             symbols: bool = False) -> tuple[str, ...] | None:
    """A list of words or phrases as people type them: lowercase letters, digits and spaces
    (and, with `symbols`, a single symbol such as an emoji)."""
    values = r.strings(key, required)
    if values is None:
        return None
    if required and not values:
        r.fail(key, N_("hãy thêm ít nhất một từ"))
    for k, value in enumerate(values):
        if value != value.lower():
            r.fail(f"{key}[{k}]", N_("viết thường: {value}"), value=value)
        elif not (_PHRASE_RE.match(value) or (symbols and _SYMBOL_RE.match(value))):
            r.fail(f"{key}[{k}]", N_("chỉ dùng chữ, chữ số và dấu cách: {value}"), value=value)
    return values


def _contest_districts(r: _Reader, districts: tuple[str, ...]) -> tuple[str, ...] | None:
    """The units offered at registration: the edition's quận and huyện unless contest.toml
    lists them (then each must be one of them)."""
    if "districts" not in r.table:
        return districts
    listed = r.strings("districts")
    for i, name in enumerate(listed or ()):
        if name not in districts:
            r.fail(f"districts[{i}]", N_("{value} không phải tên một quận, huyện trong "
                                         "[[units]] của edition.toml"), value=name)
    return listed


def _question(r: _Reader, topics: tuple[str, ...]) -> Question | None:
    r.check_unknown({"id", "topic", "difficulty", "text", "options", "answer", "explanation",
                     "exclusive"})
    options = r.strings("options")
    if options is not None:
        if len(options) != 4:
            r.fail("options", N_("phải có đúng 4 phương án, nhưng có {n}"), n=len(options))
        elif len({" ".join(o.split()).casefold() for o in options}) != 4:
            # As shown: 'Ngày 07/10/2020' and 'ngày  07/10/2020 ' are one option twice.
            r.fail("options", N_("các phương án phải khác nhau"))
    letter = r.choice("answer", tuple(LETTERS))
    return _build(
        r, Question, id=r.string("id"), topic=r.choice("topic", topics),
        difficulty=r.choice("difficulty", DIFFICULTIES), text=r.string("text"),
        options=options, answer=LETTERS.index(letter) if letter else None,
        explanation=r.string("explanation"), exclusive=_group(r),
        _optional={"exclusive"},
    )


def _group(r: _Reader) -> str | None:
    group = r.string("exclusive", required=False)
    if group is not None and not ID_RE.match(group):
        r.fail("exclusive", N_("chỉ dùng chữ thường không dấu, chữ số và dấu '-'"))
    return group


def _build(r: _Reader, cls: Callable[..., T], _optional: frozenset[str] | set[str] = frozenset(),
           **values: Any) -> T | None:
    """Build `cls` unless a required value is missing or the entry already failed."""
    if r.bad or any(v is None for k, v in values.items() if k not in _optional):
        return None
    return cls(**values)


def reading_seconds(question: Question) -> int:
    """Seconds an unhurried reader needs to read `question` and its options and answer."""
    chars = len(question.text) + sum(len(o) for o in question.options)
    return -(-chars // READING_CHARS_PER_SECOND) + READING_DECIDE_SECONDS


def warnings(edition: Edition) -> list[Problem]:
    """What is allowed but should be fixed before the week (`content check` prints them)."""
    out: list[Problem] = []
    if edition.schedule_is_sample:
        out.append(Problem("schedule.toml", "", "sample", N_(
            "đây là lịch mẫu (sample = true): Chatbot không gửi tin nhắc, lịch hằng ngày từ lịch "
            "này và ghi “lịch mẫu” trên mọi câu trả lời về lịch. Thay bằng lịch chính thức rồi "
            "đặt sample = false.")))
    if edition.questions:
        longest = max(edition.questions, key=reading_seconds)
        need = reading_seconds(longest)
        if edition.contest.seconds_per_question < need:
            out.append(Problem("contest.toml", "[contest]", "seconds_per_question", N_(
                "{value} giây ngắn hơn thời gian người lớn tuổi cần để đọc và trả lời câu dài "
                "nhất ({id}: khoảng {need} giây)"), {"value": edition.contest.seconds_per_question,
                                                      "id": longest.id, "need": need}))
    return out


def read_files(path: Path) -> dict[str, bytes]:
    """The bytes of every *.toml file of the edition folder `path`, each read once. What is
    hashed (a cache's key, the memo below) and what is parsed are then the same bytes, whatever
    an organizer saves meanwhile. A file removed while the folder is read counts as missing."""
    files = {}
    for file in sorted(path.glob("*.toml")):
        if file.is_file():
            with contextlib.suppress(FileNotFoundError):
                files[file.name] = file.read_bytes()
    return files


# Editions loaded in this process, by their folder and the bytes of its files: the same files
# give the same (immutable) Edition without parsing them again, and any change (a file edited,
# added or removed) loads it again.
_LOADED: dict[tuple[object, ...], Edition] = {}
_KEEP = 8


def load_edition(path: Path, files: Mapping[str, bytes] | None = None) -> Edition:
    """Load and validate the edition in `path`; raise ContentError listing every problem.
    `files`: its files' bytes as read_files(path) gave them (read here when not given)."""
    if not path.is_dir():
        raise ContentError([Problem(str(path), "", "", N_("không có thư mục nội dung này"))])
    if files is None:
        files = read_files(path)
    state = (str(path.resolve()),
             *((name, hashlib.sha256(data).digest()) for name, data in sorted(files.items())))
    cached = _LOADED.get(state)
    if cached is not None:
        return cached
    loader = _Loader(path, files)
    edition = loader.load()
    if edition is None:
        raise ContentError(loader.problems)
    while len(_LOADED) >= _KEEP:
        del _LOADED[next(iter(_LOADED))]
    _LOADED[state] = edition
    return edition
