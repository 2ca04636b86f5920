"""Checks of what the caller hands an adapter: an HTTP status code, a raw body."""

from __future__ import annotations

from wamsg.errors import ValidationError

__all__ = ["http_status", "raw_body"]


def http_status(status: object) -> int:
    """An HTTP status code as the caller's client gave it (100 to 599)."""
    if type(status) is not int or not 100 <= status <= 599:
        raise ValidationError("must be an HTTP status code", field="status", value=status)
    return status


def raw_body(value: object) -> bytes:
    """``value`` as the raw bytes of a body (a :class:`ValidationError` if it is not bytes)."""
    if type(value) is bytes:
        return value
    if not isinstance(value, (bytes, bytearray, memoryview)):
        raise ValidationError("the body must be the raw bytes received", field="body")
    return bytes(value)
