"""Round 21 (c) of issue 15: round 20 (f)'s classes of reading, libraries and online resources
read as other people write them. The phrasings were written blind, before any change of the
round (13 of 37 right before, 19 after; see BENCHMARKS §8.43): a group of resources named in
everyday words (English courses, audio and downloaded books, children's stories), a
part that asks only for a site after a part that names the reading, the library's events
asked when or where. Each case checks the answer the user gets (one of the acceptable
answers, " / "); those the round left are strict xfail, with the reason."""

from __future__ import annotations

import pytest

from handlers.understanding import Understander
from tests.understanding.conftest import answer

_CASES = [
    ('trang doc truyen thieu nhi online', 'courses:van-hoa-doc'),
    ('cho be xin web truyen co tich doc tren dien thoai', 'courses:van-hoa-doc'),
    ('chau nha minh hoc lop 1 co trang nao doc truyen ko', 'courses:van-hoa-doc'),
    ('trang nào gợi ý sách nên đọc', 'courses:van-hoa-doc'),
    ('nghe sách nói ở đâu miễn phí', 'courses:sach-dien-tu'),
    ('co app nghe sach noi ko ad', 'courses:sach-dien-tu'),
    ('me toi thich nghe truyen audio, co trang nao ko', 'courses:sach-dien-tu'),
    ('tải sách pdf miễn phí ở trang nào', 'courses:sach-dien-tu'),
    ('sách điện tử cho học sinh ở đâu', 'courses:sach-dien-tu'),
    ('free audiobooks', 'courses:sach-dien-tu'),
    ('thu vien dien tu mien phi', 'courses:sach-dien-tu'),
    ('muốn học tiếng anh trên mạng miễn phí thì vào đâu', 'courses:khoa-hoc'),
    ('xem video bài giảng miễn phí ở đâu', 'courses:bai-giang'),
    ('tài liệu bài giảng cho giáo viên', 'courses:bai-giang'),
    ('cách học kỹ năng số cho người lớn tuổi', 'courses:ky-nang-so'),
    ('góc đọc sách ở cơ quan là chương trình gì vậy', 'programme:khong-gian-doc / library'),
    ('chương trình ông bà đọc sách cùng cháu là gì',
     'programme:doc-sach-lien-the-he / event:doc-sach-lien-the-he / library'),
    ('thu vien xa va thu vien truong co lien ket muon sach ko',
     'programme:hop-tac-thu-vien / library'),
    ('buổi hướng dẫn học trực tuyến mấy giờ bắt đầu', 'event:gioi-thieu-khoa-hoc-truc-tuyen'),
    # (left by round 21c; read right since round 21d's keyword 'ngày mở cửa thư viện')
    ('ngày thư viện mở cửa tự do tổ chức ở đâu', 'event:ngay-thu-vien-mo'),
    # (left by round 21c; read right since round 22c: "stories for children")
    ('stories for children to read online', 'courses:van-hoa-doc'),
    # (left by round 21c; read right since round 23a's keywords 'chia sẻ sách hay', 'học liệu
    # điện tử')
    ('nhóm chia sẻ sách hay trên facebook', 'courses:van-hoa-doc'),
    ('học liệu điện tử cho giáo viên tìm ở đâu', 'courses:bai-giang'),
    # (left by round 21c; read right since round 24b: a resource group named on a phrase
    # holding a reading word)
    ('tìm sách hay cho thiếu nhi đọc trên mạng', 'courses:van-hoa-doc'),
    # (left by round 21c; read right since round 25d: the library asked which day is its
    # open day, and "mở cửa cho người dân" names it)
    ('thu vien mo cua cho nguoi dan vao hom nao', 'event:ngay-thu-vien-mo'),
    # (left by round 21c; read right since round 37: the examples' model certain of the skills
    # group where the rules' safe Internet left a word, BENCHMARKS §8.146)
    ('tai lieu hoc dung may tinh cho nguoi moi', 'courses:ky-nang-so'),
]

_LEFT = [
    ('con tôi 7 tuổi thích đọc truyện, có trang web nào miễn phí không', 'courses:van-hoa-doc'),
    ('doc sach giao khoa online o dau', 'courses:sach-dien-tu'),
    ('hoc tin hoc van phong online o dau', 'courses:khoa-hoc'),
    ('có khóa học miễn phí nào trên mạng không', 'courses:khoa-hoc'),
    ('online courses for free', 'courses:khoa-hoc'),
    ('tôi về hưu muốn học thêm qua internet, có trang nào', 'courses:khoa-hoc'),
    ('cho xin trang hoc truc tuyen mien phi co chung chi', 'courses:khoa-hoc'),
    ('kh onl free cho ng di lam', 'courses:khoa-hoc'),
    ('bai giang cua truong dai hoc xem o dau', 'courses:bai-giang'),
    ('ba tôi muốn học dùng điện thoại thông minh, có tài liệu không', 'courses:ky-nang-so'),
    ('hướng dẫn dùng mạng an toàn cho trẻ em', 'courses:ky-nang-so'),
]


def _accepts(expected: str) -> list[str]:
    return [e.strip() for e in expected.split("/")]


@pytest.mark.parametrize(("text", "expected"), _CASES)
def test_reading_and_courses_generalise(understander: Understander, text: str,
                                        expected: str) -> None:
    assert answer(understander, text) in _accepts(expected)


@pytest.mark.xfail(strict=True, reason="round 21c left them: a course's subject other than "
                   "English, its audience or purpose ('cho người đi làm', 'có chứng chỉ'), bare "
                   "'khóa học' (the corpus reads it as the whole list), the skills group beside "
                   "the FAQ's internet safety, English words no phrase holds, the library's "
                   "events asked without the event's name")
@pytest.mark.parametrize(("text", "expected"), _LEFT)
def test_reading_and_courses_generalise_left(understander: Understander, text: str,
                                             expected: str) -> None:
    assert answer(understander, text) in _accepts(expected)
