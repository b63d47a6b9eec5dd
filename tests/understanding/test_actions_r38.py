"""Round 38: the bot's actions told apart from talk about them. Stopping the reminders said
with a bare denial and "nữa" ("không gửi … nữa", "đừng … nữa" typed without marks, "không còn
muốn", "hết muốn", "chưa muốn"); the reminders asked about, complained of or told received
("sao không thấy tin nhắc", "bot có gửi … không", "bấm nhầm đăng ký"), which must never
subscribe anyone; how the quiz goes asked with the words that take it ("làm bài thi có bị tính
giờ không") against a request to take it now; what the bot can do and its buttons.

Blind cases, other words than round 38's corpus batch (BENCHMARKS §8.151).
"""

from __future__ import annotations

import pytest

from handlers.understanding import Understander
from tests.understanding.conftest import answer, with_left

# The reminders stopped, in words the lexicon's phrases do not hold whole.
STOPPED = [
    "bot không báo lịch cho cô nữa nhé",
    "ko gui thong bao cho chau nua",
    "dung nhac lich cho bac nua",
    "bà không còn muốn nhận tin nhắn nữa đâu",
    "hết muốn nhận thông báo rồi ad ơi",
    "thông báo của tuần lễ thì thôi nhé",
    "nhận tin nhắc làm gì nữa, tuần lễ xong rồi",
    "xóa mình khỏi danh sách nhận tin nhé",
    "cancel my reminders please",
]
# The reminders asked about, complained of, told received or not: their FAQ (or nothing),
# never a subscription.
NOT_SUBSCRIBED = [
    "tại sao bot không nhắn lịch cho tôi",
    "sao mấy hôm nay không thấy thông báo",
    "mình chưa nhận được tin nhắc nào cả",
    "ai cho bot gửi tin cho bố tôi vậy",
    "tôi có đăng ký đâu mà bot vẫn nhắn tin",
    "bot có nhắn lịch cho người già không",
    "con tôi lỡ bấm đăng ký nhận tin",
]
# How the quiz goes, asked with the words that take it: the contest's facts.
ABOUT_THE_QUIZ = [
    "làm bài thi có bị giới hạn thời gian không",
    "tham gia thi thì được những gì",
    "ông bà 70 tuổi tham gia thi được không",
    "làm bài thi cần chuẩn bị những gì",
    "làm bài được tối đa mấy lần",
]
# The quiz asked for now: taken.
TAKE_NOW = [
    "cho bác làm bài trắc nghiệm với",
    "làm bài thi tìm hiểu luôn đi",
    "mình thi được chưa ad",
    "bấm vào đâu để bắt đầu thi",
]
# What the bot can do, its buttons.
HELP_MENU = [
    ("cháu có thể giúp bà những gì", ("help",)),
    ("em có thể hỏi bot những gì ạ", ("help",)),
    ("con bot này dùng để làm gì", ("help",)),
    ("mất hết nút bấm rồi, hiện lại giúp", ("menu", "help")),
    ("mở bảng chọn cho tôi", ("menu",)),
]
LEFT = {
    "thông báo của tuần lễ thì thôi nhé":
        "'thông báo' alone finds no reminders' answer here (the Week's name takes it), so 'thì "
        "thôi' after them has nothing to cancel",
    "làm bài được tối đa mấy lần":
        "'tối' of 'tối đa' (at most) is read as the evening: the day's evening is answered",
    "cho bác làm bài trắc nghiệm với":
        "the contest FAQ's keyword 'làm bài' holds the take's words and outranks it; the elder's "
        "'cho bác' request is not weighed on this path (with 'cho em' the rules ask back)",
    "mình thi được chưa ad":
        "'thi' alone finds no take, only the contest; a leave asked with 'được chưa' after a "
        "bare 'thi' is not read as a request",
}


@pytest.mark.parametrize(("text", "expected"),
                         with_left([(t, "unsubscribe") for t in STOPPED], LEFT))
def test_the_reminders_stopped_in_other_words(understander: Understander, text: str,
                                              expected: str) -> None:
    assert answer(understander, text) == expected


@pytest.mark.parametrize("text", NOT_SUBSCRIBED)
def test_talk_about_the_reminders_subscribes_no_one(understander: Understander,
                                                    text: str) -> None:
    assert answer(understander, text) not in ("subscribe", "unsubscribe")


@pytest.mark.parametrize(("text", "expected"), with_left(
    [(t, ("contest", "faq:cuoc-thi")) for t in ABOUT_THE_QUIZ], LEFT))
def test_the_quiz_asked_about_is_not_started(understander: Understander, text: str,
                                             expected: tuple[str, ...]) -> None:
    assert answer(understander, text) in expected


@pytest.mark.parametrize(("text", "expected"),
                         with_left([(t, "contest_take") for t in TAKE_NOW], LEFT))
def test_the_quiz_asked_for_now_is_taken(understander: Understander, text: str,
                                         expected: str) -> None:
    assert answer(understander, text) == expected


@pytest.mark.parametrize(("text", "expected"), with_left(HELP_MENU, LEFT))
def test_what_the_bot_can_do_and_its_buttons(understander: Understander, text: str,
                                             expected: tuple[str, ...]) -> None:
    assert answer(understander, text) in expected
