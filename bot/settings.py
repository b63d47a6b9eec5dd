"""Typed settings from a TOML file and HOCTAP_<SECTION>_<KEY> environment variables."""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import hmac
import json
import logging
import os
import re
import secrets
import tomllib
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.channels.zalobot.settings import ZaloBotSettings
from bot.channels.zalobot.settings import validate as _validate_zalobot
from bot.settings_error import SettingsError as SettingsError

# Declared on the scheduler's floor, which reads it; a section of the settings like the others.
from scheduler.settings import BroadcastSettings

log = logging.getLogger(__name__)
ENV_PREFIX = "HOCTAP_"
CONFIG_ENV = "HOCTAP_CONFIG"
LOCALES = ("vi", "en")


@dataclass(frozen=True)
class BotSettings:
    locale: str = "vi"
    timezone: str = "Asia/Ho_Chi_Minh"
    edition: str = "2020"
    # Directory holding the editions; empty means the ones shipped in content/editions.
    content_dir: str = ""
    # Simulated start instant (ISO 8601, local time of `timezone` unless it has an offset).
    now: str = ""
    # Send reminders and digests from a schedule marked `sample = true`, each message saying it
    # is a sample: for demonstrations only. Off, nothing is announced from a sample schedule.
    demo_sample_schedule: bool = False


@dataclass(frozen=True)
class DatabaseSettings:
    url: str = "sqlite+aiosqlite:///hoctap.sqlite3"
    echo: bool = False
    # Connection pool: connections kept open, extra ones allowed at peaks, seconds to wait for one.
    pool_size: int = 10
    max_overflow: int = 20
    pool_timeout: int = 60
    # Updates applied together in one transaction at most (those that arrived while the
    # previous batch was being applied; one per user).
    batch_size: int = 50
    # PostgreSQL: batches applied at once (SQLite has one writer: always one).
    writers: int = 2


@dataclass(frozen=True)
class OrganizerSettings:
    telegram_ids: list[str] = field(default_factory=list)
    zalo_ids: list[str] = field(default_factory=list)
    zalobot_ids: list[str] = field(default_factory=list)
    console_ids: list[str] = field(default_factory=lambda: ["console"])


@dataclass(frozen=True)
class WebSettings:
    host: str = "127.0.0.1"
    port: int = 8080
    # Largest webhook body accepted, in bytes.
    max_body: int = 1_048_576
    # Seconds a connection may take to send a request's headers (counted from the connection,
    # or from the previous answer on a kept-alive one) and then its whole body.
    header_timeout: float = 10.0
    body_timeout: float = 10.0
    # Connections open at once; beyond it the oldest idle one is closed, or the new one refused.
    max_connections: int = 1000
    # SO_REUSEPORT: several `hoctap-bot run` processes (on one PostgreSQL database) listen on
    # the same port, and the kernel spreads the connections among them (webhook mode).
    reuse_port: bool = False
    # Deepest nesting of JSON accepted in a webhook body.
    max_json_depth: int = 32
    # How long an applied update's key is kept against redelivery (hours); a Zalo event older
    # than this, or from further ahead than clock_skew_seconds, is refused.
    update_retention_hours: float = 48.0
    clock_skew_seconds: float = 300.0
    # Seconds between two prunings of the kept keys, and between two summaries of the requests
    # refused (one log line instead of one per request).
    prune_seconds: float = 3600.0
    summary_seconds: float = 60.0
    # The address organizers open (scheme and host, e.g. "https://bot.example.vn"): the
    # console's sign-in links start with it, and its cookie is Secure when it is https. Empty:
    # http://host:port, for a bot used on this machine only.
    public_url: str = ""

    @property
    def base_url(self) -> str:
        """Where the web server is reached from outside: public_url, else http://host:port."""
        return self.public_url.rstrip("/") or f"http://{self.host}:{self.port}"

    @property
    def secure(self) -> bool:
        """Organizers reach the web server over TLS (cookies get the Secure flag)."""
        return self.base_url.startswith("https://")


@dataclass(frozen=True)
class TelegramSettings:
    token: str = ""
    base_url: str = "https://api.telegram.org/bot"
    mode: str = "polling"
    webhook_url: str = ""
    # Empty: derived from the token (see webhook_secret).
    secret_token: str = ""
    max_connections: int = 40
    # Updates processed at once (PTB's concurrent_updates).
    concurrent_updates: int = 32
    # HTTP layer for Bot API calls: "aiohttp" (fast, default) or "httpx" (PTB's own).
    http: str = "aiohttp"
    # Broadcast messages per second over all chats: Telegram allows about 30/s (up to
    # 1,000/s paid).
    rate: float = 25.0

    @property
    def enabled(self) -> bool:
        return bool(self.token)

    @property
    def webhook_secret(self) -> str:
        """The X-Telegram-Bot-Api-Secret-Token that setWebhook registers at every start.

        Without a configured one it is derived from the bot token (HMAC-SHA256, base64url: 43
        characters Telegram accepts): every process of the bot computes the same secret, nothing
        is stored, it changes with the token, and whoever could derive it holds the token, which
        can call setWebhook anyway.
        """
        if self.secret_token:
            return self.secret_token
        digest = hmac.new(self.token.encode(), b"hoctap-bot webhook secret",
                          hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest).decode().rstrip("=")


@dataclass(frozen=True)
class ZaloSettings:
    app_id: str = ""
    app_secret: str = ""
    # Key of the Official Account's webhook signature (X-ZEvent-Signature).
    oa_secret_key: str = ""
    # First token pair only: afterwards the database holds the current pair.
    access_token: str = ""
    refresh_token: str = ""
    api_base: str = "https://openapi.zalo.me"
    oauth_base: str = "https://oauth.zaloapp.com"
    # Where Zalo posts events: no default, it must be unguessable (see _validate_zalo).
    webhook_path: str = ""
    interaction_window_days: int = 7
    # Events processed at once (one user's events always in order); acknowledged events waiting
    # beyond `backlog` get 503 (Zalo retries); on stop the queue is drained for `drain_seconds`.
    workers: int = 4
    backlog: int = 2000
    drain_seconds: float = 50.0
    # Broadcast messages per second: Zalo allows 4,000 requests a minute per app (66/s).
    rate: float = 60.0

    @property
    def enabled(self) -> bool:
        return bool(self.app_id and self.oa_secret_key)


@dataclass(frozen=True)
class LogSettings:
    """Log lines: readable text for a terminal, one JSON object per line for a collector."""

    format: str = "text"
    level: str = "INFO"


@dataclass(frozen=True)
class FloodSettings:
    """One user's message rate: more than max_messages in per_seconds earns a cool-down."""

    # 0 turns flood control off.
    # A person reading the answers stays well below 2 a second for 10 seconds.
    max_messages: int = 20
    per_seconds: float = 10.0
    cooldown_seconds: float = 60.0


@dataclass(frozen=True)
class ContestSettings:
    """The contest's one-attempt rule across an erasure of personal data."""

    # Key of the HMAC kept of each participant's platform identity. Empty: one is generated
    # and stored in the database on first start. Never change it once people have registered.
    identity_key: str = ""


@dataclass(frozen=True)
class Settings:
    bot: BotSettings = field(default_factory=BotSettings)
    database: DatabaseSettings = field(default_factory=DatabaseSettings)
    organizers: OrganizerSettings = field(default_factory=OrganizerSettings)
    web: WebSettings = field(default_factory=WebSettings)
    telegram: TelegramSettings = field(default_factory=TelegramSettings)
    zalo: ZaloSettings = field(default_factory=ZaloSettings)
    zalobot: ZaloBotSettings = field(default_factory=ZaloBotSettings)
    broadcast: BroadcastSettings = field(default_factory=BroadcastSettings)
    log: LogSettings = field(default_factory=LogSettings)
    flood: FloodSettings = field(default_factory=FloodSettings)
    contest: ContestSettings = field(default_factory=ContestSettings)

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.bot.timezone)

    def simulated_now(self) -> datetime | None:
        return parse_instant(self.bot.now, self.tz) if self.bot.now else None

    @property
    def platform_channels(self) -> tuple[str, ...]:
        """The platforms configured here (each needs `hoctap-bot run`)."""
        return tuple(name for name in ("telegram", "zalo") if getattr(self, name).enabled)

    def organizer_ids(self, channel: str) -> frozenset[str]:
        ids: list[str] = getattr(self.organizers, f"{channel}_ids", [])
        return frozenset(ids)


def parse_instant(value: str, tz: ZoneInfo) -> datetime:
    """Parse an ISO 8601 instant; a naive one is local time in `tz`."""
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError as exc:
        raise ValueError(f"{value!r} is not an ISO 8601 date-time like 2020-10-01T07:30") from exc
    return parsed.replace(tzinfo=tz) if parsed.tzinfo is None else parsed.astimezone(tz)


def _sections() -> dict[str, type]:
    hints = typing.get_type_hints(Settings)
    return {f.name: hints[f.name] for f in dataclasses.fields(Settings)}


def _coerce(key: str, value: Any, hint: Any, from_env: bool) -> Any:
    """Check `value` against `hint`; environment strings are parsed first."""
    origin = typing.get_origin(hint)
    if hint is bool:
        if from_env:
            low = value.strip().lower()
            if low in ("1", "true", "yes", "on"):
                return True
            if low in ("0", "false", "no", "off"):
                return False
            raise SettingsError(f"{key}: must be true or false, found {value!r}")
        if isinstance(value, bool):
            return value
        raise SettingsError(f"{key}: must be true or false, found {type(value).__name__}")
    if hint is int:
        if from_env:
            try:
                return int(value)
            except ValueError:
                raise SettingsError(f"{key}: must be an integer, found {value!r}") from None
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        raise SettingsError(f"{key}: must be an integer, found {type(value).__name__}")
    if hint is float:
        if from_env:
            try:
                return float(value)
            except ValueError:
                raise SettingsError(f"{key}: must be a number, found {value!r}") from None
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
        raise SettingsError(f"{key}: must be a number, found {type(value).__name__}")
    if hint is str:
        if isinstance(value, str):
            return value
        raise SettingsError(f"{key}: must be a string, found {type(value).__name__}")
    if origin is list:
        if from_env:
            text = value.strip()
            if text.startswith("["):
                try:
                    value = json.loads(text)
                except json.JSONDecodeError:
                    raise SettingsError(f"{key}: not a valid JSON list: {value!r}") from None
            else:
                value = [part.strip() for part in text.split(",") if part.strip()]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise SettingsError(
                f"{key}: must be a list of strings (ids are text: write \"123\", not 123)"
            )
        return list(value)
    if isinstance(hint, types.UnionType):  # pragma: no cover - not used yet
        raise SettingsError(f"{key}: unsupported setting type")
    raise SettingsError(f"{key}: unsupported setting type {hint!r}")


def load_settings(
    path: str | Path | None = None, environ: Mapping[str, str] | None = None
) -> Settings:
    """Read the TOML file (if any), then the environment, and validate every key."""
    env = os.environ if environ is None else environ
    if path is None and env.get(CONFIG_ENV):
        path = Path(env[CONFIG_ENV])
    data: dict[str, Any] = {}
    if path is not None:
        p = Path(path)
        try:
            data = tomllib.loads(p.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise SettingsError(f"configuration file {p} does not exist") from None
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise SettingsError(f"configuration file {p} is not valid TOML: {exc}") from None
        warn_if_others_can_read(p)

    sections = _sections()
    values: dict[str, dict[str, Any]] = {name: {} for name in sections}
    for name, section in data.items():
        if name not in sections:
            raise SettingsError(f"[{name}]: unknown section (known: {', '.join(sections)})")
        if not isinstance(section, dict):
            raise SettingsError(f"[{name}]: must be a table")
        hints = typing.get_type_hints(sections[name])
        for key, value in section.items():
            if key not in hints:
                raise SettingsError(f"{name}.{key}: unknown key")
            values[name][key] = _coerce(f"{name}.{key}", value, hints[key], from_env=False)

    for var, raw in env.items():
        if not var.startswith(ENV_PREFIX) or var == CONFIG_ENV:
            continue
        rest = var[len(ENV_PREFIX):].lower()
        section = next((s for s in sections if rest.startswith(s + "_")), None)
        if section is None:
            raise SettingsError(f"{var}: unknown setting (no section {rest.split('_')[0]!r})")
        name, key = section, rest[len(section) + 1:]
        hints = typing.get_type_hints(sections[name])
        if key not in hints:
            raise SettingsError(f"{var}: unknown key {name}.{key}")
        values[name][key] = _coerce(var, raw, hints[key], from_env=True)

    built = {name: sections[name](**vals) for name, vals in values.items()}
    settings = Settings(**built)
    _validate(settings)
    return settings


def warn_if_others_can_read(path: Path) -> bool:
    """Warn (once per start, on stderr for the CLI) when group or others have any access to
    the configuration file: it may hold bot tokens. Returns True when it warned."""
    try:
        mode = path.stat().st_mode & 0o777
    except OSError:
        return False
    if not mode & 0o077:
        return False
    log.warning("configuration file %s can be read by other users (mode %03o) and may hold "
                "tokens; restrict it with: chmod 600 %s", path, mode, path)
    return True


def _validate(s: Settings) -> None:
    if s.bot.locale not in LOCALES:
        raise SettingsError(
            f"bot.locale: must be one of {', '.join(LOCALES)}, found {s.bot.locale!r}"
        )
    try:
        ZoneInfo(s.bot.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise SettingsError(f"bot.timezone: unknown time zone {s.bot.timezone!r}") from None
    if s.bot.now:
        try:
            parse_instant(s.bot.now, s.tz)
        except ValueError as exc:
            raise SettingsError(f"bot.now: {exc}") from None
    if not 0 < s.web.port < 65536:
        raise SettingsError(f"web.port: must be between 1 and 65535, found {s.web.port}")
    if s.web.max_body < 1024:
        raise SettingsError(f"web.max_body: must be at least 1024 bytes, found {s.web.max_body}")
    _validate_web(s.web)
    _validate_telegram(s.telegram)
    _validate_zalo(s.zalo)
    _validate_zalobot(s.zalobot)
    _validate_broadcast(s.broadcast)
    _validate_log(s.log)
    _validate_flood(s.flood)
    if s.contest.identity_key and len(s.contest.identity_key) < 32:
        raise SettingsError("contest.identity_key: must be at least 32 characters (or empty: "
                            "the bot then generates one and keeps it in the database)")
    if not 1 <= s.database.batch_size <= 500:
        raise SettingsError("database.batch_size: must be between 1 and 500")
    if not 1 <= s.database.writers <= s.database.pool_size + s.database.max_overflow:
        raise SettingsError("database.writers: must be at least 1 and at most pool_size + "
                            "max_overflow")
    if not (s.database.url.startswith("sqlite") or s.database.url.startswith("postgresql")):
        raise SettingsError(
            "database.url: must start with sqlite+aiosqlite:// or postgresql+asyncpg://"
        )


def _validate_web(w: WebSettings) -> None:
    """Check [web]: positive timeouts and intervals, room for a few connections."""
    for key in ("header_timeout", "body_timeout", "update_retention_hours", "prune_seconds",
                "summary_seconds"):
        if getattr(w, key) <= 0:
            raise SettingsError(f"web.{key}: must be above 0")
    if w.clock_skew_seconds < 0:
        raise SettingsError("web.clock_skew_seconds: must not be negative")
    if w.max_connections < 8:
        raise SettingsError(f"web.max_connections: must be at least 8, found {w.max_connections}")
    if not 2 <= w.max_json_depth <= 256:
        raise SettingsError("web.max_json_depth: must be between 2 and 256")
    if w.public_url and not re.fullmatch(r"https?://[^/?#\s]+/?", w.public_url):
        raise SettingsError("web.public_url: must be the scheme and host only, like "
                            f"https://bot.example.vn (found {w.public_url!r})")


# What Telegram accepts in setWebhook's secret_token: 1-256 of these.
_SECRET_RE = re.compile(r"[A-Za-z0-9_-]{1,256}")
# What we require on top: long enough not to be guessed.
SECRET_MIN = 32


def unguessable_path(path: str) -> bool:
    """True when one segment of `path` is a secret: SECRET_MIN or more URL-safe characters."""
    return path.startswith("/") and any(
        len(part) >= SECRET_MIN and _SECRET_RE.fullmatch(part) for part in path.split("/"))


def _validate_telegram(t: TelegramSettings) -> None:
    """Check [telegram]; it only matters when a token is set."""
    if t.mode not in ("polling", "webhook"):
        raise SettingsError(f"telegram.mode: must be polling or webhook, found {t.mode!r}")
    if t.http not in ("aiohttp", "httpx"):
        raise SettingsError(f"telegram.http: must be aiohttp or httpx, found {t.http!r}")
    if not t.base_url.startswith(("http://", "https://")):
        raise SettingsError("telegram.base_url: must be an http(s) URL ending in /bot")
    if not 1 <= t.max_connections <= 100:
        raise SettingsError("telegram.max_connections: must be between 1 and 100")
    if t.concurrent_updates < 1:
        raise SettingsError("telegram.concurrent_updates: must be at least 1")
    if not 0 < t.rate <= 1000:
        raise SettingsError("telegram.rate: must be above 0 and at most 1000")
    if t.secret_token and not (_SECRET_RE.fullmatch(t.secret_token)
                               and len(t.secret_token) >= SECRET_MIN):
        raise SettingsError(
            f"telegram.secret_token: must be {SECRET_MIN} to 256 characters A-Z, a-z, 0-9, _ "
            f"and - (found {len(t.secret_token)} characters); leave it empty to have one "
            "derived from the token")
    if t.enabled and t.mode == "webhook" and not t.webhook_url.startswith(
            ("https://", "http://")):
        raise SettingsError("telegram.webhook_url: webhook mode needs the public https URL "
                            "Telegram will post updates to")


def _validate_zalo(z: ZaloSettings) -> None:
    """Check [zalo]; it only matters when the channel is configured."""
    for key in ("api_base", "oauth_base"):
        if not getattr(z, key).startswith(("http://", "https://")):
            raise SettingsError(f"zalo.{key}: must be an http(s) URL")
    if z.webhook_path and not z.webhook_path.startswith("/"):
        raise SettingsError("zalo.webhook_path: must start with /")
    if not 0 < z.rate <= 66:
        raise SettingsError("zalo.rate: must be above 0 and at most 66 (4,000/min)")
    if not 1 <= z.interaction_window_days <= 365:
        raise SettingsError("zalo.interaction_window_days: must be between 1 and 365")
    for key in ("workers", "backlog"):
        if getattr(z, key) < 1:
            raise SettingsError(f"zalo.{key}: must be at least 1")
    if z.drain_seconds < 0:
        raise SettingsError("zalo.drain_seconds: must not be negative")
    if z.enabled:
        if not unguessable_path(z.webhook_path):
            # Zalo signs its events, but anyone who knows the path can make the bot check
            # signatures all day: the path is the first gate, so it is a secret, never a
            # default. Required rather than generated: it is typed into Zalo's console.
            raise SettingsError(
                f"zalo.webhook_path: must hold a random part of at least {SECRET_MIN} "
                "characters A-Z, a-z, 0-9, _ and -, known only to Zalo, for example "
                f"/zalo/{secrets.token_urlsafe(24)}")
        if not z.app_secret:
            raise SettingsError("zalo.app_secret: needed to refresh the access token")
        if not (z.access_token or z.refresh_token):
            raise SettingsError("zalo.refresh_token: set the first token pair (access_token, "
                                "refresh_token) from the Zalo developer console")


def _validate_broadcast(b: BroadcastSettings) -> None:
    """Check [broadcast]: a non-negative spacing, hours of a day, positive intervals."""
    if b.per_chat_interval < 0:
        raise SettingsError("broadcast.per_chat_interval: must not be negative")
    for key in ("morning_hour", "evening_hour"):
        if not 0 <= getattr(b, key) <= 23:
            raise SettingsError(f"broadcast.{key}: must be an hour between 0 and 23")
    if b.remind_before < 0:
        raise SettingsError("broadcast.remind_before: must not be negative")
    if b.grace_hours < 0:
        raise SettingsError("broadcast.grace_hours: must not be negative")
    for key in ("poll_seconds", "stale_seconds", "progress_seconds"):
        if getattr(b, key) <= 0:
            raise SettingsError(f"broadcast.{key}: must be above 0")


LOG_FORMATS = ("text", "json")
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")


def _validate_log(g: LogSettings) -> None:
    """Check [log]: a known format and level."""
    if g.format not in LOG_FORMATS:
        raise SettingsError(f"log.format: must be text or json, found {g.format!r}")
    if g.level.upper() not in LOG_LEVELS:
        raise SettingsError(f"log.level: must be one of {', '.join(LOG_LEVELS)}, "
                            f"found {g.level!r}")


def _validate_flood(f: FloodSettings) -> None:
    """Check [flood]: a positive window and cool-down, a non-negative count."""
    if f.max_messages < 0:
        raise SettingsError("flood.max_messages: must not be negative (0 turns it off)")
    if f.per_seconds <= 0:
        raise SettingsError("flood.per_seconds: must be above 0")
    if f.cooldown_seconds < 0:
        raise SettingsError("flood.cooldown_seconds: must not be negative")


def with_overrides(settings: Settings, section: str, **changes: Any) -> Settings:
    """Return a copy with keys of one section replaced (for CLI flags)."""
    current = getattr(settings, section)
    return dataclasses.replace(settings, **{section: dataclasses.replace(current, **changes)})
