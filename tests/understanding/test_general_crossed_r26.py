"""Round 26 (e) of issue 15: the story names one item of the Week, the question asks another.

Blind paraphrases (written before any change of the round, in other words than the round's
batches): a citizen tells what they did or what happened to them, naming an item of the Week
in passing (the contest taken, a book read at the library, a scam on Zalo, the opening watched,
the reminders received, the report sent, a class attended), then asks about another item (the
fees, the contacts, the dates, the theme, tomorrow's events, the registration, the
leaderboard…); and the reverse: the question is about one item and another is named in it only
to set it apart ("ngoài … ra", "không hỏi … mà hỏi …"). With and without marks, short and long.
Guards: the same stories that end in a question the Week does not answer, and questions of the
Week whose words are all the asked item's.
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
WHO = "faq:ai-tham-gia"
TOMORROW = "day:2020-10-02"

CASES = [
    # the contest named in the story, another item asked
    ('mình thi công dân học tập hôm nay rồi, cho mình hỏi tuần lễ này có phải trả phí gì không',
     FEES),
    ('lam bai thi cdht xong roi, mai co hoat dong gi ko ban', TOMORROW),
    ('con trai tôi vừa làm bài thi trắc nghiệm công dân học tập, chủ đề tuần lễ năm nay là gì',
     THEME),
    ('thi cong dan hoc tap xong, e muon hoi so dien thoai ban to chuc de gop y', CONTACTS),
    # the library or a book in the story
    ('tuần nào tôi cũng mượn sách ở thư viện quận, cuộc thi công dân học tập tham gia bằng cách '
     'nào', CONTEST),
    ('hom qua doc xong cuon sach hay o thu vien, tuan le ket thuc ngay nao vay', WHEN),
    ('sáng nay tôi ra thư viện đọc báo, bot có thể nhắc tôi lịch các sự kiện không', REMIND),
    ('đọc sách ở thư viện xã xong tôi muốn biết ai được tham gia tuần lễ', WHO),
    # a scam or a hacked account in the story
    ('tôi từng bị lừa trên facebook nên ngại lắm, xin số điện thoại ban tổ chức cho chắc ăn',
     CONTACTS),
    ('zalo cua e bi hack tuan truoc, gio e muon biet tuan le nam nay co chu de gi', THEME),
    ('bị lừa đảo qua mạng một lần rồi, giờ tôi chỉ hỏi tham gia tuần lễ có mất đồng nào không',
     FEES),
    # the opening, the reminders, the report in the story
    ('đã xem lễ khai mạc trên mạng sáng nay, ngày mai có sự kiện gì', TOMORROW),
    ('xem khai mac xong roi, cuoc thi cong dan hoc tap dang ky o dau', CONTEST),
    ('tôi nhận được tin nhắc lịch của bot rồi, giờ muốn làm bài thi công dân học tập ngay', TAKE),
    ('phuong e gui bao cao roi, e muon hoi lop ky nang so co mat tien ko', FEES),
    ('lớp dùng điện thoại cho người già tôi học rồi, giờ tôi muốn tìm khóa học trực tuyến '
     'miễn phí', COURSES + " / " + FEES),
    # the question first, the story after
    ('phí tham gia bao nhiêu vậy, tôi hỏi vì hôm trước đi thư viện người ta thu tiền thẻ',
     FEES),
    ('tuan le den bao gio thi het a, con e dang thi giua ky', WHEN),
    # one item set apart, another asked
    ('ngoài việc đọc sách ra tuần lễ có những hoạt động nào', ACTIVITIES),
    ('không phải hỏi cuộc thi, tôi hỏi số điện thoại liên hệ', CONTACTS),
    ('khong hoi lich, hoi tuan le la gi thoi', WHAT),
]

GUARDS = [
    # the story names the Week, the question is elsewhere
    ('mình vừa thi công dân học tập xong, cho hỏi lịch thi học kỳ 1 của trường thcs', "dont_know"),
    ('doc sach o thu vien xong thi troi mua to, cho hoi mai hp co mua ko', "dont_know"),
    ('xem khai mạc tuần lễ trên tivi xong, cho hỏi tối nay tivi chiếu phim gì', "dont_know"),
    ('tôi bị lừa trên zalo mất 5 triệu, ra công an phường trình báo thì cần mang giấy tờ gì',
     "dont_know"),
    ('bot nhắc lịch rất đúng giờ, tiện cho hỏi giá xăng hôm nay bao nhiêu', "dont_know"),
    # the whole question is the Week's item
    ('cuộc thi công dân học tập thi ở đâu', CONTEST),
    ('số điện thoại ban tổ chức tuần lễ', CONTACTS),
    ('thu vien muon sach the nao', READING),
    ('bi lua tren zalo thi lam sao', SAFETY),
    ('tham gia tuần lễ có mất phí không', FEES),
    ('mai co gi', TOMORROW),
    ('báo cáo kết quả tuần lễ gửi về đâu', REPORT),
]

# Written after batch 2's fixes (said so), before they were run: the same class in other words.
AFTER_FIXES = [
    ('hôm kia tôi đến thư viện phường trả sách, cho tôi hỏi tuần lễ có những lớp học nào miễn '
     'phí', ACTIVITIES + " / " + FEES + " / " + COURSES),
    ('con bé nhà em làm bài thi công dân học tập xong rồi, giờ em muốn xem bảng xếp hạng',
     "leaderboard / contest"),
    ('bố tôi bị lừa mua thuốc qua mạng, tôi muốn hỏi lịch tuần lễ ngày thứ sáu có gì',
     "day:2020-10-02"),
    ('da xem le khai mac roi, cho minh xin sdt ban to chuc', CONTACTS),
    ('tôi đã đăng ký nhận tin nhắc rồi, giờ không cần nữa, thôi hủy đi giúp tôi', "unsubscribe"),
    ('em đang ôn thi học kỳ mà vẫn muốn dự ngày hội đọc sách, ngày hội đọc sách tổ chức ở đâu',
     "event:doc-sach-lien-the-he"),
    ('cam on ad da gui lich, nho co bot ma e biet het cac su kien', "smalltalk:thanks"),
]

AFTER_FIXES_GUARDS = [
    ('đã thi công dân học tập rồi, cho tôi hỏi lịch thi tốt nghiệp cấp 3 năm nay', "dont_know"),
    ('xem khai mac tuan le xong roi, cho hoi gia ve xe buyt di do son', "dont_know"),
    ('mình đọc sách ở thư viện rồi, tuần lễ có những hoạt động gì nữa', ACTIVITIES),
]


# Left after the round (strict xfail): the first words of each, with the answer it gets and why.
# ("tôi từng bị lừa trên facebook nên ngại lắm, …": a strict xfail of the model's knife's
# edge since round 28 merged, the contacts again with round 29b's examples; again a strict
# xfail with round 30c's; the contacts again once round 30 merged)
LEFT: dict[str, str] = {}

GUARDS_LEFT: dict[str, str] = {
    "doc sach o thu vien xong thi troi mua":
        "day:2020-10-02 (before the round: library): the story's reading is set aside, and "
        "'mai' is read as the day asked; 'mưa' typed without marks is 'mua' (buy), an unknown "
        "word that weighs too little against the day (as round 25 c's 'hom nay hp nang hay mua "
        "vay')",
}


@pytest.mark.parametrize(("text", "expected"), with_left(CASES, LEFT, by_start=True))
def test_crossed(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


@pytest.mark.parametrize(("text", "expected"), with_left(GUARDS, GUARDS_LEFT, by_start=True))
def test_crossed_guard(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


@pytest.mark.parametrize(("text", "expected"),
                         with_left(AFTER_FIXES + AFTER_FIXES_GUARDS, LEFT, by_start=True))
def test_crossed_after_fixes(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


def test_left_are_cases() -> None:
    assert all(any(text.startswith(start) for text, _ in CASES + AFTER_FIXES
                   + AFTER_FIXES_GUARDS) for start in LEFT)
    assert all(any(text.startswith(start) for text, _ in GUARDS) for start in GUARDS_LEFT)
