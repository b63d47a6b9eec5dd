"""Round 19 (b) of issue 15: heavy shorthand as people under 40 type on Zalo to an official bot.

Two classes the round fixed ("fail before"): a shorthand with meanings that differ only by their
marks ("wa": quá in "wa hay", quả in "kết wa") reads the one the bot writes beside its neighbour,
and praise with "quá" put first ("quá hay", "wa hay") is an "ok". Then the 60 phrasings written
blind for the round (vowel-dropped words, "w" for "qu", "f" for "ph", "j" for "gi", "z"/"dz",
run-together words) with their answers: 52 right before the round, 56 after; the four it left
are marked xfail (strict), with the answer they should get.
"""

from __future__ import annotations

import pytest

from handlers.understanding import Understander
from tests.understanding.conftest import answer


@pytest.mark.parametrize(("text", "expected"), [
    # "wa" beside "kết" is quả: the contest's results
    ("xem ket wa o dau", "leaderboard"),
    ("ket wa thi tuan 1 co chua", "leaderboard"),
    ("bao gio co ket wa ad", "leaderboard"),
    ("ket wa cuoc thi xem o dau", "leaderboard"),
    ("ket wa thi tuan nay co chua", "leaderboard"),
    ("ad oi khi nao co ket wa", "leaderboard"),
    # praise with "quá" first
    ("wa hay", "smalltalk:ok"),
    ("quá hay", "smalltalk:ok"),
    ("qua tot", "smalltalk:ok"),
])
def test_fixed_in_round_19b(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # "wa" keeps its other readings
    ("wa tuyet", "smalltalk:ok"),
    ("hom wa co gi", "day:2020-09-30"),
    ("thi trac nghiem wa mang lam ntn", "contest"),
])
def test_other_readings_kept(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ('tuan le hoc tap suot doi bdau tu ngay nao z', 'faq:thoi-gian'),
    ('ngta bao tuan le ktra ngay nao ket thuc', 'faq:thoi-gian'),
    ('trg tuan le co nhung hd j', 'faq:hoat-dong'),
    ('lich cac ngay trg tuan le', 'schedule'),
    ('hum nay co sk j k ad', 'day:2020-10-01'),
    ('mai co hd j o thu vien k', 'day:2020-10-02'),
    ('khai mac o dau z ad', 'event:khai-mac'),
    ('le khai mac bdau luc may h', 'event:khai-mac'),
    ('cuoc thi tim hieu dky o dau', 'contest'),
    ('thi trac nghiem wa mang lam ntn', 'contest'),
    ('cuoc thi co giai thg k', 'contest'),
    ('ket wa cuoc thi xem o dau', 'leaderboard'),
    ('so dt ban to chuc la j', 'contacts'),
    ('cho e xin sdt lh ban tc', 'contacts'),
    ('e muon lien he vs ng phu trach', 'contacts'),
    ('dia chi ban to chuc o dau z', 'contacts'),
    ('tham gia co mat fi k', 'faq:chi-phi'),
    ('hoc co fai dong tien k', 'faq:chi-phi'),
    ('le fi bn', 'faq:chi-phi'),
    ('khoa hoc online dky ntn', 'courses:khoa-hoc'),
    ('co khoa hoc tieng anh k ad', 'faq:khoa-hoc-truc-tuyen'),
    ('cac khoa hoc mien fi', 'courses'),
    ('thu vien mo cua may h', 'library'),
    ('thu vien co cho muon sach k', 'library'),
    ('thu vien o dau z', 'library'),
    ('nhac e truoc 1 ngay dc k', 'subscribe'),
    ('dat nhac lich cho e vs', 'subscribe'),
    ('huy nhac nho di', 'unsubscribe'),
    ('cam on ad nhiu', 'smalltalk:thanks'),
    ('chao ad nha', 'smalltalk:greeting'),
    ('ad la ng hay may z', 'dont_know'),
    ('bye ad', 'smalltalk:goodbye'),
    ('ok thanks ad', 'smalltalk:thanks'),
    ('e k hieu', 'dont_know'),
    # (round 35: a question of where or how to sign up gets the contest's rules,
    # _sign_up_asked)
    ('dg o dau de dky thi', 'contest'),
    ('ktra lai lich giup e', 'schedule'),
    ('wa hay', 'smalltalk:ok'),
    ('lam sao de dky tham gia', 'faq:ai-tham-gia'),
    ('tuanle hoc tap la j', 'faq:tuan-le-la-gi'),
    # (round 35: a question of where or how to sign up gets the contest's rules,
    # _sign_up_asked)
    ('dkythi o dau', 'contest'),
    ('cthi ket thuc khi nao', 'contest'),
    ('co j moi k ad', 'schedule'),
    ('bao h thi bdau', 'faq:thoi-gian'),
    ('t muon bt lich cua thu 7', 'day:2020-10-03'),
    ('m oi lich cn la j', 'day:2020-10-04'),
    ('ngay 1/10 co j', 'day:2020-10-01'),
    ('mấy jo khai mạc z ad', 'event:khai-mac'),
    ('thg 10 nay co le khai mac dau k', 'event:khai-mac'),
    ('lich thu bay tuan nay the nao dz', 'day:2020-10-03'),
    ('fi tham gia la bn', 'faq:chi-phi'),
    ('ket wa thi tuan nay co chua', 'leaderboard'),
    ('trg thu vien co sach j hay k', 'library'),
    ('ngta dky hoc onl o dau', 'courses'),
    ('cho e hoi ve cthi tren mang voi', 'contest'),
    ('ad oi khi nao co ket wa', 'leaderboard'),
    ('tuanle bdau ngay nao', 'faq:thoi-gian'),
    # left by round 19b, read since round 20b (tests/understanding/test_students_r20.py)
    ('thg nay co tuan le hoc tap k', 'faq:thoi-gian'),
    ('han nop bai thi khi nao z', 'contest'),
])
def test_blind_shorthand(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) == expected


@pytest.mark.xfail(strict=True, reason="round 19b left them: typed in full they fail too")
@pytest.mark.parametrize(("text", "expected"), [
    ('e muon hoc tin hoc co lop k', 'courses:ky-nang-so'),
    ('e dg muon dky hoc', 'courses:khoa-hoc'),
])
def test_blind_shorthand_left(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) == expected
