"""A citizen who changed their mind is never stuck in a flow: words that say stop, typed the way
people type them, leave any flow (registration, a question for the organizers, erasing data, an
open contest question) and keep nothing of it; everything else typed in a flow stays the flow's.

Through the dispatcher on a real SQLite file, as test_contest does.
"""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from bot.app import App
from bot.db.models import (
    CitizenQuestion,
    ContestParticipant,
    ConversationState,
    MessageLog,
    User,
)
from handlers.text import yes_or_no
from tests.conftest import Chat

MENU = "Quý vị muốn xem gì?"
STOPPED = "Đã dừng: Đăng ký dự thi."

# How people say "stop" in the middle of something: with and without diacritics, teencode,
# polite particles, a reason. Each must end the registration at any of its steps.
STOP_WORDS = [
    "thôi", "thoi", "Thôi ạ", "thôi nhé", "hủy", "huỷ", "huy", "HỦY", "dừng", "dừng lại",
    "dung lai", "thoát", "bỏ", "stop", "cancel", "/huy",
    "thôi không đăng ký nữa", "thoi khong dang ky nua", "ko dang ky nua", "k thi nữa đâu",
    "không muốn thi nữa", "thôi khỏi", "thôi không cần nữa", "để sau", "lúc khác nhé",
    "hủy bỏ", "dừng đăng ký", "thôi bỏ qua",
]
STEPS = {  # what to type to reach each step of the registration, after /thi
    "name": [],
    "district": ["Nguyễn Thị Hoa"],
    "unit": ["Nguyễn Thị Hoa", "Khác"],
    "phone": ["Nguyễn Thị Hoa", "Lê Chân"],
    "consent": ["Nguyễn Thị Hoa", "Lê Chân", "0912345678"],
}


async def _state(app: App, chat: Chat) -> str | None:
    async with app.sessions() as s:
        return (await s.execute(
            select(ConversationState.flow).join(User, User.id == ConversationState.user_id)
            .where(User.external_id == chat.user_id))).scalar_one_or_none()


async def _participants(app: App) -> int:
    async with app.sessions() as s:
        return int((await s.execute(select(func.count(ContestParticipant.id)))).scalar_one())


@pytest.mark.parametrize("step", list(STEPS))
async def test_every_way_of_saying_stop_ends_the_registration_at_every_step(
        app: App, step: str) -> None:
    for i, word in enumerate(STOP_WORDS):
        chat = Chat(app, f"stop-{step}-{i}")
        assert "Bước 1/4" in await chat.text("/thi")
        for typed in STEPS[step]:
            await chat.text(typed)
        assert await _state(app, chat) == "contest_register", (step, word)
        answer = await chat.text(word)
        assert STOPPED in answer, (step, word, answer)
        assert "không lưu thông tin" in answer and "[" not in answer.split("\n")[0]
        assert await _state(app, chat) is None, (step, word)
        # The next message is an ordinary one again, not a step of the registration.
        assert "02/10/2020" in await chat.text("lịch mai"), (step, word)
    assert await _participants(app) == 0


@pytest.mark.parametrize("typed", ["menu", "về menu", "menu chính"])
async def test_asking_for_the_menu_leaves_the_registration(app: App, typed: str) -> None:
    chat = Chat(app, "menu-" + typed)
    await chat.text("/thi")
    await chat.text("Nguyễn Thị Hoa")
    assert MENU in await chat.text(typed)
    assert await _state(app, chat) is None


async def test_names_and_units_that_contain_stop_words_are_kept(app: App) -> None:
    """A name is a name: "Huy", "Thôi" or "Dừng" inside one never stops anything."""
    chat = Chat(app, "huy")
    await chat.text("/thi")
    assert "Bước 2/4" in await chat.text("Trần Quang Huy")
    assert "Xin gõ tên đơn vị" in await chat.text("Khác")
    assert "Bước 3/4" in await chat.text("Trường THCS Hủy Bỏ Không Có")  # any unit is a unit
    await chat.text("Bỏ qua")
    assert "Đăng ký thành công" in await chat.text("Đồng ý")
    async with app.sessions() as s:
        [(name, unit)] = (await s.execute(
            select(ContestParticipant.full_name, ContestParticipant.unit))).all()
    assert name == "Trần Quang Huy" and unit == "Trường THCS Hủy Bỏ Không Có"


async def test_a_re_asked_step_says_how_to_stop(app: App) -> None:
    chat = Chat(app, "stuck")
    await chat.text("/thi")
    replies = await chat.send("a")  # not a name
    assert "Họ tên chưa hợp lệ" in replies[0].text and "gõ “thôi”" in replies[0].text
    assert [b.command for b in replies[0].buttons] == ["/huy"]
    assert STOPPED in await chat.text(replies[0].buttons[0].command)
    await chat.text("/thi")
    await chat.text("Nguyễn Thị Hoa")
    assert "gõ “thôi”" in await chat.text("lịch mai")  # not a district: asked again


async def test_stopping_a_question_for_the_organizers_sends_nothing(app: App) -> None:
    chat = Chat(app, "asker")
    await chat.text("/guicauhoi")
    assert "Đã dừng: Gửi câu hỏi cho Ban tổ chức." in await chat.text("thôi không hỏi nữa")
    # A question that contains the words is a question, not a stop.
    await chat.text("/guicauhoi")
    assert "đã chuyển câu hỏi" in await chat.text("hủy đăng ký dự thi thì làm thế nào")
    async with app.sessions() as s:
        texts = (await s.execute(select(CitizenQuestion.text))).scalars().all()
    assert texts == ["hủy đăng ký dự thi thì làm thế nào"]


async def test_stopping_the_erasure_keeps_the_data(app: App) -> None:
    chat = Chat(app, "eraser")
    await chat.text("lịch hôm nay")
    await chat.text("/xoadulieu")
    assert "dữ liệu của Quý vị không bị xóa" in await chat.text("dừng lại")
    assert await _state(app, chat) is None
    async with app.sessions() as s:
        logged = (await s.execute(select(func.count(MessageLog.id)).join(
            User, User.id == MessageLog.user_id).where(User.external_id == "eraser"))).scalar_one()
    assert logged >= 3  # the user and their messages are all still there


async def test_stop_during_an_open_contest_question_leaves_it_for_later(app: App) -> None:
    chat = Chat(app, "player")
    await chat.text("/thi")
    for typed in STEPS["consent"]:
        await chat.text(typed)
    assert "Câu 1" in await chat.text("Đồng ý")
    assert await _state(app, chat) == "contest_answer"
    answer = await chat.text("thoi")
    assert "tạm rời bài thi" in answer and "/thi" in answer
    assert await _state(app, chat) is None
    assert "Câu 1" in await chat.text("/thi")  # the attempt goes on where it was


@pytest.mark.parametrize("typed", ["hủy", "thôi", "/huy"])
async def test_stop_with_nothing_under_way_says_so_and_how_to_stop_reminders(
        app: App, typed: str) -> None:
    replies = await Chat(app, "idle-" + typed).send(typed)
    text = "\n".join(r.full_text() for r in replies)
    assert "không có việc gì đang làm dở" in text and "/huydangky" in text
    assert "/huydangky" in [b.command for r in replies for b in r.buttons]


@pytest.mark.parametrize(("typed", "said"), [
    ("Đồng ý", True), ("đồng ý ạ", True), ("dong y nhe", True), ("ok", True), ("Ok ạ", True),
    ("uk", True), ("vâng", True), ("dạ vâng", True), ("có", True), ("được", True),
    ("ừ đồng ý", True), ("tôi đồng ý", True), ("yes", True), ("Agree", True),
    ("Không đồng ý", False), ("không", False), ("ko ạ", False), ("k", False), ("no", False),
    ("từ chối", False), ("chưa đồng ý", False), ("ko đồng ý đâu", False),
    ("lịch mai", None), ("0912345678", None), ("", None), ("đồng hồ", None), ("có gì", None),
])
def test_yes_or_no_as_people_type_it(typed: str, said: bool | None) -> None:
    assert yes_or_no(typed) is said


@pytest.mark.parametrize(("typed", "registered"), [
    ("đồng ý ạ", True), ("ok", True), ("vâng", True), ("ko đồng ý", False), ("không ạ", False),
])
async def test_consent_as_people_type_it(app: App, typed: str, registered: bool) -> None:
    chat = Chat(app, "consent-" + typed)
    await chat.text("/thi")
    for step in STEPS["consent"]:
        await chat.text(step)
    answer = await chat.text(typed)
    assert ("Đăng ký thành công" in answer) is registered, answer
    assert ("không lưu thông tin nào" in answer) is not registered, answer
    assert await _participants(app) == int(registered)


@pytest.mark.parametrize("typed", ["Bỏ qua", "bo qua", "không", "ko có", "k co sdt", "không có ạ"])
async def test_no_phone_as_people_say_it_skips_the_step(app: App, typed: str) -> None:
    chat = Chat(app, "phone-" + typed)
    await chat.text("/thi")
    for step in STEPS["phone"]:
        await chat.text(step)
    assert "Bước 4/4" in await chat.text(typed)
