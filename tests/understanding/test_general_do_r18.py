"""Round 18 (c) of issue 15: the classes round 17 (c) and (d) fixed, said in other words, other
word orders, with and without marks, other shorthands of the same words. The phrasings are
written for these tests (not taken from the corpus); most failed on the code before this round,
whose fixes matched one wording each. What they check is the answer the user gets.
"""

from __future__ import annotations

import pytest

from handlers.understanding import Understander
from tests.understanding.conftest import answer

CONTACTS = frozenset({"contacts", "faq:lien-he"})
SUBSCRIBE = frozenset({"subscribe", "faq:nhac-lich"})
COURSES = frozenset({"courses", "courses:khoa-hoc", "faq:khoa-hoc-truc-tuyen"})

_CASES = [
    # every day / every week, the words apart, asked with "(có) … được không"
    ("sáng nào bot cũng báo lịch cho em được không", SUBSCRIBE),
    ("bot gui lich hg tuan cho e dc ko", SUBSCRIBE),
    ("ngày nào cũng nhắn lịch cho tôi nha", SUBSCRIBE),
    ("bot có gửi lịch mỗi tuần không", SUBSCRIBE),
    # a message for the organizers: a verb that carries it, addressed to them
    ("cho tôi gửi lời nhắn tới ban tổ chức", {"ask"}),
    ("nhan voi btc giup em la e muon dang ky lam tinh nguyen vien", {"ask"}),
    ("chuyển lời tới ban tổ chức giúp tôi", {"ask"}),
    # delete or keep what is mine, whatever it is called
    ("huy ho so ca nhan cua minh", {"privacy"}),
    ("bot lưu những gì về tôi", {"privacy"}),
    ("xoa ttin ca nhan cua e", {"privacy"}),
    # English words naming a language
    ("i dont speak vietnamese", {"language"}),
    # shorthand: the first syllable cut to its consonants, the second whole
    ("cho e xem xhang cuoc thi", {"leaderboard"}),
    ("gthuong cuoc thi la gi", {"contest", "faq:cuoc-thi"}),
    ("tgia thi co mphi ko", {"faq:chi-phi"}),
    ("khi nao bdau tuan le", {"faq:thoi-gian"}),
    ("cphi tgia la bn", {"faq:chi-phi"}),
    ("tnguyen hoc tap o dau", COURSES),
    # "tl" is also tuần lễ, where its neighbours say so
    ("cđ cua tl nam nay la gi", {"theme", "faq:chu-de"}),
    # already right before this round; kept so the new rules do not take them
    ("cho minh xin cai so dt de goi btc", CONTACTS),
    ("vao thi lien di ad", {"contest_take"}),
    ("ai dang dung dau cuoc thi", {"leaderboard"}),
    ("thoi khong nhan thong bao nua", {"unsubscribe"}),
]


@pytest.mark.parametrize(("text", "expected"), _CASES)
def test_general_request(understander: Understander, text: str,
                         expected: frozenset[str] | set[str]) -> None:
    assert answer(understander, text) in expected


@pytest.mark.parametrize(("text", "expected"), [
    # a report, a plan or a file sent to the organizers is no message for them
    ("gửi báo cáo cho ban tổ chức ở đâu", "faq:han-bao-cao"),
    ("gui cho btc bao cao so lieu", "faq:han-bao-cao"),
    # the reminders stopped, not what is mine
    ("hủy đăng ký của tôi", "unsubscribe"),
    # a doubled key is no cut syllable ("ddien" is điện)
    ("so ddien thoai btc", "contacts"),
])
def test_not_the_new_rules(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) == expected


def test_a_salutation_is_no_message(understander: Understander) -> None:
    assert answer(understander, "kính gửi ban tổ chức, trường em xin đăng ký") != "ask"


def test_every_day_still_stops(understander: Understander) -> None:
    assert answer(understander, "đừng gửi lịch mỗi ngày nữa") != "subscribe"
