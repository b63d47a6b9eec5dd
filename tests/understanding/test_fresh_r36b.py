"""Round 36 b (a second fresh blind set of every kind: pupils, students, teachers, clubs,
English mixed): classes of phrasing the set found weak, each asked in new words, beside near
misses that must keep their own answer:

- the phone (or a computer) as where one does a thing, typed without marks ("nghe sach noi
  tren dien thoai", "xem khai mac tren dt dc k"): no phone number asked; the contacts' answer
  keeps "số điện thoại", "gọi điện thoại cho ai", "điện thoại của hội khuyến học";
- a courtesy followed by the writer's pronoun ("xin loi e nhan nham"): the courtesy's last word
  starts no phrase read across the pronoun ("lời … nhắn"); leaving a message for the organizers
  ("để lại lời nhắn cho btc") keeps its answer;
- the textbook asked as an e-book with "ebook" before it or "bản điện tử" after it ("ebook sgk
  lớp 6", "co sgk ban dien tu k"): the e-books, not the textbook bought, which stays no
  information;
- "hsg" (học sinh giỏi) typed by pupils and teachers: review material for it is the lectures'
  ("tai lieu on thi hsg van 9"); the exam itself stays no information;
- the borrowed English "free" said before the thing, as English says it ("co free course nao
  k"): the thing is asked, not the fee; "free" asked of the Week or the contest ("co free k",
  "cuoc thi co free k ad") keeps the fee's answer;
- "submit" typed by pupils is "nộp", not "sub" (subscribe) and a stray "mit": the attempt
  handed in is the contest's, the report handed in the report's.
"""

from __future__ import annotations

import pytest

from handlers.understanding import Understander
from tests.understanding.conftest import answer, with_left

EBOOKS = ("courses:sach-dien-tu",)
ON_THE_PHONE = [
    ("nghe sach noi tren dien thoai", EBOOKS),
    ("nghe truyen tren dien thoai duoc ko", EBOOKS),
    ("sach noi nghe tren dien thoai o dau", EBOOKS),
    ("tai sach noi tren dien thoai", EBOOKS),
    ("nghe sach tren dien thoai cho ba e", EBOOKS),
    ("nghe sách trên điện thoại cho bà em", EBOOKS),
    ("nghe truyen audio tren dt cho be", EBOOKS),
    ("xem lich tuan le tren dien thoai", ("schedule",)),
    ("xem lich hom nay tren dien thoai", ("today", "day:2020-10-01")),
    ("xem khai mac tren dien thoai dc k", ("event:khai-mac",)),
    ("xem le khai mac tren dt o dau", ("event:khai-mac",)),
    ("xem bai giang tren dien thoai", ("courses:bai-giang",)),
    ("xem video bai giang tren dt", ("courses:bai-giang",)),
    ("thi tren dien thoai duoc khong", ("contest", "faq:cuoc-thi")),
    ("lam bai thi tren dien thoai", ("contest_take", "contest")),
    ("doc truyen tranh tren dien thoai cho be", ("courses:van-hoa-doc",)),
    ("nhan tin nhac lich tren dien thoai", ("subscribe", "faq:nhac-lich")),
    ("xem bxh tren dien thoai", ("leaderboard",)),
]
CONTACTS = ("contacts", "faq:lien-he")
# The phone number asked, typed the same way: the contacts.
PHONE_NUMBER = [
    "so dien thoai btc",
    "so dien thoai tren cong van la so nao",
    "goi dien thoai cho ai de hoi",
    "lien he qua dien thoai",
    "sdt hoi khuyen hoc",
    "dien thoai cua hoi khuyen hoc",
]
SORRY = ("smalltalk:ok", "smalltalk:sorry")
COURTESY = [
    "xin loi e nhan nham",
    "xin lỗi e nhắn nhầm",
    "xin loi minh nhan nham nhe",
    "xin loi chau nhan nham a",
    "xin loi a, chau bam nham",
]
# A message left for the organizers keeps its answer.
MESSAGE_LEFT = [
    ("cho e de lai loi nhan cho btc", ("ask",)),
    ("để lại lời nhắn cho ban tổ chức", ("ask",)),
]
E_TEXTBOOK = [
    "ebook sgk lop 6",
    "co ebook sgk k",
    "sach dien tu sgk lop 10",
    "co sgk ban dien tu k",
    "e-book sách giáo khoa",
    "ebook sách giáo khoa lớp 12 tải ở đâu",
    "tai ebook sgk",
]
TEXTBOOK_BOUGHT = [
    "mua sgk lop 6 o dau",
    "sgk lop 1 moi bn tien",
    "sách giáo khoa lớp 3 bán ở đâu",
]
GIFTED_REVIEW = [
    "e can tai lieu on thi hsg van 9",
    "tai lieu on thi hsg",
]
GIFTED_EXAM = [
    "lich thi hsg thanh pho",
    "thi hsg lop 9 bao gio",
    "kq thi hsg tp nam nay",
]
COURSES_ASKED = ("courses", "courses:khoa-hoc", "faq:khoa-hoc-truc-tuyen")
FREE_THING = [
    ("co free course nao k", COURSES_ASKED),
    ("co free khoa hoc tieng anh nao k ad", COURSES_ASKED),
    ("co free course tieng anh nao hay k", COURSES_ASKED),
    ("co free ebook nao k", EBOOKS),
]
FREE_FEE = [
    "co free k",
    "free hok",
    "cuoc thi co free k ad",
    "thi co free k",
    "co mien phi khoa hoc nao k",
]
SUBMITTED = [
    ("e da submit bai thi chua", ("contest", "contest_review", "leaderboard")),
    ("e da submit bai thi chua nhi", ("contest", "contest_review", "leaderboard")),
    ("truong e phai submit report truoc ngay bn a", ("faq:han-bao-cao",)),
]
LEFT: dict[str, str] = {
    "co free course nao k": "clarify with round 38's examples (§8.157): the model's courses "
                            "0.60 against the fee 0.35 "
                            "(the nearest: the courses 0.77, the fee 0.68, 0.66): asked back",
}


@pytest.mark.parametrize(("text", "expected"), with_left(ON_THE_PHONE, LEFT))
def test_the_phone_typed_without_marks_as_where_one_does_it_is_no_number_asked(
        understander: Understander, text: str, expected: tuple[str, ...]) -> None:
    assert answer(understander, text) in expected


@pytest.mark.parametrize(("text", "expected"), with_left([(t, CONTACTS) for t in PHONE_NUMBER],
                                                         LEFT))
def test_the_phone_number_asked_keeps_the_contacts(
        understander: Understander, text: str, expected: tuple[str, ...]) -> None:
    assert answer(understander, text) in expected


@pytest.mark.parametrize(("text", "expected"), with_left([(t, SORRY) for t in COURTESY], LEFT))
def test_a_courtesy_before_the_writers_pronoun_starts_no_phrase_across_it(
        understander: Understander, text: str, expected: tuple[str, ...]) -> None:
    assert answer(understander, text) in expected


@pytest.mark.parametrize(("text", "expected"), with_left(MESSAGE_LEFT, LEFT))
def test_a_message_left_for_the_organizers_keeps_its_answer(
        understander: Understander, text: str, expected: tuple[str, ...]) -> None:
    assert answer(understander, text) in expected


@pytest.mark.parametrize(("text", "expected"), with_left([(t, EBOOKS) for t in E_TEXTBOOK], LEFT))
def test_the_textbook_asked_as_an_ebook_is_the_ebooks(
        understander: Understander, text: str, expected: tuple[str, ...]) -> None:
    assert answer(understander, text) in expected


@pytest.mark.parametrize("text", TEXTBOOK_BOUGHT)
def test_the_textbook_bought_stays_no_information(understander: Understander,
                                                  text: str) -> None:
    assert answer(understander, text) == "dont_know"


@pytest.mark.parametrize("text", GIFTED_REVIEW)
def test_review_material_for_the_gifted_pupils_exam_is_the_lectures(
        understander: Understander, text: str) -> None:
    assert answer(understander, text) == "courses:bai-giang"


@pytest.mark.parametrize("text", GIFTED_EXAM)
def test_the_gifted_pupils_exam_itself_stays_no_information(understander: Understander,
                                                            text: str) -> None:
    assert answer(understander, text) == "dont_know"


@pytest.mark.parametrize(("text", "expected"), with_left(FREE_THING, LEFT))
def test_the_borrowed_free_before_a_thing_asks_for_the_thing(
        understander: Understander, text: str, expected: tuple[str, ...]) -> None:
    assert answer(understander, text) in expected


@pytest.mark.parametrize("text", FREE_FEE)
def test_free_asked_of_the_week_keeps_the_fee(understander: Understander, text: str) -> None:
    assert answer(understander, text) == "faq:chi-phi"


@pytest.mark.parametrize(("text", "expected"), with_left(SUBMITTED, LEFT))
def test_submit_is_handing_in_not_subscribing(understander: Understander, text: str,
                                              expected: tuple[str, ...]) -> None:
    assert answer(understander, text) in expected
