"""Round 22 (b) of issue 15: contest participants of the "Công dân học tập" quiz in their own
words (pupils, students, teachers, parents, workers on a break).

Blind paraphrases written before any change of the round, by class of what the round's tuned
misses of batch 1 ask: going on with an attempt begun, trouble while taking the quiz, the
rules asked in everyday words (time running out, ties, how the score is made), fairness,
teams and prizes, and when the contest opens. Figures in BENCHMARKS §8.48.
"""

from __future__ import annotations

import pytest

from handlers.understanding import Understander
from tests.understanding.conftest import THU, answer

TAKE = ("contest_take",)
RULES = ("contest", "faq:cuoc-thi")
OPENS = ("contest", "faq:cuoc-thi", "event:cuoc-thi-mo")
CLOSES = ("contest", "faq:cuoc-thi", "event:cuoc-thi-dong")
WHO = ("contest", "faq:cuoc-thi", "faq:ai-tham-gia")
TAKE_OR_RULES = ("contest_take", "contest")


@pytest.mark.parametrize(("text", "expected"), [
    # going on with an attempt begun (the bot resumes it with /thi)
    ('thi tiep bai dang do', TAKE),
    ('e muon lam not may cau con lai', TAKE),
    ('tiếp tục bài thi hôm qua được không ạ', TAKE),
    ('lam tiep bai thi cong dan hoc tap kieu gi ad', TAKE),
    ('vao lai bai thi dang lam ntn', TAKE),
    ('cho mình thi tiếp với', TAKE),
    # trouble while taking the quiz
    ('dang thi thi bi treo may', TAKE_OR_RULES),
    ('bấm chọn đáp án không ăn', TAKE_OR_RULES),
    ('ko bam dc dap an ad oi', TAKE_OR_RULES),
    ('đang làm bài thi thì điện thoại bị đơ', TAKE_OR_RULES),
    ('cau hoi ko hien ra, bam mai k dc', TAKE_OR_RULES),
    ('bai thi bi loi khong chon duoc', TAKE_OR_RULES),
    # the rules asked in everyday words
    ('het thoi gian ma chua chon dap an thi tinh sao', RULES),
    ('không kịp bấm trả lời thì có mất điểm không', RULES),
    ('hai bạn bằng số câu đúng thì ai hơn', RULES),
    ('trung diem nhau thi xep the nao ad', RULES),
    ('xep hang dua vao so cau dung hay thoi gian', RULES),
    ('có tính thời gian làm bài vào kết quả không', RULES),
    ('ngang diem thi sao', RULES),
    # fairness
    ('thi co duoc tra mang khong', RULES),
    ('trong lúc thi có được hỏi người khác không', RULES),
    # (answered since round 24c: what may be done while taking the quiz, _may_take)
    ('lam bai co duoc mo sach ra xem k', RULES),
    ('có chống gian lận không ad', RULES),
    # teams and prizes
    ('thi theo doi duoc khong', RULES),
    # (a strict xfail until round 26d: 'thi chung' is the contest's; the examples' second
    # opinion, BENCHMARKS §8.81, reads it too)
    ('ca lop thi chung 1 tai khoan dc k', RULES),
    # (an xfail until round 23 d: other certificates are named as elsewhere phrases, "giấy
    # chứng nhận hộ nghèo", and the contest's holds "giấy chứng nhận")
    ('thi xong co giay chung nhan ko', RULES),
    ('có phần thưởng cho người thắng không', RULES),
    ('co bang khen cho truong co nhieu hs tham gia thi ko', RULES),
    # when the contest opens
    ('mấy giờ thì mở cuộc thi', OPENS),
    ('bao gio moi mo thi vay', OPENS),
    ('thi mo tu may h', OPENS),
])
def test_contest_asked(understander: Understander, text: str, expected: tuple[str, ...]) -> None:
    assert answer(understander, text) in expected


@pytest.mark.parametrize(("text", "expected"), [
    # near misses: other exams, other contests, other things that "treo", other "tiếp"
    ('điểm thi tốt nghiệp thpt năm nay bao giờ có', 'dont_know'),
    ('dap an de thi vao 10 mon toan', 'dont_know'),
    # (right since round 26a)
    ('may giat nha minh bi treo khong vat duoc', 'dont_know'),
    ('ket qua xo so hom nay', 'dont_know'),
    ('thi hoc sinh gioi thanh pho bao gio', 'dont_know'),
    # (right since round 22e: a phone named as the thing used is not its number asked)
    # (right since round 26a: a device's own trouble is no information, the examples not
    # asked; the examples' model gave the safe Internet, §8.74)
    ('dien thoai bi do phai lam sao', 'dont_know'),
    # readings kept
    ('mai co gi', 'day:2020-10-02'),
    ('xem kq thi', 'leaderboard'),
    ('moi cau bao nhieu giay', 'contest'),
    ('tôi đứng thứ mấy', 'leaderboard'),
    ('cam on ad nhe', 'smalltalk:thanks'),
])
def test_other_readings_kept(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # when the contest starts, asked with "bắt đầu" or "vào thi" (written before the rule, with
    # the class above: 2 of 7 before, 6 of 7 after)
    ('thi bắt đầu lúc mấy giờ', 'contest'),
    ('may gio bat dau thi', 'contest'),
    # (a strict xfail of the model's knife's edge with round 30f's examples, read again once
    # round 30 merged; a strict xfail from round 31a's examples, the Week's dates p 0.891 and
    # the contest 0.098; read again once round 33 merged: the contest 0.12; the Week's dates
    # once round 34 merged, the second opinion's contest 0.09 under OVERRULED 0.1; read again
    # with round 36's examples)
    # (with round 38's examples the contest again: the knife's edge of rounds 30 to 37, §8.157)
    ('cuoc thi bat dau tu ngay nao', 'contest'),
    ('khi nao bat dau cuoc thi', 'contest'),
    ('bao gio bat dau duoc thi', 'contest'),
    ('mấy giờ mới được vào thi', 'contest'),
    pytest.param('thi bat dau chua ad', 'contest', marks=pytest.mark.xfail(
        strict=True, reason="whether it has started, asked with no word that asks when: "
        "'bắt đầu' is the Week's dates")),
    # guards: the Week's start; starting the contest now; where to press
    ('tuần lễ bắt đầu khi nào', 'faq:thoi-gian'),
    ('may gio bat dau', 'faq:thoi-gian'),
    ('tuan le hoc tap to chuc den hom nao thi xong', 'faq:thoi-gian'),
    ('cho em vào thi với ạ', 'contest_take'),
    ('muốn thi thì bấm vào đâu', 'contest_take'),
    ('bat dau thi luon', 'contest_take'),
])
def test_when_the_contest_starts(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # batch 2's classes (written before their fixes): the time to think, and speed
    ('moi cau duoc nghi trong bao lau', RULES),
    ('1 cau hoi co bao nhieu thoi gian suy nghi', RULES),
    ('tra loi cham qua 1 phut thi sao', RULES),
    ('qua thoi gian thi mat cau do a', RULES),
    ('trả lời nhanh có được thêm điểm không', RULES),
    # (a strict xfail until round 26d, answered since its examples; the model's floor at 0.3,
    # BENCHMARKS §8.81, reads it too)
    ('lam nhanh co loi the gi ko ad', RULES),
    # interruptions and a quiz that does not go on
    # ('đang thi' and 'làm bài thi' are as strong to the rules; the examples most like it
    # are the contest's)
    ('dang lam bai thi co cuoc goi den thi co sao khong', TAKE_OR_RULES),
    # (answered again since round 24c: "lúc thi" is the contest's)
    ('điện thoại hết pin giữa lúc thi thì làm tiếp thế nào', TAKE_OR_RULES),
    ('tat may roi vao lai thi con giu bai ko', TAKE_OR_RULES),
    ('bam dap an xong ma khong ra cau tiep', TAKE_OR_RULES),
    ('không thấy câu hỏi thứ 2 hiện ra', TAKE_OR_RULES),
    pytest.param('bot ko gui cau hoi nua ad oi', TAKE_OR_RULES, marks=pytest.mark.xfail(
        strict=True, reason="'gửi câu hỏi' is sending a question to the organizers; the bot "
        "as the one who sends is not read")),
    # who may take part, asked with "tham gia thi"
    ('nguoi di lam co duoc tham gia thi khong', WHO),
    ('sinh viên năm nhất có được tham gia thi không ạ', WHO),
    ('bo me co tham gia thi cung con duoc ko', WHO),
    ('hưu trí có được tham gia cuộc thi không', WHO),
    # when the contest closes
    ('han chot thi ngay nao', CLOSES),
    ('ngày 7/10 mấy giờ đóng cuộc thi', CLOSES),
    ('thi den het ngay 7 thang 10 a', CLOSES),
    ('cuoi tuan co thi duoc khong', RULES),
    ('chủ nhật vẫn làm bài thi được chứ', RULES),
    # prizes in money, and when the winners are told
    ('giai thuong la tien mat hay hien vat', RULES),
    # ('đoạt giải', the leaderboard, and 'giải có tiền', the prizes, are as strong to the
    # rules; the examples most like it all name the contest)
    ('doat giai co tien thuong ko', RULES),
    ('bao gio cong bo nguoi doat giai', ("leaderboard", "contest")),
    ('khi nào trao giải cuộc thi', (*RULES, "leaderboard", "event:cuoc-thi-dong")),
    # fairness: someone else answering, searching
    ('nho nguoi khac thi ho co dc ko', RULES),
    ('bố làm hộ con có bị loại không', RULES),
    ('search google de tra loi co sao ko', RULES),
    ('bot co biet minh tra dap an tren mang khong', RULES),
])
def test_contest_asked_batch_2(understander: Understander, text: str,
                               expected: tuple[str, ...]) -> None:
    assert answer(understander, text) in expected


@pytest.mark.parametrize(("text", "expected"), [
    # guards of batch 2's fixes: a request to take part still starts it; a day's events, a
    # passport, a call to the organizers keep their answers
    ('cho em tham gia thi duoc khong', 'contest_take'),
    ('tôi muốn tham gia thi được không', 'contest_take'),
    ('thi tiep bai hom qua duoc ko', 'contest_take'),
    ('thứ 7 có sự kiện gì không', 'day:2020-10-03'),
    ('chu nhat co hoat dong gi cho tre em', 'day:2020-10-04'),
    ('Làm hộ chiếu ở đâu', 'dont_know'),
    ('goi cho ai neu bot khong tra loi duoc', 'contacts'),
    ('lịch cắt điện hôm nay', 'dont_know'),
])
def test_batch_2_guards(understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) == expected


@pytest.mark.parametrize("text", ["bot ko gui cau hoi nua", "thi xong ko", "dc ko"])
def test_ko_is_never_co(understander: Understander, text: str) -> None:
    # "ko" is "không": the lexicon's "kó" (có) typed with marks matched it unmarked too and
    # the words around chose "có" ("bot ko gui …" read "bot có gửi …"); teencode reads "kó"
    # as "có" without that entry
    assert " co " not in f" {understander.understand(text, THU).normalised} "
