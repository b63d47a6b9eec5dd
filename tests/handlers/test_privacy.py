"""/xoadulieu: explain, confirm, delete; the statistics stay, anonymised; a new user after."""

from __future__ import annotations

from sqlalchemy import func, select

from bot.app import App
from bot.db.models import (
    ContestAttempt,
    ContestParticipant,
    ConversationState,
    MessageLog,
    Subscription,
    User,
)
from tests.conftest import Chat


async def _register(chat: Chat) -> None:
    assert "Bước 1/4" in await chat.text("/thi")
    await chat.text("nguyễn văn an")
    await chat.text("quận lê chân")
    await chat.text("0912 345 678")
    assert "Câu 1/10" in await chat.text("Đồng ý")


async def _count(app: App, model: type, *where: object) -> int:
    async with app.sessions() as s:
        return int(await s.scalar(select(func.count()).select_from(model).where(*where)) or 0)


async def test_cancel_then_erase(app: App) -> None:
    chat = Chat(app, "citizen-42", channel="telegram")
    await _register(chat)
    # During a question other commands show it again; /menu leaves it.
    assert "Câu 1/10" in await chat.text("/dangky")
    assert "tạm rời bài thi" in await chat.text("/menu")
    assert "Đã đăng ký" in await chat.text("/dangky")
    async with app.sessions() as s:
        user_id = (await s.execute(select(User.id).where(User.external_id == "citizen-42"))
                   ).scalar_one()

    ask = (await chat.send("/xoadulieu"))[0]
    assert ask.title == "Xóa dữ liệu cá nhân"
    assert "Nghị định 13/2023/NĐ-CP" in ask.text
    assert "Họ tên, số điện thoại và đơn vị đăng ký Cuộc thi" in ask.text
    # Decree 13: the user is told what stays, and why.
    assert "mã ẩn danh của tài khoản" in ask.text and "không thi lại được" in ask.text
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
    assert "Đã xóa dữ liệu cá nhân của bạn" in done and "Đăng ký nhận tin nhắc." in done

    async with app.sessions() as s:
        p = (await s.execute(select(ContestParticipant))).scalar_one()
        # The contest result stays, anonymised: district and score, no one behind them.
        assert (p.full_name, p.phone, p.unit, p.user_id, p.district) == (
            None, None, None, None, "Lê Chân")
        assert (await s.execute(select(ContestAttempt))).scalar_one().participant_id == p.id
        old = await s.get(User, user_id)
        assert old is not None
        assert (old.external_id, old.display_name, old.active) == (
            f"erased:{user_id}", None, False)
    assert await _count(app, Subscription) == 0
    assert await _count(app, ConversationState) == 0
    # Only the confirmation itself was logged after the deletion, and it names no account.
    assert await _count(app, MessageLog, MessageLog.user_id == user_id) == 1
    assert await _count(app, User, User.external_id == "citizen-42") == 0

    # Writing again: a new user, greeted as one, not subscribed; the contest's one attempt is
    # still used (see test_erase_then_the_contest_again).
    assert "Xin chào" in await chat.text("/start")
    assert await _count(app, User, User.external_id == "citizen-42") == 1
    assert "Bạn chưa đăng ký nhận tin nhắc" in await chat.text("/huydangky")
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
