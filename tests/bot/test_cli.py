"""The real `hoctap-bot` command as an organizer meets it: Vietnamese words, exit codes, pipes."""

from __future__ import annotations

import asyncio
import os
import re
import subprocess
import sys
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.app import build_app
from bot.db import broadcast
from bot.db.engine import create_engine
from bot.db.models import ContestParticipant, ScheduledItem
from tests import spawn
from tests.conftest import free_port, local, make_settings, migrate, new_sqlite_schema

BIN = Path(sys.executable).parent / "hoctap-bot"
NOW = "2020-10-01T07:30"


def environ(db: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("HOCTAP_")}
    env.update({"HOCTAP_DATABASE_URL": db, "HOCTAP_BOT_NOW": NOW, **extra})
    return {k: v for k, v in env.items() if v}  # an empty value unsets it


def cli(tmp_path: Path, *args: str, stdin: str = "", **extra: str
        ) -> subprocess.CompletedProcess[str]:
    """Run the installed console script on the test's SQLite file (given the schema first, as
    migrate() makes it: a first start's migrations are tested in test_database)."""
    db = f"sqlite+aiosqlite:///{tmp_path / 'hoctap.sqlite3'}"
    asyncio.run(new_sqlite_schema(db))
    return spawn.run([str(BIN), *args], input=stdin, capture_output=True, text=True,
                          timeout=120, check=False, cwd=tmp_path, env=environ(db, **extra))


def clis(tmp_path: Path, *calls: tuple[str, ...], **extra: str
         ) -> list[subprocess.CompletedProcess[str]]:
    """Run independent commands side by side, each in its own process, on a database that
    already has its schema (two first starts would both create it). A start costs about a
    second of CPU, mostly imports, while the other xdist worker often waits on a timer."""
    asyncio.run(migrate(f"sqlite+aiosqlite:///{tmp_path / 'hoctap.sqlite3'}"))
    with ThreadPoolExecutor(4) as pool:
        return list(pool.map(lambda args: cli(tmp_path, *args, **extra), calls))


def quiet(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr + result.stdout, result.stderr


def test_contest_void_of_no_one_fails_in_vietnamese(tmp_path: Path) -> None:
    bad_ids = ("²", "99999999999999999999")
    result, *bad_results, no_reason = clis(
        tmp_path, ("contest", "void", "12", "--reason", "trùng người dự thi"),
        *(("contest", "void", bad, "--reason", "x") for bad in bad_ids),
        ("contest", "void", "12"))
    quiet(result)
    assert result.returncode == 1
    assert "Không có người dự thi mã 12." in result.stderr
    for bad, result in zip(bad_ids, bad_results, strict=True):
        quiet(result)
        assert result.returncode == 2, bad
        assert f"“{bad}” không phải là một số hợp lệ" in result.stderr, result.stderr
        assert "Cách dùng: hoctap-bot contest void" in result.stderr
    result = no_reason
    assert result.returncode == 2 and "lỗi: thiếu tham số --reason" in result.stderr


def test_contest_void_of_a_participant(tmp_path: Path) -> None:
    db = f"sqlite+aiosqlite:///{tmp_path / 'hoctap.sqlite3'}"

    async def register() -> int:
        await new_sqlite_schema(db)
        app = build_app(make_settings(db))
        await app.start()
        try:
            async with app.sessions() as s, s.begin():
                p = ContestParticipant(full_name="Nguyễn Văn A", district="Lê Chân",
                                       consented_at=local(NOW), registered_at=local(NOW))
                s.add(p)
                await s.flush()
                return p.id
        finally:
            await app.close()

    pid = asyncio.run(register())
    with ThreadPoolExecutor(2) as pool:  # side by side: each is a process of its own
        voiding = pool.submit(cli, tmp_path, "contest", "void", str(pid), "--reason",
                              "trùng người dự thi")
        # No console organizer configured: refused plainly, not run as a citizen.
        refusal = pool.submit(cli, tmp_path, "contest", "void", str(pid), "--reason", "x",
                              HOCTAP_ORGANIZERS_CONSOLE_IDS="[]")
    result = voiding.result()
    quiet(result)
    assert result.returncode == 0, result.stderr
    assert f"Đã hủy kết quả của người dự thi mã {pid}." in result.stdout
    result = refusal.result()
    assert result.returncode == 2 and "console_ids đang trống" in result.stderr


def test_announce_cancel_speaks_vietnamese_with_exit_codes(tmp_path: Path) -> None:
    result, created, not_a_number = clis(
        tmp_path, ("announce", "cancel", "999"),
        ("announce", "--text", "Khai mạc lúc 8 giờ", "--at", "ngay"),
        ("announce", "cancel", "²"))
    quiet(result)
    assert result.returncode == 1
    assert result.stderr.strip() == "Không có thông báo #999."
    assert "not_found" not in result.stdout + result.stderr
    assert created.returncode == 0, created.stderr
    item = created.stdout.split("#", 1)[1].split(" ", 1)[0]
    done = cli(tmp_path, "announce", "cancel", item)
    assert done.returncode == 0 and f"Đã hủy thông báo #{item}" in done.stdout
    # Cancelling twice is idempotent: it stays cancelled, and says so.
    again = cli(tmp_path, "announce", "cancel", item)
    assert again.returncode == 0 and f"Đã hủy thông báo #{item}" in again.stdout
    result = not_a_number
    quiet(result)
    assert result.returncode == 2 and "“²” không phải là một số hợp lệ" in result.stderr


def test_the_same_announcement_twice_is_refused_until_the_first_is_cancelled(
        tmp_path: Path) -> None:
    """The command run twice (the shell's history, a script run again): every recipient
    would read it twice. Another audience, or after cancelling, it is a new announcement."""
    env = {"HOCTAP_BOT_NOW": "2020-10-01T07:30"}
    first = cli(tmp_path, "announce", "--text", "Họp  lúc 8 giờ", "--at", "2020-10-01T19:30",
                **env)
    assert first.returncode == 0, first.stderr
    again = cli(tmp_path, "announce", "--text", "Họp lúc 8 giờ", "--at", "2020-10-01T20:30",
                **env)
    quiet(again)
    assert again.returncode == 1
    assert again.stderr.strip().startswith(
        "Chưa lên lịch: thông báo #1 cùng nội dung, cùng người nhận đang chờ gửi lúc 19:30 "
        "01/10/2020")
    other = cli(tmp_path, "announce", "--text", "Họp lúc 8 giờ", "--at", "ngay",
                "--audience", "contest", **env)
    assert other.returncode == 0 and "#2" in other.stdout
    assert cli(tmp_path, "announce", "cancel", "1", **env).returncode == 0
    after = cli(tmp_path, "announce", "--text", "Họp lúc 8 giờ", "--at", "2020-10-01T20:30",
                **env)
    assert after.returncode == 0 and "#3" in after.stdout


def test_schedule_and_announce_list_show_states_in_words(tmp_path: Path) -> None:
    created = cli(tmp_path, "announce", "--text", "Hủy buổi tọa đàm", "--at", "now")
    item = created.stdout.split("#", 1)[1].split(" ", 1)[0]
    assert cli(tmp_path, "announce", "cancel", item).returncode == 0
    # The shipped schedule is a sample: nothing is planned from it, and the listing says why.
    sample, listing = clis(tmp_path, ("schedule", "list"), ("announce", "list"))
    quiet(sample)
    assert sample.returncode == 0 and "schedule.toml là lịch mẫu" in sample.stdout
    assert [line for line in sample.stdout.splitlines() if line.startswith("#")] == [
        line for line in sample.stdout.splitlines() if line.startswith(f"#{item} ")]
    # For a demonstration it is planned, like a real schedule.
    result = cli(tmp_path, "schedule", "list", HOCTAP_BOT_DEMO_SAMPLE_SCHEDULE="true")
    quiet(result)
    assert result.returncode == 0
    lines = [line for line in result.stdout.splitlines() if line.startswith("#")]
    assert len(lines) > 10
    assert all("chờ gửi" in line for line in lines if not line.startswith(f"#{item} "))
    cancelled = next(line for line in lines if line.startswith(f"#{item} "))
    assert "đã hủy" in cancelled and "Thông báo (tất cả người đăng ký): Hủy buổi tọa đàm" \
        in cancelled
    assert "Lịch hằng ngày 01/10/2020" in result.stdout
    assert "Lịch hằng ngày 01/10/2020 (Lê Chân)" in result.stdout
    assert "Nhắc khai mạc: Lễ khai mạc" in result.stdout
    for raw in ("scheduled", "cancelled", "digest:", "remind:", "announcement"):
        assert raw not in result.stdout
    assert "đã hủy" in listing.stdout and "cancelled" not in listing.stdout


async def _announcements(db: str, n: int) -> None:
    await new_sqlite_schema(db)
    app = build_app(make_settings(db))
    await app.start()
    try:
        async with app.sessions() as s, s.begin():
            for i in range(n):
                await broadcast.create_announcement(s, f"Thông báo {i}", "all", local(NOW),
                                                local(NOW), None)
    finally:
        await app.close()


@pytest.mark.parametrize("command", [("announce", "list"), ("schedule", "list"), ("chat",)])
def test_a_closed_pipe_is_quiet(tmp_path: Path, command: tuple[str, ...]) -> None:
    """`hoctap-bot announce list | head -1`, with the reader gone before the first write."""
    db = f"sqlite+aiosqlite:///{tmp_path / 'hoctap.sqlite3'}"
    asyncio.run(_announcements(db, 3))
    read, write = os.pipe()
    os.close(read)  # a real pipe whose reader has gone: every write gets EPIPE
    try:
        proc = subprocess.run([str(BIN), *command], input="/lich\n/lienhe\n",
                              stdout=write, stderr=subprocess.PIPE, text=True, timeout=120,
                              check=False, cwd=tmp_path, env=environ(db))
    finally:
        os.close(write)
    assert proc.stderr == ""
    assert proc.returncode == 141


def test_announce_at_now_or_ngay_in_any_spelling(tmp_path: Path) -> None:
    ats = ("now", "Ngay", "ngày", "01/10/2020 19:30")
    created = clis(tmp_path, *(("announce", "--text", f"Thông báo {at}", "--at", at)
                               for at in ats))
    for at, result in zip(ats, created, strict=True):
        quiet(result)
        assert result.returncode == 0, (at, result.stderr)
        assert "Đã lên lịch thông báo #" in result.stdout
        assert "Bot đang chạy (hoctap-bot run) sẽ gửi đúng giờ" in result.stdout
    heads = [line for line in cli(tmp_path, "announce", "list").stdout.splitlines()
             if line.startswith("#")]
    assert sum("01/10/2020 07:30" in h for h in heads) == 3
    assert sum("01/10/2020 19:30" in h for h in heads) == 1
    refused = (("2020-09-30T19:30", "Thời điểm này đã qua"), ("mai", "chưa hiểu “mai”"),
               # a year typed wrong: a year after the week, never sent
               ("01/10/2021 19:30", "quá xa"))
    results = clis(tmp_path, *(("announce", "--text", "x", "--at", at) for at, _ in refused))
    for (at, words), result in zip(refused, results, strict=True):
        quiet(result)
        assert result.returncode == 2 and words in result.stderr, (at, result.stderr)


def test_a_time_zone_other_than_the_weeks_is_refused(tmp_path: Path) -> None:
    """bot.timezone set to the server's zone (UTC) while the week is in Vietnam: 'announce --at
    19:30' was read in UTC, confirmed as '19:30' and sent at 02:30 the next night, while the
    chat and the web console read the same '19:30' in the week's zone. The bot now refuses to
    start, naming the key, and nothing is scheduled."""
    result = cli(tmp_path, "announce", "--text", "Họp lúc 20:00", "--at",
                 "01/10/2020 19:30", HOCTAP_BOT_TIMEZONE="UTC")
    quiet(result)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "bot.timezone: là UTC, khác múi giờ của Tuần lễ (Asia/Ho_Chi_Minh" in result.stderr
    assert "Đã lên lịch" not in result.stdout
    assert "Chưa có thông báo nào" in cli(tmp_path, "announce", "list").stdout


def test_announce_text_is_read_as_the_chat_reads_it(tmp_path: Path) -> None:
    """--text and --reason are read as a chat message is: only invisible characters are no
    text (an empty announcement was scheduled to everyone), bytes that are not UTF-8 and bidi
    controls go (the first stopped the command with a traceback)."""
    empty, blank, odd = clis(
        tmp_path, ("announce", "--text", "\u200b\u200b \u2060", "--at", "now"),
        ("announce", "--text", "\u3164\u3164 \u2800", "--at", "now"),
        ("announce", "--text", "Họp lúc 8 giờ\udcff tại\u202e Nhà văn hóa", "--at", "now"))
    for result in (empty, blank):
        quiet(result)
        assert result.returncode == 2 and "Cần --text" in result.stderr, result.stderr
    quiet(odd)
    assert odd.returncode == 0, odd.stderr
    void = cli(tmp_path, "contest", "void", "1", "--reason", "\u200b")
    assert void.returncode == 2 and "cần ghi lý do hủy" in void.stderr, void.stderr
    listed = cli(tmp_path, "announce", "list").stdout
    assert "Họp lúc 8 giờ tại Nhà văn hóa" in listed
    assert listed.count("chờ gửi") == 1


def test_announce_with_buttons_as_the_chat_makes_them(tmp_path: Path) -> None:
    """--button: a feature (its command or its label) or "Name | https://…", at most three,
    stored as /thongbao stores them; a wrong one changes nothing and says why."""
    link = "Trang tin | https://hoctaphaiphong.vn/tuan-le"
    made, *refused = clis(
        tmp_path, ("announce", "--text", "Mời dự lễ khai mạc", "--at", "ngay",
                   "--button", "/homnay", "--button", "Làm bài thi", "--button", link),
        ("announce", "--text", "x", "--at", "ngay", "--button", "khong co"),
        ("announce", "--text", "x", "--at", "ngay", "--button", "Trang | http://x.vn"),
        ("announce", "--text", "x", "--at", "ngay", *("--button", "homnay") * 4))
    quiet(made)
    assert made.returncode == 0, made.stderr
    for result, says in zip(refused, ("Nút “khong co” (--button): Chatbot chưa hiểu nút này.",
                                      "phải bắt đầu bằng https://",
                                      "Một thông báo có tối đa 3 nút."), strict=True):
        quiet(result)
        assert result.returncode == 2 and says in result.stderr, result.stderr

    async def stored() -> list[list[dict[str, str]]]:
        engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'hoctap.sqlite3'}")
        try:
            async with engine.connect() as conn:
                rows = await conn.execute(select(ScheduledItem.payload))
                return [p.get("buttons", []) for (p,) in rows]
        finally:
            await engine.dispose()

    [buttons] = asyncio.run(stored())
    assert [b.get("command") or b.get("url") for b in buttons] == [
        "/homnay", "/thi", "https://hoctaphaiphong.vn/tuan-le"]
    assert buttons[2]["label"] == "Trang tin"


def test_readme_announce_examples_work_on_the_real_clock(tmp_path: Path) -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    assert "--at 2020-10-01T19:30" not in readme  # in the past on the real clock
    assert '--at ngay --audience all' in readme
    tomorrow = (datetime.now() + timedelta(days=1)).strftime("%Y-%m-%d")
    ats = ("ngay", f"{tomorrow}T19:30")
    # Two texts: the same one twice would be refused as a duplicate.
    results = clis(tmp_path, *(("announce", "--text", f"… {at}", "--at", at,
                                "--audience", "all") for at in ats), HOCTAP_BOT_NOW="")
    for at, result in zip(ats, results, strict=True):
        assert result.returncode == 0, (at, result.stderr)


def test_usage_errors_are_vietnamese(tmp_path: Path) -> None:
    cases = [
        (("bogus",), "hoctap-bot: lỗi: LỆNH: không có 'bogus'"),
        (("announce", "cancel"), "Thiếu số của thông báo"),
        (("announce", "--text", "x" * 3501, "--at", "ngay"), "quá 3500"),
        (("report", "--from", "٠١/١٠/٢٠٢٠", "--out", "r"), "“٠١/١٠/٢٠٢٠” không phải là ngày"),
        (("chat", "--now", "hôm qua"),
         "Lỗi cấu hình: --now: phải là một thời điểm dạng 2020-10-01T07:30, nhưng đang là "
         "'hôm qua'"),
        (("announce", "list", "--bogus"), "lỗi: không hiểu tham số --bogus"),
    ]
    *results, missing, help_run = clis(
        tmp_path, *(args for args, _ in cases), ("content", "check", str(tmp_path / "2099")),
        ("announce", "--help"))
    for (args, words), result in zip(cases, results, strict=True):
        quiet(result)
        assert result.returncode == 2, (args, result.stderr)
        assert words in result.stderr, (args, result.stderr)
        assert "usage:" not in result.stderr and "error:" not in result.stderr
    assert missing.returncode == 1 and "không có thư mục nội dung này" in missing.stderr
    help_text = help_run.stdout
    assert help_text.startswith("Cách dùng: hoctap-bot announce")
    assert "tùy chọn:" in help_text and "lúc gửi: now hoặc ngay" in help_text


# English words of the old messages, and of any new one written in English by mistake.
ENGLISH = {"must", "found", "expected", "unknown", "key", "setting", "section", "between",
           "least", "needs", "needed", "missing", "required", "invalid", "not", "should", "set",
           "the", "be", "is", "or", "and", "of"}


def test_settings_errors_are_vietnamese_and_name_the_key(tmp_path: Path) -> None:
    """Bad settings stop the real console script with one Vietnamese line: the key as the
    operator wrote it, the value it holds, what to write instead; no English, no traceback."""
    cfg = tmp_path / "hoctap.toml"
    cfg.write_text("[web]\nprot = 8080\n", encoding="utf-8")
    cfg.chmod(0o600)  # a readable file is warned about, in a log line
    zalo = {"HOCTAP_ZALO_APP_ID": "1234567890", "HOCTAP_ZALO_OA_SECRET_KEY": "oa-key",
            "HOCTAP_ZALO_WEBHOOK_PATH": "/zalo/" + "k3J9xQ2mV7pL4wR8" * 3}
    zalobot = {"HOCTAP_ZALOBOT_TOKEN": "1234567890:abcdefghij", "HOCTAP_ZALOBOT_MODE": "webhook",
               "HOCTAP_ZALOBOT_WEBHOOK_URL": "https://bot.example.vn/zalobot/k3J9xQ2mV7pL4wR8"}
    # (arguments, environment, the key named, what the line goes on to say)
    cases: list[tuple[tuple[str, ...], dict[str, str], str, str]] = [
        ((), {"HOCTAP_TELEGRAM_RATE": "abc"}, "HOCTAP_TELEGRAM_RATE",
         "phải là một số (phần thập phân sau dấu chấm, ví dụ 2.5), nhưng đang là 'abc'"),
        ((), {"HOCTAP_WEB_PORT": "99999"}, "web.port",
         "phải từ 1 đến 65535, nhưng đang là 99999"),
        (("--config", str(cfg)), {}, "web.prot",
         "không có thiết lập này (mục [web] chỉ có: host, port, max_body,"),
        ((), {"HOCTAP_WEB_PROT": "8080"}, "HOCTAP_WEB_PROT",
         "không có thiết lập web.prot (mục [web] chỉ có: host, port, max_body,"),
        ((), zalo, "zalo.app_secret", "còn thiếu; cần có để làm mới access token"),
        ((), zalobot, "zalobot.secret_token", "chế độ webhook cần một mã bí mật"),
    ]
    asyncio.run(migrate(f"sqlite+aiosqlite:///{tmp_path / 'hoctap.sqlite3'}"))  # once, not racing
    with ThreadPoolExecutor(3) as pool:
        results = list(pool.map(
            lambda case: cli(tmp_path, "content", "check", *case[0], **case[1]), cases))
    for (args, env, key, says), result in zip(cases, results, strict=True):
        quiet(result)
        assert result.returncode == 2, (args, env, result.stderr)
        assert result.stdout == ""
        [line] = result.stderr.splitlines()
        prefix = f"Lỗi cấu hình: {key}: "
        assert line.startswith(prefix + says), line
        assert unicodedata.normalize("NFC", line) == line
        # Past the key, Vietnamese: no English word (key names listed as a hint aside).
        words = set(re.findall(r"\w+", line[len(prefix):].lower()))
        assert not words & ENGLISH, (line, words & ENGLISH)


def test_unreachable_database_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    db = f"postgresql+asyncpg://hoctap:secret@127.0.0.1:{free_port()}/hoctap"
    result = cli(tmp_path, "announce", "list", HOCTAP_DATABASE_URL=db)
    quiet(result)
    assert result.returncode == 2
    assert "Không kết nối được cơ sở dữ liệu" in result.stderr
    assert "secret" not in result.stderr


def test_console_numbers_are_ascii_digits(tmp_path: Path) -> None:
    """Superscript and Arabic-Indic digits are text, not button numbers (int('²') fails,
    int('٣') is 3)."""
    result = cli(tmp_path, "chat", "--now", NOW, stdin="/lich\n²\n٣\n")
    quiet(result)
    assert result.returncode == 0
    assert result.stdout.count("Xin lỗi, Chatbot chưa hiểu câu hỏi của Quý vị") == 2


def test_console_confirmation_says_the_running_bot_sends(tmp_path: Path) -> None:
    lines = ["/thongbao", "Mai 8 giờ tập trung tại Nhà văn hóa.", "all", "Ngày", "ok",
             "/dsthongbao"]
    # Without broadcasts the chat sends nothing itself: the item stays pending.
    result = cli(tmp_path, "chat", "--now", NOW, stdin="".join(f"{x}\n" for x in lines),
                 HOCTAP_BROADCAST_ENABLED="false")
    quiet(result)
    assert result.returncode == 0
    confirmation = result.stdout.split("Đã lên lịch thông báo #", 1)[1]
    assert "Thông báo do bot đang chạy (lệnh hoctap-bot run) gửi đi" in confirmation
    assert "“chờ gửi”" in confirmation
    assert "cửa sổ dòng lệnh đang mở gửi thay và in tiến độ" in confirmation
    assert "sẽ báo tiến độ" not in result.stdout
    assert "chờ gửi" in result.stdout.split("CÁC THÔNG BÁO", 1)[1]


def test_a_changed_contest_identity_key_is_a_configuration_error(tmp_path: Path) -> None:
    """Registrations hashed with one key: starting with another one stops with exit 2 and a
    message naming the key, for the commands and for `run`, never a traceback."""
    db = f"sqlite+aiosqlite:///{tmp_path / 'hoctap.sqlite3'}"

    async def register() -> None:
        await new_sqlite_schema(db)
        app = build_app(make_settings(db, HOCTAP_CONTEST_IDENTITY_KEY="a" * 40))
        await app.start()
        try:
            async with app.sessions() as s, s.begin():
                s.add(ContestParticipant(full_name="Nguyễn Văn A", district="Lê Chân",
                                         consented_at=local(NOW), registered_at=local(NOW),
                                         identity_hash="0" * 64))
        finally:
            await app.close()

    asyncio.run(register())
    commands = (("schedule", "list"), ("run",))
    results = clis(tmp_path, *commands, HOCTAP_CONTEST_IDENTITY_KEY="b" * 40,
                   HOCTAP_TELEGRAM_TOKEN="123456:TEST-token_abc",
                   HOCTAP_TELEGRAM_BASE_URL=f"http://127.0.0.1:{free_port()}/bot",
                   HOCTAP_WEB_PORT=str(free_port()))
    for args, result in zip(commands, results, strict=True):
        quiet(result)
        assert result.returncode == 2, (args, result.stderr)
        assert ("Lỗi cấu hình: contest.identity_key: không khớp với khóa đã dùng cho các đăng "
                "ký dự thi") in result.stderr, result.stderr


def test_exported_files_are_readable_by_their_owner_only(tmp_path: Path) -> None:
    """Results and report files carry names and phones: mode 0600 whatever the umask."""
    old = os.umask(0o022)
    try:
        for result in clis(tmp_path, ("contest", "export", "--out", "ket-qua"),
                           ("report", "--out", "bao-cao")):
            quiet(result)
            assert result.returncode in (0, 1), result.stderr
        files = [p for d in ("ket-qua", "bao-cao") for p in (tmp_path / d).glob("*")]
    finally:
        os.umask(old)
    assert any(p.suffix == ".csv" for p in files) and any(p.suffix == ".xlsx" for p in files)
    assert {oct(p.stat().st_mode & 0o777) for p in files} == {"0o600"}
