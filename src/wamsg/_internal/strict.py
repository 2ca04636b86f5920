"""Strict readers for the caller's own JSON configuration: every mistake names its field.

Account files, routing policies and flow definitions are written by hand, so a typo
must be an error, not a silent default: :func:`obj` refuses keys it does not know, and
every reader names the dotted field (``numbers[0].status``) of what was wrong.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from wamsg._internal.json import Json, is_text
from wamsg.errors import ValidationError

__all__ = ["at_key", "flag", "listed", "obj", "string"]


def at_key(field: str, key: str) -> str:
    """The dotted field of ``key`` inside ``field`` (``key`` alone at the top)."""
    return f"{field}.{key}" if field else key


def obj(value: object, field: str, keys: Iterable[str]) -> Mapping[str, Json]:
    """``value`` as a JSON object with no key outside ``keys``."""
    if not isinstance(value, Mapping):
        raise ValidationError("must be a JSON object", field=field or "account", value=value)
    allowed = frozenset(keys)
    for key in value:
        if key not in allowed:
            known = ", ".join(sorted(allowed))
            raise ValidationError(f"unknown key (known: {known})", field=at_key(field, str(key)))
    return value


def string(data: Mapping[str, Json], key: str, field: str) -> str:
    """The non-empty string under ``key``."""
    value = data.get(key)
    if not isinstance(value, str) or not value.strip() or not is_text(value):
        raise ValidationError("must be a non-empty string", field=at_key(field, key), value=value)
    return value


def flag(data: Mapping[str, Json], key: str, field: str) -> bool:
    """The boolean under ``key``; false when missing."""
    value = data.get(key, False)
    if not isinstance(value, bool):
        raise ValidationError("must be true or false", field=at_key(field, key), value=value)
    return value


def listed(data: Mapping[str, Json], key: str, field: str = "") -> list[Json]:
    """The list under ``key``; empty when missing."""
    value = data.get(key, [])
    if not isinstance(value, list):
        raise ValidationError("must be a list", field=at_key(field, key), value=value)
    return value
