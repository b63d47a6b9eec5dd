"""Round 23 (a) of issue 15: reading, libraries and online learning as citizens ask them
(parents, students, teachers, elderly people), in words the round's batches do not use. The
phrasings were written blind, before any change of the round (see BENCHMARKS §8.53): borrowing
books and the library's programmes, the Week's reading days, e-books, audiobooks and textbooks
online, video lessons, online courses named by their subject, free learning sites, how to study
online. Guards: near misses that share the topic's words (another city's library, buying books,
textbook prices, degrees online, driving lessons) and small talk must stay as they are. Each case
checks the answer the user gets (one of the acceptable answers, " / "); those the round left are
strict xfail, with the reason."""

from __future__ import annotations

import pytest

from handlers.understanding import Understander
from tests.understanding.conftest import answer

_LIBRARY = "library / faq:doc-sach"
_COURSES = "courses / faq:khoa-hoc-truc-tuyen"

_CASES = [
    # (left by round 23a; another city named alone is elsewhere since round 23f)
    ('thu vien o sai gon co mo chu nhat ko', 'dont_know'),
    # borrowing and the library's programmes
    ('lam the thu vien cho con lop 3 can nhung gi', _LIBRARY),
    ('bà muốn mượn mấy cuốn sách về đọc cho đỡ buồn thì ra đâu', _LIBRARY),
    ('tuần lễ học tập có chương trình gì khuyến khích đọc sách không', _LIBRARY + ' / activities'),
    ('minh muon tang sach cu cho tu sach cua lop con', 'programme:tu-sach-lop-hoc / ' + _LIBRARY
     + ' / event:tu-sach-lop-hoc'),
    ('tủ sách lớp học hoạt động như thế nào', 'programme:tu-sach-lop-hoc / library'
     ' / event:tu-sach-lop-hoc'),
    ('du an tv 50k de lam gi', 'programme:thu-vien-50k / library / event:thu-vien-50k'),
    ('cơ quan chúng tôi muốn mở phòng đọc sách cho cán bộ',
     'programme:khong-gian-doc / library'),
    ('thầy cô muốn tổ chức giờ đọc sách cho lớp thì lấy sách ở đâu', _LIBRARY
     + ' / programme:tu-sach-lop-hoc'),
    # the Week's reading days
    ('ngay hoi doc sach ong ba chau chat to chuc may gio',
     'event:doc-sach-lien-the-he'),
    ('ngày đổi sách cũ diễn ra ở đâu', 'event:luan-chuyen-sach / programme:luan-chuyen-sach'),
    ('le phat dong tu sach lop hoc bat dau luc may gio', 'event:tu-sach-lop-hoc'),
    # e-books, audiobooks, textbooks
    ('doc sach giao khoa tren dien thoai o dau', 'courses:sach-dien-tu'),
    ('sgk dien tu lop 3', 'courses:sach-dien-tu'),
    ('kho sach dien tu mien phi tieng viet', 'courses:sach-dien-tu'),
    ('where can i borrow e-books', 'courses:sach-dien-tu'),
    ('digital library online', 'courses:sach-dien-tu'),
    # lectures and video lessons
    ('video giảng bài vật lý lớp 11', 'courses:bai-giang'),
    ('kenh hoc toan tren youtube cho hs lop 6', 'courses:bai-giang'),
    ('giáo viên tìm giáo án điện tử ở đâu', 'courses:bai-giang'),
    ('xem lại bài giảng môn sinh ở đâu', 'courses:bai-giang'),
    # online courses by subject
    ('học tin học văn phòng qua mạng ở đâu miễn phí', 'courses:khoa-hoc / ' + _COURSES),
    ('muon hoc lap trinh online thi vao trang nao', 'courses:khoa-hoc / ' + _COURSES),
    ('có lớp học kế toán trực tuyến không', 'courses:khoa-hoc / ' + _COURSES),
    ('hoc ngoai ngu online mien phi', 'courses:khoa-hoc / ' + _COURSES),
    # free sites, open resources, how to study online
    ('trang web hoc tap mien phi cho hoc sinh', _COURSES + ' / courses:bai-giang'),
    ('tai nguyen hoc tap mo la gi', _COURSES),
    ('cách tự học trên mạng cho người mới bắt đầu', _COURSES + ' / courses:khoa-hoc'),
    ('hoc truc tuyen the nao cho hieu qua', _COURSES),
    ('con toi hoc online hay mat tap trung, co tai lieu huong dan cach hoc online ko',
     _COURSES),
    ('ông 70 tuổi rồi muốn học thêm trên mạng thì vào trang nào', _COURSES
     + ' / courses:khoa-hoc'),
    ('hoc tu xa o nha thi dung trang gi', _COURSES + ' / courses:khoa-hoc'),
    # children's reading online, reading communities
    ('truyen tranh tieng viet cho be 5 tuoi doc online', 'courses:van-hoa-doc'),
    ('trang giới thiệu sách hay nên đọc', 'courses:van-hoa-doc'),
    # (written after the second fixes, not blind: the audience beside reading, the libraries'
    # cooperation, a course's subject)
    ('phu huynh muon giup thu vien 50k thi lam gi',
     'programme:thu-vien-50k / event:thu-vien-50k / library'),
    ('thư viện phường có hợp tác với thư viện trường học không',
     'programme:hop-tac-thu-vien / library'),
    ('giáo viên muốn học sinh ham đọc sách thì có chương trình nào', _LIBRARY),
    ('muốn học kỹ năng thuyết trình qua mạng', 'courses:khoa-hoc / ' + _COURSES),
    ('nguoi gia muon nghe sach noi thi vao dau', 'courses:sach-dien-tu'),
    # (left by round 23a, read since round 24b: where to start said after what is wanted)
    ('muốn học online mà không biết bắt đầu từ đâu', _COURSES),
    # (left by round 23a, read since round 26b: 'người thích đọc sách' names the readers'
    # communities)
    ('hội những người thích đọc sách trên mạng', 'courses:van-hoa-doc'),
    # (left by round 23a, read since the examples' second opinion, BENCHMARKS §8.81, lost
    # when round 26 merged, read again since its floor is the vote's, §8.90)
    ('thư viện trường với thư viện xã có chia sẻ sách cho nhau không',
     'programme:hop-tac-thu-vien / programme:luan-chuyen-sach / library'),
    # (left by round 23a, read since the second opinion's floor is the vote's and the model
    # is trained sixteen passes, §8.90)
    ('co phong trao nao de hoc sinh doc sach nhieu hon ko', _LIBRARY),
    ('online english classes free', 'courses:khoa-hoc / courses'),
    # (left by round 23a, read by round 38: 'in vietnamese' after the books asked)
    ('any ebooks in vietnamese for kids', 'courses:sach-dien-tu / courses:van-hoa-doc'),
]

# (left by round 23a; read by the examples' model with round 32c's examples alone; the library
# again once round 32 a, b and c merged)
_CASES.append(pytest.param(
    'me toi ban ban ca ngay, muon tim sach noi de nghe khi nau com', 'courses:sach-dien-tu',
    marks=pytest.mark.xfail(strict=True, reason=(
        "the library once round 32 a, b and c merged: the rules' library stands, the examples' "
        "model (no information 0.32, e-books 0.24) gives no second opinion: a knife's edge"))))

# (left by round 23a; read since round 34a's "nghe truyện" among the e-books' keywords)
_CASES.append(('có ứng dụng nghe truyện cho người già mắt kém không', 'courses:sach-dien-tu'))

_GUARDS = [
    ('thư viện hà nội mấy giờ mở cửa', 'dont_know'),
    ('thu vien tinh nam dinh o dau', 'dont_know'),
    ('mua truyện tranh ở đâu rẻ', 'dont_know'),
    ('nhà sách nào bán sách giáo khoa lớp 1', 'dont_know'),
    ('bộ sách giáo khoa lớp 6 giá bao nhiêu tiền', 'dont_know'),
    ('học đại học từ xa có bằng không', 'dont_know'),
    ('đăng ký thạc sĩ online của trường đại học mở', 'dont_know'),
    ('hoc lai xe b2 o dau re', 'dont_know'),
    ('điểm thi vào lớp 10 năm nay', 'dont_know'),
    ('mua máy đọc sách kindle ở đâu', 'dont_know'),
    # (written after the fixes: the words taken back)
    ('học thiết kế đồ họa ra trường lương bao nhiêu', 'dont_know'),
    ('muốn làm tình nguyện viên hiến máu thì đăng ký ở đâu', 'dont_know'),
    ('cam on ad nhe', 'smalltalk:thanks'),
    ('chao ban', 'smalltalk:greeting'),
    ('dc roi', 'smalltalk:ok'),
]

_LEFT = [
    ('buổi thư viện mở cửa tự do có hướng dẫn đọc sách điện tử không',
     'event:ngay-thu-vien-mo'),
    # (read by the first fixes, given back: 'ứng dụng …' as keywords made "dung" weaker,
    # 'dung nhan tin cho toi nua' — dừng — flipped to clarify)
    ('ứng dụng học tập miễn phí nào tốt', _COURSES + ' / courses:khoa-hoc'),
]


def _accepts(expected: str) -> list[str]:
    return [e.strip() for e in expected.split("/")]


@pytest.mark.parametrize(("text", "expected"), _CASES)
def test_reading_online_generalise(understander: Understander, text: str,
                                   expected: str) -> None:
    assert answer(understander, text) in _accepts(expected)


@pytest.mark.parametrize(("text", "expected"), _GUARDS)
def test_reading_online_guards(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in _accepts(expected)


@pytest.mark.xfail(strict=True, reason="round 23a left them: libraries that share books with "
                   "each other read as the intergenerational reading ('chia sẻ'); a movement for "
                   "pupils read as the classroom bookshelf; the open day asked without its name "
                   "but with e-books; 'free' after English classes read as the fee; readers who "
                   "like reading online read as e-books, not the reading communities; 'in "
                   "vietnamese' read as a change of language; another city's library named "
                   "by the city alone; "
                   "audiobooks in a long story of chores ('nấu cơm' typed without marks); "
                   "'ứng dụng' (an app) unknown as a word of the resources")
@pytest.mark.parametrize(("text", "expected"), _LEFT)
def test_reading_online_generalise_left(understander: Understander, text: str,
                                        expected: str) -> None:
    assert answer(understander, text) in _accepts(expected)
