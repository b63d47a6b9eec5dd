"""Health, Prometheus metrics and log hygiene for `hoctap-bot run`.

Nothing here runs at import time: `Metrics` owns its own registry (no global one), the runner
mounts `/healthz` and `/metrics` on the shared aiohttp app, and the CLI installs the log
handler with the redacting filter before anything else logs.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import sys
from collections.abc import Awaitable, Callable, Iterable, Mapping
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)
from sqlalchemy import func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.settings import Settings

if TYPE_CHECKING:  # aiohttp is imported where routes are built: the console never needs it
    from aiohttp import web

OUTBOX_STATES = ("pending", "claimed", "sending", "sent", "failed", "skipped", "uncertain")
REDACTED = "[redacted]"
PHONE_MASK = "[phone]"
# Vietnamese numbers: 0 or +84/84, then 9 digits (mobile) or 10 (landline 02xx), written
# with or without spaces, dots or dashes. Over-matching an id that looks like one is harmless.
_PHONE = re.compile(r"(?<![\w+])(?:\+?84|0)(?:[ .-]?\d){9,10}(?![\w])")
# A Telegram bot token anywhere (a URL, an exception message), configured or not.
_BOT_TOKEN = re.compile(r"\b\d{5,}:[A-Za-z0-9_-]{30,}\b")

# Log templates the adapters and deliverers already emit once per event; counting them here
# keeps /metrics complete without threading a metrics object through every adapter.
_RATE_LIMIT_TEMPLATES = ("telegram asked us to wait", "%s asked us to wait",
                         "zalo rate limit (-32)")
_TOKEN_REFRESH_TEMPLATES = ("zalo token pair refreshed and stored",)


class Metrics:
    """The bot's Prometheus figures, in a registry of its own (one per process or test)."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        r = self.registry
        self.updates = Counter("hoctap_updates", "Updates handled, by channel and feature",
                               ["channel", "feature"], registry=r)
        self.latency = Histogram(
            "hoctap_reply_seconds", "Time to compute the replies to one update", ["channel"],
            buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10), registry=r)
        self.flood = Counter("hoctap_flood_dropped", "Messages ignored by flood control",
                             ["channel"], registry=r)
        self.unavailable = Counter("hoctap_database_unavailable",
                                   "Updates answered 'temporarily unavailable' (database down)",
                                   ["channel"], registry=r)
        self.rejected = Counter("hoctap_webhook_rejected",
                                "Webhook requests refused before reaching the bot",
                                ["reason"], registry=r)
        self.rate_limited = Counter("hoctap_rate_limited",
                                    "429 / rate-limit answers received from a platform",
                                    registry=r)
        self.token_refreshes = Counter("hoctap_token_refreshes",
                                       "Zalo access token refreshes", registry=r)
        self.errors = Counter("hoctap_errors", "Log records at ERROR or above, by logger",
                              ["logger"], registry=r)
        self.outbox = Gauge("hoctap_outbox_rows", "Outbox rows by state", ["state"],
                            registry=r)
        self.task_failures = Counter("hoctap_task_failures",
                                     "Background tasks that failed and were restarted, by task",
                                     ["task"], registry=r)

    def task_failed(self, task: str, _error: BaseException | None) -> None:
        """The supervisor restarts a failed task: count it (its log line says why)."""
        self.task_failures.labels(task).inc()

    def observe_log(self, record: logging.LogRecord) -> None:
        """Count errors, 429s and token refreshes from the log lines that report them."""
        if record.levelno >= logging.ERROR:
            self.errors.labels(record.name).inc()
        template = str(record.msg)
        if template.startswith(_RATE_LIMIT_TEMPLATES):
            self.rate_limited.inc()
        elif template.startswith(_TOKEN_REFRESH_TEMPLATES):
            self.token_refreshes.inc()

    async def refresh_outbox(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        """Read the outbox counts at scrape time: the database is the source of truth."""
        from bot.db.models import OutboxRow

        async with sessions() as s:
            rows = (await s.execute(
                select(OutboxRow.status, func.count()).group_by(OutboxRow.status)
            )).all()
        counts = {str(status): int(n) for status, n in rows}
        for state in sorted(set(OUTBOX_STATES) | set(counts)):
            self.outbox.labels(state).set(counts.get(state, 0))

    def render(self) -> bytes:
        return generate_latest(self.registry)


class MetricsHandler(logging.Handler):
    """Feeds every log record to `Metrics.observe_log`; writes nothing."""

    def __init__(self, metrics: Metrics) -> None:
        super().__init__(level=logging.WARNING)
        self.metrics = metrics

    def emit(self, record: logging.LogRecord) -> None:
        self.metrics.observe_log(record)


# ---- health and metrics routes -------------------------------------------------------------


def health_routes(web_app: web.Application, engine: AsyncEngine,
                  sessions: async_sessionmaker[AsyncSession], metrics: Metrics,
                  channels: Callable[[], Iterable[str]], timeout: float = 3.0,
                  tasks: Callable[[], Mapping[str, str]] | None = None) -> None:
    """Mount GET /healthz and GET /metrics.

    /healthz answers 503 when the database does not answer, or when a background task (a
    deliverer, the scheduler's poll, a poller, a worker) is restarting after a failure or dead;
    the body names it under "tasks".
    """
    from aiohttp import web

    async def healthz(_request: web.Request) -> web.Response:
        database = "ok"
        try:
            async with asyncio.timeout(timeout), engine.connect() as conn:
                await conn.execute(text("SELECT 1"))
        except Exception as exc:  # any failure means "unhealthy"; the reason is reported
            database = f"error: {type(exc).__name__}"
        started = sorted(channels())
        states = dict(tasks()) if tasks is not None else {}
        healthy = database == "ok" and all(state == "running" for state in states.values())
        body = {"status": "ok" if healthy else "unavailable",
                "database": database, "channels": dict.fromkeys(started, "running"),
                "tasks": states}
        return web.json_response(body, status=200 if healthy else 503)

    async def metrics_view(_request: web.Request) -> web.Response:
        try:
            async with asyncio.timeout(timeout):
                await metrics.refresh_outbox(sessions)
        except Exception:  # the rest of the figures are still worth serving
            logging.getLogger(__name__).warning("outbox figures unavailable for /metrics")
        return web.Response(body=metrics.render(),
                            headers={"Content-Type": CONTENT_TYPE_LATEST})

    web_app.router.add_get("/healthz", healthz)
    web_app.router.add_get("/metrics", metrics_view)


# ---- limits on what comes in ---------------------------------------------------------------

MAX_JSON_DEPTH = 32


def json_depth_exceeds(raw: bytes, limit: int = MAX_JSON_DEPTH) -> bool:
    """True when brackets nest deeper than `limit` (outside strings): a linear scan, no parse,
    so a hostile body cannot exhaust the recursion of json.loads."""
    depth = 0
    in_string = escaped = False
    for byte in raw:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:  # quote
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):  # [ {
            depth += 1
            if depth > limit:
                return True
        elif byte in (0x5D, 0x7D):
            depth -= 1
    return False


def limits_middleware(metrics: Metrics) -> Callable[..., Awaitable[web.StreamResponse]]:
    """Refuse webhook bodies that are too large (413), too deep or not JSON at all (400),
    before any adapter sees them; aiohttp caches the body, so adapters read it again for free."""
    from aiohttp import web

    @web.middleware
    async def limits(request: web.Request,
                     handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
                     ) -> web.StreamResponse:
        if request.method != "POST":
            return await handler(request)
        try:
            raw = await request.read()
        except web.HTTPRequestEntityTooLarge:
            metrics.rejected.labels("too_large").inc()
            return web.Response(status=413, text="request body too large")
        if json_depth_exceeds(raw):
            metrics.rejected.labels("too_deep").inc()
            return web.Response(status=400, text="JSON nested too deeply")
        try:
            json.loads(raw)
        except (ValueError, UnicodeDecodeError, RecursionError):
            # ValueError covers malformed JSON and integers over Python's digit limit.
            metrics.rejected.labels("not_json").inc()
            return web.Response(status=400, text="malformed JSON")
        return await handler(request)

    return limits


# ---- logging -------------------------------------------------------------------------------


def secrets_of(settings: Settings) -> list[str]:
    """Every configured secret worth hiding (short values would mask ordinary words)."""
    values = [settings.telegram.token, settings.telegram.secret_token,
              settings.zalo.app_secret, settings.zalo.oa_secret_key,
              settings.zalo.access_token, settings.zalo.refresh_token]
    try:
        password = make_url(settings.database.url).password
    except Exception:  # an unparsable URL has no password to hide; settings reject it anyway
        password = None
    if password:
        values.append(str(password))
    return sorted({v for v in values if len(v) >= 6}, key=len, reverse=True)


class RedactingFilter(logging.Filter):
    """Replace secrets from the settings, bot tokens and Vietnamese phone numbers in the
    message and the traceback: a log line is copied to places a token must never reach."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        self.secrets = sorted({s for s in secrets if s}, key=len, reverse=True)

    def redact(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, REDACTED)
        text = _BOT_TOKEN.sub(REDACTED, text)
        return _PHONE.sub(PHONE_MASK, text)

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a bad format string: keep the template, never the arguments
            message = str(record.msg)
        record.msg, record.args = self.redact(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC), level, logger, message, traceback if any."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            entry["exc"] = record.exc_text
        if record.stack_info:
            entry["stack"] = record.stack_info
        return json.dumps(entry, ensure_ascii=False)


TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def setup_logging(settings: Settings | None, level: str | None = None,
                  metrics: Metrics | None = None) -> logging.Handler:
    """Install one stderr handler that redacts, in the configured format (again: replaced).

    Returns the handler (tests read its filter). `level` overrides `[log] level`.
    """
    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(RedactingFilter(secrets_of(settings) if settings else ()))
    if settings is not None and settings.log.format == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter(TEXT_FORMAT))
    root = logging.getLogger()
    # Replace only our own handlers: a host (pytest's log capture) may have added others.
    for old in [h for h in root.handlers if getattr(h, "hoctap", False)]:
        root.removeHandler(old)
        old.close()
    extra: list[logging.Handler] = [handler]
    if metrics is not None:
        extra.append(MetricsHandler(metrics))
    for h in extra:
        h.hoctap = True  # type: ignore[attr-defined]
        root.addHandler(h)
    chosen = level or (settings.log.level if settings else "WARNING")
    root.setLevel(chosen.upper())
    # httpx logs every request URL at INFO, and Bot API URLs contain the token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    return handler
