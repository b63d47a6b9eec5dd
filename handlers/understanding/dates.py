"""Days and times as people say them, relative to the clock.

"hôm nay", "sáng/chiều/tối nay", "mai", "ngày kia"/"mốt", "hôm qua", "thứ 2" ... "chủ nhật"
(the next one on or after today; "tuần sau" the one of next week), "mùng 3", "ngày 3/10",
"03/10", "3-10", "cuối tuần", "tuần này", "bây giờ", "8h sáng mai". The lexicon has already
turned "t7" into "thứ 7" and "hnay" into "hôm nay"; the short forms are read here too, for a
day typed after /lich.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Final

from content import Edition
from handlers.understanding.normalise import Token, fold, tokenize

# Part of the day -> (code, first hour, last hour + 1). The code travels in the day route's
# argument ("2020-10-01 toi") and back in /lich commands, so it is ASCII.
PARTS: Final = {"sáng": "sang", "trưa": "trua", "chiều": "chieu", "tối": "toi", "đêm": "toi"}
# (a set: `frozenset & dict.keys()` gives a set, not the frozenset typeshed says, which code
# compiled by mypyc refuses: handlers/understanding/fast.py)
_PART_NAMES: Final = frozenset(PARTS)
HOURS: Final = {"sang": (0, 11), "trua": (11, 13), "chieu": (13, 18), "toi": (18, 24)}
_SHORT_WEEKDAYS: Final = {"t2": 0, "t3": 1, "t4": 2, "t5": 3, "t6": 4, "t7": 5, "cn": 6}
_NUMBER_WORDS = {"hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "bẩy": 7}
# Nouns that "thứ N" counts after ("câu thứ 8", "lần thứ 9", "giải thứ 1"): an ordinal there,
# never a day of the week (folded).
_ORDINAL_NOUNS = frozenset({"cau", "lan", "nguoi", "hang", "giai", "bai", "luot", "buoc", "so",
                            "vi", "trang", "phan", "dong", "muc", "tap", "ky", "khoa", "lop",
                            "con", "chau", "em", "anh", "chi", "nam", "tuan", "ngay", "doi",
                            "nhom", "tiet", "buoi", "dot", "vong"})
# Numbers written as words, for days and months ("mùng hai", "hai tháng mười", "hai mươi mốt").
_UNITS: Final = {"một": 1, **_NUMBER_WORDS, "tám": 8, "chín": 9}
# After "mười"/"mươi": "mười lăm", "hai mươi mốt" ("mười năm" is ten years).
_TAILS: Final = {**{w: v for w, v in _UNITS.items() if w != "năm"}, "mốt": 1, "lăm": 5}
# Words after "ngày"/"hôm" + a number word that make it something else ("ngày ba mẹ cưới").
_NOT_A_DAY: Final = ("mẹ", "má", "người", "lần", "buổi", "ngày", "tuần", "tiếng", "giờ", "tháng",
                     "năm")
# The phones' networks typed as an hour would be ("4g": four o'clock), and the words beside
# them that say a network is meant (folded) (round 30 d: "gói cước 4g nào rẻ", "mạng 5g").
_NETWORKS: Final = frozenset({"3g", "4g", "5g"})
# What one learns through ("học buổi tối qua điện thoại": no "tối qua"), and the words before
# "học" that make it a class or a session held, not the writer learning (round 39).
_MEDIA: Final = ("điện", "đt", "mạng", "internet", "zalo", "zoom", "máy", "app", "ứng", "youtube")
_HELD_LEARNING: Final = ("lớp", "khóa", "khoá", "buổi", "giờ", "lịch", "ca", "bài", "năm", "tiết",
                         "đại", "trường")
_NOT_LEARNING: Final = ("sinh", "phí", "viên", "bổng", "kỳ", "kì", "bạ", "đường", "vấn")
_NETWORK_WORDS = frozenset({"mang", "song", "goi", "cuoc", "sim", "bat", "tat", "data", "wifi",
                            "viettel", "vinaphone", "mobifone", "vina", "mobi", "yeu", "cham",
                            "lag", "thoai", "dt"})
# (folded: after a slipped head, `_mended_heads`; "mù 3 năm", "thư 2 lần")
_NOT_A_DAY_FOLDS: Final = frozenset(fold(w) for w in (*_NOT_A_DAY, "lan", "cai", "con", "nguoi",
                                                       "quyen", "cuon", "phut", "diem", "cau"))
# The words around a fraction that make it a score ("đúng 9/10", "10/10 câu"), not a day.
_SCORE_BEFORE: Final = ("đúng", "được", "đạt", "sai")
_SCORE_AFTER: Final = ("câu", "điểm", "đ")
# Years said relative to this one: "năm nay" is the Week's; the others are not.
_OTHER_YEARS: Final = ("ngoái", "trước", "rồi", "sau", "tới", "kia")
_DMY: Final = re.compile(r"^([0-9]{1,2})[/.-]([0-9]{1,2})(?:[/.-]([0-9]{2,4}))?$")
_ISO: Final = re.compile(r"^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})$")
_HOUR: Final = re.compile(r"^([0-9]{1,2})")
_AFTERNOON_SAID_ALONE: Final = 6  # an hour up to this, said without a part of the day, is p.m.
# A day of the month said in English, "3rd", "21st", "6th" (the lexicon has turned the
# English month into "tháng 10": "oct 3", "3rd october", "the 4th of october").
_ORDINAL: Final = re.compile(r"^([0-9]{1,2})(?:st|nd|rd|th)$")
# An hour said in English, "7pm", "8am" (or "7 pm"): the part of the day it falls in.
_AM_PM: Final = re.compile(r"^([0-9]{1,2})(am|pm)$")
# Minutes typed as one word, "30p", "15ph", "45phut" ("30p nữa": half an hour from now).
_MINUTES: Final = re.compile(r"^[0-9]{1,3}(?:p|ph|phut)$")
# How much, said before a unit of time counted from now ("nửa tiếng nữa", "vài phút nữa"),
# besides a number.
_SOME: Final = ("nửa", "vài", "dăm")
# The units of a time from now: hours and minutes ("1 tiếng nữa": what is on next); days
# ("2 ngày nữa", "3 hôm nữa": that day).
_CLOCK_UNITS: Final = ("tiếng", "giờ", "phút")
_DAY_UNITS: Final = ("ngày", "hôm")


@dataclass(frozen=True)
class DateRef:
    """The day(s) a message names: `days` (kind "days"), the week, now, or an impossible date."""

    kind: str  # days, week, now, invalid; season (the Week's month or year), outside (another)
    days: tuple[date, ...] = ()
    part: str = ""  # a key of HOURS, or ""
    text: str = ""  # the impossible date as typed (kind invalid)
    used: frozenset[int] = frozenset()  # indices of the tokens that said it

    # Pickled (the content cache) and copied by the fields __init__ takes: the class compiled
    # by mypyc (handlers/understanding/fast.py) refuses pickle's setting of a frozen field.
    def __reduce__(self) -> tuple[type[DateRef], tuple[Any, ...]]:
        return DateRef, (self.kind, self.days, self.part, self.text, self.used)


class _NumberWords:
    """Numbers said as words, read as `_Reader.word` reads a word: typed with marks, the word
    itself; typed without, the first word of the table with those letters ("bay": bảy)."""

    def __init__(self, table: dict[str, int]) -> None:
        self._marked = dict(table)
        self._folded: dict[str, int] = {}
        for w, v in table.items():
            self._folded.setdefault(fold(w), v)

    def value(self, token: Token) -> int | None:
        return self._marked.get(token.text) if token.marked else self._folded.get(token.fold)


_UNIT_WORDS: Final = _NumberWords(_UNITS)
_TAIL_WORDS: Final = _NumberWords(_TAILS)
_WEEKDAY_WORDS: Final = _NumberWords(_NUMBER_WORDS)  # ("thú bay": bảy, after a slipped head)


# The reader's own words ("thứ", "tuần", "sau"…: a few dozen literals), folded once: folding
# them again at every call was an eighth of the bot's CPU in a burst of messages. Kept as the
# set of the folds of each group of words asked for together (one set lookup a call).
@functools.lru_cache(maxsize=256)
def _folded(texts: tuple[str, ...]) -> frozenset[str]:
    return frozenset(fold(w) for w in texts)


# The verbs of `_Reader._heard`, folded (a word is one of them only if its fold is).
_HEARING: Final = _folded(("nghe", "đọc", "thấy", "biết"))


class _Reader:
    """Reads date expressions in a token list; `used` collects the tokens read."""

    def __init__(self, tokens: Sequence[Token], today: date, edition: Edition,
                 english: bool = False) -> None:
        self.t = tokens
        self.today = today
        self.edition = edition
        self.english = english  # a message written in English: "10/4" may be month/day
        self.used: set[int] = set()

    def _heard(self) -> dict[int, int]:
        """Clauses that tell how the writer learned of the Week, before a question in a
        clause after them ("hôm qua nghe loa phường nói, mai có gì", "sáng nay tôi đọc báo
        thấy …, vậy hôm nay có gì"): clause -> the verb of hearing or reading. A day said
        before that verb is when the writer heard; the day after it ("nghe nói thứ 7 có hội
        sách") is still one asked."""
        last = self.t[-1].clause if self.t else 0
        out: dict[int, int] = {}
        for i, t in enumerate(self.t):
            if t.fold not in _HEARING:
                continue  # (most words: no verb of hearing or reading asked of them)
            if t.clause < last and t.clause not in out and (
                    self.word(i, "nghe", "đọc", "thấy")
                    or (self.word(i, "biết") and self.word(i + 1, "tin"))):
                out[t.clause] = i
        return out

    def word(self, i: int, *texts: str) -> bool:
        """Token i is one of the words `texts` (marks count where they were typed)."""
        if not 0 <= i < len(self.t):
            return False
        token = self.t[i]
        if token.repaired:  # a typo read as a word ("xang" as "sáng") names no day
            return False
        return token.text in texts if token.marked else token.fold in _folded(texts)

    def _network(self, i: int) -> bool:
        """Token i ("4g", "5G", "3g") names a phone's network, not four or five o'clock: one of
        the networks' names typed as a time, right beside a word of the network ("mạng",
        "sóng", "gói cước", "sim", "bật", …) and with no part of the day after it ("4g chiều")."""
        t = self.t[i]
        return (t.fold in _NETWORKS and not self.word(i + 1, *PARTS)
                and any(0 <= j < len(self.t) and self.t[j].fold in _NETWORK_WORDS
                        for j in (i - 1, i + 1)))

    def number(self, i: int) -> int | None:
        if 0 <= i < len(self.t) and self.t[i].kind == "number" and len(self.t[i].text) <= 4:
            return int(self.t[i].text)
        return None

    def _am_pm(self, i: int) -> tuple[int, int] | None:
        """(hour on the 24-hour clock, tokens read) of "7pm", "8am", "7 pm" at i."""
        if not 0 <= i < len(self.t):
            return None
        m = _AM_PM.match(self.t[i].fold) if self.t[i].kind == "word" else None
        if m:
            hour, pm, length = int(m[1]), m[2] == "pm", 1
        elif self.number(i) is not None and self.word(i + 1, "am", "pm") \
                and not self.t[i + 1].marked:
            hour, pm, length = self.number(i) or 0, self.t[i + 1].fold == "pm", 2
        else:
            return None
        return (hour + 12 if pm and hour < 12 else 0 if not pm and hour == 12 else hour), length

    def ordinal(self, i: int) -> int | None:
        """The day of "3rd", "6th" at i (English), typed as it is."""
        if 0 <= i < len(self.t) and self.t[i].kind == "word" and not self.t[i].repaired \
                and (m := _ORDINAL.match(self.t[i].fold)):
            return int(m[1])
        return None

    def _english_day(self, i: int) -> tuple[int, int | None, int] | None:
        """(day, month or None, next index) of a day said in English, its month read by the
        lexicon ("oct 3" -> "tháng 10 3", "3rd october" -> "3rd tháng 10", "the 4th of
        october", "on the 5th"): the month an English word, not "tháng" typed (a Vietnamese
        "tháng 10 3 sự kiện" is no day)."""
        if self.word(i, "tháng") and self.t[i].expanded and (
                month := self.number_at(i + 1, words=False)) is not None:
            j = i + 1 + month[1]
            day = self.ordinal(j)
            if day is None and self.number(j) is not None and j < len(self.t) \
                    and self.t[j].clause == self.t[i].clause:
                day = self.number(j)
            return None if day is None else (day, month[0], j + 1)
        day = self.ordinal(i)
        if day is None:
            return None
        j = i + 2 if self.word(i + 1, "of") else i + 1
        if self.word(j, "tháng") and self.t[j].expanded and (
                month := self.number_at(j + 1, words=False)) is not None:
            return day, month[0], j + 1 + month[1]
        if self.word(i - 1, "the", "on"):
            return day, None, i + 1  # "on the 3rd": a day of the Week's month
        return None

    def number_at(self, i: int, words: bool = True) -> tuple[int, int] | None:
        """(value, tokens read) of a number at i, in digits or in words ("mười", "hai mươi
        mốt")."""
        n = self.number(i)
        if n is not None:
            return n, 1
        if not words:
            return None
        if self.word(i, "mười"):
            tail = self._unit(i + 1, _TAIL_WORDS)
            return (10 + tail, 2) if tail else (10, 1)
        unit = self._unit(i, _UNIT_WORDS)
        if unit is None:
            return None
        if self.word(i + 1, "mươi"):
            tail = self._unit(i + 2, _TAIL_WORDS)
            return (unit * 10 + tail, 3) if tail else (unit * 10, 2)
        if unit in (2, 3) and self.word(i + 1, "mốt"):
            return unit * 10 + 1, 2
        return unit, 1

    def _unit(self, i: int, words: _NumberWords) -> int | None:
        if not 0 <= i < len(self.t) or self.t[i].repaired:
            return None
        if i and self.t[i].clause != self.t[i - 1].clause:
            return None  # a number never runs across a comma
        return words.value(self.t[i])

    def _from_now(self, i: int) -> tuple[int, int] | None:
        """(days from today, next index) of a time counted from now at i: "1 tiếng nữa",
        "nửa tiếng nữa", "30 phút nữa", "30p nữa", "2 giờ nữa" ("2giờ", read as a time), "vài
        tiếng đồng hồ nữa" (0 days: what is on next); "2 ngày nữa", "ba hôm nữa" (that day).
        Only a number or a word of how much ("nửa", "vài"): "mấy tiếng nữa thì khai mạc" asks
        how long until what it names."""
        t = self.t[i]
        if t.kind == "word" and t.fold not in _FROM_NOW_STARTS and not (
                t.fold[:1].isdigit() and _MINUTES.match(t.fold)):
            return None  # (most words that start a date start none of these: one lookup)
        if t.kind == "time" or (t.kind == "word" and _MINUTES.match(t.fold)):
            j, unit = i + 1, "tiếng"
        else:
            at = self.number_at(i)
            if at is not None:
                value, j = at[0], i + at[1]
            elif self.word(i, *_SOME):
                value, j = 1, i + 1
            else:
                return None
            if self.word(j, *_CLOCK_UNITS):
                unit = "tiếng"
            elif self.word(j, *_DAY_UNITS) and self.number(i) is not None and value <= 31:
                unit = "ngày"
            else:
                return None
            j += 1
        if unit == "tiếng":
            j += 2 if self.word(j, "đồng") and self.word(j + 1, "hồ") else 0
            j += 1 if self.word(j, "rưỡi") else 0
        if not self.word(j, "nữa") or (j < len(self.t) and self.t[j].clause != t.clause):
            return None
        return (0 if unit == "tiếng" else value), j + 1

    def _week_day_said(self, i: int) -> tuple[date, int] | None:
        """(the day, next index) of the Week's N-th day said as such: "ngày thứ ba của tuần
        lễ", "hôm thứ 2 trong tuần học tập", "ngày thứ nhất của tuần lễ" (the lexicon has read
        "thứ ba" as "thứ 3"). Only with the Week named after it: "ngày thứ ba có gì" alone is
        Tuesday, as people say the day (round 33 d)."""
        if not (self.word(i, "ngày", "hôm", "bữa") and self.word(i + 1, "thứ")):
            return None
        at = (1, 1) if self.word(i + 2, "nhất") else self.number_at(i + 2)
        if at is None:
            return None
        j = i + 2 + at[1]
        j += 1 if self.word(j, "của", "trong") else 0
        if not (self.word(j, "tuần") and self.word(j + 1, "lễ", "học", "hưởng")):
            return None
        days = self.edition.days()
        if not 1 <= at[0] <= len(days):
            return None
        # (the Week's name, "tuần lễ", "tuần học tập", says which days are counted: it is
        # the date's too)
        j += 2
        j += 2 if self.word(j - 1, "học") and self.word(j, "tập") else 0
        return days[at[0] - 1], j

    def _part_of_day_named(self, i: int) -> bool:
        """Typed without marks, "chieu", "sang", "toi" before "ngày" (or "hôm", "bữa") and
        the day it names ("chieu ngay cuoi cung", "sang ngay 5/10", "toi ngay khai mac", "sang
        ngay thu 7", "toi ngay mung 3", "chieu hom muoi", "toi ngay mai", and the day after,
        "toi ngay kia", "chieu bua mot") are the part of that day, not "chiếu", "sang" (moved
        to) or "tôi": not after a word that moves a date ("chuyển sang ngày 5")."""
        if not self.word(i + 1, "ngày", "hôm", "bữa") or self.word(
                i - 1, "chuyển", "dời", "lùi", "đổi", "hoãn", "qua"):
            return False
        return bool((i + 2 < len(self.t) and self.t[i + 2].text[:1].isdigit())
                    or self.word(i + 2, "cuối", "đầu", "khai", "bế", "tổng", "mùng", "mồng")
                    or self.weekday_at(i + 2) or self.number_at(i + 2) is not None
                    or (self.word(i + 1, "ngày", "bữa") and self.word(i + 2, "mai", "kia", "mốt"))
                    # ("chieu hom nay", "sang bua nay", "toi hom qua"; not "dem": "chợ đêm
                    # hôm nay có mở không" is the night market; round 38)
                    or (self.word(i + 1, "hôm", "bữa") and self.word(i + 2, "nay", "qua")
                        and not self.word(i, "đêm")))

    def _learned_then(self, i: int) -> bool:
        """Token i, a part of the day with no day after it, is when the writer learns: "học"
        the writer's verb a few words before it in its part ("chỉ học được buổi tối", "tự học
        buổi tối qua điện thoại") or after it with nothing asked between ("buổi tối rảnh muốn
        học thêm", "tối về nhà học online được không", "giờ nghỉ trưa tôi học qua điện
        thoại"): a habit, no day asked (round 39). Not a class or a session held then ("lớp
        học buổi tối", "buổi tối có lớp học nào không"), nor a day said after it ("tối nay",
        "tối qua"; "qua" before a phone or the Internet is the way, not yesterday)."""
        if self.word(i + 1, "nay", "mai") or self.weekday_at(i + 1) or (
                self.word(i + 1, "qua") and not self.word(i + 2, *_MEDIA)):
            return False
        clause = self.t[i].clause
        before = range(max(0, i - 4), i)
        after = range(i + 1, min(len(self.t), i + 7))
        for j in (*before, *after):
            if self.t[j].clause != clause:
                continue
            if self.word(j, "học") and not self.word(j - 1, *_HELD_LEARNING) and not self.word(
                    j + 1, *_NOT_LEARNING) and not (
                    j > i and any(self.word(k, "có", "gì", "nào") for k in range(i + 1, j))):
                return True
        return False

    def weekday_at(self, i: int) -> tuple[int, int] | None:
        """(weekday, tokens read) for 'thứ 7', 'thứ bảy', 'chủ nhật', 't7', 'cn' at i."""
        if 0 <= i < len(self.t) and self.t[i].fold in _SHORT_WEEKDAYS and not self.t[i].marked:
            return _SHORT_WEEKDAYS[self.t[i].fold], 1
        if self.word(i, "chủ") and self.word(i + 1, "nhật"):
            return 6, 2
        if self.word(i, "thứ") or self._short_thu(i):
            n = self.number(i + 1)
            if n is None and i + 1 < len(self.t):
                n = next((v for w, v in _NUMBER_WORDS.items() if self.word(i + 1, w)), None)
            if n is not None and 2 <= n <= 7:
                return n - 2, 2
        return None

    def _short_thu(self, i: int) -> bool:
        """Token i is "t" (read as "tôi" by the lexicon) that stands for "thứ": right before a
        day's number as a word ("t bay co j", "t sau nay co gi"), and with nothing after that
        number but the end or a word that asks about the day ("có", "này", "tới", …), never a
        count ("t hai lần", "t bảy tuổi") (round 37 b)."""
        if not (0 <= i < len(self.t) and self.t[i].expanded and self.t[i].fold == "toi"):
            return False
        if not any(self.word(i + 1, w) for w in _NUMBER_WORDS if w != "năm") and not (
                self.word(i + 1, "năm") and i + 2 >= len(self.t)):
            return False  # ("t nam nay 60 tuoi": tôi năm nay, this year)
        return i + 2 >= len(self.t) or self.word(
            i + 2, "có", "này", "nay", "tới", "sau", "tuần", "sáng", "chiều", "tối", "thì",
            "lịch", "ở", "diễn", "gì", "nào")

    def no_weekday_at(self, i: int) -> str | None:
        """'thứ 8', 'thứ 1', 'thu 9' typed as a day: a day of the week that does not exist (the
        week's days are thứ 2 to thứ 7 and chủ nhật), as typed; None for an ordinal ('câu thứ
        8') or anything else."""
        if not self.word(i, "thứ") or (i > 0 and self.t[i - 1].fold in _ORDINAL_NOUNS):
            return None
        n = self.number(i + 1)
        if n is None or 2 <= n <= 7 or n > 31:
            return None
        return f"{self.t[i].text} {self.t[i + 1].text}"

    def week_shift(self, i: int) -> tuple[int | None, int]:
        """'tuần sau' (+1), 'tuần trước' (-1), 'tuần này'/'này' (the coming day: None) at i:
        (shift, tokens read)."""
        if self.word(i, "tuần"):
            if self.word(i + 1, "sau", "tới"):
                return 1, 2
            if self.word(i + 1, "trước"):
                return -1, 2
            if self.word(i + 1, "này", "nay"):
                return None, 2  # "thứ 3 tuần này": the coming one, as for "thứ 3 này"
        if self.word(i, "này"):
            return None, 1
        if self.word(i, "tới") and not (self.weekday_at(i + 1) or self.number(i + 1) or (
                0 <= i + 1 < len(self.t) and self.t[i + 1].kind == "date")
                or self.word(i + 1, "ngày", "mùng", "mồng", "hết")):
            return None, 1  # "thứ 3 tới": the coming one ("thứ 7 tới chủ nhật" is a span)
        return None, 0

    def _week_at(self, i: int) -> bool:
        """'tuần này', 'tuần sau', 'trong tuần', 'cả tuần' (not 'trong tuần lễ', 'trong tuần
        học tập suốt đời': the Week, by its name said short (round 20 c))."""
        if self.word(i, "tuần") and self.word(i + 1, "này", "nay", "sau", "tới"):
            return True
        return (self.word(i, "trong", "cả") and self.word(i + 1, "tuần")
                and not self.word(i + 2, "lễ")
                and not (self.word(i + 2, "học") and self.word(i + 3, "tập")))

    def _day_number(self, i: int) -> tuple[int, int] | None:
        """(day, next index) for "mùng 3", "mồng hai", "ngày 5", "hôm mười"; a number word
        after "ngày"/"hôm" only where no word makes it something else ("ngày ba mẹ")."""
        if not self.word(i, "mùng", "mồng", "mong", "ngày", "hôm"):
            return None
        mung = self.word(i, "mùng", "mồng", "mong")
        at = self.number_at(i + 1)
        if at is None and self.word(i, "mùng", "mồng") and self.word(i + 1, "lăm") and (
                self.t[i + 1].marked or not self.t[i].expanded):
            # năm said with an l, as in Hải Phòng ("mùng lăm": the 5th), typed so with its
            # marks or after "mung" ("mong lam viec" is no day) (round 33a)
            at = 5, 1
        if at is None or (self.number(i + 1) is None and not mung and (
                self.word(i + 1 + at[1], *_NOT_A_DAY) and not self.word(i + 1 + at[1],
                                                                         "tháng"))):
            return None
        return at[0], i + 1 + at[1]

    def _day_month(self, i: int) -> tuple[int, int, int] | None:
        """(day, month, next index) for "5 tháng 10", "hai tháng mười"."""
        day = self.number_at(i)
        if day is None or not self.word(i + day[1], "tháng"):
            return None
        month = self.number_at(i + day[1] + 1)
        if month is None:
            return None
        return day[0], month[0], i + day[1] + 1 + month[1]

    def _scope_at(self, i: int) -> tuple[bool, int] | None:
        """(the Week's own, next index) for a month or a year named alone: "tháng 10",
        "trong tháng mười", "tháng này", "năm nay"; "năm ngoái", "tháng 11", "năm 2019" are not
        the Week's."""
        j = i + 1 if self.word(i, "trong", "đầu", "giữa", "cuối", "hết") else i
        if self.word(j, "tháng") and (m := self.number_at(j + 1)) is not None:
            if not 1 <= m[0] <= 12:
                return None
            return m[0] == self.edition.start.month, j + 1 + m[1]
        if self.word(j, "tháng") and self.word(j + 1, "này"):
            # "tháng này có tuần lễ không": this month is the Week's when the Week falls in it
            return self.today.month == self.edition.start.month, j + 2
        if j == i and self.word(i, "năm"):
            if self.word(i + 1, "nay"):
                return True, i + 2
            if self.word(i + 1, *_OTHER_YEARS) and not self.word(i + 2, "giờ", "phút"):
                return False, i + 2 + (1 if self.word(i + 2, "nữa") else 0)
            year = self.number(i + 1)
            if year is not None and 1990 <= year <= 2100 and year != self.edition.start.year:
                return False, i + 2
        return None

    def day_of_month(self, n: int, month: int | None, year: int | None) -> date | None:
        """Day n of `month` (the week's month when a day of the week is n, else this month)."""
        if month is None:
            for d in self.edition.days():
                if d.day == n:
                    return d
            month, year = self.today.month, self.today.year
        return _safe_date(year or self.edition.start.year, month, n)

    def score(self, i: int) -> bool:
        """Token i ("9/10") is a score: a fraction no greater than one, after the words that
        tell one ("đúng", "được", "đạt", "sai") or before what it counts ("câu", "điểm")
        (round 23 e: "nếu 2 người cùng đúng 10/10 thì sao")."""
        m = _DMY.match(self.t[i].text)
        if m is None or m[3] or int(m[1]) > int(m[2]) or "/" not in self.t[i].text:
            return False
        return self.word(i - 1, *_SCORE_BEFORE) or self.word(i + 1, *_SCORE_AFTER)

    def explicit(self, text: str) -> date | None:
        m = _ISO.match(text)
        if m:
            return _safe_date(int(m[1]), int(m[2]), int(m[3]))
        m = _DMY.match(text)
        if m is None:
            return None
        year = int(m[3]) if m[3] else self.edition.start.year
        year = year + 2000 if year < 100 else year
        found = _safe_date(year, int(m[2]), int(m[1]))
        if self.english and found not in self.edition.days():
            # written in English, "10/4" is the 4th of October when that is a day of the Week
            # and the 10th of April is not (round 22 c)
            us = _safe_date(year, int(m[1]), int(m[2]))
            if us in self.edition.days():
                return us
        return found

    def read(self) -> DateRef | None:
        days: list[date] = []
        part = ""
        kind = ""
        invalid = ""
        scope = ""
        negated = -1
        retract = False
        i, n = 0, len(self.t)
        heard: dict[int, int] | None = None  # (sought at the first word that may start a date)
        while i < n:
            t = self.t[i]
            if t.kind == "symbol" or (t.kind == "word" and (
                    t.text not in _START_TEXTS if t.marked else t.fold not in _STARTS) and not (
                    t.fold[:1].isdigit() and (_ORDINAL.match(t.fold) or _AM_PM.match(t.fold)
                                              or _MINUTES.match(t.fold)))):
                # most words start no date, nor does a symbol (a comma, "?", a word set aside
                # as "_"): checked once, not branch by branch
                i += 1
                continue
            if heard is None:
                heard = self._heard()
            if heard.get(t.clause, -1) > i:
                i = heard[t.clause]  # when the writer heard of it, not the day asked
                continue
            start = i
            found: list[date] = []
            # (the words of _START_WORDS that token i is, as `word` reads it: each branch below
            # that starts with a word of its own tests it here, in one set, not by a call each)
            heads = _heads(t)
            if t.kind == "date" and self.score(i):
                i += 1  # "đúng 10/10", "được 9/10 điểm": a score, no day
                continue
            if t.kind == "date":
                d = self.explicit(t.text)
                if d is None:
                    invalid = invalid or t.text
                else:
                    found = [d]
                i += 1
            elif t.kind == "time" and self._network(i):
                i += 1  # "gói cước 4g", "mạng 5g": the phone's network, no hour
                continue
            elif (later := self._from_now(i)) is not None:
                # "nửa tiếng nữa có gì", "1 tieng nua co gi": what is on next; "2 ngày nữa":
                # that day (round 33 d)
                ahead, i = later
                if ahead:
                    found = [self.today + timedelta(ahead)]
                else:
                    kind = kind or "now"
            elif t.kind == "time":
                m = _HOUR.match(t.text)
                hour = int(m[1]) if m else 0
                if self.word(i + 1, *PARTS):
                    code = PARTS[next(p for p in PARTS if self.word(i + 1, p))]
                    part = code
                    i += 1
                elif hour < 24:
                    # ("4g", "5h" said alone: four, five in the afternoon, when the Week's
                    # events are held, not before dawn; "tan ca 6h": six in the evening)
                    # (round 28 d)
                    said = hour + 12 if 0 < hour <= _AFTERNOON_SAID_ALONE else hour
                    part = part or next(c for c, (a, b) in HOURS.items() if a <= said < b)
                i += 1
            elif (hour_said := self._am_pm(i)) is not None:
                hour, length = hour_said
                if hour < 24:
                    part = part or next(c for c, (a, b) in HOURS.items() if a <= hour < b)
                i += length
            elif "chào" in heads and self.word(i + 1, "buổi"):
                i += 3  # "chào buổi tối" greets; it names no evening
                continue
            elif "chúc" in heads and not self.word(i - 1, "tổ") and not self.word(
                    i + 1, "năng", "vụ", "trách"):
                # "chúc bạn buổi tối vui vẻ", "chúc mừng 20/10": a wish names no day
                while i < n and self.t[i].clause == t.clause:
                    i += 1
                continue
            elif heads & {"ngay", "liền"} and self.word(i + 1, "bây", "lúc") and self.word(
                    i + 2, "giờ", "này"):
                i += 3  # "thi ngay bây giờ": right away, not the events on now
                continue
            elif heads & {"à", "ờ", "ơ"} and self.word(i + 1, "không", "mà") and days:
                # "thứ 5, à không, thứ 6": the next day said replaces those before
                i += 2
                retract = True
                continue
            elif heads & {"không", "chẳng"} and self.word(i + 1, "phải"):
                # "không phải hôm nay mà ngày mai", "chủ nhật chứ không phải thứ 7": the day
                # said right after is not the one asked
                i += 3 if self.word(i + 2, "là") else 2
                negated = i
                continue
            elif "nhầm" in heads or ("sửa" in heads and self.word(i + 1, "lại")) or (
                    "ý" in heads and (self.word(i + 1, "là") or self.word(i + 2, "là"))):
                # "thứ 6, à nhầm, thứ 7": what was said before is taken back
                days.clear()
                part = invalid = ""
                i += 1
                continue
            elif "đầu" in heads and self.word(i + 1, "tuần") and not (
                    self.word(i + 2, "lễ") or self.word(i - 1, "mở")):
                # (not "mở đầu tuần", "đầu tuần lễ": the Week's opening, not Monday)
                i += 2
                weeks = 1 if self.word(i, "sau", "tới") else 0
                i += 1 if self.word(i, "sau", "tới", "này", "nay") else 0
                found = [_weekday(self.today, 0, weeks)]
            elif heads & {"hôm", "bữa"} and self.word(i + 1, "nay"):
                found, i = [self.today], i + 2
            elif "nay" in heads and i + 1 < n and not self.word(i + 1, "mai") and (
                    i == 0 or self.t[i - 1].clause != t.clause
                    or self.word(i - 1, "ơi", "ad", "admin")
                    or (i >= 2 and self.word(i - 1, "hỏi"))):
                # "nay có gì không bot", "ad ơi nay có hđ gì", "cho hỏi nay có gì": "nay"
                # first in what is asked is today, as northern speech says it (round 38); not
                # "nay mai" (soon), nor after a thing named ("bot nay": this bot), nor "hoi nay"
                # opening a message ("hồi nãy": a while ago)
                found, i = [self.today], i + 1
            elif heads & {"mỗi", "hằng", "hàng", "các"} and self.word(i + 1, *PARTS):
                i += 2  # "mỗi sáng", "hằng tối": every morning, no day
                continue
            elif ((heads & {"suốt", "thâu"} and self.word(i + 1, *PARTS))
                  or (heads & {"cả", "ca"} and self.word(i + 1, "đêm"))
                  # ("công nhân ca chiều", "làm ca sáng": the shift; round 29 a)
                  or ("ca" in heads and self.word(i + 1, *PARTS))) and not (
                    self.word(i + 2, "nay", "mai", "qua") or self.weekday_at(i + 2)):
                # "chơi tiktok cả đêm", "thức suốt tối", "đi làm ca đêm": how long or which
                # shift, no day ("cả tối có gì" may still ask this evening) (round 26 a)
                i += 2
                continue
            elif heads & {*PARTS, "ngày", "hôm"} and self.word(i + 1, "nào") and self.word(
                    i + 2, "cũng"):
                i += 3  # "sáng nào cũng gửi lịch", "tối nào cũng nhắc": every morning, no day
                continue
            elif heads & _PART_NAMES and sum(w.kind == "word" for w in self.t) > 3 and (
                    (self.word(i + 1, "thứ") and self.word(i + 2, "mấy"))
                    or (self.word(i + 1, "ngày", "hôm", "bữa") and self.word(i + 2, "nào")
                        and not self.word(i + 3, "cũng"))):
                # "lớp học sáng thứ mấy", "tối hôm nào có lớp": asks which day of what the
                # message names, names none (alone, "tối thứ mấy" is still this evening's
                # programme asked) (round 34 b)
                i += 3
                continue
            elif heads & _PART_NAMES and self.word(i - 1, "buổi") and self.word(
                    i - 2, "học", "online", "tuyến") and not (
                    self.word(i + 1, "nay", "mai", "qua") or self.weekday_at(i + 1)
                    or self.word(i - 3, "lớp")):
                # "muốn học thêm online buổi tối", "học trực tuyến buổi sáng được không": when
                # the writer would learn, a habit, no day asked (round 37 a); not a class held
                # then ("có lớp học buổi tối không" may ask this evening's)
                i += 1
                continue
            elif heads & _PART_NAMES and self._learned_then(i):
                i += 1  # "chỉ học được buổi tối", "buổi tối rảnh muốn học thêm": a habit
                continue
            elif heads & _PART_NAMES and (t.marked or self.word(i + 1, "nay", "mai", "qua")
                                            or self.weekday_at(i + 1)
                                            or self._part_of_day_named(i)):
                part = PARTS[next(p for p in PARTS if self.word(i, p))]
                i += 1
                if self.word(i, "nay"):
                    found, i = [self.today], i + 1
                elif self.word(i, "mai"):
                    found, i = [self.today + timedelta(1)], i + 1
                elif self.word(i, "qua"):
                    found, i = [self.today - timedelta(1)], i + 1
            elif "ngày" in heads and self.word(i + 1, "mai"):
                found, i = [self.today + timedelta(1)], i + 2
            elif "mai" in heads and not self.word(i - 1, "lê", "thị", "văn"):
                found, i = [self.today + timedelta(1)], i + 1
            elif (heads & {"ngày", "bữa"} and self.word(i + 1, "kia", "mốt")) or (
                    "mốt" in heads and (t.marked or i == 0)):
                step = 2 if self.word(i, "ngày", "bữa") else 1
                found, i = [self.today + timedelta(2)], i + step
            elif heads & {"ngày", "hôm", "bữa"} and (nth := self._week_day_said(i)) is not None:
                found, i = [nth[0]], nth[1]
            elif heads & {"ngày", "hôm", "bữa"} and self.word(
                    i + 1, "cuối", "đầu", "khai", "bế", "tổng") and not (
                    self.word(i + 1, "cuối") and self.word(i + 2, "tuần")
                    and not self.word(i + 3, "lễ")):  # ngày cuối tuần; ngày cuối tuần lễ
                if self.word(i + 1, "khai"):
                    found = [self.edition.opening]
                elif self.word(i + 1, "đầu"):
                    found = [self.edition.start]
                else:
                    found = [self.edition.end]
                i += 2
                if self.word(i, "cùng", "tiên", "mạc", "kết"):
                    i += 1
            elif "hôm" in heads and self.word(i + 1, "qua"):
                found, i = [self.today - timedelta(1)], i + 2
            elif "hôm" in heads and self.word(i + 1, "sau") and not self.word(i + 2, "nữa"):
                # "hôm sau": the day after (typed "sáu" it is the 6th: "hôm sáu")
                found, i = [self.today + timedelta(1)], i + 2
            elif "hôm" in heads and self.word(i + 1, "kia"):
                found, i = [self.today - timedelta(2)], i + 2
            elif (at := self.weekday_at(i)) is not None:
                weekday, length = at
                i += length
                shift, extra = self.week_shift(i)
                i += extra
                found = [_weekday(self.today, weekday, shift)]
            elif (wrong := self.no_weekday_at(i)) is not None:
                invalid, i = invalid or wrong, i + 2
            elif "cuối" in heads and self.word(i + 1, "tuần"):
                i += 2
                weeks = 0
                if self.word(i, "sau", "tới"):
                    weeks, i = 1, i + 1
                elif self.word(i, "trước"):
                    weeks, i = -1, i + 1
                elif self.word(i, "này", "nay"):
                    i += 1
                monday = self.today - timedelta(self.today.weekday()) + timedelta(7 * weeks)
                weekend = [monday + timedelta(5), monday + timedelta(6)]
                found = [d for d in weekend if d >= self.today] if weeks == 0 else weekend
            elif (at := self._day_number(i)) is not None:
                value, i = at
                month, year = None, None
                if self.word(i, "tháng") and (mn := self.number_at(i + 1)) is not None:
                    month, i = mn[0], i + 1 + mn[1]
                    if self.word(i, "năm") and self.number(i + 1):
                        year, i = self.number(i + 1), i + 2
                d = self.day_of_month(value, month, year) if 1 <= value <= 31 else None
                if d is None:
                    label = f"{value}/{month}" if month else str(value)
                    invalid = invalid or label
                else:
                    found = [d]
            elif (dm := self._day_month(i)) is not None:
                value, month, i = dm
                d = _safe_date(self.edition.start.year, month, value)
                if d is None:
                    invalid = invalid or f"{value}/{month}"
                else:
                    found = [d]
            elif (en := self._english_day(i)) is not None:
                value, month, i = en
                d = self.day_of_month(value, month, None) if 1 <= value <= 31 else None
                if d is None:
                    invalid = invalid or (f"{value}/{month}" if month else str(value))
                else:
                    found = [d]
            elif (scope_at := self._scope_at(i)) is not None:
                # "tháng 10", "năm nay": the Week's own month or year; "năm ngoái", "tháng
                # 11": another, answered with when the Week is.
                within, i = scope_at
                scope = "season" if within or scope == "season" else "outside"
                self.used.update(range(start, i))
                continue
            elif self._week_at(i):
                kind, i = kind or "week", i + 2
            elif heads & {"bây", "lúc"} and self.word(i + 1, "giờ", "này"):
                kind, i = kind or "now", i + 2
            else:
                i += 1
                continue
            self.used.update(range(start, i))
            if start == negated:
                continue
            if found and retract:
                days.clear()
                retract = False
            if found and days and self.word(start - 1, "đến", "tới") and found[0] > days[-1]:
                first = days[-1]
                days.extend(first + timedelta(k) for k in range(1, (found[0] - first).days))
            days.extend(found)
        if invalid and not days:
            return DateRef("invalid", text=invalid, used=frozenset(self.used))
        if days:
            return DateRef("days", tuple(sorted(set(days))), part, used=frozenset(self.used))
        if kind:
            return DateRef(kind, used=frozenset(self.used))
        if scope and not part:
            return DateRef(scope, used=frozenset(self.used))
        if part:
            return DateRef("days", (self.today,), part, used=frozenset(self.used))
        return None


# The words a date expression (or a word the reader skips) can start with: as written, for a
# word typed with marks, which `word` reads as typed ("tôi", "ở", "làm", "đâu" start none,
# though "tối", "ờ", "lăm", "đầu" do: a third of the calls of `word` went to them), and
# folded. A branch of `read` that starts with a word of its own lists it here.
_START_WORDS: Final = (
    "chào", "chúc", "ngay", "liền", "không", "chẳng", "nhầm", "sửa", "ý", "đầu", "hôm", "bữa",
    "à", "ờ", "ơ",
    "mỗi", "hằng", "hàng", "các", "ngày", "mai", "mốt", "thứ", "chủ", "cuối", "mùng", "mồng",
    "mong", "trong", "giữa", "hết", "tháng", "năm", "tuần", "cả", "ca", "suốt", "thâu", "bây",
    "lúc", "mười",
    "nay",  # first in what is asked: today (_Reader.read)
    "tôi",  # "t" typed for "thứ" ("t bay co j"): _Reader._short_thu
    *_SOME, *PARTS, *_UNITS, *_TAILS)
_START_TEXTS: Final = frozenset(_START_WORDS)
# The words a time counted from now starts with (folded): a number said as a word, "nửa",
# "vài", "dăm" (`_Reader._from_now`).
_FROM_NOW_STARTS: Final = frozenset(fold(w) for w in (*_SOME, *_UNITS, "mười"))
_STARTS: Final = frozenset(fold(w) for w in _START_WORDS) | frozenset(_SHORT_WEEKDAYS)
# The same words by what a token is, for `_heads`: typed with marks, the word itself; typed
# without, every word of those letters ("hom": hôm; "ca": cả and ca).
_HEADS_TYPED: Final = {w: frozenset({w}) for w in _START_WORDS}
_HEADS_FOLDED: Final[dict[str, frozenset[str]]] = {}
for _w in _START_WORDS:
    _HEADS_FOLDED[fold(_w)] = _HEADS_FOLDED.get(fold(_w), frozenset()) | {_w}
del _w


def _heads(t: Token) -> frozenset[str]:
    """The words of _START_WORDS that `t` is, as `_Reader.word` reads a word (`w in
    _heads(t)` is `word(i, w)` for every w listed there): the first test of each branch of
    `_Reader.read`, one lookup a token instead of a call a branch. (A word not listed there
    starts no branch already: `read` skips it before the branches.)"""
    if t.repaired:
        return frozenset()
    return (_HEADS_TYPED.get(t.text) if t.marked else _HEADS_FOLDED.get(t.fold)) or frozenset()


def _weekday(today: date, weekday: int, shift: int | None) -> date:
    """The day `weekday` (0 Monday): the next one on or after today, or that of the week
    `shift` weeks from this one."""
    if shift is None:
        return today + timedelta((weekday - today.weekday()) % 7)
    return today - timedelta(today.weekday()) + timedelta(7 * shift + weekday)


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


# The words that head a day ("thứ 5", "mùng 3", "hôm nay", "ngày mai") as a phone's keyboard
# lets them slip: the letters of the head (folded) -> the head. "thú 5", "thừ 5" (the vowel's
# shape or tone), "mừng 3", "mù 3" (the final left off), "hôn nay" (the key next to m), "ngáy
# mai". Read as the head only before what that head takes (`_mended_heads`): a weekday's
# number, a day of the month, "nay"/"qua"/"mai"/"kia".
_SLIPPED_HEADS: Final = {"thu": "thứ", "mung": "mùng", "mong": "mồng", "mu": "mùng", "mo": "mồng",
                         "hom": "hôm", "hon": "hôm", "ngay": "ngày"}


def _mended_heads(tokens: Sequence[Token]) -> Sequence[Token]:
    """`tokens` with a day's head typed with a slip (`_SLIPPED_HEADS`) read as that head,
    where what follows is what the head takes and nothing makes it another word: "thú 5 có
    gì", "mù 3 có gì", "hôn nay có gì" (a word typed with marks is otherwise read as typed:
    "thú", an animal, names no day). Not after a noun that "thứ N" counts ("câu thứ 5"), nor
    before a unit ("mù 3 năm": blind three years; "thư 2 lần"). Tokens are replaced, never
    added or removed: the indices of `DateRef.used` stay the message's."""
    out: list[Token] | None = None
    for i, t in enumerate(tokens):
        head = _SLIPPED_HEADS.get(t.fold) if t.kind == "word" else None
        if head is None or t.text == head or (not t.marked and t.fold not in ("mu", "mo", "hon")):
            continue  # (unmarked, the folded head is read as it is already: "thu 5", "mong 3")
        after = tokens[i + 1] if i + 1 < len(tokens) else None
        if after is None or after.clause != t.clause:
            continue
        then = tokens[i + 2].fold if i + 2 < len(tokens) else ""
        if head == "thứ":
            number = (int(after.text) if after.kind == "number" and len(after.text) == 1
                      else _WEEKDAY_WORDS.value(after))
            takes = number is not None and 2 <= number <= 7 and not (
                i > 0 and tokens[i - 1].fold in _ORDINAL_NOUNS)
        elif head in ("mùng", "mồng"):
            takes = after.kind == "number" and len(after.text) <= 2 and 1 <= int(after.text) <= 31
        elif head == "hôm":
            takes = after.text in ("nay", "qua")
        else:  # ngày
            takes = after.text in ("mai", "kia")
        if not takes or (then in _NOT_A_DAY_FOLDS and not (
                then == "tuan" and i + 3 < len(tokens)
                and tokens[i + 3].fold in ("sau", "toi", "nay", "truoc"))):
            continue  # ("thù 2 tuần sau": the week after names which Monday, no two weeks)
        if out is None:
            out = list(tokens)
        out[i] = Token(head, fold(head), t.kind, t.expanded, t.repaired, t.keyed, t.clause)
    return tokens if out is None else out


def find_date(tokens: Sequence[Token], today: date, edition: Edition,
              english: bool = False) -> DateRef | None:
    """The day(s) or time the tokens name, relative to `today`; None when they name none
    (`english`: the message is written in English)."""
    reader = _Reader(_mended_heads(tokens), today, edition, english)
    ref = reader.read()
    if ref is not None and reader.used:
        # The words between two read parts ("thứ 7 và chủ nhật", "từ 3/10 đến 5/10") belong
        # to the date too.
        linked = {i for i in range(min(reader.used), max(reader.used) + 1)
                  if reader.word(i, "và", "với", "đến", "tới", "từ", "hoặc", "hay")}
        # "buổi" before a part of the day read ("có gì vào buổi tối") says that part too.
        linked |= {i - 1 for i in reader.used if reader.word(i, *PARTS)
                   and reader.word(i - 1, "buổi")}
        if linked:
            ref = DateRef(ref.kind, ref.days, ref.part, ref.text, ref.used | linked)
    return ref


@dataclass(frozen=True)
class DayQuery:
    """What /lich's argument asks for: days and a part of the day, or an impossible date."""

    days: tuple[date, ...] = ()
    part: str = ""
    invalid: str = ""  # the impossible date as typed

    # Pickled (the content cache) and copied by the fields __init__ takes: the class compiled
    # by mypyc (handlers/understanding/fast.py) refuses pickle's setting of a frozen field.
    def __reduce__(self) -> tuple[type[DayQuery], tuple[Any, ...]]:
        return DayQuery, (self.days, self.part, self.invalid)


def read_days(arg: str, edition: Edition, today: date) -> DayQuery:
    """Read /lich's argument: ISO dates and a part code (as the router writes them), or what a
    citizen types ("03/10", "thứ 7", "hôm nay", "32/13")."""
    words = arg.split()
    if words and all(_ISO.match(w) for w in words[:-1]) and (
            _ISO.match(words[-1]) or (words[-1] in HOURS and len(words) > 1)):
        part = words[-1] if words[-1] in HOURS else ""
        found = [_safe_date(*map(int, w.split("-"))) for w in words if _ISO.match(w)]
        if all(found):
            return DayQuery(tuple(d for d in found if d), part)
    ref = find_date(tokenize(arg), today, edition)
    if ref is None:
        return DayQuery()
    if ref.kind == "invalid":
        return DayQuery(invalid=ref.text)
    if ref.kind == "days":
        return DayQuery(ref.days, ref.part)
    return DayQuery((today,)) if ref.kind == "now" else DayQuery()


def route_arg(ref: DateRef) -> str:
    """The day route's argument for `ref`: ISO days and the part code, or the invalid text."""
    if ref.kind == "invalid":
        return ref.text
    return " ".join([*(d.isoformat() for d in ref.days), *([ref.part] if ref.part else [])])
