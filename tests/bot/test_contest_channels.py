"""A whole contest attempt through each channel: console CLI, Telegram and Zalo fakes."""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path
from typing import Any

from content import Edition
from tests import spawn
from tests.bot.test_console import chat as console_chat
from tests.bot.test_telegram import BotProcess, bot_env, keyboard_of
from tests.bot.test_zalo import Bot, bot, db_path, say, zalo  # noqa: F401  (fixtures)
from tests.fakes.telegram import FakeTelegram
from tests.fakes.zalo import FakeZalo

ANSWER = re.compile(r"^/traloi (\d+) (\d+) ([ABCD])$")


def correct_letter(edition: Edition, text: str) -> str:
    """The right option for the question shown in `text` (the test knows the bank)."""
    lines = {html.unescape(line) for line in text.splitlines()}
    q = next(q for q in edition.questions if q.text in lines)
    return "ABCD"[q.answer]


def test_console_attempt_and_export(tmp_path: Path) -> None:
    # Register, then answer every question with the first button ([1] = A).
    lines = ["/thi", "Nguyễn Văn An", "Lê Chân", "Bỏ qua", "Đồng ý", *["1"] * 10, "/xephang",
             "/ketquathi"]
    result = console_chat(tmp_path, lines, "--now", "2020-10-01T07:30")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "CÂU 1/10" in out and "CÂU 10/10" in out
    assert "HOÀN THÀNH BÀI THI" in out and "Xếp hạng hiện tại: 1/1." in out
    assert "1. Nguyễn V. An (Lê Chân)" in out
    saved = sorted(p.name for p in (tmp_path / "exports").iterdir())
    assert [n.rsplit(".", 1)[1] for n in saved] == ["csv", "xlsx"]
    csv_text = next((tmp_path / "exports").glob("*.csv")).read_text(encoding="utf-8-sig")
    assert "Nguyễn Văn An" in csv_text and "Lê Chân" in csv_text


def test_cli_contest_export(tmp_path: Path) -> None:
    console_chat(tmp_path, ["/thi", "Trần Thị Bình", "Ngô Quyền", "0912345678", "Đồng ý",
                            *["2"] * 10], "--now", "2020-10-01T07:30", "--user", "citizen-9")
    out = tmp_path / "out"
    result = spawn.run(
        [str(Path(sys.executable).parent / "hoctap-bot"), "contest", "export", "--out",
         str(out)], capture_output=True, text=True, timeout=120, check=False, cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin", "HOCTAP_BOT_NOW": "2020-10-01T08:00"},
    )
    assert result.returncode == 0, result.stderr
    assert "1 người đăng ký, 1 người đã hoàn thành bài thi." in result.stdout
    from openpyxl import load_workbook

    wb = load_workbook(next(out.glob("*.xlsx")))
    rows = list(wb["Kết quả"].iter_rows(values_only=True))
    assert rows[0][:4] == ("Hạng", "Mã", "Họ tên", "Đơn vị")
    assert rows[1][0] == 1 and rows[1][2] == "Trần Thị Bình" and rows[1][4] == "0912345678"
    assert list(wb["Theo đơn vị"].iter_rows(values_only=True))[1][:3] == ("Ngô Quyền", 1, 1)


async def test_telegram_attempt_and_documents(tmp_path: Path, edition: Edition) -> None:
    async with FakeTelegram(token="123456:TEST-token_abc") as tg:
        proc = BotProcess(tmp_path, bot_env(tg, HOCTAP_ORGANIZERS_TELEGRAM_IDS="9000"))
        await proc.start()
        try:
            await tg.wait_for("setMyCommands", count=2, timeout=30)
            user = 3001

            async def last() -> dict[str, Any]:
                count = len(tg.sent_messages(user))
                await tg.wait_for(lambda: len(tg.sent_messages(user)) > count, timeout=15)
                await tg.wait_for(lambda: not tg.pending_updates, timeout=5)
                return tg.sent_messages(user)[-1]

            async def press(message: dict[str, Any], label: str,
                            expect: str | None = None) -> dict[str, Any]:
                """The answer's last message; with `expect`, the first that contains it (an
                answer of several messages is sent in the background, after the next
                getUpdates)."""
                data = next(b["callback_data"] for b in keyboard_of(message) if b["text"] == label)
                count = len(tg.sent_messages(user))
                tg.user_presses_button(user, message["message_id"], data)
                if expect is not None:
                    def found() -> list[dict[str, Any]]:
                        return [m for m in tg.sent_messages(user)[count:] if expect in m["text"]]
                    await tg.wait_for(lambda: bool(found()), timeout=15)
                    return found()[0]
                await tg.wait_for(lambda: len(tg.sent_messages(user)) > count, timeout=15)
                await tg.wait_for(lambda: not tg.pending_updates, timeout=5)
                return tg.sent_messages(user)[-1]

            tg.user_sends_text(user, "/cuocthi")
            info = await last()
            msg = await press(info, "Tham gia thi")
            assert "Bước 1/4" in msg["text"]
            tg.user_sends_text(user, "Phạm Minh Châu")
            districts = await last()
            msg = await press(districts, "Hải An")
            msg = await press(msg, "Bỏ qua")
            msg = await press(msg, "Đồng ý", "<b>Câu 1/10</b>")
            for k in range(10):
                assert f"<b>Câu {k + 1}/10</b>" in msg["text"]
                msg = await press(msg, correct_letter(edition, msg["text"]),
                                  f"<b>Câu {k + 2}/10</b>" if k < 9 else "Kết quả")
            assert "Kết quả: đúng 10/10 câu" in msg["text"]
            tg.user_sends_text(9000, "/ketquathi")
            docs = await tg.wait_for("sendDocument", count=2, timeout=15)
            assert {d.files["document"].filename.rsplit(".", 1)[1] for d in docs} == {"csv",
                                                                                     "xlsx"}
            tg.user_sends_text(user, "/ketquathi")
            refusal = await last()
            assert "chỉ dành cho Ban tổ chức" in refusal["text"]
        finally:
            assert await proc.stop() == 0, proc.stderr.decode()


async def test_zalo_attempt(zalo: FakeZalo, bot: Bot, edition: Edition) -> None:  # noqa: F811
    user = "7123456789012345678"
    await say(zalo, bot, user, "/thi")
    await say(zalo, bot, user, "Lê Văn Dũng")
    await say(zalo, bot, user, "Kiến An")
    await say(zalo, bot, user, "Bỏ qua")
    await say(zalo, bot, user, "Đồng ý")
    await zalo.wait_for(lambda: any(
        m.buttons and ANSWER.match(m.buttons[0]["payload"]) for m in zalo.sent_to(user)))
    for _ in range(10):
        question = next(m for m in reversed(zalo.sent_to(user))
                        if m.buttons and ANSWER.match(m.buttons[0]["payload"]))
        letter = correct_letter(edition, question.text)
        payload = next(b["payload"] for b in question.buttons if b["title"] == letter)
        await say(zalo, bot, user, payload)
    await zalo.wait_for(lambda: any("Kết quả: đúng 10/10 câu" in t for t in zalo.texts(user)))
