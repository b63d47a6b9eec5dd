"""Round 17 (b) of issue 15: ordinary questions about what happens when and where, and what to
learn or read, said in everyday words: an event described instead of named and asked when or
where, a reading programme named on words of its own, a part of a day typed without marks, a
group of online resources named by its own word. The phrasings are written for these tests, not
taken from the corpus (the clock: Thursday 01/10/2020 07:30).
"""

from __future__ import annotations

import pytest

from bot.app import App
from handlers.understanding import Understander
from tests.conftest import Chat
from tests.understanding.conftest import answer


@pytest.mark.parametrize(("text", "event"), [
    # a reading day described, asked when or where: the event, not the library
    ("buổi ông bà và cháu cùng đọc sách tổ chức ở đâu", "doc-sach-lien-the-he"),
    ("ong ba chau cung doc sach vao hom nao", "doc-sach-lien-the-he"),
    ("ngay trao doi sach giua thu vien truong voi thu vien phuong la ngay nao",
     "luan-chuyen-sach"),
    ("ngày đổi sách báo giữa các thư viện tổ chức ở đâu", "luan-chuyen-sach"),
    # an event described, asked when, not the online courses
    ("bao gio co buoi gioi thieu cac khoa hoc online", "gioi-thieu-khoa-hoc-truc-tuyen"),
    # the Week's opening said in other words, not Monday ("đầu tuần")
    ("le mo dau tuan le to chuc luc nao", "khai-mac"),
    ("buổi mở màn tuần lễ ở đâu vậy", "khai-mac"),
])
def test_an_event_described_and_asked_when_or_where_is_the_event(
        understander: Understander, text: str, event: str) -> None:
    assert answer(understander, text) == f"event:{event}"


@pytest.mark.parametrize(("text", "programme"), [
    ("tủ sách lớp học là thế nào, có phải góp sách không", "tu-sach-lop-hoc"),
    ("thu vien truong va thu vien xa hop tac ra sao", "hop-tac-thu-vien"),
    ("tu sach lop hoc la gi, phu huynh co phai gop sach khong", "tu-sach-lop-hoc"),
])
def test_a_programme_named_on_its_own_words_is_that_programme(
        understander: Understander, text: str, programme: str) -> None:
    assert answer(understander, text) == f"programme:{programme}"


@pytest.mark.parametrize(("text", "day"), [
    ("toi ngay 3/10 co gi", "day:2020-10-03@toi"),
    ("sang ngay cuoi cung co hoat dong gi", "day:2020-10-07@sang"),
    ("chieu ngay khai mac co gi nua khong", "day:2020-10-01@chieu"),
])
def test_a_part_of_a_day_typed_without_marks_before_the_day(
        understander: Understander, text: str, day: str) -> None:
    assert answer(understander, text) == day


@pytest.mark.parametrize("text", ["dau tuan sau co gi", "lich chuyen sang ngay 5/10 a"])
def test_monday_and_a_moved_date_stay_as_they_were(understander: Understander,
                                                   text: str) -> None:
    assert answer(understander, text) == "day:2020-10-05"


@pytest.mark.parametrize(("text", "key"), [
    # a subject of elsewhere inside a longer name of the Week's own resources
    ("có sách giáo khoa điện tử cho con học lớp 1 không", "courses:sach-dien-tu"),
    ("khoa hoc mooc nao hay", "courses:khoa-hoc"),
    ("truyen tranh cho be doc online", "courses:van-hoa-doc"),
    ("khuyen doc la gi", "library"),
])
def test_what_to_learn_or_read_said_in_everyday_words(understander: Understander,
                                                      text: str, key: str) -> None:
    assert answer(understander, text) == key


def test_the_textbook_alone_is_still_not_the_weeks(understander: Understander) -> None:
    assert answer(understander, "sách giáo khoa lớp 1 mua ở đâu") == "dont_know"


async def test_the_citizen_reads_the_reading_day_asked_when(app: App) -> None:
    replies = await Chat(app, "r17b").send("hôm nào có buổi ông bà cháu cùng đọc sách vậy ad")
    shown = "\n".join(r.full_text() for r in replies)
    assert "Ngày hội đọc sách, chia sẻ tri thức liên thế hệ" in shown, shown[:300]
    assert "04/10" in shown, shown[:300]
