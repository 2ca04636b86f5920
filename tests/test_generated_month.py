"""``wamsg.testing.generated_month``: a realistic month, the same for the same seed."""

from __future__ import annotations

from collections import Counter

import pytest

from wamsg import ValidationError, event_from_dict
from wamsg.billing import bill_events
from wamsg.testing import MONTH_BUSINESSES, generated_month


def test_a_month_holds_every_kind_of_record_of_a_busy_helpdesk() -> None:
    records = generated_month("2026-11", customers=60, seed=4)
    kinds = Counter(record["type"] for record in records)
    assert set(kinds) == {
        "message.received",
        "message.sent",
        "message.status",
        "conversation.read",
    }
    assert kinds["message.status"] > kinds["message.sent"] > kinds["message.received"]
    assert {r["business"] for r in records if r["type"] == "message.sent"} == set(MONTH_BUSINESSES)
    events = [event_from_dict(record) for record in records]
    bill = bill_events(events, month="2026-11")
    assert bill.charges
    assert bill.undelivered
    assert bill.unpriced  # customers known only by a user id


def test_the_same_arguments_give_the_same_records_and_another_seed_others() -> None:
    first = generated_month("2026-02", customers=20, seed=1)
    assert first == generated_month("2026-02", customers=20, seed=1)
    assert first != generated_month("2026-02", customers=20, seed=2)
    december = generated_month("2026-12", customers=20, seed=1)
    assert any(str(r["occurred_at"]).startswith("2027-01-01") for r in december)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"month": "2026-13"}, "month"),
        ({"customers": 0}, "customers"),
        ({"customers": "10"}, "customers"),
        ({"seed": 1.5}, "seed"),
    ],
)
def test_bad_arguments_are_a_validation_error_naming_them(
    kwargs: dict[str, object], field: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        generated_month(**kwargs)  # type: ignore[arg-type]
    assert caught.value.field == field
