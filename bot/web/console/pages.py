"""The organizers' web console: every page and action under /quantri/.

Server-rendered (Jinja2 through aiohttp-jinja2), usable without JavaScript; a small script
(static/console.js) refreshes the figures, previews an announcement as it is typed and moves
the progress bar. The pages talk to the database through the stores of bot/db and to the
features' own code: announcements and their outbox (bot.db.broadcast), the contest's results
and voiding (bot/db/contest.py, the /ketquathi files), the report (bot.report), the content
check (content.load_edition). Every action is written to the audit log in the transaction
that does it.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import secrets
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import aiohttp_jinja2
import jinja2
from aiohttp import web

from bot.app import App, edition_path
from bot.db import broadcast
from bot.db import console as store
from bot.db import contest as contest_db
from bot.report import XLSX, collect
from bot.report import files as report_files
from bot.report.results import build_csv, build_xlsx
from bot.web.console.auth import (
    COOKIE,
    LOGIN_COOKIE,
    PREFIX,
    SIGN_IN,
    add_headers,
    read_form,
    same,
    set_cookie,
)
from bot.web.console.preview import Preview, preview
from content import ContentError, load_edition
from handlers.broadcast_types import (
    MAX_LABEL,
    AnnouncementButton,
    audience_label,
    channel_label,
    check_label,
    check_url,
    status_label,
)
from handlers.contest_types import ResultRow
from handlers.features.announce import (
    MAX_TEXT,
    WhenProblem,
    far_text,
    parse_audience,
    past_text,
    read_when,
    twin_text,
)
from handlers.features.contest import OTHER
from handlers.features.report import headline, period_text
from handlers.i18n import N_, _, current_locale, format_number, ngettext, use_locale
from handlers.numbers import parse_int
from handlers.report_types import ReportFigures
from handlers.text import fold

log = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
TEMPLATES = web.AppKey("hoctap_console_templates", jinja2.Environment)
SESSION_SECONDS = int(store.SESSION_TTL.total_seconds())
LINK_SECONDS = int(store.LINK_TTL.total_seconds())
ROWS_SHOWN = 500  # results table; the files hold every row
LONGEST_REPORT = 366  # days

ACTIONS = {
    "link": N_("Xin đường dẫn đăng nhập"),
    "sign_in": N_("Đăng nhập"),
    "sign_out": N_("Đăng xuất"),
    "announce": N_("Tạo thông báo"),
    "cancel": N_("Hủy thông báo"),
    "void": N_("Hủy kết quả dự thi"),
    "download": N_("Tải tệp"),
    "answer": N_("Trả lời câu hỏi"),
    "dismiss": N_("Bỏ qua câu hỏi"),
    "faq": N_("Tạo mục hỏi đáp"),
}
OUTBOX_LABELS = {
    "pending": N_("chờ gửi"), "claimed": N_("đã nhận để gửi"), "sending": N_("đang gửi"),
    "sent": N_("đã gửi"), "failed": N_("lỗi"), "skipped": N_("bỏ qua"),
    "uncertain": N_("không rõ kết quả"),
}
# Reasons the outbox records, in words; anything else is shown as the platform said it.
REASONS = {
    "no running channel sends to this platform": N_("không có kênh nào đang chạy gửi tới nền "
                                                    "tảng này (ví dụ dòng lệnh)"),
    "outside_window": N_("quá 7 ngày kể từ lần cuối người dùng nhắn cho OA Zalo"),
    "not_following": N_("người dùng đã bỏ quan tâm OA"),
    "interrupted while sending; may have arrived": N_("bot dừng giữa lúc gửi; tin có thể đã "
                                                      "đến"),
}
FINAL_STATES = ("done", "cancelled", "missed")
CHANNEL_NAMES = {"zalo": "Zalo OA", "zalobot": "Zalo Bot"}
NAV = (
    ("overview", "/", N_("Tổng quan")),
    ("announce", "/thongbao", N_("Thông báo")),
    ("questions", "/cau-hoi", N_("Câu hỏi")),
    ("contest", "/cuocthi", N_("Cuộc thi")),
    ("report", "/baocao", N_("Báo cáo")),
    ("content", "/noidung", N_("Nội dung")),
    ("audit", "/nhatky", N_("Nhật ký")),
)


def _channel(name: str) -> str:
    return CHANNEL_NAMES.get(name) or channel_label(name)


def _labels(table: dict[str, str]) -> Callable[[str], str]:
    """A template filter: the key's label in the current language, or the key itself."""
    return lambda key: _(table[key]) if key in table else key


def _reason(reason: str) -> str:
    if reason.startswith("blocked: "):
        return _("người dùng đã chặn bot hoặc bỏ quan tâm ({detail})").format(
            detail=reason.removeprefix("blocked: "))
    return _(REASONS[reason]) if reason in REASONS else reason


def _iso_day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text and text.isascii() else None
    except ValueError:
        return None


# The compose form's feature buttons (one select each) and its one link button: with "Xem
# thêm", within Zalo OA's five native buttons.
FEATURE_FIELDS = ("button1", "button2")


@dataclass
class Draft:
    """The announcement form as typed."""

    text: str = ""
    audience: str = "all"
    when: str = "now"
    at: str = ""
    features: tuple[str, ...] = ("",) * len(FEATURE_FIELDS)  # the feature each select names
    link_label: str = ""
    link_url: str = ""

    @classmethod
    def of(cls, form: dict[str, str]) -> Draft:
        return cls(form.get("text", "").replace("\r\n", "\n").strip(),
                   form.get("audience", "all"), form.get("when", "now"), form.get("at", ""),
                   tuple(form.get(f, "") for f in FEATURE_FIELDS),
                   form.get("link_label", "").strip(), form.get("link_url", "").strip())

    def buttons(self, choices: list[tuple[str, str, str]]
                ) -> tuple[tuple[AnnouncementButton, ...], str]:
        """The buttons asked for, from the features `choices` (registry.button_features()),
        and an error to show (empty when every one is valid)."""
        known = {name: (label, command) for name, label, command in choices}
        out: list[AnnouncementButton] = []
        for name in dict.fromkeys(self.features):
            if name in known:
                out.append(AnnouncementButton(*known[name], feature=name))
        if not (self.link_label or self.link_url):
            return tuple(out), ""
        url, label = check_url(self.link_url), check_label(self.link_label)
        if url is None:
            return tuple(out), _("Đường link phải bắt đầu bằng https:// và là địa chỉ một trang "
                                 "web, ví dụ https://hoctaphaiphong.vn.")
        if label is None:
            return tuple(out), _("Tên nút link dài 1–{n} ký tự.").format(n=MAX_LABEL)
        return (*out, AnnouncementButton(label, url=url)), ""


Page = Callable[["Console", web.Request, store.Session], Awaitable[web.StreamResponse]]
Action = Callable[["Console", web.Request, store.Session, dict[str, str]],
                  Awaitable[web.StreamResponse]]


def page(handler: Page) -> Callable[[Console, web.Request], Awaitable[web.StreamResponse]]:
    """A page for a signed-in organizer; anyone else is sent to the sign-in page."""
    @functools.wraps(handler)
    async def wrapped(self: Console, request: web.Request) -> web.StreamResponse:
        session = await self.session_of(request)
        if session is None:
            if request.path.endswith(".json"):
                raise web.HTTPUnauthorized(text='{"signed_in": false}',
                                           content_type="application/json")
            raise web.HTTPSeeOther(SIGN_IN)
        with use_locale(self.locale_of(session)):
            return await handler(self, request, session)
    return wrapped


def action(handler: Action) -> Callable[[Console, web.Request], Awaitable[web.StreamResponse]]:
    """A POST by a signed-in organizer, carrying the session's CSRF token (else 403)."""
    @functools.wraps(handler)
    async def wrapped(self: Console, request: web.Request) -> web.StreamResponse:
        session = await self.session_of(request)  # before reading a byte of the body
        if session is None:
            raise web.HTTPSeeOther(SIGN_IN)
        form = await read_form(request)
        with use_locale(self.locale_of(session)):
            if not same(form.get("csrf"), session.csrf):
                return self.render(request, "refused.html", session, status=403,
                                   message=_("Biểu mẫu này đã cũ hoặc không đến từ trang quản "
                                             "trị. Tải lại trang rồi làm lại."))
            return await handler(self, request, session, form)
    return wrapped


class Console:
    """The console's routes, over the running bot's App."""

    def __init__(self, app: App) -> None:
        self.app = app
        self.settings = app.settings
        self.edition = app.edition
        self.tz = app.edition.tz
        self._drawing = asyncio.Lock()
        self._files: dict[tuple[str, str], tuple[ReportFigures, bytes]] = {}

    # ---- plumbing -----------------------------------------------------------------------------

    def mount(self, web_app: web.Application,
              sections: Sequence[Callable[[Console, web.UrlDispatcher], None]] = ()) -> None:
        env = aiohttp_jinja2.setup(
            web_app, app_key=TEMPLATES, default_helpers=False, autoescape=True,
            loader=jinja2.FileSystemLoader(HERE / "templates"),
            extensions=["jinja2.ext.i18n"], undefined=jinja2.StrictUndefined)
        env.install_gettext_callables(_, ngettext, newstyle=False)  # type: ignore[attr-defined]
        env.filters.update(num=format_number, when=self.when, day=self.day,
                           status=status_label, audience=audience_label, channel=_channel,
                           reason=_reason, outbox=_labels(OUTBOX_LABELS),
                           action=_labels(ACTIONS), t=_)
        web_app.on_response_prepare.append(add_headers)
        r = web_app.router
        get, post = r.add_get, r.add_post
        get(PREFIX, _to_home)
        get(PREFIX + "/", self.overview)
        get(PREFIX + "/so-lieu.json", self.figures)
        get(SIGN_IN, self.sign_in_help)
        get(PREFIX + "/vao/{token}", self.link_page)
        post(PREFIX + "/vao/{token}", self.sign_in)
        post(PREFIX + "/dang-xuat", self.sign_out)
        get(PREFIX + "/thongbao", self.announcements)
        post(PREFIX + "/thongbao", self.compose)
        post(PREFIX + "/thongbao/xem-truoc", self.live_preview)
        get(PREFIX + r"/thongbao/{id:\d{1,10}}", self.announcement)
        get(PREFIX + r"/thongbao/{id:\d{1,10}}/tien-do.json", self.progress)
        post(PREFIX + r"/thongbao/{id:\d{1,10}}/huy", self.cancel)
        get(PREFIX + "/cuocthi", self.contest)
        post(PREFIX + r"/cuocthi/{id:\d{1,10}}/huy", self.void)
        get(PREFIX + "/cuocthi/ket-qua.{kind:csv|xlsx}", self.results_file)
        get(PREFIX + "/baocao", self.report)
        get(PREFIX + "/baocao/tep/{name}", self.report_file)
        get(PREFIX + "/noidung", self.content)
        get(PREFIX + "/nhatky", self.audit_log)
        for section in sections:  # pages in modules of their own (the questions inbox)
            section(self, r)
        r.add_static(PREFIX + "/static/", HERE / "static", append_version=False)

    def now(self) -> datetime:
        return self.app.clock()

    def when(self, moment: datetime | None) -> str:
        return f"{moment.astimezone(self.tz):%d/%m/%Y %H:%M}" if moment else "—"

    def day(self, d: date) -> str:
        return f"{d:%d/%m/%Y}"

    def locale_of(self, session: store.Session | None) -> str:
        return (session.locale if session else None) or self.settings.bot.locale

    async def session_of(self, request: web.Request) -> store.Session | None:
        """The signed-in organizer, if the cookie names a live session of one still listed."""
        session_id = request.cookies.get(COOKIE)
        if not session_id or len(session_id) > 128:
            return None
        async with self.app.sessions() as s:
            session = await store.find_session(s, session_id, store.real_now())
        if session is None or not self.is_organizer(session.who):
            return None
        return session

    def is_organizer(self, who: store.Identity) -> bool:
        return who.external_id in self.settings.organizer_ids(who.channel)

    def render(self, request: web.Request, name: str, session: store.Session | None,
               status: int = 200, **context: Any) -> web.Response:
        context.update(session=session, csrf=session.csrf if session else "", nav=NAV,
                       lang=current_locale(),
                       prefix=PREFIX, edition=self.edition, page=context.get("page", ""),
                       who=self.who(session) if session else "")
        return aiohttp_jinja2.render_template(name, request, context, app_key=TEMPLATES,
                                              status=status)

    def who(self, session: store.Session) -> str:
        w = session.who
        return session.name or f"{_channel(w.channel)} {w.external_id}"

    async def audit(self, session: store.Session, action_: str, detail: str = "") -> None:
        async with self.app.sessions() as s, s.begin():
            await store.audit(s, session.who, action_, detail, self.now())

    # ---- signing in and out -------------------------------------------------------------------

    async def sign_in_help(self, request: web.Request) -> web.StreamResponse:
        with use_locale(self.settings.bot.locale):
            return self.render(request, "sign_in.html", None, signed_out="ra" in request.query)

    async def link_page(self, request: web.Request) -> web.StreamResponse:
        """The one-time link opens a page with a button: a link preview fetching the address
        (Telegram, Zalo do) must not spend the token, only the organizer's POST does."""
        token = request.match_info["token"]
        with use_locale(self.settings.bot.locale):
            async with self.app.sessions() as s:
                usable = len(token) <= 128 and await store.token_usable(s, token,
                                                                        store.real_now())
            if not usable:
                return self._link_refused(request)
            guard = secrets.token_urlsafe(24)
            response = self.render(request, "link.html", None, form_token=guard)
            set_cookie(response, LOGIN_COOKIE, guard, LINK_SECONDS, request.path,
                       self.settings.web.secure)
            return response

    def _link_refused(self, request: web.Request) -> web.Response:
        return self.render(request, "refused.html", None, status=403, message=_(
            "Đường dẫn này không dùng được nữa: mỗi đường dẫn chỉ dùng một lần, trong {minutes} "
            "phút. Gửi /quantri cho bot để nhận đường dẫn mới.").format(
                minutes=LINK_SECONDS // 60))

    async def sign_in(self, request: web.Request) -> web.StreamResponse:
        """Spend the link, open a new session (never the id the browser brought)."""
        token = request.match_info["token"]
        form = await read_form(request)
        with use_locale(self.settings.bot.locale):
            if not same(form.get("csrf"), request.cookies.get(LOGIN_COOKIE, "")):
                return self.render(request, "refused.html", None, status=403, message=_(
                    "Biểu mẫu đăng nhập đã cũ. Mở lại đường dẫn trong tin nhắn của bot."))
            now = store.real_now()
            async with self.app.sessions() as s, s.begin():
                who = await store.redeem_token(s, token, now) if len(token) <= 128 else None
                if who is None:
                    return self._link_refused(request)
                if not self.is_organizer(who):
                    # The token is spent all the same: it was made for someone no longer listed.
                    return self.render(request, "refused.html", None, status=403, message=_(
                        "Tài khoản này không còn trong danh sách Ban tổ chức ([organizers]) "
                        "nên không vào được trang quản trị."))
                session_id = await store.open_session(s, who, now,
                                                      replacing=request.cookies.get(COOKIE))
                await store.audit(s, who, "sign_in", "", self.now())
            log.info("console: %s organizer %s signed in", who.channel, who.external_id)
            response = _see_other(PREFIX + "/")
            set_cookie(response, COOKIE, session_id, SESSION_SECONDS, PREFIX + "/",
                       self.settings.web.secure)
            response.del_cookie(LOGIN_COOKIE, path=request.path)
            return response

    @action
    async def sign_out(self, request: web.Request, session: store.Session,
                       form: dict[str, str]) -> web.StreamResponse:
        async with self.app.sessions() as s, s.begin():
            await store.close_session(s, request.cookies.get(COOKIE, ""))
            await store.audit(s, session.who, "sign_out", "", self.now())
        response = _see_other(SIGN_IN + "?ra")
        response.del_cookie(COOKIE, path=PREFIX + "/")
        return response

    # ---- overview -----------------------------------------------------------------------------

    async def _figures(self) -> dict[str, str]:
        """Every figure of the overview, formatted, by the key its element carries."""
        today = self.now().astimezone(self.tz).date()
        start = datetime.combine(today, time(0), tzinfo=self.tz)
        async with self.app.sessions() as s:
            o = await store.overview(s, start, start + timedelta(days=1))
            figures = (await contest_db.results(s)).figures
        out = {f"users-{channel}": format_number(n) for channel, n in o.users.items()}
        out.update({
            "users": format_number(sum(o.users.values())),
            "messages-today": format_number(o.messages_today),
            "subscribers": format_number(o.subscribers),
            "participants": format_number(figures.participants),
            "finished": format_number(figures.finished),
            "pending-announcements": format_number(o.pending_announcements),
            "open-questions": format_number(o.open_questions),
        })
        out.update({f"outbox-{k}": format_number(o.outbox.get(k, 0)) for k in OUTBOX_LABELS})
        return out

    @page
    async def overview(self, request: web.Request, session: store.Session
                       ) -> web.StreamResponse:
        figures = await self._figures()
        channels = sorted(k.removeprefix("users-") for k in figures
                          if k.startswith("users-"))
        return self.render(request, "overview.html", session, page="overview",
                           figures=figures, channels=channels, outbox_states=OUTBOX_LABELS,
                           updated=self.when(self.now()))

    @page
    async def figures(self, request: web.Request, session: store.Session
                      ) -> web.StreamResponse:
        return web.json_response({"figures": await self._figures(),
                                  "updated": self.when(self.now())})

    # ---- announcements ------------------------------------------------------------------------

    def _audiences(self) -> list[tuple[str, str]]:
        keys = ["all", "contest", "channel:telegram", "channel:zalo",
                *(f"district:{d}" for d in self.edition.contest.districts)]
        return [(k, audience_label(k)) for k in keys]

    def _button_choices(self) -> list[tuple[str, str, str]]:
        return self.app.conversation.registry.button_features()

    def _previews(self, draft: Draft) -> list[Preview] | None:
        if not draft.text:
            return None
        buttons, _error = draft.buttons(self._button_choices())
        return preview(draft.text, self.edition, self.settings.bot.locale, buttons)

    async def _compose_page(self, request: web.Request, session: store.Session, draft: Draft,
                            error: str = "", shown: bool = False,
                            status: int = 200) -> web.StreamResponse:
        audience = parse_audience(draft.audience, self.edition.contest.districts)
        _buttons, problem = draft.buttons(self._button_choices())
        async with self.app.sessions() as s:
            items = await broadcast.list_announcements(s, 50)
            reach = (await broadcast.audience_size(s, audience) if shown and audience
                     else None)
        default_at = (self.now().astimezone(self.tz) + timedelta(hours=1)).replace(
            second=0, microsecond=0)
        return self.render(
            request, "announcements.html", session, page="announce", items=items, draft=draft,
            error=error, audiences=self._audiences(), max_text=MAX_TEXT,
            features=[(name, _(label)) for name, label, _c in self._button_choices()],
            max_label=MAX_LABEL, previews=self._previews(draft) if shown else None,
            button_error=problem if shown and problem != error else "",
            reach=reach, default_at=draft.at or f"{default_at:%Y-%m-%dT%H:%M}", status=status)

    @page
    async def announcements(self, request: web.Request, session: store.Session
                            ) -> web.StreamResponse:
        return await self._compose_page(request, session, Draft())

    def _check(self, draft: Draft) -> tuple[str, str | None, datetime | None]:
        """(error, audience, due time) of a draft; error empty when it can be sent."""
        audience = parse_audience(draft.audience, self.edition.contest.districts)
        if not draft.text:
            return _("Nội dung đang trống."), audience, None
        if len(draft.text) > MAX_TEXT:
            return (_("Thông báo dài {n} ký tự, quá {max}. Hãy rút gọn.").format(
                n=format_number(len(draft.text)), max=format_number(MAX_TEXT)), audience, None)
        if audience is None:
            return _("Chọn một nhóm người nhận."), None, None
        _buttons, problem = draft.buttons(self._button_choices())
        if problem:
            return problem, audience, None
        now = self.now()
        if draft.when != "at":
            return "", audience, now
        when = read_when(draft.at, now, self.tz, self.edition.end)
        if when is WhenProblem.PAST:
            return past_text(), audience, None
        if when is WhenProblem.FAR:
            return far_text(self.edition.end, now, self.tz), audience, None
        if isinstance(when, WhenProblem):
            return _("Chọn ngày và giờ gửi (giờ Việt Nam)."), audience, None
        return "", audience, when

    @action
    async def compose(self, request: web.Request, session: store.Session,
                      form: dict[str, str]) -> web.StreamResponse:
        """Preview (without JavaScript) or send the announcement."""
        draft = Draft.of(form)
        if form.get("do") != "send":
            return await self._compose_page(request, session, draft, shown=True)
        error, audience, due = self._check(draft)
        if error or audience is None or due is None:
            return await self._compose_page(request, session, draft, error=error, shown=True,
                                            status=400)
        buttons, _problem = draft.buttons(self._button_choices())
        async with self.app.sessions() as s, s.begin():
            twin = await broadcast.pending_twin(s, draft.text, audience)
            if twin is None:
                item_id = await broadcast.create_announcement(s, draft.text, audience, due,
                                                              self.now(), None, buttons)
                await store.audit(s, session.who, "announce", f"#{item_id} {audience} "
                                  f"{self.when(due)}: {draft.text[:200]}", self.now())
        if twin is not None:  # sent twice (a double click, a reload): the form, and why
            return await self._compose_page(request, session, draft, shown=True, status=409,
                                            error=twin_text(*twin, self.tz))
        log.info("console: announcement %s created for %s", item_id, audience)
        raise web.HTTPSeeOther(f"{PREFIX}/thongbao/{item_id}")

    @action
    async def live_preview(self, request: web.Request, session: store.Session,
                           form: dict[str, str]) -> web.StreamResponse:
        """The preview and the audience's size, as an HTML fragment for the compose page."""
        draft = Draft.of(form)
        audience = parse_audience(draft.audience, self.edition.contest.districts)
        async with self.app.sessions() as s:
            reach = await broadcast.audience_size(s, audience) if audience else None
        _buttons, error = draft.buttons(self._button_choices())
        return self.render(request, "preview.html", session, draft=draft, reach=reach,
                           max_text=MAX_TEXT, button_error=error,
                           previews=self._previews(draft))

    async def _state(self, request: web.Request) -> store.AnnouncementState:
        async with self.app.sessions() as s:
            state = await store.announcement(s, int(request.match_info["id"]))
        if state is None:
            raise web.HTTPNotFound(text="no such announcement")
        return state

    @page
    async def announcement(self, request: web.Request, session: store.Session
                           ) -> web.StreamResponse:
        state = await self._state(request)
        async with self.app.sessions() as s:
            reasons = await store.delivery_reasons(s, state.info.id)
        return self.render(request, "announcement.html", session, page="announce", a=state,
                           reasons=reasons, notice="huy" in request.query,
                           final=state.info.status in FINAL_STATES)

    @page
    async def progress(self, request: web.Request, session: store.Session
                       ) -> web.StreamResponse:
        state = await self._state(request)
        a = state.info
        return web.json_response({
            "status": a.status, "status_label": status_label(a.status), "total": a.total,
            "done": state.done, "final": a.status in FINAL_STATES,
            **{k: format_number(state.counts[k]) for k in ("sent", "skipped", "failed",
                                                           "uncertain")}})

    @action
    async def cancel(self, request: web.Request, session: store.Session,
                     form: dict[str, str]) -> web.StreamResponse:
        item_id = int(request.match_info["id"])
        async with self.app.sessions() as s, s.begin():
            state = await store.announcement(s, item_id)
            if state is None:
                raise web.HTTPNotFound(text="no such announcement")
            # The store answers a cancelled one's status, "cancelled", as for a cancellation.
            result = (await broadcast.cancel_announcement(s, item_id)
                      if state.info.status == "scheduled" else state.info.status)
            if state.info.status == "scheduled" and result == "cancelled":
                await store.audit(s, session.who, "cancel", f"#{item_id}", self.now())
            else:
                return self.render(request, "refused.html", session, status=409, message=_(
                    "Không hủy được thông báo #{id}: {status}.").format(
                        id=item_id, status=status_label(result)))
        raise web.HTTPSeeOther(f"{PREFIX}/thongbao/{item_id}?huy")

    # ---- the contest --------------------------------------------------------------------------

    def _filtered(self, rows: tuple[ResultRow, ...], district: str, unit: str
                  ) -> list[ResultRow]:
        wanted = fold(unit).strip()
        return [r for r in rows
                if (not district or r.district == district)
                and (not wanted or wanted in fold(f"{r.unit or ''} {r.district}"))]

    @page
    async def contest(self, request: web.Request, session: store.Session
                      ) -> web.StreamResponse:
        district = request.query.get("quan", "")
        unit = request.query.get("donvi", "").strip()[:128]
        async with self.app.sessions() as s:
            results = await contest_db.results(s)
        rows = self._filtered(results.rows, district, unit)
        voided = parse_int(request.query.get("huy", ""))
        return self.render(request, "contest.html", session, page="contest",
                           rows=rows[:ROWS_SHOWN], matched=len(rows), total=len(results.rows),
                           figures=results.figures, district=district, unit=unit,
                           districts=[*self.edition.contest.districts, OTHER],
                           voided=voided, seconds=lambda ms: format_number(round(ms / 1000, 1)))

    @action
    async def void(self, request: web.Request, session: store.Session,
                   form: dict[str, str]) -> web.StreamResponse:
        participant_id = int(request.match_info["id"])
        reason = " ".join(form.get("reason", "").split())[:200]
        back = {k: form[k] for k in ("quan", "donvi") if form.get(k)}
        if not reason:
            return self.render(request, "refused.html", session, status=400, message=_(
                "Cần ghi lý do hủy kết quả."))
        async with self.app.sessions() as s, s.begin():
            done = await contest_db.void(s, participant_id, reason)
            if done:
                await store.audit(s, session.who, "void", f"#{participant_id}: {reason}",
                                  self.now())
        if not done:
            raise web.HTTPNotFound(text="no such participant")
        raise web.HTTPSeeOther(f"{PREFIX}/cuocthi?" + urlencode({"huy": participant_id, **back}))

    @page
    async def results_file(self, request: web.Request, session: store.Session
                           ) -> web.StreamResponse:
        kind = request.match_info["kind"]
        async with self.app.sessions() as s:
            results = await contest_db.results(s)
        stamp = self.now().astimezone(self.tz).strftime("%Y%m%d-%H%M")
        name = f"ket-qua-cuoc-thi-{stamp}.{kind}"
        if kind == "csv":
            data, mime = build_csv(results.rows, self.tz), "text/csv"
        else:
            data = await asyncio.to_thread(build_xlsx, results.rows, results.figures, self.tz)
            mime = XLSX
        await self.audit(session, "download", name)
        return _file(data, name, mime)

    # ---- the report ---------------------------------------------------------------------------

    def _period(self, request: web.Request) -> tuple[date, date, str]:
        first = _iso_day(request.query.get("tu")) or self.edition.start
        last = _iso_day(request.query.get("den")) or self.edition.end
        if last < first:
            return self.edition.start, self.edition.end, _(
                "Ngày cuối trước ngày đầu; đang xem cả Tuần lễ.")
        if (last - first).days >= LONGEST_REPORT:
            return self.edition.start, self.edition.end, _(
                "Khoảng thời gian dài quá một năm; đang xem cả Tuần lễ.")
        return first, last, ""

    @page
    async def report(self, request: web.Request, session: store.Session
                     ) -> web.StreamResponse:
        first, last, error = self._period(request)
        async with self.app.sessions() as s:
            figures = await collect(s, self.edition, first, last)
        label = self.app.conversation.registry.label
        names = [(name, mime) for name, mime, _build in report_files(figures, self.edition,
                                                                     label)]
        query = f"tu={first.isoformat()}&den={last.isoformat()}"
        return self.render(request, "report.html", session, page="report", first=first,
                           last=last, error=error, period=period_text(figures),
                           lines=headline(figures, label), files=names, query=query)

    @page
    async def report_file(self, request: web.Request, session: store.Session
                          ) -> web.StreamResponse:
        first, last, _error = self._period(request)
        async with self.app.sessions() as s:
            figures = await collect(s, self.edition, first, last)
        wanted = request.match_info["name"]
        for name, mime, build in report_files(figures, self.edition,
                                              self.app.conversation.registry.label):
            if name == wanted:
                data = await self._built(name, figures, build)
                # A chart shown on the page is not a download; a file saved is audited.
                if mime != "image/png" or "tai" in request.query:
                    await self.audit(session, "download", name)
                    return _file(data, name, mime)
                return web.Response(body=data, content_type=mime)
        raise web.HTTPNotFound(text="no such file")

    async def _built(self, name: str, figures: ReportFigures, build: Callable[[], bytes]
                     ) -> bytes:
        """A report file, drawn again only when its figures changed (a page shows four
        charts, and a phone and a desktop ask for them in turn)."""
        # One at a time: matplotlib's settings (rc_context) are global to the process.
        async with self._drawing:
            key = (name, current_locale())
            kept = self._files.get(key)
            if kept is not None and kept[0] == figures:
                return kept[1]
            data = await asyncio.to_thread(build)  # copies the context: the locale too
            self._files[key] = (figures, data)
            while len(self._files) > 32:
                del self._files[next(iter(self._files))]
            return data

    # ---- content and audit --------------------------------------------------------------------

    @page
    async def content(self, request: web.Request, session: store.Session
                      ) -> web.StreamResponse:
        path = edition_path(self.settings)
        problems: list[str] = []
        checked = None
        try:
            checked = await asyncio.to_thread(load_edition, path)
        except ContentError as err:
            problems = [p.render(_) for p in err.problems]
        return self.render(request, "content.html", session, page="content", path=path,
                           checked=checked, problems=problems, loc=self.locale_of(session))

    @page
    async def audit_log(self, request: web.Request, session: store.Session
                        ) -> web.StreamResponse:
        async with self.app.sessions() as s:
            entries = await store.audit_entries(s, 300)
        return self.render(request, "audit.html", session, page="audit", entries=entries)


async def _to_home(request: web.Request) -> web.StreamResponse:
    raise web.HTTPSeeOther(PREFIX + "/")


def _see_other(location: str) -> web.Response:
    """A redirect that carries cookies (a raised HTTPSeeOther is for the plain ones)."""
    return web.Response(status=303, headers={"Location": location})


def _file(data: bytes, name: str, mime: str) -> web.Response:
    charset = "utf-8" if mime.startswith("text/") else None
    response = web.Response(body=data, content_type=mime, charset=charset)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
