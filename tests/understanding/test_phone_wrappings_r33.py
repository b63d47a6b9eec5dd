"""Round 33 (c): the question wrapped in what phones and chat apps add: emojis and smileys
around or inside it, a sticker's or a picture's placeholder, links and hashtags, the writer's
own number or address told, a forwarded message's mark, a phone's signature, the question said
twice, voice typing (numbers as words, punctuation said aloud, "của" for "cửa"); emojis and
smileys alone; and near misses: a link, a forward or a hashtag about something not the Week's.

Blind cases, other words than round 33c's corpus batches (BENCHMARKS §8.122).
"""

from __future__ import annotations

import pytest

from handlers.understanding import Understander
from handlers.understanding.normalise import LINK, tokenize, undecorated, unwrapped
from tests.understanding.conftest import answer, with_left

# A question with what the phone or the app adds around it keeps its answer
# (normalise.unwrapped, normalise.undecorated).
WRAPPED = [
    ("lich ngay mai 👍👍", ("day:2020-10-02",)),
    ("hom nay co su kien gi ko 😍😍", ("day:2020-10-01",)),
    ("👏👏 le khai mac o dau vay", ("event:khai-mac", "day:2020-10-01")),
    ("tham gia co mat tien ko ad 🙏", ("faq:chi-phi",)),
    ("thu vien 📚📖 mo cua may h", ("library", "faq:doc-sach")),
    ("chu nhat co gi ko :D", ("day:2020-10-04",)),
    ("cuoc thi ket thuc khi nao ^^", ("contest", "event:cuoc-thi-dong", "faq:thoi-gian")),
    ("[Sticker] mai co su kien gi", ("day:2020-10-02",)),
    ("[Hình ảnh] lễ khai mạc mấy giờ bắt đầu", ("event:khai-mac", "day:2020-10-01")),
    ("#tuanlehoctap2020 le khai mac o dau", ("event:khai-mac", "day:2020-10-01")),
    ("Fwd: FW: lich tuan le hoc tap nhu the nao", ("schedule",)),
    ("Chuyển tiếp: cho hỏi số điện thoại ban tổ chức", ("contacts", "faq:lien-he")),
    ("thi o dau vay, sdt cua minh la 0977 123 456", ("contest", "faq:cuoc-thi")),
    ("han nop bao cao la ngay nao, mail truong em la c2abc@haiphong.edu.vn",
     ("faq:han-bao-cao", "bodies")),
    ("co mat phi khong vay\n\nSent from my iPhone", ("faq:chi-phi",)),
    ("le khai mac o dau Gửi từ điện thoại Samsung của tôi",
     ("event:khai-mac", "day:2020-10-01")),
    ("hôm nay có gì thế https://hoctapsuotdoi.haiphong.gov.vn", ("day:2020-10-01",)),
    ("thu 7 co gi thu 7 co gi", ("day:2020-10-03",)),
    ("le khai mac o dau le khai mac o dau a", ("event:khai-mac", "day:2020-10-01")),
    ("ngày mồng ba tháng mười có sự kiện gì không chấm hỏi", ("day:2020-10-03",)),
    ("thư viện mở của từ mấy giờ", ("library", "faq:doc-sach")),
]
# Emojis and smileys alone (or beside a call): what a user means by them after an answer
# (lexicon: laughing faces a laugh, hearts and folded hands thanks, a wave a greeting).
ALONE = [
    ("👍", ("smalltalk:ok",)),
    ("✅", ("smalltalk:ok",)),
    ("😆", ("smalltalk:ok",)),
    ("=)))", ("smalltalk:ok",)),
    ("[sticker]", ("smalltalk:ok",)),
    ("💕", ("smalltalk:thanks",)),
    ("<3", ("smalltalk:thanks",)),
    ("🙏🙏 ạ", ("smalltalk:thanks",)),
    ("👋 ad", ("smalltalk:greeting",)),
    ("😢", ("dont_know",)),
    ("[Hình ảnh]", ("dont_know",)),
]
# Near misses: a link, a forward or a hashtag about something not the Week's; a link shared
# with words that ask nothing (read with the link as a word the bot does not know).
NO_INFORMATION = [
    "https://shopee.vn/ao-khoac-nam con size L ko",
    "Fwd: lich tiem vac xin phuong cat bi thu 6 nay",
    "Chuyển tiếp: Điện lực Hải Phòng thông báo cắt điện ngày mai",
    "#thoitiet mai co mua khong",
    "ưu đãi cực sốc nhấn vào đây http://khuyenmai-sieu-hot.vn",
    "xem clip nay hay lam https://www.tiktok.com/@abc/video/123",
]
# Left: a line of the round's batch 1 whose question itself (not its wrapping) is misread
# (another since answered), and a tuned line of an earlier round the regenerated examples turned.
OWN_LEFT = {
    "🙏🙏 cho e hỏi cách đăng ký nhận lịch":
        "the question itself, without its emojis: typed with marks, 'cách đăng ký nhận lịch' "
        "stays between subscribing and the schedule (unmarked it is subscribing)",
    # ("co lop hoc internet an toan ko 🤔🤔": the activities on 'lớp học' beside the safe
    # Internet's FAQ until round 37, whose examples' model, certain of the FAQ, replaced them:
    # BENCHMARKS §8.146)
    # ("làm sao nhận biết lừa đảo trên mạng, có tài liệu không": a tuned line of an earlier
    # round on the examples' knife's edge, the rules' list of courses (6.28) before the safe
    # Internet's FAQ (6.25), turned by this round's examples alone; answered again once round
    # 33 merged)
}
OWN = [
    ("🙏🙏 cho e hỏi cách đăng ký nhận lịch", ("subscribe", "faq:nhac-lich")),
    ("co lop hoc internet an toan ko 🤔🤔",
     ("faq:internet-an-toan", "event:lop-ky-nang-so", "event:an-duong-ky-nang-so")),
    ("làm sao nhận biết lừa đảo trên mạng, có tài liệu không",
     ("courses:ky-nang-so", "faq:internet-an-toan")),
]


@pytest.mark.parametrize(("text", "expected"), WRAPPED)
def test_a_wrapped_question_keeps_its_answer(understander: Understander, text: str,
                                             expected: tuple[str, ...]) -> None:
    assert answer(understander, text) in expected


@pytest.mark.parametrize(("text", "expected"), ALONE)
def test_emojis_alone_are_small_talk(understander: Understander, text: str,
                                     expected: tuple[str, ...]) -> None:
    assert answer(understander, text) in expected


@pytest.mark.parametrize(("text", "expected"),
                         [(t, "dont_know") for t in NO_INFORMATION])
def test_a_link_or_forward_off_the_week_gets_no_answer_of_the_week(
        understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) == expected


@pytest.mark.parametrize(("text", "expected"), with_left(OWN, OWN_LEFT))
def test_left_lines_of_the_round(understander: Understander, text: str,
                                 expected: tuple[str, ...]) -> None:
    assert answer(understander, text) in expected


def test_what_the_app_adds_is_read_as_symbols_or_left_out() -> None:
    text = unwrapped("Fwd: lịch https://www.shopee.vn/a?b=1 #sale [Sticker] sđt em 0912 345 678"
                     "\nSent from my iPhone")
    words = [t.text for t in tokenize(text)]
    assert words == ["lịch", LINK, "shopee", "🏷", "🙂", "☎"]


def test_a_number_not_told_as_ones_own_stays() -> None:
    assert "0912345678" in [t.text for t in tokenize("goi 0912345678 khong ai nghe")]


def test_symbols_beside_fillers_only_stay(understander: Understander) -> None:
    filler = understander.index.is_filler
    assert [t.text for t in undecorated(tokenize("ad 👍"), filler)] == ["ad", "👍"]
    assert [t.text for t in undecorated(tokenize("lịch 👍"), filler)] == ["lịch"]
