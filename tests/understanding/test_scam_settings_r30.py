"""Round 30 (e) of issue 15: a scam or a danger met online, told in a subject not the Week's.

Citizens tell how someone was deceived or put at risk online in the setting the scammer chose:
a bank, a medicine or a vaccine, the power or water company, the police or a court, insurance,
an investment group, a shop, a parcel, a loan app, a charity. What they ask is how to be safe
online: the safe-Internet answer, though a word of the lexicon's `elsewhere` names the setting
(lexicon scam_signs: a story holding a sign of the scam has the examples asked all the same,
their answer taken only when it is the safe Internet's). Blind paraphrases, written before the
round's fixes were measured, in other words than the round's corpus batches. Guards: the same
subjects asked plainly (no scam, no danger online) stay "dont_know", and the Week's own answers
asked beside a scam's words keep theirs. Figures in BENCHMARKS §8.106.
"""

from __future__ import annotations

import pytest

from handlers.understanding import Understander
from tests.understanding.conftest import answer, with_left

SAFE = "faq:internet-an-toan"
CONTACTS = "contacts / faq:lien-he"

# The scam's setting names a subject not the Week's: the safe-Internet answer.
STORIES = [
    ("co ng nhan tin mao danh ngan hang vietcombank bao e nang cap the chip, gui link bat dien "
     "thong tin, e dien roi thi sao", SAFE),
    ("bố tôi bị kẻ gian giả danh cán bộ thuế gọi bảo nợ thuế, phải nộp ngay qua tài khoản lạ, "
     "ông sợ quá chuyển luôn 20 triệu, giờ làm gì", SAFE),
    ("e bi 1 app vay tien online lua, vay 3tr ma bat tra 8tr, ko tra thi ho goi khap ho hang, "
     "e phai lam sao", SAFE),
    ("mẹ tôi mua thực phẩm chức năng qua livestream, bảo chữa khỏi tiểu đường, uống mãi không "
     "khỏi, có phải bị lừa không", SAFE),
    ("tren zalo dang lan truyen tin tiem vac xin xong se bi dot quy, co that ko vay", SAFE),
    ("chi e nhan dc cuoc goi xung la cong an tinh bao lien quan den vu an, bat cai ung dung "
     "de xac minh, co nen nghe ko", SAFE),
    ("có người gọi tự xưng là nhân viên điện lực, bảo nhà tôi được hoàn tiền điện, đọc mã otp "
     "gửi về máy để nhận, tôi có nên đọc không", SAFE),
    ("ong e vao 1 nhom zalo tu van chung khoan, ho bao nap them tien moi rut duoc loi, co phai "
     "lua dao ko", SAFE),
    ("em đặt mua quần áo trên một shop online, chuyển khoản rồi mà chờ mãi không thấy hàng, shop "
     "chặn em luôn, em phải làm gì", SAFE),
    ("co ng goi bao e co buu kien tu nuoc ngoai bi giu o hai quan, phai chuyen tien phi thong "
     "quan, co phai lua ko", SAFE),
    ("trang facebook tự xưng là quỹ từ thiện xin tiền mổ tim cho trẻ em, tôi muốn ủng hộ nhưng "
     "sợ là lừa, kiểm tra thế nào", SAFE),
    ("bà tôi được người lạ kết bạn zalo, tự xưng là bác sĩ bệnh viện bạch mai, bán thuốc đặc "
     "trị, bà chuyển 10 triệu rồi, giờ phải báo ai", SAFE),
    ("ba e nhan tin nhan bao trung thuong xe may cua cong ty bao hiem, phai dong phi truoc 2tr, "
     "la that hay gia", SAFE),
    ("nick fb cua me e bi hack, no nhan tin cho ca nha muon tien noi de dong vien phi benh vien, "
     "gio lay lai nick the nao", SAFE),
    ("nhận được tin nhắn từ số lạ bảo tài khoản ngân hàng của tôi bị trừ tiền, bấm vào đường "
     "link để hủy, tôi có nên bấm không", SAFE),
    ("con tôi bị dụ vào nhóm đầu tư tiền ảo trên telegram, lãi cao lắm, giờ không rút được "
     "tiền, làm sao", SAFE),
    ("co ng goi video cho me e, mat giong het chau e, bao dang o benh vien can chuyen tien gap, "
     "me e suyt chuyen, lam sao de phong", SAFE),
    ("trên facebook có tin đồn nước máy ở hải phòng bị nhiễm độc, tôi có nên tin không", SAFE),
]

# Guards: the same subjects asked plainly, and the Week's answers beside a scam's words.
GUARDS = [
    ("ngân hàng agribank gần chợ sắt mấy giờ mở cửa", "dont_know"),
    ("uong thuoc ha sot xong bao lau thi tam dc", "dont_know"),
    ("hoá đơn tiền điện tháng 9 xem ở đâu", "dont_know"),
    ("vay ngân hàng mua nhà lãi suất bao nhiêu", "dont_know"),
    ("tiem vac xin soi cho be o tram y te phuong nao", "dont_know"),
    ("bảo hiểm y tế hộ gia đình năm nay đóng bao nhiêu", "dont_know"),
    ("cong an phuong cat dai o dau", "dont_know"),
    ("ship hàng từ hải phòng vào sài gòn mất mấy ngày", "dont_know"),
    ("học cách phòng tránh lừa đảo qua mạng ở lớp nào của tuần lễ",
     "faq:internet-an-toan / event:lop-ky-nang-so / courses:ky-nang-so"),
    ("số điện thoại ban tổ chức để báo trang giả mạo cuộc thi", CONTACTS),
    ("cuộc thi công dân học tập có bắt nộp tiền không, tôi sợ lừa đảo",
     "faq:chi-phi / contest / faq:cuoc-thi"),
]

# Cases the round did not mend (strict xfail): the text, with the answer it gets and why.
LEFT: dict[str, str] = {
    "mẹ tôi mua thực phẩm chức năng qua livestream, bảo chữa khỏi tiểu đường, uống mãi không "
    "khỏi, có phải bị lừa không":
        "dont_know: the scam's sign ('bị lừa') has the model asked, but it gives the safe "
        "Internet 0.20 (< MODEL_FLOOR 0.3) against 'no information' 0.71: the examples hold few "
        "stories of a remedy sold online",
    # ("em đặt mua quần áo trên một shop online, … em phải làm gì": no information from
    # round 33's merge, the model's knife's edge since round 30; read again with round 34a's
    # examples)
}


@pytest.mark.parametrize(("text", "expected"), with_left(STORIES, LEFT))
def test_story(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


@pytest.mark.parametrize(("text", "expected"), with_left(GUARDS, LEFT))
def test_guard(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")
