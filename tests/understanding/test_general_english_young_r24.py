"""Round 24 (e) of issue 15: English, mixed Vietnamese-English and young people's writing.

Blind paraphrases (written before any change of the round, by other people and in other words
than the round's batches): a foreigner or an English teacher asks in English in Vietnamese
mode, a student mixes English words into Vietnamese ("event", "link", "free", "check"), Gen-Z
teencode with stretched letters and emoji, raw Telex typed with the input method off; over
every subject of the Week. And guards: near misses in English or slang that the Week cannot
answer (must stay "no information"), and small talk.
"""

from __future__ import annotations

import pytest

from handlers.understanding import Understander
from tests.understanding.conftest import answer, with_left

FEE = "faq:chi-phi"
QUIZ = "contest / faq:cuoc-thi"
COURSES = "courses / faq:khoa-hoc-truc-tuyen / courses:khoa-hoc"
LIBRARY = "library / faq:doc-sach"
REMIND = "subscribe / faq:nhac-lich"
CONTACT = "contacts / faq:lien-he"
SAFETY = "faq:internet-an-toan / event:tap-huan-internet-hoc-sinh / courses:ky-nang-so"

CASES = [
    # English in Vietnamese mode
    ("do i need to pay anything to take part in this?", FEE),
    ("whats going on the day after tmr", "day:2020-10-03"),
    ("hey how can i sign up for the quiz", QUIZ + " / contest_take"),
    ("any events tonight?", "day:2020-10-01@toi"),
    ("i wanna get notified about new events", REMIND),
    ("where can i find some free online classes", COURSES),
    ("who do i call for more info", CONTACT),
    ("what is this week all about", "faq:tuan-le-la-gi / theme / faq:chu-de"),
    ("where do i see my score in the contest", "leaderboard"),
    ("stop sending me messages pls", "unsubscribe"),
    # mixed Vietnamese-English
    ("sự kiện next là gì v ad", "next"),
    ("cho e xin schedule tuần này vs", "schedule"),
    ("có free k hay phải trả fee ạ", FEE),
    ("e muốn join cuộc thi thì làm sao", QUIZ + " / contest_take"),
    ("có khóa học online nào free k ad, e mún học thêm skill", COURSES),
    ("mình muốn đọc sách thì tới library nào", LIBRARY),
    ("cho mình xin contact của btc nha", CONTACT),
    ("có workshop nào về an toàn online cho học sinh k", SAFETY),
    # teencode, stretched letters, emoji
    ("ngày maiii có j hôngggg 🥰", "day:2020-10-02"),
    ("bảng xếp hạng đâu ad ơi 🏆", "leaderboard"),
    ("đăng kí nhận thông báo sự kiện kiểu j z ạ", REMIND),
    ("tuần lễ hok tập ni đến bao h mới hết z", "faq:thoi-gian / schedule"),
    # raw Telex with the input method off
    ("cos mats tieenf khoong", FEE),
    ("laf sao ddeer thi", QUIZ + " / contest_take"),
    # near misses that must stay "no information"
    ("where can i buy a sim card in hai phong", "dont_know"),
    ("any good coffee shops near the opera house", "dont_know"),
    ("tối nay có trận LoL nào hot k mn", "dont_know"),
    ("có ai rủ đi phượt cát bà weekend này k", "dont_know"),
    ("what's the exchange rate for usd today", "dont_know"),
    # small talk
    ("thx so much, ur the best 😍", "smalltalk:thanks"),
    ("hiii bot ơiii", "smalltalk:greeting"),
    ("gotcha 👍", "smalltalk:ok"),
    ("bye bye ad, hẹn gặp lại nha", "smalltalk:goodbye"),
]

# The cases still wrong after the round's fixes, each with the reason (strict xfails).
# ("what is this week all about" is read since BENCHMARKS §8.96: the rules' schedule is
# overruled by the model's "what the Week is", p 0.48.)
LEFT: dict[str, str] = {
    "what is this week all about": "schedule with round 38's examples (§8.157): the model's "
                                   "\"what the Week is\" 0.66, "
                                   "its nearest example the contest's (0.70): the rules' "
                                   "schedule kept",
}


@pytest.mark.parametrize(("text", "expected"), with_left(CASES, LEFT))
def test_english_young(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


def test_left_are_cases() -> None:
    assert set(LEFT) <= {text for text, _ in CASES}
