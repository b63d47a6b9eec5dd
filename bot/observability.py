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
import threading
import time
from collections.abc import Awaitable, Callable, Iterable, Mapping
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from bot.settings import Settings

if TYPE_CHECKING:  # aiohttp is imported where routes are built: the console never needs it
    from aiohttp import web
    from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
# prometheus_client and SQLAlchemy are imported where they are used: `setup_logging` is the
# first thing every `hoctap-bot` command does, and a usage or configuration error needs neither.

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
        from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

        self.registry = CollectorRegistry(auto_describe=True)
        r = self.registry
        self.updates = Counter("hoctap_updates", "Updates handled, by channel and feature",
                               ["channel", "feature"], registry=r)
        self.latency = Histogram(
            "hoctap_reply_seconds", "Time to compute the replies to one update", ["channel"],
            buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10), registry=r)
        self.batch = Histogram(
            "hoctap_updates_per_transaction",
            "Updates applied together in one database transaction (see [database] batch_size)",
            buckets=(1, 2, 4, 8, 16, 32, 64, 128, 256), registry=r)
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
        self.connections = Gauge("hoctap_web_connections", "Open web server connections",
                                 registry=r)
        self.connections_closed = Counter(
            "hoctap_web_connections_closed",
            "Connections the web server closed itself: header_timeout, evicted (to make room "
            "at the connection limit), refused (at the limit, every connection busy)",
            ["reason"], registry=r)
        for reason in REFUSALS:
            self.rejected.labels(reason)
        for reason in CLOSINGS:
            self.connections_closed.labels(reason)
        self._summarized: dict[tuple[str, str], float] = {}
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
        from sqlalchemy import func, select

        from bot.db.models import OutboxRow

        async with sessions() as s:
            rows = (await s.execute(
                select(OutboxRow.status, func.count()).group_by(OutboxRow.status)
            )).all()
        counts = {str(status): int(n) for status, n in rows}
        for state in sorted(set(OUTBOX_STATES) | set(counts)):
            self.outbox.labels(state).set(counts.get(state, 0))

    def render(self) -> bytes:
        from prometheus_client import generate_latest

        return generate_latest(self.registry)

    def refusals_since_last(self) -> dict[str, int]:
        """Requests refused and connections closed since the previous call, by reason."""
        counts: dict[str, int] = {}
        for name, reasons in (("hoctap_webhook_rejected_total", REFUSALS),
                              ("hoctap_web_connections_closed_total", CLOSINGS)):
            for reason in reasons:
                value = self.registry.get_sample_value(name, {"reason": reason}) or 0.0
                before = self._summarized.get((name, reason), 0.0)
                self._summarized[(name, reason)] = value
                if value > before:
                    counts[reason] = int(value - before)
        return counts

    def log_refusals(self, seconds: float) -> None:
        """One log line for every request refused in the last `seconds` (none when quiet)."""
        counts = self.refusals_since_last()
        if counts:
            logging.getLogger(__name__).warning(
                "web requests refused in the last %.0f s: %s", seconds,
                ", ".join(f"{reason} {n}" for reason, n in counts.items()))


class MetricsHandler(logging.Handler):
    """Feeds every log record to `Metrics.observe_log`; writes nothing."""

    def __init__(self, metrics: Metrics) -> None:
        super().__init__(level=logging.WARNING)
        self.metrics = metrics

    def emit(self, record: logging.LogRecord) -> None:
        if not getattr(record, "repeat_summary", False):  # its lines were counted already
            self.metrics.observe_log(record)


# ---- health and metrics routes -------------------------------------------------------------


def health_routes(web_app: web.Application, engine: AsyncEngine,
                  sessions: async_sessionmaker[AsyncSession], metrics: Metrics,
                  channels: Callable[[], Iterable[str]], timeout: float = 3.0,
                  tasks: Callable[[], Mapping[str, str]] | None = None,
                  expected: Iterable[str] = ()) -> None:
    """Mount GET /healthz and GET /metrics.

    /healthz answers 503 when the database does not answer, when a background task (a
    deliverer, the scheduler's poll, a poller, a worker) is restarting after a failure or dead
    (the body names it under "tasks"), and while a channel of `expected` has not started yet
    ("starting": the web server listens first, so that a webhook can be set).
    """
    expected = tuple(expected)
    from aiohttp import web
    from prometheus_client import CONTENT_TYPE_LATEST
    from sqlalchemy import text

    async def healthz(_request: web.Request) -> web.Response:
        database = "ok"
        try:
            async with asyncio.timeout(timeout), engine.connect() as conn:
                await conn.execute(text("SELECT 1"))
        except Exception as exc:  # any failure means "unhealthy"; the reason is reported
            database = f"error: {type(exc).__name__}"
        started = set(channels())
        states = dict(tasks()) if tasks is not None else {}
        starting = [name for name in expected if name not in started]
        if database != "ok" or any(state != "running" for state in states.values()):
            status = "unavailable"
        else:
            status = "starting" if starting else "ok"
        healthy = status == "ok"
        body = {"status": status, "database": database,
                "channels": {name: "running" if name in started else "starting"
                             for name in sorted(started | set(expected))},
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
# Why a webhook request was refused (hoctap_webhook_rejected_total{reason}), in summary order.
REFUSALS = ("forbidden", "unsigned", "bad_signature", "stale", "future", "aborted",
            "body_timeout", "too_large", "too_deep", "not_json")
# Why the server closed a connection itself (hoctap_web_connections_closed_total{reason}).
CLOSINGS = ("header_timeout", "evicted", "refused")


class Refused(Exception):
    """A webhook request refused before it reached the bot: answered `status`, counted under
    `reason` by limits_middleware, never logged one by one."""

    def __init__(self, status: int, reason: str, text: str, close: bool = False) -> None:
        super().__init__(text)
        self.status = status
        self.reason = reason
        self.text = text
        self.close = close


def _too_deep(value: Any, limit: int) -> bool:
    """True when containers nest deeper than `limit`: a walk over the parsed containers
    (their children's types), iterative, stopping at the first one too deep."""
    stack = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > limit:
            return True
        for child in node.values() if type(node) is dict else node:
            if type(child) is dict or type(child) is list:
                stack.append((child, depth + 1))
    return False


def parse_json(raw: bytes, max_depth: int = MAX_JSON_DEPTH, *, exact: bool = False) -> Any:
    """Parse an authenticated webhook body; raises Refused (400) when it is not JSON or nests
    deeper than `max_depth`. `exact` keeps every number as its text (Zalo ids exceed 2**53).

    The parse is CPython's C decoder: its own recursion guard stops a pathological nesting
    during the parse (RecursionError, after about a thousand levels), so no body can exhaust
    the stack; the configured depth is then checked on the parsed containers, per container
    rather than per byte. BENCHMARKS.md 6 has the figures and the alternatives measured.
    """
    try:
        value = json.loads(raw, parse_int=str, parse_float=str) if exact else json.loads(raw)
    except RecursionError:
        raise Refused(400, "too_deep", "JSON nested too deeply") from None
    except (ValueError, UnicodeDecodeError):
        # ValueError covers malformed JSON and integers over Python's digit limit.
        raise Refused(400, "not_json", "malformed JSON") from None
    if (type(value) is dict or type(value) is list) and _too_deep(value, max_depth):
        raise Refused(400, "too_deep", "JSON nested too deeply")
    return value


def limits_middleware(metrics: Metrics) -> Callable[..., Awaitable[web.StreamResponse]]:
    """Answer a Refused request with its status, counted by reason and never logged one by one.

    Nothing is read here: each webhook authenticates first (an unknown path is a 404 without
    its body being read; Telegram's secret header comes before the body; Zalo's signature is
    checked on the raw bytes before they are parsed) and then reads its body through
    bot.webserver.read_body / read_json, which raise Refused.
    """
    from aiohttp import web

    @web.middleware
    async def limits(request: web.Request,
                     handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
                     ) -> web.StreamResponse:
        try:
            return await handler(request)
        except Refused as refused:
            metrics.rejected.labels(refused.reason).inc()
            response = web.Response(status=refused.status, text=refused.text)
            if refused.close:
                response.force_close()
            return response

    return limits


# ---- logging -------------------------------------------------------------------------------

# Shorter values would mask ordinary words.
MIN_SECRET = 6
# Secrets learnt at run time that a filter keeps: Zalo issues two tokens a refresh (about one a
# day), and a replaced token stays valid until it expires, so a week of them.
LEARNT_KEPT = 16


def secrets_of(settings: Settings) -> list[str]:
    """Every configured secret worth hiding (short values would mask ordinary words)."""
    values = [settings.telegram.token, settings.telegram.webhook_secret,
              settings.zalo.app_secret, settings.zalo.oa_secret_key,
              settings.zalo.access_token, settings.zalo.refresh_token,
              settings.zalobot.token, settings.zalobot.secret_token,
              settings.contest.identity_key]
    password = None
    if "@" in settings.database.url:  # no user part, no password (nor SQLAlchemy to import)
        from sqlalchemy.engine import make_url

        try:
            password = make_url(settings.database.url).password
        except Exception:  # an unparsable URL has no password to hide; settings reject it
            password = None
    if password:
        values.append(str(password))
    return sorted({v for v in values if len(v) >= MIN_SECRET}, key=len, reverse=True)


class RedactingFilter(logging.Filter):
    """Replace secrets from the settings, secrets learnt at run time (refreshed Zalo tokens),
    bot tokens and Vietnamese phone numbers in the message and the traceback: a log line is
    copied to places a token must never reach."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        self.configured = frozenset(s for s in secrets if s)
        self.learnt: tuple[str, ...] = ()
        self.secrets = self._ordered()

    def _ordered(self) -> tuple[str, ...]:
        # Longest first, so a secret containing another is hidden whole. One tuple, replaced
        # at once: aiosqlite logs from its own thread while the event loop learns.
        return tuple(sorted(self.configured | set(self.learnt), key=len, reverse=True))

    def learn(self, *values: str) -> None:
        """Hide `values` from now on: call before anything can log them."""
        new = [v for v in values if len(v) >= MIN_SECRET
               and v not in self.configured and v not in self.learnt]
        if new:
            self.learnt = (*self.learnt, *new)[-LEARNT_KEPT:]
            self.secrets = self._ordered()

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


def _our_filters() -> list[RedactingFilter]:
    return [f for h in logging.getLogger().handlers if getattr(h, "hoctap", False)
            for f in h.filters if isinstance(f, RedactingFilter)]


def learn_secrets(*values: str) -> None:
    """Teach the log handler setup_logging installed a secret issued at run time (a refreshed
    Zalo token), before anything logs it. Without that handler nothing is written anywhere
    the filter could guard, so there is nothing to teach."""
    for flt in _our_filters():
        flt.learn(*values)
class RepeatFilter(logging.Filter):
    """Let the first WARNING-or-worse line of a kind through, count the repeats for `window`
    seconds, then report them in one line: "<first line> … repeated N times in the last M s".

    A kind is the logger, the level, the first line of the message template and the exception
    type, so one failure repeated with different ids (or a flood of "Too many open files")
    makes one line a window. The summary goes out when the next line of any kind is logged
    after the window, or at `flush()`, which `hoctap-bot run` calls every window.
    """

    def __init__(self, window: float = 60.0, clock: Callable[[], float] = time.monotonic,
                 max_kinds: int = 1000) -> None:
        super().__init__()
        self.window = window
        self.clock = clock
        self.max_kinds = max_kinds
        # kind -> [window start, repeats, first message]; insertion order is age order.
        self._kinds: dict[tuple[str, int, str, str], list[Any]] = {}
        self._lock = threading.RLock()
        self._next_flush = 0.0

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.WARNING or getattr(record, "repeat_summary", False):
            return True
        exc = record.exc_info[0].__name__ if record.exc_info and record.exc_info[0] else ""
        kind = (record.name, record.levelno, str(record.msg).split("\n", 1)[0][:200], exc)
        with self._lock:
            now = self.clock()
            if now >= self._next_flush:  # at most once a second, not at every line of a flood
                self.flush(now)
            seen = self._kinds.get(kind)
            if seen is not None:
                seen[1] += 1
                return False
            if len(self._kinds) >= self.max_kinds:  # many kinds at once: report the oldest
                oldest = next(iter(self._kinds))
                self._report(oldest, self._kinds.pop(oldest), now)
            try:
                first = record.getMessage()
            except Exception:  # a bad format string: the template is the message
                first = str(record.msg)
            self._kinds[kind] = [now, 0, first.split("\n", 1)[0][:300]]
            return True

    def flush(self, now: float | None = None) -> None:
        """Report and forget every kind whose window has passed."""
        with self._lock:
            now = self.clock() if now is None else now
            self._next_flush = now + 1.0
            due = [k for k, (start, _n, _m) in self._kinds.items() if now - start >= self.window]
            for kind in due:
                self._report(kind, self._kinds.pop(kind), now)

    def _report(self, kind: tuple[str, int, str, str], seen: list[Any], now: float) -> None:
        start, repeats, first = seen
        if repeats:
            logging.getLogger(kind[0]).log(
                kind[1], "%s … repeated %d times in the last %.0f s", first, repeats,
                max(now - start, self.window), extra={"repeat_summary": True})


def flush_repeated_logs() -> None:
    """Report the repeats counted by the RepeatFilter of our log handlers."""
    for handler in logging.getLogger().handlers:
        for flt in handler.filters:
            if isinstance(flt, RepeatFilter):
                flt.flush()


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

    Returns the handler (tests read its filter). `level` overrides `[log] level`. Secrets
    the replaced handler had learnt at run time are carried over.
    """
    handler = logging.StreamHandler(sys.stderr)
    # Repeats are counted before anything else is done with a line.
    handler.addFilter(RepeatFilter(settings.web.summary_seconds if settings else 60.0))
    redacting = RedactingFilter(secrets_of(settings) if settings else ())
    handler.addFilter(redacting)
    if settings is not None and settings.log.format == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter(TEXT_FORMAT))
    root = logging.getLogger()
    for old in _our_filters():
        redacting.learn(*old.learnt)
    # Replace only our own handlers: a host (pytest's log capture) may have added others.
    for old_handler in [h for h in root.handlers if getattr(h, "hoctap", False)]:
        root.removeHandler(old_handler)
        old_handler.close()
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
    # aiosqlite's DEBUG lines repeat every SQL call with its parameters (names, messages,
    # tokens); `[database] echo` is the SQL trace, and it hides parameters.
    logging.getLogger("aiosqlite").setLevel(logging.INFO)
    # APScheduler logs every job run at INFO ("Running job …", "… executed successfully"), and
    # the outbox is polled every 2 s: that drowns the log. A missed run (WARNING) and a job that
    # raised (ERROR, with its traceback) still show.
    logging.getLogger("apscheduler.executors").setLevel(logging.WARNING)
    return handler
