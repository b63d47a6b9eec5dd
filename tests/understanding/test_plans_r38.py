"""Round 38 (lead, h38talk): an ok, a thanks or a goodbye that opens a message and then tells
the writer's own plan for a day ("ok mai e qua", "vâng, chiều nay cháu đến ạ", "cảm ơn ad, tối
nay em đăng ký") is heard as that small talk: the day is when the writer will do something,
not a question of the day's events (BENCHMARKS §8.156). Each asked in words written for this
test, not the corpus's.

Beside the class, the same openings that ask the day ("ok, còn mai thì sao?", "vâng, cho cháu
xin lịch chiều nay") or name only the day ("ok, mai") keep the day's events; words an ok
begins that are not one ("ty số trận đấu tối qua") are not heard as an ok.
"""

from __future__ import annotations

import pytest

from handlers.understanding import Understander
from tests.understanding.conftest import answer

PLANS = [
    ("ok, mai bác qua nhé", "smalltalk:ok"),
    ("vâng chiều nay con đưa bà đi", "smalltalk:ok"),
    ("oke thu 6 minh den som", "smalltalk:ok"),
    ("dc roi toi nay e xem lai", "smalltalk:ok"),
    ("uh, chu nhat ca nha minh di", "smalltalk:ok"),
    ("dạ vâng, sáng mai em có mặt ạ", "smalltalk:ok"),
    ("ok ad, ngay kia e dua ba di", "smalltalk:ok"),
    ("cảm ơn bạn, thứ 7 tôi đưa cháu đến", "smalltalk:thanks"),
    ("cam on ad nhieu, mai chau bao me", "smalltalk:thanks"),
    ("tks, toi nay e ru ban cung di", "smalltalk:thanks"),
]
# the same openings asking the day, or naming nothing but it
DAY_ASKED = [
    ("ok, còn mai thì sao?", "day:2020-10-02"),
    ("vâng, cho cháu xin lịch chiều nay", "day:2020-10-01@chieu"),
    ("ok thứ 7 có gì không", "day:2020-10-03"),
    ("ok, mai", "day:2020-10-02"),
    ("cam on, the chu nhat co su kien gi", "day:2020-10-04"),
]
NOT_AN_OK = [("ty so tran dau toi qua", "dont_know")]


@pytest.mark.parametrize(("text", "expected"), PLANS + DAY_ASKED + NOT_AN_OK)
def test_plan_told_after_an_ok_is_heard(understander: Understander, text: str,
                                        expected: str) -> None:
    assert answer(understander, text) == expected
