"""What a citizen meets when the contest or the week is over: an attempt cut by the closing time
ends with its result (not only "bài làm không còn được ghi nhận"), and the bot no longer promises
a morning schedule or reminders that will never come.

Through the dispatcher on a real SQLite file, with the clock moved as test_contest does.
"""

from __future__ import annotations

import asyncio
from datetime import timedelta

from sqlalchemy import func, select

from bot.app import App
from bot.db.models import ContestAnswer, ContestAttempt, ContestParticipant, User
from bot.runner import housekeeping
from content import Edition
from handlers.types import Reply
from tests.conftest import Chat, local

CUT = "Cuộc thi đã kết thúc lúc 21:00 ngày 07/10/2020, khi lượt thi của Quý vị còn dở"


def _move_to(app: App, when: str) -> None:
    app.clock.offset += local(when) - app.clock()


async def _started(app: App, user_id: str) -> Chat:
    chat = Chat(app, user_id)
    await chat.text("/thi")
    for typed in ("Nguyễn Thị Hoa", "Lê Chân", "Bỏ qua"):
        await chat.text(typed)
    assert "Câu 1/10" in await chat.text("Đồng ý")
    return chat


def _result(replies: list[Reply]) -> Reply:
    return next(r for r in replies if (r.title or "").startswith("Hoàn thành bài thi"))


async def test_an_answer_after_the_closing_time_shows_the_result(app: App) -> None:
    _move_to(app, "2020-10-07T20:58")
    chat = await _started(app, "closing")
    assert "Câu 2/10" in await chat.text("A")
    app.clock.offset += timedelta(minutes=2, seconds=30)  # 21:00:30, the question still shown
    replies = await chat.send("B")
    assert replies[0].text.startswith(CUT)
    assert "Kết quả: đúng" in _result(replies).text and "/10 câu" in _result(replies).text
    assert "Nguyễn T. Hoa (Lê Chân)" in await chat.text("/xephang")  # ranked, not lost


async def test_an_attempt_left_before_the_closing_ends_when_the_citizen_comes_back(
        app: App) -> None:
    _move_to(app, "2020-10-07T20:00")
    chat = await _started(app, "walked-away")
    await chat.text("/menu")
    _move_to(app, "2020-10-08T09:00")
    replies = await chat.send("/thi")
    assert replies[0].text.startswith(CUT)
    assert "Kết quả: đúng" in _result(replies).text
    assert "Hạng của Quý vị: 1/1." in await chat.text("/xephang")
    # Once ended, the closing message is the usual one; the result stays in /xemlai.
    again = await chat.text("/thi")
    assert CUT not in again and "Cuộc thi đã kết thúc" in again
    assert "Hoàn thành bài thi" in await chat.text("/xemlai")


async def test_no_attempt_no_result_after_the_closing(app: App) -> None:
    _move_to(app, "2020-10-08T09:00")
    replies = await Chat(app, "late").send("/thi")
    assert len(replies) == 1 and replies[0].text.startswith("Cuộc thi đã kết thúc lúc 21:00")


async def test_after_the_week_nothing_promises_a_morning_schedule(app: App,
                                                                   edition: Edition) -> None:
    _move_to(app, "2020-10-09T08:00")
    chat = Chat(app, "after")
    welcome = await chat.send("/start")
    assert "đã diễn ra" in welcome[0].text
    assert "mỗi sáng" not in welcome[0].text
    assert "/dangky" not in [b.command for b in welcome[0].buttons]
    subscribed = await chat.text("/dangky")
    assert subscribed.startswith("Đã đăng ký nhận thông báo của Ban tổ chức.")
    assert "mỗi sáng" not in subscribed and "lịch mẫu" not in subscribed
    assert "đã diễn ra" in subscribed and "/huydangky" in subscribed


async def test_during_the_week_the_offer_stands(app: App) -> None:
    chat = Chat(app, "during")
    welcome = await chat.send("/start")
    assert "/dangky" in [b.command for b in welcome[0].buttons]
    assert "mỗi sáng" in await chat.text("/dangky")


async def test_attempts_left_open_are_ranked_when_the_contest_closes(app: App) -> None:
    """Citizens who walked away mid-attempt and never wrote again: `run`'s housekeeping ends
    their attempts at the closing time (questions not answered counted wrong) so the
    leaderboard and the organizers' figures hold them; before the close it changes nothing."""
    _move_to(app, "2020-10-07T20:00")
    walked = await _started(app, "never-back")
    for letter in "AB":
        await walked.text(letter)
    await walked.text("/menu")
    _move_to(app, "2020-10-07T20:10")
    other = await _started(app, "finished")
    for _ in range(10):
        await other.text("C")

    async def left_open() -> int:
        async with app.sessions() as s:
            return await s.scalar(select(func.count()).select_from(ContestAttempt).where(
                ContestAttempt.finished_at.is_(None))) or 0

    async def housekeep_once(closed: bool) -> None:
        jobs = housekeeping(app)  # each job runs once at once, then sleeps
        try:
            if closed:
                # Until the job has ended the open attempt, however long a loaded machine
                # makes it take (a hundred polls, about 2 s, was a timing; the limit only
                # ends a hang).
                async with asyncio.timeout(60):
                    while await left_open():  # noqa: ASYNC110 (a query, no event)
                        await asyncio.sleep(0.02)
            else:
                # Before the close the job returns at its first step, before any await: these
                # polls come after it, and it must have changed nothing.
                for _ in range(10):
                    await asyncio.sleep(0.02)
                    assert await left_open() == 1
        finally:
            for job in jobs:
                job.cancel()
            await asyncio.gather(*jobs, return_exceptions=True)

    _move_to(app, "2020-10-07T20:59")
    await housekeep_once(closed=False)
    board = await Chat(app, "reader").text("/xephang")
    assert board.count("câu đúng") == 1, board
    _move_to(app, "2020-10-07T21:01")
    await housekeep_once(closed=True)
    board = await Chat(app, "reader").text("/xephang")
    assert board.count("câu đúng") == 2, board
    async with app.sessions() as s:
        open_ = (await s.execute(select(ContestAttempt).join(ContestParticipant).join(User)
                                 .where(User.external_id == "never-back"))).scalar_one()
        answers = (await s.execute(select(ContestAnswer).where(
            ContestAnswer.attempt_id == open_.id).order_by(ContestAnswer.position))).scalars()
        rows = [(a.position, a.chosen) for a in answers]
    assert open_.finished_at is not None and open_.finished_at == local("2020-10-07T21:00")
    assert rows[:2] == [(0, 0), (1, 1)] and [c for _, c in rows[2:]] == [None] * 8
    assert open_.total_ms >= 8 * 60_000
    # The citizen who comes back sees the result it counts for, as before.
    assert "Hoàn thành bài thi" in await walked.text("/xemlai")
