"""Round 39: the digital-skills class asked for, and a plea for help after something suffered
online (issue 15). A class named by its kind ("lớp", "buổi", "khóa") and asked when, where or
for whom is the class, not the online resources nor the safe-Internet FAQ; a plea ("bị …",
"mất …", "lộ …", "họ bảo …, phải làm sao") the rules found nothing in is asked of the safe
Internet's answer alone, and a lost wallet, a slow network or a bank's fee keep "no
information" (BENCHMARKS §8.158). Written for this round, in the words people type.
"""

from __future__ import annotations

import pytest

from handlers.understanding import Understander
from tests.understanding.conftest import answer

CLASSES = ("event:lop-ky-nang-so", "event:an-duong-ky-nang-so")
SAFETY = ("faq:internet-an-toan", "courses:ky-nang-so")

# The class asked for by its kind, then its hours, place or audience.
CLASS_ASKED = [
    "khoa ky nang so toi t7 hoc o cho nao",
    "buổi học kỹ năng số buổi tối có ở gần đây không",
    "co buoi ky nang so nao cho nguoi di lam khong",
    "khóa học kỹ năng số buổi tối dành cho ai",
    "khoa ky nang so cho nguoi lao dong hoc o dau",
]

# The safe Internet asked by its own words stays the FAQ, class or not.
FAQ_KEPT = [
    "lop tap huan an toan mang o dau",
    "buổi tập huấn internet an toàn khi nào có",
]

# A plea after something suffered online.
PLEAS = [
    "em lỡ gửi ảnh căn cước cho một trang tuyển dụng lạ, giờ phải làm gì",
    "lo dua so the can cuoc cho ben cho vay tren mang, gio phai lam gi",
    "tai khoan game cua em bi mat sau khi dang nhap vao web la, lam sao lay lai",
]

# Something suffered off the Internet, or a fee: still "no information".
NOT_ONLINE = [
    "bi mat xe dap truoc cong truong thi lam sao",
    "điện thoại bị rơi xuống nước, làm sao bây giờ",
    "mạng chập chờn cả tối, phải làm gì",
    "hoc sinh lop 5 bi diem kem thi lam sao",
    "bị mất giấy phép lái xe thì làm lại thế nào",
]


@pytest.mark.parametrize("text", CLASS_ASKED)
def test_class_asked_for_is_the_class(understander: Understander, text: str) -> None:
    assert answer(understander, text) in CLASSES


@pytest.mark.parametrize("text", FAQ_KEPT)
def test_safe_internet_class_stays_the_faq(understander: Understander, text: str) -> None:
    assert answer(understander, text) in SAFETY


@pytest.mark.parametrize("text", PLEAS)
def test_plea_after_harm_online_is_safety(understander: Understander, text: str) -> None:
    assert answer(understander, text) in SAFETY


@pytest.mark.parametrize("text", NOT_ONLINE)
def test_harm_off_the_internet_keeps_no_information(
        understander: Understander, text: str) -> None:
    assert answer(understander, text) == "dont_know"
