"""One message that asks several things gets an answer to each, in the order asked: what a
citizen types once instead of three times ("Lịch hôm nay có gì? Cuộc thi khi nào kết thúc? Số
điện thoại liên hệ?"). Only answers that show something are added; a part that would act
("đăng ký thi", "hủy nhận tin") is never done on the side.

Through the dispatcher on a real SQLite file, as test_features does.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from bot.app import App
from bot.db.models import ConversationState, Subscription, User
from content import Edition
from handlers.core import Conversation
from handlers.text import clean
from handlers.types import Reply
from handlers.understanding.evaluate import answer_key, load_corpus
from tests.conftest import Chat, local

TODAY = "Hôm nay"
CONTEST = "Cuộc thi Công dân học tập"
CONTACTS = "Liên hệ"
FEE = "Tham gia có mất phí không?"
WHO = "Ai có thể tham gia Tuần lễ?"
COURSES = "Khóa học trực tuyến"


def _titles(replies: list[Reply]) -> list[str]:
    return [r.title or "" for r in replies]


@pytest.mark.parametrize(("typed", "answers"), [
    ("Cho tôi hỏi lịch hôm nay có gì? Và cuộc thi khi nào kết thúc? Số điện thoại liên hệ là "
     "gì?", [TODAY, CONTEST, CONTACTS]),
    ("cho hoi lich hom nay co gi? cuoc thi khi nao ket thuc? so dien thoai lien he la gi?",
     [TODAY, CONTEST, CONTACTS]),
    ("Có mất phí không? Ai được tham gia?", [FEE, WHO]),
    ("Cuộc thi kết thúc khi nào?\nSố điện thoại liên hệ", [CONTEST, CONTACTS]),
    ("Ai được tham gia. Có khóa học trực tuyến nào không", [WHO, COURSES]),
    ("số điện thoại liên hệ; lịch hôm nay", [CONTACTS, TODAY]),
    ("Hôm nay? Liên hệ?", [TODAY, CONTACTS]), ("today? contacts?", [TODAY, CONTACTS]),
    # "và" between two questions that each stand on their own
    ("lịch hôm nay và số điện thoại liên hệ", [TODAY, CONTACTS]),
    ("lich hom nay va so dien thoai lien he", [TODAY, CONTACTS]),
    ("Cuộc thi khi nào kết thúc và số điện thoại liên hệ là gì", [CONTEST, CONTACTS]),
])
async def test_each_question_of_a_message_is_answered_in_order(
        app: App, typed: str, answers: list[str]) -> None:
    replies = await Chat(app, "several").send(typed)
    titles = _titles(replies)
    found = [next((i for i, t in enumerate(titles) if t.startswith(a)), -1) for a in answers]
    assert -1 not in found and found == sorted(found), (typed, titles)


@pytest.mark.parametrize("typed", [
    "lịch hôm nay? lịch ngày mai?",  # one schedule answer holds both days
    "lịch hôm nay thế nào? có sự kiện gì",  # the week and today overlap: today only
    "Cuộc thi có giải thưởng không? Thi mấy câu? Mỗi câu bao nhiêu giây?",  # one answer
    "Xin chào. Cho mình hỏi lịch ngày mai",  # a greeting is not a question
    # Nor one that names the organizers ("ban tổ chức" alone reads as the contacts).
    "Dạ em chào ban tổ chức ạ. Em muốn hỏi là cuộc thi có mất phí không ạ. Em cảm ơn ạ",
    "lịch hôm nay",
    # "và" inside one question: its parts do not stand alone
    "cuộc thi có bao nhiêu câu và làm trong bao lâu", "thứ 7 và chủ nhật có gì",
    "sách và thư viện", "lễ khai mạc và bế mạc tổ chức ở đâu",
])
async def test_the_same_answer_is_never_given_twice(app: App, typed: str) -> None:
    replies = await Chat(app, "once").send(typed)
    assert len(replies) == 1, (typed, _titles(replies))


async def test_at_most_three_answers(app: App) -> None:
    typed = ("Lịch hôm nay? Cuộc thi khi nào kết thúc? Số điện thoại liên hệ? Có mất phí "
             "không? Có khóa học trực tuyến nào không?")
    replies = await Chat(app, "many").send(typed)
    assert len(replies) == 3, _titles(replies)


async def _subscribed(app: App, user_id: str) -> bool:
    async with app.sessions() as s:
        return (await s.execute(select(Subscription).join(User).where(
            User.external_id == user_id))).first() is not None


async def _flow(app: App, user_id: str) -> str | None:
    async with app.sessions() as s:
        return (await s.execute(select(ConversationState.flow).join(User).where(
            User.external_id == user_id))).scalar_one_or_none()


OFFER = "Quý vị muốn làm việc nào sau đây? Xin bấm nút:"


async def _done_or_offered(app: App, chat: Chat, typed: str, acts: dict[str, bool]
                           ) -> list[Reply]:
    """Send `typed`; each act it asks (its command: was it done?) must be done or offered as
    a button, not both, and nothing else offered."""
    replies = await chat.send(typed)
    offered = {b.command for r in replies if r.text == OFFER for b in r.buttons}
    assert offered <= set(acts), (typed, offered)
    done = {"/thi": await _flow(app, chat.user_id) == "contest_register",
            "/huydangky": not await _subscribed(app, chat.user_id)}
    for command, before in acts.items():
        assert (command in offered) != (done[command] and not before), (typed, command)
    return replies


async def test_what_two_sentences_ask_to_do_is_never_mixed(app: App) -> None:
    """Read as one, the words of two sentences mixed ("đăng ký" + "nhận tin": subscribe): a
    citizen who asked to stop the reminders was subscribed. Each sentence is its own request:
    done (only the one the whole message asks too) or offered as a button."""
    for i, typed in enumerate([
            "Có mất phí không? Tôi muốn đăng ký thi. Hủy đăng ký nhận tin.",
            "Tôi muốn đăng ký thi. Hủy đăng ký nhận tin."]):
        never = Chat(app, f"never-{i}")  # not subscribed: must not become so
        await never.send(typed)
        assert not await _subscribed(app, never.user_id), typed
        chat = Chat(app, f"mixed-{i}")
        await chat.send("/dangky")
        replies = await _done_or_offered(app, chat, typed, {"/thi": False, "/huydangky": False})
        if i == 0:
            assert _titles(replies)[0] == FEE


async def test_what_the_whole_message_asks_to_do_is_done_after_the_answers(app: App) -> None:
    chat = Chat(app, "doer")
    await chat.send("/dangky")
    replies = await chat.send("Lịch hôm nay? Hủy đăng ký nhận tin")
    assert _titles(replies)[0].startswith(TODAY) and "Đã hủy đăng ký" in replies[-1].text
    assert not await _subscribed(app, "doer")
    # The answer first; the contest's registration begun last, or offered.
    replies = await _done_or_offered(app, chat, "Ai được tham gia? Tôi muốn thi",
                                     {"/thi": False})
    assert _titles(replies)[0] == WHO
    assert "Bước 1/4" in replies[-1].text or replies[-1].text == OFFER


@pytest.mark.parametrize("typed", [
    "Lịch hôm nay? /baocao", "Lịch hôm nay. Thôi", "Lịch hôm nay. Menu", "Lịch hôm nay? /start",
])
async def test_only_what_a_citizen_may_do_is_offered(app: App, typed: str) -> None:
    """An organizers' command, "thôi" or the menu in a second sentence is not offered as a
    button to do on the side."""
    replies = await Chat(app, "offers").send(typed)
    assert all("Quý vị muốn làm việc nào" not in r.text for r in replies), typed
    assert _titles(replies)[0].startswith(TODAY)


# Lines of the corpus still read wrongly as several questions (by their first words), with the
# answer they get and why; each must still be wrong (mended: take it out of here).
LEFT_WRONG: dict[str, str] = {
    # ("Tôi nghỉ hưu được hai năm, ở nhà buồn quá, …": round 35's first fresh set, its last
    # sentence alone got the fees while 'vẽ tranh' made the whole no information; read as one
    # question since round 36, BENCHMARKS §8.142)
    "lop ky nang so cho phu huynh va nguoi lao dong hoc o dau vay": (
        "round 36's first fresh set (a dev line): 'phụ huynh và người lao động' read as a "
        "second question, who may take part, beside the digital-skills class asked"),
}


def test_no_phrasing_of_one_question_in_the_corpus_is_answered_twice(edition: Edition) -> None:
    """The tuned corpus's phrasings are read as several questions only where they ask several
    things: then each answer given is one the line accepts (its expected answers list them:
    "clarify / day:2020-10-03 / contacts"), and nothing is offered to do on the side."""
    conversation = Conversation(edition, lambda: local("2020-10-01T07:30"))
    now = local("2020-10-01T07:30")
    today = now.date()
    corpus = Path(__file__).parents[1] / "understanding" / "corpus.txt"
    wrong, several = [], 0
    for case in load_corpus(corpus):
        text = clean(case.text)
        if text.startswith("/"):
            continue
        route = conversation.router.route(text, today)
        plan = conversation._plan(text, route, now)
        if plan is None:
            continue
        several += 1
        expected = {f"day:{today.isoformat()}" if e == "today" else e for e in case.expected}
        got = [answer_key(a.understood, today) if a.understood else a.feature
               for a in plan.answers]
        if plan.offers or len(got) < 2 or not set(got) <= expected:
            wrong.append((text, got, [o.feature for o in plan.offers]))
    left = [w for w in wrong if any(w[0].startswith(start) for start in LEFT_WRONG)]
    assert len(left) == len(LEFT_WRONG), "a line of LEFT_WRONG is answered rightly now"
    assert [w for w in wrong if w not in left] == []
    assert several <= 12  # a few lines of the corpus ask two things; most ask one
