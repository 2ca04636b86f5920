"""The provider port: requests in, events out, sends as data.

A provider adapter never does I/O. The caller hands it a
:class:`WebhookRequest` (the bytes and headers it received), gets back events,
and asks it for :class:`HttpRequest` values that the caller transmits itself.
"""

from __future__ import annotations

import base64
import hmac
import json
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any, Protocol, runtime_checkable
from urllib.parse import parse_qsl, quote, unquote, urlsplit, urlunsplit

import attrs

from wamsg._internal.decode import JsonRefused, loads
from wamsg._internal.json import Json, JsonObject, is_text
from wamsg.delivery import ErrorDetail
from wamsg.errors import SignatureError, ValidationError
from wamsg.events import Event
from wamsg.outgoing import Outgoing
from wamsg.providers.errors import ErrorKind

__all__ = [
    "HttpRequest",
    "Provider",
    "SendResult",
    "WebhookRequest",
    "is_secret_header",
    "path_segment",
]


def _headers(value: Mapping[str, str] | Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    if value == ():
        return ()
    if isinstance(value, (str, bytes)) or not isinstance(value, (Mapping, Iterable)):
        raise ValidationError(
            "must be a mapping or a sequence of (name, value) pairs", field="headers", value=value
        )
    pairs = value.items() if isinstance(value, Mapping) else value
    out = []
    for index, pair in enumerate(pairs):
        if not isinstance(pair, tuple) or len(pair) != 2:
            raise ValidationError("must be a (name, value) pair", field=f"headers[{index}]")
        name, text = pair
        if not isinstance(name, str) or not isinstance(text, str):
            raise ValidationError("header names and values must be strings", field="headers")
        if not is_text(name + text):
            raise ValidationError(
                "a header holds a lone surrogate (not encodable text)", field=f"headers[{index}]"
            )
        out.append((name, text))
    return tuple(out)


def _text(value: object, field: str) -> str:
    if not isinstance(value, str):
        raise ValidationError("must be a string", field=field, value=value)
    if not is_text(value):
        raise ValidationError("holds a lone surrogate, which is not text", field=field)
    return value


def _method(value: object) -> str:
    return _text(value, "method")


def _url(value: object) -> str:
    """A URL that :func:`urllib.parse.urlsplit` can read (a bad host is refused here)."""
    url = _text(value, "url")
    try:
        urlsplit(url).port  # noqa: B018 - reading the port validates host and port
    except ValueError as error:
        raise ValidationError(f"not a URL: {error}", field="url", value=url) from None
    return url


def _opt_url(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validator: None or a URL (text :func:`urllib.parse.urlsplit` reads), naming the field."""
    if value is not None:
        try:
            _url(value)
        except ValidationError as error:
            raise ValidationError(error.reason, field=attribute.name) from None  # may hold a token


def path_segment(value: object, field: str) -> str:
    """``value`` escaped as one segment of a URL path, whatever characters it holds.

    Every character but letters, digits and ``-._~`` is percent-escaped (``/``,
    ``?``, ``#``, ``%`` included), and a segment of dots only (``.``, ``..``) has
    its dots escaped too, so an id can never climb out of its place in the path.
    Raises :class:`~wamsg.errors.ValidationError` for an empty or non-string id.
    """
    if not isinstance(value, str) or not value:
        raise ValidationError("must be a non-empty string", field=field, value=value)
    if not is_text(value):
        raise ValidationError("holds a lone surrogate, which is not text", field=field)
    escaped = quote(value, safe="")
    if not escaped.strip("."):
        escaped = escaped.replace(".", "%2E")
    return escaped


# Headers whose values are credentials or signatures: masked in every repr.
_SECRET_WORDS = (
    "authorization",
    "signature",
    "api-key",
    "apikey",
    "key",
    "token",
    "secret",
    "password",
    "cookie",
    "sig",
)


def is_secret_header(name: str) -> bool:
    """True for a header whose value is a credential or a signature (masked in reprs)."""
    lowered = _text(name, "name").lower()
    return any(word in lowered for word in _SECRET_WORDS)


def _masked_headers(headers: tuple[tuple[str, str], ...]) -> str:
    shown = tuple((name, "***" if is_secret_header(name) else value) for name, value in headers)
    return repr(shown)


def _masked_url(url: str | None) -> str:
    """The URL's repr with a password (``user:pass@``) and secret-looking query values masked."""
    if url is None:
        return "None"
    parts = urlsplit(url)
    netloc = parts.netloc
    if "@" in netloc:
        credentials, _, host = netloc.rpartition("@")
        user = credentials.partition(":")[0]
        netloc = f"{user}:***@{host}" if ":" in credentials else f"***@{host}"
    query = parts.query
    if query:  # split as written (not decoded), so what is shown is the URL's own text
        query = "&".join(
            f"{name}=***" if is_secret_header(unquote(name)) else f"{name}{sep}{value}"
            for name, sep, value in (pair.partition("=") for pair in query.split("&"))
        )
    return repr(urlunsplit(parts._replace(netloc=netloc, query=query)))


def _body_size(body: bytes) -> str:
    """A request body is shown by its size only: it may hold credentials (a callback URL)."""
    return f"<{len(body)} bytes>"


def _body(value: bytes | bytearray | memoryview) -> bytes:
    if type(value) is bytes:
        return value
    if not isinstance(value, (bytes, bytearray, memoryview)):
        raise ValidationError("the body must be the raw bytes received", field="body")
    return bytes(value)


@attrs.frozen(kw_only=True)
class WebhookRequest:
    """A webhook request exactly as received: never re-serialise the body.

    Its repr masks credentials and signatures (see :func:`is_secret_header`) and
    a password or token in the URL.

    ``url`` is the full URL the provider called (scheme, host, path and query,
    as the provider saw it: behind a proxy, rebuild it from the public URL).
    ``headers`` keep their order and case; :meth:`header` looks one up without
    regard to case. ``query`` is read from ``url`` when not given.
    """

    method: str = attrs.field(default="POST", converter=_method)
    url: str = attrs.field(default="", converter=_url, repr=_masked_url)
    headers: tuple[tuple[str, str], ...] = attrs.field(
        default=(), converter=_headers, repr=_masked_headers
    )
    body: bytes = attrs.field(default=b"", converter=_body)

    def header(self, name: str) -> str | None:
        """The first header called ``name`` (case-insensitive), or None."""
        wanted = _text(name, "name").lower()
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
    """An HTTP request for the caller to send: method, url, headers and body bytes.

    Its repr masks credentials (``Authorization``, API keys) and a password or
    token in the URL; the values themselves are untouched.
    """

    method: str = attrs.field(converter=_method)
    url: str = attrs.field(converter=_url, repr=_masked_url)
    headers: tuple[tuple[str, str], ...] = attrs.field(
        default=(), converter=_headers, repr=_masked_headers
    )
    body: bytes = attrs.field(default=b"", converter=_body, repr=_body_size)

    def header(self, name: str) -> str | None:
        """The first header called ``name`` (case-insensitive), or None."""
        wanted = _text(name, "name").lower()
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


def _refused(error: JsonRefused) -> ValidationError:
    reason = str(error)
    if reason.startswith("not JSON"):
        return ValidationError("the body is not valid JSON", field="body")
    return ValidationError(f"the body is not strict JSON: {reason}", field="body")


def load_json(body: bytes) -> Json:
    """Decode a JSON body, raising :class:`ValidationError` on anything but strict JSON."""
    if not isinstance(body, (bytes, bytearray, memoryview)):
        raise ValidationError("the body must be the raw bytes received", field="body")
    try:
        return loads(bytes(body))
    except JsonRefused as error:
        raise _refused(error) from None


def load_object(body: bytes) -> JsonObject:
    """Decode a JSON body that must be an object."""
    value = load_json(body)
    if type(value) is not dict:
        raise ValidationError("the body must be a JSON object", field="body")
    return value


def dump_json(value: Json) -> bytes:
    """Compact UTF-8 JSON for request bodies (a lone surrogate is a ValidationError)."""
    try:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    except UnicodeEncodeError:
        raise ValidationError(
            "holds a lone surrogate, which is not text", field="content"
        ) from None


def basic_auth(user: str, password: str) -> str:
    """The ``Authorization`` value for HTTP basic auth (RFC 7617), UTF-8 encoded."""
    try:
        pair = f"{user}:{password}".encode()
    except UnicodeEncodeError:
        raise ValidationError(
            "credentials hold a lone surrogate", field="credentials", value=password, secret=True
        ) from None
    return "Basic " + base64.b64encode(pair).decode("ascii")


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
    # "surrogatepass": a lone surrogate can never match, and never raises either
    return hmac.compare_digest(
        given.encode("utf-8", "surrogatepass"), expected.encode("utf-8", "surrogatepass")
    )


def require_secret(secret: object) -> bytes:
    """The secret as bytes; an empty secret can never verify anything."""
    if not isinstance(secret, str) or not secret:
        raise SignatureError("no secret configured: refusing to accept an unverifiable request")
    try:
        return secret.encode("utf-8")
    except UnicodeEncodeError:
        raise ValidationError(
            "holds a lone surrogate, which is not text", field="secret", value=secret, secret=True
        ) from None
