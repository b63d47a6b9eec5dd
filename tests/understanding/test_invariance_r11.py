"""Round 11 of issue 15: a letter typed twice in a word with another pair, "a" typed without
marks after "có", question words said another way. The phrasings are written for these
tests, not taken from the corpus; `python -m bench.understanding_invariance --only r10`
measures the same on the tuned corpus.
"""

from __future__ import annotations

import pytest

from handlers.understanding import Understander
from tests.understanding.conftest import answer


@pytest.mark.parametrize(("text", "expected"), [
    ("tham gia co frree ko", "faq:chi-phi"),  # "free", the other pair "ee" is no key
    ("nggay kia co gi", "day:2020-10-03"),
    ("nggaykia co gi", "day:2020-10-03"),  # one pair: the rest read again, two words
])
def test_a_letter_typed_twice(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("cuoc thi co mat phi a", "faq:chi-phi"),
    ("cho con toi thi co phai dong tien a", "faq:chi-phi"),
])
def test_unmarked_a_after_co_asks_yes_or_no(understander: Understander, text: str,
                                            expected: str) -> None:
    assert answer(understander, text) == expected


@pytest.mark.parametrize("text", ["chieu mai o quan le chan co su kien gi",
                                  "tuan le nam nay co hoat dong gi cho nguoi gia"])
def test_unmarked_a_after_co_gi_is_polite(understander: Understander, text: str) -> None:
    # "có … gì ạ" asks what: the polite "ạ" changes nothing
    assert answer(understander, text + " a") == answer(understander, text)


def test_unmarked_a_off_topic_stays_unanswered(understander: Understander) -> None:
    assert answer(understander, "nha ban co nuoi meo a") == "dont_know"


@pytest.mark.parametrize(("text", "expected"), [
    ("bot nay su dung ra sao", "help"),
    ("dùng bot như nào hả ad", "help"),
    ("thu vien quan le chan o cho nao", "library"),
])
def test_question_word_said_another_way(understander: Understander, text: str,
                                        expected: str) -> None:
    assert answer(understander, text) == expected


def test_where_said_another_way_reads_as_where(understander: Understander) -> None:
    assert (answer(understander, "thi cong dan hoc tap tren mang o dia diem nao")
            == answer(understander, "thi cong dan hoc tap tren mang o dau"))


@pytest.mark.parametrize(("slip", "typed"), [
    ("gia vaang 9999 hom nay bao nhieu", "gia vang 9999 hom nay bao nhieu"),  # no "vâng"
    ("hoom nay co su kien gi o le chan", "hom nay co su kien gi o le chan"),
    ("chọn ngoon ngữ khác cho bot", "chọn ngôn ngữ khác cho bot"),  # marks beside it: ngôn
])
def test_a_vowel_typed_twice_is_read_as_the_words_around_decide(
        understander: Understander, slip: str, typed: str) -> None:
    assert answer(understander, slip) == answer(understander, typed)
