"""Answers the city can stand behind: every screen short, one register, one date format,
districts on the schedule, short answers to one-thing questions (issue 16)."""

from __future__ import annotations

import random
import re
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from sqlalchemy import update

from bot.app import App, build_app
from bot.db.models import ScheduledItem
from content import Edition
from handlers.broadcast_types import ItemView
from handlers.features.answers import short_reply, units
from handlers.features.contest import draw_questions
from handlers.i18n import use_locale
from handlers.paging import SCREEN_CHARS, SCREEN_LINES, screen
from handlers.types import Reply
from scheduler.messages import first_screen
from scheduler.planner import plan
from scheduler.settings import BroadcastSettings
from tests.conftest import Chat, make_settings, new_sqlite_schema
from tests.handlers.test_contest import last_question, question_of, register

# The familiar register the bot used before ("Mình … bạn … nhé"); the chosen one is "Quý vị"
# for the citizen and "Chatbot" for itself (docs/content-format.md, "Register"). The same
# words in other senses stay: friends, readers, oneself, children.
CASUAL = re.compile(r"\b(?:bạn|mình|nhé|nha|em)\b", re.IGNORECASE)
QUOTED = re.compile(r"“[^”]*”")
NOT_ADDRESS = ("bạn bè", "bạn đọc", "của mình", "chính mình", "một mình", "khẳng định mình",
               "trẻ em", "các em")


def casual_words(text: str) -> list[str]:
    """Words of the familiar register addressing the reader or naming the bot. What the citizen
    typed, quoted back (“kết bạn với người lạ”), is theirs, not the bot's register."""
    text = QUOTED.sub("", text)
    for phrase in NOT_ADDRESS:
        text = text.replace(phrase, "").replace(phrase.capitalize(), "")
    return CASUAL.findall(text)
# A date written d/m/yyyy or with a one-digit day or month: the format is dd/mm/yyyy.
LOOSE_DATE = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4})(?![\d/])")
LOOSE_TIME = re.compile(r"(?<![\d:])\d:\d\d(?![\d:])")


@pytest.fixture
async def app(sqlite_url: str) -> AsyncIterator[App]:
    """The app without flood control: these tests read hundreds of screens at once."""
    await new_sqlite_schema(sqlite_url)
    application = build_app(make_settings(sqlite_url, HOCTAP_FLOOD_MAX_MESSAGES="0"))
    await application.start()
    yield application
    await application.close()


def check(reply: Reply, where: str, locale: str) -> None:
    """One screen: within the limits; in Vietnamese, the register and the date format."""
    chars, lines = screen(reply)
    assert chars <= SCREEN_CHARS and lines <= SCREEN_LINES, (where, chars, lines,
                                                             reply.full_text())
    text = reply.full_text()
    if locale == "vi":
        assert not casual_words(text), (where, casual_words(text), text)
        for day, month, _year in LOOSE_DATE.findall(text):
            assert len(day) == len(month) == 2, (where, text)
        assert not LOOSE_TIME.search(text), (where, text)


async def screens(chat: Chat, command: str, locale: str) -> list[Reply]:
    """Every screen `command` leads to, "Xem thêm" pressed to the end; each one checked."""
    replies = await chat.pages(await chat.send(command))
    for reply in replies:
        check(reply, command, locale)
    return replies


def commands(edition: Edition) -> list[str]:
    """Every feature with every argument the content gives it."""
    out = ["/start", "/menu", "/chude", "/tochuc", "/hoatdong", "/lich", "/homnay",
           "/sapdienra", "/khoahoc", "/thuvien", "/cuocthi", "/xephang", "/xemlai", "/lienhe",
           "/hoidap", "/trogiup", "/ngonngu", "/ngonngu xx", "/quan", "/quan khong-co",
           "/dangky", "/huydangky", "/khongcolenhnay", "qwertyuiop", "lịch hôm nay",
           "lich ngay mai", "tuần này có gì", "/lich abc", "/lich 20/10", "/thongbao",
           "/dsthongbao", "/huythongbao 1", "/thongke", "/loaithi", "/xemthem lich 99",
           "/xemthem thi 2",
           # Free text as citizens type it: short answers, small talk, asking back, no
           # information, several days, part of a day, passing a question on.
           "thu vien 50k la gi", "han nop bao cao", "tủ sách lớp học là gì", "xin chào",
           "cảm ơn", "ok", "tạm biệt", "giá vàng hôm nay", "cuoi tuan co gi", "tối nay có gì",
           "ai được tham gia, có mất tiền không", "/guicauhoi", "lich 32/13"]
    out += [f"/lich {d.isoformat()}" for d in edition.days()]
    out += [f"/hoatdong {a.id}" for a in edition.activities]
    out += [f"/sukien {e.id}" for e in edition.events]
    out += [f"/khoahoc {c.id}" for c in edition.categories]
    out += [f"/thuvien {p.id}" for p in edition.programmes]
    out += [f"/hoidap {f.id}" for f in edition.faq]
    out += [k for f in edition.faq for k in f.keywords]
    return out


@pytest.mark.parametrize("locale", ["vi", "en"])
async def test_every_screen_fits_a_phone(app: App, edition: Edition, locale: str) -> None:
    """Every feature, every day, every FAQ, every page: at most SCREEN_CHARS characters and
    SCREEN_LINES lines before the buttons, for a citizen with and without a district."""
    people = [Chat(app, f"screen-{locale}-{i}") for i in range(2)]
    for person in people:
        await person.send(f"/ngonngu {locale}")
    await people[1].send("/quan le-chan")
    for person in people:
        for command in commands(edition):
            await screens(person, command, locale)
    # Every day of the week, and before and after it.
    for day in range(-2, 9):
        at = day * timedelta(days=1)
        app.clock.offset += at
        for command in ("/homnay", "/sapdienra", "lich ngay mai", "/start", "/cuocthi"):
            await screens(people[1], command, locale)
        app.clock.offset -= at
    with use_locale(locale):
        for unit in units(edition):
            reply = short_reply(edition, unit.ref)
            assert reply is not None
            check(reply, unit.ref, locale)


async def test_every_screen_of_the_contest_fits(app: App, edition: Edition) -> None:
    chat = Chat(app, "screen-contestant")
    for step in ("/thi", "Nguyễn Văn An", "Lê Chân", "0912345678", "Đồng ý"):
        for reply in await chat.send(step):
            check(reply, step, "vi")
    q = last_question(await chat.send("/thi"))
    replies: list[Reply] = []
    for k in range(10):
        attempt, position, correct = question_of(edition, q)
        check(q, f"question {k + 1}", "vi")
        replies = await chat.send(f"/traloi {attempt} {position} {'ABCD'[(correct + k) % 4]}",
                                  True)
        for reply in replies:
            check(reply, f"answer {k + 1}", "vi")
        if k < 9:
            q = last_question(replies)
    for reply in await chat.pages(replies):
        check(reply, "result", "vi")
    for command in ("/xephang", "/xemlai", "/xoadulieu", "Không xóa"):
        await screens(chat, command, "vi")


async def test_pages_are_whole_and_stateless(chat: Chat, edition: Edition) -> None:
    """The pages of an answer hold all of it, each once, and any page can be asked for again
    (the command carries the page: nothing is stored)."""
    replies = await chat.pages(await chat.send("/lich"))
    assert len(replies) > 1
    text = "\n".join(r.text for r in replies)
    for event in edition.events:
        if event.district is None:
            assert text.count(f"  {event.title.vi}") == 1, event.id
    again = await chat.send("/xemthem lich 2")
    assert again[0].text == replies[1].text
    assert again[0].title is not None and again[0].title.endswith(f"(2/{len(replies)})")
    # Past the end: the last page; a command that has no pages is not run through /xemthem.
    assert (await chat.send("/xemthem lich 99"))[0].text == replies[-1].text
    assert "Không có lệnh /thi" in await chat.text("/xemthem thi 2")


async def test_citizens_see_their_districts_events(app: App, edition: Edition) -> None:
    ours = next(e for e in edition.events if e.district == "Lê Chân")
    theirs = next(e for e in edition.events if e.district == "An Dương")
    day = ours.start.date().isoformat()
    city = Chat(app, "no-district")
    assert ours.title.vi not in await city.read_all(f"/lich {day}")
    assert "gõ /quan" in await city.read_all("/homnay")
    # Where they live, chosen once with /quan (with or without diacritics, with "quận").
    lechan = Chat(app, "le-chan-citizen")
    assert "Quý vị chưa chọn quận, huyện" in await lechan.text("/quan")
    assert "Đã chọn quận Lê Chân" in await lechan.text("/quan quan le chan")
    today = await lechan.read_all("/homnay")
    assert ours.title.vi in today and "(quận Lê Chân)" in today
    for event in edition.events_on(ours.start.date()):
        assert event.title.vi in today
    week = await lechan.read_all("/lich")
    assert ours.title.vi in week and theirs.title.vi not in week
    assert "gõ /quan" not in week
    assert "Quận, huyện Quý vị đã chọn: quận Lê Chân" in await lechan.text("/quan")
    # A registration for the contest tells where an unset citizen lives.
    andu = Chat(app, "an-duong-contestant")
    await register(andu, name="lê văn bình", district="an dương")
    await andu.send("/menu")  # leaves the open question
    assert theirs.title.vi in await andu.read_all(f"/lich {theirs.start.date().isoformat()}")
    # ...but does not overwrite a choice made with /quan.
    await register(lechan, name="lê thị cúc", district="Ngô Quyền")
    await lechan.send("/menu")
    assert "quận Lê Chân" in await lechan.text("/quan")
    assert "Đã bỏ chọn" in await lechan.text("/quan bo-chon")
    assert ours.title.vi not in await lechan.read_all(f"/lich {day}")


@pytest.mark.parametrize(("typed", "ref"), [
    ("thu vien 50k la gi", "programme:thu-vien-50k"),
    ("Dự án Thư viện 50K là gì vậy?", "programme:thu-vien-50k"),
    ("han nop bao cao", "faq:han-bao-cao"),
    ("báo cáo kết quả gửi về đâu", "faq:han-bao-cao"),
    ("tu sach lop hoc la gi", "programme:tu-sach-lop-hoc"),
    ("co mat phi khong", "faq:chi-phi"),
    ("doan xe luu dong", "event:doan-xe-luu-dong"),
])
async def test_typed_one_thing_questions_get_their_short_answer(chat: Chat, edition: Edition,
                                                                typed: str, ref: str) -> None:
    """What a citizen types about one thing gets that thing's sentence or two, with buttons to
    all of it and to its section, on the first screen."""
    replies = await chat.send(typed)
    with use_locale("vi"):
        expected = short_reply(edition, ref)
    assert expected is not None
    assert [r.full_text() for r in replies] == [expected.full_text()], typed
    assert [b.command for b in replies[0].buttons] == [b.command for b in expected.buttons]
    check(replies[0], typed, "vi")


async def test_a_one_thing_question_gets_a_short_answer(edition: Edition) -> None:
    """The understanding layer routes a question about one thing to Route("unit", "kind:id"):
    one or two sentences and a button to the whole of it and to its section."""
    with use_locale("vi"):
        report = short_reply(edition, "faq:han-bao-cao")
        assert report is not None and "15/10/2020" in report.text
        assert len(report.text) < 200
        assert [b.command for b in report.buttons][:2] == ["/hoidap han-bao-cao", "/hoidap"]
        library = short_reply(edition, "programme:thu-vien-50k")
        assert library is not None and "Thư viện 50K" in library.full_text()
        assert [b.command for b in library.buttons][:2] == ["/thuvien thu-vien-50k",
                                                            "/thuvien"]
        opening = short_reply(edition, "event:khai-mac")
        assert opening is not None and "08:00–10:00, Thứ Năm, 01/10/2020" in opening.text
        assert opening.text.startswith("Lưu ý: đây là lịch mẫu")
        assert short_reply(edition, "faq:khong-co") is None
    refs = [u.ref for u in units(edition)]
    assert len(refs) == len(set(refs))
    assert {r.split(":")[0] for r in refs} == {"faq", "programme", "activity", "event"}


async def test_subscribing_to_a_sample_schedule_says_what_will_come(chat: Chat) -> None:
    text = await chat.text("/dangky")
    assert "lịch mẫu" in text and "khi có lịch chính thức" in text


async def test_the_organizers_screens_fit_too(app: App, edition: Edition) -> None:
    for i, district in enumerate(edition.districts):
        chat = Chat(app, f"screen-district-{i}")
        await register(chat, name=f"người thi {'abcdefghijklmnop'[i]} an", district=district)
    organizer = Chat(app, "console")
    for step in ("/thongbao", "Họp lúc 8 giờ tại Nhà văn hóa.", "all", "ngay", "huy",
                 "/dsthongbao", "/thongke", "/ketquathi", "/baocao", "/loaithi 1 thử",
                 "/xephang"):
        for reply in await organizer.pages(await organizer.send(step)):
            check(reply, step, "vi")


def test_overlapping_questions_never_meet_in_one_attempt(edition: Edition) -> None:
    rng = random.Random(16)
    topics = {q.topic for q in edition.questions}
    for _ in range(2000):
        ids = draw_questions(edition.questions, edition.contest.questions_per_attempt, rng)
        drawn = [q for q in edition.questions if q.id in ids]
        assert len(drawn) == len(ids) == edition.contest.questions_per_attempt
        groups = [q.exclusive for q in drawn if q.exclusive is not None]
        assert len(groups) == len(set(groups)), groups
        # Still balanced over the topics: two of each of the five.
        assert {q.topic for q in drawn} == topics
        assert max(sum(q.topic == t for q in drawn) for t in topics) == 2


# An organizer's announcement as long as /thongbao takes (3,500 characters), in paragraphs.
LONG = "\n\n".join(f"Đoạn {i}: Ban tổ chức kính mời Quý vị tham gia các hoạt động học tập "
                    "suốt đời tại trung tâm học tập cộng đồng gần nhà; chương trình và giờ "
                    "giấc xem trên trang của Sở Giáo dục và Đào tạo." for i in range(1, 18))


@pytest.mark.parametrize("locale", ["vi", "en"])
async def test_every_broadcast_fits_a_phone_and_the_rest_is_a_button_away(
        app: App, edition: Edition, locale: str) -> None:
    """Broadcasts follow the answers' rule: the first screen (what the outbox sends) fits a
    phone, "Xem thêm" leads through the rest, the same pages whoever asks, and the buttons the
    organizer attached come with every page."""
    assert 3000 < len(LONG) <= 3500
    organizer = Chat(app, "console")
    steps = ["/thongbao", LONG, "all", "ngay", "nut", "nut:today", "Trang tin | "
             "https://hoctaphaiphong.vn/tuan-le", "xong"]
    for step in steps:
        for reply in await organizer.send(step):
            check(reply, step, "vi")
    done = await organizer.text("ok")
    assert "Đã lên lịch thông báo #" in done
    async with app.sessions() as s, s.begin():
        await s.execute(update(ScheduledItem).where(ScheduledItem.kind == "announcement")
                        .values(status="done"))
        [(item_id, payload)] = (await s.execute(
            ScheduledItem.__table__.select().with_only_columns(
                ScheduledItem.id, ScheduledItem.payload))).all()
    citizen = Chat(app, f"reader-{locale}")
    await citizen.send(f"/ngonngu {locale}")
    sent = first_screen(ItemView(item_id, "announcement", LONG, payload), edition, locale)
    check(sent, "the announcement as sent", locale)
    labels = [b.label for b in sent.buttons]
    more = "Xem thêm" if locale == "vi" else "More"
    assert labels[0].startswith(more) and labels[0].endswith("/4)")
    assert labels[1:] == (["Lịch hôm nay", "Trang tin"] if locale == "vi"
                          else ["Today's schedule", "Trang tin"])
    assert sent.buttons[2].url == "https://hoctaphaiphong.vn/tuan-le"
    shown = await citizen.pages([sent])
    assert len(shown) == 4
    for reply in shown:
        check(reply, "a page of the announcement", locale)
        assert [b.label for b in reply.buttons][-2:] == labels[1:]
    assert " ".join(r.text for r in shown).split() == LONG.split()
    # Any page again, by anyone; an announcement not sent yet (or unknown) is not shown.
    again = await Chat(app, "someone-else").send(f"/xemthem tin {item_id} 3")
    assert again[0].text == (await citizen.send(f"/xemthem tin {item_id} 3"))[0].text
    missing = "Không tìm thấy tin" if locale == "vi" else "This message was not found"
    assert missing in await citizen.text(f"/tin {item_id + 1}")
    # Every reminder and digest of the week, in both languages.
    settings = BroadcastSettings()
    for n, planned in enumerate(plan(edition, settings, demo=True), 1):
        item = ItemView(n, planned.kind, None, planned.payload)
        for reader in ("vi", "en"):
            check(first_screen(item, edition, reader), planned.key, reader)
