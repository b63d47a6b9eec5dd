"""Secrets and personal data (issue 13): the log, SQL echo, group chats, spreadsheet cells and
the database file's mode.

The log tests install the real handler (`setup_logging`, as the CLI does) and read what it
wrote; Zalo tokens are refreshed for real against the fake Zalo server, Telegram runs as the
real `hoctap-bot run` process against the fake Bot API.
"""

from __future__ import annotations

import asyncio
import csv
import io
import logging
import os
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook

from bot.app import build_app
from bot.db.engine import create_engine, upgrade
from bot.observability import REDACTED, RedactingFilter, learn_secrets, setup_logging
from bot.report.results import build_csv, build_xlsx
from handlers.contest_types import ResultRow, contest_figures
from handlers.i18n import use_locale
from tests.bot.test_telegram import BotProcess, bot_env
from tests.bot.test_zalo import U1, say, start_bot
from tests.conftest import Chat, make_settings
from tests.fakes.telegram import FakeTelegram
from tests.fakes.zalo import FakeZalo

NAME, PHONE = "Lê Văn Dũng", "0912345678"
REGISTRATION = ["/thi", NAME, "Kiến An", PHONE, "Đồng ý"]
FORMULAS = ['=HYPERLINK("http://evil.example/x","Bấm vào đây")', "+1", "-2", "@x",
            "\t=1+1", "\r=1+1"]


@pytest.fixture
def log_state() -> Iterator[None]:
    """Put back the logging configuration setup_logging and the echo setting change."""
    root = logging.getLogger()
    names = ("aiosqlite", "sqlalchemy.engine", "httpx")
    levels = {n: logging.getLogger(n).level for n in names}
    root_level = root.level
    yield
    for h in [h for h in root.handlers if getattr(h, "hoctap", False)]:
        root.removeHandler(h)
        h.close()
    root.setLevel(root_level)
    for n, level in levels.items():
        logging.getLogger(n).setLevel(level)


def capture(settings: Any, level: str | None = None) -> io.StringIO:
    """Install the bot's log handler and return what it writes."""
    handler = setup_logging(settings, level=level)
    assert isinstance(handler, logging.StreamHandler)
    out = io.StringIO()
    handler.setStream(out)
    return out


def zalo_settings(db: str, zalo: FakeZalo, access: str, refresh: str, **env: str) -> Any:
    return make_settings(f"sqlite+aiosqlite:///{db}", HOCTAP_ZALO_ACCESS_TOKEN=access,
                         HOCTAP_ZALO_REFRESH_TOKEN=refresh, HOCTAP_ZALO_API_BASE=zalo.url,
                         **env)


# ---- the log -------------------------------------------------------------------------------


async def test_refreshed_zalo_tokens_never_reach_the_debug_log(tmp_path: Path,
                                                               log_state: None) -> None:
    db = str(tmp_path / "hoctap.sqlite3")
    async with FakeZalo() as zalo:
        access, refresh = zalo.issue_pair()
        out = capture(zalo_settings(db, zalo, access, refresh), level="DEBUG")
        # The worst case: a library trace that prints every SQL parameter, turned on by hand.
        logging.getLogger("aiosqlite").setLevel(logging.DEBUG)
        bot = await start_bot(db, zalo, access, refresh)
        try:
            await say(zalo, bot, U1, "/start")
            zalo.expire_access_tokens()
            assert "(02253)810486" in (await say(zalo, bot, U1, "lien he"))[-1]
        finally:
            await bot.stop()
        [(new_access, new_refresh)] = bot.query(
            "select access_token, refresh_token from zalo_tokens")
    assert [r.ok for r in zalo.refreshes] == [True] and new_access != access
    log = out.getvalue()
    # The UPDATE that stored the pair was traced, its parameters hidden.
    assert "UPDATE zalo_tokens" in log and REDACTED in log
    for token in (access, refresh, new_access, new_refresh):
        assert token not in log


def test_learnt_secrets_outlive_a_new_handler(log_state: None) -> None:
    capture(None, level="DEBUG")
    learn_secrets("AT-issued-at-run-time-123")
    out = capture(None, level="DEBUG")  # as `hoctap-bot run` installs its own again
    logging.getLogger("hoctap.test").warning("token AT-issued-at-run-time-123 refused")
    assert out.getvalue().rstrip().endswith(f"token {REDACTED} refused")
    flt = RedactingFilter()
    flt.learn("short", *(f"token-number-{i:03d}" for i in range(40)))
    assert "short" not in flt.secrets and "token-number-039" in flt.secrets
    assert len(flt.secrets) == 16  # the newest only: replaced tokens expire within a day


async def test_debug_log_carries_no_sql_parameters(tmp_path: Path, log_state: None) -> None:
    settings = make_settings(f"sqlite+aiosqlite:///{tmp_path / 'hoctap.sqlite3'}")
    out = capture(settings, level="DEBUG")
    app = build_app(settings)
    await app.start()
    try:
        chat = Chat(app, "citizen-7")
        for line in REGISTRATION:
            await chat.send(line)
    finally:
        await app.close()
    with sqlite3.connect(tmp_path / "hoctap.sqlite3") as conn:
        stored = conn.execute("select full_name, phone from contest_participants").fetchall()
    assert stored == [(NAME, PHONE)]
    log = out.getvalue()
    assert "handled console message as" in log  # the DEBUG log is on
    assert NAME not in log and PHONE not in log and "Kiến An" not in log


async def test_echo_goes_through_our_handler_without_parameters(
    tmp_path: Path, log_state: None, capfd: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "hoctap.sqlite3")
    async with FakeZalo() as zalo:
        access, refresh = zalo.issue_pair()
        echo = {"HOCTAP_DATABASE_ECHO": "true"}
        # The interactive commands' level: SQL lines come through because echo asked for them.
        out = capture(zalo_settings(db, zalo, access, refresh, **echo), level="WARNING")
        bot = await start_bot(db, zalo, access, refresh, env=echo)
        try:
            for line in REGISTRATION:
                await say(zalo, bot, U1, line)
            zalo.expire_access_tokens()
            await say(zalo, bot, U1, "lien he")
        finally:
            await bot.stop()
        [(new_access, new_refresh)] = bot.query(
            "select access_token, refresh_token from zalo_tokens")
        assert new_access != access
        assert bot.query("select full_name, phone from contest_participants") == [(NAME, PHONE)]
    log = out.getvalue()
    stdout, stderr = capfd.readouterr()
    assert "sqlalchemy.engine.Engine: INSERT INTO contest_participants" in log
    assert "sqlalchemy.engine.Engine: UPDATE zalo_tokens" in log
    assert "[SQL parameters hidden due to hide_parameters=True]" in log
    # Nothing printed by SQLAlchemy's own handler (stdout) or any other.
    assert "zalo_tokens" not in stdout + stderr
    for secret in (NAME, PHONE, access, refresh, new_access, new_refresh):
        assert secret not in log and secret not in stdout + stderr


# ---- organizer files stay out of group chats -----------------------------------------------


async def test_organizer_files_only_in_a_private_chat(tmp_path: Path) -> None:
    organizer, citizen, group = 9000, 3001, -100500
    async with FakeTelegram(token="123456:TEST-token_abc") as tg:
        proc = BotProcess(tmp_path, bot_env(tg, HOCTAP_ORGANIZERS_TELEGRAM_IDS=str(organizer)))
        await proc.start()
        try:
            await tg.wait_for("setMyCommands", count=2, timeout=30)
            for line in REGISTRATION:
                count = len(tg.sent_messages(citizen))
                tg.user_sends_text(citizen, line, "Dũng")
                await tg.wait_for(lambda c=count: len(tg.sent_messages(citizen)) > c,
                                  timeout=15)
            assert proc.query("select full_name, phone from contest_participants") == [
                (NAME, PHONE)]

            for command in ("/ketquathi", "/baocao"):
                count = len(tg.sent_messages(group))
                tg.user_sends_text(organizer, command, "Hải", chat_id=group)
                await tg.wait_for(lambda c=count: len(tg.sent_messages(group)) > c,
                                  timeout=15)
                refusal = tg.sent_messages(group)[-1]["text"]
                assert "chỉ gửi trong tin nhắn riêng" in refusal and command in refusal
            # A citizen in the group gets the usual refusal (another one: the registered
            # citizen has a question open, which holds whatever they type).
            tg.user_sends_text(citizen + 1, "/ketquathi", chat_id=group)
            await tg.wait_for(lambda: len(tg.sent_messages(group)) == 3, timeout=15)
            assert "chỉ dành cho Ban tổ chức" in tg.sent_messages(group)[-1]["text"]

            tg.user_sends_text(organizer, "/ketquathi", "Hải")
            docs = await tg.wait_for("sendDocument", count=2, timeout=15)
            await asyncio.sleep(0.3)
        finally:
            assert await proc.stop() == 0, proc.stderr.decode()
        # Multipart uploads carry chat_id as text.
        assert {str(d.params["chat_id"]) for d in docs} == {str(organizer)}
        csv_file = next(d.files["document"] for d in docs
                        if d.files["document"].filename.endswith(".csv"))
        assert PHONE in csv_file.data.decode("utf-8-sig")
        group_calls = [r for r in tg.requests if str(r.params.get("chat_id")) == str(group)]
        assert {c.method for c in group_calls} == {"sendMessage"}
        assert not any(NAME in str(c.params) or PHONE in str(c.params) for c in group_calls)


async def test_report_and_results_refused_in_a_group(tmp_path: Path) -> None:
    """The core's rule, whatever the channel: an organizer in a group gets no files."""
    from handlers.types import Incoming

    app = build_app(make_settings(f"sqlite+aiosqlite:///{tmp_path / 'hoctap.sqlite3'}"))
    await app.start()
    try:
        for command in ("/ketquathi", "/baocao"):
            replies = await app.dispatcher.handle(Incoming("console", "console", command,
                                                           is_private=False))
            assert replies is not None and not any(r.files for r in replies)
            assert "nhắn tin riêng cho Chatbot" in replies[0].text
        assert any(r.files for r in await Chat(app, "console").send("/ketquathi"))
    finally:
        await app.close()


# ---- spreadsheet cells ---------------------------------------------------------------------


def _formula_cells(data: bytes) -> list[str]:
    wb = load_workbook(io.BytesIO(data))
    return [f"{ws.title}!{c.coordinate}" for ws in wb for r in ws.iter_rows() for c in r
            if c.data_type == "f"]


async def test_report_workbook_keeps_an_announcement_formula_as_text(tmp_path: Path) -> None:
    app = build_app(make_settings(f"sqlite+aiosqlite:///{tmp_path / 'hoctap.sqlite3'}"))
    await app.start()
    try:
        organizer = Chat(app, "console")
        for line in ("/thongbao", FORMULAS[0], "all", "ngay", "ok"):
            await organizer.send(line)
        replies = await organizer.send("/baocao")
    finally:
        await app.close()
    [workbook] = [f for f in replies[0].files if f.filename.endswith(".xlsx")]
    assert _formula_cells(workbook.data) == []
    wb = load_workbook(io.BytesIO(workbook.data))
    texts = [c.value for r in wb["Thông báo"].iter_rows() for c in r]
    assert "'" + FORMULAS[0] in texts  # visible as typed, behind Excel's text mark


def test_contest_exports_keep_formula_like_text_as_text() -> None:
    tz = ZoneInfo("Asia/Ho_Chi_Minh")
    when = datetime(2020, 10, 1, 1, 0, tzinfo=UTC)
    rows = [ResultRow(rank=i + 1, participant_id=i + 1, full_name=text, district=text,
                      unit=None, phone=text, score=-2 if i == 2 else 10 - i, total_ms=-1500,
                      finished_at=when, registered_at=when, voided=False, void_reason=None)
            for i, text in enumerate(FORMULAS)]
    with use_locale("vi"):
        xlsx, raw_csv = build_xlsx(rows, contest_figures([]), tz), build_csv(rows, tz)
    assert _formula_cells(xlsx) == []
    sheet = list(load_workbook(io.BytesIO(xlsx))["Kết quả"].iter_rows(values_only=True))
    # XML reads a carriage return back as a line feed: the text is otherwise as written.
    shown = ["'" + t.replace("\r", "\n") for t in FORMULAS]
    assert [r[2] for r in sheet[1:]] == shown and [r[4] for r in sheet[1:]] == shown
    # Numbers stay numbers, negative ones included.
    assert sheet[3][5] == -2 and sheet[1][6] == -1.5
    table = list(csv.reader(io.StringIO(raw_csv.decode("utf-8-sig"))))
    assert [r[2] for r in table[1:]] == ["'" + t for t in FORMULAS]
    assert table[3][5] == "-2"
    # Every field quoted: a ";" inside a cell cannot start a new one in a ";" locale.
    first_line = raw_csv.decode("utf-8-sig").splitlines()[0]
    assert first_line.startswith('"Hạng","Mã"')


# ---- the database file ---------------------------------------------------------------------


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


async def test_sqlite_database_and_its_wal_are_private(tmp_path: Path) -> None:
    old = os.umask(0o022)  # what a hand-started shell usually has
    try:
        db = tmp_path / "hoctap.sqlite3"
        engine = create_engine(f"sqlite:///{db}")
        await upgrade(engine)  # writes, with the engine's connections still open
        for path in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
            assert path.exists() and _mode(path) == 0o600, path
        await engine.dispose()
    finally:
        os.umask(old)


def test_hoctap_bot_chat_creates_a_private_database(tmp_path: Path) -> None:
    binary = Path(sys.executable).parent / "hoctap-bot"
    command = [str(binary)] if binary.exists() else [sys.executable, "-m", "bot.cli"]
    environ = {k: v for k, v in os.environ.items() if not k.startswith("HOCTAP_")}
    result = subprocess.run([*command, "chat", "--now", "2020-10-01T07:30"],
                            input="/start\nlien he\n", capture_output=True, text=True,
                            timeout=120, check=False, cwd=tmp_path, env=environ, umask=0o022)
    assert result.returncode == 0, result.stderr
    assert "(02253)810486" in result.stdout
    assert _mode(tmp_path / "hoctap.sqlite3") == 0o600
    # A database another user can read (one made before this fix) is named in a warning.
    (tmp_path / "hoctap.sqlite3").chmod(0o644)
    again = subprocess.run([*command, "chat"], input="", capture_output=True, text=True,
                           timeout=120, check=False, cwd=tmp_path, env=environ)
    assert again.returncode == 0, again.stderr
    assert "hoctap.sqlite3 has mode 0644" in again.stderr and "chmod 600" in again.stderr
