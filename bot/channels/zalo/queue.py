"""Acknowledged webhook events, processed by a fixed number of workers, in order per user.

Zalo waits at most 2 s for the 200, so the webhook only verifies, parses and enqueues. Processing
on as many tasks as events arrive would fill the event loop with ready steps under a burst, and
each acknowledgement would wait behind all of them; N workers keep at most N events in progress.
A user's events always go to the same worker (chosen by a hash of the user id), so one user's
messages are answered in the order they arrived.

An acknowledged event is never delivered again by Zalo, so it is never dropped here: when
`process` says it was not applied (its transaction did not commit), the worker tries it again
after a pause that doubles up to `max_retry_delay`, and the events behind it wait (order kept).
Each worker runs under the supervisor: a worker that fails is restarted with the event it held.
"""

from __future__ import annotations

import asyncio
import functools
import zlib
from collections.abc import Awaitable, Callable
from typing import Generic, TypeVar

from scheduler.supervisor import Supervised, Supervisor

T = TypeVar("T")


class KeyedWorkers(Generic[T]):
    """`workers` FIFO queues, one task each; items with the same key share a queue.

    `process(item)` returns True when the item is done, False to have it tried again later.
    """

    def __init__(self, workers: int, backlog: int, process: Callable[[T], Awaitable[bool]],
                 name: str, first_retry_delay: float = 0.5, max_retry_delay: float = 10.0
                 ) -> None:
        if workers < 1 or backlog < 1:
            raise ValueError("workers and backlog must be at least 1")
        self._queues: list[asyncio.Queue[T]] = [asyncio.Queue() for _ in range(workers)]
        # The item each worker holds: kept across a restart of that worker.
        self._current: list[T | None] = [None] * workers
        self._process = process
        self._name = name
        self.first_retry_delay = first_retry_delay
        self.max_retry_delay = max_retry_delay
        self._handles: list[Supervised] = []
        self.backlog = backlog
        self.pending = 0  # accepted and not finished (queued or in progress)

    def start(self, supervisor: Supervisor) -> None:
        self._handles = [
            supervisor.start(f"{self._name} worker {i}", functools.partial(self._work, i))
            for i in range(len(self._queues))
        ]

    def put(self, key: str, item: T) -> bool:
        """Queue `item` behind the earlier items of `key`; False when the backlog is full."""
        if self.pending >= self.backlog:
            return False
        self.pending += 1
        self._queues[zlib.crc32(key.encode()) % len(self._queues)].put_nowait(item)
        return True

    async def _work(self, index: int) -> None:
        queue = self._queues[index]
        while True:
            item = self._current[index]
            if item is None:
                item = await queue.get()
                self._current[index] = item
            delay = self.first_retry_delay
            while not await self._process(item):
                await asyncio.sleep(delay)
                delay = min(self.max_retry_delay, delay * 2)
            self._current[index] = None
            self.pending -= 1
            queue.task_done()

    async def drain(self, timeout: float) -> int:  # noqa: ASYNC109 (a deadline, not a call)
        """Process what is queued for at most `timeout` seconds, then stop the workers.

        Returns how many accepted items were left unprocessed (cancelled or never started).
        """
        try:
            async with asyncio.timeout(timeout):
                await asyncio.gather(*(q.join() for q in self._queues))
        except TimeoutError:
            pass
        left = self.pending
        for handle in self._handles:
            await handle.stop(cancel=True)
        self._handles = []
        return left
