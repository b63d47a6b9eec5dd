"""Small talk addressed to someone, 'tổ chức' as a verb, a part that tells what is done, and
'thi' typed for 'thì' (issue 15, sixth round). Phrasings written for this test, not taken from
the corpus; the clock at 01/10/2020 07:30."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date

import pytest

from bot.app import build_app
from handlers.understanding import Understander
from tests.conftest import Chat, make_settings

THU = date(2020, 10, 1)


@pytest.mark.parametrize(("text", "route"), [
    # a greeting, thanks or call addressed to an organization is small talk
    ("cháu kính chào ban tổ chức", ("smalltalk", "greeting")),
    ("chao ca ban to chuc nhe", ("smalltalk", "greeting")),
    ("em cảm ơn ban tổ chức rất nhiều", ("smalltalk", "thanks")),
    ("cam on btc da giup do", ("smalltalk", "thanks")),
    ("btc oi oi", ("smalltalk", "greeting")),
    ("hội khuyến học thành phố ơi", ("smalltalk", "greeting")),
    ("tạm biệt ban tổ chức", ("smalltalk", "goodbye")),
    ("chào ban tổ chức buổi tối ạ", ("smalltalk", "greeting")),  # the name inside the phrase
    ("hoi khuyen hoc oi hoi khuyen hoc", ("smalltalk", "greeting")),  # said again
    # a question beside it is still asked
    ("chào ban tổ chức, email liên hệ là gì", ("contacts", "")),
    ("btc oi cho minh so dien thoai", ("contacts", "")),
    ("cảm ơn btc, ngày mai có gì", ("day", "2020-10-02")),
    ("chào btc, em muốn vào thi", ("contest_take", "")),
    ("cam on thu vien mo cua may gio", ("library", "")),
    ("chao btc cho minh xin dia chi email", ("contacts", "")),  # a request after the name
    ("hỏi giúp em số hotline btc ơi", ("contacts", "")),
    ("cảm ơn thư viện vì đã hỗ trợ em", ("smalltalk", "thanks")),  # what they are thanked for
    # the organizers named alone, or asked about
    ("ban tổ chức", ("bodies", "")),
    ("btc gồm những cơ quan nào", ("bodies", "")),
    # 'tổ chức' as a verb: held
    ("năm tới còn tổ chức không ạ", ("faq", "thoi-gian")),
    ("tuan le to chuc den hom nao", ("faq", "thoi-gian")),
    ("lễ khai mạc được tổ chức ở đâu", ("event", "khai-mac")),
    # a part that tells what is done is why the rest is said
    ("mình đọc thể lệ xong rồi, giờ cho mình thi nhé", ("contest_take", "")),
    ("toi xem the le roi, bat dau thi cho toi", ("contest_take", "")),
    # 'thi' typed for 'thì' after a condition
    ("nếu muốn tham gia thi liên hệ ai ạ", ("contacts", "")),
    ("muon tham gia thi co ton tien khong", ("faq", "chi-phi")),
    ("muốn đăng ký thi thì làm thế nào", ("contest_take", "")),  # the contest, then thì
    # a number closes a phrase: what follows still qualifies it
    ("top 5 cuoc thi gom nhung ai", ("leaderboard", "")),
])
def test_what_is_asked(understander: Understander, text: str, route: tuple[str, str]) -> None:
    found = understander.understand(text, THU)
    assert (found.feature, found.arg) == route, found


@pytest.mark.parametrize("text", [
    "chào ban tổ chức, giá xăng hôm nay bao nhiêu",
    "ket qua thi thpt quoc gia nam nay",
])
def test_off_topic_stays_honest(understander: Understander, text: str) -> None:
    assert understander.understand(text, THU).feature == "unknown"


@pytest.fixture
async def chat(sqlite_url: str) -> AsyncIterator[Chat]:
    application = build_app(make_settings(sqlite_url))
    await application.start()
    yield Chat(application, "addressed")
    await application.close()


async def test_a_greeting_to_the_organizers_is_greeted(chat: Chat) -> None:
    replies = await chat.send("Dạ cháu kính chào ban tổ chức ạ")
    assert replies[0].text.startswith("Kính chào Quý vị!")


async def test_thanks_to_the_organizers_get_a_short_reply(chat: Chat) -> None:
    replies = await chat.send("cám ơn btc nhiều nhé")
    assert len(replies) == 1 and len(replies[0].text) < 120
    assert "Xin lỗi" not in replies[0].text
