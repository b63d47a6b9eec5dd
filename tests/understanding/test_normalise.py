"""Vietnamese as typed, made comparable: marks, tone placement, repeats, the lexicon."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest

from content import Edition
from handlers.understanding import Understander
from handlers.understanding.normalise import Lexicon, retone, tokenize
from tests.understanding.conftest import answer

THU = date(2020, 10, 1)


def test_tokens_keep_marks_and_read_dates_and_times_whole() -> None:
    tokens = tokenize("Lịch  NGÀY 3/10, 8h30 có gì 👍")
    assert [(t.text, t.kind) for t in tokens] == [
        ("lịch", "word"), ("ngày", "word"), ("3/10", "date"), ("8h30", "time"),
        ("có", "word"), ("gì", "word"), ("👍", "symbol")]
    assert [t.marked for t in tokens[:2]] == [True, True]
    assert tokenize("lich")[0].fold == "lich" and not tokenize("lich")[0].marked


@pytest.mark.parametrize(("typed", "words"), [
    # a comma typed without its space parts two words when the consonant beside it is a
    # shorthand of its own (r: rồi, k: không), not the start or end of the word beside it
    ("xong r,cam on", ["xong", "r", "cam", "on"]),
    ("hom nay k,mai", ["hom", "nay", "k", "mai"]),
    ("ban r,cn", ["ban", "r", "cn"]),
    # a slip inside one syllable is undone, comma or dot
    ("d,e n.ay k.ý t,hì xon,g ba.n", ["de", "nay", "ký", "thì", "xong", "ban"]),
    # a shorthand's dot and an English contraction stay one word
    ("s.mai what's", ["smai", "whats"]),
])
def test_a_mark_inside_a_word(typed: str, words: list[str]) -> None:
    assert [t.text for t in tokenize(typed)] == words


@pytest.mark.parametrize(("text", "expected"), [
    ("e doc r,cho e thi luon", "contest_take"),
    ("dang ky r,gio chu de tuan le la gi", "theme"),
    ("xong r,thanks ad nha", "smalltalk:thanks"),
    ("t7 ban r,cn co gi ko", "day:2020-10-04"),
    ("hoi r,ma chua ai tra loi,so dt btc la gi", "contacts"),
])
def test_a_comma_without_its_space_parts_words(understander: Understander, text: str,
                                               expected: str) -> None:
    assert answer(understander, text) == expected


@pytest.mark.parametrize(("typed", "written"), [
    ("khoá", "khóa"), ("hoà", "hòa"), ("thuý", "thúy"), ("huỷ", "hủy"), ("quý", "quý"),
    ("hoàn", "hoàn"), ("khóa", "khóa")])
def test_one_tone_placement(typed: str, written: str) -> None:
    assert retone(typed) == written


def test_decomposed_and_repeated_letters(understander: Understander) -> None:
    decomposed = unicodedata.normalize("NFD", "Lịch hôm nay")
    assert understander.understand(unicodedata.normalize("NFC", decomposed), THU).feature \
        == "today"
    assert understander.understand("cảm ơn bot nhaaaa", THU).arg == "thanks"
    assert understander.understand("hellooooo", THU).arg == "greeting"
    assert understander.understand("co free khongggg", THU).arg == "chi-phi"


def test_a_number_keeps_its_repeated_digits(understander: Understander) -> None:
    # (a run of three letters is a word drawn out, "nhaaaa"; a run of digits is the number:
    # "1000000" read as "100", a phone number cut short, "99999/10" a day 99 the bot
    # "did not understand")
    assert [t.text for t in tokenize("mất 1000000 đồng số 0988888888")] == [
        "mất", "1000000", "đồng", "số", "0988888888"]
    assert [t.text for t in tokenize("nhaaaa")] == ["nhaa"]
    # a day of many digits is an impossible date, corrected, never a schedule or silence
    assert answer(understander, "lich 999/10") == "day:invalid"
    assert answer(understander, "ngày 99999999999999999999/10") == "day:invalid"


def test_the_lexicon_writes_out_what_people_abbreviate(edition: Edition) -> None:
    lexicon = Lexicon(edition.lexicon.abbreviations)

    def expand(text: str) -> str:
        return " ".join(t.text for t in lexicon.expand(tokenize(text)))

    assert expand("co hd gi ko") == "co hoạt động gi không"
    assert expand("sđt btc") == "số điện thoại ban tổ chức"
    assert expand("so dt") == "số điện thoại"  # two words typed for one
    assert expand("dk nhan tin") == "đăng ký nhan tin"
    assert expand("t7 cn") == "thứ 7 chủ nhật"
    assert expand("thêm") == "thêm"  # not "theme" (chủ đề): its marks were typed


@pytest.mark.parametrize(("text", "feature", "arg"), [
    ("lịch thi", "contest", ""),  # typed with marks, "thi" is the contest
    ("bị hack fb thì làm thế nào", "faq", "internet-an-toan"),  # "thì" is not "thi"
    ("giá bao nhiêu", "faq", "chi-phi"),
    ("người già có tham gia được không", "faq", "ai-tham-gia"),  # "già" is not "giá"
    ("gia bao nhieu", "faq", "chi-phi"),  # without marks the words around decide
    ("nguoi gia co tham gia duoc khong", "faq", "ai-tham-gia"),
    ("khóa học", "courses", ""),
    ("khoa học là gì", "unknown", ""),  # science, not a course
])
def test_diacritics_count_where_typed(understander: Understander, text: str, feature: str,
                                      arg: str) -> None:
    found = understander.understand(text, THU)
    assert (found.feature, found.arg) == (feature, arg)


def test_typos_glued_words_and_english(understander: Understander) -> None:
    assert understander.understand("lihc trinh", THU).feature == "schedule"
    assert understander.understand("cuoc thy", THU).feature == "contest"
    assert understander.understand("thuvien", THU).feature == "library"
    assert understander.understand("cat", THU).feature == "unknown"  # not "các"
    english = understander.understand("is it free", THU)
    assert english.english and english.arg == "chi-phi"
    assert not understander.understand("thể lệ cuộc thi", THU).english
    assert not understander.understand("the le cuoc thi", THU).english


def test_what_is_kept_for_the_organizers(understander: Understander) -> None:
    found = understander.understand("Thời tiết Hải Phòng hôm nay thế nào ạ", THU)
    assert found.feature == "unknown"
    assert found.typed == "Thời tiết Hải Phòng hôm nay thế nào ạ"
    assert found.normalised == "thoi tiet hai phong hom nay the nao a"
    assert understander.understand("ko biet", THU).normalised == "khong biet"


@pytest.mark.parametrize(("typed", "written"), [
    ("tl học tập ở đâu", "tai lieu hoc tap"), ("tl tin nhắn giúp", "tra loi tin nhan"),
    ("hd dùng bot", "huong dan dung"), ("co hd gi", "hoat dong")])
def test_a_shared_form_takes_the_meaning_its_neighbours_pair_with(
        understander: Understander, typed: str, written: str) -> None:
    """"tl" is trả lời or tài liệu, "hd" hoạt động or hướng dẫn: the words around decide."""
    assert written in understander.understand(typed, THU).normalised


@pytest.mark.parametrize(("typed", "feature"), [
    ("mai cóa j hok", "day"), ("jờ có j đag diễn ra ko", "next"),
    ("tham gia có mất fí ko", "faq"), ("zui lòng cho xin lịch", "schedule")])
def test_teencode_spellings_are_read(understander: Understander, typed: str,
                                     feature: str) -> None:
    assert understander.understand(typed, THU).feature == feature


def test_a_real_word_typed_with_marks_is_not_respelt(understander: Understander) -> None:
    """"mãi" spelt as Vietnamese allows is not teencode for "máy"."""
    assert "may" not in understander.understand("tôi gọi mãi không được", THU).normalised
