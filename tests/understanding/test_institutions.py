"""The people of the Week's institutions (teachers, librarians, ward officials, association
members) and near-miss questions that share the Week's words (issue 15, round 7b).
Phrasings written for this test, not taken from the corpus; the clock at 01/10/2020 07:30."""

from __future__ import annotations

from datetime import date

import pytest

from content import Edition
from handlers.understanding import Understander
from handlers.understanding.evaluate import answer_key

THU = date(2020, 10, 1)


@pytest.mark.parametrize(("text", "expected"), [
    # who writes ("tôi là …") beside a greeting is not what is asked
    ("xin chào, tôi là thủ thư trường tiểu học", "smalltalk:greeting"),
    ("chao ad, em la can bo van hoa phuong", "smalltalk:greeting"),
    # … and beside a question, the question is asked
    ("em la giao vien, han nop bao cao la ngay nao", "faq:han-bao-cao"),
    ("tôi là cán bộ xã, số điện thoại ban tổ chức là gì", "contacts"),
    # a unit asks how to take part: no registration, a plan, activities, the report
    ("trường tôi hưởng ứng tuần lễ học tập suốt đời thế nào", "faq:don-vi-tham-gia"),
    ("co quan toi muon huong ung tuan le hoc tap suot doi nam 2020 thi lam gi",
     "faq:don-vi-tham-gia"),
    ("đơn vị có phải đăng ký tham gia tuần lễ không", "faq:don-vi-tham-gia"),
    ("khi có vướng mắc thì gọi ai", "faq:lien-he"),
    ("bao cao tong ket gui ve dau", "faq:han-bao-cao"),
    # a unit named before what it must do: what it must do is asked
    ("hội khuyến học xã tôi cần nộp báo cáo trước ngày nào", "faq:han-bao-cao"),
    ("hội khuyến học tôi cần số điện thoại", "contacts"),
    # the Week's name is no event's, but an event named on words of its own still is
    ("le khai mac tuan le hoc tap suot doi o dau", "event:khai-mac"),
    ("tổng kết tuần lễ học tập suốt đời ngày nào", "event:tong-ket"),
    # thanks said beside an ok is thanks
    ("hiểu rồi, cảm ơn bạn nhiều", "smalltalk:thanks"),
    ("smartphone cho nguoi gia hoc o dau", "faq:internet-an-toan"),
    # near misses: subjects that are not the Week's, whatever words they share with it
    ("học bổng cho học sinh nghèo", "dont_know"),
    ("ket qua thi hoc sinh gioi cap quan", "dont_know"),
    ("thi chứng chỉ tin học ở đâu", "dont_know"),
    ("lop yoga cho nguoi gia", "dont_know"),
    ("lễ hội hoa anh đào có gì", "dont_know"),
    ("ngay nha giao 20/11 co gi", "dont_know"),
    ("thủ tục làm thẻ học sinh", "dont_know"),
])
def test_institutions_and_near_misses(understander: Understander, text: str,
                                      expected: str) -> None:
    assert answer_key(understander.understand(text, THU), THU) == expected


def test_the_unit_answer_says_the_report_deadline(edition: Edition) -> None:
    """The new FAQ entry repeats the seed letter's deadline, as the edition holds it."""
    entry = next(f for f in edition.faq if f.id == "don-vi-tham-gia")
    assert edition.report.deadline.strftime("%d/%m/%Y") in entry.short.vi
    assert edition.report.deadline.strftime("%d/%m/%Y") in entry.answer.vi
