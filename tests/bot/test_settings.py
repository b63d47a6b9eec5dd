"""Settings: defaults, file, environment overrides and the errors that name the key."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

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


def test_the_understandings_switch_is_no_setting() -> None:
    """HOCTAP_PURE_PYTHON=1 (the understanding read from its sources, not its compiled build)
    lets the bot start: it names no section of the settings."""
    from handlers.understanding import fast

    assert fast.ENV_PURE == "HOCTAP_PURE_PYTHON"
    assert load_settings(None, environ={fast.ENV_PURE: "1"}) == load_settings(None, environ={})


def test_config_path_from_environment(tmp_path: Path) -> None:
    cfg = tmp_path / "c.toml"
    cfg.write_text('[bot]\nlocale = "en"\n', encoding="utf-8")
    assert load_settings(None, environ={"HOCTAP_CONFIG": str(cfg)}).bot.locale == "en"


@pytest.mark.parametrize(
    ("toml", "env", "message"),
    [
        ("[bot]\nlocal = 'vi'\n", {},
         "bot.local: không có thiết lập này (mục [bot] chỉ có: locale, timezone,"),
        ("[bott]\n", {}, "[bott]: không có mục này (các mục có: bot, database,"),
        ("[organizers]\ntelegram_ids = [123]\n", {},
         "organizers.telegram_ids: phải là một danh sách chuỗi"),
        ("[database]\necho = 'yes'\n", {},
         "database.echo: phải là true hoặc false (không có ngoặc kép), nhưng đang là một chuỗi"),
        ("[bot]\nlocale = 'fr'\n", {},
         "bot.locale: phải là một trong các giá trị vi, en, nhưng đang là 'fr'"),
        ("[bot]\ntimezone = 'Mars/Olympus'\n", {},
         "bot.timezone: phải là tên một múi giờ, ví dụ Asia/Ho_Chi_Minh, nhưng đang là "
         "'Mars/Olympus'"),
        ("[bot]\nnow = 'hôm qua'\n", {},
         "bot.now: phải là một thời điểm dạng 2020-10-01T07:30, nhưng đang là 'hôm qua'"),
        ("[database]\nurl = 'mysql://x'\n", {}, "database.url:"),
        ("", {"HOCTAP_DATABASE_ECHO": "maybe"},
         "HOCTAP_DATABASE_ECHO: phải là true hoặc false, nhưng đang là 'maybe'"),
        ("", {"HOCTAP_BOT_COLOUR": "x"}, "HOCTAP_BOT_COLOUR: không có thiết lập bot.colour"),
        ("", {"HOCTAP_NOPE_X": "x"},
         "HOCTAP_NOPE_X: không ứng với thiết lập nào vì không có mục [nope]"),
        ("[bot\n", {}, "không đúng cú pháp TOML ở dòng 1, cột 5"),
    ],
)
def test_errors_name_the_key(tmp_path: Path, toml: str, env: dict[str, str],
                             message: str) -> None:
    cfg = tmp_path / "c.toml"
    cfg.write_text(toml, encoding="utf-8")
    with pytest.raises(SettingsError) as info:
        load_settings(cfg, environ=env)
    assert message in str(info.value)


def test_a_file_saved_by_a_windows_editor_is_read(tmp_path: Path) -> None:
    """Notepad saves 'UTF-8' with a byte order mark and CRLF line ends: the file is read as
    written (before: 'không đúng cú pháp TOML ở dòng 1, cột 1', at a character no editor
    shows)."""
    cfg = tmp_path / "c.toml"
    cfg.write_bytes(b"\xef\xbb\xbf[bot]\r\nlocale = 'en'\r\n")
    assert load_settings(cfg, environ={}).bot.locale == "en"


ZALO_ON = {"HOCTAP_ZALO_APP_ID": "1", "HOCTAP_ZALO_OA_SECRET_KEY": "k",
           "HOCTAP_ZALO_APP_SECRET": "s", "HOCTAP_ZALO_REFRESH_TOKEN": "r"}


@pytest.mark.parametrize("path", ["", "/zalo/webhook", "/zalo/" + "a" * 31,
                                  "/zalo/" + "a" * 31 + "!"])
def test_the_zalo_webhook_path_is_required_and_unguessable(path: str) -> None:
    env = ZALO_ON | ({"HOCTAP_ZALO_WEBHOOK_PATH": path} if path else {})
    with pytest.raises(SettingsError, match=r"^zalo\.webhook_path: ") as info:
        load_settings(None, environ=env)
    # The error offers a fresh random path that passes the check.
    suggested = re.search(r"ví dụ (/zalo/\S+)", str(info.value))
    assert suggested is not None
    settings = load_settings(None, environ=ZALO_ON | {
        "HOCTAP_ZALO_WEBHOOK_PATH": suggested.group(1)})
    assert settings.zalo.webhook_path == suggested.group(1)


def test_each_channel_declares_its_own_rate() -> None:
    s = load_settings(None, environ={"HOCTAP_TELEGRAM_RATE": "40", "HOCTAP_ZALO_RATE": "20"})
    assert (s.telegram.rate, s.zalo.rate) == (40.0, 20.0)
    with pytest.raises(SettingsError, match=r"^zalo\.rate: "):
        load_settings(None, environ={"HOCTAP_ZALO_RATE": "100"})
    with pytest.raises(SettingsError, match=r"không có thiết lập broadcast\.telegram_rate"):
        load_settings(None, environ={"HOCTAP_BROADCAST_TELEGRAM_RATE": "40"})


def test_missing_file() -> None:
    with pytest.raises(SettingsError,
                       match=r"^không tìm thấy tệp cấu hình /nonexistent/hoctap\.toml "):
        load_settings("/nonexistent/hoctap.toml", environ={})


def test_cli_stops_with_the_key_named(tmp_path: Path) -> None:
    cfg = tmp_path / "c.toml"
    cfg.write_text("[bot]\nedition = 2020\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", "chat", "--config", str(cfg)], input="",
        capture_output=True, text=True, timeout=60, check=False, cwd=tmp_path,
    )
    assert result.returncode == 2
    assert ("Lỗi cấu hình: bot.edition: phải là một chuỗi, viết trong ngoặc kép, nhưng đang là "
            "một số nguyên") in result.stderr
    assert "Traceback" not in result.stderr


def test_errors_are_translated_with_the_catalog(tmp_path: Path) -> None:
    """Vietnamese as raised (no catalog needed at start-up), English through the en catalog."""
    from handlers.i18n import _, use_locale

    with pytest.raises(SettingsError) as port:
        load_settings(None, environ={"HOCTAP_WEB_PORT": "99999"})
    cfg = tmp_path / "c.toml"
    cfg.write_text("[bot]\nedition = 2020\n", encoding="utf-8")
    with pytest.raises(SettingsError) as kind:
        load_settings(cfg, environ={})
    assert str(port.value) == "web.port: phải từ 1 đến 65535, nhưng đang là 99999"
    with use_locale("vi"):
        assert port.value.render(_) == str(port.value)
    with use_locale("en"):
        assert port.value.render(_) == "web.port: must be between 1 and 65535, found 99999"
        # The kind of value is a word of the catalog too.
        assert kind.value.render(_) == "bot.edition: must be a string, in quotes, found an integer"


def test_every_settings_error_names_its_key_and_a_catalog_message() -> None:
    """A SettingsError is raised as (key, N_("Vietnamese template") or a shared template,
    values): an English f-string would reach the operator untranslated."""
    import ast

    from bot import settings_error

    shared = {name for name in dir(settings_error) if name.isupper()}
    raised = 0
    for path in sorted((REPO / "bot").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id == "SettingsError"):
                continue
            raised += 1
            where = f"{path.relative_to(REPO)}:{node.lineno}"
            assert len(node.args) == 2, f"{where}: SettingsError(key, template, **values)"
            template = node.args[1]
            marked = (isinstance(template, ast.Call) and isinstance(template.func, ast.Name)
                      and template.func.id == "N_" and isinstance(template.args[0], ast.Constant))
            assert marked or (isinstance(template, ast.Name) and template.id in shared), where
    assert raised > 50


def test_cli_rejects_bad_now(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", "chat", "--now", "01/10/2020"], input="",
        capture_output=True, text=True, timeout=60, check=False, cwd=tmp_path,
    )
    assert result.returncode == 2
    assert "--now" in result.stderr


# ---- secrets -------------------------------------------------------------------------------


def test_config_readable_by_others_is_warned_about(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    cfg = tmp_path / "hoctap.toml"
    cfg.write_text('[telegram]\ntoken = "123456:from-the-file"\n', encoding="utf-8")
    cfg.chmod(0o644)
    with caplog.at_level("WARNING", logger="bot.settings"):
        assert load_settings(cfg, environ={}).telegram.token == "123456:from-the-file"
    [record] = [r for r in caplog.records if r.name == "bot.settings"]
    assert str(cfg) in record.getMessage() and f"chmod 600 {cfg}" in record.getMessage()
    assert "from-the-file" not in record.getMessage()
    caplog.clear()
    cfg.chmod(0o600)
    with caplog.at_level("WARNING", logger="bot.settings"):
        load_settings(cfg, environ={})
    assert not [r for r in caplog.records if r.name == "bot.settings"]


def test_cli_prints_the_warning_and_carries_on(tmp_path: Path) -> None:
    cfg = tmp_path / "c.toml"
    cfg.write_text('[bot]\nnow = "2020-10-01T07:30"\n', encoding="utf-8")
    cfg.chmod(0o640)
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", "content", "check", "--config", str(cfg)],
        capture_output=True, text=True, timeout=60, check=False, cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert f"chmod 600 {cfg}" in result.stderr and "mode 640" in result.stderr
    cfg.chmod(0o600)
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", "content", "check", "--config", str(cfg)],
        capture_output=True, text=True, timeout=60, check=False, cwd=tmp_path,
    )
    assert result.returncode == 0 and "chmod" not in result.stderr, result.stderr


SECRET_KEYS = {"telegram": ("token", "secret_token"),
               "zalo": ("app_secret", "oa_secret_key", "access_token", "refresh_token")}


def test_example_config_holds_no_secret_and_the_code_no_token() -> None:
    data = tomllib.loads((REPO / "config.example.toml").read_text(encoding="utf-8"))
    for section, keys in SECRET_KEYS.items():
        for key in keys:
            assert data[section][key] == "", f"{section}.{key} must stay empty in the example"
    assert make_url(data["database"]["url"]).password is None
    # Tokens come from the configuration or the environment only: no Bot API token (or
    # anything shaped like one) is written into the code, the deploy files or the docs.
    token = re.compile(r"\b\d{6,}:[A-Za-z0-9_-]{30,}\b")
    for folder in ("bot", "handlers", "scheduler", "content", "deploy", "docs"):
        for path in (REPO / folder).rglob("*"):
            if path.is_file() and path.suffix in {".py", ".toml", ".md", ".service", ".conf",
                                                   ""}:
                text = path.read_text(encoding="utf-8", errors="replace")
                assert not token.search(text), path
