"""decide_send: may this message be sent now, and if not why and what instead."""

from __future__ import annotations

from datetime import datetime, timedelta

import pendulum
import pytest

from wamsg import Customer, Outgoing, PhoneNumber, TemplateRef, Text, ValidationError
from wamsg.content import Image, Media
from wamsg.window import FREE_FORM, SendReason, WindowState, decide_send

from .helpers import BUSINESS, CUSTOMER, hour, received, sent

EMPTY = WindowState.empty(BUSINESS, CUSTOMER)
OPENED_AT_2 = EMPTY.fold([received(hour(2)), sent(hour(3)), sent(hour(4))])
AD_EXAMPLE = EMPTY.fold([received(hour(10), source_type="ad"), sent(hour(22), template="utility")])
TEXT = Outgoing(business=BUSINESS, customer=CUSTOMER, content=Text(body="Hello"))
TEMPLATE = Outgoing(
    business=BUSINESS,
    customer=CUSTOMER,
    content=TemplateRef(name="order_update", language="en_US", category="UTILITY"),
)


def test_free_form_is_allowed_while_the_window_is_open() -> None:
    decision = decide_send(OPENED_AT_2, TEXT, at=hour(25))
    assert decision.allowed
    assert decision.reason is SendReason.WINDOW_OPEN
    assert decision.closes_at == hour(26)
    assert not decision.template_required
    assert "open until 2026-11-03T02:00:00Z" in decision.message


def test_free_form_is_refused_with_template_required_once_closed() -> None:
    decision = decide_send(OPENED_AT_2, TEXT, at=hour(26))
    assert not decision.allowed
    assert decision.reason is SendReason.WINDOW_CLOSED
    assert decision.template_required
    assert decision.closes_at == hour(26)


def test_free_form_without_any_customer_message_needs_a_template() -> None:
    decision = decide_send(EMPTY, FREE_FORM, at=hour(1))
    assert decision.reason is SendReason.NO_WINDOW
    assert not decision.allowed
    assert decision.opens_at is None
    assert decision.closes_at is None


def test_free_form_inside_the_margin_is_refused_as_closing() -> None:
    decision = decide_send(OPENED_AT_2, TEXT, at=hour(25.99), margin=timedelta(minutes=2))
    assert decision.reason is SendReason.WINDOW_CLOSING
    assert not decision.allowed


@pytest.mark.parametrize("at", [hour(1), hour(3), hour(30)])
def test_templates_are_allowed_inside_and_outside_the_window(at: datetime) -> None:
    assert decide_send(OPENED_AT_2, TEMPLATE, at=at).allowed


def test_template_reason_says_where_it_is_sent() -> None:
    assert decide_send(OPENED_AT_2, TEMPLATE, at=hour(3)).reason is SendReason.WINDOW_OPEN
    outside = decide_send(OPENED_AT_2, "marketing", at=hour(30))
    assert outside.reason is SendReason.TEMPLATE_OUTSIDE_WINDOW
    assert outside.template_required


def test_a_template_the_caller_says_is_not_approved_is_refused() -> None:
    decision = decide_send(OPENED_AT_2, TEMPLATE, at=hour(30), approved=False)
    assert decision.reason is SendReason.TEMPLATE_NOT_APPROVED
    assert not decision.allowed
    assert decide_send(OPENED_AT_2, TEMPLATE, at=hour(30), approved=True).allowed


def test_approval_is_ignored_for_free_form_messages() -> None:
    assert decide_send(OPENED_AT_2, TEXT, at=hour(3), approved=False).allowed


def test_meta_ad_example_free_form_until_next_morning_and_free_for_72_hours() -> None:
    before = decide_send(AD_EXAMPLE, TEXT, at=hour(34) - timedelta(seconds=1))
    assert before.allowed
    assert before.free_entry_point
    assert before.free_entry_point_closes_at == hour(94)
    after = decide_send(AD_EXAMPLE, TEXT, at=hour(34))
    assert not after.allowed
    assert after.free_entry_point
    template = decide_send(AD_EXAMPLE, "marketing", at=hour(94) - timedelta(seconds=1))
    assert template.allowed
    assert template.free_entry_point
    assert "free entry point" in template.message
    assert not decide_send(AD_EXAMPLE, "marketing", at=hour(94)).free_entry_point


def test_the_ad_message_itself_is_not_in_the_free_entry_point() -> None:
    decision = decide_send(AD_EXAMPLE, TEXT, at=hour(11))
    assert decision.allowed
    assert not decision.free_entry_point


def test_margin_also_closes_the_free_entry_point_early() -> None:
    late = hour(94) - timedelta(minutes=1)
    assert not decide_send(
        AD_EXAMPLE, "utility", at=late, margin=timedelta(minutes=2)
    ).free_entry_point


def test_any_content_kind_is_free_form() -> None:
    image = Outgoing(business=BUSINESS, customer=CUSTOMER, content=Image(media=Media(id="1")))
    assert decide_send(OPENED_AT_2, image, at=hour(30)).reason is SendReason.WINDOW_CLOSED


def test_decision_as_of_an_earlier_time_ignores_later_messages() -> None:
    state = OPENED_AT_2.apply(received(hour(40)))
    assert decide_send(state, TEXT, at=hour(30)).reason is SendReason.WINDOW_CLOSED
    assert decide_send(state, TEXT, at=hour(41)).allowed
    assert decide_send(state, TEXT, at=hour(1)).reason is SendReason.NO_WINDOW
    closing = decide_send(state, TEXT, at=hour(25.99), margin=timedelta(minutes=2))
    assert closing.reason is SendReason.WINDOW_CLOSING
    assert decide_send(state, TEXT, at=hour(25)).allowed


def test_decision_as_of_an_earlier_free_entry_point() -> None:
    state = AD_EXAMPLE.apply(received(hour(200)))
    decision = decide_send(state, "utility", at=hour(50))
    assert decision.free_entry_point
    assert decision.free_entry_point_closes_at == hour(94)


def test_repeated_decisions_return_the_same_memoised_answer() -> None:
    assert decide_send(OPENED_AT_2, TEXT, at=hour(5)) is decide_send(OPENED_AT_2, TEXT, at=hour(6))


def test_pendulum_times_and_margins_are_accepted() -> None:
    at = pendulum.instance(hour(25)).in_timezone("America/New_York")
    assert decide_send(OPENED_AT_2, TEXT, at=at, margin=pendulum.duration(minutes=2)).allowed


def test_naive_time_is_rejected() -> None:
    with pytest.raises(ValidationError, match="naive"):
        decide_send(OPENED_AT_2, TEXT, at=datetime(2026, 11, 2, 3))


def test_bad_inputs_raise_validation_errors_naming_the_field() -> None:
    with pytest.raises(ValidationError, match=r"^at"):
        decide_send(OPENED_AT_2, TEXT, at="2026-11-02T03:00:00Z")  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match=r"^margin"):
        decide_send(OPENED_AT_2, TEXT, at=hour(3), margin=timedelta(minutes=-1))
    with pytest.raises(ValidationError, match=r"^margin"):
        decide_send(OPENED_AT_2, TEXT, at=hour(3), margin=2)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match=r"^approved"):
        decide_send(OPENED_AT_2, TEMPLATE, at=hour(3), approved="yes")  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match=r"^outgoing"):
        decide_send(OPENED_AT_2, "", at=hour(3))
    with pytest.raises(ValidationError, match=r"^outgoing"):
        decide_send(OPENED_AT_2, 42, at=hour(3))  # type: ignore[arg-type]


def test_an_outgoing_message_for_another_pair_is_rejected() -> None:
    stranger = Outgoing(business=BUSINESS, customer=Customer(phone="+358401234567"),
                        content=Text(body="hi"))  # fmt: skip
    with pytest.raises(ValidationError, match=r"^outgoing.customer"):
        decide_send(OPENED_AT_2, stranger, at=hour(3))
    other_number = Outgoing(business=PhoneNumber.parse("+15550783882"), customer=CUSTOMER,
                            content=Text(body="hi"))  # fmt: skip
    with pytest.raises(ValidationError, match=r"^outgoing.business"):
        decide_send(OPENED_AT_2, other_number, at=hour(3))
    unknown_number = Outgoing(business=None, customer=CUSTOMER, content=Text(body="hi"))
    assert decide_send(OPENED_AT_2, unknown_number, at=hour(3)).allowed


def test_decision_json_form_has_every_fact() -> None:
    data = decide_send(AD_EXAMPLE, TEXT, at=hour(23)).to_dict()
    assert data == {
        "allowed": True,
        "reason": "window_open",
        "message": data["message"],
        "template_required": False,
        "customer_service_window_open": True,
        "opens_at": "2026-11-02T10:00:00Z",
        "closes_at": "2026-11-03T10:00:00Z",
        "free_entry_point": True,
        "free_entry_point_closes_at": "2026-11-05T22:00:00Z",
    }
    assert decide_send(EMPTY, TEXT, at=hour(1)).to_dict()["closes_at"] is None


def test_decision_as_of_a_time_after_an_earlier_free_entry_point_closed() -> None:
    state = AD_EXAMPLE.apply(received(hour(200)))
    decision = decide_send(state, "utility", at=hour(150))
    assert not decision.free_entry_point
    assert decision.free_entry_point_closes_at is None
