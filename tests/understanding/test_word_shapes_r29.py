"""Round 29 (c) of issue 15: typing slips that change a word's shape must get the same answer.

Blind paraphrases, written before any change of the round, in other words than the round's
corpus batches: a vowel cluster typed wrong or with half its marks (ươ typed uơ or ưo, ê typed
e, a circumflex without its tone), uy/ui and oa/oe with the tone on either letter, a letter
dropped or doubled, a neighbouring key, Telex or VNI keys left in one word, two words typed as
one or one split in two, a final consonant dropped. Guards: near misses and collisions where
the marks decide the word (già/giá, thì/thi, thêm/theme), off-topic lines with slips that keep
"dont_know". Figures in BENCHMARKS §8.98.
"""

from __future__ import annotations

import pytest

from handlers.understanding import Understander
from tests.understanding.conftest import answer, with_left

NO = "dont_know"
CONTACTS = "contacts / faq:lien-he"
FEE = "faq:chi-phi"
COURSES = "courses / faq:khoa-hoc-truc-tuyen / courses:khoa-hoc"
SAFE = "faq:internet-an-toan / courses:ky-nang-so / event:lop-ky-nang-so"
LIBRARY = "library / faq:doc-sach"
CONTEST = "contest / faq:cuoc-thi"
OPENING = "event:khai-mac / day:2020-10-01"

VOWELS = [
    # a vowel cluster typed wrong, or its marks half typed
    ("muốn đăng ký thi thì làm thê nào", CONTEST + " / contest_take"),
    ("thông tin niên hệ của hội khuyên học", CONTACTS),
    ("tham gia có đuợc cấp giấy chứng nhận không", CONTEST + " / faq:cuoc-thi"),
    ("khai mặc tuần lễ học tập ở đâu", OPENING),
    ("những khoá hôc nào đang mở", COURSES),
    ("tuần lẽ học tập có gì hay", "activities / faq:hoat-dong / faq:tuan-le-la-gi / theme"),
    ("đọc sach điên tử ở đâu", "courses:sach-dien-tu / library"),
    ("nôp bài thi trước mây giờ", CONTEST + " / faq:han-bao-cao"),
]

GLIDES = [
    # uy/ui, oa/oe, either tone placement
    ("cách huỷ nhận tin", "unsubscribe"),
    ("cho tôi hũy đăng ký", "unsubscribe"),
    ("tôi muốn hủi nhận tin nhắn", "unsubscribe"),
    ("khoá học trực tuyên miễn phí", COURSES + " / " + FEE),
    ("khóa hoc kỹ năng số có không", "courses:ky-nang-so / " + SAFE + " / " + COURSES),
    ("sự kiện ở thủy nguyên", "faq:quan-huyen"),
]

LETTERS = [
    # a letter dropped or doubled, a neighbouring key, a final dropped
    ("đăg kí nhận tin nhắc lịch", "subscribe / faq:nhac-lich"),
    ("thư vienn mở cửa lúc mấy giờ", LIBRARY),
    ("lịch hôm nau có gì", "today / day:2020-10-01"),
    ("số điệ thoại ban tổ chức", CONTACTS),
    ("cuộc thi công dâ học tập", CONTEST),
    ("lễ khai mạc ngày mây", OPENING),
    ("bảng xếp hạg cuộc thi", "leaderboard / contest"),
    ("có mất phí khônh", FEE),
]

KEYS = [
    # Telex or VNI keys left in one word only, words joined or split
    ("lịch ngàymai", "day:2020-10-02"),
    ("thờigian tuần lễ", "faq:thoi-gian / schedule"),
    ("khai mạc ở ddaau", OPENING),
    ("đăng ký nha65n tin", "subscribe / faq:nhac-lich"),
    ("hủy đă ng ký", "unsubscribe"),
    ("bảngxếphạng", "leaderboard / contest"),
]

NEAR_MISSES = [
    ("giá vàng hôm nây", NO),
    ("lịch thi đấu bóng chuyền", NO),
    ("xem bóng đá ở đâu hôm nay", NO),
    ("mua thuốc huyêt áp ở đâu", NO),
    ("tối nay ăn gì ngôn", NO),
]

# Where the marks decide the word (già/giá, thì/thi, thêm/theme).
COLLISIONS = [
    ("ông bà già có tham gia đươc không", "faq:ai-tham-gia"),
    ("giá tham gia là bao nhiêu vây", FEE),
    ("muốn biết thêm thì hỏi ai", CONTACTS),
    ("chủ đề năm nay là gì vây", "theme / faq:chu-de"),
    ("thi xong thì xem điểm ở đâu", "leaderboard / contest"),
]

# Cases the round did not mend (strict xfail): the text, with the answer it gets and why.
LEFT: dict[str, str] = {
    "tuần lẽ học tập có gì hay": (
        "contest: \"học tập\" of the quiz's name, as typed right (\"tuần lễ học tập có gì "
        "hay\"); the slip is read (lẽ as lễ, by its letters)"),
}


@pytest.mark.parametrize(("text", "expected"), with_left(VOWELS, LEFT))
def test_vowels(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


@pytest.mark.parametrize(("text", "expected"), with_left(GLIDES, LEFT))
def test_glides(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


@pytest.mark.parametrize(("text", "expected"), with_left(LETTERS, LEFT))
def test_letters(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


@pytest.mark.parametrize(("text", "expected"), with_left(KEYS, LEFT))
def test_keys(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


@pytest.mark.parametrize(("text", "expected"), with_left(NEAR_MISSES, LEFT))
def test_near_misses(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


@pytest.mark.parametrize(("text", "expected"), with_left(COLLISIONS, LEFT))
def test_collisions(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


# Written after the round's fixes (other words again): a final or a letter left out, a key
# beside the one meant, words joined or split, each typed with marks; and guards.
AFTER_FIXES = [
    ("xem lịc tuần này", "schedule"),
    ("đăg kí nhận thông báo", "subscribe / faq:nhac-lich"),
    ("hoạ động cuối tuần có gì", "day:2020-10-03+2020-10-04 / activities"),
    ("tuầ lễ kéo dài bao lâu", "faq:thoi-gian / schedule"),
    ("mainày có gì không", "day:2020-10-02"),
    ("khai mạt ở đâu", OPENING),
    ("thông tin liên hệ hội khuyên học", CONTACTS),
    ("giá vé xem bóng đá tối nay", NO),
]


@pytest.mark.parametrize(("text", "expected"), with_left(AFTER_FIXES, LEFT))
def test_after_fixes(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")
