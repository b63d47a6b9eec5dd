"""/xoadulieu: explain, confirm, delete; the statistics stay, anonymised; a new user after."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from bot.app import App, build_app
from bot.db.contest import identity_hash
from bot.db.engine import create_engine, upgrade
from bot.db.models import (
    AppSecret,
    ContestAttempt,
    ContestParticipant,
    ConversationState,
    MessageLog,
    Subscription,
    User,
)
from bot.settings import SettingsError
from content import Edition, default_edition_path
from handlers.types import Reply
from tests.conftest import Chat, make_settings, new_sqlite_schema


async def _register(chat: Chat) -> None:
    assert "Bước 1/4" in await chat.text("/thi")
    await chat.text("nguyễn văn an")
    await chat.text("quận lê chân")
    await chat.text("0912 345 678")
    assert "Câu 1/10" in await chat.text("Đồng ý")


async def _count(app: App, model: type, *where: object) -> int:
    async with app.sessions() as s:
        return int(await s.scalar(select(func.count()).select_from(model).where(*where)) or 0)


async def test_cancel_then_erase(app: App, edition: Edition) -> None:
    chat = Chat(app, "citizen-42", channel="telegram")
    await _register(chat)
    # During a question other commands show it again; /menu leaves it.
    assert "Câu 1/10" in await chat.text("/dangky")
    assert "tạm rời bài thi" in await chat.text("/menu")
    assert "Đã đăng ký" in await chat.text("/dangky")
    async with app.sessions() as s:
        user_id, district = (await s.execute(
            select(User.id, User.district).where(User.external_id == "citizen-42"))).one()
    assert district == "Lê Chân"  # where they live, from their registration

    ask = (await chat.send("/xoadulieu"))[0]
    assert ask.title == "Xóa dữ liệu cá nhân"
    # The law in force, from content (it cited Decree 13/2023/NĐ-CP, from the code).
    assert edition.privacy_law is not None and edition.privacy_law.vi in ask.text
    assert "91/2025/QH15" in ask.text
    assert "Họ tên, số điện thoại và đơn vị đăng ký Cuộc thi" in ask.text
    # Decree 13: the user is told what stays, and why.
    assert "mã ẩn danh của tài khoản" in ask.text
    assert "không được thi quá số lượt thể lệ cho phép" in ask.text
    assert "Đăng ký nhận tin nhắc" in ask.text
    assert [b.label for b in ask.buttons] == ["Xóa dữ liệu của tôi", "Không xóa"]
    assert "không bị xóa" in await chat.text("Không xóa")
    assert await _count(app, Subscription) == 1
    # A command in the middle of the confirmation leaves it: nothing is deleted either.
    await chat.send("/xoadulieu")
    await chat.send("/menu")
    assert await _count(app, Subscription) == 1

    await chat.send("/xoadulieu")
    done = await chat.text("Xóa dữ liệu của tôi")
    assert "Đã xóa dữ liệu cá nhân của Quý vị" in done and "Đăng ký nhận tin nhắc." in done

    async with app.sessions() as s:
        p = (await s.execute(select(ContestParticipant))).scalar_one()
        # The contest result stays, anonymised: district and score, no one behind them.
        assert (p.full_name, p.phone, p.unit, p.user_id, p.district) == (
            None, None, None, None, "Lê Chân")
        assert (await s.execute(select(ContestAttempt))).scalar_one().participant_id == p.id
        old = await s.get(User, user_id)
        assert old is not None
        assert (old.external_id, old.display_name, old.active, old.district) == (
            f"erased:{user_id}", None, False, None)
    assert await _count(app, Subscription) == 0
    assert await _count(app, ConversationState) == 0
    # Only the confirmation itself was logged after the deletion, and it names no account.
    assert await _count(app, MessageLog, MessageLog.user_id == user_id) == 1
    assert await _count(app, User, User.external_id == "citizen-42") == 0

    # Writing again: a new user, greeted as one, not subscribed; the contest's one attempt is
    # still used (see test_erase_then_the_contest_again).
    assert "Kính chào Quý vị" in await chat.text("/start")
    assert await _count(app, User, User.external_id == "citizen-42") == 1
    assert "Quý vị chưa đăng ký nhận tin nhắc" in await chat.text("/huydangky")
    assert "Tài khoản này đã dự thi" in await chat.text("/thi")


async def test_erase_without_contest_or_subscription(app: App) -> None:
    chat = Chat(app, "citizen-43")
    await chat.send("lich hom nay")
    ask = (await chat.send("/xoadulieu"))[0]
    assert "Cuộc thi" not in ask.text and "nhận tin nhắc" not in ask.text
    assert "Nhật ký 1 tin nhắn" in ask.text
    done = await chat.text("xoa")
    assert "Nhật ký 2 tin nhắn." in done
    assert await _count(app, MessageLog, MessageLog.feature == "today") == 0


# ---- issue 13: the contest's one-attempt rule outlives an erasure -----------------------------


@asynccontextmanager
async def running(url: str, **env: str) -> AsyncIterator[App]:
    await new_sqlite_schema(url)
    application = build_app(make_settings(url, HOCTAP_FLOOD_MAX_MESSAGES="0", **env))
    try:
        await application.start()
        yield application
    finally:
        await application.close()


async def _answer_all(chat: Chat, edition: Edition, replies: list[Reply], right: int) -> str:
    """Answer the ten questions, `right` of them correctly; the result's text."""
    for k in range(10):
        q = next(r for r in reversed(replies) if r.buttons
                 and r.buttons[0].command.startswith("/traloi "))
        lines = set(q.text.splitlines())
        correct = next(x for x in edition.questions if x.text in lines).answer
        pick = correct if k < right else (correct + 1) % 4
        replies = await chat.send(q.buttons[pick].command, is_button=True)
    return replies[-1].text


async def _erase(chat: Chat) -> None:
    await chat.send("/xoadulieu")
    assert "Đã xóa dữ liệu cá nhân" in await chat.text("Xóa dữ liệu của tôi")


async def test_erase_then_the_contest_again(any_url: str, edition: Edition) -> None:
    async with running(any_url) as app:
        chat = Chat(app, "citizen-77", channel="telegram")
        await chat.text("/thi")
        await chat.text("nguyễn văn an")
        await chat.text("quận lê chân")
        await chat.text("Bỏ qua")
        assert "Kết quả: đúng 8/10" in await _answer_all(chat, edition,
                                                        await chat.send("Đồng ý"), 8)
        await _erase(chat)
        refused = await chat.text("/thi")
        assert "Tài khoản này đã dự thi: mỗi người chỉ được thi 1 lượt" in refused
        assert "kể cả khi đã xóa dữ liệu cá nhân" in refused
        # No registration was started: a name now is just text.
        assert "Bước 2/4" not in await chat.text("nguyễn văn an")
        board = await chat.text("/xephang")
        assert board.count("câu đúng") == 1 and "1. Ẩn danh (Lê Chân): 8 câu đúng" in board
        assert await _count(app, ContestParticipant) == 1


async def test_a_voided_participant_cannot_register_again(any_url: str,
                                                          edition: Edition) -> None:
    async with running(any_url) as app:
        chat = Chat(app, "citizen-78", channel="zalo")
        for step in ("/thi", "nguyễn văn an", "quận lê chân", "Bỏ qua"):
            await chat.send(step)
        await _answer_all(chat, edition, await chat.send("Đồng ý"), 10)
        async with app.sessions() as s:
            pid = (await s.execute(select(ContestParticipant.id))).scalar_one()
        assert "Đã hủy kết quả" in await Chat(app, "console").text(f"/loaithi {pid} gian lận")
        await _erase(chat)
        refused = await chat.text("/thi")
        assert "kết quả đã bị Ban tổ chức hủy, nên không thể đăng ký lại" in refused
        assert await _count(app, ContestParticipant) == 1


def _edition_with_two_attempts(tmp_path: Path) -> Path:
    editions = tmp_path / "editions"
    shutil.copytree(default_edition_path("2020"), editions / "2020")
    contest = editions / "2020" / "contest.toml"
    contest.write_text(contest.read_text(encoding="utf-8").replace(
        "attempts = 1\n", "attempts = 2\n"), encoding="utf-8")
    return editions


async def test_one_person_is_ranked_once_across_registrations(
        any_url: str, tmp_path: Path, edition: Edition) -> None:
    """With attempts left after an erasure, the person registers again: the attempts count
    together, and the leaderboard, the export and the figures show the person once."""
    async with running(any_url, HOCTAP_BOT_CONTENT_DIR=str(_edition_with_two_attempts(
            tmp_path))) as app:
        chat = Chat(app, "citizen-79", channel="telegram")
        for step in ("/thi", "nguyễn văn an", "quận lê chân", "Bỏ qua"):
            await chat.send(step)
        await _answer_all(chat, edition, await chat.send("Đồng ý"), 9)
        await _erase(chat)
        for step in ("/thi", "trần văn an", "ngô quyền", "Bỏ qua"):
            await chat.send(step)
        first = await chat.send("Đồng ý")
        assert "Bắt đầu lượt thi 2" in first[1].text
        result = await _answer_all(chat, edition, first, 4)
        assert "Xếp hạng hiện tại: 1/1." in result
        board = await chat.text("/xephang")
        # The best attempt is the one made before the erasure: it stays anonymous.
        assert board.count("câu đúng") == 1 and "1. Ẩn danh (Lê Chân): 9 câu đúng" in board
        assert "Hạng của Quý vị: 1/1." in board
        assert "Quý vị đã dùng hết 2 lượt thi." in await chat.text("/thi")
        export = (await Chat(app, "console").send("/ketquathi"))[0]
        assert export.text.startswith("1 người đăng ký, 1 người đã hoàn thành bài thi.")
        csv_text = export.files[0].data.decode("utf-8-sig")
        assert "Cùng người dự thi với mã 1: chỉ tính một lần" in csv_text
        assert "Người đăng ký dự thi: 1" in await Chat(app, "console").text("/thongke")


async def test_registrations_from_before_keep_their_identity(sqlite_url: str) -> None:
    """Existing data: a registration made before the hash existed gets it at start-up."""
    engine = create_engine(sqlite_url)
    try:
        await upgrade(engine, "0005")
        async with engine.begin() as conn:
            await conn.execute(text(
                "INSERT INTO users (id, channel, external_id, first_seen, last_seen, active) "
                "VALUES (1, 'telegram', '5550001', '2020-10-01 00:00:00', "
                "'2020-10-01 00:00:00', 1)"))
            await conn.execute(text(
                "INSERT INTO contest_participants (id, user_id, full_name, district, "
                "consented_at, registered_at, voided) VALUES (1, 1, 'Lê Văn Cũ', 'Lê Chân', "
                "'2020-10-01 00:05:00', '2020-10-01 00:05:00', 0)"))
            await conn.execute(text(
                "INSERT INTO contest_attempts (participant_id, number, question_ids, current, "
                "question_started_at, started_at, finished_at, score, total_ms) VALUES "
                "(1, 1, '[]', 10, '2020-10-01 00:06:00', '2020-10-01 00:06:00', "
                "'2020-10-01 00:10:00', 6, 90000)"))
    finally:
        await engine.dispose()
    async with running(sqlite_url) as app:
        async with app.sessions() as s:
            stored = (await s.execute(select(ContestParticipant.identity_hash))).scalar_one()
        assert app.dispatcher.identity_key is not None
        assert stored == identity_hash(app.dispatcher.identity_key, "telegram", "5550001")
        chat = Chat(app, "5550001", channel="telegram")
        await _erase(chat)
        assert "Tài khoản này đã dự thi" in await chat.text("/thi")


async def test_identity_key_generated_once_or_configured(sqlite_url: str,
                                                         tmp_path: Path) -> None:
    async with running(sqlite_url) as app:
        async with app.sessions() as s:
            generated = (await s.execute(select(AppSecret.value).where(
                AppSecret.name == "contest.identity_key"))).scalar_one()
        assert len(generated) >= 40 and app.dispatcher.identity_key == generated.encode()
        await _register(Chat(app, "citizen-80"))
    async with running(sqlite_url) as again:  # the same key on every start
        assert again.dispatcher.identity_key == generated.encode()
    # A key other than the one the registrations were hashed with stops the start.
    with pytest.raises(SettingsError, match=r"contest\.identity_key"):
        async with running(sqlite_url, HOCTAP_CONTEST_IDENTITY_KEY="x" * 40):
            pass
    # A configured key on a new database is used as is; none is generated.
    other = f"sqlite+aiosqlite:///{tmp_path / 'other.sqlite3'}"
    async with running(other, HOCTAP_CONTEST_IDENTITY_KEY="k" * 40) as app:
        await _register(Chat(app, "citizen-81"))
        async with app.sessions() as s:
            stored = (await s.execute(select(ContestParticipant.identity_hash))).scalar_one()
            names = (await s.execute(select(AppSecret.name))).scalars().all()
        assert stored == identity_hash(b"k" * 40, "console", "citizen-81")
        assert names == ["contest.identity_key.check"]
    with pytest.raises(SettingsError, match=r"^contest\.identity_key: phải có ít nhất 32 ký tự, "
                                           "nhưng đang có 5 ký tự"):
        make_settings(other, HOCTAP_CONTEST_IDENTITY_KEY="short")
