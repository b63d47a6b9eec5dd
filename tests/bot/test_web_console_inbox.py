"""The console's questions inbox over plain HTTP: grouping, answering through the outbox,
dismissing, the FAQ entry for faq.toml, and the console's protections on each action.

The same real web app as test_web_console.py. Questions come the real way: a citizen writes
something the Chatbot has no answer for and presses "Gửi câu hỏi cho Ban tổ chức" (or types
/guicauhoi and the question), through the dispatcher or, for Zalo OA, the running bot.
"""

from __future__ import annotations

import asyncio
import html
import re
import shutil
import tomllib
from datetime import timedelta
from pathlib import Path

import aiohttp
from sqlalchemy import select

from bot.app import App
from bot.db import console as store
from bot.db.models import AuditEntry, CitizenQuestion, OutboxRow, ScheduledItem, User, WebSession
from bot.db.schedule import SqlSchedule
from bot.web.console.inbox import faq_id, faq_toml, toml_string
from content import default_edition_path, load_edition
from handlers.types import Incoming
from scheduler.messages import ItemView, render
from tests.bot.test_broadcast import ZaloUsers, zalo, zalo_bot
from tests.bot.test_web_console import CITIZEN, CSRF, ORGANIZER, Console, _console, console
from tests.conftest import free_port
from tests.fakes.zalo import FakeZalo

__all__ = ["console", "zalo"]  # the fixtures, shared with test_web_console.py, test_broadcast.py

OTHER_CITIZEN = "778"
THIRD_CITIZEN = "779"
SEND = "Gửi câu hỏi cho Ban tổ chức"
# Questions the Chatbot has no answer for (the same one typed three ways), and another.
PARKING = "Có gửi xe ở Nhà hát thành phố không?"
PARKING_AGAIN = "có gửi xe ở nhà hát thành phố không"
PARKING_UNMARKED = "Co gui xe o nha hat thanh pho khong"
BUS = "Có xe buýt miễn phí đến Nhà hát thành phố không?"
MINUTE = timedelta(minutes=1)
TEXTAREA = re.compile(r'<textarea id="toml"[^>]*>(.*?)</textarea>', re.S)


async def ask(app: App, user: str, text: str, send: bool = True) -> int:
    """A citizen writes a question the Chatbot has no answer for and, with `send`, presses
    "Gửi câu hỏi cho Ban tổ chức" under the answer; returns the question's number."""
    replies = await app.dispatcher.handle(Incoming("telegram", user, text))
    commands = [b.command for r in replies or () for b in r.buttons if b.label == SEND]
    assert len(commands) == 1, [r.full_text() for r in replies or ()]
    if send:
        passed = await app.dispatcher.handle(Incoming("telegram", user, commands[0],
                                                      is_button=True))
        assert passed is not None and "đã chuyển câu hỏi" in passed[0].text
    return int(commands[0].removeprefix("/guicauhoi "))


async def questions(app: App) -> list[CitizenQuestion]:
    async with app.sessions() as s:
        return list((await s.execute(select(CitizenQuestion).order_by(CitizenQuestion.id)))
                    .scalars())


async def audited(app: App, action: str) -> list[str]:
    async with app.sessions() as s:
        return list((await s.execute(select(AuditEntry.detail).where(
            AuditEntry.action == action).order_by(AuditEntry.id))).scalars())


async def test_the_inbox_groups_and_counts_the_open_questions(console: Console) -> None:
    await ask(console.app, CITIZEN, PARKING)
    await ask(console.app, OTHER_CITIZEN, PARKING_AGAIN)
    latest = await ask(console.app, THIRD_CITIZEN, PARKING_UNMARKED)
    other = await ask(console.app, CITIZEN, BUS, send=False)
    await console.sign_in(await console.link())
    page = await console.client.get("/quantri/cau-hoi")
    text = await page.text()
    assert page.status == 200
    assert 'aria-current="page">Câu hỏi</a>' in text
    assert "2 nhóm, 4 lượt hỏi chưa xử lý" in text
    # Most asked first, with the newest wording and a link to the group.
    assert text.index(f'data-question="{latest}"') < text.index(f'data-question="{other}"')
    assert PARKING_UNMARKED in text
    assert "nhờ chuyển Ban tổ chức" in text and "chưa có thông tin" in text
    only = await (await console.client.get("/quantri/cau-hoi?loai=unanswered")).text()
    assert f'data-question="{other}"' in only and f'data-question="{latest}"' not in only
    group = await (await console.client.get(f"/quantri/cau-hoi/{latest}")).text()
    assert group.count('<div class="bubble">') == 3 and "Gửi tới 3 người đã hỏi" in group


async def test_an_answer_is_stored_and_queued_once_per_citizen(console: Console) -> None:
    app = console.app
    first = await ask(app, CITIZEN, PARKING)
    second = await ask(app, CITIZEN, PARKING_AGAIN)  # asked twice
    latest = await ask(app, OTHER_CITIZEN, PARKING)
    other = await ask(app, THIRD_CITIZEN, BUS)
    await console.sign_in(await console.link())
    csrf = await console.csrf()
    reply = "Thư viện mở cửa từ 8:00 đến 20:00 trong Tuần lễ, kể cả thứ Bảy và Chủ nhật."
    answer = await console.client.post(f"/quantri/cau-hoi/{latest}/tra-loi",
                                       data={"csrf": csrf, "answer": reply},
                                       allow_redirects=False)
    assert answer.status == 303
    assert answer.headers["Location"] == f"/quantri/cau-hoi/{latest}?xong=tra-loi"
    page = await (await console.client.get(answer.headers["Location"])).text()
    assert "xếp vào hàng gửi tới 2 người đã hỏi" in page and reply in page

    rows = {q.id: q for q in await questions(app)}
    for i in (first, second, latest):
        q = rows[i]
        assert (q.answer, q.answered_by) == (reply, f"telegram:{ORGANIZER}")
        assert q.answered_at is not None and abs(q.answered_at - app.clock()) < MINUTE
    assert rows[other].answered_at is None and rows[other].answer is None
    # One scheduled item, due now, for exactly the two citizens who asked.
    async with app.sessions() as s:
        item = (await s.execute(select(ScheduledItem))).scalar_one()
        citizens = dict((await s.execute(select(User.external_id, User.id))).all())
    assert (item.kind, item.audience, item.status, item.text) == ("answer", "users",
                                                                   "scheduled", reply)
    assert item.due_at == rows[first].answered_at and item.creator_channel is None
    fired = await SqlSchedule(app.sessions).fire(item.id, app.clock(), timedelta(hours=1), "vi",
                                                 {"telegram"})
    assert fired is not None and fired.total == 2
    async with app.sessions() as s:
        outbox = {(r.user_id, r.external_id, r.status) for r in (await s.execute(
            select(OutboxRow))).scalars()}
    assert outbox == {(citizens[CITIZEN], CITIZEN, "pending"),
                      (citizens[OTHER_CITIZEN], OTHER_CITIZEN, "pending")}
    # What each citizen reads (the deliverer renders this for every row).
    view = ItemView(item.id, item.kind, item.text, dict(item.payload))
    title, text = render(view, app.edition, "vi")
    assert f"{title}\n\n{text}" == (
        f"Trả lời câu hỏi của Quý vị: “{PARKING}”\n\n"
        f"{reply}\n— Ban tổ chức")
    title, text = render(view, app.edition, "en")
    assert title is not None and title.startswith("Answer to your question")
    # Its pages ("/tin ID", the "Xem thêm" of a long one) are for those it answers: it quotes
    # their words. Anyone else who types the number is told there is no such message.
    mine = await app.dispatcher.handle(Incoming("telegram", CITIZEN, f"/tin {item.id}"))
    assert mine is not None and reply in mine[0].full_text()
    stranger = await app.dispatcher.handle(Incoming("telegram", THIRD_CITIZEN, f"/tin {item.id}"))
    assert stranger is not None and PARKING not in stranger[0].full_text()
    assert stranger[0].text.startswith("Không tìm thấy tin này")
    # The group left the inbox; its page shows the answer and who gave it; the audit log has it.
    inbox = await (await console.client.get("/quantri/cau-hoi")).text()
    assert f'data-question="{latest}"' not in inbox and f'data-question="{other}"' in inbox
    assert "Trả lời lúc" in page
    details = await audited(app, "answer")
    assert len(details) == 1 and f"#{latest}" in details[0] and reply[:40] in details[0]
    audit = await (await console.client.get("/quantri/nhatky")).text()
    assert 'data-action="answer"' in audit and "Trả lời câu hỏi" in audit
    # Answering again (another organizer's tab): refused, nothing sent twice.
    again = await console.client.post(f"/quantri/cau-hoi/{first}/tra-loi",
                                      data={"csrf": csrf, "answer": "khác"},
                                      allow_redirects=False)
    assert again.status == 409
    assert await console.count(ScheduledItem) == 1


async def test_answering_on_postgresql(pg_url: str) -> None:
    """The same statements on PostgreSQL: the answer closes the group, the item fills the
    outbox with exactly the citizens who asked, a second answer is refused."""
    async for c in _console(pg_url):
        app = c.app
        await ask(app, CITIZEN, PARKING)
        latest = await ask(app, OTHER_CITIZEN, PARKING)
        await ask(app, THIRD_CITIZEN, BUS)
        await c.sign_in(await c.link())
        csrf = await c.csrf()
        answer = await c.client.post(f"/quantri/cau-hoi/{latest}/tra-loi",
                                     data={"csrf": csrf, "answer": "Đến 20:00."},
                                     allow_redirects=False)
        assert answer.status == 303
        again = await c.client.post(f"/quantri/cau-hoi/{latest}/tra-loi",
                                    data={"csrf": csrf, "answer": "Đến 21:00."},
                                    allow_redirects=False)
        assert again.status == 409
        async with app.sessions() as s:
            item_id = (await s.execute(select(ScheduledItem.id))).scalar_one()
        fired = await SqlSchedule(app.sessions).fire(item_id, app.clock(), timedelta(hours=1),
                                                     "vi", {"telegram"})
        assert fired is not None and fired.total == 2
        async with app.sessions() as s:
            sent_to = set((await s.execute(select(OutboxRow.external_id))).scalars())
        assert sent_to == {CITIZEN, OTHER_CITIZEN}
        assert [q.answer for q in await questions(app)] == ["Đến 20:00.", "Đến 20:00.", None]


async def test_an_empty_or_too_long_answer_is_refused(console: Console) -> None:
    question = await ask(console.app, CITIZEN, PARKING)
    await console.sign_in(await console.link())
    csrf = await console.csrf()
    for text, error in (("   ", "đang trống"), ("x" * 5000, "quá")):
        answer = await console.client.post(f"/quantri/cau-hoi/{question}/tra-loi",
                                           data={"csrf": csrf, "answer": text})
        assert answer.status == 400 and error in await answer.text()
    assert (await questions(console.app))[0].answered_at is None
    assert await console.count(ScheduledItem) == 0


async def test_a_question_without_a_user_is_closed_not_sent(
        console: Console) -> None:
    app = console.app
    question = await ask(app, CITIZEN, PARKING)
    async with app.sessions() as s, s.begin():
        known = await s.get_one(CitizenQuestion, question)
        s.add(CitizenQuestion(channel="telegram", user_id=None, text=PARKING,
                              normalised=known.normalised, kind=known.kind,
                              created_at=app.clock()))
    await console.sign_in(await console.link())
    answer = await console.client.post(f"/quantri/cau-hoi/{question}/tra-loi",
                                       data={"csrf": await console.csrf(), "answer": "8:00"})
    assert answer.status == 200
    assert all(q.answer == "8:00" for q in await questions(app))
    async with app.sessions() as s:
        item = (await s.execute(select(ScheduledItem))).scalar_one()
    assert item.payload["users"].count(",") == 0  # the one citizen still known


async def test_erasure_takes_the_citizens_words_out_of_an_answer(console: Console) -> None:
    """The answer quotes the group's latest wording; once its author erases their data
    (/xoadulieu), the messages still to send no longer quote it."""
    app = console.app
    await ask(app, CITIZEN, PARKING)
    latest = await ask(app, OTHER_CITIZEN, PARKING_UNMARKED)
    await console.sign_in(await console.link())
    await console.client.post(f"/quantri/cau-hoi/{latest}/tra-loi",
                              data={"csrf": await console.csrf(), "answer": "Đến 20:00."})

    async def message() -> str:
        async with app.sessions() as s:
            item = (await s.execute(select(ScheduledItem))).scalar_one()
        title, text = render(ItemView(item.id, item.kind, item.text, dict(item.payload)),
                             app.edition, "vi")
        return f"{title}\n\n{text}"

    assert f"“{PARKING_UNMARKED}”" in await message()
    await app.dispatcher.handle(Incoming("telegram", OTHER_CITIZEN, "/xoadulieu"))
    await app.dispatcher.handle(Incoming("telegram", OTHER_CITIZEN, "Xóa dữ liệu của tôi"))
    assert await message() == "Trả lời câu hỏi của Quý vị\n\nĐến 20:00.\n— Ban tổ chức"
    assert len(await questions(app)) == 1  # theirs went with their data


async def test_dismiss_closes_the_group_and_is_recorded(console: Console) -> None:
    app = console.app
    question = await ask(app, CITIZEN, "abc xyz", send=False)
    await console.sign_in(await console.link())
    answer = await console.client.post(f"/quantri/cau-hoi/{question}/bo-qua",
                                       data={"csrf": await console.csrf()},
                                       allow_redirects=False)
    assert answer.status == 303 and answer.headers["Location"] == "/quantri/cau-hoi?xong=bo-qua"
    inbox = await (await console.client.get(answer.headers["Location"])).text()
    assert "Đã bỏ qua nhóm câu hỏi" in inbox and f'data-question="{question}"' not in inbox
    q = (await questions(app))[0]
    assert q.answered_at is not None and abs(q.answered_at - app.clock()) < MINUTE
    assert q.answered_by == f"telegram:{ORGANIZER}"
    assert q.answer is None
    assert await console.count(ScheduledItem) == 0
    assert "abc xyz" in (await audited(app, "dismiss"))[0]
    page = await (await console.client.get(f"/quantri/cau-hoi/{question}")).text()
    assert "Đã bỏ qua" in page and "tra-loi" not in page


async def test_the_faq_entry_loads_with_the_content_loader(console: Console,
                                                          tmp_path: Path) -> None:
    app = console.app
    wording = 'Ban tổ chức có cần tình nguyện viên dịch tiếng "Hàn Quốc" không'
    question = await ask(app, CITIZEN, wording)
    await console.sign_in(await console.link())
    reply = ('Có. Đăng ký làm tình nguyện viên "dịch tiếng Hàn" (C:\\hồ sơ) trước ngày 25/9.\n'
             "Mang theo chứng chỉ.\tGõ /lienhe để hỏi thêm.")
    page = await console.client.post(f"/quantri/cau-hoi/{question}/hoi-dap",
                                     data={"csrf": await console.csrf(), "answer": reply})
    assert page.status == 200
    found = TEXTAREA.search(await page.text())
    assert found is not None
    entry = html.unescape(found.group(1))
    # Nothing was answered or sent: the entry is for faq.toml only; the audit log has it.
    assert (await questions(app))[0].answered_at is None
    assert await console.count(ScheduledItem) == 0
    assert wording in (await audited(app, "faq"))[0]
    # Pasted at the end of the edition's faq.toml, it loads.
    editions = tmp_path / "2020"
    shutil.copytree(default_edition_path("2020"), editions)
    faq = editions / "faq.toml"
    faq.write_text(faq.read_text(encoding="utf-8") + "\n" + entry, encoding="utf-8")
    edition = load_edition(editions)
    new = edition.faq[-1]
    assert new.id == "ban-to-chuc-co-can-tinh-nguyen-vien"
    assert new.question.vi == wording + "?"
    assert new.answer.vi == reply.replace("\r\n", "\n")
    normalised = (await questions(app))[0].normalised
    assert new.keywords == (wording.lower(), normalised)
    # After an answer, the entry is offered from the stored answer.
    await console.client.post(f"/quantri/cau-hoi/{question}/tra-loi",
                              data={"csrf": await console.csrf(), "answer": "Có."})
    page = await console.client.post(f"/quantri/cau-hoi/{question}/hoi-dap",
                                     data={"csrf": await console.csrf()})
    found = TEXTAREA.search(await page.text())
    assert found is not None and 'answer = "Có."' in html.unescape(found.group(1))


def test_toml_strings_escape_what_toml_requires() -> None:
    tricky = 'a "b" \\ c\nd\te\x01f\x7fg “h” ắ'
    assert tomllib.loads(f"k = {toml_string(tricky)}")["k"] == tricky
    assert faq_id("Thư viện mở cửa?", {"thu-vien-mo-cua"}) == "thu-vien-mo-cua-2"
    assert faq_id("???", set()) == "cau-hoi"
    entry = tomllib.loads(faq_toml("  Đường  đi?", "Đi thẳng.", "duong di", set()))
    assert entry["faq"][0] == {"id": "duong-di", "question": "Đường đi?",
                               "answer": "Đi thẳng.", "keywords": ["đường đi", "duong di"]}


async def test_every_action_needs_a_session_an_organizer_and_the_csrf_token(
        console: Console) -> None:
    app = console.app
    question = await ask(app, CITIZEN, PARKING)
    actions = [f"/quantri/cau-hoi/{question}/{a}" for a in ("tra-loi", "bo-qua", "hoi-dap")]
    # No session: pages go to the sign-in page, actions too, and nothing happens.
    for path in ("/quantri/cau-hoi", f"/quantri/cau-hoi/{question}"):
        answer = await console.client.get(path, allow_redirects=False)
        assert answer.status == 303 and answer.headers["Location"] == "/quantri/dang-nhap"
    for path in actions:
        answer = await console.client.post(path, data={"answer": "x"}, allow_redirects=False)
        assert answer.status == 303 and answer.headers["Location"] == "/quantri/dang-nhap"
    # A session of someone not in [organizers] (a citizen's, however made) opens nothing.
    async with app.sessions() as s, s.begin():
        citizen = await store.open_session(s, store.Identity("telegram", CITIZEN),
                                           store.real_now())
        token = (await s.execute(select(WebSession.csrf))).scalar_one()
    headers = {"Cookie": f"hoctap_quantri={citizen}"}
    for path in actions:
        answer = await console.client.post(path, data={"answer": "x", "csrf": token},
                                           headers=headers, allow_redirects=False)
        assert answer.status == 303 and answer.headers["Location"] == "/quantri/dang-nhap"
    # An organizer without the form's token: 403.
    await console.sign_in(await console.link())
    csrf = await console.csrf()
    for token in (None, "", "wrong" + csrf[5:]):
        for path in actions:
            form = {"answer": "x", **({"csrf": token} if token is not None else {})}
            answer = await console.client.post(path, data=form, allow_redirects=False)
            assert answer.status == 403, (path, token)
    assert (await questions(app))[0].answered_at is None
    assert await console.count(ScheduledItem) == 0
    async with app.sessions() as s:
        done = (await s.execute(select(AuditEntry.action))).scalars().all()
    assert not {"answer", "dismiss", "faq"} & set(done)
    # An unknown question: 404.
    answer = await console.client.get("/quantri/cau-hoi/999999")
    assert answer.status == 404
    answer = await console.client.post("/quantri/cau-hoi/999999/tra-loi",
                                       data={"csrf": csrf, "answer": "x"})
    assert answer.status == 404


async def test_a_zalo_answer_follows_the_oa_window_and_the_page_says_why(
        zalo: FakeZalo, tmp_path: Path) -> None:
    """The running bot on Zalo OA: a citizen inside the 7-day window gets the answer; one Zalo
    counts outside it is skipped, and the group's page gives the reason in words."""
    near, far = "8123456789012345601", "8123456789012345602"
    organizer = "8999999999999999999"
    port = free_port()
    users = ZaloUsers(zalo, port)
    bot = zalo_bot(zalo, tmp_path, port, "2020-10-03T10:00",
                   HOCTAP_ORGANIZERS_ZALO_IDS=organizer, HOCTAP_BROADCAST_POLL_SECONDS="0.5",
                   HOCTAP_BROADCAST_GRACE_HOURS="0.01",
                   HOCTAP_WEB_PUBLIC_URL=f"http://127.0.0.1:{port}")
    await bot.start()
    try:
        for user in (near, far):  # /guicauhoi with the question: passed on as typed
            await users.say(user, f"/guicauhoi {PARKING}", "đã chuyển câu hỏi")
        [(question,)] = bot.query("SELECT max(id) FROM citizen_questions")
        zalo.outside_window.add(far)
        reply = await users.say(organizer, "/quantri", "/quantri/vao/")
        link = re.search(r"http://127\.0\.0\.1:\d+(/quantri/vao/[A-Za-z0-9_-]+)", reply)
        assert link is not None, reply
        base = f"http://127.0.0.1:{port}"
        async with aiohttp.ClientSession(base, cookie_jar=aiohttp.CookieJar(unsafe=True)) as web:
            async with web.get(link.group(1)) as page:
                csrf = CSRF.search(await page.text())
            assert csrf is not None
            async with web.post(link.group(1), data={"csrf": csrf.group(1)}) as signed:
                assert signed.status == 200 and str(signed.url).endswith("/quantri/")
            async with web.get(f"/quantri/cau-hoi/{question}") as page:
                text = await page.text()
                csrf = CSRF.search(text)
            assert csrf is not None and "Gửi tới 2 người đã hỏi" in text
            answer = "Có, miễn phí, ở sân sau Nhà hát."
            async with web.post(f"/quantri/cau-hoi/{question}/tra-loi",
                                data={"csrf": csrf.group(1), "answer": answer}) as done:
                assert done.status == 200
            await zalo.wait_for(lambda: any(answer in t for t in zalo.texts(near)), seconds=30)
            for _attempt in range(60):
                async with web.get(f"/quantri/cau-hoi/{question}") as page:
                    text = await page.text()
                if 'data-status>đã gửi xong' in text:
                    break
                await asyncio.sleep(0.5)
        assert [t for t in zalo.texts(near) if answer in t] == [
            f"Trả lời câu hỏi của Quý vị: “{PARKING}”\n\n{answer}\n— Ban tổ chức"]
        assert not any(answer in t for t in zalo.texts(far))
        assert 'data-count="sent">1<' in text and 'data-count="skipped">1<' in text
        assert "quá 7 ngày kể từ lần cuối người dùng nhắn cho OA Zalo" in text
    finally:
        code = await bot.stop()
    assert code == 0, bot.stderr.decode()
    assert "Traceback" not in bot.stderr.decode()
