"""[zalobot]: the Zalo Bot Platform channel's settings and their check (its own section).

Imported by bot.settings, so it imports nothing but the standard library and SettingsError.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

MODES = ("polling", "webhook")
# What setWebhook accepts as secret_token is 8 to 256 characters; we want at least 32, and only
# characters that travel unchanged in an HTTP header.
SECRET_RE = re.compile(r"[A-Za-z0-9_-]{32,256}")
# The webhook path ends in a segment nobody can guess (opsdroid's habit): a second secret, so a
# scan of the host finds nothing to knock on.
PATH_SEGMENT_RE = re.compile(r"[A-Za-z0-9_-]{16,}")
TOKEN_RE = re.compile(r"[A-Za-z0-9:_-]{10,256}")
# Zalo publishes no rate limit; 429 is honoured whatever this says.
MAX_RATE = 100.0
LOOPBACK = ("127.0.0.1", "localhost", "::1")


@dataclass(frozen=True)
class ZaloBotSettings:
    """A Zalo bot from "Zalo Bot Manager": its token, how updates arrive, how fast to send."""

    token: str = ""
    # Some accounts are served by the older https://bot-api.zapps.me.
    base_url: str = "https://bot-api.zaloplatforms.com"
    mode: str = "polling"
    webhook_url: str = ""
    secret_token: str = ""
    # Messages per second this bot sends (replies and broadcasts together).
    rate: float = 10.0

    @property
    def enabled(self) -> bool:
        return bool(self.token)

    @property
    def webhook_path(self) -> str:
        return urlsplit(self.webhook_url).path


def validate(z: ZaloBotSettings) -> None:
    """Check [zalobot]; raise SettingsError naming the key. Secrets are required, never
    defaulted: webhook mode needs secret_token and a webhook path nobody can guess."""
    from bot.settings_error import ABOVE_0_AT_MOST, N_, ONE_OF, SettingsError

    if z.mode not in MODES:
        raise SettingsError("zalobot.mode", ONE_OF, allowed=", ".join(MODES), value=repr(z.mode))
    if not z.base_url.startswith(("https://", "http://")) or "?" in z.base_url:
        raise SettingsError("zalobot.base_url", N_(
            "phải là một địa chỉ http(s), ví dụ https://bot-api.zaloplatforms.com, nhưng đang là "
            "{value}"), value=repr(z.base_url))
    if not 0 < z.rate <= MAX_RATE:
        raise SettingsError("zalobot.rate", ABOVE_0_AT_MOST, high=f"{MAX_RATE:g}",
                            value=f"{z.rate:g}")
    if z.token and not TOKEN_RE.fullmatch(z.token):
        # A secret: not shown.
        raise SettingsError("zalobot.token", N_(
            "không phải token của một bot Zalo (hãy chép nguyên token từ Zalo Bot Manager, không "
            "kèm dấu cách)"))
    if z.secret_token and not SECRET_RE.fullmatch(z.secret_token):
        raise SettingsError("zalobot.secret_token", N_(
            "phải gồm 32 đến 256 ký tự A-Z, a-z, 0-9, _ và -, nhưng đang có {n} ký tự; có thể "
            "tạo một mã bằng lệnh: python3 -c 'import secrets; print(secrets.token_urlsafe(32))'"),
            n=len(z.secret_token))
    if not (z.enabled and z.mode == "webhook"):
        return
    url = urlsplit(z.webhook_url)
    local = url.hostname in LOOPBACK
    if url.scheme != "https" and not (url.scheme == "http" and local):
        # Not shown: its path ends in a secret segment.
        raise SettingsError("zalobot.webhook_url", N_(
            "chế độ webhook cần địa chỉ https công khai mà Zalo sẽ gửi cập nhật tới (http chỉ "
            "dùng được trên chính máy này, để thử)"))
    last = url.path.rstrip("/").rsplit("/", 1)[-1]
    if not PATH_SEGMENT_RE.fullmatch(last):
        raise SettingsError("zalobot.webhook_url", N_(
            "đường dẫn phải kết thúc bằng một đoạn ngẫu nhiên từ 16 ký tự A-Z, a-z, 0-9, _ và - "
            "trở lên, ví dụ /zalobot/<kết quả của lệnh python3 -c 'import secrets; "
            "print(secrets.token_urlsafe(16))'>"))
    if not z.secret_token:
        raise SettingsError("zalobot.secret_token", N_(
            "chế độ webhook cần một mã bí mật (Zalo gửi lại mã này trong "
            "X-Bot-Api-Secret-Token); bot không tự tạo mã này"))
