"""Round 32 (e): the bot's actions asked in words the content did not use yet (synonyms and
everyday verbs: "ghi danh", "mở đề", "làm thử", "chặn tin của bot", "bot quên tôi đi", "bảng
vàng", "không biết bấm", "quay lại từ đầu"), refusals and cancellations said around other words
("ko cần | bot | báo lịch nữa", "thôi bỏ | nhận lịch", "không | đăng ký nhận tin đâu"); and
near misses that must take no action: another app's account, another sender's messages, another
thing's language, another league's table.

Blind cases, other words than round 32e's corpus batches (BENCHMARKS §8.118). An action is never
taken on a guess: a near miss answered with an action is worse than "no information".
"""

from __future__ import annotations

import pytest

from handlers.understanding import Understander
from tests.understanding.conftest import answer, with_left

REMINDERS = ("subscribe", "faq:nhac-lich")
# Actions in new words (lexicon.toml intents; the abbreviation "ghi danh" for "đăng ký").
ACTIONS = [
    ("cho minh vao lam bai luon nhe", ("contest_take",)),
    ("mở đề cho tôi làm với", ("contest_take",)),
    ("e muon lam thu vai cau", ("contest_take",)),
    ("ghi danh du thi cho toi", ("contest_take",)),
    ("bắt đầu trả lời câu hỏi đi", ("contest_take",)),
    ("vao lam de thi", ("contest_take",)),
    ("nhấn vào đâu để thi", ("contest_take", "contest")),
    ("cho minh bat dau luot thi moi", ("contest_take",)),
    ("dua cau hoi dau tien day", ("contest_take",)),
    ("cho toi lam bai thi cong dan hoc tap", ("contest_take",)),
    ("cho tôi thi công dân học tập", ("contest_take",)),
    ("cho e vao thi cdht", ("contest_take",)),
    ("cho em làm thử vài câu", ("contest_take",)),
    ("tôi muốn làm bài thi công dân học tập", ("contest_take",)),
    ("ghi danh nhan tin nhac lich cho bac", REMINDERS),
    ("ghi danh cho toi nhan lich su kien", REMINDERS),
    ("bat nhac nho cho toi", REMINDERS),
    ("chặn tin nhắc của bot đi", ("unsubscribe",)),
    ("chan bot giup e, nhan nhieu qua", ("unsubscribe",)),
    ("bot nhắn lịch nhiều quá, chặn giúp tôi", ("unsubscribe",)),
    ("chặn bot giùm tôi đi", ("unsubscribe",)),
    ("bảng vàng cuộc thi", ("leaderboard",)),
    ("bang thanh tich cuoc thi", ("leaderboard",)),
    ("ai nhất cuộc thi rồi", ("leaderboard",)),
    ("bot quên tôi đi, xóa hết", ("privacy",)),
    ("xoa sach du lieu cua e", ("privacy",)),
    ("bot quên hết về tôi đi", ("privacy",)),
    ("bot biet nhung gi ve toi", ("privacy",)),
    ("cho xin bản tiếng anh", ("language",)),
    ("cho xin ban tieng anh", ("language",)),
    ("cho xem cac muc", ("menu",)),
    ("về lại từ đầu đi bot", ("menu",)),
    ("toi khong biet bam gi ca", ("help",)),
    ("bot nay lam gi duoc", ("help",)),
    ("toi moi vao, phai lam gi", ("help",)),
    ("doc lai thong bao cu", ("bulletin",)),
    ("mở lại thông báo hôm qua", ("bulletin",)),
]
# Refusals and cancellations with other words between the denial and the reminders
# (understand.py `_cancelled`: "bot" skipped, "bo" after a cancelling word, "không | đăng ký";
# a stop's words before the reminders').
CANCELLED = [
    "t ko can bot bao lich nua",
    "thoi bo nhan lich di",
    "thoi khoi nhan tin nhac nhe",
    "e ko dang ky nhan tin nua",
    "chẳng cần bot nhắc lịch nữa đâu",
    "bỏ tên em ra khỏi danh sách nhận tin",
]
# Near misses: another app's account (`_sent_by_other`), another sender's messages, another
# thing's language (`_language_of_other`), a league's table, an e-wallet (lexicon `elsewhere`),
# "dang ky" beside a subject elsewhere (`_elsewhere_within`: not the "đang" of a mishap).
NEAR_MISSES = [
    "huy dang ky tai khoan lazada kieu gi",
    "huy dang ky tai khoan tiktok",
    "huỷ đăng ký gói cước viettel thế nào",
    "dang ky tai khoan momo o dau",
    "bang xep hang ngoai hang anh",
    "bxh premier league mùa này",
    "doi ngon ngu facebook sang tieng viet",
    "điện thoại bị chuyển sang tiếng anh giờ đổi lại thế nào",
    "cách đổi bàn phím sang tiếng việt",
    "nha mang nhan tin quang cao hoai, chan sao",
    "ngan hang gui tin nhan lien tuc, tat the nao",
    "zalo nhan tin quang cao nhieu qua chan sao",
    "cách đổi tiếng việt trên youtube",
    "nap tien vao vi momo kieu gi",
    "huy dang ky gui tiet kiem online",
]
# The bot's own, asked in the same shapes, keep their answers; and the Week's own that share
# a word a new phrase would have made lighter ("sách", "hết", "bản", "chán", "câu").
OWN = [
    ("chán bot này quá, hỏi gì cũng không biết", ("dont_know", "smalltalk:sorry")),
    ("không thấy câu hỏi thứ hai hiện ra", ("contest_take", "contest")),
    ("thư viện xã bị ngập hỏng hết sách, mượn sách ở đâu", ("library", "faq:doc-sach")),
    ("cho tôi làm bài thi công dân học tập thế nào", ("contest", "faq:cuoc-thi")),
    ("thôi không đăng ký nữa", ("stop", "smalltalk:ok")),
    ("tôi muốn làm bài thi công dân học tập thì vào đâu", ("contest", "faq:cuoc-thi")),
    ("xóa tên tôi khỏi danh sách", ("privacy",)),
    ("e can giai de kiem tra 15p mon ly truong e", ("dont_know",)),
    ("co tieng anh tren zalo bot ko", ("language",)),
    ("dang ky nhan tin qua zalo duoc ko", REMINDERS),
    ("bot co luu so dien thoai cua toi tren zalo ko", ("privacy",)),
    ("toi chua dang ky nhan tin, dang ky giup toi", REMINDERS),
    ("ke gian chuyen tien qua momo roi doi lai, bi lua roi lam sao", ("faq:internet-an-toan",)),
    ("chặn tin nhắn lừa đảo thế nào", ("faq:internet-an-toan",)),
]
QUIZ_NAMED = ("the quiz named in full ('thi cdht') finds its opening and closing events, and "
              "the request's own phrase ('vào thi') weighs less than half of them: "
              "understand.py `_now` takes a request right before it only from half as strong")
UNMARKED = ("a phrase typed with every mark only (lexicon `marked`): without marks its words "
            "are others' ('sach' is 'sách' of the library, 'ban' 'ủy ban', 'ban tổ chức'), and "
            "as a phrase they made those words lighter")
LEFT = {
    "cho e vao thi cdht": QUIZ_NAMED,
    "xoa sach du lieu cua e": UNMARKED,
    "cho minh bat dau luot thi moi": "'lượt thi' is the contest's rules (how many turns)",
    "dua cau hoi dau tien day": "'câu hỏi đầu tiên' is not a phrase: 'câu' would weigh less "
                                "for the contest's other questions (lexicon, round 28d)",
    # ("ai nhất cuộc thi rồi": 'nhất' alone is no phrase of the leaderboard's; answered by the
    # examples' model since round 33d's examples made anew)
    "toi moi vao, phai lam gi": "'mới vào' is not the help's: who may take part is found",
}


@pytest.mark.parametrize(("text", "expected"), with_left(ACTIONS, LEFT))
def test_an_action_in_new_words_is_taken(understander: Understander, text: str,
                                         expected: tuple[str, ...]) -> None:
    assert answer(understander, text) in expected


@pytest.mark.parametrize("text", CANCELLED)
def test_a_cancellation_around_other_words_stops_the_reminders(understander: Understander,
                                                               text: str) -> None:
    assert answer(understander, text) in ("unsubscribe", "smalltalk:ok")


@pytest.mark.parametrize("text", NEAR_MISSES)
def test_a_near_miss_takes_no_action(understander: Understander, text: str) -> None:
    assert answer(understander, text) == "dont_know"


@pytest.mark.parametrize(("text", "expected"), OWN)
def test_the_bots_own_in_the_same_shape_keeps_its_answer(understander: Understander, text: str,
                                                          expected: tuple[str, ...]) -> None:
    assert answer(understander, text) in expected


# Someone else's messages or notifications (understand.py `_messages_of_others`: a person's of
# the writer's, another app's, another sender's), asked in the words of the bot's own
# reminders: no answer of the bot's messages, whichever of them the words would find (the
# reminders' FAQ as well as subscribing or stopping; one check since round 32's review).
SOMEONE_ELSES = [
    "tin nhắn của mẹ không hiện thông báo",
    "tin nhan cua chong khong bao thong bao gi ca",
    "zalo không báo khi có tin nhắn của con",
    "làm sao nhận được thông báo tin nhắn từ người thân",
    "nhà mạng gửi tin quảng cáo, muốn nhận ít lại",
]


@pytest.mark.parametrize("text", SOMEONE_ELSES)
def test_someone_elses_messages_are_no_answer_of_the_bots(understander: Understander,
                                                          text: str) -> None:
    assert answer(understander, text) == "dont_know"
