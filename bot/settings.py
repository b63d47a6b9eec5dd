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
from datetime import date, datetime, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.channels.zalobot.settings import ZaloBotSettings
from bot.channels.zalobot.settings import validate as _validate_zalobot
from bot.settings_error import (
    ABOVE_0,
    ABOVE_0_AT_MOST,
    AT_LEAST,
    HTTP_URL,
    INSTANT,
    N_,
    NOT_NEGATIVE,
    ONE_OF,
    RANGE,
    Term,
)
from bot.settings_error import SettingsError as SettingsError

# Declared on the scheduler's floor, which reads it; a section of the settings like the others.
from scheduler.settings import BroadcastSettings

log = logging.getLogger(__name__)
ENV_PREFIX = "HOCTAP_"
CONFIG_ENV = "HOCTAP_CONFIG"
# Variables of the prefix that are no setting: the configuration file, and the switch that
# makes the understanding read its Python sources (handlers/understanding/fast.py ENV_PURE).
NOT_SETTINGS = frozenset({CONFIG_ENV, "HOCTAP_PURE_PYTHON"})
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
    # Questions one user leaves for the organizers (the inbox) in 24 hours; past it they are
    # still answered, not stored. 0: no limit. A citizen asks a handful a day.
    questions_per_day: int = 30


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


# What a value read from the file is, in the operator's words (TOML's own types).
_KINDS: tuple[tuple[type, str], ...] = (
    (bool, N_("true hoặc false")), (int, N_("một số nguyên")), (float, N_("một số thập phân")),
    (str, N_("một chuỗi")), (list, N_("một danh sách")), (dict, N_("một bảng")),
    (datetime, N_("một ngày giờ")), (date, N_("một ngày")), (time, N_("một giờ dạng 07:30")),
)


def _kind(value: object) -> Term:
    return Term(next((n for t, n in _KINDS if isinstance(value, t)), type(value).__name__))


def _shown(value: object) -> str:
    """A value as the operator wrote it: text quoted, a whole float without its .0."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value) if isinstance(value, str) else str(value)


def _coerce(key: str, value: Any, hint: Any, from_env: bool) -> Any:
    """Check `value` against `hint`; environment strings are parsed first.

    A wrong value from the environment is shown; one from the file only by its kind (a
    secret typed without its quotes is not echoed to the terminal or the journal).
    """
    origin = typing.get_origin(hint)
    if hint is bool:
        if from_env:
            low = value.strip().lower()
            if low in ("1", "true", "yes", "on"):
                return True
            if low in ("0", "false", "no", "off"):
                return False
            raise SettingsError(key, N_("phải là true hoặc false, nhưng đang là {value}"),
                                value=_shown(value))
        if isinstance(value, bool):
            return value
        raise SettingsError(key, N_("phải là true hoặc false (không có ngoặc kép), nhưng "
                                    "đang là {kind}"), kind=_kind(value))
    if hint is int:
        if from_env:
            try:
                return int(value)
            except ValueError:
                raise SettingsError(key, N_("phải là một số nguyên, nhưng đang là {value}"),
                                    value=_shown(value)) from None
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        raise SettingsError(key, N_("phải là một số nguyên (không có ngoặc kép), nhưng đang "
                                    "là {kind}"), kind=_kind(value))
    if hint is float:
        if from_env:
            try:
                return float(value)
            except ValueError:
                raise SettingsError(key, N_("phải là một số (phần thập phân sau dấu chấm, ví dụ "
                                            "2.5), nhưng đang là {value}"),
                                    value=_shown(value)) from None
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
        raise SettingsError(key, N_("phải là một số (không có ngoặc kép, phần thập phân sau "
                                    "dấu chấm), nhưng đang là {kind}"), kind=_kind(value))
    if hint is str:
        if isinstance(value, str):
            return value
        raise SettingsError(key, N_("phải là một chuỗi, viết trong ngoặc kép, nhưng đang là "
                                    "{kind}"), kind=_kind(value))
    if origin is list:
        if from_env:
            text = value.strip()
            if text.startswith("["):
                try:
                    value = json.loads(text)
                except json.JSONDecodeError:
                    raise SettingsError(key, N_("phải là một danh sách JSON như [\"123\", "
                                                "\"456\"] hoặc các mã cách nhau bởi dấu phẩy, "
                                                "nhưng đang là {value}"),
                                        value=_shown(value)) from None
            else:
                value = [part.strip() for part in text.split(",") if part.strip()]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise SettingsError(key, N_("phải là một danh sách chuỗi (mã là chuỗi: viết "
                                        "\"123\", không viết 123)"))
        return list(value)
    if isinstance(hint, types.UnionType):  # pragma: no cover - not used yet
        raise SettingsError(key, N_("kiểu thiết lập chưa được hỗ trợ: {hint}"), hint=repr(hint))
    raise SettingsError(key, N_("kiểu thiết lập chưa được hỗ trợ: {hint}"), hint=repr(hint))


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
            # utf-8-sig: Notepad's "UTF-8" starts with a byte order mark no editor shows.
            data = tomllib.loads(p.read_text(encoding="utf-8-sig"))
        except FileNotFoundError:
            raise SettingsError("", N_("không tìm thấy tệp cấu hình {path} (tệp được chỉ ra bằng "
                                       "--config hoặc biến môi trường HOCTAP_CONFIG)"),
                                path=p) from None
        except UnicodeDecodeError:
            raise SettingsError("", N_("tệp cấu hình {path} phải được lưu ở dạng văn bản "
                                       "UTF-8"), path=p) from None
        except tomllib.TOMLDecodeError as exc:
            raise _toml_error(p, exc) from None
        warn_if_others_can_read(p)

    sections = _sections()
    values: dict[str, dict[str, Any]] = {name: {} for name in sections}
    for name, section in data.items():
        if name not in sections:
            raise SettingsError(f"[{name}]", N_("không có mục này (các mục có: {known})"),
                                known=", ".join(sections))
        if not isinstance(section, dict):
            raise SettingsError(f"[{name}]", N_("phải là một mục: dòng [{name}], rồi mỗi "
                                                "thiết lập một dòng tên = giá trị"), name=name)
        hints = typing.get_type_hints(sections[name])
        for key, value in section.items():
            if key not in hints:
                raise SettingsError(f"{name}.{key}", N_("không có thiết lập này (mục [{section}] "
                                                        "chỉ có: {known})"),
                                    section=name, known=", ".join(hints))
            values[name][key] = _coerce(f"{name}.{key}", value, hints[key], from_env=False)

    for var, raw in env.items():
        if not var.startswith(ENV_PREFIX) or var in NOT_SETTINGS:
            continue
        rest = var[len(ENV_PREFIX):].lower()
        section = next((s for s in sections if rest.startswith(s + "_")), None)
        if section is None:
            raise SettingsError(var, N_("không ứng với thiết lập nào vì không có mục [{name}] "
                                        "(các mục có: {known})"),
                                name=rest.split("_")[0], known=", ".join(sections))
        name, key = section, rest[len(section) + 1:]
        hints = typing.get_type_hints(sections[name])
        if key not in hints:
            raise SettingsError(var, N_("không có thiết lập {name} (mục [{section}] chỉ có: "
                                        "{known})"),
                                name=f"{name}.{key}", section=name, known=", ".join(hints))
        values[name][key] = _coerce(var, raw, hints[key], from_env=True)

    built = {name: sections[name](**vals) for name, vals in values.items()}
    settings = Settings(**built)
    _validate(settings)
    return settings


# Where tomllib found the mistake: its message ends "(at line 3, column 7)" or "(at end of
# document)"; its reason is English only, so the operator is told where, and what usually is.
_TOML_AT = re.compile(r"\(at line (\d+), column (\d+)\)$")


def _toml_error(path: Path, exc: tomllib.TOMLDecodeError) -> SettingsError:
    """Where the file stops being TOML, in Vietnamese."""
    at = _TOML_AT.search(str(exc))
    if at is None:
        return SettingsError("", N_("tệp cấu hình {path} không đúng cú pháp TOML ở cuối tệp "
                                    "(thường do thiếu ngoặc kép, dấu = hay dấu ngoặc vuông, "
                                    "hoặc một tên được viết hai lần)"), path=path)
    return SettingsError("", N_("tệp cấu hình {path} không đúng cú pháp TOML ở dòng {line}, cột "
                                "{column} (thường do thiếu ngoặc kép, dấu = hay dấu ngoặc vuông, "
                                "hoặc một tên được viết hai lần)"),
                         path=path, line=at[1], column=at[2])


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
        raise SettingsError("bot.locale", ONE_OF, allowed=", ".join(LOCALES),
                            value=_shown(s.bot.locale))
    try:
        ZoneInfo(s.bot.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise SettingsError("bot.timezone", N_("phải là tên một múi giờ, ví dụ "
                                               "Asia/Ho_Chi_Minh, nhưng đang là {value}"),
                            value=_shown(s.bot.timezone)) from None
    if s.bot.now:
        try:
            parse_instant(s.bot.now, s.tz)
        except ValueError:
            raise SettingsError("bot.now", INSTANT, value=_shown(s.bot.now)) from None
    if not 0 < s.web.port < 65536:
        raise SettingsError("web.port", RANGE, low=1, high=65535, value=s.web.port)
    if s.web.max_body < 1024:
        raise SettingsError("web.max_body", N_("phải từ {low} byte trở lên, nhưng đang là "
                                               "{value}"), low=1024, value=s.web.max_body)
    _validate_web(s.web)
    _validate_telegram(s.telegram)
    _validate_zalo(s.zalo)
    _validate_zalobot(s.zalobot)
    _validate_broadcast(s.broadcast)
    _validate_log(s.log)
    _validate_flood(s.flood)
    if s.contest.identity_key and len(s.contest.identity_key) < 32:
        # The key is a secret: its length is shown, never the key.
        raise SettingsError("contest.identity_key", N_(
            "phải có ít nhất {low} ký tự, nhưng đang có {n} ký tự (hoặc để trống: bot sẽ tự tạo "
            "một khóa và giữ trong cơ sở dữ liệu)"), low=32, n=len(s.contest.identity_key))
    if not 1 <= s.database.batch_size <= 500:
        raise SettingsError("database.batch_size", RANGE, low=1, high=500,
                            value=s.database.batch_size)
    # Each writer holds a pooled connection while its batch is applied.
    connections = s.database.pool_size + s.database.max_overflow
    if not 1 <= s.database.writers <= connections:
        raise SettingsError("database.writers", RANGE, low=1, high=connections,
                            value=s.database.writers)
    if not (s.database.url.startswith("sqlite") or s.database.url.startswith("postgresql")):
        # The URL may hold a password: not shown.
        raise SettingsError("database.url", N_(
            "phải bắt đầu bằng sqlite+aiosqlite:// hoặc postgresql+asyncpg://"))


def _validate_web(w: WebSettings) -> None:
    """Check [web]: positive timeouts and intervals, room for a few connections."""
    for key in ("header_timeout", "body_timeout", "update_retention_hours", "prune_seconds",
                "summary_seconds"):
        if getattr(w, key) <= 0:
            raise SettingsError(f"web.{key}", ABOVE_0, value=_shown(getattr(w, key)))
    if w.clock_skew_seconds < 0:
        raise SettingsError("web.clock_skew_seconds", NOT_NEGATIVE,
                            value=_shown(w.clock_skew_seconds))
    if w.max_connections < 8:
        raise SettingsError("web.max_connections", AT_LEAST, low=8, value=w.max_connections)
    if not 2 <= w.max_json_depth <= 256:
        raise SettingsError("web.max_json_depth", RANGE, low=2, high=256,
                            value=w.max_json_depth)
    if w.public_url and not re.fullmatch(r"https?://[^/?#\s]+/?", w.public_url):
        raise SettingsError("web.public_url", N_(
            "phải chỉ gồm giao thức và tên máy chủ, ví dụ https://bot.example.vn, nhưng đang là "
            "{value}"), value=_shown(w.public_url))


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
        raise SettingsError("telegram.mode", ONE_OF, allowed="polling, webhook",
                            value=_shown(t.mode))
    if t.http not in ("aiohttp", "httpx"):
        raise SettingsError("telegram.http", ONE_OF, allowed="aiohttp, httpx",
                            value=_shown(t.http))
    if not t.base_url.startswith(("http://", "https://")):
        raise SettingsError("telegram.base_url", N_(
            "phải là một địa chỉ http(s) kết thúc bằng /bot, ví dụ https://api.telegram.org/bot, "
            "nhưng đang là {value}"), value=_shown(t.base_url))
    if not 1 <= t.max_connections <= 100:
        raise SettingsError("telegram.max_connections", RANGE, low=1, high=100,
                            value=t.max_connections)
    if t.concurrent_updates < 1:
        raise SettingsError("telegram.concurrent_updates", AT_LEAST, low=1,
                            value=t.concurrent_updates)
    if not 0 < t.rate <= 1000:
        raise SettingsError("telegram.rate", ABOVE_0_AT_MOST, high=1000, value=_shown(t.rate))
    if t.secret_token and not (_SECRET_RE.fullmatch(t.secret_token)
                               and len(t.secret_token) >= SECRET_MIN):
        raise SettingsError("telegram.secret_token", N_(
            "phải gồm {low} đến 256 ký tự A-Z, a-z, 0-9, _ và -, nhưng đang có {n} ký tự; để "
            "trống thì bot tự suy ra một mã từ token"), low=SECRET_MIN, n=len(t.secret_token))
    if t.enabled and t.mode == "webhook" and not t.webhook_url.startswith(
            ("https://", "http://")):
        # Not shown: its path may be the secret part of the webhook.
        raise SettingsError("telegram.webhook_url", N_(
            "chế độ webhook cần địa chỉ https công khai mà Telegram sẽ gửi cập nhật tới"))


def _validate_zalo(z: ZaloSettings) -> None:
    """Check [zalo]; it only matters when the channel is configured."""
    for key in ("api_base", "oauth_base"):
        if not getattr(z, key).startswith(("http://", "https://")):
            raise SettingsError(f"zalo.{key}", HTTP_URL, value=_shown(getattr(z, key)))
    if z.webhook_path and not z.webhook_path.startswith("/"):
        # The path is a secret: not shown.
        raise SettingsError("zalo.webhook_path", N_("phải bắt đầu bằng /"))
    if not 0 < z.rate <= 66:
        raise SettingsError("zalo.rate", N_(
            "phải lớn hơn 0 và không quá {high} (Zalo cho phép 4.000 yêu cầu mỗi phút), nhưng "
            "đang là {value}"), high=66, value=_shown(z.rate))
    if not 1 <= z.interaction_window_days <= 365:
        raise SettingsError("zalo.interaction_window_days", RANGE, low=1, high=365,
                            value=z.interaction_window_days)
    for key in ("workers", "backlog"):
        if getattr(z, key) < 1:
            raise SettingsError(f"zalo.{key}", AT_LEAST, low=1, value=getattr(z, key))
    if z.drain_seconds < 0:
        raise SettingsError("zalo.drain_seconds", NOT_NEGATIVE, value=_shown(z.drain_seconds))
    if z.enabled:
        if not unguessable_path(z.webhook_path):
            # Zalo signs its events, but anyone who knows the path can make the bot check
            # signatures all day: the path is the first gate, so it is a secret, never a
            # default. Required rather than generated: it is typed into Zalo's console.
            example = f"/zalo/{secrets.token_urlsafe(24)}"
            if not z.webhook_path:
                raise SettingsError("zalo.webhook_path", N_(
                    "còn thiếu; hãy đặt một đường dẫn có một đoạn ngẫu nhiên từ {low} ký tự A-Z, "
                    "a-z, 0-9, _ và - trở lên, chỉ Zalo biết, ví dụ {example}"),
                    low=SECRET_MIN, example=example)
            raise SettingsError("zalo.webhook_path", N_(
                "quá dễ đoán; phải có một đoạn ngẫu nhiên từ {low} ký tự A-Z, a-z, 0-9, _ và - "
                "trở lên, chỉ Zalo biết, ví dụ {example}"), low=SECRET_MIN, example=example)
        if not z.app_secret:
            raise SettingsError("zalo.app_secret", N_(
                "còn thiếu; cần có để làm mới access token (lấy ở trang Zalo cho nhà phát "
                "triển)"))
        if not (z.access_token or z.refresh_token):
            raise SettingsError("zalo.refresh_token", N_(
                "còn thiếu; hãy điền cặp token đầu tiên (access_token, refresh_token) lấy ở "
                "trang Zalo cho nhà phát triển"))


def _validate_broadcast(b: BroadcastSettings) -> None:
    """Check [broadcast]: a non-negative spacing, hours of a day, positive intervals."""
    if b.per_chat_interval < 0:
        raise SettingsError("broadcast.per_chat_interval", NOT_NEGATIVE,
                            value=_shown(b.per_chat_interval))
    for key in ("morning_hour", "evening_hour"):
        if not 0 <= getattr(b, key) <= 23:
            raise SettingsError(f"broadcast.{key}", N_(
                "phải là một giờ từ {low} đến {high}, nhưng đang là {value}"),
                low=0, high=23, value=getattr(b, key))
    if b.remind_before < 0:
        raise SettingsError("broadcast.remind_before", NOT_NEGATIVE, value=b.remind_before)
    if b.grace_hours < 0:
        raise SettingsError("broadcast.grace_hours", NOT_NEGATIVE, value=_shown(b.grace_hours))
    for key in ("poll_seconds", "stale_seconds", "progress_seconds"):
        if getattr(b, key) <= 0:
            raise SettingsError(f"broadcast.{key}", ABOVE_0, value=_shown(getattr(b, key)))


LOG_FORMATS = ("text", "json")
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")


def _validate_log(g: LogSettings) -> None:
    """Check [log]: a known format and level."""
    if g.format not in LOG_FORMATS:
        raise SettingsError("log.format", ONE_OF, allowed=", ".join(LOG_FORMATS),
                            value=_shown(g.format))
    if g.level.upper() not in LOG_LEVELS:
        raise SettingsError("log.level", ONE_OF, allowed=", ".join(LOG_LEVELS),
                            value=_shown(g.level))


def _validate_flood(f: FloodSettings) -> None:
    """Check [flood]: a positive window and cool-down, a non-negative count."""
    if f.max_messages < 0:
        raise SettingsError("flood.max_messages", N_(
            "không được âm (0 là tắt giới hạn tin nhắn dồn dập), nhưng đang là {value}"),
            value=f.max_messages)
    if f.per_seconds <= 0:
        raise SettingsError("flood.per_seconds", ABOVE_0, value=_shown(f.per_seconds))
    if f.cooldown_seconds < 0:
        raise SettingsError("flood.cooldown_seconds", NOT_NEGATIVE,
                            value=_shown(f.cooldown_seconds))


def with_overrides(settings: Settings, section: str, **changes: Any) -> Settings:
    """Return a copy with keys of one section replaced (for CLI flags)."""
    current = getattr(settings, section)
    return dataclasses.replace(settings, **{section: dataclasses.replace(current, **changes)})
