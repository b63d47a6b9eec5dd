"""The fake Zalo Bot Platform is as strict as the platform (over real HTTP)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
from aiohttp import web

from tests.conftest import free_port
from tests.fakes.zalobot import SECRET_HEADER, TOKEN, UNSUPPORTED, FakeZaloBot, new_user_id


@pytest.fixture
async def fake() -> AsyncIterator[FakeZaloBot]:
    async with FakeZaloBot(rate_limit=3, retry_after=2) as server:
        yield server


async def call(fake: FakeZaloBot, method: str, body: dict[str, Any] | None = None,
               token: str = TOKEN) -> tuple[int, dict[str, Any], dict[str, str]]:
    async with aiohttp.ClientSession() as http, http.post(
            f"{fake.url}/bot{token}/{method}", json=body or {}) as response:
        return response.status, await response.json(), dict(response.headers)


async def test_token_method_and_text_are_checked() -> None:
    async with FakeZaloBot() as fake:
        await token_method_and_text(fake)


async def token_method_and_text(fake: FakeZaloBot) -> None:
    status, body, _ = await call(fake, "getMe", token="1:wrong")
    assert (status, body) == (401, {"ok": False, "error_code": 401,
                                    "description": "Unauthorized"})
    status, body, _ = await call(fake, "getMe")
    assert status == 200 and body["ok"] is True and body["result"]["id"]
    assert (await call(fake, "sendSticker"))[0] == 404
    user = new_user_id()
    assert (await call(fake, "sendMessage", {"chat_id": user, "text": "hi"}))[0] == 404
    await fake.deliver(fake.update(user, text="xin chào"))
    for text, expected in (("", 400), ("x" * 2001, 400), ("x" * 2000, 200)):
        assert (await call(fake, "sendMessage", {"chat_id": user, "text": text}))[0] == expected
    assert fake.texts(user) == ["x" * 2000]
    fake.block(user)
    status, body, _ = await call(fake, "sendMessage", {"chat_id": user, "text": "hi"})
    assert (status, body["error_code"]) == (403, 403)


async def test_sending_over_the_rate_gets_429_with_retry_after(fake: FakeZaloBot) -> None:
    user = new_user_id()
    await fake.deliver(fake.update(user, text="hi"))
    answers = [await call(fake, "sendChatAction", {"chat_id": user, "action": "typing"})
               for _ in range(5)]
    assert [a[0] for a in answers] == [200, 200, 200, 429, 429]
    assert answers[3][2]["Retry-After"] == "2" and answers[3][1]["error_code"] == 429
    assert fake.rate_limited == 2
    await asyncio.sleep(1.05)
    assert (await call(fake, "sendChatAction", {"chat_id": user, "action": "dancing"}))[0] == 400


async def test_get_updates_returns_one_update_or_408(fake: FakeZaloBot) -> None:
    user = new_user_id()
    first = fake.update(user, text="một")
    await fake.deliver(first)
    await fake.deliver(fake.update(user, text="hai"))
    status, body, _ = await call(fake, "getUpdates", {"timeout": "1"})
    assert status == 200 and body["result"] == first  # one object, not a list
    status, body, _ = await call(fake, "getUpdates", {"timeout": 1})
    assert body["result"]["message"]["text"] == "hai"
    status, body, _ = await call(fake, "getUpdates", {"timeout": "0.2"})
    assert (status, body["error_code"]) == (408, 408)


async def test_an_abandoned_poll_leaves_its_update_queued(fake: FakeZaloBot) -> None:
    async with aiohttp.ClientSession() as http:
        with pytest.raises(TimeoutError):
            async with asyncio.timeout(0.3):
                await http.post(f"{fake.url}/bot{TOKEN}/getUpdates", json={"timeout": 5})
    await asyncio.sleep(0.1)
    await fake.deliver(fake.update(new_user_id(), UNSUPPORTED))
    await asyncio.sleep(0.1)
    assert fake.pending == 1


async def test_webhook_gets_updates_with_the_secret_and_blocks_polling() -> None:
    received: list[tuple[str, Any]] = []

    async def hook(request: web.Request) -> web.Response:
        received.append((request.headers.get(SECRET_HEADER, ""), await request.json()))
        return web.Response(status=200)

    app = web.Application()
    app.router.add_post("/hook", hook)
    runner = web.AppRunner(app)
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    try:
        async with FakeZaloBot(errors_in_body_only=True) as fake:
            url = f"http://127.0.0.1:{port}/hook"
            status, body, _ = await call(fake, "setWebhook", {"url": url,
                                                              "secret_token": "short"})
            assert (status, body["error_code"]) == (200, 400)  # the code is in the body only
            secret = "s" * 40
            assert (await call(fake, "setWebhook", {"url": url,
                                                    "secret_token": secret}))[1]["ok"]
            assert (await call(fake, "getWebhookInfo"))[1]["result"]["url"] == url
            assert (await call(fake, "getUpdates", {"timeout": 1}))[1]["error_code"] == 409
            update = fake.update(new_user_id(), text="chào")
            assert await fake.deliver(update) == 200
            assert received == [(secret, {"ok": True, "result": update})]
            await call(fake, "deleteWebhook")
            assert await fake.deliver(update) is None and fake.pending == 1
    finally:
        await runner.cleanup()
