"""An announcement's buttons: which links are accepted, and the /thongbao steps that add them."""

from __future__ import annotations

import pytest

from bot.app import App
from content import Edition
from handlers.broadcast_types import (
    MAX_BUTTONS,
    ItemView,
    check_label,
    check_url,
    stored_buttons,
)
from handlers.core import REGISTRY
from handlers.features.announce import read_button
from handlers.features.bulletin import pages
from handlers.paging import fits
from handlers.question_types import MAX_QUESTION
from tests.conftest import Chat


@pytest.mark.parametrize("url", [
    "https://hoctaphaiphong.vn", "https://hoctaphaiphong.vn/tuan-le?ngay=01-10#lich",
    "https://sở-giáo-dục.vn/tin", "HTTPS://HOCTAP.VN/x".lower(), "https://a.b.c.gov.vn:443/",
])
def test_https_links_to_a_named_host_are_accepted(url: str) -> None:
    assert check_url(f"  {url} ") == url


@pytest.mark.parametrize("url", [
    "", "http://hoctaphaiphong.vn", "javascript:alert(1)", "https://localhost/",
    "https://10.0.0.1/", "https://user:pass@hoctap.vn/", "https://hoctap.vn:8443/",
    "https://hoc tap.vn", "https://hoctap.vn/\nx", "https:///path", "https://-x.vn",
    "https://hoctap.vn/" + "a" * 500, "ftp://hoctap.vn", "https://[::1]/",
])
def test_other_links_are_refused(url: str) -> None:
    assert check_url(url) is None


def test_labels_are_one_short_line() -> None:
    assert check_label("  Trang   tin ") == "Trang tin"
    assert check_label("") is None and check_label("x" * 41) is None


def test_stored_buttons_never_fail_a_delivery() -> None:
    """What the payload holds is checked again when read: a bad entry is left out."""
    payload = {"buttons": [
        {"label": "Lịch hôm nay", "feature": "today", "command": "/homnay"},
        {"label": "Mở", "url": "http://not-https.vn"}, "junk", {"label": ""},
        {"label": "Trang", "url": "https://hoctap.vn"},
        {"label": "Thi", "feature": "contest_take", "command": "/thi"},
        {"label": "Quá", "url": "https://qua.vn"}]}
    assert [b.label for b in stored_buttons(payload)] == ["Lịch hôm nay", "Trang", "Thi"]
    assert stored_buttons({}) == ()


async def test_buttons_are_added_at_the_preview(app: App) -> None:
    organizer = Chat(app, "console")
    for step in ("/thongbao", "Họp lúc 8 giờ tại Nhà văn hóa.", "all", "ngay"):
        replies = await organizer.send(step)
    assert [b.command for b in replies[-1].buttons] == ["ok", "nut", "huy"]
    ask = (await organizer.send("nut"))[-1]
    offered = [b.command for b in ask.buttons]
    assert offered[0] == "xong" and {"nut:today", "nut:contest_take", "nut:subscribe"} <= set(
        offered)
    assert not any(c in offered for c in ("nut:announce", "nut:report"))
    # Stopping what one is doing means nothing when pressed from an announcement.
    assert "nut:stop" not in offered
    assert "Chatbot chưa hiểu nút này." in await organizer.text("nut:stop")
    # /huy and "thôi" typed here leave the draft, as in any flow (test_leaving_flows); the
    # command line's reader refuses the feature by its command and its label.
    for typed in ("huy", "/huy", "Dừng việc đang làm"):
        assert read_button(typed, REGISTRY) == "Chatbot chưa hiểu nút này."
    assert "Đã thêm nút “Lịch hôm nay”" in await organizer.text("lich hom nay")
    assert "Nút này đã có." in await organizer.text("nut:today")
    assert "Chatbot chưa hiểu nút này." in await organizer.text("nut:announce")
    assert "https://" in await organizer.text("Trang | http://hoctap.vn")
    assert "Tên nút dài 1–40" in await organizer.text(" | https://hoctap.vn")
    assert "Đã bỏ các nút." in await organizer.text("bonut")
    for step in ("nut:today", "dangky", "Trang tin | https://hoctaphaiphong.vn")[:MAX_BUTTONS]:
        replies = await organizer.send(step)
    # The third button brings the preview back, which now says what the buttons are.
    preview = replies[-1]
    assert "Nút: Lịch hôm nay (/homnay); Đăng ký nhận tin (/dangky); Trang tin " \
           "(https://hoctaphaiphong.vn)" in preview.text
    assert [b.command for b in preview.buttons] == ["ok", "bonut", "huy"]
    assert "Đã lên lịch thông báo #" in await organizer.text("ok")
    [listing] = await organizer.send("/dsthongbao")
    assert "Họp lúc 8 giờ" in listing.text


def test_an_answer_to_a_long_question_fits_each_screen(edition: Edition) -> None:
    """The organizers' answer names the question in its title: a question of 1,000 characters
    (what is kept) is cut there, so every page fits a screen and the answer is one page."""
    question = ("Cho em hỏi về lịch học và cách đăng ký khóa học trực tuyến của thư viện "
                * 20)[:MAX_QUESTION]
    item = ItemView(7, "answer", "Dạ, lịch học có trên trang của thư viện thành phố.",
                    {"question": question})
    shown = pages(item, edition)
    assert len(shown) == 1 and all(fits(p) for p in shown)
    assert shown[0].title is not None and shown[0].title.startswith(
        "Trả lời câu hỏi của Quý vị: “Cho em hỏi về lịch học")
    assert shown[0].title.endswith("…”")


async def test_an_announcement_keeps_its_emoji_whole(app: App) -> None:
    """Emoji joined by a zero-width joiner are one emoji (👩‍🏫 a teacher, 👨‍🎓 a graduate):
    the announcement keeps them, while a joiner between letters, which shows nothing, goes."""
    organizer = Chat(app, "console")
    text = "👩\u200d🏫 Thầy cô và 👨\u200d🎓 sinh viên tham gia Ngày\u200d hội đọc sách 🏳️\u200d🌈"
    for step in ("/thongbao", text, "all", "ngay"):
        replies = await organizer.send(step)
    shown = "\n".join(r.full_text() for r in replies)
    assert ("👩\u200d🏫 Thầy cô và 👨\u200d🎓 sinh viên tham gia Ngày hội đọc sách 🏳️\u200d🌈"
            in shown)
