"""Map a command, a button or free Vietnamese text (with or without diacritics) to a feature."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from content import Edition
from handlers.text import fold, split_words, tokens

# Command -> feature. Commands are ASCII so every platform can show them.
COMMANDS: dict[str, str] = {
    "start": "start",
    "menu": "menu",
    "chude": "theme",
    "tochuc": "bodies",
    "hoatdong": "activities",
    "lich": "schedule",
    "homnay": "today",
    "sapdienra": "next",
    "sukien": "event",
    "khoahoc": "courses",
    "thuvien": "library",
    "cuocthi": "contest",
    "thi": "contest_take",
    "traloi": "contest_answer",
    "xephang": "leaderboard",
    "ketquathi": "contest_export",
    "loaithi": "contest_void",
    "lienhe": "contacts",
    "hoidap": "faq",
    "trogiup": "help",
    "ngonngu": "language",
    "dangky": "subscribe",
    "huydangky": "unsubscribe",
    "thongbao": "announce",
    "dsthongbao": "announce_list",
    "huythongbao": "announce_cancel",
    "baocao": "report",
    "thongke": "stats",
    "xoadulieu": "privacy",
    "quantri": "console",
}

# Free-text cues, folded (no diacritics). Weight: how strongly the phrase names the feature.
# Multi-word phrases also match written together ("homnay") and with one typo per long word.
CUES: dict[str, list[tuple[str, float]]] = {
    "today": [("hom nay", 3), ("hnay", 3), ("bua nay", 3), ("today", 3)],
    "next": [("sap dien ra", 3.5), ("sap toi", 3), ("tiep theo", 3), ("ke tiep", 3),
             ("sap co", 2.5), ("next", 3), ("upcoming", 3)],
    "schedule": [("lich", 2), ("lich trinh", 2.5), ("su kien", 2), ("chuong trinh", 1.5),
                 ("khi nao", 1.5), ("bao gio", 1.5), ("thoi gian", 1.5), ("may gio", 1.5),
                 ("dien ra", 1.5), ("schedule", 3), ("events", 2.5), ("ngay nao", 1.5)],
    "theme": [("chu de", 3), ("muc dich", 3), ("yeu cau", 2), ("y nghia", 2),
              ("thong diep", 2.5), ("chuyen doi so", 1.5), ("theme", 3), ("purpose", 3)],
    "bodies": [("don vi to chuc", 3.5), ("to chuc thuc hien", 3.5), ("ban chi dao", 3),
               ("ai to chuc", 3.5), ("co quan", 1.5), ("nhiem vu", 2), ("bao cao", 2),
               ("organizer", 3), ("organisers", 3), ("organizers", 3)],
    "activities": [("hoat dong", 3), ("lam gi", 1.5), ("noi dung", 1.5), ("tuyen truyen", 2),
                   ("activities", 3), ("activity", 3)],
    "courses": [("khoa hoc", 3), ("hoc truc tuyen", 3.5), ("truc tuyen", 1.5),
                ("online", 1.5), ("tai nguyen", 2.5), ("hoc lieu", 2.5), ("bai giang", 2.5),
                ("sach dien tu", 3), ("thu vien so", 2), ("ky nang so", 2.5),
                ("internet an toan", 2.5), ("an toan", 1.5), ("mooc", 3), ("course", 3),
                ("courses", 3), ("link", 1.5), ("website", 1.5), ("trang web", 1.5)],
    "library": [("thu vien", 3), ("doc sach", 3), ("van hoa doc", 3.5), ("tu sach", 3),
                ("50k", 3), ("luan chuyen", 2.5), ("khong gian doc", 3), ("sach", 1.5),
                ("library", 3), ("reading", 3), ("books", 2.5)],
    "contest": [("cuoc thi", 3.5), ("du thi", 3), ("thi", 1.5), ("cong dan hoc tap", 2),
                ("cong dan toan cau", 2), ("trac nghiem", 2.5), ("giai thuong", 2),
                ("the le", 2.5), ("quiz", 3), ("contest", 3)],
    "contest_take": [("bat dau thi", 4.5), ("lam bai", 4.5), ("vao thi", 4.5),
                     ("thi ngay", 4.5), ("tham gia thi", 4.5)],
    "leaderboard": [("xep hang", 4), ("bang xep hang", 4.5), ("leaderboard", 4),
                    ("ranking", 4)],
    "contacts": [("lien he", 3), ("so dien thoai", 3.5), ("dien thoai", 3), ("sdt", 3),
                 ("hotline", 3), ("email", 2.5), ("dia chi", 2.5), ("goi ai", 2.5),
                 ("contact", 3), ("phone", 3)],
    "faq": [("hoi dap", 3.5), ("cau hoi thuong gap", 3.5), ("thac mac", 2.5), ("faq", 3)],
    "help": [("tro giup", 3.5), ("huong dan", 2.5), ("giup", 2), ("help", 3),
             ("su dung bot", 3), ("dung the nao", 2)],
    "menu": [("menu", 3), ("danh muc", 2.5), ("chuc nang", 2.5), ("quay lai", 2)],
    "start": [("xin chao", 3), ("chao", 2.5), ("hello", 3), ("hi", 2.5), ("alo", 2.5),
              ("bat dau", 3)],
    "subscribe": [("nhan tin nhac", 4.5), ("dang ky nhan tin", 4.5), ("dang ky nhac", 4.5),
                  ("subscribe", 4)],
    "unsubscribe": [("huy nhan tin", 5), ("thoi nhan tin", 5), ("ngung nhan tin", 5),
                    ("huy dang ky nhan tin", 5.5), ("unsubscribe", 5)],
    "language": [("ngon ngu", 3.5), ("tieng anh", 3.5), ("english", 3.5),
                 ("tieng viet", 3.5), ("language", 3.5)],
}
THRESHOLD = 2.0

_WEEKDAYS = {  # Vietnamese weekday names, folded -> Python weekday()
    "thu hai": 0, "thu 2": 0, "t2": 0, "thu ba": 1, "thu 3": 1, "t3": 1,
    "thu tu": 2, "thu 4": 2, "t4": 2, "thu nam": 3, "thu 5": 3, "t5": 3,
    "thu sau": 4, "thu 6": 4, "t6": 4, "thu bay": 5, "thu 7": 5, "t7": 5,
    "chu nhat": 6, "cn": 6,
}
_DATE = re.compile(r"\b(\d{1,2})\s*[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*(\d{2,4}))?\b")
_DAY_NO = re.compile(r"\b(?:ngay|mung|hom)\s+(\d{1,2})\b")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


@dataclass(frozen=True)
class Route:
    """Where a message goes: a feature and its argument ('' when none)."""

    feature: str
    arg: str = ""


def _distance_at_most_one(a: str, b: str) -> bool:
    """True if a and b differ by at most one edit (insert, delete, substitute, swap)."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        diff = [i for i in range(la) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return (len(diff) == 2 and diff[1] == diff[0] + 1
                and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    if la > lb:
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1:]


def _word_matches(word: str, cue: str) -> bool:
    # Short words are too alike in Vietnamese ("thi"/"thu"): only long ones tolerate a typo.
    return word == cue or (len(cue) >= 4 and len(word) >= 4 and _distance_at_most_one(word, cue))


def _variants(word: str) -> set[str]:
    """The word and its one-deletion forms: two words within one edit share one of these."""
    return {word} | {word[:i] + word[i + 1:] for i in range(len(word))}


class _Phrase:
    """A cue phrase with its precomputed joined form ("hom nay" also matches "homnay")."""

    __slots__ = ("joined", "words")

    def __init__(self, words: list[str]) -> None:
        self.words = words
        self.joined = "".join(words) if len(words) > 1 else ""

    def found(self, matched: list[frozenset[str]]) -> bool:
        """True when the phrase's words follow each other in the input, each matched (with the
        one-typo tolerance), or its joined form matches one input word; `matched` holds, for
        each input word, the cue units it matches."""
        words, n = self.words, len(self.words)
        for i in range(len(matched) - n + 1):
            if all(words[k] in matched[i + k] for k in range(n)):
                return True
        return bool(self.joined) and any(self.joined in m for m in matched)


class _Units:
    """Every cue word and joined phrase, indexed so an input word is compared with few of them.

    A typo is tolerated only between words of four letters or more, and one edit apart means
    sharing the word or one of its one-deletion forms; so only units sharing such a form with
    the input word get the exact comparison (`_word_matches`), which keeps the meaning.
    """

    def __init__(self, units: set[str], joined: frozenset[str] = frozenset()) -> None:
        # A glued phrase ("goiai" for "gọi ai") takes a typo only from a word of five letters
        # or more: "giai" (giải thưởng) is a word of its own, not "gọi ai" missing a letter.
        self._joined = joined
        self._by_variant: dict[str, list[str]] = {}
        for unit in sorted(units):
            for v in _variants(unit) if len(unit) >= 4 else (unit,):
                self._by_variant.setdefault(v, []).append(unit)
        self._cache: dict[str, frozenset[str]] = {}

    def matched(self, word: str) -> frozenset[str]:
        """The units `word` matches, exactly or (both long) with one typo."""
        found = self._cache.get(word)
        if found is None:
            candidates: set[str] = set()
            for v in _variants(word) if len(word) >= 4 else (word,):
                candidates.update(self._by_variant.get(v, ()))
            found = frozenset(u for u in candidates if _word_matches(word, u)
                              and (word == u or len(word) >= 5 or u not in self._joined))
            if len(self._cache) < 4096:  # words people type repeat; a flood of new ones must not
                self._cache[word] = found
        return found


class Router:
    """Routes messages using the fixed cues plus the edition's FAQ keywords."""

    def __init__(self, edition: Edition) -> None:
        self.edition = edition
        self.cues = {f: [(_Phrase(p.split()), w) for p, w in cues] for f, cues in CUES.items()}
        self.faq_cues = [
            (entry.id, [_Phrase(tokens(k)) for k in entry.keywords if tokens(k)])
            for entry in edition.faq
        ]
        self.category_cues = []
        for c in edition.categories:
            titles = (tokens(c.title.vi), tokens(c.title.en or ""))
            significant = [[w for w in t if len(w) > 2 and w not in ("va", "and")][:2]
                           for t in titles]
            self.category_cues.append((c.id, [s for s in significant if s]))
        phrases = [p for cues in self.cues.values() for p, _ in cues]
        phrases += [p for _, cues in self.faq_cues for p in cues]
        units = {w for p in phrases for w in p.words} | {p.joined for p in phrases if p.joined}
        units |= {w for _, titles in self.category_cues for t in titles for w in t}
        self._units = _Units(units, frozenset(p.joined for p in phrases if p.joined))

    def route(self, text: str, today: date) -> Route:
        """Pick the feature for `text` (already cleaned); 'unknown' when nothing fits."""
        if not text:
            return Route("empty")
        if text.startswith("/"):
            return self._command(text)
        folded = fold(text)
        words = split_words(folded)
        if not words:
            return Route("unknown")
        matched = [self._units.matched(w) for w in words]
        seen = frozenset().union(*matched)
        scores: dict[str, float] = {}
        for feature, cues in self.cues.items():
            # A phrase can only be found if its first word or its joined form was matched.
            score = sum(weight for phrase, weight in cues
                        if (phrase.words[0] in seen or phrase.joined in seen)
                        and phrase.found(matched))
            if score:
                scores[feature] = score
        day = _find_day(text, folded, words, self.edition, today)
        if day is not None:
            # A date with no other strong cue means "what happens that day".
            scores["day"] = scores.get("schedule", 0) + 3
            if day != today:
                scores.pop("today", None)
        feature = max(scores, key=lambda f: (scores[f], f == "day"), default="")
        if not feature or scores[feature] < THRESHOLD:
            # No feature named: an FAQ keyword ("miễn phí", "ai được tham gia") may still fit.
            # FAQ keywords overlap the features on purpose, so a feature always wins when named.
            best_faq = self._faq(matched)
            return Route("faq", best_faq) if best_faq else Route("unknown")
        if feature == "day" and day is not None:
            return Route("day", day.isoformat())
        if feature == "courses":
            return Route("courses", self._category(matched))
        return Route(feature)

    def _command(self, text: str) -> Route:
        head, _, arg = text[1:].partition(" ")
        name = fold(head.split("@", 1)[0])  # "/lich@hoctap_bot" in group chats
        feature = COMMANDS.get(name)
        if feature is None:
            return Route("unknown_command", name)
        if feature == "schedule" and arg.strip():
            return Route("day", arg.strip())
        return Route(feature, arg.strip())

    def _faq(self, matched: list[frozenset[str]]) -> str:
        """The FAQ entry whose keywords fit best: longer keywords are more specific."""
        best, best_score = "", 0.0
        for entry_id, cues in self.faq_cues:
            hits = [c for c in cues if c.found(matched)]
            if hits:
                score = max(len(c.words) for c in hits) + 0.5 * (len(hits) - 1)
                if score > best_score:
                    best, best_score = entry_id, score
        return best

    def _category(self, matched: list[frozenset[str]]) -> str:
        for cat_id, titles in self.category_cues:
            for significant in titles:
                if all(any(w in m for m in matched) for w in significant):
                    return cat_id
        return ""


def find_day(text: str, edition: Edition, today: date) -> date | None:
    """A day named in `text`: 03/10, 3-10-2020, 'ngày 3', 'thứ hai', 'ngày mai'."""
    folded = fold(text)
    return _find_day(text, folded, split_words(folded), edition, today)


def _find_day(text: str, raw: str, words: list[str], edition: Edition,
              today: date) -> date | None:
    """find_day, given `text` folded (`raw`) and its words."""
    m = _ISO.match(text.strip())
    if m:
        return _safe_date(int(m[1]), int(m[2]), int(m[3]))
    year = edition.start.year
    m = _DATE.search(raw)
    if m:
        y = int(m[3]) if m[3] else year
        return _safe_date(y + 2000 if y < 100 else y, int(m[2]), int(m[1]))
    padded = f" {' '.join(words)} "
    if " ngay mai " in padded or padded == " mai ":
        return today + timedelta(days=1)
    if " hom qua " in padded:
        return today - timedelta(days=1)
    if " khai mac " in padded:
        return edition.opening
    m = _DAY_NO.search(padded)
    if m:
        wanted = int(m[1])
        for d in edition.days():
            if d.day == wanted:
                return d
        return _safe_date(year, edition.start.month, wanted)
    for name, weekday in _WEEKDAYS.items():
        if f" {name} " in padded:
            for d in edition.days():
                if d.weekday() == weekday:
                    return d
    return None


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def parse_day_arg(arg: str, edition: Edition, today: date) -> date | None:
    """Parse the argument of /lich: ISO, dd/mm[/yyyy], 'homnay', a weekday, 'ngày 3'."""
    if " ".join(tokens(arg)) in ("homnay", "hom nay", "today"):
        return today
    return find_day(arg, edition, today)
