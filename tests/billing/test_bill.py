"""Bills from canonical events: delivery, deduplication, windows from the fold."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wamsg._internal.json import JsonObject
from wamsg.billing import UNKNOWN, BillingAccount, RateCards, Reason, bill_events, packaged_cards
from wamsg.errors import ValidationError

from .events import delivered_send, events, pricing, received, sent, status
from .helpers import UTC

H0 = datetime(2026, 11, 2, 8, tzinfo=UTC)
HELSINKI = BillingAccount(time_zone="Europe/Helsinki")


def _h(hours: float) -> datetime:
    return H0 + timedelta(hours=hours)


def _meta_example(h0: datetime) -> list[JsonObject]:
    def h(hours: float) -> datetime:
        return h0 + timedelta(hours=hours)

    return [
        *delivered_send("m1", h(0), "marketing"),
        received("in1", h(2)),
        *delivered_send("m2", h(3), None),
        *delivered_send("m3", h(4), "utility"),
        *delivered_send("m4", h(30), "utility"),
    ]


def test_meta_example_from_events_charges_two_messages_in_2025() -> None:
    bill = bill_events(
        events(_meta_example(datetime(2025, 11, 3, 8, tzinfo=UTC))),
        account=HELSINKI,
    )
    reasons = {m.charge.message_id: m.reason for m in bill.charges}
    assert reasons == {
        "m1": Reason.REGULAR,
        "m2": Reason.FREE_CUSTOMER_SERVICE,
        "m3": Reason.FREE_CUSTOMER_SERVICE,
        "m4": Reason.REGULAR,
    }
    assert bill.invoice.billable == 2
    assert bill.month == "2025-11"
    # 2025-10-01 card, North America: marketing 0.0250 + utility 0.0040
    assert bill.invoice.total == Decimal("0.0290")


def test_meta_example_from_events_in_november_2026_charges_all_but_the_free_service() -> None:
    bill = bill_events(events(_meta_example(H0)), account=HELSINKI)
    reasons = {m.charge.message_id: m.reason for m in bill.charges}
    assert reasons == {
        "m1": Reason.REGULAR,
        "m2": Reason.FREE_TIER,
        "m3": Reason.REGULAR,
        "m4": Reason.REGULAR,
    }
    # 2026-10-01 card (carried forward), North America: 0.0250 + 2 × 0.0034
    assert bill.invoice.total == Decimal("0.0318")
    amounts = [m.amount for m in bill.charges]
    assert sum((a for a in amounts if isinstance(a, Decimal)), Decimal(0)) == bill.invoice.total


def test_pricing_on_several_statuses_is_charged_once() -> None:
    price = pricing("regular", "marketing", True)
    dicts = [
        sent("m1", H0, "marketing"),
        status("m1", _h(0.1), "sent", price),
        status("m1", _h(0.2), "delivered", price),
        status("m1", _h(0.3), "read", price),
        status("m1", _h(0.3), "read", price),
    ]
    bill = bill_events(events(dicts), account=HELSINKI)
    assert [m.charge.message_id for m in bill.charges] == ["m1"]
    assert bill.invoice.billable == 1


def test_failed_and_undelivered_templates_are_not_charged() -> None:
    dicts = [
        sent("f", H0, "marketing"),
        status("f", _h(0.1), "failed"),
        sent("s", H0, "marketing"),
        status("s", _h(0.1), "sent"),
        sent("r", _h(1), "marketing"),
        status("r", _h(1.1), "read"),
    ]
    bill = bill_events(events(dicts), account=HELSINKI)
    assert [m.charge.message_id for m in bill.charges] == ["r"]
    assert bill.undelivered == ("f", "s")


def test_free_entry_point_window_is_learned_from_an_ad_referral() -> None:
    dicts = [
        received("ad", H0, ad=True),
        *delivered_send("reply", _h(12), "marketing"),
        *delivered_send("later", _h(60), "marketing"),
        *delivered_send("after", _h(12 + 73), "marketing"),
    ]
    bill = bill_events(events(dicts), account=HELSINKI)
    reasons = {m.charge.message_id: m.reason for m in bill.charges}
    assert reasons == {
        "reply": Reason.FREE_ENTRY_POINT,
        "later": Reason.FREE_ENTRY_POINT,
        "after": Reason.REGULAR,
    }


def test_customers_without_a_phone_number_are_listed_as_unpriced() -> None:
    dicts = [
        sent("b", H0, "marketing", customer=None, user_id="US.13491208655302741918"),
        status("b", _h(1), "delivered"),
    ]
    bill = bill_events(events(dicts), account=HELSINKI)
    assert bill.unpriced == ("b",)
    assert bill.charges == ()


def test_messages_of_other_months_are_left_out_and_the_month_is_explicit() -> None:
    dicts = [
        *delivered_send("oct", datetime(2026, 10, 20, tzinfo=UTC), "marketing"),
        *delivered_send("nov", H0, "marketing"),
    ]
    bill = bill_events(events(dicts), account=HELSINKI, month="2026-11")
    assert [m.charge.message_id for m in bill.charges] == ["nov"]
    assert bill_events([], account=HELSINKI, month="2026-11").charges == ()


def test_without_a_month_the_latest_events_month_is_billed() -> None:
    dicts = [
        *delivered_send("oct", datetime(2026, 10, 20, tzinfo=UTC), "marketing"),
        received("late", datetime(2026, 12, 1, 9, tzinfo=UTC)),
    ]
    assert bill_events(events(dicts), account=HELSINKI).month == "2026-12"


def test_without_a_month_or_any_time_the_month_must_be_named() -> None:
    with pytest.raises(ValidationError, match="no event has a time"):
        bill_events([], account=HELSINKI)


def test_the_month_filters_the_undelivered_and_unpriced_lists_too() -> None:
    dicts = [
        sent("oct-undelivered", datetime(2026, 10, 20, tzinfo=UTC), "marketing"),
        sent("nov-undelivered", H0, "marketing"),
        *delivered_send("oct-bsuid", datetime(2026, 10, 21, tzinfo=UTC), "utility"),
    ]
    dicts[-3]["customer"] = {"phone": None, "user_id": "US.13491208655302741918", "name": None}
    bill = bill_events(events(dicts), account=HELSINKI, month="2026-11")
    assert bill.undelivered == ("nov-undelivered",)
    assert bill.unpriced == ()
    october = bill_events(events(dicts), account=HELSINKI, month="2026-10")
    assert october.undelivered == ("oct-undelivered",)
    assert october.unpriced == ("oct-bsuid",)


@given(st.permutations(range(5)))
def test_a_send_recorded_twice_across_the_window_close_bills_the_same_in_any_order(
    order: list[int],
) -> None:
    """The helpdesk's record and the provider's echo disagree on the send time; the
    earlier record is kept, whatever the arrival order."""
    opened = datetime(2026, 9, 2, 8, tzinfo=UTC)  # utility is free in the CSW until 2026-10
    inside = opened + timedelta(hours=23, minutes=59)
    echo = sent("m1", opened + timedelta(hours=24, minutes=1), "utility")
    dicts = [
        received("in1", opened),
        sent("m1", inside, "utility"),
        echo,
        status("m1", inside + timedelta(minutes=3), "sent"),
        status("m1", inside + timedelta(minutes=4), "delivered"),
    ]
    bill = bill_events(events([dicts[i] for i in order]), month="2026-09")
    (charge,) = bill.charges
    assert charge.charge.at == inside
    assert charge.reason is Reason.FREE_CUSTOMER_SERVICE


def test_unknown_rates_are_reported_not_zero() -> None:
    bill = bill_events(events(_meta_example(H0)), account=BillingAccount(currency="EUR"))
    data = bill.to_dict()
    assert data["currency"] == "EUR"
    assert data["rate_card"] is None
    assert data["total"] == "0"
    assert data["complete"] is False
    unknown = data["unknown_rates"]
    assert isinstance(unknown, list)
    assert {"market": "North America", "category": "marketing", "count": 1} in unknown
    assert all(m.amount is UNKNOWN for m in bill.charges if m.reason is Reason.REGULAR)


def test_caller_cards_replace_the_packaged_ones() -> None:
    mine = packaged_cards().cards[0]
    only_inr = RateCards([mine])
    bill = bill_events(events(_meta_example(H0)), account=HELSINKI, cards=only_inr)
    assert bill.invoice.card is None


def test_json_form_has_the_documented_keys() -> None:
    data = bill_events(events(_meta_example(H0)), account=HELSINKI).to_dict()
    assert {"month", "currency", "total", "charges", "lines", "unknown_rates"} <= set(data)
    charges = data["charges"]
    assert isinstance(charges, list)
    assert charges[0] == {
        "message_id": "m1",
        "business": "+15550783881",
        "recipient": "+16505551234",
        "market": "North America",
        "category": "marketing",
        "reason": "regular",
        "amount": "0.0250",
    }


def test_which_month_a_send_recorded_twice_falls_in_does_not_depend_on_order() -> None:
    first = sent("m1", datetime(2026, 10, 31, 23, tzinfo=UTC), "marketing")
    second = sent("m1", datetime(2026, 11, 1, 1, tzinfo=UTC), "marketing")
    forward = bill_events(events([first, second]), month="2026-11")
    backward = bill_events(events([second, first]), month="2026-11")
    assert forward.undelivered == backward.undelivered == ()
    october = bill_events(events([second, first]), month="2026-10")
    assert october.undelivered == ("m1",)
