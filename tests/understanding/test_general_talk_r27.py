"""Round 27 (d) of issue 15: off-topic messages and small talk that share the Week's words and
must not get a confident wrong answer.

Blind paraphrases, written before any change of the round, in other words than the round's
corpus batches: other weeks and festivals, other contests and mock exams, school enrolment and
exam results, university admissions, other libraries and bookshops, buying books, tuition of
private centres, phone and Internet bills, online shopping, jobs, health, weather, traffic and
prices "today" or "tomorrow", the news, jokes, flirting, insults, testing the bot; and small
talk (greetings, thanks, ok, goodbye, the writer's own "sorry") written in many ways, with and
without marks and teencode. Guards: the Week's own questions said in the same words keep their
answers. Figures in BENCHMARKS §8.86.
"""

from __future__ import annotations

import pytest

from handlers.understanding import Understander
from tests.understanding.conftest import answer, with_left

NO = "dont_know"
# An insult: the bot's apology or its honest "no information" both answer it.
RUDE = "dont_know / smalltalk:sorry"
GREETING = "smalltalk:greeting"
THANKS = "smalltalk:thanks"
OK = "smalltalk:ok"
BYE = "smalltalk:goodbye"

OFF_TOPIC = [
    # other weeks, festivals and fairs
    ("hội chợ sách cũ ở công viên Tao Đàn có những gian hàng nào", NO),
    ("tuan le thoi trang quoc te nam nay o dau", NO),
    ("ngày hội văn hóa các dân tộc năm nay có biểu diễn gì không", NO),
    ("le hoi phao hoa da nang 2020 co to chuc ko", NO),
    # other contests, mock exams, school results and enrolment
    ("chương trình đường lên đỉnh olympia tuần này ai thắng", NO),
    ("thi thu dai hoc truong tran phu ngay nao", NO),
    ("con tôi thi trạng nguyên vòng tỉnh thì bao giờ có điểm", NO),
    ("đề thi thử tốt nghiệp môn văn năm nay khó không", NO),
    ("bao gio co diem thi hoc ki 1 cua con", NO),
    ("nhap hoc lop 6 truong thcs tran phu can nhung giay to gi", NO),
    # university admissions
    ("điểm chuẩn đại học Y Hải Phòng ngành điều dưỡng", NO),
    ("dh hang hai co xet tuyen bo sung khong", NO),
    # other libraries, bookshops, buying books
    ("hiệu sách Fahasa ở Aeon Mall có bán sách tiếng Anh không", NO),
    ("mua truyen conan o dau re", NO),
    ("thu vien quoc gia o ha noi co mo cua chu nhat ko", NO),
    # tuition of private centres, bills, online shopping
    ("học phí lớp IELTS ở trung tâm Ocean bao nhiêu", NO),
    ("tien hoc them tieng anh cua con thang nay tang", NO),
    ("cước điện thoại tháng này bị trừ sai thì gọi tổng đài nào", NO),
    ("tien dien thang 9 nha toi sao cao the", NO),
    ("mua hang tren tiki bi giao nham thi doi tra the nao", NO),
    ("ship cod có được kiểm tra hàng trước không", NO),
    # jobs, health
    ("xin viec lai xe o hai phong", NO),
    ("có ai cần thuê người giúp việc theo giờ không", NO),
    ("đau đầu chóng mặt nên uống thuốc gì", NO),
    ("bệnh viện Việt Tiệp có khám ngoài giờ không", NO),
    # weather, traffic, prices, news: today and tomorrow
    ("ngay mai troi co mua khong", NO),
    ("sáng mai đường Nguyễn Văn Linh có cấm đường không", NO),
    ("gia ca chua hom nay", NO),
    ("giá bitcoin hôm nay", NO),
    ("báo hôm nay đưa tin gì về Hải Phòng", NO),
]

BOT_TALK = [
    # jokes, guessing games, testing the bot
    ("kể chuyện cười cho tôi nghe", NO),
    ("doan xem toi bao nhieu tuoi", NO),
    ("bot ơi bạn có thật không", NO),
    ("ban la robot a", NO),
    ("ban sinh nam bao nhieu", NO),
    ("bot thích ăn gì", NO),
    # flirting
    ("đi chơi với anh không bot", NO),
    ("em yeu bot", "dont_know / smalltalk:ok"),
    # insults
    ("bot như cục gỗ", RUDE),
    ("bot kém quá", RUDE),
]

SMALL_TALK = [
    ("chào bot nhé", GREETING),
    ("hé lô bot", GREETING),
    ("alo alo có ai không", GREETING),
    ("chao buoi toi ad", GREETING),
    ("cám ơn bot nha", THANKS),
    ("cam on nhieu nhe", THANKS),
    ("tks bot", THANKS),
    ("da em cam on a", THANKS),
    ("ừ biết rồi", OK),
    ("oke bot", OK),
    ("dc r", OK),
    ("xin lỗi bot nhé, mình gõ nhầm", OK),
    ("thôi mình đi đây, chào nhé", BYE),
    ("bai bot", BYE),
    ("hẹn gặp bot sau", BYE),
]

GUARDS = [
    ("mai có gì", "day:2020-10-02"),
    ("so dt ban to chuc tuan le", "contacts / faq:lien-he"),
    ("tham gia tuần lễ học tập có mất tiền không", "faq:chi-phi"),
    ("cuộc thi công dân học tập bao giờ kết thúc", "contest / event:cuoc-thi-dong"),
    ("xem ket qua cuoc thi cong dan hoc tap o dau", "leaderboard / contest"),
    ("thư viện thành phố mở cửa mấy giờ", "library / faq:doc-sach"),
]

# Cases the round did not mend (strict xfail): the text, with the answer it gets and why.
LEFT: dict[str, str] = {}


@pytest.mark.parametrize(("text", "expected"), with_left(OFF_TOPIC, LEFT))
def test_off_topic(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


@pytest.mark.parametrize(("text", "expected"), with_left(BOT_TALK, LEFT))
def test_bot_talk(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


@pytest.mark.parametrize(("text", "expected"), with_left(SMALL_TALK, LEFT))
def test_small_talk(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


@pytest.mark.parametrize(("text", "expected"), with_left(GUARDS, LEFT))
def test_guard(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


# Written after the round's fixes (other words again): the same line, checked once more.
AFTER_FIXES = [
    ("đăng ký thi thử đại học khối A ở trường Thái Phiên thế nào", NO),
    ("le phi thi toeic o iig bao nhieu", NO),
    ("thư viện trường tiểu học Lê Văn Tám mấy giờ mở cửa", NO),
    ("tin tuc hom nay co gi hot", NO),
    ("giá cá hôm nay ở chợ Cát Bi", NO),
    ("mai là thứ mấy vậy bot", NO),
    ("mua đồ trên lazada giao nhầm màu thì đổi thế nào", NO),
    ("thẻ cào mobifone nạp không được", NO),
    ("tiền học thêm toán lớp 9 mỗi buổi bao nhiêu", NO),
    ("bot ơi yêu em không", "dont_know / smalltalk:ok"),
    ("ê ad ơi", GREETING),
    ("ok cảm ơn bot, mình hiểu rồi", "smalltalk:thanks / smalltalk:ok"),
    ("mai có gì cho người già không", "day:2020-10-02"),
    ("tham gia tuần lễ hôm nay có mất tiền không", "faq:chi-phi"),
]


@pytest.mark.parametrize(("text", "expected"), with_left(AFTER_FIXES, LEFT))
def test_after_fixes(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")
