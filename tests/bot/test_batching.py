"""Updates that arrive together share a transaction (issue 18): each is still applied once, in
its user's order, with its own claim and log row, and one update's failure stays its own."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from enum import StrEnum
from typing import Any

import pytest
from sqlalchemy import func, select

from bot.app import App, build_app
from bot.db.models import MessageLog, User
from handlers.context import Ctx
from handlers.core import Conversation, build_registry
from handlers.i18n import N_
from handlers.registry import FeatureSet, Flow
from handlers.types import Incoming, Reply
from tests.conftest import make_settings

SORRY = "hệ thống đang tạm thời gián đoạn"


class Step(StrEnum):
    COUNTING = "counting"


def counting_features() -> FeatureSet:
    """/dem opens a flow whose every message answers the count so far (kept in the state), and
    /hong fails as a bug would."""
    features = FeatureSet()
    flow = Flow("count", Step, label=N_("Đếm"))

    @features.feature("counter", label=N_("Đếm"), commands=("dem",))
    async def start(ctx: Ctx) -> list[Reply]:
        await flow.enter(ctx.store, Step.COUNTING, {"n": 0})
        return [Reply("0")]

    @features.flow(flow)
    async def step(ctx: Ctx) -> list[Reply]:
        assert ctx.user.state is not None
        n = int(ctx.user.state.data["n"]) + 1
        await flow.enter(ctx.store, Step.COUNTING, {"n": n})
        return [Reply(f"{n} {ctx.route.arg}")]

    @features.feature("broken", label=N_("Hỏng"), commands=("hong",))
    async def broken(ctx: Ctx) -> list[Reply]:
        raise RuntimeError("a bug in one feature")

    return features


@asynccontextmanager
async def running(url: str, **env: str) -> AsyncIterator[App]:
    application = build_app(make_settings(url, HOCTAP_FLOOD_MAX_MESSAGES="0", **env))
    try:
        await application.start()
        application.dispatcher.conversation = Conversation(
            application.edition, application.clock, build_registry(counting_features()))
        yield application
    finally:
        await application.close()


async def _log_rows(app: App) -> dict[str, int]:
    async with app.sessions() as s:
        rows = (await s.execute(
            select(User.external_id, func.count()).join(MessageLog, MessageLog.user_id == User.id)
            .group_by(User.external_id))).all()
    return {str(external_id): int(count) for external_id, count in rows}


async def test_updates_arriving_together_are_each_applied_once_in_their_users_order(
        any_url: str) -> None:
    """40 users, each with 5 messages in a flow, all sent at once, and every update delivered
    twice: each user reads 1..5 in order, and each update is logged once."""
    async with running(any_url) as app:
        handle = app.dispatcher.handle
        users = [f"u{i}" for i in range(40)]
        for user in users:
            assert await handle(Incoming("telegram", user, "/dem"), f"{user}-0") is not None
        sent = [(user, k) for k in range(1, 6) for user in users]
        answers = await asyncio.gather(*(
            handle(Incoming("telegram", user, f"tin {k}"), f"{user}-{k}")
            for user, k in sent for _copy in range(2)))
        logged = await _log_rows(app)
    for i, (user, k) in enumerate(sent):
        first, again = answers[2 * i], answers[2 * i + 1]
        assert [r.text for r in first or []] == [f"{k} tin {k}"], (user, k, first)
        assert again is None  # the same update again: already applied
    assert logged == dict.fromkeys(users, 6)


async def test_one_failing_update_fails_alone(any_url: str) -> None:
    """A bug in one update of a batch: that user is told to try again, nothing of theirs is
    stored, and the others of the batch are answered and logged as usual."""
    async with running(any_url) as app:
        handle = app.dispatcher.handle
        answers = await asyncio.gather(*(
            handle(Incoming("telegram", f"u{i}", "/hong" if i == 7 else "/dem"), f"k{i}")
            for i in range(20)))
        logged = await _log_rows(app)
        # The failed update was not claimed: it can come again (and fail again, alone).
        again = await handle(Incoming("telegram", "u7", "/hong"), "k7")
    for i, replies in enumerate(answers):
        texts = [r.text for r in replies or []]
        if i == 7:
            assert len(texts) == 1 and SORRY in texts[0] and "thử lại" in texts[0]
        else:
            assert texts == ["0"]
    assert again is not None and SORRY in again[0].text
    assert logged == {f"u{i}": 1 for i in range(20) if i != 7}


async def test_a_batch_is_bounded_by_the_setting(sqlite_url: str,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """[database] batch_size caps the updates of one transaction."""
    async with running(sqlite_url, HOCTAP_DATABASE_BATCH_SIZE="3") as app:
        dispatcher = app.dispatcher
        sizes: list[int] = []
        apply = dispatcher._apply

        async def counted(batch: list[Any]) -> Any:
            sizes.append(len(batch))
            return await apply(batch)

        monkeypatch.setattr(dispatcher, "_apply", counted)
        answers = await asyncio.gather(*(
            dispatcher.handle(Incoming("telegram", f"u{i}", "/dem"), f"k{i}") for i in range(10)))
    assert all(a is not None and a[0].text == "0" for a in answers)
    assert max(sizes) == 3 and sum(sizes) == 10
