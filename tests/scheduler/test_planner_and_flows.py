"""Planning from the 2020 content, subscriptions and the organizer's announcement flow."""

from __future__ import annotations

from sqlalchemy import select

from bot.app import App
from bot.db.models import ScheduledItem
from bot.db.schedule import sync_plan
from content import Edition
from scheduler.planner import plan, plan_reason
from scheduler.settings import BroadcastSettings
from tests.conftest import Chat, local


def test_a_sample_schedule_is_never_planned_by_itself(edition: Edition) -> None:
    assert edition.schedule_is_sample
    assert plan(edition, BroadcastSettings()) == []


def test_plan_of_2020(edition: Edition) -> None:
    # The shipped schedule is a sample: planned only for a demonstration.
    items = {p.key: p for p in plan(edition, BroadcastSettings(), demo=True)}
    assert items["digest:2020-10-01"].due_at == local("2020-10-01T07:00")
    assert items["remind:khai-mac"].due_at == local("2020-10-01T07:00")
    assert items["eve:khai-mac"].due_at == local("2020-09-30T19:00")
    reminded = {e.id for e in edition.events if e.remind}
    assert {k.split(":", 1)[1] for k in items if k.startswith("remind:")} == reminded
    # One digest a day for the city; on a day a quận/huyện has its own events, one more for
    # its citizens (the city's events and its own), and the city's goes to everyone else.
    city = [k for k in items if k.startswith("digest:") and k.count(":") == 1]
    assert len(city) == 7
    assert items["digest:2020-10-01"].audience == "home-except:Lê Chân"
    assert items["digest:2020-10-01:le-chan"].audience == "home:Lê Chân"
    assert items["digest:2020-10-01:le-chan"].payload == {"day": "2020-10-01",
                                                          "district": "Lê Chân"}
    assert items["digest:2020-10-02"].audience == "all"
    assert items["remind:khai-mac-le-chan"].audience == "home:Lê Chân"
    assert items["remind:khai-mac"].audience == "all"
    # The eve of the opening is the city's opening, not a district's.
    assert [k for k in items if k.startswith("eve:")] == ["eve:khai-mac"]


async def test_planning_is_idempotent_and_follows_content(app: App, edition: Edition) -> None:
    planned = plan(edition, BroadcastSettings(), demo=True)
    async with app.sessions() as s, s.begin():
        assert await sync_plan(s, planned, local("2020-09-20T10:00")) == len(planned)
    async with app.sessions() as s, s.begin():
        assert await sync_plan(s, planned, local("2020-09-20T10:00")) == 0
    # A later remind_before moves reminders; a dropped event cancels its reminder.
    moved = [p for p in plan(edition, BroadcastSettings(remind_before=30), demo=True)
             if p.key != "remind:tong-ket"]
    async with app.sessions() as s, s.begin():
        await sync_plan(s, moved, local("2020-09-20T10:00"))
    async with app.sessions() as s:
        rows = {r.key: r for r in (await s.execute(select(ScheduledItem))).scalars()}
    assert rows["remind:khai-mac"].due_at == local("2020-10-01T07:30")
    assert rows["remind:tong-ket"].status == "cancelled"
    # Without the demonstration setting, every reminder not yet sent is cancelled, and why.
    async with app.sessions() as s, s.begin():
        await sync_plan(s, plan(edition, BroadcastSettings()), local("2020-09-20T10:00"),
                        reason=plan_reason(edition, False))
    async with app.sessions() as s:
        rows = {r.key: r for r in (await s.execute(select(ScheduledItem))).scalars()}
    assert {r.status for r in rows.values()} == {"cancelled"}
    assert rows["remind:khai-mac"].note == "the schedule is a sample (schedule.toml sample = true)"


async def test_subscribe_is_offered_then_explicit(chat: Chat) -> None:
    welcome = (await chat.send("/start"))[0]
    assert any(b.command == "/dangky" for b in welcome.buttons)
    assert "/dangky" in welcome.text
    assert "Đã đăng ký!" in await chat.text("/dangky")
    assert "đã đăng ký nhận tin nhắc rồi" in await chat.text("/dangky")
    assert "Đã hủy đăng ký" in await chat.text("/huydangky")
    assert "chưa đăng ký" in await chat.text("/huydangky")


async def test_non_organizer_cannot_announce(chat: Chat, app: App) -> None:
    for command in ("/thongbao", "/dsthongbao", "/huythongbao 1"):
        assert "chỉ dành cho Ban tổ chức" in await chat.text(command)
    async with app.sessions() as s:
        assert (await s.execute(select(ScheduledItem))).first() is None


async def test_announcement_flow(app: App) -> None:
    citizen = Chat(app, "citizen-2")
    await citizen.send("/dangky")
    org = Chat(app, "console")
    assert "Gõ nội dung" in await org.text("/thongbao")
    assert "Gửi cho ai?" in await org.text("Mai 8 giờ tập trung tại Nhà văn hóa.")
    assert "dd/mm/yyyy" in await org.text("all")
    assert "đã qua" in await org.text("30/09/2020 08:00")
    # A year typed wrong (2021): it would wait a year, long after the week, and never go.
    assert "quá xa" in await org.text("01/10/2021 19:30")
    preview = await org.text("01/10/2020 19:30")
    assert "Mai 8 giờ tập trung" in preview and "(1 người)" in preview
    done = await org.text("ok")
    assert "Đã lên lịch thông báo #" in done
    listing = await org.text("/dsthongbao")
    assert "chờ gửi" in listing and "Mai 8 giờ" in listing
    item_id = done.split("#", 1)[1].split(" ", 1)[0]
    assert "Đã hủy thông báo" in await org.text(f"/huythongbao {item_id}")
    assert "đã hủy" in await org.text("/dsthongbao")
    # A /command leaves a draft: nothing is created.
    await org.send("/thongbao")
    await org.send("Bản nháp bỏ dở")
    await org.send("/menu")
    async with app.sessions() as s:
        assert len((await s.execute(select(ScheduledItem))).all()) == 1
