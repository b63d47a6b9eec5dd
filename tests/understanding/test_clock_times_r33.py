"""Round 33 (d): clock times, durations, counts and "how long until": an hour said with a day
("8h30 sang mai", "3 giờ chiều chủ nhật", "khoang 11h trua thu 6") names that day's part; a
time counted from now ("nửa tiếng nữa", "45 phut nua") asks what is on next, days counted
from now ("3 hôm nữa") that day; the Week's N-th day said with its name ("ngày thứ hai của
tuần lễ": 02/10), where "ngày thứ ba" alone is Tuesday, as people say the day; when an event
starts, how long the Week lasts, how many questions, seconds and attempts, how many people have
taken part; and near misses with numbers that are not the Week's (a flight, a bus, a cinema,
a price, a child's school hour, a sleepless night, a birthday counted down), which get no
answer of the Week.

Blind cases, other words than round 33d's corpus batches (BENCHMARKS §8.123).
"""

from __future__ import annotations

import pytest

from handlers.understanding import Understander
from tests.understanding.conftest import answer, with_left

# An hour said with a day names the day's part (dates.py: the time read, its part of the day).
AT_AN_HOUR = [
    ("8h30 sang mai co su kien gi", "day:2020-10-02@sang"),
    ("tầm 9 giờ sáng thứ bảy có gì không", "day:2020-10-03@sang"),
    ("3 giờ chiều chủ nhật có gì", "day:2020-10-04@chieu"),
    ("2h chieu t2 co hd gi ko", "day:2020-10-05@chieu"),
    ("19h tối thứ 3 có gì hay", "day:2020-10-06@toi"),
    ("20h30 toi nay co gi k", "day:2020-10-01@toi"),
    ("10g sáng mai có sự kiện nào", "day:2020-10-02@sang"),
    ("từ 14h đến 16h chủ nhật có hoạt động gì", "day:2020-10-04@chieu"),
    ("khoang 11h trua thu 6 co gi", "day:2020-10-02@trua"),
]
# A time counted from now (dates.py `_from_now`; the lexicon knows "nửa", "vài", "dăm", and
# the activities' "có hoạt động gì").
FROM_NOW = [
    ("nửa tiếng nữa có hoạt động nào không", "next"),
    ("45 phut nua co su kien gi", "next"),
    ("vài tiếng nữa có gì ko ad", "next"),
    ("2 tieng nua co gi", "next"),
    ("3 hôm nữa có gì", "day:2020-10-04"),
    ("2 ngay nua co su kien gi", "day:2020-10-03"),
]
# The Week's N-th day said with its name (dates.py `_week_day_said`); without it, Tuesday.
NTH_DAY = [
    ("ngày thứ hai của tuần lễ có sự kiện gì", "day:2020-10-02"),
    ("ngay thu 5 cua tuan le co gi", "day:2020-10-05"),
    ("hôm thứ nhất của tuần lễ có gì", "day:2020-10-01"),
    ("ngay thu 3 trong tuan hoc tap co hd gi", "day:2020-10-03"),
    ("ngay thu ba co gi hay", "day:2020-10-06"),
    ("thứ ba tuần này có gì", "day:2020-10-06"),
]
# When, how long, how many (the lexicon: "mấy h" is "mấy giờ"; FAQ thoi-gian: "bao nhiêu
# ngày"; understand.py `_counted`: a count of people before the quiz's take).
HOW_LONG_HOW_MANY = [
    ("lễ khai mạc mấy h bắt đầu", ("event:khai-mac", "day:2020-10-01")),
    ("may h thi bat dau", ("contest", "event:cuoc-thi-mo")),
    ("mấy h bắt đầu làm bài thi", ("contest", "event:cuoc-thi-mo")),
    ("tuần lễ có bao nhiêu hôm", ("faq:thoi-gian", "schedule")),
    ("con may ngay nua thi tong ket", ("event:tong-ket", "day:2020-10-07")),
    ("còn mấy tiếng nữa là khai mạc", ("event:khai-mac", "day:2020-10-01")),
    ("bao lâu nữa thì tuần lễ kết thúc", ("faq:thoi-gian", "schedule")),
    ("mỗi lượt thi mấy câu hỏi", ("contest",)),
    ("moi cau hoi duoc may giay", ("contest",)),
    ("toi da dc thi may luot", ("contest",)),
    ("bao nhieu nguoi da dang ky thi roi", ("leaderboard", "contest")),
    ("có mấy bạn đã vào thi rồi", ("leaderboard", "contest")),
    # (a wish between the count and the take: several people ask to take it)
    ("nhà tôi mấy người muốn tham gia thi thì đăng ký thế nào",
     ("contest_take", "faq:cuoc-thi", "contest")),
]
LEFT = {
    "may h thi bat dau": "'thi' right after a question and before more words is read as the "
                         "particle 'thì' (parts.particles: 'bao giờ thi kết thúc'), and 'mấy giờ "
                         "thì bắt đầu' is as likely a reading: the Week's start (faq:thoi-gian)",
}
# Numbers and hours that are not the Week's (lexicon `elsewhere`: flights, trains, films,
# sleep; understand.py `_hour_told`: a clock time told, nothing asked).
NO_INFORMATION = [
    "chuyến bay 7h sáng mai có bị delay không",
    "xe bus so 2 chay luc 5h30 sang",
    "rạp chiếu phim mở đến 23h không",
    "8h tối rồi mà chưa ăn cơm",
    "con tôi tan học lúc 4h30 chiều",
    "1 tiếng nữa tôi đi đón con",
    "giá 1 vé tàu 150k à",
    "3h sáng vẫn thức",
    "còn 3 ngày nữa là đến sinh nhật con tôi",
]


@pytest.mark.parametrize(("text", "expected"), AT_AN_HOUR)
def test_an_hour_with_a_day_names_its_part(understander: Understander, text: str,
                                           expected: str) -> None:
    assert answer(understander, text) == expected


@pytest.mark.parametrize(("text", "expected"), FROM_NOW)
def test_a_time_from_now_asks_what_is_on_then(understander: Understander, text: str,
                                              expected: str) -> None:
    assert answer(understander, text) == expected


@pytest.mark.parametrize(("text", "expected"), NTH_DAY)
def test_the_weeks_nth_day_said_with_its_name(understander: Understander, text: str,
                                              expected: str) -> None:
    assert answer(understander, text) == expected


@pytest.mark.parametrize(("text", "expected"), with_left(HOW_LONG_HOW_MANY, LEFT))
def test_when_how_long_and_how_many(understander: Understander, text: str,
                                   expected: tuple[str, ...]) -> None:
    assert answer(understander, text) in expected


@pytest.mark.parametrize("text", NO_INFORMATION)
def test_numbers_not_the_weeks_get_no_answer_of_the_week(understander: Understander,
                                                        text: str) -> None:
    assert answer(understander, text) == "dont_know"
