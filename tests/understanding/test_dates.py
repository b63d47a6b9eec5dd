"""Days and times as people say them, read against the clock (not only the week's 7 days)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date

import pytest

from bot.app import App, build_app
from content import Edition
from handlers.understanding import Understander, read_days
from handlers.understanding.dates import find_date
from handlers.understanding.normalise import tokenize
from tests.conftest import Chat, make_settings

THU = date(2020, 10, 1)  # the opening day, a Thursday


def day_of(u: Understander, text: str, today: date) -> tuple[str, str]:
    found = u.understand(text, today)
    return found.feature, found.arg


@pytest.mark.parametrize(("text", "today", "route"), [
    ("hôm nay có gì", THU, ("today", "")),
    ("mai có gì", THU, ("day", "2020-10-02")),
    ("mai có gì", date(2020, 10, 6), ("day", "2020-10-07")),
    ("ngày kia có gì", date(2020, 10, 6), ("day", "2020-10-08")),  # after the week
    ("mốt có gì", THU, ("day", "2020-10-03")),
    ("hôm qua có gì", date(2020, 10, 3), ("day", "2020-10-02")),
    ("thứ 2 có gì", THU, ("day", "2020-10-05")),
    ("t5 co gi", date(2020, 10, 2), ("day", "2020-10-08")),  # the next Thursday
    ("thứ 7 có gì", date(2020, 9, 25), ("day", "2020-09-26")),  # before the week
    ("thứ 5 tuần trước có gì", date(2020, 10, 6), ("day", "2020-10-01")),
    ("chủ nhật tuần sau", THU, ("day", "2020-10-11")),
    ("cn co gi", THU, ("day", "2020-10-04")),
    ("mùng 5 có gì", THU, ("day", "2020-10-05")),
    ("mong 6 co gi", THU, ("day", "2020-10-06")),
    ("ngày 3/10", THU, ("day", "2020-10-03")),
    ("03/10 có gì", THU, ("day", "2020-10-03")),
    ("lịch 3-10", THU, ("day", "2020-10-03")),
    ("4/10/2020 có gì", THU, ("day", "2020-10-04")),
    ("ngày 4 tháng 10", THU, ("day", "2020-10-04")),
    ("cuối tuần có gì", THU, ("day", "2020-10-03 2020-10-04")),
    ("cuối tuần có gì", date(2020, 10, 4), ("today", "")),  # on Sunday: what is left
    ("tối nay có gì", THU, ("day", "2020-10-01 toi")),
    ("sáng mai có gì", THU, ("day", "2020-10-02 sang")),
    ("8h tối thứ 3 có gì", THU, ("day", "2020-10-06 toi")),
    ("thứ 7 và chủ nhật có gì", THU, ("day", "2020-10-03 2020-10-04")),
    ("ngày cuối cùng có gì", THU, ("day", "2020-10-07")),
    ("tuần này có gì", THU, ("schedule", "")),
    ("bây giờ có gì", THU, ("next", "")),
    ("lich 32/13", THU, ("day", "32/13")),
    ("30/2 có gì", THU, ("day", "30/2")),
    ("ngày 40 có gì", THU, ("day", "40")),
    # A day of the week that does not exist, as typed: corrected, never the whole week.
    ("lịch thứ 8", THU, ("day", "thứ 8")),
    ("thu 8 co su kien gi ko", THU, ("day", "thu 8")),
    ("thứ 1 có gì", THU, ("day", "thứ 1")),
    ("sáng thứ 9 có gì không", THU, ("day", "thứ 9")),
])
def test_days_relative_to_the_clock(understander: Understander, text: str, today: date,
                                    route: tuple[str, str]) -> None:
    assert day_of(understander, text, today) == route


@pytest.mark.parametrize("text", ["chủ đề năm nay", "thi một lần", "chuyển sang tiếng anh",
                                  "tuần lễ là gì", "trong tuần lễ có gì", "tôi muốn xem lịch",
                                  # ordinals, not days of the week
                                  "câu thứ 8 đáp án là gì", "lần thứ 9 có được thi không",
                                  "giải thứ 1 được bao nhiêu", "người thứ 10 đăng ký",
                                  # how long, no day (the branch never ran before "suốt" and
                                  # "thâu" started a date: read as this evening)
                                  "thức suốt tối", "thuc suot dem", "chơi game thâu đêm"])
def test_words_that_look_like_days_are_not(edition: Edition, text: str) -> None:
    ref = find_date(tokenize(text), THU, edition)
    assert ref is None or ref.kind not in ("days", "invalid"), ref


def test_the_day_command_reads_what_the_router_writes(edition: Edition) -> None:
    query = read_days("2020-10-03 2020-10-04 toi", edition, THU)
    assert query.days == (date(2020, 10, 3), date(2020, 10, 4)) and query.part == "toi"
    assert read_days("t7", edition, THU).days == (date(2020, 10, 3),)
    assert read_days("31/9", edition, THU).invalid == "31/9"
    assert read_days("abc", edition, THU).days == ()


@pytest.fixture
async def before_the_week(sqlite_url: str) -> AsyncIterator[App]:
    application = build_app(make_settings(sqlite_url, now="2020-09-25T09:00"))
    await application.start()
    yield application
    await application.close()


async def test_outside_the_week_the_answer_says_when_it_is(before_the_week: App) -> None:
    text = await Chat(before_the_week, "early").text("thứ 7 có gì")
    assert "Ngày 26/09/2020 không thuộc Tuần lễ. Tuần lễ diễn ra từ 01/10/2020 đến " \
        "07/10/2020." in text, text


async def test_tonight_shows_the_evening(sqlite_url: str, edition: Edition) -> None:
    application = build_app(make_settings(sqlite_url, now="2020-10-06T12:00"))
    await application.start()
    try:
        text = await Chat(application, "evening").text("tối nay có gì")
    finally:
        await application.close()
    evening = [e for e in edition.events_on(date(2020, 10, 6)) if e.start.hour >= 18]
    morning = [e for e in edition.events_on(date(2020, 10, 6)) if e.start.hour < 11]
    assert evening and morning
    assert all(e.title.vi in text for e in evening)
    assert not any(e.title.vi in text for e in morning)
    assert text.startswith("Buổi tối")
