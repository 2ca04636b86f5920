"""The monthly ledger: merge laws, free allowances, invoices with tiers and unknown rates."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wamsg import PhoneNumber, ValidationError
from wamsg.billing import (
    UNKNOWN,
    BillingAccount,
    Charge,
    MonthLedger,
    Pricer,
    RateCard,
    Reason,
    Send,
    ServiceFreeTier,
)

from .helpers import UTC, send

SMALL_TIER = BillingAccount(
    time_zone="Europe/Helsinki", service_free_tier=ServiceFreeTier(limit=3)
)
PHONES = [PhoneNumber.parse(p) for p in ("+16505551234", "+5511987654321", "+447700900123")]
NOV = datetime(2026, 11, 1, tzinfo=UTC)  # Helsinki: the month starts 2026-10-31 22:00 UTC

send_facts = st.tuples(
    st.integers(0, 28 * 24 * 60),  # minutes into the month
    st.sampled_from([None, "marketing", "utility", "authentication"]),
    st.booleans(),
    st.booleans(),
    st.sampled_from(["+15550783881", "+15550783882"]),
    st.sampled_from(PHONES),
)


def _sends(facts: list[tuple[int, str | None, bool, bool, str, PhoneNumber]]) -> list[Send]:
    sends = [
        Send(
            message_id=f"m{i}",
            business=business,
            recipient=phone,
            at=NOV + timedelta(minutes=minute),
            template_category=category,
            customer_service_window_open=csw,
            free_entry_point_open=fep,
        )
        for i, (minute, category, csw, fep, business, phone) in enumerate(facts)
    ]
    return sorted(sends, key=lambda s: (s.at, s.message_id))


def _charges(facts: list[tuple[int, str | None, bool, bool, str, PhoneNumber]]) -> list[Charge]:
    pricer = Pricer(SMALL_TIER)
    return [pricer.price(s) for s in _sends(facts)]


def _of(charges: list[Charge]) -> MonthLedger:
    return MonthLedger.of(charges, month="2026-11", account=SMALL_TIER)


@given(st.lists(send_facts, max_size=40), st.data())
def test_splitting_a_month_anywhere_and_merging_equals_the_single_pass(
    facts: list[tuple[int, str | None, bool, bool, str, PhoneNumber]], data: st.DataObject
) -> None:
    charges = _charges(facts)
    whole = _of(charges)
    cut = data.draw(st.integers(0, len(charges)))
    assert _of(charges[:cut]).merge(_of(charges[cut:])) == whole
    workers = data.draw(st.lists(st.integers(0, 2), min_size=len(charges), max_size=len(charges)))
    parts = [_of([c for c, w in zip(charges, workers, strict=False) if w == k]) for k in range(3)]
    assert parts[2].merge(parts[0]).merge(parts[1]) == whole
    assert whole.settled() == parts[0].merge(parts[1].merge(parts[2])).settled()


@given(
    st.lists(send_facts, max_size=15),
    st.lists(send_facts, max_size=15),
    st.lists(send_facts, max_size=15),
)
def test_merge_is_associative_and_commutative_with_the_empty_ledger_as_identity(
    a: list[tuple[int, str | None, bool, bool, str, PhoneNumber]],
    b: list[tuple[int, str | None, bool, bool, str, PhoneNumber]],
    c: list[tuple[int, str | None, bool, bool, str, PhoneNumber]],
) -> None:
    x = _of(_charges(a))
    y = _of([attrs_renamed(ch, "y") for ch in _charges(b)])
    z = _of([attrs_renamed(ch, "z") for ch in _charges(c)])
    empty = MonthLedger.empty("2026-11", SMALL_TIER)
    assert x.merge(y).merge(z) == x.merge(y.merge(z))
    assert x.merge(y) == y.merge(x)
    assert x.merge(empty) == x == empty.merge(x)


def attrs_renamed(charge: Charge, prefix: str) -> Charge:
    """The same charge under another message id (distinct messages across ledgers)."""
    import attrs

    return attrs.evolve(charge, message_id=prefix + charge.message_id)


@given(st.lists(send_facts, max_size=40))
def test_the_fast_fold_of_sends_equals_folding_priced_charges(
    facts: list[tuple[int, str | None, bool, bool, str, PhoneNumber]],
) -> None:
    sends = _sends(facts)
    assert MonthLedger.of_sends(sends, month="2026-11", account=SMALL_TIER) == _of(_charges(facts))


def test_the_first_service_messages_of_the_month_per_number_fall_in_the_free_tier() -> None:
    sends = [send(f"s{i}", NOV + timedelta(hours=i), None, csw=True) for i in range(5)]
    ledger = MonthLedger.of_sends(reversed(sends), month="2026-11", account=SMALL_TIER)
    assert ledger.free_tier_ids() == {"s0", "s1", "s2"}
    settled = ledger.settled()
    assert settled[("+15550783881", "North America", "service", Reason.FREE_TIER)] == 3
    assert settled[("+15550783881", "North America", "service", Reason.REGULAR)] == 2


def test_a_waba_wide_allowance_counts_across_numbers() -> None:
    account = BillingAccount(service_free_tier=ServiceFreeTier(limit=2, per="waba"))
    sends = [
        send("a", NOV + timedelta(hours=1), None, business="+15550783881"),
        send("b", NOV + timedelta(hours=2), None, business="+15550783882"),
        send("c", NOV + timedelta(hours=3), None, business="+15550783881"),
    ]
    ledger = MonthLedger.of_sends(sends, month="2026-11", account=account)
    assert ledger.free_tier_ids() == {"a", "b"}


def test_the_allowance_can_be_disabled_or_dated_later() -> None:
    sends = [send("a", NOV + timedelta(hours=1), None)]
    off = MonthLedger.of_sends(
        sends, month="2026-11", account=BillingAccount(service_free_tier=None)
    )
    later = BillingAccount(service_free_tier=ServiceFreeTier(effective=date(2026, 12, 1)))
    assert off.free_tier_ids() == frozenset()
    assert off.free_limit == 0
    assert MonthLedger.of_sends(sends, month="2026-11", account=later).free_tier_ids() == set()


def test_cbp_ledger_gives_the_first_1000_conversations_of_2022_for_free() -> None:
    day = datetime(2022, 5, 2, tzinfo=UTC)
    pricer = Pricer(BillingAccount())
    charges = [
        pricer.price(send("a", day, "marketing")),
        pricer.price(send("b", day, "utility", recipient=PHONES[1])),
    ]
    ledger = MonthLedger.of(charges, month="2022-05", account=BillingAccount())
    assert ledger.free_limit == 1000
    assert ledger.free_tier_ids() == {"a", "b"}
    assert ledger.invoice(None).lines == ()


def test_a_charge_of_another_month_is_rejected() -> None:
    charge = Pricer(SMALL_TIER).price(send("a", datetime(2026, 12, 5, tzinfo=UTC), "marketing"))
    with pytest.raises(ValidationError):
        _of([charge])
    with pytest.raises(ValidationError):
        MonthLedger.of_sends(
            [send("a", datetime(2026, 12, 5, tzinfo=UTC), "marketing")],
            month="2026-11",
            account=SMALL_TIER,
        )


def test_ledgers_of_different_months_do_not_merge() -> None:
    with pytest.raises(ValidationError):
        MonthLedger.empty("2026-11", SMALL_TIER).merge(MonthLedger.empty("2026-12", SMALL_TIER))
    with pytest.raises(ValidationError):
        MonthLedger.empty("2026-11", SMALL_TIER).merge("2026-11")  # type: ignore[arg-type]


TIER_CARD = RateCard.from_dict(
    {
        "name": "test",
        "currency": "USD",
        "effective": "2025-07-01",
        "source": "test",
        "rates": {
            "North America": {
                "utility": "0.0040",
                "authentication": "0.0040",
                "authentication_international": "0.0300",
                "marketing": "0.025",
            }
        },
        "tiers": {
            "North America": {
                "utility": [{"from": 3, "to": 4, "rate": "0.0030"}, {"from": 5, "rate": "0.0020"}],
                "authentication_international": [{"from": 3, "rate": "unknown"}],
            }
        },
    }
)


def test_volume_tiers_are_graduated_over_the_month() -> None:
    sends = [send(f"u{i}", NOV + timedelta(hours=i), "utility") for i in range(6)]
    invoice = MonthLedger.of_sends(sends, month="2026-11", account=SMALL_TIER).invoice(TIER_CARD)
    # messages 1-2 at 0.0040, 3-4 at 0.0030, 5-6 at 0.0020
    assert invoice.lines[0].amount == Decimal("0.0180")
    assert invoice.total == Decimal("0.0180")
    assert invoice.complete
    assert invoice.billable == 6


def test_authentication_international_continues_the_authentication_tier_count() -> None:
    sends = [
        send("a1", NOV, "authentication"),
        send("a2", NOV + timedelta(hours=1), "authentication"),
        send("i1", NOV + timedelta(hours=2), "authentication_international"),
    ]
    invoice = MonthLedger.of_sends(sends, month="2026-11", account=SMALL_TIER).invoice(TIER_CARD)
    intl = next(line for line in invoice.lines if line.category == "authentication_international")
    assert intl.amount is UNKNOWN  # the third message falls in the unknown tier
    assert not invoice.complete
    assert invoice.total == Decimal("0.0080")


def test_service_is_never_tiered_and_priced_at_the_utility_rate() -> None:
    account = BillingAccount(service_free_tier=None)
    sends = [send(f"s{i}", NOV + timedelta(hours=i), None, csw=True) for i in range(6)]
    invoice = MonthLedger.of_sends(sends, month="2026-11", account=account).invoice(TIER_CARD)
    assert invoice.lines[0].amount == Decimal("0.0240")


def test_without_a_card_every_amount_is_unknown_never_zero() -> None:
    ledger = MonthLedger.of_sends(
        [send("a", NOV, "marketing")], month="2026-11", account=SMALL_TIER
    )
    invoice = ledger.invoice(None, currency="EUR")
    assert invoice.lines[0].amount is UNKNOWN
    assert invoice.currency == "EUR"
    assert invoice.card is None
    assert invoice.unknown == invoice.lines
    assert ledger.messages == 1
    assert ledger.total(TIER_CARD) == Decimal("0.025")


def test_merging_time_ordered_parts_keeps_the_earlier_allowance_as_is() -> None:
    early = [send(f"e{i}", NOV + timedelta(minutes=i), None) for i in range(4)]
    late = [send(f"l{i}", NOV + timedelta(days=2, minutes=i), None) for i in range(4)]
    a = MonthLedger.of_sends(early, month="2026-11", account=SMALL_TIER)
    b = MonthLedger.of_sends(late, month="2026-11", account=SMALL_TIER)
    assert a.merge(b).free_tier_ids() == {"e0", "e1", "e2"}
    assert b.merge(a).free_tier_ids() == {"e0", "e1", "e2"}
