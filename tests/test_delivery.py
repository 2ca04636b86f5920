"""Delivery statuses: the lattice, its merge laws, ticks, errors and pricing."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from functools import reduce

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.strategies import deliveries, delivery_statuses, error_details, pricings
from wamsg import Delivery, DeliveryStatus, Ticks, ValidationError
from wamsg.delivery import ErrorDetail, Pricing, errors_from

S = DeliveryStatus
AT = datetime(2026, 11, 2, 22, 0, tzinfo=timezone.utc)
UNDELIVERABLE = ErrorDetail(code="131026", title="Message undeliverable")
EXPIRED = ErrorDetail(code="131047", title="Re-engagement message")

# -- DeliveryStatus: the order and its laws ----------------------------------


def test_the_documented_order() -> None:
    ordered = sorted(DeliveryStatus, key=lambda status: status.rank)
    assert ordered == [S.PENDING, S.SENT, S.FAILED, S.DELIVERED, S.READ, S.PLAYED, S.DELETED]


@given(delivery_statuses, delivery_statuses)
def test_status_merge_is_commutative(a: DeliveryStatus, b: DeliveryStatus) -> None:
    assert a.merge(b) is b.merge(a)


@given(delivery_statuses, delivery_statuses, delivery_statuses)
def test_status_merge_is_associative(
    a: DeliveryStatus, b: DeliveryStatus, c: DeliveryStatus
) -> None:
    assert a.merge(b).merge(c) is a.merge(b.merge(c))


@given(delivery_statuses)
def test_status_merge_is_idempotent(a: DeliveryStatus) -> None:
    assert a.merge(a) is a


@given(delivery_statuses, delivery_statuses)
def test_status_merge_is_an_upper_bound(a: DeliveryStatus, b: DeliveryStatus) -> None:
    joined = a.merge(b)
    assert joined.rank >= a.rank
    assert joined.rank >= b.rank
    assert joined in (a, b)


@given(st.lists(delivery_statuses, min_size=1), st.randoms(use_true_random=False))
def test_any_arrival_order_and_duplicates_converge(
    statuses: list[DeliveryStatus], rnd: object
) -> None:
    shuffled = statuses + statuses[: len(statuses) // 2]
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    assert reduce(S.merge, shuffled) is reduce(S.merge, statuses)


def test_a_late_delivered_never_overwrites_read() -> None:
    assert S.READ.merge(S.DELIVERED) is S.READ


@pytest.mark.parametrize("earlier", [S.PENDING, S.SENT])
def test_failed_wins_over_pending_and_sent(earlier: DeliveryStatus) -> None:
    assert S.FAILED.merge(earlier) is S.FAILED
    assert earlier.merge(S.FAILED) is S.FAILED


@pytest.mark.parametrize("proof", [S.DELIVERED, S.READ, S.PLAYED])
def test_proof_of_delivery_wins_over_a_failure_report(proof: DeliveryStatus) -> None:
    assert S.FAILED.merge(proof) is proof
    assert proof.is_delivered


@pytest.mark.parametrize("status", [S.PENDING, S.SENT, S.FAILED, S.DELETED])
def test_other_statuses_prove_no_delivery(status: DeliveryStatus) -> None:
    assert not status.is_delivered


def test_deleted_is_the_last_word() -> None:
    assert all(S.DELETED.merge(status) is S.DELETED for status in DeliveryStatus)


@pytest.mark.parametrize(
    ("status", "ticks"),
    [
        (S.PENDING, Ticks.IN_PREPARATION),
        (S.SENT, Ticks.ONE_GREY),
        (S.DELIVERED, Ticks.TWO_GREY),
        (S.READ, Ticks.TWO_BLUE),
        (S.PLAYED, Ticks.TWO_BLUE),
        (S.FAILED, Ticks.FAILED),
        (S.DELETED, Ticks.DELETED),
    ],
)
def test_ticks_shown_for_each_status(status: DeliveryStatus, ticks: Ticks) -> None:
    assert status.ticks is ticks
    assert Delivery(status=status).ticks is ticks


def test_ticks_read_as_the_helpdesk_words() -> None:
    assert Ticks.ONE_GREY.value == "one grey tick"
    assert Ticks.TWO_BLUE.value == "two blue ticks"


# -- Delivery: the record and its laws ---------------------------------------


@settings(max_examples=50)
@given(deliveries, deliveries)
def test_delivery_merge_is_commutative(a: Delivery, b: Delivery) -> None:
    assert a.merge(b) == b.merge(a)


@settings(max_examples=50)
@given(deliveries, deliveries, deliveries)
def test_delivery_merge_is_associative(a: Delivery, b: Delivery, c: Delivery) -> None:
    assert a.merge(b).merge(c) == a.merge(b.merge(c))


@settings(max_examples=50)
@given(deliveries)
def test_delivery_merge_is_idempotent(a: Delivery) -> None:
    assert a.merge(a) == a


@settings(max_examples=50)
@given(deliveries, deliveries)
def test_delivery_merge_never_loses_an_error(a: Delivery, b: Delivery) -> None:
    assert a.merge(b).errors == a.errors | b.errors


@settings(max_examples=50)
@given(deliveries, deliveries)
def test_delivery_merge_takes_the_status_join(a: Delivery, b: Delivery) -> None:
    assert a.merge(b).status is a.status.merge(b.status)


@settings(max_examples=50)
@given(st.lists(deliveries, min_size=1, max_size=6), st.randoms(use_true_random=False))
def test_combine_does_not_depend_on_order(records: list[Delivery], rnd: object) -> None:
    shuffled = list(records)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    assert Delivery.combine(shuffled) == Delivery.combine(records)


def test_combine_of_nothing_is_none() -> None:
    assert Delivery.combine([]) is None


def test_merge_with_nothing_new_returns_the_same_record() -> None:
    record = Delivery(status=S.READ, at=AT, errors=frozenset({EXPIRED}))
    assert record.merge(Delivery(status=S.SENT)) is record


def test_a_failure_reported_after_read_keeps_read_and_its_error() -> None:
    read = Delivery(status=S.READ, at=AT)
    failed = Delivery(status=S.FAILED, at=AT + timedelta(minutes=1), errors=frozenset({EXPIRED}))
    merged = read.merge(failed)
    assert merged.status is S.READ
    assert merged.at == AT
    assert merged.errors == {EXPIRED}


def test_the_time_is_that_of_the_winning_status() -> None:
    sent = Delivery(status=S.SENT, at=AT)
    delivered = Delivery(status=S.DELIVERED, at=AT + timedelta(seconds=5))
    assert sent.merge(delivered).at == AT + timedelta(seconds=5)
    assert delivered.merge(sent).at == AT + timedelta(seconds=5)


def test_a_duplicate_status_keeps_its_earliest_time() -> None:
    first = Delivery(status=S.DELIVERED, at=AT)
    again = Delivery(status=S.DELIVERED, at=AT + timedelta(minutes=3))
    assert first.merge(again).at == AT
    assert again.merge(first).at == AT
    assert Delivery(status=S.DELIVERED).merge(again).at == again.at
    assert again.merge(Delivery(status=S.DELIVERED)).at == again.at


def test_errors_are_listed_in_a_stable_order() -> None:
    record = Delivery(status=S.FAILED, errors=frozenset({EXPIRED, UNDELIVERABLE}))
    assert record.sorted_errors == (UNDELIVERABLE, EXPIRED)


def test_pricing_is_kept_from_either_side() -> None:
    pricing = Pricing(model="PMP", type="regular", category="utility", billable=True)
    with_pricing = Delivery(status=S.SENT, pricing=pricing)
    assert with_pricing.merge(Delivery(status=S.DELIVERED)).pricing == pricing
    assert Delivery(status=S.DELIVERED).merge(with_pricing).pricing == pricing


@given(pricings, pricings)
def test_the_pricing_kept_does_not_depend_on_order(a: Pricing, b: Pricing) -> None:
    first = Delivery(status=S.SENT, pricing=a).merge(Delivery(status=S.SENT, pricing=b))
    second = Delivery(status=S.SENT, pricing=b).merge(Delivery(status=S.SENT, pricing=a))
    assert first.pricing == second.pricing


def test_an_empty_pricing_field_is_not_the_same_as_a_missing_one() -> None:
    empty, missing = Pricing(model=""), Pricing(model=None)
    first = Delivery(status=S.SENT, pricing=empty).merge(Delivery(status=S.SENT, pricing=missing))
    second = Delivery(status=S.SENT, pricing=missing).merge(Delivery(status=S.SENT, pricing=empty))
    assert first.pricing == second.pricing == empty


# -- ErrorDetail and Pricing JSON --------------------------------------------


@given(error_details)
def test_error_detail_round_trips_through_json(error: ErrorDetail) -> None:
    assert ErrorDetail.from_dict(json.loads(json.dumps(error.to_dict()))) == error


def test_an_integer_error_code_is_kept_as_text() -> None:
    assert ErrorDetail.from_dict({"code": 131026}).code == "131026"


def test_an_integer_code_too_long_to_write_is_rejected() -> None:
    with pytest.raises(ValidationError, match="code"):
        ErrorDetail.from_dict({"code": 10**5000})


@pytest.mark.parametrize("code", [None, "", True, 1.5, []])
def test_an_error_needs_a_code(code: object) -> None:
    with pytest.raises(ValidationError, match="code"):
        ErrorDetail.from_dict({"code": code})


def test_an_error_detail_cannot_be_built_without_a_code() -> None:
    with pytest.raises(ValidationError, match="code"):
        ErrorDetail(code="")


def test_an_error_must_be_an_object() -> None:
    with pytest.raises(ValidationError, match="JSON object"):
        ErrorDetail.from_dict("131026")


def test_errors_from_reads_an_optional_list() -> None:
    assert errors_from({}, "event") == ()
    assert errors_from({"errors": None}, "event") == ()
    assert errors_from({"errors": [{"code": 470}]}, "event") == (ErrorDetail(code="470"),)


def test_errors_from_names_the_bad_entry() -> None:
    with pytest.raises(ValidationError) as raised:
        errors_from({"errors": [{"code": "1"}, {"title": "no code"}]}, "event")
    assert raised.value.field == "event.errors[1].code"


def test_errors_must_be_a_list() -> None:
    with pytest.raises(ValidationError, match="list"):
        errors_from({"errors": {"code": 1}}, "event")


@given(pricings)
def test_pricing_round_trips_through_json(pricing: Pricing) -> None:
    assert Pricing.from_dict(json.loads(json.dumps(pricing.to_dict()))) == pricing


def test_pricing_billable_must_be_a_boolean() -> None:
    with pytest.raises(ValidationError) as raised:
        Pricing.from_dict({"billable": "yes"})
    assert raised.value.field == "pricing.billable"
