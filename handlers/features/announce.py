"""Organizers' announcements: /thongbao (text, audience, time, preview, buttons, confirm),
/dsthongbao, /huythongbao ID. The module is organizers-only: the core refuses anyone else before
a handler runs, and nothing is created.

The preview is the first screen citizens will get (handlers/features/bulletin.py): a long
announcement is read page by page with "Xem thêm". Buttons are optional, offered at the
preview: a bot feature (from the registry) or an https link.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from enum import Enum, StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from handlers.broadcast_types import (
    MAX_BUTTONS,
    MAX_LABEL,
    AnnouncementButton,
    AnnouncementInfo,
    ItemView,
    audience_label,
    buttons_payload,
    check_label,
    check_url,
    status_label,
    stored_buttons,
)
from handlers.context import Ctx, FeatureIndex
from handlers.features.bulletin import pages
from handlers.format import back_button
from handlers.i18n import N_, _, format_date_numeric, format_number, format_time
from handlers.numbers import parse_int
from handlers.registry import FeatureSet, Flow
from handlers.text import fold
from handlers.types import Button, Reply


class Draft(StrEnum):
    """The steps of an announcement's draft, in order (DISTRICT only for one district)."""

    TEXT = "text"
    AUDIENCE = "audience"
    DISTRICT = "district"
    TIME = "time"
    CONFIRM = "confirm"
    BUTTONS = "buttons"  # from the preview, back to it


FLOW = Flow("announce", Draft, organizer_only=True)
features = FeatureSet(organizer_only=True)

MAX_TEXT = 3500  # leaves room for the title within Telegram's 4,096 characters
CHANNELS = ("telegram", "zalo", "zalobot", "console")
_WHEN = re.compile(r"^([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})\s+([0-9]{1,2})[:hg]([0-9]{2})$")
_NOW = ("ngay", "now", "gui ngay", "ngay bay gio")
# Channels `hoctap-bot run` serves, where the creator of an announcement gets its progress.
# The console is not one of them: `hoctap-bot chat` sends only where no platform is set up (then
# there is no `run`), and only while it is open; the console user is told so.
PROGRESS_CHANNELS = ("telegram", "zalo", "zalobot")


def parse_audience(text: str, districts: tuple[str, ...]) -> str | None:
    """Normalize an audience typed or pressed; None if it is not one."""
    raw = text.strip()
    kind, _sep, name = raw.partition(":")
    kind = fold(kind).strip()
    if kind in ("all", "tat ca") and not name:
        return "all"
    if kind in ("contest", "thi sinh") and not name:
        return "contest"
    if kind == "channel" and fold(name).strip() in CHANNELS:
        return f"channel:{fold(name).strip()}"
    if kind == "district" and name.strip():
        return district_of(name, districts)
    if kind == "home" and name.strip():
        found = district_of(name, districts)
        return "home:" + found.partition(":")[2] if found else None
    return None


def district_of(name: str, districts: tuple[str, ...]) -> str | None:
    """The district named (with or without diacritics), as the contest spells it."""
    wanted = fold(name).strip()
    for d in districts:
        if fold(d) == wanted:
            return f"district:{d}"
    if not districts and name.strip():
        return f"district:{name.strip()}"
    return None


def is_now(text: str) -> bool:
    """'ngay', 'Ngay', 'ngày', 'now', 'gửi ngay': send at once (chat and CLI alike)."""
    return fold(text).strip() in _NOW


class WhenProblem(Enum):
    """Why a typed time is refused; each caller words it for its own reader."""

    UNKNOWN = "unknown"
    IMPOSSIBLE = "impossible"  # 31/02/2020
    PAST = "past"
    FAR = "far"  # a wrong year, most often: long after the week and after today


# How long after the week's end (or after today, when that is later) an announcement may wait.
LATEST_DAYS = 31


def latest(week_end: date, now: datetime, tz: ZoneInfo) -> datetime:
    """The last instant an announcement may be scheduled for."""
    last_day = max(week_end, now.astimezone(tz).date()) + timedelta(days=LATEST_DAYS)
    return datetime.combine(last_day, time.max, tzinfo=tz)


def read_when(text: str, now: datetime, tz: ZoneInfo, week_end: date
              ) -> datetime | WhenProblem:
    """The instant `text` names: 'ngay'/'now', dd/mm/yyyy HH:MM or ISO 8601 (2020-10-01T19:30),
    in `tz` unless it says its offset; a past one is refused, and one past `latest`."""
    text = text.strip()
    if is_now(text):
        return now
    m = _WHEN.match(text)
    try:
        if m is not None:
            day, month, year, hour, minute = (int(g) for g in m.groups())
            when = datetime(year, month, day, hour, minute, tzinfo=tz)
        elif text.isascii() and text[:4].isdigit():
            # Python 3.11's fromisoformat reads ASCII digits only; isascii keeps it so.
            when = datetime.fromisoformat(text)
            when = when.replace(tzinfo=tz) if when.tzinfo is None else when.astimezone(tz)
        else:
            return WhenProblem.UNKNOWN
    except ValueError:
        return WhenProblem.IMPOSSIBLE if m is not None else WhenProblem.UNKNOWN
    if when < now.replace(second=0, microsecond=0):
        return WhenProblem.PAST
    if when > latest(week_end, now, tz):
        return WhenProblem.FAR
    return when


def past_text() -> str:
    return _("Thời điểm này đã qua. Chọn một thời điểm trong tương lai hoặc gõ “ngay”.")


def far_text(week_end: date, now: datetime, tz: ZoneInfo) -> str:
    return _("Thời điểm này quá xa: thông báo chỉ hẹn gửi được đến hết ngày {last}. Xin kiểm "
             "tra lại ngày, tháng, năm.").format(
        last=format_date_numeric(latest(week_end, now, tz)))


def parse_when(text: str, ctx: Ctx) -> datetime | str:
    """The instant typed ('ngay' or dd/mm/yyyy HH:MM), or an error message to show."""
    when = read_when(text, ctx.now, ctx.edition.tz, ctx.edition.end)
    if when is WhenProblem.FAR:
        return far_text(ctx.edition.end, ctx.now, ctx.edition.tz)
    if when is WhenProblem.UNKNOWN:
        return _("Chatbot chưa hiểu thời điểm. Gõ “ngay” hoặc ngày giờ dạng dd/mm/yyyy HH:MM, "
                 "ví dụ 01/10/2020 19:30.")
    if when is WhenProblem.IMPOSSIBLE:
        return _("Ngày giờ không có thật. Gõ lại dạng dd/mm/yyyy HH:MM.")
    if when is WhenProblem.PAST:
        return past_text()
    return when


def _when_text(when: datetime, ctx: Ctx) -> str:
    return f"{format_time(when, ctx.edition.tz)} {format_date_numeric(when)}"


@features.feature("announce", label=N_("Soạn thông báo (ban tổ chức)"), commands=("thongbao",))
async def start(ctx: Ctx) -> list[Reply]:
    """Begin an announcement draft: ask for the text."""
    await FLOW.enter(ctx.store, Draft.TEXT)
    return [Reply(_("Soạn thông báo gửi người dân. Gõ nội dung thông báo (tối đa {n} ký tự). "
                    "Gõ một lệnh bất kỳ, ví dụ /menu, để bỏ bản nháp.")
                    .format(n=format_number(MAX_TEXT)), title=_("Thông báo mới"))]


def _audience_buttons() -> tuple[Button, ...]:
    return (
        Button(_("Tất cả người đăng ký"), "all"),
        Button(_("Thí sinh cuộc thi"), "contest"),
        Button(_("Một quận/huyện"), "district"),
        Button(_("Chỉ Telegram"), "channel:telegram"),
        Button(_("Chỉ Zalo"), "channel:zalo"),
    )


def _ask_time() -> Reply:
    return Reply(_("Gửi lúc nào? Gõ “ngay” hoặc ngày giờ dạng dd/mm/yyyy HH:MM."),
                 (Button(_("Gửi ngay"), "ngay"),))


@features.flow(FLOW)
async def flow(ctx: Ctx) -> list[Reply]:
    """One step of the draft: text -> audience -> (district) -> time -> confirm."""
    state = ctx.user.state
    assert state is not None
    data, text = dict(state.data), ctx.route.arg
    districts = ctx.edition.contest.districts
    step = FLOW.step(state)
    if step is Draft.TEXT:
        if not text:
            return [Reply(_("Nội dung đang trống. Gõ nội dung thông báo."))]
        if len(text) > MAX_TEXT:
            return [Reply(_("Thông báo dài {n} ký tự, quá {max}. Xin rút gọn rồi gõ lại.")
                          .format(n=format_number(len(text)), max=format_number(MAX_TEXT)))]
        data["text"] = text
        await FLOW.enter(ctx.store, Draft.AUDIENCE, data)
        return [Reply(_("Gửi cho ai?"), _audience_buttons())]
    if step is Draft.AUDIENCE:
        if fold(text).strip() in ("district", "quan huyen", "mot quan/huyen"):
            await FLOW.enter(ctx.store, Draft.DISTRICT, data)
            buttons = tuple(Button(d, f"district:{d}") for d in districts)
            return [Reply(_("Gõ tên quận/huyện hoặc chọn bên dưới."), buttons)]
        audience = parse_audience(text, districts)
        if audience is None:
            return [Reply(_("Chọn một nhóm người nhận bên dưới."), _audience_buttons())]
        data["audience"] = audience
        await FLOW.enter(ctx.store, Draft.TIME, data)
        return [_ask_time()]
    if step is Draft.DISTRICT:
        name = text.partition(":")[2] if text.startswith("district:") else text
        audience = district_of(name, districts)
        if audience is None:
            return [Reply(_("Không có quận/huyện “{name}”. Chọn một quận/huyện bên dưới.")
                          .format(name=name[:64]),
                          tuple(Button(d, f"district:{d}") for d in districts))]
        data["audience"] = audience
        await FLOW.enter(ctx.store, Draft.TIME, data)
        return [_ask_time()]
    if step is Draft.TIME:
        when = parse_when(text, ctx)
        if isinstance(when, str):
            return [Reply(when, (Button(_("Gửi ngay"), "ngay"),))]
        data["at"] = when.isoformat()
        await FLOW.enter(ctx.store, Draft.CONFIRM, data)
        return await _preview(ctx, data)
    if step is Draft.CONFIRM:
        return await _confirm(ctx, data, text)
    if step is Draft.BUTTONS:
        return await _add_button(ctx, data, text)
    await ctx.store.clear_state()
    return [Reply(_("Bản nháp đã hết hạn. Gõ /thongbao để soạn lại."), (back_button(),))]


def draft_buttons(data: dict[str, Any]) -> tuple[AnnouncementButton, ...]:
    """The buttons of a draft (kept in the flow's data as stored)."""
    return stored_buttons({"buttons": data.get("buttons") or []})


def button_line(b: AnnouncementButton) -> str:
    """A button as the organizer reads it in a list: its label, and where a link goes."""
    shown = b.button()
    return f"{shown.label} ({shown.url})" if shown.url else f"{shown.label} ({shown.command})"


async def _preview(ctx: Ctx, data: dict[str, Any]) -> list[Reply]:
    """The first screen as citizens will get it, then what the organizer confirms."""
    when = datetime.fromisoformat(data["at"])
    n = await ctx.store.broadcast.audience_size(data["audience"])
    buttons = draft_buttons(data)
    screens = pages(ItemView(0, "announcement", data["text"], buttons_payload(buttons)),
                    ctx.edition)
    # Without its buttons: pressing one would leave the draft.
    first = Reply(screens[0].text, title=screens[0].title)
    lines = [
        _("Người nhận: {audience} ({n} người)").format(
            audience=audience_label(data["audience"]), n=format_number(n)),
        _("Gửi lúc: {when}").format(when=_when_text(when, ctx)),
    ]
    if len(screens) > 1:
        lines.append(_("Dài {n} trang: người nhận đọc trang đầu ở trên, bấm “Xem thêm” để đọc "
                       "tiếp.").format(n=len(screens)))
    if buttons:
        lines.append(_("Nút: {buttons}").format(buttons="; ".join(map(button_line, buttons))))
    actions = [Button(_("Xác nhận gửi"), "ok")]
    if len(buttons) < MAX_BUTTONS:
        actions.append(Button(_("Thêm nút"), "nut"))
    elif buttons:
        actions.append(Button(_("Bỏ các nút"), "bonut"))
    actions.append(Button(_("Hủy bản nháp"), "huy"))
    return [first, Reply("\n".join(lines), tuple(actions), title=_("Xem trước thông báo"))]


def _ask_button(ctx: Ctx, data: dict[str, Any], done: str = "") -> Reply:
    buttons = draft_buttons(data)
    taken = {b.feature for b in buttons}
    lines = [done] if done else []
    lines.append(_("Chọn chức năng mà nút sẽ mở, hoặc gõ tên nút và đường link https, ví dụ: "
                   "Trang tin | https://hoctaphaiphong.vn. Tối đa {n} nút.").format(
                       n=MAX_BUTTONS))
    if buttons:
        lines.append(_("Đã có: {buttons}").format(buttons="; ".join(map(button_line, buttons))))
    offered = [Button(_("Xong"), "xong")]
    if buttons:
        offered.append(Button(_("Bỏ các nút"), "bonut"))
    offered += [Button(_(label), f"nut:{name}")
                for name, label, _command in ctx.features.button_features() if name not in taken]
    return Reply("\n".join(lines), tuple(offered), title=_("Thêm nút"))


def _feature_named(features: FeatureIndex, text: str) -> AnnouncementButton | None:
    """The feature a pressed "nut:NAME", a typed label or a command name names."""
    name = text.partition(":")[2] if text.startswith("nut:") else None
    wanted = fold(text).strip().lstrip("/")
    for feature, label, command in features.button_features():
        if name == feature or (name is None and wanted in (fold(_(label)), command[1:])):
            return AnnouncementButton(label, command, feature=feature)
    return None


def read_button(text: str, features: FeatureIndex) -> AnnouncementButton | str:
    """An announcement's button as an organizer writes it: a feature ("homnay", "/thi", its
    label) or a link ("Trang tin | https://…"); else what is wrong with it, in words (the
    /thongbao flow and `hoctap-bot announce --button`)."""
    label, bar, link = text.partition("|")
    if not bar:
        found = _feature_named(features, text)
        return found if found is not None else _("Chatbot chưa hiểu nút này.")
    url = check_url(link)
    shown = check_label(label)
    if url is None:
        return _("Đường link phải bắt đầu bằng https:// và là địa chỉ một trang web, ví dụ "
                 "https://hoctaphaiphong.vn.")
    if shown is None:
        return _("Tên nút dài 1–{n} ký tự, ở trước dấu |.").format(n=MAX_LABEL)
    return AnnouncementButton(shown, url=url)


async def _add_button(ctx: Ctx, data: dict[str, Any], text: str) -> list[Reply]:
    """One answer in the buttons step: a feature, "label | https://…", done or none."""
    choice = fold(text).strip()
    buttons = list(draft_buttons(data))
    if choice in ("xong", "done", "ok", "quay lai", "khong them"):
        await FLOW.enter(ctx.store, Draft.CONFIRM, data)
        return await _preview(ctx, data)
    if choice in ("bonut", "bo cac nut", "bo nut", "xoa nut"):
        data["buttons"] = []
        await FLOW.enter(ctx.store, Draft.BUTTONS, data)
        return [_ask_button(ctx, data, _("Đã bỏ các nút."))]
    added = read_button(text, ctx.features)
    if isinstance(added, str):
        return [_ask_button(ctx, data, added)]
    if any((b.command, b.url) == (added.command, added.url) for b in buttons):
        return [_ask_button(ctx, data, _("Nút này đã có."))]
    buttons.append(added)
    data["buttons"] = [b.stored() for b in buttons]
    if len(buttons) >= MAX_BUTTONS:
        await FLOW.enter(ctx.store, Draft.CONFIRM, data)
        return await _preview(ctx, data)
    await FLOW.enter(ctx.store, Draft.BUTTONS, data)
    return [_ask_button(ctx, data, _("Đã thêm nút “{label}”.").format(
        label=added.button().label))]


async def _confirm(ctx: Ctx, data: dict[str, Any], answer: str) -> list[Reply]:
    choice = fold(answer).strip()
    if choice in ("huy", "cancel", "khong"):
        await ctx.store.clear_state()
        return [Reply(_("Đã bỏ bản nháp; không có gì được gửi."), (back_button(),))]
    if choice in ("nut", "them nut", "bonut", "bo cac nut"):
        if choice in ("bonut", "bo cac nut"):
            data["buttons"] = []
        await FLOW.enter(ctx.store, Draft.BUTTONS, data)
        return [_ask_button(ctx, data)]
    if choice not in ("ok", "xac nhan", "gui", "dong y", "yes"):
        return await _preview(ctx, data)
    when = datetime.fromisoformat(data["at"])
    if when < ctx.now.replace(second=0, microsecond=0):
        when = ctx.now  # "ngay" confirmed a little later is still "now"
    twin = await ctx.store.broadcast.pending_twin(data["text"], data["audience"])
    if twin is not None:  # the draft stays at its confirmation
        return [Reply(twin_text(*twin, ctx.edition.tz),
                      (Button(_("Hủy bản nháp"), "huy"), back_button()))]
    item_id = await ctx.store.broadcast.create_announcement(data["text"], data["audience"],
                                                            when, draft_buttons(data))
    await ctx.store.clear_state()
    if ctx.user.channel in PROGRESS_CHANNELS:
        text = _("Đã lên lịch thông báo #{id} lúc {when} cho {audience}. Chatbot sẽ báo "
                 "tiến độ khi gửi. Gõ /huythongbao {id} để hủy trước giờ gửi.")
    else:
        text = _("Đã lên lịch thông báo #{id} lúc {when} cho {audience}. Thông báo do bot "
                 "đang chạy (lệnh hoctap-bot run) gửi đi; đến lúc đó nó ở trạng thái “chờ "
                 "gửi”. Khi chưa cấu hình Telegram hay Zalo, cửa sổ dòng lệnh đang mở gửi "
                 "thay và in tiến độ ra đó. Gõ /dsthongbao để xem tình trạng, /huythongbao {id} "
                 "để hủy trước giờ gửi.")
    return [Reply(text.format(id=item_id, when=_when_text(when, ctx),
                              audience=audience_label(data["audience"])), (back_button(),))]


@features.feature("announce_list", label=N_("Danh sách thông báo (ban tổ chức)"),
                  commands=("dsthongbao",), paged=True)
async def list_(ctx: Ctx) -> list[Reply]:
    """List pending and sent announcements with their delivery figures."""
    items = await ctx.store.broadcast.announcements(15)
    if not items:
        return [Reply(_("Chưa có thông báo nào. Gõ /thongbao để soạn."), (back_button(),))]
    lines = [describe(a, ctx) for a in items]
    return [Reply("\n\n".join(lines), (back_button(),), title=_("Các thông báo"))]


def describe(a: AnnouncementInfo, ctx: Ctx) -> str:
    """One announcement: id, time, status, audience; then figures and the text's start."""
    head = f"#{a.id} · {_when_text(a.due_at.astimezone(ctx.edition.tz), ctx)} · " \
           f"{status_label(a.status)} · {audience_label(a.audience)}"
    preview = a.text if len(a.text) <= 80 else a.text[:79] + "…"
    if a.status in ("sending", "done"):
        figures = _("đã gửi {sent}/{total}, bỏ qua {skipped}, lỗi {failed}, không rõ {uncertain}"
                    ).format(sent=format_number(a.sent), total=format_number(a.total),
                             skipped=format_number(a.skipped), failed=format_number(a.failed),
                             uncertain=format_number(a.uncertain))
        return f"{head}\n{figures}\n{preview}"
    return f"{head}\n{preview}"


def twin_text(item_id: int, due: datetime, tz: ZoneInfo) -> str:
    """Why an announcement was not created: the same one is waiting (chat, CLI, console)."""
    return _("Chưa lên lịch: thông báo #{id} cùng nội dung, cùng người nhận đang chờ gửi lúc "
             "{when}; gửi thêm thì mỗi người nhận đọc hai lần. Nếu muốn đổi giờ, hãy hủy #{id} "
             "trước (/huythongbao {id} hoặc hoctap-bot announce cancel {id}).").format(
        id=item_id, when=f"{format_time(due, tz)} {format_date_numeric(due.astimezone(tz))}")


def cancel_text(result: str, item_id: int) -> str:
    """The outcome of cancelling announcement `item_id` (store result), for chat and CLI."""
    if result == "cancelled":
        text = _("Đã hủy thông báo #{id}; nó sẽ không được gửi.")
    elif result == "not_found":
        text = _("Không có thông báo #{id}.")
    else:
        text = _("Không hủy được thông báo #{id}: {status}.")
    return text.format(id=item_id, status=status_label(result))


@features.feature("announce_cancel", label=N_("Hủy thông báo (ban tổ chức)"),
                  commands=("huythongbao",))
async def cancel(ctx: Ctx) -> list[Reply]:
    """Cancel a pending announcement: /huythongbao ID."""
    item_id = parse_int(ctx.route.arg.strip().lstrip("#"), low=1)
    if item_id is None:
        return [Reply(_("Gõ /huythongbao kèm số của thông báo, ví dụ /huythongbao 3. "
                        "Gõ /dsthongbao để xem các số."), (back_button(),))]
    result = await ctx.store.broadcast.cancel_announcement(item_id)
    return [Reply(cancel_text(result, item_id), (back_button(),))]
