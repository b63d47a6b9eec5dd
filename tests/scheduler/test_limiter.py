"""The broadcast pace, on an injected clock: no wall time is measured here."""

from __future__ import annotations

import itertools
import random

from scheduler.limiter import ChatSpacing, RateLimiter


class FakeClock:
    """Time that moves only when someone sleeps or the test says so."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += seconds


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


async def test_sends_are_evenly_spaced_at_the_rate() -> None:
    clock = FakeClock()
    times = await send_times(limiter(clock), clock, [0.0] * 51)
    assert [round(b - a, 9) for a, b in itertools.pairwise(times[1:])] == [0.04] * 49
    assert most_in_one_second(times) <= 25 + 2


async def test_a_short_pause_between_batches_costs_no_throughput() -> None:
    # Batches of 6 with 30 ms of recording and claiming after each (under one 40 ms interval):
    # 600 sends take the same 24 s as 600 evenly spaced ones.
    clock = FakeClock()
    gaps = [0.03 if i and i % 6 == 0 else 0.0 for i in range(600)]
    times = await send_times(limiter(clock), clock, gaps)
    achieved = (len(times) - 1) / (times[-1] - times[0])
    assert achieved >= 25 * 0.99
    assert most_in_one_second(times) <= 25 + 2


async def test_time_beyond_one_interval_is_not_saved_up() -> None:
    # After a long idle spell the next sends do not burst: at most two leave at once.
    clock = FakeClock()
    lim = limiter(clock)
    await send_times(lim, clock, [0.0] * 10)
    times = await send_times(lim, clock, [60.0] + [0.0] * 30)
    assert times[1] == times[0]
    assert times[2] > times[1]
    assert most_in_one_second(times) <= 25 + 2


async def test_never_more_than_the_rate_plus_two_in_any_second() -> None:
    # Callers arriving at random moments, often late, sometimes long after: the platform's 30/s
    # (Telegram) is never approached at the configured 25/s.
    rng = random.Random(6)
    clock = FakeClock()
    gaps = [rng.choice([0.0, 0.0, 0.01, 0.035, 0.07, 0.3, 2.0]) for _ in range(3000)]
    times = await send_times(limiter(clock), clock, gaps)
    assert most_in_one_second(times) <= 27
    achieved = (len(times) - 1) / (times[-1] - times[0])
    assert achieved <= 25.0


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
