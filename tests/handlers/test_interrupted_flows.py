"""A citizen in the middle of something (the contest registration, a question for the organizers,
erasing their data) who sends a command or a photo instead of the next step: the flow ends, and
the first thing they read says so, then the command's own answer. Without that note they go on
typing the next step (their phone number, their unit) into whatever comes next.

And at the registration's name step, a question the bot can answer ("lịch hôm nay") is not taken
as the citizen's name.

Through the dispatcher on a real SQLite file, as test_contest and test_leaving_flows do.
"""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from bot.app import App
from bot.db.models import CitizenQuestion, ContestParticipant, ConversationState, User
from handlers.features.contest import valid_name, valid_phone
from handlers.types import Incoming, Reply
from tests.conftest import Chat

STOPPED = "Đã dừng: Đăng ký dự thi."
STEPS = {  # what to type to reach each step of the registration, after /thi
    "name": [],
    "district": ["Nguyễn Thị Hoa"],
    "unit": ["Nguyễn Thị Hoa", "Khác"],
    "phone": ["Nguyễn Thị Hoa", "Lê Chân"],
    "consent": ["Nguyễn Thị Hoa", "Lê Chân", "0912345678"],
}
# Commands a citizen sends in the middle, from the menu, /trogiup or a button of an old message.
COMMANDS = ["/lich", "/lich 03/10", "/homnay", "/lienhe", "/trogiup", "/cuocthi", "/xephang",
            "/khoahoc", "/hoidap", "/chude", "/xemthem lich 2"]


async def _state(app: App, user_id: str) -> str | None:
    async with app.sessions() as s:
        return (await s.execute(
            select(ConversationState.flow).join(User, User.id == ConversationState.user_id)
            .where(User.external_id == user_id))).scalar_one_or_none()


async def _participants(app: App) -> int:
    async with app.sessions() as s:
        return int((await s.execute(select(func.count(ContestParticipant.id)))).scalar_one())


def _texts(replies: list[Reply]) -> list[str]:
    return [r.full_text() for r in replies]


@pytest.mark.parametrize("step", list(STEPS))
async def test_a_command_in_the_registration_says_it_ended_then_answers(
        app: App, step: str) -> None:
    for i, command in enumerate(COMMANDS):
        chat = Chat(app, f"cmd-{step}-{i}")
        await chat.text("/thi")
        for typed in STEPS[step]:
            await chat.text(typed)
        assert await _state(app, chat.user_id) == "contest_register"
        replies = await chat.send(command)
        assert STOPPED in replies[0].text and "không lưu thông tin" in replies[0].text, (
            step, command)
        assert await _state(app, chat.user_id) is None
        # Then the command's answer, exactly as someone who was in no flow reads it.
        alone = await Chat(app, f"alone-{step}-{i}").send(command)
        assert _texts(replies[1:]) == _texts(alone), (step, command)
    assert await _participants(app) == 0


async def test_a_photo_in_the_registration_says_it_ended(app: App) -> None:
    chat = Chat(app, "photo")
    await chat.text("/thi")
    await chat.text("Nguyễn Thị Hoa")
    replies = await app.dispatcher.handle(Incoming("console", "photo", "", is_media=True))
    assert replies is not None
    assert STOPPED in replies[0].text
    assert "chỉ đọc được tin nhắn chữ" in replies[1].text
    assert await _state(app, "photo") is None


ASKED_IN_ENGLISH = {  # the step asked again after /ngonngu en
    "name": "Step 1/4.", "district": "Step 2/4.", "unit": "Please type the name of your unit",
    "phone": "Step 3/4.", "consent": "Step 4/4.",
}


@pytest.mark.parametrize("step", list(STEPS))
async def test_changing_language_in_the_registration_keeps_the_place(
        app: App, step: str) -> None:
    chat = Chat(app, "lang-" + step)
    await chat.text("/thi")
    for typed in STEPS[step]:
        await chat.text(typed)
    replies = await chat.send("/ngonngu en")
    assert replies[0].text == "Switched to English."
    assert ASKED_IN_ENGLISH[step] in replies[1].full_text(), replies[1].full_text()
    assert await _state(app, chat.user_id) == "contest_register"
    # The language chosen from the list, back to Vietnamese: still the same step.
    chooser = await chat.send("/ngonngu")
    assert [b.command for b in chooser[0].buttons] == ["/ngonngu vi", "/ngonngu en"]
    back = await chat.send("/ngonngu vi", is_button=True)
    assert back[0].text == "Đã chuyển sang tiếng Việt." and len(back) == 2
    # What was typed before is kept: the registration ends with it.
    rest = {"name": ["Nguyễn Thị Hoa", "Lê Chân", "0912345678"],
            "district": ["Lê Chân", "0912345678"], "unit": ["Trường THCS Lê Lợi", "0912345678"],
            "phone": ["0912345678"], "consent": []}[step]
    for typed in rest:
        await chat.text(typed)
    assert "Đăng ký thành công" in await chat.text("Đồng ý"), step
    async with app.sessions() as s:
        name = (await s.execute(select(ContestParticipant.full_name))).scalar_one()
    assert name == "Nguyễn Thị Hoa"


@pytest.mark.parametrize("step", list(STEPS))
async def test_thi_in_the_registration_begins_it_again_without_a_stop_note(
        app: App, step: str) -> None:
    chat = Chat(app, "again-" + step)
    await chat.text("/thi")
    for typed in STEPS[step]:
        await chat.text(typed)
    answer = await chat.text("/thi")
    assert "Bước 1/4" in answer and "Đã dừng" not in answer
    assert await _state(app, chat.user_id) == "contest_register"


async def test_the_district_list_is_left_without_a_word(app: App) -> None:
    """/quan's list is a choice offered in passing, not a task: its own buttons choose, and
    another command simply answers."""
    chat = Chat(app, "district")
    replies = await chat.send("/quan")
    press = next(b.command for b in replies[0].buttons if b.label == "Lê Chân")
    chosen = await chat.text(press)
    assert "Đã chọn quận Lê Chân" in chosen and "Đã dừng" not in chosen
    await chat.text("/quan")
    assert "Đã dừng" not in await chat.text("/lich")
    assert await _state(app, chat.user_id) is None


async def test_a_command_while_erasing_says_the_data_is_kept(app: App) -> None:
    chat = Chat(app, "eraser")
    await chat.text("lịch hôm nay")
    await chat.text("/xoadulieu")
    replies = await chat.send("/homnay")
    assert replies[0].text == "Đã hủy: dữ liệu của Quý vị không bị xóa."
    assert "Hôm nay" in (replies[1].title or "")
    # Confirming afterwards deletes nothing: the flow is over.
    assert "Đã xóa" not in await chat.text("Xóa dữ liệu của tôi")
    async with app.sessions() as s:
        assert (await s.execute(select(User.id).where(User.external_id == "eraser"))).first()


async def test_a_command_after_guicauhoi_says_nothing_will_be_sent(app: App) -> None:
    chat = Chat(app, "asker")
    await chat.text("/guicauhoi")
    first = (await chat.send("/lienhe"))[0].text
    assert first.startswith("Đã dừng: Gửi câu hỏi cho Ban tổ chức.")
    async with app.sessions() as s:
        assert (await s.execute(select(CitizenQuestion.id))).first() is None


async def test_an_organizer_draft_left_by_a_command_says_so(app: App) -> None:
    organizer = Chat(app, "console")
    await organizer.send("/thongbao")
    await organizer.send("Họp lúc 8 giờ tại Nhà văn hóa.")
    replies = await organizer.send("/dsthongbao")
    assert replies[0].text.startswith("Đã dừng: ")
    assert await _state(app, "console") is None


# ---- the name step ---------------------------------------------------------------------------

# What people type at "Xin gõ họ và tên" when they meant to ask something else first. (Known
# miss: a question the understanding explains only in part and asks nothing, "hạn nộp báo
# cáo", is still taken as a name; the consent step shows it before anything is kept.)
QUESTIONS = [
    "lịch hôm nay", "lich hom nay", "cuộc thi là gì", "thể lệ cuộc thi", "có giải thưởng không",
    "số điện thoại liên hệ", "khóa học trực tuyến", "ai được tham gia", "mấy giờ bắt đầu",
    "thi như thế nào", "làm sao để thi", "xin chào", "cảm ơn", "hôm nay có gì", "lịch ngày mai",
    "thư viện mở cửa giờ nào", "khi nào khai mạc", "lễ khai mạc ở đâu",
    # a question put another way, or a reply to a question the bot did not ask
    "cho hỏi cách đăng ký", "cho em hỏi chút", "xin hỏi phải làm gì", "làm sao để đăng ký",
    "thế nào ạ", "Tên là gì?", "đồng ý", "Đồng ý ạ", "dong y", "ok nhé", "không", "có ạ",
    "vâng", "chấp nhận",
]
# Names that share words with the week's topics, or start like a question word ("Ái" folds to
# "ai", who?): each is a name.
NAMES = [
    "Nguyễn Thị Ái", "Nguyễn Ái Quốc", "Hoàng Thị Lịch", "Lương Thị Học", "Mai Văn Tuần",
    "Trần Thị Hôm Nay", "Đinh Thị Liên Hệ", "Phan Thị Lan Anh", "Cao Văn Sách", "Lê Văn Thi",
    "Ngô Quyền", "Lê Chân", "Đỗ Thị Thư", "Hà Văn Đọc", "La Văn Cầu",
    "Đồng Thị Ý", "Nguyễn Văn Đồng", "Vũ Thị Vâng", "Trần Đăng Ký", "Lâm Văn Sao",
]


@pytest.mark.parametrize("typed", QUESTIONS)
async def test_a_question_at_the_name_step_is_not_taken_as_a_name(app: App, typed: str) -> None:
    chat = Chat(app, "q-" + typed)
    await chat.text("/thi")
    replies = await chat.send(typed)
    assert "không giống họ tên" in replies[0].text and "bước 1/4" in replies[0].text, typed
    assert "gõ “thôi”" in replies[0].text
    assert await _state(app, chat.user_id) == "contest_register"
    # Still at the name step: a name goes on to the district.
    assert "Bước 2/4" in await chat.text("Nguyễn Thị Hoa")


@pytest.mark.parametrize("name", NAMES)
async def test_names_that_share_words_with_the_topics_are_names(app: App, name: str) -> None:
    chat = Chat(app, "n-" + name)
    await chat.text("/thi")
    assert "Bước 2/4" in await chat.text(name), name


@pytest.mark.parametrize(("typed", "name"), [
    ("Họ tên: Lê Văn Cường", "Lê Văn Cường"), ("họ và tên Phạm Minh Đức", "Phạm Minh Đức"),
    ("Họ và tên : Đỗ Hùng", "Đỗ Hùng"), ("tôi là Nguyễn Văn An", "Nguyễn Văn An"),
    ("tên tôi là Trần Thị Bình", "Trần Thị Bình"), ("em tên là Hoa Mai", "Hoa Mai"),
    ("Tôi tên Vũ Hà", "Vũ Hà"), ("mình là Hà Anh", "Hà Anh"), ("tên Lê Lợi", "Lê Lợi"),
    ("Nguyễn Văn An ạ", "Nguyễn Văn An"), ("Nguyễn Văn An.", "Nguyễn Văn An"),
    ("NGUYỄN VĂN AN", "Nguyễn Văn An"), ("nguyễn VĂN an", "Nguyễn Văn An"),
    ("my name is John Smith", "John Smith"), ("I am Lan Anh", "Lan Anh"),
    # A family name is kept: "La" is not "là", "Anh" and "Chi" are given names, not pronouns.
    ("La Văn Cầu", "La Văn Cầu"), ("Anh Thư Nguyễn", "Anh Thư Nguyễn"), ("Chi Mai", "Chi Mai"),
    ("H'Hen Niê", "H'Hen Niê"), ("tên: An", None), ("Tôi Là", None),
])
def test_what_people_type_around_their_name(typed: str, name: str | None) -> None:
    assert valid_name(typed) == name


async def test_the_consent_shows_the_name_without_the_lead_in(app: App) -> None:
    chat = Chat(app, "lead-in")
    await chat.text("/thi")
    await chat.text("Họ tên: NGUYỄN THỊ HOA")
    await chat.text("Lê Chân")
    consent = await chat.text("Bỏ qua")
    assert "Họ tên: Nguyễn Thị Hoa\n" in consent


# ---- a contest answer typed after leaving the question ----------------------------------------

LETTERS_TYPED = ["C", "c", "đáp án c", "câu C", "chọn c", "B.", "(a)", "tôi chọn d",
                 "chọn đáp án b"]


async def _open_attempt(app: App, user_id: str) -> Chat:
    chat = Chat(app, user_id)
    await chat.text("/thi")
    for typed in STEPS["consent"]:
        await chat.text(typed)
    assert "Câu 1/10" in await chat.text("Đồng ý")
    return chat


async def test_a_letter_after_leaving_the_question_says_how_to_go_back(app: App) -> None:
    chat = await _open_attempt(app, "left-question")
    assert "tạm rời bài thi" in await chat.text("/menu")
    for typed in LETTERS_TYPED:
        replies = await chat.send(typed)
        assert len(replies) == 1, typed
        assert "câu 1/10" in replies[0].text and "chưa được ghi nhận" in replies[0].text, typed
        assert "/thi" in [b.command for b in replies[0].buttons]
    # Nothing was answered, nothing was passed to the organizers as a question.
    assert "Câu 1/10" in await chat.text("/thi")
    async with app.sessions() as s:
        assert (await s.execute(select(CitizenQuestion.id))).first() is None


async def test_a_letter_with_no_attempt_under_way_is_an_ordinary_message(app: App) -> None:
    chat = Chat(app, "no-attempt")
    for typed in ("C", "đáp án c"):
        assert "chưa được ghi nhận" not in await chat.text(typed)


# ---- the phone step --------------------------------------------------------------------------

@pytest.mark.parametrize(("typed", "phone"), [
    ("sđt 0912345678", "0912345678"), ("SĐT: 0912 345 678", "0912345678"),
    ("số của tôi là 0912345678", "0912345678"), ("0912345678 ạ", "0912345678"),
    ("0912 345 678 nhé", "0912345678"), ("0912345678 (zalo)", "0912345678"),
    ("(+84) 912 345 678", "0912345678"), ("+84 (0) 912 345 678", "0912345678"),
    ("+840912345678", "0912345678"), ("0084912345678", "0912345678"),
    ("０９１２３４５６７８", "0912345678"), ("dt 02253.810486", "02253810486"),
    ("0912.345.678.", "0912345678"),
    # Two numbers: which one is theirs? Asked again.
    ("0912345678, 0987654321", None), ("0912345678 hoặc 0987654321", None),
    ("0112345678", None), ("sđt của tôi", None),
])
def test_what_people_type_around_their_phone(typed: str, phone: str | None) -> None:
    assert valid_phone(typed) == phone


async def test_the_consent_shows_the_phone_without_the_words_around_it(app: App) -> None:
    chat = Chat(app, "phone-words")
    await chat.text("/thi")
    await chat.text("Nguyễn Thị Hoa")
    await chat.text("Lê Chân")
    assert "Điện thoại: 0912345678\n" in await chat.text("SĐT: 0912 345 678 ạ")


# ---- the district list -----------------------------------------------------------------

@pytest.mark.parametrize("typed", ["quận 1", "99", "An", "huyện An Hải", "Hà Nội", "q7"])
async def test_a_place_not_in_the_district_list_is_told_so(app: App, typed: str) -> None:
    """After /quan, what is typed is an answer to the list: a place not in it is told so and
    the list stays, instead of "chưa có thông tin" and a question stored for the organizers."""
    chat = Chat(app, "place-" + typed)
    await chat.send("/quan")
    replies = await chat.send(typed)
    assert replies[0].text.startswith(f"Không có quận, huyện “{typed}” trong danh sách.")
    assert "Lê Chân" in [b.label for b in replies[0].buttons]
    assert "Đã chọn quận Kiến An" in await chat.text("kiến an")  # the list was still open
    async with app.sessions() as s:
        assert (await s.execute(select(CitizenQuestion.id))).first() is None


@pytest.mark.parametrize(("typed", "answer"), [
    ("lịch hôm nay", "Hôm nay"), ("số điện thoại liên hệ", "Liên hệ"),
    ("cho tôi hỏi bãi gửi xe ở chỗ nào vậy", "Xin lỗi, Chatbot chưa có thông tin"),
])
async def test_a_question_after_the_district_list_is_answered(app: App, typed: str,
                                                               answer: str) -> None:
    chat = Chat(app, "list-q-" + typed)
    await chat.send("/quan")
    assert answer in await chat.text(typed)
    assert await _state(app, chat.user_id) is None


# ---- what is kept of a question the bot could not answer ---------------------------------

@pytest.mark.parametrize(("typed", "kept"), [
    ("email toi la an.nguyen@gmail.com sdt 0912345678 muon hoi ve bai giu xe",
     "email toi la [email] sdt [số điện thoại] muon hoi ve bai giu xe"),
    ("gọi cho tôi số 0912 345 678 về chuyện gửi xe",
     "gọi cho tôi số [số điện thoại] về chuyện gửi xe"),
    ("bãi gửi xe ở đâu, liên hệ +84 912.345.678", "bãi gửi xe ở đâu, liên hệ [số điện thoại]"),
    ("bãi gửi xe ngày 03/10/2020 ở đâu", "bãi gửi xe ngày 03/10/2020 ở đâu"),
])
async def test_contacts_typed_in_an_unanswered_question_are_not_kept(
        app: App, typed: str, kept: str) -> None:
    chat = Chat(app, "contacts")
    replies = await chat.send(typed)
    assert "chưa có thông tin" in replies[0].text  # the citizen reads what they typed
    async with app.sessions() as s:
        stored = (await s.execute(select(CitizenQuestion.text, CitizenQuestion.normalised)
                                  .order_by(CitizenQuestion.id.desc()))).first()
    assert stored is not None and stored[0] == kept
    assert "0912" not in stored[1] and "gmail" not in stored[1]


# ---- a flow's button pressed after the flow ended ------------------------------------------

STALE = "Nút này thuộc một bước đã xong hoặc đã dừng nên không còn dùng được."


@pytest.mark.parametrize("pressed", [
    "Bỏ qua", "Khác", "Không xóa", "Không đồng ý", "Xác nhận gửi", "nut:homnay",
    "district:Lê Chân", "channel:telegram",
])
async def test_an_old_flow_button_says_its_step_is_over(app: App, pressed: str) -> None:
    """The registration's "Bỏ qua", the erasure's "Không xóa", a draft's "Xác nhận gửi" on an
    old message: told the step is over, not "chưa có thông tin" nor kept as a question."""
    chat = Chat(app, "stale")
    replies = await chat.send(pressed, is_button=True)
    assert replies[0].text.startswith(STALE), (pressed, replies[0].text)
    assert "/lich" in [b.command for b in replies[0].buttons]
    async with app.sessions() as s:
        assert (await s.execute(select(CitizenQuestion.id))).first() is None


async def test_the_same_words_typed_are_an_ordinary_message(app: App) -> None:
    assert STALE not in await Chat(app, "typed").text("Xác nhận gửi")


async def test_a_flow_button_works_while_its_flow_is_open(app: App) -> None:
    chat = Chat(app, "fresh")
    await chat.text("/thi")
    await chat.text("Nguyễn Thị Hoa")
    await chat.text("Lê Chân")
    replies = await chat.send("Bỏ qua", is_button=True)
    assert "Bước 4/4" in (replies[0].title or "")


# ---- a button pressed twice ------------------------------------------------------------------

async def test_a_district_pressed_twice_asks_for_the_phone_again_without_an_error(
        app: App) -> None:
    chat = Chat(app, "twice-district")
    await chat.text("/thi")
    await chat.text("Nguyễn Thị Hoa")
    first = await chat.send("Lê Chân", is_button=True)
    second = await chat.send("Lê Chân", is_button=True)
    assert first[0].text.startswith("Bước 3/4") and second[0].text == first[0].text
    assert "chưa hợp lệ" not in second[0].text
    assert "Điện thoại: 0912345678" in await chat.text("0912345678")  # typed, it is a number


async def test_consent_pressed_twice_shows_the_question_without_a_rule(app: App) -> None:
    chat = Chat(app, "twice-consent")
    await chat.text("/thi")
    for typed in STEPS["consent"]:
        await chat.text(typed)
    first = await chat.send("Đồng ý", is_button=True)
    second = await chat.send("Đồng ý", is_button=True)
    assert any((r.title or "") == "Câu 1/10" for r in first)
    assert [r.title for r in second] == ["Câu 1/10"]
    assert "gõ một chữ" not in second[0].text
    # Typed, the same words still get the rule: it is what to type that was missed.
    assert "gõ một chữ A, B, C, D" in await chat.text("đồng ý")


async def test_changing_language_during_a_question_keeps_the_question(app: App) -> None:
    chat = await _open_attempt(app, "lang-question")
    replies = await chat.send("/ngonngu en")
    assert replies[0].text == "Switched to English."
    assert replies[-1].title == "Question 1/10" and "Time left:" in replies[-1].text
    assert await _state(app, chat.user_id) == "contest_answer"
    assert "Question 2/10" in await chat.text("A")
    chooser = await chat.send("/ngonngu")
    assert [b.command for b in chooser[0].buttons] == ["/ngonngu vi", "/ngonngu en"]
    back = await chat.send("/ngonngu vi", is_button=True)
    assert back[0].text == "Đã chuyển sang tiếng Việt." and back[-1].title == "Câu 2/10"
    same = await chat.send("/ngonngu vi", is_button=True)  # pressed twice: still the question
    assert same[-1].title == "Câu 2/10"


@pytest.mark.parametrize("typed", ["?", "...", "😀😀", "!!!", "👍"])
async def test_a_question_for_the_organizers_needs_words(app: App, typed: str) -> None:
    """ "?" or an emoji after /guicauhoi: nothing for the organizers to read; asked again."""
    chat = Chat(app, "empty-q")
    await chat.send("/guicauhoi")
    replies = await chat.send(typed)
    assert replies[0].text.startswith("Chatbot chưa nhận được câu hỏi nào")
    assert await _state(app, chat.user_id) == "ask"
    assert "đã chuyển câu hỏi" in await chat.text("Bãi gửi xe ở đâu?")
    replies = await chat.send(f"/guicauhoi {typed}")  # typed after the command: asked for one
    assert "Xin Quý vị gõ câu hỏi" in replies[0].text
    async with app.sessions() as s:
        texts = (await s.execute(select(CitizenQuestion.text))).scalars().all()
    assert texts == ["Bãi gửi xe ở đâu?"]


async def test_a_name_too_long_is_told_so(app: App) -> None:
    chat = Chat(app, "long-name")
    await chat.text("/thi")
    answer = await chat.text("Nguyễn " + "Văn " * 40 + "An")
    assert answer.startswith("Họ tên dài quá 100 ký tự.") and "gõ “thôi”" in answer
    # another fault, its own words (round 33 c: "😀 😀" alone is a laugh, not a name: "không
    # giống họ tên")
    assert "chỉ gồm chữ cái" in await chat.text("Nguyễn Văn 😀")


# Names made to look blank, or like somebody else's, on the leaderboard and in the workbook:
# Hangul fillers are letters to Python, a Cyrillic "А" looks like a Latin "A".
@pytest.mark.parametrize("typed", [
    "\u3164\u3164 \u3164\u3164", "\uffa0\uffa0 \u115f\u1160", "Nguyễn Văn \u0410n",
    "Тrần Thị Bình",  # a Cyrillic "Т"
])
async def test_a_name_that_looks_blank_or_borrowed_is_refused(app: App, typed: str) -> None:
    chat = Chat(app, "look-alike")
    await chat.text("/thi")
    assert "chỉ gồm chữ cái" in await chat.text(typed)
    assert (await chat.text("Nguyễn Văn An")).startswith("Bước 2/4.")  # the step stayed open
    async with app.sessions() as s:
        data = await s.scalar(select(ConversationState.data).join(User).where(
            User.external_id == "look-alike"))
    assert data is not None and data["full_name"] == "Nguyễn Văn An"


@pytest.mark.parametrize(("typed", "name"), [
    ("Ｎｇｕｙễｎ Ｖăｎ Ａｎ", "Nguyễn Văn An"),  # a full-width keyboard
    ("\U0001d40d\U0001d420\U0001d42e\U0001d432\U0001d41e\U0001d427 Văn An", "Nguyen Văn An"),
    ("H\u2019Hen Niê", "H'Hen Niê"),  # a phone's curly apostrophe
    ("山田 花子", "山田 花子"), ("やまだ はなこ", "やまだ はなこ"), ("Иван Петров", "Иван Петров"),
])
def test_names_are_read_as_the_letters_they_show(typed: str, name: str) -> None:
    assert valid_name(typed) == name


async def test_an_announcement_of_blank_looking_characters_is_empty(app: App) -> None:
    organizer = Chat(app, "console")
    await organizer.send("/thongbao")
    reply = await organizer.text("\u3164\u3164 \u2800\u2800\u2060")
    assert "Nội dung đang trống" in reply


async def test_changing_language_while_erasing_asks_again_in_it(app: App) -> None:
    chat = Chat(app, "lang-erase")
    await chat.text("lịch hôm nay")
    await chat.text("/xoadulieu")
    replies = await chat.send("/ngonngu en")
    assert replies[0].text == "Switched to English."
    assert [b.label for b in replies[1].buttons] == ["Delete my data", "Do not delete"]
    assert "Your personal data has been deleted:" in await chat.text("Delete my data")
    async with app.sessions() as s:
        assert (await s.execute(select(User.id).where(User.external_id == "lang-erase"))
                ).first() is None


async def test_changing_language_after_guicauhoi_asks_again_in_it(app: App) -> None:
    chat = Chat(app, "lang-ask")
    await chat.send("/guicauhoi")
    replies = await chat.send("/ngonngu en")
    assert replies[1].text == ("Please type the question for the organizers; the chatbot will "
                               "pass it on.")
    assert await _state(app, chat.user_id) == "ask"


# ---- the contest in a group --------------------------------------------------------------------

@pytest.mark.parametrize("typed", ["/thi", "tôi muốn thi", "/start thi"])
async def test_the_contest_is_taken_in_a_private_chat_only(app: App, typed: str) -> None:
    """In a group every member reads the answers: the registration repeats the name and phone
    number for consent. The citizen is asked to write to the bot privately."""
    replies = await app.dispatcher.handle(Incoming("telegram", "in-group", typed,
                                                   is_private=False))
    assert replies is not None
    text = "\n".join(r.full_text() for r in replies)
    if typed != "/start thi":  # not a deep link: the welcome
        assert "chỉ gửi trong tin nhắn riêng" in text and "/thi" in text, text
    assert "Bước 1/4" not in text
    assert await _state(app, "in-group") is None
    private = await app.dispatcher.handle(Incoming("telegram", "in-group", "/thi"))
    assert private is not None and "Bước 1/4" in private[0].text


@pytest.mark.parametrize(("in_group", "then", "not_done"), [
    ("/xoadulieu", "có", "Đã xóa dữ liệu"),
    ("/xoadulieu", "đồng ý", "Đã xóa dữ liệu"),
    ("/guicauhoi", "lịch hôm nay", "đã chuyển câu hỏi"),
    ("/guicauhoi", "cuộc thi khi nào bắt đầu", "đã chuyển câu hỏi"),
    ("/start", "có", "Đã xóa dữ liệu"),  # no step asked: nothing to guard
])
async def test_a_step_asked_in_a_group_is_not_answered_by_the_next_private_message(
        app: App, in_group: str, then: str, not_done: str) -> None:
    """In a group the bot reads commands only: a step it asks there cannot be answered there,
    and the citizen's next private message, written without it in view, is not its answer."""
    user = "in-a-group"
    await Chat(app, user).send("xin chào")  # a citizen the bot knows (data to erase)
    await app.dispatcher.handle(Incoming("console", user, in_group, is_private=False))
    replies = await Chat(app, user).send(then)
    text = "\n".join(r.full_text() for r in replies)
    assert not_done not in text, text
    assert await _state(app, user) is None
    async with app.sessions() as s:
        assert await s.scalar(select(func.count()).select_from(User)
                              .where(User.external_id == user)) == 1


@pytest.mark.parametrize("command", ["/xoadulieu", "/tin", "/xemlai"])
async def test_a_citizens_own_data_is_never_shown_in_a_group(app: App, command: str) -> None:
    """The messages a citizen received (answers to their questions among them), their contest
    result and what erasing would delete are theirs: in a group, where every member reads the
    answer, the bot asks them to write privately, and starts nothing there."""
    user = "own-data"
    await Chat(app, user).send("/dangky")
    replies = await app.dispatcher.handle(Incoming("telegram", user, command,
                                                   is_private=False))
    assert replies is not None and len(replies) == 1
    assert "chỉ gửi trong tin nhắn riêng" in replies[0].text and command in replies[0].text
    assert replies[0].buttons == () and await _state(app, user) is None
    private = await app.dispatcher.handle(Incoming("telegram", user, command))
    assert private is not None and "chỉ gửi trong tin nhắn riêng" not in private[0].text


# ---- every detail in one message ---------------------------------------------------------------

@pytest.mark.parametrize(("typed", "then", "shown"), [
    ("Nguyễn Văn An, Lê Chân, 0912345678", [], ("Nguyễn Văn An", "Lê Chân", "0912345678")),
    ("Nguyễn Văn An; quận Lê Chân; SĐT: 0912 345 678", [],
     ("Nguyễn Văn An", "Lê Chân", "0912345678")),
    ("Họ tên: TRẦN THỊ BÌNH - quận Kiến An", ["0987654321"],
     ("Trần Thị Bình", "Kiến An", "0987654321")),
    ("Lê Văn Cường, sđt 0912 345 678", ["Ngô Quyền"],
     ("Lê Văn Cường", "Ngô Quyền", "0912345678")),
    ("Phạm Thu Hà\nhuyện An Dương\n+84 912 345 678", [],
     ("Phạm Thu Hà", "An Dương", "0912345678")),
])
async def test_the_details_typed_at_once_fill_their_steps(
        app: App, typed: str, then: list[str], shown: tuple[str, str, str]) -> None:
    """People type everything at once, as on a paper form: each detail found fills its step,
    and the registration asks only for what is missing."""
    chat = Chat(app, "at-once")
    await chat.text("/thi")
    answer = await chat.text(typed)
    for more in then:
        answer = await chat.text(more)
    name, district, phone = shown
    assert f"Họ tên: {name}\nĐơn vị: {district}\nĐiện thoại: {phone}" in answer, answer


@pytest.mark.parametrize("typed", ["Nguyễn Văn An, Hà Nội, 0912345678",
                                   "Nguyễn Văn An, 0912345678, 0987654321"])
async def test_details_that_cannot_be_placed_ask_for_the_name_again(app: App, typed: str) -> None:
    chat = Chat(app, "at-once-no")
    await chat.text("/thi")
    assert "Họ tên chưa hợp lệ" in await chat.text(typed)
    assert await _state(app, chat.user_id) == "contest_register"


@pytest.mark.parametrize("typed", ["sai tên rồi", "sửa lại", "nhập lại giúp tôi", "Sửa thông tin"])
async def test_a_detail_is_mended_at_the_consent(app: App, typed: str) -> None:
    """A typo seen at the last step: "sai tên rồi" (or the button) starts the registration
    again, instead of "Xin chọn Đồng ý hoặc Không đồng ý"; nothing was kept."""
    chat = Chat(app, "mend")
    await chat.text("/thi")
    consent = await chat.send("Nguyễn Văn Anh, Lê Chân, 0912345678")
    assert "/thi" in [b.command for b in consent[0].buttons]
    again = await chat.text(typed)
    assert "Bước 1/4" in again
    await chat.text("Nguyễn Văn An, Lê Chân, 0912345678")
    assert "Đăng ký thành công" in await chat.text("Đồng ý")
    async with app.sessions() as s:
        assert (await s.execute(select(ContestParticipant.full_name))).scalar_one() == (
            "Nguyễn Văn An")


@pytest.mark.parametrize("in_group", ["/lich@hoctap_bot", "/xephang", "/ngonngu en", "/start"])
async def test_a_contest_question_open_in_private_stays_out_of_a_group(app: App,
                                                                       in_group: str) -> None:
    """Mid-question in the private chat, the citizen types a command in a group: the group
    gets that command's answer, never the open question and its options (a group would answer
    it for them), and the question waits in the private chat, its time running."""
    chat = await _open_attempt(app, "contest-then-group")
    replies = await app.dispatcher.handle(Incoming("console", "contest-then-group", in_group,
                                                   is_private=False))
    assert replies is not None
    text = "\n".join(r.full_text() for r in replies)
    assert "Câu 1/10" not in text and "câu 1" not in text.lower(), text
    assert await _state(app, "contest-then-group") == "contest_answer"
    assert "1/10" in await chat.text("/thi")  # in English after /ngonngu en: the user's language
