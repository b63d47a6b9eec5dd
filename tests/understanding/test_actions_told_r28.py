"""Round 28 (d) of issue 15: the bot's actions (subscribing to the reminders and stopping them,
starting the quiz, deleting one's data, passing a question to the organisers) are taken only
when the message asks for them now, not when it tells of them.

Blind paraphrases, written before any change of the round, in other words than the round's
corpus batches: an action thanked for, told as done, complained of without a request, asked
about (how, where, when: the FAQ) or refused must not be taken; the same action asked for in
other words (a wish, a request, an order, "thôi … nữa", "… đi"), after a story or alone, with
and without marks and teencode, must be; a story that ends asking an event's day gets that
event. Guards: requests said plainly keep their actions, near misses keep "dont_know". Figures
in BENCHMARKS §8.94.
"""

from __future__ import annotations

import pytest

from handlers.understanding import Understander
from tests.understanding.conftest import answer, with_left

THANKS = "smalltalk:thanks"
OK = "smalltalk:ok"
SUBSCRIBE = "subscribe / faq:nhac-lich"
UNSUBSCRIBE = "unsubscribe"
TAKE = "contest_take"
REMINDERS_FAQ = "faq:nhac-lich / subscribe"

# Told, thanked for or complained of: no action taken.
TOLD = [
    ("cảm ơn bot hôm qua đã nhắc, tôi đến lớp kỹ năng số đúng giờ", THANKS),
    ("cam on ad nhac lich nhe, nho vay ma e ko quen buoi khai mac", THANKS),
    ("bot nhắc lịch hay quá, cả tuần nay tôi không bỏ lỡ buổi nào, cảm ơn nhiều", THANKS),
    ("tks ban to chuc, hom qua e thi xong roi vui lam", THANKS),
    ("đã nhận được tin nhắn nhắc lịch của bot, cảm ơn nhé", THANKS),
    ("mình đăng ký nhận tin từ hôm qua rồi, cảm ơn bot", THANKS),
    ("cảm ơn bot đã gửi giúp câu hỏi của tôi tới ban tổ chức", THANKS),
]

# The same actions asked for, in other words: the action.
ASKED_FOR = [
    ("có lịch gì mới thì nhắn em với nha", SUBSCRIBE),
    ("toi hay quen lich lam, bot nhac toi voi", SUBSCRIBE),
    ("gửi lịch sự kiện hằng ngày cho bác nhé", SUBSCRIBE),
    ("nhắc lịch các buổi học qua tin nhắn giúp tôi", SUBSCRIBE),
    ("cho e dang ky nhan lich voi ad", SUBSCRIBE),
    ("bot nhắn nhiều quá mà tôi đang đi làm, thôi hủy giúp tôi", UNSUBSCRIBE),
    ("ngày nào cũng mấy tin nhắn, tôi không đọc hết, đừng nhắc tôi nữa", UNSUBSCRIBE),
    ("tat nhac lich giup minh", UNSUBSCRIBE),
    ("thoi ko nhan thong bao nua ad", UNSUBSCRIBE),
    ("dừng gửi tin cho tôi đi", UNSUBSCRIBE),
    ("hom truoc chau toi dang ky ho ma toi khong dung dien thoai nhieu, bo nhac lich di",
     UNSUBSCRIBE),
    ("ok rồi, bắt đầu đi bot", TAKE),
    ("e san sang roi ad, thi luon", TAKE),
    ("cho mình làm bài thi công dân học tập ngay bây giờ", TAKE),
    ("vao lam bai thoi", TAKE),
    ("xóa toàn bộ dữ liệu của tôi giúp", "privacy"),
    ("chuyển giúp tôi câu hỏi này tới ban tổ chức nhé", "ask"),
]

# Asked about (how, where, when): the FAQ's answer, or the action's own that explains it.
ASKED_ABOUT = [
    ("nhắc lịch thế nào vậy bot", REMINDERS_FAQ),
    ("dang ky nhac lich o dau", REMINDERS_FAQ),
    ("muon huy nhan tin thi lam sao", "faq:nhac-lich / unsubscribe"),
    ("bot gửi nhắc lịch lúc mấy giờ", "faq:nhac-lich"),
]

# Refused or negated: no action taken.
REFUSED = [
    ("không cần nhắc lịch đâu bot, tôi nhớ rồi", "smalltalk:ok / unsubscribe"),
    ("thôi khỏi đăng ký nhé", "smalltalk:ok / smalltalk:thanks / unsubscribe"),
    ("em chưa thi đâu, để tối em làm", OK),
]

# A story, then an event's day asked: that event, or its day.
STORY_THEN_DAY = [
    ("tôi bán hàng ở chợ sắt tối nào cũng về sớm, muốn học lớp kỹ năng số cho phụ huynh, lớp "
     "ấy tối thứ mấy", "event:lop-ky-nang-so / day:2020-10-03@toi / day:2020-10-03"),
    ("me em 65 tuoi moi dung smartphone, lop huong dan dung dien thoai cho nguoi lon tuoi hoc "
     "hom nao a", "event:an-duong-ky-nang-so / day:2020-10-03@sang / day:2020-10-03"),
]

# Guards: requests said plainly keep their actions, near misses keep "dont_know".
GUARDS = [
    ("đăng ký nhận tin", "subscribe"),
    ("hủy đăng ký", UNSUBSCRIBE),
    ("tôi muốn thi", TAKE),
    ("xóa dữ liệu của tôi", "privacy"),
    ("đăng ký tiêm phòng cho con ở đâu", "dont_know"),
    ("nhắc lịch uống thuốc cho bà", "dont_know"),
    ("có ai trực điện thoại không", "contacts / faq:lien-he"),
]

# Cases the round did not mend (strict xfail): the text, with the answer it gets and why.
LEFT: dict[str, str] = {
    "bot nhắc lịch hay quá, cả tuần nay tôi không bỏ lỡ buổi nào, cảm ơn nhiều":
        "schedule: 'lỡ buổi nào' is read as a question (which session), so the thanks is "
        "taken for the closing of a question of the schedule",
    "thôi khỏi đăng ký nhé":
        "stop: 'thôi khỏi' is the stop intent's phrase; its answer (nothing in progress, how to "
        "stop the reminders) takes no action either",
    "em chưa thi đâu, để tối em làm":
        "day:2020-10-01@toi: the evening of the plan ('để tối em làm') is read as the day asked; "
        "the refusal is of 'thi' alone, no phrase of starting the quiz",
    "nhắc tôi trước buổi tập huấn internet an toàn nhé":
        "faq:internet-an-toan: what to be reminded of is read so for days, events, classes, "
        "lists and libraries, not an FAQ entry (the safe Internet's scams 'nhận được tin nhắn' "
        "would turn to the reminders)",
}


@pytest.mark.parametrize(("text", "expected"), with_left(TOLD, LEFT))
def test_told(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


@pytest.mark.parametrize(("text", "expected"), with_left(ASKED_FOR, LEFT))
def test_asked_for(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


@pytest.mark.parametrize(("text", "expected"), with_left(ASKED_ABOUT, LEFT))
def test_asked_about(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


@pytest.mark.parametrize(("text", "expected"), with_left(REFUSED, LEFT))
def test_refused(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


@pytest.mark.parametrize(("text", "expected"), with_left(STORY_THEN_DAY, LEFT))
def test_story_then_day(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


@pytest.mark.parametrize(("text", "expected"), with_left(GUARDS, LEFT))
def test_guard(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


# Written after the round's fixes (other words again): the same classes, checked once more.
AFTER_FIXES = [
    ("hôm qua bot nhắc đúng giờ nên tôi không lỡ lớp, cảm ơn bot", THANKS),
    ("mẹ em bảo đã đăng ký nhận tin cho em rồi", "smalltalk:ok / smalltalk:thanks"),
    ("sáng nay em vừa làm bài thi xong, hay lắm ạ", "smalltalk:ok / smalltalk:thanks"),
    ("bot gửi tin suốt, tôi không cần nữa", UNSUBSCRIBE),
    ("dt cu bao tin nhan cua bot, thoi tat di", UNSUBSCRIBE),
    ("ai đăng ký cho tôi nhận tin thế, tôi không muốn nhận", UNSUBSCRIBE),
    ("cho em vào thi luôn với", TAKE),
    ("em muốn thử sức cuộc thi công dân học tập ngay", TAKE),
    ("nhắc tôi trước buổi tập huấn internet an toàn nhé", SUBSCRIBE),
    ("tin nhắc lịch gửi lúc mấy giờ vậy ad", REMINDERS_FAQ),
    ("mai 5h có gì không", "day:2020-10-02@chieu"),
    ("đăng ký nhận tin", "subscribe"),
    ("đăng ký hộ khẩu cho con ở đâu", "dont_know"),
]


@pytest.mark.parametrize(("text", "expected"), with_left(AFTER_FIXES, LEFT))
def test_after_fixes(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")
