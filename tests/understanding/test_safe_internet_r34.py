"""Round 34 (b): the safe Internet and digital skills as the Week offers them, asked in everyday
words: the classes (for pupils, parents and workers, civil servants, the elderly of An Dương),
when and where they are held, who may come, whether they are free; the sites of the kind; the
FAQ's advice on scams, hacked accounts and children online; and the near misses a citizen
types the same way (a home network's password, the police's line, a phone shop), which get no
answer of the Week.

Blind cases, other words than round 34b's corpus batches (BENCHMARKS §8.127).
"""

from __future__ import annotations

import pytest

from handlers.understanding import Understander
from tests.understanding.conftest import answer, with_left

SAFETY = "faq:internet-an-toan"
PUPILS = "event:tap-huan-internet-hoc-sinh"
OFFICIALS = "event:tap-huan-internet-cbcnv"
PARENTS = "event:lop-ky-nang-so"
ELDERS = "event:an-duong-ky-nang-so"
SITES = "courses:ky-nang-so"

# The classes asked of: when, where, for whom (an event's card; the FAQ where the class is
# named as all of them are).
CLASSES = [
    ("lớp dạy các cụ dùng điện thoại thông minh ở An Dương học hôm nào", (ELDERS,)),
    ("tap huan an toan mang cho hs sv dien ra luc may gio", (PUPILS,)),
    ("buổi tập huấn Internet cho công chức học trực tuyến phải không", (OFFICIALS,)),
    ("lop ky nang so buoi toi cho nguoi di lam hoc o dau", (PARENTS,)),
    # a part of the day before "thứ mấy" asks which day, it names none (dates.py)
    ("vợ tôi muốn đi lớp kỹ năng số cho phụ huynh, lớp ấy học tối thứ mấy", (PARENTS,)),
    ("ông tôi ở An Dương muốn học dùng điện thoại, sáng hôm nào có lớp", (ELDERS,)),
    # the classes named as all of them are: the FAQ, which says who holds them and where
    ("lop internet an toan hoc o cho nao vay ad", (SAFETY,)),
    # "an toàn cho người lao động" is no "an toàn lao động" read across "cho" (index.py); both
    # the civil servants' training and the parents' class take workers
    ("Tập huấn Internet an toàn cho người lao động tổ chức khi nào", (SAFETY, OFFICIALS, PARENTS)),
    ("người lớn tuổi học dùng zalo ở đâu", (SAFETY, ELDERS, PARENTS)),
]
# Free? Who may come?
FEES_AND_WHO = [
    ("lớp dùng điện thoại cho người già có phải nộp tiền không", ("faq:chi-phi",)),
    ("tap huan internet cho cong chuc co thu phi ko", ("faq:chi-phi",)),
    ("sinh viên cao đẳng có dự được buổi tập huấn internet cho học sinh không",
     (PUPILS, "faq:ai-tham-gia")),
]
# The sites of the kind, as people type their names.
SITE_NAMES = [
    ("trang ncsc có gì", SITES),
    ("gửi mình link google safety với", SITES),
    ("có trang web nào học kỹ năng số không", SITES),
]
# The FAQ's advice, asked in a citizen's words.
ADVICE = [
    "làm sao dạy con phân biệt tin giả trên mạng",
    "fb bị hack, đổi mk rồi mà vẫn bị đăng bài lạ",
    "cach su dung mang xa hoi an toan",
    "ban be nhan tin muon tien qua messenger, nghi bi hack nick",
    "con tôi toàn xem video linh tinh trên youtube, cài chế độ trẻ em thế nào",
    "nhận được cuộc gọi lạ xưng nhân viên ngân hàng hỏi mã otp",
    "zalo cua me toi gui tin nhan lung tung cho moi nguoi, co phai bi hack ko",
]
# Near misses: told the same way, not the Week's.
NOT_THE_WEEKS = [
    "số đường dây nóng công an thành phố",
    "tong dai cong an la so may",
    "đổi mật khẩu wifi nhà thế nào",
    "wifi bi nguoi la dung ke, doi pass the nao",
    "mạng nhà chậm quá gọi ai",
    "cửa hàng bán điện thoại cũ ở Lê Chân",
    "quên mk zalo lấy lại thế nào",
]
LEFT = {
    # ("ban be nhan tin muon tien qua messenger, nghi bi hack nick": no information with round
    # 36's examples, its nearest example one of "no information" by 0.0007; the model's safe
    # Internet 0.92 is given since round 37, the nearest of it nearly as alike, §8.145.)
    "wifi bi nguoi la dung ke, doi pass the nao": "'người lạ' is a word of the safe Internet "
                                                  "too ('chat với người lạ'): the password is "
                                                  "no longer all the FAQ is found on (the FAQ)",
    # ("mạng nhà chậm quá gọi ai": no information with round 38's examples, §8.157)
}
# A complaint is still one said alone; a part of the day alone is still that part of today.
TALK = [
    ("lung tung quá", "smalltalk:sorry"),
    ("bot trả lời linh tinh", "smalltalk:sorry"),
    ("tối thứ mấy", "day:2020-10-01@toi"),
]


@pytest.mark.parametrize(("text", "expected"), with_left(CLASSES, LEFT))
def test_a_class_asked_of_gets_its_card_or_the_faq(understander: Understander, text: str,
                                                   expected: tuple[str, ...]) -> None:
    assert answer(understander, text) in expected


@pytest.mark.parametrize(("text", "expected"), with_left(FEES_AND_WHO, LEFT))
def test_free_and_who_may_come(understander: Understander, text: str,
                               expected: tuple[str, ...]) -> None:
    assert answer(understander, text) in expected


@pytest.mark.parametrize(("text", "expected"), with_left(SITE_NAMES, LEFT))
def test_a_site_named_gets_the_digital_skills_resources(understander: Understander, text: str,
                                                       expected: str) -> None:
    assert answer(understander, text) == expected


@pytest.mark.parametrize(("text", "expected"), with_left([(t, SAFETY) for t in ADVICE], LEFT))
def test_advice_asked_gets_the_safe_internet_faq(understander: Understander, text: str,
                                                 expected: str) -> None:
    assert answer(understander, text) == expected


@pytest.mark.parametrize(("text", "expected"),
                         with_left([(t, "dont_know") for t in NOT_THE_WEEKS], LEFT))
def test_a_near_miss_gets_no_answer_of_the_week(understander: Understander, text: str,
                                                expected: str) -> None:
    assert answer(understander, text) == expected


@pytest.mark.parametrize(("text", "expected"), TALK)
def test_small_talk_and_a_bare_part_of_the_day_stay(understander: Understander, text: str,
                                                    expected: str) -> None:
    assert answer(understander, text) == expected
