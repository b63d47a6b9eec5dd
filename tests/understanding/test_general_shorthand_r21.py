"""Round 21 (b) of issue 15: the shorthand of rounds 17 (d) and 20 (b) read as a system.

Blind paraphrases written before any change of the round, by class of how students and young
people type (vowel-dropped words, first letters, run-together words, w/f/j/z spellings, the
"k" family of negatives and the particles at the end), and by class of what the round's tuned
misses ask. Before the round (main 701e791): 59 of 74 right; after: 65 of 74. The shorthand
classes were already read (43 of 44 before and after); the six fixed were of what is asked:
"có gì hay" of the Week (2 of 6 -> 3), the fee asked of an event named (4 -> 5), a district's
calendar (4 -> 5), what the bot can do (3 -> 6). The guards: 8 of 8 before and after.
"""

from __future__ import annotations

import pytest

from handlers.understanding import Understander
from tests.understanding.conftest import answer


@pytest.mark.parametrize(("text", "expected"), [
    # the "k" family of negatives and the particles at the end
    ('thi cdht co mat tien khum ad', 'faq:chi-phi'),
    ('hs lop 9 dc tham gia hông ạ', 'faq:ai-tham-gia'),
    ('co lop hoc onl mien phi hok z', 'courses'),
    ('mai co sk j hong ad', 'day:2020-10-02'),
    ('tv tp cho muon sach kg a', 'library'),
    ('thi tren dt dc khg ad', 'contest'),
    ('cn nay co hd nao hem mn', 'day:2020-10-04'),
    ('sv co dc thi ko ạk', 'faq:ai-tham-gia'),
    # w, f, j, z for qu, ph, gi/d, d/v
    ('tham gia co fai dong fi k', 'faq:chi-phi'),
    ('tuan le hoc tap la j dz ad', 'faq:tuan-le-la-gi'),
    ('hum nay co j zui k', 'day:2020-10-01'),
    ('bjo dang co sk j z', 'next'),
    ('zô thi lun dc k ad', 'contest_take'),
    ('khai mac may jo z', 'event:khai-mac'),
    ('lm s de nhan tb lich z', 'subscribe'),
    # words with their vowels dropped
    ('mk mun dky hc onl thi lm ntn', 'courses'),
    ('trg e tgia tuan le ntn a', 'faq:don-vi-tham-gia'),
    ('ng ngoai tinh dc tgia k', 'faq:ai-tham-gia'),
    ('thg 10 nay tuan le bd ngay nao', 'faq:thoi-gian'),
    ('nhg hd cua tuan le la j', 'activities'),
    ('ms cau dc bn giay z', 'contest'),
    ('xog bai thi r xem kq o dau', 'leaderboard'),
    ('mk k bt sdt btc', 'contacts'),
    # first letters
    ('bxh cdht cap nhat chua ad', 'leaderboard'),
    ('sdt cua btc tuan le htsd', 'contacts'),
    ('cd tuan le htsd 2020 la j', 'theme'),
    ('gv co dc thi cdht k', 'contest'),
    ('tv so doc ebook o dau', 'courses:sach-dien-tu'),
    ('kmac tuan le o dau v', 'event:khai-mac'),
    # words run together
    ('thuvien tp o dau z', 'library'),
    ('camon ad nhìuuu', 'smalltalk:thanks'),
    ('ctuan nay co j k', 'day:2020-10-03+2020-10-04'),
    ('hqua co sk nao z', 'day:2020-09-30'),
    ('hnay co hd gi hay ko', 'day:2020-10-01'),
    ('tuanle htsd la gi', 'faq:tuan-le-la-gi'),
    # the nearest event
    ('sk gan nhat la j z', 'next'),
    ('hd gan nhat dien ra luc nao', 'next'),
    ('su kien sap dien ra gan nhat la gi', 'next'),
    ('cai sk gan nhat o dau v ad', 'next'),
    ('hd nao sap dien ra v', 'next'),
    ('sk ke tiep la gi', 'next'),
    # a local body's phone
    ('sdt hoi khuyen hoc quan le chan', 'contacts'),
    ('so dt hkh phuong e la bn', 'contacts'),
    ('xin sdt phong gd huyen an duong', 'contacts'),
    ('hkh huyen vinh bao sdt bn a', 'contacts'),
    ('sdt hoi khuyen hoc tp hp', 'contacts'),
])
def test_shorthand_read(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # "có gì hay", "có j vui", "có gì thú vị" of the Week: its activities
    ('tuan le nay co gi hay k ad', 'activities'),
    ('tuần lễ có j vui k mn', 'activities'),
    ('nam nay tuan le co hd j hay ho', 'activities'),
    # the fee asked of a thing named first: the FAQ entry on fees
    ('lop ky nang so co mat phi k', 'faq:chi-phi'),
    ('hoc lop ky nang so co phai dong tien ko', 'faq:chi-phi'),
    ('di le khai mac co mat tien k ad', 'faq:chi-phi'),
    ('muon sach o tv co mat phi hok', 'faq:chi-phi'),
    ('khoa hoc onl co thu phi k', 'faq:chi-phi'),
    # a district's calendar: the FAQ entry on choosing a district
    ('xem lich huyen an lao o dau', 'faq:quan-huyen'),
    ('lich sk cua q hong bang the nao', 'faq:quan-huyen'),
    ('huyen tien lang co hd j k', 'faq:quan-huyen'),
    pytest.param('lm sao biet lich cua quan duong kinh', 'faq:quan-huyen',
                 marks=pytest.mark.xfail(strict=True, reason=(
                     "dont_know with round 36's examples (§8.142): "
                     "the rules' district list refused by the "
                     "second opinion (§8.140), the model's no information 0.75 and the nearest "
                     "example a 'no information' one by 0.004 (0.3097 against 0.3056)"))),
    ('o thuy nguyen co sk nao k ad', 'faq:quan-huyen'),
    # what the bot can do, asked with whom it is for between the words
    ('bot lm dc gi z', 'help'),
    ('bot giup e dc nhung viec j', 'help'),
    ('ad oi bot nay biet lm nhung j', 'help'),
    ('bot ho tro dc j cho mk', 'help'),
    ('e hoi bot dc nhung gi', 'help'),
    ('bot co the giup gi', 'help'),
])
def test_what_is_asked(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a day named keeps its calendar; a period named, the schedule; a place's hours, the event
    ('mai co gi hay k ad', 'day:2020-10-02'),
    ('tuan sau co gi hay k', 'schedule'),
    ('đầu tháng 10 có gì hay k ad', 'schedule'),
    ('lop ky nang so hoc o dau', 'event:lop-ky-nang-so'),
    ('le khai mac co phat truc tiep k', 'event:khai-mac'),
    ('tham gia co mat phi k', 'faq:chi-phi'),
    ('bot oi giai giup e bai toan nay', 'dont_know'),
    ('cuoc thi lam duoc gi', 'contest'),
    ('huyen vinh bao co sk gi', 'faq:quan-huyen'),
])
def test_other_readings_kept(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # ('cs' is also cơ sở, chính sách, cảnh sát: not in the lexicon; the examples most like it
    # ask about the contest)
    ('thi xong cs wa hok ad', 'contest'),
    # (read since the examples' second opinion, BENCHMARKS §8.81)
    ('hd cho hs sv tuan nay co j', 'activities'),
    pytest.param('th tkt tuan le lm hnao', 'event:tong-ket', marks=pytest.mark.xfail(
        strict=True, reason="'th tkt' is no shorthand organizers would recognise")),
    pytest.param('dip tuan le co cai j thu vi k', 'activities', marks=pytest.mark.xfail(
        strict=True, reason="'cái' between 'có' and 'gì': the phrases are read whole")),
    pytest.param('tuan le htsd co gi de choi k', 'activities', marks=pytest.mark.xfail(
        strict=True, reason="the Week's whole name is the FAQ on what the Week is, stronger "
        "than 'có gì để chơi'")),
    # (an xfail until round 35: what to take part in, asked with "gì", is the activities,
    # _what_to_do)
    ('trong tuan le co j dang tham gia k z', 'activities'),
    # (an xfail until round 23 d: the fee's words after the thing named are enough, the fee
    # phrase's own "không" closes the yes/no)
    ('tham du dien dan cdht co mat tien ko', 'faq:chi-phi'),
    # (an xfail until round 25 e: the quận or huyện named is what a city list is asked of,
    # no word the answer leaves)
    ('lich tuan le cua huyen kien thuy', 'faq:quan-huyen'),
    pytest.param('lien he ttht cd xa minh qua sdt nao', 'contacts', marks=pytest.mark.xfail(
        strict=True, reason="'ttht cđ' (trung tâm học tập cộng đồng) is read as the reading "
        "space programme")),
])
def test_left(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) == expected
