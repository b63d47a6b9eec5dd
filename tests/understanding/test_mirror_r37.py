"""Round 37 (the mirror of round 36's refusal): the Week's questions asked in unusual words, on
which the rules find no information and the nearest five examples do not agree, while the
examples' model is sure of one answer and an example of it is nearly as like the message as the
most alike example of all, one of "no information" or of another answer by a hair. The model's
answer is now given (Examples.sure, understand._sure, BENCHMARKS §8.145); before, the example
most like the message had to name it.

Beside them, messages on other subjects, which keep their honest "no information": the model is
not sure of an answer of the Week there, or the example most like them is far more alike than
any of the answer the model leans to. Written for this round, in the words people type.
"""

from __future__ import annotations

import pytest

from handlers.understanding import Understander
from handlers.understanding.examples import NEARLY, UNANSWERED_FLOOR
from tests.understanding.conftest import answer

# The Week's own questions, asked unusually: answered now.
ANSWERED = [
    # (giving a false name in the contest: the nearest two examples near misses of "no
    # information" about names, the model's contest 0.9 and more, its example within 15 %)
    ("khai ten gia khi thi co duoc khong", ("contest", "faq:cuoc-thi")),
    ("khai ho ten gia luc du thi co duoc khong ad", ("contest", "faq:cuoc-thi")),
]

# Asked in other unusual words, answered before this round as well: they keep their answer.
KEPT = [
    ("xin cai so de goi hoi ban to chuc ti", ("contacts", "faq:lien-he")),
    ("anh chi nao truc may de hoi thi goi so nao", ("contacts", "faq:lien-he")),
    ("em gai toi 13 tuoi bi thang la mat tren game xin anh, nha lo lam, phai xu ly ra sao",
     ("faq:internet-an-toan",)),
    ("bo toi cu bam link nhan qua tren facebook", ("faq:internet-an-toan",)),
    ("mat mang giua chung thi co duoc thi lai khong", ("contest", "faq:cuoc-thi")),
    ("tuần lễ năm nay bày những gì ra cho dân xem", ("activities", "faq:hoat-dong")),
]

# Other subjects, some sharing the Week's words (a phone number to ask, a library's hours, a
# child's marks, a lost pet, a night shift's day off): still "no information".
ELSEWHERE = [
    "nha e co con meo bi lac, ai thay bao e voi",
    "con e bi diem kem mon van phai lam sao",
    "thu vien ha noi may gio mo cua",
    "thu vien quoc gia ha noi may gio dong cua",
    "cong nhan ca dem co duoc nghi bu khong",
    "bao hiem xe may mua o dau",
    "thay giao cu phat con toi dung bang thi bao ai",
    "dien thoai cua toi bi vo man hinh thi sua o dau",
    "toi muon mo the ngan hang cho con",
    "tra cuu diem thi vao lop 10 o dau",
    "lam the can cuoc cho con o dau",
    "ban oi lam sao de nau pho ngon",
    "toi bi dau bung thi uong thuoc gi",
    "xe bus so 2 may gio chay",
    "tren mang dang noi duong lach tray cam xe, that khong",
]


@pytest.mark.parametrize(("text", "expected"), ANSWERED + KEPT)
def test_the_weeks_question_asked_unusually_is_answered(
        understander: Understander, text: str, expected: tuple[str, ...]) -> None:
    assert answer(understander, text) in expected


@pytest.mark.parametrize("text", ELSEWHERE)
def test_another_subject_keeps_no_information(understander: Understander, text: str) -> None:
    assert answer(understander, text) == "dont_know"


def test_the_model_alone_is_not_enough(understander: Understander) -> None:
    """The model sure of the contest for "may ordinary people come to watch" (0.7), but the
    example most like the message (the opening ceremony's) far more alike than any of the
    contest's: no answer of the mirror."""
    examples = understander.examples
    surface = understander._surface("dan thuong nhu toi di xem duoc khong hay chi can bo")
    guessed = examples.model.answer(surface)
    assert guessed is not None and guessed.answer == "contest"
    assert guessed.likeness >= UNANSWERED_FLOOR
    nearest = examples.nearest(surface, 1)
    assert nearest[0][0] != "contest"
    assert examples.sure(surface) is None


def test_a_nearest_example_nearly_as_alike_is_enough(understander: Understander) -> None:
    """The mirror's answer where the nearest example is of "no information", the nearest of the
    contest within NEARLY of it."""
    examples = understander.examples
    surface = understander._surface("khai ten gia khi thi co duoc khong")
    top = examples.nearest(surface, 5)
    assert top[0][0] == "dont_know"
    contest = next(likeness for a, likeness in examples.nearest(surface, 50) if a == "contest")
    assert NEARLY * top[0][1] <= contest < top[0][1]
    voted = examples.sure(surface)
    assert voted is not None and voted.answer == "contest" and voted.likeness >= UNANSWERED_FLOOR
