"""Time said the way people say it (months, years, days in words, corrections), wishes and
playful small talk, complaints, and the part of a message that asks (issue 15, fifth round).
Phrasings written for this test, not taken from the corpus; the clock at 01/10/2020 07:30."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date

import pytest

from bot.app import build_app
from content import Edition
from handlers.understanding import Understander
from handlers.understanding.dates import find_date
from handlers.understanding.normalise import tokenize
from tests.conftest import Chat, make_settings

THU = date(2020, 10, 1)


def days(edition: Edition, text: str) -> tuple[date, ...] | str:
    ref = find_date(tokenize(text), THU, edition)
    return "none" if ref is None else ref.days if ref.kind == "days" else ref.kind


@pytest.mark.parametrize(("text", "said"), [
    # days in number words
    ("mùng ba", (date(2020, 10, 3),)),
    ("mong sau thang muoi", (date(2020, 10, 6),)),
    ("ngày bốn tháng mười", (date(2020, 10, 4),)),
    ("hai tháng mười", (date(2020, 10, 2),)),
    ("hai mươi mốt tháng mười", (date(2020, 10, 21),)),
    ("ngày ba mẹ tôi cưới", "none"),  # a number word followed by what makes it no day
    # the Week's month and year, another month or year
    ("trong tháng mười", "season"),
    ("thang 10 nay", "season"),
    ("năm nay", "season"),
    ("tháng mười một", "outside"),
    ("năm ngoái", "outside"),
    ("nam toi", "outside"),
    ("năm 2019", "outside"),
    # a correction takes back the day before it
    ("thứ 3 à nhầm thứ 4", (date(2020, 10, 7),)),
    ("chủ nhật, à không, thứ 7", (date(2020, 10, 3),)),
    ("không phải mai mà ngày kia", (date(2020, 10, 3),)),
    ("ngày mai chứ không phải hôm nay", (date(2020, 10, 2),)),
    # a wish and "right away" name no day
    ("chúc bạn buổi tối an lành", "none"),
    ("chúc mừng 20/10", "none"),
    ("đăng ký ngay bây giờ", "none"),
    ("tổ chức hôm nay", (THU,)),  # "tổ chức" is no wish
])
def test_time_as_people_say_it(edition: Edition, text: str,
                               said: tuple[date, ...] | str) -> None:
    assert days(edition, text) == said


@pytest.mark.parametrize(("text", "route"), [
    ("tháng mười có sự kiện gì hay", ("schedule", "")),
    ("trong thang 10 co gi", ("schedule", "")),
    ("năm ngoái tuần lễ có những gì", ("faq", "thoi-gian")),
    ("thang 11 co su kien gi", ("faq", "thoi-gian")),
    ("chủ đề tuần lễ năm nay", ("theme", "")),  # a year inside a phrase of the answer
    ("mùng bốn có những gì", ("day", "2020-10-04")),
    ("lich thu 7, a nham, chu nhat", ("day", "2020-10-04")),
    ("cho mình vào thi ngay bây giờ", ("contest_take", "")),
    # the part that asks, with a subject of its own, wins over the story
    ("tôi rất muốn tham gia, tuần lễ kết thúc hôm nào", ("faq", "thoi-gian")),
    ("minh muon tham gia doc sach, so dien thoai de hoi la so nao", ("contacts", "")),
    # small talk said playfully, wishes, a call beside small talk, complaints
    ("bái bai bot", ("smalltalk", "goodbye")),
    ("hì hì", ("smalltalk", "ok")),
    ("okie nha ad ơi", ("smalltalk", "ok")),
    ("chúc bot buổi sáng tốt lành", ("smalltalk", "greeting")),
    ("chuc ca nha buoi toi vui ve", ("smalltalk", "greeting")),
    ("bot trả lời lung tung quá", ("smalltalk", "sorry")),
    ("vô dụng thế", ("smalltalk", "sorry")),
    # a part that denies its subject says what is not asked
    ("không phải lịch, mình hỏi về cuộc thi", ("contest", "")),
    ("toi khong hoi lich, toi hoi ve khoa hoc online", ("courses", "khoa-hoc")),
    ("tham gia không phải đóng tiền đúng không", ("faq", "chi-phi")),  # no part denied
    # small talk that is the whole message, though it holds a phrase of an answer
    ("không có gì đâu", ("smalltalk", "ok")),
    ("mai không có gì à", ("day", "2020-10-02")),
    # Central forms
    ("lịch bữa ni", ("today", "")),
    ("cuộc thi là chi", ("contest", "")),
])
def test_what_is_asked(understander: Understander, text: str, route: tuple[str, str]) -> None:
    found = understander.understand(text, THU)
    assert (found.feature, found.arg) == route, found


@pytest.mark.parametrize("text", [
    "năm nay có lũ lụt không",
    "tháng 10 lãi suất ngân hàng bao nhiêu",
    "nam ngoai gia xang bao nhieu",
    "ngay bây giờ có mưa không",
])
def test_a_month_or_a_year_answers_no_other_subject(understander: Understander,
                                                     text: str) -> None:
    assert understander.understand(text, THU).feature == "unknown"


@pytest.fixture
async def chat(sqlite_url: str) -> AsyncIterator[Chat]:
    application = build_app(make_settings(sqlite_url))
    await application.start()
    yield Chat(application, "spoken")
    await application.close()


async def test_another_year_is_told_when_the_week_is(chat: Chat) -> None:
    text = await chat.text("năm ngoái có những sự kiện gì")
    assert "01/10/2020" in text and "07/10/2020" in text


async def test_a_complaint_gets_an_apology_and_a_way_on(chat: Chat) -> None:
    replies = await chat.send("bot ngu thật")
    assert replies[0].text.startswith("Chatbot xin lỗi Quý vị")
    commands = [b.command for r in replies for b in r.buttons]
    assert "/guicauhoi" in commands and "/lich" in commands
