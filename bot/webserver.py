"""The web server's defences below the bot: header and body timeouts, a connection limit.

aiohttp's server has no header-read timeout: its keep-alive timer (3,630 s by default) is the
only clock on a connection that never completes a request, and it has no connection limit. So
each accepted connection is wrapped in `_Guarded`, a thin asyncio protocol that forwards every
byte to aiohttp's own protocol unchanged and only adds:

* a header timer, started when the connection opens and again after each answer: a
  connection that has not completed a request's headers when it fires is closed (408 when
  some of a request had arrived, silently when it was idle between requests);
* a limit on open connections: at the limit the oldest connection waiting for headers is
  closed to make room, and when every one is busy with a request the new one gets a 503 and
  is closed at once, so attackers holding idle sockets cannot keep /healthz out.

`ConnectionGuard.middleware` tells the guard when a request's headers are complete (the
handler runs) and when its answer is done. The body has its own timeout in `read_body`.
`GuardedSite` is aiohttp's TCPSite with the wrapping protocol factory.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import resource
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from bot.observability import Metrics, Refused, parse_json
from bot.settings import WebSettings

log = logging.getLogger(__name__)

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

_TIMEOUT_408 = (b"HTTP/1.1 408 Request Timeout\r\nContent-Type: text/plain\r\n"
                b"Content-Length: 16\r\nConnection: close\r\n\r\nrequest timeout\n")
_BUSY_503 = (b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\n"
             b"Content-Length: 5\r\nRetry-After: 1\r\nConnection: close\r\n\r\nbusy\n")
# File descriptors the process needs besides its web connections: the database pool, the
# HTTP sessions to Telegram and Zalo, logs, the event loop's own.
FD_RESERVE = 256


@dataclass(frozen=True)
class BodyLimits:
    """How a webhook body is read: time allowed for all of it, deepest JSON nesting."""

    timeout: float = 10.0
    max_depth: int = 32


BODY_LIMITS = web.AppKey("hoctap_body_limits", BodyLimits)


def body_limits(request: web.Request) -> BodyLimits:
    return request.app.get(BODY_LIMITS, BodyLimits())


async def read_body(request: web.Request) -> bytes:
    """The whole body within the body timeout and `client_max_size`; raises Refused.

    Call it only once the request is authenticated as far as its headers allow: until then
    the body stays unread (aiohttp discards it after the answer).
    """
    try:
        async with asyncio.timeout(body_limits(request).timeout):
            return await request.read()
    except TimeoutError:
        raise Refused(408, "body_timeout", "request body too slow", close=True) from None
    except web.HTTPRequestEntityTooLarge:
        raise Refused(413, "too_large", "request body too large", close=True) from None
    except (ConnectionError, web.RequestPayloadError):
        # The client went away mid-body: nobody will read the answer; counted, not logged.
        raise Refused(400, "aborted", "request body incomplete", close=True) from None


async def read_json(request: web.Request, *, exact: bool = False) -> Any:
    """`read_body`, then JSON parsed with the configured depth limit; raises Refused."""
    raw = await read_body(request)
    return parse_json(raw, body_limits(request).max_depth, exact=exact)


class _Guarded(asyncio.Protocol):
    """One connection: aiohttp's protocol inside, the header timer and the limit outside."""

    def __init__(self, inner: asyncio.Protocol, guard: ConnectionGuard) -> None:
        self.inner = inner
        self.guard = guard
        self.transport: asyncio.Transport | None = None
        self.admitted = False
        self.in_request = False
        self.received = False  # bytes of a request arrived since the last answer
        self._timer: asyncio.TimerHandle | None = None

    # -- asyncio.Protocol, forwarded ---------------------------------------------------------

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport
        if not self.guard.admit(self):
            transport.write(_BUSY_503)
            transport.close()
            return
        self.admitted = True
        self.inner.connection_made(transport)
        self.arm()

    def data_received(self, data: bytes) -> None:
        if self.admitted:
            self.received = True
            self.inner.data_received(data)

    def eof_received(self) -> bool | None:
        return self.inner.eof_received() if self.admitted else None

    def pause_writing(self) -> None:
        if self.admitted:
            self.inner.pause_writing()

    def resume_writing(self) -> None:
        if self.admitted:
            self.inner.resume_writing()

    def connection_lost(self, exc: Exception | None) -> None:
        self.disarm()
        if self.admitted:
            self.guard.release(self)
            self.inner.connection_lost(exc)

    # -- the header timer --------------------------------------------------------------------

    def arm(self) -> None:
        """Headers are due within the header timeout from now."""
        self.disarm()
        self.in_request = False
        self.received = False
        loop = asyncio.get_running_loop()
        self._timer = loop.call_later(self.guard.header_timeout, self._expired)

    def disarm(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    def request_started(self) -> None:
        self.disarm()
        self.in_request = True

    def _expired(self) -> None:
        self._timer = None
        if self.in_request:
            return
        self.close("header_timeout", answer=_TIMEOUT_408 if self.received else b"")

    def close(self, reason: str, answer: bytes = b"") -> None:
        """Close the connection now (counted by reason)."""
        self.guard.metrics.connections_closed.labels(reason).inc()
        self.disarm()
        if self.transport is not None and not self.transport.is_closing():
            if answer:
                self.transport.write(answer)
                self.transport.close()
            else:
                self.transport.abort()  # idle: nothing to flush, free the descriptor now


class ConnectionGuard:
    """The connections of the web server: their number, their header timers."""

    def __init__(self, settings: WebSettings, metrics: Metrics) -> None:
        self.header_timeout = settings.header_timeout
        self.limit = settings.max_connections
        self.metrics = metrics
        # Insertion order is age order: the first idle one is the oldest.
        self._open: dict[asyncio.BaseTransport, _Guarded] = {}

    def protocol_factory(self, inner: Callable[[], asyncio.Protocol]
                         ) -> Callable[[], asyncio.Protocol]:
        return lambda: _Guarded(inner(), self)

    def admit(self, conn: _Guarded) -> bool:
        """Make room for `conn` by closing the oldest idle connection, or refuse it."""
        if len(self._open) >= self.limit:
            idle = next((c for c in self._open.values() if not c.in_request), None)
            if idle is None:
                self.metrics.connections_closed.labels("refused").inc()
                return False
            idle.close("evicted")
            self.release(idle)
        assert conn.transport is not None
        self._open[conn.transport] = conn
        self.metrics.connections.set(len(self._open))
        return True

    def release(self, conn: _Guarded) -> None:
        if conn.transport is not None and self._open.pop(conn.transport, None) is not None:
            self.metrics.connections.set(len(self._open))

    @web.middleware
    async def middleware(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        """The headers are complete while the handler runs; the timer restarts after it."""
        conn = self._open.get(request.transport) if request.transport is not None else None
        if conn is None:  # a site without the guard (tests that build their own)
            return await handler(request)
        conn.request_started()
        try:
            return await handler(request)
        finally:
            # Re-armed now, before aiohttp writes the answer: a client that does not read
            # its answer is bounded by the same timeout.
            if conn.transport is not None and not conn.transport.is_closing():
                conn.arm()


GUARD = web.AppKey("hoctap_connection_guard", ConnectionGuard)


class GuardedSite(web.BaseSite):
    """aiohttp's TCPSite, each connection wrapped by the guard."""

    __slots__ = ("_guard", "_host", "_port", "_reuse_port")

    def __init__(self, runner: web.BaseRunner, host: str, port: int,
                 guard: ConnectionGuard, backlog: int = 128, reuse_port: bool = False) -> None:
        super().__init__(runner, backlog=backlog)
        self._host = host
        self._port = port
        self._guard = guard
        self._reuse_port = reuse_port

    @property
    def name(self) -> str:
        return f"http://{self._host}:{self._port}"

    async def start(self) -> None:
        await super().start()
        server = self._runner.server
        assert server is not None
        loop = asyncio.get_running_loop()
        self._server = await loop.create_server(self._guard.protocol_factory(server),
                                                self._host, self._port, backlog=self._backlog,
                                                reuse_port=self._reuse_port or None)


# Descriptors the process holds whatever the web traffic (its files, pools, the loop's own),
# counted when the accept burst is sized; the limit's warning keeps the larger FD_RESERVE.
FD_BASE = 32


def accept_burst(open_files: int, connections: int) -> int:
    """The listen backlog, which is also how many connections asyncio accepts in one go before
    the guard sees any of them. A burst accepted in one loop iteration gets its transports in
    the next (asyncio's accept task) and is admitted in the one after (`connection_made`),
    each admission evicting an idle connection whose descriptor is closed one iteration later
    still. When the queue is full again at every iteration (many attackers), an accept finds
    `connections` open, the burst evicted two iterations ago not yet closed, last iteration's
    burst not yet admitted, and takes its own: three bursts must fit beside the connections
    under the open-file limit; 8 to 128."""
    room = (open_files - connections - FD_BASE) // 3 if open_files > 0 else 128
    return max(8, min(128, connections, room))


def raise_fd_limit(connections: int) -> int:
    """Raise the soft limit of open files towards what `connections` need (up to the hard
    limit); warn when it stays too low. Returns the soft limit in force."""
    want = connections + FD_RESERVE
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != resource.RLIM_INFINITY and soft < want:
        target = want if hard == resource.RLIM_INFINITY else min(want, hard)
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
            soft = target
    if soft != resource.RLIM_INFINITY and soft < want:
        log.warning("only %d open files allowed (LimitNOFILE); [web] max_connections = %d "
                    "needs about %d: lower max_connections or raise the limit",
                    soft, connections, want)
    return soft
