"""/huythongbao reads ASCII digits within bounds: anything else is a polite usage answer."""

from __future__ import annotations

from sqlalchemy import select

from bot.app import App
from bot.db.models import ScheduledItem
from tests.conftest import Chat


async def _announce(organizer: Chat, text: str) -> str:
    await organizer.send("/thongbao")
    await organizer.send(text)
    await organizer.send("all")
    await organizer.send("ngay")
    done = await organizer.text("ok")
    return done.split("#", 1)[1].split(" ", 1)[0]


async def test_huythongbao_refuses_what_is_not_an_ascii_number(app: App) -> None:
    organizer = Chat(app, "console")
    ids = [await _announce(organizer, f"Thông báo số {i}") for i in range(3)]
    assert ids == ["1", "2", "3"]
    for arg in ("²", "٣", "#٣", "99999999999999999999", "0", "-1", "3x", ""):
        reply = await organizer.text(f"/huythongbao {arg}")
        assert "Gõ /huythongbao kèm số của thông báo, ví dụ /huythongbao 3." in reply, arg
    async with app.sessions() as s:
        states = (await s.execute(select(ScheduledItem.status))).scalars().all()
    assert states == ["scheduled"] * 3  # nothing changed
    assert "Không có thông báo #2147483647." in await organizer.text("/huythongbao 2147483647")
    assert "Đã hủy thông báo #3" in await organizer.text("/huythongbao #3")


async def test_the_same_announcement_confirmed_twice_is_not_scheduled_twice(app: App) -> None:
    organizer = Chat(app, "console")
    assert await _announce(organizer, "Họp lúc 8 giờ") == "1"
    await organizer.send("/thongbao")
    await organizer.send("Họp   lúc 8 giờ")
    await organizer.send("all")
    await organizer.send("ngay")
    refused = await organizer.send("ok")
    assert refused[0].text.startswith("Chưa lên lịch: thông báo #1 cùng nội dung")
    assert "huy" in [b.command for b in refused[0].buttons]
    async with app.sessions() as s:
        assert len((await s.execute(select(ScheduledItem.id))).all()) == 1
    assert "Đã dừng: Soạn thông báo" in await organizer.text("huy")  # kept until then
