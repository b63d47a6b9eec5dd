"""Welcome, menu, help, language and the answers for what the bot did not understand."""

from __future__ import annotations

from handlers.context import Ctx
from handlers.format import back_button, menu_buttons, week_span, week_status
from handlers.i18n import N_, _, current_locale, set_locale
from handlers.paging import paged
from handlers.registry import FeatureSet
from handlers.text import fold
from handlers.types import Button, Reply

features = FeatureSet()


@features.feature("start", label=N_("Chào mừng"), commands=("start",))
async def start(ctx: Ctx) -> list[Reply]:
    """Greet the user: what the bot does in 2–3 lines, and the main menu."""
    ed, loc = ctx.edition, current_locale()
    text = _(
        "Kính chào Quý vị! Đây là Chatbot của {name} tại {city}, {span}, chủ đề “{theme}”.\n"
        "Chatbot giúp Quý vị xem lịch sự kiện, khóa học trực tuyến, chương trình đọc sách, "
        "thông tin Cuộc thi Công dân học tập và số điện thoại liên hệ.\n"
        "Xin chọn một mục bên dưới hoặc gõ câu hỏi, ví dụ: “lịch hôm nay”."
    ).format(name=ed.name.get(loc), city=ed.city, span=week_span(ed), theme=ed.theme.get(loc))
    status = week_status(ed, ctx.now)
    if status:
        text += "\n\n" + status
    if ctx.today > ed.end:
        return [Reply(text, menu_buttons())]  # no morning schedule, no reminder any more
    # Offer the reminders, never subscribe silently: the user presses the button or /dangky.
    text += "\n\n" + _("Để nhận lịch mỗi sáng và tin nhắc trước các sự kiện chính, xin bấm "
                         "“Nhận tin nhắc lịch” hoặc gõ /dangky.")
    return [Reply(text, (*menu_buttons(), Button(_("Nhận tin nhắc lịch"), "/dangky")))]


@features.feature("menu", label=N_("Menu"), commands=("menu",), help=N_("menu chính"))
async def menu(ctx: Ctx) -> list[Reply]:
    """Show the main menu."""
    return [Reply(_("Quý vị muốn xem gì? Xin chọn một mục hoặc gõ câu hỏi."), menu_buttons())]


@features.feature("stop", label=N_("Dừng việc đang làm"), commands=("huy",),
                  help=N_("dừng việc đang làm dở (đăng ký dự thi, gửi câu hỏi…)"),
                  announced=False)
async def stop(ctx: Ctx) -> list[Reply]:
    """"thôi", "hủy", /huy: stop the flow the citizen was in (the core has left it, keeping
    nothing of its steps) and say so; with nothing under way, say that, and how to stop the
    reminders, which is what "hủy" alone often means."""
    if ctx.left is not None:
        return [Reply(ctx.left.text(), menu_buttons())]
    return [Reply(_("Hiện Quý vị không có việc gì đang làm dở. Nếu muốn ngừng nhận tin nhắn của "
                    "Tuần lễ, xin gõ /huydangky."),
                  (Button(ctx.features.label("unsubscribe"), "/huydangky"), back_button()))]


@features.feature("help", label=N_("Hướng dẫn"), commands=("trogiup",),
                  help=N_("hướng dẫn sử dụng"), paged=True)
async def help_(ctx: Ctx) -> list[Reply]:
    """List the commands and give examples of free text."""
    blocks = [
        _("Quý vị có thể gõ tự nhiên, có dấu hoặc không dấu, ví dụ: “lich hom nay”, “thứ bảy "
          "có gì”, “khoa hoc truc tuyen”, “số điện thoại liên hệ”. Hoặc gõ một lệnh:"),
        *(f"/{name} — {text}" for name, text in ctx.features.help_lines()),
    ]
    return [paged(blocks, ctx.page, "trogiup", title=_("Hướng dẫn sử dụng"), sep="\n",
                  buttons=(back_button(),))]


# What people type after /ngonngu besides the codes: the language's name, either way.
_LANGUAGES = {
    **dict.fromkeys(("vi", "vn", "tieng viet", "viet", "viet nam", "vietnamese"), "vi"),
    **dict.fromkeys(("en", "eng", "tieng anh", "anh", "english", "anh ngu"), "en"),
}


@features.feature("language", label=N_("Đổi ngôn ngữ"), commands=("ngonngu",),
                  help=N_("đổi ngôn ngữ"))
async def language(ctx: Ctx) -> list[Reply]:
    """Offer the languages, or switch to the one named in the argument."""
    choice = _LANGUAGES.get(fold(ctx.route.arg).strip(" .!"), ctx.route.arg.strip().lower())
    if choice in ("vi", "en"):
        await ctx.store.set_locale(choice)
        set_locale(choice)
        return [Reply(_("Đã chuyển sang tiếng Việt."), menu_buttons())]
    if choice:
        text = _("Chatbot có tiếng Việt và tiếng Anh. Xin chọn một ngôn ngữ.")
    else:
        text = _("Xin chọn ngôn ngữ:")
    return [Reply(text, (Button("Tiếng Việt", "/ngonngu vi"), Button("English", "/ngonngu en")))]


@features.feature("unknown_command", label=N_("Lệnh không có"))
async def unknown_command(ctx: Ctx) -> list[Reply]:
    """Answer a command that does not exist (or a "/" with no name, or a button's command
    with what it needs missing: "/xemthem")."""
    if not ctx.route.arg:
        return [Reply(_("Chatbot chưa hiểu lệnh này. Gõ /trogiup để xem các lệnh, hoặc chọn một "
                        "mục bên dưới."), menu_buttons())]
    return [
        Reply(
            _("Không có lệnh /{name}. Gõ /trogiup để xem các lệnh, hoặc chọn một mục bên dưới.")
            .format(name=ctx.route.arg[:32]),
            menu_buttons(),
        )
    ]


@features.feature("stale_button", label=N_("Nút của bước đã xong"))
async def stale_button(ctx: Ctx) -> list[Reply]:
    """Answer a flow's button pressed after the flow ended (an old message's "Bỏ qua")."""
    return [Reply(_("Nút này thuộc một bước đã xong hoặc đã dừng nên không còn dùng được. Xin "
                    "chọn một mục bên dưới hoặc gõ câu hỏi."), menu_buttons())]


@features.feature("media", label=N_("Ảnh, nhãn dán, tệp"))
async def media(ctx: Ctx) -> list[Reply]:
    """Answer a sticker, photo or file: the bot reads text only."""
    return [Reply(_("Chatbot chỉ đọc được tin nhắn chữ. Xin Quý vị gõ câu hỏi hoặc chọn một "
                    "mục bên dưới."), menu_buttons())]


@features.feature("empty", label=N_("Tin nhắn trống"))
async def empty(ctx: Ctx) -> list[Reply]:
    """Answer an empty message."""
    return [Reply(_("Quý vị chưa nhập nội dung. Xin gõ câu hỏi hoặc chọn một mục bên dưới."),
                  menu_buttons())]


@features.feature("more", label=N_("Xem thêm"), commands=("xemthem",))
async def more(ctx: Ctx) -> list[Reply]:
    """/xemthem of an answer that has no screens (the core pages those that have): the
    command it names does not exist as a paged answer."""
    return await unknown_command(ctx)
