"""Migrations and the per-update unit of work, on a real SQLite file and on PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot.app import build_app
from bot.db.engine import (
    create_engine,
    current_revision,
    head_revision,
    shipped_heads,
    upgrade,
)
from bot.db.models import MessageLog, User
from handlers.types import Incoming
from tests.conftest import make_settings


async def _migrate_and_chat(url: str) -> None:
    app = build_app(make_settings(url))
    await app.start()
    await app.start()  # idempotent: a second start-up applies nothing
    try:
        assert await current_revision(app.engine) == head_revision() != ()
        big_id = "8912345678901234567"  # Zalo ids exceed 2**53: stored as text, exactly
        await app.dispatcher.handle(Incoming("zalo", big_id, "lich hom nay"))
        await app.dispatcher.handle(Incoming("zalo", big_id, "/ngonngu en"))
        await app.dispatcher.handle(Incoming("telegram", "42", "xin chào"))
        async with app.sessions() as s:
            users = (await s.execute(select(User).order_by(User.id))).scalars().all()
            assert [(u.channel, u.external_id) for u in users] == [
                ("zalo", big_id), ("telegram", "42")]
            assert users[0].locale == "en" and users[1].locale is None
            assert users[0].first_seen <= users[0].last_seen
            # The simulated clock applies to what is stored: 01/10/2020 07:30 in Hải Phòng.
            assert users[0].first_seen.year == 2020
            logs = (await s.execute(select(MessageLog).order_by(MessageLog.id))).scalars().all()
            assert [(m.channel, m.feature) for m in logs] == [
                ("zalo", "today"), ("zalo", "language"), ("telegram", "smalltalk")]
            assert logs[0].user_id == users[0].id
    finally:
        await app.close()


async def test_sqlite_file(sqlite_url: str, tmp_path: Path) -> None:
    await _migrate_and_chat(sqlite_url)
    assert (tmp_path / "hoctap.sqlite3").stat().st_size > 0


@pytest.mark.postgres
async def test_postgresql(pg_empty_url: str) -> None:
    await _migrate_and_chat(pg_empty_url)


@pytest.mark.postgres
async def test_postgresql_plain_url_gets_async_driver(pg_empty_url: str) -> None:
    engine = create_engine(pg_empty_url.replace("postgresql+asyncpg://", "postgresql://"))
    try:
        await upgrade(engine)
        assert await current_revision(engine) == head_revision()
    finally:
        await engine.dispose()


async def test_bad_input_stores_only_the_log_row(app: object, sqlite_url: str) -> None:
    from bot.app import App

    assert isinstance(app, App)
    inputs = ["", "   ", "x" * 10_000, "😀🎉", "\x00\x07\x1b[31m", "'; DROP TABLE users; --",
              "Lịch hôm nay".encode().decode()]
    for text in inputs:
        replies = await app.dispatcher.handle(Incoming("console", "u-bad", text))
        assert replies and all(r.text for r in replies)
    async with app.sessions() as s:
        assert await s.scalar(select(func.count()).select_from(User)) == 1
        assert await s.scalar(select(func.count()).select_from(MessageLog)) == len(inputs)


def test_cli_db_upgrade(tmp_path: Path) -> None:
    import subprocess
    import sys

    db = tmp_path / "x.sqlite3"
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", "db", "upgrade"], capture_output=True, text=True,
        timeout=60, check=False, env={"PATH": "/usr/bin:/bin",
                                      "HOCTAP_DATABASE_URL": f"sqlite:///{db}"},
    )
    assert result.returncode == 0, result.stderr
    assert db.exists()


def test_shipped_heads_read_without_alembic_match_alembic() -> None:
    """The start-up shortcut reads the head ids from the files; alembic must agree."""
    assert shipped_heads() == head_revision()


async def test_start_upgrades_a_database_behind_and_skips_alembic_when_current(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = create_engine(sqlite_url)
    try:
        await upgrade(engine, "0004")
        assert await current_revision(engine) == ("0004",)
        await upgrade(engine)  # behind: alembic runs
        assert await current_revision(engine) == head_revision()

        def no_alembic(*_args: object) -> None:
            raise AssertionError("alembic ran although the schema is current")

        monkeypatch.setattr("alembic.command.upgrade", no_alembic)
        await upgrade(engine)
    finally:
        await engine.dispose()


@pytest.mark.postgres
async def test_processes_starting_on_an_empty_postgresql_at_once_all_succeed(
        pg_empty_url: str) -> None:
    """Three `hoctap-bot db upgrade` processes on one new database: one creates the tables, the
    others wait for it (an advisory lock) and find them at their head; none fails on a table
    that already exists."""
    import asyncio
    import sys

    env = {"PATH": "/usr/bin:/bin", "HOCTAP_DATABASE_URL": pg_empty_url}
    procs = [await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", "db", "upgrade", env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE) for _ in range(3)]
    results = await asyncio.gather(*(asyncio.wait_for(p.communicate(), 60) for p in procs))
    for proc, (_out, err) in zip(procs, results, strict=True):
        assert proc.returncode == 0, err.decode()
    engine = create_engine(pg_empty_url)
    try:
        assert await current_revision(engine) == head_revision()
    finally:
        await engine.dispose()
