"""Reminders the bot sends by itself: never from a sample schedule unless the demonstration
setting is on (and then marked as a sample), and each citizen's district's events to them.

The real BroadcastService fires the planned items of the shipped (sample) schedule at a
simulated 07:05 on the opening day; its deliverers send to in-memory channels.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from bot.app import App, build_app, build_broadcaster
from bot.db.broadcast import create_announcement
from bot.db.models import ScheduledItem
from tests.conftest import Chat, make_settings
from tests.scheduler.test_audiences import Inbox

NOW = "2020-10-01T07:05"  # the 07:00 digest and the 07:00 reminder of the opening are due


async def run_reminders(app: App, until: set[str]) -> tuple[Inbox, list[ScheduledItem]]:
    """Start the broadcast service until the items of `until` are done; what it sent."""
    telegram = Inbox("telegram")
    service = build_broadcaster(app, [telegram])
    await service.start()
    try:
        for _ in range(300):
            async with app.sessions() as s:
                items = list((await s.execute(select(ScheduledItem))).scalars())
            if {i.key for i in items if i.status == "done"} >= until:
                break
            await asyncio.sleep(0.1)
    finally:
        await service.stop()
    return telegram, items


async def subscribers(app: App) -> tuple[Chat, Chat]:
    city, lechan = Chat(app, "201", "telegram"), Chat(app, "202", "telegram")
    for chat in (city, lechan):
        assert "Đã đăng ký!" in await chat.text("/dangky")
    assert "Đã chọn quận Lê Chân" in await lechan.text("/quan le-chan")
    return city, lechan


async def test_a_sample_schedule_is_never_announced_by_itself(
        sqlite_url: str, caplog: pytest.LogCaptureFixture) -> None:
    app = build_app(make_settings(sqlite_url, now=NOW, HOCTAP_BROADCAST_POLL_SECONDS="0.2"))
    await app.start()
    try:
        await subscribers(app)
        with caplog.at_level(logging.WARNING, logger="scheduler.service"):
            telegram, items = await run_reminders(app, set())
    finally:
        await app.close()
    assert items == [] and telegram.received == {}
    assert any("schedule.toml is a sample" in r.getMessage() for r in caplog.records)


async def test_demo_reminders_say_sample_and_follow_the_district(sqlite_url: str) -> None:
    app = build_app(make_settings(sqlite_url, now=NOW, HOCTAP_BROADCAST_POLL_SECONDS="0.2",
                                  HOCTAP_BOT_DEMO_SAMPLE_SCHEDULE="true"))
    await app.start()
    try:
        await subscribers(app)
        due = {"digest:2020-10-01", "digest:2020-10-01:le-chan", "remind:khai-mac"}
        telegram, items = await run_reminders(app, due)
    finally:
        await app.close()
    done = {i.key for i in items if i.status == "done"}
    assert due <= done
    city, lechan = telegram.received["201"], telegram.received["202"]
    # Every message from the sample schedule says so first.
    for text in city + lechan:
        assert text.startswith("Lưu ý: đây là lịch mẫu"), text
    opening = "Lễ khai mạc Tuần lễ của quận Lê Chân"
    [city_digest] = [t for t in city if "Gõ /homnay" in t]
    [lechan_digest] = [t for t in lechan if "Gõ /homnay" in t]
    # The city's events for everyone; the district's opening only for its citizens.
    assert "Lễ khai mạc Tuần lễ hưởng ứng" in city_digest and opening not in city_digest
    assert "Lễ khai mạc Tuần lễ hưởng ứng" in lechan_digest and opening in lechan_digest
    assert "(quận Lê Chân)" in lechan_digest
    # Each got the contest's 06:00 reminder, their digest and the city opening's reminder;
    # the eve of the opening (30/09 19:00) was too long ago and is missed, not sent late.
    assert len(city) == len(lechan) == 3
    assert {i.key: i.status for i in items}["eve:khai-mac"] == "missed"


async def test_the_days_digest_goes_first_among_what_is_due_with_it(sqlite_url: str) -> None:
    """07:00: the digest, the reminder of the 08:00 opening and an organizer's announcement
    are due together; each citizen gets the digest first (after the 06:00 reminder, due
    earlier), whatever order the items were created in."""
    app = build_app(make_settings(sqlite_url, now=NOW, HOCTAP_BROADCAST_POLL_SECONDS="0.2",
                                  HOCTAP_BOT_DEMO_SAMPLE_SCHEDULE="true"))
    await app.start()
    try:
        await subscribers(app)
        # Scheduled before the bot planned the week: created before the digest.
        async with app.sessions() as s, s.begin():
            await create_announcement(s, "Thông báo lúc 07:00", "all",
                                      datetime(2020, 10, 1, 0, 0, tzinfo=UTC), app.clock(), None)
        due = {"remind:cuoc-thi-mo", "digest:2020-10-01", "digest:2020-10-01:le-chan",
               "remind:khai-mac"}
        telegram, _items = await run_reminders(app, due)
    finally:
        await app.close()
    for chat in ("201", "202"):
        got = telegram.received[chat]
        assert len(got) == 4, got
        assert "gõ /cuocthi" in got[0], got  # the contest opens (06:00)
        assert "Gõ /homnay" in got[1], got
        assert any("Thông báo lúc 07:00" in t for t in got[2:]), got
