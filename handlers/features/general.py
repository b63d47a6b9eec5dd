"""Welcome, menu, help, language and the answers for what the bot did not understand."""

from __future__ import annotations

from handlers.context import Ctx
from handlers.format import back_button, menu_buttons, week_span, week_status
from handlers.i18n import N_, _, current_locale, set_locale
from handlers.registry import FeatureSet
from handlers.types import Button, Reply

features = FeatureSet()


@features.feature("start", label=N_("Chào mừng"), commands=("start",))
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


@features.feature("menu", label=N_("Menu"), commands=("menu",), help=N_("menu chính"))
async def menu(ctx: Ctx) -> list[Reply]:
    """Show the main menu."""
    return [Reply(_("Bạn muốn xem gì? Chọn một mục hoặc gõ câu hỏi của bạn."), menu_buttons())]


@features.feature("help", label=N_("Hướng dẫn"), commands=("trogiup",),
                  help=N_("hướng dẫn sử dụng"))
async def help_(ctx: Ctx) -> list[Reply]:
    """List the commands and give examples of free text."""
    lines = [
        _("Các lệnh:"),
        *(f"/{name} — {text}" for name, text in ctx.features.help_lines()),
        "",
        _("Bạn cũng có thể gõ tự nhiên, có dấu hoặc không dấu, ví dụ: "
          "“lich hom nay”, “thứ bảy có gì”, “khoa hoc truc tuyen”, “số điện thoại liên hệ”."),
    ]
    return [Reply("\n".join(lines), (back_button(),), title=_("Hướng dẫn sử dụng"))]


@features.feature("language", label=N_("Đổi ngôn ngữ"), commands=("ngonngu",),
                  help=N_("đổi ngôn ngữ"))
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


@features.feature("unknown", label=N_("Câu chưa hiểu"))
async def unknown(ctx: Ctx) -> list[Reply]:
    """Answer text the router did not understand: never silence, always the menu."""
    return [
        Reply(
            _("Xin lỗi, mình chưa hiểu ý bạn. Bạn chọn một mục bên dưới, hoặc gõ ví dụ: "
              "“lịch hôm nay”, “khóa học trực tuyến”, “cuộc thi”, “liên hệ”."),
            menu_buttons(),
        )
    ]


@features.feature("unknown_command", label=N_("Lệnh không có"))
async def unknown_command(ctx: Ctx) -> list[Reply]:
    """Answer a command that does not exist."""
    return [
        Reply(
            _("Không có lệnh /{name}. Gõ /trogiup để xem các lệnh, hoặc chọn một mục bên dưới.")
            .format(name=ctx.route.arg[:32]),
            menu_buttons(),
        )
    ]


@features.feature("media", label=N_("Ảnh, nhãn dán, tệp"))
async def media(ctx: Ctx) -> list[Reply]:
    """Answer a sticker, photo or file: the bot reads text only."""
    return [Reply(_("Mình chỉ đọc được tin nhắn chữ. Bạn hãy gõ câu hỏi hoặc chọn một mục "
                    "bên dưới nhé."), menu_buttons())]


@features.feature("empty", label=N_("Tin nhắn trống"))
async def empty(ctx: Ctx) -> list[Reply]:
    """Answer an empty message."""
    return [Reply(_("Bạn chưa nhập nội dung. Hãy gõ câu hỏi hoặc chọn một mục bên dưới."),
                  menu_buttons())]
