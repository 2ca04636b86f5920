"""Strict readers for the caller's own JSON configuration: every mistake names its field.

Account files, routing policies and flow definitions are written by hand, so a typo
must be an error, not a silent default: :func:`obj` refuses keys it does not know, and
every reader names the dotted field (``numbers[0].status``) of what was wrong.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping

from wamsg._internal.decode import JsonRefused, loads
from wamsg._internal.json import Json, is_text
from wamsg.errors import ValidationError

__all__ = ["at_key", "flag", "listed", "obj", "read_config", "string"]


def at_key(field: str, key: str) -> str:
    """The dotted field of ``key`` inside ``field`` (``key`` alone at the top)."""
    return f"{field}.{key}" if field else key


def obj(
    value: object, field: str, keys: Iterable[str], *, whole: str = "document"
) -> Mapping[str, Json]:
    """``value`` as a JSON object with no key outside ``keys``.

    ``field`` is "" for the top of a file; an error there names ``whole`` (``account``,
    ``policy``, ``flow``).
    """
    if not isinstance(value, Mapping):
        raise ValidationError("must be a JSON object", field=field or whole, value=value)
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


def _unique_keys(pairs: list[tuple[str, object]]) -> dict[str, object]:
    """A JSON object's members, refusing a key named twice."""
    found: dict[str, object] = {}
    for key, value in pairs:
        if key in found:
            raise ValidationError("names a key twice", field=key, value=key)
        found[key] = value
    return found


def read_config(data: bytes | str, field: str) -> Json:
    """The JSON value of a configuration file's text, read strictly.

    Strict JSON (:func:`wamsg._internal.decode.loads`: no NaN, bounded depth and
    integers), and an object that names a key twice is refused, naming the key:
    JSON readers keep one of the two silently, and the file is the caller's own.
    """
    try:
        value = loads(data)
    except JsonRefused as error:
        raise ValidationError(str(error), field=field) from None
    json.loads(data, object_pairs_hook=_unique_keys)
    return value
