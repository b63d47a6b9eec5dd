"""Round 27 (c) of issue 15: contacts, the organising bodies and the results report, asked by
citizens and by the officials who organise the Week (ward and commune culture officers, school
principals, librarians, Hội Khuyến học, Đoàn Thanh niên).

Blind paraphrases, written before any change of the round, in other words than the round's
corpus batches. The line drawn (BENCHMARKS §8.85):
- the Week's contacts (/lienhe, the FAQ entry lien-he): a phone number, e-mail, Zalo or address
  of the organisers, the steering committee, the Hội Khuyến học of the city or the Division of
  continuing education of the Sở GD; whom to call or write about the Week; a complaint or a
  suggestion about the Week (or the offer to pass it on);
- the organising bodies (/tochuc): who organises, leads or pays for the Week, what the Sở, the
  districts' People's Committees, the Hội Khuyến học or the mass organisations must do;
- the results report (the FAQ entry han-bao-cao, /tochuc): by when (15/10/2020), to whom, by
  which e-mail, on paper or not, what to count and attach, late;
- no information: another office's number (police, hospital, bank, network operator, power or
  water company, a ward's office for papers, a school's own office or teacher, the Sở's
  admissions), another report (tax, a company's accounts, a school's term report), a job.
"""

from __future__ import annotations

import pytest

from handlers.understanding import Understander
from tests.understanding.conftest import answer, with_left

CONTACTS = "contacts / faq:lien-he"
COMPLAIN = "contacts / faq:lien-he / ask"
BODIES = "bodies"
REPORT = "faq:han-bao-cao / bodies"
NO = "dont_know"

CITIZENS = [
    ("cho tôi hỏi số điện thoại của ban tổ chức tuần lễ", CONTACTS),
    ("sdt btc tuan le la gi a", CONTACTS),
    ("xin so lien lac cua hoi khuyen hoc hai phong", CONTACTS),
    ("đt hkh thành phố", CONTACTS),
    ("tôi muốn gọi lên sở giáo dục hỏi về tuần lễ học tập, số nào", CONTACTS),
    ("hoi khuyen hoc tp o dia chi nao", CONTACTS),
    ("ban to chuc co dia chi email khong", CONTACTS),
    ("cho xin zalo cua ban to chuc voi", CONTACTS),
    ("gio muon hoi them ve tuan le thi goi dien cho ai", CONTACTS),
    ("bà không quen dùng điện thoại thông minh, cho bà số để gọi hỏi", CONTACTS),
    ("văn phòng hội khuyến học thành phố ở đâu vậy", CONTACTS),
    ("số hotline tuần lễ học tập suốt đời", CONTACTS),
    ("ad cho e xin sdt phong giao duc thuong xuyen cua so", CONTACTS),
    ("có ai trực điện thoại để hỏi về tuần lễ không", CONTACTS),
    ("muon gop y ve tuan le hoc tap thi gui dau", COMPLAIN),
    ("tôi có ý kiến không hài lòng về cách tổ chức tuần lễ ở phường, gửi cho ai", COMPLAIN),
    ("phan nan ve tuan le o xa toi thi bao ai", COMPLAIN),
]

OFFICIALS = [
    ("hạn nộp báo cáo kết quả tuần lễ là ngày bao nhiêu", REPORT),
    ("bc tuan le gui truoc ngay may", REPORT),
    ("tôi là hiệu trưởng, báo cáo tuần lễ gửi về đâu", REPORT),
    ("báo cáo kết quả cần những số liệu gì", REPORT),
    ("trong bc co can ghi so luot nguoi doc sach ko", REPORT),
    ("email nhận báo cáo tuần lễ của sở là gì", REPORT),
    ("báo cáo gửi bản giấy về hội khuyến học hay gửi qua mạng", REPORT),
    ("truong toi nop bc muon vai ngay co sao khong", REPORT),
    ("can bo van hoa phuong hoi: bao cao tuan le nop cho so hay cho hoi khuyen hoc", REPORT),
    ("thư viện quận làm báo cáo tuần lễ thì đếm những gì", REPORT),
    ("chi doan phuong co phai lam bc ket qua tuan le khong", REPORT),
    ("ai tổ chức tuần lễ học tập suốt đời ở hải phòng", BODIES),
    ("co quan chu tri tuan le la ai", BODIES),
    ("ubnd quận có nhiệm vụ gì trong tuần lễ", BODIES),
    ("hội khuyến học được giao việc gì trong tuần lễ học tập", BODIES),
    ("sở giáo dục phải làm những gì cho tuần lễ", BODIES),
    ("kinh phí tổ chức tuần lễ do đơn vị nào bố trí", BODIES),
]

NEAR_MISSES = [
    ("sdt cong an phuong dang hai", NO),
    ("số điện thoại bệnh viện hữu nghị việt tiệp", NO),
    ("tong dai cham soc khach hang mobifone", NO),
    ("hotline ngan hang agribank", NO),
    ("số điện thoại công ty cấp nước hải phòng", NO),
    ("xin sdt van phong truong thcs chu van an", NO),
    ("cho xin zalo thầy chủ nhiệm của con", NO),
    ("so dt phong tuyen sinh so gd hai phong", NO),
    ("địa chỉ ubnd phường để làm giấy khai sinh", NO),
    ("hạn nộp báo cáo thuế quý 3", NO),
    ("báo cáo tổng kết học kỳ của trường nộp khi nào", NO),
    ("email tuyen dung giao vien cua so gd", NO),
    ("sdt cuu hoa hai phong", NO),
]


LEFT: dict[str, str] = {
    "bà không quen dùng điện thoại thông minh, cho bà số để gọi hỏi":
        "the smartphone told as the reason reads as a device's own business (round 26 a's help "
        "desk: no information); the number asked in the part after it is not weighed",
}


@pytest.mark.parametrize(("text", "expected"), with_left(CITIZENS, LEFT))
def test_citizens(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


@pytest.mark.parametrize(("text", "expected"), with_left(OFFICIALS, LEFT))
def test_officials(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


@pytest.mark.parametrize(("text", "expected"), with_left(NEAR_MISSES, LEFT))
def test_near_misses(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")
