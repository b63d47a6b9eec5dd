"""Round 14 of issue 15: abbreviations and teencode citizens type on Zalo and Facebook that
the lexicon did not know (people, schools and bodies, question words, study and tech words,
verbs, time words, the northern "l" for "n"). The phrasings are written for these tests, not
taken from the corpus; each uses at least one of the new forms of
content/editions/2020/lexicon.toml.
"""

from __future__ import annotations

import pytest

from handlers.understanding import Understander
from tests.understanding.conftest import answer


@pytest.mark.parametrize(("text", "expected"), [
    ("bme minh gia r co tgia dc ko", "faq:ai-tham-gia"),
    ("ck em la cong nhan co dc tham gia k", "faq:ai-tham-gia"),
    ("vk toi tgia dc hem", "faq:ai-tham-gia"),
    ("nld co dc tgia k ad", "faq:ai-tham-gia"),
    ("nct co tgia dc ko", "faq:ai-tham-gia"),
    ("hssv có được tham gia k ạ", "faq:ai-tham-gia"),
    # must a unit or its staff take part: what units do (round 15 a), not who may take part
    ("gvcn co phai tgia k", "faq:don-vi-tham-gia"),
    ("ace cong nhan kcn co dc tgia k", "faq:ai-tham-gia"),
])
def test_people(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("trg thpt co phai tgia k", "faq:don-vi-tham-gia"),
    # the writer's school is who writes, not what is asked
    ("trường thcs chúng tôi muốn hưởng ứng tuần lễ thì đki với ai", "faq:don-vi-tham-gia"),
    ("vp btc o dau", "contacts"),
    ("sdt hội kh là gì", "contacts"),
    ("cho xin dchi btc", "contacts"),
    ("sdt ttgdtx quan", "contacts"),
    ("tvien mo cua may h", "library"),
    ("tviện ở đâu", "library"),
])
def test_schools_and_bodies(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("tgia kp dong tien a", "faq:chi-phi"),
    ("neu tgia thi co mat tien k", "faq:chi-phi"),
    ("bc gui ve dau vay, ad chx tl", "faq:han-bao-cao"),
    ("ngày mai có gì k chx ai nói mik", "day:2020-10-02"),
    ("hnay có gì ko ad ui", "day:2020-10-01"),  # "ui": ơi
    ("ad ui cho xin sdt", "contacts"),
    ("hnay co gi hot k hix", "day:2020-10-01"),
])
def test_question_words_and_particles(understander: Understander, text: str,
                                      expected: str) -> None:
    assert answer(understander, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("hoc ol o dau", "courses"),
    ("co khoa hoc ol k ad", "courses:khoa-hoc"),
    ("hoc tin hoc vp o dau", "courses"),
    ("cuộc thi có trên app zalo ko", "contest"),
    ("bi lo mkhau fb thi lam the nao", "faq:internet-an-toan"),
    ("bi lo password zalo phai lam sao", "faq:internet-an-toan"),
    ("bi scam qua fb thi bao ai", "faq:internet-an-toan"),
])
def test_study_and_tech_words(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # (round 35: a question of where or how to sign up gets the contest's rules,
    # _sign_up_asked)
    ("đki thi o dau", "contest"),
    ("mình muốn đki thi", "contest_take"),
    ("cho e thi vs, e cbi xong r", "contest_take"),
    ("check kq thi o dau", "leaderboard"),
    ("ktra kq thi", "leaderboard"),
    ("vd cach dung bot", "help"),
    ("sd bot ntn", "help"),
    ("cthi bat dau khi nao", "contest"),
    ("kmac luc may h", "event:khai-mac"),
])
def test_verbs_and_events(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("tuần lễ kthuc khi nao", "faq:thoi-gian"),
    ("ctuan co gi", "day:2020-10-03+2020-10-04"),
    ("ctuần này có hđ gì ko", "day:2020-10-03+2020-10-04"),
    # the northern "l" for "n"
    ("khi lào khai mạc", "event:khai-mac"),
    ("ngày lào có thi", "contest"),
    # (round 35: a question of where or how to sign up gets the contest's rules,
    # _sign_up_asked)
    ("chỗ lào đăng ký thi", "contest"),
])
def test_time_words(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # one form, two meanings: the one that pairs with the next or the previous word
    # trong: the FAQ's own question written short (since round 17 d it gets the FAQ's answer,
    # which says what the activities do)
    ("trg tuần lễ có những hđ gì", "faq:hoat-dong"),
    ("trg mình có phải tgia k", "faq:don-vi-tham-gia"),  # trường
    ("bị lừa ck thì làm sao", "faq:internet-an-toan"),  # chuyển khoản
    ("ck tôi có đc tgia k", "faq:ai-tham-gia"),  # chồng
])
def test_a_form_with_two_meanings(understander: Understander, text: str,
                                  expected: str) -> None:
    assert answer(understander, text) == expected


@pytest.mark.parametrize("text", [
    "kết quả thi thpt quốc gia năm nay",  # "thpt" read out is still another exam
    "tkb cua con toi lop 7",  # a child's timetable is the school's, not the Week's
])
def test_other_subjects_stay_unanswered(understander: Understander, text: str) -> None:
    assert answer(understander, text) == "dont_know"


@pytest.mark.parametrize(("text", "expected"), [
    # a new form typed with marks is no reading of the plain word with those letters
    ("thoi minh di day, tam biet bot nhe", "smalltalk:goodbye"),  # "nhe" is no "nhể"
    ("toi muon goi cho btc thi goi so nao", "contacts"),  # "goi" is no "gởi"
    ("le khai mac to chuc o dau vay", "event:khai-mac"),  # "o" is no "ợ"
    ("ket qua thi vao lop 10 truong tran phu co chua nhe", "dont_know"),
])
def test_plain_words_stay_themselves(understander: Understander, text: str,
                                     expected: str) -> None:
    assert answer(understander, text) == expected
