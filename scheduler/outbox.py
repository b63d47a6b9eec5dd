"""The outbox: one row per recipient of a fired item; claimed, sent, recorded.

pending -> claimed -> sending -> sent | failed | skipped | uncertain (or back to pending).

A deliverer claims a batch ahead (`claimed`, with its worker id and the time): reserved, not
yet handed to the platform. Right before a small group's requests leave, it marks them
`sending` (committed), and `sent` (or what else) after the platform answered. A crash leaves
`claimed` rows that were never sent: they go back to `pending`. Rows left `sending` may have
arrived: they become `uncertain`, are reported, and are never sent again.

A chat's rows go in the order they were queued (their ids): a row is claimed only when no
earlier row to the same chat is open, whatever happened to that one (set aside for the chat's
interval, retried after a 429, held by another process). Nor is it claimed within the chat's
interval of the platform's last answer to that chat (`answered_at`), whichever process sent.

The rules live here; the rows live behind `OutboxStore` (bot.db.outbox on SQL).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

from handlers.channel import Delivery
from scheduler.messages import ItemView

# A message that could not leave (connection refused) is tried this many times in all.
MAX_ATTEMPTS = 5
# The statuses a row ends in, and those before: a chat's later row waits while an earlier one
# of the same chat is open (see OutboxStore.claim).
FINAL = ("sent", "failed", "skipped", "uncertain")
OPEN = ("pending", "claimed", "sending")


def real_now() -> datetime:
    """Wall-clock time: leases, claims and retry_after are about processes, not the week."""
    return datetime.now(UTC)


@dataclass(frozen=True)
class Claimed:
    id: int
    item_id: int
    external_id: str
    locale: str
    attempts: int


class OutboxStore(Protocol):
    """Where a deliverer keeps its rows; each call is one transaction, committed on return."""

    async def claim(self, channel: str, worker: str, limit: int, interval: float
                    ) -> list[Claimed]:
        """Reserve up to `limit` pending rows of `channel` for `worker` (`claimed`, not sent);
        several processes claiming at once never take the same row. A row is claimable only
        when no earlier row (by id, the order they were queued) to the same chat is open:
        each chat gets its messages in order, one at a time across processes. Nor while a
        row of the same chat was answered (`answered_at`) less than `interval` seconds ago:
        the chat's interval, kept across processes."""
        ...

    async def mark_sending(self, ids: list[int], worker: str) -> set[int]:
        """Mark `sending` the rows still claimed by `worker` (returned), right before their
        requests leave."""
        ...

    async def record(self, values: list[dict[str, Any]], later: list[int],
                     not_before: datetime) -> None:
        """Store outcomes (from `outcome_values`; a blocked user is deactivated) and put the
        `later` rows back in the queue, not before `not_before`."""
        ...

    async def release(self, ids: list[int], not_before: datetime) -> None:
        """Put claimed rows back untouched."""
        ...

    async def release_unsent(self, channel: str, worker: str) -> int:
        """`worker` has no request of `channel` in flight: its rows still `claimed` or
        `sending` go back to the queue. Returns how many."""
        ...

    async def items(self, ids: set[int]) -> list[ItemView]:
        """What rendering needs of these scheduled items."""
        ...


def outcome_values(row: Claimed, result: Delivery, sim_now: datetime,
                   answered: datetime | None) -> dict[str, Any]:
    """The row's new columns for what the platform answered.

    `answered`: the real time the answer came (or the request failed on the way); None when
    no request left. The chat's next message waits its interval from it, in any process."""
    values: dict[str, Any] = {"id": row.id, "reason": result.reason[:200] or None,
                              "answered_at": answered}
    if result.status == "sent":
        values.update(status="sent", sent_at=sim_now)
    elif result.status == "blocked":
        values.update(status="failed", reason=("blocked: " + result.reason)[:200],
                      blocked=True)
    elif result.status in ("skipped", "failed", "uncertain"):
        values["status"] = result.status
    elif row.attempts >= MAX_ATTEMPTS:
        values.update(status="failed",
                      reason=f"gave up after {row.attempts} attempts: {result.reason}"[:200])
    else:
        # rate_limited or retry: back to the queue, not before the platform allows.
        wait = result.retry_after if result.status == "rate_limited" else 0.5 * 2**row.attempts
        values.update(status="pending", not_before=real_now() + timedelta(seconds=wait))
    return values
