"""Issue 15's examples, answered right, as a citizen sees them (the clock at 01/10/2020 07:30)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path

import pytest

from bot.app import App, build_app
from content import Edition
from handlers.format import week_span
from handlers.i18n import format_day, use_locale
from handlers.types import Reply
from handlers.understanding.evaluate import Case, load_corpus
from tests.conftest import Chat, make_settings

HERE = Path(__file__).resolve().parent
FRIDAY, SATURDAY, SUNDAY = date(2020, 10, 2), date(2020, 10, 3), date(2020, 10, 4)
MENU = "/lich"  # the first of the main menu's buttons


@pytest.fixture
async def calm_app(sqlite_url: str) -> AsyncIterator[App]:
    """The bot with flood control off: one citizen sends every example."""
    application = build_app(make_settings(sqlite_url, HOCTAP_FLOOD_MAX_MESSAGES="0"))
    await application.start()
    yield application
    await application.close()


@pytest.fixture
def citizen(calm_app: App) -> Chat:
    return Chat(calm_app, "issue-15")


def text_of(replies: list[Reply]) -> str:
    return "\n\n".join(r.full_text() for r in replies)


def commands(replies: list[Reply]) -> list[str]:
    return [b.command for r in replies for b in r.buttons]


def events_of(edition: Edition, day: date) -> list[str]:
    return [e.title.vi for e in edition.events_on(day)]


@pytest.mark.parametrize("typed", ["mai co gi"])
async def test_tomorrow_is_fridays_events(citizen: Chat, edition: Edition, typed: str) -> None:
    text = text_of(await citizen.send(typed))
    with use_locale("vi"):
        assert format_day(FRIDAY).upper() in text.upper()
    assert all(title in text for title in events_of(edition, FRIDAY))
    activities = next(e for e in edition.faq if e.id == "hoat-dong")
    assert activities.answer.vi not in text


async def test_saturday_and_the_weekend(citizen: Chat, edition: Edition) -> None:
    text = text_of(await citizen.send("t7 co gi"))
    assert all(title in text for title in events_of(edition, SATURDAY))
    assert not any(title in text for title in events_of(edition, SUNDAY))
    first = await citizen.send("cuoi tuan co gi ko")
    weekend = text_of(first)
    more = [c for c in commands(first) if c.startswith("/xemthem ")]
    if more:  # longer than a screen: the rest is one press away
        weekend += text_of(await citizen.send(more[0]))
    for day in (SATURDAY, SUNDAY):
        assert all(title in weekend for title in events_of(edition, day))


@pytest.mark.parametrize("typed", ["cho xin số đt", "so dt ban to chuc", "gọi cho ai để hỏi",
                                   "số đt hội khuyến học", "Tôi cần hỏi thêm thì liên hệ ai?"])
async def test_phone_numbers(citizen: Chat, typed: str) -> None:
    text = text_of(await citizen.send(typed))
    assert "(02253)810486" in text and "02253.747533" in text, text
    assert "0913575506" not in text  # an official's own mobile is for the organizing units
    assert "Xin lỗi" not in text


@pytest.mark.parametrize("typed", ["co hd gi", "hđ gì"])
async def test_activities(citizen: Chat, edition: Edition, typed: str) -> None:
    text = text_of(await citizen.send(typed))
    assert "Lễ khai mạc" in text and "Internet an toàn" in text, text


@pytest.mark.parametrize("typed", ["mat bn tien", "co free k"])
async def test_cost(citizen: Chat, edition: Edition, typed: str) -> None:
    cost = next(e for e in edition.faq if e.id == "chi-phi")
    assert (cost.short or cost.answer).vi in text_of(await citizen.send(typed))


@pytest.mark.parametrize("typed", ["huy dk", "hủy đăng ký"])
async def test_unsubscribe(citizen: Chat, typed: str) -> None:
    await citizen.send("/dangky")
    assert "Đã hủy đăng ký" in text_of(await citizen.send(typed))


async def test_contest_questions(citizen: Chat, edition: Edition) -> None:
    assert "Bảng xếp hạng" in text_of(await citizen.send("xem kq thi"))
    seconds = text_of(await citizen.send("moi cau bao nhieu giay"))
    assert f"{edition.contest.seconds_per_question} giây" in seconds
    prize = text_of(await citizen.send("giải thưởng"))
    assert edition.contest.name.vi in prize and "02253.747533" not in prize  # not the contacts


async def test_learning_english_online_is_courses(citizen: Chat) -> None:
    replies = await citizen.send("học tiếng anh online ở đâu")
    assert "Khóa học trực tuyến" in text_of(replies)
    assert "/ngonngu en" not in commands(replies)


@pytest.mark.parametrize("typed", ["lop tin hoc cho nguoi gia", "bị hack fb thì làm thế nào"])
async def test_diacritics_count_where_typed(citizen: Chat, edition: Edition, typed: str) -> None:
    text = text_of(await citizen.send(typed))
    safe = next(e for e in edition.faq if e.id == "internet-an-toan")
    fees = next(e for e in edition.faq if e.id == "chi-phi")
    assert (safe.short or safe.answer).vi in text
    assert (fees.short or fees.answer).vi not in text and "Thể lệ" not in text


@pytest.mark.parametrize("typed", ["thời tiết hải phòng hôm nay", "giá vàng hôm nay"])
async def test_no_information_is_said_honestly(citizen: Chat, edition: Edition,
                                               typed: str) -> None:
    replies = await citizen.send(typed)
    text = text_of(replies)
    assert f"chưa có thông tin về “{typed}”" in text
    assert "Chatbot có thể trả lời về" in text
    assert any(c.startswith("/guicauhoi ") for c in commands(replies))
    assert not any(title in text for title in events_of(edition, date(2020, 10, 1)))


@pytest.mark.parametrize("typed", ["cảm ơn", "ok", "tks ad"])
async def test_thanks_and_ok_get_a_short_reply_not_the_menu(citizen: Chat, typed: str) -> None:
    replies = await citizen.send(typed)
    assert len(replies) == 1 and len(replies[0].text) < 120
    assert MENU not in commands(replies)
    assert "Xin lỗi" not in replies[0].text


@pytest.mark.parametrize("typed", ["bot ơi", "chào", "hi", "alo"])
async def test_a_greeting_gets_a_greeting_and_the_menu(citizen: Chat, typed: str) -> None:
    replies = await citizen.send(typed)
    assert replies[0].text.startswith("Kính chào Quý vị!")
    assert MENU in commands(replies)


async def test_english_is_answered_in_vietnamese_with_an_offer(citizen: Chat,
                                                               edition: Edition) -> None:
    opening = next(e for e in edition.events if e.id == "khai-mac")
    replies = await citizen.send("when is the opening ceremony")
    assert opening.title.vi in text_of(replies) and opening.title.en not in text_of(replies)
    assert replies[-1].buttons[-1].command == "/ngonngu en"
    cost = next(e for e in edition.faq if e.id == "chi-phi")
    assert (cost.short or cost.answer).vi in text_of(await citizen.send("is it free"))
    tomorrow = await citizen.send("what's on tomorrow")
    assert all(title in text_of(tomorrow) for title in events_of(edition, FRIDAY))
    assert "/ngonngu en" in commands(tomorrow)
    # A citizen who already chose English gets no offer.
    await citizen.send("/ngonngu en")
    assert "/ngonngu en" not in commands(await citizen.send("is it free"))


async def test_an_impossible_date_gets_a_polite_correction(citizen: Chat,
                                                           edition: Edition) -> None:
    text = text_of(await citizen.send("lich 32/13"))
    assert "Không có ngày “32/13”" in text and "ví dụ 03/10" in text
    assert f"Tuần lễ diễn ra {week_span(edition)}" in text


@pytest.fixture(scope="module")
def talk() -> list[Case]:
    return [c for name in ("corpus.txt", "heldout.txt") for c in load_corpus(HERE / name)
            if "talk" in c.tags]


async def test_never_the_bare_menu_alone(citizen: Chat, talk: list[Case]) -> None:
    """Every small-talk and off-topic phrasing of the corpus gets words of its own: never the
    menu alone (the menu comes alone only when asked for: "menu")."""
    assert len(talk) >= 40
    for case in talk:
        replies = await citizen.send(case.text)
        assert replies, case.text
        first = replies[0]
        assert not first.text.startswith("Quý vị muốn xem gì?"), case.text
        if {"/lich", "/homnay", "/chude", "/cuocthi", "/lienhe"} <= set(commands(replies)):
            # a greeting, or the apology to a complaint ("bot ngu thế"), with the menu; or a
            # flow an earlier line of the list entered (the contest's registration) stopped by
            # this one ("ừ bà biết rồi, thế thôi nhé"), which says so (round 26 c)
            assert first.text.startswith(("Kính chào Quý vị!", "Quý vị chưa nhập",
                                          "Chatbot xin lỗi Quý vị", "Đã dừng:")), case.text
