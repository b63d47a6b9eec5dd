"""The quận/huyện a citizen types instead of pressing its button: after /quan, at the contest's
registration, or on its own ("tôi ở quận Lê Chân", "Kiến An")."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.app import App
from bot.db.models import ContestParticipant, User
from content import Edition
from handlers.places import said_district
from tests.conftest import Chat


@pytest.mark.parametrize(("typed", "district", "stated"), [
    ("Lê Chân", "Lê Chân", False), ("le chan", "Lê Chân", False), ("LÊ CHÂN", "Lê Chân", False),
    ("quận Lê Chân", "Lê Chân", False), ("q.le chan", "Lê Chân", False),
    ("q. Lê Chân", "Lê Chân", False), ("quan le chan a", "Lê Chân", False),
    ("tôi ở quận Lê Chân", "Lê Chân", True), ("toi o le chan", "Lê Chân", True),
    ("em ở huyện Thủy Nguyên ạ", "Thủy Nguyên", True), ("nhà mình ở kiến an", "Kiến An", True),
    ("thuộc huyện An Dương", "An Dương", True), ("Bạch Long Vĩ", "Bạch Long Vĩ", False),
    ("hai an", "Hải An", False), ("do son nhe", "Đồ Sơn", False), ("le-chan", "Lê Chân", False),
])
def test_a_district_as_people_type_it(edition: Edition, typed: str, district: str,
                                      stated: bool) -> None:
    said = said_district(edition, typed)
    assert said is not None, typed
    assert (said.district, said.stated) == (district, stated)


@pytest.mark.parametrize("typed", [
    "lịch quận Lê Chân", "sự kiện ở kiến an hôm nay", "thư viện lê chân ở đâu", "an", "quận",
    "Nguyễn Văn An", "kiến", "lê chân có gì", "hải phòng", "đồ sơn có biển không", "",
])
def test_a_message_that_says_more_than_a_district_is_not_one(edition: Edition,
                                                             typed: str) -> None:
    assert said_district(edition, typed) is None


async def _district(app: App, chat: Chat) -> str | None:
    async with app.sessions() as s:
        return (await s.execute(select(User.district).where(
            User.external_id == chat.user_id))).scalar_one()


@pytest.mark.parametrize("typed", ["kien an", "Kiến An", "quận kiến an ạ", "tôi ở Kiến An"])
async def test_after_the_list_the_typed_name_chooses(app: App, typed: str) -> None:
    chat = Chat(app, "typed-" + typed)
    assert "Quý vị chưa chọn quận, huyện" in await chat.text("/quan")
    assert "Đã chọn quận Kiến An" in await chat.text(typed)
    assert await _district(app, chat) == "Kiến An"
    # The list was answered: the next name is a message like any other (offered, not set).
    assert "Chọn Lê Chân" in await chat.text("Lê Chân")
    assert await _district(app, chat) == "Kiến An"


async def test_after_the_list_another_question_is_answered_as_usual(app: App) -> None:
    chat = Chat(app, "other")
    await chat.text("/quan")
    assert "02/10/2020" in await chat.text("lịch mai")
    assert await _district(app, chat) is None


async def test_saying_where_one_lives_chooses_it_and_a_bare_name_is_offered(app: App) -> None:
    chat = Chat(app, "says")
    replies = await chat.send("Đồ Sơn")
    assert "Quý vị ở quận Đồ Sơn?" in replies[0].text
    assert replies[0].buttons[0].command == "/quan do-son"
    assert await _district(app, chat) is None
    assert "Đã chọn quận Đồ Sơn" in await chat.text(replies[0].buttons[0].command)
    assert "Đã chọn huyện Thủy Nguyên" in await chat.text("em ở huyện thủy nguyên ạ")
    assert await _district(app, chat) == "Thủy Nguyên"
    assert "Quý vị đã chọn huyện Thủy Nguyên" in await chat.text("thuy nguyen")


async def test_registration_takes_the_district_as_typed(app: App) -> None:
    chat = Chat(app, "reg")
    await chat.text("/thi")
    await chat.text("Nguyễn Thị Hoa")
    assert "Bước 3/4" in await chat.text("tôi ở q. Lê Chân ạ")
    await chat.text("Bỏ qua")
    assert "Đăng ký thành công" in await chat.text("Đồng ý")
    async with app.sessions() as s:
        assert (await s.execute(select(ContestParticipant.district))).scalar_one() == "Lê Chân"


@pytest.mark.parametrize(("typed", "shows"), [
    ("lịch quận Lê Chân", "Gồm các sự kiện của thành phố và của quận Lê Chân."),
    ("lich hom nay o le chan", "Lễ khai mạc Tuần lễ của quận Lê Chân"),
    ("sự kiện ở quận ngô quyền", "Quận Ngô Quyền chưa có sự kiện riêng"),
    ("lịch huyện an dương", "Gồm các sự kiện của thành phố và của huyện An Dương."),
])
async def test_a_question_about_one_district_shows_its_events(app: App, typed: str,
                                                              shows: str) -> None:
    chat = Chat(app, "asks-" + typed)
    first = (await chat.send(typed))[0].full_text()  # said on the first screen
    assert shows in first, first
    assert "gõ /quan để chọn" not in first
    assert await _district(app, chat) is None  # asking about a district does not choose it


async def test_the_citizens_own_district_is_kept_for_other_questions(app: App) -> None:
    chat = Chat(app, "own")
    await chat.text("/quan le-chan")
    assert "Lễ khai mạc Tuần lễ của quận Lê Chân" in await chat.text("lịch hôm nay")
    assert "Lễ khai mạc Tuần lễ của quận Lê Chân" not in await chat.text(
        "lịch hôm nay ở Ngô Quyền")
