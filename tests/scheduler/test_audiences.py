"""Who receives an announcement: each audience reaches exactly its users.

Users are built through the real flows (/dangky, /huydangky, the contest registration) on the
dispatcher with a real SQLite file; the organizer writes the announcements with /thongbao; the
real BroadcastService fires them and its deliverers send to in-memory channels that keep what
each user received.
"""

from __future__ import annotations

import asyncio
import itertools
import time
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import select

from bot.app import App, build_app, build_broadcaster
from bot.db.models import OutboxRow, ScheduledItem
from handlers.channel import Delivery, Limits, MemoryChoices, OutputChannel
from handlers.types import Button
from tests.conftest import Chat, make_settings
from tests.handlers.test_contest import register


@dataclass
class Inbox(OutputChannel):
    """A channel that keeps the messages each of its users received."""

    name: str
    received: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    limits: Limits = field(default=Limits(text=4096, edit=True, rate=25.0))
    choices: MemoryChoices = field(default_factory=MemoryChoices)

    async def send_text(self, external_id: str, text: str, *, title: str | None = None,
                        buttons: tuple[Button, ...] = ()) -> Delivery:
        self.received[external_id].append(text)
        return Delivery("sent", ref=str(len(self.received[external_id])))

    async def edit_text(self, external_id: str, ref: str, text: str) -> Delivery:
        return Delivery("sent", ref=ref)

    def who_got(self, text: str) -> set[str]:
        return {user for user, texts in self.received.items() for t in texts if t == text}


async def announce(organizer: Chat, text: str, audience: str) -> None:
    """The organizer's /thongbao flow, sent now."""
    assert "Gõ nội dung" in await organizer.text("/thongbao")
    assert "Gửi cho ai?" in await organizer.text(text)
    if audience.startswith("district:"):
        assert "quận/huyện" in await organizer.text("district")
        audience = audience.partition(":")[2]
    assert "dd/mm/yyyy" in await organizer.text(audience)
    assert text in await organizer.text("ngay")
    assert "Đã lên lịch thông báo #" in await organizer.text("ok")


async def test_each_audience_reaches_exactly_its_users(sqlite_url: str) -> None:
    # In-memory channels have no per-chat limit to respect: a short interval keeps the test
    # short (user 104 gets four announcements, a second apart at the default interval).
    app: App = build_app(make_settings(sqlite_url, HOCTAP_BROADCAST_POLL_SECONDS="0.5",
                                       HOCTAP_BROADCAST_PER_CHAT_INTERVAL="0.05"))
    await app.start()
    # Subscribers only (one of them changed their mind and must get nothing), contestants
    # only, and both; on two channels.
    tg_sub, tg_gone = Chat(app, "101", "telegram"), Chat(app, "102", "telegram")
    tg_lechan, tg_lechan_sub = Chat(app, "103", "telegram"), Chat(app, "104", "telegram")
    zl_sub, zl_ngoquyen_sub = Chat(app, "9001", "zalo"), Chat(app, "9002", "zalo")
    # A console user who subscribed: no running channel sends there, so the row is skipped
    # rather than left pending (which kept the announcement "sending" for ever).
    console_sub = Chat(app, "local-citizen", "console")
    for chat in (tg_sub, tg_gone, tg_lechan_sub, zl_sub, zl_ngoquyen_sub, console_sub):
        assert "Đã đăng ký!" in await chat.text("/dangky")
    assert "Đã hủy đăng ký" in await tg_gone.text("/huydangky")
    for chat, name, district in ((tg_lechan, "trần thị bình", "lê chân"),
                                 (tg_lechan_sub, "phạm văn cường", "Lê Chân"),
                                 (zl_ngoquyen_sub, "vũ thị dung", "ngô quyền")):
        replies = await register(chat, name=name, district=district)
        assert "Đăng ký thành công" in replies[0].text

    organizer = Chat(app, "console")
    texts = {
        "all": "Tin cho mọi người đăng ký.",
        "contest": "Tin cho thí sinh.",
        "district:Lê Chân": "Tin cho thí sinh Lê Chân.",
        "channel:zalo": "Tin cho người dùng Zalo.",
        "channel:telegram": "Tin cho người dùng Telegram.",
    }
    for audience, text in texts.items():
        await announce(organizer, text, audience)

    telegram, zalo = Inbox("telegram"), Inbox("zalo")
    service = build_broadcaster(app, [telegram, zalo])
    await service.start()
    try:
        for _ in range(600):
            async with app.sessions() as s:
                states = set((await s.execute(
                    select(ScheduledItem.status).where(ScheduledItem.kind == "announcement")
                )).scalars())
            if states == {"done"}:
                break
            await asyncio.sleep(0.1)
        # Read before app.close(): a session after it opens a connection nobody closes.
        async with app.sessions() as s:
            console_rows = (await s.execute(
                select(OutboxRow.external_id, OutboxRow.status)
                .where(OutboxRow.channel == "console"))).all()
    finally:
        await service.stop()
        await app.close()  # (a query after this opened a connection nobody closed)
    assert states == {"done"}
    assert ("local-citizen", "skipped") in console_rows
    assert {status for _user, status in console_rows} == {"skipped"}

    def got(text: str) -> set[str]:
        return {f"telegram:{u}" for u in telegram.who_got(text)} | {
            f"zalo:{u}" for u in zalo.who_got(text)}

    assert got(texts["all"]) == {"telegram:101", "telegram:104", "zalo:9001", "zalo:9002"}
    assert got(texts["contest"]) == {"telegram:103", "telegram:104", "zalo:9002"}
    assert got(texts["district:Lê Chân"]) == {"telegram:103", "telegram:104"}
    assert got(texts["channel:zalo"]) == {"zalo:9001", "zalo:9002"}
    assert got(texts["channel:telegram"]) == {"telegram:101", "telegram:104"}
    # Nobody received anything twice.
    for inbox in (telegram, zalo):
        for user, received in inbox.received.items():
            assert len(received) == len(set(received)), (user, received)


@dataclass
class SlowNetwork(Inbox):
    """A channel whose first message to a chat reaches the platform late in its request (a
    busy network or machine), the next ones at once; it notes when each one arrived."""

    arrived: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    transit: float = 0.4

    async def send_text(self, external_id: str, text: str, *, title: str | None = None,
                        buttons: tuple[Button, ...] = ()) -> Delivery:
        if not self.arrived[external_id]:
            await asyncio.sleep(self.transit)
        self.arrived[external_id].append(time.monotonic())
        return await super().send_text(external_id, text, title=title, buttons=buttons)


async def test_messages_to_one_chat_reach_it_an_interval_apart_however_slow_the_network(
        sqlite_url: str) -> None:
    """Telegram counts one message a second per chat from when each reached it. Spacing the
    sends from their start only let a slow first request and a quick second one arrive 0.1 s
    apart (429 "Too Many Requests" for that chat, seen under load in the reminders test)."""
    interval = 0.5
    app: App = build_app(make_settings(sqlite_url, HOCTAP_BROADCAST_POLL_SECONDS="0.2",
                                       HOCTAP_BROADCAST_PER_CHAT_INTERVAL=str(interval)))
    await app.start()
    citizens = [Chat(app, str(201 + i), "telegram") for i in range(3)]
    for chat in citizens:
        assert "Đã đăng ký!" in await chat.text("/dangky")
    organizer = Chat(app, "console")
    texts = [f"Thông báo số {k}: lịch họp lúc {8 + k} giờ." for k in range(3)]
    for text in texts:
        await announce(organizer, text, "all")
    network = SlowNetwork("telegram")
    service = build_broadcaster(app, [network])
    await service.start()
    try:
        for _ in range(300):
            if all(len(network.arrived[c.user_id]) == len(texts) for c in citizens):
                break
            await asyncio.sleep(0.05)
    finally:
        await service.stop()
        await app.close()
    for chat in citizens:
        times = network.arrived[chat.user_id]
        assert len(times) == len(texts), network.received
        gaps = [b - a for a, b in itertools.pairwise(times)]
        assert min(gaps) >= interval, (chat.user_id, gaps)
