"""Twilio's ``X-Twilio-Signature``.

signature = base64(HMAC-SHA1(auth token, URL + Σ name+value)) where the URL is
exactly the one Twilio requested (query included) and the POST params are
appended by name in ascending order, each name's values sorted with duplicates
dropped ([rule twilio.signature.hmac-sha1]). Twilio is inconsistent about ports,
so the URL without its port and the URL with the scheme's default port both count
([rule twilio.signature.ports]). When the URL carries ``bodySHA256`` (JSON bodies),
nothing is appended and the body's SHA-256 must match that parameter
([rule twilio.signature.body-sha256]).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Iterable
from urllib.parse import urlsplit, urlunsplit

from wamsg._internal.json import is_text
from wamsg.errors import SignatureError, ValidationError
from wamsg.providers.base import WebhookRequest, load_form, require_secret, same_secret

__all__ = ["twilio_signature", "verify_twilio"]

_DEFAULT_PORTS = {"https": "443", "http": "80"}


def _signed_text(url: str, params: Iterable[tuple[str, str]]) -> str:
    values: dict[str, set[str]] = {}
    for name, value in params:
        values.setdefault(name, set()).add(value)
    parts = [url]
    for name in sorted(values):
        parts.extend(name + value for value in sorted(values[name]))
    return "".join(parts)


def twilio_signature(url: str, params: Iterable[tuple[str, str]], auth_token: str) -> str:
    """The ``X-Twilio-Signature`` Twilio sends for ``url`` and form ``params``."""
    key = require_secret(auth_token)
    pairs = _pairs(params)
    if not isinstance(url, str) or not all(is_text(text) for text in (url, *_texts(pairs))):
        raise ValidationError("the URL and params must be text", field="url")
    return _sign(key, url, pairs)


def _pairs(params: object) -> tuple[tuple[str, str], ...]:
    """The (name, value) string pairs of ``params`` (a ValidationError for anything else)."""
    pairs = tuple(params) if isinstance(params, Iterable) else None
    if pairs is None or not all(
        type(pair) is tuple and len(pair) == 2 and all(type(text) is str for text in pair)
        for pair in pairs
    ):
        raise ValidationError("must be (name, value) string pairs", field="params")
    return pairs


def _texts(pairs: tuple[tuple[str, str], ...]) -> Iterable[str]:
    return (text for pair in pairs for text in pair)


def _sign(key: bytes, url: str, params: Iterable[tuple[str, str]]) -> str:
    digest = hmac.digest(key, _signed_text(url, params).encode("utf-8"), "sha1")
    return base64.b64encode(digest).decode("ascii")


def _port_variants(url: str) -> tuple[str, str]:
    """(url without port, url with a port: its own, or the scheme's default)."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return url, url
    host_port = parts.netloc.rpartition("@")
    credentials = host_port[0] + host_port[1]
    host = host_port[2]
    if port is not None:
        bare = host[: host.rfind(":")]
        return urlunsplit(parts._replace(netloc=credentials + bare)), url
    default = _DEFAULT_PORTS.get(parts.scheme.lower())
    if default is None:
        return url, url
    return url, urlunsplit(parts._replace(netloc=f"{credentials}{host}:{default}"))


def verify_twilio(request: WebhookRequest, auth_token: str, header: str) -> None:
    """Raise :class:`SignatureError` unless the request is signed by Twilio.

    The URL without its port is tried first and the URL with a port only when
    that fails (each comparison is constant-time; which variant matched is no
    secret).
    """
    key = require_secret(auth_token)
    given = request.header(header)
    if given is None:
        raise SignatureError(f"missing {header} header")
    body_hash = request.query_value("bodySHA256")
    params: tuple[tuple[str, str], ...] = ()
    if body_hash is not None:
        if not same_secret(body_hash.lower(), hashlib.sha256(request.body).hexdigest()):
            raise SignatureError("bodySHA256 does not match the body")
    elif request.method.upper() != "GET":
        try:
            params = load_form(request.body)
        except ValueError:
            raise SignatureError("the body is not a form Twilio could have signed") from None
    bare, with_port = _port_variants(request.url)
    if same_secret(given, _sign(key, bare, params)):
        return
    if with_port == bare or not same_secret(given, _sign(key, with_port, params)):
        raise SignatureError(f"{header} does not match (wrong token, URL or changed body)")
