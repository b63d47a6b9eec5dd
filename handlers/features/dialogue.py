"""Talking with citizens beyond the features: small talk, a short clarifying question, an honest
"no information" that offers to pass the question to the organizers, and that passing on.

Questions the bot could not answer (and those it had to ask back about) are stored for the
organizers (handlers/question_types.py): `hoctap-bot questions` and the console's inbox list
them with their counts, so they can add FAQ entries and keywords, or answer them.
"""

from __future__ import annotations

from enum import StrEnum

from handlers.context import Ctx
from handlers.features.contest import answer_outside
from handlers.format import back_button, label, menu_buttons, quoted
from handlers.i18n import N_, _, current_locale, format_day_short
from handlers.numbers import parse_int
from handlers.question_types import MAX_QUESTION, QuestionKind
from handlers.registry import FeatureSet, Flow
from handlers.router import Route
from handlers.text import mask_contacts
from handlers.types import Button, Reply
from handlers.understanding import Understanding, read_days
from handlers.understanding.normalise import tokenize


class Step(StrEnum):
    TEXT = "text"


FLOW = Flow("ask", Step)
features = FeatureSet()
MAX_QUESTION_ID = 2**63 - 1  # the questions table's id is a BIGINT


@features.feature("smalltalk", label=N_("Chào hỏi, cảm ơn"))
async def smalltalk(ctx: Ctx) -> list[Reply]:
    """Answer a greeting, thanks, an "ok", a complaint or a goodbye in a line (the menu only to a
    greeting or a complaint)."""
    kind = ctx.route.arg
    if kind == "greeting":
        text = _("Kính chào Quý vị! Chatbot của {name} sẵn sàng hỗ trợ. Xin chọn một mục bên "
                 "dưới hoặc gõ câu hỏi.").format(name=ctx.edition.name.get(current_locale()))
        return [Reply(text, menu_buttons())]
    if kind == "thanks":
        return [Reply(_("Chatbot cảm ơn Quý vị. Khi cần thêm thông tin, xin Quý vị cứ nhắn "
                        "tin cho Chatbot."))]
    if kind == "sorry":  # "bot ngu thế", "trả lời sai rồi": an apology and a way on
        return [Reply(_("Chatbot xin lỗi Quý vị vì chưa trả lời đúng ý. Xin Quý vị gõ lại câu "
                        "hỏi ngắn gọn hơn (ví dụ: “lịch ngày mai”, “số điện thoại Ban tổ "
                        "chức”) hoặc chọn một mục bên dưới; Chatbot cũng có thể chuyển câu hỏi "
                        "cho Ban tổ chức."),
                      (Button(_("Gửi câu hỏi cho Ban tổ chức"), "/guicauhoi"),
                       *menu_buttons()))]
    if kind == "goodbye":
        return [Reply(_("Chúc Quý vị một ngày tốt lành. Khi cần thông tin về Tuần lễ, xin Quý "
                        "vị cứ nhắn tin cho Chatbot."))]
    return [Reply(_("Vâng. Quý vị cần thêm thông tin gì, xin cứ nhắn tin cho Chatbot."))]


def _label(ctx: Ctx, feature: str, arg: str) -> str:
    """What a choice is called on its button."""
    ed, loc = ctx.edition, current_locale()
    if feature == "faq":
        entry = next((e for e in ed.faq if e.id == arg), None)
        if entry is not None:
            return label(entry.question.get(loc))
    if feature == "event":
        event = next((e for e in ed.events if e.id == arg), None)
        if event is not None:
            return label(event.title.get(loc))
    if feature == "courses" and arg:
        category = next((c for c in ed.categories if c.id == arg), None)
        if category is not None:
            return label(category.title.get(loc))
    if feature == "day":
        days = read_days(arg, ed, ctx.today).days
        if days:
            return _("Lịch {day}").format(day=", ".join(format_day_short(d) for d in days))
    return ctx.features.label(feature)


def _choice(ctx: Ctx, route: tuple[str, str]) -> Button | None:
    command = ctx.features.command_for(*route)
    return Button(_label(ctx, *route), command) if command else None


@features.feature("clarify", label=N_("Chatbot hỏi lại cho rõ"))
async def clarify(ctx: Ctx) -> list[Reply]:
    """Ask which of two close answers the citizen meant, each one a button."""
    understood = ctx.route.understood
    choices = [b for route in (understood.candidates if understood else ())
               if (b := _choice(ctx, route)) is not None]
    if not choices:
        return await unknown(ctx)
    if understood is not None:
        await _keep(ctx, understood, QuestionKind.CLARIFIED)
    return [Reply(_("Quý vị muốn hỏi về:"), (*choices, back_button()))]


async def _keep(ctx: Ctx, understood: Understanding, kind: QuestionKind) -> int | None:
    """Store a question the bot could not answer, for the organizers: without the phone
    numbers and e-mail addresses in it, which the citizen did not choose to send. None when
    the citizen's questions of the day are kept already."""
    text, normalised = understood.typed, understood.normalised
    masked = mask_contacts(text)
    if masked != text:
        text, normalised = masked, " ".join(t.fold for t in tokenize(masked))
    return await ctx.store.questions.record(text[:MAX_QUESTION], normalised[:MAX_QUESTION],
                                            kind)


def can_answer() -> str:
    """What the bot can answer, in a line."""
    return _("Chatbot có thể trả lời về: lịch sự kiện, các hoạt động, khóa học trực tuyến, thư "
             "viện và đọc sách, Cuộc thi Công dân học tập, liên hệ và các câu hỏi thường gặp.")


@features.feature("unknown", label=N_("Câu chưa hiểu"))
async def unknown(ctx: Ctx) -> list[Reply]:
    """Say honestly that the bot has no information, what it can answer, the nearest answers,
    and offer to pass the question to the organizers (it is stored for them either way)."""
    understood = ctx.route.understood
    if understood is not None:
        # "C" after leaving an open contest question is an answer, not a question to pass on.
        outside = await answer_outside(ctx, understood.typed)
        if outside is not None:
            return [outside]
    buttons: list[Button] = []
    lines = []
    if understood is not None and understood.words:
        typed = understood.typed
        number = await _keep(ctx, understood, QuestionKind.UNANSWERED)
        lines.append(_("Xin lỗi, Chatbot chưa có thông tin về “{text}”.").format(
            text=quoted(typed)))
        lines.append(can_answer())
        if number is not None:
            lines.append(_("Quý vị có muốn gửi câu hỏi này cho Ban tổ chức không? Ban tổ chức "
                           "sẽ xem và bổ sung câu trả lời."))
            buttons.append(Button(_("Gửi câu hỏi cho Ban tổ chức"), f"/guicauhoi {number}"))
        for route in understood.candidates:
            if (b := _choice(ctx, route)) is not None:
                buttons.append(b)
    else:
        lines.append(_("Xin lỗi, Chatbot chưa hiểu câu hỏi của Quý vị."))
        lines.append(can_answer())
    buttons += [Button(_("Hỏi đáp"), "/hoidap"), back_button()]
    return [Reply("\n".join(lines), tuple(buttons))]


@features.feature("ask", label=N_("Gửi câu hỏi cho Ban tổ chức"), commands=("guicauhoi",),
                  help=N_("gửi câu hỏi cho Ban tổ chức"))
async def ask(ctx: Ctx) -> list[Reply]:
    """/guicauhoi N: send stored question N to the organizers; /guicauhoi TEXT: send TEXT;
    /guicauhoi alone (or "gửi câu hỏi cho ban tổ chức"): ask for the question."""
    arg = ctx.route.arg.strip()
    number = parse_int(arg, high=MAX_QUESTION_ID)
    if number is not None:
        if await ctx.store.questions.send_to_organizers(number):
            return [_sent()]
        return [Reply(_("Chatbot không tìm thấy câu hỏi đó. Xin Quý vị gõ lại câu hỏi, Chatbot "
                        "sẽ chuyển cho Ban tổ chức."), (back_button(),))]
    if arg and ctx.route.understood is None and any(c.isalnum() for c in arg):
        return await _send_text(ctx, arg)  # typed after the command
    await FLOW.enter(ctx.store, Step.TEXT)
    return await _ask_for_question(ctx)


async def _ask_for_question(ctx: Ctx) -> list[Reply]:
    return [Reply(_("Xin Quý vị gõ câu hỏi muốn gửi Ban tổ chức; Chatbot sẽ chuyển giúp."),
                  (back_button(),))]


@features.flow(FLOW, prompt=_ask_for_question)
async def ask_flow(ctx: Ctx) -> list[Reply] | None:
    """The question to pass on, typed after /guicauhoi."""
    text = ctx.route.arg.strip()
    if text and not any(c.isalnum() for c in text):
        # "?", "...", only emoji: nothing for the organizers to read; the step stays.
        return [Reply(_("Chatbot chưa nhận được câu hỏi nào trong tin nhắn này. Xin Quý vị gõ "
                        "câu hỏi bằng chữ, hoặc gõ “thôi” để không gửi nữa."), (back_button(),))]
    await ctx.store.clear_state()
    if not text:
        return None
    return await _send_text(ctx, text)


async def _send_text(ctx: Ctx, text: str) -> list[Reply]:
    normalised = " ".join(t.fold for t in tokenize(text))
    if await ctx.store.questions.record(text[:MAX_QUESTION], normalised,
                                        QuestionKind.SENT) is None:
        return [_too_many()]
    return [_sent()]


def _too_many() -> Reply:
    return Reply(_("Hôm nay Quý vị đã gửi nhiều câu hỏi; Ban tổ chức sẽ xem lần lượt các câu "
                   "đã nhận. Xin Quý vị gửi thêm vào ngày mai; nếu cần gấp, xin gọi các số ở "
                   "mục Liên hệ."),
                 (Button(_("Liên hệ"), "/lienhe"), back_button()))


def _sent() -> Reply:
    return Reply(_("Chatbot đã chuyển câu hỏi của Quý vị cho Ban tổ chức. Ban tổ chức sẽ xem và "
                   "có thể trả lời Quý vị qua Chatbot; nếu cần gấp, xin Quý vị gọi các số ở mục "
                   "Liên hệ."),
                 (Button(_("Liên hệ"), "/lienhe"), back_button()))


def english_offer(route: Route) -> Reply | None:
    """To a citizen writing English to the Vietnamese bot: the answer stays Vietnamese, with an
    offer to switch."""
    understood = route.understood
    if (understood is None or not understood.english or current_locale() != "vi"
            or route.feature in ("language", "smalltalk")):
        return None
    return Reply(_("Quý vị muốn dùng tiếng Anh? Xin bấm “English” để đổi ngôn ngữ. "
                   "(Would you like English? Press “English”.)"),
                 (Button("English", "/ngonngu en"),))
