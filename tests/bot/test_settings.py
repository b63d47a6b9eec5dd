"""Settings: defaults, file, environment overrides and the errors that name the key."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bot.settings import SettingsError, load_settings

REPO = Path(__file__).resolve().parents[2]


def test_runs_with_no_file() -> None:
    s = load_settings(None, environ={})
    assert s.bot.locale == "vi"
    assert s.bot.timezone == "Asia/Ho_Chi_Minh"
    assert s.bot.edition == "2020"
    assert s.database.url.startswith("sqlite+aiosqlite:///")
    assert s.organizer_ids("console") == {"console"}
    assert s.simulated_now() is None


def test_example_file_is_valid_and_documents_every_key() -> None:
    example = REPO / "config.example.toml"
    s = load_settings(example, environ={})
    assert s == load_settings(None, environ={})
    text = example.read_text(encoding="utf-8")
    import dataclasses

    for section in dataclasses.fields(s):
        assert f"[{section.name}]" in text
        for key in dataclasses.fields(getattr(s, section.name)):
            assert f"\n{key.name} = " in text, f"{section.name}.{key.name} not documented"


def test_file_then_environment(tmp_path: Path) -> None:
    cfg = tmp_path / "c.toml"
    cfg.write_text('[bot]\nnow = "2020-10-02T09:00"\n[organizers]\ntelegram_ids = ["42"]\n',
                   encoding="utf-8")
    s = load_settings(cfg, environ={"HOCTAP_ORGANIZERS_ZALO_IDS": "1234567890123456789,77",
                                    "HOCTAP_DATABASE_ECHO": "false"})
    assert s.bot.now == "2020-10-02T09:00"
    assert s.organizer_ids("telegram") == {"42"}
    assert s.organizer_ids("zalo") == {"1234567890123456789", "77"}
    now = s.simulated_now()
    assert now is not None and (now.hour, now.utcoffset().total_seconds()) == (9, 7 * 3600)


def test_config_path_from_environment(tmp_path: Path) -> None:
    cfg = tmp_path / "c.toml"
    cfg.write_text('[bot]\nlocale = "en"\n', encoding="utf-8")
    assert load_settings(None, environ={"HOCTAP_CONFIG": str(cfg)}).bot.locale == "en"


@pytest.mark.parametrize(
    ("toml", "env", "message"),
    [
        ("[bot]\nlocal = 'vi'\n", {}, "bot.local: unknown key"),
        ("[bott]\n", {}, "[bott]: unknown section"),
        ("[organizers]\ntelegram_ids = [123]\n", {}, "organizers.telegram_ids: must be a list"),
        ("[database]\necho = 'yes'\n", {}, "database.echo: must be true or false"),
        ("[bot]\nlocale = 'fr'\n", {}, "bot.locale: must be one of vi, en"),
        ("[bot]\ntimezone = 'Mars/Olympus'\n", {}, "bot.timezone: unknown time zone"),
        ("[bot]\nnow = 'hôm qua'\n", {}, "bot.now:"),
        ("[database]\nurl = 'mysql://x'\n", {}, "database.url:"),
        ("", {"HOCTAP_DATABASE_ECHO": "maybe"}, "HOCTAP_DATABASE_ECHO: must be true or false"),
        ("", {"HOCTAP_BOT_COLOUR": "x"}, "HOCTAP_BOT_COLOUR: unknown key bot.colour"),
        ("", {"HOCTAP_NOPE_X": "x"}, "HOCTAP_NOPE_X: unknown setting"),
        ("[bot\n", {}, "is not valid TOML"),
    ],
)
def test_errors_name_the_key(tmp_path: Path, toml: str, env: dict[str, str],
                             message: str) -> None:
    cfg = tmp_path / "c.toml"
    cfg.write_text(toml, encoding="utf-8")
    with pytest.raises(SettingsError) as info:
        load_settings(cfg, environ=env)
    assert message in str(info.value)


def test_missing_file() -> None:
    with pytest.raises(SettingsError, match="does not exist"):
        load_settings("/nonexistent/hoctap.toml", environ={})


def test_cli_stops_with_the_key_named(tmp_path: Path) -> None:
    cfg = tmp_path / "c.toml"
    cfg.write_text("[bot]\nedition = 2020\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", "chat", "--config", str(cfg)], input="",
        capture_output=True, text=True, timeout=60, check=False, cwd=tmp_path,
    )
    assert result.returncode == 2
    assert "bot.edition: must be a string, found int" in result.stderr
    assert "Traceback" not in result.stderr


def test_cli_rejects_bad_now(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", "chat", "--now", "01/10/2020"], input="",
        capture_output=True, text=True, timeout=60, check=False, cwd=tmp_path,
    )
    assert result.returncode == 2
    assert "--now" in result.stderr
