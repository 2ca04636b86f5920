"""Delivery reports waiting for their message: one conversation's parked statuses.

A status can arrive before the message it reports (webhooks race the helpdesk's own
record of the send). It waits here, merged with any other report of the same message,
until that message becomes the conversation's last outbound one. A report timed more
than the skew before a newer outbound message reports an older message and is
forgotten; a report without a time (Twilio's status callbacks) is kept.

Forgetting is amortised: the timed reports sit in a heap by time, so each newer
outbound message pops only what has expired, instead of scanning every parked report.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from datetime import datetime

from wamsg.delivery import Delivery

__all__ = ["Parked"]


class Parked:
    """The reports of one conversation that wait for their message, by message id."""

    __slots__ = ("_by_id", "_by_time")

    def __init__(self, items: Iterable[tuple[str, Delivery]] = ()) -> None:
        self._by_id: dict[str, Delivery] = dict(items)
        self._by_time = [(d.at, m) for m, d in self._by_id.items() if d.at is not None]
        heapq.heapify(self._by_time)

    def __bool__(self) -> bool:
        return bool(self._by_id)

    def park(self, message_id: str, delivery: Delivery) -> None:
        """Keep ``delivery`` for ``message_id``, merged with what already waits for it."""
        waiting = self._by_id.get(message_id)
        merged = delivery if waiting is None else waiting.merge(delivery)
        self._by_id[message_id] = merged
        if merged.at is not None and (waiting is None or waiting.at != merged.at):
            heapq.heappush(self._by_time, (merged.at, message_id))

    def take(self, message_id: str) -> Delivery | None:
        """The reports of ``message_id``, no longer parked (None when there are none)."""
        return self._by_id.pop(message_id, None)

    def forget_before(self, cutoff: datetime) -> None:
        """Forget the reports timed before ``cutoff``; untimed reports stay."""
        by_time, by_id = self._by_time, self._by_id
        while by_time and by_time[0][0] < cutoff:
            _, message_id = heapq.heappop(by_time)
            current = by_id.get(message_id)  # a heap entry may be stale: check the report
            if current is not None and current.at is not None and current.at < cutoff:
                del by_id[message_id]

    def items(self) -> tuple[tuple[str, Delivery], ...]:
        """The parked reports, sorted by message id."""
        return tuple(sorted(self._by_id.items()))
