"""Round 25 (c) of issue 15: near misses, messages that share the Week's words but ask what the
bot has no information on, beside the Week's own questions asked in the same words.

Blind paraphrases written before the fixes of their class (other people, other words than the
round's corpus batches): other cities' and schools' events, school enrolment, university
admission, schools' exam results, other contests and quizzes, weather, traffic and prices
"today", jobs, health, papers and procedures, a university's library, language centres' fees,
the lottery, football, the news. Guards: the Week's questions said in the same words keep their
answers. Figures in BENCHMARKS §8.71.
"""

from __future__ import annotations

import pytest

from handlers.understanding import Understander
from tests.understanding.conftest import answer, with_left

NO: tuple[str, ...] = ("dont_know",)

NEAR_MISSES = [
    # other cities' and schools' weeks, festivals and events
    ("tuan le hoc tap suot doi o thai binh co nhung hoat dong gi", NO),
    ("Lễ khai mạc năm học mới của trường tiểu học Đằng Hải mấy giờ bắt đầu", NO),
    ("ngay hoi doc sach cua truong thcs chu van an to chuc hom nao", NO),
    ("tuần lễ văn hóa ẩm thực Hải Phòng ở đâu", NO),
    ("le hoi hoa phuong do nam nay co ban phao hoa ko", NO),
    # enrolment, admission, exam results of schools
    ("tuyển sinh lớp 1 năm nay ở quận Hồng Bàng nộp hồ sơ khi nào", NO),
    ("dk hoc mau giao cho be 3 tuoi o dau", NO),
    ("điểm chuẩn vào lớp 10 chuyên Trần Phú năm nay", NO),
    ("dh y duoc hai phong xet tuyen nhung khoi nao", NO),
    ("kq thi tot nghiep cua con toi tra o dau", NO),
    ("bao gio co ket qua thi hoc ky 1 cua truong", NO),
    ("cao đẳng nghề Hải Phòng có tuyển sinh hệ 9+ không", NO),
    # other contests and quizzes
    ("cuộc thi Đại sứ văn hóa đọc năm nay nộp bài đến hết ngày nào", NO),
    ("thi violympic toan vong truong bao gio", NO),
    ("cuoc thi an toan giao thong cho nu cuoi tuan thi online o dau", NO),
    ("giai thuong cuoc thi hoa hau viet nam la bao nhieu", NO),
    # weather, traffic, prices, lottery, football, news "today"
    ("hom nay hp nang hay mua vay", NO),
    ("chieu nay cau Binh co bi ket xe ko", NO),
    ("giá đô la hôm nay bao nhiêu", NO),
    ("ket qua xs mien bac toi nay", NO),
    ("tối nay Hải Phòng đá với Hà Nội lúc mấy giờ", NO),
    ("doc bao hai phong hom nay o dau", NO),
    # jobs, health, papers and procedures
    ("can tuyen nhan vien thu vien o hai phong", NO),
    ("hôm nay bệnh viện Việt Tiệp có khám ngày thứ 7 không", NO),
    ("lam lai bang lai xe bi mat o dau", NO),
    ("đăng ký khai sinh cho con ở phường cần mang những gì", NO),
    ("xin giay xac nhan cu tru o cong an phuong", NO),
    # a university's library, language centres' fees
    ("thư viện Đại học Hàng hải có cho mượn sách về nhà không", NO),
    ("thu vien truong dai hoc hai phong mo cua chu nhat ko", NO),
    ("học phí trung tâm tiếng anh ila một khóa bao nhiêu", NO),
    ("lop tieng han o trung tam gan nha bn tien 1 khoa", NO),
]

# Written after the first fixes (other offices' numbers, switchboards, a school's contact book,
# health declarations, weather and a school's year): new words of the same classes.
AFTER_FIXES = [
    ("xin so dien thoai cong an quan le chan", NO),
    ("cskh cua vietcombank goi so nao", NO),
    ("so tong dai mobifone bao mat sim", NO),
    ("vnedu xem diem cua con o dau", NO),
    ("đi Hà Nội về có phải khai báo y tế ở phường không", NO),
    ("chiều nay trời mưa không ad", NO),
    ("hnay nắng nóng k", NO),
    ("lễ khai giảng của trường con tôi mấy giờ", NO),
    ("con tôi học lớp 5 muốn học thêm tiếng anh buổi tối ở đâu", NO),
    ("cuoc thi tuoi tre sang tao cua thanh doan nop bai o dau", NO),
]

AFTER_FIXES_GUARDS = [
    ("hotline của ban tổ chức tuần lễ là số nào", ("contacts", "faq:lien-he")),
    ("lớp kỹ năng số buổi tối học ở đâu", ("event:lop-ky-nang-so",)),
    ("tuần lễ năm nay có tổ chức lễ khai mạc không", ("event:khai-mac", "day:2020-10-01")),
    ("chiều nay có gì ở tuần lễ", ("day:2020-10-01@chieu", "day:2020-10-01")),
]

GUARDS = [
    ("tuan le hoc tap suot doi o hai phong co nhung hoat dong gi",
     ("activities", "faq:hoat-dong")),
    ("le khai mac tuan le hoc tap may gio bat dau", ("event:khai-mac", "day:2020-10-01")),
    ("ngày hội đọc sách liên thế hệ tổ chức hôm nào", ("event:doc-sach-lien-the-he",)),
    ("ket qua cuoc thi cong dan hoc tap bao gio co", ("leaderboard", "contest")),
    ("giai thuong cuoc thi cong dan hoc tap co gi", ("contest", "faq:cuoc-thi")),
    ("thi công dân học tập online ở đâu", ("contest_take", "contest", "faq:cuoc-thi")),
    ("hom nay tuan le co su kien gi", ("day:2020-10-01",)),
    ("toi nay co hoat dong gi cua tuan le", ("day:2020-10-01@toi", "day:2020-10-01")),
    ("tham gia tuan le co mat tien ko", ("faq:chi-phi",)),
    ("thư viện thành phố ngày thư viện mở có gì", ("event:ngay-thu-vien-mo",)),
    ("muốn mượn sách ở thư viện thành phố làm thế nào", ("library", "faq:doc-sach")),
    ("khoa hoc truc tuyen mien phi cua tuan le o dau",
     ("courses", "faq:khoa-hoc-truc-tuyen", "courses:khoa-hoc")),
    ("lớp kỹ năng số cho người lao động học ở đâu", ("event:lop-ky-nang-so",)),
    ("quan hong bang co su kien gi trong tuan le khong", ("faq:quan-huyen", "schedule")),
    ("so dien thoai ban to chuc tuan le", ("contacts", "faq:lien-he")),
    ("chu de tuan le hoc tap nam 2020 la gi", ("theme", "faq:chu-de")),
]

# Cases the round did not mend, with the answer they get and why.
# ("hom nay hp nang hay mua vay": mended in round 38, "nắng hay mưa" read as the weather)
LEFT: dict[str, str] = {}


@pytest.mark.parametrize(("text", "expected"), with_left(NEAR_MISSES, LEFT))
def test_near_miss(understander: Understander, text: str, expected: tuple[str, ...]) -> None:
    assert answer(understander, text) in expected


@pytest.mark.parametrize(("text", "expected"), with_left(AFTER_FIXES + AFTER_FIXES_GUARDS, LEFT))
def test_after_fixes(understander: Understander, text: str, expected: tuple[str, ...]) -> None:
    assert answer(understander, text) in expected


@pytest.mark.parametrize(("text", "expected"), with_left(GUARDS, LEFT))
def test_guard(understander: Understander, text: str, expected: tuple[str, ...]) -> None:
    assert answer(understander, text) in expected


def test_left_are_cases() -> None:
    texts = {text for text, _ in NEAR_MISSES + GUARDS + AFTER_FIXES + AFTER_FIXES_GUARDS}
    assert set(LEFT) <= texts
