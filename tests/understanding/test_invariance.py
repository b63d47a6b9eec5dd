"""The same question said another way gets the same answer (issue 15, round 9): a call or a
polite opener before it, particles after it, the city's name at the end, another pronoun,
typed without marks. The phrasings are written for these tests, not taken from the corpus;
`python -m bench.understanding_invariance` measures the same on the tuned corpus.
"""

from __future__ import annotations

import pytest

from bench.understanding_invariance import location, prefix, strip_marks, suffix, teencode
from handlers.understanding import Understander
from tests.understanding.conftest import THU, answer


@pytest.mark.parametrize(("text", "expected"), [
    ("ad ơi đọc sách", "library"),
    ("bot ơi sđt", "contacts"),
    ("ad ơi văn hóa đọc", "library"),
])
def test_a_name_after_a_call_is_what_is_asked(understander: Understander, text: str,
                                              expected: str) -> None:
    assert answer(understander, text) == expected


@pytest.mark.parametrize("text", ["btc ơi", "chào ban tổ chức"])
def test_a_name_before_a_call_or_after_a_greeting_is_still_spoken_to(
        understander: Understander, text: str) -> None:
    assert answer(understander, text) == "smalltalk:greeting"


def test_a_particle_typed_with_marks_does_not_make_the_message_typed_with_them(
        understander: Understander) -> None:
    # "dâu" is a wrong mark for "đâu"; "nhé" alone must not make "lich thi" words typed
    # with marks (then "thi" would be only "thi", "lich" only "lich")
    assert answer(understander, "lich thi dâu nhé") == "contest"


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param(  # not "hỏi ai": the contacts
        "xin hỏi ai phụ trách cuộc thi", "contest", marks=pytest.mark.xfail(
            strict=True, reason="contacts since round 29a's examples: the rules read the contest "
            "without the leave to ask, and the examples' model's second opinion (p 0.78, the "
            "contest 0.07) overrules them, whoever is 'phụ trách' being asked for in the "
            "round's whom-to-reach lines")),
    ("cho minh hoi chut khai mac luc may gio", "event:khai-mac"),
])
def test_the_words_that_ask_leave_to_ask_are_no_words_of_the_question(
        understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) == expected


@pytest.mark.parametrize("text", ["cho em hỏi ban tổ chức", "xin hỏi ban tổ chức ạ"])
def test_asking_leave_to_ask_the_organisers_is_asking_them(understander: Understander,
                                                           text: str) -> None:
    assert answer(understander, text) == "ask"


def test_off_topic_after_a_polite_opener_stays_unanswered(understander: Understander) -> None:
    assert answer(understander, "xin hỏi giá vàng hôm nay") == "dont_know"
    assert answer(understander, "cho em hỏi thời tiết tại hp") == "dont_know"


def test_thanks_after_a_call_is_thanks(understander: Understander) -> None:
    assert answer(understander, "ad ơi cảm ơn thư viện nhiều") == "smalltalk:thanks"


def test_a_part_denied_after_a_polite_opener(understander: Understander) -> None:
    text = "dạ cho em hỏi không phải cuộc thi, em hỏi khóa học"
    assert answer(understander, text) == "courses"


@pytest.mark.parametrize("text", [
    "chu de tuan le nam 2020 la gi nhe",
    "cho em hoi chu de tuan le nam 2020 la gi a",
    "xin hỏi chủ đề tuần lễ năm 2020 là gì với ạ",
])
def test_an_faq_question_said_politely_is_that_question(understander: Understander,
                                                        text: str) -> None:
    assert answer(understander, text) == "faq:chu-de"


def test_the_city_said_at_the_end_says_nothing(understander: Understander) -> None:
    assert answer(understander, "tuan le nam nay o hai phong co chu de gi") == "theme"
    # and it does not make an off-topic question one of the Week's
    assert answer(understander, "gia vang hom nay o hai phong") == "dont_know"
    assert answer(understander, "thoi tiet tai hp") == "dont_know"


@pytest.mark.parametrize(("text", "expected"), [
    ("nhắc em với", "subscribe"),
    ("nhắc cháu trước khi có sự kiện nhé", "subscribe"),
    ("xem điểm của tui", "leaderboard"),
])
def test_a_phrase_written_with_toi_holds_every_pronoun(understander: Understander, text: str,
                                                       expected: str) -> None:
    assert answer(understander, text) == expected


def test_toi_typed_without_marks_after_whose_it_is_is_who_writes(
        understander: Understander) -> None:
    typed = understander.understand("nha toi o le chan", THU)
    marked = understander.understand("nhà tôi ở lê chân", THU)
    assert typed.words == marked.words
    # "tối" still, before the day it is in
    assert answer(understander, "toi nay co gi") == "day:2020-10-01@toi"


def test_the_variations_of_the_benchmark() -> None:
    assert strip_marks("Đọc sách ở đâu") == "Doc sach o dau"
    assert prefix("cho em hỏi")("Lịch mai") == "cho em hỏi lịch mai"
    assert prefix("cho em hỏi")("lich mai") == "cho em hoi lich mai"
    assert suffix("ạ")("lịch mai?") == "lịch mai ạ?"
    assert suffix("??")("lịch mai?") == "lịch mai??"
    assert suffix("không ạ")("có thi không") == "có thi không"  # asks already
    assert teencode("không", ("ko",))("có thi không") == "có thi ko"
    assert teencode("mình", ("mk",))("điện thoại thông minh của mình") == (
        "điện thoại thông minh của mk")
    assert location("tại hp")("có thi không ạ") == "có thi tại hp không ạ"


def test_a_word_that_may_be_a_filler_says_all_it_says_in_a_phrase_of_the_answer(
        understander: Understander) -> None:
    # typed without marks, "chu de" (chủ đề, or chú để) is the theme's phrase; the story
    # around it no longer outweighs it
    text = "chu de tuan le nam nay de lop minh viet bao tuong la gi"
    assert answer(understander, text) == "theme"


@pytest.mark.parametrize("text", ["cuoc thi hoa khoi nam nay ai thang",
                                  "chuc mung ngay nha giao viet nam",
                                  "thi hoa hau viet nam bao gio chung ket"])
def test_other_contests_and_days_typed_without_marks_stay_unanswered(
        understander: Understander, text: str) -> None:
    assert answer(understander, text) == "dont_know"
