"""Round 17 (c) of issue 15: ordinary requests about people to reach and things to do with the
bot, worded the everyday way (the number said the other way round, the contest's rules asked
plainly, who is best, sent every morning, how to use it, the home screen, delete what is mine,
English asked in English, a word for the organizers, the messages sent before, the contest asked
for right away). The phrasings are written for these tests, not taken from the corpus.
"""

from __future__ import annotations

import pytest

from handlers.understanding import Understander
from tests.understanding.conftest import answer

CONTACTS = frozenset({"contacts", "faq:lien-he"})
SUBSCRIBE = frozenset({"subscribe", "faq:nhac-lich"})

_CASES = [
    # the number to call, said the other way round; a person, not the bot
    ("cho chú xin số để gọi hỏi ban tổ chức", CONTACTS),
    ("co so nao goi duoc cho hoi khuyen hoc khong", CONTACTS),
    ("tôi muốn gặp người thật để hỏi", CONTACTS | {"ask"}),
    # the contest's rules, asked plainly
    ("khi nào thì có đáp án cuộc thi", {"contest"}),
    ("thi xong xem dap an o dau", {"contest"}),
    ("lỡ làm sai có bị trừ điểm không", {"contest"}),
    ("thi roi co duoc lam lai khong ad", {"contest"}),
    # the contest, asked for right away
    ("mình muốn dự thi luôn bây giờ", {"contest_take"}),
    ("cho con tham gia thi cong dan hoc tap ngay", {"contest_take"}),
    ("thi đi bot", {"contest_take"}),
    # who is best
    ("ai đang giỏi nhất cuộc thi", {"leaderboard"}),
    ("xem bang diem cuoc thi", {"leaderboard"}),  # "bằng điểm" typed without marks
    ("ai thắng cuộc thi", {"leaderboard"}),
    # sent every day
    ("mỗi ngày gửi lịch cho bác nhé", SUBSCRIBE),
    ("tối nào cũng gửi lịch cho tôi nhé", SUBSCRIBE),
    ("gui lich cho minh moi sang", SUBSCRIBE),
    # how to use it
    ("cái này dùng sao vậy", {"help"}),
    ("bot co nhung lenh nao", {"help"}),
    ("giờ tôi phải gõ gì", {"help"}),
    # the home screen
    ("cho tôi về trang chủ", {"menu"}),
    ("quay ve man hinh chinh", {"menu"}),
    # delete or keep what is mine
    ("xóa tên tôi đi", {"privacy"}),
    ("xoa ho so cua toi", {"privacy"}),
    ("tôi muốn hủy tài khoản trên bot", {"privacy"}),
    # English asked in English; back to Vietnamese
    ("can you speak english please", {"language"}),
    ("do you have an english version", {"language"}),
    ("chuyển lại tiếng việt giúp tôi", {"language"}),
    # a word for the organizers
    ("tôi muốn gửi ý kiến tới ban tổ chức", {"ask"}),
    ("nhan giup ban to chuc la toi chua nhan duoc tin", {"ask"}),
    # the messages sent before
    ("xem lai tin cu", {"bulletin"}),
    ("bot đã gửi gì cho tôi", {"bulletin"}),
]


@pytest.mark.parametrize(("text", "expected"), _CASES)
def test_ordinary_request(understander: Understander, text: str,
                          expected: frozenset[str] | set[str]) -> None:
    assert answer(understander, text) in expected


@pytest.mark.parametrize("text", [
    "cuoc thi dien ra vao ngay nao",  # "ngay" is "ngày" here, not "now"
    "cuộc thi kết thúc ngày nào",
    "kinh gui ban to chuc, truong toi muon huong ung tuan le",  # a salutation, not a message
    "xin giay xac nhan o dau",  # "giay" is "giấy", no second of the contest
])
def test_not_the_request(understander: Understander, text: str) -> None:
    assert answer(understander, text) not in ("contest_take", "ask")
