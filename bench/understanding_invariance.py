"""Answers that should not change when a message is said another way: flip rates per variation.

    .venv/bin/python -m bench.understanding_invariance              # the table
    .venv/bin/python -m bench.understanding_invariance --examples 5 # and up to 5 flips each
    .venv/bin/python -m bench.understanding_invariance --only "suffix"  # rows whose name has it

Reads tests/understanding/corpus.txt ONLY (the tuned part; never the held-out file). For every
phrasing the bot answers right, each variation below is applied the way people vary a message
(none is written from a rule of the understanding), and the row counts how often the answer is
then one the line does not expect ("flips": the line is lost), and how many of those flips are
a confident wrong answer (an item: no small talk, "no information" or a clarifying question).
A variation that does not apply to a line (no word to abbreviate, no pronoun) leaves it out.

Some variations are not meaning-preserving for every line ("không ạ" after a thank-you):
prefixes that ask, particles that ask, polite request endings and a place are added to lines
whose answer is no small talk only; Vietnamese words are not added to lines in English, and
marks are not stripped from lines tagged "coll" (there the marks decide the word). The clock
is 01/10/2020 07:30, as in bench.understanding.
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from bench.common import ROOT, machine
from content import default_edition_path, load_edition
from handlers.understanding import Understander
from handlers.understanding.evaluate import Case, answer_key, load_corpus

TODAY = date(2020, 10, 1)
CORPUS = ROOT / "tests" / "understanding" / "corpus.txt"

_END = re.compile(r"[\s?!.…]+$")
_COMMA = re.compile(r",\s+")
_WORD = r"(?<![^\W_]){}(?![^\W_])"


def strip_marks(text: str) -> str:
    """The text typed without diacritics (đ -> d), case kept."""
    d = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return unicodedata.normalize("NFC", "".join(c for c in d if not unicodedata.combining(c)))


def _pick(text: str, options: tuple[str, ...]) -> str:
    return options[zlib.crc32(text.encode()) % len(options)]


def _sub(text: str, word: str, by: str) -> str:
    return re.sub(_WORD.format(re.escape(word)), by, text, flags=re.IGNORECASE)


# Teencode and abbreviations as people type them: the full form (with marks, and as typed
# without marks) and the short forms (one is chosen per line, the same every run).
TEENCODE: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("không", ("ko", "k", "hok")),
    ("được", ("dc", "đc")),
    ("gì", ("j",)),
    ("bao nhiêu", ("bn",)),
    ("số điện thoại", ("sdt", "sđt")),
    ("điện thoại", ("đt", "dt")),
    ("hôm nay", ("hnay",)),
    ("với", ("vs",)),
    ("thế nào", ("ntn",)),
    ("bao giờ", ("bh",)),
    ("bây giờ", ("bjo", "bgio")),
    ("vậy", ("v", "z")),
    ("rồi", ("r",)),
    ("biết", ("bít",)),
    ("đăng ký", ("đk", "dk")),
    ("thứ bảy", ("t7",)),
    ("chủ nhật", ("cn",)),
    ("trước", ("trc",)),
    ("người", ("ng",)),
    ("nhiều", ("nhìu",)),
    ("luôn", ("lun",)),
    ("cảm ơn", ("cám ơn", "tks", "thanks")),
    ("mình", ("mk",)),
    ("facebook", ("fb",)),
    ("hải phòng", ("hp",)),
    ("thành phố", ("tp",)),
)
# The reverse: a short form the line used, written out (with marks when the line has them).
# "bn" is left out: it is "bạn" as often as "bao nhiêu"; "hd" is "hướng dẫn" as often as
# "hoạt động"; "k" is "nghìn" after a number.
EXPAND: tuple[tuple[str, str], ...] = (
    ("ko", "không"), ("k", "không"), ("hok", "không"), ("kh", "không"), ("dc", "được"),
    ("đc", "được"), ("j", "gì"), ("sdt", "số điện thoại"), ("sđt", "số điện thoại"),
    ("đt", "điện thoại"), ("dt", "điện thoại"), ("hnay", "hôm nay"), ("vs", "với"),
    ("ntn", "thế nào"), ("bh", "bao giờ"), ("dk", "đăng ký"), ("đk", "đăng ký"),
    ("t7", "thứ bảy"), ("cn", "chủ nhật"), ("trc", "trước"), ("ng", "người"),
    ("tks", "cảm ơn"), ("mk", "mình"), ("fb", "facebook"), ("hp", "hải phòng"),
    ("tp", "thành phố"), ("ad", "admin"), ("hđ", "hoạt động"),
    ("kq", "kết quả"), ("tt", "thông tin"), ("e", "em"), ("a", "anh"), ("c", "chị"),
    ("t", "tôi"),
)
PREFIXES = ("cho em hỏi", "ad ơi cho hỏi", "bot ơi", "xin hỏi", "cho mình hỏi chút")
# (particle, only for lines whose answer is no small talk)
SUFFIXES = (("ạ", False), ("nhé", False), ("vậy", True), ("thế", True), ("với ạ", True),
            ("không ạ", True), ("?", False), ("??", False), ("!!!", False), ("🙂", False))
PRONOUNS = ("tôi", "mình", "em", "cháu", "tui", "tớ")
LOCATIONS = ("ở hải phòng", "tại hp")


def _like(line: str, words: str) -> str:
    """`words` typed the way `line` is: without marks when the line has none."""
    return strip_marks(words) if line.isascii() else words


def _ends(text: str) -> tuple[str, str]:
    m = _END.search(text)
    return (text[: m.start()], text[m.start():].strip()) if m else (text, "")


def prefix(words: str) -> Callable[[str], str]:
    return lambda t: f"{_like(t, words)} {t[:1].lower()}{t[1:]}"


def suffix(words: str) -> Callable[[str], str]:
    def add(t: str) -> str:
        body, end = _ends(t)
        if strip_marks(body.lower()).endswith(" " + strip_marks(words)):
            return t
        if not words[0].isalpha():
            return f"{body}{words}" if words in ("?", "??", "!!!") else f"{body} {words}"
        if words == "không ạ" and re.search(_WORD.format("(không|ko|k|khong|hok)"), body,
                                            flags=re.IGNORECASE):
            return t
        return f"{body} {_like(t, words)}{end}"
    return add


# Typed without marks these full forms are other words too ("biet": biệt, "nhieu": nhiêu,
# "minh": thông minh), so they are shortened in lines typed with marks only.
_MARKED_ONLY = frozenset({"biết", "nhiều", "mình"})


def teencode(full: str, short: tuple[str, ...]) -> Callable[[str], str]:
    def sub(t: str) -> str:
        by = _like(t, _pick(t, short))
        if not t.isascii():
            return re.sub(r"(?<!thông )" + _WORD.format(re.escape(full)), by, t,
                          flags=re.IGNORECASE)
        return t if full in _MARKED_ONLY else _sub(t, strip_marks(full), by)
    return sub


def teencode_all(t: str) -> str:
    for full, short in TEENCODE:
        t = teencode(full, short)(t)
    return t


def expand(short: str, full: str) -> Callable[[str], str]:
    def sub(t: str) -> str:
        if short in ("k", "t") and re.search(r"[0-9]" + short + r"\b", t):
            return t
        return _sub(t, short, _like(t, full))
    return sub


def expand_all(t: str) -> str:
    for short, full in EXPAND:
        t = expand(short, full)(t)
    return t


def pronoun(to: str) -> Callable[[str], str]:
    """Who writes said another way. Typed without marks "toi" is also tối, tới, "to" tổ,
    "minh" thông minh: there only "em", "tui", "chau" are changed, and never into "toi"."""
    def sub(t: str) -> str:
        if t.isascii():
            if to == "tôi":
                return t
            sources: tuple[str, ...] = ("em", "tui", "chau")
        else:
            sources = PRONOUNS
        for p in sources:
            if p != _like(t, to):
                # not a call ("em ơi": the bot), not "thông minh", not "chúng em" (we)
                t = re.sub(r"(?<!thông )(?<!chúng )(?<!chung )" + _WORD.format(p)
                           + r"(?!\s+(?:ơi|oi)\b)", _like(t, to), t, flags=re.IGNORECASE)
        return t
    return sub


def capitalised(t: str) -> str:
    return t[:1].upper() + t[1:]


# Said after the place, not before: "… ở hải phòng ạ", "… tại hp không".
_CLOSERS = re.compile(r"(?:\s+(?:ạ|a|ah|nhé|nhe|nha|vậy|vay|thế|the|không|khong|ko|k|hok|"
                      r"với|voi))+$", re.IGNORECASE)


def location(words: str) -> Callable[[str], str]:
    def add(t: str) -> str:
        body, end = _ends(t)
        m = _CLOSERS.search(body)
        close = body[m.start():] if m else ""
        body = body[: m.start()] if m else body
        return f"{body} {_like(t, words)}{close}{end}"
    return add


# --- Round 10: more ways people say the same thing -----------------------------------------

_TONES = {"\u0300": "f", "\u0301": "s", "\u0309": "r", "\u0303": "x", "\u0323": "j"}
_TOKEN = re.compile(r"[^\W\d_]+")


def _seed(text: str, salt: str) -> int:
    return zlib.crc32((salt + "|" + text).encode())


def _marked(word: str) -> bool:
    return strip_marks(word) != word


def half_marks(t: str) -> str:
    """Marks kept on a seeded half of the words that have them (half a message typed with
    the phone's Vietnamese input on)."""
    words = [m for m in _TOKEN.finditer(t) if _marked(m.group())]
    if len(words) < 2:
        return t
    order = sorted(range(len(words)), key=lambda i: _seed(t, f"half{i}"))
    drop = set(order[: len(words) // 2])
    out, last = [], 0
    for i, m in enumerate(words):
        out.append(t[last:m.start()])
        out.append(strip_marks(m.group()) if i in drop else m.group())
        last = m.end()
    return "".join(out) + t[last:]


def _one_word(t: str, salt: str, fits: Callable[[str], bool]) -> re.Match[str] | None:
    words = [m for m in _TOKEN.finditer(t) if fits(m.group())]
    return words[_seed(t, salt) % len(words)] if words else None


def _put(t: str, m: re.Match[str], word: str) -> str:
    return t[: m.start()] + word + t[m.end():]


def one_unmarked(t: str) -> str:
    """One word (seeded) typed without its marks."""
    m = _one_word(t, "unmarked", _marked)
    return _put(t, m, strip_marks(m.group())) if m else t


def _tone(word: str) -> str | None:
    for c in unicodedata.normalize("NFD", word):
        if c in _TONES:
            return c
    return None


def one_tone(t: str) -> str:
    """One word (seeded) with the wrong tone mark: a slip of the finger on the tone key."""
    m = _one_word(t, "tone", lambda w: _tone(w) is not None)
    if not m:
        return t
    word = m.group()
    old = _tone(word)
    others = [c for c in _TONES if c != old]
    new = others[_seed(t, "tone-to") % len(others)]
    d = unicodedata.normalize("NFD", word)
    at = d.index(old or "")
    d = d[:at] + d[at + 1:]
    end = at  # the new tone after every mark of its vowel ("ậ" -> "ẩ", not "ả̂")
    while end < len(d) and unicodedata.combining(d[end]):
        end += 1
    return _put(t, m, unicodedata.normalize("NFC", d[:end] + new + d[end:]))


_TELEX_VOWELS = {"â": "aa", "ê": "ee", "ô": "oo", "ă": "aw", "ơ": "ow", "ư": "uw", "đ": "dd"}


def _telex_word(word: str) -> str:
    tone = _tone(word)
    base = unicodedata.normalize("NFD", word)
    base = unicodedata.normalize("NFC", "".join(c for c in base if c not in _TONES))
    out = "".join(_TELEX_VOWELS.get(c.lower(), c) for c in base)
    return out + (_TONES[tone] if tone else "")


def _content(word: str) -> bool:
    return len(strip_marks(word)) >= 4


def typo(kind: str) -> Callable[[str], str]:
    """One typing slip on one content word (4 letters or more, seeded), the classes of round
    7a: two neighbouring letters swapped, a letter doubled, the word keyed in Telex with the
    phone's Vietnamese input off (only words that have marks)."""
    def slip(t: str) -> str:
        fits = (lambda w: _content(w) and _marked(w)) if kind == "telex" else _content
        m = _one_word(t, "typo-" + kind, fits)
        if not m:
            return t
        w = m.group()
        # never the first letter; swapped or doubled letters are ones without marks
        at = [i for i in range(1, len(w) - 1) if w[i].isascii() and w[i + 1].isascii()]
        if kind != "telex" and not at:
            return t
        i = at[_seed(t, "typo-at") % len(at)] if at else 0
        if kind == "swap":
            new = w[:i] + w[i + 1] + w[i] + w[i + 2:]
        elif kind == "double":
            new = w[: i + 1] + w[i] + w[i + 1:]
        else:
            new = _telex_word(w)
        return _put(t, m, new)
    return slip


# Question words said with a synonym (one chosen per line). "như thế nào" before "thế nào".
QUESTION_WORDS: tuple[tuple[str, ...], ...] = (
    ("khi nào", "bao giờ", "lúc nào", "mấy giờ"),
    ("ở chỗ nào", "ở đâu", "ở địa điểm nào"),
    ("như thế nào", "thế nào", "ra sao", "như nào", "ntn"),
    ("bao nhiêu", "mấy"),
)


def question_word(t: str) -> str:
    plain = strip_marks(t.lower())
    for group in QUESTION_WORDS:
        for w in group:
            m = re.search(_WORD.format(re.escape(strip_marks(w))), plain)
            if not m or (w == "mấy" and (t.isascii() or re.match(
                    r"\s*(?:gio|h|hom|ngay|tuoi)\b", plain[m.end():]))) or (
                    w == "mấy giờ" and re.match(r"\s*roi\b", plain[m.end():])):
                # "may" is also máy; "mấy giờ rồi", "mấy hôm nay" ask no time of the Week
                continue
            if w == "thế nào" and plain[: m.start()].endswith("nhu "):
                continue
            others = [o for o in group if o != w]
            return t[: m.start()] + _like(t, _pick(t, tuple(others))) + t[m.end():]
    return t


_YESNO = re.compile(r"(?<![^\W_])(không|khong|ko|k|hok)(?=(?:\s+(?:ạ|a|vậy|vay|nhỉ|nhi))?"
                    r"[\s?!.…]*$)", re.IGNORECASE)
_HAS = re.compile(_WORD.format("(có|co)"), re.IGNORECASE)


def yes_no(by: str) -> Callable[[str], str]:
    """"có … không" asked as "có … chưa" / "có … à" / "có … hả"."""
    def sub(t: str) -> str:
        m = _YESNO.search(t)
        if not m or not _HAS.search(t[: m.start()]):
            return t
        end = t[m.end():]
        if by != "chưa":  # "à", "hả" close the question: no "ạ" after them
            end = re.sub(r"^\s+(?:ạ|a)(?![^\W_])", "", end)
        return t[: m.start()] + _like(t, by) + end
    return sub


def not_yet(t: str) -> str:
    """"đã … chưa" asked as "có … không"."""
    m = re.search(r"(?<![^\W_])(chưa|chua)(?=[\s?!.…]*$)", t, re.IGNORECASE)
    if not m:
        return t
    done = re.search(_WORD.format("(đã|da)"), t[: m.start()], re.IGNORECASE)
    if not done or _HAS.search(t[: m.start()]):
        return t
    t = t[: m.start()] + _like(t, "không") + t[m.end():]
    return t[: done.start()] + _like(t, "có") + t[done.end():]


STORIES = ("em mới biết tin,", "hôm qua nghe loa phường nói,", "con em hỏi mà em không biết,")

# An English word for a Vietnamese one where people mix them (and the reverse).
ENGLISH = (("trực tuyến", "online"), ("miễn phí", "free"), ("đường dẫn", "link"),
           ("sự kiện", "event"), ("kiểm tra", "check"))


def english(vi: str, en: str) -> Callable[[str], str]:
    def sub(t: str) -> str:
        return _sub(t, strip_marks(vi), en) if t.isascii() else _sub(t, vi, en)
    return sub


def vietnamese(en: str, vi: str) -> Callable[[str], str]:
    return lambda t: _sub(t, en, _like(t, vi))


# Where a message is split: before "có" or a question phrase of two words or more (a split
# before "gì", "nào", "đâu" alone falls inside "làm gì", "cơ quan nào", "bắt đầu").
_SPLIT_AT = ("co", *(strip_marks(w) for g in QUESTION_WORDS for w in g if " " in w))


def split(by: str) -> Callable[[str], str]:
    """The message split before its question ("có", a question word) by a comma or a line
    break, when words come before it; a comma already there becomes a line break."""
    def cut(t: str) -> str:
        if by == "\n" and "," in t:
            return _COMMA.sub("\n", t.replace(",", ", ")).replace(" \n", "\n")
        plain = strip_marks(t.lower())
        best = None
        for w in _SPLIT_AT:
            for m in re.finditer(r"(?<=[^\W_]) " + _WORD.format(re.escape(w)), plain):
                if best is None or m.start() < best:
                    best = m.start()
        if best is None or "," in t[:best]:
            return t
        return t[:best] + ("," if by == "," else "") + ("\n" if by == "\n" else " ") + \
            t[best + 1:]
    return cut


# --- Round 13 (c): chat habits of people typing to a city bot on Zalo or Telegram ----------

# Polite framings said before the question (only before lines that ask for something).
R13_PREFIXES = ("dạ cho em hỏi là", "anh chị ơi cho em hỏi với,", "em chào ad ạ,",
                "ad ơi,", "cho hỏi chút ạ,", "làm ơn cho tôi hỏi", "xin phép cho em hỏi",
                "ủa", "ơ thế", "alo ad", "cho e hỏi tí", "ad ơi cho mình hỏi xíu")
# A thank-you said in the same message, after the question.
R13_THANKS = ("cảm ơn ad nhiều", "em cảm ơn ạ", "thanks ad", "tks ạ", "cám ơn nhé")
# Smileys and sounds typed as text: at the end, or after the first word.
R13_SMILEYS = (":))", "=))", "^^", ":D", "hihi", "hic", "huhu", ":(", "<3", "kkk")
# Closing particles and how they are typed in chat.
R13_CLOSERS = (("ạ ạ", False), ("với ạ", True), ("ko vậy ad", True), ("hả ad", True),
               ("thế ạ", True), ("nhá", False), ("nha", False), ("ak", True), ("ah", True),
               ("dzậy", True), ("zậy", True), ("ad ơi", False), ("nhỉ", True),
               ("?? ??", False), ("???", False), ("?!", False), ("...", False))
# "không" as it is typed in chat (southern and young people's spellings).
R13_KHONG = ("hông", "hem", "hổng", "khum", "hong", "khong", "k0", "kg")
# The weekday typed short: "thứ sáu" -> "t6", "thứ 6".
R13_DAYS = (("thứ hai", ("t2", "thứ 2")), ("thứ ba", ("t3", "thứ 3")),
            ("thứ tư", ("t4", "thứ 4")), ("thứ năm", ("t5", "thứ 5")),
            ("thứ sáu", ("t6", "thứ 6")), ("thứ bảy", ("thứ 7",)))


def r13_smiley(sign: str, where: str) -> Callable[[str], str]:
    """A smiley or a laugh at the end, or after the first part (at its comma: people put one
    between parts, not inside a word)."""
    def add(t: str) -> str:
        body, end = _ends(t)
        if where == "end":
            return f"{body} {sign}"
        if "," not in body:
            return t
        at = body.index(",")
        return f"{body[:at]} {sign}{body[at:]}{end}"
    return add


def r13_closer(words: str) -> Callable[[str], str]:
    def add(t: str) -> str:
        body = _ends(t)[0]
        if not words[0].isalpha():
            return f"{body}{words}"
        if words.startswith("ko ") and re.search(_WORD.format("(không|ko|k|khong|hok)"),
                                                 body, flags=re.IGNORECASE):
            return t
        return f"{body} {_like(t, words)}"
    return add


def r13_khong(by: str) -> Callable[[str], str]:
    def sub(t: str) -> str:
        if t.isascii() and not by.isascii():
            return t
        return re.sub(_WORD.format("(không|ko|khong|k|hok)"), by, t, flags=re.IGNORECASE)
    return sub


def r13_day(full: str, short: tuple[str, ...]) -> Callable[[str], str]:
    def sub(t: str) -> str:
        by = _like(t, _pick(t, short))
        return _sub(t, strip_marks(full) if t.isascii() else full, by)
    return sub


def r13_lengthen(t: str) -> str:
    """The last word's last letter held ("nhaaaa", "điii", "ạaaa"): a vowel typed 4 times."""
    body, end = _ends(t)
    m = list(_TOKEN.finditer(body))
    if not m:
        return t
    w = m[-1]
    if strip_marks(w.group()[-1].lower()) not in "aeiouy":
        return t
    return body[: w.end()] + w.group()[-1] * 3 + body[w.end():] + end


def r13_ln(t: str) -> str:
    """One word starting with l typed with n (the Hải Phòng l/n: "nàm sao", "núc nào")."""
    m = _one_word(t, "ln", lambda w: w[:1] == "l" and len(w) >= 2 and not w.isascii() and
                  w[1:2] not in "h")
    return _put(t, m, "n" + m.group()[1:]) if m else t


def r13_twice(t: str) -> str:
    """The question sent twice in one message (a retry: "… ạ? … ạ")."""
    body, _end = _ends(t)
    return f"{body}? {body}"


def r13_ad(t: str) -> str:
    """The bot called "ad" at the end of the question ("… vậy ad")."""
    body, end = _ends(t)
    return f"{body} ad{end}"


def r13_variations() -> list[Variation]:
    # said around a question: only lines the bot answers with an item ("ad ơi, mấy giờ rồi"
    # may well be a call, "bão à, cảm ơn" a thank-you)
    out = [Variation(f"r13 prefix: {p}", prefix(p), True, True, True) for p in R13_PREFIXES]
    out += [Variation(f"r13 thanks after: {s}",
                      lambda t, s=s: f"{_ends(t)[0]}, {_like(t, s)}", True, True, True)
            for s in R13_THANKS]
    out += [Variation("r13 thanks after, no comma",
                      lambda t: f"{_ends(t)[0]} {_like(t, _pick(t, R13_THANKS))}", True, True,
                      True)]
    out += [Variation(f"r13 smiley end: {s}", r13_smiley(s, "end"), False, s.isalpha())
            for s in R13_SMILEYS]
    out += [Variation(f"r13 smiley inside: {s}", r13_smiley(s, "in"), False, s.isalpha())
            for s in R13_SMILEYS[::2]]
    out += [Variation(f"r13 closer: {w}", r13_closer(w), items, w[0].isalpha(), items)
            for w, items in R13_CLOSERS]
    out += [Variation(f"r13 không -> {b}", r13_khong(b), False, True) for b in R13_KHONG]
    out += [Variation(f"r13 day: {f} -> {'/'.join(s)}", r13_day(f, s)) for f, s in R13_DAYS]
    out += [Variation("r13 last letter held", r13_lengthen),
            Variation("r13 l typed n", r13_ln, False, True),
            Variation("r13 asked twice", r13_twice, True, False, True),
            Variation("r13 ad at the end", r13_ad, True, True, True)]
    return out


@dataclass(frozen=True)
class Variation:
    name: str
    apply: Callable[[str], str]
    items_only: bool = False  # only lines whose answer is no small talk
    vietnamese: bool = False  # Vietnamese words added: not to lines written in English
    answered: bool = False  # only lines answered with an item (not "no information", a call)


def variations() -> list[Variation]:
    out = [Variation("no diacritics", strip_marks),  # lines where marks decide: left out
           Variation("teencode: all at once", teencode_all)]
    out += [Variation(f"teencode: {full} -> {'/'.join(short)}", teencode(full, short))
            for full, short in TEENCODE]
    out.append(Variation("expand: all at once", expand_all))
    out += [Variation(f"expand: {short} -> {full}", expand(short, full)) for short, full in EXPAND]
    # "bot ơi" calls and fits any line; the others ask, so not before a thank-you
    out += [Variation(f"prefix: {p}", prefix(p), p != "bot ơi", True) for p in PREFIXES]
    out += [Variation(f"suffix: {s}", suffix(s), items, s[0].isalpha())
            for s, items in SUFFIXES]
    out += [Variation(f"pronoun: -> {p}", pronoun(p), False, True) for p in PRONOUNS[:5]]
    out += [Variation("ALL CAPS", str.upper), Variation("Capitalised", capitalised),
            Variation("doubled spaces", lambda t: t.replace(" ", "  ")),
            Variation("no space after comma", lambda t: _COMMA.sub(",", t))]
    out += [Variation(f"location: {w}", location(w), True, True) for w in LOCATIONS]
    if not NEW:
        return out
    # round 10
    out += [Variation("r10 marks on half the words", half_marks),
            Variation("r10 one word without marks", one_unmarked),
            Variation("r10 one word wrong tone", one_tone)]
    out += [Variation(f"r10 typo: {k}", typo(k)) for k in ("swap", "double", "telex")]
    out.append(Variation("r10 question word synonym", question_word, True, True))
    out += [Variation(f"r10 có … không -> {b}", yes_no(b), True, True)
            for b in ("chưa", "à", "hả")]
    out.append(Variation("r10 đã … chưa -> có … không", not_yet, True, True))
    out += [Variation(f"r10 story: {s[:-1]}", lambda t, s=s: f"{_like(t, s)} {t}", True, True)
            for s in STORIES]
    out += [Variation(f"r10 english: {vi} -> {en}", english(vi, en), False, True)
            for vi, en in ENGLISH]
    out += [Variation(f"r10 vietnamese: {en} -> {vi}", vietnamese(en, vi), False, True)
            for vi, en in ENGLISH]
    out += [Variation("r10 split: comma", split(",")), Variation("r10 split: line break",
                                                                  split("\n"))]
    out += r13_variations()
    out.append(Variation("r24 i/y spelling (kỳ/kì, lý/lí, tỷ/tỉ)", i_y))
    # (marks are not changed on lines tagged "coll": `run` leaves them out of these rows)
    out += [Variation(f"r29 shape: {k}", shape_slip(k)) for k in R29_SHAPES]
    return out


# --- Round 29 (c): typing slips that change a word's shape --------------------------------

# The vowel marks a phone's keyboard leaves out when the key is not held or pressed twice
# (the tone typed: "dươc" -> "dưoc", "lễ" -> "lẽ" not here: the tone is `one_tone`'s).
_SHAPES = {"ư": "u", "ơ": "o", "â": "a", "ê": "e", "ô": "o", "ă": "a", "đ": "d"}
# Keys next to each other on a phone's QWERTY keyboard (letters of the same row).
_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_NEXT = {c: "".join(r[j] for j in (i - 1, i + 1) if 0 <= j < len(r))
         for r in _ROWS for i, c in enumerate(r)}
_FINAL = re.compile(r"(?:ch|ng|nh|[cmnpt])$")


def _shape(word: str) -> str | None:
    """The word with one vowel mark left out (its tone kept), None when it has none."""
    d = unicodedata.normalize("NFD", word)
    marks = [i for i, c in enumerate(d) if c in "\u0302\u0306\u031b"]
    if not marks and "đ" not in word:
        return None
    if "đ" in word and (not marks or _seed(word, "shape") % 2):
        return word.replace("đ", "d", 1)
    i = marks[_seed(word, "shape") % len(marks)]
    return unicodedata.normalize("NFC", d[:i] + d[i + 1:])


def shape_slip(kind: str) -> Callable[[str], str]:
    """One slip that changes one content word's shape (seeded; 3 letters or more): a vowel
    mark left out, its final consonant left out, a letter inside left out, a key next to the
    one meant, the tone on the other vowel of a cluster ("họat", "tùân"), two words typed as
    one, a word typed in two pieces."""
    def slip(t: str) -> str:
        if kind == "joined":
            gaps = list(re.finditer(r"(?<=[^\W\d_]) (?=[^\W\d_])", t))
            if not gaps:
                return t
            m = gaps[_seed(t, "joined") % len(gaps)]
            return t[:m.start()] + t[m.end():]
        m = _one_word(t, "shape-" + kind, lambda w: len(strip_marks(w)) >= 3 and (
            kind != "vowel" or _shape(w) is not None) and (
            kind != "tone" or (_tone(w) is not None and len(re.findall(
                "[aeiouy]", strip_marks(w).lower())) >= 2)))
        if not m:
            return t
        w = m.group()
        new: str | None = None
        if kind == "vowel":
            new = _shape(w)
        elif kind == "final":
            f = _FINAL.search(strip_marks(w).lower())
            new = w[:f.start()] if f and f.start() > 1 else None
        elif kind == "dropped":
            at = [i for i in range(1, len(w) - 1) if w[i].isascii()]
            if at:
                i = at[_seed(t, "dropped") % len(at)]
                new = w[:i] + w[i + 1:]
        elif kind == "key":
            at = [i for i in range(1, len(w)) if w[i].lower() in _NEXT]
            if at:
                i = at[_seed(t, "key") % len(at)]
                keys = _NEXT[w[i].lower()]
                new = w[:i] + keys[_seed(t, "key-to") % len(keys)] + w[i + 1:]
        elif kind == "tone":
            d = unicodedata.normalize("NFD", w)
            tone = next((c for c in d if c in _TONES), None)
            if tone is not None:
                plain = d.replace(tone, "")
                vowels = [i for i, c in enumerate(plain) if c.lower() in "aeiouy"]
                at = d.index(tone) - 1
                while at >= 0 and unicodedata.combining(d[at]):
                    at -= 1
                base_at = len([c for c in d[:at] if c != tone])
                others = [i for i in vowels if i != base_at]
                if others:
                    i = others[_seed(t, "tone-at") % len(others)]
                    end = i + 1
                    while end < len(plain) and unicodedata.combining(plain[end]):
                        end += 1
                    new = unicodedata.normalize("NFC", plain[:end] + tone + plain[end:])
        elif kind == "split" and len(w) >= 4:
            i = 2 + _seed(t, "split") % (len(w) - 3)
            new = w[:i] + " " + w[i:]
        return t if new is None or new == w else _put(t, m, new)
    return slip


R29_SHAPES = ("vowel", "final", "dropped", "key", "tone", "joined", "split")


# A syllable of k, l, m, s, t or qu and i or y, with a tone: spelt both ways ("kỳ thi"/"kì
# thi", "lý do"/"lí do", "tỷ giá"/"tỉ giá", "quý"/"quí", "Mỹ"/"Mĩ", "sĩ"/"sỹ"), the old spelling
# beside the new. (Not after other consonants: "vì", "hì hì", "đơn vị" have one spelling.)
_I_Y = re.compile(r"(?<![^\W_])(qu|[klmst])([íìỉĩịýỳỷỹỵ])(?![^\W_])", re.IGNORECASE)
_I_TO_Y = dict(zip("íìỉĩịýỳỷỹỵÍÌỈĨỊÝỲỶỸỴ", "ýỳỷỹỵíìỉĩịÝỲỶỸỴÍÌỈĨỊ", strict=True))


def i_y(t: str) -> str:
    """Every toned syllable of a consonant and i/y in the other spelling."""
    return _I_Y.sub(lambda m: m.group(1) + _I_TO_Y[m.group(2)], t)


NEW = True


@dataclass
class Row:
    lines: int = 0
    flips: list[tuple[Case, str, str, str]] = field(default_factory=list)
    confident: int = 0


def _expected(c: Case) -> tuple[str, ...]:
    return tuple("day:" + TODAY.isoformat() if e == "today" else e for e in c.expected)


def _item(key: str) -> bool:
    return key not in ("dont_know", "clarify", "ask") and not key.startswith("smalltalk:")


def run(only: str | None) -> tuple[int, dict[str, Row]]:
    edition = load_edition(default_edition_path("2020"))
    u = Understander(edition)
    cases = load_corpus(CORPUS)
    right = []
    for c in cases:
        got = answer_key(u.understand(c.text, TODAY), TODAY)
        if got in _expected(c):
            right.append((c, got))
    rows: dict[str, Row] = {}
    for v in variations():
        if only and only not in v.name:
            continue
        row = rows.setdefault(v.name, Row())
        for c, got in right:
            if (v.items_only and got.startswith("smalltalk:")) or (
                    v.answered and not _item(got)) or (
                    v.vietnamese and "en" in c.tags) or (
                    v.name in ("no diacritics", "r29 shape: vowel", "r29 shape: tone")
                    and "coll" in c.tags):
                continue
            text = v.apply(c.text)
            if text == c.text:
                continue
            row.lines += 1
            now = answer_key(u.understand(text, TODAY), TODAY)
            if now not in _expected(c):
                row.flips.append((c, text, got, now))
                row.confident += _item(now)
    return len(right), rows


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--examples", type=int, default=0, help="flips shown per variation")
    p.add_argument("--only", help="only the variations whose name holds this")
    args = p.parse_args(argv)
    right, rows = run(args.only)
    print(machine())
    print(f"corpus.txt: {right} phrasings answered right; each variation applied to them")
    print(f"{'variation':<36}{'lines':>7}{'flips':>7}{'rate':>8}{'conf.wrong':>11}")
    total = flips = 0
    for name, row in rows.items():
        rate = len(row.flips) / row.lines if row.lines else 0.0
        print(f"{name:<36}{row.lines:>7}{len(row.flips):>7}{rate:>8.1%}{row.confident:>11}")
        total += row.lines
        flips += len(row.flips)
    print(f"{'all variations':<36}{total:>7}{flips:>7}{flips / max(1, total):>8.1%}")
    if args.examples:
        for name, row in rows.items():
            if row.flips:
                print(f"\n{name}:")
                for c, text, got, now in row.flips[: args.examples]:
                    print(f"  {c.line}: {text!r} -> {now} (was {got})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
