"""Round 36 (the line between "no information" and another answer): messages the bot has no
information on that share a word or two with an answer of the Week ("công ty" of the units
taking part, "gọi số nào" of the organisers' number, "sách cũ" of the libraries, "học sinh" of
who may take part), read by the rules on those words while the rest of the message names
something else. Where the rules answered on a part of the message only, the examples' model's
"no information" now stands when it is sure of it and the example most like the message is a
near miss written under dont_know (Examples.refuses, BENCHMARKS §8.140).

Beside them, the Week's own questions in the same words, which keep their answer. Written for
this round, in the words people type, before reading how the rules read them.
"""

from __future__ import annotations

import pytest

from handlers.understanding import Understander
from tests.understanding.conftest import answer, with_left

ELSEWHERE = [
    "cty may o an duong co tuyen cong nhan nu khong",
    "xi nghiep nao dang tuyen lai xe ca dem",
    "nha toi bi mat dien tu chieu qua goi so nao",
    "dien nha em chap chon ca toi, bao cho ai",
    "ong nuoc truoc ngo vo roi, goi dau de sua",
    "so dien thoai phong cong chung quan ngo quyen",
    "muon ban sach giao khoa cu cua con thi ban o dau",
    "thu mua sach cu gia cao o hai phong",
    "khi nao hoc sinh tieu hoc duoc nghi he",
    "hoc sinh bao gio thi hoc ky 1",
    "dang ky hoc boi cho con o be boi nao",
    "tra cuu diem thi vao lop 10 nam nay",
    "lich thi dau giai bong chuyen phuong",
    "the ngan hang bi khoa thi ra dau mo",
    "goi cuoc 4g nao re nhat",
    "nap tien dien thoai bi tru 2 lan",
    "buu cuc gan nhat o kien an",
    "tuyen sinh mam non cong lap bao gio",
    # (the rules found an answer on a word or two; the examples' model refuses it: §8.140)
    "lich thi dau bong ban cua phuong",
    "so dien thoai tong dai dien luc",
    # (left: the open subjects, the safe Internet and the courses, are not refused)
    "ban lai truyen tranh cu o dau",
    "the atm bi khoa lien he ai",
    # (left: the rules' answer too strong, or the model not sure)
    "so dien thoai cong ty nuoc sach",
    "dia chi so giao thong van tai",
    "hoc sinh di hoc lai tu ngay nao",
    "thu vien truong thpt ngo quyen co cho muon sach ve nha ko",
]
DK = ("dont_know",)

# The Week's own questions asked with the same words: they keep their answer.
OWN = [
    ("cong ty minh muon huong ung tuan le thi can lam gi",
     ("faq:don-vi-tham-gia", "bodies", "activities", "faq:hoat-dong")),
    ("muon hoi ban to chuc tuan le thi goi so nao", ("contacts", "faq:lien-he", "ask")),
    ("nha co nhieu sach cu muon mang di doi sach", ("event:luan-chuyen-sach",
                                                    "programme:luan-chuyen-sach", "library")),
    ("hoc sinh tieu hoc co duoc thi cong dan hoc tap khong",
     ("contest", "faq:cuoc-thi", "faq:ai-tham-gia")),
    ("muon muon sach ve nha doc thi den dau", ("library", "faq:doc-sach")),
    ("tham gia cac hoat dong tuan le co mat tien khong", ("faq:chi-phi",)),
    ("bi lua chuyen tien qua zalo thi co lop nao day phong tranh khong",
     ("faq:internet-an-toan",)),
    ("dia chi hoi khuyen hoc thanh pho o dau", ("contacts", "faq:lien-he")),
    ("bao gio thi mo cuoc thi cong dan hoc tap", ("contest", "faq:cuoc-thi",
                                                  "event:cuoc-thi-mo")),
    ("lop ky nang so cho phu huynh hoc hom nao", ("event:lop-ky-nang-so",)),
]

LEFT = {
    "ban lai truyen tranh cu o dau": "the reading resources on 'truyện tranh': an open subject "
                                     "(Understander.vote), not refused",
    "the atm bi khoa lien he ai": "the safe Internet on 'thẻ atm': an open subject, not refused",
    "nap tien dien thoai bi tru 2 lan": "the fees' answer on 'tiền … trừ', the model not sure",
    "so dien thoai cong ty nuoc sach": "the organisers' number on 'số điện thoại', explained",
    "dia chi so giao thong van tai": "the organisers' address on 'địa chỉ sở', explained",
    # ("hoc sinh di hoc lai tu ngay nao": who may take part on 'học sinh' until round 36's dev
    # sets were made examples; no information since)
    "thu vien truong thpt ngo quyen co cho muon sach ve nha ko": "the library's answer, the "
                                                                 "model not sure",
}


@pytest.mark.parametrize(("text", "expected"), with_left([(t, DK) for t in ELSEWHERE], LEFT))
def test_another_subject_sharing_a_word_with_the_week_is_no_information(
        understander: Understander, text: str, expected: tuple[str, ...]) -> None:
    assert answer(understander, text) in expected


@pytest.mark.parametrize(("text", "expected"), with_left(OWN, LEFT))
def test_the_weeks_own_questions_in_those_words_keep_their_answer(
        understander: Understander, text: str, expected: tuple[str, ...]) -> None:
    assert answer(understander, text) in expected
