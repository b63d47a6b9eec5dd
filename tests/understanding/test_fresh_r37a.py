"""Round 37 (h37freshA): the classes of phrasing a fresh blind set written as citizens of every
age and role write (parents for a child, grandparents, pupils, factory workers, teachers, ward
officers, librarians, retirees; BENCHMARKS §8.147) found weak, each asked in words written for
this test, not the corpus's:

- a part of the day typed without marks before the day after tomorrow ("toi ngay kia", "chieu
  bua mot"): that day's part, as "toi ngay mai" already was;
- an older person asking whether they can still learn or take part ("còn đi học được nữa
  không"): who may take part, not "no information";
- a library asking how to join hands with another library ("muốn liên kết với thư viện
  trường"): the libraries' cooperation programme;
- whether the organisers have anything new to say ("btc có thông báo gì mới không"): the
  bulletin of what they sent, not the reminders' FAQ;
- the unit a pupil or a class registers under for the contest ("đăng ký theo đơn vị nào",
  "thi theo trường hay theo quận"): the contest's rules, not the bodies that organise the Week;
- when the writer would learn online ("học online buổi sáng được không", "muốn học thêm trực
  tuyến buổi chiều"): a habit, the courses, not this morning's or this afternoon's events.

Beside each class, the same words asking something else keep their answer.
"""

from __future__ import annotations

import pytest

from handlers.understanding import Understander
from tests.understanding.conftest import answer

DAY_AFTER_PARTS = [
    ("toi ngay kia thu vien co hoat dong gi", "day:2020-10-03@toi"),
    ("chieu ngay kia co su kien nao khong ad", "day:2020-10-03@chieu"),
    ("sang ngay kia co lop nao cho nguoi gia", "day:2020-10-03@sang"),
    ("toi bua mot co gi vay", "day:2020-10-03@toi"),
    ("chieu bua kia co gi ko", "day:2020-10-03@chieu"),
]
DAY_AFTER_NEAR = [
    ("toi ngay mai co gi", "day:2020-10-02@toi"),
    ("sáng ngày kia có gì", "day:2020-10-03@sang"),
]

STILL_LEARN = [
    "bà 80 tuổi rồi còn đi học được nữa không",
    "ong ngoai chau 78 tuoi roi hoc duoc nua ko",
    "tôi nghỉ hưu lâu rồi, còn tham gia được nữa không",
    "gia nhu bac thi di hoc duoc nua khong chau",
]
STILL_NEAR = [("thi một lần rồi thì thi lại được nữa không", ("contest",))]

LIBRARIES_JOIN = [
    "thư viện xã muốn liên kết với thư viện trường cấp 2 thì làm sao",
    "tv truong minh muon ket noi voi thu vien phuong thi lam the nao",
    "thư viện nhà văn hóa muốn phối hợp với thư viện trường học gần đó",
]
LIBRARIES_NEAR = [("sach cua thu vien nay dem sang thu vien khac duoc khong",
                   ("programme:luan-chuyen-sach",))]

NEWS_OF_ORGANISERS = [
    "btc có thông báo gì mới không ạ",
    "co thong bao gi moi ko ad",
]
# (asked to be told when there is news: the reminders, as the corpus writes it)
NEWS_NEAR = [
    ("đăng ký nhận thông báo mới giúp tôi", ("subscribe",)),
    ("có thông báo mới thì nhắn cho tôi nhé", ("subscribe", "faq:nhac-lich")),
    ("khi nao co thong bao moi thi bao toi", ("subscribe", "faq:nhac-lich")),
]

CONTEST_UNIT = [
    "con tôi thi thì đăng ký theo đơn vị nào",
    "hs dang ky thi theo truong hay theo quan",
    "đăng ký dự thi thì chọn đơn vị nào",
]
CONTEST_UNIT_NEAR = [
    ("đơn vị nào chủ trì tuần lễ", ("bodies",)),
    ("don vi nao to chuc tuan le vay", ("bodies",)),
]

COURSES = ("courses", "courses:khoa-hoc", "faq:khoa-hoc-truc-tuyen")
LEARN_WHEN = [
    "học online buổi sáng được không",
    "học trực tuyến buổi tối có được không",
    "mẹ muốn học online buổi tối, có khóa nào hợp không",
    "muốn học thêm trực tuyến buổi chiều, có khóa nào không",
]
# (a day named beside it, or the evening asked alone, is still that day's part)
LEARN_WHEN_NEAR = [
    ("tối nay học online buổi tối có gì không", ("day:2020-10-01@toi",)),
    ("học online buổi tối mai có gì", ("day:2020-10-02@toi",)),
    ("buổi tối có sự kiện gì", ("day:2020-10-01@toi",)),
]


@pytest.mark.parametrize(("text", "expected"), DAY_AFTER_PARTS + DAY_AFTER_NEAR)
def test_a_part_of_the_day_before_the_day_after_tomorrow(
        understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) == expected


@pytest.mark.parametrize("text", STILL_LEARN)
def test_an_older_person_asks_whether_they_can_still_learn(
        understander: Understander, text: str) -> None:
    assert answer(understander, text) == "faq:ai-tham-gia"


@pytest.mark.parametrize("text", LIBRARIES_JOIN)
def test_a_library_asks_how_to_join_hands_with_another(
        understander: Understander, text: str) -> None:
    assert answer(understander, text) == "programme:hop-tac-thu-vien"


@pytest.mark.parametrize("text", NEWS_OF_ORGANISERS)
def test_anything_new_from_the_organisers_is_their_bulletin(
        understander: Understander, text: str) -> None:
    assert answer(understander, text) == "bulletin"


@pytest.mark.parametrize("text", CONTEST_UNIT)
def test_the_unit_registered_for_the_contest_is_in_its_rules(
        understander: Understander, text: str) -> None:
    assert answer(understander, text) == "contest"


@pytest.mark.parametrize("text", LEARN_WHEN)
def test_when_the_writer_would_learn_online_is_no_day(
        understander: Understander, text: str) -> None:
    assert answer(understander, text) in COURSES


@pytest.mark.parametrize(("text", "expected"), STILL_NEAR + LIBRARIES_NEAR + NEWS_NEAR
                         + CONTEST_UNIT_NEAR + LEARN_WHEN_NEAR)
def test_the_same_words_asking_something_else_keep_their_answer(
        understander: Understander, text: str, expected: tuple[str, ...]) -> None:
    assert answer(understander, text) in expected
