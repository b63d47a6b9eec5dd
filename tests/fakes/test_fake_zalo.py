"""The fake Zalo OA API holds the bot to Zalo's rules, over real HTTP as the bot calls it."""

from __future__ import annotations

import asyncio
import hashlib
import json
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
from aiohttp import web

from bot.channels.zalo.webhook import signature
from tests.fakes.zalo import APP_ID, APP_SECRET, FakeZalo, RefreshCall

USER = "8123456789012345678"
OTHER = "8123456789012345679"


@pytest.fixture
async def zalo() -> AsyncIterator[FakeZalo]:
    async with FakeZalo() as fake:
        yield fake


@pytest.fixture
async def http() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as session:
        yield session


@pytest.fixture
async def webhook() -> AsyncIterator[tuple[str, list[bytes]]]:
    """A bot's webhook that accepts everything: the fake records what it delivered."""
    bodies: list[bytes] = []

    async def hook(request: web.Request) -> web.Response:
        bodies.append(await request.read())
        return web.Response()

    app = web.Application()
    app.router.add_post("/hook", hook)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    yield f"http://127.0.0.1:{port}/hook", bodies
    await runner.cleanup()


async def send(http: aiohttp.ClientSession, zalo: FakeZalo, token: str, user: str,
               text: str = "Nhắc lịch") -> int:
    """POST one consultation message the way bot/channels/zalo/client.py does; Zalo's code."""
    async with http.post(f"{zalo.url}/v3.0/oa/message/cs", headers={"access_token": token},
                         json={"recipient": {"user_id": user}, "message": {"text": text}}
                         ) as resp:
        assert resp.status == 200  # Zalo answers errors with HTTP 200 and a code
        body: dict[str, Any] = await resp.json()
    return int(body["error"])


async def refresh(http: aiohttp.ClientSession, zalo: FakeZalo, token: str) -> dict[str, Any]:
    async with http.post(f"{zalo.url}/v4/oa/access_token", headers={"secret_key": APP_SECRET},
                         data={"refresh_token": token, "app_id": APP_ID,
                               "grant_type": "refresh_token"}) as resp:
        result: dict[str, Any] = await resp.json()
    return result


async def test_the_seven_day_window_is_computed_from_delivered_events(
    zalo: FakeZalo, http: aiohttp.ClientSession, webhook: tuple[str, list[bytes]]
) -> None:
    url, delivered = webhook
    access, _ = zalo.issue_pair()
    # Never wrote to the OA: Zalo refuses a consultation message (-232).
    assert await send(http, zalo, access, USER) == -232
    assert await zalo.post_event(url, zalo.event("user_send_text", USER, text="lịch")) == 200
    assert await send(http, zalo, access, USER) == 0
    # Six days later it still goes; past seven days it is refused (-230) until they write.
    zalo.advance(days=6)
    assert await send(http, zalo, access, USER) == 0
    zalo.advance(days=1, seconds=60)
    assert await send(http, zalo, access, USER) == -230
    assert await zalo.post_event(url, zalo.event("user_send_sticker", USER)) == 200
    assert await send(http, zalo, access, USER) == 0
    # Following opens the window too; unfollowing answers -213 until they follow again.
    assert await zalo.post_event(url, zalo.event("follow", OTHER)) == 200
    assert await send(http, zalo, access, OTHER) == 0
    assert await zalo.post_event(url, zalo.event("unfollow", OTHER)) == 200
    assert await send(http, zalo, access, OTHER) == -213
    assert await zalo.post_event(url, zalo.event("follow", OTHER)) == 200
    assert await send(http, zalo, access, OTHER) == 0
    # An event the fake could not read opens nothing (Zalo only counts what happened).
    assert await zalo.post_event(url, b"{not json", timestamp="1") == 200
    # Ids that exceed 2**53 are read as the exact text.
    raw = (b'{"app_id":"' + APP_ID.encode() + b'","event_name":"user_send_text",'
           b'"timestamp":1,"sender":{"id":81234567890123456789},"message":{"msg_id":"m",'
           b'"text":"hi"}}')
    assert await zalo.post_event(url, raw, timestamp="1") == 200
    assert await send(http, zalo, access, "81234567890123456789") == 0
    assert len(delivered) == 7
    assert [m.user_id for m in zalo.messages] == [USER, USER, USER, OTHER, OTHER,
                                                  "81234567890123456789"]


async def test_tokens_expire_and_refresh_tokens_work_once(
    zalo: FakeZalo, http: aiohttp.ClientSession, webhook: tuple[str, list[bytes]]
) -> None:
    url, _ = webhook
    await zalo.post_event(url, zalo.event("user_send_text", USER, text="hi"))
    access, refresh_token = zalo.issue_pair()
    assert await send(http, zalo, "AT-never-issued", USER) == -216
    zalo.expire_access_tokens()
    assert await send(http, zalo, access, USER) == -220

    seen: list[tuple[RefreshCall, tuple[str, str]]] = []

    async def before_the_answer(call: RefreshCall, pair: tuple[str, str]) -> None:
        # The old token is already spent when the answer is still on its way.
        assert not zalo.refresh_token_valid(call.refresh_token)
        seen.append((call, pair))

    zalo.on_refresh = before_the_answer
    answer = await refresh(http, zalo, refresh_token)
    assert answer["expires_in"] == "90000"  # a string of seconds (25 h), as Zalo sends it
    assert seen == [(RefreshCall(refresh_token, True),
                     (answer["access_token"], answer["refresh_token"]))]
    assert await send(http, zalo, answer["access_token"], USER) == 0
    # Single use: the same refresh token again is refused and issues nothing.
    again = await refresh(http, zalo, refresh_token)
    assert again["error"] == -14014 and "access_token" not in again
    # A refresh token also dies of old age (3 months).
    zalo.expire_refresh_tokens()
    old = await refresh(http, zalo, answer["refresh_token"])
    assert old["error"] == -14020 and "access_token" not in old
    assert [r.ok for r in zalo.refreshes] == [True, False, False]
    assert len(seen) == 1


async def test_attempts_count_against_the_rate_limit(
    zalo: FakeZalo, http: aiohttp.ClientSession, webhook: tuple[str, list[bytes]]
) -> None:
    url, _ = webhook
    await zalo.post_event(url, zalo.event("user_send_text", USER, text="hi"))
    access, _ = zalo.issue_pair()
    zalo.rate_limit = 3
    assert await send(http, zalo, access, USER) == 0
    assert await send(http, zalo, access, OTHER) == -232  # refused, but it was a call
    assert await send(http, zalo, access, USER) == 0
    # Two messages went out, yet this is the fourth call within the second.
    assert await send(http, zalo, access, USER) == -32
    # Retrying at once is one more call: still limited.
    assert await send(http, zalo, access, USER) == -32
    await asyncio.sleep(1.05)
    assert await send(http, zalo, access, USER) == 0
    assert zalo.rate_limited == 2
    assert len(zalo.sent_to(USER)) == 3


def test_the_signature_formula_matches_zalos_documentation() -> None:
    """X-ZEvent-Signature = "mac=" + hex(sha256(appId + body + timestamp + OA secret key)).

    The formula is Zalo's ("Xác thực Webhook", developers.zalo.me, as quoted in hainh.me's
    "Zalo API PHP Webhook Callback Official Account": SHA-256 of the app ID, the JSON body as
    received, the timestamp from that body and the OA secret key, in that order; the OA secret
    key, not the app secret). The body is a user_send_text event exactly as published in A4B's
    Zalo webhook reference (docs.a4b.vn, "ZaloPushToXBot": its Content-Length 269 is this
    compact form). Zalo publishes no signature for a sample payload, so the expected value was
    computed outside Python with coreutils:
        printf '%s' "${APP_ID}${BODY}${TIMESTAMP}oa-secret-key-example" | sha256sum
    """
    app_id, timestamp, key = "2553928453557884079", "1699003881354", "oa-secret-key-example"
    body = ('{"event_name":"user_send_text","app_id":"2553928453557884079","sender":{"id":'
            '"6142494823xxxxxxxx"},"recipient":{"id":"3662729599332560487"},"message":{"text":'
            '"Chào A4B","msg_id":"cb31dff1c39642cc1b83"},"timestamp":"1699003881354",'
            '"user_id_by_app":"979122185046046317"}').encode()
    assert len(body) == 269
    expected = "mac=e868455c42a1efde9ded614506ac9bff6b82c5424e823ebb4899c2afe6729268"
    assert signature(app_id, body, timestamp, key) == expected  # the bot's check
    fake = FakeZalo(app_id=app_id, oa_secret_key=key)
    assert fake.sign(body, timestamp) == expected  # what the fake signs events with
    # Neither an HMAC keyed with the secret nor a re-serialized body gives Zalo's value.
    import hmac

    mac = hmac.new(key.encode(), app_id.encode() + body + timestamp.encode(), hashlib.sha256)
    assert "mac=" + mac.hexdigest() != expected
    reserialized = json.dumps(json.loads(body), ensure_ascii=False).encode()
    assert signature(app_id, reserialized, timestamp, key) != expected
