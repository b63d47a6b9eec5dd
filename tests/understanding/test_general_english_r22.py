"""Round 22 (c) of issue 15: English and mixed Vietnamese-English messages in Vietnamese mode
(item 6: understood, answered in Vietnamese with an offer to switch).

Blind paraphrases of each class of round 22c's first-contact misses, written before the fix of
that class, by other people and with other words than the corpus batch: foreigners living in
Hải Phòng, English teachers, students who mix English words into Vietnamese, chat shorthand.
Before the round (main 42b4c5a) 47 of the 158 were right, 151 after, 7 strict xfail; the
figures per class are in BENCHMARKS.md §8.49.
"""

from __future__ import annotations

import pytest

from handlers.understanding import Understander
from tests.understanding.conftest import THU, answer


# chat shorthand of English (tmr, 2moro, plz, u, r, wat, wen, wanna, thnx)
@pytest.mark.parametrize(("text", "expected"), [
    ('r there any events tmrw', 'day:2020-10-02'),
    ('wat r the events 2day', 'day:2020-10-01'),
    ('send me the schedule plz', 'schedule'),
    ('can u tell me wen the opening is', 'event:khai-mac / day:2020-10-01'),
    ('i wanna take the quiz', 'contest_take'),
    ('thnx so much', 'smalltalk:thanks'),
    ('wats on 2moro', 'day:2020-10-02'),
    ('hw much does it cost 2 join', 'faq:chi-phi'),
])
def test_english_shorthand(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


# days said in English: a month and a day either way round, short weekday names, parts of the day
@pytest.mark.parametrize(("text", "expected"), [
    ('events on october 5', 'day:2020-10-05'),
    ('anything happening on the 4th of october', 'day:2020-10-04'),
    ('schedule for oct 6th', 'day:2020-10-06'),
    ('whats on tues', 'day:2020-10-06'),
    ('anything this sat afternoon', 'day:2020-10-03@chieu'),
    ('events tomorrow evening', 'day:2020-10-02@toi'),
    ('whats on next monday', 'day:2020-10-05'),
    ('any events sun morning', 'day:2020-10-04@sang'),
])
def test_english_days(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


# English words around the question and English names of what the Week offers
@pytest.mark.parametrize(("text", "expected"), [
    ('what time does the closing ceremony begin', 'event:tong-ket'),
    ('i need the phone number of the organizers', 'contacts / faq:lien-he'),
    ('show me all the events', 'schedule / activities / faq:hoat-dong'),
    ('who organizes the week', 'bodies'),
    ('how do i check my score', 'leaderboard'),
    ('where do schools send their report', 'faq:han-bao-cao'),
    ('tell me about the theme', 'theme / faq:chu-de'),
    ('is there a workshop on digital skills',
     'event:lop-ky-nang-so / courses:ky-nang-so / faq:internet-an-toan'),
])
def test_english_words(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


# English noun compounds, the head last ("quiz results", "report deadline")
@pytest.mark.parametrize(("text", "expected"), [
    ('how can i see the contest results', 'leaderboard'),
    ('quiz scores out yet?', 'leaderboard'),
    ('where is the opening ceremony venue', 'event:khai-mac / day:2020-10-01'),
    ('school report deadline', 'faq:han-bao-cao'),
    ('contest rules please', 'contest / faq:cuoc-thi'),
    ('library opening hours', 'library / faq:doc-sach'),
    ('organizer phone number', 'contacts / faq:lien-he'),
    ('who is organizing this event', 'bodies'),
])
def test_english_compounds(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


# English small talk
@pytest.mark.parametrize(("text", "expected"), [
    ('thanks, that was really helpful', 'smalltalk:thanks'),
    ('cool thanks', 'smalltalk:thanks'),
    ('see ya', 'smalltalk:goodbye'),
    ('good night bot', 'smalltalk:goodbye'),
    ('hey there', 'smalltalk:greeting'),
    ('alright got it', 'smalltalk:ok'),
    ('cheers mate', 'smalltalk:thanks'),
    ('have a good day', 'smalltalk:goodbye'),
])
def test_english_talk(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


# English thanks and praise
@pytest.mark.parametrize(("text", "expected"), [
    ('very helpful, thank you', 'smalltalk:thanks'),
    ('great, thanks a bunch', 'smalltalk:thanks'),
    ('that helps a lot, thx', 'smalltalk:thanks'),
    ('awesome thank u', 'smalltalk:thanks'),
    ('much appreciated', 'smalltalk:thanks'),
    ('cool, got it', 'smalltalk:ok'),
])
def test_english_praise(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


# a request ending on "now" asks it right away; "what is happening now" asks what is on
@pytest.mark.parametrize(("text", "expected"), [
    ('can i start the quiz now', 'contest_take'),
    ('let me take the test now', 'contest_take'),
    pytest.param('quiz now pls', 'contest_take', marks=pytest.mark.xfail(
        strict=True, reason="'quiz' alone is the contest ('cuộc thi ngay'): the request to "
        "start is read from 'thi ngay', 'vào thi', not from the contest named before 'now'")),
    ('what is happening now', 'next'),
    ('anything going on right now', 'next'),
    ('sign me up for reminders now', 'subscribe / faq:nhac-lich'),
])
def test_english_now(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


# Vietnamese with English words in it
@pytest.mark.parametrize(("text", "expected"), [
    ('cho e xin schedule tuan nay', 'schedule'),
    ('deadline nop report cua truong la bao gio', 'faq:han-bao-cao'),
    ('workshop ky nang so o dau vay', 'event:lop-ky-nang-so'),
    ('ad update lich event mai di', 'day:2020-10-02'),
    ('e muon check score quiz', 'leaderboard'),
    ('co course online nao free ko ad', 'courses / faq:khoa-hoc-truc-tuyen / courses:khoa-hoc'),
    ('venue le khai mac la dau vay', 'event:khai-mac / day:2020-10-01'),
    ('thx ad nhiu', 'smalltalk:thanks'),
])
def test_english_mixed(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


# guards: English off-topic questions get an honest "no information"
@pytest.mark.parametrize(("text", "expected"), [
    ('is it gonna be sunny this weekend', 'dont_know'),
    ('where can i buy a sim card', 'dont_know'),
    ('how do i get to ha long bay', 'dont_know'),
    ('whats the best pho place in hai phong', 'dont_know'),
    ('what time is it now', 'dont_know'),
    ('can u help me with my visa', 'dont_know'),
    ('any good bars open tonight', 'dont_know'),
    ('how much is a taxi to the train station', 'dont_know'),
])
def test_english_off_topic(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) == expected


# guards: Vietnamese typed without marks whose words are short English words ("thu", "sat",
# "mon", "me", "the", "ok", "check", "score", "link") keep the answers they had before the round
@pytest.mark.parametrize(("text", "expected"), [
    # (whether a library opens on a day named is the library's since round 30a, §8.102)
    ('thu vien thu 7 co mo cua k', 'library'),
    ('mon toan co bai giang online ko', 'courses:bai-giang'),
    ('check lich hom nay', 'day:2020-10-01'),
    ('ok ad', 'smalltalk:ok'),
    # (round 35: a question of where or how to sign up gets the contest's rules,
    # _sign_up_asked)
    ('the nao de dang ky thi', 'contest'),
    ('ở thành phố có sự kiện gì', 'schedule'),
    ('ngày mai ở thành phố có gì', 'day:2020-10-02'),
    ('link thi o dau', 'contest'),
    ('score cua e bn', 'leaderboard'),
    ('me toi muon di thu vien', 'library'),
])
def test_vietnamese_kept(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) == expected


# whether the message is English (the answer then offers to switch): chat shorthand and the
# everyday words of English count; Vietnamese with English words in it is Vietnamese
@pytest.mark.parametrize(("text", "english"), [
    ('schedule tmr pls', True),
    ('what can u do', True),
    ('any events happening today in hai phong', True),
    ('can foreigners take part too?', True),
    ('i wanna do the quiz now', True),
    ('where can i extend my visa', True),
    ('wats on 2moro', True),
    ('anything on sat night', True),
    ('lịch event hôm nay', False),
    ('deadline report la khi nao', False),
    ('hnay co workshop gi k', False),
    ('ad oi check giup e score voi', False),
    ('me toi muon di thu vien', False),
    ('the nao de dang ky thi', False),
    ('xong r', False),
    ('ok ad', False),
])
def test_english_noticed(understander: Understander, text: str, english: bool) -> None:
    assert understander.understand(text, THU).english is english


# English plurals and verbs in -s of words the lexicon reads ("fees", "quizzes", "participates")
@pytest.mark.parametrize(("text", "expected"), [
    ('how much are the fees', 'faq:chi-phi'),
    ('are there any fees for the classes', 'faq:chi-phi'),
    ('how do the quizzes work', 'contest / faq:cuoc-thi'),
    ('contacts of the organizers', 'contacts / faq:lien-he'),
    ('where are the libraries', 'library / faq:doc-sach'),
    ('schedules for the week', 'schedule / faq:thoi-gian'),
    ('who participates in the week', 'faq:ai-tham-gia'),
    ('how do schools participate', 'faq:don-vi-tham-gia'),
])
def test_english_plurals(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


# who runs, hosts, is in charge of the Week (the organising bodies)
@pytest.mark.parametrize(("text", "expected"), [
    ('who runs this program', 'bodies'),
    ('which agency is in charge of the week', 'bodies'),
    ('who is behind the learning week', 'bodies'),
    ('what organization hosts the event', 'bodies'),
])
def test_english_who_runs(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


# how the bot is used, asked in English
@pytest.mark.parametrize(("text", "expected"), [
    ('how does this bot work', 'help'),
    ('what should i type', 'help'),
    ('how to use this', 'help'),
    ('any instructions?', 'help'),
])
def test_english_use(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


# a wish to try or do the quiz now
@pytest.mark.parametrize(("text", "expected"), [
    ('let me try the contest', 'contest_take'),
    ('can i have a go at the quiz', 'contest_take'),
    ("i'd love to do the test", 'contest_take'),
    ('wanna try the quiz', 'contest_take'),
])
def test_english_try(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


# polite openings and vague English words around the question
@pytest.mark.parametrize(("text", "expected"), [
    ("what's the main idea of the week", 'theme / faq:chu-de / faq:tuan-le-la-gi'),
    # (a strict xfail until round 31a's examples, and again with round 32a's alone: all its
    # words are fillers, the model alone answers, near its bar; read again once 32a and 32b
    # merged; a strict xfail again once round 32c merged; read again with round 33b's examples;
    # no information once round 33 merged, the model's two answers 0.28 each; read again with
    # round 34c's examples alone)
    # (a strict xfail once round 34 merged; read again with round 35's examples: all its words
    # are fillers, the model alone answers, on a knife's edge)
    ('what is this whole thing about', 'faq:tuan-le-la-gi'),
    ('excuse me, when does the contest close', 'event:cuoc-thi-dong / contest / faq:cuoc-thi'),
    ('sorry to bother, where is the library', 'library / faq:doc-sach'),
])
def test_english_polite(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


# guards: more English off-topic questions
@pytest.mark.parametrize("text", [
    'where is the nearest atm',
    'is there a pharmacy nearby',
    'where can i get my motorbike fixed',
    'how do i pay my electricity bill',
])
def test_english_off_topic_more(understander: Understander, text: str) -> None:
    assert answer(understander, text) == "dont_know"


# English relative days beyond the first batch: the day after tomorrow, the final or first
# day, short Friday in an English message, an hour with am/pm, a month/day date of the Week
@pytest.mark.parametrize(("text", "expected"), [
    ('what events are on next week', 'schedule / day:2020-10-05+2020-10-06+2020-10-07'),
    ('anything on the day after tomorrow?', 'day:2020-10-03'),
    ('what happens on the final day', 'day:2020-10-07'),
    ('what is on the first day of the week', 'day:2020-10-01'),
    ('anything fri evening', 'day:2020-10-02@toi'),
    ('events at 7pm tomorrow', 'day:2020-10-02@toi'),
    ('anything on 10/4', 'day:2020-10-04'),
    ('schedule for the opening day', 'day:2020-10-01 / event:khai-mac'),
])
def test_english_days_more(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


# guards: Vietnamese dates and "fri" (free) keep their readings
@pytest.mark.parametrize(("text", "expected"), [
    ('10/4 co gi', 'day:2020-04-10'),
    ('co fri k', 'faq:chi-phi'),
    ('lich ngay 3/10', 'day:2020-10-03'),
])
def test_vietnamese_dates_kept(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) == expected


# the contest asked in English: time per question, retakes, attempts, the time limit
@pytest.mark.parametrize(("text", "expected"), [
    ('how much time per question', 'contest / faq:cuoc-thi'),
    ('how long does the quiz take', 'contest / faq:cuoc-thi'),
    ('can i retake the test if i fail', 'contest / faq:cuoc-thi'),
    ('how many attempts do i get', 'contest / faq:cuoc-thi'),
    ('is there a time limit for each question', 'contest / faq:cuoc-thi'),
    pytest.param('can i try again tomorrow', 'contest / faq:cuoc-thi', marks=pytest.mark.xfail(
        strict=True, reason="a day named with no subject but the retake ('thi lại ngày mai') "
        "reads as that day's calendar, in Vietnamese too")),
])
def test_english_contest(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


# whom to call, how to reach the organizers, a real person
@pytest.mark.parametrize(("text", "expected"), [
    ('who should i call about the week', 'contacts / faq:lien-he'),
    ('i want to talk to a real person', 'contacts / faq:lien-he'),
    ('how do i reach the organizers', 'contacts / faq:lien-he'),
    ('can someone call me back', 'contacts / faq:lien-he'),
    ('give me a number to call', 'contacts / faq:lien-he'),
])
def test_english_call(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


# no more reminders, said in English
@pytest.mark.parametrize(("text", "expected"), [
    ('turn off the reminders', 'unsubscribe'),
    ('mute notifications pls', 'unsubscribe'),
    ('no more messages please', 'unsubscribe'),
    ('i dont want any more reminders', 'unsubscribe'),
])
def test_english_off(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


# whom an activity is for, said in English (the elderly, families, kids)
@pytest.mark.parametrize(("text", "expected"), [
    # (a strict xfail until round 26 c: a class asked for whom it is for is the Week's classes)
    ('classes for elderly people?',
     'event:an-duong-ky-nang-so / faq:internet-an-toan / event:lop-ky-nang-so'),
    pytest.param(
        'smartphone lessons for seniors', 'event:an-duong-ky-nang-so',
        marks=pytest.mark.xfail(
            strict=True, reason="'lớp điện thoại thông minh cho người cao tuổi' is the FAQ on "
            "safe Internet use in Vietnamese too; the An Dương class is named by its keywords "
            "only")),
    ('is there anything for kids this weekend', 'day:2020-10-03+2020-10-04'),
    ('can old people join', 'faq:ai-tham-gia'),
    ('activities for families', 'activities / faq:hoat-dong'),
])
def test_english_audience(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


# "noti" (notification), "unsub", "timeline": English words students type into Vietnamese
@pytest.mark.parametrize(("text", "expected"), [
    ('tat noti giup e voi', 'unsubscribe'),
    ('unsub giup minh', 'unsubscribe'),
    ('e muon nhan noti lich moi ngay', 'subscribe / faq:nhac-lich'),
    ('bot gui noti lich hang sang dc ko', 'subscribe / faq:nhac-lich'),
    ('stop noti nha ad', 'unsubscribe'),
    ('timeline cua tuan le ntn', 'schedule / faq:thoi-gian'),
])
def test_mixed_notifications(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


# reading for children and studying online, asked in English
@pytest.mark.parametrize(("text", "expected"), [
    ('online stories for children', 'courses:van-hoa-doc'),
    pytest.param(
        'where can my kids read books online', 'courses:van-hoa-doc',
        marks=pytest.mark.xfail(
            strict=True, reason="'đọc sách online' is the e-books' group; whose reading it is "
            "('my kids') does not make it the children's")),
    ('free books for children', 'courses:van-hoa-doc'),
    ('kids books online free', 'courses:van-hoa-doc'),
    ('where can i learn english online', 'courses:khoa-hoc / courses'),
    ('i want to study online for free', 'courses:khoa-hoc / courses / faq:khoa-hoc-truc-tuyen'),
    # (read since the examples' second opinion, BENCHMARKS §8.81)
    ('free online learning sites', 'courses / courses:khoa-hoc / faq:khoa-hoc-truc-tuyen'),
    ('how can i learn computer skills online', 'courses:ky-nang-so / courses'),
])
def test_english_reading_study(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


# who won, when the results are announced; weekend wishes; the organizers' Facebook page
@pytest.mark.parametrize(("text", "expected"), [
    ('who won the quiz', 'leaderboard'),
    ('who are the winners', 'leaderboard'),
    ('when will the results be announced', 'leaderboard / contest / faq:cuoc-thi'),
    ('are the quiz results out', 'leaderboard'),
    ('who won the football match last night', 'dont_know'),
    ('have a good weekend', 'smalltalk:goodbye / smalltalk:greeting'),
    ('thanks, enjoy your weekend', 'smalltalk:thanks'),
    ('happy weekend bot', 'smalltalk:greeting / smalltalk:goodbye'),
    ('any good weekend events', 'day:2020-10-03+2020-10-04'),
    ('do you have a facebook page', 'contacts / faq:lien-he'),
    ('whats the fb page of the organizers', 'contacts / faq:lien-he'),
    ('is there a zalo group for this', 'contacts / faq:lien-he'),
])
def test_english_winners_wishes_page(understander: Understander, text: str,
                                     expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


# feedback and suggestions for the organizers, in English or typed into Vietnamese
@pytest.mark.parametrize("text", [
    'where can i leave feedback',
    'i have a suggestion for the organizers',
    'gui feedback cho btc o dau',
    'can i send some feedback about the week',
])
def test_english_feedback(understander: Understander, text: str) -> None:
    assert answer(understander, text) == "ask"


# English verbs in -ed of words the lexicon reads ("started", "registered", "opened")
@pytest.mark.parametrize(("text", "expected"), [
    ('has the quiz started yet', 'contest / faq:cuoc-thi / event:cuoc-thi-mo / contest_take'),
    ('i registered but got no reminders', 'subscribe / faq:nhac-lich'),
    ('is the library opened on sunday', 'library / faq:doc-sach / day:2020-10-04'),
    ('when is the contest closed', 'event:cuoc-thi-dong / contest / faq:cuoc-thi'),
    # (told, not asked: since round 28d an action told as done is heard, not taken again)
    ('i signed up for reminders yesterday', 'subscribe / faq:nhac-lich / smalltalk:ok'),
])
def test_english_past(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")
