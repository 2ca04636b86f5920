"""The webhook builders of ``wamsg.testing`` refuse arguments of the wrong type.

Regressions of ``tests/test_hostile_builders.py``: ids, phone numbers, texts and form
parameters that are not text (or hold a lone surrogate), events that are not a
collection of JSON objects, and a body that is not bytes are each a ValidationError
naming the argument.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

import pytest

from wamsg import ValidationError
from wamsg.testing import (
    meta_payload,
    signed_twilio_json_request,
    signed_twilio_request,
    signed_vonage_request,
    sunshine_message_event,
    sunshine_payload,
    twilio_inbound_params,
    twilio_status_params,
    vonage_inbound_text,
    vonage_status,
)

AT = datetime(2026, 11, 20, 12, tzinfo=timezone.utc)
NOT_TEXT = [None, 5, 1.5, b"x", ["x"], {"k": "v"}, object(), "\ud800", "a\udfff"]
TEXT_ARGUMENTS = [
    (twilio_inbound_params, "sid"),
    (twilio_inbound_params, "customer"),
    (twilio_inbound_params, "business"),
    (twilio_inbound_params, "body"),
    (twilio_status_params, "sid"),
    (twilio_status_params, "status"),
    (twilio_status_params, "customer"),
    (twilio_status_params, "business"),
    (sunshine_message_event, "event_id"),
    (sunshine_message_event, "message_id"),
    (sunshine_message_event, "text"),
    (sunshine_message_event, "conversation_id"),
    (vonage_inbound_text, "message_uuid"),
    (vonage_inbound_text, "customer"),
    (vonage_inbound_text, "business"),
    (vonage_inbound_text, "text"),
    (vonage_inbound_text, "at"),
    (vonage_status, "message_uuid"),
    (vonage_status, "status"),
    (vonage_status, "customer"),
    (vonage_status, "business"),
    (vonage_status, "at"),
]


@pytest.mark.parametrize(("builder", "field"), TEXT_ARGUMENTS)
@pytest.mark.parametrize("value", NOT_TEXT, ids=repr)
def test_builders_take_text(builder: Any, field: str, value: object) -> None:
    with pytest.raises(ValidationError) as error:
        builder(**{field: value})
    assert error.value.field == field


@pytest.mark.parametrize("value", [5, ["x"], "\ud800"], ids=repr)
def test_optional_texts_are_text_or_none(value: object) -> None:
    for call in (
        lambda: twilio_inbound_params(profile_name=value),  # type: ignore[arg-type]
        lambda: twilio_status_params(error_code=value),  # type: ignore[arg-type]
        lambda: sunshine_message_event(phone=value),  # type: ignore[arg-type]
        lambda: meta_payload([], waba_id=value),  # type: ignore[arg-type]
    ):
        with pytest.raises(ValidationError):
            call()
    assert twilio_inbound_params(profile_name=None)
    assert twilio_status_params(error_code=None)


@pytest.mark.parametrize("pairs", [5, "ab", [("a",)], [("a", 5)], [["a", "b"]], [("a", "\ud800")]])
def test_form_parameters_are_pairs_of_text(pairs: Any) -> None:
    with pytest.raises(ValidationError, match="extra"):
        twilio_inbound_params(extra=pairs)
    with pytest.raises(ValidationError, match="params"):
        signed_twilio_request(pairs, "token")


@pytest.mark.parametrize(
    "events", [5, "x", {"k": "v"}, ["x"], [{"k": "\ud800"}], [[[]]], [{"k": float("nan")}]]
)
def test_sunshine_events_are_json_objects(events: Any) -> None:
    with pytest.raises(ValidationError, match="events"):
        sunshine_payload(events)


@pytest.mark.parametrize("events", [5, "x", None, object()], ids=repr)
def test_meta_payload_takes_a_collection_of_events(events: Any) -> None:
    with pytest.raises(ValidationError, match="events"):
        meta_payload(events)


@pytest.mark.parametrize("body", ["{}", None, 5, ["x"]], ids=repr)
def test_a_signed_twilio_json_body_is_bytes(body: Any) -> None:
    with pytest.raises(ValidationError, match="body"):
        signed_twilio_json_request(body, "token")


@pytest.mark.parametrize("url", [None, 5, ["x"], b"https://x.example", "\ud800"], ids=repr)
def test_a_signed_twilio_json_url_is_text(url: Any) -> None:
    with pytest.raises(ValidationError, match="url"):
        signed_twilio_json_request(b"{}", "token", url=url)


@pytest.mark.parametrize("value", [None, 5, ["x"], b"k"], ids=repr)
def test_a_signed_vonage_request_takes_text_credentials(value: Any) -> None:
    with pytest.raises(ValidationError, match="signature_secret"):
        signed_vonage_request({}, value, issued_at=AT)
    with pytest.raises(ValidationError, match="api_key"):
        signed_vonage_request({}, "secret", issued_at=AT, api_key=value)
