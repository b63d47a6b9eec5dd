"""Welcome, menu, help, language and the answers for what the bot did not understand."""

from __future__ import annotations

from handlers.context import Ctx
from handlers.format import back_button, menu_buttons, week_span, week_status
from handlers.i18n import N_, _, current_locale, set_locale
from handlers.types import Button, Reply

# Deep-link payloads of /start (t.me/<bot>?start=lich) -> the command they open.
START_PAYLOADS = {
    "lich": "/lich",
    "homnay": "/homnay",
    "cuocthi": "/cuocthi",
    "khoahoc": "/khoahoc",
    "thuvien": "/thuvien",
    "lienhe": "/lienhe",
}


async def start(ctx: Ctx) -> list[Reply]:
    """Greet the user: what the bot does in 2–3 lines, and the main menu."""
    ed, loc = ctx.edition, current_locale()
    text = _(
        "Xin chào! Mình là trợ lý của {name} tại {city}, {span}, với chủ đề “{theme}”.\n"
        "Mình giúp bạn xem lịch sự kiện, khóa học trực tuyến, chương trình đọc sách, "
        "thông tin Cuộc thi Công dân học tập và số liên hệ.\n"
        "Chọn một mục bên dưới hoặc gõ câu hỏi, ví dụ: “lịch hôm nay”."
    ).format(name=ed.name.get(loc), city=ed.city, span=week_span(ed), theme=ed.theme.get(loc))
    status = week_status(ed, ctx.now)
    if status:
        text += "\n\n" + status
    # Offer the reminders, never subscribe silently: the user presses the button or /dangky.
    text += "\n\n" + _("Muốn nhận lịch mỗi sáng và tin nhắc trước các sự kiện chính? "
                         "Bấm “Nhận tin nhắc lịch” hoặc gõ /dangky.")
    return [Reply(text, (*menu_buttons(), Button(_("Nhận tin nhắc lịch"), "/dangky")))]


async def menu(ctx: Ctx) -> list[Reply]:
    """Show the main menu."""
    return [Reply(_("Bạn muốn xem gì? Chọn một mục hoặc gõ câu hỏi của bạn."), menu_buttons())]


# The command list: /trogiup shows it, and Telegram's command menu (setMyCommands) reuses it.
COMMAND_HELP: tuple[tuple[str, str], ...] = (
    ("menu", N_("menu chính")),
    ("chude", N_("chủ đề và mục đích của Tuần lễ")),
    ("hoatdong", N_("các hoạt động")),
    ("lich", N_("lịch sự kiện cả tuần; /lich 03/10: một ngày")),
    ("homnay", N_("sự kiện hôm nay")),
    ("sapdienra", N_("sự kiện sắp diễn ra")),
    ("khoahoc", N_("khóa học trực tuyến và tài nguyên mở")),
    ("thuvien", N_("thư viện và văn hóa đọc")),
    ("cuocthi", N_("Cuộc thi Công dân học tập")),
    ("thi", N_("làm bài thi")),
    ("xephang", N_("bảng xếp hạng cuộc thi")),
    ("tochuc", N_("đơn vị tổ chức và báo cáo kết quả")),
    ("lienhe", N_("số điện thoại, e-mail, địa chỉ liên hệ")),
    ("hoidap", N_("câu hỏi thường gặp")),
    ("dangky", N_("nhận tin nhắc lịch và thông báo")),
    ("huydangky", N_("thôi nhận tin nhắc")),
    ("xoadulieu", N_("xóa dữ liệu cá nhân của bạn")),
    ("trogiup", N_("hướng dẫn sử dụng")),
    ("ngonngu", N_("đổi ngôn ngữ")),
)


def command_list() -> list[tuple[str, str]]:
    """(command, description) in the current locale."""
    return [(name, _(text)) for name, text in COMMAND_HELP]


async def help_(ctx: Ctx) -> list[Reply]:
    """List the commands and give examples of free text."""
    lines = [
        _("Các lệnh:"),
        *(f"/{name} — {text}" for name, text in command_list()),
        "",
        _("Bạn cũng có thể gõ tự nhiên, có dấu hoặc không dấu, ví dụ: "
          "“lich hom nay”, “thứ bảy có gì”, “khoa hoc truc tuyen”, “số điện thoại liên hệ”."),
    ]
    return [Reply("\n".join(lines), (back_button(),), title=_("Hướng dẫn sử dụng"))]


async def language(ctx: Ctx) -> list[Reply]:
    """Offer the languages, or switch to the one named in the argument."""
    choice = ctx.route.arg.strip().lower()
    if choice in ("vi", "en"):
        await ctx.store.set_locale(choice)
        set_locale(choice)
        return [Reply(_("Đã chuyển sang tiếng Việt."), menu_buttons())]
    if choice:
        text = _("Mình chỉ có tiếng Việt và tiếng Anh. Bạn chọn một ngôn ngữ nhé.")
    else:
        text = _("Chọn ngôn ngữ:")
    return [Reply(text, (Button("Tiếng Việt", "/ngonngu vi"), Button("English", "/ngonngu en")))]


async def unknown(ctx: Ctx) -> list[Reply]:
    """Answer text the router did not understand: never silence, always the menu."""
    return [
        Reply(
            _("Xin lỗi, mình chưa hiểu ý bạn. Bạn chọn một mục bên dưới, hoặc gõ ví dụ: "
              "“lịch hôm nay”, “khóa học trực tuyến”, “cuộc thi”, “liên hệ”."),
            menu_buttons(),
        )
    ]


async def unknown_command(ctx: Ctx) -> list[Reply]:
    """Answer a command that does not exist."""
    return [
        Reply(
            _("Không có lệnh /{name}. Gõ /trogiup để xem các lệnh, hoặc chọn một mục bên dưới.")
            .format(name=ctx.route.arg[:32]),
            menu_buttons(),
        )
    ]


async def media(ctx: Ctx) -> list[Reply]:
    """Answer a sticker, photo or file: the bot reads text only."""
    return [Reply(_("Mình chỉ đọc được tin nhắn chữ. Bạn hãy gõ câu hỏi hoặc chọn một mục "
                    "bên dưới nhé."), menu_buttons())]


async def empty(ctx: Ctx) -> list[Reply]:
    """Answer an empty message."""
    return [Reply(_("Bạn chưa nhập nội dung. Hãy gõ câu hỏi hoặc chọn một mục bên dưới."),
                  menu_buttons())]
