"""Round 30 (lead): the reminders told first, then stopping them asked ("đăng ký nhận tin rồi,
giờ muốn hủy"): the wish said last is what the writer wants (understand.py `_stopped_after`).

Blind cases, other words than the two tuned lines that showed the class; the reminders asked
for alone, and stopping asked alone, stay as they were.
"""

from __future__ import annotations

import pytest

from handlers.understanding import Understander
from tests.understanding.conftest import answer

CASES = [
    ("hôm trước tôi đăng ký nhận tin nhắc lịch, bây giờ muốn hủy", "unsubscribe"),
    ("nhan tin nhac lich lau roi, gio e muon thoi khong nhan nua", "unsubscribe"),
    ("bot gửi tin nhắc hằng ngày, nhưng giờ tôi muốn ngừng nhận", "unsubscribe"),
    ("đăng ký nhận tin nhắc lịch cho tôi với", "subscribe"),
    ("hủy đăng ký nhận tin", "unsubscribe"),
    # a list of those the bot writes to, asked to be on: the reminders (lexicon)
    ("thêm mình vào danh sách nhận lịch nhé ad", "subscribe"),
    ("danh sách các sự kiện trong tuần lễ", "schedule"),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_the_wish_said_last_about_the_reminders(understander: Understander, text: str,
                                                expected: str) -> None:
    assert answer(understander, text) == expected
