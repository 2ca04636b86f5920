"""The customer's answer to a call permission request: value, JSON form, reader."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from wamsg import ValidationError
from wamsg._internal.json import JsonObject
from wamsg.content import CallPermissionReply, content_from_dict

AT = datetime(2026, 11, 27, 5, 0, tzinfo=timezone.utc)
REPLY: JsonObject = {
    "kind": "call_permission_reply",
    "response": "accept",
    "expires_at": "2026-11-27T05:00:00Z",
    "source": "automatic",
}


def test_the_json_form_reads_back_exactly() -> None:
    reply = content_from_dict(REPLY)
    assert reply == CallPermissionReply(response="accept", expires_at=AT, source="automatic")
    assert reply.to_dict() == REPLY


def test_unknown_data_is_written_only_when_present() -> None:
    reply = CallPermissionReply(response="later", data={"until": "tomorrow"})
    data = reply.to_dict()
    assert data == {"kind": "call_permission_reply", "response": "later", "expires_at": None,
                    "source": None, "data": {"until": "tomorrow"}}  # fmt: skip
    assert content_from_dict(data) == reply
    assert not reply.accepted
    assert not reply.rejected


def test_expiry_is_kept_in_utc_and_naive_times_are_refused() -> None:
    plus_two = timezone(timedelta(hours=2))
    reply = CallPermissionReply(response="accept", expires_at=AT.astimezone(plus_two))
    assert reply.expires_at == AT
    assert reply.expires_at is not None
    assert reply.expires_at.tzinfo is timezone.utc
    with pytest.raises(ValidationError):
        CallPermissionReply(response="accept", expires_at=datetime(2026, 11, 27))
    with pytest.raises(ValidationError):
        CallPermissionReply(response="")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"response": None}, "content.response"),
        ({"response": 1}, "content.response"),
        ({"expires_at": 1795770000}, "content.expires_at"),
        ({"expires_at": "2026-11-27T05:00:00"}, "content.expires_at"),
        ({"source": 5}, "content.source"),
        ({"data": []}, "content.data"),
    ],
)
def test_a_bad_json_form_names_the_key(changes: JsonObject, field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        content_from_dict({**REPLY, **changes})
    assert caught.value.field == field
