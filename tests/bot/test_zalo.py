"""Zalo end to end: signed webhook events into the real aiohttp app, replies to a fake OA API.

The bot is the real composition (build_app, build_web_app, ZaloChannel.mount) served on a real
port with a real SQLite file; the fake Zalo server (tests/fakes/zalo.py) speaks HTTP too.
"""

from __future__ import annotations

import asyncio
import json
import random
import sqlite3
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import pytest
from aiohttp import web
from sqlalchemy.exc import OperationalError

from bot.app import App, build_app
from bot.channels.zalo import ZaloChannel
from bot.channels.zalo.client import TokenPair, ZaloClient
from bot.channels.zalo.queue import KeyedWorkers
from bot.channels.zalo.tokens import TokenManager, TokenStore
from bot.channels.zalo.webhook import signature
from bot.db.engine import create_engine, make_sessionmaker, upgrade
from bot.runner import build_web_app
from content import Edition
from handlers.types import Button, Reply
from scheduler.supervisor import Supervisor
from tests.conftest import free_port, make_settings
from tests.fakes.zalo import APP_ID, APP_SECRET, OA_SECRET_KEY, FakeZalo

HOOK = "/zalo/7c1e9a52d4"
# Zalo user ids exceed 2**53: as floats they would lose their last digits.
U1 = "8123456789012345678"
U2 = "8123456789012345679"




@dataclass
class Bot:
    """The bot's web app and Zalo channel, running in this event loop."""

    app: App
    channel: ZaloChannel
    runner: web.AppRunner
    url: str
    db: str
    shift: list[timedelta] = field(default_factory=lambda: [timedelta(0)])

    def query(self, sql: str) -> list[tuple[Any, ...]]:
        with sqlite3.connect(self.db) as conn:
            return conn.execute(sql).fetchall()

    async def stop(self) -> None:
        await self.channel.stop()
        await self.runner.cleanup()
        await self.app.close()


async def start_bot(db_path: str, fake: FakeZalo, access: str, refresh: str,
                    env: dict[str, str] | None = None, **channel_kw: Any) -> Bot:
    settings = make_settings(
        f"sqlite+aiosqlite:///{db_path}", **(env or {}),
        HOCTAP_ZALO_APP_ID=APP_ID, HOCTAP_ZALO_APP_SECRET=APP_SECRET,
        HOCTAP_ZALO_OA_SECRET_KEY=OA_SECRET_KEY, HOCTAP_ZALO_ACCESS_TOKEN=access,
        HOCTAP_ZALO_REFRESH_TOKEN=refresh, HOCTAP_ZALO_API_BASE=fake.url,
        HOCTAP_ZALO_OAUTH_BASE=fake.url, HOCTAP_ZALO_WEBHOOK_PATH=HOOK,
    )
    app = build_app(settings)
    await app.start()
    shift = [timedelta(0)]

    def clock() -> datetime:
        # The bot's clock, movable forward for the 7-day rule.
        return app.clock() + shift[0]

    channel = ZaloChannel(settings.zalo, app.dispatcher, app.sessions, clock,
                          rate_limit_delay=0.3, **channel_kw)
    web_app = build_web_app(app)
    channel.mount(web_app)
    runner = web.AppRunner(web_app, access_log=None)
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    await channel.start()
    return Bot(app, channel, runner, f"http://127.0.0.1:{port}{HOOK}", db_path, shift)


@pytest.fixture
async def zalo() -> AsyncIterator[FakeZalo]:
    async with FakeZalo() as fake:
        yield fake


@pytest.fixture
def db_path(tmp_path: Any) -> str:
    return str(tmp_path / "hoctap.sqlite3")


@pytest.fixture
async def bot(zalo: FakeZalo, db_path: str) -> AsyncIterator[Bot]:
    access, refresh = zalo.issue_pair()
    running = await start_bot(db_path, zalo, access, refresh)
    yield running
    await running.stop()


async def say(zalo: FakeZalo, bot: Bot, user: str, text: str) -> list[str]:
    """The user types `text`; wait for the reply and return everything they have seen."""
    before = len(zalo.sent_to(user))
    assert await zalo.post_event(bot.url, zalo.event("user_send_text", user, text=text)) == 200
    return await zalo.wait_texts(user, before + 1)


# ---- the conversation ----------------------------------------------------------------------


async def test_whole_conversation(zalo: FakeZalo, bot: Bot, edition: Edition) -> None:
    [welcome] = await say(zalo, bot, U1, "/start")
    assert "Chuyển đổi số thúc đẩy Học tập suốt đời" in welcome
    menu = zalo.sent_to(U1)[0]
    # Zalo takes 5 buttons: the first five are oa.query.hide buttons carrying the command...
    assert menu.buttons[0] == {"title": "Lịch sự kiện", "type": "oa.query.hide",
                               "payload": "/lich"}
    assert len(menu.buttons) == 5
    # ...the others are numbered lines the user can type.
    assert "[6] Khóa học trực tuyến" in menu.text
    assert "[10] Hỏi đáp" in menu.text

    # Pressing "Hôm nay": Zalo sends the button's payload back as the user's text.
    opening = edition.events_on(edition.opening)[0]
    got = await say(zalo, bot, U1, menu.buttons[1]["payload"])
    assert opening.title.vi in got[-1]

    got = await say(zalo, bot, U1, "lich hom nay")
    assert opening.title.vi in got[-1]

    # The week's schedule: day buttons beyond the fifth become numbered lines too.
    got = await say(zalo, bot, U1, "/lich")
    assert opening.title.vi in got[-1]
    assert "Menu chính" in got[-1].rsplit("[", 1)[-1]

    # Typing "6" presses the sixth button of the last menu: online courses.
    await say(zalo, bot, U1, "/menu")
    got = await say(zalo, bot, U1, "6")
    assert "KHÓA HỌC TRỰC TUYẾN" in got[-1].upper()
    assert "Sách điện tử và thư viện số" in got[-1]

    got = await say(zalo, bot, U1, "so dien thoai lien he")
    assert "0913575506" in got[-1]

    assert all(len(t) <= 2000 for t in zalo.texts(U1))
    # The id is stored as the exact text Zalo sent, and every message was logged.
    assert bot.query("select external_id, active from users") == [(U1, 1)]
    assert bot.query("select count(*) from message_log")[0][0] == 7


async def test_numbers_without_a_menu_are_plain_text(zalo: FakeZalo, bot: Bot) -> None:
    got = await say(zalo, bot, U2, "6")
    assert "Xin lỗi, mình chưa hiểu" in got[-1]


async def test_follow_welcomes_and_unfollow_deactivates(zalo: FakeZalo, bot: Bot) -> None:
    assert await zalo.post_event(bot.url, zalo.event("follow", U2)) == 200
    [welcome] = await zalo.wait_texts(U2, 1)
    assert "Chuyển đổi số thúc đẩy Học tập suốt đời" in welcome
    assert zalo.sent_to(U2)[0].buttons[0]["payload"] == "/lich"
    assert bot.query("select active from users") == [(1,)]
    assert await bot.channel.users_in_window() == [U2]

    assert await zalo.post_event(bot.url, zalo.event("unfollow", U2)) == 200
    await zalo.wait_for(lambda: bot.query("select active from users") == [(0,)])
    assert await bot.channel.users_in_window() == []
    result = await bot.channel.send(U2, [Reply("Thông báo")])
    assert (result.status, result.reason) == ("skipped", "inactive")
    assert len(zalo.sent_to(U2)) == 1


@pytest.mark.parametrize("kind", ["user_send_sticker", "user_send_image", "user_send_location"])
async def test_media_gets_please_type(zalo: FakeZalo, bot: Bot, kind: str) -> None:
    assert await zalo.post_event(bot.url, zalo.event(kind, U1)) == 200
    [reply] = await zalo.wait_texts(U1, 1)
    assert "Mình chỉ đọc được tin nhắn chữ" in reply


async def test_numeric_ids_keep_every_digit(zalo: FakeZalo, bot: Bot) -> None:
    ts = str(int(time.time() * 1000))  # now: older events are refused
    # Numbers, not strings: the signature is over these bytes, the ids must keep every digit.
    raw = (
        '{"app_id":"' + APP_ID + '","event_name":"user_send_text","timestamp":' + ts + ','
        '"sender":{"id":81234567890123456789},"recipient":{"id":2345678901234567890},'
        '"message":{"msg_id":"m-numeric","text":"lien he"}}'
    ).encode()
    assert await zalo.post_event(bot.url, raw, timestamp=ts) == 200
    [reply] = await zalo.wait_texts("81234567890123456789", 1)
    assert "0913575506" in reply
    assert bot.query("select external_id from users") == [("81234567890123456789",)]


# ---- the webhook's guard -------------------------------------------------------------------


async def test_forged_or_missing_signature_changes_nothing(zalo: FakeZalo, bot: Bot) -> None:
    event = zalo.event("user_send_text", U1, text="/start")
    raw = zalo.sign(b"x", event["timestamp"])
    assert await zalo.post_event(bot.url, event, signature=raw) == 401
    forged = signature(APP_ID, b"{}", event["timestamp"], "guessed-key")
    assert await zalo.post_event(bot.url, event, signature=forged) == 401
    assert await zalo.post_event(bot.url, event, signed=False) == 401
    # Signed with the right key but for another body: the bytes as received count.
    tampered = dict(event, message={"msg_id": "m2", "text": "/cuocthi"})
    good_for_event = zalo.sign(json.dumps(event).encode(), event["timestamp"])
    assert await zalo.post_event(bot.url, tampered, signature=good_for_event) == 401
    await asyncio.sleep(0.2)
    assert zalo.messages == []
    assert bot.query("select count(*) from users")[0][0] == 0
    assert bot.query("select count(*) from processed_updates")[0][0] == 0


async def test_malformed_bodies_and_unknown_events(zalo: FakeZalo, bot: Bot) -> None:
    # Signed over a timestamp the body does not hold: it cannot be authenticated.
    assert await zalo.post_event(bot.url, b"{not json", timestamp="1") == 401
    ts = str(int(time.time() * 1000))
    not_json = b'{"timestamp": "' + ts.encode() + b'", not json'
    assert await zalo.post_event(bot.url, not_json, timestamp=ts) == 400
    no_msg_id = zalo.event("user_send_text", U1, text="hi")
    del no_msg_id["message"]["msg_id"]
    assert await zalo.post_event(bot.url, no_msg_id) == 400
    assert await zalo.post_event(bot.url, zalo.event("user_send_text", U1) | {
        "sender": {"id": ["not", "an", "id"]}}) == 400
    # An event name we do not know is logged and acknowledged, so Zalo does not retry it.
    unknown = {"app_id": APP_ID, "event_name": "user_reacted_message", "timestamp": ts,
               "sender": {"id": U1}}
    assert await zalo.post_event(bot.url, unknown) == 200
    await asyncio.sleep(0.2)
    assert zalo.messages == []
    assert bot.query("select count(*) from users")[0][0] == 0


async def test_events_while_stopping_get_503(zalo: FakeZalo, db_path: str) -> None:
    access, refresh = zalo.issue_pair()
    bot = await start_bot(db_path, zalo, access, refresh)
    await bot.channel.stop()
    # Not processed, not acknowledged: Zalo delivers it again once the bot is back.
    assert await zalo.post_event(bot.url, zalo.event("user_send_text", U1, text="hi")) == 503
    await bot.runner.cleanup()
    await bot.app.close()
    assert bot.query("select count(*) from processed_updates")[0][0] == 0


async def test_stop_answers_every_acknowledged_event_in_each_users_order(
    zalo: FakeZalo, db_path: str
) -> None:
    """Zalo never resends an event answered 200: stopping processes the queue first."""
    access, refresh = zalo.issue_pair()
    bot = await start_bot(db_path, zalo, access, refresh, env={"HOCTAP_ZALO_WORKERS": "2"})
    commands = {U1: ["/lienhe", "/thuvien", "/khoahoc", "/lich", "/homnay"],
                U2: ["/homnay", "/lich", "/khoahoc", "/thuvien", "/lienhe"]}
    for i in range(5):
        for user, texts in commands.items():
            event = zalo.event("user_send_text", user, text=texts[i])
            assert await zalo.post_event(bot.url, event) == 200
    await bot.stop()  # at once: events are still queued
    assert bot.query("select count(*) from processed_updates")[0][0] == 10
    assert {m.user_id for m in zalo.messages} == {U1, U2}
    features = {"/lienhe": "contacts", "/thuvien": "library", "/khoahoc": "courses",
                "/lich": "schedule", "/homnay": "today"}
    for user, texts in commands.items():
        logged = bot.query("select m.feature from message_log m join users u on u.id = m.user_id"
                           f" where u.external_id = '{user}' order by m.id")
        assert [f for f, in logged] == [features[t] for t in texts]


async def test_workers_keep_each_keys_order_bound_concurrency_and_backlog() -> None:
    rng = random.Random(9)
    done: list[tuple[str, int]] = []
    running = peak = 0

    async def process(item: tuple[str, int]) -> bool:
        nonlocal running, peak
        running += 1
        peak = max(peak, running)
        await asyncio.sleep(rng.random() / 200)
        running -= 1
        done.append(item)
        return True

    workers: KeyedWorkers[tuple[str, int]] = KeyedWorkers(3, 150, process, "test")
    workers.start(Supervisor())
    for i in range(30):
        for user in "abcde":
            assert workers.put(user, (user, i))
    assert not workers.put("f", ("f", 0))  # the backlog is full: the webhook answers 503
    assert await workers.drain(30) == 0
    assert 1 < peak <= 3 and len(done) == 150
    for user in "abcde":
        assert [i for u, i in done if u == user] == list(range(30))


async def test_duplicate_msg_id_is_applied_once(zalo: FakeZalo, bot: Bot) -> None:
    event = zalo.event("user_send_text", U1, text="lich hom nay", msg_id="a1b2c3d4e5f60718")
    assert await zalo.post_event(bot.url, event) == 200
    await zalo.wait_texts(U1, 1)
    # Zalo's retries (30 s, 5 min, ... later) repeat the same body and timestamp.
    for _ in range(3):
        assert await zalo.post_event(bot.url, event) == 200
    await asyncio.sleep(0.3)
    assert len(zalo.sent_to(U1)) == 1
    assert bot.query("select count(*) from message_log")[0][0] == 1
    assert bot.query("select update_key from processed_updates") == [("a1b2c3d4e5f60718",)]


# ---- tokens --------------------------------------------------------------------------------


async def test_token_expiry_mid_conversation(zalo: FakeZalo, bot: Bot) -> None:
    await say(zalo, bot, U1, "/start")
    first_token = zalo.sent_to(U1)[0].access_token
    zalo.expire_access_tokens()

    got = await say(zalo, bot, U1, "so dien thoai lien he")
    assert "0913575506" in got[-1]
    assert [r.ok for r in zalo.refreshes] == [True]
    [(access, refresh)] = bot.query("select access_token, refresh_token from zalo_tokens")
    # The reply went out with the new token, which the database held before it was used.
    assert zalo.sent_to(U1)[-1].access_token == access != first_token
    assert zalo.refresh_token_valid(refresh)
    # The old token was tried once, refused, then the message was retried once.
    assert [t for _, t in zalo.send_calls] == [first_token, first_token, access]


async def test_a_failed_store_is_retried_before_the_token_is_used(
    zalo: FakeZalo, bot: Bot, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = bot.channel.store
    real_swap = store.swap
    failures = [OperationalError("UPDATE zalo_tokens", {}, Exception("database is locked"))]
    used_before_stored: list[bool] = []

    async def flaky_swap(old: str, new: TokenPair, now: datetime) -> bool:
        used_before_stored.append(any(t == new.access_token for _, t in zalo.send_calls))
        if failures:
            raise failures.pop()
        return await real_swap(old, new, now)

    monkeypatch.setattr(store, "swap", flaky_swap)
    assert bot.channel.tokens is not None
    bot.channel.tokens.persist_delay = 0.05
    zalo.expire_access_tokens()
    got = await say(zalo, bot, U1, "lien he")
    assert "0913575506" in got[-1]
    assert used_before_stored == [False, False]
    assert [r.ok for r in zalo.refreshes] == [True]  # refreshed once, stored on the retry
    [(access,)] = bot.query("select access_token from zalo_tokens")
    assert zalo.sent_to(U1)[-1].access_token == access


async def test_crash_between_refresh_and_store(zalo: FakeZalo, db_path: str,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """Zalo has answered a refresh, the process dies before the UPDATE commits.

    The old refresh token is spent at Zalo and the new pair is gone: nothing in our design can
    recover it, it can only make the window one UPDATE wide. What the test shows: the database
    still holds the old pair intact, the new access token was never used, after a restart the
    old access token keeps working until it expires, and then the refusal is reported (no
    reply is sent with a bad token, no silent loop).
    """
    access, refresh = zalo.issue_pair()
    bot = await start_bot(db_path, zalo, access, refresh)
    await say(zalo, bot, U1, "/start")
    stuck = asyncio.Event()

    async def dies_before_commit(old: str, new: TokenPair, now: datetime) -> bool:
        await stuck.wait()  # the process is killed here
        raise AssertionError("unreachable")

    monkeypatch.setattr(bot.channel.store, "swap", dies_before_commit)
    # The dead process's refresh lease blocks others until it runs out (60 s by default).
    bot.channel.store.lease = timedelta(seconds=1)
    zalo.expire_access_tokens()
    await zalo.post_event(bot.url, zalo.event("user_send_text", U1, text="lien he"))
    await zalo.wait_for(lambda: len(zalo.refreshes) == 1)
    issued = set(zalo._access) - {access}
    # Crash: in-flight work is torn down without the UPDATE ever committing.
    await bot.channel._workers.drain(0)
    await bot.stop()

    assert bot.query("select access_token, refresh_token from zalo_tokens") == [
        (access, refresh)]
    assert not any(t in issued for _, t in zalo.send_calls)
    assert not zalo.refresh_token_valid(refresh)  # spent at Zalo

    # Restart on the same database. Zalo keeps old access tokens valid until they expire.
    zalo._access[access] = float("inf")
    restarted = await start_bot(db_path, zalo, "ignored-seed", "ignored-seed")
    try:
        got = await say(zalo, restarted, U1, "lich hom nay")
        assert len(got) == 2
        assert zalo.sent_to(U1)[-1].access_token == access
        # When it finally expires, the refresh with the spent token is refused and reported.
        zalo.expire_access_tokens()
        result = await restarted.channel.send(U1, [Reply("Nhắc lịch")])
        assert result.status == "failed"
        assert result.code == -216 and "-14014" in result.reason
        assert len(zalo.sent_to(U1)) == 2
        assert restarted.query("select access_token, refresh_token from zalo_tokens") == [
            (access, refresh)]
    finally:
        await restarted.stop()


async def test_seed_is_used_on_first_start_only(zalo: FakeZalo, db_path: str) -> None:
    access, refresh = zalo.issue_pair()
    bot = await start_bot(db_path, zalo, access, refresh)
    zalo.expire_access_tokens()
    await say(zalo, bot, U1, "lien he")
    await bot.stop()
    [(stored_access, stored_refresh)] = bot.query(
        "select access_token, refresh_token from zalo_tokens")
    assert stored_refresh != refresh

    # The settings still name the first (now spent) pair: the database wins.
    again = await start_bot(db_path, zalo, access, refresh)
    try:
        await say(zalo, again, U1, "lien he")
        assert zalo.sent_to(U1)[-1].access_token == stored_access
    finally:
        await again.stop()


# ---- sending rules -------------------------------------------------------------------------


async def test_outside_the_window_is_skipped_and_reported(zalo: FakeZalo, bot: Bot) -> None:
    await say(zalo, bot, U1, "/start")
    await say(zalo, bot, U2, "/start")
    assert await bot.channel.users_in_window() == [U1, U2]

    # Zalo says U1 is outside the window (-230): skipped with the reason, not retried.
    zalo.outside_window.add(U1)
    calls = len(zalo.send_calls)
    result = await bot.channel.send(U1, [Reply("Nhắc lịch: khai mạc lúc 8:00")])
    assert (result.status, result.code, result.reason) == ("skipped", -230, "outside_window")
    assert len(zalo.send_calls) == calls + 1
    assert len(zalo.sent_to(U1)) == 1

    # Eight days later by the bot's clock nobody is inside the window: no call is even made.
    bot.shift[0] = timedelta(days=8)
    assert await bot.channel.users_in_window() == []
    result = await bot.channel.send(U2, [Reply("Nhắc lịch")])
    assert (result.status, result.code, result.reason) == ("skipped", None, "outside_window")
    assert len(zalo.send_calls) == calls + 1


async def test_not_following_deactivates(zalo: FakeZalo, bot: Bot) -> None:
    await say(zalo, bot, U1, "/start")
    zalo.not_following.add(U1)
    result = await bot.channel.send(U1, [Reply("Nhắc lịch")])
    assert (result.status, result.code, result.reason) == ("skipped", -213, "not_following")
    assert bot.query("select active from users") == [(0,)]


async def test_rate_limit_backs_off_and_long_text_is_split(zalo: FakeZalo, bot: Bot) -> None:
    await say(zalo, bot, U1, "/start")
    zalo.rate_limit = 3
    await asyncio.sleep(1.0)
    long_text = "\n".join(f"Dòng {i}: " + "học tập suốt đời " * 6 for i in range(60))
    result = await bot.channel.send(U1, [Reply(long_text), Reply("Hết.")])
    assert result.status == "sent"
    texts = zalo.texts(U1)[1:]
    assert len(texts) == result.messages >= 4
    assert all(len(t) <= 2000 for t in texts)
    assert texts[-1] == "Hết."
    assert zalo.rate_limited >= 1  # Zalo said -32 at least once; the bot waited and went on


async def test_other_errors_are_recorded_with_the_message(zalo: FakeZalo, bot: Bot) -> None:
    await say(zalo, bot, U1, "/start")
    # A button with no command is refused by Zalo (-201): reported, not retried.
    result = await bot.channel.send(U1, [Reply("Tài liệu", (Button("Mở"),))])
    assert (result.status, result.code) == ("failed", -201)
    assert "Parameters are invalid" in result.reason
    assert len(zalo.sent_to(U1)) == 1


# ---- the token store on PostgreSQL ---------------------------------------------------------


@pytest.mark.postgres
async def test_two_processes_refresh_once_on_postgres(zalo: FakeZalo, pg_url: str) -> None:
    """Two processes (own engine, own lock) find the token refused at the same moment:
    exactly one refresh reaches Zalo and both end up with the stored pair."""
    import aiohttp

    access, refresh = zalo.issue_pair()
    engines = [create_engine(pg_url), create_engine(pg_url)]
    await upgrade(engines[0])
    async with aiohttp.ClientSession() as http:
        managers = []
        for engine in engines:
            client = ZaloClient(http, zalo.url, zalo.url, APP_ID, APP_SECRET)
            manager = TokenManager(TokenStore(make_sessionmaker(engine), APP_ID), client,
                                   lease_poll=0.05)
            await manager.start(TokenPair(access, refresh, datetime.now().astimezone()
                                          + timedelta(hours=1)))
            managers.append(manager)
        pairs = await asyncio.gather(*(m.refresh(stale=access) for m in managers))
    try:
        assert [r.ok for r in zalo.refreshes] == [True]
        assert pairs[0] == pairs[1]
        assert pairs[0].access_token != access
        stored = await managers[0].store.load()
        assert stored is not None
        assert stored.refresh_token == pairs[0].refresh_token
        assert zalo.refresh_token_valid(stored.refresh_token)
    finally:
        for engine in engines:
            await engine.dispose()


# ---- the real `hoctap-bot run` process -------------------------------------------------------


async def test_hoctap_bot_run_serves_zalo(zalo: FakeZalo, tmp_path: Any,
                                         edition: Edition) -> None:
    """The runner's wiring: `hoctap-bot run` with only [zalo] configured answers over Zalo."""
    import os
    import signal
    import sys
    from pathlib import Path

    access, refresh = zalo.issue_pair()
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("HOCTAP_")}
    env.update({
        "HOCTAP_BOT_NOW": "2020-10-01T07:30", "HOCTAP_WEB_PORT": str(port),
        "HOCTAP_ZALO_APP_ID": APP_ID, "HOCTAP_ZALO_APP_SECRET": APP_SECRET,
        "HOCTAP_ZALO_OA_SECRET_KEY": OA_SECRET_KEY, "HOCTAP_ZALO_ACCESS_TOKEN": access,
        "HOCTAP_ZALO_REFRESH_TOKEN": refresh, "HOCTAP_ZALO_API_BASE": zalo.url,
        "HOCTAP_ZALO_OAUTH_BASE": zalo.url, "HOCTAP_ZALO_WEBHOOK_PATH": HOOK,
    })
    binary = Path(sys.executable).parent / "hoctap-bot"
    command = [str(binary)] if binary.exists() else [sys.executable, "-m", "bot.cli"]
    proc = await asyncio.create_subprocess_exec(
        *command, "run", cwd=tmp_path, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    url = f"http://127.0.0.1:{port}{HOOK}"
    try:
        event = zalo.event("user_send_text", U1, text="lich hom nay")
        for _ in range(150):  # until the web server and the channel are up (503 before)
            try:
                if await zalo.post_event(url, event) == 200:
                    break
            except OSError:
                pass
            await asyncio.sleep(0.1)
        [reply] = await zalo.wait_texts(U1, 1, seconds=15)
        assert edition.events_on(edition.opening)[0].title.vi in reply
    finally:
        if proc.returncode is None:
            proc.send_signal(signal.SIGTERM)
        _, stderr = await asyncio.wait_for(proc.communicate(), timeout=30)
    assert proc.returncode == 0, stderr.decode()
    assert b"Traceback" not in stderr, stderr.decode()
    assert access.encode() not in stderr and refresh.encode() not in stderr
