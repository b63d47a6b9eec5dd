"""The console's questions inbox (/quantri/cau-hoi): what the Chatbot could not answer.

Questions are grouped as `hoctap-bot questions` groups them (kind and normalised text). An
organizer answers a group, and each citizen who asked gets one message through the broadcast
outbox (a scheduled item of kind "answer" due now, so delivery follows each platform's rules:
Zalo OA's 7-day window, blocked chats, the rates); or dismisses it; or turns it into an entry
for faq.toml, shown as TOML to paste. Every action is audited in the transaction that does it.
"""

from __future__ import annotations

import functools
import logging
import unicodedata
from collections import Counter
from dataclasses import dataclass

from aiohttp import web
from sqlalchemy import select

from bot.db import broadcast
from bot.db import console as store
from bot.db import questions as qdb
from bot.db.models import ScheduledItem, User
from bot.web.console.auth import PREFIX
from bot.web.console.pages import Console, action, page
from handlers.features.announce import MAX_TEXT
from handlers.i18n import N_, _, format_number
from handlers.question_types import QuestionKind
from handlers.text import clean, tokens

log = logging.getLogger(__name__)

BASE = PREFIX + "/cau-hoi"
KINDS = {
    QuestionKind.SENT.value: N_("nhờ chuyển Ban tổ chức"),
    QuestionKind.UNANSWERED.value: N_("chưa có thông tin"),
    QuestionKind.CLARIFIED.value: N_("Chatbot đã hỏi lại"),
}
ID_WORDS = 8  # words of the question kept in a new FAQ entry's id
ID_LENGTH = 60


def kind_label(kind: str) -> str:
    return _(KINDS[kind]) if kind in KINDS else kind


def mount(console: Console, r: web.UrlDispatcher) -> None:
    """Add the inbox's routes to the console's (called by Console.mount)."""
    get, post = r.add_get, r.add_post
    get(BASE, functools.partial(inbox, console))
    get(BASE + r"/{id:\d{1,10}}", functools.partial(question, console))
    post(BASE + r"/{id:\d{1,10}}/tra-loi", functools.partial(answer, console))
    post(BASE + r"/{id:\d{1,10}}/bo-qua", functools.partial(dismiss, console))
    post(BASE + r"/{id:\d{1,10}}/hoi-dap", functools.partial(faq, console))


def _who(session: store.Session) -> str:
    """answered_by: the organizer as "channel:external id"."""
    return f"{session.who.channel}:{session.who.external_id}"


def _text(form: dict[str, str], key: str) -> str:
    return clean(form.get(key, "").replace("\r\n", "\n"))


@page
async def inbox(self: Console, request: web.Request, session: store.Session
                ) -> web.StreamResponse:
    """The open questions, grouped, most asked first; ?loai= keeps one kind."""
    kind = request.query.get("loai", "")
    kinds = [kind] if kind in KINDS else list(KINDS)
    async with self.app.sessions() as s:
        groups = await qdb.open_questions(s, kinds)
    counts = Counter[str]()
    for g in groups:
        counts[g.kind] += g.count
    return self.render(request, "questions.html", session, page="questions", groups=groups,
                       kind=kind if kind in KINDS else "", kinds=KINDS,
                       kind_label=kind_label, asked=sum(counts.values()),
                       notice=request.query.get("xong", ""))


@dataclass(frozen=True)
class Delivery:
    """How the answer's messages went: the item's status, counts by state, reasons."""

    status: str
    total: int
    counts: Counter[str]
    reasons: list[tuple[str, str, int]]


async def _group(self: Console, request: web.Request) -> tuple[qdb.Group, Delivery | None]:
    async with self.app.sessions() as s:
        found = await qdb.group(s, int(request.match_info["id"]))
        if found is None:
            raise web.HTTPNotFound(text="no such question")
        delivery = None
        if found.item_id is not None:
            item = await s.get(ScheduledItem, found.item_id)
            counts = (await broadcast.outbox_counts(s, [found.item_id]))[found.item_id]
            reasons = await store.delivery_reasons(s, found.item_id)
            if item is not None:
                delivery = Delivery(item.status, item.total, counts, reasons)
    return found, delivery


async def _group_page(self: Console, request: web.Request, session: store.Session,
                      draft: str = "", error: str = "", status: int = 200
                      ) -> web.StreamResponse:
    found, delivery = await _group(self, request)
    answered_by = None
    if found.answered_by:
        channel, _sep, external_id = found.answered_by.partition(":")
        answered_by = await _name(self, channel, external_id)
    return self.render(request, "question.html", session, page="questions", g=found,
                       delivery=delivery, kind_label=kind_label, draft=draft, error=error,
                       max_text=MAX_TEXT, answered_by=answered_by,
                       notice=request.query.get("xong", ""), status=status)


async def _name(self: Console, channel: str, external_id: str) -> str:
    """An organizer as the audit page names them."""
    async with self.app.sessions() as s:
        name = await s.scalar(select(User.display_name).where(
            User.channel == channel, User.external_id == external_id))
    return name or f"{external_id} ({channel})"


@page
async def question(self: Console, request: web.Request, session: store.Session
                   ) -> web.StreamResponse:
    return await _group_page(self, request, session)


def _gone(self: Console, request: web.Request, session: store.Session) -> web.Response:
    return self.render(request, "refused.html", session, status=409, message=_(
        "Câu hỏi này đã được trả lời hoặc bỏ qua (có thể bởi người khác trong Ban tổ chức). "
        "Tải lại trang để xem."))


@action
async def answer(self: Console, request: web.Request, session: store.Session,
                 form: dict[str, str]) -> web.StreamResponse:
    """Store the answer on the group's questions and send it to each citizen who asked."""
    question_id = int(request.match_info["id"])
    text = _text(form, "answer")
    if not text or len(text) > MAX_TEXT:
        error = (_("Câu trả lời đang trống.") if not text else
                 _("Câu trả lời dài {n} ký tự, quá {max}. Hãy rút gọn.").format(
                     n=format_number(len(text)), max=format_number(MAX_TEXT)))
        return await _group_page(self, request, session, draft=text, error=error, status=400)
    now = self.now()
    async with self.app.sessions() as s, s.begin():
        done = await qdb.answer_group(s, question_id, text, _who(session), now)
        if done is None:
            if await qdb.group(s, question_id) is None:
                raise web.HTTPNotFound(text="no such question")
            return _gone(self, request, session)
        found, item_id = done
        await store.audit(s, session.who, "answer", f"#{question_id} ({len(found.questions)} "
                          f"{found.kind}, item #{item_id}): {found.example[:150]} → "
                          f"{text[:200]}", now)
    log.info("console: question group %s answered; item %s for %d citizens", question_id,
             item_id, found.citizens)
    raise web.HTTPSeeOther(f"{BASE}/{question_id}?xong=tra-loi")


@action
async def dismiss(self: Console, request: web.Request, session: store.Session,
                  form: dict[str, str]) -> web.StreamResponse:
    """Close the group without answering (kept, with who and when)."""
    question_id = int(request.match_info["id"])
    now = self.now()
    async with self.app.sessions() as s, s.begin():
        found = await qdb.dismiss_group(s, question_id, _who(session), now)
        if found is None:
            if await qdb.group(s, question_id) is None:
                raise web.HTTPNotFound(text="no such question")
            return _gone(self, request, session)
        await store.audit(s, session.who, "dismiss", f"#{question_id} ({len(found.questions)} "
                          f"{found.kind}): {found.example[:200]}", now)
    raise web.HTTPSeeOther(f"{BASE}?xong=bo-qua")


@action
async def faq(self: Console, request: web.Request, session: store.Session,
              form: dict[str, str]) -> web.StreamResponse:
    """The [[faq]] entry for faq.toml, from the question and the answer typed (or given)."""
    found, _delivery = await _group(self, request)
    text = _text(form, "answer") or found.answer or ""
    if not text:
        return await _group_page(self, request, session, error=_(
            "Hãy viết câu trả lời trước khi tạo mục hỏi đáp."), status=400)
    entry = faq_toml(found.example, text, found.normalised,
                     {f.id for f in self.edition.faq})
    await self.audit(session, "faq", f"#{found.id}: {found.example[:200]}")
    return self.render(request, "faq_entry.html", session, page="questions", g=found,
                       entry=entry)


# ---- the FAQ entry ------------------------------------------------------------------------------


def toml_string(value: str) -> str:
    """A TOML basic string (one line): quotes, backslashes and control characters escaped."""
    out = ['"']
    for ch in value:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x20 or ch == "\x7f":
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def faq_id(question: str, taken: set[str]) -> str:
    """A new entry's id: the question's first words without marks ("gio-mo-cua-thu-vien"),
    made unique among `taken`."""
    words = tokens(question)[:ID_WORDS]
    base = "-".join(words)[:ID_LENGTH].strip("-") or "cau-hoi"
    found, n = base, 2
    while found in taken:
        found, n = f"{base}-{n}", n + 1
    return found


def faq_toml(question: str, answer: str, normalised: str, taken: set[str]) -> str:
    """A [[faq]] entry (content/editions/<year>/faq.toml) the content loader accepts: id,
    question, answer and keywords (the wording and the normalised text)."""
    question = unicodedata.normalize("NFC", " ".join(question.split()))
    answer = unicodedata.normalize("NFC", answer.strip())
    keywords: list[str] = []
    for k in (question.lower().rstrip("?.! "), " ".join(normalised.split())):
        if k and k not in keywords:
            keywords.append(unicodedata.normalize("NFC", k))
    shown = question if question.endswith("?") else question + "?"
    return "\n".join([
        "[[faq]]",
        f"id = {toml_string(faq_id(question, taken))}",
        f"question = {toml_string(shown)}",
        f"answer = {toml_string(answer)}",
        f"keywords = [{', '.join(toml_string(k) for k in keywords)}]",
        "",
    ])
