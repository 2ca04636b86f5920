"""The limit ledger: speed, memory per counted user, and expiry that does not grow with n.

Aims (issue 13): ``can_reach`` + ``record`` ≥ 1,000,000 operations/s on a ledger of
100,000 counted users; ≤ 100 bytes per counted user; expiry amortised O(1), shown by
the time per operation at 10,000 and at 1,000,000 counted users in the same run.

The stream is what a send loop does: for each send, ``can_reach(user, now, limit)``
then ``record(user, now)`` with the same ``now`` (two operations); half the sends go
to users counted a moment ago, half to new users, and time advances so that one old
user expires for each new one (the ledger stays at its size: a steady state). Each
moment is its own datetime object. Memory is measured with :mod:`tracemalloc` while
the ledger is filled: everything it allocates is counted (the dict, the float per
user, the array of moments, the list of user references, over-allocation), except the
user key strings, which the caller holds anyway.
"""

from __future__ import annotations

import gc
import time
import tracemalloc
from collections.abc import Callable
from datetime import datetime, timedelta, timezone

from wamsg import (
    Customer,
    DeliveryStatus,
    Direction,
    Message,
    MessageSent,
    MessageStatus,
    PhoneNumber,
    TemplateRef,
)
from wamsg.events import Event
from wamsg.events.account_values import LimitTier
from wamsg.limits import LimitBook, LimitLedger

from ._harness import Measurement, Section, measure

T0 = datetime(2026, 3, 2, tzinfo=timezone.utc)
DAY = 86_400.0
SPEED_AIM = 1_000_000
MEMORY_AIM = 100.0
FLAT_AIM = 2.0


def _users(count: int) -> list[str]:
    return [f"+1650{i:07d}" for i in range(count)]


def _filled(users: list[str], size: int, step: float) -> LimitLedger:
    """A ledger holding ``size`` users, one every ``2 × step`` seconds, ending at T0."""
    ledger = LimitLedger()
    start = T0 - timedelta(seconds=2 * step * size)
    for i in range(size):
        ledger.record(users[i], start + timedelta(seconds=2 * step * i))
    return ledger


def _stream(users: list[str], size: int, sends: int, step: float) -> list[tuple[str, datetime]]:
    """Alternately a new user and one counted a moment ago, ``step`` seconds apart."""
    stream = []
    for j in range(sends):
        who = users[size + j // 2] if j % 2 == 0 else users[size + j // 2 - 1 - (j % 7)]
        stream.append((who, T0 + timedelta(seconds=step * (j + 1))))
    return stream


def _steady(size: int, sends: int, limit: int, repeat: int) -> Measurement:
    """Best-of-``repeat`` operations/s of the send loop on a ledger of ``size`` users."""
    step = DAY / (2 * size)  # one new user per 2 steps: ``size`` users per 24 h
    users = _users(size + sends)
    stream = _stream(users, size, sends, step)
    best = float("inf")
    for _ in range(repeat):
        ledger = _filled(users, size, step)
        can_reach, record = ledger.can_reach, ledger.record
        gc.collect()
        start = time.process_time()
        for user, at in stream:
            if can_reach(user, at, limit):
                record(user, at)
        best = min(best, time.process_time() - start)
        assert abs(ledger.used(stream[-1][1]) - size) <= 8, ledger.used(stream[-1][1])
    label = f"ledger of {size:,}, limit {limit:,}: can_reach + record"
    return Measurement(label, 2 * sends / best)


def _dict_floor(size: int, sends: int) -> Measurement:
    """The floor: the same loop over a bare dict (one lookup, one store), no rules at all."""
    step = DAY / (2 * size)
    users = _users(size + sends)
    stream = _stream(users, size, sends, step)
    latest = {users[i]: float(i) for i in range(size)}
    gc.collect()
    start = time.process_time()
    for user, _ in stream:
        latest.get(user)
        latest[user] = 0.0
    elapsed = time.process_time() - start
    return Measurement("floor: dict.get + dict store, same loop", 2 * sends / elapsed)


def _speed_section(quick: bool) -> Section:
    size, sends, repeat = (20_000, 20_000, 1) if quick else (100_000, 200_000, 5)
    room = _steady(size, sends, 10 * size, repeat)
    full = _steady(size, sends, size, repeat)
    return Section(
        title=f"LimitLedger send loop on {size:,} counted users (steady state)",
        ours=full,
        baselines=[room, _dict_floor(size, sends)],
        target=f"≥ {SPEED_AIM:,} operations/s at the limit and below it",
        met=min(full.ops_per_second, room.ops_per_second) >= SPEED_AIM,
        notes=[
            f"at the limit ({size:,}): {full.ops_per_second:,.0f} ops/s; "
            f"below it (limit {10 * size:,}): {room.ops_per_second:,.0f} ops/s",
            "one operation = one can_reach or one record call; each send is both",
        ],
    )


def _bytes_per_user(size: int) -> tuple[float, float]:
    """Bytes the ledger allocates per counted user (keys excluded), and records/s."""
    users = _users(size)
    moments = [T0 + timedelta(seconds=DAY / 2 * i / size) for i in range(size)]
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    ledger = LimitLedger()
    for user, at in zip(users, moments, strict=True):
        ledger.record(user, at)
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    assert ledger.used(moments[-1]) == size
    gc.collect()
    start = time.process_time()
    again = LimitLedger()
    for user, at in zip(users, moments, strict=True):
        again.record(user, at)
    rate = size / (time.process_time() - start)
    return (after - before) / size, rate


def _memory_section(quick: bool) -> Section:
    sizes = (10_000, 50_000) if quick else (100_000, 1_000_000)
    figures = {size: _bytes_per_user(size) for size in sizes}
    worst = max(per_user for per_user, _ in figures.values())
    main = sizes[0]
    return Section(
        title="LimitLedger memory per counted user (tracemalloc, user keys excluded)",
        ours=Measurement(f"record, filling a ledger of {main:,}", figures[main][1]),
        target=f"≤ {MEMORY_AIM:.0f} bytes per counted user",
        met=worst <= MEMORY_AIM,
        notes=[
            f"{size:,} users: {per_user:.1f} bytes per counted user"
            for size, (per_user, _) in figures.items()
        ]
        + [
            "counted: dict table and entries, one float per user, the array of moments, "
            "the list of user references, their over-allocation; not the key strings"
        ],
    )


def _naive_expiry(size: int, sends: int) -> float:
    """Seconds per send of a ledger that expires by scanning every user (O(n) per send)."""
    latest = {f"u{i}": float(i) for i in range(size)}
    start = time.process_time()
    for j in range(sends):
        now = float(size + j)
        latest = {user: at for user, at in latest.items() if at > now - size}
        latest[f"n{j}"] = now
    return (time.process_time() - start) / sends


def _flat_section(quick: bool) -> Section:
    small, large = (10_000, 100_000) if quick else (10_000, 1_000_000)
    sends, repeat = (20_000, 1) if quick else (200_000, 3)
    at_small = _steady(small, sends, small, repeat)
    at_large = _steady(large, sends, large, repeat)
    ratio = at_small.ops_per_second / at_large.ops_per_second
    naive_small, naive_large = _naive_expiry(1_000, 50), _naive_expiry(10_000, 50)

    def ns(measurement: Measurement) -> str:
        return f"{1e9 / measurement.ops_per_second:,.0f} ns per operation"

    return Section(
        title=f"Expiry amortised O(1): {small:,} vs {large:,} counted users, same stream",
        ours=at_large,
        baselines=[at_small],
        target=f"time per operation at {large:,} within {FLAT_AIM:.0f}x of {small:,}",
        met=ratio <= FLAT_AIM,
        notes=[
            f"{small:,} users: {ns(at_small)}; {large:,} users: {ns(at_large)} ({ratio:.2f}x"
            + ("; a larger dict misses the CPU caches more often)" if ratio > 1.2 else ")"),
            f"a ledger expiring by scanning every user: {naive_small * 1e6:,.0f} µs per send "
            f"at 1,000 users, {naive_large * 1e6:,.0f} µs at 10,000 "
            f"({naive_large / naive_small:.1f}x for 10x the users)",
        ],
    )


def _book_section(quick: bool) -> Section:
    """Informational: folding a day of sends and statuses, then deciding at the present."""
    sends = 2_000 if quick else 20_000
    business = PhoneNumber.parse("+15550783881")
    events: list[Event] = []
    for i in range(sends):
        at = T0 + timedelta(seconds=3 * i)
        customer = Customer(phone=f"+1650{i % (sends // 2):07d}")
        content = TemplateRef(name="order_update", language="en_US", category="utility")
        message = Message(
            id=f"m{i}",
            direction=Direction.OUTBOUND,
            business=business,
            customer=customer,
            sent_at=at,
            content=content,
        )
        events.append(MessageSent(provider="meta", message=message))
        events.append(
            MessageStatus(
                provider="meta",
                message_id=f"m{i}",
                status=DeliveryStatus.DELIVERED,
                occurred_at=at + timedelta(seconds=2),
            )
        )
    folded = measure(
        "LimitBook.empty().fold (events/s)", lambda: LimitBook.empty().fold(events), len(events)
    )
    book = LimitBook.empty().fold(events)
    now = T0 + timedelta(seconds=3 * sends + 60)
    asked = [Customer(phone=f"+1650{i:07d}") for i in range(0, sends, 7)][:200]
    book.decide(asked[0], now, LimitTier.TIER_100K, number=business)  # builds the cached view
    rounds = 5 if quick else 50

    def decide_all() -> None:
        for _ in range(rounds):
            for customer in asked:
                book.decide(customer, now, LimitTier.TIER_100K, number=business)

    decided = measure(
        "LimitBook.decide at the present (decisions/s)", decide_all, rounds * len(asked)
    )
    return Section(
        title=f"LimitBook: {len(events):,} events folded, then decide at the present",
        ours=decided,
        baselines=[folded],
        notes=["informational: no target; the first question after a fold builds the view"],
    )


SECTIONS: tuple[Callable[[bool], Section], ...] = (
    _speed_section,
    _memory_section,
    _flat_section,
    _book_section,
)


def run(quick: bool) -> list[Section]:
    """The limit ledger benchmarks."""
    return [section(quick) for section in SECTIONS]
