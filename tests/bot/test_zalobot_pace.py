"""The Zalo Bot channel's pace as Zalo counts it: when each message reached it, not when its
request left. The channel sends to the fake Zalo Bot API, whose first requests are held up
on the way."""

from __future__ import annotations

import asyncio
import time
from typing import cast

import aiohttp

from bot.channels.zalobot.adapter import ZaloBotChannel
from bot.channels.zalobot.client import ZaloBotClient
from bot.channels.zalobot.settings import ZaloBotSettings
from bot.service import Dispatcher
from handlers.channel import MemoryChoices
from tests.fakes.zalobot import FakeZaloBot, new_user_id
from tests.scheduler.test_pace_as_received import most_in_one_second


async def test_answers_held_up_on_the_way_do_not_make_a_burst_at_zalo() -> None:
    """Six answers held 1.2 s, then reaching Zalo together: the sends after them count with
    them. Counted from when each request left, the channel saw the held ones as more than a
    second old and sent ten more in the next second: 17 arrivals in a second at a rate of 10,
    and Zalo (its limit unpublished; the fake's is the rate) refused the extra ones (429)."""
    rate = 10
    async with FakeZaloBot(rate_limit=rate) as fake, aiohttp.ClientSession() as session:
        chats = [new_user_id() for _ in range(30)]
        fake.chats.update(chats)
        settings = ZaloBotSettings(token=fake.token, base_url=fake.url, rate=rate)
        # Only sending is exercised: no update comes in, so nothing is dispatched.
        channel = ZaloBotChannel(settings, cast(Dispatcher, None), MemoryChoices())
        channel.client = ZaloBotClient(session, fake.url, fake.token)
        fake.held_sends, fake.release_at = 6, time.monotonic() + 1.2
        results = await asyncio.gather(
            *(channel.send_text(chat, "Lễ tổng kết lúc 16:00 ngày 07/10.") for chat in chats))
    assert [r.status for r in results] == ["sent"] * len(chats)
    assert fake.rate_limited == 0
    assert most_in_one_second(fake.arrivals) <= rate
