"""The Công dân học tập contest: registration, timed questions, results, ranking, export.

Fairness lives here and in the store, never in the client: the correct option is never sent
before the answer; the time is measured on the server from when the question was shown; only
the current question of the current attempt can be answered, once. One person (one platform
identity, even after erasing their data) gets the edition's number of attempts, no more.

While a question is open the user is in the QUESTION flow: a letter ("b", "câu B", "đáp án
b", "chọn B") answers it; /menu, /huy and /start leave it (the time keeps running; /thi comes
back); /ngonngu changes the language and shows it again; anything else, commands included,
shows the question again with the time left.
"""

from __future__ import annotations

import contextlib
import random
import re
import unicodedata
from dataclasses import replace
from datetime import datetime
from enum import StrEnum

from content import Edition, Question
from handlers.contest_types import Attempt, AttemptMoved, ContestStore, Participant, Record
from handlers.context import Ctx
from handlers.features.general import language
from handlers.format import back_button, menu_buttons, private_only_reply
from handlers.i18n import N_, _, current_locale, format_date_numeric, format_number, format_time
from handlers.numbers import parse_int
from handlers.paging import paged
from handlers.places import said_district
from handlers.registry import FeatureSet, Flow
from handlers.router import Route
from handlers.text import fold, storable, tokens, yes_or_no
from handlers.types import Button, Reply

LETTERS = "ABCD"
# Commands that leave an open question (everything else shows it again).
LEAVE = ("menu", "huy", "start")
# A typed answer, folded: the letter alone or after "câu", "đáp án (là)", "chọn", "tôi chọn"...,
# with the punctuation people add ("B.", "(b)", "đáp án: B") and a polite "ạ" / "nhé" after.
_TYPED_ANSWER = re.compile(
    r"^(?:(?:toi|em|minh|con|chau|xin|chon|dap\s*an|cau\s+tra\s+loi|tra\s+loi|cau|phuong"
    r"\s+an|la)\s*[:\-]?\s*)*\(?([a-d])\)?\s*[.):!]?(?:\s+(?:a|nhe|nha|ah)\.?)?$")
# Flow buttons: the label is translated, the command (what comes back) is not.
OTHER = N_("Khác")
SKIP = N_("Bỏ qua")
AGREE = N_("Đồng ý")
DISAGREE = N_("Không đồng ý")
MAX_NAME = 100  # characters of a full name
_NAME_RE = re.compile(r"^[^\W\d_]+(?:[ '\-][^\W\d_]+)+$")
_rng = random.SystemRandom()


class Register(StrEnum):
    """The steps of the registration, in order."""

    NAME = "name"
    DISTRICT = "district"
    UNIT = "unit"  # after "Khác": a school, an agency, a commune
    PHONE = "phone"
    CONSENT = "consent"


class Answering(StrEnum):
    ANSWER = "answer"


REGISTER = Flow("contest_register", Register, label=N_("Đăng ký dự thi"))
# The flow of an open question; named like the feature its messages are logged as. It holds
# commands and media too: its answer buttons are commands.
LEFT = N_("Quý vị đã tạm rời bài thi. Thời gian của câu hỏi vẫn tiếp tục tính; gõ /thi để làm "
          "tiếp.")
QUESTION = Flow("contest_answer", Answering, holding=True, left=LEFT)
features = FeatureSet()


# ---- pure helpers ------------------------------------------------------------------------


def draw_questions(questions: tuple[Question, ...], n: int,
                   rng: random.Random | None = None) -> list[str]:
    """Draw `n` question ids at random, balanced over topics (round robin over shuffled topics),
    at most one of each `exclusive` group (questions that give each other away)."""
    rng = rng or _rng
    by_topic: dict[str, list[Question]] = {}
    for q in questions:
        by_topic.setdefault(q.topic, []).append(q)
    for pool in by_topic.values():
        rng.shuffle(pool)
    topics = list(by_topic)
    rng.shuffle(topics)
    chosen: list[str] = []
    groups: set[str] = set()
    while len(chosen) < n and any(by_topic.values()):
        for t in topics:
            pool = by_topic[t]
            while pool and pool[-1].exclusive in groups:
                pool.pop()  # its group already has a question in this attempt
            if pool and len(chosen) < n:
                q = pool.pop()
                chosen.append(q.id)
                if q.exclusive is not None:
                    groups.add(q.exclusive)
    rng.shuffle(chosen)
    return chosen


# What people type before their name ("Họ tên: …", "tôi là …", "em tên là …"), folded words.
_NAME_HEADS = (("ho", "va", "ten"), ("ho", "ten"), ("ten",), ("my", "name", "is"),
               ("full", "name"), ("name",), ("i", "am"), ("i'm",))
_PRONOUNS = frozenset({"toi", "em", "minh", "con", "chau", "tui", "anh", "chi"})


def _without_lead_in(words: list[str]) -> list[str]:
    """`words` without a lead-in before the name; "La" is a family name, not "là", when it
    comes first ("La Văn Cầu")."""
    folded = [fold(w).strip(":-,.") for w in words]
    i = 0
    head = next((h for h in _NAME_HEADS if tuple(folded[:len(h)]) == h), None)
    if head is not None:
        i = len(head)
        if i < len(folded) and folded[i] == "cua":
            i += 1
        if i < len(folded) and folded[i] in _PRONOUNS:
            i += 1
    elif folded and folded[0] in _PRONOUNS:
        i = 1
        if i < len(folded) and folded[i] == "ten":
            i += 1
    if i and i < len(folded) and folded[i] == "la":
        i += 1
    if i and (head is not None or folded[i - 1] in ("la", "ten")):
        rest = words[i:]
        if rest and rest[0] in (":", "-"):
            rest = rest[1:]
        return rest
    return words


# A phone's keyboard types the apostrophe of "H'Hen Niê" curly.
_APOSTROPHES = str.maketrans(dict.fromkeys("\u2018\u2019\u02bc\u2032", "'"))
# Scripts that one name may mix (a Japanese name: kanji and kana).
_SCRIPT_GROUPS = {"HIRAGANA": "CJK", "KATAKANA": "CJK", "KATAKANA-HIRAGANA": "CJK"}


def _scripts(name: str) -> set[str]:
    """The scripts of the letters of `name`, by the first word of their Unicode names ('LATIN',
    'CYRILLIC'): a name in two scripts is a look-alike ('Nguyễn Văn Аn' with a Cyrillic 'А'),
    shown on the leaderboard as somebody else's."""
    found = set()
    for char in name:
        if char.isalpha() and unicodedata.category(char) != "Lm":  # a modifier joins any
            head = unicodedata.name(char, "?").split(" ", 1)[0]
            found.add(_SCRIPT_GROUPS.get(head, head))
    return found


def valid_name(text: str) -> str | None:
    """A full name: letters of one script, at least two words, 4–100 characters; NFKC (a
    full-width or bold letter is the letter), single spaces, each word capitalised. What
    people add around it goes: "Họ tên: …", "tôi là …", a final "ạ" or full stop; a name
    typed in capitals reads like the others ("NGUYỄN VĂN AN")."""
    words = unicodedata.normalize("NFKC", storable(text)).translate(_APOSTROPHES).split()
    words = _without_lead_in(words)
    if words:
        words[-1] = words[-1].rstrip(".!")
        if len(words) > 2 and words[-1].lower() == "ạ":
            words.pop()
    name = " ".join(w for w in words if w)
    if not 4 <= len(name) <= MAX_NAME or not _NAME_RE.match(name) or len(_scripts(name)) > 1:
        return None
    return " ".join(w[:1].upper() + (w[1:].lower() if w.isupper() else w[1:])
                    for w in name.split(" "))


def _asks_instead(ctx: Ctx) -> bool:
    """Is the text a question the bot answers ("lịch hôm nay", "thư viện mở cửa giờ nào"), a
    question put another way ("cho hỏi cách đăng ký", "đăng ký thế nào?") or a reply to a
    question the bot did not ask ("đồng ý", "ok", "không"), rather than the name asked for? An
    answer found, and every word explained by it or a question asked; a name leaves words
    unexplained ("Hoàng Thị Lịch") and a question word in a name finds no answer ("Nguyễn Thị
    Ái": "ai?")."""
    text = ctx.route.arg
    words = [w for w in tokens(text) if w not in _PARTICLES]
    if " ".join(words) in _REPLIES or "?" in text or tuple(words[:2]) in _OPENERS or (
            tuple(words[:3]) in _OPENERS):
        return True
    u = ctx.route.understood
    # (an answer only the examples voted for asks nothing by itself: their likeness is one of
    # letters, and a name is like some of them, "Nguyễn Ái Quốc" like courses of "quốc tế")
    return (u is not None and u.feature not in ("unknown", "clarify")
            and (u.unexplained == 0 or (u.asks and not u.voted)))


# Folded: what people type to answer yes or no (never a name), the particles around it, and the
# words that open a question ("cho hỏi …", "làm sao …").
_REPLIES = frozenset({"dong y", "co", "khong", "khong dong y", "chap nhan", "tu choi", "ok",
                      "oke", "okie", "okay", "vang", "da", "yes", "no", "uk", "um", "duoc", "dc",
                      "co dong y", "dong y luu", "khong co", "chua", "roi", "xong"})
_PARTICLES = frozenset({"a", "ah", "nhe", "nha", "nhen", "nhi", "oi", "luon"})
_OPENERS = frozenset({("cho", "hoi"), ("xin", "hoi"), ("cho", "em", "hoi"),
                      ("cho", "minh", "hoi"), ("cho", "toi", "hoi"), ("cho", "chau", "hoi"),
                      ("em", "muon", "hoi"), ("toi", "muon", "hoi"), ("minh", "muon", "hoi"),
                      ("lam", "sao"), ("lam", "the", "nao"), ("the", "nao"), ("bao", "gio"),
                      ("o", "dau"), ("tai", "sao"), ("vi", "sao")})


# A run of digits as people write a number (spaces, dots, dashes, brackets, a leading +).
_PHONE_RUN = re.compile(r"\(?\+?\(?\d[\d\s.\-()]*\d")


def valid_phone(text: str) -> str | None:
    """A Vietnamese phone number, normalised to 0xxxxxxxxx: mobile 03/05/07/08/09 + 8 digits,
    landline 02 + 9 digits; +84 / 84 / 0084 prefixes accepted (and "+84 0…"). Words around
    the one number go ("SĐT: 0912 345 678", "0912345678 ạ"); digits of any script count."""
    text = "".join(str(unicodedata.digit(c)) if c.isdecimal() else c for c in text)
    runs = _PHONE_RUN.findall(text)
    if len(runs) != 1:
        return None  # no number, or two: which one is theirs?
    digits = re.sub(r"[\s.\-()]", "", runs[0])
    if digits.startswith("0084"):
        digits = "+84" + digits[4:]
    if digits.startswith("+84"):
        digits = "0" + digits[3:].removeprefix("0")
    elif digits.startswith("84") and len(digits) in (11, 12):
        digits = "0" + digits[2:]
    if re.fullmatch(r"0[35789]\d{8}", digits) or re.fullmatch(r"02\d{9}", digits):
        return digits
    return None


def mask_name(name: str) -> str:
    """Family name, initials of middle names, given name: 'Nguyễn Văn An' -> 'Nguyễn V. An'."""
    words = name.split()
    if len(words) <= 2:
        return name
    return " ".join([words[0], *(w[0] + "." for w in words[1:-1]), words[-1]])


def format_duration(ms: int) -> str:
    seconds = ms / 1000
    if seconds < 60:
        return _("{s} giây").format(s=format_number(round(seconds, 1)))
    minutes, rest = divmod(seconds, 60)
    return _("{m} phút {s} giây").format(m=int(minutes), s=format_number(round(rest, 1)))


def _limit_ms(ed: Edition) -> int:
    return ed.contest.seconds_per_question * 1000


def _elapsed_ms(since: datetime, now: datetime) -> int:
    return max(0, int((now - since).total_seconds() * 1000))


def _time_left_ms(ctx: Ctx, attempt: Attempt) -> int:
    return _limit_ms(ctx.edition) - _elapsed_ms(attempt.question_started_at, ctx.now)


def _question(ed: Edition, qid: str) -> Question:
    return next(q for q in ed.questions if q.id == qid)


def _window_closed(ctx: Ctx, at: datetime | None = None) -> Reply | None:
    """The contest not open at `at` (default: now), in words."""
    c, tz = ctx.edition.contest, ctx.edition.tz
    at = ctx.now if at is None else at
    if at < c.opens:
        return Reply(_("Cuộc thi chưa mở. Cuộc thi mở từ {time} ngày {day}.").format(
            time=format_time(c.opens, tz), day=format_date_numeric(c.opens)),
            (Button(_("Thể lệ cuộc thi"), "/cuocthi"), back_button()))
    if at >= c.closes:
        return Reply(_("Cuộc thi đã kết thúc lúc {time} ngày {day}; bài làm không còn được "
                       "ghi nhận.").format(time=format_time(c.closes, tz),
                                           day=format_date_numeric(c.closes)),
                     (Button(_("Bảng xếp hạng"), "/xephang"), back_button()))
    return None


# ---- taking the contest --------------------------------------------------------------------


@features.feature("contest_take", label=N_("Làm bài thi"), commands=("thi",),
                  help=N_("làm bài thi"))
async def take(ctx: Ctx) -> list[Reply]:
    """Start or resume the user's attempt; register first if needed."""
    ed = ctx.edition
    if len(ed.questions) < ed.contest.questions_per_attempt:
        return [Reply(_("Ngân hàng câu hỏi của Cuộc thi chưa sẵn sàng. Xin Quý vị quay lại "
                        "sau."), (back_button(),))]
    if not ctx.is_private:
        # In a group every member reads the answers: the name and phone number the registration
        # repeats for consent, and each question as it is answered.
        return [private_only_reply("/thi")]
    closed = _window_closed(ctx)
    if closed:
        return await _cut_short(ctx, closed)
    participant = await ctx.store.contest.participant()
    if participant is None:
        refused = _no_new_registration(ctx, await ctx.store.contest.record())
        if refused:
            return [refused]
        await REGISTER.enter(ctx.store, Register.NAME)
        return [Reply(
            _("Để dự thi, xin Quý vị đăng ký vài thông tin (chỉ dùng cho Cuộc thi).") + "\n\n"
            + _("Bước 1/4. Xin gõ họ và tên đầy đủ, ví dụ: Nguyễn Văn An."),
            title=_("Đăng ký dự thi"))]
    return await _continue(ctx, participant)


async def _prompt(ctx: Ctx) -> list[Reply]:
    """The registration's current step asked again (after /ngonngu), with what it gathered."""
    state = ctx.user.state
    step, data = REGISTER.step(state), dict(state.data) if state is not None else {}
    if step is Register.DISTRICT:
        return [_ask_district(ctx.edition)]
    if step is Register.UNIT:
        return [Reply(_("Xin gõ tên đơn vị của Quý vị (trường, cơ quan, địa phương)."))]
    if step is Register.PHONE:
        return await _ask_phone(ctx, data)
    if step is Register.CONSENT:
        return [Reply(_consent_text(ctx, data), _consent_buttons(),
                      title=_("Bước 4/4. Đồng ý lưu thông tin"))]
    return [Reply(_("Bước 1/4. Xin gõ họ và tên đầy đủ, ví dụ: Nguyễn Văn An."),
                  title=_("Đăng ký dự thi"))]


def _ask_district(ed: Edition) -> Reply:
    return Reply(_("Bước 2/4. Quý vị thuộc quận, huyện nào của {city}? Xin chọn bên dưới, hoặc "
                   "chọn “Khác” để ghi tên trường, cơ quan, đơn vị.").format(city=ed.city),
                 _district_buttons(ed))


async def _cut_short(ctx: Ctx, closed: Reply,
                     own: tuple[Participant, Attempt] | None = None) -> list[Reply]:
    """The window is closed: an attempt still open (the citizen was answering at the closing
    time, or walked away and came back after it) ends now, its open questions counted wrong,
    and the citizen sees the result it counts for, not only "bài làm không còn được ghi
    nhận"."""
    if own is None:
        participant = await ctx.store.contest.participant()
        if participant is not None:
            attempts = await ctx.store.contest.attempts(participant.id)
            active = next((a for a in attempts if a.finished_at is None), None)
            own = (participant, active) if active is not None else None
    if ctx.user.state is not None and QUESTION.step(ctx.user.state) is not None:
        await ctx.store.clear_state()
    if own is None or ctx.now < ctx.edition.contest.closes:
        return [closed]
    participant, attempt = own
    if attempt.finished_at is None:
        attempt = await _expire(ctx, attempt)
    if attempt.finished_at is None:
        return [closed]
    c, tz = ctx.edition.contest, ctx.edition.tz
    note = Reply(_("Cuộc thi đã kết thúc lúc {time} ngày {day}, khi lượt thi của Quý vị còn dở: "
                   "các câu chưa trả lời được tính là sai. Kết quả của Quý vị:").format(
        time=format_time(c.closes, tz), day=format_date_numeric(c.closes)))
    return [note, await _result(ctx, participant, attempt, 1)]


def _voided() -> Reply:
    return Reply(_("Kết quả dự thi của Quý vị đã bị Ban tổ chức hủy. Nếu có thắc mắc, xin "
                   "liên hệ Ban tổ chức."), (Button(_("Liên hệ"), "/lienhe"),))


def _no_new_registration(ctx: Ctx, record: Record) -> Reply | None:
    """Why this platform identity may not register (again), or None when it may."""
    if record.voided:
        return Reply(_("Tài khoản này đã dự thi và kết quả đã bị Ban tổ chức hủy, nên không thể "
                       "đăng ký lại. Nếu có thắc mắc, xin liên hệ Ban tổ chức."),
                     (Button(_("Liên hệ"), "/lienhe"), back_button()))
    n = ctx.edition.contest.attempts
    if record.attempts >= n:
        return Reply(_("Tài khoản này đã dự thi: mỗi người chỉ được thi {n} lượt trong Cuộc thi "
                       "này, kể cả khi đã xóa dữ liệu cá nhân. Để áp dụng quy định đó, Chatbot "
                       "giữ một mã ẩn danh của tài khoản (không có họ tên, số điện thoại). Cảm ơn "
                       "Quý vị đã tham gia!").format(n=n),
                     (Button(_("Bảng xếp hạng"), "/xephang"), back_button()))
    return None


async def _continue(ctx: Ctx, participant: Participant) -> list[Reply]:
    ed = ctx.edition
    if participant.voided:
        return [_voided()]
    attempts = await ctx.store.contest.attempts(participant.id)
    active = next((a for a in attempts if a.finished_at is None), None)
    if active is not None:
        return await _ask(ctx, active, resumed=True)
    # Attempts of the same person under an earlier, erased registration count too.
    record = await ctx.store.contest.record()
    if record.voided:
        return [_voided()]
    used = record.attempts
    if used >= ed.contest.attempts:
        text = _("Quý vị đã dùng hết {n} lượt thi.").format(n=ed.contest.attempts)
        if attempts:
            best = max(attempts, key=lambda a: (a.score, -a.total_ms))
            text += "\n" + await _summary(ctx, participant, best)
        return [Reply(text, (Button(_("Bảng xếp hạng"), "/xephang"), back_button()))]
    ids = draw_questions(ed.questions, ed.contest.questions_per_attempt)
    attempt = await ctx.store.contest.start_attempt(participant.id, used + 1, ids, ctx.now)
    intro = Reply(_("Bắt đầu lượt thi {k}: {n} câu hỏi, mỗi câu {s} giây. Chúc Quý vị thi "
                    "tốt!")
                  .format(k=attempt.number, n=len(ids), s=ed.contest.seconds_per_question))
    return [intro, *await _ask(ctx, attempt)]


async def _expire(ctx: Ctx, attempt: Attempt) -> Attempt:
    """Count the current question as wrong if its time ran out (the user walked away); after
    the closing time, every question left (end_at_close)."""
    if ctx.now >= ctx.edition.contest.closes:
        return await end_at_close(ctx.store.contest, attempt, ctx.edition, ctx.now)
    limit = _limit_ms(ctx.edition)
    if attempt.finished_at is None and _elapsed_ms(attempt.question_started_at,
                                                   ctx.now) > limit:
        pos = attempt.current
        done = pos + 1 == len(attempt.question_ids)
        # The next question starts now, with its full time.
        moved = await ctx.store.contest.answer(
            attempt, pos, attempt.question_ids[pos], None, False, limit, ctx.now, done)
        attempt = moved or attempt
    return attempt


async def end_at_close(contest: ContestStore, attempt: Attempt, ed: Edition,
                       at: datetime) -> Attempt:
    """The contest has closed: every question of `attempt` not answered counts wrong, with its
    full time, answered `at`; the attempt as it ends (as it stands when a move of its citizen's
    at the same moment came first). For a citizen who comes back after the close (_expire) and
    for the attempts nobody came back to (`hoctap-bot run`'s housekeeping)."""
    limit = _limit_ms(ed)
    while attempt.finished_at is None and attempt.current < len(attempt.question_ids):
        pos = attempt.current
        moved = await contest.answer(attempt, pos, attempt.question_ids[pos], None, False,
                                     limit, at, pos + 1 == len(attempt.question_ids))
        if moved is None:
            break
        attempt = moved
    return attempt


async def _ask(ctx: Ctx, attempt: Attempt, resumed: bool = False) -> list[Reply]:
    """Show the current question with its answer buttons and the time left."""
    before = attempt.current
    attempt = await _expire(ctx, attempt)
    notes: list[Reply] = []
    if attempt.current != before:
        notes.append(Reply(_("Hết giờ cho câu {k}: câu này được tính là sai.")
                           .format(k=before + 1)))
    if attempt.finished_at is not None:
        return [*notes, *await _finish(ctx, attempt)]
    ed = ctx.edition
    q = _question(ed, attempt.question_ids[attempt.current])
    left = max(0, _time_left_ms(ctx, attempt)) // 1000
    state = ctx.user.state
    if state is None or QUESTION.step(state) is None or state.data.get("attempt") != attempt.id:
        # Once per attempt: the user's next messages go to the open question.
        await QUESTION.enter(ctx.store, Answering.ANSWER, {"attempt": attempt.id})
    lines = [q.text, ""]
    lines += [f"{LETTERS[i]}. {opt}" for i, opt in enumerate(q.options)]
    lines += ["", _("Thời gian còn lại: {s} giây.").format(s=left)]
    if resumed and not notes:
        lines.insert(0, _("Quý vị đang làm dở lượt thi; xin tiếp tục."))
    buttons = tuple(
        Button(LETTERS[i], f"/traloi {attempt.id} {attempt.current + 1} {LETTERS[i]}")
        for i in range(len(q.options))
    )
    title = _("Câu {k}/{n}").format(k=attempt.current + 1, n=len(attempt.question_ids))
    return [*notes, Reply("\n".join(lines), buttons, title=title)]


def typed_letter(text: str) -> int | None:
    """The option a typed answer names (0 for A), or None when it names none."""
    plain = " ".join(unicodedata.normalize("NFKC", text).split()).lower()  # "Ａ" is "A"
    folded = fold(plain)
    m = _TYPED_ANSWER.match(folded)
    if m is None:
        return None
    # Folding is one character for one here: "ạ" (a polite word) and "đ" are not letters A, D.
    if len(folded) == len(plain) and plain[m.start(1)] not in LETTERS.lower():
        return None
    return LETTERS.lower().index(m[1])


async def answer_outside(ctx: Ctx, text: str) -> Reply | None:
    """A letter typed ("C", "đáp án c") by a citizen who left an open question (/menu): where
    their attempt is and how to go back to it. Not recorded as an answer: they chose to leave,
    and the letter may be meant for another question on their screen."""
    if typed_letter(text) is None:
        return None
    participant = await ctx.store.contest.participant()
    if participant is None or participant.voided:
        return None
    attempts = await ctx.store.contest.attempts(participant.id)
    active = next((a for a in attempts if a.finished_at is None), None)
    if active is None or _window_closed(ctx) is not None:
        return None
    return Reply(_("Quý vị đang làm dở lượt thi, câu {k}/{n}, nhưng đã tạm rời bài thi nên câu "
                   "trả lời “{text}” chưa được ghi nhận. Xin gõ /thi để quay lại câu hỏi rồi "
                   "chọn đáp án; thời gian vẫn đang tính.").format(
                       k=active.current + 1, n=len(active.question_ids), text=text[:20]),
                 (Button(_("Tiếp tục thi"), "/thi"), back_button()))


@features.feature("contest_answer", label=N_("Trả lời câu thi"), commands=("traloi",))
async def answer(ctx: Ctx) -> list[Reply]:
    """Record an answer to the current question, then ask the next one or give the result."""
    parts = ctx.route.arg.split()
    attempt_id = parse_int(parts[0], 1) if len(parts) == 3 else None
    position = parse_int(parts[1], 1, 1000) if len(parts) == 3 else None
    if attempt_id is None or position is None or parts[2].upper() not in LETTERS:
        return [Reply(_("Câu trả lời không hợp lệ. Xin chọn A, B, C hoặc D bằng các nút của "
                        "câu hỏi."), (Button(_("Tiếp tục thi"), "/thi"),))]
    position, chosen = position - 1, LETTERS.index(parts[2].upper())
    known = ctx.store.contest.known_attempt(attempt_id)
    if known is not None and _answerable(ctx, known[1], position, chosen):
        # The attempt as an earlier update left it, not read again: the move checks it still
        # is so, and changes nothing when it is not (then it is read, below).
        with contextlib.suppress(AttemptMoved):
            return await _record(ctx, *known, position, chosen, known=True)
    # One query: an attempt that is not the user's own is simply not found.
    own = await ctx.store.contest.own_attempt(attempt_id)
    if own is None:
        return [Reply(_("Lượt thi này không phải của Quý vị hoặc không tồn tại."),
                      (Button(_("Cuộc thi"), "/cuocthi"),))]
    participant, attempt = own
    return await _answer(ctx, participant, attempt, position, chosen)


@features.flow(QUESTION)
async def question(ctx: Ctx) -> list[Reply] | None:
    """A message while a question is open: answer, leave, or see the question again.

    None when no question is open any more (answered elsewhere, time up, attempt over): the
    message then goes wherever it would have gone.
    """
    text, state = ctx.route.arg, ctx.user.state
    if text.startswith("/"):
        head, _sep, arg = text[1:].partition(" ")
        name = fold(head.split("@", 1)[0])
        if name in LEAVE:
            await ctx.store.clear_state()
            return [Reply(_(LEFT), menu_buttons())]
        if name == "traloi":  # an answer button
            return await answer(replace(ctx, route=Route(QUESTION.name, arg.strip())))
        if name == "thi":
            return await take(ctx)
        if name == "ngonngu":
            # The language changes without leaving the question: its time keeps running.
            switched = await language(replace(ctx, route=Route("language", arg)))
            if any(b.command.startswith("/ngonngu") for b in switched[0].buttons):
                return switched  # the choice of languages; its buttons come back here
            return [Reply(switched[0].text), *await take(ctx)]
    attempt_id = state.data.get("attempt") if state is not None else None
    own = (await ctx.store.contest.own_attempt(attempt_id)
           if isinstance(attempt_id, int) else None)
    if own is None or own[1].finished_at is not None:
        await ctx.store.clear_state()
        return None
    participant, attempt = own
    q = _question(ctx.edition, attempt.question_ids[attempt.current])
    chosen = typed_letter(text)
    if chosen is not None and chosen < len(q.options):
        # Late or not, a letter is an answer: the answer path says when it came too late.
        return await _answer(ctx, participant, attempt, attempt.current, chosen)
    if _time_left_ms(ctx, attempt) <= 0 or _window_closed(ctx) is not None:
        await ctx.store.clear_state()
        return None
    if ctx.is_button:
        # The previous step's button pressed twice ("Đồng ý" of the consent): the question
        # again, without a rule the citizen did not break.
        return await _ask(ctx, attempt)
    rule = _("Quý vị đang trả lời câu {k}: gõ một chữ {letters} (hoặc bấm nút). Muốn tạm rời "
             "bài thi, gõ /menu hoặc /huy; thời gian vẫn tiếp tục tính.").format(
        k=attempt.current + 1, letters=", ".join(LETTERS[:len(q.options)]))
    return [Reply(rule), *await _ask(ctx, attempt)]


async def _answer(ctx: Ctx, participant: Participant, attempt: Attempt, position: int,
                  chosen: int) -> list[Reply]:
    """Record `chosen` for the question at `position` of the user's own attempt."""
    if attempt.finished_at is not None:
        return [Reply(_("Lượt thi này đã kết thúc; câu trả lời không được ghi nhận."),
                      (Button(_("Bảng xếp hạng"), "/xephang"), back_button()))]
    closed = _window_closed(ctx, _answered_at(ctx, attempt))
    if closed:
        return await _cut_short(ctx, closed, (participant, attempt))
    if position != attempt.current:
        note = Reply(_("Câu {k} không còn nhận trả lời (đã trả lời hoặc đã hết giờ).")
                     .format(k=position + 1))
        return [note, *await _ask(ctx, attempt)]
    if chosen >= len(_question(ctx.edition, attempt.question_ids[position]).options):
        return [Reply(_("Câu trả lời không hợp lệ. Xin chọn A, B, C hoặc D bằng các nút của "
                        "câu hỏi.")), *await _ask(ctx, attempt)]
    return await _record(ctx, participant, attempt, position, chosen)


def _answered_at(ctx: Ctx, attempt: Attempt) -> datetime:
    """When the answer came, not when the database could apply it (an update held back
    during an outage); never before its question was shown. The next question starts now."""
    return max(ctx.sent, attempt.question_started_at)


def _answerable(ctx: Ctx, attempt: Attempt, position: int, chosen: int) -> bool:
    """Does `chosen` answer the open question at `position` (what _answer lets through)?"""
    return (attempt.finished_at is None
            and _window_closed(ctx, _answered_at(ctx, attempt)) is None
            and position == attempt.current
            and chosen < len(_question(ctx.edition, attempt.question_ids[position]).options))


async def _record(ctx: Ctx, participant: Participant, attempt: Attempt, position: int,
                  chosen: int, known: bool = False) -> list[Reply]:
    """Record `chosen` for the open question at `position`, then ask the next one or give
    the result; `known`: the attempt is ContestStore.known_attempt's (AttemptMoved)."""
    ed = ctx.edition
    q = _question(ed, attempt.question_ids[position])
    elapsed = _elapsed_ms(attempt.question_started_at, _answered_at(ctx, attempt))
    limit = _limit_ms(ed)
    late = elapsed > limit
    correct = chosen == q.answer and not late
    done = position + 1 == len(attempt.question_ids)
    moved = await ctx.store.contest.answer(attempt, position, q.id, chosen, correct,
                                           min(elapsed, limit), ctx.now, done, late,
                                           known=known)
    if moved is None:
        return [Reply(_("Câu {k} đã được ghi nhận trước đó.").format(k=position + 1))]
    replies: list[Reply] = []
    if late:
        replies.append(Reply(_("Hết giờ: câu trả lời đến sau {s} giây nên được tính là sai.")
                             .format(s=ed.contest.seconds_per_question)))
    elif ed.contest.reveal == "each":
        replies.append(Reply(_verdict(q, chosen)))
    if done:
        return [*replies, *await _finish(ctx, moved, participant)]
    return [*replies, *await _ask(ctx, moved)]


def _verdict(q: Question, chosen: int | None) -> str:
    right = f"{LETTERS[q.answer]}. {q.options[q.answer]}"
    head = _("Đúng!") if chosen == q.answer else _("Chưa đúng.")
    return f"{head} " + _("Đáp án: {answer}.").format(answer=right) + f" {q.explanation}"


async def _summary(ctx: Ctx, participant: Participant, attempt: Attempt) -> str:
    n = len(attempt.question_ids)
    text = _("Kết quả: đúng {score}/{n} câu, tổng thời gian trả lời {time}.").format(
        score=attempt.score, n=n, time=format_duration(attempt.total_ms))
    rank = await ctx.store.contest.rank_of(participant.id)
    if rank is not None:
        text += " " + _("Xếp hạng hiện tại: {rank}/{total}.").format(rank=rank[0], total=rank[1])
    return text


async def _finish(ctx: Ctx, attempt: Attempt,
                  participant: Participant | None = None) -> list[Reply]:
    """The result: score, total time, rank, then the answers, a screen at a time."""
    if participant is None:
        participant = await ctx.store.contest.participant()
    assert participant is not None
    if ctx.user.state is not None:
        await ctx.store.clear_state()  # no question is open any more
    return [await _result(ctx, participant, attempt, 1)]


async def _result(ctx: Ctx, participant: Participant, attempt: Attempt, page: int) -> Reply:
    ed = ctx.edition
    blocks = [await _summary(ctx, participant, attempt)]
    if ed.contest.reveal == "end":
        answers = {a.position: a for a in await ctx.store.contest.answers(attempt.id)}
        for pos, qid in enumerate(attempt.question_ids):
            q = _question(ed, qid)
            given = answers.get(pos)
            mark = "✓" if given is not None and given.correct else "✗"
            right = f"{LETTERS[q.answer]}. {q.options[q.answer]}"
            lines = [f"{mark} " + _("Câu {k}: {text}").format(k=pos + 1, text=q.text)]
            if given is not None and given.chosen is not None and given.late:
                lines.append(_("Quý vị chọn: {mine}, nhưng sau khi hết giờ nên được tính là "
                               "sai. Đáp án đúng: {answer}.").format(
                    mine=LETTERS[given.chosen], answer=right))
            else:
                mine = (LETTERS[given.chosen] if given is not None and given.chosen is not None
                        else _("hết giờ"))
                lines.append(_("Quý vị chọn: {mine}. Đáp án đúng: {answer}.").format(
                    mine=mine, answer=right))
            lines.append(q.explanation)
            blocks.append("\n".join(lines))
    return paged(blocks, page, f"xemlai {attempt.id}", title=_("Hoàn thành bài thi"),
                 buttons=(Button(_("Bảng xếp hạng"), "/xephang"), back_button()))


@features.feature("contest_review", label=N_("Xem lại bài thi"), commands=("xemlai",),
                  paged=True, private_only=True)
async def review(ctx: Ctx) -> list[Reply]:
    """Show a finished attempt of the user's own again: result and answers, by screen."""
    attempt_id = parse_int(ctx.route.arg, 1) if ctx.route.arg.strip() else None
    own = None
    if attempt_id is not None:
        own = await ctx.store.contest.own_attempt(attempt_id)
    else:
        participant = await ctx.store.contest.participant()
        if participant is not None:
            done = [a for a in await ctx.store.contest.attempts(participant.id)
                    if a.finished_at is not None]
            if done:
                own = participant, max(done, key=lambda a: a.number)
    if own is None or own[1].finished_at is None:
        return [Reply(_("Quý vị chưa có bài thi nào đã hoàn thành để xem lại."),
                      (Button(_("Cuộc thi"), "/cuocthi"), back_button()))]
    return [await _result(ctx, own[0], own[1], ctx.page)]


@features.feature("leaderboard", label=N_("Bảng xếp hạng"), commands=("xephang",),
                  help=N_("bảng xếp hạng cuộc thi"), paged=True)
async def leaderboard(ctx: Ctx) -> list[Reply]:
    """Show the user's own rank, then the top 10, a screen at a time."""
    blocks = []
    participant = await ctx.store.contest.participant()
    if participant is not None:
        rank = await ctx.store.contest.rank_of(participant.id)
        if rank is not None:
            blocks.append(_("Hạng của Quý vị: {rank}/{total}.").format(rank=rank[0],
                                                                       total=rank[1]))
    top = await ctx.store.contest.standings(10)
    if not top:
        blocks.append(_("Chưa có ai hoàn thành bài thi."))
    blocks += [
        _("{rank}. {name} ({district}): {score} câu đúng, {time}").format(
            # A citizen who erased their data stays ranked, without a name.
            rank=s.rank, name=mask_name(s.full_name) or _("Ẩn danh"), district=s.district,
            score=s.score, time=format_duration(s.total_ms))
        for s in top]
    return [paged(blocks, ctx.page, "xephang", sep="\n",
                  title=_("Bảng xếp hạng Cuộc thi Công dân học tập"),
                  buttons=(Button(_("Cuộc thi"), "/cuocthi"), back_button()))]


# ---- registration flow ------------------------------------------------------------------


def _district_buttons(ed: Edition) -> tuple[Button, ...]:
    return (*(Button(d, d) for d in ed.contest.districts), Button(_(OTHER), OTHER))


@features.flow(REGISTER, prompt=_prompt)
async def register(ctx: Ctx) -> list[Reply]:
    """One step of the registration: name, district or unit, phone, consent."""
    state = ctx.user.state
    assert state is not None
    data, text, ed = dict(state.data), ctx.route.arg, ctx.edition
    step = REGISTER.step(state)
    if step is Register.NAME:
        if _asks_instead(ctx):
            return [Reply(_("“{text}” không giống họ tên nên Chatbot chưa ghi. Quý vị đang "
                            "đăng ký dự thi, bước 1/4: xin gõ họ và tên, ví dụ: Nguyễn Văn "
                            "An.").format(text=text[:40]) + _stop_hint(),
                          (_stop_button(),))]
        name = valid_name(text)
        if name is None and len(" ".join(text.split())) > MAX_NAME:
            return [Reply(_("Họ tên dài quá {n} ký tự. Xin gõ lại họ và tên, ví dụ: Nguyễn Văn "
                            "An.").format(n=MAX_NAME) + _stop_hint(), (_stop_button(),))]
        at_once = _details_at_once(ed, text) if name is None else None
        if at_once is not None:  # "Nguyễn Văn An, Lê Chân, 0912345678": the steps it fills
            data.update(at_once)
            if "district" in data:
                return await _after_district(ctx, data)
        elif name is None:
            return [Reply(_("Họ tên chưa hợp lệ: chỉ gồm chữ cái và khoảng trắng, ít nhất hai "
                            "từ, ví dụ: Nguyễn Văn An. Xin gõ lại họ và tên.") + _stop_hint(),
                          (_stop_button(),))]
        else:
            data["full_name"] = name
        await REGISTER.enter(ctx.store, Register.DISTRICT, data)
        return [_ask_district(ed)]
    if step is Register.DISTRICT:
        wanted = fold(text).strip()
        said = said_district(ed, text)  # "Lê Chân", "quan le chan", "tôi ở Lê Chân ạ"
        match = said.district if said is not None else None
        if match is not None and match not in ed.contest.districts:
            match = None
        if match is not None:
            data["district"] = match
            return await _after_district(ctx, data)
        if wanted in (fold(OTHER), fold(_(OTHER)), "other"):
            await REGISTER.enter(ctx.store, Register.UNIT, data)
            return [Reply(_("Xin gõ tên đơn vị của Quý vị (trường, cơ quan, địa phương)."))]
        return [Reply(_("Chatbot chưa nhận ra quận, huyện “{text}”. Xin chọn một mục bên "
                        "dưới.").format(text=text[:40]) + _stop_hint(), _district_buttons(ed))]
    if step is Register.UNIT:
        unit = " ".join(text.split())
        if not 2 <= len(unit) <= 128 or not any(c.isalpha() for c in unit):
            return [Reply(_("Tên đơn vị cần từ 2 đến 128 ký tự. Xin gõ lại.") + _stop_hint(),
                          (_stop_button(),))]
        data["district"], data["unit"] = OTHER, unit
        return await _after_district(ctx, data)
    if step is Register.PHONE:
        if ctx.is_button and fold(text) not in (fold(SKIP), fold(_(SKIP)), "skip"):
            return await _ask_phone(ctx, data)  # step 2's button pressed twice: no error
        if fold(text) in (fold(SKIP), fold(_(SKIP)), "skip") or (
                yes_or_no(text) is False and valid_phone(text) is None):  # "không có", "ko"
            data["phone"] = None
        else:
            phone = valid_phone(text)
            if phone is None:
                return [Reply(_("Số điện thoại chưa hợp lệ. Số di động có 10 chữ số, bắt đầu "
                                "bằng 03, 05, 07, 08 hoặc 09 (ví dụ 0912345678). Xin gõ lại, "
                                "hoặc chọn “Bỏ qua”.") + _stop_hint(),
                              (Button(_(SKIP), SKIP), _stop_button()))]
            data["phone"] = phone
        await REGISTER.enter(ctx.store, Register.CONSENT, data)
        return [Reply(_consent_text(ctx, data), _consent_buttons(),
                      title=_("Bước 4/4. Đồng ý lưu thông tin"))]
    if step is Register.CONSENT:
        pressed = fold(text)
        answer_ = (True if pressed in (fold(AGREE), fold(_(AGREE))) else False
                   if pressed in (fold(DISAGREE), fold(_(DISAGREE))) else yes_or_no(text))
        if answer_ is True:
            await ctx.store.clear_state()
            refused = _no_new_registration(ctx, await ctx.store.contest.record())
            if refused:
                return [refused]
            participant = await ctx.store.contest.register(
                data["full_name"], data["district"], data.get("unit"), data.get("phone"),
                ctx.now)
            if ctx.user.district is None and data["district"] in ed.districts:
                # Where they live, for the schedule too, unless they chose with /quan.
                await ctx.store.set_district(data["district"])
            done = Reply(_("Đăng ký thành công. Cảm ơn Quý vị!"))
            return [done, *await _continue(ctx, participant)]
        if answer_ is False:
            await ctx.store.clear_state()
            return [Reply(_("Quý vị chưa đồng ý nên Chatbot không lưu thông tin nào và Quý vị "
                            "chưa thể dự thi. Khi đổi ý, xin gõ /thi."), (back_button(),))]
        if _CORRECTING.search(pressed):  # "sai tên", "sửa lại", "nhập lại": from step 1
            return await take(ctx)
        return [Reply(_("Xin chọn “Đồng ý” hoặc “Không đồng ý”.") + _stop_hint(),
                      _consent_buttons())]
    await ctx.store.clear_state()
    return await take(ctx)


def _stop_hint() -> str:
    """Said after every re-asked step: a citizen who changed their mind is never stuck in it."""
    return " " + _("Muốn dừng đăng ký, xin gõ “thôi”.")


def _stop_button() -> Button:
    return Button(_("Dừng đăng ký"), "/huy")


# At the consent, what asks to mend a detail (folded): "sai tên", "sửa lại", "nhập lại".
_CORRECTING = re.compile(r"\b(?:sua|sai|nhap lai|lam lai|go lai|dang ky lai)\b")
# Where one detail ends and the next begins when all are typed at once.
_DETAILS = re.compile(r"[,;\n|]+|\s[-–]\s")


def _details_at_once(ed: Edition, text: str) -> dict[str, object] | None:
    """Name, district and phone typed in one message, in that order after the name
    ("Nguyễn Văn An, quận Lê Chân, SĐT 0912345678"); None when a part is none of them."""
    parts = [p.strip() for p in _DETAILS.split(text) if p.strip()]
    name = valid_name(parts[0]) if len(parts) > 1 else None
    if name is None:
        return None
    found: dict[str, object] = {"full_name": name}
    for part in parts[1:]:
        phone = valid_phone(part)
        said = said_district(ed, part) if phone is None else None
        if phone is not None and "phone" not in found:
            found["phone"] = phone
        elif said is not None and said.district in ed.contest.districts and (
                "district" not in found):
            found["district"] = said.district
        else:
            return None
    return found


async def _after_district(ctx: Ctx, data: dict[str, object]) -> list[Reply]:
    """Step 3, or straight to the consent when the phone was typed with the name."""
    if "phone" in data:
        await REGISTER.enter(ctx.store, Register.CONSENT, data)
        return [Reply(_consent_text(ctx, data), _consent_buttons(),
                      title=_("Bước 4/4. Đồng ý lưu thông tin"))]
    return await _ask_phone(ctx, data)


async def _ask_phone(ctx: Ctx, data: dict[str, object]) -> list[Reply]:
    await REGISTER.enter(ctx.store, Register.PHONE, data)
    if ctx.edition.contest.prizes:
        text = _("Bước 3/4. Số điện thoại để Ban tổ chức liên hệ về giải thưởng (không bắt "
                 "buộc). Xin gõ số, hoặc chọn “Bỏ qua”.")
    else:
        # The letter promises no prize: the number is only for the organizers to reach them.
        text = _("Bước 3/4. Số điện thoại để Ban tổ chức liên hệ khi cần (không bắt buộc). Xin "
                 "gõ số, hoặc chọn “Bỏ qua”.")
    return [Reply(text, (Button(_(SKIP), SKIP),))]


def _consent_buttons() -> tuple[Button, ...]:
    # "Sửa thông tin": a typo seen at the last step is mended without refusing (/thi starts
    # the registration again, nothing kept).
    return (Button(_(AGREE), AGREE), Button(_(DISAGREE), DISAGREE),
            Button(_("Sửa thông tin"), "/thi"))


def _consent_text(ctx: Ctx, data: dict[str, object]) -> str:
    unit = data.get("unit") or data.get("district")
    law = ctx.edition.privacy_law
    lines = [
        _("Họ tên: {name}").format(name=data["full_name"]),
        _("Đơn vị: {unit}").format(unit=unit),
        _("Điện thoại: {phone}").format(phone=data.get("phone") or _("không cung cấp")),
        "",
        _("Ban tổ chức lưu các thông tin trên chỉ để tổ chức Cuộc thi và báo cáo kết quả; bảng "
          "xếp hạng chỉ hiện tên viết tắt. Quý vị có thể tự xóa dữ liệu bất cứ lúc nào bằng lệnh "
          "/xoadulieu; để mỗi người chỉ thi số lượt theo thể lệ, Chatbot vẫn giữ một mã ẩn danh "
          "của tài khoản (không có họ tên, số điện thoại)."),
    ]
    if law is not None:
        lines.append(_("Căn cứ: {law}.").format(law=law.get(current_locale())))
    lines.append(_("Quý vị có đồng ý không?"))
    return "\n".join(lines)
