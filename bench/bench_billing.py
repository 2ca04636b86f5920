"""Pricing and the monthly ledger; merging month ledgers.

Targets (issue 5): pricing + ledger over 1,000,000 delivered messages ≥ 300,000
messages/s; merging two month ledgers costs the same whatever the number of
messages behind them. Baselines measured in the same run: the floor of counting
each send under one dict key (no pricing at all), and merging two dicts of the
same number of keys as the ledgers.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from wamsg import PhoneNumber
from wamsg.billing import BillingAccount, MonthLedger, Send

from ._harness import Measurement, Section, measure

MONTH = "2026-11"
T0 = datetime(2026, 11, 1, 12, tzinfo=timezone.utc)
ACCOUNT = BillingAccount(time_zone="Europe/Helsinki")
_CATEGORIES = (None, "marketing", "utility", "utility", "authentication", None)
_PREFIXES = (
    "+1650555",
    "+5511987",
    "+9198765",
    "+4477009",
    "+4915112",
    "+3584012",
    "+5215551",
    "+6281234",
    "+1809555",
    "+9715012",
)


def make_sends(count: int, first: int = 0) -> list[Send]:
    """``count`` delivered sends over the month: 3 numbers, 5,000 recipients in 10 markets."""
    recipients = [PhoneNumber.parse(f"{_PREFIXES[i % 10]}{i % 10_000:04d}") for i in range(5000)]
    businesses = ("+15550783881", "+15550783882", "+15550783883")
    step = timedelta(days=27) / max(count, 1)
    return [
        Send(
            message_id=f"wamid.{first + i}",
            business=businesses[i % 3],
            recipient=recipients[i % 5000],
            at=T0 + step * i,
            template_category=_CATEGORIES[i % 6],
            customer_service_window_open=i % 4 == 0,
            free_entry_point_open=i % 50 == 0,
        )
        for i in range(count)
    ]


def _floor(sends: list[Send]) -> None:
    counts: dict[tuple[str, str | None], int] = {}
    for send in sends:
        key = (send.business, send.template_category)
        counts[key] = counts.get(key, 0) + 1


def _merge_rate(label: str, left: MonthLedger, right: MonthLedger, repeat: int) -> Measurement:
    def run() -> None:
        for _ in range(repeat):
            left.merge(right)

    return measure(label, run, repeat)


def _dict_merge_rate(left: MonthLedger, right: MonthLedger, repeat: int) -> Measurement:
    a, b = dict(left.counts), dict(right.counts)

    def run() -> None:
        for _ in range(repeat):
            merged = dict(a)
            for key, value in b.items():
                merged[key] = merged.get(key, 0) + value

    return measure("baseline: summing two plain dicts of counts", run, repeat)


def run(quick: bool) -> list[Section]:
    """Price and fold N messages; merge ledgers built from few and from many messages."""
    count = 20_000 if quick else 1_000_000
    small = 5_000 if quick else 10_000
    sends = make_sends(count)
    fold = measure(
        "MonthLedger.of_sends (price + fold)",
        lambda: MonthLedger.of_sends(sends, month=MONTH, account=ACCOUNT),
        count,
    )
    floor = measure("floor: one dict count per send, no pricing", lambda: _floor(sends), count)
    fold_section = Section(
        title=f"Pricing + monthly ledger over {count:,} delivered messages",
        ours=fold,
        baselines=[floor],
        target="≥ 300,000 messages/s over 1,000,000 messages",
        met=None if quick else fold.ops_per_second >= 300_000,
    )
    big_left = MonthLedger.of_sends(sends[::2], month=MONTH, account=ACCOUNT)
    big_right = MonthLedger.of_sends(sends[1::2], month=MONTH, account=ACCOUNT)
    few = make_sends(2 * small)
    small_left = MonthLedger.of_sends(few[::2], month=MONTH, account=ACCOUNT)
    small_right = MonthLedger.of_sends(few[1::2], month=MONTH, account=ACCOUNT)
    repeat = 50 if quick else 2000
    big = _merge_rate(
        f"merge 2 ledgers of {count // 2:,} messages each", big_left, big_right, repeat
    )
    little = _merge_rate(
        f"merge 2 ledgers of {small:,} messages each", small_left, small_right, repeat
    )
    ratio = little.ops_per_second / big.ops_per_second
    merge_section = Section(
        title="Merging two month ledgers (merges/s)",
        ours=big,
        baselines=[little, _dict_merge_rate(big_left, big_right, repeat)],
        target="merge cost independent of the number of messages (ratio small/big ≈ 1)",
        met=0.5 <= ratio <= 2.0,
        notes=[
            f"ledger keys: {len(big_left.counts)} + {len(big_right.counts)} "
            f"({count // 2:,} messages each) vs {len(small_left.counts)} + "
            f"{len(small_right.counts)} ({small:,} each); free-allowance candidates kept: "
            f"{sum(map(len, big_left.first_free.values()))} vs "
            f"{sum(map(len, small_left.first_free.values()))}",
            f"merges/s of the {small:,}-message ledgers ÷ the {count // 2:,}-message ones: "
            f"{ratio:.2f}",
        ],
    )
    return [fold_section, merge_section]
