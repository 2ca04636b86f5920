"""Meta webhooks in unusual shapes: numbers for text, odd types, malformed parts named."""

from __future__ import annotations

import json

import pytest

from wamsg import MessageReceived, UnknownEvent, event_from_dict
from wamsg._internal.json import Json, JsonObject
from wamsg.content import InteractiveReply, Text, Unsupported
from wamsg.events import Event
from wamsg.providers import MetaProvider, WebhookRequest

META = MetaProvider()
METADATA: JsonObject = {"display_phone_number": "15550783881", "phone_number_id": "1065"}


def _parse(value: Json, field: Json = "messages") -> tuple[Event, ...]:
    change: JsonObject = {"field": field, "value": value}
    body = json.dumps({"entry": [{"id": "1022", "changes": [change]}]}).encode()
    return META.parse(WebhookRequest(body=body))


def _message(**changes: Json) -> JsonObject:
    item: JsonObject = {
        "from": "16505551234",
        "id": "wamid.in",
        "timestamp": "1795165200",
        "type": "text",
        "text": {"body": "hi"},
    }
    item.update(changes)
    return item


def _received(value: JsonObject) -> MessageReceived:
    (event,) = _parse({"metadata": METADATA, **value})
    assert isinstance(event, MessageReceived)
    return event


def _error(value: Json, field: Json = "messages") -> str:
    (event,) = _parse(value, field)
    assert isinstance(event, UnknownEvent)
    error = event.extra["error"]
    assert isinstance(error, str)
    return error


@pytest.mark.parametrize(
    ("message", "error"),
    [
        (
            _message(type="location", location={"latitude": True, "longitude": 1}),
            "messages[0].location.latitude: must be a number (got True)",
        ),
        (
            _message(type="order", order={"product_items": [{"quantity": 1}]}),
            "messages[0].order.product_items[0].product_retailer_id: is required",
        ),
        (  # the content value's own checks are named after the type's object
            _message(type="image", image={}),
            "messages[0].image: a media attachment needs an id or a url",
        ),
        (
            _message(type="location", location={"latitude": 91, "longitude": 1}),
            "messages[0].location.latitude: latitude must be within ±90 (got 91.0)",
        ),
        (
            _message(text={"body": ""}),
            "messages[0].text.body: must be a non-empty string (got '')",
        ),
        (
            _message(type="contacts", contacts=[{}, 7]),
            "messages[0].contacts[1]: must be a JSON object (got 7)",
        ),
        (
            _message(type="unsupported", unsupported={"type": ""}),
            "messages[0].content.type: must be a non-empty string (got '')",
        ),
    ],
)
def test_a_malformed_message_names_the_field(message: JsonObject, error: str) -> None:
    assert _error({"metadata": METADATA, "messages": [message]}) == error


def test_a_change_whose_value_is_the_wrong_shape_is_kept_whole() -> None:
    assert _error("x") == "entry[0].changes[0].value: must be a JSON object (got 'x')"


def test_a_list_of_the_wrong_shape_is_kept_as_its_own_invalid_event() -> None:
    (event,) = _parse({"messages": "x"})
    assert isinstance(event, UnknownEvent)
    assert (event.kind, event.raw) == ("messages.invalid", "x")
    assert event.extra["error"] == "messages: must be a list (got 'x')"


def test_a_known_type_without_its_object_is_a_message_with_unsupported_content() -> None:
    """Meta's "unsupported webhook payload": the change's errors say why."""
    errors: list[Json] = [{"code": 131000, "title": "Something went wrong",
                           "error_data": {"details": "Unsupported webhook payload"}}]  # fmt: skip
    item = _message(type="interactive")
    del item["text"]
    events = _parse({"messages": [item], "errors": errors})
    received, error = events
    assert isinstance(received, MessageReceived)
    assert received.message.content == Unsupported(type="interactive", data={"errors": errors})
    assert isinstance(error, UnknownEvent)
    assert error.kind == "meta.error"


def test_a_field_that_is_a_number_is_read_as_text() -> None:
    (event,) = _parse({"a": 1}, field=5)
    assert isinstance(event, UnknownEvent)
    assert event.kind == "meta.5"


def test_an_interactive_reply_of_a_new_type_keeps_its_type() -> None:
    event = _received({"messages": [_message(type="interactive", interactive={"type": "x"})]})
    assert event.message.content == InteractiveReply(reply_type="x")


def test_a_message_type_that_is_a_number_is_unsupported_under_its_text() -> None:
    content = _received({"messages": [_message(type=5)]}).message.content
    assert content == Unsupported(type="5", data={"text": {"body": "hi"}})


def test_an_unsupported_message_without_its_object_keeps_what_it_has() -> None:
    content = _received({"messages": [_message(type="unsupported", unsupported="x")]})
    assert content.message.content == Unsupported(
        type="unsupported", data={"text": {"body": "hi"}, "unsupported": "x"}
    )


def test_numbers_where_meta_sends_text_are_read_as_text() -> None:
    contacts: list[Json] = [{"wa_id": 16505551234, "profile": {"name": "Sheena"}}]
    metadata: JsonObject = {"display_phone_number": 15550783881, "phone_number_id": 1065}
    (event,) = _parse({"metadata": metadata, "contacts": contacts, "messages": [_message()]})
    assert isinstance(event, MessageReceived)
    assert event.customer.name == "Sheena"
    assert event.business is not None
    assert event.business.e164 == "+15550783881"
    assert event.extra == {"phone_number_id": "1065"}
    assert event.message.content == Text("hi")


def test_a_profile_that_is_not_an_object_gives_no_name() -> None:
    contacts: list[Json] = [{"wa_id": "16505551234", "profile": "Sheena"}]
    event = _received({"contacts": contacts, "messages": [_message()]})
    assert event.customer.name is None


def test_numbers_too_large_for_python_are_invalid_not_a_crash() -> None:
    location: JsonObject = {"latitude": 10**400, "longitude": 1}
    huge: JsonObject = {"product_items": [{"product_retailer_id": "a", "quantity": "9" * 5000}]}
    assert _error({"messages": [_message(type="location", location=location)]}).startswith(
        "messages[0].location.latitude: must be a number"
    )
    assert _error({"messages": [_message(type="order", order=huge)]}).startswith(
        "messages[0].order.product_items[0].quantity: must be an integer"
    )


@pytest.mark.parametrize("choice", ["home", "office"])
def test_an_interactive_reply_of_an_unmodelled_type_keeps_its_fields(choice: str) -> None:
    """Two answers of one unmodelled type must not look the same."""
    reply: JsonObject = {"choice": choice, "saved_at": 1753186982}
    interactive: JsonObject = {"type": "address_choice_reply", "address_choice_reply": reply}
    event = _received({"messages": [_message(type="interactive", interactive=interactive)]})
    content = event.message.content
    assert content == InteractiveReply(reply_type="address_choice_reply", data=reply)
    assert isinstance(content, InteractiveReply)
    assert content.to_dict()["data"] == reply
    assert event_from_dict(event.to_dict()) == event
