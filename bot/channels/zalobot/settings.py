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
    from bot.settings_error import SettingsError

    if z.mode not in MODES:
        raise SettingsError(f"zalobot.mode: must be polling or webhook, found {z.mode!r}")
    if not z.base_url.startswith(("https://", "http://")) or "?" in z.base_url:
        raise SettingsError("zalobot.base_url: must be an http(s) URL such as "
                            "https://bot-api.zaloplatforms.com")
    if not 0 < z.rate <= MAX_RATE:
        raise SettingsError(f"zalobot.rate: must be above 0 and at most {MAX_RATE:g} "
                            "(messages a second)")
    if z.token and not TOKEN_RE.fullmatch(z.token):
        raise SettingsError("zalobot.token: not a Zalo bot token (copy it whole from Zalo Bot "
                            "Manager, without spaces)")
    if z.secret_token and not SECRET_RE.fullmatch(z.secret_token):
        raise SettingsError(
            f"zalobot.secret_token: must be 32 to 256 characters A-Z, a-z, 0-9, _ and - (found "
            f"{len(z.secret_token)} characters), e.g. from: python3 -c 'import secrets; "
            "print(secrets.token_urlsafe(32))'")
    if not (z.enabled and z.mode == "webhook"):
        return
    url = urlsplit(z.webhook_url)
    local = url.hostname in LOOPBACK
    if url.scheme != "https" and not (url.scheme == "http" and local):
        raise SettingsError("zalobot.webhook_url: webhook mode needs the public https URL "
                            "Zalo will post updates to (http only on this machine, for tests)")
    last = url.path.rstrip("/").rsplit("/", 1)[-1]
    if not PATH_SEGMENT_RE.fullmatch(last):
        raise SettingsError("zalobot.webhook_url: its path must end in a random segment of at "
                            "least 16 characters A-Z, a-z, 0-9, _ and -, e.g. /zalobot/"
                            "<python3 -c 'import secrets; print(secrets.token_urlsafe(16))'>")
    if not z.secret_token:
        raise SettingsError("zalobot.secret_token: webhook mode needs a secret (sent back by "
                            "Zalo in X-Bot-Api-Secret-Token); none is generated for you")
