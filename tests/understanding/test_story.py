"""Long messages that tell a story around their question, and the words around a phrase that
change what it asks (issue 15, fourth round). Phrasings written for this test, not taken from
the corpus."""

from __future__ import annotations

from datetime import date

import pytest

from content import Edition
from handlers.understanding import Understander
from handlers.understanding.dates import find_date
from handlers.understanding.normalise import tokenize

THU = date(2020, 10, 1)


@pytest.mark.parametrize(("text", "route"), [
    # the story says less than the question
    ("cháu tôi học lớp 7, nhà ở xa trung tâm, tham gia cuộc thi có mất tiền không",
     ("faq", "chi-phi")),
    ("bố tôi thấy trên tivi nói có lớp dạy dùng điện thoại thông minh, lớp đó học ở đâu",
     ("faq", "internet-an-toan")),
    # what follows "muốn biết", "cho hỏi" is asked
    ("hôm trước tôi đã làm bài thi, nay muốn biết mình đứng thứ mấy", ("leaderboard", "")),
    ("tôi được cử đi dự lễ khai mạc, cho hỏi tổ chức ở đâu", ("event", "khai-mac")),
    # a day and an event held that day, asked where: the event
    ("tôi được cử đi dự lễ khai mạc sáng nay, cho hỏi tổ chức ở đâu", ("event", "khai-mac")),
    # the words of a question about where are no subject of their own
    ("lễ bế mạc diễn ra ở địa điểm nào", ("event", "tong-ket")),
    # a district's name is a known word
    ("sự kiện của huyện Tiên Lãng xem ở đâu", ("faq", "quan-huyen")),
    # events named after the contest give way to it when nothing asks when or where
    ("thi công dân học tập thế nào", ("contest", "")),
    # "về" names the subject
    ("khóa học về kỹ năng số", ("courses", "ky-nang-so")),
    # two letters swapped
    ("ngay mia co su kien gi", ("day", "2020-10-02")),
    ("buổi tối mai có gì", ("day", "2020-10-02 toi")),
    # a public contact is named by its address
    ("số 22 Lê Đại Hành là chỗ nào vậy", ("contacts", "")),
    # an answer found on fillers only ("làm được những gì") still answers
    ("chatbot này làm được những gì thế", ("help", "")),
    ("ông tôi tuổi cao, chân yếu, mua vé xem lễ khai mạc có mất tiền không",
     ("faq", "chi-phi")),
])
def test_what_is_asked(understander: Understander, text: str, route: tuple[str, str]) -> None:
    found = understander.understand(text, THU)
    assert (found.feature, found.arg) == route, found


@pytest.mark.parametrize("text", [
    "tôi muốn đặt phòng khách sạn ở đồ sơn cuối tuần này",
    "con tôi năm nay vào lớp 10, học thêm toán ở đâu tốt",
])
def test_a_story_about_something_else_stays_no_information(understander: Understander,
                                                          text: str) -> None:
    assert understander.understand(text, THU).feature == "unknown"


@pytest.mark.parametrize("text", ["nhắc tôi lịch mỗi sáng nhé", "gửi tin hằng tối"])
def test_every_morning_names_no_day(edition: Edition, text: str) -> None:
    ref = find_date(tokenize(text), THU, edition)
    assert ref is None, ref
