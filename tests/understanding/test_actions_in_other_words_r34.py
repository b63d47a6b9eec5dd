"""Round 34 (d): a citizen asks the bot to do something (take the quiz, stop or start the
reminders, show the leaderboard, keep or delete their data, switch language, pass a word to the
organisers, show past bulletins) or asks the contest's everyday facts, in words the content did
not use ("khỏi nhắn", "nghỉ gửi", "từ mai đừng nhắn", "thi tới chừng nào", "thông báo hôm
trước"); and the same verbs about other things (a bank's ads, a teacher, a game's ranking, a
phone's contacts), which must never take an action.

Blind cases, other words than round 34d's corpus batches (BENCHMARKS §8.129).
"""

from __future__ import annotations

import pytest

from handlers.understanding import Understander
from tests.understanding.conftest import answer, with_left

# What the citizen asks the bot to do: the action itself (the reminders' FAQ beside a request
# to be sent them).
ACTIONS = [
    ("cho tôi vô làm bài với bot ơi", ("contest_take",)),
    ("mình muốn thi cdht luôn bây giờ", ("contest_take",)),
    ("vao thi di ad, e san sang roi", ("contest_take",)),
    ("bot khỏi nhắc lịch cho tôi nữa nhé", ("unsubscribe",)),
    ("thoi nghi gui tin cho minh nha", ("unsubscribe",)),
    ("từ nay đừng nhắn cho bác nữa", ("unsubscribe",)),
    ("có hoạt động nào thì nhắn tin cho bác với nhé", ("subscribe", "faq:nhac-lich")),
    ("cho e xem bảng xếp hạng với", ("leaderboard",)),
    ("tui đứng hạng mấy rồi ad", ("leaderboard",)),
    ("bot đừng lưu tên tôi nữa, xóa đi", ("privacy",)),
    ("bot có đem thông tin của tôi bán cho ai không", ("privacy",)),
    ("chuyển sang tiếng anh giùm mình", ("language",)),
    ("gửi ý kiến này lên btc giùm em: loa hội trường nhỏ quá", ("ask",)),
    ("thông báo hôm trước bot gửi nói gì vậy", ("bulletin",)),
    ("hôm qua ban tổ chức có gửi tin gì không", ("bulletin",)),
]
# The contest's everyday facts: its rules (or the closing's card).
CONTEST = [
    ("thi tới chừng nào thì đóng", ("contest", "faq:cuoc-thi", "event:cuoc-thi-dong")),
    ("điểm tính thế nào vậy ad", ("contest", "faq:cuoc-thi")),
    ("bài thi làm hết bao lâu", ("contest", "faq:cuoc-thi")),
    ("cần đăng ký mới được thi hả", ("contest", "faq:cuoc-thi", "contest_take")),
    ("trả lời sai có mất điểm không", ("contest", "faq:cuoc-thi")),
    ("mỗi lượt có mấy câu", ("contest", "faq:cuoc-thi")),
]
# The same verbs about other things: no information, never an action nor the leaderboard.
NEAR_MISSES = [
    "ngân hàng nhắn tin khuyến mãi hoài, đừng gửi nữa",
    "đăng ký nhận tin khuyến mãi của siêu thị",
    "chuyển lời này cho thầy giáo chủ nhiệm giúp tôi",
    "bxh liên quân mobile mùa này",
    "xóa số trong danh bạ điện thoại thế nào",
    "cách xóa tài khoản instagram",
    "đổi ngôn ngữ viber sang tiếng anh",
    "tin nhắn rác từ tổng đài cứ gửi hoài, chặn giúp",
    "bảng xếp hạng fifa tháng này",
    "con tôi thi học kỳ được mấy điểm toán",
]
LEFT = {
    "có hoạt động nào thì nhắn tin cho bác với nhé":
        "the reminders' FAQ and the activities are found as strong (the activities on their "
        "own words), so the rules ask between them and the examples' model, asked, names the "
        "activities: dropping the list named before the request lost a tuned line ('có lịch "
        "mới thì báo tôi một tiếng nhé')",
}


@pytest.mark.parametrize(("text", "expected"), with_left(ACTIONS, LEFT))
def test_an_action_asked_in_other_words_is_taken(understander: Understander, text: str,
                                                 expected: tuple[str, ...]) -> None:
    assert answer(understander, text) in expected


@pytest.mark.parametrize(("text", "expected"), with_left(CONTEST, LEFT))
def test_the_contests_facts_asked_in_other_words(understander: Understander, text: str,
                                                 expected: tuple[str, ...]) -> None:
    assert answer(understander, text) in expected


@pytest.mark.parametrize(("text", "expected"),
                         with_left([(t, "dont_know") for t in NEAR_MISSES], LEFT))
def test_the_same_verbs_about_other_things_take_no_action(
        understander: Understander, text: str, expected: str) -> None:
    assert answer(understander, text) == expected
