"""Broadcast end to end: the real `hoctap-bot run` process against the rate-limited fake."""

from __future__ import annotations

import asyncio
import os
import sqlite3
import subprocess
from pathlib import Path

from tests.bot.test_telegram import BIN, BotProcess, bot_env, telegram

__all__ = ["telegram"]  # the fake Bot API fixture, shared with the Telegram tests
from tests.fakes.telegram import FakeTelegram


def seed(workdir: Path, env: dict[str, str], chats: range) -> None:
    """Create the schema with the real CLI, then add subscribed Telegram users."""
    subprocess.run([str(BIN), "db", "upgrade"], cwd=workdir, env=env, check=True,
                   capture_output=True)
    with sqlite3.connect(workdir / "hoctap.sqlite3") as conn:
        for chat in chats:
            cur = conn.execute(
                "INSERT INTO users (channel, external_id, first_seen, last_seen, active) "
                "VALUES ('telegram', ?, '2020-09-30 00:00:00', '2020-09-30 00:00:00', 1)",
                (str(chat),))
            conn.execute("INSERT INTO subscriptions (user_id, created_at) "
                         "VALUES (?, '2020-09-30 00:00:00')", (cur.lastrowid,))


async def test_reminders_fire_at_simulated_instants_at_the_default_rate(
    telegram: FakeTelegram, tmp_path: Path
) -> None:
    telegram.rate_limit(per_chat_per_second=1, global_per_second=30)
    env = bot_env(telegram, HOCTAP_BOT_NOW="2020-10-01T06:59:50")
    seed(tmp_path, {**os.environ, **env}, range(5001, 5061))
    bot = BotProcess(tmp_path, env)
    await bot.start()
    try:
        # 06:00 reminder of the contest's opening: 59 min late, inside the 6 h grace -> sent.
        # 30/09 19:00 eve of the opening: 12 h late -> missed. 07:00: digest + opening reminder.
        await telegram.wait_for(lambda: len(telegram.sent_messages()) >= 180, timeout=40)

        def settled() -> bool:
            return bot.query("SELECT count(*) FROM scheduled_items WHERE status = 'sending'"
                             ) == [(0,)]

        await telegram.wait_for(settled, timeout=10)
        await asyncio.sleep(1.0)  # nothing more arrives
    finally:
        code = await bot.stop()
    assert code == 0, bot.stderr.decode()
    assert b"Traceback" not in bot.stderr, bot.stderr.decode()
    assert telegram.rate_limited_count == 0
    for chat in range(5001, 5061):
        got = [m["text"] for m in telegram.sent_messages(chat)]
        assert len(got) == 3, got
        assert "Mở Cuộc thi Công dân học tập" in got[0]
        assert any(t.startswith("<b>Lịch hôm nay") for t in got[1:])
    status = dict(bot.query("SELECT key, status FROM scheduled_items"))
    assert status["eve:khai-mac"] == "missed"
    assert status["remind:cuoc-thi-mo"] == "done"
    assert status["digest:2020-10-01"] == "done"
    assert status["digest:2020-10-02"] == "scheduled"
    sent = bot.query("SELECT min(o.sent_at) FROM outbox o JOIN scheduled_items i "
                     "ON i.id = o.item_id WHERE i.key = 'digest:2020-10-01'")
    assert sent[0][0] >= "2020-10-01 00:00:00"  # 07:00 in Hải Phòng is 00:00 UTC
    assert bot.query("SELECT count(*) FROM outbox WHERE status != 'sent'") == [(0,)]


async def test_kill_9_mid_broadcast_then_restart_sends_nobody_twice(
    telegram: FakeTelegram, tmp_path: Path
) -> None:
    # A paid-broadcast rate so the test is quick; the fake enforces a matching global limit.
    telegram.rate_limit(per_chat_per_second=1, global_per_second=400)
    env = bot_env(telegram, HOCTAP_BOT_NOW="2020-10-02T10:00",
                  HOCTAP_BROADCAST_TELEGRAM_RATE="200", HOCTAP_BROADCAST_GRACE_HOURS="0.01")
    chats = range(7001, 9001)  # 2,000 subscribers
    seed(tmp_path, {**os.environ, **env}, chats)
    text = "Thông báo thử nghiệm: Lễ tổng kết Tuần lễ lúc 16:00 ngày 07/10."
    announce = await asyncio.create_subprocess_exec(
        str(BIN), "announce", "--text", text, "--at", "now", cwd=tmp_path,
        env={**os.environ, **env}, stdout=asyncio.subprocess.DEVNULL)
    assert await announce.wait() == 0

    def received() -> dict[int, int]:
        counts: dict[int, int] = {}
        for m in telegram.sent_messages():
            if text in m["text"]:
                counts[m["chat_id"]] = counts.get(m["chat_id"], 0) + 1
        return counts

    first = BotProcess(tmp_path, env)
    await first.start()
    await telegram.wait_for(lambda: len(received()) >= 300, timeout=60)
    assert first.proc is not None
    first.proc.kill()  # SIGKILL: no cleanup at all
    await first.proc.wait()
    at_kill = len(received())
    assert at_kill < len(chats)

    second = BotProcess(tmp_path, env)
    await second.start()
    try:
        def done() -> bool:
            return second.query(
                "SELECT count(*) FROM outbox WHERE status IN ('pending', 'sending')") == [(0,)]

        await telegram.wait_for(done, timeout=90)
    finally:
        assert await second.stop() == 0, second.stderr.decode()
    counts = received()
    assert max(counts.values()) == 1, "somebody received the announcement twice"
    states = dict(second.query("SELECT status, count(*) FROM outbox GROUP BY status"))
    assert set(states) <= {"sent", "uncertain"}
    assert states["sent"] + states.get("uncertain", 0) == len(chats)
    sent_chats = {int(c) for (c,) in second.query(
        "SELECT u.external_id FROM outbox o JOIN users u ON u.id = o.user_id "
        "WHERE o.status = 'sent'")}
    assert sent_chats <= set(counts)
    # Only rows that were being sent at the kill may be uncertain; they are few.
    assert states.get("uncertain", 0) < 200
    assert telegram.rate_limited_count == 0
