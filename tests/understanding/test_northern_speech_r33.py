"""Round 33 (a) of issue 15: Hải Phòng and northern speech written as it sounds.

Hải Phòng speakers swap l and n in writing both ways ("nịch" for lịch, "nàm" for làm, "hôm lay"
for hôm nay, "kỹ lăng số" for kỹ năng), and northern speakers confuse tr/ch, s/x and d/gi/r
("chủ chì", "xự kiện", "có dì"), inside northern frames ("hử", "nhá", "đấy", "ối giời ơi",
"bọn tớ", "các cụ", "u tôi", "mợ tôi"). The repairer read such swaps in words typed with marks;
the round mended them as families where they were typed without marks or collided with another
word: l said n in letters no word of the bot has (a slip of a key beside still wins), "lay"
after a word of the date, n said l between two words it pairs with, a filler or letters of
several words read the other way where that pairs with a word that asks for something or with
both neighbours (never a question word), d heard gi before i, a heard-alike reading before a
tone slip to a filler, "mùng lăm". These blind cases are other members of each family than the
round's corpus lines. Guards: the same swaps where the words around say the word is meant as
typed, and off-topic questions in the same speech. Figures in BENCHMARKS §8.120.
"""

from __future__ import annotations

import pytest

from handlers.understanding import Understander
from tests.understanding.conftest import answer, with_left

CONTEST = "contest / faq:cuoc-thi"
TAKE = "contest_take / contest / faq:cuoc-thi"
SAFE = "faq:internet-an-toan / event:an-duong-ky-nang-so / event:lop-ky-nang-so"
SKILLS = "courses:ky-nang-so / faq:internet-an-toan"

# l said n (and n said l) typed without marks.
WITHOUT_MARKS = [
    ("co nich gi khong ad", "schedule"),                       # nich: lịch, not "dịch"
    ("nich hom nay the nao", "day:2020-10-01"),
    ("nich thu bay co gi", "day:2020-10-03"),
    ("cuoc thi keo dai bao nau", CONTEST),                     # nau: lâu
    ("hom nau co gi", "day:2020-10-01"),                       # a key beside: nay
    ("hom lay co gi the", "day:2020-10-01"),                   # lay after a word of the date
    ("hôm lay có gì thế", "day:2020-10-01"),
    ("toi lay co gi khong", "day:2020-10-01@toi"),
    ("chieu lay co gi hay", "day:2020-10-01@chieu"),
    ("ky lang so la gi", SKILLS),                              # between two words: năng
    ("hoc ky lang so cho nguoi gia o dau", SKILLS + " / event:lop-ky-nang-so"),
]

# A filler, or letters that spell several words, read the other way where that pairs.
OTHER_WAY = [
    ("bo toi bi nua dao qua dien thoai", SAFE),                # nua: lừa
    ("bi nua tren mang thi lam sao", SAFE),
    ("quan ne chan co nhung hoat dong gi", "faq:quan-huyen"),  # ne: Lê
    ("nam bai thi o dau", TAKE),                               # nam: làm
    ("ngay mai co xu kien gi", "day:2020-10-02"),              # xu: sự
    ("tuần này có xự kiện gì", "schedule / day:2020-10-01"),
]

# Heard alike with marks: d for gi before i, ch for tr before a filler's letters.
HEARD = [
    ("thứ bảy có dì", "day:2020-10-03"),
    ("sáng mai có dì hay", "day:2020-10-02@sang"),
    ("tối nay có xự kiện dì", "day:2020-10-01@toi"),
    ("ngày mai có những dì thế", "day:2020-10-02"),
    ("ai chủ chì tuần nễ", "bodies"),
    ("mùng lăm có gì", "day:2020-10-05"),
    ("mung lam co gi khong", "day:2020-10-05"),
]

# Northern frames around an ordinary question.
FRAMES = [
    ("mai có gì hử", "day:2020-10-02"),
    ("mai có gì thế hử bot", "day:2020-10-02"),
    ("ối giời ơi mai có gì", "day:2020-10-02"),
    ("có mất tiền không hử", "faq:chi-phi"),
    ("u tôi hỏi đi học nớp kỹ lăng số có mất đồng lào không", "faq:chi-phi"),
]

# Guards: the word meant as typed, and off-topic questions in the same speech.
GUARDS = [
    ("toi lay ket qua thi o dau", "leaderboard"),              # tôi lấy, not tối nay
    ("mong lam viec o thu vien", "library / faq:doc-sach / dont_know"),  # no "mùng 5"
    ("khai mac o nha van hoa lao", "event:khai-mac / day:2020-10-01 / dont_know"),
    ("nich chieu phim toi lay", "dont_know"),
    ("lịch chiếu phim tối nay", "dont_know"),
    ("nam nay lua duoc mua khong", "dont_know"),
    ("lăm nay lúa được mùa không", "dont_know"),
    ("nàm sao để con nên nớp 6", "dont_know"),
    ("con tôi có được lên lớp không", "dont_know"),
    ("giời ơi hôm lay chợ đông quá", "dont_know"),
    ("chuong trinh ti vi toi nay co gi hay", "dont_know"),
]

# Cases the round did not mend (strict xfail): the text, with the answer it gets and why.
LEFT: dict[str, str] = {
    "tối mai có nịch dì không đấy": (
        "dont_know: 'dì' is read beside the repaired 'lịch' and 'không', neither of which pairs "
        "with 'gì' (only 'có gì' does), so it stays 'dì'"),
    "ai chu chi tuan ne": (
        "dont_know: typed without marks, 'chu' may be chú, a filler, so 'chi' is not read trì "
        "beside it (the reading needs a neighbour that asks for something)"),
    "huyen an nao co hoat dong gi": (
        "activities: 'nao' is a question word, never read the other way (An Lão's 'lao')"),
    "thu lam co gi": (
        "contest_take: typed without marks 'thu lam' is also 'thử làm' (try the quiz); only "
        "'thứ lăm' with its marks is Thursday"),
    "nhắc nịch sự kiện": (
        "schedule: 'lịch sự kiện' (the events' calendar) outweighs 'nhắc lịch' as it does "
        "typed with an l"),
}

# The members of the families the round left, with the answer each must get.
UNMENDED = [
    ("tối mai có nịch dì không đấy", "day:2020-10-02@toi"),
    ("ai chu chi tuan ne", "bodies"),
    ("huyen an nao co hoat dong gi", "faq:quan-huyen"),
    ("thu lam co gi", "day:2020-10-01"),
    ("nhắc nịch sự kiện", "subscribe / faq:nhac-lich"),
]


@pytest.mark.parametrize(("text", "expected"), with_left(WITHOUT_MARKS, LEFT))
def test_without_marks(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


@pytest.mark.parametrize(("text", "expected"), with_left(OTHER_WAY, LEFT))
def test_other_way(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


@pytest.mark.parametrize(("text", "expected"), with_left(HEARD, LEFT))
def test_heard_alike(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


@pytest.mark.parametrize(("text", "expected"), with_left(FRAMES, LEFT))
def test_frames(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


@pytest.mark.parametrize(("text", "expected"), with_left(GUARDS, LEFT))
def test_guard(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


@pytest.mark.parametrize(("text", "expected"), with_left(UNMENDED, LEFT))
def test_unmended(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")
