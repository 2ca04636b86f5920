"""WebhookRequest and HttpRequest: the raw bytes and headers kept as received."""

from __future__ import annotations

import pytest

from wamsg import SignatureError, ValidationError
from wamsg.providers import HttpRequest, MetaProvider, WebhookRequest


def test_the_body_bytes_are_kept_as_the_same_object() -> None:
    body = b'{"entry": []}'
    assert WebhookRequest(body=body).body is body


def test_a_bytearray_or_memoryview_body_becomes_bytes() -> None:
    assert WebhookRequest(body=bytearray(b"ab")).body == b"ab"
    assert type(HttpRequest(method="POST", url="u", body=memoryview(b"cd")).body) is bytes


def test_a_text_body_is_refused() -> None:
    with pytest.raises(ValidationError, match="raw bytes"):
        WebhookRequest(body="{}")  # type: ignore[arg-type]


def test_headers_from_a_mapping_or_pairs_keep_their_order() -> None:
    pairs = (("X-B", "2"), ("x-a", "1"))
    assert WebhookRequest(headers=dict(pairs)).headers == pairs
    assert WebhookRequest(headers=list(pairs)).header("X-A") == "1"
    assert WebhookRequest().headers == ()


def test_a_header_that_is_not_text_is_refused() -> None:
    with pytest.raises(ValidationError, match="headers"):
        WebhookRequest(headers=(("X-A", 1),))  # type: ignore[arg-type]


def test_a_send_request_header_is_found_without_regard_to_case() -> None:
    request = HttpRequest(method="POST", url="u", headers=(("Content-Type", "application/json"),))
    assert request.header("content-type") == "application/json"
    assert request.header("Authorization") is None


def test_a_handshake_without_a_verify_token_is_refused() -> None:
    request = WebhookRequest(method="GET", url="https://h.example/meta?hub.mode=subscribe")
    with pytest.raises(SignatureError, match="verify_token"):
        MetaProvider().challenge(request, "token")
