"""Reconciliation against the provider's reported pricing."""

from __future__ import annotations

from datetime import datetime

from wamsg._internal.json import JsonObject
from wamsg.billing import BillingAccount, Disagreement, bill_events, reconcile
from wamsg.events import MessageStatus

from .events import events, pricing, received, sent, status
from .helpers import UTC

H0 = datetime(2026, 3, 2, 8, tzinfo=UTC)
ACCOUNT = BillingAccount()


def _reconcile(dicts: list[JsonObject]) -> tuple[Disagreement, ...]:
    evs = events(dicts)
    bill = bill_events(evs, account=ACCOUNT)
    return reconcile(bill, [e for e in evs if isinstance(e, MessageStatus)])


def test_matching_pricing_gives_no_disagreement_and_both_spellings_are_accepted() -> None:
    dicts = [
        sent("a", H0, "authentication-international"),
        status("a", H0, "sent", pricing("regular", "authentication-international", True)),
        status("a", H0, "delivered", pricing("regular", "authentication_international", True)),
        received("in", H0),
        sent("u", H0.replace(hour=9), "utility"),
        status(
            "u", H0.replace(hour=9), "read", pricing("free_customer_service", "utility", False)
        ),
    ]
    assert _reconcile(dicts) == ()


def test_disagreements_are_listed_per_field() -> None:
    dicts = [
        sent("m", H0, "marketing"),
        status("m", H0, "delivered", pricing("free_customer_service", "utility", False)),
    ]
    found = _reconcile(dicts)
    assert {(d.field, d.expected, d.reported) for d in found} == {
        ("type", "regular", "free_customer_service"),
        ("category", "marketing", "utility"),
        ("billable", "true", "false"),
    }


def test_a_null_field_is_not_compared_and_model_is() -> None:
    dicts = [
        sent("m", H0, "marketing"),
        status(
            "m",
            H0,
            "delivered",
            {"model": "CBP", "type": None, "category": None, "billable": None},
        ),
    ]
    assert [(d.field, d.reported) for d in _reconcile(dicts)] == [("model", "cbp")]


def test_pricing_of_unbilled_messages_is_ignored() -> None:
    dicts = [sent("m", H0, "marketing"), status("m", H0, "sent", pricing("x", "y", True))]
    assert _reconcile(dicts) == ()


def test_free_tier_service_accepts_either_documented_type() -> None:
    when = datetime(2026, 11, 2, 8, tzinfo=UTC)
    dicts = [
        received("in", when),
        sent("s", when.replace(hour=9), None),
        status("s", when.replace(hour=9), "delivered", pricing("free_tier", "service", False)),
        status(
            "s", when.replace(hour=9), "read", pricing("free_customer_service", "service", False)
        ),
    ]
    assert _reconcile(dicts) == ()


def test_cbp_messages_inside_a_conversation_compare_model_and_category() -> None:
    when = datetime(2024, 3, 4, 8, tzinfo=UTC)
    dicts = [
        sent("a", when, "utility"),
        status("a", when, "delivered", pricing("regular", "utility", True, "CBP")),
        sent("b", when.replace(hour=10), "utility"),
        status(
            "b",
            when.replace(hour=10),
            "delivered",
            {"model": "CBP", "type": None, "category": "utility", "billable": True},
        ),
    ]
    assert _reconcile(dicts) == ()


def test_the_same_pricing_reported_twice_is_compared_once() -> None:
    report: JsonObject = {
        "model": None,
        "type": "free_customer_service",
        "category": "marketing",
        "billable": True,
    }
    dicts = [
        sent("m", H0, "marketing"),
        status("m", H0, "delivered", report),
        status("m", H0, "read", report),
    ]
    assert [d.field for d in _reconcile(dicts)] == ["type"]
