"""Polling's update journal (issue 18): a batch is confirmed to Telegram only once durable.

The real `hoctap-bot run` against the fake Bot API, killed with SIGKILL at the two moments
that matter, then started again: every update is answered exactly once.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
from pathlib import Path
from typing import Any

import asyncpg
import pytest

from tests.bot.test_telegram import BotProcess, bot_env, telegram, texts
from tests.fakes.telegram import FakeTelegram

__all__ = ["telegram"]  # the fake Bot API fixture, shared with the Telegram tests

# A full getUpdates batch (100): a bot that keeps up applies a smaller one before confirming
# it, and journals only when Telegram holds more than it could take at once.
TEXTS = ("/start", "lich hom nay", "so dien thoai lien he")
QUESTIONS = {7001 + i: TEXTS[i % 3] for i in range(100)}


def text_update(update_id: int, chat: int, text: str) -> dict[str, Any]:
    """A private text message as getUpdates gives it."""
    person = {"id": chat, "is_bot": False, "first_name": "An"}
    return {"update_id": update_id, "message": {
        "message_id": update_id, "from": person, "chat": {**person, "type": "private"},
        "date": 1601512200, "text": text}}


def delivered(fake: FakeTelegram, update_id: int) -> bool:
    """A getUpdates answer carried this update."""
    return any(update_id in {u["update_id"] for u in r.result or ()}
               for r in fake.calls("getUpdates"))


def confirmed(fake: FakeTelegram, update_id: int) -> bool:
    """A getUpdates asked past this update: Telegram forgets it."""
    return any(int(r.params.get("offset", 0)) > update_id for r in fake.calls("getUpdates"))


async def kill(bot: BotProcess) -> None:
    assert bot.proc is not None
    bot.proc.kill()
    await bot.proc.wait()


def answered_once(fake: FakeTelegram) -> bool:
    return all(len(texts(fake, chat)) == 1 for chat in QUESTIONS)


@pytest.mark.postgres
async def test_killed_after_the_confirmation_before_the_apply(
    telegram: FakeTelegram, pg_url: str, tmp_path: Path
) -> None:
    """The batch is journaled and confirmed, its apply waits on a lock another connection holds
    (processed_updates, where each update is claimed), and the bot is killed: the next start
    applies it from the journal, each update once, though Telegram will not send it again."""
    env = bot_env(telegram, HOCTAP_DATABASE_URL=pg_url)
    dsn = pg_url.replace("postgresql+asyncpg://", "postgresql://")
    bot = BotProcess(tmp_path, env)
    await bot.start()
    locker = await asyncpg.connect(dsn)
    try:
        await telegram.wait_for("setMyCommands", count=2, timeout=60)
        await telegram.wait_for("getUpdates", timeout=30)
        tx = locker.transaction()
        await tx.start()
        await locker.execute("LOCK TABLE processed_updates IN ACCESS EXCLUSIVE MODE")
        ids = [telegram.user_sends_text(chat, text)["update_id"]
               for chat, text in QUESTIONS.items()]
        # Confirmed: the next getUpdates asked past the batch, which is still not applied.
        await telegram.wait_for(lambda: confirmed(telegram, max(ids)), timeout=30)
        assert not telegram.pending_updates
        assert not any(texts(telegram, chat) for chat in QUESTIONS)
        await kill(bot)
        await tx.rollback()
    finally:
        await locker.close()
        if bot.proc is not None and bot.proc.returncode is None:
            await kill(bot)
    check = await asyncpg.connect(dsn)
    try:
        assert await check.fetchval("SELECT count(*) FROM update_journal") == 1
        assert await check.fetchval("SELECT count(*) FROM message_log") == 0
    finally:
        await check.close()

    again = BotProcess(tmp_path, env)
    await again.start()
    try:
        await telegram.wait_for(lambda: all(texts(telegram, c) for c in QUESTIONS), timeout=60)
        telegram.user_sends_text(7001, "lich hom nay")  # and the bot goes on as usual
        await telegram.wait_for(lambda: len(texts(telegram, 7001)) == 2, timeout=30)
    finally:
        code = await again.stop()
    assert code == 0, again.stderr.decode()
    assert b"Traceback" not in again.stderr, again.stderr.decode()
    assert [len(texts(telegram, chat)) for chat in QUESTIONS] == [2] + [1] * 99
    assert "Hôm nay" in texts(telegram, 7002)[0]
    check = await asyncpg.connect(dsn)
    try:
        logged = await check.fetch("SELECT u.external_id, count(*) FROM message_log m JOIN "
                                   "users u ON u.id = m.user_id GROUP BY 1 ORDER BY 1")
        assert [tuple(r) for r in logged] == [(str(c), 2 if c == 7001 else 1)
                                              for c in QUESTIONS]
        assert await check.fetchval("SELECT count(*) FROM update_journal") == 0
    finally:
        await check.close()


async def test_killed_before_the_batch_was_durable(
    telegram: FakeTelegram, tmp_path: Path
) -> None:
    """Another connection holds SQLite's write lock: the fetched batch cannot be journaled,
    so it is not confirmed; killed then, the bot gets it again at its next start and answers
    each update once."""
    bot = BotProcess(tmp_path, bot_env(telegram))
    await bot.start()
    try:
        await telegram.wait_for("setMyCommands", count=2, timeout=60)
        await telegram.wait_for("getUpdates", timeout=30)
        with sqlite3.connect(bot.db, timeout=30, isolation_level=None) as locker:
            locker.execute("BEGIN IMMEDIATE")
            ids = [telegram.user_sends_text(chat, text)["update_id"]
                   for chat, text in QUESTIONS.items()]
            await telegram.wait_for(lambda: all(delivered(telegram, i) for i in ids),
                                    timeout=30)
            # Whatever the bot does meanwhile, it must not ask past a batch not yet durable.
            await asyncio.sleep(1.0)
            assert not any(confirmed(telegram, i) for i in ids)
            assert [u["update_id"] for u in telegram.pending_updates] == ids
            await kill(bot)
            locker.execute("ROLLBACK")
    finally:
        if bot.proc is not None and bot.proc.returncode is None:
            await kill(bot)

    again = BotProcess(tmp_path, bot.env)
    await again.start()
    try:
        await telegram.wait_for(lambda: all(texts(telegram, c) for c in QUESTIONS), timeout=60)
        await telegram.wait_for(lambda: not telegram.pending_updates, timeout=30)
    finally:
        code = await again.stop()
    assert code == 0, again.stderr.decode()
    assert b"Traceback" not in again.stderr, again.stderr.decode()
    assert answered_once(telegram)
    assert again.query("SELECT count(*) FROM message_log") == [(100,)]
    assert again.query("SELECT count(*) FROM update_journal") == [(0,)]


async def test_a_webhook_start_applies_what_polling_left_journaled(
    telegram: FakeTelegram, sqlite_url: str
) -> None:
    """Switched to the webhook after a crash: Telegram will not send the journaled (confirmed)
    updates again, so the start applies them, and forgets them at stop."""
    from bot.app import build_app
    from bot.channels.telegram import TelegramChannel
    from tests.bot.test_telegram import SECRET, TOKEN
    from tests.conftest import make_settings, new_sqlite_schema

    await new_sqlite_schema(sqlite_url)
    settings = make_settings(
        sqlite_url, HOCTAP_TELEGRAM_TOKEN=TOKEN, HOCTAP_TELEGRAM_BASE_URL=f"{telegram.url}/bot",
        HOCTAP_TELEGRAM_MODE="webhook", HOCTAP_TELEGRAM_SECRET_TOKEN=SECRET,
        HOCTAP_TELEGRAM_WEBHOOK_URL="https://bot.example.vn/tg/hook")
    application = build_app(settings)
    await application.start()
    # What a polling run journaled (and so confirmed) before it crashed.
    telegram.register_chats([7301, 7302])
    batch = [text_update(900001, 7301, "lich hom nay"), text_update(900002, 7302, "/start")]
    await application.dispatcher.journal("telegram", json.dumps(batch))
    channel = TelegramChannel(settings.telegram, application.dispatcher)
    await channel.start()
    try:
        await telegram.wait_for(lambda: texts(telegram, 7301) and texts(telegram, 7302),
                                timeout=30)
    finally:
        await channel.stop()
        await application.close()
    assert "Hôm nay" in texts(telegram, 7301)[0]
    assert len(texts(telegram, 7301)) == len(texts(telegram, 7302)) == 1
    with sqlite3.connect(sqlite_url.split("///", 1)[1]) as conn:
        assert conn.execute("SELECT count(*) FROM update_journal").fetchall() == [(0,)]
        assert conn.execute("SELECT count(*) FROM message_log").fetchall() == [(2,)]


async def test_claims_outlive_a_journaled_batch_when_pruned(app: Any) -> None:
    """A batch still journaled is applied again at the next start: the claims made since it
    arrived are kept by the pruning, or its applied updates would be applied twice."""
    from datetime import timedelta

    from bot.db import journal, repo
    from tests.conftest import local

    arrived = local("2020-10-01T07:30")
    async with app.sessions() as s, s.begin():
        batch = await journal.write(s, "telegram", "[]", arrived)
        assert await repo.claim_update(s, "telegram", "901", arrived + timedelta(seconds=1))
        assert await repo.claim_update(s, "telegram", "900", arrived - timedelta(hours=1))
    later = arrived + timedelta(days=3)
    async with app.sessions() as s, s.begin():
        assert await repo.prune_updates(s, later) == 1  # only the claim older than the batch
        assert not await repo.claim_update(s, "telegram", "901", later)  # still claimed
    async with app.sessions() as s, s.begin():
        await journal.settle(s, [batch])
        assert await repo.prune_updates(s, later) == 1  # the batch gone, its claims may go
