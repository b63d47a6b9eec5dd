"""Acknowledged webhook events, processed by a fixed number of workers, in order per user.

Zalo waits at most 2 s for the 200, so the webhook only verifies, parses and enqueues. Processing
on as many tasks as events arrive would fill the event loop with ready steps under a burst, and
each acknowledgement would wait behind all of them; N workers keep at most N events in progress.
A user's events always go to the same worker (chosen by a hash of the user id), so one user's
messages are answered in the order they arrived.
"""

from __future__ import annotations

import asyncio
import zlib
from collections.abc import Awaitable, Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class KeyedWorkers(Generic[T]):
    """`workers` FIFO queues, one task each; items with the same key share a queue."""

    def __init__(self, workers: int, backlog: int, process: Callable[[T], Awaitable[None]],
                 name: str) -> None:
        if workers < 1 or backlog < 1:
            raise ValueError("workers and backlog must be at least 1")
        self._queues: list[asyncio.Queue[T]] = [asyncio.Queue() for _ in range(workers)]
        self._process = process
        self._name = name
        self._tasks: list[asyncio.Task[None]] = []
        self.backlog = backlog
        self.pending = 0  # accepted and not finished (queued or in progress)

    def start(self) -> None:
        self._tasks = [asyncio.create_task(self._work(q), name=f"{self._name} worker {i}")
                       for i, q in enumerate(self._queues)]

    def put(self, key: str, item: T) -> bool:
        """Queue `item` behind the earlier items of `key`; False when the backlog is full."""
        if self.pending >= self.backlog:
            return False
        self.pending += 1
        self._queues[zlib.crc32(key.encode()) % len(self._queues)].put_nowait(item)
        return True

    async def _work(self, queue: asyncio.Queue[T]) -> None:
        while True:
            item = await queue.get()
            try:
                # `process` is the one error handler: an exception here would end the worker.
                await self._process(item)
            finally:
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
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        self._tasks = []
        return left
