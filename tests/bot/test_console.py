"""Console transcripts through the real `hoctap-bot chat` process, over piped stdin."""

from __future__ import annotations

import asyncio
import os
import re
import sqlite3
import subprocess
import sys
import unicodedata
from pathlib import Path

from content import Edition
from tests import spawn
from tests.conftest import new_sqlite_schema

BIN = Path(sys.executable).parent / "hoctap-bot"


def chat(tmp_path: Path, lines: list[str], *args: str, env: dict[str, str] | None = None,
         new_database: bool = False) -> subprocess.CompletedProcess[str]:
    """Run the installed console script in `tmp_path` with `lines` piped in. Its database
    has the schema already (migrate()), unless `new_database`: then the chat creates it."""
    if not new_database:
        asyncio.run(new_sqlite_schema(f"sqlite+aiosqlite:///{tmp_path / 'hoctap.sqlite3'}"))
    command = [str(BIN)] if BIN.exists() else [sys.executable, "-m", "bot.cli"]
    environ = {k: v for k, v in os.environ.items() if not k.startswith("HOCTAP_")}
    environ.update(env or {})
    return spawn.run(
        [*command, "chat", *args], input="".join(f"{line}\n" for line in lines),
        capture_output=True,
        text=True, timeout=120, check=False, cwd=tmp_path, env=environ,
    )


def test_transcript_of_the_opening_day(tmp_path: Path, edition: Edition) -> None:
    result = chat(tmp_path, ["/start", "lich hom nay", "1", "so dien thoai lien he",
                             "khoa hoc truc tuyen", "cuoc thi cong dan hoc tap"],
                  "--now", "2020-10-01T07:30", new_database=True)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Traceback" not in result.stderr
    # Welcome: the theme and the numbered main menu.
    assert "“Chuyển đổi số thúc đẩy Học tập suốt đời”" in out
    assert "[1] Lịch sự kiện" in out
    # Today is 01/10/2020: every event of the opening day is listed.
    today = edition.events_on(edition.opening)
    assert all(e.title.vi in out for e in today)
    # "1" pressed the first button of that list: the event's page, with its place.
    first = out.split("HÔM NAY", 1)[1].split("\n[1] ", 1)[1].split("\n", 1)[0]
    [event] = [e for e in today if e.title.vi == first]
    assert event.place is not None
    page = out.split(f"\n{first.upper()}\n", 1)[1]
    assert "Thời gian: " in page and f"Địa điểm: {event.place.vi}" in page
    # Contacts: the units' official numbers; a named official's are for the units only.
    assert "(02253)810486" in out and "02253.747533" in out
    assert "0913575506" not in out and "dohonghai@haiphong.edu.vn" not in out
    # Courses: the disclaimer, then Hải Phòng's resource first.
    category = edition.categories[0]
    courses = out.split(category.title.vi.upper(), 1)[1].split("\n[1] ", 1)[0]
    assert edition.resources_note.vi in courses
    local = next(r for r in edition.resources if r.category == category.id and r.local)
    assert courses.index(f"• {local.title.vi}") < min(
        courses.index(r.url) for r in edition.resources
        if r.category == category.id and r.url in courses)
    assert f"  {local.url}\n" in courses
    assert edition.contest.name.vi.upper() in out
    # The database file was created in the working directory.
    assert (tmp_path / "hoctap.sqlite3").exists()


def test_number_presses_the_button(tmp_path: Path, edition: Edition) -> None:
    # After /lich the buttons are "Xem thêm" then the seven days; "4" opens the third day.
    result = chat(tmp_path, ["/lich", "4"], "--now", "2020-10-01T07:30")
    assert result.returncode == 0, result.stderr
    assert "[1] Xem thêm (2/" in result.stdout and "[4] Thứ Bảy, 03/10" in result.stdout
    third = next(e for e in edition.events if e.start.day == 3 and e.district is None)
    second_reply = result.stdout.split("\n\n[", 1)[1]
    assert "THỨ BẢY, 03/10/2020" in second_reply and third.title.vi in second_reply


def test_outside_the_week_the_bot_says_when_it_is(tmp_path: Path) -> None:
    result = chat(tmp_path, ["/start", "hôm nay có gì"], "--now", "2020-09-25T10:00")
    assert result.returncode == 0, result.stderr
    assert "còn 6 ngày nữa" in result.stdout
    after = chat(tmp_path, ["hôm nay có gì"], "--now", "2026-11-28T10:00")
    assert "đã diễn ra" in after.stdout


def test_bad_input_gets_polite_answers(tmp_path: Path, edition: Edition) -> None:
    nfd = unicodedata.normalize("NFD", "Lịch hôm nay")  # as some keyboards send it
    assert nfd == "Li\u0323ch ho\u0302m nay"
    lines = ["", "😀😀", "???", "x" * 10_000, "\x1b[31m\x07", "'; DROP TABLE users; --", nfd]
    result = chat(tmp_path, lines, "--now", "2020-10-01T07:30")
    assert result.returncode == 0
    assert "Traceback" not in result.stdout + result.stderr
    out = result.stdout
    # One answer each: the empty line; laughing faces alone, a laugh (the short "ok" of small
    # talk, not the menu: round 33 c); then four the bot could not answer (marks alone: not
    # understood; words it does not know: no information, and an offer to ask the organizers)...
    assert out.count("Quý vị chưa nhập nội dung") == 1
    assert out.count("Vâng. Quý vị cần thêm thông tin gì") == 1
    assert out.count("Xin lỗi, Chatbot chưa hiểu câu hỏi của Quý vị") == 1
    assert out.count("Xin lỗi, Chatbot chưa có thông tin về") == 3
    assert out.count("Chatbot có thể trả lời về") == 4
    # ...and the decomposed "Lịch hôm nay" is understood: today's events, after the rest.
    last = out.rsplit("Chatbot có thể trả lời về", 1)[1]
    assert all(e.title.vi in last for e in edition.events_on(edition.opening))


def test_english_then_back(tmp_path: Path) -> None:
    result = chat(tmp_path, ["/ngonngu en", "/lienhe", "/ngonngu vi", "/lienhe"],
                  "--now", "2020-10-01T07:30")
    assert result.returncode == 0, result.stderr
    assert "Switched to English." in result.stdout
    assert "Phone: " in result.stdout
    assert "Đã chuyển sang tiếng Việt." in result.stdout
    assert "Điện thoại: " in result.stdout


def test_user_flag_and_end_of_input(tmp_path: Path) -> None:
    now = ("--now", "2020-10-01T07:30")
    # A citizen: organizer commands are refused, their language is their own.
    citizen = chat(tmp_path, ["/ngonngu en", "/thongke"], "--user", "nguoi-dan-1", *now)
    assert citizen.returncode == 0, citizen.stderr
    assert "Switched to English." in citizen.stdout
    assert "Sorry, this is for the organizers only." in citizen.stdout
    # The default console user is the organizer, still in Vietnamese.
    organizer = chat(tmp_path, ["/thongke"], *now)
    assert organizer.returncode == 0, organizer.stderr
    assert "SỐ LIỆU TUẦN LỄ" in organizer.stdout
    assert "chỉ dành cho Ban tổ chức" not in organizer.stdout
    with sqlite3.connect(tmp_path / "hoctap.sqlite3") as conn:
        users = conn.execute("SELECT channel, external_id, locale FROM users "
                             "ORDER BY external_id").fetchall()
    assert users == [("console", "console", None), ("console", "nguoi-dan-1", "en")]
    # End of input right away: nothing printed, exit 0.
    result = chat(tmp_path, [], "--user", "nguoi-dan-1")
    assert result.returncode == 0
    assert result.stdout == ""


async def test_an_announcement_reaches_the_console_subscriber(tmp_path: Path) -> None:
    """No platform is set up: the chat sends too. The console user subscribes, writes an
    announcement for now, and reads it printed as a message, then the progress report."""
    command = [str(BIN)] if BIN.exists() else [sys.executable, "-m", "bot.cli"]
    environ = {k: v for k, v in os.environ.items() if not k.startswith("HOCTAP_")}
    environ["HOCTAP_BROADCAST_POLL_SECONDS"] = "0.5"
    # The one subscriber and the organizer are one console chat: a second between two
    # messages to it (the default) only spaced the progress lines out by seconds.
    environ["HOCTAP_BROADCAST_PER_CHAT_INTERVAL"] = "0.05"
    proc = await spawn.create_subprocess_exec(
        *command, "chat", "--now", "2020-10-01T07:30", cwd=tmp_path, env=environ,
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE)
    assert proc.stdin is not None and proc.stdout is not None
    text = "Tối nay 19 giờ có tọa đàm tại Nhà văn hóa."
    # One line (the console reads a message a line), long enough for two screens.
    more = " ".join(f"Mục {i}: người dân đến sớm để nhận chỗ ngồi, mang theo sổ tay học tập."
                    for i in range(1, 16))
    for line in ["/dangky", "/thongbao", f"{text} {more}", "all", "ngay", "ok"]:
        proc.stdin.write(f"{line}\n".encode())
    await proc.stdin.drain()
    out = ""
    try:
        async with asyncio.timeout(90):
            while "đã gửi xong" not in out:
                line = await proc.stdout.readline()
                assert line, out
                out += line.decode()
            # The same pages as anywhere: "Xem thêm" is a numbered line here, numbered after
            # the lines of the answer printed before it (which stay valid).
            number = re.findall(r"^\[(\d+)\] Xem thêm \(2/", out, re.MULTILINE)[-1]
            proc.stdin.write(f"{number}\n".encode())
            await proc.stdin.drain()
            while "Mục 15:" not in out:
                line = await proc.stdout.readline()
                assert line, out
                out += line.decode()
    finally:
        proc.stdin.close()
        rest, err = await asyncio.wait_for(proc.communicate(), timeout=60)
    out += rest.decode()
    assert proc.returncode == 0, err.decode()
    assert "Traceback" not in err.decode()
    item, announcement = out.split("Đã lên lịch thông báo #", 1)[1].split(" ", 1)
    assert f"THÔNG BÁO CỦA BAN TỔ CHỨC (1/2)\n{text} Mục 1:" in announcement
    assert f"[{number}] Xem thêm (2/2)" in announcement
    assert announcement.count(text) == 1
    assert "THÔNG BÁO CỦA BAN TỔ CHỨC (2/2)\n" in announcement
    assert f"Thông báo #{item} đã gửi xong" in announcement
    assert "1 đã gửi, 0 bỏ qua" in announcement


def test_bytes_that_are_not_utf8_are_read_not_crashed_on(tmp_path: Path) -> None:
    """A terminal in another encoding, or a pasted binary: the undecodable bytes are dropped
    (a lone surrogate reached the database: "hệ thống đang tạm thời gián đoạn")."""
    asyncio.run(new_sqlite_schema(f"sqlite+aiosqlite:///{tmp_path / 'hoctap.sqlite3'}"))
    command = [str(BIN)] if BIN.exists() else [sys.executable, "-m", "bot.cli"]
    environ = {k: v for k, v in os.environ.items() if not k.startswith("HOCTAP_")}
    typed = [b"\xff\xfe bad utf8", "lịch hôm nay".encode() + b" \xff", b"\xc3\x28\xa0\xa1",
             b"caf\xe9 \x80\x81"]
    result = spawn.run(
        [*command, "chat", "--now", "2020-10-01T07:30", "--user", "bytes"],
        input=b"".join(line + b"\n" for line in typed), capture_output=True, timeout=120,
        check=False, cwd=tmp_path, env=environ)
    out, err = result.stdout.decode(), result.stderr.decode()
    assert result.returncode == 0 and "Traceback" not in err, err
    assert "gián đoạn" not in out and "có lỗi" not in out
    assert "HÔM NAY, THỨ NĂM, 01/10/2020" in out
    assert "Xin lỗi, Chatbot chưa có thông tin về “bad utf8”." in out


def test_transcript_of_a_citizen_who_wanders(tmp_path: Path) -> None:
    """The real process, piped: a registration interrupted by a command says so; the language
    changed in the middle keeps the step; a message of two questions gets two answers; a
    letter typed after leaving the contest says how to go back."""
    result = chat(tmp_path, [
        "/thi", "lịch hôm nay", "Họ tên: NGUYỄN THỊ HOA", "/lich 03/10", "/thi",
        "Nguyễn Thị Hoa", "/ngonngu en", "Lê Chân", "/ngonngu vi", "SĐT: 0912 345 678 ạ",
        "Đồng ý", "/menu", "C", "Cuộc thi kết thúc khi nào? Số điện thoại liên hệ?",
    ], "--now", "2020-10-01T07:30", "--user", "wanderer")
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    out = result.stdout
    assert "“lịch hôm nay” không giống họ tên nên Chatbot chưa ghi." in out
    assert "Đã dừng: Đăng ký dự thi." in out
    assert "Switched to English.\n\nStep 2/4." in out
    assert "Đã chuyển sang tiếng Việt.\n\nBước 3/4." in out
    assert "Họ tên: Nguyễn Thị Hoa\nĐơn vị: Lê Chân\nĐiện thoại: 0912345678" in out
    assert "câu trả lời “C” chưa được ghi nhận" in out
    last = out.rsplit("chưa được ghi nhận", 1)[1]
    assert "CUỘC THI CÔNG DÂN HỌC TẬP" in last and "LIÊN HỆ" in last
