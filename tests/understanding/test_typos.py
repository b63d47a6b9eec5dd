"""Typing errors as citizens make them on a phone (issue 15, round 7a): Telex keys left in when
the input method is off, a wrong mark, words typed together or in pieces, a stray mark inside a
word, two letters swapped. The phrasings are written for these tests, not taken from the corpus.
"""

from __future__ import annotations

import pytest

from handlers.understanding import Understander
from handlers.understanding.normalise import syllable, telex, tokenize, vni
from tests.understanding.conftest import THU, answer


def test_telex_reads_the_keys_after_the_first_vowel() -> None:
    assert "điện" in telex("ddieenj")
    assert "người" in telex("nguwowif")
    assert telex("own") == ["ơn"]
    assert "thứ" in telex("thuws")
    # no key: nothing to read; a letter before the vowel is no key ("sao", "xem", "trong")
    assert telex("sao") == telex("xem") == telex("trong") == telex("lich") == []


def test_vni_digits_are_read_as_the_telex_keys_they_stand_for() -> None:
    assert vni("d9ie65n") == "ddieenj" and vni("tho5ai") == "thoaij"
    assert vni("nguo72i") == "nguoiwf"
    # a digit that marks no letter before it: no VNI ("t7", "ron95", "h5n1", "k0")
    assert vni("t7") == vni("ron95") == vni("h5n1") == vni("k0") == vni("lich") == ""


def test_a_letter_o_after_a_digit_is_a_zero() -> None:
    assert [t.text for t in tokenize("lich 3/1o, 2o2o")] == ["lich", "3/10", "2020"]
    assert [t.text for t in tokenize("5 oto, 3om")] == ["5", "oto", "3om"]


def test_syllables_are_told_from_slips() -> None:
    assert all(syllable(w) for w in ("lich", "khuya", "nguoi", "gia", "quyen", "thuong"))
    assert not any(syllable(w) for w in ("lcih", "hya", "bto", "bna", "taxi"))


def test_a_stray_mark_beside_a_single_consonant_is_left_out() -> None:
    assert [t.fold for t in tokenize("chu đ,e tuan le")] == ["chu", "de", "tuan", "le"]
    assert [t.fold for t in tokenize("hom n.ay")] == ["hom", "nay"]
    # two words with a mark and no space between them stay two, in two parts of the message
    assert [(t.fold, t.clause) for t in tokenize("vâng ạ.cảm ơn")] == [
        ("vang", 0), ("a", 0), ("cam", 1), ("on", 1)]


@pytest.mark.parametrize(("text", "expected"), [
    # Telex keys left in, whole sentence or one word
    ("xin soos ddieenj thoaij cuar ban tos chuc", {"contacts", "faq:lien-he"}),
    ("ddawng kys thi cuoc thi o ddau", {"contest_take", "contest", "faq:cuoc-thi"}),
    ("tuaanf le hocj taapj nam nay cos chur ddeef gif", {"theme", "faq:chu-de"}),
    ("thuw vieenj mowr cuwar ddeens mays giowf", {"library", "faq:doc-sach"}),
    # a wrong mark in a message typed with marks, its letters pairing with a neighbour
    ("khai mạc ở đau vậy", {"event:khai-mac", "day:2020-10-01"}),
    ("lịch hôm nây thế nào", {"day:2020-10-01"}),
    # letters no word has, typed with marks
    ("số điện thaoị của sở", {"contacts", "faq:lien-he"}),
    # words typed together, or one word in pieces
    ("sodienthoai cua so", {"contacts", "faq:lien-he"}),
    ("thuvienmocua may gio", {"library", "faq:doc-sach"}),
    ("kh ai mạc lúc mấy giờ", {"event:khai-mac", "day:2020-10-01"}),
    ("đăng k ý thi ở đâu", {"contest_take", "contest", "faq:cuoc-thi"}),
    # two letters swapped in a word no syllable spells
    ("lcih ngay 3/10", {"day:2020-10-03"}),
    ("chao bto", {"smalltalk:greeting"}),
    # two letters swapped in a word typed with marks, the marks kept
    ("lịch nàgy 5/10", {"day:2020-10-05"}),
    ("cảm ơn bạn nhềiu", {"smalltalk:thanks"}),
    # a stray mark inside a word
    ("chu d,e nam nay", {"theme", "faq:chu-de"}),
    # a word typed by keys is typed: "ơi" calls; a shape typed, its tone left out ("nuwa")
    ("hooij khuyeens hocj oiw", {"smalltalk:greeting"}),
    ("toi khoong muoons nhaanj tin nuwa", {"unsubscribe"}),
    # VNI digits left in; a letter o for a zero
    ("cho xin so61 d9ie65n thoa5i", {"contacts", "faq:lien-he"}),
    ("ngay 4/1o co gi", {"day:2020-10-04"}),
])
def test_typing_errors_are_read_through(understander: Understander, text: str,
                                        expected: set[str]) -> None:
    assert answer(understander, text) in expected


@pytest.mark.parametrize("text", [
    "taxi mai linh hai phong",  # "taxi" is no "tai" (a key only at the end is dropped)
    "tôi bị đau đầu quá",  # "đau" pairs with no word typed right
    "gias vafng sjc hom nay",  # Telex keys read, still the price of gold
    "ddawng kys xe mays o ddau",  # registering a motorbike
    "xyz abc",
    "mai cos muaw khoong",  # "mưa", no word of the bot, is not "mua" by a letter left out
])
def test_typing_errors_make_no_answer_of_off_topic(understander: Understander,
                                                   text: str) -> None:
    got = answer(understander, text)
    assert got == "dont_know" or got.startswith("smalltalk:"), got


def test_marks_that_fit_still_decide(understander: Understander) -> None:
    """A word typed with marks the bot knows is meant: 'để' is not read as 'đề'."""
    assert answer(understander, "làm thế nào để đăng ký nhận tin") == "subscribe"
    assert understander.understand("thif sao", THU).normalised == "thi sao"
    # the mark a Telex key types is kept where it is sure: "thì" is no contest
    assert answer(understander, "neeus hocj xong thif lamf gif") != "contest"
