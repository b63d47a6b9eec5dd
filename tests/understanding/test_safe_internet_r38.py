"""Round 38: the safe Internet and the digital-skills classes, the Week's largest weak family on
the held-out lines (issue 15). Safety asked in words its answer did not hold (a second step of
sign-in, "không gian mạng", a strange email or file, English "scammed" and "fake news"); near
misses that share its words (a prison term, taxes paid online, a café's wifi) keep
"no information" (BENCHMARKS §8.152). Written for this round, in the words people type.
"""

from __future__ import annotations

import pytest

from handlers.understanding import Understander
from tests.understanding.conftest import answer

SAFETY = ("faq:internet-an-toan", "courses:ky-nang-so")

# Asked in words the safe Internet's answer did not hold before this round.
ANSWERED = [
    "bat bao mat 2 lop cho facebook o dau",
    "có nên bật xác thực hai bước cho gmail không",
    "an toàn không gian mạng cho trẻ em",
    "co nguoi gui file dinh kem qua zalo bao la hoa don, mo ra co sao khong",
    "how can i tell if it is fake news",
    "xac minh hai buoc la gi",
    "tệp lạ gửi qua messenger có virus không",
    "my mom got scammed on facebook what do we do",
]

# Other bodies' business sharing the family's words: still "no information".
ELSEWHERE = [
    "nop thue thu nhap ca nhan online the nao",
    "quyet toan thue cuoi nam lam o dau",
    "trom xe may thi bi ngoi tu may nam",
    "mat khau wifi quan cafe la gi",
]


@pytest.mark.parametrize("text", ANSWERED)
def test_safety_asked_in_new_words_is_answered(understander: Understander, text: str) -> None:
    assert answer(understander, text) in SAFETY


@pytest.mark.parametrize("text", ELSEWHERE)
def test_other_bodies_business_keeps_no_information(
        understander: Understander, text: str) -> None:
    assert answer(understander, text) == "dont_know"

