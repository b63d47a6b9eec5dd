"""Round 17 (d) of issue 15: messages written heavily abbreviated, as people type on Zalo and
Messenger. The phrasings are written for these tests, not taken from the corpus; each uses a
form content/editions/2020/lexicon.toml reads since this round ("z" closing a question is vậy;
"kt" beside a word of time is kết thúc; "hg ngày", "hnao", "dj", "xp", "khóa onl", "2 đâu",
"q" before "mình" or a quận's name), or is a plain form that must keep its meaning.
"""

from __future__ import annotations

import pytest

from handlers.understanding import Understander
from tests.understanding.conftest import answer


@pytest.mark.parametrize(("text", "expected"), [
    # "z" after a question word is vậy: "bh z" asks when, not "bây giờ có gì"
    ("khai mac bh z ad", "event:khai-mac"),
    ("tuan le bat dau tu bh z", "faq:thoi-gian"),
    ("tuan le bh kt z ad", "faq:thoi-gian"),
    # "bh" with a question of its own is still now
    ("bh co gi z", "next"),
])
def test_z_closing_a_question(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("tuan le kt hom nao", "faq:thoi-gian"),
    ("khi nao kt tuan le vay", "faq:thoi-gian"),
    # "ktra" stays kiểm tra
    ("ktra kq thi", "leaderboard"),
])
def test_kt_beside_a_time_word(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("bot nhac lich hg ngay dc k", "subscribe"),
    ("e mun nhan lich hg tuan", "subscribe"),
    ("khai mac hnao vay", "event:khai-mac"),
    ("ngay hoi doc sach hnao", "event:doc-sach-lien-the-he"),
    ("cho e xem lich dj", "schedule"),
    ("le khai mac xp luc may gio", "event:khai-mac"),
    ("doan xe xp o dau", "event:doan-xe-luu-dong"),
    ("co khoa online nao k", "courses:khoa-hoc"),
])
def test_time_and_verb_shorthands(understander: Understander, text: str,
                                  expected: str) -> None:
    assert answer(understander, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("lich cua q mk", "faq:quan-huyen"),
    ("lich q ngo quyen", "faq:quan-huyen"),
    ("xem sk o q hai an", "faq:quan-huyen"),
    # "2" stays a number of the date
    ("thu 2 co gi", "day:2020-10-05"),
    ("2/10 co sk j", "day:2020-10-02"),
])
def test_district_and_numbers(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # an FAQ question written in shorthand is the question written out
    ("lm sao de nhan tb nhac lich sk", "faq:nhac-lich"),
    ("lm sao de nhận tb nhắc lịch sk ạ", "faq:nhac-lich"),
    ("e mun thi lun bay h", "contest_take"),
    ("bj co sk gi k", "next"),
    ("khai mac bj", "event:khai-mac"),
    ("ths ad", "smalltalk:thanks"),
    ("cmon ad nka", "smalltalk:thanks"),
    ("sdt ad nek", "contacts"),
])
def test_questions_and_particles(understander: Understander, text: str,
                                 expected: str) -> None:
    assert answer(understander, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # "dt" after sách, bài giảng, thư viện is điện tử; alone it stays điện thoại
    ("co sach dt nao hay k", "courses:sach-dien-tu"),
    ("bai giang dt o dau z", "courses:bai-giang"),
    ("cho xin sdt btc", "contacts"),
    ("e mun dk the tv thi 2 dau a", "library"),
    ("thoi e off đây", "smalltalk:goodbye"),
    ("ok ad e out day nhe", "smalltalk:goodbye"),
])
def test_neighbours_decide(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) == expected
