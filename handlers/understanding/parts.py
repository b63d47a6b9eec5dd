"""The parts of a message and what each does: asks ("bao giờ", "có … không"), tells how
the writer heard of the Week, opens with leave to ask, denies, closes with particles.
Functions of the tokens alone: the understander's choosing reads them."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import replace
from typing import Final

from handlers.understanding.normalise import (
    Token,
    fold,
    make_token,
)
from handlers.understanding.words import (
    ASK_WORDS,
    CLOSING,
    CONTEXT_GAP,
    CONTEXT_LENGTH,
    DATE_FOLDS,
    DENIALS,
    OPENERS,
    QUESTION_STARTS,
    QUESTION_WORDS,
    SELF,
    YES_NO,
)

# Words that open a condition or a purpose, closed by "thì" ("muốn tham gia thì …").
_CONDITIONS: Final = frozenset({"muon", "neu", "de"})
_LACKS: Final = frozenset({"khong", "chua"})  # before "có": a condition of what is lacking
# Words after which "thi" is the contest's, whatever follows ("thi cái cuộc thi trên mạng, đăng
# ký ở đâu"): "cuộc thì", "dự thì", "bài thì" are no Vietnamese ("đăng ký thi" may be either)
# (round 26 c).
_CONTEST_BEFORE: Final = frozenset({"cuoc", "du", "bai"})
# "để" as typed, with its marks or without any ("đề", "dễ" are other words)
_PURPOSE: Final = frozenset({"để", "de"})
# who a purpose is for, right after "để" ("để trường …", "để chúng tôi …"); a verb there
# ("làm sao để nhận tin") continues the question (folded)
_SOMEONE: Final = frozenset({*(w.split()[0] for w in SELF), "truong", "nha", "don", "phuong", "xa",
                             "thon", "lop", "doan", "giao", "hoi", "cac", "ubnd", "uy", "cong"})
_QUESTION_FOLDS: Final = frozenset(" ".join(QUESTION_WORDS).split())
# Any of the question words, between spaces, in a run of folded words: one search, not one
# substring test a question word (asks is called for every phrase found).
_QUESTION: Final = re.compile(" (?:" + "|".join(map(re.escape, QUESTION_WORDS)) + ") ")
# "ngày nào … cũng" is every day, no question of the day ("ngày nào cũng báo, bà đọc không
# kịp") (round 26 c)
_WHICH_EVERY: Final = re.compile(r" (?:ngay|hom|luc|khi|bua|cho|gio) nao (?=(?:\S+ ){0,2}cung )")
_QUESTION_ENDS: Final = tuple(f" {q} " for q in QUESTION_WORDS)  # (str.endswith takes them all)
# Verbs by which a writer learns of the Week (folded), and the words that may follow them in a
# part that only tells how ("nghe loa phường nói", "biết tin", "đọc báo"): a source, said short.
_HEARD: Final = frozenset({"nghe", "doc", "thay"})
# Before those verbs, a liking or a wish ("mẹ tôi thích nghe truyện audio", "muốn đọc"): what
# someone listens to or reads, not how the writer heard of something (round 21c).
_LIKES: Final = frozenset({"thich", "muon", "ua"})
_SOURCE_WORDS: Final = 3
# Where it was heard or read (folded): a part that names one after the verb tells how the
# writer heard, said when or not ("nghe loa phường nói", "thấy trên fb bảo", "cô giáo nhắn
# nhóm zalo lớp"); a part that ends on a verb of saying too ("nghe hàng xóm bảo")
_SOURCES: Final = frozenset({"loa", "bao", "facebook", "fb", "zalo", "nhom", "group", "tivi", "tv",
                             "dai", "tin", "mang", "page"})
_SAID: Final = frozenset({"noi", "bao", "ke"})
# where a message is sent to many ("cô giáo nhắn nhóm zalo lớp"): "nhắn" before them tells how
# the writer heard ("nhận tin" is the reminders)
_GROUPS: Final = frozenset({"nhom", "zalo", "group", "facebook", "fb"})
_SOURCE_LONG: Final = 5
# who told or asked, before the verb (folded): the writer's people and neighbours, teachers
_TELLERS: Final = frozenset({"hang", "xom", "giao", "thay", "chu", "nhiem", "ban", "be", "nha",
                             "sep", "con", "chau", "vo", "chong", "bo", "me", "ong", "ba"})
# A part that tells that someone asked the writer, who could not answer ("con em hỏi mà em
# không biết", "con tôi hỏi tôi chịu"): why the writer asks, not what (folded)
_ASKED_ME: Final = frozenset({"hoi"})
_NOT_KNOWN: Final = (("khong", "biet"), ("chua", "biet"), ("chiu",), ("khong", "ro"))
_WHEN: Final = frozenset({"moi", "vua", "da"})
_TOLD_WHEN: Final = _WHEN | {"cung", "thi"}
# What a part that tells something of its own holds (folded): who writes ("tôi", "em"), what
# they are ("là"), whom they call ("ơi"), what they heard or did ("nghe", "rồi").
# (with their marks, which count where they were typed: "buổi tối" is no "tôi")
_OWN_SENTENCE = frozenset({"tôi", "em", "mình", "cháu", "tui", "tớ", "là", "ơi", "rồi", "xong",
                           "chào", "nghe", "đọc", "thấy"})
_OWN_FOLDS: Final = frozenset(fold(w) for w in _OWN_SENTENCE)


# What `run`, `asks`, `clause_span`, `asking` and understand's `_asking_parts` found of the
# last tokens each read: the rules ask them the same of one message's tokens again and again
# (`run` eight times in fifteen, the span of a part three in four, the parts that ask up to
# six times). Kept with a copy of the tokens, compared by value (tokens are immutable and
# equal ones read alike; the list's own `==` is one pass in C, each token compared by identity
# first), replaced when other tokens are read; the pair is replaced whole, so a thread never
# reads another's.
_last: dict[str, tuple[list[Token], dict[tuple[int, int | None], object]]] = {}


def of_last(kind: str, tokens: list[Token]) -> dict[tuple[int, int | None], object]:
    """The memo of `kind` (a reading's name) for `tokens`: what was found of them, by its
    arguments, while they are the last tokens that reading was asked of; empty for others."""
    held = _last.get(kind)
    if held is not None and held[0] == tokens:
        return held[1]
    memo: dict[tuple[int, int | None], object] = {}
    _last[kind] = (list(tokens), memo)
    return memo


def run(tokens: list[Token], start: int = 0, end: int | None = None) -> str:
    """Tokens [start, end) folded, between spaces, to look whole phrases up in."""
    memo = of_last("run", tokens)
    found = memo.get((start, end))
    if found is None:
        found = memo[start, end] = " " + " ".join([t.fold for t in tokens[start:end]]) + " "
    return found  # type: ignore[return-value]


def asks(tokens: list[Token], start: int, end: int) -> bool:
    """Do tokens [start, end) hold a question ("bao giờ", "ở đâu", "bao nhiêu")?"""
    memo = of_last("asks", tokens)
    found = memo.get((start, end))
    if found is None:
        found = memo[start, end] = _asks(tokens, start, end)
    return found  # type: ignore[return-value]


def _asks(tokens: list[Token], start: int, end: int) -> bool:
    text = _WHICH_EVERY.sub(" ", run(tokens, start, end))
    if text.startswith(" co "):  # "có … không", and "với ạ", "nhé" after it
        cut = closed(tokens, start, end)
        asked = text if cut == end else run(tokens, start, cut)
        if asked.endswith((" khong ", " chua ")):
            return True
    return _QUESTION.search(text) is not None


# Before "ai", a denial makes it nobody ("không ai nghe máy"); "cũng" after it, anybody ("ai
# cũng được"): no question either way (folded).
_NOBODY: Final = frozenset({"khong", "chang", "cha", "chua"})
# Who a request is for, after "cho" ("cho tôi số điện thoại", "cho em xin lịch") (folded).
_FOR_ME: Final = frozenset({"toi", "em", "e", "minh", "chau", "tui", "to", "bac", "t"})
# Words a request may open with before its verb ("thôi hủy nhắc lịch giúp tôi") (folded).
# What "mấy" typed without marks counts ("mấy giờ", "mấy ngày"); where "đâu" typed without
# marks goes ("ở đâu", "đi đâu"); calls after a question ("… không ad") (folded).
_COUNTED = frozenset({"gio", "h", "ngay", "lan", "cau", "diem", "thu", "buoi", "tiet", "tuoi",
                      "tien", "nguoi", "phut", "giay"})
_DAYS_PAST: Final = frozenset({"hom", "ngay", "bua", "tuan", "thang", "nam"})
_PAST: Final = frozenset({"nay", "truoc", "qua", "roi", "lien", "vua"})
_GONE_TO: Final = frozenset({"o", "di", "den", "tu", "ve"})
_CALLED: Final = frozenset({"ad", "admin", "bot", "ban", "oi", "a", "ạ"})
_ANNOUNCING: Final = OPENERS - {("khong", "biet"), ("chua", "biet")}
# The words that end those pairs ("biết", "hỏi", "nghị"): a message with none of them announces
# no question, found by one set test before the pairs are read (most messages).
_ANNOUNCED_BY: Final = frozenset(b for _a, b in OPENERS)
_FOR_HELP: Final = frozenset({"giup", "gium", "dum"})
_STOP_TEXTS: Final = frozenset({"đừng", "dừng", "ngừng", "tắt", "hủy", "huỷ", "bỏ", "khỏi"})
_STOP_FOLDS: Final = frozenset({"dung", "ngung", "tat", "huy"})  # (not "bo": "bố tôi …")
_DENYING: Final = frozenset({"khong", "ko", "k", "chang"})
_DROPPED: Final = frozenset({"nhac", "dang", "dk", "theo", "tin", "thong", "giup", "gium", "di"})
# What checks the words before it after "đúng" ("đúng không", "đúng chứ", "đúng chưa"), and
# the words a follow-up opens with before "thì" ("vậy thì sao", "thế thì sao") (folded).
_CHECKING: Final = frozenset({"khong", "chu", "chua"})
_SO: Final = frozenset({"vay", "the"})
_LEADING: Final = frozenset({"thoi", "gio", "vay", "the", "con", "nen", "va", "ma", "ad", "bot",
                             "oi", "da", "a"})


def _some(tokens: list[Token], i: int, end: int) -> bool:
    """Is the word at `i` "đó" (typed so, or "do" without marks) after an asking word: "cái gì
    đó", "ai đó", "nơi nào đó" say something, someone, somewhere, and ask nothing (round 27 a)?"""
    return i < end and tokens[i].fold == "do" and (tokens[i].text == "đó" or not tokens[i].marked)


def part_asks(tokens: list[Token], start: int, end: int) -> bool:
    """Does the part [start, end) of a message ask a question: a question phrase (as `asks`
    reads it), a word that asks ("gì", "nào", "đâu", "ai", "mấy", "sao", "bao nhiêu") or a
    closing "không", "chưa" ("tuần lễ có hoạt động nào học trực tiếp không")? Not "ai", "gì"
    after a denial ("gọi thư viện mà không ai nghe", "không có gì") nor before "cũng" ("ai
    cũng được", "sáng nào cũng rảnh"): nobody, nothing, anybody, every (round 26 e)."""
    nobody = {i for i in range(start, end) if tokens[i].fold in ASK_WORDS and (
        (i > start and tokens[i - 1].fold in _NOBODY)
        # ("không biết gì", "chả biết gì": knows nothing, round 36 a)
        or (i > start + 1 and tokens[i].fold == "gi" and tokens[i - 1].fold == "biet"
            and tokens[i - 2].fold in _NOBODY)
        or any(t.fold == "cung" for t in tokens[i + 1:end]) or _some(tokens, i + 1, end))}
    if nobody:
        tokens = [replace(t, text="người", fold="nguoi") if i in nobody else t
                  for i, t in enumerate(tokens)]
    if asks(tokens, start, end):
        return True
    for i in range(start, end):
        t = tokens[i]
        if i in nobody or t.kind != "word" or t.fold not in ASK_WORDS:
            continue
        after = tokens[i + 1].fold if i + 1 < end else ""
        before = tokens[i - 1].fold if i > start else ""
        # (the words whose letters are others' too: "máy", "nhiều", "đầu", "sáo")
        if t.fold == "may" and not (t.text == "mấy" or (not t.marked and after in _COUNTED)):
            continue
        # ("mấy hôm nay", "mấy ngày trước": some days past, no question)
        if t.fold == "may" and after in _DAYS_PAST and i + 2 < end and tokens[
                i + 2].fold in _PAST:
            continue
        if t.fold == "nhieu" and before != "bao":
            continue
        if t.fold == "dau" and not (t.text == "đâu" or (not t.marked and before in _GONE_TO)):
            continue
        if t.fold == "sao" and t.marked and t.text != "sao":
            continue
        return True
    words = [t for t in tokens[start:end] if t.kind == "word" and t.fold not in CLOSING
             and t.fold not in _CALLED]
    return len(words) > 2 and words[-1].fold in YES_NO


# What a part that only asks leave to ask holds besides its "cho hỏi" (folded).
_LEAVE = frozenset({"cho", "hoi", "xin", "phep", "muon", "biet", "can", "ti", "chut",
                    "xiu", "la", "voi", "nhe", "nha", "a", "da", "thua", "ad", "admin", "bot",
                    "ban", "oi", "e", "t", "toi", "em", "minh", "chau", "tui", "to", "bac",
                    "anh", "chi", "co", "chu", "ong", "ba", "ve", "them", "mot", "cau"})


def leave_only(tokens: list[Token], start: int, end: int) -> bool:
    """Does the part [start, end) only ask leave to ask ("ad ơi cho em hỏi chút", "xin phép
    cho em hỏi là")?"""
    words = [t.fold for t in tokens[start:end] if t.kind == "word"]
    return bool(words) and all(w in _LEAVE for w in words)


def requests(tokens: list[Token], start: int, end: int) -> bool:
    """Does the part [start, end) of a message announce a question ("cho hỏi", "muốn biết")
    or make a request ("cho tôi xin số điện thoại", "cho em số của ban tổ chức", "xin lịch
    mai", "muốn xem bảng xếp hạng")? (round 26 e)"""
    folds = [t.fold for t in tokens[start:end] if t.kind == "word"]
    if start == 0:
        # (leave asked at the very start, "xin hỏi e vừa thi xong, | …", asks leave for the
        # whole message, not this part)
        lead = next((k for k, f in enumerate(folds) if f not in _LEAVE), len(folds))
        if lead and ({"hoi", "biet"} & set(folds[:lead])):
            folds = folds[lead:]
    pairs = set(itertools.pairwise(folds))
    # ("không biết", "chưa biết" announce only the question they are followed by: "chưa biết
    # đọc sách" tells what a child cannot do yet)
    if pairs & _ANNOUNCING or ("cho", "xin") in pairs or ("muon", "xem") in pairs:
        return True
    words = [f for f in folds if f not in _LEADING]
    # (or asks the bot to do it: "hủy nhận tin giúp tôi", "đăng ký giùm em")
    # (or orders something stopped: "thôi đừng gửi nữa", round 28 d)
    return (bool(words) and (words[0] == "xin" or (
        words[0] == "cho" and len(words) > 2 and words[1] in _FOR_ME) or (
        len(words) > 2 and words[-2] in _FOR_HELP and words[-1] in _FOR_ME))) or stops(
        tokens, start, end)


def stops(tokens: list[Token], start: int, end: int) -> bool:
    """Does the part [start, end) order something stopped: opened by a verb that stops
    ("thôi đừng gửi nữa", "tắt thông báo đi", "hủy giúp em"), typed with its marks or none
    (round 28 d)?"""
    # (after whom it is for: "tôi không cần", "em ko muốn nhận nữa")
    at = next((k for k in range(start, end) if tokens[k].kind == "word"
               and tokens[k].fold not in _LEADING and tokens[k].fold not in _FOR_ME), None)
    if at is None:
        return False
    first = tokens[at]
    if not first.marked and first.fold == "bo":  # "bo nhac lich di" (bỏ), not "bo toi" (bố)
        after = next((t for t in tokens[at + 1:end] if t.kind == "word"), None)
        return after is not None and after.fold in _DROPPED
    if first.fold in _DENYING:  # "(thôi) không cần báo lịch nữa", "ko muốn nhận nữa"
        after = next((t for t in tokens[at + 1:end] if t.kind == "word"), None)
        return after is not None and after.fold in _WANTS
    return first.text in _STOP_TEXTS or (not first.marked and first.fold in _STOP_FOLDS)


def closed(tokens: list[Token], start: int, end: int) -> int:
    """Where tokens [start, end) end without the particles that close them ("… với ạ")."""
    while end - 1 > start and (tokens[end - 1].kind == "symbol" or (
            tokens[end - 1].fold in CLOSING and tokens[end - 1].kind == "word")):
        end -= 1
    return end


def asks_yes_no(tokens: list[Token], start: int) -> bool:
    """Do the words from `start` on ask something: a question phrase, or "có" and a closing
    "không" ("năm nay có bão không")?"""
    words = [t for t in tokens[start:] if t.kind == "word" and t.fold not in CLOSING]
    return bool(words) and (asks(tokens, start, len(tokens)) or (
        words[-1].fold in YES_NO and any(t.fold == "co" for t in words[:-1])))


def heard_of(tokens: list[Token], filler: Callable[[Token], bool]) -> list[Token]:
    """The message without its opening parts that only tell how the writer learned of it,
    when a question follows ("hôm qua nghe loa phường nói, | mai có gì", "em mới biết tin,
    | …"): they ask nothing and name nothing asked. A part that says what was heard ("nghe
    nói có hội sách, | ở đâu vậy": "có" after the verb) stays, as does one that asks."""
    last = tokens[-1].clause if tokens else 0
    drop = 0
    for clause in range(last):
        part = [(i, t) for i, t in enumerate(tokens) if t.clause == clause]
        if not part or part[0][0] != drop:
            break
        if asks(tokens, part[0][0], part[-1][0] + 1):
            break
        if not (_heard(part, filler) or _asked_me(part)):
            break
        drop = part[-1][0] + 1
    rest = tokens[drop:]
    return rest if drop and any(t.kind == "word" for t in rest) else tokens


# Where the writer says they are or mean, the Week's own city ("ở hải phòng", "tại hp", "trên
# thành phố", "trên địa bàn tp hải phòng"): the words that say "at" (as typed: "ở" or "o",
# not "ô", "ơ"; "bên" only with its marks, "ben" may be "bến"), what may stand between them
# and the city's name, and its names (folded).
AT: Final = frozenset({"ở", "o", "tại", "tai", "trên", "tren", "bên", "khắp", "khap"})
_AREA: Final = (("dia", "ban"), ("khu", "vuc"), ("thanh", "pho"), ("tp",))
_CITY: Final = (("hai", "phong"), ("hp",))
# after "thành phố" said alone, another city or a question of which ("ở thành phố khác", "ở tp
# nào"): not the Week's
_NOT_THIS_CITY: Final = frozenset({"khac", "nao", "lon"})
_DISTRICT_KINDS: Final = frozenset({"quan", "huyen", "q"})
_CLOSE_AFTER: Final = 2


def _said_at(tokens: list[Token], i: int, names: tuple[tuple[str, ...], ...]) -> int:
    """The length of one of `names` said at `i` (0 when none is)."""
    for name in names:
        end = i + len(name)
        if end <= len(tokens) and all(
                tokens[i + k].fold == w for k, w in enumerate(name)):
            return len(name)
    return 0


def home_city(tokens: list[Token], filler: Callable[[Token], bool],
              districts: tuple[tuple[str, ...], ...] = ()) -> list[Token]:
    """The message without the place it says when that place is Hải Phòng, the Week's own
    city ("con tôi học lớp 5 tham gia được ở hải phòng không", "cho tui vào thi tại hp với",
    "trên thành phố tuần này có lịch gì"): every answer of the Week is of the city, so the
    place narrows nothing, and said inside the question it parts the phrases that ask
    ("tham gia được … không"). One of its `districts` (folded names) said so inside the
    question is moved to the end of its part ("lớp kỹ năng số có thu tiền ở thủy nguyên không"
    reads "… có thu tiền không ở thủy nguyên"): it may narrow the answer to the district's
    events, wherever it is said. Another city ("ở thành phố khác", "tp hồ chí minh") and the
    city named as a subject ("thời tiết hải phòng") stay."""
    kept: list[Token] = []
    held: list[Token] = []  # a district said inside its part, put back at the part's end
    i, n = 0, len(tokens)
    while i < n:
        t = tokens[i]
        if held and t.clause != held[0].clause:
            kept += held
            held = []
        if t.text in AT:
            end = i + 1
            while (step := _said_at(tokens, end, _AREA)) and end - i < 6:
                end += step
            city = _said_at(tokens, end, _CITY)
            # (a "hai" typed with its marks is two, not the city: "ở hai phòng học")
            if city and not (city == 2 and tokens[end].marked and tokens[end].text != "hải"):
                i = end + city
                continue
            if end > i + 1 and tokens[end - 1].fold in ("pho", "tp") and (
                    end == n or tokens[end].kind != "word" or (
                        filler(tokens[end]) and tokens[end].fold not in _NOT_THIS_CITY)):
                i = end
                continue
            end = i + 1 + (end == i + 1 and i + 1 < n and tokens[i + 1].fold in _DISTRICT_KINDS)
            district = _said_at(tokens, end, districts)
            # (the question closes right after it, in a word or two: "… có thu tiền | ở thủy
            # nguyên | không"; a long part goes on with a story of its own)
            rest = [w for w in tokens[end + district:] if w.kind == "word"
                    and w.clause == t.clause] if district else []
            if kept and kept[-1].kind == "word" and kept[-1].clause == t.clause \
                    and 0 < len(rest) <= _CLOSE_AFTER:
                held = tokens[i:end + district]
                i = end + district
                continue
        kept.append(t)
        i += 1
    kept += held
    return kept if len(kept) < n or held else tokens


def _heard(part: list[tuple[int, Token]], filler: Callable[[Token], bool]) -> bool:
    """Does `part` (a part of the message that asks nothing) only tell how the writer heard
    ("hôm qua nghe loa phường nói", "em mới biết tin", "thấy trên fb bảo", "cô giáo nhắn nhóm
    zalo lớp")?"""
    verbs = [k for k, (_i, t) in enumerate(part) if t.fold in _HEARD or (
        t.fold == "biet" and k + 1 < len(part) and part[k + 1][1].fold == "tin") or (
        t.fold == "nhan" and k + 1 < len(part) and part[k + 1][1].fold in _GROUPS)]
    if not verbs:
        return False
    before = [t for _i, t in part[:verbs[0]] if t.kind == "word"]
    if any(t.fold in _LIKES for t in before):
        return False  # "mẹ tôi thích nghe truyện audio": what someone listens to
    after = [t for _i, t in part[verbs[0] + 1:] if t.kind == "word"]
    if any(t.fold == "co" for t in after):
        return False  # "nghe nói có hội sách": what was heard, asked of next
    # before the verb only who heard and when ("hôm qua", "em mới"): "ông tôi muốn đến thư
    # viện đọc báo," says what is wanted, not how the writer heard
    if all(t.fold in SELF or t.fold in DATE_FOLDS or t.fold in _TOLD_WHEN or filler(t)
           for t in before) and any(t.fold in DATE_FOLDS or t.fold in _WHEN for t in before) \
            and len(after) <= _SOURCE_WORDS:
        return True
    # said without when, a source or a verb of saying is named ("tôi đọc sách, | ở đâu" asks
    # of a book; "nghe loa phường nói, | …" tells how)
    return bool(after) and len(after) <= _SOURCE_LONG and (
        any(t.fold in _SOURCES for t in after) or after[-1].fold in _SAID) and all(
        t.fold in SELF or t.fold in _TELLERS or t.fold in _TOLD_WHEN or filler(t)
        for t in before)


_HEARD_AT: Final = _HEARD | {"xem"}
_SOURCE_SPAN = 6  # at most this many words between the verb of hearing and the one of saying
_SAID_IN = frozenset({"trong", "o", "tai", "luc", "hom", "buoi"})  # where it was said (folded)
_SAID_WHAT = frozenset({"ve", "la", "co", "rang", "rong", "nhung", "ma"})  # what follows (folded)


def heard_at(tokens: list[Token]) -> set[int]:
    """The words that name where the writer heard or read something, between a verb of
    hearing or reading and one of saying in the same part ("nghe | ở lễ khai mạc | nói có chỗ
    mượn sách", "đọc | trên fb thấy | nói về …", "xem | khai mạc trên tv thấy | nói có cuộc
    thi"): the place or the event there is where it was heard, not what is asked (round
    30 c). What was said, after the verb of saying, stays."""
    out: set[int] = set()
    for k, t in enumerate(tokens):
        if t.fold not in _HEARD_AT or t.kind != "word":
            continue
        end = next((j for j in range(k + 2, min(len(tokens), k + 2 + _SOURCE_SPAN))
                    if tokens[j].clause == t.clause and tokens[j].fold in _SAID
                    and tokens[j].text != "báo"), -1)
        if end > 0 and all(tokens[j].clause == t.clause for j in range(k, end)):
            out |= set(range(k + 1, end))
            # (and where it was said, right after: "nghe cô giáo nói | trong họp phụ huynh | về
            # cuộc thi", up to what was said)
            if end + 1 < len(tokens) and tokens[end + 1].fold in _SAID_IN:
                for j in range(end + 1, min(len(tokens), end + 2 + _SOURCE_SPAN)):
                    if tokens[j].clause != t.clause or tokens[j].fold in _SAID_WHAT:
                        break
                    out.add(j)
    return out


def _asked_me(part: list[tuple[int, Token]]) -> bool:
    """Does `part` only tell that someone asked the writer, who could not answer ("con em
    hỏi mà em không biết", "con tôi hỏi tôi chịu", "bé nhà em hỏi em cũng chưa biết")?"""
    folds = [t.fold for _i, t in part if t.kind == "word"]
    asked = next((k for k, f in enumerate(folds) if f in _ASKED_ME), None)
    if asked is None or asked == 0 or asked > 3 or not all(
            f in SELF or f in _TELLERS for f in folds[:asked]):
        return False
    # after the asking only the writer and that they do not know ("mà", "nhưng", "cũng")
    rest = [f for f in folds[asked + 1:] if f not in SELF and f not in ("ma", "nhung", "cung",
                                                                          "thi", "nen")]
    return any(tuple(rest) == known for known in _NOT_KNOWN)


def continued(tokens: list[Token]) -> list[Token]:
    """A comma or a line break typed inside the question ("tuần lễ, | có gì", "mỗi câu được
    | bao nhiêu thời gian", "hội khuyến học, | có trao thưởng không"): the part after it
    continues the part before, which names only what is asked of, and is read as one part
    with it. The part after opens with "có" or a question phrase (it has no subject of its
    own); the part before asks nothing and tells nothing of its own: no one who writes, is
    called or greeted, nothing heard or done ("mai tôi rảnh, | có gì không", "btc ơi, | có ai
    không", "nghe nói…, | có gì" stay two parts), nothing denied ("không phải …")."""
    if not tokens or tokens[-1].clause == tokens[0].clause:
        return tokens
    joins: set[int] = set()  # the parts read as one with the part before them
    start = 0
    for k in range(1, len(tokens)):
        t = tokens[k]
        if t.clause == tokens[k - 1].clause:
            continue
        part, start = tokens[start:k], k
        opens = ((t.text == "có" or (t.fold == "co" and not t.marked)) and not t.expanded) or any(
            run(tokens, k, k + len(q)) == f" {' '.join(q)} "
            for q in QUESTION_STARTS.get(t.fold, ()) if len(q) > 1)
        words = [x for x in part if x.kind == "word"]
        folds = [x.fold for x in words]
        if (opens and words and not any(
                x.text in _OWN_SENTENCE if x.marked else x.fold in _OWN_FOLDS for x in words)
                and not any(f in ASK_WORDS for f in folds)
                and not any(pair in DENIALS for pair in itertools.pairwise(folds))
                and not asks(part, 0, len(part))):
            joins.add(t.clause)
    if not joins:
        return tokens
    return [replace(t, clause=t.clause - sum(c <= t.clause for c in joins)) for t in tokens]


def particles(tokens: list[Token],
               filler: Callable[[Token], bool] = lambda _t: False) -> list[Token]:
    """'thi' typed without marks right after a question and before more words is the particle
    thì ("bao giờ thi kết thúc": bao giờ thì kết thúc), not the contest's thi; so is 'thi'
    that closes a condition or a purpose ("muốn …", "nếu …", "để …", with a word of its own
    between) before a question with words of its own ("muon tham gia thi lien he ai"). And
    "bao giờ"
    written from an abbreviation ("bh") in a message that asks with gì or nào is "bây giờ":
    one question word a sentence ("bh có sự kiện gì": now; "khai mạc bh": when)."""
    out = list(tokens)
    # "có mất phí à?", "có thi lại được hả": "à", "hả" closing a part that asks with "có"
    # ask as "không" does; "a" typed without marks is "ạ" or "à", and either way a part that
    # asks with "có" and two words of its own after it, and not with "gì", asks yes or no
    # ("co phai dong tien a"; "có ạ" alone is an answer, "co sk gi a" asks what)
    for i, t in enumerate(tokens):
        if (t.text in ("à", "hả", "hở", "ha", "a")
                and (i + 1 == len(tokens) or tokens[i + 1].clause != t.clause
                     or all(x.kind != "word" for x in tokens[i + 1:]))):
            part = [x for x in tokens[:i] if x.clause == t.clause]
            # ("có" typed so or without marks: not "cơ" of "cơ quan"; round 33 b)
            has = [k for k, x in enumerate(part) if x.fold == "co" and (
                x.text == "có" or not x.marked)]
            if has and not any(x.fold in ("khong", "chua") for x in part) and (
                    t.text != "a" or (len(part) - has[0] >= 3
                                      and not any(x.fold == "gi" for x in part))):
                out[i] = replace(make_token("không"), clause=t.clause)
    # "… khai mạc ngày 1/10 đúng không", "đúng chứ", "đúng chưa", "đúng hem" closing a part:
    # what it says checked, as "phải không" checks it; "đúng" is no word of the subject's
    # (round 33 b)
    for i in range(len(tokens) - 1):
        t = tokens[i]
        if t.fold == "dung" and (t.text == "đúng" or not t.marked) and (
                tokens[i + 1].fold in _CHECKING) and _part_closes(tokens, i + 1):
            out[i] = replace(make_token("phải"), clause=t.clause)
    said = run(tokens)  # (once: looked in for six phrases)
    asks_what = (" gi " in said or " nao " in said) and not any(
        f" {q} " in said for q in ("khi nao", "luc nao", "ngay nao", "gio nao"))
    if asks_what:
        for i in range(len(tokens) - 1):
            if tokens[i].expanded and tokens[i].text == "bao" and tokens[i + 1].text == "giờ":
                out[i] = replace(tokens[i], text="bây", fold="bay")
    for i in range(1, len(tokens) - 1):
        t = tokens[i]
        if t.text == "thi" and tokens[i - 1].fold in _CONTEST_BEFORE:
            continue  # "cuộc thi", "dự thi", "bài thi": never the particle (round 26 c)
        if t.text == "thi" and tokens[i + 1].kind == "word" and run(tokens, 0, i).endswith(
                _QUESTION_ENDS):
            out[i] = replace(make_token("thì"), clause=t.clause)
        elif t.text == "thi" and tokens[i - 1].fold in _SO and (
                i == 1 or tokens[i - 2].clause != t.clause) and tokens[i + 1].fold == "sao" \
                and _part_closes(tokens, i + 1):
            # "vậy thi sao", "the thi sao ad": a follow-up that names nothing ("vậy thì
            # sao"), no contest; "vay thi bao gio" may ask when the contest is (round 33 b)
            out[i] = replace(make_token("thì"), clause=t.clause)
        # ("muốn dự thi thì đăng ký ở đâu": "thi" before the particle itself is the contest's)
        elif t.text == "thi" and tokens[i + 1].fold != "thi" and (
                asks(tokens, i + 1, len(tokens))
                or any(x.fold in ASK_WORDS for x in tokens[i + 1:])):
            # (and a condition of what is lacking: "nhà không có mạng | thì tham gia kiểu
            # gì", "chưa có tài khoản thì …", round 27 b)
            opens = [k for k in range(i) if (tokens[k].fold in _CONDITIONS or (
                tokens[k].fold in _LACKS and tokens[k + 1].fold == "co"))
                     and tokens[k].clause == t.clause]
            between = opens and any(not filler(x) for x in tokens[opens[-1] + 1:i])
            own = [x for x in tokens[i + 1:] if x.kind == "word" and not filler(x)
                   and x.fold not in _QUESTION_FOLDS]
            # ("muon du thi thi lam the nao": after the contest's "thi" the second is the
            # particle even when only the question follows)
            if between and (own or tokens[i - 1].fold == "thi"):
                # the condition is a part of its own: what follows "thì" is asked
                out[i] = replace(make_token("thì"), clause=t.clause)
                out[i + 1:] = [replace(x, clause=x.clause + 1) for x in out[i + 1:]]
    return out


def _part_closes(tokens: list[Token], k: int) -> bool:
    """Is the word at `k` the last of its part, but for particles and calls after it?"""
    clause = tokens[k].clause
    return all(x.kind != "word" or x.fold in CLOSING or x.fold in _CALLED
               for x in tokens[k + 1:] if x.clause == clause)


def announcing(tokens: list[Token]) -> set[int]:
    """The positions of the words that announce a question ("muốn biết", "cho hỏi")."""
    folds = [t.fold for t in tokens]
    if _ANNOUNCED_BY.isdisjoint(folds):
        return set()
    return {i + k for i in range(len(folds) - 1) if (folds[i], folds[i + 1]) in OPENERS
            for k in (0, 1)}


def opened(tokens: list[Token]) -> int:
    """Where the question starts after words that announce it ("không biết", "cho hỏi"),
    the last of them; -1 when none."""
    folds = [t.fold for t in tokens]
    if _ANNOUNCED_BY.isdisjoint(folds):
        return -1
    return max((i + 2 for i in range(len(folds) - 2)
                if (folds[i], folds[i + 1]) in OPENERS), default=-1)


def announced(tokens: list[Token]) -> int:
    """Where the question starts after words that can only announce it ("cho hỏi", "muốn
    biết"; not "không biết", "chưa biết", which may say what one cannot do: "chưa biết sử
    dụng"), the last of them; -1 when none."""
    folds = [t.fold for t in tokens]
    if _ANNOUNCED_BY.isdisjoint(folds):
        return -1
    return max((i + 2 for i in range(len(folds) - 2)
                if (folds[i], folds[i + 1]) in _ANNOUNCING), default=-1)


def denied(tokens: list[Token], lead: int = 0) -> set[int]:
    """The words of a part that opens by denying its subject ("không phải cuộc thi, …",
    "tôi không hỏi lịch, …") before another part says what is asked. The part opens after
    the `lead` words that ask leave to ask and after a call ("bot ơi không phải …")."""
    out: set[int] = set()
    last = tokens[-1].clause if tokens else 0
    for i in range(len(tokens) - 1):
        t = tokens[i]
        if (t.fold, tokens[i + 1].fold) not in DENIALS:
            continue  # (first: most words open no denial)
        first = next(k for k, u in enumerate(tokens) if u.clause == t.clause)
        if lead and tokens[lead - 1].clause == t.clause:
            first = max(first, lead)
        if first + 1 < i and tokens[first + 1].fold == "oi" and tokens[first + 1].clause \
                == t.clause:
            first += 2
        # (the last part too, when it only denies, after a part that says what is meant: "ý
        # tôi là thư viện cơ, | không phải khóa học"; not "…, | không phải đóng tiền à")
        # (a thing denied, "không phải": "không muốn nhận nữa" there is what is asked)
        if i - first > 1 or (t.clause == last and (
                first == 0 or tokens[i + 1].fold != "phai" or asks(tokens, first, len(tokens))
                or tokens[-1].fold in YES_NO | CLOSING)):
            continue
        out |= {k for k in range(i + 2, len(tokens)) if tokens[k].clause == t.clause}
    # "ý em là thư viện chứ không phải khóa học": what follows "chứ không phải" in its part
    # is denied, what comes before it asked (round 27 b)
    for i in range(1, len(tokens) - 3):
        if tokens[i].fold == "chu" and (tokens[i].text == "chứ" or not tokens[i].marked) and (
                tokens[i + 1].fold, tokens[i + 2].fold) in _DENIED_AFTER:
            out |= {k for k in range(i + 3, len(tokens)) if tokens[k].clause == tokens[i].clause}
    return out


def denying(tokens: list[Token], denied: set[int]) -> set[int]:
    """The words that deny the subject `denied` (parts.denied): "không phải", "không cần", …
    right before it (round 30 c)."""
    return {k for i in denied if i >= 2 and i - 1 not in denied
            and (tokens[i - 2].fold, tokens[i - 1].fold) in DENIALS for k in (i - 2, i - 1)}


_DENIED_AFTER: Final = frozenset({("khong", "phai"), ("dau", "phai"), ("chang", "phai"),
                                  ("khong", "hoi")})


def besides(tokens: list[Token]) -> set[int]:
    """The words set aside by "ngoài … ra" before what is asked ("ngoài cuộc thi ra còn có
    hoạt động nào khác"): the subject between them is not asked. "ra" is often left out
    ("ngoài cuộc thi còn có gì khác", "ngoài lễ khai mạc thì còn gì"): then "còn" or "thì"
    ends the subject."""
    folds = [t.fold for t in tokens]
    if not _ASIDE_FIRST.intersection(folds):
        return set()  # (most messages set nothing aside)
    for i, f in enumerate(folds):
        if f != "ngoai" and i + 2 < len(folds):
            aside = _set_aside_at(tokens, folds, i)
            if aside:
                return aside
        if f != "ngoai" or i + 2 >= len(folds):
            continue
        end = next((k for k in range(i + 2, len(folds)) if folds[k] in ("ra", "con")
                    or tokens[k].text == "thì"
                    or tokens[k].clause != tokens[i].clause), -1)
        # (or "ra" closes it: "ngoài việc đọc sách ra | tuần lễ có những hoạt động nào")
        if end > 0 and (any(x in ("con", "khac") for x in folds[end:]) or (
                folds[end] == "ra" and end > i + 1)):
            return set(range(i + 1, end))
    return set()


# Round 27 (b): other words that set a subject aside, at the start of their part ("trừ hôm
# khai mạc ra thì …", "bỏ qua hôm nay, mai có gì", "không tính đọc sách thì tuần lễ còn làm
# gì", "không kể thứ bảy, chủ nhật có gì"); "trừ" within a part only with "ra" after it ("lễ
# khai mạc trừ ra", no: "làm sai có bị trừ điểm không" deducts).
_ASIDE_FIRST: Final = frozenset({"ngoai", "tru", "bo", "khong", "chua"})
_ASIDE_PAIRS = frozenset({("bo", "qua"), ("khong", "tinh"), ("khong", "ke"), ("chua", "tinh"),
                          ("chua", "ke")})
_ASIDE_ENDS: Final = frozenset({"ra", "con"})


def setting_aside(tokens: list[Token], aside: set[int]) -> set[int]:
    """The words that set `aside` apart ("ngoài", "trừ", "bỏ qua", "không kể"): they ask
    nothing of their own."""
    if not aside:
        return set()
    first = min(aside)
    before = [tokens[k].fold for k in range(max(0, first - 2), first)]
    if before and before[-1] in ("ngoai", "tru"):
        return {first - 1}
    return {first - 2, first - 1} if tuple(before) in _ASIDE_PAIRS else set()


def _set_aside_at(tokens: list[Token], folds: list[str], i: int) -> set[int]:
    """The words set aside by "trừ", "bỏ qua", "không tính", "không kể" at `i`, or none."""
    f = folds[i]
    if f == "tru":
        width = 1
    elif f in _ASIDE_FIRST and (f, folds[i + 1]) in _ASIDE_PAIRS:
        width = 2
    else:
        return set()
    clause = tokens[i].clause
    first = next(k for k in range(i + 1) if tokens[k].clause == clause)
    opens = all(folds[k] in _LEADING or folds[k] in _CALLED for k in range(first, i))
    # (or "thi" typed without marks after a word set aside, before more words: "khong tinh
    # hom nay thi thu may co su kien")
    end = next((k for k in range(i + width, len(folds)) if folds[k] in _ASIDE_ENDS
                or tokens[k].text == "thì" or tokens[k].clause != clause
                or (tokens[k].text == "thi" and k > i + width and k + 1 < len(folds)
                    and folds[k - 1] not in _CONTEST_BEFORE
                    # ("trừ cái thi ra": "ra" closes the contest set aside, round 36 a)
                    and folds[k + 1] != "ra")), len(folds))
    if end >= len(folds) or end == i + width:
        return set()  # (nothing asked after what is set aside, or nothing set aside)
    if not opens and not (f == "tru" and folds[end] == "ra"):
        return set()
    if f == "tru" and not tokens[i].marked and not opens:
        return set()
    return set(range(i + width, end))


# Round 27 (b): two things compared, then what is asked of them ("học online với học trực
# tiếp | cái nào tốn tiền hơn", "thư viện 50k hay tủ sách lớp học | bên nào miễn phí").
_WHICH_OF: Final = frozenset({"cai", "ben", "loai", "kieu", "hinh"})
_JOINS: Final = frozenset({"voi", "vs", "hay", "va", "so"})


def compared(tokens: list[Token]) -> tuple[set[int], int]:
    """The words of two things compared before "cái nào", "bên nào" (joined by "với", "vs",
    "hay", "và") and where what is asked of them starts; (set(), -1) when none."""
    folds = [t.fold for t in tokens]
    if "nao" not in folds:
        return set(), -1
    for i in range(2, len(folds) - 1):
        if folds[i] != "nao" or folds[i - 1] not in _WHICH_OF:
            continue
        before = range(i - 1)
        if any(folds[k] in _JOINS for k in before):
            return {k for k in before if tokens[k].kind == "word"}, i + 1
    return set(), -1


def purpose(tokens: list[Token], explained: set[int]) -> set[int]:
    """The words of a purpose said after what is asked ("tuần lễ từ ngày nào đến ngày nào |
    để trường lên kế hoạch", "chủ đề là gì | để chúng tôi in khẩu hiệu"): "để", someone, and
    what follows in its part of the message tell why the question is asked, not what it asks
    (round 20 c). "để" before the answer's words is part of the question ("làm sao để nhận
    tin")."""
    if not explained:
        return set()
    last = max(explained)
    start = next((i for i in range(last + 1, len(tokens) - 1)
                  if tokens[i].text.lower() in _PURPOSE and not tokens[i].expanded
                  and tokens[i + 1].fold in _SOMEONE), -1)
    if start < 0:
        return set()
    return {i for i in range(start, len(tokens)) if tokens[i].clause == tokens[start].clause}


def condition(tokens: list[Token], filler: Callable[[Token], bool]) -> set[int]:
    """The words of a condition said after what is asked ("gọi cho ai | nếu bot không trả lời
    được"): "nếu" after words that ask something in its part of the message, and what follows
    it there up to "thì" typed with its marks ("… nếu mất mạng thì sao"), tell when the question
    holds, not what it asks. "nếu" opening its part ("nếu muốn thi thì …") is left: where its
    condition ends is not known without the marks."""
    for k, t in enumerate(tokens):
        if t.text.lower() not in ("nếu", "neu") or t.expanded or not any(
                x.kind == "word" and x.clause == t.clause and not filler(x) for x in tokens[:k]):
            continue
        end = next((j for j in range(k + 1, len(tokens))
                    if tokens[j].clause != t.clause or tokens[j].text.lower() == "thì"),
                   len(tokens))
        return set(range(k, end))
    return set()


def alternative(tokens: list[Token]) -> set[int]:
    """The words of an alternative offered after a yes/no question ("dân thường có được vào xem
    lễ khai mạc không | hay chỉ cán bộ", "… được không | hay là phải đến tận nơi"): "hay" right
    after the question's "không" and what follows it in its part of the message say what the
    writer fears instead; the question is the part before (round 24 d)."""
    for k in range(1, len(tokens) - 1):
        if tokens[k].fold == "hay" and tokens[k - 1].fold == "khong" \
                and tokens[k - 1].clause == tokens[k].clause == tokens[k + 1].clause:
            return {j for j in range(k, len(tokens)) if tokens[j].clause == tokens[k].clause}
    return set()


def opening_condition(tokens: list[Token], asked: set[int]) -> set[int]:
    """The words of a condition that opens the message, up to "thì" typed with its marks,
    when what is asked comes after it ("nếu đứt mạng giữa chừng thì | bài làm tính thế nào",
    "lỡ bấm nhầm thì | có sửa được không"): they tell when the question holds, as a story
    does, not what it asks (round 24c). Typed without marks "thi" may be the contest's."""
    start = next((k for k, t in enumerate(tokens) if t.text.lower() in ("nếu", "lỡ", "nhỡ")
                  and not t.expanded), -1)
    if start < 0 or not asked or any(
            x.kind == "word" and x.clause == tokens[start].clause for x in tokens[:start]
            if x.text.lower() not in ("ad", "bot", "ơi", "ạ", "cho", "hỏi", "em", "tôi")):
        return set()
    end = next((j for j in range(start + 1, len(tokens)) if tokens[j].text == "thì"), -1)
    if end < 0 or min(asked) <= end:
        return set()
    return set(range(start, end + 1))


def ceremony(tokens: list[Token], start: int) -> bool:
    """Is "lễ" (a ceremony) typed right before the name that starts at `start`?"""
    t = tokens[start - 1] if start else None
    return t is not None and t.clause == tokens[start].clause and (
        t.text == "lễ" or (t.text == "le" and not t.expanded))


def clause_span(tokens: list[Token], clause: int) -> tuple[int, int]:
    memo = of_last("clause_span", tokens)
    found = memo.get((clause, None))
    if found is None:
        at = [i for i, t in enumerate(tokens) if t.clause == clause]
        found = memo[clause, None] = (at[0], at[-1] + 1)
    return found  # type: ignore[return-value]


def asking(tokens: list[Token]) -> set[int]:
    """The positions of the words of the question phrases in the message (sought up to three
    times a message by the rules of the answer chosen: kept, `of_last`)."""
    memo = of_last("asking", tokens)
    found = memo.get((0, None))
    if found is None:
        found = memo[0, None] = frozenset(_asking(tokens))
    return set(found)  # type: ignore[call-overload]


def _asking(tokens: list[Token]) -> set[int]:
    folds = [t.fold for t in tokens]
    out: set[int] = set()
    for i, first in enumerate(folds):
        for q in QUESTION_STARTS.get(first, ()):
            if tuple(folds[i:i + len(q)]) == q:
                out.update(range(i, i + len(q)))
    return out


def context(tokens: list[Token], explained: set[int], lead: int = 0) -> set[int]:
    """In a long message, the words far from what the answer explains: the story told
    around the question ("con tôi học lớp 9, muốn cho cháu thi | có phải đóng tiền gì
    không"), which says less about what is asked than the words beside it."""
    words = [i for i, t in enumerate(tokens) if t.kind in ("word", "number") and i >= lead]
    if len(words) < CONTEXT_LENGTH or not explained:
        return set()
    # What a question word stands beside is asked ("phòng khám nào"), never context.
    last = words[-1] if tokens[words[-1]].fold in ("khong", "chua", "a", "vay") else -1
    anchors = explained | {i for i in words if tokens[i].fold in ASK_WORDS and (
        not tokens[i].expanded or tokens[i].fold != "ai")} | {last}
    near = {j + d for j in anchors for d in range(-CONTEXT_GAP, CONTEXT_GAP + 1)}
    return {i for i in words if i not in near}


def subject(tokens: list[Token], info: dict[int, float], explained: set[int]) -> set[int]:
    """The words before "có" in a yes/no question whose predicate (from "có" to "không")
    the answer explains: who or what it is asked of ("người khuyết tật | có tham gia được
    không"), which says less than the predicate."""
    has = next((i for i, t in enumerate(tokens) if t.fold == "co" and not t.expanded), -1)
    end = max((i for i, t in enumerate(tokens) if t.fold in ("khong", "chua")), default=-1)
    if has < 0 and explained and end > max(explained) and all(
            t.fold in ("duoc", "khong", "chua") or not t.fold.isalpha()
            for t in tokens[max(explained) + 1:end + 1]) and any(
            t.fold == "duoc" for t in tokens[max(explained) + 1:end]):
        # said without "có": "<who> | thi được không" ("bố mẹ em 50 tuổi thi dc k", "người
        # đã nghỉ hưu thi được không"): the words before what "được không" is asked of say
        # who (round 24c)
        return {i for i in info if i < min(explained)}
    predicate = [i for i in info if has < i < end]
    if has <= 0 or not predicate or not set(predicate) <= explained:
        return set()
    return {i for i in info if i < has}


def predicate_elsewhere(tokens: list[Token], info: dict[int, float], explained: set[int],
                         strange: set[int]) -> bool:
    """A yes/no question ("… có … không") whose subject (the words before "có", in its
    part of the message) holds all the answer explains, and whose predicate holds words
    no phrase of the content has (unknown, or known words in an order no phrase has) and
    none the answer explains."""
    has = next((i for i, t in enumerate(tokens) if t.fold == "co" and not t.expanded), -1)
    end = max((i for i, t in enumerate(tokens) if t.fold in ("khong", "chua")), default=-1)
    predicate = {i for i in info if has < i < end}
    return (has > 0 and max(explained) < has and bool(predicate & strange)
            and not predicate & explained
            and all(tokens[i].clause == tokens[has].clause for i in explained))


def spans(tokens: list[Token], name: str) -> set[int]:
    """The positions of the words of `name` (folded) where they stand together."""
    words = name.split()
    return {i + k for i in range(len(tokens) - len(words) + 1)
            if [t.fold for t in tokens[i:i + len(words)]] == words
            for k in range(len(words))}


# Round 17 (c): a message asking to be sent something every day ("mỗi ngày gửi lịch cho bác",
# "tối nào cũng gửi lịch cho tôi", "gui lich cho minh moi sang") asks for the reminders, in
# whatever order its words come; one that stops them ("đừng gửi … mỗi ngày") does not (folded).
_SENDS: Final = frozenset({"gui", "nhan", "nhac", "bao"})
_NOT_SENT_AFTER_BAO: Final = frozenset({"nhieu", "gio", "lau", "cao", "chi"})  # bao nhiêu, báo cáo
# "đọc báo", "sách báo", "tờ báo": the newspaper, not "báo" (notify) (round 24b)
_PAPER_BEFORE_BAO: Final = frozenset({"doc", "sach", "to"})
_EVERY: Final = frozenset({("moi", "ngay"), ("moi", "sang"), ("moi", "toi"), ("moi", "buoi"),
                           ("hang", "ngay"), ("hang", "sang"), ("moi", "tuan"), ("hang", "tuan")})
_EVERY_PARTS: Final = frozenset({"sang", "trua", "chieu", "toi", "ngay", "hom"})
_WANTS: Final = frozenset({"can", "muon", "nhan", "gui", "nhac", "thich"})  # a verb after "không"
_STOPS_SENDING: Final = frozenset({"dung", "khong", "ko", "k", "thoi", "ngung", "huy", "tat", "bo",
                                   "chang", "cha", "nua", "khoi"})


_MONEY: Final = frozenset({"tien", "phi"})  # money asked of the sending (round 23 d)
_AT_WHAT_TIME: Final = ("may gio", "may h", "luc nao", "gio nao", "khi nao")
_HOW_OR_WHEN: Final = (*_AT_WHAT_TIME, "the nao", "ra sao", "nhu nao", "lam sao", "o dau",
                       "cach nao")
_SEND_TEXTS: Final = frozenset({"gửi", "nhận", "nhắn", "nhắc", "báo"})
_BEFORE_NHAN: Final = frozenset({"cong", "ca"})  # "cong nhan", "ca nhan" typed without marks
_AFTER_NHAN: Final = frozenset({"vien", "dan", "su"})  # "nhan vien", "nhan dan", "nhan su"
_HOW_MANY = frozenset({"may", "nhieu", "tan", "lien", "hoai", "mai"})  # "nhắn mấy tin", "nhắn
# nhiều quá", "gửi liên tục", "nhắn hoài", "gửi mãi": how much is sent, told (folded)


def _sends(words: list[Token], i: int) -> bool:
    """Is word `i` a verb that sends (gửi, nhận, nhắn, nhắc, báo), not "nhân" of "công
    nhân", "cá nhân", "nhân viên" (round 28 d)?"""
    t = words[i]
    if t.fold not in _SENDS or (t.marked and t.text not in _SEND_TEXTS):
        return False
    return t.marked or not ((i and words[i - 1].fold in _BEFORE_NHAN) or (
        i + 1 < len(words) and words[i + 1].fold in _AFTER_NHAN))


def asks_when(tokens: list[Token]) -> bool:
    """Does the message ask at what time ("mấy giờ", "lúc nào", "giờ nào") (round 28 d)?"""
    text = run(tokens)
    return any(f" {q} " in text for q in _AT_WHAT_TIME)


def asks_how(tokens: list[Token]) -> bool:
    """Does the message ask at what time, how or where ("lúc nào", "thế nào", "ở đâu")
    (round 28 d)?"""
    text = run(tokens)
    return any(f" {q} " in text for q in _HOW_OR_WHEN)


def every_day(tokens: list[Token]) -> bool:
    """The message asks to be sent something every day or every morning; not one that tells
    how many are sent ("ngày nào bot cũng nhắn mấy tin", "nhắn nhiều quá": a complaint of
    what is sent already) (round 28 d)."""
    words = [t for t in tokens if t.kind == "word"]
    # (the verbs' set first, as _sends reads it: most words send nothing)
    send = next((t.clause for i, t in enumerate(words)
                 if t.fold in _SENDS and _sends(words, i)), None)
    if send is None:  # (nothing sent: the rest is not read)
        return False
    # from the part of the message that sends on ("con em hỏi mà em không biết, …" before it
    # tells a story); a "không" after the send verb that no verb follows asks ("… được không
    # ạ", "… nhé ko vậy"), one before it or before a verb stops ("không cần gửi")
    folds = [t.fold for t in words if send is not None and t.clause >= send]
    if _MONEY & set(folds):  # ("nhận tin nhắc lịch hằng ngày có bị tính tiền không": the fee)
        return False
    first = next((i for i, f in enumerate(folds) if f in _SENDS), 0)
    if any(f in _STOPS_SENDING and not (
            f == "khong" and i > first and (i + 1 == len(folds) or folds[i + 1] not in _WANTS))
           for i, f in enumerate(folds)):
        return False
    sent = [t for t in words if t.clause >= send]
    verbs = {i for i, f in enumerate(folds) if _sends(sent, i) and not (f == "bao" and (
        (i + 1 < len(folds) and folds[i + 1] in _NOT_SENT_AFTER_BAO)
        or (i and folds[i - 1] in _PAPER_BEFORE_BAO)))}
    if not verbs or any(i + 1 < len(folds) and folds[i + 1] in _HOW_MANY for i in verbs):
        return False
    # ("tối nào cũng | gửi lịch cho tôi": the verb that sends follows "cũng"; "tối nào cũng
    # rảnh" is when the writer is free)
    return bool(set(itertools.pairwise(folds)) & _EVERY) or any(
        folds[i] in _EVERY_PARTS and folds[i + 1] == "nao" and any(
            folds[k] == "cung" and verbs & set(range(k + 1, k + 4))
            for k in range(i + 2, min(i + 5, len(folds))))
        for i in range(len(folds) - 2))


# Round 18 (c): a message for the organizers is a verb that carries a message (nhắn, gửi lời,
# chuyển lời …) addressed to them ("tới / cho / với ban tổ chức"), in whatever words come
# between ("cho tôi gửi lời nhắn tới ban tổ chức", "nhắn với btc giúp em là …"); not a
# salutation ("kính gửi ban tổ chức"), not a report or a plan sent to them (folded).
_CARRIES: Final = frozenset({"nhan", "gui", "chuyen"})
_TO: Final = frozenset({"toi", "den", "cho", "voi", "len"})
_PAPERS: Final = frozenset({("bao", "cao"), ("ke", "hoach"), ("ho", "so"), ("so", "lieu"),
                            ("danh", "sach")})
_NOT_A_MESSAGE: Final = frozenset({"kinh", "bao", "ke", "so", "mail", "email", "ho", "noi", "tin",
                                   "danh", "dang", "lich", "bai", "thong"})


_TOLD_SENT: Final = frozenset({"da", "vua"})
_TOLD_AFTER: Final = frozenset({"roi", "xong"})


def for_organizers(tokens: list[Token]) -> bool:
    """The message asks the bot to pass a message on to the organizers."""
    folds = [t.fold for t in tokens if t.kind == "word"]
    if "chuc" not in folds:  # (no "ban tổ chức": the rest is not read)
        return False
    for i in range(len(folds) - 3):
        if folds[i + 1:i + 4] == ["ban", "to", "chuc"] and folds[i] in _TO:
            before = folds[max(0, i - 7):i]  # ("chuyển giúp tôi câu hỏi này tới btc")
            verb = next((k for k in range(len(before) - 1, -1, -1) if before[k] in _CARRIES), -1)
            after = set(itertools.pairwise(folds[i + 4:i + 9]))
            # (not one told as passed on already: "cảm ơn bot đã chuyển câu hỏi của tôi cho
            # ban tổ chức", "hôm qua tôi gửi câu hỏi cho btc rồi", round 28 d)
            at = i - len(before) + verb  # (the verb's place in the message)
            told = (at > 0 and folds[at - 1] in _TOLD_SENT) or any(
                f in _TOLD_AFTER for f in folds[i + 4:i + 7])
            if (verb >= 0 and not _NOT_A_MESSAGE & set(before[max(0, verb - 1):])
                    and not after & _PAPERS and not told):
                return True
    return False


# Round 18 (c): deleting or keeping what is mine is a verb that deletes or keeps (xóa, hủy, lưu,
# giữ) with something of the speaker's ("của tôi", "cá nhân") after it in its part of the
# message, whatever the thing is called ("hủy hồ sơ cá nhân của mình"); not the reminders
# ("hủy đăng ký của tôi") (folded).
_DELETES: Final = frozenset({"xoa", "huy", "luu", "giu"})
_MINE: Final = frozenset({("cua", "toi"), ("cua", "minh"), ("cua", "em"), ("cua", "tao"),
                          ("cua", "chau"), ("cua", "to"), ("ca", "nhan"), ("ve", "toi"),
                          ("ve", "minh"), ("ve", "em")})
_NOT_MINE: Final = frozenset({"dang", "ky", "thong", "nhac", "tin", "lich", "theo", "thi", "diem"})


def deletes_mine(tokens: list[Token]) -> bool:
    """The message asks what the bot keeps of the speaker, or to delete it."""
    words = [t for t in tokens if t.kind == "word"]
    for i, t in enumerate(words):
        if t.fold in _DELETES:
            rest = [w.fold for w in words[i + 1:] if w.clause == t.clause]
            if (set(itertools.pairwise(rest)) & _MINE and not _NOT_MINE & set(rest)):
                return True
    return False


def free_said(tokens: list[Token]) -> bool:
    """Whether the message says something is wanted free ("miễn phí", "free", "không mất
    tiền"), not asks whether it is ("có mất tiền không")."""
    text = run(tokens)
    return " mien phi " in text or " free " in text or (
        " khong mat tien " in text and " co khong mat tien " not in text)

