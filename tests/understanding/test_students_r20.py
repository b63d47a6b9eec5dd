"""Round 20 (b) of issue 15: students and young people typing on Zalo and Telegram.

Batch 1 (60 phrasings written blind, 48 tuned) missed three tuned lines at first contact; each
is a class, and these are the blind paraphrases written for each class before its fix (the
words of the failing line avoided), with the answer a user gets. Before the round: 13 of 40
(the first list), 6 of 9 (the second), 4 of 7 (the third) right. Batch 2 (50 written blind after
those fixes, 40 tuned) missed four tuned lines: four more classes, with their paraphrases (14 of
24 right before their fixes, 21 after; the guards kept, 5 of 5). The batch-1 guards: 10 of 10
before and after. 'đăng ký học' alone answers the list of courses ("courses"), as the corpus
allows beside courses:khoa-hoc.
"""

from __future__ import annotations

import pytest

from handlers.understanding import Understander
from tests.understanding.conftest import SECOND_OPINION, answer


@pytest.mark.parametrize(("text", "expected"), [
    # the game's English words: "rank" is the rank, "score" the points, "deadline" the last
    # day; the rank or the points asked with any pronoun ("hạng của e")
    ('check rank o dau ad', 'leaderboard'),
    ('rank cua minh bn r', 'leaderboard'),
    ('xem rank di bot', 'leaderboard'),
    ('t dang rank may z', 'leaderboard'),
    ('score cua e dc bn', 'leaderboard'),
    ('hang cua e the nao r', 'leaderboard'),
    # the contest's own deadline ("hạn nộp" alone is the units' report)
    ('han nop bai thi khi nao z', 'contest'),
    ('nop bai thi truoc ngay nao', 'contest'),
    ('han chot thi la bh', 'contest'),
    ('thi den ngay nao thi dong', 'contest'),
    ('deadline thi khi nao ad', 'contest'),
    ('bao gio het han thi', 'contest'),
    # the organizers' social channels
    ('btc co fanpage k a', 'contacts'),
    ('cho e xin zalo ng phu trach', 'contacts'),
    pytest.param('page cua tuan le la gi v ad', 'contacts',
                 marks=pytest.mark.xfail(
                     strict=True, reason=SECOND_OPINION
                     + "the theme (p 0.77): 'page' (a"
                       " Facebook page) is no word the model knows, the frame"
                       " 'tuần lễ là gì' is")),
    ('fb cua btc ten j', 'contacts'),
    ('co group zalo k ad', 'contacts'),
    # signing up to learn, said alone
    ('t muon dang ky 1 khoa hoc', 'courses'),
    ('dky hoc o dau v ad', 'courses'),
    ('e muon dki khoa hoc onl', 'courses:khoa-hoc'),
    ('dang ki hoc ntn', 'courses'),
])
def test_words_of_the_young(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a yes/no question closed by a particle or a call ("… k ạ", "… ko ad", "… k bạn ơi"):
    # what is asked is still said last before "không" (who may take part or what it costs)
    ('tham gia mat tien k a', 'faq:chi-phi'),
    ('tham gia mat phi k', 'faq:chi-phi'),
    ('tham gia mất tiền ko ad', 'faq:chi-phi'),
    ('tham gia ton phi k a', 'faq:chi-phi'),
    ('di tham gia mat tien hok', 'faq:chi-phi'),
    ('tham gia tuan le mat tien khum', 'faq:chi-phi'),
    ('thi co mat phi k ad', 'faq:chi-phi'),
    ('dang ky tham gia ton tien k ban oi', 'faq:chi-phi'),
    ('hs lop 9 tham gia dc k a', 'faq:ai-tham-gia'),
])
def test_yes_no_closed_by_a_call(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # whether the Week falls in this month or year asks when it is, not what it is
    ('thang nay co tuan le hoc tap k', 'faq:thoi-gian'),
    ('thg 10 co tuan le hoc tap suot doi ha', 'faq:thoi-gian'),
    ('nam nay co to chuc tuan le k ad', 'faq:thoi-gian'),
    ('tuần lễ học tập năm nay có tổ chức không', 'faq:thoi-gian'),
    ('thg nay co tuan le k', 'faq:thoi-gian'),
    ('tuan le hoc tap tuan nay a', 'schedule'),
])
def test_the_week_in_this_month(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # "ms" before a counted noun is "mỗi" ("ms câu": each question), alone "mới"
    ('ms cau dc bao lau', 'contest'),
    ('ms cau dc bn giay z', 'contest'),
    ('ms ngay thi dc may lan', 'contest'),
    ('tính giờ mỗi câu ntn ad', 'contest'),
    ('ms luot thi co bn cau', 'contest'),
    # the device or the app the contest is taken on
    ('thi tren dt dc k', 'contest'),
    ('thi bang may tinh dc ko ad', 'contest'),
    ('co app thi rieng k hay thi tren zalo', 'contest'),
    ('thi tren telegram dc hok', 'contest'),
    ('lam bai thi tren laptop dc k', 'contest'),
    # trouble in the middle of the contest
    ('thi giua chung bi vang ra thi lam lai dc k', 'contest'),
    ('mang lag qua k kip tra loi thi tinh sao', 'contest'),
    ('dt het pin luc dang thi thi sao ad', 'contest'),
    ('bi thoat ra khi dang lam bai thi co dc thi lai k', 'contest'),
    ('dang lam bai thi bi rot mang', 'contest'),
    # (answered since round 24c: how long, asked of questions counted, _quiz_timed)
    ('1 câu cho bn lâu', 'contest'),
    # a quận or huyện named with a list of events asked: how to see that district's events
    ('huyen thuy nguyen co hd j k ad', 'faq:quan-huyen'),
    ('o kien an co sk j khong', 'faq:quan-huyen'),
    ('hai an co hoat dong gi v', 'faq:quan-huyen'),
    ('sk o do son', 'faq:quan-huyen'),
    ('lịch sk của quận dương kinh', 'faq:quan-huyen'),
    ('vinh bao co to chuc j k ad', 'faq:quan-huyen'),
])
def test_contest_and_districts(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ('le khai mac o quan le chan luc may h', 'event:khai-mac-le-chan'),
    ('quan le chan khai mac hom nao', 'event:khai-mac-le-chan'),
    ('mai co gi', 'day:2020-10-02'),
    ('thi tren mang the nao', 'contest'),
    pytest.param('mat mang thi goi ai', 'dont_know', marks=pytest.mark.xfail(
        strict=True, reason="the contacts since round 23d's condition ('… thì hỏi ai') met the "
        "other rounds in the merge: whom to call when the network drops (each branch alone: no "
        "information)")),
    ('tuan le hoc tap nam nay la gi', 'faq:tuan-le-la-gi'),
    ('thang nay co su kien gi', 'schedule'),
    ('muốn đăng ký học lái xe ở đâu', 'dont_know'),
    ('muon dang ky hoc them toan cho con', 'dont_know'),
    ('bi hack fb thi lam the nao', 'faq:internet-an-toan'),
    ('page nay ban quan ao k', 'dont_know'),
    ('top 10 cuoc thi', 'leaderboard'),
    ('han nop bao cao khi nao', 'faq:han-bao-cao'),
    ('deadline nop bao cao cua don vi', 'faq:han-bao-cao'),
])
def test_other_readings_kept(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ('ai dang top server z =))', 'leaderboard'),
    # (a strict xfail until round 35: 'nhắn tin' phrases for the organizers shift the weight
    # of 'tin' and lose 'có lớp dạy tin học không', so the rules give "no information" with the
    # contacts as a candidate; the examples' model chooses them among the rules' candidates,
    # BENCHMARKS.md §8.133)
    ('inbox btc o dau', 'contacts'),
    pytest.param('nhan tin cho btc qua dau dc', 'contacts', marks=pytest.mark.xfail(
        strict=True, reason="read as 'nhắn tin cho tôi' (the reminders); as above")),
    pytest.param('e dg muon dky hoc', 'courses', marks=pytest.mark.xfail(
        strict=True, reason="'muon' without marks (muốn or mượn) counts as a word of its own, "
        "so 'đăng ký học' is not said alone; counting it as a filler broke two tuned lines")),
    pytest.param('vao web nao de thi z', 'contest', marks=pytest.mark.xfail(
        strict=True, reason="the courses' 'trang web nào' and the contest's 'thi' are as "
        "strong: the bot asks which is meant")),
    # (passes since round 20 merged: the off-topic 'mất sóng' and 20a's device words)
    pytest.param('dang thi ma mat mang thi sao', 'contest'),
    pytest.param('co khoa tin hoc can ban k', 'courses:ky-nang-so', marks=pytest.mark.xfail(
        strict=True, reason="'tin học' is the internet-safety FAQ's word (issue 15's own "
        "example 'lop tin hoc cho nguoi gia'); 'căn bản' unknown")),
])
def test_left(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) == expected
