"""Two spellings of one word: i and y after k, l, m, s, t and qu ("kỹ"/"kĩ", "tỷ"/"tỉ",
"kỳ"/"kì"), and "quy định" for the contest's rules (2026-12-06, lead; BENCHMARKS §8.67).

Both spellings are taught and typed (the old "kỹ thuật", "lý do" beside the new "kĩ thuật",
"lí do"); typed without marks, "ki"/"ky", "ti"/"ty" are the same word to the writer, so a phrase
of the content written one way must be found written the other. Not after other consonants
("vì", "đơn vị") nor without a tone ("công ty"): those have one spelling.
"""

from __future__ import annotations

import pytest

from handlers.understanding import Understander
from handlers.understanding.index import i_y_twin
from handlers.understanding.normalise import make_token
from tests.understanding.conftest import answer

SKILLS = "event:lop-ky-nang-so / courses:ky-nang-so"

BOTH_WAYS = [
    # (the message in one spelling, the other, the answers that are right)
    ("kì thi công dân học tập có mấy câu", "kỳ thi công dân học tập có mấy câu", "contest"),
    ("lớp kĩ năng số cho người già học ở đâu", "lớp kỹ năng số cho người già học ở đâu", SKILLS),
    ("lop ki nang so cho nguoi gia hoc o dau", "lop ky nang so cho nguoi gia hoc o dau", SKILLS),
    ("tỉ giá đô hôm nay bao nhiêu", "tỷ giá đô hôm nay bao nhiêu", "dont_know"),
    ("ti gia do hom nay bn", "ty gia do hom nay bn", "dont_know"),
    ("ti so tran dau toi qua", "ty so tran dau toi qua", "dont_know"),
    ("đăng kí nhận tin nhắc lịch", "đăng ký nhận tin nhắc lịch", "subscribe"),
    ("cho hỏi tí, mai có sự kiện gì", "cho hỏi tý, mai có sự kiện gì", "day:2020-10-02"),
]


@pytest.mark.parametrize(("one", "other", "expected"), BOTH_WAYS)
def test_either_spelling_gets_the_answer(understander: Understander, one: str, other: str,
                                         expected: str) -> None:
    right = expected.split(" / ")
    assert answer(understander, one) in right
    assert answer(understander, other) in right


@pytest.mark.parametrize("text", ["quy định của cuộc thi là gì", "cuộc thi có quy định gì",
                                  "qui định cuộc thi thế nào", "quy dinh cuoc thi"])
def test_the_contest_rules_asked_as_quy_dinh(understander: Understander, text: str) -> None:
    assert answer(understander, text) in ("contest", "faq:cuoc-thi")


@pytest.mark.parametrize("text", ["quy định về phòng dịch ở hải phòng", "quy định đi xe máy"])
def test_other_rules_are_no_information(understander: Understander, text: str) -> None:
    assert answer(understander, text) == "dont_know"


@pytest.mark.parametrize(("word", "twin"), [("kỹ", "kĩ"), ("lí", "lý"), ("tỷ", "tỉ"),
                                            ("quý", "quí"), ("mỹ", "mĩ"), ("sĩ", "sỹ")])
def test_the_twin_spelling(word: str, twin: str) -> None:
    assert i_y_twin(make_token(word)).text == twin
    assert i_y_twin(make_token(twin)).text == word


@pytest.mark.parametrize("word", ["vì", "vị", "thi", "chị", "ty", "ki", "ý", "tay", "hì"])
def test_words_of_one_spelling_have_no_twin(word: str) -> None:
    assert i_y_twin(make_token(word)).text == word


def test_a_filler_of_two_words_is_a_run_in_both_spellings(understander: Understander) -> None:
    # "vật lý" is a filler of the lexicon; "vật lí" the same words in the other spelling:
    # both are runs of fillers (their words ask for nothing together)
    runs = understander.index.filler_runs
    assert ("vat", "ly") in runs and ("vat", "li") in runs
