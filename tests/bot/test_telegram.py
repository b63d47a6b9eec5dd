"""Telegram end to end: the real `hoctap-bot run` process against a fake Bot API over HTTP."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import sqlite3
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest
import pytest_asyncio

from content import Edition
from tests import spawn
from tests.conftest import free_port, new_sqlite_schema
from tests.fakes.telegram import FakeTelegram

TOKEN = "123456:TEST-token_abc"
SECRET = "s3cret-token_for-tests-0123456789abcdef"
BIN = Path(sys.executable).parent / "hoctap-bot"




class BotProcess:
    """`hoctap-bot run` in a subprocess, configured by environment variables."""

    def __init__(self, workdir: Path, env: dict[str, str]) -> None:
        self.workdir = workdir
        self.env = env
        self.proc: asyncio.subprocess.Process | None = None
        self.stderr = b""
        self._follower: asyncio.Task[None] | None = None

    async def start(self) -> None:
        if "HOCTAP_DATABASE_URL" not in self.env:
            # The bot's default database, hoctap.sqlite3 in its working directory: when new,
            # it gets the schema as migrate() makes it (a first start's migrations cost about
            # 0.3 s of CPU; `db upgrade` and a first `chat` have tests of their own).
            await new_sqlite_schema(f"sqlite+aiosqlite:///{self.db}")
        command = [str(BIN)] if BIN.exists() else [sys.executable, "-m", "bot.cli"]
        environ = {k: v for k, v in os.environ.items() if not k.startswith("HOCTAP_")}
        environ.update(self.env)
        self.proc = await spawn.create_subprocess_exec(
            *command, "run", cwd=self.workdir, env=environ,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        )

    async def wait_log(self, text: str, timeout: float = 30) -> None:  # noqa: ASYNC109
        """Read the process's log (stderr) until a line contains `text`."""
        assert self.proc is not None and self.proc.stderr is not None
        async with asyncio.timeout(timeout):
            while text.encode() not in self.stderr:
                line = await self.proc.stderr.readline()
                if not line:
                    raise AssertionError(f"exited without logging {text!r}:\n"
                                         + self.stderr.decode())
                self.stderr += line

    def follow_log(self) -> None:
        """Keep reading the log (stderr) into .stderr, for a process that serves many tests
        (unread, the pipe fills and the process blocks; read, each test can check it)."""
        assert self.proc is not None and self.proc.stderr is not None
        stream = self.proc.stderr

        async def follow() -> None:
            while line := await stream.readline():
                self.stderr += line

        self._follower = asyncio.create_task(follow())

    async def stop(self) -> int:
        assert self.proc is not None
        if self._follower is not None:
            self._follower.cancel()  # readline keeps what it has not returned: nothing is lost
            with contextlib.suppress(asyncio.CancelledError):
                await self._follower
        if self.proc.returncode is None:
            self.proc.send_signal(signal.SIGTERM)
        _, rest = await asyncio.wait_for(self.proc.communicate(), timeout=30)
        self.stderr += rest  # after what wait_log already read
        return self.proc.returncode or 0

    @property
    def db(self) -> Path:
        return self.workdir / "hoctap.sqlite3"

    def query(self, sql: str) -> list[tuple[Any, ...]]:
        with sqlite3.connect(self.db) as conn:
            return conn.execute(sql).fetchall()


@pytest.fixture
async def telegram() -> AsyncIterator[FakeTelegram]:
    async with FakeTelegram(token=TOKEN) as fake:
        yield fake


def bot_env(fake: FakeTelegram, **extra: str) -> dict[str, str]:
    return {
        "HOCTAP_TELEGRAM_TOKEN": TOKEN,
        "HOCTAP_TELEGRAM_BASE_URL": f"{fake.url}/bot",
        "HOCTAP_BOT_NOW": "2020-10-01T07:30",
        "HOCTAP_WEB_PORT": str(free_port()),
        **extra,
    }


# The polling tests share one fake and one `hoctap-bot run` in polling mode (a start costs
# about a second of CPU): they run in one xdist group, in the module's event loop; each talks
# to chats of its own and puts back what it changed in the fake.
def shared_polling_bot(test: Any) -> Any:
    return pytest.mark.xdist_group("telegram-polling")(
        pytest.mark.asyncio(loop_scope="module")(test))


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def polling_process(
    tmp_path_factory: pytest.TempPathFactory,
) -> AsyncIterator[tuple[FakeTelegram, BotProcess]]:
    async with FakeTelegram(token=TOKEN) as fake:
        bot = BotProcess(tmp_path_factory.mktemp("polling"), bot_env(fake))
        await bot.start()
        await fake.wait_for("setMyCommands", count=2, timeout=30)
        bot.follow_log()
        yield fake, bot
        code = await bot.stop()
        assert code == 0, bot.stderr.decode()
        assert b"Traceback" not in bot.stderr, bot.stderr.decode()


@pytest_asyncio.fixture(loop_scope="module")
async def polling(
    polling_process: tuple[FakeTelegram, BotProcess],
) -> AsyncIterator[tuple[FakeTelegram, BotProcess]]:
    """The shared fake and polling bot, checked after each test: still running, no traceback."""
    fake, bot = polling_process
    timeout = fake.callback_query_timeout
    yield fake, bot
    fake.callback_query_timeout = timeout
    assert bot.proc is not None and bot.proc.returncode is None, bot.stderr.decode()
    assert b"Traceback" not in bot.stderr, bot.stderr.decode()


def texts(fake: FakeTelegram, chat_id: int) -> list[str]:
    return [m["text"] for m in fake.sent_messages(chat_id)]


async def wait_texts(fake: FakeTelegram, chat_id: int, count: int) -> list[str]:
    # The limit only ends a hang: a bot's first free text waits for the understanding built
    # at its start (1.4 s of CPU, 18 s under a load of 15: 15 s failed the first polling test).
    await fake.wait_for(lambda: len(fake.sent_messages(chat_id)) >= count, timeout=60)
    return texts(fake, chat_id)


def answers_to(fake: FakeTelegram, press: dict[str, Any]) -> list[Any]:
    """The bot's answerCallbackQuery calls for this button press."""
    query_id = press["callback_query"]["id"]
    return [r for r in fake.calls("answerCallbackQuery")
            if r.params.get("callback_query_id") == query_id]


def keyboard_of(message: dict[str, Any]) -> list[dict[str, Any]]:
    markup = message.get("reply_markup")
    if isinstance(markup, str):
        markup = json.loads(markup)
    return [b for row in (markup or {}).get("inline_keyboard", []) for b in row]


@shared_polling_bot
async def test_start_menu_button_free_text_and_deep_link(
    polling: tuple[FakeTelegram, BotProcess], edition: Edition
) -> None:
    telegram, _bot = polling
    commands = [r for r in telegram.requests if r.method == "setMyCommands"]
    vi = next(r for r in commands if not r.params.get("language_code"))
    names = [c["command"] for c in vi.params["commands"]]
    assert {"lich", "homnay", "cuocthi", "lienhe", "khoahoc"} <= set(names)
    assert any(c["description"] == "sự kiện hôm nay" for c in vi.params["commands"])

    telegram.user_sends_text(1001, "/start")
    [welcome] = await wait_texts(telegram, 1001, 1)
    assert "Chuyển đổi số thúc đẩy Học tập suốt đời" in welcome
    first = telegram.sent_messages(1001)[0]
    assert first["parse_mode"] == "HTML"
    buttons = keyboard_of(first)
    assert buttons[0] == {"text": "Lịch sự kiện", "callback_data": "/lich"}

    # Pressing "Hôm nay" is a callback query: answered, then today's events are sent.
    press = telegram.user_presses_button(1001, first["message_id"], "/homnay")
    got = await wait_texts(telegram, 1001, 2)
    opening = edition.events_on(edition.opening)[0]
    assert opening.title.vi in got[1]
    await telegram.wait_for(lambda: answers_to(telegram, press))

    telegram.user_sends_text(1001, "so dien thoai lien he")
    got = await wait_texts(telegram, 1001, 3)
    assert "(02253)810486" in got[2]

    telegram.user_sends_text(1002, "/start cuocthi")
    [contest] = await wait_texts(telegram, 1002, 1)
    assert contest.startswith(f"<b>{edition.contest.name.vi}")


@shared_polling_bot
async def test_user_text_in_a_reply_is_escaped(polling: tuple[FakeTelegram, BotProcess]) -> None:
    telegram, _bot = polling
    # The unknown command is repeated in the answer: markup typed by the user must reach
    # them as the characters they typed (the fake parses HTML like Telegram: an unescaped
    # "<i>" is a tag, a lone one a 400; "&amp;" unescaped would show as "&").
    telegram.user_sends_text(1003, "/<i>x&amp;y&lt;")
    [reply] = await wait_texts(telegram, 1003, 1)
    [shown] = [m["text"] for m in telegram.chat_history(1003) if m["from"]["is_bot"]]
    assert "Không có lệnh /<i>x&amp;y&lt;." in shown
    assert reply.startswith("Không có lệnh /&lt;i&gt;x&amp;amp;y&amp;lt;.")


async def test_a_long_reply_is_split_and_every_part_accepted(
    telegram: FakeTelegram, tmp_path: Path
) -> None:
    """A 10,000-character reply full of < and & through the real channel: every part is
    accepted by the (HTML-parsing, 4,096-limited) fake and the parts add up to the reply."""
    from bot.app import build_app
    from bot.channels.telegram import TelegramChannel
    from handlers.types import Reply
    from tests.conftest import make_settings

    settings = make_settings(f"sqlite+aiosqlite:///{tmp_path / 'hoctap.sqlite3'}",
                             HOCTAP_TELEGRAM_TOKEN=TOKEN,
                             HOCTAP_TELEGRAM_BASE_URL=f"{telegram.url}/bot")
    app = build_app(settings)
    await app.start()
    channel = TelegramChannel(settings.telegram, app.dispatcher)
    await channel.application.initialize()
    lines: list[str] = []
    i = 0
    while sum(len(line) + 1 for line in lines) < 10_000:
        i += 1
        lines.append(f"Dòng {i}: a<b && c>d, <i>không phải thẻ</i> &amp; &lt;học&gt; tập")
    title = "Lịch <tuần> & hôm nay"
    reply = Reply("\n".join(lines)[:10_000 - len(title) - 2].rstrip(), title=title)
    assert len(reply.full_text()) > 9_990
    telegram.user_sends_text(1010, "/lich", deliver=False)  # the user wrote to the bot
    try:
        sent = await channel.send("1010", [reply])
    finally:
        await channel.application.shutdown()
        await app.close()
    calls = telegram.calls("sendMessage", chat_id=1010)
    assert sent.status == "sent" and len(calls) == sent.parts == 3
    assert all(c.ok for c in calls), telegram.describe_requests()
    shown = [m for m in telegram.chat_history(1010) if m["from"]["is_bot"]]
    assert all(len(m["text"]) <= 4096 for m in shown)
    # Cut at line ends: joined with the line breaks the cuts took, they are the reply.
    assert "\n".join(m["text"] for m in shown) == reply.full_text()
    bold = shown[0]["entities"][0]
    assert (bold["type"], bold["offset"], bold["length"]) == ("bold", 0, len(title))


async def test_a_long_broadcast_goes_out_as_one_first_screen(
    telegram: FakeTelegram, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 6,000-character announcement through the real outbox and channel (issue 16): one
    message, its first screen, with "Xem thêm" to the rest. (Before the screens, Telegram
    took its first part and answered the second with 429, and the row was `uncertain`: a
    broadcast is now never cut, and a reply cut so is test_a_reply_cut_by_a_long_429....)"""
    from datetime import UTC, datetime, timedelta

    from sqlalchemy import insert, select

    from bot.app import build_app, build_broadcaster
    from bot.channels.telegram import TelegramChannel
    from bot.db.broadcast import create_announcement
    from bot.db.models import OutboxRow, ScheduledItem, Subscription, User
    from tests.conftest import make_settings

    # PTB 22.8 warns while building a RetryAfter unless told to use timedelta; in-process
    # the warning would be an error (the bot's own processes only log it).
    monkeypatch.setenv("PTB_TIMEDELTA", "true")
    settings = make_settings(f"sqlite+aiosqlite:///{tmp_path / 'hoctap.sqlite3'}",
                             HOCTAP_TELEGRAM_TOKEN=TOKEN,
                             HOCTAP_TELEGRAM_BASE_URL=f"{telegram.url}/bot",
                             HOCTAP_BROADCAST_POLL_SECONDS="0.5")
    app = build_app(settings)
    await app.start()
    seen = datetime(2020, 9, 30, tzinfo=UTC)
    async with app.sessions() as s, s.begin():
        user_id = (await s.execute(insert(User).values(
            channel="telegram", external_id="1012", first_seen=seen, last_seen=seen,
            active=True).returning(User.id))).scalar_one()
        await s.execute(insert(Subscription).values(user_id=user_id, created_at=seen))
        text = "\n".join(f"Dòng {i}: học tập suốt đời <&> cho mọi người." for i in range(150))
        assert 4096 < len(text) < 8000
        item_id = await create_announcement(s, text, "all", app.clock() - timedelta(seconds=1),
                                            app.clock(), None)
    telegram.register_chats([1012])  # the subscriber started the bot before
    telegram.rate_limit(per_chat_per_second=1, global_per_second=None)
    channel = TelegramChannel(settings.telegram, app.dispatcher)
    await channel.application.initialize()
    broadcaster = build_broadcaster(app, [channel])
    await broadcaster.start()
    try:
        async def done() -> bool:
            async with app.sessions() as s:
                return await s.get(ScheduledItem, item_id) is not None and (
                    await s.get_one(ScheduledItem, item_id)).status == "done"

        for _ in range(300):
            if await done():
                break
            await asyncio.sleep(0.1)
        await asyncio.sleep(1.5)  # a second part would come now
        async with app.sessions() as s:
            [(status, reason)] = (await s.execute(
                select(OutboxRow.status, OutboxRow.reason).where(OutboxRow.item_id == item_id)
            )).all()
    finally:
        await broadcaster.stop()
        await channel.application.shutdown()
        await app.close()
    assert (status, reason) == ("sent", None)
    # (The week's reminders reached the subscriber too: only the announcement counts here.)
    [sent] = [c for c in telegram.calls("sendMessage", chat_id=1012)
              if "Dòng " in c.params["text"]]
    assert sent.status == 200
    [shown] = [m for m in telegram.chat_history(1012)
               if m["from"]["is_bot"] and "Dòng " in m["text"]]
    title, first = shown["text"].split("\n\n", 1)
    assert title.startswith("Thông báo của Ban tổ chức (1/")
    assert text.startswith(first) and len(shown["text"]) <= 1000
    [more] = keyboard_of(shown)
    assert more["callback_data"] == f"/xemthem tin {item_id} 2"


async def test_a_reply_cut_by_a_long_429_is_uncertain_and_not_resent(
    telegram: FakeTelegram, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A two-part reply whose second part meets a 429 longer than a person should wait: the
    reply is reported uncertain after one part, and neither part is sent again; a short 429
    is waited out and the reply completed."""
    from bot.app import build_app
    from bot.channels.telegram import TelegramChannel
    from handlers.channel import Retry
    from handlers.types import Reply
    from tests.conftest import make_settings

    monkeypatch.setenv("PTB_TIMEDELTA", "true")  # see the broadcast test above
    settings = make_settings(f"sqlite+aiosqlite:///{tmp_path / 'hoctap.sqlite3'}",
                             HOCTAP_TELEGRAM_TOKEN=TOKEN,
                             HOCTAP_TELEGRAM_BASE_URL=f"{telegram.url}/bot")
    app = build_app(settings)
    await app.start()
    channel = TelegramChannel(settings.telegram, app.dispatcher)
    await channel.application.initialize()
    reply = Reply("\n".join(f"Dòng {i}: <học> & <hành>." for i in range(250)))
    telegram.register_chats([1013, 1014])
    try:
        telegram.rate_limit(per_chat_per_second=1, global_per_second=None, retry_after=3)
        cut = await channel.send("1013", [reply], retry=Retry(longest=1.0))
        await asyncio.sleep(0.5)
        telegram.rate_limit(per_chat_per_second=1, global_per_second=None)
        waited = await channel.send("1014", [reply], retry=channel.retry)
    finally:
        await channel.application.shutdown()
        await app.close()
    assert (cut.status, cut.parts) == ("uncertain", 1)
    assert [c.status for c in telegram.calls("sendMessage", chat_id=1013)] == [200, 429]
    assert (waited.status, waited.parts) == ("sent", 2)
    assert [c.status for c in telegram.calls("sendMessage", chat_id=1014)] == [200, 429, 200]


@shared_polling_bot
async def test_stickers_and_edits_never_crash(polling: tuple[FakeTelegram, BotProcess]) -> None:
    telegram, _bot = polling
    telegram.user_sends_sticker(1004)
    [reply] = await wait_texts(telegram, 1004, 1)
    assert "Chatbot chỉ đọc được tin nhắn chữ" in reply
    update = telegram.user_sends_text(1004, "xin chào")
    await wait_texts(telegram, 1004, 2)
    # The user edits "xin chào" into a question: an edited_message update, which the bot
    # takes in and leaves unanswered (answering edits would repeat whole conversations).
    edit = telegram.user_edits_message(1004, update["message"]["message_id"], "lien he")
    assert edit["edited_message"]["edit_date"]
    telegram.user_sends_text(1004, "lich hom nay")
    got = await wait_texts(telegram, 1004, 3)
    assert "Hôm nay" in got[2]
    await asyncio.sleep(0.5)  # nothing more comes for the edit
    assert len(texts(telegram, 1004)) == 3
    assert not any("(02253)810486" in t for t in texts(telegram, 1004))
    # It was fetched and confirmed like any other update.
    await telegram.wait_for(lambda: not telegram.pending_updates)
    assert any(r.params.get("offset", 0) > edit["update_id"]
               for r in telegram.calls("getUpdates"))


@shared_polling_bot
async def test_words_under_a_photo_are_answered(polling: tuple[FakeTelegram, BotProcess]
                                                 ) -> None:
    """A citizen photographs a poster and asks under it: the question is answered (before:
    "the Chatbot reads only text messages", to a citizen who had typed one); a photo alone
    still gets the kind please-type answer."""
    telegram, _bot = polling
    telegram.user_sends_photo(1025, caption="lich hom nay")
    [today] = await wait_texts(telegram, 1025, 1)
    assert "Hôm nay" in today and "chỉ đọc được tin nhắn chữ" not in today
    telegram.user_sends_photo(1025)
    got = await wait_texts(telegram, 1025, 2)
    assert "Chatbot chỉ đọc được tin nhắn chữ" in got[1]


@shared_polling_bot
async def test_an_album_gets_one_answer(polling: tuple[FakeTelegram, BotProcess]) -> None:
    """Photos sent together (an album) come as one update each, sharing a media_group_id,
    the words typed under it on one of them: the citizen did one thing and gets one answer
    (before: the question's answer and a "please type" for every other photo, or ten
    "please type" for an album of ten)."""
    telegram, _bot = polling

    async def album(user_id: int, size: int, caption_at: int | None, group: str) -> None:
        for i in range(size):
            update = telegram.user_sends_photo(
                user_id, caption="lich hom nay" if i == caption_at else None, deliver=False)
            update["message"]["media_group_id"] = group
            await telegram.deliver(update)

    await album(1026, 4, None, "13579001")
    [reply] = await wait_texts(telegram, 1026, 1)
    assert "Chatbot chỉ đọc được tin nhắn chữ" in reply
    await album(1027, 3, 0, "13579002")  # the apps put the words on the first photo
    got = await wait_texts(telegram, 1027, 1)
    await album(1026, 2, None, "13579003")  # another album: answered again
    await wait_texts(telegram, 1026, 2)
    await asyncio.sleep(0.5)
    assert len(texts(telegram, 1026)) == 2
    got = texts(telegram, 1027)
    assert len(got) == 1 and "Hôm nay" in got[0], got


@shared_polling_bot
async def test_a_button_pressed_long_ago_still_gets_its_answer(
    polling: tuple[FakeTelegram, BotProcess], edition: Edition
) -> None:
    """The callback query is too old to answer (400): that is final, the command still runs."""
    telegram, _bot = polling
    telegram.user_sends_text(1009, "/start")
    await wait_texts(telegram, 1009, 1)
    menu = telegram.sent_messages(1009)[0]
    telegram.callback_query_timeout = 0.2
    press = telegram.user_presses_button(1009, menu["message_id"], "/homnay", deliver=False)
    await asyncio.sleep(0.3)  # e.g. the bot was busy or restarting
    await telegram.deliver(press)
    got = await wait_texts(telegram, 1009, 2)
    assert edition.events_on(edition.opening)[0].title.vi in got[1]
    [answer] = answers_to(telegram, press)
    assert answer.status == 400
    await asyncio.sleep(1.0)  # a retry of the 400 would come 0.5 s later
    assert len(answers_to(telegram, press)) == 1


@shared_polling_bot
async def test_blocked_user_marked_inactive(polling: tuple[FakeTelegram, BotProcess]) -> None:
    telegram, polling_bot = polling
    telegram.user_sends_text(1005, "/start")
    await wait_texts(telegram, 1005, 1)
    telegram.block(1005)
    telegram.user_sends_text(1005, "lich")
    await telegram.wait_for(lambda: polling_bot.query(
        "select active from users where external_id = '1005'") == [(0,)], timeout=15)


@shared_polling_bot
async def test_blocking_the_bot_deactivates_and_polling_redelivery_applies_once(
    polling: tuple[FakeTelegram, BotProcess]
) -> None:
    telegram, polling_bot = polling
    update = telegram.user_sends_text(1007, "/hoatdong", deliver=False)
    await telegram.deliver(update, redeliver=True)
    await wait_texts(telegram, 1007, 1)
    telegram.user_sends_text(1007, "/lienhe")
    await wait_texts(telegram, 1007, 2)
    assert polling_bot.query(
        "select count(*) from message_log m join users u on u.id = m.user_id "
        "where m.feature = 'activities' and u.external_id = '1007'") == [(1,)]
    telegram.user_blocks_bot(1007)
    await telegram.wait_for(lambda: polling_bot.query(
        "select active from users where external_id = '1007'") == [(0,)], timeout=15)


@shared_polling_bot
async def test_unblocking_the_bot_without_a_word_brings_the_broadcasts_back(
    polling: tuple[FakeTelegram, BotProcess]
) -> None:
    """Unblocked in the chat's settings, Telegram sends only my_chat_member (kicked ->
    member): the subscriber is in the broadcasts' audience again without typing anything."""
    telegram, polling_bot = polling
    telegram.user_sends_text(1021, "/dangky")
    await wait_texts(telegram, 1021, 1)
    active = "select u.active from users u join subscriptions s on s.user_id = u.id " \
             "where u.external_id = '1021'"
    telegram.user_blocks_bot(1021)
    await telegram.wait_for(lambda: polling_bot.query(active) == [(0,)], timeout=15)
    telegram.user_unblocks_bot(1021)
    await telegram.wait_for(lambda: polling_bot.query(active) == [(1,)], timeout=15)


@shared_polling_bot
async def test_a_question_asked_in_a_group_does_not_capture_the_private_chat(
    polling: tuple[FakeTelegram, BotProcess]
) -> None:
    """/guicauhoi in a group asks for the question there, where the bot reads commands only;
    the citizen's next private message is answered as itself, not sent to the organizers."""
    telegram, polling_bot = polling
    telegram.user_sends_text(1023, "/guicauhoi", chat_id=-100777)
    [asked] = await wait_texts(telegram, -100777, 1)
    assert "gõ câu hỏi" in asked
    telegram.user_sends_text(1023, "lich hom nay")
    [today] = await wait_texts(telegram, 1023, 1)
    assert "Hôm nay" in today and "Ban tổ chức" not in today
    assert polling_bot.query(
        "select count(*) from citizen_questions q join users u on u.id = q.user_id "
        "where u.external_id = '1023'") == [(0,)]


@shared_polling_bot
async def test_anonymous_admins_of_groups_are_not_one_shared_citizen(
    polling: tuple[FakeTelegram, BotProcess]
) -> None:
    """Anonymous administrators of every group write as one shared account: none of them is
    kept as a citizen (one conversation, language and answers for all), each is told why."""
    telegram, polling_bot = polling
    telegram.anonymous_admin_sends_text(-100881, "/ngonngu en")
    telegram.anonymous_admin_sends_text(-100882, "/guicauhoi Bãi gửi xe của nhóm ở đâu")
    for group in (-100881, -100882):
        [told] = await wait_texts(telegram, group, 1)
        assert "tư cách nhóm hoặc kênh" in told
    assert polling_bot.query("select count(*) from users where external_id = '1087968824'"
                             ) == [(0,)]
    assert polling_bot.query("select count(*) from citizen_questions "
                             "where text like '%gửi xe của nhóm%'") == [(0,)]


@shared_polling_bot
async def test_in_a_group_another_bots_commands_are_left_to_it(
    polling: tuple[FakeTelegram, BotProcess]
) -> None:
    """A bot that reads everything in a group (an admin there) gets the commands addressed to
    the other bots too: those are not for it; its own and unaddressed ones are."""
    telegram, _bot = polling
    for typed in ("/start@other_quiz_bot", "/lich@Other_Bot hôm nay", "/help@x"):
        telegram.user_sends_text(1024, typed, chat_id=-100883)
    telegram.user_sends_text(1024, "/lienhe@HOCTAP_test_bot", chat_id=-100883)
    [answer] = await wait_texts(telegram, -100883, 1)
    assert "Liên hệ" in answer or "(02253)810486" in answer, answer
    await asyncio.sleep(0.5)
    assert len(texts(telegram, -100883)) == 1


@shared_polling_bot
async def test_in_a_forum_topic_the_answer_stays_in_the_topic(
    polling: tuple[FakeTelegram, BotProcess]
) -> None:
    """A group with topics (a forum): a command typed in a topic, and a button pressed under
    the answer there, are answered in that topic (before: in the group's General topic, where
    the member who asked does not look)."""
    telegram, _bot = polling

    def in_topic(update: dict[str, Any]) -> dict[str, Any]:
        message = update["message"]
        message["chat"].update(type="supergroup", is_forum=True)
        message.update(message_thread_id=77, is_topic_message=True)
        return update

    await telegram.deliver(in_topic(telegram.user_sends_text(
        1028, "/lienhe@HOCTAP_test_bot", chat_id=-100884, deliver=False)))
    await telegram.deliver(in_topic(telegram.user_sends_text(
        1028, "/start@HOCTAP_test_bot", chat_id=-100884, deliver=False)))
    await wait_texts(telegram, -100884, 2)
    menu = telegram.sent_messages(-100884)[1]
    press = telegram.user_presses_button(1028, menu["message_id"], "/lienhe", chat_id=-100884,
                                         deliver=False)
    press["callback_query"]["message"].update(message_thread_id=77, is_topic_message=True)
    await telegram.deliver(press)
    await wait_texts(telegram, -100884, 3)
    assert [m.get("message_thread_id") for m in telegram.sent_messages(-100884)] == [77] * 3


async def test_httpx_fallback(telegram: FakeTelegram, tmp_path: Path) -> None:
    bot = BotProcess(tmp_path, bot_env(telegram, HOCTAP_TELEGRAM_HTTP="httpx"))
    await bot.start()
    try:
        telegram.user_sends_text(1008, "lich hom nay")
        [reply] = await wait_texts(telegram, 1008, 1)
        assert "Hôm nay" in reply
    finally:
        assert await bot.stop() == 0, bot.stderr.decode()
    assert TOKEN not in bot.stderr.decode()


@shared_polling_bot
async def test_rate_limit_is_honoured(polling: tuple[FakeTelegram, BotProcess]) -> None:
    telegram, _bot = polling
    # The 429 opens a 1 s window in which Telegram answers 429 again: the bot must wait it out.
    telegram.fail_next("sendMessage", 429, "Too Many Requests: retry after 1", retry_after=1)
    telegram.user_sends_text(1006, "lien he")
    [reply] = await wait_texts(telegram, 1006, 1)
    assert "(02253)810486" in reply
    refused, accepted = telegram.calls("sendMessage", chat_id=1006)
    assert (refused.status, accepted.status) == (429, 200)
    assert accepted.time - refused.time >= 1.0


@pytest.fixture
async def webhook_bot(telegram: FakeTelegram, tmp_path: Path) -> AsyncIterator[
        tuple[BotProcess, str]]:
    port = free_port()
    url = f"http://127.0.0.1:{port}/telegram/9f2c4e1a7b"
    bot = BotProcess(tmp_path, bot_env(
        telegram, HOCTAP_TELEGRAM_MODE="webhook", HOCTAP_TELEGRAM_WEBHOOK_URL=url,
        HOCTAP_TELEGRAM_SECRET_TOKEN=SECRET, HOCTAP_WEB_PORT=str(port)))
    await bot.start()
    await telegram.wait_for("setWebhook", count=1, timeout=30)
    await telegram.wait_for("setMyCommands", count=2, timeout=30)
    yield bot, url
    assert await bot.stop() == 0, bot.stderr.decode()
    assert b"Traceback" not in bot.stderr, bot.stderr.decode()


async def test_webhook_mode(telegram: FakeTelegram, webhook_bot: tuple[BotProcess, str]) -> None:
    bot, url = webhook_bot
    hook = next(r for r in telegram.requests if r.method == "setWebhook")
    assert hook.params["url"] == url
    assert hook.params["secret_token"] == SECRET

    telegram.user_sends_text(2001, "lich hom nay")
    [today] = await wait_texts(telegram, 2001, 1)
    assert "Hôm nay" in today

    # A redelivered update is applied once.
    update = telegram.user_sends_text(2001, "/lienhe", deliver=False)
    await telegram.deliver(update, redeliver=True)
    await wait_texts(telegram, 2001, 2)
    await asyncio.sleep(1.0)
    assert len(texts(telegram, 2001)) == 2
    assert bot.query("select count(*) from message_log where feature = 'contacts'") == [(1,)]

    async with aiohttp.ClientSession() as http:
        body = json.dumps({"update_id": 999999, "message": {}}).encode()
        for headers in ({}, {"X-Telegram-Bot-Api-Secret-Token": "wrong"}):
            async with http.post(url, data=body, headers=headers) as resp:
                assert resp.status == 403
        secret = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
        async with http.post(url, data=b"{not json", headers=secret) as resp:
            assert resp.status == 400
        async with http.post(url, data=b"[1, 2]", headers=secret) as resp:
            assert resp.status == 400
    assert bot.query("select count(*) from processed_updates where update_key = '999999'") \
        == [(0,)]


async def test_run_without_channel_exits_2(tmp_path: Path) -> None:
    bot = BotProcess(tmp_path, {"HOCTAP_WEB_PORT": str(free_port())})
    await bot.start()
    assert bot.proc is not None
    _, err = await asyncio.wait_for(bot.proc.communicate(), timeout=60)
    assert bot.proc.returncode == 2
    assert "HOCTAP_TELEGRAM_TOKEN" in err.decode()



async def test_a_restarted_bot_answers_with_the_examples_model_at_once(
        telegram: FakeTelegram, tmp_path: Path) -> None:
    # A first run builds the understanding and trains its examples' model in a worker thread
    # (5 s of CPU on a slow machine), then keeps both in the content cache. A restart reads
    # them there: its very first message that only the model answers (the phrases say "no
    # information" of it) gets the model's answer, not the phrases' while it trains again.
    cache = tmp_path / "cache"
    first = BotProcess(tmp_path / "first", bot_env(telegram, XDG_CACHE_HOME=str(cache)))
    first.workdir.mkdir()
    await first.start()
    first.follow_log()
    kept: list[Path] = []
    async with asyncio.timeout(120):
        while not (kept := list((cache / "hoctap-bot").glob("*.understood.pickle"))):
            assert first.proc is not None and first.proc.returncode is None, first.stderr
            await asyncio.sleep(0.2)
    assert await first.stop() == 0, first.stderr.decode()
    [entry] = kept
    written = entry.stat().st_mtime_ns

    second = BotProcess(tmp_path / "second", bot_env(telegram, XDG_CACHE_HOME=str(cache)))
    second.workdir.mkdir()
    await second.start()
    second.follow_log()
    await telegram.wait_for("setMyCommands", count=4, timeout=30)
    telegram.user_sends_text(3101, "facebook của con tôi bị người lạ chiếm mất, giờ phải làm gì")
    [answer] = await wait_texts(telegram, 3101, 1)
    assert "Internet an toàn" in answer, answer
    assert await second.stop() == 0, second.stderr.decode()
    assert b"Traceback" not in first.stderr + second.stderr
    assert entry.stat().st_mtime_ns == written  # read, not built and kept again
