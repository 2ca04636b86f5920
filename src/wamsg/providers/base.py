"""The provider port: requests in, events out, sends as data.

A provider adapter never does I/O. The caller hands it a
:class:`WebhookRequest` (the bytes and headers it received), gets back events,
and asks it for :class:`HttpRequest` values that the caller transmits itself.
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from typing import Protocol, runtime_checkable
from urllib.parse import parse_qsl, urlsplit

import attrs

from wamsg._internal.json import Json, JsonObject
from wamsg.delivery import ErrorDetail
from wamsg.errors import SignatureError, ValidationError
from wamsg.events import Event
from wamsg.outgoing import Outgoing
from wamsg.providers.errors import ErrorKind

__all__ = ["HttpRequest", "Provider", "SendResult", "WebhookRequest"]


def _headers(value: Mapping[str, str] | Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    if value == ():
        return ()
    pairs = value.items() if isinstance(value, Mapping) else value
    out = []
    for name, text in pairs:
        if not isinstance(name, str) or not isinstance(text, str):
            raise ValidationError("header names and values must be strings", field="headers")
        out.append((name, text))
    return tuple(out)


def _body(value: bytes | bytearray | memoryview) -> bytes:
    if type(value) is bytes:
        return value
    if not isinstance(value, (bytes, bytearray, memoryview)):
        raise ValidationError("the body must be the raw bytes received", field="body")
    return bytes(value)


@attrs.frozen(kw_only=True)
class WebhookRequest:
    """A webhook request exactly as received: never re-serialise the body.

    ``url`` is the full URL the provider called (scheme, host, path and query,
    as the provider saw it: behind a proxy, rebuild it from the public URL).
    ``headers`` keep their order and case; :meth:`header` looks one up without
    regard to case. ``query`` is read from ``url`` when not given.
    """

    method: str = "POST"
    url: str = ""
    headers: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=_headers)
    body: bytes = attrs.field(default=b"", converter=_body)

    def header(self, name: str) -> str | None:
        """The first header called ``name`` (case-insensitive), or None."""
        wanted = name.lower()
        for key, value in self.headers:
            if key.lower() == wanted:
                return value
        return None

    @property
    def query(self) -> tuple[tuple[str, str], ...]:
        """The query parameters of :attr:`url`, in order, repeated names kept."""
        return tuple(parse_qsl(urlsplit(self.url).query, keep_blank_values=True))

    def query_value(self, name: str) -> str | None:
        """The first query parameter called ``name``, or None."""
        for key, value in self.query:
            if key == name:
                return value
        return None


@attrs.frozen(kw_only=True)
class HttpRequest:
    """An HTTP request for the caller to send: method, url, headers and body bytes."""

    method: str
    url: str
    headers: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=_headers)
    body: bytes = attrs.field(default=b"", converter=_body)

    def header(self, name: str) -> str | None:
        """The first header called ``name`` (case-insensitive), or None."""
        wanted = name.lower()
        for key, value in self.headers:
            if key.lower() == wanted:
                return value
        return None

    def json(self) -> Json:
        """The body read as JSON (for JSON requests)."""
        return load_json(self.body)


@attrs.frozen(kw_only=True)
class SendResult:
    """What a provider answered to a send request.

    ``accepted`` means the provider took the message (not that it was
    delivered: delivery arrives later as a status webhook). On refusal
    ``error`` holds the provider's code and text and ``kind`` its meaning.
    """

    accepted: bool
    message_id: str | None = None
    status: str | None = None
    error: ErrorDetail | None = None
    kind: ErrorKind | None = None
    raw: Json = attrs.field(default=None, eq=False, repr=False)


@runtime_checkable
class Provider(Protocol):
    """What every provider adapter offers (built-in or third-party).

    - :meth:`verify` checks a webhook's signature or key on the raw bytes,
      raising :class:`~wamsg.SignatureError` when it does not verify;
    - :meth:`parse` turns one webhook into events, one per item of a batch,
      each keeping its raw item, raising only :class:`~wamsg.WamsgError`;
    - :meth:`build_send` / :meth:`build_mark_read` build the HTTP request;
    - :meth:`parse_send_response` reads the provider's answer to a send;
    - :meth:`map_error` normalises a provider error code.
    """

    @property
    def name(self) -> str:
        """The provider name used in events and the registry (``"meta"`` …)."""

    @property
    def signature_header(self) -> str:
        """The header that carries the webhook's signature or key."""

    def verify(self, request: WebhookRequest, secret: str) -> None:
        """Raise :class:`~wamsg.SignatureError` unless ``request`` is authentic."""

    def parse(
        self, request: WebhookRequest, *, received_at: datetime | None = None
    ) -> tuple[Event, ...]:
        """Every event the webhook carries; ``received_at`` stands in for missing times."""

    def build_send(self, outgoing: Outgoing, *, conversation_id: str | None = None) -> HttpRequest:
        """The request that sends ``outgoing`` (``conversation_id`` for Sunshine)."""

    def build_mark_read(self, message_id: str, *, typing: bool = False) -> HttpRequest | None:
        """The request that marks an inbound message read; None if the provider has none."""

    def parse_send_response(self, status: int, body: bytes) -> SendResult:
        """Read the provider's answer to a send request."""

    def map_error(self, code: str | int) -> ErrorKind:
        """What a provider error code means."""


# ``json.loads(bytes)`` guesses the encoding, decodes and scans in Python
# wrappers that cost a fifth of decoding a webhook-sized body. A body that starts
# with ``{`` or ``[`` and no NUL byte is UTF-8 (RFC 8259 §8.1; json.detect_encoding
# agrees), so it goes straight to the C scanner. Anything else takes json.loads,
# which also reads UTF-16, UTF-32 and UTF-8-encoded lone surrogates.
_scan: Callable[[str, int], tuple[Json, int]] = json.JSONDecoder().scan_once  # type: ignore[attr-defined]
_JSON_SPACE = " \t\n\r"


def load_json(body: bytes) -> Json:
    """Decode a JSON body, raising :class:`ValidationError` on anything else."""
    try:
        return _decode(body)
    except (ValueError, RecursionError):  # UnicodeDecodeError is a ValueError
        raise ValidationError("the body is not valid JSON", field="body") from None


def _decode(body: bytes) -> Json:
    value: Json
    if body[:1] not in (b"{", b"[") or body[1:2] == b"\x00":
        value = json.loads(body)
        return value
    try:
        text = body.decode()
    except UnicodeDecodeError:
        value = json.loads(body)
        return value
    try:
        value, end = _scan(text, 0)
    except StopIteration:
        raise ValueError("not JSON") from None
    if end != len(text) and text[end:].strip(_JSON_SPACE):
        raise ValueError("extra data after the JSON value")
    return value


def load_object(body: bytes) -> JsonObject:
    """Decode a JSON body that must be an object."""
    try:
        value = _decode(body)
    except (ValueError, RecursionError):
        raise ValidationError("the body is not valid JSON", field="body") from None
    if type(value) is not dict:
        raise ValidationError("the body must be a JSON object", field="body")
    return value


def dump_json(value: Json) -> bytes:
    """Compact UTF-8 JSON for request bodies."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def load_form(body: bytes) -> tuple[tuple[str, str], ...]:
    """Decode an ``application/x-www-form-urlencoded`` body, repeated names kept."""
    try:
        text = body.decode("utf-8")
        return tuple(parse_qsl(text, keep_blank_values=True, strict_parsing=False))
    except (UnicodeDecodeError, ValueError):
        raise ValidationError("the body is not a UTF-8 form", field="body") from None


def same_secret(given: str | None, expected: str) -> bool:
    """Constant-time comparison of two secrets or signatures."""
    if given is None:
        return False
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def require_secret(secret: object) -> bytes:
    """The secret as bytes; an empty secret can never verify anything."""
    if not isinstance(secret, str) or not secret:
        raise SignatureError("no secret configured: refusing to accept an unverifiable request")
    return secret.encode("utf-8")
