"""Round 17 (a) of issue 15: ordinary questions about the FAQ subjects, worded as citizens
type them. The phrasings are written for these tests, not taken from the corpus; each got
another answer (or none) before this round's changes.
"""

from __future__ import annotations

import pytest

from handlers.understanding import Understander
from tests.understanding.conftest import answer

WHEN = frozenset({"faq:thoi-gian", "schedule"})
WHO = frozenset({"faq:ai-tham-gia"})
THEME = frozenset({"theme", "faq:chu-de"})
ACTIVITIES = frozenset({"activities", "faq:hoat-dong"})
CONTEST = frozenset({"contest", "faq:cuoc-thi"})
DISTRICT = frozenset({"faq:quan-huyen"})
REMIND = frozenset({"subscribe", "faq:nhac-lich"})
REPORT = frozenset({"faq:han-bao-cao", "bodies"})
TAKE_PART = frozenset({"faq:don-vi-tham-gia", "bodies"})
COURSES = frozenset({"courses", "faq:khoa-hoc-truc-tuyen", "courses:khoa-hoc"})
INTERNET = frozenset({"faq:internet-an-toan", "courses:ky-nang-so"})
CONTACTS = frozenset({"contacts", "faq:lien-he"})

_CASES = [
    # the Week named as the subject of what is asked of it
    ("tuan le hoc tap suot doi dien ra vao thang may", WHEN),
    ("bao giờ thì có tuần lễ học tập suốt đời hả ad", WHEN),
    ("tuần lễ này dành cho những ai", WHO),
    ("tuần lễ học tập năm nay nói về vấn đề gì", THEME),
    ("tuan le co nhung gi hay ho", ACTIVITIES),
    ("mục tiêu của tuần lễ năm nay", THEME),
    # "thi" right before the particle "thì"
    ("em muốn dự thi thì đăng ký chỗ nào", CONTEST | {"contest_take"}),
    # "ngoài X ra … khác": X is set aside
    ("ngoai cuoc thi ra con co hoat dong gi khac khong", ACTIVITIES),
    # a list found on words an FAQ entry explains with more
    ("co su kien nao gan nha minh khong", DISTRICT),
    ("nhắc giúp mình lịch sự kiện với", REMIND),
    ("muốn chuyển sang huyện khác", DISTRICT),
    # a day as the subject of "là"; where a report is sent
    ("ngày 15/10 là hạn gì vậy", REPORT),
    ("bc tuần lễ nộp về sở hay hội khuyến học ạ", REPORT),
    # the words a unit, a learner, a caller use
    ("đơn vị có cần làm hồ sơ đăng ký gì không", TAKE_PART),
    ("cong ty minh muon tham gia huong ung thi lam sao", TAKE_PART),
    ("ở nhà học từ xa được không ad", COURSES),
    ("lớp hướng dẫn tìm kiếm thông tin trên mạng", INTERNET),
    ("cho mình số máy để gọi hỏi", CONTACTS),
    ("năm nay tuần lễ có những chương trình nào", ACTIVITIES),
]


@pytest.mark.parametrize(("text", "expected"), _CASES)
def test_an_ordinary_question_about_the_faq(understander: Understander, text: str,
                                            expected: frozenset[str]) -> None:
    assert answer(understander, text) in expected
