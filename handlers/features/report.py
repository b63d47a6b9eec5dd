"""The results report for the organizers: /baocao (workbook, charts, summary) and /thongke.

The figures come from the database through `ReportStore`; rendering the files (openpyxl,
matplotlib) happens behind the same store, in bot/report, so this module stays light.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from content import Edition
from handlers.contest_types import DistrictFigures
from handlers.context import Ctx
from handlers.features.contest_admin import _refuse, private_only
from handlers.features.subscriptions import DeliveryFigures
from handlers.format import back_button
from handlers.i18n import N_, _, format_date_numeric, format_number
from handlers.router import find_day
from handlers.types import Attachment, Reply


@dataclass(frozen=True)
class ChannelFigures:
    """One channel: users first seen in the period, users who wrote in it, their messages."""

    channel: str
    new_users: int
    active_users: int
    messages: int


@dataclass(frozen=True)
class DayFigures:
    """One local day (Asia/Ho_Chi_Minh) of the period."""

    day: date
    new_users: int
    active_users: int
    messages: int


@dataclass(frozen=True)
class TopEntry:
    """A ranked participant; full_name is None once they erased their data."""

    rank: int
    participant_id: int
    full_name: str | None
    district: str
    unit: str | None
    score: int
    total_ms: int
    finished_at: datetime


@dataclass(frozen=True)
class BroadcastFigures(DeliveryFigures):
    """One announcement or reminder of the period and how its delivery went."""

    kind: str  # announcement, digest, remind, eve
    label: str  # the announcement's text, or what the reminder was about
    duration_s: float | None  # from firing to the last delivery


@dataclass(frozen=True)
class ReportFigures:
    """Every figure of the report, for the period first..last (local dates, inclusive)."""

    first: date
    last: date
    new_users: int
    active_users: int
    messages: int
    channels: tuple[ChannelFigures, ...]
    days: tuple[DayFigures, ...]
    features: tuple[tuple[str, int], ...]  # (feature, messages), most used first
    participants: int  # registered in the period, not voided
    finished: int  # of those, with a finished attempt in the period
    average_score: float
    questions: int  # per attempt: the score scale
    districts: tuple[DistrictFigures, ...]
    scores: tuple[tuple[int, int], ...]  # (correct answers, participants), 0..questions
    top: tuple[TopEntry, ...]
    broadcasts: tuple[BroadcastFigures, ...]
    subscribers: int  # now, not in the period: subscriptions have no history


class ReportStore(Protocol):
    """The report's figures and files; the files are rendered off the event loop."""

    async def figures(self, edition: Edition, first: date, last: date) -> ReportFigures: ...

    async def files(self, figures: ReportFigures, edition: Edition) -> tuple[Attachment, ...]:
        """Workbook, charts and summary."""
        ...


# Features of the message log as organizers name them; unknown ones show their id.
FEATURE_LABELS: dict[str, str] = {
    "start": N_("Chào mừng"),
    "menu": N_("Menu"),
    "help": N_("Hướng dẫn"),
    "language": N_("Đổi ngôn ngữ"),
    "unknown": N_("Câu chưa hiểu"),
    "unknown_command": N_("Lệnh không có"),
    "empty": N_("Tin nhắn trống"),
    "media": N_("Ảnh, nhãn dán, tệp"),
    "theme": N_("Chủ đề"),
    "bodies": N_("Đơn vị tổ chức"),
    "activities": N_("Hoạt động"),
    "contacts": N_("Liên hệ"),
    "faq": N_("Hỏi đáp"),
    "schedule": N_("Lịch cả tuần"),
    "day": N_("Lịch một ngày"),
    "today": N_("Lịch hôm nay"),
    "next": N_("Sắp diễn ra"),
    "event": N_("Chi tiết sự kiện"),
    "courses": N_("Khóa học trực tuyến"),
    "library": N_("Thư viện, văn hóa đọc"),
    "contest": N_("Thông tin cuộc thi"),
    "contest_take": N_("Làm bài thi"),
    "contest_answer": N_("Trả lời câu thi"),
    "contest_register": N_("Đăng ký dự thi"),
    "leaderboard": N_("Bảng xếp hạng"),
    "subscribe": N_("Đăng ký nhận tin"),
    "unsubscribe": N_("Hủy nhận tin"),
    "privacy": N_("Xóa dữ liệu cá nhân"),
    "contest_export": N_("Xuất kết quả thi (ban tổ chức)"),
    "contest_void": N_("Hủy kết quả thi (ban tổ chức)"),
    "announce": N_("Soạn thông báo (ban tổ chức)"),
    "announce_list": N_("Danh sách thông báo (ban tổ chức)"),
    "announce_cancel": N_("Hủy thông báo (ban tổ chức)"),
    "report": N_("Báo cáo (ban tổ chức)"),
    "stats": N_("Số liệu (ban tổ chức)"),
    "console": N_("Trang quản trị (ban tổ chức)"),
}

CHANNEL_LABELS: dict[str, str] = {"telegram": "Telegram", "zalo": "Zalo",
                                  "console": N_("Dòng lệnh")}


def feature_label(feature: str) -> str:
    return _(FEATURE_LABELS[feature]) if feature in FEATURE_LABELS else feature


def channel_label(channel: str) -> str:
    return _(CHANNEL_LABELS[channel]) if channel in CHANNEL_LABELS else channel


def headline(f: ReportFigures) -> list[str]:
    """The figures an organizer pastes into the report, one per line."""
    lines = [
        _("Người dùng mới: {n}").format(n=format_number(f.new_users)),
        _("Người dùng đã nhắn tin: {n}").format(n=format_number(f.active_users)),
        _("Tin nhắn: {n}").format(n=format_number(f.messages)),
    ]
    if f.channels:
        lines.append(_("Người dùng mới theo kênh: {list}").format(list=", ".join(
            f"{channel_label(c.channel)} {format_number(c.new_users)}" for c in f.channels)))
    if f.features:
        lines.append(_("Được dùng nhiều nhất: {list}").format(list=", ".join(
            f"{feature_label(name)} ({format_number(n)})" for name, n in f.features[:3])))
    lines += [
        _("Người đăng ký dự thi: {n}").format(n=format_number(f.participants)),
        _("Người hoàn thành bài thi: {n}").format(n=format_number(f.finished)),
        _("Điểm trung bình: {avg}/{total} câu đúng").format(
            avg=format_number(round(f.average_score, 2)), total=f.questions),
        _("Thông báo và tin nhắc đã gửi: {items} lượt, {sent} tin nhắn đến người nhận").format(
            items=format_number(fired(f)),
            sent=format_number(sum(b.sent for b in f.broadcasts))),
        _("Người đăng ký nhận tin: {n}").format(n=format_number(f.subscribers)),
    ]
    return lines


def fired(f: ReportFigures) -> int:
    """Announcements and reminders that went out (not those still scheduled or cancelled)."""
    return sum(1 for b in f.broadcasts if b.status in ("sending", "done"))


def period_text(f: ReportFigures) -> str:
    return _("Từ {first} đến {last}").format(first=format_date_numeric(f.first),
                                             last=format_date_numeric(f.last))


_DATES = re.compile(r"\d{1,2}\s*[/.-]\s*\d{1,2}(?:\s*[/.-]\s*\d{2,4})?")


def parse_period(arg: str, edition: Edition, today: date) -> tuple[date, date] | None:
    """The period of `/baocao [FROM [TO]]`; the whole week when no date is given."""
    found = [find_day(m, edition, today) for m in _DATES.findall(arg)]
    if arg.strip() and (not found or None in found or len(found) > 2):
        return None
    days = [d for d in found if d is not None]
    first = days[0] if days else edition.start
    last = days[1] if len(days) > 1 else (first if days else edition.end)
    return (first, last) if first <= last else None


def _usage() -> list[Reply]:
    return [Reply(_("Cách dùng: /baocao, hoặc /baocao TỪ_NGÀY ĐẾN_NGÀY, ví dụ: "
                    "/baocao 01/10/2020 07/10/2020. Không ghi ngày thì báo cáo cả Tuần lễ."))]


async def report(ctx: Ctx) -> list[Reply]:
    """Send organizers the workbook, the charts and the summary for the report."""
    refusal = private_only(ctx, "/baocao")
    if refusal is not None:
        return refusal
    period = parse_period(ctx.route.arg, ctx.edition, ctx.today)
    if period is None:
        return _usage()
    figures = await ctx.store.report.figures(ctx.edition, *period)
    files = await ctx.store.report.files(figures, ctx.edition)
    text = "\n".join([period_text(figures), "", *headline(figures), "",
                      _("Gửi kèm: bảng số liệu (XLSX), biểu đồ (PNG) và bản tóm tắt để "
                        "dán vào báo cáo.")])
    return [Reply(text, files=files, title=_("Báo cáo kết quả Tuần lễ"))]


async def stats(ctx: Ctx) -> list[Reply]:
    """Give organizers the headline figures in the chat."""
    if not ctx.user.is_organizer:
        return _refuse()
    period = parse_period(ctx.route.arg, ctx.edition, ctx.today)
    if period is None:
        return _usage()
    figures = await ctx.store.report.figures(ctx.edition, *period)
    text = "\n".join([period_text(figures), "", *headline(figures), "",
                      _("Gõ /baocao để nhận bảng số liệu, biểu đồ và bản tóm tắt.")])
    return [Reply(text, (back_button(),), title=_("Số liệu Tuần lễ"))]
