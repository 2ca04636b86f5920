"""HS256 JSON Web Tokens (RFC 7519 / RFC 7515), verified with the standard library.

Only what Vonage's signed webhooks need ([rule vonage.jwt.hs256]): header
``{"alg": "HS256"}``, a JSON claims object, an HMAC-SHA256 signature over
``header.payload`` compared in constant time. Any other algorithm (including ``none``) is refused.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json

from wamsg._internal.json import JsonObject
from wamsg.errors import SignatureError

__all__ = ["decode_hs256", "encode_hs256"]


_ALPHABET = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


def _b64decode(part: str) -> bytes:
    """Strict base64url without padding (RFC 7515 §2): one spelling per byte string.

    Characters outside the alphabet, ``=`` padding and non-zero unused bits in the
    last character are all refused, so a signature cannot be written two ways.
    """
    if not _ALPHABET.issuperset(part) or len(part) % 4 == 1:
        raise SignatureError("the JWT is not base64url")
    try:
        data = base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))
    except (binascii.Error, ValueError):  # pragma: no cover - the alphabet check above
        raise SignatureError("the JWT is not base64url") from None
    if _b64encode(data) != part:
        raise SignatureError("the JWT is not base64url (non-canonical last character)")
    return data


def _b64encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _json_object(data: bytes, what: str) -> JsonObject:
    try:
        value = json.loads(data)
    except (ValueError, RecursionError):
        raise SignatureError(f"the JWT {what} is not JSON") from None
    if not isinstance(value, dict):
        raise SignatureError(f"the JWT {what} is not a JSON object")
    return value


def decode_hs256(token: str, secret: bytes) -> JsonObject:
    """Verify an HS256 token with ``secret`` and return its claims."""
    parts = token.split(".")
    if len(parts) != 3:
        raise SignatureError("a JWT has three dot-separated parts")
    header = _json_object(_b64decode(parts[0]), "header")
    if header.get("alg") != "HS256":
        raise SignatureError(f"JWT algorithm {header.get('alg')!r} refused: only HS256")
    signing_input = f"{parts[0]}.{parts[1]}".encode("ascii", "replace")
    expected = hmac.new(secret, signing_input, hashlib.sha256).digest()
    if not hmac.compare_digest(expected, _b64decode(parts[2])):
        raise SignatureError("the JWT signature does not match the signature secret")
    return _json_object(_b64decode(parts[1]), "claims")


def encode_hs256(claims: JsonObject, secret: bytes) -> str:
    """Sign ``claims`` as an HS256 token (for :mod:`wamsg.testing`)."""
    header = _b64encode(json.dumps({"alg": "HS256", "typ": "JWT"}, separators=(",", ":")).encode())
    payload = _b64encode(json.dumps(claims, separators=(",", ":")).encode())
    signature = hmac.new(secret, f"{header}.{payload}".encode("ascii"), hashlib.sha256).digest()
    return f"{header}.{payload}.{_b64encode(signature)}"
