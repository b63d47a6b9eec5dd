"""The Công dân học tập contest through the dispatcher: registration, timing, fairness, ranking."""

from __future__ import annotations

import asyncio
import random
import re
from collections import Counter
from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.app import App, build_app
from bot.db.contest import SqlContestStore
from bot.db.models import ContestAnswer, ContestAttempt, ContestParticipant
from content import Edition
from handlers.features.contest import draw_questions, mask_name, valid_name, valid_phone
from handlers.types import Reply
from tests.conftest import Chat, make_settings

ANSWER = re.compile(r"^/traloi (\d+) (\d+) ([ABCD])$")


def test_draw_is_balanced_over_topics(edition: Edition) -> None:
    ids = draw_questions(edition.questions, 10, random.Random(7))
    assert len(set(ids)) == 10
    topics = Counter(next(q.topic for q in edition.questions if q.id == i) for i in ids)
    assert len(topics) == 5 and set(topics.values()) == {2}


@pytest.mark.parametrize(("text", "name"), [
    ("nguyễn văn an", "Nguyễn Văn An"), ("  Trần   Thị  Bình ", "Trần Thị Bình"),
    ("An", None), ("Nguyễn Văn 3", None), ("'; DROP TABLE x", None), ("😀 😀", None),
])
def test_names(text: str, name: str | None) -> None:
    assert valid_name(text) == name


@pytest.mark.parametrize(("text", "phone"), [
    ("0912 345 678", "0912345678"), ("+84 912.345.678", "0912345678"),
    ("84987654321", "0987654321"),
    ("02253810486", "02253810486"), ("0112345678", None), ("12345", None), ("091234567", None),
])
def test_phones(text: str, phone: str | None) -> None:
    assert valid_phone(text) == phone


def test_mask_name() -> None:
    assert mask_name("Nguyễn Văn An") == "Nguyễn V. An"
    assert mask_name("Lê Bình") == "Lê Bình"


def question_of(edition: Edition, reply: Reply) -> tuple[int, int, int]:
    """(attempt id, position, correct index) of the question in `reply`."""
    attempt, position, _ = ANSWER.match(reply.buttons[0].command).groups()  # type: ignore[union-attr]
    lines = set(reply.text.splitlines())
    q = next(q for q in edition.questions if q.text in lines)
    return int(attempt), int(position), q.answer


def last_question(replies: list[Reply]) -> Reply:
    return next(r for r in reversed(replies) if r.buttons and ANSWER.match(r.buttons[0].command))


async def register(chat: Chat, name: str = "nguyễn văn an", district: str = "quận lê chân",
                   phone: str = "0912 345 678") -> list[Reply]:
    assert "Bước 1/4" in (await chat.text("/thi"))
    assert "Bước 2/4" in (await chat.text(name))
    assert "Bước 3/4" in (await chat.text(district))
    assert "Đồng ý" in (await chat.text(phone))
    return await chat.send("Đồng ý")


async def test_full_attempt_rank_and_one_attempt_only(app: App, edition: Edition) -> None:
    chat = Chat(app, "contestant-1")
    replies = await register(chat)
    assert "Đăng ký thành công" in replies[0].text
    q = last_question(replies)
    assert q.title == "Câu 1/10"
    assert "Thời gian còn lại: 30 giây." in q.text
    # The correct option never reaches the client: buttons carry only the letter.
    assert [b.label for b in q.buttons] == ["A", "B", "C", "D"]
    for k in range(10):
        attempt, position, correct = question_of(edition, q)
        assert position == k + 1
        replies = await chat.send(f"/traloi {attempt} {position} {'ABCD'[correct]}", True)
        if k < 9:
            q = last_question(replies)
    result = replies[-1]
    assert result.title == "Hoàn thành bài thi"
    assert "Kết quả: đúng 10/10 câu" in result.text
    assert "Xếp hạng hiện tại: 1/1." in result.text
    assert result.text.count("✓") == 10  # explanations revealed at the end
    board = await chat.text("/xephang")
    assert "1. Nguyễn V. An (Lê Chân): 10 câu đúng" in board
    assert "Hạng của bạn: 1/1." in board
    assert "Bạn đã dùng hết 1 lượt thi." in await chat.text("/thi")
    async with app.sessions() as s:
        p = (await s.execute(select(ContestParticipant))).scalar_one()
        assert (p.full_name, p.district, p.phone) == ("Nguyễn Văn An", "Lê Chân", "0912345678")


async def test_invalid_registration_answers_repeat_the_question(app: App) -> None:
    chat = Chat(app, "contestant-2")
    await chat.text("/thi")
    assert "Họ tên chưa hợp lệ" in await chat.text("A")
    assert "Bước 2/4" in await chat.text("Trần Thị Bình")
    assert "Mình chưa nhận ra quận, huyện" in await chat.text("Hà Nội")
    assert "Bạn gõ tên đơn vị" in await chat.text("Khác")
    assert "Bước 3/4" in await chat.text("Trường THPT Trần Phú")
    assert "Số điện thoại chưa hợp lệ" in await chat.text("12345")
    assert "không cung cấp" in await chat.text("Bỏ qua")
    assert "không lưu thông tin nào" in await chat.text("Không đồng ý")
    async with app.sessions() as s:
        assert (await s.execute(select(ContestParticipant))).first() is None
    # A command leaves the flow: nothing half-registered stays behind.
    await chat.text("/thi")
    assert "Xin chào" in await chat.text("/start")
    assert "Bước 1/4" in await chat.text("/thi")


async def test_timeout_replay_and_double_tap(app: App, edition: Edition) -> None:
    chat = Chat(app, "contestant-3")
    q1 = last_question(await register(chat))
    attempt, position, correct = question_of(edition, q1)
    press = f"/traloi {attempt} {position} {'ABCD'[correct]}"
    q2 = last_question(await chat.send(press, True))
    # The same press again (a double tap or a replayed update) counts once.
    again = await chat.text(press)
    assert "Câu 1 không còn nhận trả lời" in again
    # Answering after the 30 seconds counts as wrong.
    app.clock.offset += timedelta(seconds=31)
    attempt, position, correct = question_of(edition, q2)
    late = await chat.text(f"/traloi {attempt} {position} {'ABCD'[correct]}")
    assert "Hết giờ: câu trả lời đến sau 30 giây nên được tính là sai." in late
    # Walking away: on return the expired question is counted wrong and the next one starts.
    app.clock.offset += timedelta(minutes=5)
    back = await chat.text("/thi")
    assert "Hết giờ cho câu 3" in back and "Câu 4/10" in back
    async with app.sessions() as s:
        answers = (await s.execute(select(ContestAnswer).order_by(ContestAnswer.position)))\
            .scalars().all()
        assert [(a.position, a.correct) for a in answers] == [(0, True), (1, False), (2, False)]
        assert answers[1].elapsed_ms == answers[2].elapsed_ms == 30_000


async def test_only_the_own_attempt_can_be_answered(app: App, edition: Edition) -> None:
    owner = Chat(app, "contestant-own")
    attempt, position, correct = question_of(edition, last_question(await register(owner)))
    press = f"/traloi {attempt} {position} {'ABCD'[correct]}"
    # Someone else replaying the owner's button, registered or not, changes nothing.
    stranger = Chat(app, "contestant-other")
    assert "không phải của bạn" in await stranger.text(press)
    await register(stranger, name="trần thị bình")
    assert "không phải của bạn" in await stranger.text(press)
    assert "không phải của bạn" in await owner.text(f"/traloi {attempt + 999} 1 A")
    async with app.sessions() as s:
        assert (await s.execute(select(ContestAnswer))).scalars().all() == []
    # The owner's own press still counts, once.
    assert "Câu 2/10" in await owner.text(press)


async def test_attempt_survives_a_restart(sqlite_url: str, edition: Edition) -> None:
    first = build_app(make_settings(sqlite_url))
    await first.start()
    q1 = last_question(await register(Chat(first, "contestant-4")))
    await first.close()
    second = build_app(make_settings(sqlite_url, now="2020-10-01T07:30:10"))
    await second.start()
    try:
        resumed = await Chat(second, "contestant-4").send("/thi")
        q = last_question(resumed)
        assert "Bạn đang làm dở lượt thi" in q.text
        assert q.text.splitlines()[1] == q1.text.splitlines()[0]
        left = int(re.search(r"Thời gian còn lại: (\d+) giây", q.text)[1])  # type: ignore[index]
        assert 15 <= left <= 25
    finally:
        await second.close()


async def test_outside_the_window(sqlite_url: str) -> None:
    early = build_app(make_settings(sqlite_url, now="2020-09-30T20:00"))
    await early.start()
    try:
        text = await Chat(early, "x").text("/thi")
        assert "Cuộc thi chưa mở. Cuộc thi mở từ 7:00 ngày 1/10/2020." in text
    finally:
        await early.close()


async def _race(app: App, edition: Edition, n: int) -> None:
    """n participants answer at once; the ranks must match an independent computation."""
    chats = [Chat(app, f"racer-{i}") for i in range(n)]
    for i, chat in enumerate(chats):
        # Register through the flow, one after another (registration is not the race).
        name = f"người thi số {'abcdefghij'[i % 10]} {'klmnopqrst'[i // 10 % 10]}"
        await register(chat, name=name, phone="Bỏ qua")

    async def play(chat: Chat, seed: int) -> None:
        rng = random.Random(seed)
        q = last_question(await chat.send("/thi"))
        for _ in range(10):
            attempt, position, correct = question_of(edition, q)
            pick = correct if rng.random() < 0.6 else (correct + 1) % 4
            replies = await chat.send(f"/traloi {attempt} {position} {'ABCD'[pick]}", True)
            found = [r for r in replies if r.buttons and ANSWER.match(r.buttons[0].command)]
            if found:
                q = found[-1]

    await asyncio.gather(*(play(c, i) for i, c in enumerate(chats)))
    async with app.sessions() as s:
        attempts = (await s.execute(select(ContestAttempt))).scalars().all()
        answers = (await s.execute(select(ContestAnswer))).scalars().all()
        standings = await SqlContestStore(s, 0).standings(10_000)
    assert len(attempts) == n and all(a.finished_at is not None for a in attempts)
    by_attempt: dict[int, list[ContestAnswer]] = {}
    for a in answers:
        by_attempt.setdefault(a.attempt_id, []).append(a)
    expected = sorted(
        ((sum(x.correct for x in by_attempt[a.id]), sum(x.elapsed_ms for x in by_attempt[a.id]),
          a.finished_at, a.participant_id) for a in attempts),
        key=lambda t: (-t[0], t[1], t[2]))
    assert all(len(v) == 10 for v in by_attempt.values())
    assert [(s.participant_id, s.score, s.total_ms) for s in standings] == [
        (pid, score, ms) for score, ms, _, pid in expected]


async def test_many_participants_at_once_sqlite(app: App, edition: Edition) -> None:
    await _race(app, edition, 200)


@pytest.mark.postgres
async def test_many_participants_at_once_postgresql(pg_url: str, edition: Edition) -> None:
    # 200 participants at once on a 2-core machine: allow a longer wait for a connection.
    app = build_app(make_settings(pg_url, HOCTAP_DATABASE_POOL_TIMEOUT="300",
                                  HOCTAP_DATABASE_POOL_SIZE="20"))
    await app.start()
    try:
        await _race(app, edition, 200)
    finally:
        await app.close()


async def test_organizer_voids_a_participant(app: App, edition: Edition) -> None:
    chat = Chat(app, "contestant-5")
    q = last_question(await register(chat, name="Đỗ Thị Hoa"))
    for _ in range(10):
        attempt, position, correct = question_of(edition, q)
        replies = await chat.send(f"/traloi {attempt} {position} {'ABCD'[correct]}", True)
        found = [r for r in replies if r.buttons and ANSWER.match(r.buttons[0].command)]
        q = found[-1] if found else q
    organizer = Chat(app, "console")  # the console user is an organizer by default
    citizen_try = await Chat(app, "someone").text("/loaithi 1 gian lận")
    assert "chỉ dành cho Ban tổ chức" in citizen_try
    async with app.sessions() as s:
        pid = (await s.execute(select(ContestParticipant.id))).scalar_one()
    assert "Cách dùng: /loaithi" in await organizer.text("/loaithi")
    assert f"Đã hủy kết quả của người dự thi mã {pid}." in await organizer.text(
        f"/loaithi {pid} trùng người dự thi")
    assert "Chưa có ai hoàn thành bài thi." in await chat.text("/xephang")
    assert "đã bị Ban tổ chức hủy" in await chat.text("/thi")
    export = await organizer.send("/ketquathi")
    csv_text = export[0].files[0].data.decode("utf-8-sig")
    assert "Đỗ Thị Hoa" in csv_text and "Đã hủy: trùng người dự thi" in csv_text
