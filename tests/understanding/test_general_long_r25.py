"""Round 25 (e) of issue 15: long messages, who the citizen is and their situation, then asks.

Blind paraphrases (written before any change of the round, in other words than the round's
batches): parents of pupils, elders, teachers, workers, union members, school librarians and
commune officials first say who they are and what happened, then ask, on every subject of the
Week (theme, activities, dates, fees, contacts, the contest, courses and open resources, reading
and libraries, the safe Internet, reminders, the results report by 15/10); with politeness
wrappers ("dạ cho em hỏi chút ạ", "xin lỗi đã làm phiền"), a greeting and the question in one
message, two sentences, the question first and the story after. And guards: long stories of the
same people that end in a question the Week does not answer (no information, or small talk).
"""

from __future__ import annotations

import pytest

from handlers.understanding import Understander
from tests.understanding.conftest import answer, with_left

THEME = "theme / faq:chu-de"
WHAT = "faq:tuan-le-la-gi / theme"
ACTIVITIES = "activities / faq:hoat-dong"
WHEN = "faq:thoi-gian / schedule"
FEES = "faq:chi-phi"
CONTACTS = "contacts / faq:lien-he"
CONTEST = "contest / faq:cuoc-thi"
TAKE = "contest_take / contest / faq:cuoc-thi"
COURSES = "courses / faq:khoa-hoc-truc-tuyen / courses:khoa-hoc"
READING = "library / faq:doc-sach"
SAFETY = "faq:internet-an-toan"
REMIND = "subscribe / faq:nhac-lich"
REPORT = "faq:han-bao-cao / bodies"
UNIT = "faq:don-vi-tham-gia / bodies"
WHO = "faq:ai-tham-gia"
ELDERS = "event:an-duong-ky-nang-so / faq:internet-an-toan"

CASES = [
    # a politeness wrapper, who I am, the question
    ('dạ cho em hỏi chút ạ, em là phụ huynh lớp 2, chủ đề của tuần lễ năm nay là gì ạ', THEME),
    ('xin loi da lam phien ad, e la gv mam non, tuan le nam nay co nhung hoat dong gi a',
     ACTIVITIES),
    ('Xin lỗi làm phiền bạn, tôi là công nhân đóng tàu, tuần lễ này có mất phí gì không?', FEES),
    ('da chau chao bac, chau la thu thu truong tieu hoc, chau xin so dien thoai ban to chuc a',
     CONTACTS),
    ('cho mình hỏi tí nhé, mình là đoàn viên công đoàn, thi công dân học tập thì làm bài ở đâu',
     CONTEST + " / contest_take"),
    # greeting and question in one message, or two sentences
    ('Chào ban tổ chức. Tôi muốn biết tuần lễ học tập suốt đời diễn ra từ ngày nào đến ngày nào.',
     WHEN),
    ('hello bot. cho e hoi tuan le hoc tap suot doi la gi vay', WHAT),
    ('Chào bạn! Mình muốn nhận tin nhắc trước mỗi sự kiện thì đăng ký thế nào?', REMIND),
    ('chao ad nha. co khoa hoc truc tuyen mien phi nao cho nguoi di lam ko',
     COURSES + " / " + FEES),
    # the story first, the question at the end
    ('tôi năm nay 72 tuổi, con cháu đi làm cả ngày, ở nhà buồn nên muốn đi học thêm cái gì đó, '
     'người già như tôi có được tham gia tuần lễ không', WHO),
    ('e lam cong nhan o kcn trang due, ca ngay dung may, toi ve chi muon hoc them chut tieng anh '
     'tren mang, co khoa hoc online nao ko ad', COURSES),
    ('con gái tôi học lớp 5, cô giáo giao về nhà mỗi tuần đọc một cuốn sách mà nhà tôi ít sách '
     'quá, tuần lễ có chỗ nào cho mượn sách không ạ', READING),
    ('me e 68 tuoi, moi duoc con gai mua cho cai smartphone nhung ko biet dung zalo, co lop nao '
     'day nguoi gia dung dien thoai ko a', ELDERS + " / event:lop-ky-nang-so"),
    ('tuần trước bố tôi bị một người gọi điện xưng là công an bắt chuyển tiền, may mà con cháu '
     'biết kịp, tuần lễ có lớp nào dạy người già phòng tránh lừa đảo không',
     SAFETY + " / event:an-duong-ky-nang-so / event:lop-ky-nang-so"),
    ('tôi là hiệu trưởng trường tiểu học ở Kiến Thụy, trường tôi đã làm xong các hoạt động của '
     'tuần lễ, báo cáo kết quả thì hạn nộp là ngày nào', REPORT),
    ('da em la can bo van hoa phuong, phuong em to chuc duoc 3 buoi doc sach voi 120 luot nguoi '
     'tham gia, em gui bao cao so lieu ve dau a', REPORT),
    ('Tôi là chủ nhiệm câu lạc bộ dưỡng sinh của phường, các cụ trong câu lạc bộ hay quên, bot '
     'có nhắc lịch sự kiện cho các cụ được không', REMIND),
    ('chúng tôi là chi hội khuyến học thôn, lần đầu hưởng ứng tuần lễ nên chưa biết gì, chi hội '
     'cần làm những việc gì', UNIT),
    ('e la hs lop 12, thay giao chu nhiem bat ca lop thi cong dan hoc tap truoc thu 7, e muon '
     'thi luon bay gio', TAKE),
    ('tôi là bộ đội xuất ngũ, giờ làm bảo vệ, đêm trực hay lướt mạng, tôi muốn hỏi tuần lễ có '
     'những hoạt động gì cho người như tôi', ACTIVITIES + " / " + WHO),
    # the question first, the story after
    ('cho hỏi số điện thoại của ban tổ chức với, tôi là trưởng thôn, thôn tôi muốn mời đoàn xe '
     'tuyên truyền về', CONTACTS),
    ('co mat tien ko a, e hoi vi nha e kho khan, con e muon di ngay hoi doc sach', FEES),
    ('khi nào khai mạc vậy ạ, em là giáo viên, trường em muốn cho học sinh xem trực tuyến',
     "event:khai-mac / day:2020-10-01 / " + WHEN),
    ('chủ đề năm nay là gì vậy bạn, mình đang làm pano tuyên truyền ở cổng trường', THEME),
    # a long message of thanks or greeting only
    ('dạ cháu cảm ơn ban tổ chức nhiều ạ, cháu hỏi được hết rồi, chúc các cô chú mạnh khỏe',
     "smalltalk:thanks / smalltalk:goodbye"),
    ('chao ban to chuc, toi la cuu giao vien o vinh bao, chuc tuan le thanh cong tot dep',
     "smalltalk:greeting / smalltalk:thanks"),
]

GUARDS = [
    ('dạ cho em hỏi chút ạ, em là phụ huynh, con em học lớp 8 bị cận nặng, ở Hải Phòng có chỗ '
     'nào mổ mắt uy tín không ạ', "dont_know"),
    ('xin loi da lam phien, toi la cong nhan, cty toi no bao hiem xa hoi 3 thang roi, toi len '
     'dau de hoi', "dont_know"),
    ('tôi là giáo viên về hưu, lương hưu tháng này chưa về, cho tôi hỏi bao giờ bưu điện trả '
     'lương hưu', "dont_know"),
    ('chao ad, e la thu thu truong, thu vien truong e bi dot nuoc mua lam hong het sach, ad biet '
     'cho nao sua mai ton ko', "dont_know"),
    ('Tôi là cán bộ xã, xã tôi đang thống kê hộ nghèo năm 2020, cho tôi hỏi chuẩn hộ nghèo mới '
     'là bao nhiêu tiền một tháng', "dont_know"),
    ('e la sinh vien nam cuoi, sap thi bang lai xe may, ad cho e hoi thi bang A1 mat bao nhieu '
     'tien va thi o dau', "dont_know"),
    ('chào bạn, mình là phụ huynh, con mình học lớp 3, cho mình hỏi trường tiểu học nào ở quận '
     'Ngô Quyền dạy tiếng Anh tốt', "dont_know"),
    ('bac 70 tuoi roi, hom qua di cho bi nga, chan dau qua, chau cho bac hoi bac nen uong thuoc '
     'gi', "dont_know"),
    ('tôi là đoàn viên công đoàn, công đoàn công ty tôi tổ chức đi du lịch Cát Bà, cho tôi hỏi '
     'tàu cao tốc ra Cát Bà mấy giờ chạy', "dont_know"),
    ('em là giáo viên hợp đồng, em muốn hỏi lịch thi tuyển viên chức giáo dục năm nay của thành '
     'phố khi nào', "dont_know"),
]


# Left after the round (strict xfail): the first words of each, with the answer it gets and why.
LEFT: dict[str, str] = {
}

GUARDS_LEFT: dict[str, str] = {
    "chao ad, e la thu thu truong": (
        "day:2020-10-02 with round 32b's lexicon: the library's rank (5.92 -> 5.36) falls under "
        "tomorrow's ('mai' of 'mái tôn', 5.72) as the phrases of 32b's intents are counted, no "
        "one of them alone; before, the two asked back (no information): a knife's edge"),
}


@pytest.mark.parametrize(("text", "expected"), with_left(CASES, LEFT, by_start=True))
def test_long_message(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


@pytest.mark.parametrize(("text", "expected"), with_left(GUARDS, GUARDS_LEFT, by_start=True))
def test_long_near_miss(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


def test_left_are_cases() -> None:
    assert all(any(text.startswith(start) for text, _ in CASES) for start in LEFT)
    assert all(any(text.startswith(start) for text, _ in GUARDS) for start in GUARDS_LEFT)
