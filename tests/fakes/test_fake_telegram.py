"""The fake Bot API against a real python-telegram-bot 22.8 Application, over loopback HTTP."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dtm
import json
import time
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
import pytest_asyncio
from aiohttp import web
from telegram import BotCommand, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest, Conflict, Forbidden, InvalidToken, RetryAfter
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from tests.conftest import free_port
from tests.fakes.telegram import (
    BOT_FIRST_NAME,
    BOT_USERNAME,
    SECRET_HEADER,
    FakeTelegram,
    parse_html,
)

TOKEN = "123456:TEST-token_abc"
SECRET = "s3cret-token_for-tests"


@pytest.fixture(autouse=True)
def _ptb_timedelta(monkeypatch: pytest.MonkeyPatch) -> None:
    # PTB 22.8 warns (PTBDeprecationWarning) while *building* RetryAfter unless this is set,
    # which -W error turns into the wrong exception.
    monkeypatch.setenv("PTB_TIMEDELTA", "true")


@pytest_asyncio.fixture
async def fake() -> AsyncIterator[FakeTelegram]:
    async with FakeTelegram(token=TOKEN, webhook_retry_delays=(0.05,)) as tg:
        yield tg


@pytest_asyncio.fixture
async def http() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as session:
        yield session


class StillClock:
    """A clock that moves only when the test moves it: the fake's flood control reads it, so
    a window or a penalty runs out when the test says, however slowly the machine runs."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def build(fake: FakeTelegram, polling: bool = True) -> Application[Any, Any, Any, Any, Any, Any]:
    builder = ApplicationBuilder().token(TOKEN).base_url(fake.base_url)
    if not polling:
        builder = builder.updater(None)
    return builder.build()


@contextlib.asynccontextmanager
async def running(
    app: Application[Any, Any, Any, Any, Any, Any], polling: bool = True
) -> AsyncIterator[None]:
    await app.initialize()
    await app.start()
    if polling:
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0.0, timeout=1)
    try:
        yield
    finally:
        if app.updater is not None and app.updater.running:
            await app.updater.stop()
        await app.stop()
        await app.shutdown()




async def raw(
    http: aiohttp.ClientSession, fake: FakeTelegram, method: str, *, token: str = TOKEN,
    **kwargs: Any,
) -> tuple[int, dict[str, Any]]:
    verb = kwargs.pop("verb", "POST")
    async with http.request(verb, f"{fake.url}/bot{token}/{method}", **kwargs) as resp:
        return resp.status, await resp.json()


# ---- polling mode ----------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_polling_echo_and_command(fake: FakeTelegram) -> None:
    app = build(fake)

    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.message is not None and update.effective_user is not None
        await update.message.reply_text(f"Chào {update.effective_user.first_name}!")

    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.message is not None and update.message.text is not None
        await update.message.reply_text(update.message.text)

    app.add_handler(CommandHandler("start", start))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo))
    async with running(app):
        assert app.bot.username == BOT_USERNAME and app.bot.first_name == BOT_FIRST_NAME
        sent = fake.user_sends_text(1001, "xin chào", first_name="Bình")
        command = fake.user_sends_text(1001, "/start")
        assert command["message"]["entities"] == [
            {"type": "bot_command", "offset": 0, "length": 6}]
        assert command["update_id"] == sent["update_id"] + 1
        await fake.wait_for(lambda: len(fake.sent_messages(1001)) >= 2)

    got = fake.sent_messages(1001)
    assert [(m["chat_id"], m["text"]) for m in got] == [(1001, "xin chào"), (1001, "Chào Bình!")]
    # message_id counts per chat, shared by the user's and the bot's messages.
    assert [m["message_id"] for m in got] == [3, 4]
    assert [m["from"]["id"] for m in fake.chat_history(1001)] == [1001, 1001, 123456, 123456]
    methods = [r.method for r in fake.requests]
    assert methods[:2] == ["getMe", "deleteWebhook"]
    assert "getUpdates" in methods
    # Stopping confirmed everything fetched: the cleanup getUpdates carried the next offset.
    assert fake.pending_updates == []
    last_poll = fake.calls("getUpdates")[-1]
    assert last_poll.params["offset"] == command["update_id"] + 1


@pytest.mark.asyncio
async def test_callback_query_is_answered_and_message_edited(fake: FakeTelegram) -> None:
    app = build(fake)

    async def menu(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.message is not None
        keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Một", callback_data="opt:1"),
                                          InlineKeyboardButton("Hai", callback_data="opt:2")]])
        await update.message.reply_text("Chọn đi", reply_markup=keyboard)

    async def pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        assert query is not None and query.message is not None
        await query.answer("Đã chọn")
        await query.edit_message_text(f"Bạn chọn {query.data}")

    app.add_handler(CommandHandler("menu", menu))
    app.add_handler(CallbackQueryHandler(pressed))
    async with running(app):
        fake.user_sends_text(1002, "/menu")
        [shown] = await fake.wait_for(lambda: fake.sent_messages(1002))
        assert shown["reply_markup"]["inline_keyboard"][0][1]["callback_data"] == "opt:2"
        with pytest.raises(ValueError, match="no button"):
            fake.user_presses_button(1002, shown["message_id"], "forged")
        update = fake.user_presses_button(1002, shown["message_id"], "opt:2")
        [answer] = await fake.wait_for("answerCallbackQuery")
        await fake.wait_for(lambda: len(fake.sent_messages(1002)) >= 2)

    query = update["callback_query"]
    assert isinstance(query["id"], str) and query["data"] == "opt:2"
    assert query["message"]["message_id"] == shown["message_id"]
    assert answer.ok and answer.params["callback_query_id"] == query["id"]
    assert answer.params["text"] == "Đã chọn"
    edit = fake.sent_messages(1002)[1]
    assert edit["method"] == "editMessageText" and edit["message_id"] == shown["message_id"]
    [now] = [m for m in fake.chat_history(1002) if m["message_id"] == shown["message_id"]]
    assert now["text"] == "Bạn chọn opt:2" and "edit_date" in now and "reply_markup" not in now


# ---- webhook mode ----------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_webhook_delivery_secret_retries_and_redelivery(fake: FakeTelegram) -> None:
    app = build(fake, polling=False)
    received: list[tuple[str | None, int]] = []
    fail = {"next": 0}

    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.message is not None and update.message.text is not None
        await update.message.reply_text(update.message.text)

    app.add_handler(MessageHandler(filters.TEXT, echo))

    async def hook(request: web.Request) -> web.Response:
        data = await request.json()
        received.append((request.headers.get(SECRET_HEADER), data["update_id"]))
        if request.headers.get(SECRET_HEADER) != SECRET:
            return web.Response(status=403)
        if fail["next"]:
            fail["next"] -= 1
            return web.Response(status=500)
        await app.update_queue.put(Update.de_json(data, app.bot))
        return web.Response()

    server = web.Application()
    server.router.add_post("/tg/hook", hook)
    runner = web.AppRunner(server, handle_signals=False, access_log=None)
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    url = f"http://127.0.0.1:{port}/tg/hook"
    try:
        async with running(app, polling=False):
            assert await app.bot.set_webhook(
                url, secret_token=SECRET, max_connections=5,
                allowed_updates=["message", "callback_query"])
            assert fake.webhook is not None
            assert fake.webhook["secret_token"] == SECRET
            assert fake.webhook["max_connections"] == 5
            assert fake.webhook["allowed_updates"] == ["message", "callback_query"]

            first = fake.user_sends_text(2001, "chào")
            await fake.wait_for(lambda: fake.sent_messages(2001))
            assert received == [(SECRET, first["update_id"])]

            # A 500 is retried until the webhook answers 2xx.
            fail["next"] = 2
            again = fake.user_sends_text(2001, "lần hai", deliver=False)
            assert await fake.deliver(again) == [200]
            statuses = [d.status for d in fake.webhook_deliveries
                        if d.update_id == again["update_id"]]
            assert statuses == [500, 500, 200]

            # The same update twice, as Telegram does after a lost answer.
            twice = fake.user_sends_text(2001, "hai lần", deliver=False)
            assert await fake.deliver(twice, redeliver=True) == [200, 200]
            assert [u for _, u in received].count(twice["update_id"]) == 2

            # Types outside allowed_updates are not delivered.
            blocked = fake.user_blocks_bot(2002)
            assert blocked["update_id"] not in [u["update_id"] for u in fake.pending_updates]

            with pytest.raises(Conflict, match="webhook is active"):
                await app.bot.get_updates()
            status, body = await raw_get_updates(fake)
            assert status == 409 and body == {
                "ok": False, "error_code": 409,
                "description": "Conflict: can't use getUpdates method while webhook is "
                               "active; use deleteWebhook to delete the webhook first"}
            assert await app.bot.delete_webhook()
            assert await app.bot.get_updates() == ()
    finally:
        await runner.cleanup()
    assert all(secret == SECRET for secret, _ in received)


async def raw_get_updates(fake: FakeTelegram) -> tuple[int, dict[str, Any]]:
    async with aiohttp.ClientSession() as session:
        return await raw(session, fake, "getUpdates")


# ---- errors like the real API ----------------------------------------------------------------


@pytest.mark.asyncio
async def test_rate_limits_answer_429_with_retry_after(
    fake: FakeTelegram, http: aiohttp.ClientSession
) -> None:
    app = build(fake)
    await app.initialize()
    fake.register_chats([1, *range(3001, 3007)])
    # The windows and penalties by a clock of the test's: on the real one, a process held up a
    # second between two sends (a loaded machine) saw them in different windows.
    fake.clock = clock = StillClock()
    try:
        fake.rate_limit(per_chat_per_second=1, global_per_second=30)
        await app.bot.send_message(3001, "một")
        with pytest.raises(RetryAfter) as caught:
            await app.bot.send_message(3001, "hai")
        assert caught.value.retry_after == dtm.timedelta(seconds=1)
        await app.bot.send_message(3002, "another chat is fine")
        status, body = await raw(http, fake, "sendMessage", json={"chat_id": 3001, "text": "x"})
        assert status == 429 and body == {
            "ok": False, "error_code": 429, "description": "Too Many Requests: retry after 1",
            "parameters": {"retry_after": 1}}
        assert fake.rate_limited_count == 2
        assert [m["text"] for m in fake.sent_messages(3001)] == ["một"]

        fake.rate_limit(per_chat_per_second=None, global_per_second=2)
        clock.advance(1.05)  # the per-chat penalty and the 1 s window run out
        await app.bot.send_message(3003, "a")
        await app.bot.send_message(3004, "b")
        with pytest.raises(RetryAfter):
            await app.bot.send_message(3005, "c")

        fake.rate_limit(per_chat_per_second=None, global_per_second=None)
        fake.fail_next("sendMessage", 429, retry_after=7)
        with pytest.raises(RetryAfter) as caught:
            await app.bot.send_message(3006, "d")
        assert caught.value.retry_after == dtm.timedelta(seconds=7)
        # The 429 opened a 7 s window for that chat: an immediate retry is refused again,
        # with the time that is left; other chats are not affected.
        with pytest.raises(RetryAfter) as caught:
            await app.bot.send_message(3006, "d")
        assert caught.value.retry_after == dtm.timedelta(seconds=7)
        await app.bot.send_message(3005, "e")
        fake.fail_next("sendMessage", 502, "Bad Gateway")
        status, body = await raw(http, fake, "sendMessage", json={"chat_id": 1, "text": "x"})
        assert (status, body["description"]) == (502, "Bad Gateway")
        assert (await raw(http, fake, "sendMessage", json={"chat_id": 1, "text": "x"}))[0] == 200
        assert fake.rate_limited_count == 5
        assert [m["text"] for m in fake.sent_messages(3006)] == []
    finally:
        await app.shutdown()


@pytest.mark.asyncio
async def test_blocked_chat_answers_403(fake: FakeTelegram, http: aiohttp.ClientSession) -> None:
    app = build(fake)
    await app.initialize()
    try:
        fake.user_sends_text(4001, "/start")
        fake.block(4001)
        with pytest.raises(Forbidden, match="bot was blocked by the user"):
            await app.bot.send_message(4001, "còn đó không?")
        status, body = await raw(http, fake, "sendMessage", json={"chat_id": 4001, "text": "x"})
        assert status == 403 and body == {
            "ok": False, "error_code": 403,
            "description": "Forbidden: bot was blocked by the user"}
        assert fake.sent_messages(4001) == []
        update = Update.de_json(fake.user_blocks_bot(4002), app.bot)
        assert update.my_chat_member is not None
        assert update.my_chat_member.new_chat_member.status == "kicked"
        with pytest.raises(Forbidden):
            await app.bot.send_document(4002, b"x", filename="x.csv")
    finally:
        await app.shutdown()


@pytest.mark.asyncio
async def test_text_validation_like_telegram(
    fake: FakeTelegram, http: aiohttp.ClientSession
) -> None:
    async def send(text: str, parse_mode: str | None = "HTML") -> tuple[int, str]:
        payload: dict[str, Any] = {"chat_id": 6001, "text": text}
        fake.register_chats([6001])
        if parse_mode:
            payload["parse_mode"] = parse_mode
        status, body = await raw(http, fake, "sendMessage", json=payload)
        return status, body.get("description", "")

    assert await send("") == (400, "Bad Request: message text is empty")
    assert await send("  \n ") == (400, "Bad Request: message text is empty")
    assert await send("a" * 4097, None) == (400, "Bad Request: message is too long")
    assert (await send("a" * 4096, None))[0] == 200
    assert (await send("<b>" + "a" * 4096 + "</b>"))[0] == 200  # tags do not count
    assert (await send("&lt;" * 4096))[0] == 200  # an entity is one character
    assert await send("&lt;" * 4097) == (400, "Bad Request: message is too long")
    assert (await send("a & b > c"))[0] == 200  # a bare & or > is fine in Telegram's HTML
    assert await send("<b>đậm") == (
        400, "Bad Request: can't parse entities: Can't find end tag corresponding to start "
             'tag "b"')
    assert await send("1 < 2") == (
        400, 'Bad Request: can\'t parse entities: Unsupported start tag "" at byte offset 2')
    assert await send("<b>x</i>") == (
        400, "Bad Request: can't parse entities: Unmatched end tag at byte offset 4, "
             'expected "</b>", found "</i>"')
    assert (await send("dòng<br>"))[1].startswith(
        'Bad Request: can\'t parse entities: Unsupported start tag "br"')
    assert await send('<b class="x">đậm</b>') == (
        400, "Bad Request: can't parse entities: Unsupported attribute of the tag \"b\" at "
             "byte offset 0")
    # The bot writes HTML only: any other parse mode is a mistake here.
    assert await send("*đậm*", "MarkdownV2") == (400, "Bad Request: unsupported parse_mode")

    text, entities = parse_html('<b>Học</b> <a href="https://x.vn">tập</a> &amp; 😀<i>x</i>')
    assert text == "Học tập & 😀x"
    assert entities == [
        {"type": "bold", "offset": 0, "length": 3},
        {"type": "text_link", "offset": 4, "length": 3, "url": "https://x.vn"},
        {"type": "italic", "offset": 12, "length": 1},  # 😀 is two UTF-16 units
    ]
    app = build(fake)
    await app.initialize()
    try:
        with pytest.raises(BadRequest, match="Message text is empty"):
            await app.bot.send_message(6001, "")
        message = await app.bot.send_message(6001, "<b>Lịch</b> hôm nay", parse_mode="HTML")
        assert message.text == "Lịch hôm nay"
        assert [(e.type, e.offset, e.length) for e in message.entities] == [("bold", 0, 4)]
        with pytest.raises(BadRequest, match="Message is not modified"):
            await app.bot.edit_message_text("<b>Lịch</b> hôm nay", 6001, message.message_id,
                                            parse_mode="HTML")
        with pytest.raises(BadRequest, match="Message to edit not found"):
            await app.bot.edit_message_text("x", 6001, 999)
    finally:
        await app.shutdown()


@pytest.mark.asyncio
async def test_a_penalty_window_counts_down(
    fake: FakeTelegram, http: aiohttp.ClientSession
) -> None:
    fake.register_chats([3101])
    # By a clock of the test's: on the real one the retry after 1.1 s had to come within 0.9 s
    # (before the window ended), which a process held up on a loaded machine may not.
    fake.clock = clock = StillClock()
    fake.fail_next("sendMessage", 429, retry_after=2)
    sent = {"chat_id": 3101, "text": "x"}
    status, body = await raw(http, fake, "sendMessage", json=sent)
    assert (status, body["parameters"]) == (429, {"retry_after": 2})
    clock.advance(1.1)
    status, body = await raw(http, fake, "sendMessage", json=sent)
    assert (status, body["parameters"], body["description"]) == (
        429, {"retry_after": 1}, "Too Many Requests: retry after 1")
    clock.advance(1.0)  # past the window's end, 2 s after the 429
    assert (await raw(http, fake, "sendMessage", json=sent))[0] == 200
    # A method that names no chat: the window is the method's.
    fake.fail_next("setMyCommands", 429, retry_after=1)
    commands = {"commands": [{"command": "lich", "description": "lịch"}]}
    assert (await raw(http, fake, "setMyCommands", json=commands))[0] == 429
    assert (await raw(http, fake, "setMyCommands", json=commands))[0] == 429
    assert (await raw(http, fake, "getMe"))[0] == 200


@pytest.mark.asyncio
async def test_a_chat_that_never_started_the_bot_answers_403(
    fake: FakeTelegram, http: aiohttp.ClientSession
) -> None:
    app = build(fake)
    await app.initialize()
    try:
        with pytest.raises(Forbidden, match="bot can't initiate conversation with a user"):
            await app.bot.send_message(4101, "xin chào")
        status, body = await raw(http, fake, "sendMessage", json={"chat_id": 4101, "text": "x"})
        assert status == 403 and body["description"] == (
            "Forbidden: bot can't initiate conversation with a user")
        fake.user_sends_text(4101, "/start")  # the user writes first: now the bot may answer
        await app.bot.send_message(4101, "xin chào")
        fake.register_chats([4102])  # or the user started the bot before the test
        await app.bot.send_message(4102, "xin chào")
        await app.bot.send_message(-4103, "a group is not a private chat")
        assert [m["chat_id"] for m in fake.sent_messages()] == [4101, 4102, -4103]
    finally:
        await app.shutdown()
    async with FakeTelegram(token=TOKEN, strict_chats=False) as lenient:
        status, _ = await raw(http, lenient, "sendMessage", json={"chat_id": 4104, "text": "x"})
        assert status == 200


@pytest.mark.asyncio
async def test_old_callback_queries_and_final_400s(
    fake: FakeTelegram, http: aiohttp.ClientSession
) -> None:
    fake.callback_query_timeout = 0.3
    fake.register_chats([4201])
    keyboard = {"inline_keyboard": [[{"text": "A", "callback_data": "a"}]]}
    _, body = await raw(http, fake, "sendMessage",
                        json={"chat_id": 4201, "text": "menu", "reply_markup": keyboard})
    message_id = body["result"]["message_id"]
    too_old = ("Bad Request: query is too old and response timeout expired or query ID is "
               "invalid")
    fresh = fake.user_presses_button(4201, message_id, "a")["callback_query"]["id"]
    old = fake.user_presses_button(4201, message_id, "a")["callback_query"]["id"]
    await asyncio.sleep(0.35)
    status, body = await raw(http, fake, "answerCallbackQuery", json={"callback_query_id": old})
    assert (status, body["description"]) == (400, too_old)
    fake.callback_query_timeout = 15.0
    assert (await raw(http, fake, "answerCallbackQuery",
                      json={"callback_query_id": fresh}))[0] == 200
    # Answered once: a second answer is refused the same way.
    status, body = await raw(http, fake, "answerCallbackQuery",
                             json={"callback_query_id": fresh})
    assert (status, body["description"]) == (400, too_old)

    # An injected 400 is final for that request: the identical retry gets it again.
    fake.fail_next("sendMessage", 400, "Bad Request: chat not found")
    request = {"chat_id": 4201, "text": "again"}
    for _ in range(3):
        status, body = await raw(http, fake, "sendMessage", json=request)
        assert (status, body["description"]) == (400, "Bad Request: chat not found")
    assert (await raw(http, fake, "sendMessage", json={"chat_id": 4201, "text": "other"}))[
        0] == 200


# ---- getUpdates ------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_get_updates_offset_limit_and_long_polling(
    fake: FakeTelegram, http: aiohttp.ClientSession
) -> None:
    app = build(fake)
    await app.initialize()
    bot = app.bot
    try:
        ids = [fake.user_sends_text(7001, f"tin {i}")["update_id"] for i in range(3)]
        assert [u.update_id for u in await bot.get_updates()] == ids
        assert [u.update_id for u in await bot.get_updates(limit=1)] == ids[:1]
        # An offset confirms every update below it: those are gone for good.
        assert [u.update_id for u in await bot.get_updates(offset=ids[1])] == ids[1:]
        assert [u.update_id for u in await bot.get_updates()] == ids[1:]
        # A negative offset keeps only the last -offset updates.
        assert [u.update_id for u in await bot.get_updates(offset=-1)] == ids[2:]
        assert [u.update_id for u in await bot.get_updates()] == ids[2:]
        assert await bot.get_updates(offset=ids[2] + 1) == ()
        assert fake.pending_updates == []

        # Long polling returns as soon as an update is queued. The update comes once the poll
        # waits at the fake (0.1 s of sleep assumed it did), and it is answered with it, not
        # at its timeout (which answers an empty list), whatever the machine's speed.
        polls = len(fake.calls("getUpdates"))
        started = time.monotonic()
        poll = asyncio.create_task(bot.get_updates(timeout=5))
        await fake.wait_for("getUpdates", count=polls + 1)
        later = fake.user_sends_text(7001, "muộn")
        [update] = await poll
        assert update.update_id == later["update_id"]
        assert time.monotonic() - started < 5

        # With nothing queued it waits for the timeout, then answers an empty list.
        started = time.monotonic()
        status, body = await raw(http, fake, "getUpdates",
                                 data={"offset": str(later["update_id"] + 1), "timeout": "0.3"})
        assert (status, body) == (200, {"ok": True, "result": []})
        assert time.monotonic() - started >= 0.25

        # A second getUpdates ends the first one with 409, like Telegram. The second is sent
        # once the first waits at the fake (after 0.1 s of sleep, on a loaded machine it could
        # come first and the first then waited its 5 s for nothing).
        polls = len(fake.calls("getUpdates"))
        first = asyncio.create_task(raw(http, fake, "getUpdates", json={"timeout": 5}))
        await fake.wait_for("getUpdates", count=polls + 1)
        assert await raw(http, fake, "getUpdates", json={"timeout": 0}) == (
            200, {"ok": True, "result": []})
        status, body = await first
        assert status == 409 and "terminated by other getUpdates request" in body["description"]
    finally:
        await app.shutdown()


# ---- the wire protocol -----------------------------------------------------------------------


@pytest.mark.asyncio
async def test_wire_protocol_json_form_multipart_query(
    fake: FakeTelegram, http: aiohttp.ClientSession
) -> None:
    assert await raw(http, fake, "getMe", token="123456:wrong") == (
        401, {"ok": False, "error_code": 401, "description": "Unauthorized"})
    assert await raw(http, fake, "sendTelepathy", json={}) == (
        404, {"ok": False, "error_code": 404, "description": "Not Found: method not found"})

    status, body = await raw(http, fake, "getme", verb="GET")
    assert status == 200 and body["result"] == {
        "id": 123456, "is_bot": True, "first_name": "Học tập suốt đời",
        "username": "hoctap_test_bot", "can_join_groups": True,
        "can_read_all_group_messages": False, "supports_inline_queries": False,
        "can_connect_to_business": False, "has_main_web_app": False}

    keyboard = {"inline_keyboard": [[{"text": "A", "callback_data": "a"}]]}
    fake.register_chats([8001])
    # JSON body with real types; method names are case-insensitive.
    status, body = await raw(http, fake, "SENDMESSAGE",
                             json={"chat_id": 8001, "text": "json", "reply_markup": keyboard})
    assert status == 200 and body["result"]["reply_markup"] == keyboard
    message = body["result"]
    assert message["chat"] == {"id": 8001, "type": "private", "first_name": "An"}
    assert message["from"]["id"] == 123456 and message["from"]["is_bot"] is True
    assert isinstance(message["date"], int) and message["message_id"] == 1
    # JSON body the way PTB sends it: every value a string, objects JSON-encoded in it.
    status, body = await raw(http, fake, "sendMessage", json={
        "chat_id": "8001", "text": "ptb", "reply_markup": json.dumps(keyboard),
        "disable_notification": "true"})
    assert status == 200 and body["result"]["message_id"] == 2
    # An urlencoded form.
    status, _ = await raw(http, fake, "sendMessage", data={
        "chat_id": "8001", "text": "form", "reply_markup": json.dumps(keyboard)})
    assert status == 200
    # A query string.
    status, _ = await raw(http, fake, "sendMessage", verb="GET",
                          params={"chat_id": "8001", "text": "query"})
    assert status == 200
    for sent in fake.calls("sendMessage", chat_id=8001, ok=True):
        assert sent.method == "sendMessage" and sent.params["chat_id"] == 8001
    form_call = fake.calls("sendMessage")[2]
    assert form_call.params["reply_markup"] == keyboard
    assert fake.calls("sendMessage")[1].params["disable_notification"] is True
    method, params, when = fake.calls("getMe")[0]
    assert (method, params) == ("getMe", {}) and when <= time.monotonic()
    assert fake.requests[0].method == "sendTelepathy" and fake.requests[0].status == 404

    # Multipart: the file's name and bytes are recorded.
    form = aiohttp.FormData()
    form.add_field("chat_id", "8001")
    form.add_field("document", b"%PDF-1.4 fake", filename="bai-giang.pdf",
                   content_type="application/pdf")
    status, body = await raw(http, fake, "sendDocument", data=form)
    assert status == 200
    document = body["result"]["document"]
    assert document["file_name"] == "bai-giang.pdf" and document["file_size"] == 13
    upload = fake.calls("sendDocument")[0].files["document"]
    assert (upload.filename, upload.data) == ("bai-giang.pdf", b"%PDF-1.4 fake")

    status, body = await raw(http, fake, "sendMessage", data=b"{not json",
                             headers={"Content-Type": "application/json"})
    assert status == 400 and body["error_code"] == 400


@pytest.mark.asyncio
async def test_documents_and_commands_through_ptb(fake: FakeTelegram) -> None:
    app = build(fake)
    await app.initialize()
    bot = app.bot
    try:
        fake.register_chats([9001])
        document = await bot.send_document(9001, b"abc", filename="ghi-chu.txt")
        assert document.document is not None and document.document.file_name == "ghi-chu.txt"
        assert fake.calls("sendDocument")[0].files["document"].data == b"abc"
        with pytest.raises(Forbidden, match="can't initiate"):
            await bot.send_document(9002, b"abc", filename="ghi-chu.txt")

        commands = [BotCommand("lich", "lịch sự kiện"), BotCommand("homnay", "hôm nay")]
        assert await bot.set_my_commands(commands)
        assert await bot.set_my_commands(commands[:1], language_code="en")
        assert fake.calls("setMyCommands")[0].params["commands"] == [
            {"command": "lich", "description": "lịch sự kiện"},
            {"command": "homnay", "description": "hôm nay"}]
        with pytest.raises(BadRequest):
            await bot.set_my_commands([BotCommand("Bad Command", "x")])
        # A method the bot never calls is not there (PTB reads a 404 as a bad token).
        with pytest.raises(InvalidToken, match="method not found"):
            await bot.send_chat_action(9001, "typing")
    finally:
        await app.shutdown()


@pytest.mark.asyncio
async def test_injected_updates_parse_in_ptb(fake: FakeTelegram) -> None:
    app = build(fake)
    await app.initialize()
    try:
        text = fake.user_sends_text(9101, "xin chào", deliver=False)
        updates = [
            fake.user_sends_sticker(9101),
            fake.user_edits_message(9101, text["message"]["message_id"], "/lich đã sửa"),
            fake.user_blocks_bot(9101),
        ]
        parsed = [Update.de_json(u, app.bot) for u in updates]
        sticker, edited, kicked = parsed
        assert sticker.message is not None and sticker.message.sticker is not None
        assert edited.edited_message is not None
        assert edited.edited_message.text == "/lich đã sửa"
        assert edited.edited_message.entities[0].type == "bot_command"
        assert kicked.my_chat_member is not None
        assert kicked.my_chat_member.new_chat_member.status == "kicked"
        assert [u.update_id for u in parsed] == list(
            range(text["update_id"] + 1, text["update_id"] + 4))
        # Not delivered: deliver=False; everything else is queued for getUpdates.
        assert [u["update_id"] for u in fake.pending_updates] == [u.update_id for u in parsed]
    finally:
        await app.shutdown()


@pytest.mark.asyncio
async def test_wait_for_times_out_with_what_was_received(fake: FakeTelegram) -> None:
    app = build(fake)
    await app.initialize()
    try:
        assert len(await fake.wait_for("getme", count=1, timeout=1)) == 1
        with pytest.raises(TimeoutError, match=r"(?s)1 x sendMessage.*getMe -> 200"):
            await fake.wait_for("sendMessage", timeout=0.1)
        with pytest.raises(TimeoutError, match="received 1 request"):
            await fake.wait_for(lambda: False, timeout=0.1)
    finally:
        await app.shutdown()
