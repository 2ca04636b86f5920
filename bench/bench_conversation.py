"""Folding events into conversations; merging delivery statuses.

Targets (issue 2): folding 1,000,000 events ≥ 500,000 events/s on one core; a
``Conversation`` state ≤ 1 KiB. Baselines measured in the same run: the floor of
routing each event to its conversation with one dict lookup (no state at all),
and ``max()`` over integer ranks for status merges.
"""

from __future__ import annotations

import gc
import tracemalloc
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone

from wamsg import (
    Customer,
    Delivery,
    DeliveryStatus,
    Message,
    MessageReceived,
    MessageSent,
    MessageStatus,
    PhoneNumber,
    Text,
)
from wamsg.events import Event
from wamsg.inbox import Inbox
from wamsg.messages import Direction

from ._harness import Section, measure

T0 = datetime(2026, 11, 1, tzinfo=timezone.utc)
_STATUSES = (DeliveryStatus.SENT, DeliveryStatus.DELIVERED, DeliveryStatus.READ)


def make_events(count: int, conversations: int) -> list[Event]:
    """A realistic stream: per round, a customer message, a reply and its 3 statuses."""
    businesses = [PhoneNumber.parse("+358942411000"), PhoneNumber.parse("+15550783881")]
    customers = [Customer(phone=f"+3584{i:08d}", name=f"C{i}") for i in range(conversations)]
    bodies = [Text("Hei, missä tilaukseni on?"), Text("Paketti on matkalla.")]
    events: list[Event] = []
    step = timedelta(seconds=1)
    i = 0
    while len(events) < count:
        customer = customers[i % conversations]
        business = businesses[i % 2]
        moment = T0 + step * i
        inbound = Message(
            id=f"wamid.in{i}",
            direction=Direction.INBOUND,
            business=business,
            customer=customer,
            sent_at=moment,
            content=bodies[0],
        )
        outbound = Message(
            id=f"wamid.out{i}",
            direction=Direction.OUTBOUND,
            business=business,
            customer=customer,
            sent_at=moment + step,
            content=bodies[1],
        )
        events.append(MessageReceived(provider="meta", message=inbound))
        events.append(MessageSent(provider="meta", message=outbound, operator="agent-7"))
        for offset, status in zip((3, 2, 4), _STATUSES, strict=True):  # out of order
            events.append(
                MessageStatus(
                    provider="meta",
                    message_id=outbound.id,
                    status=status,
                    business=business,
                    customer=customer,
                    occurred_at=moment + step * offset,
                )
            )
        i += 1
    return events[:count]


def retained_bytes_per_conversation(events: list[Event]) -> float:
    """Memory an inbox keeps per conversation once the events are gone (tracemalloc)."""
    sample = make_events(len(events) // 10 or 1, conversations=max(len(events) // 200, 10))
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    inbox = Inbox().fold(sample)
    del sample
    gc.collect()
    retained = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    return retained / len(inbox)


def _floor(events: list[Event]) -> None:
    latest: dict[type, Event] = {}
    for event in events:
        latest[type(event)] = event


def _status_pairs(n: int) -> Iterator[tuple[DeliveryStatus, DeliveryStatus]]:
    statuses = list(DeliveryStatus)
    for i in range(n):
        yield statuses[i % 7], statuses[(i * 3 + 1) % 7]


def run(quick: bool) -> list[Section]:
    count = 20_000 if quick else 1_000_000
    events = make_events(count, conversations=max(count // 20, 10))
    ours = measure("Inbox().fold(events)", lambda: Inbox().fold(events), count, repeat=3)
    floor = measure("floor: a loop storing each event in a dict", lambda: _floor(events), count)
    inbox = Inbox().fold(events)
    size = retained_bytes_per_conversation(events)
    fold = Section(
        title=f"fold {count:,} events into {len(inbox):,} conversations",
        ours=ours,
        baselines=[floor],
        target="≥ 500,000 events/s; a Conversation ≤ 1 KiB",
        met=ours.ops_per_second >= 500_000 and size <= 1024,
        notes=[
            f"memory an inbox retains per conversation (tracemalloc, events dropped): "
            f"{size:,.0f} B"
        ],
    )
    n = 20_000 if quick else 1_000_000
    pairs = list(_status_pairs(n))
    rank = {s: i for i, s in enumerate(DeliveryStatus)}
    merge = measure("DeliveryStatus.merge", lambda: [a.merge(b) for a, b in pairs], n)
    base = measure(
        "baseline: max(a, b, key=rank.get)",
        lambda: [max(a, b, key=rank.__getitem__) for a, b in pairs],
        n,
    )
    deliveries = [Delivery(status=a, at=T0) for a, _ in pairs[:n]]
    others = [Delivery(status=b, at=T0 + timedelta(seconds=1)) for _, b in pairs[:n]]
    delivery = measure(
        "Delivery.merge (status, time, errors, pricing)",
        lambda: [d.merge(o) for d, o in zip(deliveries, others, strict=True)],
        n,
    )
    return [
        fold,
        Section(title=f"merge {n:,} status pairs", ours=merge, baselines=[base]),
        Section(title=f"merge {n:,} delivery records", ours=delivery, baselines=[base]),
    ]
