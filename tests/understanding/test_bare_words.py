"""A citizen often types one word, or two: the name of what they want. Each is answered, or
asked back between the answers it may mean; never "no information" for a word the bot knows
(through the dispatcher: what the citizen reads)."""

from __future__ import annotations

import pytest

from bot.app import App
from tests.conftest import Chat

ASKED = "Quý vị muốn hỏi về:"


@pytest.mark.parametrize("typed", ["đăng ký", "dang ky", "Đăng kí", "đk", "dky", "ĐĂNG KÝ ạ"])
async def test_register_alone_asks_which(app: App, typed: str) -> None:
    """"đăng ký" alone: the reminders or the contest? Both, as buttons; nothing done yet."""
    replies = await Chat(app, "bare").send(typed)
    assert replies[0].text.startswith(ASKED), (typed, replies[0].text)
    assert {"/thi", "/dangky"} <= {b.command for b in replies[0].buttons}


@pytest.mark.parametrize(("typed", "title"), [
    # the messages received (none yet, for a new citizen)
    ("tin tức", "Quý vị chưa nhận tin"), ("tin mới", "Quý vị chưa nhận tin"),
    ("tin", "Quý vị chưa nhận tin"),
    ("giải", "Cuộc thi Công dân học tập"), ("điểm", "Bảng xếp hạng"),
    ("lịch", "Lịch"), ("khóa học", "Khóa học trực tuyến"), ("thư viện", "Thư viện"),
    ("liên hệ", "Liên hệ"), ("xếp hạng", "Bảng xếp hạng"),
])
async def test_one_known_word_gets_its_answer(app: App, typed: str, title: str) -> None:
    replies = await Chat(app, "bare").send(typed)
    shown = "\n".join(r.full_text() for r in replies)
    assert "chưa có thông tin" not in shown and not shown.startswith(ASKED), (typed, shown)
    assert (replies[0].title or replies[0].text).startswith(title), (typed, shown[:200])


@pytest.mark.parametrize("typed", ["đăng ký nhận tin", "đăng ký thi", "tin tức về cuộc thi",
                                   "điểm danh ở đâu", "giải trí gì không"])
async def test_a_word_said_with_others_is_not_read_alone(app: App, typed: str) -> None:
    replies = await Chat(app, "bare").send(typed)
    assert not replies[0].text.startswith(ASKED) or "đăng ký" not in typed, typed
    assert not replies[0].text.startswith("Quý vị chưa nhận tin"), typed
