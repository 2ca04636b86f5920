"""Meta status batches: every status read, shared values never mixed up, errors placed."""

from __future__ import annotations

import copy
import json
import pickle
from datetime import datetime, timezone

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from wamsg import (
    Customer,
    DeliveryStatus,
    Message,
    MessageReceived,
    MessageStatus,
    PhoneNumber,
    Text,
    UnknownEvent,
)
from wamsg._internal.json import Json, JsonObject
from wamsg.delivery import Pricing
from wamsg.events import Event, TemplateStatusChanged
from wamsg.messages import Direction
from wamsg.providers import MetaProvider, WebhookRequest

META = MetaProvider()
AT = 1795165200
PRICING: JsonObject = {
    "billable": False,
    "pricing_model": "PMP",
    "type": "free_customer_service",
    "category": "service",
}


def _status(index: int, **changes: Json) -> JsonObject:
    item: JsonObject = {
        "id": f"wamid.out{index}",
        "status": "delivered",
        "timestamp": str(AT + index),
        "recipient_id": "16505551234",
        "recipient_user_id": "US.13491208655302741918",
    }
    item.update(changes)
    return item


def _message(**changes: Json) -> JsonObject:
    item: JsonObject = {
        "from": "16505551234",
        "id": "wamid.in",
        "timestamp": str(AT),
        "type": "text",
        "text": {"body": "hi"},
    }
    item.update(changes)
    return item


def _value(**value: Json) -> JsonObject:
    metadata: JsonObject = {"display_phone_number": "15550783881", "phone_number_id": "1065"}
    return {"messaging_product": "whatsapp", "metadata": metadata, **value}


def _parse(*changes: JsonObject, entry: JsonObject | None = None) -> tuple[Event, ...]:
    listed: list[Json] = [{"field": "messages", "value": change} for change in changes]
    envelope: JsonObject = {"entry": [{"id": "1022", "changes": listed, **(entry or {})}]}
    return META.parse(WebhookRequest(body=json.dumps(envelope).encode()))


def _statuses(*items: JsonObject) -> tuple[Event, ...]:
    return _parse(_value(statuses=list(items)))


def _error(event: Event) -> str:
    assert isinstance(event, UnknownEvent)
    error = event.extra["error"]
    assert isinstance(error, str)
    return error


def test_a_batch_of_100_statuses_yields_every_status_in_order() -> None:
    items = [_status(i, pricing=dict(PRICING)) if i % 3 else _status(i) for i in range(100)]
    events = _statuses(*items)
    assert len(events) == 100
    assert all(
        isinstance(e, MessageStatus) and e.status is DeliveryStatus.DELIVERED for e in events
    )
    assert [e.message_id for e in events if isinstance(e, MessageStatus)] == [
        f"wamid.out{i}" for i in range(100)
    ]
    last = events[-1]
    assert isinstance(last, MessageStatus)
    assert last.occurred_at == datetime.fromtimestamp(AT + 99, timezone.utc)
    assert last.raw == items[-1]


def test_statuses_repeating_a_pricing_share_one_value() -> None:
    first, second = _statuses(_status(0, pricing=dict(PRICING)), _status(1, pricing=dict(PRICING)))
    assert isinstance(first, MessageStatus)
    assert isinstance(second, MessageStatus)
    assert first.pricing == Pricing(
        model="PMP", type="free_customer_service", category="service", billable=False
    )
    assert first.pricing is second.pricing


def test_pricing_differing_only_in_json_type_is_read_apart() -> None:
    events = _statuses(
        _status(0, pricing={**PRICING, "billable": True}),
        _status(1, pricing={**PRICING, "billable": 1}),
        _status(2, pricing={**PRICING, "billable": 1.0}),
    )
    billable = [e.pricing.billable for e in events if isinstance(e, MessageStatus) and e.pricing]
    assert billable == [True, None, None]


def test_a_timestamp_written_as_a_number_or_text_is_the_same_time() -> None:
    first, second = _statuses(_status(0, timestamp=AT), _status(1, timestamp=str(AT)))
    assert isinstance(first, MessageStatus)
    assert isinstance(second, MessageStatus)
    assert first.occurred_at == second.occurred_at == datetime.fromtimestamp(AT, timezone.utc)


def test_a_bad_status_names_its_field_and_keeps_the_rest_of_the_batch() -> None:
    events = _statuses(
        _status(0),
        _status(1, timestamp="17951652OO"),
        _status(2, pricing=[]),
        _status(3, errors={}),
        _status(4, errors=[{"title": "no code"}]),
        _status(5, id=""),
        7,  # type: ignore[arg-type]
        _status(7),
    )
    assert isinstance(events[0], MessageStatus)
    assert isinstance(events[-1], MessageStatus)
    assert _error(events[1]).startswith("statuses[1].timestamp: must be unix seconds")
    assert _error(events[2]).startswith("statuses[2].pricing: must be a JSON object")
    assert _error(events[3]).startswith("statuses[3].errors: must be a list")
    assert _error(events[4]) == "statuses[4].errors[0].code: is required"
    assert _error(events[5]) == "statuses[5].id: is required"
    assert _error(events[6]) == "statuses[6]: must be a JSON object (got 7)"
    assert events[6].raw == 7


def test_each_status_has_its_own_extra() -> None:
    first, second = _statuses(_status(0, conversation={"id": "c1"}), _status(1))
    first.extra["note"] = "mine"
    assert first.extra == {"phone_number_id": "1065", "conversation": {"id": "c1"}, "note": "mine"}
    assert second.extra == {"phone_number_id": "1065"}


def test_an_unknown_status_is_kept_with_its_parties_and_time() -> None:
    (event,) = _statuses(_status(0, status="withdrawn", conversation={"id": "c1"}))
    assert isinstance(event, UnknownEvent)
    assert event.kind == "meta.status.withdrawn"
    assert event.customer is not None
    assert event.customer.key == "+16505551234"
    assert event.occurred_at == datetime.fromtimestamp(AT, timezone.utc)
    assert event.extra == {"phone_number_id": "1065"}


def test_an_invalid_user_id_leaves_the_phone_number() -> None:
    (event,) = _statuses(_status(0, recipient_user_id="not a bsuid"))
    assert isinstance(event, MessageStatus)
    assert event.customer is not None
    assert event.customer.user_id is None
    assert event.customer.key == "+16505551234"


def test_an_out_of_range_timestamp_is_refused() -> None:
    (event,) = _statuses(_status(0, timestamp=-1))
    assert _error(event).startswith("statuses[0].timestamp: unix seconds out of range")


@pytest.mark.parametrize(
    ("key", "bad"), [("contacts", {}), ("errors", 5), ("statuses", "x"), ("messages", 7)]
)
def test_a_malformed_sibling_list_is_its_own_invalid_event_and_the_rest_is_kept(
    key: str, bad: Json
) -> None:
    """One bad sibling field does not cost the 100 valid items beside it."""
    items: dict[str, Json] = {
        "contacts": [{"profile": {"name": "Ada"}, "wa_id": "16505551234"}],
        "messages": [_message(id=f"wamid.in{i}") for i in range(50)],
        "statuses": [_status(i) for i in range(50)],
        key: bad,
    }
    events = _parse(_value(**items))
    (broken,) = [e for e in events if isinstance(e, UnknownEvent)]
    assert broken.kind == f"{key}.invalid"
    assert broken.raw == bad
    assert _error(broken).startswith(f"{key}: must be a list")
    kept = [e for e in events if not isinstance(e, UnknownEvent)]
    assert len(kept) == (50 if key in ("messages", "statuses") else 100)
    received = [e for e in kept if isinstance(e, MessageReceived)]
    if received and key != "contacts":
        assert received[0].message.customer.name == "Ada"


def test_a_malformed_changes_list_names_the_entry() -> None:
    body = json.dumps({"entry": [{"id": "1022", "changes": 5}]}).encode()
    (event,) = META.parse(WebhookRequest(body=body))
    assert isinstance(event, UnknownEvent)
    assert event.kind == "entry.invalid"
    assert _error(event).startswith("entry[0].changes: must be a list")


def test_a_template_update_without_its_event_names_the_field() -> None:
    change: JsonObject = {"field": "message_template_status_update", "value": {"reason": "x"}}
    body = json.dumps({"entry": [{"id": "1022", "changes": [change]}]}).encode()
    (event,) = META.parse(WebhookRequest(body=body))
    assert _error(event).startswith("entry[0].changes[0].value.event: is required")


def test_an_entry_time_that_is_not_a_time_is_left_out() -> None:
    change: JsonObject = {
        "field": "message_template_status_update",
        "value": {"event": "APPROVED", "message_template_id": 1},
    }
    body = json.dumps({"entry": [{"id": "1022", "time": "soon", "changes": [change]}]}).encode()
    (event,) = META.parse(WebhookRequest(body=body))
    assert isinstance(event, TemplateStatusChanged)
    assert event.occurred_at is None


def test_contacts_that_are_not_objects_are_skipped() -> None:
    contacts: list[Json] = ["x", {"wa_id": "16505551234", "profile": {"name": "Sheena"}}]
    (event,) = _parse(_value(contacts=contacts, messages=[_message()]))
    assert isinstance(event, MessageReceived)
    assert event.customer.name == "Sheena"


def test_a_message_without_an_id_is_kept_as_invalid() -> None:
    message: JsonObject = {"from": "16505551234", "type": "text", "text": {"body": "hi"}}
    (event,) = _parse(_value(messages=[message]))
    assert _error(event) == "messages[0].id: is required"
    assert event.raw == message


def test_an_echo_without_recipient_or_id_is_kept_as_invalid() -> None:
    echoes: list[Json] = [
        {"from": "15550783881", "id": "wamid.e1", "type": "text", "text": {"body": "a"}},
        {"from": "15550783881", "to": "16505551234", "type": "text", "text": {"body": "b"}},
    ]
    change: JsonObject = {"field": "smb_message_echoes", "value": _value(message_echoes=echoes)}
    body = json.dumps({"entry": [{"id": "1022", "changes": [change]}]}).encode()
    first, second = META.parse(WebhookRequest(body=body))
    assert _error(first).startswith("message_echoes[0].to: no phone number or user id")
    assert _error(second) == "message_echoes[1].id: is required"


# --- law: reading a batch is reading each of its statuses ------------------------------

TIMESTAMPS = st.sampled_from([AT, str(AT), AT + 1, str(AT + 1), "x", -1, None, True, 1.5])
TEXTS = st.sampled_from(["PMP", "1", 1, 1.0, True, None, "service", [1]])
STATUS_ITEMS = st.fixed_dictionaries(
    {
        "id": st.sampled_from(["wamid.a", "wamid.b", 1, ""]),
        "status": st.sampled_from(["sent", "delivered", "read", "failed", "deleted", 3]),
        "timestamp": TIMESTAMPS,
        "recipient_id": st.sampled_from(["16505551234", 16505551234, 16505551234.0, "x"]),
    },
    optional={
        "pricing": st.none()
        | st.fixed_dictionaries(
            {},
            optional={
                "pricing_model": TEXTS,
                "type": TEXTS,
                "category": TEXTS,
                "billable": st.sampled_from([True, False, 1, 0, 1.0, None]),
            },
        ),
        "errors": st.lists(st.fixed_dictionaries({"code": st.sampled_from([470, "131047"])})),
        "conversation": st.just({"id": "c"}),
    },
)


def _canonical(events: tuple[Event, ...]) -> list[tuple[str, Json, Json]]:
    return [(type(e).__name__, e.to_dict(), e.extra) for e in events]


@given(st.lists(STATUS_ITEMS, max_size=8))
def test_a_batch_reads_each_status_as_it_would_alone(items: list[JsonObject]) -> None:
    together = _canonical(_statuses(*items))
    alone = [event for item in items for event in _canonical(_statuses(item))]
    assert len(together) == len(alone)
    for index, (batched, single) in enumerate(zip(together, alone, strict=True)):
        assert batched == _renumbered(single, index)


def _renumbered(event: tuple[str, Json, Json], index: int) -> tuple[str, Json, Json]:
    """A lone status's event as it reads at ``index`` of a batch (errors name the index)."""
    name, data, extra = event
    text = json.dumps([data, extra]).replace("statuses[0]", f"statuses[{index}]")
    data, extra = json.loads(text)
    return name, data, extra


def test_errors_in_a_message_name_the_field_inside_the_batch() -> None:
    order: JsonObject = {"product_items": [{"product_retailer_id": "sku1", "quantity": 1}, {}]}
    messages: list[Json] = [
        _message(timestamp="soon"),
        _message(text={"body": 7.5}),
        _message(text={}),
        _message(type="location", location={"latitude": "north"}),
        _message(type="order", order=order),
        _message(type="interactive", interactive={"type": "list_reply", "list_reply": 3}),
        _message(context={"referred_product": {"catalog_id": "c"}}),
    ]
    events = _parse(_value(messages=messages))
    assert isinstance(events[1], MessageReceived)  # a number is read as text
    assert [_error(event) for event in events if isinstance(event, UnknownEvent)] == [
        "messages[0].timestamp: must be unix seconds (got 'soon')",
        "messages[2].text.body: is required",
        "messages[3].location.latitude: must be a number (got 'north')",
        "messages[4].order.product_items[1].quantity: must be an integer",
        "messages[5].interactive.list_reply: must be a JSON object (got 3)",
        "messages[6].context.referred_product.product_retailer_id: is required",
    ]


def _fields(value: object) -> dict[str, object]:
    return attrs.asdict(value, recurse=False)  # type: ignore[arg-type]


def test_parsed_events_are_what_their_constructors_build() -> None:
    """Field by field, ``raw`` and ``extra`` (outside equality) included; of their own class."""
    message_item = _message()
    status_item = _status(0, pricing=dict(PRICING), conversation={"id": "c1"})
    received, status = _parse(_value(messages=[message_item], statuses=[status_item]))
    business = PhoneNumber.parse("+15550783881")
    at = datetime.fromtimestamp(AT, timezone.utc)
    message = Message(
        id="wamid.in",
        direction=Direction.INBOUND,
        business=business,
        customer=Customer(phone="+16505551234"),
        sent_at=at,
        content=Text("hi"),
    )
    expected: list[tuple[object, object]] = [
        (
            received,
            MessageReceived(
                provider="meta",
                message=message,
                raw=message_item,
                extra={"phone_number_id": "1065"},
            ),
        ),
        (
            status,
            MessageStatus(
                provider="meta",
                message_id="wamid.out0",
                status=DeliveryStatus.DELIVERED,
                business=business,
                customer=Customer(phone="+16505551234", user_id="US.13491208655302741918"),
                occurred_at=at,
                pricing=Pricing(
                    model="PMP", type="free_customer_service", category="service", billable=False
                ),
                raw=status_item,
                extra={"phone_number_id": "1065", "conversation": {"id": "c1"}},
            ),
        ),
    ]
    assert isinstance(received, MessageReceived)
    expected += [(received.message, message), (received.message.content, Text("hi"))]
    for parsed, built in expected:
        assert type(parsed) is type(built)
        assert _fields(parsed) == _fields(built)
        assert repr(parsed) == repr(built)
        assert hash(parsed) == hash(built)
        assert copy.copy(parsed) == built
        assert pickle.loads(pickle.dumps(parsed)) == built
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        received.provider = "twilio"  # type: ignore[misc]


def test_statuses_carry_the_recipient_names_their_change_gives() -> None:
    contacts: list[Json] = [
        {"profile": {"name": "Sheena"}, "wa_id": "16505551234", "user_id": "US.1"},
    ]
    events = _parse(_value(contacts=contacts, statuses=[_status(0), _status(1)]))
    names = [e.customer.name for e in events if isinstance(e, MessageStatus) and e.customer]
    assert names == ["Sheena", "Sheena"]
