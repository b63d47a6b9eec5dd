"""What the Công dân học tập contest is: dates, who may enter, rules (from content)."""

from __future__ import annotations

from content import ContestInfo
from handlers.context import Ctx
from handlers.features.contest import answer_outside
from handlers.format import back_button
from handlers.i18n import N_, _, current_locale, format_date_numeric, format_time
from handlers.paging import paged
from handlers.registry import FeatureSet
from handlers.types import Button, Reply

features = FeatureSet()

def form_text(c: ContestInfo) -> str:
    """How an attempt goes, from the settings of contest.toml (never copied into the rules)."""
    text = _("Mỗi lượt thi có {n} câu hỏi, mỗi câu {s} giây; mỗi người được thi {a} lượt.").format(
        n=c.questions_per_attempt, s=c.seconds_per_question, a=c.attempts)
    if c.reveal == "end":
        return text + " " + _("Đáp án và kết quả được cho biết khi làm xong cả lượt thi.")
    return text + " " + _("Đáp án được cho biết sau mỗi câu.")



@features.feature("contest", label=N_("Thông tin cuộc thi"), commands=("cuocthi",),
                  help=N_("Cuộc thi Công dân học tập"), payloads=("cuocthi",), paged=True)
async def contest(ctx: Ctx) -> list[Reply]:
    """Show the contest's dates, status, how to take part, prizes if any, and the rules."""
    understood = ctx.route.understood
    if understood is not None:
        # "đáp án c", "chọn đáp án b" after leaving an open question is an answer typed (the
        # contest's words in it lead here since round 22 b), as in `unknown`
        outside = await answer_outside(ctx, understood.typed)
        if outside is not None:
            return [outside]
    c, loc, tz = ctx.edition.contest, current_locale(), ctx.edition.tz
    when = _("Thời gian: từ {open_time} ngày {open_day} đến {close_time} ngày {close_day}.")
    when = when.format(
        open_time=format_time(c.opens, tz), open_day=format_date_numeric(c.opens),
        close_time=format_time(c.closes, tz), close_day=format_date_numeric(c.closes),
    )
    if ctx.now < c.opens:
        status = _("Cuộc thi chưa mở.")
    elif ctx.now < c.closes:
        status = _("Cuộc thi đang mở.")
    else:
        status = _("Cuộc thi đã kết thúc.")
    closed = ctx.now >= c.closes
    blocks = [
        when + " " + status,
        # Once closed, the results, not how to take part.
        _("Kết quả: gõ /xephang để xem bảng xếp hạng; ai đã thi xem lại bài của mình bằng "
          "/xemlai.") if closed else form_text(c),
        _("Đối tượng: {who}").format(who=c.who.get(loc)),
        *([] if closed else [_("Cách tham gia: {how}").format(how=c.how_to_join.get(loc))]),
    ]
    # Prizes only when the organizers wrote them down: the letter promises none.
    if c.prizes:
        blocks.append(_("Giải thưởng:") + "\n" + "\n".join(f"• {p.get(loc)}" for p in c.prizes))
    blocks.append(_("Thể lệ:") + "\n" + "\n".join(f"• {r.get(loc)}" for r in c.rules))
    buttons = (*([] if closed else [Button(_("Tham gia thi"), "/thi")]),
               Button(_("Bảng xếp hạng"), "/xephang"), back_button())
    return [paged(blocks, ctx.page, "cuocthi", title=c.name.get(loc), buttons=buttons)]
