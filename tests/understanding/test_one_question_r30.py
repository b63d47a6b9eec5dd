"""Round 30 (c) of issue 15: messages that mention several things but ask one.

Parents and elders tell a long story (the child's school, the contest, the library, a
grandparent's health) and ask one thing at its end; writers say what is done already ("đăng
ký rồi", "đi khai mạc rồi") or what they do not ask ("không phải …", "không cần …", "trừ … ra")
before what they do; an event is named only as where something was heard; an elder apologises
for not knowing technology; a follow-up corrects the bot; some complain that nobody answers.
Blind paraphrases, written after the round's first fixes in other words than its corpus
batches: the one question asked gets its answer, never the story's subject. Guards: the same
stories asking what the Week does not hold get "dont_know". Figures in BENCHMARKS §8.104.
"""

from __future__ import annotations

import pytest

from handlers.understanding import Understander
from tests.understanding.conftest import answer, with_left

OPENING = "event:khai-mac / day:2020-10-01"
CONTACTS = "contacts / faq:lien-he"
FEES = "faq:chi-phi"
REMINDERS = "subscribe / faq:nhac-lich"
LIBRARY = "library / faq:doc-sach"
SORRY = "smalltalk:sorry / dont_know"

# A story of several things, then one question.
STORIES = [
    ("nhà tôi có thằng lớn học cấp 3 đang thi cdht, con bé thì tuần nào cũng lên thư viện "
     "phường, tôi thì chỉ muốn hỏi lễ khai mạc tổ chức ở đâu", OPENING),
    ("cháu ngoại tôi học lớp 1 mới biết đọc, bà nó hay kể chuyện cổ tích, cho tôi hỏi tuần lễ "
     "có mất phí gì không", FEES),
    ("em lam cong nhan o kcn nomura, ca dem ve ngu, vo em thi ban ban hang, cho em hoi tuan le "
     "ket thuc ngay nao", "faq:thoi-gian / schedule / event:tong-ket"),
    ("con trai tôi học lớp 8 hay chơi game, con gái thì thích đọc sách, tôi hỏi số điện thoại "
     "hội khuyến học thành phố", CONTACTS),
    ("trường con mình phát động tủ sách lớp học, lớp con mình góp được 50 cuốn, cô giáo còn "
     "khen, cho mình hỏi chủ đề tuần lễ năm nay là gì", "theme / faq:chu-de"),
    ("me e 60 tuoi van di day hoc tinh nguyen, bo e thi trong vuon, e muon hoi nguoi lon tuoi "
     "co duoc thi cdht khong", "contest / faq:cuoc-thi / faq:ai-tham-gia"),
]

# What is told done or already known, then the question.
DONE = [
    ("e da thi cdht xong r, cung dk nhan tin r, gio chi hoi tuan le co nhung hd gi",
     "activities / faq:hoat-dong"),
    ("tôi đã xem lịch rồi, giờ tôi chỉ hỏi thư viện thành phố mượn sách thế nào", LIBRARY),
    ("sáng nay cả nhà đi xem khai mạc rồi, tối nay còn gì không bot", "day:2020-10-01@toi"),
    ("đọc thể lệ rồi, giờ cho mình hỏi lễ tổng kết ngày nào",
     "event:tong-ket / day:2020-10-07"),
    ("minh nhan duoc tin nhac roi, cam on, gio cho hoi thu 7 co gi", "day:2020-10-03"),
    ("hôm nay tôi dự khai mạc rồi, chủ nhật bận, thế thứ hai có gì không", "day:2020-10-05"),
]

# What is not asked (denied, declined, set aside, corrected), then what is.
NOT_THAT = [
    ("ko phai hoi cuoc thi dau, e hoi so dt cua btc", CONTACTS),
    ("khỏi gửi lịch cho tôi, tôi chỉ cần địa chỉ thư viện quận", LIBRARY + " / " + CONTACTS),
    ("ý em là lớp cho người già cơ, không phải lớp cho học sinh",
     "event:an-duong-ky-nang-so / faq:internet-an-toan / event:lop-ky-nang-so"),
    ("không hỏi ngày đâu, tôi hỏi đi dự có mất tiền không", FEES),
    ("ngoài thư viện với cuộc thi ra, tuần lễ còn gì nữa không ad",
     "activities / faq:hoat-dong"),
    ("ko can gui link, noi luon cho e tuan le dien ra tu ngay nao",
     "faq:thoi-gian / schedule"),
    ("khong phai lop internet, y minh la thu vien so", "courses:sach-dien-tu / library"),
    ("ý tôi hỏi bảng xếp hạng, chứ không phải đáp án", "leaderboard"),
]

# Heard of at an event or from someone, an elder's apology, then the question.
HEARD = [
    ("nghe ở đoàn xe tuyên truyền nói có cuộc thi trên mạng, thi ở đâu vậy",
     "contest / faq:cuoc-thi / contest_take"),
    ("bác xin lỗi, bác già rồi không biết bấm điện thoại, có sự kiện gì thì cháu nhắn cho bác "
     "với nhé", REMINDERS),
    ("ông không rành mấy cái máy này, ông chỉ muốn hỏi bot có nhắc lịch cho ông được không",
     REMINDERS),
]

# Complaints that nobody answers: the answers the corpus gives them.
COMPLAINTS = [
    ("nhắn hoài mà chả ai trả lời", SORRY),
    ("tôi gửi tin từ hôm qua mà không thấy ai trả lời", SORRY),
]

# The story and the question both off the Week: no answer of the Week.
GUARDS = [
    ("sáng nay đi khai mạc về bị ngã xe, cho hỏi bệnh viện việt tiệp khám ngoài giờ không",
     "dont_know"),
    ("con tôi thi cdht rồi, giờ tôi hỏi lịch thi học kỳ 1 của trường", "dont_know"),
    ("ko hoi tuan le dau, e hoi gia xang hom nay", "dont_know"),
    ("tôi đăng ký nhận tin rồi, giờ hỏi thêm là ở đâu sửa máy giặt", "dont_know"),
    ("nghe loa phường nói về tuần lễ, nhưng tôi hỏi lịch cắt nước ở ngô quyền", "dont_know"),
]

LEFT: dict[str, str] = {
    # ("ý em là lớp cho người già cơ, không phải lớp cho học sinh": faq:ai-tham-gia once round
    # 32 merged, the examples' second opinion at SECOND_FLOOR, a knife's edge; answered again
    # with round 33c's examples)
    "khỏi gửi lịch cho tôi, tôi chỉ cần địa chỉ thư viện quận":
        "dont_know with the round's examples made anew (it passed before them): 'khỏi' opens "
        "no denial of the rules (parts.denied reads pairs, 'không cần'), so the rules give no "
        "answer between the contacts and the library; the examples' model is split, contacts p "
        "0.214, no information p 0.194, the library p 0.159",
}


@pytest.mark.parametrize(("text", "expected"), with_left(STORIES, LEFT))
def test_story_then_one_question(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


@pytest.mark.parametrize(("text", "expected"), with_left(DONE, LEFT))
def test_told_done_then_asked(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


@pytest.mark.parametrize(("text", "expected"), with_left(NOT_THAT, LEFT))
def test_not_that_but_this(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


@pytest.mark.parametrize(("text", "expected"), with_left(HEARD, LEFT))
def test_heard_or_apologised_then_asked(understander: Understander, text: str,
                                        expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


@pytest.mark.parametrize(("text", "expected"), with_left(COMPLAINTS, LEFT))
def test_nobody_answers(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


@pytest.mark.parametrize(("text", "expected"), with_left(GUARDS, LEFT))
def test_guard(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")
