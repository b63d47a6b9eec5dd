"""The report and /thongke count citizens: organizers' traffic is marked when it is written."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from bot.app import App, build_app
from bot.db.models import ScheduledItem
from bot.report import collect
from content import Edition
from handlers.report_types import ReportFigures
from tests.conftest import Chat, make_settings

FIRST, LAST = date(2020, 10, 1), date(2020, 10, 7)
ORGANIZER = "900"  # a Telegram organizer; the console user "console" is one by default


async def _traffic(app: App) -> None:
    citizen = Chat(app, "100", channel="telegram")
    await citizen.send("/start")
    await citizen.send("lich hom nay")
    await Chat(app, "nguoi-dan", channel="console").send("/lich")
    organizer = Chat(app, ORGANIZER, channel="telegram")
    await organizer.send("/start")
    await organizer.send("/dsthongbao")
    await organizer.send("/thongbao")
    await organizer.send("Tối nay 19 giờ có tọa đàm.")
    console = Chat(app, "console")
    await console.send("/menu")
    await console.send("/ketquathi")


def _citizen_figures(f: ReportFigures) -> dict[str, object]:
    return {
        "new": f.new_users, "active": f.active_users, "messages": f.messages,
        "channels": {c.channel: (c.new_users, c.active_users, c.messages) for c in f.channels},
        "features": dict(f.features),
        "per_day": sum(d.messages for d in f.days),
    }


EXPECTED = {
    "new": 2, "active": 2, "messages": 3,
    "channels": {"telegram": (1, 1, 2), "console": (1, 1, 1)},
    "features": {"start": 1, "today": 1, "schedule": 1},
    "per_day": 3,
}


async def _check(db_url: str, edition: Edition) -> None:
    app = build_app(make_settings(db_url, HOCTAP_ORGANIZERS_TELEGRAM_IDS=ORGANIZER))
    await app.start()
    try:
        await _traffic(app)
        async with app.sessions() as s:
            assert _citizen_figures(await collect(s, edition, FIRST, LAST)) == EXPECTED
        stats = await Chat(app, ORGANIZER, channel="telegram").text("/thongke")
        assert "Người dùng mới: 2" in stats and "Người dùng đã nhắn tin: 2" in stats
        assert "Tin nhắn: 3" in stats
        assert "Người dùng mới theo kênh: Telegram 1, Dòng lệnh 1" in stats
        async with app.sessions() as s:  # the organizer's draft is still a draft: no item
            assert (await s.execute(select(ScheduledItem))).first() is None
    finally:
        await app.close()

    # The organizer list changes after the week: past figures stay as they were; what the
    # new organizer (the former citizen 100) writes from now on is not counted.
    later = build_app(make_settings(db_url, HOCTAP_ORGANIZERS_TELEGRAM_IDS="100",
                                    HOCTAP_ORGANIZERS_CONSOLE_IDS="[]"))
    await later.start()
    try:
        await Chat(later, "100", channel="telegram").send("/thongke")
        async with later.sessions() as s:
            assert _citizen_figures(await collect(s, edition, FIRST, LAST)) == EXPECTED
    finally:
        await later.close()


async def test_report_and_thongke_leave_organizers_out(sqlite_url: str,
                                                        edition: Edition) -> None:
    await _check(sqlite_url, edition)


@pytest.mark.postgres
async def test_report_leaves_organizers_out_on_postgresql(pg_url: str,
                                                          edition: Edition) -> None:
    await _check(pg_url, edition)
