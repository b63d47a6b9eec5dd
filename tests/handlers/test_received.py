"""/tin alone: the messages this citizen received (announcements, answers, reminders), newest
first, each a button to read it again; nothing for what went to others or never went out."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import insert, select

from bot.app import App
from bot.db.broadcast import create_announcement
from bot.db.models import OutboxRow, ScheduledItem, User
from tests.conftest import Chat


async def _deliver(app: App, text: str, to: list[str], sent: datetime,
                   status: str = "sent") -> int:
    """An announcement that went out, as the outbox leaves it: a row per recipient."""
    async with app.sessions() as s, s.begin():
        item_id = await create_announcement(s, text, "all", sent, sent, None)
        await s.execute(ScheduledItem.__table__.update().where(ScheduledItem.id == item_id)
                        .values(status="done", fired_at=sent))
        for external_id in to:
            user_id = (await s.execute(select(User.id).where(
                User.external_id == external_id))).scalar_one()
            await s.execute(insert(OutboxRow).values(
                item_id=item_id, user_id=user_id, channel="console", external_id=external_id,
                locale="vi", status=status, sent_at=sent if status == "sent" else None))
    return item_id


async def test_the_latest_messages_received_newest_first(app: App) -> None:
    reader, other = Chat(app, "reader"), Chat(app, "other")
    empty = await reader.send("/tin")
    assert "chưa nhận tin nhắc hay thông báo nào" in empty[0].text
    assert empty[0].buttons[0].command == "/dangky"
    await other.text("/dangky")
    day = datetime(2020, 10, 1, 1, 0, tzinfo=UTC)
    first = await _deliver(app, "Lễ khai mạc lúc 08:00 tại Nhà hát thành phố.",
                           ["reader", "other"], day)
    later = await _deliver(app, "Mời bà con tham gia diễn đàn công dân toàn cầu tối nay.",
                           ["reader"], day + timedelta(hours=5))
    await _deliver(app, "Tin chỉ gửi người khác.", ["other"], day + timedelta(hours=6))
    await _deliver(app, "Tin chưa gửi được.", ["reader"], day + timedelta(hours=7),
                   status="failed")
    [listing] = await reader.send("/tin")
    assert listing.title == "Tin đã nhận"
    commands = [b.command for b in listing.buttons]
    assert commands[:2] == [f"/tin {later}", f"/tin {first}"] and len(commands) == 3
    assert listing.buttons[0].label.startswith("01/10/2020 · Mời bà con")
    assert "Mời bà con tham gia diễn đàn" in await reader.text(commands[0])
    # The same words typed, as people ask for them.
    assert commands == [b.command for b in (await reader.send("xem lại tin đã nhận"))[0].buttons]
