"""Round 31 (b): off-topic questions in the Week's own shapes with a twist: another app's
notifications, a bank's card, what another organisation holds this week, the weather of a day
asked before going out; and the Week's own asked in the same shapes, which keep their answers.

Blind cases, other words than round 31b's corpus batches (BENCHMARKS §8.110).
"""

from __future__ import annotations

import pytest

from handlers.understanding import Understander
from tests.understanding.conftest import answer, with_left

# Another app's notifications (understand.py `_notices_of_an_app`), a bank's card
# (`_CARD_SERVICE`), another organisation's own doings (`_organisation_holds`), another's contest
# (`_contest_of_other`; its two cases written after that fix), the weather of a day
# (`_weather_asked`), a school term, another app installed (lexicon, `elsewhere`).
OFF_TOPIC = [
    "instagram không báo tin khi có người nhắn, sửa sao",
    "tat thong bao tiktok tren dt the nao",
    "messenger cu hien thong bao lien tuc phien qua",
    "mở thẻ atm cho sinh viên cần mang gì",
    "cay atm o cat bi co rut duoc tien ko",
    "hội cựu chiến binh quận tổ chức gì vào thứ bảy này",
    "chi doan truong to chuc gi tuan nay vay",
    "mặt trận xã tổ chức những gì trong tuần",
    "sáng mai trời có rét không",
    "toi nay troi co mua ko ad",
    "hk1 nam nay thi ngay nao",
    "tiền bán trú tháng này đóng ở đâu",
    "cai capcut tren may tinh duoc ko",
    "cuộc thi viết chữ đẹp của trường tiểu học khi nào trao giải",
    "thi an toan lao dong cua cong ty han nop bai bao gio",
]
# The Week's own, asked in the same shapes.
OWN = [
    ("tắt thông báo nhắc lịch của bot giúp tôi", ("unsubscribe", "faq:nhac-lich")),
    ("có nhắc lịch qua zalo không", ("subscribe", "faq:nhac-lich")),
    ("tuần này tuần lễ có hoạt động gì", ("schedule", "activities")),
    ("mai có sự kiện gì", ("day:2020-10-02",)),
    ("đoàn thanh niên phường muốn tổ chức hoạt động hưởng ứng tuần lễ thì làm gì",
     ("faq:don-vi-tham-gia", "bodies", "activities", "faq:hoat-dong")),
    ("kẻ gian gọi điện đòi số thẻ atm của tôi", ("faq:internet-an-toan",)),
    ("tham gia cuộc thi có mất phí không", ("faq:chi-phi",)),
    ("cuộc thi công dân học tập của thành phố khi nào hết hạn",
     ("contest", "faq:cuoc-thi", "event:cuoc-thi-dong")),
]
LEFT: dict[str, str] = {
    "instagram không báo tin khi có người nhắn, sửa sao":
        "faq:internet-an-toan with round 38's examples (§8.157): the vote's safe Internet 0.41 "
        "against no information "
        "0.33 (its nearest the FAQ's, 0.44)",
}


@pytest.mark.parametrize(("text", "expected"),
                         with_left([(t, "dont_know") for t in OFF_TOPIC], LEFT))
def test_an_off_topic_twist_gets_no_answer_of_the_week(understander: Understander, text: str,
                                                        expected: str) -> None:
    assert answer(understander, text) == expected


@pytest.mark.parametrize(("text", "expected"), OWN)
def test_the_weeks_own_in_the_same_shape_keeps_its_answer(
        understander: Understander, text: str, expected: tuple[str, ...]) -> None:
    assert answer(understander, text) in expected
