"""Round 30 (d, lead): a phone's network typed as an hour would be ("4g", "5G"); a day asked
of the writer's work or school ("mai có phải đi làm không"); a person's messages, not the bot's
("không nhận được tin nhắn của con").

"4g" is four o'clock to the date reader ("4g chiều mai"); beside a word of the network
("mạng 5g", "gói cước 4g", "sim 4g", "sóng 4g yếu") it is the phone's network, and the message
asks the network's provider, not the Week's events of the afternoon (dates.py `_network`).
Blind cases, other words than round 30d's corpus batches (BENCHMARKS §8.105); the hour said
so stays an hour.
"""

from __future__ import annotations

import pytest

from handlers.understanding import Understander
from tests.understanding.conftest import answer

NETWORK = [
    "mạng 4g nhà mình chậm quá phải làm sao",
    "dang ky goi data 4g viettel the nao",
    "bat 4g len ma khong vao duoc mang",
    "sóng 5g đã phủ tới thủy nguyên chưa",
]
AN_HOUR = [
    ("4g chiều nay có sự kiện gì", "day:2020-10-01@chieu"),
    ("mai 5g có gì không", "day:2020-10-02@chieu"),
]


@pytest.mark.parametrize("text", NETWORK)
def test_a_network_typed_as_an_hour_names_no_time(understander: Understander,
                                                  text: str) -> None:
    assert not answer(understander, text).startswith("day:")


@pytest.mark.parametrize(("text", "expected"), AN_HOUR)
def test_an_hour_typed_so_stays_an_hour(understander: Understander, text: str,
                                        expected: str) -> None:
    assert answer(understander, text) == expected


# Whether one must work, go to school or be on duty on a day, or has it off: the writer's work
# or school, not the Week's events of that day (understand.py `_DUTY_ASKED`).
DUTY = [
    "thứ 2 tuần sau học sinh có phải đi học lại không",
    "hnay cty co cho nghi ko ad",
    "cuối tuần này bên y tế có phải đi trực không",
    "t7 nay co phai lam viec ko",
]
# The day's events asked besides the writer's day off: the Week's events of that day.
DUTY_TOLD = [
    ("mai mình được nghỉ làm, tuần lễ mai có sự kiện gì", "day:2020-10-02"),
    ("chủ nhật con được nghỉ học, có hoạt động nào cho bé không", "day:2020-10-04"),
]


@pytest.mark.parametrize("text", DUTY)
def test_a_day_asked_of_work_or_school_is_no_list_of_events(understander: Understander,
                                                            text: str) -> None:
    assert not answer(understander, text).startswith("day:")


@pytest.mark.parametrize(("text", "expected"), DUTY_TOLD)
def test_a_day_off_told_and_the_days_events_asked_are_the_events(
        understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) == expected


# A person's messages are no reminders of the bot's (understand.py `_messages_of_someone`);
# the bot's own, called "bạn" or named, are.
SOMEONES_MESSAGES = [
    "điện thoại bà không đọc được tin nhắn của cháu gửi",
    "sao tôi không nhận tin nhắn của con trai",
    "sao zalo ko hien tin nhan tu nhom lop cua con",
]
BOTS_MESSAGES = [
    ("mình không nhận được tin nhắn của bạn nữa", "subscribe / faq:nhac-lich / dont_know"),
    ("thôi đừng gửi tin nhắn của bot cho tôi nữa", "unsubscribe"),
]


@pytest.mark.parametrize("text", SOMEONES_MESSAGES)
def test_a_persons_messages_are_no_reminders(understander: Understander, text: str) -> None:
    assert answer(understander, text) not in ("subscribe", "unsubscribe", "bulletin")


@pytest.mark.parametrize(("text", "expected"), BOTS_MESSAGES)
def test_the_bots_messages_stay_the_reminders(understander: Understander, text: str,
                                              expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")
