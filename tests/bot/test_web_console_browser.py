"""The organizers' web console in a real browser.

Playwright drives Debian's Chromium (/usr/bin/chromium; no browser is ever downloaded) against
the real `hoctap-bot run` process, which talks to the fake Telegram Bot API. One bot process
and one browser serve the whole module (its tests use data of their own); the module is one
xdist group with the other browser tests, so two Chromiums never share the two cores.

Each page is photographed at 390 × 844 (a phone) and 1280 × 800; the folder is printed, and
with CONSOLE_SCREENSHOTS=docs/screenshots the pictures are copied there for the README.
"""

from __future__ import annotations

import asyncio
import csv
import io
import json
import os
import re
import shutil
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
import pytest_asyncio
from openpyxl import load_workbook
from playwright.async_api import Browser, BrowserContext, Page, async_playwright, expect

from bot.app import build_app
from bot.db.models import ContestAttempt, ContestParticipant, MessageLog, Subscription, User
from tests.bot.test_telegram import TOKEN, BotProcess, keyboard_of
from tests.conftest import free_port, local, make_settings
from tests.fakes.telegram import FakeTelegram

CHROMIUM = Path("/usr/bin/chromium")
ORGANIZER = 5001
SUBSCRIBERS = range(7001, 7007)  # six Telegram subscribers; 7006 has blocked the bot
BLOCKED = 7006
# Late evening mid-week: the contest is open and no reminder falls due during the test.
NOW = "2020-10-03T22:30"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
PEOPLE = [("Nguyễn Văn An", "Lê Chân", None, 10, 95_000), ("Trần Thị Bình", "Lê Chân", None, 9,
          120_000), ("Lê Hoàng Cường", "Ngô Quyền", None, 9, 88_000),
          ("Phạm Thu Dung", "Khác", "THPT Thái Phiên", 8, 150_000),
          ("Hoàng Minh Đức", "Kiến An", None, 7, 200_000),
          ("Vũ Ngọc Hà", "Ngô Quyền", None, 10, 101_000)]

# An announcement longer than Zalo's 2,000 characters, shorter than Telegram's 4,096.
ANNOUNCEMENT = "\n\n".join([
    "Lễ tổng kết Tuần lễ hưởng ứng học tập suốt đời năm 2020 diễn ra lúc 16:00 thứ Tư, ngày "
    "07/10/2020, tại Nhà hát thành phố (số 19 Hoàng Văn Thụ, quận Hồng Bàng) và được truyền "
    "hình trực tiếp trên Đài Phát thanh và Truyền hình Hải Phòng.",
    "Chương trình gồm: báo cáo kết quả Tuần lễ của Ban chỉ đạo thành phố; trao giải Cuộc thi "
    "Công dân học tập cho các cá nhân đạt điểm cao nhất; biểu dương các đơn vị có nhiều người "
    "tham gia; giao lưu với các gia đình học tập, dòng họ học tập và cộng đồng học tập tiêu "
    "biểu của 15 quận, huyện.",
    "Các trường học, trung tâm học tập cộng đồng và thư viện cử đại diện dự, có mặt trước 15:30 "
    "để nhận chỗ ngồi theo sơ đồ. Đại biểu mang theo giấy mời, đeo khẩu trang và giữ khoảng cách "
    "theo hướng dẫn phòng, chống dịch COVID-19 của thành phố.",
    "Người dân không dự trực tiếp có thể xem trên trang của Sở Giáo dục và Đào tạo Hải Phòng, "
    "hoặc trên kênh của Đài. Ảnh và video của các hoạt động trong Tuần lễ xin gửi về Ban tổ "
    "chức trước 12:00 ngày 07/10 để trình chiếu tại buổi lễ.",
    "Những người đoạt giải Cuộc thi Công dân học tập sẽ được Ban tổ chức gọi điện theo số đã "
    "đăng ký. Nếu quý vị đã đổi số điện thoại, vui lòng nhắn cho bot lệnh /lienhe để biết cách "
    "liên hệ với Ban tổ chức trước ngày 06/10.",
    "Trong ngày 07/10, các thư viện quận, huyện mở cửa đến 20:00 và tiếp tục chương trình đọc "
    "sách miễn phí cho thiếu nhi; các lớp kỹ năng số tại trung tâm học tập cộng đồng vẫn nhận "
    "đăng ký cho đợt học tháng 11. Lịch chi tiết xem bằng lệnh /lich hoặc /homnay.",
    "Ban tổ chức đề nghị Ủy ban nhân dân các phường, xã, thị trấn thông báo lịch này trên hệ "
    "thống loa truyền thanh cơ sở trong hai ngày 05 và 06/10, và nhắc các hộ gia đình đăng ký "
    "nhận tin nhắc lịch của chatbot bằng lệnh /dangky để không bỏ lỡ các hoạt động cuối Tuần lễ.",
    "Mọi thắc mắc về Lễ tổng kết, về Cuộc thi hoặc về các khóa học trực tuyến, bà con gõ câu hỏi "
    "cho chatbot, hoặc gọi số đường dây nóng của Sở Giáo dục và Đào tạo trong giờ hành chính.",
    "Trân trọng cảm ơn bà con, thầy cô và các em học sinh đã hưởng ứng Tuần lễ. Mỗi người dân "
    "là một công dân học tập, mỗi gia đình là một gia đình học tập!",
])

pytestmark = [pytest.mark.xdist_group("browser"), pytest.mark.browser,
              pytest.mark.asyncio(loop_scope="module")]


@dataclass
class World:
    telegram: FakeTelegram
    bot: BotProcess
    base: str
    browser: Browser
    desktop: BrowserContext
    phone: BrowserContext
    shots: Path

    async def page(self, path: str, context: BrowserContext | None = None) -> Page:
        page = await (context or self.desktop).new_page()
        await page.goto(self.base + path)
        return page

    async def screenshot(self, page: Page, name: str) -> None:
        size = page.viewport_size
        kind = "phone" if size and size["width"] < 500 else "desktop"
        await page.screenshot(path=self.shots / f"{name}-{kind}.png", full_page=True)


async def seed(db: str) -> None:
    """Subscribers, contest participants with finished attempts, a week of messages."""
    app = build_app(make_settings(db, now=NOW))
    await app.start()
    try:
        async with app.sessions() as s, s.begin():
            for i, chat in enumerate(SUBSCRIBERS):
                seen = local("2020-10-01T08:00") + timedelta(days=i % 3, hours=i)
                user = User(channel="telegram", external_id=str(chat), display_name=f"Dân {i}",
                            first_seen=seen, last_seen=seen, active=True)
                s.add(user)
                await s.flush()
                s.add(Subscription(user_id=user.id, created_at=seen))
                for k in range(3 + 2 * i):
                    s.add(MessageLog(user_id=user.id, channel="telegram",
                                     feature=("today", "contest", "schedule", "faq")[k % 4],
                                     created_at=seen + timedelta(hours=k)))
            for i, (name, district, unit, score, ms) in enumerate(PEOPLE):
                at = local("2020-10-02T09:00") + timedelta(minutes=17 * i)
                p = ContestParticipant(full_name=name, district=district, unit=unit,
                                       phone=f"09{i}2345678", consented_at=at,
                                       registered_at=at, voided=False)
                s.add(p)
                await s.flush()
                s.add(ContestAttempt(participant_id=p.id, number=1, question_ids=["q"] * 10,
                                     current=10, question_started_at=at, started_at=at,
                                     finished_at=at + timedelta(milliseconds=ms), score=score,
                                     total_ms=ms))
    finally:
        await app.close()


@pytest.fixture(scope="module")
def chromium() -> Path:
    if not CHROMIUM.exists():
        pytest.fail("Chromium is missing: apt-get install -y chromium (.ci/run does it)")
    return CHROMIUM


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The screenshots' folder (printed); copied to $CONSOLE_SCREENSHOTS at the end if set."""
    folder = tmp_path_factory.mktemp("console-screenshots")
    print(f"\nscreenshots of the web console: {folder}")
    yield folder
    if target := os.environ.get("CONSOLE_SCREENSHOTS"):
        Path(target).mkdir(parents=True, exist_ok=True)
        for shot in folder.glob("*.png"):
            shutil.copy(shot, Path(target) / shot.name)


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def world(tmp_path_factory: pytest.TempPathFactory, chromium: Path, shots: Path
                ) -> AsyncIterator[World]:
    workdir = tmp_path_factory.mktemp("console")
    db = f"sqlite+aiosqlite:///{workdir / 'hoctap.sqlite3'}"
    await seed(db)
    port = free_port()
    async with FakeTelegram(token=TOKEN) as telegram:
        telegram.register_chats(SUBSCRIBERS)  # they started the bot before
        telegram.block(BLOCKED)
        bot = BotProcess(workdir, {
            "HOCTAP_TELEGRAM_TOKEN": TOKEN, "HOCTAP_TELEGRAM_BASE_URL": f"{telegram.url}/bot",
            "HOCTAP_BOT_NOW": NOW, "HOCTAP_DATABASE_URL": db, "HOCTAP_WEB_PORT": str(port),
            "HOCTAP_WEB_PUBLIC_URL": f"http://127.0.0.1:{port}",
            "HOCTAP_ORGANIZERS_TELEGRAM_IDS": str(ORGANIZER),
            # Reminders due before NOW stay missed (36 s of grace); new announcements are seen
            # within half a second and go out slowly enough for the progress bar to move.
            "HOCTAP_BROADCAST_GRACE_HOURS": "0.01", "HOCTAP_BROADCAST_POLL_SECONDS": "0.5",
            "HOCTAP_TELEGRAM_RATE": "4"})
        await bot.start()
        try:
            async with async_playwright() as pw:
                # Chromium starts while the bot does.
                browser, _ready = await asyncio.gather(
                    pw.chromium.launch(executable_path=str(chromium)),
                    bot.wait_log("hoctap-bot is running"))
                desktop = await browser.new_context(viewport=DESKTOP, locale="vi-VN")
                phone = await browser.new_context(viewport=PHONE, is_mobile=True,
                                                  has_touch=True, locale="vi-VN")
                world = World(telegram, bot, f"http://127.0.0.1:{port}", browser, desktop,
                              phone, shots)
                yield world
                await browser.close()
        finally:
            code = await bot.stop()
            assert code == 0, bot.stderr.decode()
            assert b"Traceback" not in bot.stderr, bot.stderr.decode()


async def link_from_the_bot(world: World) -> str:
    """The organizer sends /quantri on Telegram; the bot answers with a one-time link."""
    before = len(world.telegram.sent_messages(ORGANIZER))
    world.telegram.user_sends_text(ORGANIZER, "/quantri", "Ban tổ chức")
    await world.telegram.wait_for(
        lambda: len(world.telegram.sent_messages(ORGANIZER)) > before, timeout=15)
    text = world.telegram.sent_messages(ORGANIZER)[-1]["text"]
    found = re.search(r"http://127\.0\.0\.1:\d+(/quantri/vao/[A-Za-z0-9_-]+)", text)
    assert found is not None, text
    return found.group(1)


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def signed_in(world: World) -> World:
    """Sign in with the bot's link in the desktop browser; the phone shares the session."""
    page = await world.page(await link_from_the_bot(world))
    await world.screenshot(page, "01-dang-nhap")
    await page.get_by_role("button", name="Đăng nhập").click()
    await expect(page).to_have_url(world.base + "/quantri/")
    await expect(page.get_by_role("heading", name="Tổng quan")).to_be_visible()
    await page.close()
    await world.phone.add_cookies(await world.desktop.cookies())  # type: ignore[arg-type]
    return world


async def test_the_link_signs_in_once(signed_in: World) -> None:
    world = signed_in
    path = await link_from_the_bot(world)
    fresh = await world.browser.new_context(viewport=PHONE)
    try:
        page = await fresh.new_page()
        await page.goto(world.base + "/quantri/")
        await expect(page).to_have_url(world.base + "/quantri/dang-nhap")
        await page.goto(world.base + path)
        await page.get_by_role("button", name="Đăng nhập").click()
        await expect(page.get_by_role("heading", name="Tổng quan")).to_be_visible()
        cookie = next(c for c in await fresh.cookies() if c["name"] == "hoctap_quantri")
        assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
        # The same link again: refused.
        await page.goto(world.base + path)
        await expect(page.get_by_role("alert")).to_contain_text("không dùng được nữa")
    finally:
        await fresh.close()


async def test_the_overview_refreshes_without_reloading(signed_in: World) -> None:
    world = signed_in
    page = await world.desktop.new_page()
    await page.clock.install()
    await page.goto(world.base + "/quantri/")
    figure = page.locator('[data-figure="messages-today"]')
    before = int(await figure.inner_text())
    navigations: list[str] = []
    page.on("framenavigated", lambda frame: navigations.append(frame.url))
    world.telegram.user_sends_text(8801, "lịch hôm nay", "Chị Hoa")
    await world.telegram.wait_for(lambda: world.telegram.sent_messages(8801), timeout=15)
    await page.clock.fast_forward(11_000)
    await expect(figure).to_have_text(str(before + 1))
    assert navigations == []  # the figure changed in place
    await page.close()


async def test_compose_preview_send_and_watch_the_progress(signed_in: World) -> None:
    world = signed_in
    page = await world.page("/quantri/thongbao")
    marker = "Lễ tổng kết Tuần lễ hưởng ứng học tập suốt đời"
    # Long enough for Zalo's 2,000 characters: the preview shows the cut.
    text = ANNOUNCEMENT
    assert 2000 < len(text) < 3500
    await page.locator("textarea[name=text]").fill(text)
    await page.locator("select[name=audience]").select_option("channel:telegram")
    # Live preview, without pressing "Xem trước": the first screen, then each page behind
    # "Xem thêm", on every platform (each one fits any platform's message).
    for platform in ("telegram", "zalo", "zalobot"):
        await expect(page.locator(f'[data-platform="{platform}"] .bubble')).to_have_count(3)
    await expect(page.locator('[data-platform="telegram"] .bubble').first).to_contain_text(
        "Thông báo của Ban tổ chức (1/3)")
    await expect(page.locator("[data-reach]")).to_contain_text(
        "Người nhận: 6 (người đăng ký trên Telegram).")
    await expect(page.locator("[data-count]")).to_have_text(str(len(text)))
    # Buttons: a feature of the bot and a link; the preview shows them as each platform does.
    await page.locator("select[name=button1]").select_option(label="Lịch hôm nay")
    await page.locator("input[name=link_label]").fill("Trang tin")
    await page.locator("input[name=link_url]").fill("https://hoctaphaiphong.vn/tuan-le")
    first = {p: page.locator(f'[data-platform="{p}"] .bubble').first
             for p in ("telegram", "zalo", "zalobot")}
    for platform in ("telegram", "zalo"):
        await expect(first[platform].locator(".btn")).to_have_text(
            ["Xem thêm (2/3)", "Lịch hôm nay", "Trang tin"])
    await expect(first["zalobot"]).to_contain_text(
        "[1] Xem thêm (2/3)\n[2] Lịch hôm nay\n[3] Trang tin: https://hoctaphaiphong.vn/tuan-le")
    await expect(first["zalobot"].locator(".btn")).to_have_count(0)
    await world.screenshot(page, "03-soan-thong-bao")
    await page.get_by_role("button", name="Gửi thông báo").click()
    await expect(page).to_have_url(re.compile(r"/quantri/thongbao/\d+$"))
    item_id = int(page.url.rsplit("/", 1)[1])
    bar = page.locator("progress")
    # The bar fills as the deliverer sends (4 a second) and the page ends on the report.
    await expect(page.locator("[data-status]")).to_have_text("đã gửi xong", timeout=30_000)
    # Then the page shows the delivery report, with the reason of the one that failed.
    await expect(page.locator("table.list")).to_contain_text("đã chặn bot")
    assert await bar.get_attribute("value") == await bar.get_attribute("max") == "6"
    await expect(page.locator('[data-count="sent"]')).to_have_text("5")
    await expect(page.locator('[data-count="failed"]')).to_have_text("1")
    await world.screenshot(page, "04-tien-do-gui")
    for chat in SUBSCRIBERS:
        got = [m for m in world.telegram.sent_messages(chat) if marker in m["text"]]
        assert len(got) == (0 if chat == BLOCKED else 1), chat
    # On Telegram: the first screen with its inline keyboard; "Xem thêm" shows page 2.
    reader = SUBSCRIBERS[0]
    [sent] = [m for m in world.telegram.sent_messages(reader) if marker in m["text"]]
    assert sent["text"].startswith("<b>Thông báo của Ban tổ chức (1/3)</b>\n\n")
    assert len(sent["text"]) - len("<b></b>") <= 1000 and sent["text"].count("\n") < 12
    assert keyboard_of(sent) == [
        {"text": "Xem thêm (2/3)", "callback_data": f"/xemthem tin {item_id} 2"},
        {"text": "Lịch hôm nay", "callback_data": "/homnay"},
        {"text": "Trang tin", "url": "https://hoctaphaiphong.vn/tuan-le"}]
    before = len(world.telegram.sent_messages(reader))
    world.telegram.user_presses_button(reader, sent["message_id"], f"/xemthem tin {item_id} 2")
    await world.telegram.wait_for(
        lambda: len(world.telegram.sent_messages(reader)) > before, timeout=15)
    second = world.telegram.sent_messages(reader)[-1]
    assert second["text"].startswith("<b>Thông báo của Ban tổ chức (2/3)</b>\n\n")
    assert second["text"].split("\n\n", 1)[1] not in sent["text"]
    assert [b["text"] for b in keyboard_of(second)] == [
        "Xem thêm (3/3)", "Lịch hôm nay", "Trang tin"]
    await page.close()


# ---- the questions inbox ------------------------------------------------------------------------

ASKERS = (9101, 9102, 9103)
SEND = "Gửi câu hỏi cho Ban tổ chức"
PARKING = "Có gửi xe ở Nhà hát thành phố không?"
PARKING_ANSWER = ("Có. Xe máy gửi miễn phí ở sân sau Nhà hát thành phố (lối vào phố Đinh Tiên "
                  "Hoàng) từ 15:00; ô tô gửi tại bãi xe Quảng trường Nhà hát.")


def button(message: dict[str, object], label: str) -> str | None:
    """The callback data of the button labelled `label` under a message the bot sent."""
    markup = message.get("reply_markup") or {}
    if isinstance(markup, str):
        markup = json.loads(markup)
    assert isinstance(markup, dict)
    for row in markup.get("inline_keyboard", []):
        for b in row:
            if b.get("text") == label:
                return str(b["callback_data"])
    return None


async def ask(world: World, chat: int, text: str, name: str, send: bool = True) -> None:
    """A citizen writes a question the Chatbot has no answer for; with `send`, they press
    "Gửi câu hỏi cho Ban tổ chức" under the answer."""
    tg = world.telegram
    before = len(tg.sent_messages(chat))
    tg.user_sends_text(chat, text, name)
    reply = await tg.wait_for(lambda: next(
        (m for m in tg.sent_messages(chat)[before:] if button(m, SEND)), None), timeout=15)
    assert "chưa có thông tin" in reply["text"]
    if send:
        after = len(tg.sent_messages(chat))
        data = button(reply, SEND)
        assert data is not None
        tg.user_presses_button(chat, reply["message_id"], data)
        await tg.wait_for(lambda: any("đã chuyển câu hỏi" in m["text"]
                                      for m in tg.sent_messages(chat)[after:]), timeout=15)


async def test_answer_an_inbox_question_and_the_citizen_receives_it(signed_in: World) -> None:
    world = signed_in
    # Two citizens ask the same thing, typed differently, and pass it to the organizers.
    again = "co gui xe o nha hat thanh pho khong"
    await ask(world, ASKERS[0], PARKING, "Bác Tư")
    await ask(world, ASKERS[1], again, "Chị Mai")
    # Other questions stay in the inbox (and in its photograph).
    await ask(world, ASKERS[2], "Nhà văn hóa phường Cát Dài có cho thuê hội trường không?",
              "Ông Sáu")
    for chat, wording in ((ASKERS[2], "Có xe buýt miễn phí đến Nhà hát thành phố không?"),
                          (ASKERS[0], "co xe buyt mien phi den nha hat thanh pho khong")):
        await ask(world, chat, wording, "Bác Tư", send=False)
    page = await world.page("/quantri/cau-hoi")
    group = page.locator("tr[data-kind=sent_to_organizers]", has_text="gui xe o nha hat")
    await expect(group.locator("td.count")).to_have_text("2")
    await expect(group).to_contain_text("nhờ chuyển Ban tổ chức")
    await group.get_by_role("link").click()
    await expect(page.locator("ul.asked li")).to_have_count(2)
    await page.locator("textarea[name=answer]").fill(PARKING_ANSWER)
    await page.get_by_role("button", name="Gửi trả lời").click()
    await expect(page.get_by_role("status")).to_contain_text("xếp vào hàng gửi tới 2 người đã hỏi")
    await expect(page.locator("[data-answer]")).to_have_text(PARKING_ANSWER)

    # Each citizen who asked receives it once, on Telegram, through the outbox.
    def received(chat: int) -> list[str]:
        return [m["text"] for m in world.telegram.sent_messages(chat)
                if PARKING_ANSWER in m["text"]]

    await world.telegram.wait_for(lambda: all(received(c) for c in ASKERS[:2]), timeout=30)
    # The question quoted is the group's latest wording.
    assert received(ASKERS[0]) == received(ASKERS[1])
    assert received(ASKERS[0])[0] in [
        f"<b>Trả lời câu hỏi của Quý vị: “{wording}”</b>\n\n{PARKING_ANSWER}\n— Ban tổ chức"
        for wording in (PARKING, again)]
    assert not received(ASKERS[2])
    # The page reports the delivery once the outbox is done with it.
    for _attempt in range(60):
        await page.reload()
        if await page.locator("[data-status]").inner_text() == "đã gửi xong":
            break
        await asyncio.sleep(0.5)
    await expect(page.locator('[data-count="sent"]')).to_have_text("2")
    await world.screenshot(page, "11-tra-loi-cau-hoi")
    phone = await world.page(page.url.removeprefix(world.base), world.phone)
    width = await phone.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"]
    await world.screenshot(phone, "11-tra-loi-cau-hoi")
    await phone.close()
    # The group left the inbox; the other one is still there; the audit log has the answer.
    await page.goto(world.base + "/quantri/cau-hoi")
    await expect(page.locator("table.questions tbody tr")).to_have_count(2)
    await expect(page.locator("tr[data-kind=unanswered] td.count")).to_have_text("2")
    await page.goto(world.base + "/quantri/nhatky")
    await expect(page.locator('tr[data-action="answer"]')).to_contain_text(PARKING_ANSWER[:40])
    await page.close()


def _csv_rows(data: bytes) -> dict[str, dict[str, str]]:
    rows = csv.DictReader(io.StringIO(data.decode("utf-8-sig")))
    return {r["Họ tên"]: r for r in rows}


async def _download(page: Page, selector: str) -> bytes:
    async with page.expect_download() as info:
        await page.locator(selector).first.click()
    download = await info.value
    return await asyncio.to_thread(Path(await download.path()).read_bytes)


async def test_void_a_participant_and_the_downloads_change(signed_in: World) -> None:
    world = signed_in
    page = await world.page("/quantri/cuocthi?quan=Ngô+Quyền")
    rows = page.locator("table.results tbody tr")
    await expect(rows).to_have_count(2)
    before = _csv_rows(await _download(page, 'a[href$="ket-qua.csv"]'))
    assert before["Vũ Ngọc Hà"]["Hạng"] == "2" and before["Lê Hoàng Cường"]["Hạng"] == "3"
    target = page.locator("tr", has_text="Vũ Ngọc Hà")
    await target.locator("summary").click()
    await target.locator("input[name=reason]").fill("trùng người dự thi")
    await target.get_by_role("button", name=re.compile("Hủy kết quả mã")).click()
    await expect(page.get_by_role("status")).to_contain_text("Đã hủy kết quả")
    # Back on the same filter, the row now voided.
    await expect(rows).to_have_count(2)
    voided = page.locator("tr.voided", has_text="Vũ Ngọc Hà")
    await expect(voided).to_contain_text("Đã hủy: trùng người dự thi")
    after = _csv_rows(await _download(page, 'a[href$="ket-qua.csv"]'))
    assert after["Vũ Ngọc Hà"]["Hạng"] == ""
    assert after["Vũ Ngọc Hà"]["Ghi chú"] == "Đã hủy: trùng người dự thi"
    assert after["Lê Hoàng Cường"]["Hạng"] == "2"  # moved up
    workbook = load_workbook(io.BytesIO(await _download(page, 'a[href$="ket-qua.xlsx"]')))
    sheet = workbook["Kết quả"]
    header = [c.value for c in sheet[1]]
    line = next(r for r in sheet.iter_rows(min_row=2, values_only=True)
                if r[header.index("Họ tên")] == "Vũ Ngọc Hà")
    assert line[header.index("Hạng")] is None
    assert line[header.index("Ghi chú")] == "Đã hủy: trùng người dự thi"
    await page.goto(world.base + "/quantri/nhatky")
    await expect(page.locator('tr[data-action="void"]')).to_contain_text("trùng người dự thi")
    await page.close()


async def test_report_charts_and_workbook(signed_in: World) -> None:
    world = signed_in
    page = await world.page("/quantri/baocao?tu=2020-10-01&den=2020-10-07")
    await expect(page.locator(".headline")).to_contain_text("Người đăng ký dự thi")
    charts = page.locator(".charts img")
    await expect(charts).to_have_count(4)
    for i in range(4):
        chart = charts.nth(i)
        await chart.scroll_into_view_if_needed()
        # Drawn on request by matplotlib in the bot (its first import takes seconds).
        await expect(chart).to_have_js_property("complete", True, timeout=30_000)
        assert await chart.evaluate("img => img.naturalWidth") > 300
    data = await _download(page, 'ul.files a[href*=".xlsx"]')
    workbook = load_workbook(io.BytesIO(data))
    assert len(workbook.sheetnames) >= 3
    cells = [str(c) for ws in workbook for row in ws.iter_rows(values_only=True) for c in row
             if c is not None]
    assert "Nguyễn Văn An" in cells
    await page.close()


async def test_every_page_on_a_phone_and_a_desktop(signed_in: World) -> None:
    """Photograph every page; nothing may be wider than the screen."""
    world = signed_in
    pages = (("02-tong-quan", "/quantri/"), ("05-thong-bao", "/quantri/thongbao"),
             ("06-cuoc-thi", "/quantri/cuocthi"), ("07-bao-cao", "/quantri/baocao"),
             ("08-noi-dung", "/quantri/noidung"), ("09-nhat-ky", "/quantri/nhatky"),
             ("10-cau-hoi", "/quantri/cau-hoi"))

    async def visit(context: BrowserContext) -> None:
        page = await context.new_page()
        for name, path in pages:
            await page.goto(world.base + path)
            await expect(page.locator("nav.tabs [aria-current=page]")).to_be_visible()
            if path.endswith("thongbao"):
                await page.locator("textarea[name=text]").fill(
                    "Nhắc bà con: Lễ tổng kết Tuần lễ lúc 16:00 ngày 07/10 tại Nhà hát thành "
                    "phố. Gõ /lich để xem lịch.")
                await page.locator("select[name=audience]").select_option("all")
                await expect(page.locator("[data-reach]")).to_contain_text(
                    "tất cả người đăng ký")
            if path.endswith("baocao"):
                for chart in await page.locator(".charts img").all():
                    await chart.scroll_into_view_if_needed()
                    await expect(chart).to_have_js_property("complete", True, timeout=30_000)
            if path.endswith("noidung"):
                await expect(page.get_by_role("alert")).to_contain_text("LỊCH MẪU")
            width = await page.evaluate("document.documentElement.scrollWidth")
            view = page.viewport_size
            assert view is not None and width <= view["width"], (name, width)
            await world.screenshot(page, name)
        await page.close()

    await asyncio.gather(visit(world.phone), visit(world.desktop))
    assert len(list(world.shots.glob("*.png"))) >= 2 * len(pages)
