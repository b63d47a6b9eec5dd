"""Vietnamese text helpers: normalisation, tone-free folding and clean splitting."""

from __future__ import annotations

import re
import unicodedata

# Control characters except tab and newline; also zero-width and bidi marks, and lone
# surrogates (bytes that were not UTF-8, read with surrogateescape, or a JSON "\udc00"):
# no database can store them, and they stand for no letter.
# The zero-width joiner is kept where it joins two emoji into one ("👩‍🏫" is a teacher,
# "👩🏫" a woman and a school): before it an emoji, its variation selector or skin tone; after
# it an emoji. The emoji blocks, roughly (Unicode's Extended_Pictographic is not in Python).
_EMOJI = ("\u00a9\u00ae\u203c\u2049\u2122\u2139\u2194-\u21aa\u231a-\u23ff\u24c2"
          "\u25aa-\u27bf\u2934\u2935\u2b05-\u2b55\u3030\u303d\u3297\u3299"
          "\U0001f000-\U0001faff")
_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u180e\u200b\u200c\u200e\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ud800-\udfff]"
    f"|(?<![{_EMOJI}\ufe0f])\u200d|\u200d(?![{_EMOJI}])"
)
# Characters that show as blank space but are not white space to Python: the Hangul fillers
# (letters to `str.isalpha`) and the empty braille pattern. Typed to look blank ("ㅤㅤ ㅤㅤ" as
# a name on the leaderboard, an announcement of nothing), they are read as spaces.
_BLANK = str.maketrans(dict.fromkeys("\u115f\u1160\u3164\uffa0\u2800", " "))
_WORD = re.compile(r"[0-9a-z]+")
_LETTER = re.compile(r"[^\W\d_]")
MAX_INPUT = 4096


def storable(text: str) -> str:
    """NFC without control characters (tab and newline stay), blank-looking characters as
    spaces: what a database can store and what matching expects, at any length."""
    return _CONTROL.sub("", unicodedata.normalize("NFC", text)).translate(_BLANK)


def clean(text: str) -> str:
    """NFC, no control characters, at most MAX_INPUT characters, trimmed."""
    return storable(text)[:MAX_INPUT].strip()


# A phone number (Vietnamese or international, spaced or dotted) or an e-mail address.
_PHONE = re.compile(r"(?<![\w+])(?:\+\d{2}|0)(?:[\s.\-]?\d){8,11}(?!\d)")
_EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")


def mask_contacts(text: str) -> str:
    """`text` with phone numbers and e-mail addresses replaced by what they are: what a citizen
    typed and did not choose to send is kept for the organizers without them."""
    text = _EMAIL.sub("[email]", text)
    return _PHONE.sub("[số điện thoại]", text)


def fold(text: str) -> str:
    """Lowercase, strip tone and vowel marks, map đ to d: 'Lịch hôm nay' -> 'lich hom nay'."""
    text = unicodedata.normalize("NFD", text.lower()).replace("đ", "d")
    return "".join(c for c in text if unicodedata.category(c) != "Mn")


def has_letter(text: str) -> bool:
    """Does `text` hold a letter of any script (not only digits, punctuation, emoji)?"""
    return _LETTER.search(text) is not None


def tokens(text: str) -> list[str]:
    """Folded ASCII words of `text`."""
    return _WORD.findall(fold(text))

# Saying yes or no to a question the bot asked ("Quý vị có đồng ý không?"), as people type it:
# folded words; a "không" anywhere is a no ("không đồng ý", "ko ạ").
_NO = frozenset({"khong", "ko", "k", "kh", "khg", "hok", "hong", "khum", "no", "nope"})
_REFUSE = ("tu choi", "chua dong y")
_YES = frozenset({"dong", "y", "co", "yes", "ok", "oke", "okie", "okay", "uk", "u", "um", "vang",
                  "da", "duoc", "dc", "chap", "nhan", "luu", "agree", "sure"})
_POLITE = frozenset({"a", "ah", "nhe", "nha", "nhen", "nhi", "oi", "roi", "luon", "toi", "em",
                     "minh", "chau", "con", "anh", "chi", "bac", "thi", "la"})


def yes_or_no(text: str) -> bool | None:
    """True for a yes ("đồng ý ạ", "ok", "vâng", "có"), False for a no ("không", "ko đồng ý",
    "từ chối"), None for anything else."""
    words = tokens(text)
    if not words:
        return None
    run = " ".join(words)
    if any(w in _NO for w in words) or any(r in run for r in _REFUSE):
        return False
    said = [w for w in words if w not in _POLITE]
    return True if said and all(w in _YES for w in said) else None


def _joined(before: str, after: str) -> bool:
    """Do two characters belong to one visible character (a letter and its mark, an emoji
    and its skin tone, variation selector or joiner)?"""
    return (unicodedata.category(after) in ("Mn", "Me") or after == "\u200d"
            or before == "\u200d" or "\ufe00" <= after <= "\ufe0f"
            or "\U0001f3fb" <= after <= "\U0001f3ff")


def _regional(char: str) -> bool:
    return "\U0001f1e6" <= char <= "\U0001f1ff"


def _grapheme_start(text: str, cut: int) -> int:
    """`cut`, moved back to the start of the visible character it falls in: a flag (two
    regional indicators) or a joined emoji is not split between two messages."""
    start = cut
    while start > 1 and _joined(text[start - 1], text[start]):
        start -= 1
    if _regional(text[start]):
        run = start
        while run > 0 and _regional(text[run - 1]):
            run -= 1
        start -= (start - run) % 2  # the second letter of a flag
    # Marks piled on one letter (a "zalgo" text) are cut anyway: every part keeps its length.
    return start if start > cut // 2 else cut


def split_message(text: str, limit: int) -> list[str]:
    """Split `text` into parts of at most `limit` characters, at paragraph, line or word ends."""
    if limit <= 0:
        raise ValueError("limit must be positive")
    parts: list[str] = []
    rest = text.strip()
    while len(rest) > limit:
        window = rest[: limit + 1]
        cut = -1
        for sep in ("\n\n", "\n", " "):
            cut = window.rfind(sep, 0, limit + 1)
            if cut > limit // 3:
                break
        if cut <= 0:
            cut = _grapheme_start(rest, limit)
        parts.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest:
        parts.append(rest)
    return parts
