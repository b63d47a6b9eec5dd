"""The results report: every figure against an independent computation, files, access."""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from io import BytesIO
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.app import App, build_app
from bot.cli import main
from bot.db.models import (
    ContestAttempt,
    ContestParticipant,
    MessageLog,
    OutboxRow,
    ScheduledItem,
    Subscription,
    User,
)
from bot.report import collect, render
from content import Edition
from handlers.core import REGISTRY
from handlers.i18n import use_locale
from handlers.report_types import ReportFigures
from tests.conftest import Chat, make_settings

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
FIRST, LAST = date(2020, 10, 1), date(2020, 10, 7)
CHANNELS = ("telegram", "zalo", "console")
FEATURES = ("today", "schedule", "contest", "courses", "faq", "start", "unknown")
DISTRICTS = ("Lê Chân", "Ngô Quyền", "Hồng Bàng", "Thủy Nguyên")


def at(day: date, hour: int, minute: int = 0) -> datetime:
    """A local wall-clock instant of Hải Phòng, as the bot stores it (aware, any zone)."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=TZ).astimezone(UTC)


@dataclass
class Seed:
    """The data set as plain Python lists, to compute the expected figures from."""

    users: list[tuple[int, str, datetime]]  # id, channel, first seen
    logs: list[tuple[int | None, str, str, datetime]]
    participants: list[tuple[int, str, datetime, bool, str | None]]  # id, district, reg, void
    attempts: list[tuple[int, int, int, int, datetime | None]]  # id, participant, score, ms, fin
    items: list[tuple[int, str, datetime, datetime | None, datetime | None, Counter[str]]]
    subscribers: int


async def seed(sessions: async_sessionmaker[AsyncSession]) -> Seed:
    """A simulated week: three channels, users and messages each day (and just outside the
    week, around local midnight), contest registrations and attempts, reminders."""
    rng = random.Random(2020)
    days = [FIRST - timedelta(days=1), *(FIRST + timedelta(days=i) for i in range(7)),
            LAST + timedelta(days=1)]
    s = Seed([], [], [], [], [], 0)
    async with sessions() as db, db.begin():
        uid = 0
        for day in days:
            # 00:30 and 23:30 local fall on the previous / same UTC day: local bucketing matters.
            for hour in (0, 9, 23):
                for _k in range(rng.randint(0, 3)):
                    uid += 1
                    channel = rng.choice(CHANNELS)
                    first = at(day, hour, 30)
                    db.add(User(id=uid, channel=channel, external_id=f"x{uid}", first_seen=first,
                                last_seen=first, active=True))
                    s.users.append((uid, channel, first))
        await db.flush()
        for user_id, channel, first in s.users:
            for _k in range(rng.randint(1, 6)):
                moment = first + timedelta(hours=rng.randint(0, 40), minutes=rng.randint(0, 59))
                feature = rng.choice(FEATURES)
                db.add(MessageLog(user_id=user_id, channel=channel, feature=feature,
                                  created_at=moment))
                s.logs.append((user_id, channel, feature, moment))
        # A message kept after its user deleted their data: counted, but as no one.
        anon = at(date(2020, 10, 3), 10)
        db.add(MessageLog(user_id=None, channel="zalo", feature="faq", created_at=anon))
        s.logs.append((None, "zalo", "faq", anon))

        aid = 0
        for pid in range(1, 15):
            district = DISTRICTS[pid % len(DISTRICTS)]
            registered = at(FIRST + timedelta(days=pid % 8), 8) if pid != 14 else at(LAST, 23, 59)
            voided = pid == 5
            name = None if pid == 11 else f"Người thi {pid}"  # 11 erased their data
            db.add(ContestParticipant(id=pid, user_id=None, full_name=name, district=district,
                                      unit="Trường A" if pid % 3 == 0 else None, phone=None,
                                      consented_at=registered, registered_at=registered,
                                      voided=voided))
            s.participants.append((pid, district, registered, voided, name))
            await db.flush()
            tries = 0 if pid == 2 else (2 if pid in (3, 4) else 1)
            for number in range(1, tries + 1):
                aid += 1
                score = rng.randint(0, 10)
                ms = rng.randint(20_000, 280_000)
                finished = registered + timedelta(minutes=5 + number)
                if pid == 6:
                    finished = None  # walked away
                if pid == 9:
                    score, ms = 8, 100_000  # ties with 10 on score and time: earlier finish wins
                if pid == 10:
                    score, ms = 8, 100_000
                db.add(ContestAttempt(id=aid, participant_id=pid, number=number,
                                      question_ids=[], current=10, question_started_at=registered,
                                      started_at=registered, finished_at=finished, score=score,
                                      total_ms=ms))
                s.attempts.append((aid, pid, score, ms, finished))

        statuses = ("sent", "sent", "sent", "skipped", "failed", "uncertain")
        for iid, (kind, due, fired) in enumerate([
            ("announcement", at(date(2020, 10, 2), 9), at(date(2020, 10, 2), 9)),
            ("digest", at(date(2020, 10, 3), 6), at(date(2020, 10, 3), 6)),
            ("remind", at(date(2020, 10, 5), 7), None),
            ("announcement", at(date(2020, 10, 9), 9), None),  # outside the week
        ], start=1):
            finished = fired + timedelta(seconds=42.5) if fired else None
            db.add(ScheduledItem(id=iid, key=f"k{iid}", kind=kind, due_at=due, audience="all",
                                 text="Khai mạc lúc 8 giờ" if kind == "announcement" else None,
                                 payload={"day": "2020-10-03"} if kind == "digest" else
                                 {"event": "khai-mac"},
                                 status="done" if fired else "scheduled", created_at=due,
                                 fired_at=fired, finished_at=finished, total=0))
            counts: Counter[str] = Counter()
            if fired:
                await db.flush()
                for user_id, channel, _first in s.users[: 6 + iid]:
                    status = statuses[(user_id + iid) % len(statuses)]
                    counts[status] += 1
                    db.add(OutboxRow(item_id=iid, user_id=user_id, channel=channel,
                                     external_id=f"x{user_id}", locale="vi", status=status))
            s.items.append((iid, kind, due, fired, finished, counts))
        for user_id, _c, _f in s.users[:5]:
            db.add(Subscription(user_id=user_id, created_at=at(FIRST, 9)))
        s.subscribers = 5
    return s


def expected(s: Seed, first: date = FIRST, last: date = LAST) -> dict[str, object]:
    """The figures, computed from the seed alone."""
    def local(moment: datetime) -> date:
        return moment.astimezone(TZ).date()

    def inside(moment: datetime | None) -> bool:
        return moment is not None and first <= local(moment) <= last

    users = [u for u in s.users if inside(u[2])]
    logs = [m for m in s.logs if inside(m[3])]
    days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    channels = {}
    for c in {u[1] for u in users} | {m[1] for m in logs}:
        channels[c] = (sum(1 for u in users if u[1] == c),
                       len({m[0] for m in logs if m[1] == c and m[0] is not None}),
                       sum(1 for m in logs if m[1] == c))
    per_day = [(d, sum(1 for u in users if local(u[2]) == d),
                len({m[0] for m in logs if local(m[3]) == d and m[0] is not None}),
                sum(1 for m in logs if local(m[3]) == d)) for d in days]
    features = Counter(m[2] for m in logs)

    people = {p[0]: p for p in s.participants if not p[3] and inside(p[2])}
    best: dict[int, tuple[int, int, datetime, int]] = {}
    for aid, pid, score, ms, fin in s.attempts:
        if pid in people and inside(fin):
            assert fin is not None
            cand = (-score, ms, fin, aid)
            best[pid] = min(best.get(pid, cand), cand)
    ranking = sorted(best.items(), key=lambda kv: kv[1])
    by_district: dict[str, list[int]] = defaultdict(list)
    for pid, p in people.items():
        by_district[p[1]].append(pid)
    districts = {d: (len(ids), sum(1 for i in ids if i in best),
                     (sum(-best[i][0] for i in ids if i in best)
                      / max(1, sum(1 for i in ids if i in best))))
                 for d, ids in by_district.items()}
    hist = Counter(-b[0] for b in best.values())
    items = [i for i in s.items if inside(i[3] or i[2])]
    return {
        "new_users": len(users),
        "active_users": len({m[0] for m in logs if m[0] is not None}),
        "messages": len(logs),
        "channels": channels,
        "days": per_day,
        "features": dict(features),
        "participants": len(people),
        "finished": len(best),
        "average": sum(-b[0] for b in best.values()) / len(best) if best else 0,
        "districts": districts,
        "scores": [(k, hist[k]) for k in range(11)],
        "top": [(rank + 1, pid, -b[0], b[1]) for rank, (pid, b) in enumerate(ranking[:20])],
        "items": [(i[0], i[5]["sent"], i[5]["skipped"], i[5]["failed"], i[5]["uncertain"],
                   42.5 if i[3] else None) for i in items],
        "subscribers": s.subscribers,
    }


def check(f: ReportFigures, e: dict[str, object]) -> None:
    assert f.new_users == e["new_users"]
    assert f.active_users == e["active_users"]
    assert f.messages == e["messages"]
    assert {c.channel: (c.new_users, c.active_users, c.messages) for c in f.channels} \
        == e["channels"]
    assert [(d.day, d.new_users, d.active_users, d.messages) for d in f.days] == e["days"]
    assert dict(f.features) == e["features"]
    counts = [n for _f, n in f.features]
    assert counts == sorted(counts, reverse=True)
    assert f.participants == e["participants"]
    assert f.finished == e["finished"]
    assert f.average_score == pytest.approx(e["average"])
    assert {d.district: (d.participants, d.finished, pytest.approx(d.average_score))
            for d in f.districts} == e["districts"]
    assert list(f.scores) == e["scores"]
    assert [(t.rank, t.participant_id, t.score, t.total_ms) for t in f.top] == e["top"]
    assert [(b.id, b.sent, b.skipped, b.failed, b.uncertain, b.duration_s)
            for b in f.broadcasts] == e["items"]
    assert f.subscribers == e["subscribers"]


async def test_every_figure_matches_an_independent_computation(app: App,
                                                                 edition: Edition) -> None:
    s = await seed(app.sessions)
    async with app.sessions() as db:
        f = await collect(db, edition, FIRST, LAST)
    e = expected(s)
    check(f, e)
    # The data set exercises what it should: several channels, ties, erased and voided people.
    assert len(f.channels) == 3 and f.participants >= 10 and f.broadcasts
    assert {t.participant_id for t in f.top} >= {9, 10}
    assert [t.participant_id for t in f.top].index(9) < [t.participant_id
                                                        for t in f.top].index(10)
    assert 5 not in {t.participant_id for t in f.top}
    # A shorter period is cut on local days too.
    async with app.sessions() as db:
        part = await collect(db, edition, date(2020, 10, 2), date(2020, 10, 3))
    check(part, expected(s, date(2020, 10, 2), date(2020, 10, 3)))


@pytest.mark.postgres
async def test_figures_on_postgresql(pg_url: str, edition: Edition) -> None:
    pg = build_app(make_settings(pg_url))
    await pg.start()
    try:
        s = await seed(pg.sessions)
        async with pg.sessions() as db:
            check(await collect(db, edition, FIRST, LAST), expected(s))
    finally:
        await pg.close()


async def test_workbook_charts_and_summary(app: App, edition: Edition) -> None:
    await seed(app.sessions)
    async with app.sessions() as db:
        f = await collect(db, edition, FIRST, LAST)
    with use_locale("vi"):
        files = {a.filename: a for a in render(f, edition, REGISTRY.label)}
    xlsx = files["bao-cao-tuan-le-20201001-20201007.xlsx"].data
    wb = load_workbook(BytesIO(xlsx))
    assert wb.sheetnames == ["Tổng quan", "Cuộc thi", "Thông báo"]
    overview = wb["Tổng quan"]
    rows = [[c.value for c in r] for r in overview.iter_rows()]
    header = rows.index(["Ngày", "Người dùng mới", "Người dùng đã nhắn tin", "Tin nhắn"])
    days = rows[header + 1: header + 8]
    # Real dates (Excel date cells), one per local day, with the day's figures.
    assert [(r[0].date(), r[1], r[2], r[3]) for r in days] == [
        (d.day, d.new_users, d.active_users, d.messages) for d in f.days]
    assert overview.cell(header + 2, 1).number_format == "dd/mm/yyyy"
    assert overview.column_dimensions["A"].width >= 12
    contest = [[c.value for c in r] for r in wb["Cuộc thi"].iter_rows()]
    top_header = next(i for i, r in enumerate(contest) if r[:2] == ["Hạng", "Mã"])
    top = contest[top_header + 1:]
    assert [(r[0], r[1], r[4]) for r in top] == [(t.rank, t.participant_id, t.score)
                                                 for t in f.top]
    assert "(đã xóa dữ liệu)" in {r[2] for r in top}  # participant 11 erased their data
    notices = [[c.value for c in r] for r in wb["Thông báo"].iter_rows()]
    assert notices[1][:4] == ["Mã", "Loại", "Nội dung", "Người nhận"]
    assert [r[0] for r in notices[2:]] == [b.id for b in f.broadcasts]
    # Audience and status in the words of /dsthongbao and the CLI (one label function each).
    assert notices[2][2] == "Khai mạc lúc 8 giờ" and notices[2][3] == "Tất cả người đăng ký"
    assert {r[5] for r in notices[2:]} <= {"Chờ gửi", "Đang gửi", "Đã gửi xong", "Đã hủy",
                                           "Bị lỡ (quá hạn)"}
    for name, a in files.items():
        if name.endswith(".png"):
            assert a.data.startswith(b"\x89PNG") and len(a.data) > 10_000
    md = files["tom-tat-20201001-20201007.md"].data.decode()
    assert "Chuyển đổi số thúc đẩy Học tập suốt đời" in md
    assert f"{f.new_users} người dùng mới" in md and f"{f.participants} người đăng ký" in md
    sent = sum(b.sent for b in f.broadcasts)
    # Two items went out in the week (the third is still scheduled, the fourth is later).
    assert f"Thông báo và tin nhắc: 2 lượt gửi, {sent} tin nhắn đến người nhận" in md
    assert "Người thi" not in md  # no names in the summary
    assert "<table>" in files["tom-tat-20201001-20201007.html"].data.decode()


async def test_empty_database_gives_zeros(app: App, edition: Edition) -> None:
    async with app.sessions() as db:
        f = await collect(db, edition, FIRST, LAST)
    assert (f.new_users, f.active_users, f.messages, f.participants, f.finished,
            f.average_score, f.subscribers) == (0, 0, 0, 0, 0, 0, 0)
    assert [d.messages for d in f.days] == [0] * 7
    assert f.scores == tuple((k, 0) for k in range(11))
    assert not f.channels and not f.top and not f.broadcasts
    assert len(render(f, edition, REGISTRY.label)) == 7


async def test_organizer_commands_and_refusal(app: App) -> None:
    citizen = Chat(app, "citizen-9")
    for command in ("/baocao", "/thongke"):
        replies = await citizen.send(command)
        assert replies[0].text == "Xin lỗi, chức năng này chỉ dành cho Ban tổ chức."
        assert not any(r.files for r in replies)
    organizer = Chat(app, "console")  # the console user is an organizer by default
    stats = await organizer.text("/thongke")
    # The citizen and their two refused commands; the organizer is not counted (issue 13).
    assert "Người dùng mới: 1" in stats and "Tin nhắn: 2" in stats
    replies = await organizer.send("/baocao 02/10 03/10")
    names = [a.filename for a in replies[0].files]
    assert "bao-cao-tuan-le-20201002-20201003.xlsx" in names and len(names) == 7
    assert "Cách dùng: /baocao" in await organizer.text("/baocao 09/10 02/10")
    # Each command's usage names that command (/thongke's named /baocao).
    usage = await organizer.text("/thongke abc")
    assert usage.startswith("Cách dùng: /thongke, hoặc /thongke TỪ_NGÀY ĐẾN_NGÀY")


def test_cli_writes_the_files(sqlite_url: str, tmp_path: Path,
                              monkeypatch: pytest.MonkeyPatch,
                              capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("HOCTAP_DATABASE_URL", sqlite_url)
    out = tmp_path / "out"
    assert main(["report", "--from", "01/10/2020", "--to", "2020-10-07", "--out",
                 str(out)]) == 0
    assert len(list(out.glob("*.png"))) == 4 and (out / "tom-tat-20201001-20201007.md").exists()
    assert "Người dùng mới: 0" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["report", "--from", "tomorrow", "--out", str(out)])
