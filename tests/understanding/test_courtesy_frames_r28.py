"""Round 28 (a) of issue 15: courtesy frames around a question.

Citizens wrap a question in greetings and calls before it ("ad ơi", "em chào ad ạ", "alo ad",
"bot ơi cho mình hỏi xíu"), in thanks, wishes or goodbyes after it ("cảm ơn ad nhiều", "tks ạ",
"chúc ad buổi tối vui vẻ", "bye nha") and in closers ("… ad ơi", "… hả ad"). The answer must be
the question's, as if the frame were not there; a frame alone stays small talk; a thanks that
says what it thanks for stays thanks.

Blind paraphrases, written before any change of the round, in other words than the round's
corpus batches. Guards: frames alone, thanks for something, and near misses off the Week inside
a frame. Figures in BENCHMARKS §8.91.
"""

from __future__ import annotations

import pytest

from handlers.understanding import Understander
from tests.understanding.conftest import answer, with_left

NO = "dont_know"
GREETING = "smalltalk:greeting"
THANKS = "smalltalk:thanks"
BYE = "smalltalk:goodbye"

FRAMED = [
    # a greeting or a call before the question
    ("ad ơi cho hỏi thứ 6 có gì không", "day:2020-10-02"),
    ("chào ad, đầu tuần sau có sự kiện gì", "day:2020-10-05"),
    ("bot oi cho minh hoi xiu so dien thoai lien he ban to chuc", "contacts / faq:lien-he"),
    ("dạ con chào bác ạ, cho con hỏi tham gia có mất tiền không ạ", "faq:chi-phi"),
    ("alo ad thi cong dan hoc tap o dau vay", "contest_take / contest / faq:cuoc-thi"),
    ("hello ad, thư viện mở cửa mấy giờ", "library / faq:doc-sach"),
    ("chào buổi tối bot, tôi muốn nhận tin nhắc lịch", "subscribe / faq:nhac-lich"),
    ("xin chào ban tổ chức, chủ đề năm nay là gì", "theme / faq:chu-de"),
    # thanks, wishes and goodbyes after it
    ("tối nay có gì hay ko cảm ơn ad nhiều", "day:2020-10-01@toi"),
    ("cho mình số zalo của ban tổ chức nhé, cám ơn nhiều", "contacts / faq:lien-he"),
    ("có khóa học tin học online nào không ạ, em cảm ơn ạ",
     "courses:khoa-hoc / courses / faq:khoa-hoc-truc-tuyen"),
    ("bảng xếp hạng cuộc thi xem ở đâu vậy tks ạ", "leaderboard / contest"),
    ("muốn mượn sách thì làm sao, chúc ad buổi tối vui vẻ", "library / faq:doc-sach"),
    ("chủ nhật có gì cho trẻ con không, bye nha", "day:2020-10-04"),
    ("hạn nộp báo cáo là khi nào ạ, trân trọng cảm ơn", "faq:han-bao-cao / bodies"),
    ("muon dang ky thi luon, thank you ad", "contest_take / contest"),
    # closers
    ("thứ 7 có gì không hả ad", "day:2020-10-03"),
    ("lễ khai mạc ở đâu vậy ad ơi", "event:khai-mac / day:2020-10-01"),
    ("học lớp kỹ năng số có mất phí ko vậy ad", "faq:chi-phi / event:lop-ky-nang-so"),
]

FRAMES_ALONE = [
    ("dạ cháu chào cô chú ạ", GREETING),
    ("chào buổi sáng ban tổ chức", GREETING),
    ("alo ad", GREETING),
    ("em cảm ơn ad nhiều ạ", THANKS),
    ("tks ad nha", THANKS),
    ("cảm ơn bot đã nhắc lịch khai mạc", THANKS),
    ("cam on ad da tra loi cau hoi cua em", THANKS),
    ("chúc ad buổi tối vui vẻ", f"{THANKS} / {GREETING} / {BYE}"),
    ("thôi em chào ad nhé, bye", BYE),
]

NEAR_MISSES = [
    ("ad ơi cho hỏi giá xăng hôm nay, cảm ơn ad", NO),
    ("chào bạn, nhà sách nào bán truyện tranh rẻ, cảm ơn", NO),
    ("bot ơi mai có bão không ạ em cảm ơn", NO),
    ("dạ cháu chào ad, điểm thi vào lớp 10 bao giờ có ạ", NO),
]

# Cases the round did not mend (strict xfail): the text, with the answer it gets and why.
LEFT: dict[str, str] = {}


@pytest.mark.parametrize(("text", "expected"), with_left(FRAMED, LEFT))
def test_framed_question(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


@pytest.mark.parametrize(("text", "expected"), with_left(FRAMES_ALONE, LEFT))
def test_frame_alone(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


@pytest.mark.parametrize(("text", "expected"), with_left(NEAR_MISSES, LEFT))
def test_near_miss(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


# Written after the round's fixes (other words again): the same line, checked once more.
AFTER_FIXES = [
    ("thưa ban tổ chức, cho tôi hỏi lễ bế mạc ở đâu", "event:tong-ket"),
    ("ê bot, thứ 5 tuần sau có gì không", "day:2020-10-08 / dont_know / schedule"),
    ("chào cô chú ạ, cháu muốn đăng ký thi", "contest_take / contest"),
    ("giá vé xem khai mạc bao nhiêu ad ơi", "faq:chi-phi / event:khai-mac"),
    ("lịch thư viện lưu động thế nào, thanks a lot", "event:doan-xe-luu-dong / library"),
    ("có tài liệu dạy con an toàn trên mạng ko, ok cảm ơn ad",
     "faq:internet-an-toan / courses:ky-nang-so"),
    ("mai có gì hay k bạn, cảm ơn bạn trước nhé", "day:2020-10-02"),
    ("chủ đề năm nay là gì thế, chúc ban tổ chức thành công", "theme / faq:chu-de"),
    ("alo ad, có ai trực không", GREETING),
    ("chào ad, mình là giáo viên về hưu", GREETING),
    ("hay quá, cảm ơn bot nhiều nha", THANKS),
    ("bot ơi, thôi mình đi ngủ đây", BYE),
    ("bot ơi cho hỏi giá xăng mai tăng không", NO),
    ("cảm ơn ad, tiền điện tháng này sao cao thế", NO),
]


@pytest.mark.parametrize(("text", "expected"), with_left(AFTER_FIXES, LEFT))
def test_after_fixes(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")
