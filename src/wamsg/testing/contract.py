"""The contract every provider adapter passes, built-in or third-party.

Subclass :class:`ProviderContract` in a test module (pytest collects classes
named ``Test…``), set ``provider`` and ``secret``, return correctly signed
requests from :meth:`~ProviderContract.good_requests` (the builders of
:mod:`wamsg.testing` make them) and the sends your adapter supports from
:meth:`~ProviderContract.sendable`::

    from wamsg.testing.contract import ProviderContract

    class TestMyAdapter(ProviderContract):
        provider = MyAdapter(token="t")
        secret = "webhook-secret"

        def good_requests(self):
            return [my_signed_request(b'{"...": 1}', self.secret)]

The suite uses plain ``assert`` and needs neither pytest nor Hypothesis at
import time.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence

from wamsg.errors import SignatureError, WamsgError
from wamsg.events import Event, event_from_dict
from wamsg.outgoing import Outgoing
from wamsg.providers import ErrorKind, HttpRequest, Provider, WebhookRequest

__all__ = ["GARBAGE_BODIES", "ProviderContract"]

GARBAGE_BODIES: tuple[bytes, ...] = (
    b"",
    b"{",
    b"[]",
    b"null",
    b"0",
    b'"x"',
    b"{}",
    b'{"entry": 1}',
    b'{"events": [1, "x"]}',
    b"\xff\xfe\x00",
    b"a=1&b",
    b"MessageSid=&From=",
    b'{"message_uuid": 5}',
    b'{"entry": [{"changes": [{"field": "messages", "value": {"messages": [{}]}}]}]}',
    b"[" * 5000,
)
"""Bodies no parser may answer with anything but events or a WamsgError."""


def _flip_one_byte(body: bytes) -> bytes:
    if not body:
        return b" "
    middle = len(body) // 2
    return body[:middle] + bytes([body[middle] ^ 0x01]) + body[middle + 1 :]


def _without(request: WebhookRequest, header: str) -> WebhookRequest:
    kept = tuple((k, v) for k, v in request.headers if k.lower() != header.lower())
    return WebhookRequest(method=request.method, url=request.url, headers=kept, body=request.body)


class ProviderContract:
    """Behaviour every :class:`~wamsg.providers.Provider` must show.

    ``body_is_signed`` is False for providers whose webhook auth is a static
    key (Sunshine's ``X-API-Key``): a changed body cannot be detected there.
    """

    provider: Provider
    secret: str
    body_is_signed: bool = True

    def good_requests(self) -> Sequence[WebhookRequest]:
        """Correctly signed webhook requests, each carrying at least one event."""
        raise NotImplementedError

    def sendable(self) -> Sequence[tuple[Outgoing, str | None]]:
        """Messages the adapter must be able to build sends for (with a conversation id)."""
        return ()

    def _events(self) -> list[tuple[WebhookRequest, tuple[Event, ...]]]:
        return [(request, self.provider.parse(request)) for request in self.good_requests()]

    def test_has_a_name_and_a_signature_header(self) -> None:
        assert isinstance(self.provider.name, str)
        assert self.provider.name
        assert isinstance(self.provider.signature_header, str)

    def test_good_requests_verify(self) -> None:
        requests = self.good_requests()
        assert requests, "good_requests() must return at least one request"
        for request in requests:
            self.provider.verify(request, self.secret)

    def test_a_wrong_secret_is_refused(self) -> None:
        for request in self.good_requests():
            _must_refuse(self.provider, request, self.secret + "-wrong")

    def test_an_empty_secret_is_refused(self) -> None:
        for request in self.good_requests():
            _must_refuse(self.provider, request, "")

    def test_a_missing_signature_header_is_refused(self) -> None:
        for request in self.good_requests():
            stripped = _without(request, self.provider.signature_header)
            _must_refuse(self.provider, stripped, self.secret)

    def test_a_body_changed_by_one_byte_is_refused(self) -> None:
        if not self.body_is_signed:
            return
        for request in self.good_requests():
            changed = WebhookRequest(
                method=request.method,
                url=request.url,
                headers=request.headers,
                body=_flip_one_byte(request.body),
            )
            _must_refuse(self.provider, changed, self.secret)

    def test_parse_yields_events_of_this_provider(self) -> None:
        for _, events in self._events():
            assert isinstance(events, tuple)
            assert events
            assert all(event.provider == self.provider.name for event in events)

    def test_every_event_keeps_its_raw_item(self) -> None:
        for _, events in self._events():
            assert all(event.raw is not None for event in events)

    def test_every_event_round_trips_through_canonical_json(self) -> None:
        for _, events in self._events():
            for event in events:
                assert event_from_dict(event.to_dict()) == event

    def test_parse_is_deterministic(self) -> None:
        for request, events in self._events():
            assert self.provider.parse(request) == events

    def test_garbage_raises_only_wamsg_errors(self) -> None:
        for body in GARBAGE_BODIES:
            request = WebhookRequest(method="POST", url="https://example.com/hook", body=body)
            for call in (
                lambda r=request: self.provider.parse(r),
                lambda r=request: self.provider.verify(r, self.secret),
                lambda b=body: self.provider.parse_send_response(200, b),
                lambda b=body: self.provider.parse_send_response(400, b),
            ):
                with contextlib.suppress(WamsgError):
                    call()

    def test_sends_are_http_requests(self) -> None:
        for outgoing, conversation_id in self.sendable():
            request = self.provider.build_send(outgoing, conversation_id=conversation_id)
            assert isinstance(request, HttpRequest)
            assert request.url.startswith("https://")
            assert isinstance(request.body, bytes)
            assert request.body

    def test_mark_read_is_a_request_or_none(self) -> None:
        try:
            result = self.provider.build_mark_read("wamid.contract")
        except WamsgError:
            return  # an unconfigured adapter may refuse to build requests
        assert result is None or isinstance(result, HttpRequest)

    def test_map_error_answers_an_error_kind_for_any_code(self) -> None:
        for code in (0, 470, 131047, 63016, "1340", "unauthorized", "", "x" * 100, -1):
            assert isinstance(self.provider.map_error(code), ErrorKind)


def _must_refuse(provider: Provider, request: WebhookRequest, secret: str) -> None:
    try:
        provider.verify(request, secret)
    except SignatureError:
        return
    raise AssertionError(f"{provider.name}: verify() accepted a request it must refuse")
