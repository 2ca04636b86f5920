"""``can_send_now``: the one gate before a send, each reason code in one test."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

import pytest

from tests.limits.helpers import A, B, delivered, received, template, user, utc
from wamsg import Customer, PhoneNumber
from wamsg.accounts import BusinessNumber, HealthCanSend, NumberStatus
from wamsg.errors import ValidationError
from wamsg.events.account_values import LimitTier
from wamsg.limits import (
    AttachmentSettings,
    GatePolicy,
    GateReason,
    LimitBook,
    LimitLedger,
    OutgoingMedia,
    PairClock,
    can_send_now,
)
from wamsg.window import FREE_FORM, WindowState

NOW = utc(2026, 3, 2, 12)
NUMBER = BusinessNumber(phone=A, phone_number_id="106540352242922", waba="waba-1")
GERMAN = Customer(phone="+4915112345678")
NEW_YORK = Customer(phone="+12125550100")


def window(customer: Customer, wrote_at: datetime | None = None) -> WindowState:
    """The pair's window state: the customer wrote at ``wrote_at`` (None: never)."""
    state = WindowState.empty(A, customer)
    return state if wrote_at is None else state.apply(received(wrote_at, customer))


def gate(customer: Customer = GERMAN, *, send: str = "utility", **options: Any) -> Any:
    """The gate at NOW for ``customer``, the window closed, an empty ledger at 250."""
    arguments: dict[str, Any] = {
        "number": NUMBER,
        "customer": customer,
        "at": NOW,
        "send": send,
        "window": window(customer),
        "usage": LimitLedger(),
        "limit": LimitTier.TIER_250,
    }
    arguments.update(options)
    return can_send_now(**arguments)


def full_ledger(at: datetime, count: int = 250) -> LimitLedger:
    ledger = LimitLedger()
    for i in range(count):
        ledger.record(user(i).key, at)
    return ledger


def test_a_template_outside_the_window_with_room_is_within_limit_and_counts() -> None:
    decision = gate()
    assert decision.allowed
    assert decision.reason is GateReason.WITHIN_LIMIT
    assert decision.counts_against_limit
    assert decision.retry_at is None
    assert decision.facts["used"] == 0
    assert decision.facts["remaining"] == 250


def test_a_customer_already_counted_costs_nothing() -> None:
    ledger = full_ledger(NOW - timedelta(hours=3))
    decision = gate(user(7), usage=ledger, window=window(user(7)))
    assert decision.allowed
    assert decision.reason is GateReason.ALREADY_COUNTED
    assert not decision.counts_against_limit


def test_an_unlimited_tier_lets_a_new_customer_through() -> None:
    decision = gate(limit=LimitTier.TIER_UNLIMITED)
    assert decision.reason is GateReason.UNLIMITED
    assert decision.allowed
    assert decision.counts_against_limit
    assert decision.facts["remaining"] is None


def test_inside_an_open_window_a_send_does_not_count() -> None:
    open_window = window(GERMAN, NOW - timedelta(hours=2))
    for send in (FREE_FORM, "utility"):
        decision = gate(send=send, window=open_window, usage=full_ledger(NOW))
        assert decision.allowed
        assert decision.reason is GateReason.WINDOW_OPEN
        assert not decision.counts_against_limit


def test_free_form_outside_a_window_is_window_closed() -> None:
    decision = gate(send=FREE_FORM, window=window(GERMAN, NOW - timedelta(hours=25)))
    assert not decision.allowed
    assert decision.reason is GateReason.WINDOW_CLOSED
    assert decision.retry_at is None
    assert decision.facts["window_open"] is False


def test_free_form_inside_the_safety_margin_is_window_closed() -> None:
    wrote = NOW - timedelta(hours=23, minutes=59)
    decision = gate(send=FREE_FORM, window=window(GERMAN, wrote), margin=timedelta(minutes=2))
    assert decision.reason is GateReason.WINDOW_CLOSED


def test_a_template_the_caller_says_is_not_approved_is_refused() -> None:
    decision = gate(approved=False)
    assert decision.reason is GateReason.TEMPLATE_NOT_APPROVED
    assert not decision.allowed


def test_a_full_limit_refuses_a_new_customer_until_the_oldest_slot_frees() -> None:
    counted_at = NOW - timedelta(hours=3)
    decision = gate(usage=full_ledger(counted_at))
    assert not decision.allowed
    assert decision.reason is GateReason.LIMIT_REACHED
    assert decision.retry_at == counted_at + timedelta(hours=24)
    assert decision.facts["next_slot_at"] == "2026-03-03T09:00:00Z"


def test_a_number_that_is_not_connected_cannot_send() -> None:
    banned = BusinessNumber(
        phone=A, phone_number_id="1", waba="waba-1", status=NumberStatus.BANNED
    )
    decision = gate(number=banned, send=FREE_FORM, window=window(GERMAN, NOW))
    assert decision.reason is GateReason.NUMBER_NOT_CONNECTED
    assert not decision.allowed
    assert "BANNED" in decision.message


def test_a_restricted_number_may_reply_but_not_start() -> None:
    restricted = BusinessNumber(
        phone=A, phone_number_id="1", waba="waba-1", status=NumberStatus.RESTRICTED
    )
    assert gate(number=restricted).reason is GateReason.NUMBER_NOT_CONNECTED
    reply = gate(number=restricted, send=FREE_FORM, window=window(GERMAN, NOW))
    assert reply.allowed
    assert reply.reason is GateReason.WINDOW_OPEN


def test_health_blocked_refuses_and_limited_only_by_policy() -> None:
    assert gate(health=HealthCanSend.BLOCKED).reason is GateReason.HEALTH_BLOCKED
    assert gate(health=HealthCanSend.LIMITED).allowed
    strict = GatePolicy(limited_health_blocks=True)
    limited = gate(health=HealthCanSend.LIMITED, gate_policy=strict)
    assert limited.reason is GateReason.HEALTH_BLOCKED
    assert gate(health=HealthCanSend.UNKNOWN).allowed  # an unknown value is kept, not blocking


def test_w56_classification_enforcement_refuses_templates_but_not_a_reply_in_the_window() -> None:
    until = NOW + timedelta(days=3)
    refused = gate(enforcement_until=until)
    assert refused.reason is GateReason.CLASSIFICATION_ENFORCEMENT
    assert refused.retry_at == until
    in_window = gate(enforcement_until=until, window=window(GERMAN, NOW - timedelta(hours=1)))
    assert in_window.reason is GateReason.CLASSIFICATION_ENFORCEMENT  # a template, even inside
    reply = gate(
        send=FREE_FORM, enforcement_until=until, window=window(GERMAN, NOW - timedelta(hours=1))
    )
    assert reply.allowed
    assert reply.reason is GateReason.WINDOW_OPEN
    strict = GatePolicy(enforcement_allows_replies=False)
    assert (
        gate(
            send=FREE_FORM,
            enforcement_until=until,
            window=window(GERMAN, NOW - timedelta(hours=1)),
            gate_policy=strict,
        ).reason
        is GateReason.CLASSIFICATION_ENFORCEMENT
    )
    assert gate(enforcement_until=NOW).allowed  # the enforcement has ended


def test_marketing_to_a_us_number_is_not_delivered() -> None:
    decision = gate(NEW_YORK, send="marketing", window=window(NEW_YORK))
    assert decision.reason is GateReason.MARKETING_NOT_DELIVERED_US
    assert not decision.allowed
    assert decision.facts["marketing"] == "marketing_not_delivered_us"
    assert gate(NEW_YORK, send="utility", window=window(NEW_YORK)).allowed


def test_marketing_after_a_131049_waits_for_the_cool_down() -> None:
    hit = NOW - timedelta(hours=1)
    decision = gate(send="marketing", last_131049_at=hit)
    assert decision.reason is GateReason.MARKETING_COOL_DOWN
    assert decision.retry_at == hit + timedelta(hours=24)


def test_a_spent_pair_burst_is_pair_rate_with_the_moment_it_has_room() -> None:
    clock = PairClock.replay([NOW] * 45)
    decision = gate(pair=clock)
    assert decision.reason is GateReason.PAIR_RATE
    assert not decision.allowed
    assert decision.retry_at is not None
    assert clock.send(decision.retry_at).allowed
    assert not clock.send(decision.retry_at - timedelta(microseconds=1)).allowed
    assert gate(pair=PairClock.replay([NOW] * 20)).facts["pair"]["borrowing"] is True


def test_a_file_whatsapp_refuses_is_media_refused() -> None:
    big = OutgoingMedia(kind="image", mime_type="image/jpeg", size_bytes=6 * 1024 * 1024)
    decision = gate(media=big)
    assert decision.reason is GateReason.MEDIA_REFUSED
    assert decision.facts["media"] == "too_large"


def test_a_channel_without_agent_attachments_is_attachments_off() -> None:
    photo = OutgoingMedia(kind="image", mime_type="image/png", size_bytes=1_000)
    off = AttachmentSettings(customers=True, agents=False)
    decision = gate(media=photo, attachments=off)
    assert decision.reason is GateReason.ATTACHMENTS_OFF
    assert gate(media=photo, attachments=AttachmentSettings(agents=True, customers=False)).allowed


def test_the_checks_run_in_the_order_of_d27() -> None:
    banned = BusinessNumber(
        phone=A, phone_number_id="1", waba="waba-1", status=NumberStatus.BANNED
    )
    everything_wrong: dict[str, Any] = {
        "number": banned,
        "health": HealthCanSend.BLOCKED,
        "enforcement_until": NOW + timedelta(hours=1),
        "approved": False,
        "usage": full_ledger(NOW),
        "last_131049_at": NOW,
        "pair": PairClock.replay([NOW] * 45),
        "media": OutgoingMedia(kind="image", mime_type="image/gif", size_bytes=1),
    }
    order = [
        ("number", GateReason.NUMBER_NOT_CONNECTED),
        ("health", GateReason.HEALTH_BLOCKED),
        ("enforcement_until", GateReason.CLASSIFICATION_ENFORCEMENT),
        ("approved", GateReason.TEMPLATE_NOT_APPROVED),
        ("usage", GateReason.LIMIT_REACHED),
        ("last_131049_at", GateReason.MARKETING_COOL_DOWN),
        ("pair", GateReason.PAIR_RATE),
        ("media", GateReason.MEDIA_REFUSED),
    ]
    for index, (_, reason) in enumerate(order):
        options = dict(everything_wrong)
        for field, _ in order[:index]:
            options.pop(field)
        assert gate(send="marketing", **options).reason is reason


def test_with_a_book_the_era_picks_the_portfolio_or_the_number() -> None:
    at = utc(2025, 11, 3, 10)
    events = [
        e for i in range(250) for e in (template(f"m{i}", at, user(i)), delivered(f"m{i}", at))
    ]
    book = LimitBook.empty(numbers=[A, B]).fold(events)
    from_b = BusinessNumber(phone=B, phone_number_id="2", waba="waba-1")
    w6 = gate(
        user(9_999), number=from_b, at=at, usage=book, window=WindowState.empty(B, user(9_999))
    )
    assert w6.reason is GateReason.LIMIT_REACHED
    assert w6.facts["scope"] == "portfolio"
    june = utc(2024, 6, 1, 12)
    old = LimitBook.empty(numbers=[A, B]).fold(
        [
            e
            for i in range(250)
            for e in (template(f"o{i}", june, user(i)), delivered(f"o{i}", june))
        ]
    )
    w7 = gate(
        user(9_999), number=from_b, at=june, usage=old, window=WindowState.empty(B, user(9_999))
    )
    assert w7.reason is GateReason.WITHIN_LIMIT
    assert w7.facts["scope"] == "number"
    assert w7.facts["era"] == "E4"


def test_a_book_that_saw_a_window_the_callers_state_did_not_still_counts() -> None:
    book = LimitBook.empty(numbers=[A]).apply(received(NOW - timedelta(hours=1), GERMAN))
    decision = gate(usage=book)
    assert decision.reason is GateReason.WITHIN_LIMIT
    assert decision.counts_against_limit


def test_to_dict_is_json_and_names_every_field() -> None:
    decision = gate(usage=full_ledger(NOW - timedelta(hours=1)))
    data = decision.to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["reason"] == "limit_reached"
    assert data["retry_at"] == "2026-03-03T11:00:00Z"
    assert set(data) == {
        "allowed",
        "reason",
        "counts_against_limit",
        "retry_at",
        "message",
        "facts",
    }


def test_every_reason_code_is_stable_lower_case() -> None:
    assert all(reason.value == reason.value.lower() for reason in GateReason)
    assert {r.value for r in GateReason} >= {
        "within_limit",
        "already_counted",
        "window_open",
        "window_closed",
        "limit_reached",
        "number_not_connected",
        "health_blocked",
        "classification_enforcement",
        "marketing_not_delivered_us",
        "marketing_cool_down",
        "pair_rate",
        "media_refused",
        "attachments_off",
    }


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("number", "+15550783881"),
        ("customer", "+4915112345678"),
        ("window", None),
        ("usage", None),
        ("send", "transactional"),
        ("send", 3),
        ("at", datetime(2026, 3, 2, 12)),
        ("health", "BLOCKED"),
        ("pair", NOW),
        ("media", {"kind": "image"}),
        ("attachments", True),
        ("enforcement_until", "tomorrow"),
        ("gate_policy", None),
        ("limit", LimitTier.TIER_NOT_SET),
    ],
)
def test_wrong_arguments_are_a_validation_error_naming_the_field(
    field: str, value: object
) -> None:
    with pytest.raises(ValidationError) as raised:
        gate(**{field: value})  # type: ignore[arg-type]
    assert raised.value.field == field


def test_a_window_of_another_pair_is_refused_as_bad_input() -> None:
    with pytest.raises(ValidationError) as raised:
        gate(window=window(NEW_YORK))
    assert raised.value.field == "window"
    other = WindowState.empty(PhoneNumber.parse("+15550783882"), GERMAN)
    with pytest.raises(ValidationError):
        gate(window=other)


def test_a_category_is_read_in_any_case() -> None:
    assert gate(send="UTILITY").facts["send"] == "utility"
    assert gate(send="Free_Form", window=window(GERMAN, NOW)).reason is GateReason.WINDOW_OPEN
