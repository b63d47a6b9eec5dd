"""Round 17 (e) of issue 15: off-topic messages and small talk never get a confident wrong
answer.

Citizens write to the city's education bot about things it has no information on (a meal, being
tired or sleepy, the news of Hải Phòng, sports tournaments, private and international schools,
health and social insurance, a school class's own timetable) and chat with it (their own
apology for a wrong message, thanks, greetings and goodbyes in new wordings). What the user sees:
"no information" for the first, the matching small-talk line for the second, never an answer
about the Week. The phrasings are written for these tests, not taken from the corpus; each got
a wrong answer before the round (an answer of the Week, or "no information" for chat).
"""

from __future__ import annotations

import pytest

from handlers.understanding import Understander
from tests.understanding.conftest import answer

NO_INFORMATION = [
    # a meal, tiredness, sleepiness: "hôm nay", "tối nay" name no day of the Week here
    "trưa nay ăn gì bây giờ",
    "hôm nay ăn gì cho ngon",
    "nay met qua khong muon lam gi",
    "sáng mai mệt quá không đi được",
    "buồn ngủ quá đi",
    # the news of the city, not the organisers' bulletin nor today's events
    "tin tức hải phòng sáng nay",
    "xem thoi su hom nay",
    "hom nay co chuyen gi hot",
    # insurance: "bhyt", "bhxh" are no account ("tk") nor who takes part
    "bhyt cho tre duoi 6 tuoi co mien phi khong",
    "bhyt hoc sinh dong bao nhieu",
    "lương hưu bhxh tháng này nhận khi nào",
    # a private school's fee is not the Week's
    "truong tu thuc co mien phi khong",
    # a school class's own timetable, named by grade and letter
    "lịch học tuần này của lớp 9A1",
    "lich kiem tra lop 8a4 tuan sau",
    # how much something costs on a day: the day's calendar never answers "bao nhiêu"
    "gia thit bo hom nay bn",
    "hom nay 1 kg ca chua bao nhieu",
]

SMALL_TALK = [
    # the citizen's own apology: "Vâng", not the bot's apology for a wrong answer
    ("xin lỗi, em nhắn nhầm ạ", "smalltalk:ok"),
    ("sorry ad, go nham", "smalltalk:ok"),
    ("xin loi bam nham", "smalltalk:ok"),
    ("xin lỗi ad", "smalltalk:ok"),
    ("sorry nhe", "smalltalk:ok"),
    # thanks
    ("cảm ơn ad đã giải đáp nhé", "smalltalk:thanks"),
    ("cam on bot da giai dap", "smalltalk:thanks"),
    ("tk ad nhé", "smalltalk:thanks"),
    ("tk bn nha", "smalltalk:thanks"),
    ("tk ban nhieu", "smalltalk:thanks"),
    # greetings and goodbyes
    ("helu bot", "smalltalk:greeting"),
    ("helu ad", "smalltalk:greeting"),
    ("minh off day, chao nhe", "smalltalk:goodbye"),
    ("off nha ad", "smalltalk:goodbye"),
    ("thôi em off nha", "smalltalk:goodbye"),
]

# Lines still answered wrongly: text -> why (each stays an xfail(strict=True)).
# ("lich thi dau cau long cua quan": answered since round 36, BENCHMARKS §8.140)
STILL_WRONG: dict[str, str] = {}


@pytest.mark.parametrize("text", [
    *NO_INFORMATION,
    *(pytest.param(t, marks=pytest.mark.xfail(strict=True, reason=why))
      for t, why in STILL_WRONG.items()),
])
def test_off_topic_gets_no_information(understander: Understander, text: str) -> None:
    assert answer(understander, text) == "dont_know"


@pytest.mark.parametrize(("text", "expected"), [
    *SMALL_TALK,
    # (read since the model's floor is 0.3, BENCHMARKS §8.81)
    ("đa tạ bot", "smalltalk:thanks"),
])
def test_small_talk_gets_small_talk(understander: Understander, text: str,
                                    expected: str) -> None:
    assert answer(understander, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a class named by grade and letter takes part in the Week's programmes and contest
    ("tủ sách lớp học cho lớp 3B làm thế nào", "programme:tu-sach-lop-hoc"),
    ("lớp 8B có được dự thi không", "contest"),
    # "7h" after "lớp" is an hour, not a class
    ("lop 7h toi nay co gi", "day:2020-10-01@toi"),
    # an apology before a question is how it is asked
    ("xin lỗi, cho hỏi mai có gì", "day:2020-10-02"),
    # how many events a day holds is that day's calendar
    ("mai co bao nhieu su kien", "day:2020-10-02"),
    ("chu nhat bn su kien", "day:2020-10-04"),
    # why "thi đấu" is not an elsewhere subject
    ("thi o dau vay ad", "contest"),
])
def test_the_rules_of_the_round(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) == expected
