"""Every feature answers in Vietnamese with what a citizen needs (through the dispatcher)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.app import App, build_app
from bot.db.models import User
from content import Edition
from handlers.i18n import format_day, use_locale
from handlers.text import split_message
from handlers.types import Incoming
from tests.conftest import Chat, make_settings, new_sqlite_schema
from tests.handlers.test_router import named_features


async def test_welcome_has_menu_and_theme(chat: Chat) -> None:
    replies = await chat.send("/start")
    assert "Chuyển đổi số thúc đẩy Học tập suốt đời" in replies[0].text
    labels = [b.label for b in replies[0].buttons]
    assert labels[:3] == ["Lịch sự kiện", "Hôm nay", "Sắp diễn ra"]
    assert all(b.command.startswith("/") for b in replies[0].buttons)


async def test_theme_and_purpose(chat: Chat, edition: Edition) -> None:
    first = await chat.text("/chude")
    assert "01/10/2020" in first and "Lễ khai mạc" in first
    assert edition.theme.vi in first
    text = await chat.read_all("/chude")
    assert edition.purpose.vi in text and edition.requirements.vi in text
    assert edition.source.vi in text


async def test_bodies_and_report(chat: Chat, edition: Edition) -> None:
    first = await chat.text("/tochuc")
    # For the units, what they must do first: the report's deadline and where it goes.
    assert "15/10/2020" in first and edition.report.email in first
    text = await chat.read_all("/tochuc")
    for body in edition.bodies:
        assert body.name.vi in text and body.duties.vi in text
    # The numbers the letter gives the units, personal ones included, are here.
    for phone in ("(02253)810486", "0913575506", "02253.747533"):
        assert phone in text


async def test_activities(chat: Chat, edition: Edition) -> None:
    text = await chat.read_all("/hoatdong")
    for activity in edition.activities:
        assert activity.title.vi in text
    one = edition.activities[0]
    detail = await chat.read_all(f"/hoatdong {one.id}")
    assert one.summary.vi in detail


async def test_week_schedule_by_day(chat: Chat, edition: Edition) -> None:
    replies = await chat.pages(await chat.send("/lich"))
    text = "\n".join(r.full_text() for r in replies)
    with use_locale("vi"):
        for day in edition.days():
            assert format_day(day) in text
    for event in edition.events:
        # The city's events; a quận/huyện's only for its citizens (none chosen here).
        assert (event.title.vi in text) == (event.district is None), event.id
    assert "gõ /quan" in text
    # Every screen says first that the schedule is a sample.
    assert all(r.text.startswith("Lưu ý: đây là lịch mẫu") for r in replies)
    assert [b.command for b in replies[-1].buttons][:7] == [
        f"/lich {d.isoformat()}" for d in edition.days()]


async def test_today_on_the_opening_day(chat: Chat, edition: Edition) -> None:
    text = await chat.read_all("/homnay")
    for event in edition.events_on(edition.opening):
        assert event.title.vi in text


async def test_next_event(chat: Chat, edition: Edition) -> None:
    text = await chat.read_all("sự kiện sắp diễn ra")
    now = make_settings("sqlite://").simulated_now()
    assert now is not None
    first = next(e for e in edition.events if e.start > now and e.district is None)
    assert first.title.vi in text
    assert "Sự kiện tiếp theo" in text


async def test_a_given_day(chat: Chat, edition: Edition) -> None:
    text = await chat.read_all("/lich 04/10")
    for event in edition.events_on(edition.days()[3]):
        assert event.title.vi in text
        if event.place:
            assert event.place.vi in text
    outside = await chat.text("/lich 20/10")
    assert "không thuộc Tuần lễ" in outside
    nonsense = await chat.text("/lich abc")
    assert "Chatbot chưa hiểu ngày" in nonsense


@pytest.mark.parametrize(("typed", "days"), [
    ("/lich 03/10 và 04/10", ["03/10", "04/10"]), ("lịch thứ 7 và chủ nhật", ["03/10", "04/10"]),
    ("lich cuoi tuan", ["03/10", "04/10"]), ("lịch từ 02/10 đến 04/10", ["02/10", "04/10"]),
    ("thứ 2 và thứ 4 có sự kiện gì", ["05/10", "07/10"]),
])
async def test_several_days_have_a_title_on_every_screen(chat: Chat, typed: str,
                                                         days: list[str]) -> None:
    """Every screen of a several-day answer says which days it is about, like a one-day
    answer's title, never a bare "(1/2)"."""
    screens = await chat.pages(await chat.send(typed))
    assert len(screens) > 1
    for k, screen in enumerate(screens, 1):
        assert screen.title is not None and screen.title.startswith("Lịch "), (typed, screen)
        assert all(d in screen.title for d in days), (typed, screen.title)
        assert screen.title.endswith(f"({k}/{len(screens)})")
        assert not screen.text.startswith("(")


async def test_one_event_names_its_organizing_unit(chat: Chat, edition: Edition) -> None:
    for event in edition.events:
        text = await chat.read_all(f"/sukien {event.id}")
        unit = edition.unit(event.unit)
        assert unit is not None and unit.name.vi in text, event.id
        assert event.description.vi in text


async def test_courses_by_category(chat: Chat, edition: Edition) -> None:
    replies = await chat.send("/khoahoc")
    assert {b.command for b in replies[0].buttons} >= {
        f"/khoahoc {c.id}" for c in edition.categories}
    for category in edition.categories:
        text = await chat.read_all(f"/khoahoc {category.id}")
        for resource in edition.resources_in(category.id):
            assert resource.url in text
            # "(tiếng Anh)" on the English-only ones, and on those only.
            line = next(x for x in text.splitlines() if resource.title.vi in x)
            assert ("(tiếng Anh)" in line) == (resource.language == "en"), resource.id
        # The disclaimer once per list, at its head.
        assert text.count(edition.resources_note.vi) == 1
        # Hải Phòng's and the Vietnamese ones first.
        order = list(edition.resources_in(category.id))
        positions = {r.id: text.index(r.url) for r in order}
        for english in (r for r in order if r.language == "en"):
            for viet in (r for r in order if r.language == "vi"):
                assert positions[viet.id] < positions[english.id], (viet.id, english.id)


async def test_library(chat: Chat, edition: Edition) -> None:
    text = await chat.read_all("/thuvien")
    for programme in edition.programmes:
        assert programme.title.vi in text
    assert "Thư viện 50K" in text and "tủ sách lớp học" in text.lower()
    # No link is invented for Thư viện 50K: the citizen is told where to ask.
    detail = await chat.read_all("/thuvien thu-vien-50k")
    assert "(02253)810486" in detail and "http" not in detail


async def test_contest_info(chat: Chat, edition: Edition) -> None:
    text = await chat.read_all("/cuocthi")
    assert edition.contest.name.vi in text
    assert "Cuộc thi đang mở." in text  # 01/10/2020 07:30 is after it opens at 07:00
    for rule in edition.contest.rules:
        assert rule.vi in text
    assert f"mỗi câu {edition.contest.seconds_per_question} giây" in text
    # contest.toml defines no prize: the bot promises none.
    assert not edition.contest.prizes and "giải" not in text.lower()


async def test_contacts(chat: Chat) -> None:
    text = await chat.text("/lienhe")
    # The units' official numbers, each once ("Điện thoại: …" then "ĐT: …" before).
    for phone in ("(02253)810486", "02253.747533"):
        assert text.count(phone) == 1
    assert "22 Lê Đại Hành" in text
    # A named official's mobile and mailbox are for the units (/tochuc), not for citizens.
    assert "0913575506" not in text and "dohonghai" not in text
    faq = await chat.text("hỏi thêm thì liên hệ ai")
    assert "0913575506" not in faq and "dohonghai" not in faq


async def test_faq(app: App, edition: Edition) -> None:
    replies = await Chat(app, "faq-list").send("/hoidap")
    questions = [(b.label, b.command) for b in replies[0].buttons[:-1]]
    assert questions == [(e.question.vi, f"/hoidap {e.id}") for e in edition.faq]
    for entry in edition.faq:
        user = Chat(app, f"faq-{entry.id}")  # each their own: 20 messages a minute at most
        others = [e.answer.vi for e in edition.faq if e is not entry]
        text = await user.text(f"/hoidap {entry.id}")
        assert entry.answer.vi in text and not any(o in text for o in others)
        # What people type reaches this answer, short first with a button to all of it: the
        # question as written, and the keywords except those that name a feature ("cuộc thi"
        # opens the contest; tests/handlers/test_router.py checks those).
        short = (entry.short or entry.answer).vi
        shorts = [(e.short or e.answer).vi for e in edition.faq if e is not entry]
        typed = [entry.question.vi, *(k for k in entry.keywords
                                      if not named_features(k, edition))]
        for keyword in typed:
            replies = await user.send(keyword)
            text = "\n".join(r.full_text() for r in replies)
            assert short in text, (entry.id, keyword)
            assert not any(o in text for o in shorts), (entry.id, keyword)
            assert f"/hoidap {entry.id}" in [b.command for r in replies for b in r.buttons]


async def test_help_lists_every_command(chat: Chat) -> None:
    text = await chat.read_all("/trogiup")
    for command in ("/chude", "/hoatdong", "/lich", "/homnay", "/sapdienra", "/khoahoc",
                    "/thuvien", "/cuocthi", "/lienhe", "/hoidap", "/ngonngu", "/quan"):
        assert command in text


@pytest.mark.parametrize(("arg", "said"), [
    ("en", "Switched to English."), ("EN", "Switched to English."),
    ("tiếng anh", "Switched to English."), ("Tiếng Anh", "Switched to English."),
    ("tieng anh", "Switched to English."), ("English", "Switched to English."),
    ("vi", "Đã chuyển sang tiếng Việt."), ("tiếng việt", "Đã chuyển sang tiếng Việt."),
    ("Tiếng Việt.", "Đã chuyển sang tiếng Việt."), ("vietnamese", "Đã chuyển sang tiếng Việt."),
    ("fr", "Chatbot có tiếng Việt và tiếng Anh. Xin chọn một ngôn ngữ."),
])
async def test_ngonngu_takes_the_language_by_its_name(app: App, arg: str, said: str) -> None:
    chat = Chat(app, "lang-" + arg)
    if said.startswith("Đã chuyển"):
        await chat.send("/ngonngu en")  # from English back to Vietnamese
    assert (await chat.send(f"/ngonngu {arg}"))[0].text == said


async def test_language_is_remembered(app: App) -> None:
    user = Chat(app, user_id="en-user")
    assert "Switched to English." in await user.text("/ngonngu en")
    assert "Phone:" in await user.text("/lienhe")
    other = Chat(app, user_id="vi-user")
    assert "Điện thoại:" in await other.text("/lienhe")


async def test_deep_links(chat: Chat, edition: Edition) -> None:
    assert edition.contest.name.vi in await chat.text("/start cuocthi")
    assert "Lịch sự kiện" in await chat.text("/start lich")
    assert "Kính chào Quý vị" in await chat.text("/start khong-co")


async def test_unknown_text_gets_an_honest_answer_not_the_bare_menu(chat: Chat) -> None:
    replies = await chat.send("qwertyuiop")
    assert "Xin lỗi, Chatbot chưa có thông tin về “qwertyuiop”" in replies[0].text
    assert "Chatbot có thể trả lời về: lịch sự kiện" in replies[0].text
    assert [b.label for b in replies[0].buttons] == [
        "Gửi câu hỏi cho Ban tổ chức", "Hỏi đáp", "Menu chính"]
    unclear = await chat.send("ạ")
    assert unclear[0].text.startswith("Xin lỗi, Chatbot chưa hiểu câu hỏi của Quý vị.")
    assert "Chatbot có thể trả lời về" in unclear[0].text


@pytest.mark.parametrize("limit", [2000, 4096])
async def test_long_answers_split_cleanly(chat: Chat, limit: int) -> None:
    for command in ("/lich", "/khoahoc khoa-hoc", "/hoatdong", "/tochuc", "/thuvien"):
        for reply in await chat.send(command):
            parts = split_message(reply.full_text(), limit)
            assert all(len(p) <= limit for p in parts)
            assert "".join(parts).replace("\n", "").replace(" ", "") == \
                reply.full_text().replace("\n", "").replace(" ", "")


def test_split_prefers_paragraphs() -> None:
    text = ("a" * 50 + "\n\n") * 10
    parts = split_message(text, 120)
    assert all(p.endswith("a") and p.startswith("a") for p in parts)
    assert split_message("x" * 250, 100) == ["x" * 100, "x" * 100, "x" * 50]


async def test_every_reply_is_nfc(app: App) -> None:
    import unicodedata

    for command in ("/start", "/chude", "/lich", "/homnay", "/sapdienra", "/khoahoc",
                    "/thuvien", "/cuocthi", "/lienhe", "/hoidap", "/trogiup", "/tochuc"):
        for reply in await app.dispatcher.handle(Incoming("console", "nfc", command)) or []:
            text = reply.full_text()
            assert unicodedata.normalize("NFC", text) == text, command


async def test_contest_info_after_it_closed_points_to_the_results(sqlite_url: str) -> None:
    await new_sqlite_schema(sqlite_url)
    app = build_app(make_settings(sqlite_url, now="2020-10-08T09:00"))
    await app.start()
    try:
        replies = await Chat(app, "late").send("/cuocthi")
    finally:
        await app.close()
    text = replies[0].full_text()
    assert "Cuộc thi đã kết thúc." in text and "/xephang" in text
    assert "Cách tham gia" not in text
    commands = [b.command for b in replies[0].buttons]
    assert "/thi" not in commands and "/xephang" in commands


@pytest.mark.parametrize("typed", [
    "lịch hôm nay\udcff", "\ud83d lịch hôm nay", "lịch\udc80 hôm nay"])
async def test_a_lone_surrogate_is_dropped_not_stored(app: App, typed: str) -> None:
    """A JSON "\\udc00" or undecodable bytes: no database stores a lone surrogate, so the
    update failed ("hệ thống đang tạm thời gián đoạn")."""
    replies = await Chat(app, "surrogate").send(typed)
    assert (replies[0].title or "").startswith("Hôm nay")
    replies = await Chat(app, "surrogate").send("xyz\udcffabc")  # stored for the organizers
    assert "chưa có thông tin về “xyzabc”" in replies[0].text


async def test_a_display_name_with_a_lone_surrogate_is_stored_clean(app: App) -> None:
    """The platform's name of the sender (Telegram's first_name) is stored with the user."""
    replies = await app.dispatcher.handle(Incoming(
        "telegram", "named", "lịch hôm nay", display_name="An\udcff\u202e Bình"))
    assert replies is not None and (replies[0].title or "").startswith("Hôm nay")
    async with app.sessions() as s:
        name = (await s.execute(select(User.display_name).where(
            User.external_id == "named"))).scalar_one()
    assert name == "An Bình"
