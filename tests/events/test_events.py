"""Events: the closed family, the canonical JSON form, and its reader."""

from __future__ import annotations

import contextlib
import copy
import json
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.strategies import events, extras, json_objects, json_values
from wamsg import (
    Customer,
    Delivery,
    DeliveryStatus,
    Direction,
    Event,
    Message,
    MessageReceived,
    MessageSent,
    MessageStatus,
    PhoneNumber,
    TemplateRef,
    Text,
    UnknownEvent,
    ValidationError,
    event_from_dict,
)
from wamsg._internal.json import Json, JsonObject
from wamsg.delivery import ErrorDetail, Pricing
from wamsg.events import (
    AccountUpdate,
    ConversationRead,
    TemplateCategoryChanged,
    TemplateIdentity,
    TemplateQualityChanged,
    TemplateStatusChanged,
)
from wamsg.events._readers import read_event_header, unknown_parts
from wamsg.messages import Referral

UTC = timezone.utc
AT = datetime(2026, 11, 2, 2, 0, tzinfo=UTC)

RECEIVED: JsonObject = {
    "type": "message.received",
    "provider": "meta",
    "id": "wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQ",
    "business": "+15550783881",
    "customer": {"phone": "+16505551234", "user_id": None, "name": "Sheena Nelson"},
    "occurred_at": "2026-11-02T02:00:00Z",
    "content": {"kind": "text", "body": "Where is my order?"},
    "context": {
        "reply_to": None,
        "forwarded": False,
        "frequently_forwarded": False,
        "referral": {"source_type": "ad", "source_id": "120208", "ctwa_clid": "ARAk..."},
    },
}
SENT: JsonObject = {
    "type": "message.sent",
    "provider": "meta",
    "id": "wamid.out1",
    "business": "+15550783881",
    "customer": {"phone": "+16505551234", "user_id": None, "name": None},
    "occurred_at": "2026-11-02T22:00:00Z",
    "operator": "agent-7",
    "reply_to": None,
    "content": {
        "kind": "template",
        "template": {"name": "order_update", "language": "en_US", "category": "utility"},
    },
}
STATUS: JsonObject = {
    "type": "message.status",
    "provider": "meta",
    "business": "+15550783881",
    "customer": {"phone": "+16505551234", "user_id": None, "name": None},
    "occurred_at": "2026-11-02T22:00:05Z",
    "message_id": "wamid.out1",
    "status": "failed",
    "errors": [{"code": "131047", "title": "Re-engagement message", "detail": None}],
    "pricing": {"model": "PMP", "type": "regular", "category": "utility", "billable": True},
}
READ: JsonObject = {
    "type": "conversation.read",
    "provider": "helpdesk",
    "business": "+15550783881",
    "customer": {"phone": "+16505551234", "user_id": None, "name": None},
    "occurred_at": "2026-11-02T02:05:00Z",
    "reader": "business",
    "operator": "agent-7",
}


def _json(event: Event) -> JsonObject:
    """The event's JSON form after a trip through json text."""
    result: JsonObject = json.loads(json.dumps(event.to_dict()))
    return result


# -- the canonical examples of docs/events.md -------------------------------


def test_design_example_message_received_reads_and_writes_back_exactly() -> None:
    event = event_from_dict(RECEIVED)
    assert isinstance(event, MessageReceived)
    assert event.message.content == Text("Where is my order?")
    assert event.message.context.referral == Referral(
        source_type="ad", source_id="120208", ctwa_clid="ARAk..."
    )
    assert event.to_dict() == RECEIVED


def test_design_example_message_sent_reads_and_writes_back_exactly() -> None:
    event = event_from_dict(SENT)
    assert isinstance(event, MessageSent)
    assert event.operator == "agent-7"
    assert event.message.direction is Direction.OUTBOUND
    assert event.message.content == TemplateRef(
        name="order_update", language="en_US", category="utility"
    )
    assert event.to_dict() == SENT


def test_a_status_report_reads_and_writes_back_exactly() -> None:
    event = event_from_dict(STATUS)
    assert isinstance(event, MessageStatus)
    assert event.status is DeliveryStatus.FAILED
    assert event.to_dict() == STATUS


def test_conversation_read_reads_and_writes_back_exactly() -> None:
    event = event_from_dict(READ)
    assert event == ConversationRead(
        provider="helpdesk",
        business=PhoneNumber("+15550783881"),
        customer=Customer(phone="+16505551234"),
        occurred_at=AT + timedelta(minutes=5),
        operator="agent-7",
    )
    assert event.to_dict() == READ


def test_a_read_by_default_is_the_business_reading() -> None:
    data = {k: v for k, v in READ.items() if k not in ("reader", "operator")}
    event = event_from_dict(data)
    assert isinstance(event, ConversationRead)
    assert (event.reader, event.operator) == ("business", None)


# -- the round trip of every event -------------------------------------------


@given(events)
def test_every_event_round_trips_through_json(event: Event) -> None:
    data = _json(event)
    again = event_from_dict(data)
    assert again == event
    assert again.to_dict() == event.to_dict()
    assert type(again) is type(event)


@settings(max_examples=25)
@given(events)
def test_every_event_names_its_type(event: Event) -> None:
    assert event.to_dict()["type"] == event.type


@settings(max_examples=25)
@given(events)
def test_occurred_at_is_utc_with_a_z(event: Event) -> None:
    occurred_at = event.to_dict()["occurred_at"]
    assert occurred_at is None or (isinstance(occurred_at, str) and occurred_at.endswith("Z"))


# -- nothing is lost ---------------------------------------------------------


@settings(max_examples=50)
@given(st.sampled_from([RECEIVED, SENT, STATUS, READ]), extras)
def test_unknown_extra_keys_are_kept(data: JsonObject, extra: JsonObject) -> None:
    event = event_from_dict({**data, **extra})
    assert event.extra == extra
    assert event.to_dict() == {**data, **extra}


def test_a_key_known_to_another_event_type_is_kept_as_extra() -> None:
    event = event_from_dict({**STATUS, "operator": "agent-7", "reader": "customer"})
    assert event.extra == {"operator": "agent-7", "reader": "customer"}
    assert event.to_dict()["operator"] == "agent-7"


_KNOWN_TYPES = {
    "message.received",
    "message.sent",
    "message.status",
    "conversation.read",
    "template.status",
    "template.quality",
    "template.category",
    "account.update",
    "unknown",
}


@settings(max_examples=50)
@given(json_objects, st.text(min_size=1).filter(lambda t: t not in _KNOWN_TYPES))
def test_an_unknown_type_becomes_unknown_event_keeping_everything(
    payload: JsonObject, event_type: str
) -> None:
    data: JsonObject = {**payload, "type": event_type, "provider": "meta"}
    data.pop("business", None)
    data.pop("customer", None)
    data.pop("occurred_at", None)
    data.pop("kind", None)
    event = event_from_dict(data)
    assert isinstance(event, UnknownEvent)
    assert event.raw == data
    assert event.kind == event_type
    assert event_from_dict(_json(event)).raw == data


def test_an_unknown_event_keeps_its_own_kind() -> None:
    event = event_from_dict({"type": "unknown", "provider": "twilio", "kind": "typing", "raw": 1})
    assert event == UnknownEvent(provider="twilio", kind="typing", raw=1)


def test_raw_is_written_but_not_compared() -> None:
    received = event_from_dict({**RECEIVED, "raw": {"entry": []}})
    assert received.raw == {"entry": []}
    assert received.to_dict()["raw"] == {"entry": []}
    assert "raw" not in received.to_dict(include_raw=False)
    assert received == event_from_dict(RECEIVED)


# -- accessors ---------------------------------------------------------------


def test_message_events_expose_business_customer_and_time() -> None:
    for data in (RECEIVED, SENT):
        event = event_from_dict(data)
        assert isinstance(event, (MessageReceived, MessageSent))
        assert event.business == PhoneNumber("+15550783881")
        assert event.customer == Customer(phone="+16505551234")
        assert event.occurred_at == event.message.sent_at


def test_a_status_is_a_mergeable_delivery() -> None:
    event = event_from_dict(STATUS)
    assert isinstance(event, MessageStatus)
    assert event.delivery == Delivery(
        status=DeliveryStatus.FAILED,
        at=AT + timedelta(hours=20, seconds=5),
        errors=frozenset({ErrorDetail(code="131047", title="Re-engagement message")}),
        pricing=Pricing(model="PMP", type="regular", category="utility", billable=True),
    )


def test_event_times_are_kept_in_utc() -> None:
    offset = timezone(timedelta(hours=-5))
    event = MessageStatus(
        provider="meta",
        message_id="m",
        status=DeliveryStatus.SENT,
        occurred_at=AT.astimezone(offset),
    )
    assert event.to_dict()["occurred_at"] == "2026-11-02T02:00:00Z"


def test_a_time_with_an_offset_is_read_as_the_same_instant() -> None:
    event = event_from_dict({**STATUS, "occurred_at": "2026-11-02T04:00:05+02:00"})
    assert isinstance(event, MessageStatus)
    assert event.occurred_at == datetime(2026, 11, 2, 2, 0, 5, tzinfo=UTC)


def _status_at(at: datetime) -> object:
    return MessageStatus(provider="m", message_id="x", status=DeliveryStatus.SENT, occurred_at=at)


def _read_at(at: datetime) -> object:
    customer = Customer(user_id="US.1")
    return ConversationRead(provider="m", business=None, customer=customer, occurred_at=at)


def _template_at(at: datetime) -> object:
    template = TemplateIdentity()
    return TemplateStatusChanged(provider="m", template=template, status="OK", occurred_at=at)


def _unknown_at(at: datetime) -> object:
    return UnknownEvent(provider="m", kind="x", occurred_at=at)


@pytest.mark.parametrize("build", [_status_at, _read_at, _template_at, _unknown_at])
def test_events_reject_naive_times(build: Callable[[datetime], object]) -> None:
    with pytest.raises(ValidationError, match="naive"):
        build(datetime(2026, 11, 2))


# -- template and account events ---------------------------------------------


def test_template_status_json() -> None:
    event = TemplateStatusChanged(
        provider="meta",
        template=TemplateIdentity(id="1234", name="order_update", language="en_US"),
        status="REJECTED",
        account="waba-1",
        occurred_at=AT,
        reason="INVALID_FORMAT",
    )
    assert event.to_dict() == {
        "type": "template.status",
        "provider": "meta",
        "business": None,
        "customer": None,
        "occurred_at": "2026-11-02T02:00:00Z",
        "account": "waba-1",
        "template": {"id": "1234", "name": "order_update", "language": "en_US"},
        "status": "REJECTED",
        "reason": "INVALID_FORMAT",
        "category": None,
    }
    assert event_from_dict(event.to_dict()) == event


def test_template_quality_and_category_keep_previous_and_new() -> None:
    quality = TemplateQualityChanged(
        provider="meta", template=TemplateIdentity(name="t"), previous="GREEN", new="YELLOW"
    )
    category = TemplateCategoryChanged(
        provider="meta", template=TemplateIdentity(name="t"), previous="UTILITY", new="MARKETING"
    )
    assert event_from_dict(quality.to_dict()) == quality
    assert event_from_dict(category.to_dict()) == category
    assert quality.to_dict()["new"] == "YELLOW"
    assert category.to_dict()["previous"] == "UTILITY"


def test_an_integer_template_id_is_kept_as_text() -> None:
    assert TemplateIdentity.from_dict({"id": 1234}).id == "1234"


@pytest.mark.parametrize("template_id", [[1], 1.5, 10**5000], ids=["list", "float", "huge"])
def test_a_template_id_must_be_text_or_an_integer(template_id: Json) -> None:
    with pytest.raises(ValidationError) as raised:
        TemplateIdentity.from_dict({"id": template_id})
    assert raised.value.field == "template.id"


def test_account_update_keeps_its_details() -> None:
    event = AccountUpdate(
        provider="meta", event="PARTNER_REMOVED", account="waba-1", details={"waba_id": "1"}
    )
    assert event.to_dict()["details"] == {"waba_id": "1"}
    assert event_from_dict(event.to_dict()) == event
    data = {k: v for k, v in event.to_dict().items() if k != "details"}
    assert event_from_dict(data) == AccountUpdate(
        provider="meta", event="PARTNER_REMOVED", account="waba-1"
    )


# -- reader errors -----------------------------------------------------------


def _with(data: JsonObject, **changes: Json) -> JsonObject:
    result = copy.deepcopy(data)
    result.update(changes)
    return result


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (None, "event"),
        ([RECEIVED], "event"),
        ({"provider": "meta"}, "type"),
        (_with(RECEIVED, type=3), "type"),
        (_with(RECEIVED, provider=None), "event.provider"),
        (_with(RECEIVED, provider=""), "event.provider"),
        (_with(RECEIVED, id=None), "event.id"),
        (_with(RECEIVED, business="12"), "business"),
        (_with(RECEIVED, business=15550783881), "business"),
        (_with(RECEIVED, customer=None), "customer"),
        (_with(RECEIVED, customer={"phone": "x"}), "customer.phone"),
        (_with(RECEIVED, occurred_at="yesterday"), "occurred_at"),
        (_with(RECEIVED, occurred_at="2026-11-02T02:00:00"), "occurred_at"),
        (_with(RECEIVED, occurred_at="0001-01-01T00:00:00+01:00"), "occurred_at"),
        (_with(RECEIVED, occurred_at=1762048800), "occurred_at"),
        (_with(RECEIVED, content=None), "content"),
        (_with(RECEIVED, context=[]), "context"),
        (_with(SENT, reply_to=1), "event.reply_to"),
        (_with(SENT, operator=7), "event.operator"),
        (_with(STATUS, status="seen"), "status"),
        (_with(STATUS, status=None), "status"),
        (_with(STATUS, status=["read"]), "status"),
        (_with(STATUS, message_id=None), "event.message_id"),
        (_with(STATUS, errors="none"), "event.errors"),
        (_with(STATUS, pricing="PMP"), "pricing"),
        (_with(READ, occurred_at=None), "occurred_at"),
        (_with(READ, customer=None), "customer"),
        (_with(READ, reader=1), "event.reader"),
        ({"type": "template.status", "provider": "meta", "status": "APPROVED"}, "template"),
        ({"type": "template.status", "provider": "meta", "template": {}}, "event.status"),
        ({"type": "template.quality", "provider": "meta", "template": {}}, "event.new"),
        ({"type": "template.category", "provider": "meta", "template": {}}, "event.new"),
        ({"type": "account.update", "provider": "meta"}, "event.event"),
        ({"type": "account.update", "provider": "meta", "event": "x", "details": 1}, "details"),
        (
            {"type": "account.update", "provider": "meta", "event": "x", "account": 1},
            "event.account",
        ),
    ],
)
def test_reader_names_the_key_that_is_wrong(data: object, field: str) -> None:
    with pytest.raises(ValidationError) as raised:
        event_from_dict(data)
    assert raised.value.field == field


def test_read_event_header_reads_the_shared_keys() -> None:
    assert read_event_header(RECEIVED) == (
        "meta",
        PhoneNumber("+15550783881"),
        Customer(phone="+16505551234"),
        AT,
    )
    assert read_event_header({"provider": "vonage"}) == ("vonage", None, None, None)


# -- fuzzing: only ValidationError may escape ---------------------------------


@given(json_values)
def test_reader_raises_only_validation_error_on_any_json(data: Json) -> None:
    with contextlib.suppress(ValidationError):
        event_from_dict(data)


@given(st.sampled_from(sorted(_KNOWN_TYPES)), json_objects)
def test_reader_raises_only_validation_error_on_any_object_of_a_known_type(
    event_type: str, data: JsonObject
) -> None:
    with contextlib.suppress(ValidationError):
        event_from_dict({**data, "type": event_type, "provider": "meta"})


@given(events, st.data())
def test_reader_raises_only_validation_error_when_any_part_is_replaced(
    event: Event, data: st.DataObject
) -> None:
    document = _json(event)
    target: Json = document
    for _ in range(data.draw(st.integers(0, 3))):
        children = [
            value
            for value in (target.values() if isinstance(target, dict) else target)  # type: ignore[union-attr]
            if isinstance(value, (dict, list)) and value
        ]
        if not children:
            break
        target = data.draw(st.sampled_from(children))
    replacement = data.draw(json_values)
    if isinstance(target, dict):
        target[data.draw(st.sampled_from(sorted(target)) | st.text(max_size=5))] = replacement
    elif isinstance(target, list) and target:
        target[data.draw(st.integers(0, len(target) - 1))] = replacement
    with contextlib.suppress(ValidationError):
        event_from_dict(document)


def test_message_events_carry_a_message() -> None:
    event = event_from_dict(RECEIVED)
    assert isinstance(event, MessageReceived)
    assert isinstance(event.message, Message)
    assert event.message.is_inbound


def test_unknown_keys_inside_nested_objects_are_kept_and_written_back() -> None:
    data = {
        "type": "message.received",
        "provider": "meta",
        "id": "wamid.n1",
        "business": "+15550783881",
        "customer": {"phone": "+16505551234", "user_id": None, "name": "S", "vip": True},
        "occurred_at": "2026-11-02T02:00:00Z",
        "content": {"kind": "text", "body": "x", "language": "fi"},
        "context": {
            "reply_to": None,
            "forwarded": False,
            "frequently_forwarded": False,
            "referral": None,
            "thread": 7,
        },
        "top": 1,
    }
    event = event_from_dict(data)
    assert event.extra == {
        "top": 1,
        "customer": {"vip": True},
        "content": {"language": "fi"},
        "context": {"thread": 7},
    }
    assert event.to_dict() == data


def test_a_nested_unknown_key_never_overwrites_a_known_one() -> None:
    event = event_from_dict(
        {
            "type": "message.status",
            "provider": "meta",
            "message_id": "wamid.1",
            "status": "sent",
            "occurred_at": None,
            "pricing": {
                "model": "PMP",
                "type": "regular",
                "category": "utility",
                "billable": True,
                "tier": 2,
            },
        }
    )
    assert event.extra == {"pricing": {"tier": 2}}
    written = event.to_dict()
    assert written["pricing"] == {
        "model": "PMP",
        "type": "regular",
        "category": "utility",
        "billable": True,
        "tier": 2,
    }


def test_unknown_keys_inside_list_items_round_trip() -> None:
    data = {
        "type": "message.received",
        "provider": "meta",
        "id": "m1",
        "business": "+15550783881",
        "customer": {"phone": "+16505551234", "user_id": None, "name": None},
        "occurred_at": "2026-11-02T02:00:00Z",
        "content": {
            "kind": "order",
            "catalog_id": "c1",
            "text": None,
            "items": [
                {"product_retailer_id": "p1", "quantity": 1, "item_price": "1.5",
                 "currency": "EUR"},
                {"product_retailer_id": "p2", "quantity": 2, "item_price": "2",
                 "currency": "EUR", "note": "gift"},
            ],
        },
    }  # fmt: skip
    event = event_from_dict(data)
    written: Any = event.to_dict(include_raw=False)
    items = written["content"]["items"]
    assert items[1]["note"] == "gift"
    assert "note" not in items[0]
    assert event_from_dict(event.to_dict()) == event


def test_unknown_parts_stop_at_the_depth_bound() -> None:
    deep: dict[str, object] = {}
    node = deep
    for _ in range(5000):
        node["a"] = {}
        node = node["a"]  # type: ignore[assignment]
    written: dict[str, object] = {}
    node = written
    for _ in range(5000):
        node["a"] = {}
        node = node["a"]  # type: ignore[assignment]
    assert unknown_parts(deep, written) == {}  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("extra", "reason"),
    [
        ({1: "x"}, "key that is not text"),
        ({"t": (1, 2)}, "tuple"),
        ({"n": 10**4001}, "more than 4000 digits"),
        ({"f": float("nan")}, "not a JSON number"),
        ({"f": float("-inf")}, "not a JSON number"),
        ({"s": "a\ud800"}, "lone surrogate"),
        ({"o": object()}, "not a JSON value"),
    ],
)
def test_event_from_dict_takes_strict_json_values_only(extra: dict[Any, Any], reason: str) -> None:
    with pytest.raises(ValidationError, match=reason):
        event_from_dict({"type": "unknown", "provider": "x", "kind": "k", **extra})
