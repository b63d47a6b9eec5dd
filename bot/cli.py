"""The `hoctap-bot` command: chat, content check, contest, report, db upgrade.

Exit codes: 0 done; 1 not found, refused or invalid content; 2 usage or configuration
(argparse's own code for usage); 130 interrupted; 141 the reader of our output went away.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import io
import logging
import os
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from bot.settings import Settings, SettingsError, load_settings, parse_instant, with_overrides
from bot.settings_error import INSTANT
from handlers.i18n import N_, _, format_date_numeric, set_locale
from handlers.numbers import parse_int
from handlers.question_types import QuestionKind
from handlers.text import clean

# The bot itself (SQLAlchemy, the handlers, the metrics) is imported once a command needs it:
# a usage error, --help or a configuration error answers without that half second of imports.
if TYPE_CHECKING:
    from bot.app import App
    from content import ContentError
    from handlers.broadcast_types import AnnouncementButton
    from handlers.channel import OutputChannel
    from handlers.types import Incoming, Reply
    from scheduler.service import BroadcastService

log = logging.getLogger("hoctap")

EXIT_NOT_DONE = 1  # not found, refused
EXIT_CONTENT = 1
EXIT_CONFIG = 2  # also bad usage, as argparse exits
EXIT_INTERRUPTED = 130
# A closed pipe (`| head`) ends us as SIGPIPE ends `cat` (128 + 13): scripts under
# `set -o pipefail` see what they see of any Unix tool, and our 0/1/2 keep their meaning.
EXIT_PIPE = 141
# The channels an organizer may be listed on in [organizers] (`admin link --channel`).
LINK_CHANNELS = ("telegram", "zalo", "zalobot", "console")
QUESTION_KINDS = tuple(k.value for k in QuestionKind)

# argparse's own messages (3.11), in the user's language; the argument names are ours.
_ARGPARSE_MESSAGES = (
    (re.compile(r"the following arguments are required: (?P<names>.+)"),
     N_("thiếu tham số {names}")),
    (re.compile(r"unrecognized arguments: (?P<args>.+)"), N_("không hiểu tham số {args}")),
    (re.compile(r"argument (?P<arg>\S+): invalid choice: (?P<value>.+) "
                r"\(choose from (?P<choices>.+)\)"),
     N_("{arg}: không có {value}; chọn một trong {choices}")),
    (re.compile(r"argument (?P<arg>\S+): expected one argument"), N_("{arg} cần một giá trị")),
    (re.compile(r"argument (?P<arg>\S+): invalid \S+ value: (?P<value>.+)"),
     N_("{arg}: giá trị {value} không hợp lệ")),
    (re.compile(r"ambiguous option: (?P<option>\S+) could match (?P<matches>.+)"),
     N_("{option} có thể là {matches}; gõ đầy đủ tên tùy chọn")),
    (re.compile(r"argument (?P<arg>\S+): (?P<message>.+)"), N_("{arg}: {message}")),
)


def _argparse_message(message: str) -> str:
    for pattern, template in _ARGPARSE_MESSAGES:
        m = pattern.fullmatch(message)
        if m is not None:
            return _(template).format(**m.groupdict())
    return message


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage: str | None, actions: Iterable[argparse.Action],
                  groups: Iterable[Any], prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, _("Cách dùng: ") if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """argparse speaking the user's language, for the parser and every subcommand."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = _("tham số")
        self._optionals.title = _("tùy chọn")
        self.add_argument("-h", "--help", action="help", help=_("in hướng dẫn này rồi thoát"))

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_CONFIG, _("{prog}: lỗi: {message}").format(
            prog=self.prog, message=_argparse_message(message)) + "\n")


def _number(text: str) -> int:
    """A participant or announcement number on the command line: ASCII digits, 1..2^31-1."""
    value = parse_int(text, low=1)
    if value is None:
        raise argparse.ArgumentTypeError(
            _("“{value}” không phải là một số hợp lệ (chỉ chữ số 0-9, từ 1)").format(value=text))
    return value


def _day(text: str) -> date:
    """A day on the command line: ISO (2020-10-01) or Vietnamese order (01/10/2020)."""
    pieces = text.split("/")
    try:
        if len(pieces) == 3:
            d, m, y = (parse_int(x, low=1, high=9999) for x in pieces)
            if d is not None and m is not None and y is not None:
                return date(y, m, d)
        elif text.isascii():  # fromisoformat would read other digits in a later Python
            return date.fromisoformat(text)
    except ValueError:
        pass
    raise argparse.ArgumentTypeError(
        _("“{value}” không phải là ngày (dạng 01/10/2020 hoặc 2020-10-01)").format(value=text))


def _parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="hoctap-bot",
        description=_("Chatbot Tuần lễ hưởng ứng học tập suốt đời (Telegram, Zalo, dòng lệnh)."),
    )
    sub = p.add_subparsers(dest="command", required=True, metavar=_("LỆNH"),
                           title=_("các lệnh"))

    def common(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--config", metavar=_("TỆP"),
                        help=_("tệp cấu hình TOML (hoặc biến môi trường HOCTAP_CONFIG)"))

    def now(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--now", metavar=_("THỜI_ĐIỂM"),
                        help=_("giả lập thời điểm bắt đầu, ví dụ 2020-10-01T07:30"))

    chat = sub.add_parser("chat", help=_("trò chuyện với bot trong cửa sổ dòng lệnh (hoặc qua "
                                         "stdin)"))
    common(chat)
    now(chat)
    chat.add_argument("--user", default="console", metavar=_("TÊN"),
                      help=_("mã người dùng dòng lệnh (mặc định “console”, thuộc Ban tổ chức)"))
    chat.add_argument("--no-greeting", action="store_true",
                      help=_("không gửi /start trước (mặc định khi chạy trong cửa sổ dòng lệnh)"))

    content = sub.add_parser("content", help=_("công cụ nội dung cho Ban tổ chức"))
    csub = content.add_subparsers(dest="content_command", required=True, metavar=_("LỆNH"),
                                  title=_("các lệnh"))
    check = csub.add_parser("check", help=_("kiểm tra một thư mục nội dung"))
    common(check)
    check.add_argument("path", nargs="?", metavar=_("THƯ_MỤC"),
                       help=_("thư mục nội dung (mặc định: thư mục trong cấu hình)"))

    run = sub.add_parser("run", help=_("chạy mọi kênh đã cấu hình và máy chủ web"))
    common(run)
    now(run)

    contest = sub.add_parser("contest", help=_("Cuộc thi Công dân học tập (Ban tổ chức)"))
    ksub = contest.add_subparsers(dest="contest_command", required=True, metavar=_("LỆNH"),
                                  title=_("các lệnh"))
    export = ksub.add_parser("export", help=_("ghi kết quả ra tệp CSV và XLSX"))
    common(export)
    export.add_argument("--out", required=True, metavar=_("THƯ_MỤC"),
                        help=_("thư mục ghi tệp"))
    void = ksub.add_parser("void", help=_("hủy kết quả của một người dự thi (vẫn có trong tệp "
                                          "kết quả, không xếp hạng)"))
    common(void)
    void.add_argument("participant_id", type=_number, metavar=_("MÃ"),
                      help=_("mã người dự thi (có trong tệp kết quả)"))
    void.add_argument("--reason", required=True, metavar=_("LÝ_DO"), help=_("lý do hủy"))

    announce = sub.add_parser(
        "announce", help=_("thông báo của Ban tổ chức: tạo (--text, --at), list, cancel SỐ"))
    common(announce)
    announce.add_argument("action", nargs="?", choices=("list", "cancel"), metavar="list|cancel",
                          help=_("list: liệt kê các thông báo; cancel: hủy một thông báo"))
    announce.add_argument("id", nargs="?", type=_number, metavar=_("SỐ"),
                          help=_("số của thông báo (cho cancel)"))
    announce.add_argument("--text", metavar=_("NỘI_DUNG"), help=_("nội dung thông báo"))
    announce.add_argument("--at", metavar=_("THỜI_ĐIỂM"),
                          help=_("lúc gửi: now hoặc ngay (gửi ngay), giờ địa phương dạng "
                                 "2020-10-01T19:30 hoặc “01/10/2020 19:30”"))
    announce.add_argument("--audience", default="all", metavar=_("NGƯỜI_NHẬN"),
                          help=_("all | contest | district:TÊN | home:TÊN | channel:TÊN (mặc định "
                                 "all)"))
    announce.add_argument("--button", action="append", default=[], metavar=_("NÚT"),
                          help=_("một nút dưới thông báo (tối đa 3): một chức năng (homnay, thi, "
                                 "dangky…) hoặc “Tên nút | https://…”"))

    schedule = sub.add_parser("schedule", help=_("tin nhắc và thông báo đã lên lịch"))
    ssub = schedule.add_subparsers(dest="schedule_command", required=True, metavar=_("LỆNH"),
                                   title=_("các lệnh"))
    slist = ssub.add_parser("list", help=_("lập lịch cả tuần từ nội dung và liệt kê"))
    common(slist)

    report = sub.add_parser("report", help=_("báo cáo kết quả: bảng số liệu, biểu đồ, tóm tắt"))
    common(report)
    report.add_argument("--from", dest="first", type=_day, metavar=_("NGÀY"),
                        help=_("ngày đầu, 01/10/2020 hoặc 2020-10-01 (mặc định: ngày đầu Tuần "
                               "lễ)"))
    report.add_argument("--to", dest="last", type=_day, metavar=_("NGÀY"),
                        help=_("ngày cuối, tính cả ngày đó (mặc định: ngày cuối Tuần lễ)"))
    report.add_argument("--out", required=True, metavar=_("THƯ_MỤC"),
                        help=_("thư mục ghi tệp"))

    admin = sub.add_parser("admin", help=_("trang quản trị web của Ban tổ chức (/quantri/)"))
    asub = admin.add_subparsers(dest="admin_command", required=True, metavar=_("LỆNH"),
                                title=_("các lệnh"))
    link = asub.add_parser("link", help=_("in một đường dẫn đăng nhập dùng một lần (10 phút)"))
    common(link)
    link.add_argument("--user", required=True, metavar=_("MÃ"),
                      help=_("mã của thành viên Ban tổ chức trên kênh (có trong [organizers])"))
    link.add_argument("--channel", required=True, choices=LINK_CHANNELS,
                      metavar="|".join(LINK_CHANNELS), help=_("kênh của mã đó"))

    questions = sub.add_parser(
        "questions", help=_("câu hỏi Chatbot chưa trả lời được, để Ban tổ chức bổ sung hỏi đáp"))
    common(questions)
    questions.add_argument(
        "--kind", choices=QUESTION_KINDS, action="append", metavar=_("LOẠI"),
        help=_("chỉ loại này (lặp lại được): unanswered (chưa có thông tin), clarified "
               "(Chatbot đã hỏi lại), sent_to_organizers (người dân nhờ chuyển); mặc định: cả ba"))
    questions.add_argument("--limit", type=_number, default=200, metavar=_("SỐ"),
                           help=_("số dòng tối đa (mặc định 200)"))

    db = sub.add_parser("db", help=_("công cụ cơ sở dữ liệu"))
    dsub = db.add_subparsers(dest="db_command", required=True, metavar=_("LỆNH"),
                             title=_("các lệnh"))
    up = dsub.add_parser("upgrade", help=_("áp dụng các bản nâng cấp cơ sở dữ liệu"))
    common(up)
    return p


def _settings(args: argparse.Namespace) -> Settings:
    settings = load_settings(args.config)
    now = getattr(args, "now", None)
    if now:
        try:
            parse_instant(now, settings.tz)
        except ValueError:
            raise SettingsError("--now", INSTANT, value=repr(now)) from None
        settings = with_overrides(settings, "bot", now=now)
    return settings


def _fail(message: str, code: int) -> int:
    print(message, file=sys.stderr)
    return code


def _print_problems(err: ContentError, path: Path) -> None:
    print(_("Nội dung ở {path} có {n} lỗi:").format(path=path, n=len(err.problems)),
          file=sys.stderr)
    for problem in err.problems:
        print(f"  {problem.render(_)}", file=sys.stderr)


class _AfterFirstAnswer:
    """What the chat does once its first answer is printed (or after FIRST_ANSWER_WAIT without
    one): build the understanding's index, then start the reminders and announcements; at the
    end, keep a newly built index in the content cache for the next chat.

    None of it is what the person at the terminal waits for first: the greeting (/start) needs
    no index, and the index is built while they type their first question; the broadcasts
    (APScheduler, the week's plan, the lead) start after that.
    """

    FIRST_ANSWER_WAIT = 1.0

    def __init__(self, app: App, channel: OutputChannel | None) -> None:
        import asyncio

        self.app = app
        self.channel = channel  # None: this chat sends no broadcasts
        # Router.understander is a cached_property: in vars() once built or read from cache.
        self.index_was_cached = "understander" in vars(app.conversation.router)
        self.answered = asyncio.Event()
        self.broadcaster: BroadcastService | None = None
        self._task = asyncio.create_task(self._run())

    async def _run(self) -> None:
        import asyncio

        from bot.app import build_broadcaster

        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.answered.wait(), self.FIRST_ANSWER_WAIT)
        # built now, with the examples' model, in a worker thread; kept by the router
        self.app.conversation.router.prepare_later()
        await asyncio.to_thread(self.app.conversation.router.prepare)
        if self.channel is None:
            return
        self.broadcaster = build_broadcaster(self.app, [self.channel])
        await self.broadcaster.start()

    async def stop(self) -> None:
        """Stop the broadcasts (a start under way is finished first: it may hold the lead by
        then) and keep a newly built index."""
        import asyncio

        if self.broadcaster is None:
            self._task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._task
        if self.broadcaster is not None:
            await self.broadcaster.stop()
        built = vars(self.app.conversation.router).get("understander")
        if built is not None and not self.index_was_cached and self.app.content_cache:
            self.app.content_cache.keep_understood(built)


async def _chat(app: App, args: argparse.Namespace) -> int:
    from bot.channels.console import ConsoleChannel

    user = args.user.strip()
    if not user or len(user) > 64:  # a platform id column holds 64 characters
        return _fail(_("--user: cần một tên từ 1 đến 64 ký tự."), EXIT_CONFIG)
    await app.start()
    settings = app.settings
    later: _AfterFirstAnswer | None = None

    async def handle(msg: Incoming) -> list[Reply] | None:
        try:
            return await app.dispatcher.handle(msg)
        finally:
            # The console prints the answer before it next waits: `later` runs after that.
            if later is not None:
                later.answered.set()

    try:
        channel = ConsoleChannel(handle, user, locale=settings.bot.locale)
        # A setup without Telegram or Zalo has no `hoctap-bot run` (it needs a platform): the
        # chat sends the reminders and announcements, printed for the console users. With a
        # platform, `run` is the one sender (SQLite lets one process lead).
        sends = settings.broadcast.enabled and not settings.platform_channels
        if sends:
            # The terminal is the conversation: the week's missed reminders are not news.
            logging.getLogger("scheduler").setLevel(logging.ERROR)
        later = _AfterFirstAnswer(app, channel if sends else None)
        greet = sys.stdin.isatty() and not args.no_greeting
        await channel.run(greet=greet)
    finally:
        try:
            if later is not None:
                await later.stop()
        finally:
            await app.close()
    return 0


def _console_organizer(app: App) -> str | None:
    return next(iter(sorted(app.settings.organizer_ids("console"))), None)


async def _contest(app: App, args: argparse.Namespace) -> int:
    """Run an organizer's contest command as the console organizer, printing the replies."""
    from bot.channels.console import ConsoleChannel
    from bot.db.models import ContestParticipant
    from handlers.types import Incoming

    organizer = _console_organizer(app)
    if organizer is None:
        return _fail(_("Lệnh này chạy với quyền Ban tổ chức của dòng lệnh, nhưng [organizers] "
                       "console_ids đang trống. Thêm một tên, ví dụ console_ids = "
                       "[\"console\"]."), EXIT_CONFIG)
    reason = args.reason.strip() if args.contest_command == "void" else ""
    if args.contest_command == "void" and not reason:
        return _fail(_("--reason: cần ghi lý do hủy."), EXIT_CONFIG)
    await app.start()
    try:
        if args.contest_command == "void":
            pid = args.participant_id
            async with app.sessions() as s:
                if await s.get(ContestParticipant, pid) is None:
                    return _fail(_("Không có người dự thi mã {id}.").format(id=pid),
                                 EXIT_NOT_DONE)
            command = f"/loaithi {pid} {reason}"
        else:
            command = "/ketquathi"
        replies = await app.dispatcher.handle(Incoming("console", organizer, command)) or []
        if args.contest_command == "void":
            # The chat's words, and the database's word on whether it was done.
            async with app.sessions() as s:
                row = await s.get(ContestParticipant, args.participant_id)
                done = row is not None and row.voided
        else:
            done = any(r.files for r in replies)
    finally:
        await app.close()
    printed = io.StringIO()
    out = Path(args.out) if args.contest_command == "export" else None
    console = ConsoleChannel(app.dispatcher.handle, organizer, stdout=printed,
                             locale=app.settings.bot.locale, files_dir=out)
    try:
        await console.send(organizer, replies)
    except OSError as exc:
        return _fail(_("Không ghi được tệp vào {path}: {error}").format(
            path=args.out, error=exc.strerror or exc), EXIT_CONFIG)
    text = printed.getvalue().rstrip("\n")
    if done:
        print(text)
        return 0
    return _fail(text, EXIT_NOT_DONE)


@dataclass(frozen=True)
class _Created:
    id: int
    when: datetime
    audience: str


def _when(text: str, now: datetime, app: App) -> datetime | str:
    """--at as a datetime, or the message that refuses it."""
    from handlers.features.announce import WhenProblem, far_text, past_text, read_when

    when = read_when(text, now, app.edition.tz, app.edition.end)
    if when is WhenProblem.PAST:
        return past_text()
    if when is WhenProblem.FAR:
        return far_text(app.edition.end, now, app.edition.tz)
    if when is WhenProblem.IMPOSSIBLE:
        return _("--at: ngày giờ “{value}” không có thật.").format(value=text)
    if when is WhenProblem.UNKNOWN:
        return _("--at: chưa hiểu “{value}”. Dùng now hoặc ngay (gửi ngay), 2020-10-01T19:30 "
                 "hoặc “01/10/2020 19:30” (giờ địa phương).").format(value=text)
    return when


async def _announce(app: App, args: argparse.Namespace) -> int:
    """Create, list or cancel announcements directly in the database (the bot picks them up).

    Output comes after the transaction: a reader gone away (`| head`) cannot undo a change.
    """
    from bot.db import broadcast
    from handlers.broadcast_types import MAX_BUTTONS, audience_label, status_label
    from handlers.core import REGISTRY
    from handlers.features.announce import (
        MAX_TEXT,
        cancel_text,
        parse_audience,
        read_button,
        twin_text,
    )

    if args.action == "cancel" and args.id is None:
        return _fail(_("Thiếu số của thông báo: hoctap-bot announce cancel SỐ"), EXIT_CONFIG)
    text, audience, when = (args.text or "").strip(), "all", app.clock()
    buttons: list[AnnouncementButton] = []
    if args.action is None:
        if not text or not args.at:
            return _fail(_("Cần --text và --at (now, ngay, 2020-10-01T19:30 hoặc “01/10/2020 "
                           "19:30”)."), EXIT_CONFIG)
        if len(text) > MAX_TEXT:
            return _fail(_("Thông báo dài {n} ký tự, quá {max}. Xin rút gọn rồi gõ lại.")
                         .format(n=len(text), max=MAX_TEXT), EXIT_CONFIG)
        chosen = parse_audience(args.audience, app.edition.contest.districts)
        if chosen is None:
            return _fail(_("--audience không hợp lệ: {value}").format(value=args.audience),
                         EXIT_CONFIG)
        audience = chosen
        if len(args.button) > MAX_BUTTONS:
            return _fail(_("Một thông báo có tối đa {n} nút.").format(n=MAX_BUTTONS),
                         EXIT_CONFIG)
        for typed in args.button:
            button = read_button(typed, REGISTRY)
            if isinstance(button, str):
                return _fail(_("Nút “{value}” (--button): {problem}").format(value=typed,
                                                                        problem=button),
                             EXIT_CONFIG)
            buttons.append(button)
        at = _when(args.at, when, app)
        if isinstance(at, str):
            return _fail(at, EXIT_CONFIG)
        when = at
    tz = app.settings.tz
    await app.start()
    try:
        async with app.sessions() as s, s.begin():
            if args.action == "list":
                items = await broadcast.list_announcements(s, 100)
            elif args.action == "cancel":
                result = await broadcast.cancel_announcement(s, args.id)
            else:
                twin = await broadcast.pending_twin(s, text, audience)
                created = None if twin is not None else _Created(
                    await broadcast.create_announcement(
                        s, text, audience, when, app.clock(), None, buttons), when, audience)
    finally:
        await app.close()
    if args.action == "list":
        if not items:
            print(_("Chưa có thông báo nào."))
        for a in items:
            print(f"#{a.id}  {a.due_at.astimezone(tz):%d/%m/%Y %H:%M}  "
                  f"{status_label(a.status)}  {audience_label(a.audience)}  "
                  + _("đã gửi {sent}/{total}, bỏ qua {skipped}, lỗi {failed}, "
                      "không rõ {uncertain}").format(
                          sent=a.sent, total=a.total, skipped=a.skipped,
                          failed=a.failed, uncertain=a.uncertain))
            print(f"    {a.text[:100]}")
        return 0
    if args.action == "cancel":
        if result != "cancelled":
            return _fail(cancel_text(result, args.id), EXIT_NOT_DONE)
        print(cancel_text(result, args.id))
        return 0
    if created is None:
        assert twin is not None
        return _fail(twin_text(*twin, tz), EXIT_NOT_DONE)
    print(_("Đã lên lịch thông báo #{id} lúc {when} cho {audience}. Bot đang chạy (hoctap-bot "
            "run) sẽ gửi đúng giờ; xem tình trạng bằng hoctap-bot announce list.").format(
        id=created.id, when=f"{created.when.astimezone(tz):%d/%m/%Y %H:%M}",
        audience=audience_label(created.audience)))
    return 0


def _item_label(kind: str, key: str, payload: dict[str, Any], audience: str,
                text: str | None, app: App) -> str:
    """What a scheduled item is about, in words."""
    from handlers.broadcast_types import audience_label, kind_label

    label = kind_label(kind)
    if kind in ("announcement", "answer"):
        preview = (text or "").replace("\n", " ")
        preview = preview if len(preview) <= 60 else preview[:59] + "…"
        return f"{label} ({audience_label(audience)}): {preview}"
    if kind == "digest":
        try:
            day = format_date_numeric(date.fromisoformat(payload.get("day", "")))
            district = payload.get("district")
            return f"{label} {day} ({district})" if district else f"{label} {day}"
        except ValueError:
            return f"{label} {key}"
    event_id = payload.get("event", "")
    event = next((e for e in app.edition.events if e.id == event_id), None)
    return f"{label}: {event.title.get(app.settings.bot.locale) if event else event_id}"


async def _schedule_list(app: App) -> int:
    """Plan the week from content (idempotent), then print every scheduled item."""
    from sqlalchemy import select

    from bot.db.models import ScheduledItem
    from bot.db.schedule import sync_plan
    from handlers.broadcast_types import status_label
    from scheduler.planner import plan, plan_reason, refuses

    demo = app.settings.bot.demo_sample_schedule
    if refuses(app.edition, demo):
        print(_("schedule.toml là lịch mẫu (sample = true): không lập tin nhắc, lịch hằng ngày "
                "nào từ lịch này. Thay bằng lịch chính thức rồi đặt sample = false (hoặc bật "
                "[bot] demo_sample_schedule để trình diễn)."))
    await app.start()
    try:
        async with app.sessions() as s, s.begin():
            await sync_plan(s, plan(app.edition, app.settings.broadcast, demo), app.clock(),
                            reason=plan_reason(app.edition, demo))
            items = (await s.execute(
                select(ScheduledItem).order_by(ScheduledItem.due_at, ScheduledItem.id)
            )).scalars().all()
    finally:
        await app.close()
    width = max((len(status_label(i.status)) for i in items), default=0)
    for i in items:
        recipients = (_("{n} người nhận").format(n=i.total)
                      if i.status in ("sending", "done") else "")
        print(f"#{i.id:<4} {i.due_at.astimezone(app.settings.tz):%d/%m/%Y %H:%M}  "
              f"{status_label(i.status):<{width}}  "
              f"{_item_label(i.kind, i.key, i.payload, i.audience, i.text, app)}  "
              f"{recipients}".rstrip())
    return 0


async def _report(app: App, args: argparse.Namespace) -> int:
    """Write the report's files for the period and print the headline figures."""
    from bot.report import collect, render_async, write
    from handlers.features.report import headline, period_text

    first = args.first or app.edition.start
    last = args.last or app.edition.end
    if last < first:
        return _fail(_("Ngày cuối ({last}) trước ngày đầu ({first}).").format(
            last=format_date_numeric(last), first=format_date_numeric(first)), EXIT_CONFIG)
    await app.start()
    try:
        async with app.sessions() as s, s.begin():
            figures = await collect(s, app.edition, first, last)
    finally:
        await app.close()
    try:
        labels = app.conversation.registry.label
        paths = write(await render_async(figures, app.edition, labels), Path(args.out))
    except OSError as exc:
        return _fail(_("Không ghi được tệp vào {path}: {error}").format(
            path=args.out, error=exc.strerror or exc), EXIT_CONFIG)
    print("\n".join([period_text(figures), *headline(figures, labels), ""]))
    for path in paths:
        print(_("Đã lưu tệp: {path}").format(path=path))
    return 0


async def _admin_link(app: App, args: argparse.Namespace) -> int:
    """Print a one-time sign-in link to the web console for an organizer."""
    from bot.db import console

    who = console.Identity(args.channel, args.user.strip())
    if who.external_id not in app.settings.organizer_ids(who.channel):
        return _fail(_("{channel} {user} không có trong danh sách Ban tổ chức ([organizers] "
                       "{channel}_ids), nên không vào được trang quản trị.").format(
            channel=who.channel, user=who.external_id), EXIT_NOT_DONE)
    await app.start()
    try:
        async with app.sessions() as s, s.begin():
            token = await console.issue_token(s, who, console.real_now())
            await console.audit(s, who, "link", "cli", app.clock())
    finally:
        await app.close()
    print(f"{app.settings.web.base_url}/quantri/vao/{token}")
    print(_("Dùng được một lần, trong {minutes} phút. Đừng gửi đường dẫn này qua kênh không "
            "riêng tư.").format(minutes=int(console.LINK_TTL.total_seconds() // 60)),
          file=sys.stderr)
    return 0


_KIND_LABELS = {QuestionKind.UNANSWERED: N_("chưa có thông tin"),
                QuestionKind.CLARIFIED: N_("Chatbot đã hỏi lại"),
                QuestionKind.SENT: N_("nhờ chuyển Ban tổ chức")}


async def _questions(app: App, args: argparse.Namespace) -> int:
    """Print the questions not yet answered, grouped, most frequent first."""
    from bot.db.questions import open_questions

    kinds = tuple(args.kind or QUESTION_KINDS)
    await app.start()
    try:
        async with app.sessions() as s:
            groups = await open_questions(s, kinds, args.limit)
    finally:
        await app.close()
    if not groups:
        print(_("Chưa có câu hỏi nào Chatbot chưa trả lời được."))
        return 0
    print(_("Câu hỏi Chatbot chưa trả lời được ({n} nhóm; số lần, loại, lần cuối, cách gõ gần "
            "nhất). Thêm câu hỏi thường gặp hoặc từ khóa vào faq.toml, từ viết tắt vào "
            "lexicon.toml, rồi kiểm tra bằng hoctap-bot content check.").format(n=len(groups)))
    tz = app.settings.tz
    width = max(len(_(label)) for label in _KIND_LABELS.values())
    for g in groups:
        example = " ".join(g.example.split())
        example = example if len(example) <= 100 else example[:99] + "…"
        print(f"{g.count:>5}  {_(_KIND_LABELS[QuestionKind(g.kind)]):<{width}}  "
              f"{g.last.astimezone(tz):%d/%m/%Y %H:%M}  {example}")
    return 0


async def _upgrade(app: App) -> None:
    try:
        await app.start()
    finally:
        await app.close()


def _run(app: App, own_process: bool = False) -> int:
    from bot.observability import setup_logging
    from bot.runner import build_channels, run
    from bot.web.console import mount  # noqa: F401 (imported before start-up ends, see _started)

    setup_logging(app.settings, metrics=app.dispatcher.metrics)
    channels = build_channels(app)
    if not channels:
        print(_("Chưa cấu hình kênh nào. Đặt [telegram] token (biến môi trường "
                "HOCTAP_TELEGRAM_TOKEN) hoặc [zalo] app_id, app_secret, oa_secret_key, "
                "refresh_token (HOCTAP_ZALO_APP_ID, …) rồi chạy lại; để thử bot không cần kênh, "
                "dùng `hoctap-bot chat`."), file=sys.stderr)
        return EXIT_CONFIG
    import asyncio

    _started(own_process)
    asyncio.run(run(app, channels))
    return 0


def _command(app: App, args: argparse.Namespace) -> int:
    import asyncio

    if args.command == "chat":
        return asyncio.run(_chat(app, args))
    if args.command == "announce":
        return asyncio.run(_announce(app, args))
    if args.command == "schedule":
        return asyncio.run(_schedule_list(app))
    if args.command == "contest":
        return asyncio.run(_contest(app, args))
    if args.command == "report":
        return asyncio.run(_report(app, args))
    if args.command == "admin":
        return asyncio.run(_admin_link(app, args))
    if args.command == "questions":
        return asyncio.run(_questions(app, args))
    asyncio.run(_upgrade(app))
    print(_("Cơ sở dữ liệu đã được cập nhật."))
    return 0


# Arguments that are words for people (stored, sent to citizens), not names of files.
_FREE_TEXT = ("text", "reason", "button")


def _typed(args: argparse.Namespace) -> None:
    """Read the free-text arguments as a chat message or a console form is read (NFC, no
    control, zero-width or bidi character, blank-looking characters as spaces, trimmed): an
    announcement of only invisible characters was scheduled to everyone, and bytes that are not
    UTF-8 (read with surrogateescape) stopped the command with a traceback."""
    for name in _FREE_TEXT:
        value = getattr(args, name, None)
        if isinstance(value, str):
            setattr(args, name, clean(value))
        elif isinstance(value, list):
            setattr(args, name, [clean(v) for v in value])


def _main(argv: list[str] | None, own_process: bool = False) -> int:
    args = _parser().parse_args(argv)
    _typed(args)
    from bot.observability import setup_logging

    setup_logging(None, level="WARNING")
    try:
        settings = _settings(args)
        set_locale(settings.bot.locale)
    except SettingsError as exc:
        return _fail(_("Lỗi cấu hình: {error}").format(error=exc.render(_)), EXIT_CONFIG)
    # Only `run` logs at [log] level; the interactive commands keep stderr for warnings.
    setup_logging(settings, level=None if args.command == "run" else "WARNING")

    from content import ContentError

    if args.command == "content":
        from content import load_edition
        from content import warnings as content_warnings

        if args.path:
            path = Path(args.path)
        else:
            from bot.app import edition_path

            path = edition_path(settings)
        try:
            edition = load_edition(path)
        except ContentError as err:
            _print_problems(err, path)
            return EXIT_CONTENT
        _started(own_process)
        print(_("Nội dung ở {path} hợp lệ: {events} sự kiện, {activities} hoạt động, "
                "{resources} tài nguyên, {faq} câu hỏi thường gặp, {questions} câu hỏi thi.")
              .format(path=path, events=len(edition.events),
                      activities=len(edition.activities), resources=len(edition.resources),
                      faq=len(edition.faq), questions=len(edition.questions)))
        # Allowed, but to fix before the week (a sample schedule, too short a question time).
        for problem in content_warnings(edition):
            print(_("Cảnh báo: {problem}").format(problem=problem.render(_)), file=sys.stderr)
        return 0

    from bot.app import build_app, edition_path

    try:
        # Free text is what a chat and a running bot are for: the understanding (its index and
        # the examples' model) is read at start from the content cache when kept there by an
        # earlier chat or run (about 0.4 s instead of building and training it, 5 s of CPU).
        app = build_app(settings, understanding=args.command in ("chat", "run"))
    except ContentError as err:
        _print_problems(err, edition_path(settings))
        return _fail(_("Bot không khởi động vì nội dung chưa hợp lệ."), EXIT_CONTENT)
    except SettingsError as exc:  # a setting that does not fit the content
        return _fail(_("Lỗi cấu hình: {error}").format(error=exc.render(_)), EXIT_CONFIG)

    from bot.db.faults import is_outage

    try:
        if args.command == "run":
            return _run(app, own_process)
        _started(own_process)
        return _command(app, args)
    except SettingsError as exc:
        # Found at start, against the database (a contest identity key that does not match
        # the one the registrations were hashed with).
        return _fail(_("Lỗi cấu hình: {error}").format(error=exc.render(_)), EXIT_CONFIG)
    except Exception as exc:
        # A closed stdout is an OSError too, but not the database's: main() handles it.
        if isinstance(exc, BrokenPipeError) or not is_outage(exc):
            raise
        # The URL may hold a password: name the error, not the address.
        first_line = (str(exc).splitlines() or [""])[0][:200]
        return _fail(_("Không kết nối được cơ sở dữ liệu ({error}). Kiểm tra [database] url "
                       "(HOCTAP_DATABASE_URL) và máy chủ cơ sở dữ liệu.").format(
            error=f"{type(exc).__name__}: {first_line}"), EXIT_CONFIG)


def _started(own_process: bool) -> None:
    """Start-up is over: its objects (modules, classes, the content) live as long as the process.

    The collector, off since main() began, would otherwise walk them over and over while the
    imports grow the heap (about 0.1 s of CPU) and once more at exit (about 0.1 s). Frozen, they
    are never examined again; the collector is back for what the command itself creates.
    Only for a process of our own: a test calling main() keeps its collector as it was.
    """
    if own_process:
        gc.freeze()
        gc.enable()


def main(argv: list[str] | None = None) -> int:
    """The `hoctap-bot` command; `argv` None means this process's own command line."""
    own_process = argv is None and gc.isenabled()
    if own_process:
        gc.disable()
    try:
        try:
            return _main(argv, own_process)
        finally:
            # Inside the try, also on argparse's SystemExit (--help): a reader gone away fails
            # here, not in the interpreter's last flush ("Exception ignored", exit 120).
            sys.stdout.flush()
    except BrokenPipeError:
        # The Python docs' recipe (signal module, "Note on SIGPIPE"): later writes, and the
        # interpreter's final flush, go to devnull instead of raising again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_PIPE
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED


if __name__ == "__main__":
    sys.exit(main())
