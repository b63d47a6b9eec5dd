"""Round 24 (b) of issue 15: reading, libraries, online courses and open educational resources
as citizens ask them (workers, retirees, parents, pupils, students, teachers), in words the
round's batches do not use. The phrasings were written blind, before any change of the round
(see BENCHMARKS §8.62): borrowing books and the library's programmes, the Week's reading days,
e-books and audiobooks, lectures, online courses by subject, open resources, learning online.
Guards: near misses that share the topic's words (another city's library, buying books, school
textbooks, paid courses elsewhere, exam preparation) and small talk must stay as they are. Each
case checks the answer the user gets (one of the acceptable answers, " / "); those the round
left are strict xfail, with the reason."""

from __future__ import annotations

import pytest

from handlers.understanding import Understander
from tests.understanding.conftest import answer

_LIBRARY = "library / faq:doc-sach"
_COURSES = "courses / faq:khoa-hoc-truc-tuyen"

_CASES = [
    # borrowing, the library's programmes
    ('chú làm bảo vệ ca đêm, ban ngày rảnh muốn mượn ít sách về đọc thì ra chỗ nào',
     _LIBRARY),
    ('muon sach ve nha duoc may tuan vay ad', _LIBRARY),
    ('nha minh con nhieu truyen cu muon cho lai thu vien', _LIBRARY
     + ' / programme:luan-chuyen-sach'),
    ('quyen gop sach cho tu sach cua lop thi mang den dau',
     'programme:tu-sach-lop-hoc / ' + _LIBRARY + ' / event:tu-sach-lop-hoc'),
    ('du an thu vien 50 nghin do ai thuc hien',
     'programme:thu-vien-50k / library / event:thu-vien-50k'),
    # the Week's reading days
    ('hôm có ngày hội đọc sách cho cả nhà là thứ mấy',
     'event:doc-sach-lien-the-he'),
    ('ngay thu vien mo cua cho moi nguoi vao xem la hom nao', 'event:ngay-thu-vien-mo'),
    ('buổi giới thiệu thư viện 50k mấy giờ', 'event:thu-vien-50k'),
    # e-books, audiobooks
    ('có chỗ nào cho tải sách về điện thoại đọc không mất tiền', 'courses:sach-dien-tu'),
    ('sach noi cho nguoi mat kem', 'courses:sach-dien-tu'),
    ('doc truyen chu online mien phi trang nao', 'courses:sach-dien-tu / courses:van-hoa-doc'),
    # lectures
    ('con lớp 9 ôn bài ở nhà, có video thầy cô giảng không', 'courses:bai-giang'),
    ('tai lieu giang day dien tu cho gv mam non', 'courses:bai-giang'),
    # online courses by subject, free sites, open resources
    ('công nhân muốn học thêm tiếng hàn qua mạng buổi tối', 'courses:khoa-hoc / ' + _COURSES),
    ('hoc excel nang cao tren mang o dau free', 'courses:khoa-hoc / ' + _COURSES),
    ('tài liệu học mở miễn phí ở đâu', _COURSES),
    ('hoc online bang dien thoai co duoc khong', _COURSES),
    ('where can i learn for free online', 'courses:khoa-hoc / ' + _COURSES),
    ('về hưu rồi muốn học vẽ trên mạng cho vui có trang nào', 'courses:khoa-hoc / '
     + _COURSES),
    # reading communities, children's reading
    ('trang truyen co tich co hinh cho be 4 tuoi', 'courses:van-hoa-doc'),
    # (left by round 24b, read since the second opinion's floor is the vote's, §8.90)
    ('các thư viện trong khu dân cư có chia sẻ cán bộ với nhau không',
     'programme:hop-tac-thu-vien / library'),
]

_GUARDS = [
    ('thư viện đà nẵng có cho mượn sách về nhà không', 'dont_know'),
    ('mua sách văn học ở đâu giao tận nhà', 'dont_know'),
    ('sách giáo khoa lớp 3 năm nay đổi mới không', 'dont_know'),
    ('khóa học ielts ở hà nội học phí bao nhiêu', 'dont_know'),
    ('ôn thi đại học khối a ở đâu tốt', 'dont_know'),
    ('luyen thi vao lop 10 online', 'dont_know'),
    ('tks bot nhieu nha', 'smalltalk:thanks'),
]

_LEFT = [
    ('làm sao cho con nghiện điện thoại chịu cầm quyển sách lên đọc', _LIBRARY),
    ('ở xí nghiệp có tủ sách cho công nhân đọc lúc nghỉ trưa không',
     'programme:khong-gian-doc / library'),
    ('cau lac bo doc sach tren facebook', 'courses:van-hoa-doc'),
]


def _accepts(expected: str) -> list[str]:
    return [e.strip() for e in expected.split("/")]


@pytest.mark.parametrize(("text", "expected"), _CASES)
def test_reading_r24_generalise(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in _accepts(expected)


@pytest.mark.parametrize(("text", "expected"), _GUARDS)
def test_reading_r24_guards(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in _accepts(expected)


@pytest.mark.xfail(strict=True, reason="round 24b left them: 'chia sẻ cán bộ' as a keyword of the "
                   "libraries' cooperation moved the weight of 'cán bộ' ('thư viện quận đóng cửa' "
                   "lost), so libraries sharing staff stay unread; the child's phone outweighs a "
                   "reading split by other words ('cầm quyển sách lên đọc'); 'lúc nghỉ trưa' read "
                   "as today at noon; a reading club on facebook read as the library")
@pytest.mark.parametrize(("text", "expected"), _LEFT)
def test_reading_r24_generalise_left(understander: Understander, text: str,
                                     expected: str) -> None:
    assert answer(understander, text) in _accepts(expected)
