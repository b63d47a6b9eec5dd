"""Round 27 (e) of issue 15: English and mixed Vietnamese-English as young people and office
workers write, with heavy teencode, over every subject of the Week; and near misses in English.

Blind paraphrases, written before any change of the round, in other words than the round's
corpus batches: code-switching ("deadline", "link", "free", "event", "check", "join", "sub"),
teencode and abbreviations (ko, k, hok, j, z, dc, đc, bn, ntn, vs, r, ms, mk, mn, ad, ib, rep,
onl, sub, unsub, thks, tks, pls, plz, oke, oki), English questions in Vietnamese mode; and
guards: English or mixed near misses the Week cannot answer (no information) and small talk.
"""

from __future__ import annotations

import pytest

from handlers.understanding import Understander
from tests.understanding.conftest import answer, with_left

FEE = "faq:chi-phi"
QUIZ = "contest / faq:cuoc-thi"
TAKE = "contest_take / contest / faq:cuoc-thi"
COURSES = "courses / faq:khoa-hoc-truc-tuyen / courses:khoa-hoc"
LIBRARY = "library / faq:doc-sach"
REMIND = "subscribe / faq:nhac-lich"
CONTACT = "contacts / faq:lien-he"
REPORT = "faq:han-bao-cao / bodies"
THEME = "theme / faq:chu-de"
WHEN = "faq:thoi-gian / schedule"
SAFETY = "faq:internet-an-toan / event:tap-huan-internet-hoc-sinh / courses:ky-nang-so"
OPENING = "event:khai-mac / day:2020-10-01"
NO = "dont_know"

MIXED = [
    # schedule and days
    ("thu 6 nay co event gi hot k mn", "day:2020-10-02"),
    ("weekend nay tuan le co j k ad", "day:2020-10-03+2020-10-04"),
    ("cho mk xin full schedule cua tuan le vs", "schedule"),
    ("chieu nay co session nao onl ko", "day:2020-10-01@chieu"),
    ("tuan le hoc tap keo dai den bh z ad", WHEN),
    ("opening ceremony to chuc o cho nao z", OPENING),
    # contest
    ("quiz cdht lam onl dc ko hay phai den truc tiep", QUIZ + " / contest_take"),
    ("lm quiz dc may lan v ad, fail r lam lai dc k", QUIZ),
    ("e mun join contest thi dk o dau", TAKE),
    ("bxh quiz update chua ad", "leaderboard"),
    ("score cua e o dau xem dc z", "leaderboard"),
    # reminders
    ("sub nhan thong bao event ntn ad", REMIND),
    ("e ko mun nhan noti nua, unsub giup e", "unsubscribe"),
    # fees
    ("tham gia event co free ko hay mat phi", FEE),
    ("co can pay gi k ad", FEE),
    # contacts
    ("ib ai de hoi them ve tuan le z", CONTACT),
    ("cho e xin sdt ban to chuc, e can call gap", CONTACT),
    # library and reading
    ("library thanh pho mo cua may h", LIBRARY + " / event:ngay-thu-vien-mo"),
    ("doc ebook free o dau ad", "courses:sach-dien-tu"),
    # courses
    ("cho e xin link khoa hoc onl mien phi vs", COURSES),
    ("mk mun hoc them tieng anh onl, co course nao free hok", COURSES),
    # safe Internet
    ("nick zalo bi hack r, lam j bay gio mn", "faq:internet-an-toan"),
    ("co ng la gui link bao trung qua, click vao co sao k", "faq:internet-an-toan"),
    ("co khoa training an toan internet cho hs sv k", SAFETY),
    # theme, the Week, report
    ("theme nam nay la j ad", THEME),
    ("tuan le hoc tap suot doi la event gi z", "faq:tuan-le-la-gi / theme"),
    ("bao h la deadline nop bc ket qua tuan le", REPORT),
    ("report gui ve dau z ad", REPORT),
]

ENGLISH = [
    ("is there anything on this evening", "day:2020-10-01@toi"),
    ("when does the learning citizen quiz close", QUIZ + " / faq:thoi-gian"),
    ("how can i get reminders about events", REMIND),
    ("who should i contact if i have questions", CONTACT),
    ("is there a fee for the events", FEE),
    ("where can i find free online courses", COURSES),
    ("what is the theme of the week", THEME),
    ("by when do schools have to send the report", REPORT),
]

NEAR_MISSES = [
    ("can you do my english homework for me", NO),
    ("what's the weather going to be like tomorrow", NO),
    ("any good restaurants near me", NO),
    ("how much is an iphone 16 now", NO),
    ("co ai bt lich thi ielts thang nay k", NO),
    ("deadline nop ho so xin viec cty e la khi nao", NO),
    ("link xem phim free o dau z mn", NO),
    ("mai co match bong da nao k", NO),
]

SMALL_TALK = [
    ("oki ad tks nhiu nha", "smalltalk:thanks / smalltalk:ok"),
    ("thanks ad, very helpful", "smalltalk:thanks"),
    ("oke e hieu r", "smalltalk:ok"),
    ("hi bot", "smalltalk:greeting"),
    ("bye bye ad, see u", "smalltalk:goodbye"),
]

# Cases the round did not mend (strict xfail): the text, with the answer it gets and why.
LEFT: dict[str, str] = {}


@pytest.mark.parametrize(("text", "expected"), with_left(MIXED, LEFT))
def test_mixed(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


@pytest.mark.parametrize(("text", "expected"), with_left(ENGLISH, LEFT))
def test_english(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


@pytest.mark.parametrize(("text", "expected"), with_left(NEAR_MISSES, LEFT))
def test_near_miss(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


@pytest.mark.parametrize(("text", "expected"), with_left(SMALL_TALK, LEFT))
def test_small_talk(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")


# Written after the round's fixes: the classes mended, said in other words (regression cases;
# some were the probes that found a class, so they are no blind measure).
AFTER_FIXES = [
    ("ok bye ad, mai e hoi tiep nhe", "smalltalk:goodbye"),
    ("tạm biệt bot, hôm khác mình nhắn tiếp", "smalltalk:goodbye"),
    ("hello, co ai online ko a", "smalltalk:greeting"),
    ("is there a charge for the classes", FEE),
    ("do we have to pay for the library card", FEE),
    ("translate this paragraph into vietnamese please", NO),
    ("how many days is the lifelong learning week", WHEN),
    ("co app nghe sach nao cho be k", "courses:sach-dien-tu"),
    ("stop nhắc lịch giúp mình nhé", "unsubscribe"),
    ("i'd like to stop receiving reminders", "unsubscribe"),
    ("su kien khai mac co phat song truc tiep ko", OPENING),
    ("event tong ket co livestream k ad", "event:tong-ket / day:2020-10-07"),
    ("any good coffee shops in le chan", NO),
    ("somebody hacked my zalo, what do i do", "faq:internet-an-toan"),
    ("got a weird link from a stranger on messenger", "faq:internet-an-toan"),
    ("who should schools send the report to", REPORT),
    ("nhan duoc tin nhan trung qua, bao click vao link, co phai lua k", "faq:internet-an-toan"),
]


@pytest.mark.parametrize(("text", "expected"), with_left(AFTER_FIXES, LEFT))
def test_after_fixes(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) in expected.split(" / ")
