"""Vietnamese as people type it to a bot, made comparable word by word.

NFC, lowercase, one tone placement ("khoá" and "khóa" are one word), no runs of repeated letters
("nhaaa"), the lexicon's abbreviations and teencode expanded ("ko" -> "không"), and for each word
whether its diacritics were typed: where they were they count ("già" is not "giá"); where they
were not, the word stands for every word it folds to.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Final

from content import Abbreviation
from handlers.text import fold

# Dates and times are read whole ("3/10", "8h30"); every other token is a run of letters and
# digits, or one symbol (an emoji the lexicon may know). Only ASCII digits are numbers.
_DATE = (r"(?<![0-9])(?:[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}"
         r"|[0-9]{1,2}\s*[/.-]\s*[0-9]{1,2}(?:\s*[/.-]\s*[0-9]{2,4})?"
         # (a day of many digits and a month, "999/10": no date, read as one to be corrected)
         r"|[0-9]{3,}\s*/\s*[0-9]{1,2}(?![0-9]))(?![0-9/])")
# Minutes are digits, then maybe p/phút ("8h30p"); "10 hp" is 10 and "hp" (Hải Phòng).
_TIME: Final = (r"(?<![0-9])[0-9]{1,2}\s*(?:h|g|giờ|gio|:)\s*(?:[0-9]{1,2}(?:p|ph|phút|phut)?)?"
                r"(?![^\W\d_])")
_TOKEN: Final = re.compile(
    rf"(?P<date>{_DATE})|(?P<time>{_TIME})|(?P<word>[^\W_]+)|(?P<symbol>[^\w\s])")
# The same without dates and times, for a message with no digit (nine in ten): a quarter
# cheaper, the two alternatives that start with a digit no longer tried at every word.
_WORD_OR_SYMBOL: Final = re.compile(r"()()([^\W_]+)|([^\w\s])")
_SPACES: Final = re.compile(r"\s+")
# A weekday typed as one word with its number ("thu7 co gi", "thứ2"): two words, unless
# the message has other words typed with VNI digits ("thu7 vie65n": thư viện).
_WEEKDAY: Final = re.compile(r"(?<![^\W_])(thứ|thu)([2-8])(?![^\W_])")
_MIXED: Final = re.compile(r"[^\W\d_]+[1-9][^\W_]*")  # (a VNI digit: "k0" is không)
# A mark typed inside a word by a slip ("d,e", "n.ay", "k.ý"): between letters, one side a
# single consonant (which is no word), it is left out; "ok.ban", "ạ.cảm" keep their break.
_STRAY: Final = re.compile(r"(?<![^\W_])([^\W\d_]+)[.,'`*-](?=([^\W\d_]+)(?![^\W_]))")
# A letter o typed for a zero after a digit ("3/1o", "1o h"): the keys are next to each other.
# Not after a digit typed in a word ("ba1o": VNI's báo, its tone key before the o), unless
# that word's letter is itself such an o ("2o2o").
_ZERO: Final = re.compile(r"(?<=[0-9])(?<![^\W\do_][0-9])o(?![^\W\d_])")
# And the other way: a zero typed for the letter o inside a word of letters ("kh0ng", "h0m",
# "c0"), a look-alike key; not in a word with another digit ("50k", "t10", "20h").
_O_ZERO: Final = re.compile(r"(?<![^\W_])([^\W\d_]+)0([^\W\d_]*)(?![^\W_])")
# A smiley typed with keys (":))", "=))", ":D", ":v", "^^", "<3", "T_T", ":(("), not after a
# letter or digit ("8:30" is a time): read as an emoji, which asks and names nothing. Left as
# it was, ":" after a number was a time ("thứ 5 :))": 5 o'clock) and "D", "v" unknown words.
_SMILEY: Final = re.compile(r"(?<![^\W_])(?:[:;=][-'^]?(?:[)(\]\[|/\\*]+|[dDpPvVoO3]+(?![^\W_]))"
                            r"|\^[_.-]?\^+|<3+|[tT]_[tT]|T\.T|-[_.]-|[xX]D+(?![^\W_]))")
# A heart typed with keys ("<3", "<333") is a heart emoji, as the lexicon reads one (thanks);
# a sad or flat face (":((", "T_T", "-_-", ":/") one the lexicon does not read (alone, no "ok").
_HEART: Final = "\u2764"
_SAD: Final = "\U0001f622"
_SAD_KEYS: Final = re.compile(r"[(\[|/\\]|[tT][_.][tT]|-[_.]-")
# The characters each of those regular expressions needs, looked for first: most messages
# hold none, and one search for a character is a tenth of the cost of the expression.
_SMILEY_KEYS: Final = re.compile(r"[:;=^<_.D-]")  # (":", "^", "<", "_", ".", "-" or xD's "D")
_STRAY_MARKS: Final = re.compile(r"[.,'`*-]")
_DIGIT: Final = re.compile(r"[0-9]")  # a date, a time and _ZERO need one
_CONSONANT: Final = re.compile(r"[bcdđghklmnpqrstvx]")
# The pairs of consonants that start a syllable, the consonants that end one, and the pairs
# that end one (_one_syllable).
_ONSETS: Final = frozenset({"ch", "gh", "gi", "kh", "ng", "nh", "ph", "qu", "th", "tr"})
_CLOSING_CONSONANTS: Final = frozenset("cmnpt")
PAIRED_FINALS: Final = frozenset({"ch", "ng", "nh"})  # (repair.py too)
# Shorthands typed with a dot after a word's first letter ("c.ơn", "c.on": cảm ơn): the dot
# parts two words there (the lexicon reads "c ơn"), joined they would be another ("con").
_DOTTED: Final = frozenset({("c", "ơn"), ("c", "on")})
_CLOSING_FILLERS: Final = frozenset({"ạ", "a", "ad", "nhé", "nha", "ơi", "vậy", "với", "🙂"})
# What phones and chat apps add around a question (round 33 c), each made one symbol (an emoji
# of its own: symbols say nothing beside words, `undecorated`) or left out: a link ("https://…",
# "www.…", "bit.ly/…"), an e-mail address, a hashtag ("#hoctapsuotdoi"), a placeholder the app
# writes for a sticker or a picture ("[Sticker]", "[Hình ảnh]": a sticker is a smiley), the
# writer's own number or address told ("sđt em 0912345678", "mail e là lan@gmail.com": told,
# not asked; a number alone stays, "gọi 0912… không ai nghe"), the mark of a forwarded message
# at its start ("Chuyển tiếp:", "Fwd:") and the signature a phone's mail adds at its end
# ("Gửi từ iPhone của tôi", "Sent from my iPhone"). Left as they were, their letters were
# unknown words ("https", "www", "gmail", "sticker") that made the question unread, or a
# phone number told made the message ask for the contacts.
_PHONE: Final = r"(?:\+\s?84|0)[0-9](?:[\s.-]?[0-9]){7,9}(?![0-9])"
_EMAIL: Final = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
# (a name without a scheme ends in a top-level domain; one that is a word typed without its
# marks after a dot, "ly", "me", "co", only when a path follows: "bit.ly/3abc") (a name's
# labels are at most 63 characters and a few: so bounded, a failed match at each start of
# "a-a-a-…" reads a few dozen characters, not the rest of the message; unbounded, 4 KB of it
# took 170 ms)
_URL: Final = re.compile(r"(?:https?://|www\.)\S+|(?<![\w@.])[a-z0-9][a-z0-9-]{0,62}"
                         r"(?:\.[a-z0-9-]{1,63}){0,8}"
                         r"(?:\.(?:com|vn|net|org|info|gov|edu)(?:\.vn)?(?:/\S*)?"
                         r"|\.(?:ly|gl|me|io|co|to|gd)/\S*)(?![\w.]*\w)", re.IGNORECASE)
_EMAILS: Final = re.compile(_EMAIL)
_SCHEME: Final = re.compile(r"^(?:https?://)?(?:www\d?\.|m\.)?", re.IGNORECASE)
_NO_SITE: Final = frozenset({"www", "m", "mobile", "web", "en", "vi"})
_SHORTENERS: Final = frozenset({"bit", "goo", "tinyurl", "cutt", "rebrand", "shorturl", "ow"})
LINK: Final = "\U0001f517"  # (the symbol a link is read as: understand.py reads a shared link so)
_TOLD_CONTACT: Final = re.compile(
    r"(?<![^\W_])(?:số\s+điện\s+thoại|so\s+dien\s+thoai|điện\s+thoại|dien\s+thoai|số\s+đt"
    r"|so\s+dt|sđt|sdt|số|so|đt|dt|zalo|phone|e-mail|email|mail|gmail)"
    r"(?:\s+(?:của|cua))?\s+(?:em|e|tôi|toi|mình|minh|mk|tớ|anh|chị|bác|bac|cháu|chau|con|cô"
    r"|chú|chu|t|nhà\s+em|nhà\s+tôi|nha\s+em|nha\s+toi)(?![^\W_])\s*(?:là|la|:)?\s*"
    rf"(?:{_PHONE}|{_EMAIL})", re.IGNORECASE)
_HASHTAG: Final = re.compile(r"(?<![\w&#])#[^\W\d_]\w*")
_PLACEHOLDER: Final = re.compile(
    r"\[\s*(?:(sticker|emoji|gif)|hình\s+ảnh|hinh\s+anh|ảnh|anh|image|photo|picture|video"
    r"|file|tệp|tep|voice|audio|tin\s+nhắn\s+thoại|tin\s+nhan\s+thoai|ghi\s+âm|link"
    r"|liên\s+kết|vị\s+trí|location|danh\s+thiếp|contact)\s*\]", re.IGNORECASE)
_FORWARDED: Final = re.compile(
    r"(?:\s*-*\s*(?:(?:tin\s+nhắn\s+)?chuyển\s+tiếp|(?:tin\s+nhan\s+)?chuyen\s+tiep|fwd?"
    r"|forwarded(?:\s+message)?)\s*-*\s*:\s*)+", re.IGNORECASE)
_SIGNATURE: Final = re.compile(
    r"(?:^|(?<=[\s,.;:!?-]))-*\s*(?:(?:được\s+)?gửi\s+từ|(?:duoc\s+)?gui\s+tu|sent\s+from"
    r"|sent\s+via|get\s+outlook\s+for)\s+(?:(?:my|the|chiếc|cái|cai)\s+)?"
    r"(?:iphone|ipad|android|samsung|galaxy|xiaomi|redmi|oppo|vivo|nokia|huawei|realme"
    r"|điện\s+thoại|dien\s+thoai|di\s+động|di\s+dong|mobile|smartphone|mail|outlook|yahoo"
    r"|gmail|windows|ios)"
    r"(?:\s+(?:của|cua|tôi|toi|mình|minh|em|thông|thong|smartphone|pro|max|plus|ultra|mini"
    r"|lite|note|on|for|android|ios|windows|galaxy|samsung|iphone|mail|[a-z]?[0-9]+[a-z]*))*"
    r"\s*[.!]?\s*$", re.IGNORECASE)
_PHONE_KEYS = re.compile(r"[0-9](?:[\s.-]?[0-9]){8}")  # (nine digits: a phone number's least)
_WRAP_KEYS = re.compile(r"[/@#\[]|www|\.[a-zA-Z]")  # (a link, an address, a tag, a placeholder)
_CLAUSE_ENDS: Final = frozenset(",.;!?…")
# A colon before a space parts a message as a comma does ("nhờ bot nhắn Ban tổ chức: trường
# chúng tôi …"); one inside a word or a time does not ("nut:homnay", "8:30") (round 22 d).
_COLON_PARTS: Final = re.compile(r":(?=\s)")
_LINE_BREAK: Final = re.compile(r"[ \t]*[\r\n]+\s*")
# Punctuation said aloud to a voice keyboard and typed out as words ("… ở đâu chấm hỏi",
# "… nhận tin chấm", "xin chào phẩy cho hỏi"): read as the mark. Without marks only where no
# other words are meant ("cham hoi", "cham than"; "dau" may be đâu: "o dau cham hoi", and
# "cham" alone chậm).
_SPOKEN_MARKS: Final = re.compile(
    r"(?<![^\W_])(?:"
    r"(?P<q>(?:dấu\s+)?chấm\s+h[oỏọóòõ]i+|cham\s+hoi+|dấu\s+hỏi\s*$)"
    r"|(?P<x>(?:dấu\s+)?chấm\s+than|cham\s+than)"
    r"|(?P<c>(?:dấu\s+)?phẩy|xuống\s+dòng|xuong\s+dong)"
    r"|(?P<s>dấu\s+chấm|chấm\s*$))(?![^\W_])")
_SPOKEN_KEYS: Final = re.compile(r"chấm|cham|phẩy|dòng|dong|dấu")
_SPOKEN: Final = {"q": " ? ", "x": " ! ", "c": " , ", "s": " . "}
_TONES: Final = "\u0300\u0301\u0303\u0309\u0323"
_RUN3 = re.compile(r"(\D)\1{2,}")  # (letters: a number keeps its digits, "1000000", "0988888888")
_RUN2: Final = re.compile(r"(.)\1")
MAX_VARIANTS: Final = 32  # spellings of one typed form made from the abbreviations of its words


def retone(word: str) -> str:
    """The tone mark on o/u of a final oa, oe, uy, as the edition writes ('hoà' -> 'hòa').

    Both placements are taught and typed; without one of them a citizen's "khoá học" would
    not be the edition's "khóa học". 'quý' keeps its mark: there u belongs to qu.
    """
    if len(word) < 2 or word[-1] in "aey" or word.isascii():
        return word
    d = unicodedata.normalize("NFD", word)
    if len(d) >= 3 and d[-1] in _TONES and d[-2] in "aey" and d[-3] in "ou":
        vowel, first = d[-2], d[-3]
        if (first == "o" and vowel in "ae") or (
                first == "u" and vowel == "y" and not d[:-3].endswith("q")):
            return unicodedata.normalize("NFC", d[:-3] + first + d[-1] + vowel)
    return word


@dataclass(frozen=True, slots=True)
class Token:
    """One word (or date, time, number, symbol) of a message."""

    text: str  # lowercase NFC, one tone placement: "khóa"
    fold: str  # no marks: "khoa"
    kind: str = "word"  # word, number, date, time, symbol
    expanded: bool = False  # written by the lexicon, not typed
    repaired: bool = False  # read through a typo correction
    keyed: bool = False  # its marks typed as Telex or VNI keys, the input method off ("thuws")
    clause: int = 0  # the part of the message it is in (commas and full stops part them)
    # True when the word was typed (or expanded) with diacritics: asked of every word by most
    # rules, so computed once (as a property it took 4 % of the understanding's CPU)
    marked: bool = field(init=False, repr=False, compare=False)

    # The fields set by a written __init__, not the one @dataclass writes: compiled by mypyc
    # (handlers/understanding/fast.py), a dataclass's generated __init__ stays interpreted, ~20
    # times the cost of this one, whose object.__setattr__ calls mypyc makes native stores (7
    # tokens made a message, BENCHMARKS.md §8.144). Its parameters are the fields': test_cpu_r37.
    def __init__(self, text: str, fold: str, kind: str = "word", expanded: bool = False,
                 repaired: bool = False, keyed: bool = False, clause: int = 0) -> None:
        object.__setattr__(self, "text", text)
        object.__setattr__(self, "fold", fold)
        object.__setattr__(self, "kind", kind)
        object.__setattr__(self, "expanded", expanded)
        object.__setattr__(self, "repaired", repaired)
        object.__setattr__(self, "keyed", keyed)
        object.__setattr__(self, "clause", clause)
        object.__setattr__(self, "marked", text != fold)

    # Pickled (the content cache) and copied by the fields __init__ takes: the class compiled
    # by mypyc (handlers/understanding/fast.py) refuses pickle's setting of a frozen field.
    def __reduce__(self) -> tuple[type[Token], tuple[str, str, str, bool, bool, bool, int]]:
        return Token, (self.text, self.fold, self.kind, self.expanded, self.repaired,
                       self.keyed, self.clause)

    def in_clause(self, clause: int) -> Token:
        """The token in part `clause` of the message (itself when it is there already)."""
        if clause == self.clause:
            return self
        # (by the constructor: dataclasses.replace reads the fields by name, three times the
        # cost, and every token after a comma is moved; test_cpu_r20 checks no field is lost)
        return Token(self.text, self.fold, self.kind, self.expanded, self.repaired, self.keyed,
                     clause)


@functools.lru_cache(maxsize=8192)  # the same words are made again in every message
def make_token(text: str, kind: str = "word", expanded: bool = False) -> Token:
    if kind == "word" and text.isascii() and text.isdigit():  # "²" is no number
        kind = "number"
    return Token(text, fold(text), kind, expanded)


def tokenize(text: str) -> list[Token]:
    """Tokens of `text` (already NFC): lowercase, tones placed, runs of 3+ letters made two
    ("nhaaa" -> "nhaa"; the understander makes it "nha" when "nhaa" is no word)."""
    out: list[Token] = []
    clause = 0
    text = unwrapped(text)
    # a line break parts a message as a comma does ("chào ad⏎em là giáo viên⏎…")
    if "\n" in text or "\r" in text:
        text = _LINE_BREAK.sub(", ", text)
    if ": " in text or ":\t" in text:
        text = _COLON_PARTS.sub(",", text)
    if _SMILEY_KEYS.search(text):
        text = _SMILEY.sub(_smiley, text)
    text = text.lower()
    if _SPOKEN_KEYS.search(text):
        text = _SPOKEN_MARKS.sub(lambda m: _SPOKEN[m.lastgroup or "s"], text)
    if _STRAY_MARKS.search(text):
        text = _STRAY.sub(_stray, text)
    tokens = _WORD_OR_SYMBOL
    if _DIGIT.search(text):
        text, tokens = _O_ZERO.sub(r"\1o\2", _ZERO.sub("0", text)), _TOKEN
        if _WEEKDAY.search(text) and all(_WEEKDAY.fullmatch(w) for w in _MIXED.findall(text)):
            text = _WEEKDAY.sub(r"\1 \2", text)
    # (the groups' texts, "" for those that did not match: no match object asked)
    for day, hour, word, symbol in tokens.findall(text):
        if word:
            out.append(_word(word).in_clause(clause))
        elif symbol:
            if unicodedata.category(symbol) == "So":  # emoji; punctuation only separates
                out.append(Token(symbol, symbol, "symbol", clause=clause))
            elif symbol in _CLAUSE_ENDS and out and out[-1].clause == clause:
                clause += 1
        else:
            kind, value = ("date", day) if day else ("time", hour)
            out.append(Token(_SPACES.sub("", value), fold(_SPACES.sub("", value)), kind,
                             clause=clause))
    return _once(out)


def unwrapped(text: str) -> str:
    """`text` without what a phone or a chat app adds around the question: a forwarded
    message's mark, a signature, the writer's own number or address told; each link, e-mail
    address, hashtag and placeholder made a symbol (round 33 c). Each step is tried only where
    a character it needs is in the message: most hold none."""
    if ":" in text and (m := _FORWARDED.match(text)) is not None:
        text = text[m.end():]
    tail = text[-80:].lower()  # (a signature's words, looked for as plain text first)
    if ("gửi" in tail or "gui" in tail or "sent" in tail or "outlook" in tail) and (
            m := _SIGNATURE.search(text, max(0, len(text) - 80))) is not None:
        text = text[:m.start()]
    text = _told(text)
    if not _WRAP_KEYS.search(text):
        return text
    if "@" in text:
        text = _EMAILS.sub(" \U0001f4e7 ", text)
    if "/" in text or "." in text:
        text = _URL.sub(_link, text)
    if "#" in text:
        text = _HASHTAG.sub(" \U0001f3f7 ", text)
    if "[" in text:
        text = _PLACEHOLDER.sub(
            lambda m: " \U0001f642 " if m.group(1) else " \U0001f5bc ", text)
    return text


def _link(m: re.Match[str]) -> str:
    """A link, as the symbol of a link and the name of its site ("https://www.shopee.vn/…":
    shopee, "thuvien.haiphong.gov.vn": thuvien): the one word of it that tells what it is about
    (a shop, a newspaper, the city's library), read as a word typed; a shortener's name or one
    of letters and digits says nothing ("bit.ly", "t.co", "abc123")."""
    host = _SCHEME.sub("", m.group()).split("/", 1)[0].split("?", 1)[0].lower()
    name = next((label for label in host.split(".") if label not in _NO_SITE), "")
    if len(name) < 3 or not name.isalpha() or name in _SHORTENERS:
        return f" {LINK} "
    return f" {LINK} {name} "


def _told(text: str) -> str:
    """`text` with the writer's own number or e-mail address told made a symbol."""
    if "@" in text or _PHONE_KEYS.search(text):
        return _TOLD_CONTACT.sub(" \u260e ", text)
    return text


def _smiley(m: re.Match[str]) -> str:
    face = m.group()
    if face.startswith("<"):
        return f" {_HEART} "
    return f" {_SAD} " if _SAD_KEYS.search(face) else " \U0001f642 "


def undecorated(tokens: list[Token], is_filler: Callable[[Token], bool]) -> list[Token]:
    """The tokens without their symbols (emojis, smileys, links, stickers) when a word that is
    no filler is among them: beside a question an emoji says nothing of what is asked ("lịch
    hôm nay 👍👍👍" asks today's schedule, not "ok"; "🙏 cho e hỏi…"). Beside fillers only, or
    alone, the lexicon reads them ("👍": ok, "❤️": thanks, "😂": a laugh) (round 33 c)."""
    for t in tokens:  # (a loop, not any(): asked of every message, and most hold no symbol)
        if t.kind == "symbol":
            break
    else:
        return tokens
    if not any(t.kind != "symbol" and (t.kind != "word" or not is_filler(t)) for t in tokens):
        return tokens
    return [t for t in tokens if t.kind != "symbol"]


def _once(tokens: list[Token]) -> list[Token]:
    """The tokens without a part that says again, word for word, a part before it (the
    question sent twice: "thư viện ở đâu? thư viện ở đâu ạ"; its fillers at the end aside);
    a message that is one run of words said twice, without a mark between ("cuộc thi ở đâu
    cuộc thi ở đâu", a voice keyboard's or a double paste), is said once (round 33 c)."""
    n = len(tokens)
    while n > 4 and tokens[n - 1].text in _CLOSING_FILLERS:
        n -= 1
    half = n // 2
    if n >= 4 and not n % 2 and tokens[0].text == tokens[half].text and all(
            tokens[k].text == tokens[half + k].text for k in range(1, half)):
        return tokens[:half]
    parts: dict[int, list[Token]] = {}
    for t in tokens:
        parts.setdefault(t.clause, []).append(t)
    if len(parts) < 2:
        return tokens
    seen: set[tuple[str, ...]] = set()
    out: list[Token] = []
    for part in parts.values():
        words = tuple(t.text for t in part)
        while len(words) > 2 and words[-1] in _CLOSING_FILLERS:
            words = words[:-1]
        if len(words) >= 2 and words in seen:
            continue
        seen.add(words)
        n = out[-1].clause + 1 if out else 0
        out.extend(t.in_clause(n) for t in part)
    return out if len(out) < len(tokens) else tokens


@functools.lru_cache(maxsize=8192)
def _word(typed: str) -> Token:
    """A word as typed (lowercase), read alone: its runs of letters and its tone placed. The
    same words come back in every message; a flood of new ones only evicts the oldest."""
    return make_token(retone(_RUN3.sub(r"\1\1", typed)))


def _stray(m: re.Match[str]) -> str:
    left, right = m.group(1), m.group(2)
    if (left, right) in _DOTTED:
        return f"{left} "  # a shorthand, not a slip: its two words stay two ("c on")
    if m.group()[len(left)] == ",":
        # (a comma typed without its space parts two words: a slip only inside a syllable)
        return left if _one_syllable(left, right) else m.group()
    if any(len(w) == 1 and _CONSONANT.fullmatch(w) for w in (left, right)):
        return left  # ("s.mai": sáng mai, a shorthand's dot; "what's")
    return m.group()


def _one_syllable(left: str, right: str) -> bool:
    """Is a single consonant beside a comma a slip inside one syllable: the start of the word
    after it ("n.ay", "k.ý", "t,hì": before a vowel, or the second letter of ch, gh, gi, kh,
    ng, nh, ph, qu, th, tr) or the end of the word before it ("ba.n", "xon,g": a final c, m,
    n, p, t, or ch, ng, nh)? Else the mark parts two words, the consonant a shorthand of its
    own ("xong r,cảm ơn": rồi; "t7 bận r,cn có gì"): "rc" or "rcn" begins no word."""
    if len(left) == 1 and _CONSONANT.fullmatch(left):
        return _vowel(right[0]) or left + right[0] in _ONSETS
    if len(right) == 1 and _CONSONANT.fullmatch(right):
        return ((_vowel(left[-1]) and right in _CLOSING_CONSONANTS)
                or left[-1] + right in PAIRED_FINALS)
    return False


def _vowel(letter: str) -> bool:
    return unicodedata.normalize("NFD", letter)[0] in "aeiouy"


def same_word(token: Token, text: str, text_fold: str) -> bool:
    """True when `token` can be the word `text`: the same letters, and the same marks when
    the token has marks."""
    return token.text == text if token.marked else token.fold == text_fold


def kept_attributes(obj: object) -> dict[str, object]:
    """`obj`'s attributes, as a class's `__reduce__` pickles them (the content cache): as
    Python its __dict__; compiled by mypyc (handlers/understanding/fast.py), whose classes
    have no __dict__ and are made only through their __init__, those of the names its class
    lists in `__mypyc_attrs__` that are set. Such a class is pickled as (cls, (None,), these):
    its __init__ given None returns at once, and `restore_attributes` sets them again."""
    names: tuple[str, ...] | None = getattr(type(obj), "__mypyc_attrs__", None)
    if names is None:
        return dict(vars(obj))
    return {name: getattr(obj, name) for name in names if hasattr(obj, name)}


def restore_attributes(obj: object, attributes: dict[str, object]) -> None:
    """Set again what `kept_attributes` kept (a `__setstate__`)."""
    for name, value in attributes.items():
        setattr(obj, name, value)


class Lexicon:
    """The edition's abbreviations, as a lookup from the first typed word."""

    def __init__(self, abbreviations: Iterable[Abbreviation] | None,
                 english: Iterable[str] = ()) -> None:
        if abbreviations is None:  # unpickled: __setstate__ sets its attributes
            return
        # first word's fold -> [(typed words, meaning tokens, the typed words' folds)], longest
        # first
        self._by_first: dict[str, list[tuple[tuple[Token, ...], tuple[Token, ...],
                                             list[str]]]] = {}
        abbreviations = list(abbreviations)
        # A word of a typed form is also typed as its own abbreviation: "bh đang" is "bh đag".
        short: dict[str, list[Token]] = {}
        # An English word of a typed form is also typed as another one-word form of the same
        # meaning: "the day after tomorrow" is "the day after tmr" ("tomorrow" and "tmr" both
        # "ngày mai") (round 24 e). (Only English words: "kh" of "hội kh" is no "không".)
        english = frozenset(english)
        same: dict[str, list[Token]] = {}  # meaning -> its one-word forms
        for abbreviation in abbreviations:
            meaning = tokenize(abbreviation.means)
            ones = [one[0] for one in map(tokenize, abbreviation.typed) if len(one) == 1]
            if len(meaning) == 1:
                short.setdefault(meaning[0].text, []).extend(ones)
            same.setdefault(abbreviation.means, []).extend(ones)
        for ones in same.values():
            for one in ones:
                if one.text in english:
                    short.setdefault(one.text, []).extend(o for o in ones if o.text != one.text)
        # (a form the lexicon types itself is never another's variant: "good night" is
        # "chúc ngủ ngon", not "good evening" with "night" for "evening")
        own = {tuple(w.text for w in tokenize(typed)) for a in abbreviations
               for typed in (*a.typed, *a.shared)}
        for abbreviation in abbreviations:
            means = tuple(replace(t, expanded=True) for t in tokenize(abbreviation.means))
            for typed in (*abbreviation.typed, *abbreviation.shared):
                forms = tokenize(typed)
                if not forms:
                    continue
                choices = [[w, *short.get(w.text, ())] if len(forms) > 1 else [w]
                           for w in forms]
                for variant in itertools.islice(itertools.product(*choices), MAX_VARIANTS):
                    if variant != tuple(forms) and tuple(w.text for w in variant) in own:
                        continue
                    self._by_first.setdefault(variant[0].fold, []).append(
                        (variant, means, [w.fold for w in variant]))
        for entries in self._by_first.values():
            entries.sort(key=lambda e: -len(e[0]))  # stable: a form's `typed` entry first
        # The same entries by the first word and the next: a form of several words is tried
        # only where its second word follows (a common first word, "có", "không", starts a
        # dozen forms, of which a message's next word leaves one or two); the one-word forms
        # under every next word, and alone under None. Each list keeps `_by_first`'s order.
        self._by_next: dict[str, dict[str | None, list[tuple[tuple[Token, ...],
                                                             tuple[Token, ...], list[str]]]]] = {}
        for first, entries in self._by_first.items():
            seconds = {f[1] for _t, _m, f in entries if len(f) > 1}
            self._by_next[first] = {
                second: [e for e in entries if len(e[2]) == 1 or e[2][1] == second]
                for second in (*seconds, None)}

    def expand(self, tokens: Sequence[Token],
               fit: Callable[[tuple[Token, ...], Sequence[Token], int, int], int] | None = None,
               ) -> list[Token]:
        """The tokens with every abbreviation replaced by its meaning (longest match first);
        of a form with several meanings ("tl"), the one `fit` scores highest with the words
        around it (the `typed` one on a tie)."""
        out: list[Token] = []
        folds = [t.fold for t in tokens]
        i = 0
        while i < len(tokens):
            token = tokens[i]
            by_next = self._by_next.get(token.fold)
            if by_next is None and not token.fold.endswith(("s", "d")):
                # (most words: no form starts with them, nor are they an English plural or
                # verb of one; kept as typed at once)
                out.append(token)
                i += 1
                continue
            entries = None if by_next is None else by_next.get(
                folds[i + 1] if i + 1 < len(folds) else None, by_next[None])
            found: list[tuple[Token, ...]] = []
            n = 0
            for typed, means, typed_folds in entries or ():
                if found and len(typed) < n:
                    break
                # (the letters first, in one comparison: of the forms that start with the word,
                # most go on with other words; never across a comma: "…loa phường nói, | ve
                # xe" is no "nói về")
                if folds[i:i + len(typed)] == typed_folds and all(
                        tokens[i + k].kind in ("word", "number", "symbol")
                        and tokens[i + k].clause == token.clause
                        and _typed_as(tokens[i + k], typed[k]) for k in range(len(typed))):
                    found.append(means)
                    n = len(typed)
                    if fit is None:
                        break
            if not found and token.fold.endswith(("s", "d")) and \
                    token.fold not in self._by_first:
                # an English plural, verb in -s or -ed of a word the lexicon reads ("fees",
                # "quizzes", "participates", "started": fee, quiz, participate, start) (round
                # 22 c); no Vietnamese word ends in s or d
                for stem in _english_stems(token):
                    found = [m for t, m, f in self._by_first.get(stem, ()) if f == [stem]][:1]
                    if found:
                        n = 1
                        break
            if not found:
                out.append(token)
                i += 1
                continue
            means = found[0]
            if len(found) > 1 and fit is not None:
                # the neighbours as typed, and as their own abbreviations read them: several
                # shorthands in a row pair only written out ("cthi cd | ht": công dân học tập,
                # "bc | tk": báo cáo tổng kết, "lịch | tt tuần tới") (round 30 f)
                around = self._around(out, tokens, i, n)
                means = max(found, key=lambda m: max(
                    fit(m, tokens, i, i + n),
                    fit(m, around[0], around[1], around[1] + n) if around else 0))
            out.extend(t.in_clause(token.clause) for t in means)
            i += n
        return out

    def _around(self, out: Sequence[Token], tokens: Sequence[Token], i: int,
                n: int) -> tuple[list[Token], int] | None:
        """The form at tokens[i:i + n] between its neighbours written out: the word before as
        already read (the last word of its meaning), the word after read alone (its first
        meaning, the `typed` entry's), the words past it as typed; with the form's index in
        that list. None when neither neighbour is an abbreviation. (Only the neighbours: "hd
        cho | hs" is no "hướng dẫn cho học sinh".)"""
        before = out[-1:] if i and out and out[-1].expanded else []
        nxt = tokens[i + n:i + n + 1]
        after = self.expand(nxt) if nxt else []
        if not before and after == list(nxt):
            return None
        if not before and i:
            before = [tokens[i - 1]]
        return [*before, *tokens[i:i + n], *after, *tokens[i + n + 1:i + n + 3]], len(before)

    def spellings(self) -> Iterable[str]:
        """The one-word forms typed with marks that the lexicon reads as another word
        ("nhìu": nhiều, "bít": biết), not a word of what they mean."""
        for entries in self._by_first.values():
            for typed, means, _folds in entries:
                if len(typed) == 1 and typed[0].marked and all(
                        m.text != typed[0].text for m in means):
                    yield typed[0].text

    def shorthands(self) -> Iterable[str]:
        """The one-word forms that spell no Vietnamese syllable, of consonants only or of the
        first consonants of a word before a syllable ("dk", "đk", "tb", "sdt", "tgia", "cthi";
        not "link", "info", "class"): shorthands, which people type joined to the word
        beside them ("nhậntb")."""
        for first, entries in self._by_first.items():
            if len(first) < 2 or syllable(first):
                continue
            lead = len(first) - len(first.lstrip("bcdghklmnpqrstvx"))
            if lead == len(first) or any(syllable(first[k:]) for k in range(1, min(lead, 3) + 1)):
                yield from (typed[0].text for typed, _means, _folds in entries
                            if len(typed) == 1 and typed[0].kind == "word")

    # Pickled (the content cache) by its attributes, compiled as well (normalise.kept_attributes)
    def __reduce__(self) -> tuple[type[Lexicon], tuple[None], dict[str, object]]:
        return Lexicon, (None,), kept_attributes(self)

    def __setstate__(self, state: dict[str, object]) -> None:
        restore_attributes(self, state)

    def words(self) -> Iterable[str]:
        """Every word the lexicon reads or writes."""
        for entries in self._by_first.values():
            for typed, means, _folds in entries:
                # a word of a form typed without marks that is a word of what it means ("biet
                # ve": biết về) is that word typed so, not a spelling of its own
                folds = {m.fold for m in means if m.marked}
                yield from (t.text for t in typed if t.marked or t.text not in folds)
                yield from (t.text for t in means)


# Words in -s that are no plural of a word the lexicon reads ("this" is no "thi").
_NOT_PLURAL: Final = frozenset({"this", "does", "was", "has", "its", "yes", "news", "plus", "thus",
                                "always", "perhaps", "series", "less", "unless", "across"})


def _english_stems(token: Token) -> tuple[str, ...]:
    """The forms an English word in -s, -es, -ies or -ed typed without marks may stand for
    ("fees": fee, "quizzes": quiz, "started": start, "closed": close; () when it is none): the
    forms to look up when the word itself is not in the lexicon."""
    word = token.fold
    if token.marked or token.kind != "word" or len(word) < 4 or not word.isascii() \
            or not word.isalpha() or word in _NOT_PLURAL:
        return ()
    if word.endswith("ed") and len(word) >= 5:  # (no Vietnamese word ends in d)
        if word.endswith("ied"):
            return (word[:-3] + "y",)
        if word[-3] == word[-4]:  # "planned": plan
            return (word[:-3], word[:-2])
        return (word[:-2], word[:-1])
    if not word.endswith("s") or word.endswith(("ss", "us")):
        return ()
    if word.endswith("ies"):
        return (word[:-3] + "y",)
    if word.endswith(("zzes", "sses", "ches", "shes", "xes")):
        return (word[:-2] if not word.endswith("zzes") else word[:-3],)
    return (word[:-1],)


def _typed_as(token: Token, typed: Token) -> bool:
    # A form typed with marks in the lexicon ("đk") is also typed without them ("dk"); a form
    # without marks ("k") is only that.
    return token.text == typed.text or (not token.marked and token.fold == typed.fold)


# Teencode spells sounds its own way: "zui" (vui), "jờ" (giờ), "fí" (phí), "wa" (qua), "chìu"
# (chiều), "mún" (muốn), "nài" (này), "ság" (sáng), "cóa" (có). Word-initial and word-final
# spellings, each with the standard spelling it may stand for, and whether Vietnamese spelling
# allows the typed one (then it may be a word of its own: "mãi", "nài nỉ").
_INITIALS: Final = (("dz", "d", False), ("dz", "v", False), ("z", "d", False), ("z", "v", False),
                    ("z", "gi", False), ("j", "gi", False), ("f", "ph", False), ("w", "qu", False),
                    ("k", "c", False), ("p", "b", False),
                    # nk, ck for nh, ch ("nkớ": nhớ, "nkận": nhận, "ckủ nhật"): no Vietnamese word
                    # starts so (round 32 c)
                    ("nk", "nh", False), ("ck", "ch", False),
                    # z for r, the likeliest last ("zồi": rồi; "zoi" is rather đổi or dời)
                    ("z", "r", False))
# In Hải Phòng and the Red River delta l is said n, and typed so ("nàm sao": làm sao, "nịch":
# lịch, "tuần nễ"): read l here only in a word typed with its marks (typed without them,
# "nau" may be a typo of "nay": `Repairer._respelt` reads those, a slip of a key that pairs
# winning); the caller keeps it as teencode's spellings Vietnamese allows, or,
# when no word of the bot has the letters typed ("nịch"), whatever its tone. The other way
# round, n said l ("tuần lễ lày": này, "lăm": năm, "lữa": nữa), is read so only where the caller
# finds a word of the date, a filler of the same tone or a neighbour it pairs with (round 24 d).
_DIALECT_INITIALS: Final = (("n", "l"), ("l", "n"))
_J_FOR_I: Final = re.compile(r"(?<=[bcdđghklmnpqrstvx])j")
# A final oy is teencode's oi ("mn oy": ơi, "xong roy": rồi, "thoy": thôi, "đi choy": chơi):
# Vietnamese writes no oy, so the spelling is never a word of its own (round 32 c).
_FINALS = (("iu", "ieu", True), ("un", "uon", True), ("ai", "ay", True), ("ag", "ang", False),
           ("og", "ong", False), ("ug", "ung", False), ("ik", "ich", False),
           ("ic", "ich", False), ("oa", "o", True), ("uj", "ui", False), ("oj", "oi", False),
           ("oy", "oi", False))


@functools.lru_cache(maxsize=8192)  # (asked of each word the bot knows of that shape, too)
def tone(word: str) -> str:
    """The tone mark of a word ("" for none): "cóa" and "có" share theirs, "mãi" and "mấy" not."""
    return next((c for c in unicodedata.normalize("NFD", word) if c in _TONES), "")


@functools.lru_cache(maxsize=8192)
def untoned(word: str) -> str:
    """The word without its tone mark, its vowels' shapes kept ("nữa" -> "nưa")."""
    return unicodedata.normalize(
        "NFC", "".join(c for c in unicodedata.normalize("NFD", word) if c not in _TONES))


def marked_respellings(text: str) -> frozenset[str]:
    """A word typed with its marks in a teencode initial ("zâng", "zới", "fải"), the marks
    kept: the standard spellings it may be, with those marks."""
    return frozenset(b + text[len(a):] for a, b, _ok in _INITIALS if text.startswith(a))


def respellings(word: str, marked: bool = False) -> Iterable[tuple[str, bool]]:
    """The standard spellings a teencode word (folded) may stand for, the likeliest first (one
    initial or one final respelt, then both), each with True when the typed spelling is also
    a Vietnamese one; last, for a word typed with marks, the northern l said n."""
    # k is c only before a, o, u ("kó"); "kh" and "ki" are Vietnamese
    initials = [(word[len(a):], b, ok) for a, b, ok in _INITIALS if word.startswith(a)
                and not (a == "k" and word[1:2] not in ("a", "o", "u"))]
    finals = [(word[:-len(a)], b, ok) for a, b, ok in _FINALS
              if word.endswith(a) and len(word) > len(a)]
    for rest, b, ok in initials:
        yield b + rest, ok
    # j typed for i after a consonant ("ljch": lịch, "mjnh": mình, "thj": thi, "vjện": viện,
    # "nhjều": nhiều): no Vietnamese word has a j, and Telex's j (a tone key) follows a
    # vowel, its word read as keys before this (round 32 c)
    if _J_FOR_I.search(word):
        yield _J_FOR_I.sub("i", word), False
    for rest, b, ok in finals:
        yield rest + b, ok
    for rest, b, ok in initials:
        for a2, b2, ok2 in _FINALS:
            if rest.endswith(a2) and len(rest) > len(a2):
                yield b + rest[:-len(a2)] + b2, ok and ok2
    if marked:
        for a, b in _DIALECT_INITIALS:
            if word.startswith(a) and not word.startswith(("ng", "nh")):
                yield b + word[len(a):], True


def collapse_doubles(word: str) -> str:
    """'nhaa' -> 'nha', 'dôngg' -> 'dông': Vietnamese doubles no letter."""
    return _RUN2.sub(r"\1", word)


# Telex, the way most Vietnamese type marks: a letter typed after the vowels marks them. With
# the input method off, the keys stay in the word ("ddieenj": điện, "thuws": thứ, "camr": cảm).
_TELEX_TONES: Final = {"s": "\u0301", "f": "\u0300", "r": "\u0309", "x": "\u0303", "j": "\u0323"}
_TELEX_DOUBLES: Final = (("dd", "đ"), ("aa", "â"), ("ee", "ê"), ("oo", "ô"))
_VOWELS: Final = "aeiouyâêôăơư"


# VNI, the other way: a digit typed after the letter it marks ("d9a8ng ky1": đăng ký), read as
# the Telex key it stands for. The letter each digit marks, and that key.
_VNI = {"1": ("aeiouy", "s"), "2": ("aeiouy", "f"), "3": ("aeiouy", "r"), "4": ("aeiouy", "x"),
        "5": ("aeiouy", "j"), "6": ("aeo", ""), "7": ("ou", "w"), "8": ("a", "w"), "9": ("d", "")}


def vni(word: str) -> str:
    """The Telex spelling of a word typed with VNI digits left in ("d9a8ng": "ddawng"); ""
    when a digit marks no letter before it ("t7", "ron95", "h5n1" are no VNI)."""
    if word.isalpha() or not word.isascii() or not word[:1].isalpha():
        return ""
    out = ""
    keys = ""
    for c in word:
        if not c.isdigit():
            out += c
            continue
        if c not in _VNI:
            return ""
        letters, key = _VNI[c]
        if c in "69":  # a double: the nearest letter it marks, typed twice
            k = max(out.rfind(x) for x in letters)
            if k < 0 or (c == "9" and k != 0):
                return ""
            out = out[:k + 1] + out[k] + out[k + 1:]
        elif not any(x in out for x in letters):
            return ""
        else:
            keys += key
    return out + keys


def telex(word: str) -> list[str]:
    """The words a word typed with Telex keys left in may be (lowercase ASCII in; NFC out,
    the tone mark on each vowel in turn, the caller keeps the one it knows); [] when no key
    of Telex is in it. Keys count after the first vowel only ("sao", "xem", "trong" start
    with a letter that is a tone key elsewhere)."""
    if not word.isascii() or not word.isalpha() or len(word) < 2:
        return []
    # a bare w after the initial consonants is ư, as Telex types it ("trwcj": trực, "thw":
    # thư, "nhwng": nhưng); a w that starts a word is teencode's qu ("wa": quá), left so
    w = word.find("w")
    if w > 0 and not any(c in "aeiouy" for c in word[:w]):
        word = word[:w] + "u" + word[w:]
    first = next((k for k, c in enumerate(word) if c in "aeiouy"), -1)
    if first < 0:
        return []
    head, rest = word[:first], word[first:]
    marks = "".join(c for c in rest if c in _TELEX_TONES or c == "w")
    if not marks and not any(a in word for a, _b in _TELEX_DOUBLES):
        return []
    tones = [c for c in marks if c != "w"]
    if len(tones) > 1:
        return []
    base = "".join(c for c in rest if c not in _TELEX_TONES and c != "w")
    if head.startswith("dd"):
        head = "đ" + head[2:]
    for a, b in _TELEX_DOUBLES[1:]:
        base = base.replace(a, b)
    if "w" in marks:
        for a, b in (("uo", "ươ"), ("ua", "ưa"), ("a", "ă"), ("o", "ơ"), ("u", "ư")):
            if a in base:
                base = base.replace(a, b, 1)
                break
        else:
            return []
    plain = head + base
    if not tones:
        return [plain] if plain != word else []
    mark = _TELEX_TONES[tones[0]]
    out = []
    for k, c in enumerate(plain):
        if c in _VOWELS:
            out.append(unicodedata.normalize(
                "NFC", unicodedata.normalize("NFD", plain[:k + 1]) + mark + plain[k + 1:]))
    return out


# A Vietnamese syllable, folded: an initial, a vowel cluster Vietnamese writes, a final. A
# cluster that ends in a glide (i, y, o, u: "ai", "ao", "ieu", "uya") takes no final ("hoat",
# not "haot"; "giup", not "guip"; "menu" is no "meun").
_SYLLABLE: Final = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?"
    r"(?:(?:uya|uyu|uoi|uou|ieu|yeu|oai|oay|uay|oeo|ai|ao|au|ay|eo|eu|ia|iu|oi|ui|uu)"
    r"|(?:uye|ie|oa|oe|oo|ua|ue|uo|uy|ye|[aeiouy])(?:ng|nh|ch|[cmnpt])?)")


def syllable(word: str) -> bool:
    """Is `word` (folded) spelt as a Vietnamese syllable ("lich", "khuya"; not "lcih", "hya")?"""
    return _SYLLABLE.fullmatch(word) is not None
