"""Round 28 (c) of issue 15: the same words as typed on a phone must get the same answer.

Blind paraphrases, written before any change of the round, in other words than the round's
corpus batches: marks on some words only, one word typed without marks among marked ones, a
wrong tone mark (hỏi/ngã, sắc/nặng), the North's l said and typed n (and n typed l), s/x,
ch/tr, d/gi/r, Telex keys left in, letters swapped or doubled, no marks at all, and negations
in any spelling. Guards: near misses that keep "dont_know", and collisions where the marks (or,
without them, the words around) decide the word. Figures in BENCHMARKS §8.93.
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

REGIONAL = [
    # l typed n, and n typed l
    ("ad ơi cho mình xin thông tin niên hệ", CONTACTS),
    ("muốn niên lạc với hội khuyến học thì gọi số nào", CONTACTS),
    ("có nớp học kỹ năng số không", SAFE),
    ("tuần nễ học tập xuốt đời năm nay có chủ đề gì", "theme / faq:chu-de"),
    ("nàm thế nào để mượn sách", LIBRARY),
    ("nịch thi đấu cuộc thi công dân học tập", "contest / faq:cuoc-thi / schedule"),
    ("làm sao lộp báo cáo kết quả tuần lễ", "faq:han-bao-cao / bodies"),
    # s/x, ch/tr, d/gi/r
    ("tham gia có sốt phí không", FEE),
    ("khóa học chực tuyến miễn phí ở đâu", COURSES + " / " + FEE),
    ("tôi muốn xem kết quả thi và bảng sếp hạng", "leaderboard / contest"),
    ("ngày mai mấy dờ khai mạc", "event:khai-mac / day:2020-10-01 / day:2020-10-02"),
    ("bị nừa đảo trên mạng sử lý thế nào", SAFE),
]

MIXED_MARKS = [
    ("tuần lễ hoc tập suốt đời là gì", "faq:tuan-le-la-gi / theme"),
    ("cuộc thi cong dân học tập thi ở đâu", CONTEST),
    ("có mất phi gì không ạ", FEE),
    ("so điện thoại ban tổ chức", CONTACTS),
    ("đăng ký nhận tin nhac lịch", "subscribe / faq:nhac-lich"),
    ("hom nay có sự kiện gì", "day:2020-10-01"),
    ("thu vien thành phố mở cửa mấy giờ", LIBRARY),
]

WRONG_TONE = [
    ("tuần lể có những hoạt động gì", "activities / faq:hoat-dong"),
    ("lể khai mạc mấy giờ", "event:khai-mac / day:2020-10-01"),
    ("tham gia có mất phỉ không", FEE),
    ("xem bãng xếp hạng", "leaderboard / contest"),
    ("cho tôi sỗ điện thoại ban tổ chức", CONTACTS),
]

TYPED = [
    # Telex keys left in, letters swapped or doubled, a letter dropped
    ("so ddt ban to chuwcs", CONTACTS),
    ("tuaanf lex cos nhuwngx hoatj ddoongj gif", "activities / faq:hoat-dong"),
    ("cuoc thi cogn dan hoc tap", CONTEST),
    ("tham gia coo mat phi khong", FEE),
    ("thuu vien o dau", LIBRARY),
    ("huy dnag ky nhan tin", "unsubscribe"),
]

NEGATIONS = [
    ("khong muon nhan thong bao nua", "unsubscribe"),
    ("tôi khong nhận tin nữa", "unsubscribe"),
    ("hông muốn nhận tin nữa", "unsubscribe"),
    ("k nhan tin nua nhe", "unsubscribe"),
]

NEAR_MISSES = [
    ("số điện thoại công an phường nà bao nhiêu", NO),
    ("giá săng ron 95 hôm nay", NO),
    ("học nái xe máy ở đâu", NO),
    ("nịch cúp điện ngày mai", NO),
    ("thời tiết tuần này thế lào", NO),
]

# Where the marks decide the word (già/giá, thì/thi, khóa/khoa), and without marks the words
# around decide.
COLLISIONS = [
    ("người già tham gia được không", "faq:ai-tham-gia"),
    ("giá tham gia bao nhiêu", FEE),
    ("bao giờ thi", "contest / faq:cuoc-thi / faq:thoi-gian / schedule"),
    ("khoa học máy tính là gì", NO),
    ("giá vàng", NO),
]

# Cases the round did not mend (strict xfail): the text, with the answer it gets and why.
LEFT: dict[str, str] = {
    "nịch thi đấu cuộc thi công dân học tập": (
        "dont_know: read as lịch, but \"thi đấu\" (a match) makes it a sports fixture, as "
        "typed right"),
    "khoa học máy tính là gì": (
        "faq:internet-an-toan: \"máy tính\" names the computer classes, as with no "
        "collision at all"),
}


@pytest.mark.parametrize(("text", "expected"), with_left(REGIONAL, LEFT))
def test_regional(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


@pytest.mark.parametrize(("text", "expected"), with_left(MIXED_MARKS, LEFT))
def test_mixed_marks(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


@pytest.mark.parametrize(("text", "expected"), with_left(WRONG_TONE, LEFT))
def test_wrong_tone(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


@pytest.mark.parametrize(("text", "expected"), with_left(TYPED, LEFT))
def test_typed(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


@pytest.mark.parametrize(("text", "expected"), with_left(NEGATIONS, LEFT))
def test_negations(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


@pytest.mark.parametrize(("text", "expected"), with_left(NEAR_MISSES, LEFT))
def test_near_misses(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


@pytest.mark.parametrize(("text", "expected"), with_left(COLLISIONS, LEFT))
def test_collisions(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


# Written after the round's fixes (other words again): "dùng" is no "đừng", a negation typed
# without marks among marked words, l/n and s/x, and collisions.
AFTER_FIXES = [
    ("cách dung điện thoại thông minh cho người già",
     "event:an-duong-ky-nang-so / faq:internet-an-toan"),
    ("dung nhắn cho mình nữa nha", "unsubscribe"),
    ("tôi khong cần nhận tin nhắc lịch nữa", "unsubscribe"),
    ("khong phải hỏi lịch, cho hỏi số điện thoại ban tổ chức", CONTACTS),
    ("có nớp dạy tin học cho người nớn tuổi không", SAFE + " / event:an-duong-ky-nang-so"),
    ("chực tiếp lễ khai mạc ở đâu", "event:khai-mac / day:2020-10-01"),
    ("nàm sao để đăng ký thi", CONTEST + " / contest_take"),
    ("ông già tôi có đi học được không", "faq:ai-tham-gia"),
    ("giá học phí bao nhiêu", FEE),
    ("sổ xố hôm nay", NO),
]


@pytest.mark.parametrize(("text", "expected"), with_left(AFTER_FIXES, LEFT))
def test_after_fixes(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")
