"""Arbitrary bytes and arbitrary JSON into every parser raise nothing but WamsgError."""

from __future__ import annotations

import contextlib
import json

from hypothesis import given
from hypothesis import strategies as st

from wamsg import WamsgError
from wamsg.providers import WebhookRequest, default_registry

from ._support import SECRET

PROVIDERS = [default_registry().get(name) for name in default_registry().names]
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "entry",
                    "changes",
                    "value",
                    "messages",
                    "statuses",
                    "contacts",
                    "metadata",
                    "from",
                    "id",
                    "type",
                    "text",
                    "timestamp",
                    "status",
                    "events",
                    "payload",
                    "message",
                    "author",
                    "content",
                    "source",
                    "message_uuid",
                    "to",
                    "field",
                    "errors",
                    "pricing",
                    "context",
                    "referral",
                    "location",
                    "image",
                    "interactive",
                    "createdAt",
                    "client",
                    "externalId",
                ]
            )
            | st.text(max_size=8),
            children,
            max_size=5,
        )
    ),
    max_leaves=30,
)


def _survives(request: WebhookRequest) -> None:
    for provider in PROVIDERS:
        with contextlib.suppress(WamsgError):
            provider.parse(request)
        with contextlib.suppress(WamsgError):
            provider.verify(request, SECRET)
        with contextlib.suppress(WamsgError):
            provider.parse_send_response(200, request.body)


@given(st.binary(max_size=300), st.sampled_from(["GET", "POST"]))
def test_arbitrary_bytes(body: bytes, method: str) -> None:
    _survives(WebhookRequest(method=method, url="https://h.example/x?bodySHA256=ab", body=body))


@given(JSON)
def test_arbitrary_json(value: object) -> None:
    body = json.dumps(value).encode()
    _survives(WebhookRequest(body=body, headers={"Authorization": "Bearer a.b.c"}))


@given(JSON)
def test_arbitrary_json_inside_a_meta_envelope(value: object) -> None:
    envelope = {
        "entry": [
            {
                "changes": [
                    {"field": "messages", "value": {"messages": [value], "statuses": [value]}}
                ]
            }
        ]
    }
    _survives(WebhookRequest(body=json.dumps(envelope).encode()))


@given(JSON)
def test_arbitrary_json_inside_a_sunshine_event(value: object) -> None:
    body = {
        "events": [
            {
                "type": "conversation:message",
                "createdAt": "2026-11-20T09:00:00Z",
                "payload": {"message": value},
            }
        ]
    }
    _survives(WebhookRequest(body=json.dumps(body).encode()))


@given(st.dictionaries(st.text(max_size=12), st.text(max_size=12), max_size=8))
def test_arbitrary_forms(params: dict[str, str]) -> None:
    from urllib.parse import urlencode

    _survives(WebhookRequest(body=urlencode({"MessageSid": "SM1", **params}).encode()))
