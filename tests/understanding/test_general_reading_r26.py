"""Round 26 (b) of issue 15: reading culture, libraries, online courses and open educational
resources as citizens of all ages ask them (children's parents, pupils, workers, retirees,
teachers, librarians), with and without marks, short and long, in words the round's batches do
not use. Written blind, before any change of the round (BENCHMARKS §8.77): borrowing books and
reading programmes (the classroom bookshelf, Thư viện 50K, libraries sharing, book rotation,
reading across generations, reading corners), the Week's reading days, which site or link,
free or not, for children, adults or the elderly, how to sign in. Near misses that share the
topic's words (a university's or another province's library, buying books and textbooks, a
language centre's fee, a novel's plot or author, a school's e-learning account) must get no
information; guards: the Week's questions said plainly keep their answers. Cases the round
left wrong are strict xfails with the reason."""

from __future__ import annotations

import pytest

from handlers.understanding import Understander
from tests.understanding.conftest import answer, with_left

_LIBRARY = ("library", "faq:doc-sach")
_COURSES = ("courses:khoa-hoc", "courses", "faq:khoa-hoc-truc-tuyen")
_BOOKSHELF = ("programme:tu-sach-lop-hoc", "event:tu-sach-lop-hoc", "library")
_50K = ("programme:thu-vien-50k", "event:thu-vien-50k", "library")
NO: tuple[str, ...] = ("dont_know",)

CASES = [
    # borrowing books, the library as a place
    ("mượn truyện ở thư viện phường có phải đặt cọc không", _LIBRARY),
    ("ong noi e 80 tuoi thich doc bao ma ko di xa dc, gan nha co cho nao doc ko", _LIBRARY),
    ("tra sach muon qua han thi sao ad", _LIBRARY),
    ("con tôi lớp 4 mê đọc truyện, nhà ở Ngô Quyền thì cho cháu đi đọc ở đâu", _LIBRARY),
    ("thu vien co cho nguoi di lam muon sach vao buoi toi khong", _LIBRARY),
    # the reading programmes by name or by what they do
    ("phong trào tủ sách của lớp bắt đầu từ bao giờ", _BOOKSHELF),
    ("moi lop deu phai co tu sach ha ad", _BOOKSHELF),
    ("thư viện 50k hoạt động ra sao vậy", _50K),
    ("du an tv 50 k o hai phong lam gi", _50K),
    ("thư viện trường và thư viện của xã có giúp đỡ nhau không",
     ("programme:hop-tac-thu-vien", "library")),
    ("sach o thu vien nay co duoc dem sang thu vien khac cho nguoi ta doc khong",
     ("programme:luan-chuyen-sach", "library", "event:luan-chuyen-sach")),
    ("chương trình ông bà cha mẹ con cháu cùng đọc là gì",
     ("programme:doc-sach-lien-the-he", "event:doc-sach-lien-the-he", "library")),
    ("phong doc sach o nha van hoa khu pho mo may gio",
     ("programme:khong-gian-doc", "library", "event:khong-gian-doc")),
    # the Week's reading days
    ("ngày hội đọc sách cho ông bà và cháu diễn ra lúc mấy giờ",
     ("event:doc-sach-lien-the-he",)),
    ("hom nao thu vien cho vao doc tu do", ("event:ngay-thu-vien-mo", "day:2020-10-06")),
    # e-books, audiobooks, digital libraries, signing in
    ("đọc sách online miễn phí cho người lớn tuổi trang nào chữ to", ("courses:sach-dien-tu",)),
    ("co thu vien tren mang nao cho muon sach khong", ("courses:sach-dien-tu",)),
    ("nghe truyen audio cho be ngu", ("courses:sach-dien-tu", "courses:van-hoa-doc")),
    ("vào thư viện điện tử có cần tạo tài khoản không", ("courses:sach-dien-tu", "courses")),
    # lectures, open resources, online courses by learner and subject
    ("xin video bài giảng môn sinh lớp 10", ("courses:bai-giang",)),
    ("giao an dien tu mon dia li cho giao vien", ("courses:bai-giang",)),
    ("người về hưu học nấu ăn qua mạng có trang nào", _COURSES),
    ("hoc tieng nhat truc tuyen khong mat phi", _COURSES),
    ("khóa học trên mạng ban tổ chức giới thiệu có cấp giấy chứng nhận không",
     _COURSES),
    ("mấy trang học trực tuyến đó có mất tiền không", (*_COURSES, "faq:chi-phi")),
    ("open educational resources la gi", ("courses", "faq:khoa-hoc-truc-tuyen")),
    ("tài liệu học tập mở dùng có mất tiền không",
     ("courses", "faq:khoa-hoc-truc-tuyen", "faq:chi-phi")),
    ("where can kids read picture books online", ("courses:van-hoa-doc", "courses:sach-dien-tu")),
    ("free courses for older people", _COURSES),
    # children's reading, reading communities
    ("truyen tranh tieng viet cho tre mau giao doc tren mang", ("courses:van-hoa-doc",)),
    ("muốn tham gia hội những người thích đọc sách trên mạng", ("courses:van-hoa-doc",)),
    ("lam sao de chau toi bot choi game ma chiu doc sach", _LIBRARY),
    ("buổi hướng dẫn học online tối thứ 6 có cần đăng ký trước không",
     ("event:gioi-thieu-khoa-hoc-truc-tuyen",)),
]

NEAR_MISSES = [
    ("thư viện trường đại học kinh tế quốc dân mở cửa mấy giờ", NO),
    ("thu vien tinh nam dinh co cho muon sach ve nha ko", NO),
    ("mua bộ sách giáo khoa lớp 2 chân trời sáng tạo ở đâu", NO),
    ("nha sach tien tho co ban sach tham khao lop 9 ko", NO),
    ("hoc phi lop tieng anh giao tiep o trung tam wall street english", NO),
    ("trung tâm tiếng anh cho trẻ em ở lê chân học phí bao nhiêu", NO),
    ("tóm tắt nội dung truyện Tắt đèn của Ngô Tất Tố", NO),
    ("tieu thuyet bo gia cua mario puzo ket thuc ra sao", NO),
    ("đăng nhập tài khoản k12online của con bị lỗi", NO),
    ("quen mat khau olm.vn cua hoc sinh", NO),
    ("bán lại sách cũ đại học ở đâu được giá", NO),
]

GUARDS = [
    ("muốn mượn sách thì làm thế nào", _LIBRARY),
    ("tủ sách lớp học là gì", _BOOKSHELF),
    ("dự án thư viện 50k là gì", _50K),
    ("tìm khóa học trực tuyến ở đâu", _COURSES),
    ("ngày thư viện mở có gì", ("event:ngay-thu-vien-mo",)),
    ("sách điện tử đọc ở đâu", ("courses:sach-dien-tu",)),
    ("tham gia tuần lễ có mất phí không", ("faq:chi-phi",)),
    ("lớp kỹ năng số cho phụ huynh học mấy giờ", ("event:lop-ky-nang-so",)),
    ("cảm ơn bot nhé", ("smalltalk:thanks",)),
]

# Cases the round did not mend, with the answer they get and why.
LEFT: dict[str, str] = {
    'muốn tham gia hội những người thích đọc sách trên mạng':
        "library: the examples' model's second opinion (BENCHMARKS §8.81) overrules the "
        "reading communities (p 0.57 against 0.06)",
    'co thu vien tren mang nao cho muon sach khong':
        "library: the examples' model's second opinion (BENCHMARKS §8.81) overrules the "
        "e-books (p 0.95 for the library, 0.02 for the e-books): 'thư viện' weighs more "
        "than 'trên mạng'",
    # ("tra sach muon qua han thi sao ad": left until round 34c, read since "sách mượn quá
    # hạn" is a phrase of the library's)
    "con tôi lớp 4 mê đọc truyện, nhà ở Ngô Quyền thì cho cháu đi đọc ở đâu":
        "dont_know (the library offered): the story (a grade, a district, 'mê') weighs more "
        "than 'đọc truyện' found twice",
}


@pytest.mark.parametrize(("text", "expected"), with_left(CASES, LEFT))
def test_case(understander: Understander, text: str, expected: tuple[str, ...]) -> None:
    assert answer(understander, text) in expected


@pytest.mark.parametrize(("text", "expected"), with_left(NEAR_MISSES, LEFT))
def test_near_miss(understander: Understander, text: str, expected: tuple[str, ...]) -> None:
    assert answer(understander, text) in expected


@pytest.mark.parametrize(("text", "expected"), with_left(GUARDS, LEFT))
def test_guard(understander: Understander, text: str, expected: tuple[str, ...]) -> None:
    assert answer(understander, text) in expected


def test_left_are_cases() -> None:
    texts = {text for text, _ in CASES + NEAR_MISSES + GUARDS}
    assert set(LEFT) <= texts
