"""A python-telegram-bot request layer on one long-lived aiohttp.ClientSession.

PTB's default layer (httpx) is the throughput bottleneck on this machine; aiohttp is on the design
card already. HTTPXRequest stays available with `[telegram] http = "httpx"`.
"""

from __future__ import annotations

import json
from contextvars import ContextVar
from typing import Any

import aiohttp
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData

DEFAULT_NONE = BaseRequest.DEFAULT_NONE
# The JSON body of the post_json call in progress in this task (see post_json).
_BODY: ContextVar[bytes | None] = ContextVar("telegram_json_body", default=None)
JSON = {"Content-Type": "application/json"}


class AiohttpRequest(BaseRequest):
    """Send Bot API requests over a shared aiohttp session with a bounded connection pool."""

    def __init__(
        self,
        connection_pool_size: int = 64,
        read_timeout: float | None = 5.0,
        write_timeout: float | None = 5.0,
        connect_timeout: float | None = 5.0,
        media_write_timeout: float | None = 20.0,
    ) -> None:
        self._pool_size = connection_pool_size
        self._read_timeout = read_timeout
        self._write_timeout = write_timeout
        self._connect_timeout = connect_timeout
        self._media_write_timeout = media_write_timeout
        self._session: aiohttp.ClientSession | None = None

    @property
    def read_timeout(self) -> float | None:
        return self._read_timeout

    async def initialize(self) -> None:
        if self._session is None or self._session.closed:
            connector = aiohttp.TCPConnector(limit=self._pool_size, ttl_dns_cache=300)
            self._session = aiohttp.ClientSession(
                connector=connector, headers={"User-Agent": self.USER_AGENT}
            )

    async def shutdown(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()
        self._session = None

    async def post_json(self, url: str, params: dict[str, Any],
                        read_timeout: float | None = None) -> Any:
        """BaseRequest.post (its error mapping, RetryAfter, Forbidden, BadRequest..., and its
        parsing of the answer) for Bot API parameters encoded once, as one JSON document.

        python-telegram-bot's own path wraps each parameter in an object and encodes every
        nested one as a JSON string inside the JSON body; for the bot's answers that was a
        fifth of the CPU per update (issue 18). Telegram takes nested objects as they are.
        """
        body = json.dumps(params, ensure_ascii=False, separators=(",", ":")).encode()
        token = _BODY.set(body)
        try:
            return await self.post(url, None, read_timeout=DEFAULT_NONE if read_timeout is None
                                   else read_timeout)
        finally:
            _BODY.reset(token)

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: float | object | None = DEFAULT_NONE,
        write_timeout: float | object | None = DEFAULT_NONE,
        connect_timeout: float | object | None = DEFAULT_NONE,
        pool_timeout: float | object | None = DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        if self._session is None or self._session.closed:
            raise RuntimeError("AiohttpRequest is not initialized")
        files = request_data.multipart_data if request_data else None
        read = self._read_timeout if read_timeout is DEFAULT_NONE else read_timeout
        connect = self._connect_timeout if connect_timeout is DEFAULT_NONE else connect_timeout
        write = self._write_timeout if write_timeout is DEFAULT_NONE else write_timeout
        if files and write_timeout is DEFAULT_NONE:
            write = self._media_write_timeout
        # aiohttp has no separate write timeout: the whole request gets read + write.
        total = None
        if isinstance(read, (int, float)) and isinstance(write, (int, float)):
            total = float(read) + float(write)
        timeout = aiohttp.ClientTimeout(
            total=total,
            sock_connect=float(connect) if isinstance(connect, (int, float)) else None,
            sock_read=float(read) if isinstance(read, (int, float)) else None,
        )
        data: aiohttp.FormData | bytes | None = None
        headers: dict[str, str] | None = None
        if request_data is None and (body := _BODY.get()) is not None:
            data, headers = body, JSON
        elif files and request_data is not None:
            form = aiohttp.FormData()
            for name, value in request_data.json_parameters.items():
                form.add_field(name, value)
            for part, (filename, content, mime) in files.items():
                form.add_field(part, content, filename=filename, content_type=mime)
            data = form
        elif request_data is not None:
            data, headers = request_data.json_payload, JSON
        try:
            async with self._session.request(
                method, url, data=data, headers=headers, timeout=timeout
            ) as response:
                return response.status, await response.read()
        except TimeoutError as err:
            raise TimedOut from err
        except aiohttp.ClientError as err:
            raise NetworkError(f"aiohttp.{err.__class__.__name__}: {err}") from err
