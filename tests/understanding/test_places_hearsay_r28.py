"""Round 28 (b) of issue 15: where the writer is or means, and where they heard of it, around an
ordinary question of the Week.

Blind paraphrases, written before any change of the round, in other words than the round's
corpus batches: a place of Hải Phòng (the city, "hp", a district, a ward, "trên thành phố") or
the writer's own place ("chỗ em ở", "ở phường mình"), and hearsay (the ward's loudspeaker, a
child's question, Facebook, a teacher's message on the class Zalo group, the paper, a
neighbour) around a question the Week answers. The place and the hearsay do not change the
answer; a district may narrow it where the content knows the district. Guards: another city
asked about, and questions off the Week said with Hải Phòng's places (weather, traffic,
hospitals, power cuts), keep the honest "no information". Figures in BENCHMARKS §8.92.
"""

from __future__ import annotations

import pytest

from handlers.understanding import Understander
from tests.understanding.conftest import answer, with_left

NO = "dont_know"

PLACES = [
    ("ở hải phòng thì ai được tham gia tuần lễ học tập", "faq:ai-tham-gia"),
    ("cháu học lớp 3 ở hồng bàng có tham gia được không ạ", "faq:ai-tham-gia"),
    ("tai hai phong co mat tien khong", "faq:chi-phi"),
    ("mình ở kiến thụy, tham gia có mất phí gì không", "faq:chi-phi"),
    ("o hp co cuoc thi gi ko", "contest / faq:cuoc-thi"),
    ("cho em thi với, em ở đồ sơn", "contest_take / contest"),
    ("chỗ tôi ở an lão mai có gì không", "day:2020-10-02"),
    ("trên thành phố chủ nhật này có hoạt động gì", "day:2020-10-04"),
    ("bên hải an muốn hỏi ban tổ chức thì gọi số nào",
     "faq:lien-he / contacts"),
    ("ở hp tuần lễ bắt đầu ngày nào", "faq:thoi-gian / schedule / event:khai-mac"),
    ("tuần lễ học tập ở hải phòng năm nay chủ đề gì", "theme / faq:chu-de"),
    ("em ở tiên lãng muốn nhận tin nhắc lịch", "subscribe / faq:nhac-lich"),
    ("lớp dùng điện thoại cho người già bên an dương học ngày nào",
     "event:an-duong-ky-nang-so"),
    ("quận lê chân khai mạc tuần lễ lúc mấy giờ ạ, em ở đó", "event:khai-mac-le-chan"),
    ("tôi ở cát hải, muốn xem sự kiện riêng của huyện thì làm thế nào", "faq:quan-huyen"),
]

HEARSAY = [
    ("nghe loa phường bảo có tuần lễ học tập, tuần lễ này là gì vậy",
     "faq:tuan-le-la-gi / theme"),
    ("con tôi hỏi tôi chịu, cuộc thi công dân học tập có giải gì không",
     "contest / faq:cuoc-thi"),
    ("em vừa mới biết tin, hôm nay có sự kiện gì ạ", "day:2020-10-01"),
    ("hàng xóm bảo có lớp kỹ năng số cho phụ huynh, lớp đó học tối thứ mấy",
     "event:lop-ky-nang-so / day:2020-10-03@toi / courses:ky-nang-so"),
    ("thấy trên fb nói tham gia miễn phí, có đúng không ad", "faq:chi-phi"),
    ("cô chủ nhiệm nhắn zalo nhóm lớp là cho các con thi, thi ở đâu ạ",
     "contest / contest_take / faq:cuoc-thi"),
    ("đọc báo thấy có ngày thư viện mở, ngày đó là ngày nào",
     "event:ngay-thu-vien-mo / day:2020-10-06"),
    ("hqua nghe loa phuong noi ma ko ro, mai co gi vay", "day:2020-10-02"),
    ("sếp nhắn nhóm cơ quan phải gửi báo cáo kết quả tuần lễ, hạn là bao giờ",
     "faq:han-bao-cao"),
    ("con e hoi ma e ko biet, dang ky nhan tin nhu the nao", "subscribe / faq:nhac-lich"),
]

GUARDS = [
    ("ở hà nội có tuần lễ học tập không", NO),
    ("tp hồ chí minh có cuộc thi công dân học tập không", NO),
    ("thời tiết hải phòng ngày mai thế nào", NO),
    ("đường tôn đức thắng hôm nay có tắc đường không", NO),
    ("bệnh viện trẻ em hải phòng khám thứ 7 không", NO),
    ("nghe loa phường nói mai cắt nước, mấy giờ có nước lại", NO),
    ("em ở kiến an, cho hỏi lịch tiêm vắc xin", NO),
    ("con em hỏi mà em không biết, 7 nhân 8 bằng mấy", NO),
    ("thấy trên fb bảo giá xăng tăng, có đúng không", NO),
]

# Cases the round did not mend (strict xfail): the text, with the answer it gets and why.
LEFT = {
    "bên hải an muốn hỏi ban tổ chức thì gọi số nào":
        "ask: \"muốn hỏi ban tổ chức thì …\" is read as a message to pass on to the organisers, "
        "the place aside (\"muốn hỏi ban tổ chức thì gọi số nào\" alone is read so too)",
}


@pytest.mark.parametrize(("text", "expected"), with_left(PLACES, LEFT))
def test_place(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


@pytest.mark.parametrize(("text", "expected"), with_left(HEARSAY, LEFT))
def test_hearsay(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


@pytest.mark.parametrize(("text", "expected"), with_left(GUARDS, LEFT))
def test_guard(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


# Written after the round's fixes (other words again): the same class, checked once more.
AFTER_FIXES = [
    ("cho mình thi với ở hải phòng nhé", "contest_take / contest"),
    ("lop hoc co thu phi tai hp khong", "faq:chi-phi"),
    ("người lớn tuổi tham gia được ở kiến an không", "faq:ai-tham-gia"),
    ("nghe đài phát thanh nói, tuần lễ học tập bắt đầu hôm nào",
     "faq:thoi-gian / schedule / event:khai-mac"),
    ("mẹ em hỏi mà em chịu, lớp kỹ năng số học ở đâu",
     "event:lop-ky-nang-so / courses:ky-nang-so"),
    ("bạn em bảo, thi được mấy lần vậy", "contest"),
    ("ở thủ đô có cuộc thi không", NO),
    ("tại hải phòng có bão không", NO),
    ("ở thành phố hồ chí minh có tuần lễ không", NO),
]


@pytest.mark.parametrize(("text", "expected"), with_left(AFTER_FIXES, LEFT))
def test_after_fixes(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")
