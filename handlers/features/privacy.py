"""A citizen's right to delete their data: /xoadulieu, then confirm. The notice cites the personal
data protection law in force, which content names (edition.toml [privacy] law).

What goes: the contest registration's name, phone and unit (the district and the scores stay,
no longer linked to anyone, so the statistics stay right), the subscription, the message log
rows, the questions kept for the organizers, the conversation state, and the platform id and
name on the user row. The row itself is kept anonymised (channel, first and last seen) so the
count of users stays true. Whoever writes from the same account afterwards is a new user:
greeted as new, not subscribed. One thing stays for the contest's one-attempt rule only, and the
notice says so: a keyed hash of the platform identity on the registration (bot/db/contest.py),
so the same account cannot take the contest again beyond its attempts, nor register again once
voided.
"""

from __future__ import annotations

from enum import StrEnum

from handlers.context import Ctx
from handlers.format import back_button
from handlers.i18n import N_, _, current_locale, format_number
from handlers.privacy_types import PersonalData
from handlers.registry import FeatureSet, Flow
from handlers.text import fold
from handlers.types import Button, Reply


class Step(StrEnum):
    CONFIRM = "confirm"


KEPT = N_("Đã hủy: dữ liệu của Quý vị không bị xóa.")
FLOW = Flow("privacy", Step, left=KEPT)
features = FeatureSet()


def _confirm_label() -> str:
    return _("Xóa dữ liệu của tôi")


def _cancel_label() -> str:
    return _("Không xóa")


def _items(data: PersonalData) -> list[str]:
    lines = [_("• Mã tài khoản và tên hiển thị của Quý vị trên kênh này, ngôn ngữ và quận, huyện "
               "Quý vị đã chọn.")]
    if data.contest:
        lines.append(_("• Họ tên, số điện thoại và đơn vị đăng ký Cuộc thi. Kết quả bài thi và "
                       "quận, huyện được giữ lại ở dạng ẩn danh để tính số liệu chung."))
    if data.subscribed:
        lines.append(_("• Đăng ký nhận tin nhắc: Quý vị sẽ không nhận tin nhắc nữa."))
    lines.append(_("• Nhật ký {n} tin nhắn Quý vị đã gửi Chatbot.").format(
        n=format_number(data.messages)))
    if data.questions:
        lines.append(_("• {n} câu hỏi Quý vị đã gửi, lưu cho Ban tổ chức.").format(
            n=format_number(data.questions)))
    return lines


@features.feature("privacy", label=N_("Xóa dữ liệu cá nhân"), commands=("xoadulieu",),
                  private_only=True,
                  help=N_("xóa dữ liệu cá nhân của Quý vị"))
async def erase(ctx: Ctx) -> list[Reply]:
    """Explain what will be deleted and ask for confirmation."""
    data = await ctx.store.privacy.personal_data()
    await FLOW.enter(ctx.store, Step.CONFIRM)
    law = ctx.edition.privacy_law
    if law is not None:
        head = _("Theo {law}, Quý vị có quyền yêu cầu xóa dữ liệu cá nhân của mình. Nếu Quý vị "
                 "đồng ý, Chatbot sẽ xóa:").format(law=law.get(current_locale()))
    else:
        head = _("Quý vị có quyền yêu cầu xóa dữ liệu cá nhân của mình. Nếu Quý vị đồng ý, "
                 "Chatbot sẽ xóa:")
    text = "\n".join([
        head,
        *_items(data),
        "",
        _("Việc xóa không hoàn tác được. Sau khi xóa, nếu Quý vị nhắn tin tiếp, Chatbot coi "
          "Quý vị là người dùng mới."),
    ])
    if data.contest:
        text += "\n\n" + _(
            "Riêng với Cuộc thi, Chatbot vẫn giữ một mã ẩn danh của tài khoản (mã băm có khóa bí "
            "mật, không đọc ngược ra được mã tài khoản hay họ tên), chỉ để áp dụng thể lệ về số "
            "lượt thi: sau khi xóa, tài khoản này không được thi quá số lượt thể lệ cho phép, và "
            "không đăng ký lại được nếu kết quả đã bị hủy.")
    buttons = (Button(_confirm_label(), _confirm_label()), Button(_cancel_label(),
                                                                   _cancel_label()))
    return [Reply(text, buttons, title=_("Xóa dữ liệu cá nhân"))]


@features.flow(FLOW, prompt=erase)  # after /ngonngu: the same question, its buttons translated
async def confirm(ctx: Ctx) -> list[Reply]:
    """Delete the user's data if they confirmed; anything else leaves it untouched."""
    answer = fold(ctx.route.arg)
    if answer not in (fold(_confirm_label()), "xoa", "dong y", "co", "yes", "delete"):
        await ctx.store.clear_state()
        return [Reply(_(KEPT), (back_button(),))]
    gone = await ctx.store.privacy.erase()
    lines = [_("Đã xóa dữ liệu cá nhân của Quý vị:"),
             _("• Mã tài khoản, tên hiển thị, ngôn ngữ và quận, huyện đã chọn.")]
    if gone.contest:
        lines.append(_("• Họ tên, số điện thoại và đơn vị đăng ký Cuộc thi (kết quả được giữ "
                       "ẩn danh; mã ẩn danh của tài khoản được giữ chỉ để áp dụng thể lệ về số "
                       "lượt thi)."))
    if gone.subscribed:
        lines.append(_("• Đăng ký nhận tin nhắc."))
    lines.append(_("• Nhật ký {n} tin nhắn.").format(n=format_number(gone.messages)))
    if gone.questions:
        lines.append(_("• {n} câu hỏi lưu cho Ban tổ chức.").format(
            n=format_number(gone.questions)))
    lines += ["", _("Cảm ơn Quý vị đã sử dụng Chatbot. Nếu nhắn tin tiếp, Quý vị là người dùng "
                    "mới.")]
    return [Reply("\n".join(lines))]
