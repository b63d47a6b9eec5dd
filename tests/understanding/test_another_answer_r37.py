"""Round 37 (the held-out corpus's largest wrong kind, "another answer"): a question of the Week
answered with another answer of the Week. Left out of the examples (the leave-out runs of
bench.understanding_left_out), most such lines are ones the rules answered on a general phrase
("lớp học" of the activities' list, "cài ứng dụng" of the safe Internet, "liên hệ ai" of the
organisers' number) while the examples' model was sure of the right answer, and two of its
gates held it back on a knife's edge: the example most like the message, which must name the
model's answer, won by a few hundredths of likeness; or the rules explained all but a word or
two of the message, so that the model was never asked (BENCHMARKS.md §8.146).

Now the second opinion's nearest examples agree with a margin where the model is sure
(examples._near_enough), and a model certain of another answer that all but excludes the rules'
replaces it even where the rules explained nearly all (Understander._outright). Never a day nor
an action (starting the quiz, subscribing): the examples name neither. Written for this round,
in the words people type.
"""

from __future__ import annotations

import pytest

from handlers.understanding import Understander
from handlers.understanding.examples import NEAR_MARGIN, SURE_FLOOR, Voted, _near_enough
from handlers.understanding.normalise import tokenize
from handlers.understanding.understand import _read_alike
from tests.understanding.conftest import answer, with_left

SAFE_CLASSES = ("faq:internet-an-toan", "event:lop-ky-nang-so", "event:an-duong-ky-nang-so",
                "event:tap-huan-internet-hoc-sinh", "event:tap-huan-internet-cbcnv")
UNITS = ("faq:don-vi-tham-gia", "bodies")

# The rules' answer found on a general phrase, the model sure of the question's own.
CASES = [
    # a class on the safe Internet asked as "lớp học": not the list of activities
    ("co lop hoc internet an toan nao ko ad", SAFE_CLASSES),
    ("phuong minh co lop hoc internet an toan khong", SAFE_CLASSES),
    ("o xa em co lop hoc internet an toan ko a", SAFE_CLASSES),
    ("cho e hoi co lop hoc internet an toan nao k", SAFE_CLASSES),
    ("có lớp học internet an toàn cho người già không", SAFE_CLASSES),
    ("lop hoc internet an toan khi nao bat dau", SAFE_CLASSES),
    # how to use the app the writer was given (the bot): the help, not the safe Internet's
    # "cài ứng dụng"
    ("con cài giúp tôi ứng dụng này, tôi chưa biết dùng thế nào, hướng dẫn giúp tôi", ("help",)),
    ("vo toi cai ung dung nay cho toi, toi khong biet dung the nao, bot huong dan voi",
     ("help",)),
    ("ung dung nay dung the nao, toi moi cai, chi giup toi", ("help",)),
    # a group wanting to take part in the Week: the units taking part, not the activities
    ("doi van nghe cua phuong muon tham gia tuan le thi lam gi", UNITS),
    ("nhom tinh nguyen cua truong muon tham gia tuan le thi lam gi a", UNITS),
    ("thu vien xa muon tham gia tuan le thi lam gi", UNITS),
    # (left: see LEFT)
    ("chau cai cho ba cai ung dung nay roi ma ba chua biet dung the nao, chi ba voi",
     ("help",)),
    ("có lớp học internet an toàn không", SAFE_CLASSES),
    ("nhac lich hoat dong the nao", ("faq:nhac-lich", "subscribe")),
    ("truong toi muon tham gia tu sach lop hoc thi lien he ai",
     ("programme:tu-sach-lop-hoc", "event:tu-sach-lop-hoc", "library")),
]

LEFT = {
    "cho e hoi co lop hoc internet an toan nao k":
        "activities with round 37's examples (§8.149): the model's safe Internet 0.899, a "
        "hair under CERTAIN (0.9): not overruled outright",
    "con cài giúp tôi ứng dụng này, tôi chưa biết dùng thế nào, hướng dẫn giúp tôi":
        "the safe Internet on 'cài ứng dụng'; a message in three parts, whose words the model "
        "reads all together: not overruled outright (_read_alike)",
    "chau cai cho ba cai ung dung nay roi ma ba chua biet dung the nao, chi ba voi":
        "the safe Internet on 'cài ứng dụng'; the model's help under CERTAIN (0.9)",
    "có lớp học internet an toàn không":
        "the activities on 'lớp học internet an toàn', every word explained with the marks: "
        "the model is not asked",
    "nhac lich hoat dong the nao":
        "the schedule on 'lịch hoạt động' (the reminders' 'nhắc lịch' shares 'lịch'); the "
        "model not sure",
    "truong toi muon tham gia tu sach lop hoc thi lien he ai":
        "the organisers' number on 'liên hệ ai'; the model gives it 0.17, over OVERRULED",
}

# A day, an action, small talk and plain questions keep the rules' answer; so do messages
# whose words the model reads past what the rules read: a thing set aside, a story told first.
KEPT = [
    ("ngoai buoi khai mac ra con hoat dong nao nua khong",
     ("activities", "faq:hoat-dong", "schedule")),
    ("trừ lễ khai mạc thì tuần lễ còn sự kiện gì", ("activities", "faq:hoat-dong", "schedule")),
    ("hom truoc bi lua qua zalo nen so lam, cho xin so dien thoai ban to chuc",
     ("contacts", "faq:lien-he")),
    ("không phải cuộc thi, tôi hỏi lịch các hoạt động cơ", ("schedule", "activities",
                                                          "faq:hoat-dong")),
    ("cho toi thi ngay", ("contest_take",)),
    ("dang ky nhan nhac lich", ("subscribe",)),
    ("huy nhac lich", ("unsubscribe",)),
    ("mai co gi khong", ("day:2020-10-02",)),
    ("co phai tra tien khong", ("faq:chi-phi",)),
    ("truong em muon tham gia thu vien 50k thi hoi ai",
     ("programme:thu-vien-50k", "event:thu-vien-50k", "library", "contacts")),
    ("tuan le co gi cho nguoi ham doc sach khong", ("library", "activities", "faq:doc-sach")),
    ("lop hoc internet an toan co o kien an khong", (*SAFE_CLASSES, "faq:quan-huyen")),
]


@pytest.mark.parametrize(("text", "expected"), with_left(CASES, LEFT))
def test_the_models_sure_answer_replaces_one_found_on_a_general_phrase(
        understander: Understander, text: str, expected: tuple[str, ...]) -> None:
    assert answer(understander, text) in expected


@pytest.mark.parametrize(("text", "expected"), KEPT)
def test_days_actions_and_plain_questions_keep_their_answer(
        understander: Understander, text: str, expected: tuple[str, ...]) -> None:
    assert answer(understander, text) in expected


def test_the_nearest_agree_within_a_margin_only_where_the_model_is_sure() -> None:
    close = NEAR_MARGIN / 2
    nearest = [("contacts", 0.60), ("library", 0.60 - close), ("contacts", 0.50)]
    # the most alike names it: agreed, however sure the model
    assert _near_enough(nearest, Voted("contacts", 0.31))
    # one nearly as alike names it: agreed where the model is sure, not below
    assert _near_enough(nearest, Voted("library", SURE_FLOOR))
    assert not _near_enough(nearest, Voted("library", SURE_FLOOR - 0.01))
    # one further than the margin: not agreed
    far = [("contacts", 0.60), ("library", 0.60 - 2 * NEAR_MARGIN)]
    assert not _near_enough(far, Voted("library", 0.95))
    # "no information" is never agreed by the margin (the refusal keeps its own gates)
    assert not _near_enough([("contacts", 0.6), ("dont_know", 0.6 - close)],
                            Voted("dont_know", 0.95))
    assert not _near_enough([], Voted("library", 0.95))


@pytest.mark.parametrize(("text", "alike"), [
    ("co lop hoc internet an toan nao ko ad", True),
    ("thu vien xa muon tham gia tuan le thi lam gi", True),
    ("ngoài lễ khai mạc còn sự kiện nào khác không", False),
    ("tôi từng bị lừa trên facebook nên ngại lắm, xin số điện thoại ban tổ chức", False),
    ("không phải cuộc thi, tôi hỏi lịch các hoạt động", False),
])
def test_the_margins_are_kept_to_messages_the_model_reads_as_the_rules_do(
        text: str, alike: bool) -> None:
    assert _read_alike(tokenize(text)) is alike
