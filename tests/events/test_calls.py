"""Call events and template component updates: values, canonical JSON, readers."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest

from wamsg import Customer, PhoneNumber, ValidationError, event_from_dict
from wamsg._internal.json import JsonObject
from wamsg.delivery import ErrorDetail
from wamsg.events import (
    CallDirection,
    CallEvent,
    CallSession,
    TemplateComponentButton,
    TemplateComponentsChanged,
    TemplateIdentity,
)

UTC = timezone.utc
AT = datetime(2026, 11, 20, 5, 0, tzinfo=UTC)

CALL: JsonObject = {
    "type": "call",
    "provider": "meta",
    "business": "+15550783881",
    "customer": {"phone": "+4915123456789", "user_id": None, "name": "Lena Vogel"},
    "occurred_at": "2026-11-20T05:05:00Z",
    "call_id": "wacid.HBgNNDkxNTEy",
    "event": "terminate",
    "direction": "USER_INITIATED",
    "status": "COMPLETED",
    "started_at": "2026-11-20T05:01:00Z",
    "ended_at": "2026-11-20T05:05:00Z",
    "duration_seconds": 240,
    "callback_data": None,
    "session": None,
    "errors": [],
}

COMPONENTS: JsonObject = {
    "type": "template.components",
    "provider": "meta",
    "business": None,
    "customer": None,
    "occurred_at": "2026-11-20T05:00:00Z",
    "account": "30221",
    "template": {"id": "88120456", "name": "delivery_slot", "language": "de"},
    "header": "Ihr Liefertermin",
    "body": "Hallo {{1}}, wir liefern am {{2}}.",
    "footer": None,
    "buttons": [
        {
            "type": "URL",
            "text": "Termin ändern",
            "url": "https://example.com/t",
            "phone_number": None,
        }
    ],
}


def _trip(data: JsonObject) -> JsonObject:
    result: JsonObject = json.loads(json.dumps(data))
    return result


def test_a_call_reads_and_writes_back_exactly() -> None:
    event = event_from_dict(CALL)
    assert event == CallEvent(
        provider="meta",
        call_id="wacid.HBgNNDkxNTEy",
        event="terminate",
        business=PhoneNumber.parse("+15550783881"),
        customer=Customer(phone="+4915123456789", name="Lena Vogel"),
        occurred_at=AT + timedelta(minutes=5),
        direction="USER_INITIATED",
        status="COMPLETED",
        started_at=AT + timedelta(minutes=1),
        ended_at=AT + timedelta(minutes=5),
        duration_seconds=240,
    )
    assert event.to_dict() == CALL
    assert event_from_dict(_trip(event.to_dict())) == event


def test_a_call_with_a_session_errors_and_unknown_keys_round_trips() -> None:
    data: JsonObject = {
        **CALL,
        "event": "connect",
        "session": {"sdp_type": "offer", "sdp": "v=0", "ice": "x"},
        "errors": [{"code": "131000", "title": "t", "detail": None, "href": "h"}],
        "recording": {"id": 1},
    }
    event = event_from_dict(data)
    assert isinstance(event, CallEvent)
    assert event.session == CallSession(sdp_type="offer", sdp="v=0")
    assert event.errors == (ErrorDetail(code="131000", title="t"),)
    assert event.extra == {
        "recording": {"id": 1},
        "session": {"ice": "x"},
        "errors": [{"href": "h"}],
    }
    assert event.to_dict() == data
    assert event_from_dict(event.to_dict()) == event


def test_a_minimal_call_reads_with_defaults() -> None:
    event = event_from_dict({"type": "call", "provider": "meta", "call_id": "c", "event": "x"})
    assert event == CallEvent(provider="meta", call_id="c", event="x")
    assert isinstance(event, CallEvent)
    assert event.initiated_by is None
    assert event.to_dict()["errors"] == []


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"call_id": None}, "event.call_id"),
        ({"call_id": ""}, "event.call_id"),
        ({"event": 3}, "event.event"),
        ({"direction": 1}, "event.direction"),
        ({"duration_seconds": "240"}, "duration_seconds"),
        ({"duration_seconds": -1}, "duration_seconds"),
        ({"duration_seconds": True}, "duration_seconds"),
        ({"duration_seconds": 10**30}, "duration_seconds"),
        ({"started_at": "2026-11-20T05:01:00"}, "started_at"),
        ({"ended_at": "9999-01-01T00:00:00Z"}, "ended_at"),
        ({"session": "v=0"}, "session"),
        ({"session": {"sdp": 1}}, "session.sdp"),
        ({"errors": {}}, "event.errors"),
        ({"customer": {"phone": "+1"}}, "customer"),
    ],
)
def test_a_bad_call_is_a_validation_error_naming_the_key(changes: JsonObject, field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        event_from_dict({**CALL, **changes})
    assert caught.value.field.startswith(field), caught.value


def test_building_a_call_checks_its_values() -> None:
    naive = datetime(2026, 11, 20, 5, 0)
    with pytest.raises(ValidationError):
        CallEvent(provider="meta", call_id="c", event="connect", occurred_at=naive)
    with pytest.raises(ValidationError):
        CallEvent(provider="meta", call_id="c", event="connect", started_at=naive)
    with pytest.raises(ValidationError):
        CallEvent(provider="meta", call_id="", event="connect")
    with pytest.raises(ValidationError):
        CallEvent(provider="meta", call_id="c", event="connect", duration_seconds=-3)
    with pytest.raises(ValidationError):
        CallEvent(provider="meta", call_id="c", event="connect", direction=5)  # type: ignore[arg-type]


def test_a_direction_may_be_given_as_the_enumeration() -> None:
    event = CallEvent(
        provider="meta", call_id="c", event="connect", direction=CallDirection.USER_INITIATED
    )
    assert event.direction == "USER_INITIATED"
    assert type(event.direction) is str
    assert event.to_dict()["direction"] == "USER_INITIATED"
    assert CallDirection.parse("user_initiated") is CallDirection.USER_INITIATED
    assert CallDirection.parse("SIDEWAYS") is CallDirection.UNKNOWN
    assert CallDirection.parse(None) is CallDirection.UNKNOWN


def test_user_initiated_is_read_off_the_direction_alone() -> None:
    def call(event: str, direction: str | None) -> CallEvent:
        return CallEvent(provider="meta", call_id="c", event=event, direction=direction)

    assert call("connect", "USER_INITIATED").user_initiated
    assert call("terminate", "USER_INITIATED").initiated_by is CallDirection.USER_INITIATED
    assert not call("connect", "BUSINESS_INITIATED").user_initiated
    assert not call("connect", None).user_initiated


def test_template_components_read_and_write_back_exactly() -> None:
    event = event_from_dict(COMPONENTS)
    assert event == TemplateComponentsChanged(
        provider="meta",
        template=TemplateIdentity(id="88120456", name="delivery_slot", language="de"),
        account="30221",
        occurred_at=AT,
        header="Ihr Liefertermin",
        body="Hallo {{1}}, wir liefern am {{2}}.",
        buttons=(
            TemplateComponentButton(type="URL", text="Termin ändern", url="https://example.com/t"),
        ),
    )
    assert event.to_dict() == COMPONENTS
    assert event_from_dict(_trip(event.to_dict())) == event


def test_template_components_keep_unknown_keys_of_buttons() -> None:
    button: JsonObject = {"type": "FLOW", "text": "Start", "url": None, "phone_number": None,
                          "flow_id": "9"}  # fmt: skip
    data: JsonObject = {**COMPONENTS, "buttons": [button], "header_format": "TEXT"}
    event = event_from_dict(data)
    assert event.extra == {"buttons": [{"flow_id": "9"}], "header_format": "TEXT"}
    assert event.to_dict() == data


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"buttons": {}}, "buttons"),
        ({"buttons": ["URL"]}, "buttons[0]"),
        ({"buttons": [{"text": "x"}]}, "buttons[0].type"),
        ({"body": 5}, "event.body"),
        ({"template": None}, "template"),
    ],
)
def test_bad_template_components_name_the_key(changes: JsonObject, field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        event_from_dict({**COMPONENTS, **changes})
    assert caught.value.field.startswith(field), caught.value
