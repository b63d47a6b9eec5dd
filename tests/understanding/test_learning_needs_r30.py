"""Round 30 (a) of issue 15: online learning, open resources, reading and safe Internet asked as
a need, without the Week's words.

Blind paraphrases, in other words than the round's corpus batches: a shop owner who sells
online and fears cheats, elders who want to read the news or watch lessons on a phone, a
worker who lost a job and wants a free course, a teacher looking for materials, a child glued
to a phone, scam calls and messages, hacked Zalo or Facebook, rumours online, children's
photos, books for the blind, retirees reading together, a commune's library, the classroom
bookshelf described; whether anyone near home holds readings ("có ai tổ chức đọc sách") and
whether a library opens on a day named; near misses off the Week (buying a laptop, repairing a
phone, a school's fees, selling books, game top-ups, loan apps) keep "dont_know". Figures in
BENCHMARKS §8.102.
"""

from __future__ import annotations

import pytest

from handlers.understanding import Understander
from tests.understanding.conftest import answer, with_left

COURSES = "courses:khoa-hoc / courses / faq:khoa-hoc-truc-tuyen"
LECTURES = "courses:bai-giang / courses / faq:khoa-hoc-truc-tuyen"
EBOOKS = "courses:sach-dien-tu"
LIBRARY = "library / faq:doc-sach"
SAFETY = "faq:internet-an-toan / courses:ky-nang-so / event:lop-ky-nang-so"
DIGITAL_CLASS = ("event:lop-ky-nang-so / event:an-duong-ky-nang-so / courses:ky-nang-so / "
                 "faq:internet-an-toan")
BOOKSHELF = "programme:tu-sach-lop-hoc / event:tu-sach-lop-hoc / library"

# Learning: a need told, the courses or the lectures asked.
LEARNING = [
    ("mới nghỉ việc ở xưởng may, có khóa học nghề online nào không mất tiền không", COURSES),
    ("e muon hoc them mot nghe moi tren mang, free thi cang tot", COURSES),
    ("tôi là cô giáo tiểu học, tìm tư liệu dạy học ở đâu cho phong phú", LECTURES),
    ("cho minh xin tai lieu day hoc mon khoa hoc lop 4 voi", LECTURES),
    ("lost my job last month, where can i take a free course online", COURSES),
]

# Reading: libraries, readings near home, books to listen to, the classroom bookshelf.
READ = [
    ("phường tôi có ai tổ chức đọc sách cho người già không", LIBRARY),
    ("thon e co ai to chuc doc sach cho tre con ko", LIBRARY),
    ("thư viện huyện thứ bảy có mở cửa không", LIBRARY),
    ("tv xa cn co mo ko ad", LIBRARY),
    ("bố tôi mù rồi, có sách nào nghe được không", EBOOKS),
    ("lớp cháu có cái kệ sách của lớp để các bạn mượn, cái đó gọi là gì", BOOKSHELF),
    ("các ông bà trong khu muốn rủ nhau đọc sách thì hỏi ở đâu", LIBRARY),
]

# Digital skills and safe Internet, told as what happened or what is wanted.
DIGITAL = [
    ("bà ngoại muốn tự đọc báo trên điện thoại mà không biết làm, có lớp nào không",
     DIGITAL_CLASS),
    ("ong toi muon xem tin tuc tren dien thoai, ai day ong dc", DIGITAL_CLASS),
    ("bán hàng online hay bị lừa, làm sao để tránh", SAFETY),
    ("con trai tôi cầm điện thoại cả ngày không rời, phải làm sao", SAFETY),
    ("nick zalo cua bo e bi chiem, no dang nhan tin vay tien", SAFETY),
    ("trên mạng đồn sắp cấm xe máy, làm sao biết có thật không", SAFETY),
    ("có nên đăng ảnh con lên mạng không", SAFETY),
    ("có số lạ gọi bảo tôi nợ cước, bắt chuyển tiền ngay", SAFETY),
    ("tin bịa trên facebook nhiều quá, dạy con nhận ra thế nào", SAFETY),
]

# Near misses off the Week: no confident wrong answer.
NEAR_MISSES = [
    ("mua laptop nào cho con học online tầm 12 triệu", "dont_know"),
    ("điện thoại bị sập nguồn mang ra tiệm sửa hết bao nhiêu", "dont_know"),
    ("hoc phi truong mam non tu thuc o le chan bao nhieu", "dont_know"),
    ("chỗ nào thu mua sách cũ giá cao", "dont_know"),
    ("nap the free fire o dau re", "dont_know"),
    ("app vay tiền online nào lãi thấp", "dont_know"),
]

# Guards: the plain questions keep their answers.
GUARDS = [
    ("ai tổ chức tuần lễ", "bodies"),
    ("có ai tổ chức tuần lễ này không", "bodies"),
    ("thư viện gần nhà đóng cửa chủ nhật, vậy chủ nhật này tuần lễ có hoạt động gì",
     "day:2020-10-04"),
    ("thoi dung nhan tin cho t nua", "unsubscribe"),
    ("ngày mai ủy ban có làm việc không", "dont_know"),
]

# Cases the round did not mend (strict xfail): the text, with the answer it gets and why.
LEFT: dict[str, str] = {}


@pytest.mark.parametrize(("text", "expected"), with_left(LEARNING, LEFT))
def test_learning(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


@pytest.mark.parametrize(("text", "expected"), with_left(READ, LEFT))
def test_reading(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


@pytest.mark.parametrize(("text", "expected"), with_left(DIGITAL, LEFT))
def test_digital(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


@pytest.mark.parametrize(("text", "expected"), with_left(NEAR_MISSES, LEFT))
def test_near_misses(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


@pytest.mark.parametrize(("text", "expected"), with_left(GUARDS, LEFT))
def test_guards(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")
