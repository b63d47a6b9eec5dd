"""Zalo Bot Platform end to end: the fake platform (tests/fakes/zalobot.py) over real HTTP.

The bot is the real composition (build_app, build_web_app, `bot.channels.zalobot.build`) on a
real port and a real SQLite file, in polling and in webhook mode; the last tests run the real
`hoctap-bot run` process, and the outage test the machine's PostgreSQL.
"""

from __future__ import annotations

import asyncio
import re
import sqlite3
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp import web

from bot.app import App, build_app
from bot.channels import zalobot
from bot.channels.zalobot.adapter import ZaloBotChannel
from bot.observability import secrets_of
from bot.runner import build_web_app
from bot.settings import SettingsError, load_settings
from content import Edition
from handlers.types import Reply
from tests.bot.test_resilience import SORRY, pg_rows, refusing_connections
from tests.bot.test_telegram import BotProcess
from tests.conftest import free_port, make_settings, new_sqlite_schema
from tests.fakes.zalobot import (
    IMAGE,
    SECRET_HEADER,
    STICKER,
    TOKEN,
    UNSUPPORTED,
    FakeZaloBot,
    new_user_id,
)

SECRET = "zb_webhook-secret_0123456789abcdefXYZ"
HOOK = "/zalobot/k3J9xQ2mV7pL4wR8"
KIND = "Zalo không chuyển nội dung tin nhắn này"
MEDIA = "Chatbot chỉ đọc được tin nhắn chữ"
NUMBERED = re.compile(r"^\[(\d+)\] (.+)$", re.MULTILINE)


@dataclass
class Bot:
    """The bot's web app and Zalo Bot channel, running in this event loop."""

    app: App
    channel: ZaloBotChannel
    runner: web.AppRunner
    hook_url: str
    db: str

    def query(self, sql: str) -> list[tuple[Any, ...]]:
        with sqlite3.connect(self.db) as conn:
            return conn.execute(sql).fetchall()

    async def stop(self) -> None:
        await self.channel.stop()
        await self.runner.cleanup()
        await self.app.close()


def bot_env(fake: FakeZaloBot, port: int, mode: str, **extra: str) -> dict[str, str]:
    return {"HOCTAP_ZALOBOT_TOKEN": TOKEN, "HOCTAP_ZALOBOT_BASE_URL": fake.url,
            "HOCTAP_ZALOBOT_MODE": mode, "HOCTAP_ZALOBOT_SECRET_TOKEN": SECRET,
            "HOCTAP_ZALOBOT_WEBHOOK_URL": f"http://127.0.0.1:{port}{HOOK}",
            "HOCTAP_WEB_PORT": str(port), **extra}


async def start_bot(db: str, fake: FakeZaloBot, mode: str = "polling", **env: str) -> Bot:
    """`db` is a SQLite file or a database URL."""
    port = free_port()
    url = db if "://" in db else f"sqlite+aiosqlite:///{db}"
    settings = make_settings(url, **bot_env(fake, port, mode, **env))
    await new_sqlite_schema(url)
    app = build_app(settings)
    await app.start()
    [channel] = zalobot.build(app)  # what `hoctap-bot run` starts
    assert isinstance(channel, ZaloBotChannel)
    web_app = build_web_app(app)
    channel.mount(web_app)
    runner = web.AppRunner(web_app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    try:
        await channel.start()
    except Exception:
        await runner.cleanup()
        await app.close()
        raise
    return Bot(app, channel, runner, f"http://127.0.0.1:{port}{HOOK}", db)


@pytest.fixture
async def fake() -> AsyncIterator[FakeZaloBot]:
    async with FakeZaloBot() as server:
        yield server


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "hoctap.sqlite3")


@pytest.fixture(params=["polling", "webhook"])
async def bot(request: pytest.FixtureRequest, fake: FakeZaloBot, db: str
              ) -> AsyncIterator[Bot]:
    running = await start_bot(db, fake, request.param)
    yield running
    await running.stop()


async def settled(fake: FakeZaloBot, bot: Bot, chat: str, before: int) -> list[str]:
    """Wait until `chat` got something new and the bot has nothing left to answer."""
    await fake.wait_for(lambda: len(fake.texts(chat)) > before and fake.pending == 0
                        and bot.channel.pending == 0)
    return fake.texts(chat)[before:]


async def say(fake: FakeZaloBot, bot: Bot, user: str, text: str) -> str:
    """The user types `text`; everything the bot answered, as one text."""
    before = len(fake.texts(user))
    await fake.user_sends(user, text)
    return "\n\n".join(await settled(fake, bot, user, before))


async def converse(fake: FakeZaloBot, user: str, steps: list[tuple[str, str]],
                   seconds: float) -> None:
    """`user` says each text and waits until their latest message holds what is expected (a
    preview comes as two messages: the first screen, then what to confirm)."""
    for said, expected in steps:
        await fake.user_sends(user, said)
        await fake.wait_for(lambda e=expected: e in (fake.texts(user) or [""])[-1], seconds)


def announce_now_with_a_button(text: str) -> list[tuple[str, str]]:
    """An organizer's /thongbao of `text` to the Zalo Bot's users, now, with the button
    "Lịch hôm nay", confirmed."""
    return [("/thongbao", "Gõ nội dung"), (text, "Gửi cho ai?"),
            ("channel:zalobot", "dd/mm/yyyy"), ("ngay", "[2] Thêm nút"),
            ("2", "Chọn chức năng"), ("lịch hôm nay", "Đã thêm nút “Lịch hôm nay”"),
            ("1", "[1] Xác nhận gửi"), ("1", "Chatbot sẽ báo tiến độ khi gửi")]


def number_of(answer: str, label: str) -> str:
    """The number to type for the button labelled `label` in the last answer."""
    return next(n for n, text in NUMBERED.findall(answer) if text == label)


# ---- the conversation ----------------------------------------------------------------------


async def test_buttons_are_numbered_lines_the_user_types(fake: FakeZaloBot, bot: Bot,
                                                         edition: Edition) -> None:
    if bot.channel.settings.mode == "webhook":
        assert fake.webhook_url == bot.hook_url and fake.webhook_secret == SECRET
    else:
        assert fake.webhook_url == "" and fake.method_calls("deleteWebhook")
    user = new_user_id()
    welcome = await say(fake, bot, user, "/start")
    assert "Chuyển đổi số thúc đẩy Học tập suốt đời" in welcome
    assert "[1] Lịch sự kiện" in welcome and "[10] Hỏi đáp" in welcome
    # Typing "2" presses "Hôm nay"; typing a number the menu did not show is text.
    today = await say(fake, bot, user, number_of(welcome, "Hôm nay"))
    assert edition.events_on(edition.opening)[0].title.vi in today
    assert "Xin lỗi, Chatbot chưa hiểu" in await say(fake, bot, user, "99")
    # Each answer's numbers replace the last ones: "2" now picks a day.
    days = await say(fake, bot, user, "/lich")
    assert "Xem thêm" in days and "] Thứ Sáu, 02/10" in days
    friday = await say(fake, bot, user, number_of(days, "Thứ Sáu, 02/10"))
    assert "02/10/2020" in friday and edition.events_on(date(2020, 10, 2))[0].title.vi in friday
    assert all(1 <= len(t) <= 2000 for t in fake.texts(user))
    # Applied once each, and the user's id is the exact text Zalo sent.
    assert bot.query("select channel, external_id from users") == [("zalobot", user)]
    assert bot.query("select count(*) from message_log") == [(5,)]


async def test_a_long_answer_is_split_at_2000_characters(fake: FakeZaloBot, bot: Bot) -> None:
    user = new_user_id()
    await say(fake, bot, user, "/start")
    long_text = "\n".join(f"Dòng {i}: " + " ".join(["học tập suốt đời"] * 7) for i in range(45))
    assert len(long_text) > 5000
    outcome = await bot.channel.send(user, [Reply(long_text, title="Tiêu đề"), Reply("Hết.")])
    got = fake.texts(user)[1:]
    assert outcome.status == "sent" and outcome.parts == len(got) >= 4
    assert all(len(t) <= 2000 for t in got) and max(len(t) for t in got) > 1900
    assert got[0].startswith("Tiêu đề\n\nDòng 0:") and got[-1] == "Hết."
    assert "\n".join(got[:-1]) == "Tiêu đề\n\n" + long_text  # split at line ends, nothing lost


async def test_duplicates_are_applied_once(fake: FakeZaloBot, bot: Bot) -> None:
    user = new_user_id()
    update = fake.update(user, text="lich hom nay")
    for _ in range(3):  # Zalo's retry, or a relay repeating itself
        await fake.deliver(update)
    await settled(fake, bot, user, 0)
    await asyncio.sleep(0.3)
    assert len(fake.texts(user)) == 1
    assert bot.query("select count(*) from message_log") == [(1,)]
    assert bot.query("select channel, update_key from processed_updates") == [
        ("zalobot", update["message"]["message_id"])]
    if bot.channel.settings.mode == "webhook":
        assert fake.webhook_answers == [200, 200, 200]


async def test_media_and_withheld_messages_are_answered_kindly(fake: FakeZaloBot,
                                                               bot: Bot) -> None:
    user, child = new_user_id(), new_user_id()
    voice = fake.update(user, STICKER)
    voice["event_name"] = "message.voice.received"  # a kind of message newer than this code
    del voice["message"]["sticker"]
    voice["message"]["voice_url"] = "https://zalo.example/voice.aac"
    for update in (fake.update(user, STICKER), fake.update(user, IMAGE), voice):
        await fake.deliver(update)
        answer = "\n\n".join(await settled(fake, bot, user, len(fake.texts(user))))
        assert MEDIA in answer and "[1] Lịch sự kiện" in answer, update["event_name"]
    # A protected user's message comes without its content: a kind answer, nothing stored
    # about them, and a redelivery is not answered again.
    update = fake.update(child, UNSUPPORTED, display_name="Bé Na")
    await fake.deliver(update)
    [answer] = await settled(fake, bot, child, 0)
    assert KIND in answer and "nhờ cha mẹ hoặc thầy cô" in answer
    await fake.deliver(update)
    await asyncio.sleep(0.3)
    assert len(fake.texts(child)) == 1
    assert bot.query("select external_id from users") == [(user,)]
    assert bot.query("select count(*) from processed_updates") == [(4,)]


async def test_words_under_a_photo_are_answered(fake: FakeZaloBot, bot: Bot) -> None:
    """A citizen photographs a poster and asks under it (the image's caption): the question is
    answered (before: "the Chatbot reads only text messages", to a citizen who had typed)."""
    user = new_user_id()
    await fake.deliver(fake.update(user, IMAGE, text="lich hom nay"))
    answer = "\n\n".join(await settled(fake, bot, user, 0))
    assert "Hôm nay" in answer and MEDIA not in answer, answer


async def test_a_full_contest_attempt(fake: FakeZaloBot, bot: Bot, edition: Edition) -> None:
    user = new_user_id()
    assert "Bước 1/4" in await say(fake, bot, user, "/thi")
    districts = await say(fake, bot, user, "Lê Văn Dũng")
    phone = await say(fake, bot, user, number_of(districts, "Kiến An"))
    consent = await say(fake, bot, user, number_of(phone, "Bỏ qua"))
    question = await say(fake, bot, user, number_of(consent, "Đồng ý"))
    for k in range(10):
        assert f"Câu {k + 1}/10" in question
        lines = set(question.splitlines())
        asked = next(q for q in edition.questions if q.text in lines)
        question = await say(fake, bot, user, number_of(question, "ABCD"[asked.answer]))
    assert "Kết quả: đúng 10/10 câu" in question
    board = await say(fake, bot, user, "/xephang")
    assert "1. Lê V. Dũng (Kiến An)" in board
    assert bot.query("select count(*) from contest_participants") == [(1,)]


async def test_a_bad_secret_gets_403_and_changes_nothing(fake: FakeZaloBot, db: str) -> None:
    bot = await start_bot(db, fake, "webhook")
    try:
        body = {"ok": True, "result": fake.update(new_user_id(), text="/start")}
        async with aiohttp.ClientSession() as http:
            for headers in ({}, {SECRET_HEADER: "guessed-secret"},
                            {SECRET_HEADER: SECRET[:-1]}):
                async with http.post(bot.hook_url, json=body, headers=headers) as response:
                    assert response.status == 403
            # The path is part of the secret: elsewhere there is nothing.
            async with http.post(bot.hook_url.rsplit("/", 1)[0] + "/webhook", json=body,
                                 headers={SECRET_HEADER: SECRET}) as response:
                assert response.status == 404
            async with http.post(bot.hook_url, data=b"{not json",
                                 headers={SECRET_HEADER: SECRET}) as response:
                assert response.status == 400
        await asyncio.sleep(0.3)
        assert fake.sent == []
        assert bot.query("select count(*) from users") == [(0,)]
        assert bot.query("select count(*) from processed_updates") == [(0,)]
    finally:
        await bot.stop()


async def test_numbers_survive_a_restart_and_429_is_honoured(fake: FakeZaloBot,
                                                             db: str) -> None:
    user = new_user_id()
    first = await start_bot(db, fake)
    try:
        menu = await say(fake, first, user, "/menu")
    finally:
        await first.stop()
    second = await start_bot(db, fake)
    try:
        fake.rate_limit = 0  # every send is refused with 429 (Retry-After: 1) ...
        await fake.user_sends(user, number_of(menu, "Khóa học trực tuyến"))
        await fake.wait_for(lambda: fake.rate_limited >= 1)
        fake.rate_limit = None  # ... until now: the answer waited as told, and goes once
        got = await settled(fake, second, user, 1)
    finally:
        await second.stop()
    assert len(got) == 1 and "KHÓA HỌC TRỰC TUYẾN" in got[0].upper()
    assert fake.rate_limited == len(fake.method_calls("sendMessage")) - 2


# ---- settings ------------------------------------------------------------------------------


@pytest.mark.parametrize(("env", "message"), [
    ({"MODE": "webhook", "SECRET_TOKEN": ""},
     "zalobot.secret_token: chế độ webhook cần một mã bí mật"),
    ({"MODE": "webhook", "SECRET_TOKEN": "too-short-123"},
     "zalobot.secret_token: phải gồm 32 đến 256 ký tự A-Z, a-z, 0-9, _ và -, nhưng đang có 13 "
     "ký tự"),
    ({"MODE": "webhook", "WEBHOOK_URL": "https://bot.example.vn/zalobot/webhook"},
     "zalobot.webhook_url: đường dẫn phải kết thúc bằng một đoạn ngẫu nhiên từ 16 ký tự"),
    ({"MODE": "webhook", "WEBHOOK_URL": "http://bot.example.vn/zalobot/k3J9xQ2mV7pL4wR8"},
     "zalobot.webhook_url: chế độ webhook cần địa chỉ https công khai"),
    ({"MODE": "push"},
     "zalobot.mode: phải là một trong các giá trị polling, webhook, nhưng đang là 'push'"),
    ({"RATE": "0"}, "zalobot.rate: phải lớn hơn 0 và không quá 100, nhưng đang là 0"),
    ({"BASE_URL": "bot-api.zapps.me"}, "zalobot.base_url"),
    ({"TOKEN": "has space in it"}, "zalobot.token"),
])
def test_settings_are_checked_by_the_channel(env: dict[str, str], message: str) -> None:
    good = {"TOKEN": TOKEN, "MODE": "webhook", "SECRET_TOKEN": SECRET,
            "WEBHOOK_URL": "https://bot.example.vn/zalobot/k3J9xQ2mV7pL4wR8"}
    environ = {f"HOCTAP_ZALOBOT_{k}": v for k, v in (good | env).items()}
    with pytest.raises(SettingsError, match=re.escape(message)):
        load_settings(None, environ=environ)
    settings = load_settings(None, environ={f"HOCTAP_ZALOBOT_{k}": v for k, v in good.items()})
    assert settings.zalobot.webhook_path == "/zalobot/k3J9xQ2mV7pL4wR8"
    assert {TOKEN, SECRET} <= set(secrets_of(settings))  # never in a log line
    polling = load_settings(None, environ={"HOCTAP_ZALOBOT_TOKEN": TOKEN})
    assert (polling.zalobot.mode, polling.zalobot.secret_token) == ("polling", "")
    assert polling.zalobot.base_url == "https://bot-api.zaloplatforms.com"


# ---- the real `hoctap-bot run` process -----------------------------------------------------


async def test_hoctap_bot_run_serves_zalobot_and_broadcasts(fake: FakeZaloBot,
                                                            tmp_path: Path) -> None:
    """`hoctap-bot run` with only [zalobot]: an organizer on Zalo Bot announces to the Zalo Bot
    subscribers, who get it; one who blocked the bot is deactivated; the organizer is told
    the outcome."""
    organizer, subscriber, gone = new_user_id(), new_user_id(), new_user_id()
    env = bot_env(fake, free_port(), "polling", HOCTAP_BOT_NOW="2020-10-01T07:30",
                  HOCTAP_ORGANIZERS_ZALOBOT_IDS=organizer)
    text = "Thông báo: Lễ tổng kết Tuần lễ lúc 15:00 ngày 07/10 tại Nhà văn hóa."
    # Two screens, and a button to today's schedule: on Zalo Bot, numbered lines to type.
    whole = text + "".join(f"\n\nMục {i}: đại biểu có mặt trước 14:30 để nhận chỗ ngồi theo "
                           "sơ đồ; người dân xem trực tiếp trên trang của thành phố."
                           for i in range(1, 8))
    proc = BotProcess(tmp_path, env)
    await proc.start()
    try:
        for user in (subscriber, gone):
            await fake.user_sends(user, "/dangky")
            [done] = await fake.wait_texts(user, 1, seconds=40)
            assert "Đã đăng ký!" in done
        fake.block(gone)
        await converse(fake, organizer, announce_now_with_a_button(whole), 20)
        # (The 07:00 digest may reach them too, if they subscribed before it fired.)
        await fake.wait_for(lambda: any(text in t for t in fake.texts(subscriber)), 40)
        await fake.wait_for(lambda: "đã gửi xong" in fake.texts(organizer)[-1], 40)
        await fake.wait_for(lambda: proc.query(
            "select active from users where external_id = '" + gone + "'") == [(0,)], 40)
        [first] = [t for t in fake.texts(subscriber) if text in t]
        # Typing a number presses the button of the broadcast: "Xem thêm", then today's. Its
        # numbers follow those of "Đã đăng ký!", which the subscriber may still be reading.
        await fake.user_sends(subscriber, number_of(first, "Xem thêm (2/2)"))
        await fake.wait_for(lambda: "tổ chức (2/2)" in fake.texts(subscriber)[-1], 20)
        second = fake.texts(subscriber)[-1]
        await fake.user_sends(subscriber, "1")
        await fake.wait_for(lambda: "Lịch hôm nay" in fake.texts(subscriber)[-1], 20)
    finally:
        code = await proc.stop()
    assert code == 0, proc.stderr.decode()
    assert sum(text in t for t in fake.texts(subscriber)) == 1
    assert first.startswith(f"Thông báo của Ban tổ chức (1/2)\n\n{text}")
    held = len(NUMBERED.findall(done))
    assert first.endswith(f"\n\n[{held + 1}] Xem thêm (2/2)\n[{held + 2}] Lịch hôm nay")
    assert second.startswith("Thông báo của Ban tổ chức (2/2)\n\n")
    assert second.endswith("Mục 7: đại biểu có mặt trước 14:30 để nhận chỗ ngồi theo sơ đồ; "
                           "người dân xem trực tiếp trên trang của thành phố.\n\n"
                           "[1] Lịch hôm nay")
    assert fake.texts(gone) == [done]
    assert "1 đã gửi" in fake.texts(organizer)[-1]
    assert b"zalobot channel started in polling mode" in proc.stderr
    assert b"Traceback" not in proc.stderr, proc.stderr.decode()
    assert TOKEN.encode() not in proc.stderr and SECRET.encode() not in proc.stderr


# ---- a database outage ---------------------------------------------------------------------


@pytest.mark.postgres
@pytest.mark.parametrize("mode", ["polling", "webhook"])
async def test_an_update_waits_out_an_outage_and_is_answered_once(fake: FakeZaloBot,
                                                                  pg_url: str, mode: str) -> None:
    """Polled or posted, an update whose transaction did not commit is kept and tried again
    (getUpdates has no offset to hold back, the webhook already answered): the user is told
    once to wait, then answered once."""
    user = new_user_id()
    bot = await start_bot(pg_url, fake, mode)
    try:
        await fake.user_sends(user, "/start")
        await fake.wait_texts(user, 1)
        async with refusing_connections(pg_url):
            await fake.user_sends(user, "lich hom nay")
            # The apology waits for the failed connect and the probe: slow on a busy machine.
            await fake.wait_texts(user, 2, seconds=40)
            await asyncio.sleep(3)  # tried again and again meanwhile
        got = await fake.wait_texts(user, 3, seconds=40)
        await asyncio.sleep(0.5)
    finally:
        await bot.stop()
    _welcome, sorry, today = fake.texts(user)
    assert SORRY in sorry and "Hôm nay" in today, got
    assert fake.webhook_answers == ([200, 200] if mode == "webhook" else [])
    assert await pg_rows(pg_url, "SELECT count(*) FROM message_log") == [(2,)]


async def test_a_refused_token_stops_the_start_with_a_clear_error(fake: FakeZaloBot,
                                                                  db: str) -> None:
    fake.token = "1:another-bot"
    with pytest.raises(RuntimeError, match=re.escape(
            "Zalo refused to start the bot: 401 Unauthorized (check [zalobot] token)")):
        await start_bot(db, fake)


async def test_a_broadcast_leaves_the_numbers_of_an_open_step(fake: FakeZaloBot,
                                                               tmp_path: Path) -> None:
    """A citizen at the contest's consent ([1] Đồng ý) gets an announcement with a button
    before typing "1": the broadcast's numbers come after the step's, so "1" still agrees
    (it pressed the broadcast's "Lịch hôm nay", which ended the registration)."""
    organizer, citizen = new_user_id(), new_user_id()
    env = bot_env(fake, free_port(), "polling", HOCTAP_BOT_NOW="2020-10-02T08:00",
                  HOCTAP_ORGANIZERS_ZALOBOT_IDS=organizer)
    text = "Thông báo: Lễ tổng kết Tuần lễ lúc 15:00 ngày 07/10 tại Nhà văn hóa."
    proc = BotProcess(tmp_path, env)
    await proc.start()
    try:
        await converse(fake, citizen, [("/dangky", "Đã đăng ký!"), ("/thi", "Bước 1/4"),
                                       ("Nguyễn Văn An", "[3] Lê Chân"), ("3", "[1] Bỏ qua"),
                                       ("1", "[1] Đồng ý")], 40)
        await converse(fake, organizer, announce_now_with_a_button(text), 20)
        await fake.wait_for(lambda: text in fake.texts(citizen)[-1], 40)
        broadcast = fake.texts(citizen)[-1]
        await fake.user_sends(citizen, "1")
        await fake.wait_for(lambda: "Câu 1/10" in fake.texts(citizen)[-1], 20)
    finally:
        code = await proc.stop()
    assert code == 0, proc.stderr.decode()
    consent = next(t for t in fake.texts(citizen) if "[1] Đồng ý" in t)
    after = len(NUMBERED.findall(consent)) + 1  # numbered after the consent's buttons
    assert broadcast.endswith(f"\n\n[{after}] Lịch hôm nay")
    assert not any(t.startswith("Đã dừng") for t in fake.texts(citizen))
    assert b"Traceback" not in proc.stderr, proc.stderr.decode()
