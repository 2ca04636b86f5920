"""Meta Calling API webhooks (``field: "calls"``) → :class:`~wamsg.events.CallEvent`.

The payloads are written here in the shapes Meta publishes (connect, terminate, call
status), with values of their own.
"""

from __future__ import annotations

import contextlib
import json
from datetime import datetime, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.strategies import json_values
from wamsg import (
    Customer,
    MessageReceived,
    PhoneNumber,
    UnknownEvent,
    ValidationError,
    event_from_dict,
)
from wamsg._internal.json import Json, JsonObject
from wamsg.content import CallPermissionReply
from wamsg.delivery import ErrorDetail
from wamsg.events import CallDirection, CallEvent, CallSession, Event
from wamsg.providers import MetaProvider, WebhookRequest
from wamsg.window import WindowBook

UTC = timezone.utc
META = MetaProvider()
BUSINESS_DIGITS = "15550783881"
USER_DIGITS = "4915123456789"
METADATA: JsonObject = {"display_phone_number": BUSINESS_DIGITS, "phone_number_id": "10654"}
CONTACTS: list[Json] = [
    {"profile": {"name": "Lena Vogel"}, "wa_id": USER_DIGITS, "user_id": "DE.887766554433"}
]
SDP = "v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\n" * 40


def _body(value: JsonObject, field: str = "calls") -> bytes:
    change: JsonObject = {"field": field, "value": value}
    return json.dumps({"object": "whatsapp_business_account",
                       "entry": [{"id": "30221", "changes": [change]}]}).encode()  # fmt: skip


def _parse(value: JsonObject, field: str = "calls") -> tuple[Event, ...]:
    return META.parse(WebhookRequest(body=_body(value, field)))


def _calls(*calls: Json, **more: Json) -> tuple[Event, ...]:
    value: JsonObject = {"messaging_product": "whatsapp", "metadata": METADATA,
                         "contacts": CONTACTS, "calls": list(calls), **more}  # fmt: skip
    return _parse(value)


def _connect(**changes: Json) -> JsonObject:
    item: JsonObject = {
        "id": "wacid.HBgNNDkxNTEyMzQ1Njc4ORUCABEYIDE=",
        "from": USER_DIGITS,
        "to": BUSINESS_DIGITS,
        "event": "connect",
        "timestamp": "1795165200",
        "direction": "USER_INITIATED",
        "session": {"sdp_type": "offer", "sdp": SDP},
    }
    item.update(changes)
    return {k: v for k, v in item.items() if v is not None}


def _terminate(**changes: Json) -> JsonObject:
    item: JsonObject = {
        "id": "wacid.HBgNNDkxNTEyMzQ1Njc4ORUCABEYIDI=",
        "from": BUSINESS_DIGITS,
        "to": USER_DIGITS,
        "event": "terminate",
        "direction": "BUSINESS_INITIATED",
        "biz_opaque_callback_data": "ticket-8812",
        "timestamp": "1795165500",
        "status": "COMPLETED",
        "start_time": "1795165260",
        "end_time": "1795165500",
        "duration": 240,
    }
    item.update(changes)
    return {k: v for k, v in item.items() if v is not None}


def _one(events: tuple[Event, ...]) -> CallEvent:
    (event,) = events
    assert isinstance(event, CallEvent), event
    return event


def _invalid(events: tuple[Event, ...]) -> str:
    (event,) = events
    assert isinstance(event, UnknownEvent), event
    error = event.extra["error"]
    assert isinstance(error, str)
    return error


USER = Customer(phone=PhoneNumber.parse("+" + USER_DIGITS), user_id="DE.887766554433",
                name="Lena Vogel")  # fmt: skip


# -- the three shapes -----------------------------------------------------------


def test_a_user_initiated_connect_is_a_typed_call_event() -> None:
    event = _one(_calls(_connect()))
    assert event.call_id == "wacid.HBgNNDkxNTEyMzQ1Njc4ORUCABEYIDE="
    assert event.event == "connect"
    assert event.direction == "USER_INITIATED"
    assert event.initiated_by is CallDirection.USER_INITIATED
    assert event.user_initiated
    assert event.business == PhoneNumber.parse("+" + BUSINESS_DIGITS)
    assert event.customer == USER
    assert event.customer is not None
    assert (event.customer.name, event.customer.user_id) == (USER.name, USER.user_id)
    assert event.occurred_at == datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
    assert event.session == CallSession(sdp_type="offer", sdp=SDP)
    assert event.extra == {"phone_number_id": "10654"}
    assert event.errors == ()
    assert event.raw == _connect()


def test_a_business_initiated_connect_names_the_callee_as_the_customer() -> None:
    changes: JsonObject = {"from": BUSINESS_DIGITS, "to": USER_DIGITS,
                           "direction": "BUSINESS_INITIATED",
                           "session": {"sdp_type": "answer", "sdp": "v=0"}}  # fmt: skip
    item = _connect(**changes)
    event = _one(_calls(item))
    assert event.initiated_by is CallDirection.BUSINESS_INITIATED
    assert not event.user_initiated
    assert event.customer == USER
    assert event.business == PhoneNumber.parse("+" + BUSINESS_DIGITS)


def test_a_terminate_carries_status_times_duration_callback_data_and_the_change_errors() -> None:
    errors: list[Json] = [{"code": 131000, "message": "Something went wrong", "href": "https://x",
                           "error_data": {"details": "media timeout"}}]  # fmt: skip
    event = _one(_calls(_terminate(), errors=errors))
    assert event.event == "terminate"
    assert event.status == "COMPLETED"
    assert event.started_at == datetime(2026, 11, 20, 9, 1, tzinfo=UTC)
    assert event.ended_at == datetime(2026, 11, 20, 9, 5, tzinfo=UTC)
    assert event.duration_seconds == 240
    assert event.callback_data == "ticket-8812"
    assert event.customer == USER
    assert event.errors == (
        ErrorDetail(code="131000", title="Something went wrong", detail="media timeout"),
    )
    assert event.session is None


@pytest.mark.parametrize("status", ["RINGING", "ACCEPTED", "REJECTED"])
def test_a_call_status_is_a_call_event_of_kind_status(status: str) -> None:
    item: JsonObject = {"id": "wacid.HBgNNDkxNTEyMzQ1Njc4ORUCABEYIDM=", "timestamp": "1795165230",
                        "type": "call", "status": status, "recipient_id": USER_DIGITS,
                        "biz_opaque_callback_data": "ticket-8812"}  # fmt: skip
    value: JsonObject = {"metadata": METADATA, "contacts": CONTACTS, "statuses": [item]}
    event = _one(_parse(value))
    assert (event.event, event.status) == ("status", status)
    assert event.call_id == "wacid.HBgNNDkxNTEyMzQ1Njc4ORUCABEYIDM="
    assert event.customer == USER
    assert event.direction is None
    assert not event.user_initiated
    assert event.callback_data == "ticket-8812"
    assert event.occurred_at == datetime(2026, 11, 20, 9, 0, 30, tzinfo=UTC)


def test_each_call_is_its_own_event_and_a_bad_one_is_kept_beside_the_good() -> None:
    events = _calls(_connect(), _connect(timestamp="soon"), _terminate())
    assert [type(event).__name__ for event in events] == ["CallEvent", "UnknownEvent", "CallEvent"]
    bad = events[1]
    assert isinstance(bad, UnknownEvent)
    assert bad.kind == "call.invalid"
    assert bad.raw == _connect(timestamp="soon")
    assert bad.extra["error"] == ("calls[1].timestamp: must be unix seconds (got 'soon')")


def test_unknown_call_keys_direction_and_events_are_kept() -> None:
    item = _connect(direction="AGENT_INITIATED", event="pre_accept",
                    connection={"webrtc": {"sdp": "v=0"}})  # fmt: skip
    event = _one(_calls(item))
    assert event.direction == "AGENT_INITIATED"
    assert event.initiated_by is CallDirection.UNKNOWN
    assert event.event == "pre_accept"
    assert event.extra["connection"] == {"webrtc": {"sdp": "v=0"}}
    assert event.to_dict()["connection"] == {"webrtc": {"sdp": "v=0"}}
    assert not event.user_initiated


def test_without_a_direction_the_customer_is_the_party_that_is_not_the_business() -> None:
    event = _one(_calls(_connect(direction=None)))
    assert event.direction is None
    assert event.customer == USER
    assert not event.user_initiated  # a direction is never guessed


def test_the_sdp_is_kept_but_not_shown_in_the_repr() -> None:
    event = _one(_calls(_connect()))
    assert event.session is not None
    assert event.session.sdp == SDP
    assert SDP[:40] not in repr(event)
    assert f"<{len(SDP)} characters>" in repr(event)


def test_a_call_event_round_trips_through_canonical_json() -> None:
    for event in (*_calls(_connect(), _terminate(), errors=[{"code": 1}]),):
        data = json.loads(json.dumps(event.to_dict()))
        again = event_from_dict(data)
        assert again == event
        assert again.to_dict() == data


def test_wamsg_calls_change_without_calls_or_statuses_is_kept_as_unknown() -> None:
    (event,) = _parse({"metadata": METADATA, "call_permissions": [{"x": 1}]})
    assert isinstance(event, UnknownEvent)
    assert event.kind == "meta.calls"


def test_errors_alone_in_a_calls_change_are_kept_as_error_events() -> None:
    (event,) = _parse({"metadata": METADATA, "errors": [{"code": 131000, "title": "x"}]})
    assert isinstance(event, UnknownEvent)
    assert event.kind == "meta.error"


# -- hostile input ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("item", "error"),
    [
        (_connect(id=None), "calls[0].id: is required"),
        (_connect(id={"x": 1}), "calls[0].id: must be a string"),
        (_connect(event=None), "calls[0].event: is required"),
        (_connect(event=["connect"]), "calls[0].event: must be a string"),
        (_connect(direction=7.5e300), None),  # a number is text; kept, not a crash
        (_connect(direction={"a": 1}), "calls[0].direction: must be a string"),
        (_connect(timestamp="99999999999999999999"), "calls[0].timestamp: must be unix seconds"),
        (_connect(timestamp=-5), "calls[0].timestamp: unix seconds out of range"),
        (_connect(timestamp=True), "calls[0].timestamp: must be unix seconds"),
        (_connect(session="v=0"), "calls[0].session: must be a JSON object"),
        (_connect(session={"sdp": [5]}), "calls[0].session.sdp: must be a string"),
        (_terminate(duration=-1), "calls[0].duration: must be whole seconds"),
        (_terminate(duration=10**400), "calls[0].duration: must be whole seconds"),
        (_terminate(duration="9" * 5000), "calls[0].duration: must be whole seconds"),
        (_terminate(duration=True), "calls[0].duration: must be whole seconds"),
        (_terminate(duration=2.5), "calls[0].duration: must be whole seconds"),
        (_terminate(start_time="1795165260000"), "calls[0].start_time: must be unix seconds"),
        (_terminate(end_time=10**12), "calls[0].end_time: unix seconds out of range"),
        (_terminate(biz_opaque_callback_data=[1]), "calls[0].biz_opaque_callback_data: must"),
    ],
)
def test_a_malformed_call_is_an_invalid_event_naming_the_field(
    item: JsonObject, error: str | None
) -> None:
    events = _calls(item)
    if error is None:
        _one(events)
        return
    assert _invalid(events).startswith(error), _invalid(events)


def test_a_call_whose_user_is_not_known_is_invalid() -> None:
    """Without contacts to name the user, the caller's number is needed."""
    item = _connect(**{"from": "not a number"})
    events = _parse({"metadata": METADATA, "calls": [item]})
    assert _invalid(events) == ("calls[0].from: no phone number or user id for the customer")
    (event,) = _calls(item)  # the change's single contact names the user
    assert isinstance(event, CallEvent)
    assert event.customer == Customer(user_id="DE.887766554433")


@pytest.mark.parametrize(
    ("value", "kinds"),
    [
        ({"calls": "connect"}, ["calls.invalid"]),
        ({"calls": ["connect"]}, ["call.invalid"]),
        ({"statuses": {"id": "x"}}, ["statuses.invalid"]),
        ({"statuses": [{"id": "wacid.1"}]}, ["call_status.invalid"]),
        ({"statuses": [{"status": "RINGING"}]}, ["call_status.invalid"]),
        ({"contacts": "Lena", "calls": [_connect()]}, ["contacts.invalid", "call"]),
        ({"errors": "boom", "calls": [_connect()]}, ["errors.invalid", "call"]),
        ({"errors": [{"title": "no code"}], "calls": [_connect()]}, ["error.invalid", "call"]),
        ({"metadata": "x", "calls": [_connect()]}, ["call"]),
    ],
)
def test_malformed_parts_of_a_calls_change_are_isolated(
    value: JsonObject, kinds: list[str]
) -> None:
    events = _parse({"metadata": METADATA, **value})
    found = [event.kind if isinstance(event, UnknownEvent) else event.type for event in events]
    assert found == kinds


@given(json_values)
def test_any_calls_change_value_parses_without_escaping_the_error_tree(value: Json) -> None:
    with contextlib.suppress(ValidationError):
        _parse({"metadata": METADATA, "calls": [value], "statuses": [value]})
        _parse({"metadata": METADATA, "calls": value, "errors": value, "contacts": value})


@given(st.dictionaries(st.sampled_from(sorted(_terminate())), json_values, max_size=6))
def test_any_field_of_a_call_replaced_parses_without_escaping(changes: JsonObject) -> None:
    events = _calls({**_terminate(), **changes})
    assert len(events) == 1
    for event in events:
        event_from_dict(json.loads(json.dumps(event.to_dict())))


# -- call permission replies (a ``messages`` change) --------------------------------


def _permission(reply: Json) -> tuple[Event, ...]:
    message: JsonObject = {
        "context": {"from": BUSINESS_DIGITS, "id": "wamid.permission-request"},
        "from": USER_DIGITS,
        "id": "wamid.permission-reply",
        "timestamp": "1795165200",
        "type": "interactive",
        "interactive": {"type": "call_permission_reply", "call_permission_reply": reply},
    }
    value: JsonObject = {"metadata": METADATA, "contacts": CONTACTS, "messages": [message]}
    return _parse(value, "messages")


@pytest.mark.parametrize("response", ["accept", "reject", "later"])
def test_a_call_permission_reply_is_typed_content_of_a_customer_message(response: str) -> None:
    reply: JsonObject = {"response": response, "expiration_timestamp": 1795770000,
                         "response_source": "user_action"}  # fmt: skip
    (event,) = _permission(reply)
    assert isinstance(event, MessageReceived)
    content = event.message.content
    assert content == CallPermissionReply(
        response=response,
        expires_at=datetime(2026, 11, 27, 9, 0, tzinfo=UTC),
        source="user_action",
    )
    assert isinstance(content, CallPermissionReply)
    assert content.accepted is (response == "accept")
    assert event.message.context.reply_to == "wamid.permission-request"
    data = json.loads(json.dumps(event.to_dict()))
    assert data["content"] == {"kind": "call_permission_reply", "response": response,
                               "expires_at": "2026-11-27T09:00:00Z",
                               "source": "user_action"}  # fmt: skip
    assert event_from_dict(data) == event
    assert event_from_dict(data).to_dict() == data


def test_a_rejection_without_expiry_and_unknown_keys_are_kept() -> None:
    (event,) = _permission({"response": "reject", "is_permanent": True})
    assert isinstance(event, MessageReceived)
    content = event.message.content
    assert content == CallPermissionReply(response="reject", data={"is_permanent": True})
    assert isinstance(content, CallPermissionReply)
    assert content.rejected
    assert (content.expires_at, content.source) == (None, None)
    assert event_from_dict(json.loads(json.dumps(event.to_dict()))) == event


@pytest.mark.parametrize(
    ("reply", "error"),
    [
        ({}, "interactive.call_permission_reply.response: is required"),
        ({"response": ["accept"]}, "interactive.call_permission_reply.response: is required"),
        ({"response": "accept", "expiration_timestamp": "next week"},
         "interactive.call_permission_reply.expiration_timestamp: must be unix seconds"),
        ({"response": "accept", "expiration_timestamp": 10**30},
         "interactive.call_permission_reply.expiration_timestamp: unix seconds out of range"),
        ({"response": "accept", "response_source": {"a": 1}},
         "interactive.call_permission_reply.response_source: must be a string"),
        ("accept", "interactive.call_permission_reply: must be a JSON object"),
    ],
)  # fmt: skip
def test_a_malformed_call_permission_reply_is_an_invalid_message(reply: Json, error: str) -> None:
    (event,) = _permission(reply)
    assert isinstance(event, UnknownEvent)
    assert event.kind == "message.invalid"
    assert str(event.extra["error"]).startswith(f"messages[0].{error}"), event.extra


# -- the customer service window ------------------------------------------------------


def test_a_parsed_user_call_opens_the_window_and_a_business_call_does_not() -> None:
    business = PhoneNumber.parse("+" + BUSINESS_DIGITS)
    after = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)
    user_call = WindowBook().fold(_calls(_connect()))
    assert user_call.get(business, USER).customer_service_window_open(after)
    outbound = _connect(**{"from": BUSINESS_DIGITS, "to": USER_DIGITS,
                           "direction": "BUSINESS_INITIATED"})  # fmt: skip
    business_call = WindowBook().fold(_calls(outbound, _terminate()))
    assert not business_call.get(business, USER).customer_service_window_open(after)
