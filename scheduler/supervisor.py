"""Long-lived tasks that restart after a failure instead of dying silently.

Every background loop of `hoctap-bot run` (the outbox deliverers, the scheduler's poll, the
Telegram poller, the Zalo workers and token keeper) runs under one Supervisor. A loop that
raises, or returns while nobody asked it to stop, is logged (with its traceback the first time
a given error appears), counted through `on_failure`, and started again after a pause that
doubles from `first_delay` up to `max_delay`. `states()` is what /healthz reports.

It lives here, on the scheduler's floor, because both the scheduler and the bot's adapters use
it and the scheduler may not import the bot's shell for anything new; it imports nothing of
ours, and the composition root wires the metric and the error classifier in.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable, Coroutine
from typing import Any

log = logging.getLogger(__name__)

RUNNING = "running"
RESTARTING = "restarting"
DEAD = "dead"


class Supervised:
    """One supervised loop: its state, failures and the means to stop it."""

    def __init__(self, supervisor: Supervisor, name: str,
                 run: Callable[[], Coroutine[Any, Any, None]]) -> None:
        self.supervisor = supervisor
        self.name = name
        self._run = run
        self.state = RUNNING
        self.failures = 0
        self.last_error = ""
        self._stopping = False
        self._wake = asyncio.Event()
        self._current: asyncio.Task[None] | None = None
        self.task: asyncio.Task[None] = asyncio.create_task(self._loop(), name=f"supervise {name}")

    @property
    def health(self) -> str:
        """running / restarting (with the last error) / dead: what /healthz shows."""
        if self.task.done() and not self._stopping:
            return DEAD
        if self.state == RESTARTING:
            return f"{RESTARTING} after {self.last_error}"
        return self.state

    async def _loop(self) -> None:
        sup = self.supervisor
        delay = sup.first_delay
        previous = ""
        while not self._stopping:
            self.state = RUNNING
            self._wake.clear()
            started = time.monotonic()
            self._current = asyncio.create_task(self._run(), name=self.name)
            error: BaseException | None = None
            try:
                await self._current
            except asyncio.CancelledError:
                me = asyncio.current_task()
                if me is not None and me.cancelling():
                    raise  # the supervisor itself is cancelled; the loop went with it
                if not self._stopping:
                    error = RuntimeError("cancelled from outside")
            except Exception as exc:  # a failure of the loop: logged, counted, restarted
                error = exc
            if self._stopping:
                return
            if time.monotonic() - started >= sup.max_delay:
                delay = sup.first_delay  # it ran well for a while: this is a new failure
            self.failures += 1
            self.last_error = type(error).__name__ if error is not None else "returned"
            self.state = RESTARTING
            # The same error again (its first line: a database error's statement follows) is
            # one line, not another traceback.
            signature = (f"{type(error).__name__}: {str(error).partition(chr(10))[0]}"
                         if error is not None else "returned")
            if error is None:
                log.error("task %s ended by itself; restarting it in %.1f s", self.name, delay)
            elif sup.expected(error):
                log.warning("task %s stopped: %s (database unavailable); restarting it in "
                            "%.1f s", self.name, type(error).__name__, delay)
            elif signature != previous:
                log.error("task %s failed; restarting it in %.1f s", self.name, delay,
                          exc_info=error)
            else:
                log.error("task %s failed again (%s); restarting it in %.1f s", self.name,
                          type(error).__name__, delay)
            previous = signature
            sup.on_failure(self.name, error)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), delay)
            delay = min(sup.max_delay, delay * 2)

    def stop_soon(self) -> None:
        """Do not restart it any more: its owner is about to ask it to finish, and its
        ending then is no failure."""
        self._stopping = True
        self._wake.set()

    async def stop(self, timeout: float | None = None, cancel: bool = False) -> None:  # noqa: ASYNC109
        """Stop restarting it. The loop was asked to finish by its owner (or `cancel`): wait
        for it, and cancel it after `timeout` seconds."""
        self.stop_soon()
        current = self._current
        if current is not None and not current.done():
            if cancel:
                current.cancel()
            _done, late = await asyncio.wait({current}, timeout=timeout)
            for task in late:
                task.cancel()
            if late:
                await asyncio.wait(late)
        await asyncio.wait({self.task})
        self.supervisor.forget(self)


class Supervisor:
    """Start loops under supervision and tell how they are doing."""

    def __init__(self, on_failure: Callable[[str, BaseException | None], None] | None = None,
                 expected: Callable[[BaseException], bool] | None = None,
                 first_delay: float = 0.5, max_delay: float = 10.0) -> None:
        self._on_failure = on_failure
        # Errors that are expected now and then (a database outage): one line, no traceback.
        self._expected = expected
        self.first_delay = first_delay
        self.max_delay = max_delay
        self._tasks: dict[str, Supervised] = {}

    def start(self, name: str, run: Callable[[], Coroutine[Any, Any, None]]) -> Supervised:
        """Run `run()` now and again after each failure, until the handle's stop()."""
        if name in self._tasks:
            raise ValueError(f"a task named {name!r} is already supervised")
        handle = Supervised(self, name, run)
        self._tasks[name] = handle
        return handle

    def forget(self, handle: Supervised) -> None:
        if self._tasks.get(handle.name) is handle:
            del self._tasks[handle.name]

    def expected(self, error: BaseException) -> bool:
        return self._expected is not None and self._expected(error)

    def on_failure(self, name: str, error: BaseException | None) -> None:
        if self._on_failure is not None:
            self._on_failure(name, error)

    def states(self) -> dict[str, str]:
        """Each supervised task's health, by name."""
        return {name: handle.health for name, handle in sorted(self._tasks.items())}

    def healthy(self) -> bool:
        return all(state == RUNNING for state in self.states().values())
