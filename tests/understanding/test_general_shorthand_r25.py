"""Round 25 (a) of issue 15: abbreviations, teencode and quick phone typing across the Week.

Blind paraphrases written before any change of the round, by class of how people type fast on
a phone (vowels and marks dropped, first letters, telex leftovers, words run together, letters
repeated, emoji) and by subject of the Week; and near misses in the same style that ask nothing
of the Week (a phone number, a result, a time that is not the Week's): those must get the honest
"no information" answer. Before the round (f6ec056): 53 of 59 right (the near misses 6 of 8: a
girlfriend's phone number read as the contacts, "dk thi bằng lái xe" as the contest); after: 58
of 59 (the girlfriend's number left, a strict xfail). The last group was written after batch
2's fixes, not blind.
"""

from __future__ import annotations

import pytest

from handlers.understanding import Understander
from tests.understanding.conftest import answer

_THEME = ('theme', 'faq:chu-de')
_ACTIVITIES = ('activities', 'faq:hoat-dong')
_CONTACTS = ('contacts', 'faq:lien-he')
_CONTEST = ('contest', 'faq:cuoc-thi')
_COURSES = ('courses', 'courses:khoa-hoc', 'faq:khoa-hoc-truc-tuyen')


@pytest.mark.parametrize(("text", "expected"), [
    # the theme and the activities
    ('chủ đề tuần lễ năm 2020 là j thế ad', _THEME),
    ('tuan le nam nay vs chu de gi v', _THEME),
    ('tuần lễ có những hđ gì hay k ạ', _ACTIVITIES),
    ('ds hd cua tuan le dau ad', _ACTIVITIES),
    # days and parts of days
    ('sang mai co j hok', ('day:2020-10-02@sang',)),
    ('toi t6 co sk j z', ('day:2020-10-02@toi',)),
    ('chiu t7 co hd gi ko ad', ('day:2020-10-03@chieu',)),
    ('cn nay co j k mn', ('day:2020-10-04',)),
    ('hnay co gj z ad', ('day:2020-10-01',)),
    ('t3 tuan sau co hd j', ('day:2020-10-06',)),
    # the Week's dates
    ('tuan le tu ngay nao den ngay nao z', ('faq:thoi-gian',)),
    ('tuan le keo dai bn ngay', ('faq:thoi-gian',)),
    # fees
    ('tgia mat tien hok ad', ('faq:chi-phi',)),
    ('thi co mat phi j ko z', ('faq:chi-phi',)),
    ('dk hoc co fai dong tien k', ('faq:chi-phi',)),
    # contacts
    ('xin sđt ban tc vs ạ', _CONTACTS),
    ('muon lh btc thi goi so nao', _CONTACTS),
    ('dia chi lh cua btc o dau z', _CONTACTS),
    # reminders: asked for and stopped
    ('dky nhan tbao lich vs', ('subscribe',)),
    ('hủy nhận tb đi ad', ('unsubscribe',)),
    ('thoi k nhan tin nua', ('unsubscribe',)),
    ('bỏ dk nhắc lịch', ('unsubscribe',)),
    ('bot co bao trc khi sk dien ra k', ('faq:nhac-lich', 'subscribe')),
    # the quiz and its leaderboard
    ('vao thi lun dc hok', ('contest_take',)),
    ('thi cdht o dau v', _CONTEST),
    ('cuoc thi co bn cau z', _CONTEST),
    ('lm bai thi mat bn phut', _CONTEST),
    ('giai thg cuoc thi la j', _CONTEST),
    ('bxh hnay ai dan dau', ('leaderboard',)),
    ('xem kq thi cua e o dau', ('leaderboard',)),
    # events named short
    ('kmac luc may h', ('event:khai-mac',)),
    ('bh tong ket z ad', ('event:tong-ket',)),
    ('lop dt thong minh cho ng gia hoc o dau', ('event:an-duong-ky-nang-so',)),
    # courses, open resources, reading
    ('co kh hoc onl nao free k', _COURSES),
    ('sach dt doc o dau', ('courses:sach-dien-tu', 'library')),
    ('ctrinh doc sach lien the he la j',
     ('programme:doc-sach-lien-the-he', 'event:doc-sach-lien-the-he')),
    ('thu vien 50k la j z', ('programme:thu-vien-50k', 'event:thu-vien-50k')),
    # safe Internet
    ('bi hack fb r lm s ad', ('faq:internet-an-toan',)),
    ('con e choi game onl nhieu qua lm ntn', ('faq:internet-an-toan',)),
    ('tre dung mxh ntn cho an toan', ('faq:internet-an-toan',)),
    # who may take part
    ('hs tieu hoc tgia dc k', ('faq:ai-tham-gia',)),
    # telex leftovers, words run together, letters repeated, emoji
    ('lichj hoom nay', ('day:2020-10-01',)),
    ('maicogi', ('day:2020-10-02',)),
    ('lịch thứ7', ('day:2020-10-03',)),
    ('cho mk xin lich tuan le vssss 🙏🙏', ('schedule',)),
    ('co mat phiiiii k 😅', ('faq:chi-phi',)),
    ('dang kys nhanj lichj', ('subscribe',)),
    # small talk
    ('tks ad nhìuuu', ('smalltalk:thanks',)),
    ('oki ad', ('smalltalk:ok',)),
    ('bye bot nha', ('smalltalk:goodbye',)),
    ('hi ad 👋', ('smalltalk:greeting',)),
])
def test_shorthand_of_the_week(understander: Understander, text: str,
                               expected: tuple[str, ...]) -> None:
    assert answer(understander, text) in expected


@pytest.mark.parametrize("text", [
    pytest.param('sdt cua ban gai e la gi', marks=pytest.mark.xfail(
        strict=True, reason="the contacts: 'bạn gái' as a subject elsewhere made 'gái' a word "
        "of the content, no longer the filler of 'con gái', and 'tham gai' (a typo of 'tham "
        "gia') unread (invariance; tried, taken back)")),
    'hnay ai dk thi bang lai xe',
    'lh ship hang o dau',
    'tg di ngu cua be bn la du',
    'kq bong da toi qua',
    'mua the dt o dau',
    'lich chieu phim cgv hnay',
    'hoc phi truong dh hp bn z',
])
def test_near_misses_in_the_same_style(understander: Understander, text: str) -> None:
    assert answer(understander, text) == 'dont_know'


@pytest.mark.parametrize(("text", "expected"), [
    # written after batch 2's fixes (not blind): a shorthand read by the word beside it
    ('hoc tap sd la gi z', 'faq:tuan-le-la-gi'),
    ('dung nhan tb lich nua nha', 'unsubscribe'),
    ('diem thi hk cua con xem o dau', 'dont_know'),
    ('bme e gia r co lop dt k', 'event:an-duong-ky-nang-so'),
    ('chiu cn co j hok', 'day:2020-10-04@chieu'),
    # (a bank's service for a card, with no other word of a scam: round 31b's _CARD_SERVICE)
    ('lh mo the atm o dau', 'dont_know'),
])
def test_read_by_the_word_beside(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) == expected
