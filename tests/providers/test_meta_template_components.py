"""Meta ``message_template_components_update`` → ``TemplateComponentsChanged``."""

from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest

from wamsg import UnknownEvent, event_from_dict
from wamsg._internal.json import Json, JsonObject
from wamsg.events import (
    Event,
    TemplateComponentButton,
    TemplateComponentsChanged,
    TemplateIdentity,
)
from wamsg.providers import MetaProvider, WebhookRequest

META = MetaProvider()
VALUE: JsonObject = {
    "message_template_id": 88120456,
    "message_template_name": "delivery_slot",
    "message_template_language": "de",
    "message_template_title": "Ihr Liefertermin",
    "message_template_element": "Hallo {{1}}, wir liefern am {{2}}.",
    "message_template_footer": "Paketdienst Nord",
    "message_template_buttons": [
        {
            "message_template_button_type": "URL",
            "message_template_button_text": "Termin ändern",
            "message_template_button_url": "https://example.com/t/{{1}}",
        },
        {
            "message_template_button_type": "PHONE_NUMBER",
            "message_template_button_text": "Anrufen",
            "message_template_button_phone_number": "+4940123456",
        },
    ],
}


def _parse(value: Json, field: str = "message_template_components_update") -> tuple[Event, ...]:
    change: JsonObject = {"field": field, "value": value}
    entry: JsonObject = {"id": "30221", "time": 1795165200, "changes": [change]}
    body = json.dumps({"object": "whatsapp_business_account", "entry": [entry]}).encode()
    return META.parse(WebhookRequest(body=body))


@pytest.mark.parametrize(
    "field", ["message_template_components_update", "template_components_update"]
)
def test_a_components_update_is_a_typed_template_event(field: str) -> None:
    (event,) = _parse(VALUE, field)
    assert isinstance(event, TemplateComponentsChanged)
    assert event.template == TemplateIdentity(id="88120456", name="delivery_slot", language="de")
    assert event.account == "30221"
    assert event.occurred_at == datetime(2026, 11, 20, 9, 0, tzinfo=timezone.utc)
    assert event.header == "Ihr Liefertermin"
    assert event.body == "Hallo {{1}}, wir liefern am {{2}}."
    assert event.footer == "Paketdienst Nord"
    assert event.buttons == (
        TemplateComponentButton(
            type="URL", text="Termin ändern", url="https://example.com/t/{{1}}"
        ),
        TemplateComponentButton(type="PHONE_NUMBER", text="Anrufen", phone_number="+4940123456"),
    )
    assert event.extra == {}
    data = json.loads(json.dumps(event.to_dict()))
    assert event_from_dict(data) == event
    assert event_from_dict(data).to_dict() == data


def test_only_the_body_is_needed_and_unknown_keys_are_kept() -> None:
    value: JsonObject = {
        "message_template_id": 5,
        "message_template_name": "hello",
        "message_template_language": "en",
        "message_template_element": "Hi {{1}}!",
        "message_template_buttons": [
            {"message_template_button_type": "FLOW", "message_template_button_text": "Go",
             "message_template_button_flow_id": "77"}
        ],
        "message_template_header_format": "TEXT",
    }  # fmt: skip
    (event,) = _parse(value)
    assert isinstance(event, TemplateComponentsChanged)
    assert (event.header, event.footer) == (None, None)
    assert event.buttons == (TemplateComponentButton(type="FLOW", text="Go"),)
    assert event.extra == {
        "message_template_header_format": "TEXT",
        "buttons": [{"message_template_button_flow_id": "77"}],
    }
    written = event.to_dict()
    assert written["buttons"] == [
        {"type": "FLOW", "text": "Go", "url": None, "phone_number": None,
         "message_template_button_flow_id": "77"}
    ]  # fmt: skip
    assert event_from_dict(json.loads(json.dumps(written))) == event


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"message_template_buttons": "URL"}, "value.message_template_buttons: must be a list"),
        ({"message_template_buttons": [7]}, "value.message_template_buttons[0]: must be a JSON"),
        ({"message_template_buttons": [{"message_template_button_text": "x"}]},
         "value.message_template_buttons[0].message_template_button_type: is required"),
        ({"message_template_element": {"text": "x"}},
         "value.message_template_element: must be a string"),
    ],
)  # fmt: skip
def test_a_malformed_components_update_is_an_invalid_change(
    changes: JsonObject, error: str
) -> None:
    (event,) = _parse({**VALUE, **changes})
    assert isinstance(event, UnknownEvent)
    assert event.kind == "change.invalid"
    assert str(event.extra["error"]).startswith("entry[0].changes[0]." + error), event.extra
