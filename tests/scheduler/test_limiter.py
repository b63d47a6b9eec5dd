"""The broadcast pace, on an injected clock: no wall time is measured here."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import random
from collections.abc import Callable

from scheduler.limiter import ChatSpacing, RateLimiter


class FakeClock:
    """Time that moves only when someone sleeps or the test says so.

    `oversleep` returns how late each sleeper wakes, as on a loaded machine.
    """

    def __init__(self, oversleep: Callable[[], float] = lambda: 0.0) -> None:
        self.now = 1000.0
        self.oversleep = oversleep

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += seconds + self.oversleep()


def limiter(clock: FakeClock, rate: float = 25.0) -> RateLimiter:
    return RateLimiter(rate, clock=clock, sleep=clock.sleep)


async def send_times(lim: RateLimiter, clock: FakeClock, gaps: list[float]) -> list[float]:
    """Acquire once per gap (the caller's own work before asking); when each send leaves."""
    out = []
    for gap in gaps:
        clock.now += gap
        await lim.acquire()
        out.append(clock.now)
    return out


def most_in_one_second(times: list[float]) -> int:
    return max(sum(1 for u in times if t <= u < t + 1.0) for t in times)


def achieved(times: list[float]) -> float:
    return (len(times) - 1) / (times[-1] - times[0])


async def test_sends_are_evenly_spaced_at_the_rate() -> None:
    clock = FakeClock()
    times = await send_times(limiter(clock), clock, [0.0] * 50)
    assert [round(b - a, 9) for a, b in itertools.pairwise(times)] == [0.04] * 49
    assert most_in_one_second(times) == 25


async def test_pauses_between_batches_cost_no_throughput() -> None:
    # Batches of 6 with 30 ms, sometimes 100 ms, of recording and claiming after each:
    # 6,000 sends take the same 240 s as 6,000 evenly spaced ones.
    clock = FakeClock()
    gaps = [(0.1 if i % 60 == 0 else 0.03) if i and i % 6 == 0 else 0.0 for i in range(6000)]
    times = await send_times(limiter(clock), clock, gaps)
    assert achieved(times) >= 25 * 0.99
    assert most_in_one_second(times) <= 25


async def test_late_wake_ups_cost_no_throughput() -> None:
    # Every sleeper wakes up to 60 ms late (more than one 40 ms interval): the rate holds, and
    # what leaves in a second exceeds it only by what woke late, far under Telegram's 30.
    rng = random.Random(9)
    clock = FakeClock(oversleep=lambda: rng.uniform(0.0, 0.06))
    times = await send_times(limiter(clock), clock, [0.0] * 1500)
    assert achieved(times) >= 25 * 0.99
    assert most_in_one_second(times) <= 27


async def test_after_an_idle_spell_nothing_is_owed() -> None:
    # Long after the last send, the next ones are evenly spaced again: no burst.
    clock = FakeClock()
    lim = limiter(clock)
    await send_times(lim, clock, [0.0] * 10)
    times = await send_times(lim, clock, [60.0] + [0.0] * 30)
    assert [round(b - a, 9) for a, b in itertools.pairwise(times)] == [0.04] * 30


async def test_never_more_than_the_rate_in_any_second() -> None:
    # Callers arriving at random moments, often late, sometimes long after: never more than
    # the configured 25 in a second, and at most 7 at once (six intervals made up).
    rng = random.Random(6)
    clock = FakeClock()
    gaps = [rng.choice([0.0, 0.0, 0.01, 0.035, 0.07, 0.3, 0.9, 2.0]) for _ in range(3000)]
    times = await send_times(limiter(clock), clock, gaps)
    assert most_in_one_second(times) <= 25
    assert achieved(times) <= 25.0
    assert max(sum(1 for u in times if u == t) for t in times) <= 7


async def test_429_waits_retry_after_slows_down_and_recovers() -> None:
    clock = FakeClock()
    lim = limiter(clock)
    await send_times(lim, clock, [0.0] * 5)
    lim.penalize(3.0)
    penalized_at = clock.now
    [resumed] = await send_times(lim, clock, [0.0])
    assert resumed >= penalized_at + 3.0
    assert lim.rate == 20.0
    # Ten seconds without a 429: the rate creeps back towards the configured one.
    clock.now += 10.0
    await lim.acquire()
    assert 20.0 < lim.rate <= 25.0
    clock.now += 60.0
    for _ in range(10):
        clock.now += 5.0
        await lim.acquire()
    assert lim.rate == 25.0


def test_one_message_a_second_per_chat() -> None:
    clock = FakeClock()
    spacing = ChatSpacing(1.0, clock=clock)
    assert spacing.wait_for("42") == 0.0
    spacing.mark("42")
    clock.now += 0.25
    assert spacing.wait_for("42") == 0.75
    assert spacing.wait_for("43") == 0.0
    clock.now += 0.75
    assert spacing.wait_for("42") == 0.0


async def test_processes_sharing_a_channel_each_take_their_part() -> None:
    clock = FakeClock()
    lim = limiter(clock, rate=30.0)
    lim.share(2)  # a second process started sending on the same database
    times = await send_times(lim, clock, [0.0] * 31)
    assert most_in_one_second(times) == 15
    assert abs(achieved(times) - 15.0) < 1e-6
    lim.share(1)  # the other one stopped: the whole rate again, at once
    clock.now += 5.0
    times = await send_times(lim, clock, [0.0] * 61)
    assert most_in_one_second(times) == 30


async def test_a_share_does_not_undo_a_recent_429() -> None:
    clock = FakeClock()
    lim = limiter(clock, rate=30.0)
    lim.share(2)
    lim.penalize(1.0)  # the platform said 429: 15/s becomes 12/s
    slowed = lim.rate
    assert slowed < 15.0
    lim.share(1)  # the part grows, but the 429 was just now: stay slow, creep back later
    assert lim.rate == slowed and lim.configured == 30.0


async def test_a_send_counts_until_its_answer_came() -> None:
    # Twelve requests answered 1.3 s after they left (held on the way: the platform may have
    # counted them just now): the next ones fill the window with them, not beside them.
    clock = FakeClock()
    lim = limiter(clock)
    slots = [await lim.acquire(until_answered=True) for _ in range(12)]
    clock.now += 1.3
    answered_at = clock.now
    for slot in slots:
        lim.answered(slot)
        lim.answered(slot)  # a second call changes nothing
    times = await send_times(lim, clock, [0.0] * 14)
    assert times[12] < answered_at + 1.0 <= times[13]
    assert most_in_one_second([answered_at] * 12 + times) == 25


async def test_too_many_awaiting_answers_wait_for_one() -> None:
    clock = FakeClock()
    lim = limiter(clock, rate=2.0)
    first = await lim.acquire(until_answered=True)
    await lim.acquire(until_answered=True)
    third = asyncio.create_task(lim.acquire(until_answered=True))
    await asyncio.sleep(0)
    assert not third.done()
    lim.answered(first)
    await third


async def test_a_cancelled_wait_leaves_no_slot_awaiting() -> None:
    lim = RateLimiter(1.0)
    await lim.acquire(until_answered=True)
    waiting = asyncio.create_task(lim.acquire(until_answered=True))
    await asyncio.sleep(0)
    waiting.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await waiting
    assert lim._awaiting == 1  # only the first, whose answer has not come
