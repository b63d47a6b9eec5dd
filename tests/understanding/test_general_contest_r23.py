"""Round 23 (e) of issue 15: contest participants of the "Công dân học tập" quiz, again.

Blind paraphrases written before any change of the round, by class of what the round's tuned
misses of batch 1 ask: quantities typed with digits ("60 giây", "10 câu", "1 lần", "30s",
"top 10") and scores written as fractions ("đúng 10/10"); whether the questions are drawn at
random and what they are about; another attempt after one finished; a trouble while taking
the quiz told with another subject's words (a power cut); in person or online. Figures in
BENCHMARKS §8.57.
"""

from __future__ import annotations

import pytest

from handlers.understanding import Understander
from tests.understanding.conftest import answer

TAKE = ("contest_take",)
RULES = ("contest", "faq:cuoc-thi")
BOARD = ("leaderboard",)
TAKE_OR_RULES = ("contest_take", "contest")


@pytest.mark.parametrize(("text", "expected"), [
    # quantities typed with digits
    ('mỗi câu chỉ có 30 giây thôi à', RULES),
    ('1 luot thi 10 cau dung ko ad', RULES),
    ('duoc thi 2 lan k', RULES),
    ('mỗi người chỉ được thi 1 lần thôi hả', RULES),
    ('mỗi câu 60s đúng không ạ', RULES),
    ('lam 10 cau het bao nhieu phut', RULES),
    # ('xếp thế nào' alone is no phrase of the contest's; the examples most like it are)
    ('neu 3 nguoi cung duoc 9/10 thi xep the nao', RULES),
    ('được 10/10 điểm thì có giải không', RULES),
    ('xem top 5 bxh', BOARD),
    ('top 3 cuoc thi la ai vay', BOARD),
    # questions drawn at random, what they are about
    ('đề thi của mỗi người có khác nhau không', RULES),
    ('cau hoi duoc chon ngau nhien ha ad', RULES),
    ('noi dung cau hoi thi la gi', RULES),
    # ('lĩnh vực' is unknown and counts against the contest's questions; 'có' breaks 'đề thi
    # giống nhau': the examples most like them are the contest's)
    ('câu hỏi của cuộc thi về lĩnh vực nào', RULES),
    # ('có' breaks 'đề thi giống nhau' for the rules; since the examples made anew in rounds
    # 25c and 25d the five nearest are all the contest's: the vote answers it)
    ('de thi co giong nhau het ko', RULES),
    # another attempt after one finished
    # ('thi tiếp' is going on with an attempt begun, the take; after 'xong' it is another
    # attempt: "lần 2" the contest's, round 30b)
    ('thi xong roi muon thi tiep lan 2 dc ko', RULES),
    # (read since the model's floor is 0.3, BENCHMARKS §8.81)
    # (the model's until round 30b's examples, by a hair; "làm lại tiếp" the contest's since)
    ('em làm xong bài rồi, giờ làm lại tiếp được không ạ', RULES),
    # a trouble while taking the quiz told with another subject's words
    ('dang thi thi mat dien, bai co bi mat ko', TAKE_OR_RULES),
    pytest.param('bị cúp điện lúc đang làm bài thì sao ạ', TAKE_OR_RULES, marks=pytest.mark.xfail(
        strict=True, reason="'cúp' is known only from the elsewhere subject; dropped as the "
        "story, it still counts as unknown")),
    # the leaderboard now
    ('bxh hien tai the nao roi', BOARD),
    ('bây giờ ai đang đứng đầu bảng xếp hạng', BOARD),
    # in person or online
    # (left by round 23e, read since the second opinion's floor is the vote's, §8.90, left
    # again since round 28 merged)
    pytest.param('thi truc tiep hay tren mang vay ad', RULES, marks=pytest.mark.xfail(
        strict=True, reason="in person or online: 'trên mạng' is the courses' phrase, no word "
        "of the contest but 'thi'; the model's contest (p 0.78) is not taken since round 28 "
        "merged")),
    ('có phải đến trường để thi không', RULES),
])
def test_contest_asked(understander: Understander, text: str, expected: tuple[str, ...]) -> None:
    assert answer(understander, text) in expected


@pytest.mark.parametrize(("text", "expected"), [
    # near misses: other exams with their numbers, a day typed as a fraction, power cuts
    ('đề thi toán vào lớp 10 năm 2020', 'dont_know'),
    ('thi vao lop 10 bao nhieu diem thi do', 'dont_know'),
    ('lich cat dien hai phong ngay mai', 'dont_know'),
    ('top 10 bai hat hay nhat tuan nay', 'dont_know'),
    ('de thi tieng anh lop 9 hoc ki 1', 'dont_know'),
    ('kết quả xổ số 2 đài hôm nay', 'dont_know'),
    # readings kept: days typed as fractions, the contest's own words
    ('10/10 co gi', 'day:2020-10-10'),
    ('ngày 5/10 có sự kiện gì', 'day:2020-10-05'),
    ('moi cau bao nhieu giay', 'contest'),
    ('xem kq thi', 'leaderboard'),
    ('lam tiep bai thi', 'contest_take'),
    ('chủ đề năm nay là gì', 'faq:chu-de'),
])
def test_other_readings_kept(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) == expected


# Batch 2's classes, paraphrased after its first contact and the fixes of batch 2 (so not
# blind to the fixes; kept as a floor): the take of the contest named, a command asked of
# something named, praise as a prize, the questions' topics, 'liền' for 'ngay', quantities.
@pytest.mark.parametrize(("text", "expected"), [
    ('toi muon vao thi cuoc thi cong dan hoc tap', TAKE),
    ('Em muốn bắt đầu làm bài thi Công dân học tập ạ', TAKE),
    ('cho tôi thi liền nhé', TAKE),
    ('xem bxh thi go lenh gi', BOARD),
    ('muốn thi công dân học tập thì gõ lệnh nào', TAKE + RULES),
    ('thi xong co dc khen thuong ko', RULES),
    ('mỗi câu 45 giây hả', RULES),
    ('thi được 3 lượt không', RULES),
    # (a strict xfail until round 26d: the questions' topics, _quiz_topics)
    ('câu hỏi về những chủ đề nào vậy', RULES),
    # ('điểm cao nhất' is the leaderboard's; answered since the merge of round 23d)
    ('người đạt điểm cao nhất có được khen thưởng không ạ', RULES),
    # guards: help, the Week's theme
    ('gõ lệnh gì', ('help',)),
    ('bot co nhung lenh nao', ('help',)),
    ('chủ đề tuần lễ năm nay', ('theme', 'faq:chu-de')),
])
def test_batch2_classes(understander: Understander, text: str,
                        expected: tuple[str, ...]) -> None:
    assert answer(understander, text) in expected
