"""The `hoctap-bot` command: chat, content check, contest, report, db upgrade."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from datetime import date, timedelta
from pathlib import Path

from bot.app import App, build_app, edition_path
from bot.observability import setup_logging
from bot.settings import Settings, SettingsError, load_settings, parse_instant, with_overrides
from content import ContentError, load_edition
from handlers.i18n import _, set_locale
from handlers.types import Incoming

log = logging.getLogger("hoctap")

EXIT_CONTENT = 1
EXIT_CONFIG = 2


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="hoctap-bot",
        description="Chatbot Tuần lễ hưởng ứng học tập suốt đời (Telegram, Zalo, console).",
    )
    sub = p.add_subparsers(dest="command", required=True)

    def common(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--config", help="TOML settings file (or HOCTAP_CONFIG)")

    chat = sub.add_parser("chat", help="chat with the bot in this terminal (or over stdin)")
    common(chat)
    chat.add_argument("--now", help="simulated start instant, e.g. 2020-10-01T07:30")
    chat.add_argument("--user", default="console",
                      help="console user id (default 'console', an organizer)")
    chat.add_argument("--no-greeting", action="store_true",
                      help="do not send /start first (the default on a terminal)")

    content = sub.add_parser("content", help="organizers' content tools")
    csub = content.add_subparsers(dest="content_command", required=True)
    check = csub.add_parser("check", help="validate an edition directory")
    common(check)
    check.add_argument("path", nargs="?", help="edition directory (default: the configured one)")

    run = sub.add_parser("run", help="run every configured channel and the web server")
    common(run)
    run.add_argument("--now", help="simulated start instant, e.g. 2020-10-01T07:30")

    contest = sub.add_parser("contest", help="the Công dân học tập contest (organizers)")
    ksub = contest.add_subparsers(dest="contest_command", required=True)
    export = ksub.add_parser("export", help="write the results as CSV and XLSX")
    common(export)
    export.add_argument("--out", required=True, help="directory for the files")
    void = ksub.add_parser("void", help="void a participant (kept in the export, unranked)")
    common(void)
    void.add_argument("participant_id", type=int)
    void.add_argument("--reason", required=True)

    announce = sub.add_parser(
        "announce", help="organizers' announcements: create (--text, --at), list, cancel ID")
    common(announce)
    announce.add_argument("action", nargs="?", choices=("list", "cancel"),
                          help="list the announcements, or cancel one")
    announce.add_argument("id", nargs="?", type=int, help="announcement number (cancel)")
    announce.add_argument("--text", help="the announcement's text")
    announce.add_argument("--at", help="when: ISO 8601 local time (2020-10-01T19:30) or now")
    announce.add_argument("--audience", default="all",
                          help="all | contest | district:NAME | channel:NAME (default all)")

    schedule = sub.add_parser("schedule", help="scheduled reminders and announcements")
    ssub = schedule.add_subparsers(dest="schedule_command", required=True)
    slist = ssub.add_parser("list", help="plan the week from content and list every item")
    common(slist)

    report = sub.add_parser("report", help="the results report: workbook, charts, summary")
    common(report)
    report.add_argument("--from", dest="first", type=_day,
                        help="first day, 2020-10-01 or 01/10/2020 (default: the week's first)")
    report.add_argument("--to", dest="last", type=_day,
                        help="last day, inclusive (default: the week's last)")
    report.add_argument("--out", required=True, help="directory for the files")

    db = sub.add_parser("db", help="database tools")
    dsub = db.add_subparsers(dest="db_command", required=True)
    up = dsub.add_parser("upgrade", help="apply the migrations")
    common(up)
    return p


def _day(text: str) -> date:
    """A day on the command line: ISO (2020-10-01) or Vietnamese order (01/10/2020)."""
    try:
        if "/" in text:
            d, m, y = (int(x) for x in text.split("/"))
            return date(y, m, d)
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date: {text!r}") from None


def _settings(args: argparse.Namespace) -> Settings:
    settings = load_settings(args.config)
    now = getattr(args, "now", None)
    if now:
        try:
            parse_instant(now, settings.tz)
        except ValueError as exc:
            raise SettingsError(f"--now: {exc}") from None
        settings = with_overrides(settings, "bot", now=now)
    return settings


def _print_problems(err: ContentError, path: Path) -> None:
    print(_("Nội dung ở {path} có {n} lỗi:").format(path=path, n=len(err.problems)),
          file=sys.stderr)
    for problem in err.problems:
        print(f"  {problem.render(_)}", file=sys.stderr)


async def _chat(app: App, args: argparse.Namespace) -> None:
    from bot.channels.console import ConsoleChannel

    await app.start()
    try:
        channel = ConsoleChannel(app.dispatcher.handle, args.user,
                                 locale=app.settings.bot.locale)
        greet = sys.stdin.isatty() and not args.no_greeting
        await channel.run(greet=greet)
    finally:
        await app.close()


async def _contest(app: App, args: argparse.Namespace) -> int:
    """Run an organizer's contest command as the console organizer, printing the replies."""
    from bot.channels.console import render

    await app.start()
    try:
        organizer = next(iter(app.settings.organizer_ids("console")), "console")
        if args.contest_command == "export":
            command = "/ketquathi"
        else:
            command = f"/loaithi {args.participant_id} {args.reason}"
        replies = await app.dispatcher.handle(Incoming("console", organizer, command))
        text, _buttons = render(replies or [], files_dir=Path(getattr(args, "out", ".")))
        print(text)
    finally:
        await app.close()
    return 0


async def _announce(app: App, args: argparse.Namespace) -> int:
    """Create, list or cancel announcements directly in the database (the bot picks them up)."""
    from handlers.features.announce import audience_label, parse_audience, status_label
    from scheduler import store

    await app.start()
    try:
        tz = app.settings.tz
        async with app.sessions() as s, s.begin():
            if args.action == "list":
                items = await store.list_announcements(s, 100)
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
                if args.id is None:
                    print(_("Thiếu số của thông báo: hoctap-bot announce cancel ID"),
                          file=sys.stderr)
                    return EXIT_CONFIG
                result = await store.cancel_announcement(s, args.id)
                if result != "cancelled":
                    print(_("Không hủy được thông báo #{id}: {status}.").format(
                        id=args.id, status=status_label(result)), file=sys.stderr)
                    return 1
                print(_("Đã hủy thông báo #{id}; nó sẽ không được gửi.").format(id=args.id))
                return 0
            if not args.text or not args.at:
                print(_("Cần --text và --at (ISO 8601 hoặc now)."), file=sys.stderr)
                return EXIT_CONFIG
            audience = parse_audience(args.audience, app.edition.contest.districts)
            if audience is None:
                print(_("--audience không hợp lệ: {value}").format(value=args.audience),
                      file=sys.stderr)
                return EXIT_CONFIG
            now = app.clock()
            if args.at.strip().lower() in ("now", "ngay"):
                when = now
            else:
                try:
                    when = parse_instant(args.at, tz)
                except ValueError as exc:
                    print(f"--at: {exc}", file=sys.stderr)
                    return EXIT_CONFIG
                if when < now - timedelta(minutes=1):
                    print(_("Thời điểm này đã qua. Chọn một thời điểm trong tương lai hoặc "
                            "gõ “ngay”."), file=sys.stderr)
                    return EXIT_CONFIG
            item_id = await store.create_announcement(s, args.text, audience, when, now, None)
        print(_("Đã lên lịch thông báo #{id} lúc {when} cho {audience}.").format(
            id=item_id, when=f"{when.astimezone(tz):%d/%m/%Y %H:%M}",
            audience=audience_label(audience)))
        return 0
    finally:
        await app.close()


async def _schedule_list(app: App) -> int:
    """Plan the week from content (idempotent), then print every scheduled item."""
    from sqlalchemy import select

    from bot.db.models import ScheduledItem
    from scheduler.planner import plan, sync_plan

    await app.start()
    try:
        async with app.sessions() as s, s.begin():
            await sync_plan(s, plan(app.edition, app.settings.broadcast), app.clock())
            items = (await s.execute(
                select(ScheduledItem).order_by(ScheduledItem.due_at, ScheduledItem.id)
            )).scalars().all()
        for i in items:
            label = i.key if i.kind != "announcement" else f"announcement ({i.audience})"
            print(f"#{i.id:<4} {i.due_at.astimezone(app.settings.tz):%d/%m/%Y %H:%M}  "
                  f"{i.status:<10} {label}  {i.total or ''}")
        return 0
    finally:
        await app.close()


async def _report(app: App, args: argparse.Namespace) -> int:
    """Write the report's files for the period and print the headline figures."""
    from bot.report import collect, render_async, write
    from handlers.features.report import headline, period_text

    first = args.first or app.edition.start
    last = args.last or app.edition.end
    if last < first:
        print(_("Ngày cuối ({last}) trước ngày đầu ({first}).").format(last=last, first=first),
              file=sys.stderr)
        return EXIT_CONFIG
    await app.start()
    try:
        async with app.sessions() as s, s.begin():
            figures = await collect(s, app.edition, first, last)
    finally:
        await app.close()
    paths = write(await render_async(figures, app.edition), Path(args.out))
    print("\n".join([period_text(figures), *headline(figures), ""]))
    for path in paths:
        print(_("Đã lưu tệp: {path}").format(path=path))
    return 0


async def _upgrade(app: App) -> None:
    try:
        await app.start()
    finally:
        await app.close()


def _run(app: App) -> int:
    from bot.runner import build_channels, run

    setup_logging(app.settings, metrics=app.dispatcher.metrics)
    channels = build_channels(app)
    if not channels:
        print(_("Chưa cấu hình kênh nào. Đặt [telegram] token (biến môi trường "
                "HOCTAP_TELEGRAM_TOKEN) hoặc [zalo] app_id, app_secret, oa_secret_key, "
                "refresh_token (HOCTAP_ZALO_APP_ID, …) rồi chạy lại; để thử bot không cần kênh, "
                "dùng `hoctap-bot chat`."), file=sys.stderr)
        return EXIT_CONFIG
    asyncio.run(run(app, channels))
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    setup_logging(None, level="WARNING")
    try:
        settings = _settings(args)
        set_locale(settings.bot.locale)
    except SettingsError as exc:
        print(_("Lỗi cấu hình: {error}").format(error=exc), file=sys.stderr)
        return EXIT_CONFIG
    # Only `run` logs at [log] level; the interactive commands keep stderr for warnings.
    setup_logging(settings, level=None if args.command == "run" else "WARNING")

    if args.command == "content":
        path = Path(args.path) if args.path else edition_path(settings)
        try:
            edition = load_edition(path)
        except ContentError as err:
            _print_problems(err, path)
            return EXIT_CONTENT
        print(_("Nội dung ở {path} hợp lệ: {events} sự kiện, {activities} hoạt động, "
                "{resources} tài nguyên, {faq} câu hỏi thường gặp, {questions} câu hỏi thi.")
              .format(path=path, events=len(edition.events),
                      activities=len(edition.activities), resources=len(edition.resources),
                      faq=len(edition.faq), questions=len(edition.questions)))
        return 0

    try:
        app = build_app(settings)
    except ContentError as err:
        _print_problems(err, edition_path(settings))
        print(_("Bot không khởi động vì nội dung chưa hợp lệ."), file=sys.stderr)
        return EXIT_CONTENT

    try:
        if args.command == "run":
            return _run(app)
        if args.command == "chat":
            asyncio.run(_chat(app, args))
        elif args.command == "announce":
            return asyncio.run(_announce(app, args))
        elif args.command == "schedule":
            return asyncio.run(_schedule_list(app))
        elif args.command == "contest":
            return asyncio.run(_contest(app, args))
        elif args.command == "report":
            return asyncio.run(_report(app, args))
        elif args.command == "db":
            asyncio.run(_upgrade(app))
            print(_("Cơ sở dữ liệu đã được cập nhật."))
    except KeyboardInterrupt:
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
