"""A message that only opens the conversation ("cho hỏi", "em muốn hỏi", "hả") is invited to ask,
with the menu, never told that the bot did not understand; with the question in it, the
question is answered."""

from __future__ import annotations

import pytest

from bot.app import App
from tests.conftest import Chat


@pytest.mark.parametrize("typed", ["cho hỏi", "cho hoi", "Cho em hỏi ạ", "e muốn hỏi",
                                   "mình muốn hỏi chút", "tôi có câu hỏi", "hả",
                                   "có ai ở đó không", "ad có đó không"])
async def test_opening_words_are_invited_to_ask(app: App, typed: str) -> None:
    [reply] = await Chat(app, "opens").send(typed)
    assert "gõ câu hỏi" in reply.text and "chưa hiểu" not in reply.text, reply.text
    assert "/lich" in [b.command for b in reply.buttons]


@pytest.mark.parametrize("typed", ["cho hỏi lịch mai", "cho em hỏi mai có gì ạ"])
async def test_with_the_question_in_it_the_question_is_answered(app: App, typed: str) -> None:
    assert "02/10/2020" in await Chat(app, "asks").text(typed)
