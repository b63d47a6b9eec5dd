"""Round 24 (a) of issue 15: safe Internet and digital skills, short and long, as citizens write.

Blind paraphrases (written before any change of the round, in other words than the round's
batches): scams, accounts taken, children online, fake news, privacy, older people learning a
smartphone, the Week's safe-Internet classes and digital-skills resources, typed with and
without marks, short questions and long stories; the Week's answer on the Internet used safely
(the FAQ entry internet-an-toan, its classes, the digital-skills resources) answers. And guards:
near misses of the topic (phone repair, a bank, the police, a telecom bill, buying a device) that
must stay "no information", and small talk.
"""

from __future__ import annotations

import pytest

from handlers.understanding import Understander
from tests.understanding.conftest import answer, with_left

SAFETY = "faq:internet-an-toan"
MATERIAL = "faq:internet-an-toan / courses:ky-nang-so"
LEARN = ("faq:internet-an-toan / event:an-duong-ky-nang-so / event:lop-ky-nang-so"
         " / courses:ky-nang-so")
STUDENTS = "faq:internet-an-toan / event:tap-huan-internet-hoc-sinh"

CASES = [
    # scams, short
    ('ai gửi tin nhắn bảo tôi được hoàn tiền điện, bấm vào đường link để nhận, có nên bấm không',
     SAFETY),
    ('bi lua chuyen khoan 5 trieu qua zalo thi bao o dau', SAFETY),
    ('lam the nao de khong bi lua qua dien thoai', SAFETY),
    ('có kẻ giả làm con tôi nhắn xin tiền đóng học', SAFETY),
    ('ng la goi bao e trung tuyen viec lam, bat dong tien dong phuc truoc', SAFETY),
    # accounts
    ('nick zalo bị người khác đăng nhập mất, giờ tôi không vào được nữa', SAFETY),
    ('fb bi hack doi ca email lan sdt, co cach nao lay lai ko', SAFETY),
    ('mật khẩu thế nào thì an toàn', SAFETY),
    # children online
    ('con em 8 tuoi xem dien thoai ca ngay, lam sao han che', SAFETY),
    ('làm sao biết con mình có bị bắt nạt trên mạng không', SAFETY),
    ('chau toi hay nhan tin voi nguoi la qua game, toi lo lam', SAFETY),
    # fake news, privacy
    ('tin trên mạng bảo sắp phong tỏa cả thành phố, sao biết thật giả', SAFETY),
    ('đăng ảnh căn cước lên facebook có sao không', SAFETY),
    ('sao de nguoi la ko xem duoc trang ca nhan fb cua minh', SAFETY),
    # long stories
    ('tôi là công nhân, tối qua có người gọi xưng là bên bảo hiểm xã hội nói tôi được nhận tiền '
     'trợ cấp, bảo tôi đọc số thẻ và mã gửi về máy, tôi đọc xong thì tài khoản bị rút sạch '
     'bốn triệu, giờ tôi phải làm sao', SAFETY),
    ('me e 65 tuoi moi dung smartphone, hom truoc tu nhien may hien len toan quang cao, me bam '
     'linh tinh cai ca app la, gio may cham va nong, e so bi lay thong tin, ad chi e voi', SAFETY),
    ('con trai tôi 13 tuổi, nó lấy điện thoại của mẹ nạp gần ba triệu vào game mà không hỏi ai, '
     'giờ nó còn nói dối, vợ chồng tôi muốn biết làm sao để quản lý việc con dùng máy', SAFETY),
    ('chị họ tôi nói chuyện với một người đàn ông trên mạng gần hai tháng, anh ta hứa cưới rồi '
     'nhờ chị nhận giúp một thùng hàng có tiền, bảo đóng phí hải quan, chị tôi đã chuyển ba lần',
     SAFETY),
    # learning, the Week's classes and resources
    ('tuần lễ học tập có lớp dạy người già dùng zalo không', LEARN),
    ('bo me toi muon hoc dung dien thoai thong minh, dang ky o dau', LEARN),
    ('có tài liệu hướng dẫn an toàn trên mạng cho phụ huynh không', MATERIAL),
    ('cho xin mấy trang web học kỹ năng số', MATERIAL),
    ('lop tap huan internet cho hoc sinh hoc luc nao', STUDENTS),
]

GUARDS = [
    ('điện thoại rơi xuống nước không lên nguồn, sửa ở đâu', 'dont_know'),
    ('ngan hang agribank mo cua may gio', 'dont_know'),
    ('làm lại căn cước công dân ở đâu', 'dont_know'),
    ('goi cuoc 4g nao re nhat cua mobifone', 'dont_know'),
    ('mua laptop cho con học online loại nào tốt', 'dont_know'),
    ('so dien thoai cong an phuong cau dat', 'dont_know'),
    ('cảm ơn ad đã chỉ, để tôi nói với mẹ', 'smalltalk:thanks'),
]


# Left after the round (strict xfail): the first words of each, with the answer it gets and why.
# ("tin trên mạng bảo sắp phong tỏa…" is answered since the examples' model, BENCHMARKS §8.74.)
LEFT: dict[str, str] = {
    # ('ng la goi bao e trung tuyen' is answered since round 30e, §8.106; 'mật khẩu thế nào
    # thì an toàn' since round 34b, §8.127.)
    # ('tôi là công nhân' is answered since round 30e, §8.106.)
    'con trai tôi 13 tuổi':
        "dont_know: 'lấy điện thoại' reads the phone number (contacts) and 'nạp' is repaired "
        "to 'lap'; 'quản lý việc con dùng máy' is no phrase",
    # ('chị họ tôi' is answered since round 38, §8.152; 'có tài liệu hướng dẫn an toàn' since
    # round 38 too: the safe Internet and the digital-skills group summed as the answers
    # accepted together, BENCHMARKS §8.154)
}


@pytest.mark.parametrize(("text", "expected"), with_left(CASES, LEFT, by_start=True))
def test_safety(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


def test_left_are_cases() -> None:
    assert all(any(text.startswith(start) for text, _ in CASES) for start in LEFT)


@pytest.mark.parametrize(("text", "expected"), GUARDS)
def test_near_miss(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")
