"""Round 26 (a) of issue 15: the safe Internet and digital skills beside the device and app
help-desk questions the Week does not answer.

Blind paraphrases, written before any change of the round, in other words than the round's
corpus batches. The line drawn (BENCHMARKS §8.76):
- the Week's (the FAQ entry internet-an-toan, its classes, the digital-skills resources): being
  cheated or threatened online, an account taken or logged into by someone else, a strange link
  or app, a virus, fake news, privacy, children online (time, content, strangers, bullying),
  keeping an account safe, and learning to use a phone, Zalo or the Internet (a class, a teacher,
  material);
- a help desk's (no information): a device that is broken, frozen, slow, full, hot, wet, or will
  not charge; how to do one thing in an app or on a device (install, send, print, screenshot,
  rename, back up, connect); one's own forgotten password of an app or a wifi; a bank's
  transfers; the shop, the repairer, the network operator, buying a device.
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
NO = "dont_know"

SAFE_INTERNET = [
    # scams, told short and long
    ("ai đó nhắn zalo giả làm cháu tôi xin chuyển 10 triệu đóng viện phí", SAFETY),
    ("sdt la bao e dc hoan tien bao hiem, bat cai app roi nhap so the", SAFETY),
    ("hom qua me e bi goi dien bao no tien dien, bam link thanh toan xong mat 7tr", SAFETY),
    ("tôi bán hàng online, có người đặt cọc rồi gửi link bắt đăng nhập ngân hàng để nhận tiền, "
     "có phải lừa không", SAFETY),
    ("cô giáo ơi, bố em bị người ta rủ vào nhóm chứng khoán trên zalo, nạp tiền xong không rút "
     "ra được, giờ làm sao ạ", SAFETY),
    # accounts taken
    ("zalo bị kẻ gian chiếm, mượn danh tôi vay tiền bạn bè, xử lý sao", SAFETY),
    ("nick facebook cua bo toi bi mat, ho dang ban hang lung tung", SAFETY),
    ("gmail báo có người đăng nhập từ nước ngoài, tôi có bị hack không", SAFETY),
    # a strange link or app, a virus
    ("con toi bam vao link la tren messenger, gio may cu tu mo quang cao", SAFETY),
    ("máy tính bị nhiễm mã độc thì xử lý thế nào", SAFETY),
    # fake news, privacy
    ("tin nhắn chuyển tiếp bảo mai cắt mạng toàn quốc có thật không, làm sao phân biệt tin giả",
     SAFETY),
    ("dang anh ve may bay, cccd len fb co sao ko", SAFETY),
    # children online
    ("con tôi lớp 4 xem video bậy trên youtube, chặn thế nào", SAFETY),
    ("be nha minh nghien dien thoai, cu lay la khoc, phai lam the nao", SAFETY),
    ("co nguoi la tren game lam quen con gai toi roi hen di choi", SAFETY),
    ("chau bi ban tren lop dang anh che gieu len nhom chat", SAFETY),
    # the Week's classes and material
    ("mẹ tôi muốn biết cách dùng zalo, ở đâu có lớp dạy", LEARN),
    ("ong ba e lon tuoi muon di hoc dien thoai cam ung, tuan le co day ko", LEARN),
    ("có tài liệu dạy kỹ năng số cho người mới bắt đầu không", MATERIAL),
    ("lop tap huan len mang an toan cho hoc sinh hoc o dau", STUDENTS),
    ("lớp kỹ năng số buổi tối thứ bảy dạy những gì", "event:lop-ky-nang-so / " + LEARN),
]

HELP_DESK = [
    # a device broken, frozen, slow, full, wet, not charging
    ("dt bi do phai lam sao ad", NO),
    ("điện thoại bị đơ không tắt được nguồn", NO),
    ("may tinh cua toi bi treo, bam gi cung khong an", NO),
    ("laptop chạy chậm quá, làm sao cho nhanh", NO),
    ("dien thoai bi nong ran khi sac", NO),
    ("điện thoại đầy bộ nhớ thì xóa cái gì", NO),
    ("ipad cua con bi vang nuoc vao", NO),
    ("pin dt tut nhanh qua", NO),
    # how to do one thing in an app or on a device
    ("cách tải zalo về điện thoại", NO),
    ("lam sao gui file pdf qua zalo", NO),
    ("cách chụp màn hình điện thoại samsung", NO),
    ("huong dan cai facebook tren may tinh", NO),
    ("làm sao để đổi hình nền điện thoại", NO),
    ("cach sao luu danh ba len gmail", NO),
    ("kết nối điện thoại với tivi thế nào", NO),
    # one's own forgotten password, a bank's transfers
    ("quên mật khẩu app ngân hàng thì làm sao", NO),
    ("quen mat khau wifi nha", NO),
    ("cách chuyển khoản trên app vietcombank", NO),
    ("chuyen tien qua momo nhu the nao", NO),
    # the shop, the repairer, the network, buying a device
    ("máy in không in được, báo lỗi đèn đỏ", NO),
    ("wifi nha toi yeu qua, goi ai", NO),
    ("nên mua laptop nào để học online", NO),
    ("sửa điện thoại vỡ màn hình ở đâu rẻ", NO),
]

GUARDS = [
    ("bị hack facebook thì làm thế nào", SAFETY),
    ("lam sao de khong bi lua tren mang", SAFETY),
    ("con dùng điện thoại nhiều quá phải làm sao", SAFETY),
    ("tuần lễ có lớp dạy dùng điện thoại cho người già không", LEARN),
    ("lop ky nang so hoc o dau", "event:lop-ky-nang-so / " + LEARN),
    ("có mất tiền khi học lớp kỹ năng số không", "faq:chi-phi / " + LEARN),
    ("cam on ad, de e bao bo me can than", "smalltalk:thanks"),
    ("mai co gi", "day:2020-10-02"),
]

# Cases the round did not mend (strict xfail): the text, with the answer it gets and why.
LEFT: dict[str, str] = {
    # ("bà tôi muốn học dùng zalo, tuần lễ có lớp không": a strict xfail of §8.149, the model's
    # digital-skills answers split 0.26 / 0.23 / 0.16; answered since round 38, their sum the
    # second opinion, BENCHMARKS §8.154)
    # ("bà tôi muốn học dùng zalo, tuần lễ có lớp không": a strict xfail from round 30's merge,
    # the model's second opinion under SECOND_FLOOR; read again with round 33a's examples)
    # ("ai đó nhắn zalo giả làm cháu tôi…": no information once round 34 merged, the model 0.33
    # against the safe Internet 0.30; answered again with round 36's examples: a knife's edge)
    # ("cô giáo ơi, bố em bị người ta rủ…" is answered since round 30e, §8.106.)
    # ("cach sao luu danh ba len gmail" is no information again since round 30e, §8.106.)
}


@pytest.mark.parametrize(("text", "expected"), with_left(SAFE_INTERNET, LEFT))
def test_safe_internet(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


@pytest.mark.parametrize(("text", "expected"), with_left(HELP_DESK, LEFT))
def test_help_desk(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


@pytest.mark.parametrize(("text", "expected"), with_left(GUARDS, LEFT))
def test_guard(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


# Written after the round's fixes (other words again): the same line, checked once more.
AFTER_FIXES = [
    ("máy tính xách tay bị đơ màn hình xanh", NO),
    ("dien thoai cu tu khoi dong lai lien tuc", NO),
    ("cach doi ten zalo", NO),
    ("zalo ko nhan duoc tin nhan, goi ai", NO),
    ("hướng dẫn chuyển khoản bằng điện thoại", NO),
    ("tai app ngan hang o dau", NO),
    ("ipad bị quên mật khẩu mở máy", NO),
    ("làm sao xóa tài khoản facebook cũ", NO),
    ("nguoi la nhan tin bao e trung iphone, bat chuyen phi van chuyen", SAFETY),
    ("bị kẻ xấu lấy mất nick zalo, nhắn tin vay tiền người thân", SAFETY),
    ("con gái em 12 tuổi chơi tiktok cả đêm, phải làm sao", SAFETY),
    ("co nguoi goi xung la ben dien luc bao no tien dien, doi chuyen khoan ngay", SAFETY),
    ("bà tôi muốn học dùng zalo, tuần lễ có lớp không", LEARN),
    ("có chỗ nào dạy người già dùng điện thoại miễn phí không", LEARN),
]


@pytest.mark.parametrize(("text", "expected"), with_left(AFTER_FIXES, LEFT))
def test_after_fixes(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")
