"""Converters of the assignment values' fields: enums, id sets, count maps, kept JSON.

Each returns the normalised value (a member, a ``frozenset``, a read-only mapping, a
private copy of JSON) or raises :class:`~wamsg.errors.ValidationError` naming the
field, so that an :class:`~wamsg.routing.agents.AgentSnapshot` or a
:class:`~wamsg.routing.assign.WorkItem` that exists is valid. Mappings are copied into
a :class:`types.MappingProxyType`: the caller's dict can change afterwards without
changing the value.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType
from typing import Any, TypeVar

from wamsg._internal.decode import require_strict
from wamsg._internal.fields import MAX_COUNT
from wamsg._internal.json import Json, is_text
from wamsg.errors import ValidationError

__all__ = ["EMPTY", "copy_json", "count_map", "id_set", "json_map", "member", "text_key"]

_E = TypeVar("_E", bound=enum.Enum)

EMPTY: Mapping[str, int] = MappingProxyType({})
"""The empty read-only mapping (no skills, no declines)."""


def member(kind: type[_E], value: object, field: str) -> _E:
    """``value`` as a member of the str enum ``kind``: a member, or its string value."""
    if isinstance(value, kind):
        return value
    if type(value) is str:
        try:
            return kind(value)
        except ValueError:
            pass
    allowed = ", ".join(str(m.value) for m in kind)
    raise ValidationError(f"must be one of {allowed}", field=field, value=value)


def text_key(value: object, field: str) -> str:
    """``value`` if it is a non-empty string without a lone surrogate (an id, a name)."""
    if type(value) is str and value and (value.isascii() or is_text(value)):
        return value
    if isinstance(value, str) and value:
        if is_text(value):
            return str(value)  # a str subclass, kept as a plain str
        raise ValidationError("holds a lone surrogate, which is not text", field=field)
    raise ValidationError("must be a non-empty string", field=field, value=value)


def id_set(field: str) -> Callable[[object], frozenset[str]]:
    """Converter: a collection of ids (non-empty strings) as a ``frozenset``."""

    def convert(value: object) -> frozenset[str]:
        if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
            raise ValidationError("must be a collection of ids", field=field, value=value)
        return frozenset([text_key(item, field) for item in value])

    return convert


def count_map(field: str, high: int = MAX_COUNT) -> Callable[[object], Mapping[str, int]]:
    """Converter: a mapping of names to integers from 0 to ``high``, read-only.

    A bad value names its key: ``skills.sv``.
    """

    def convert(value: object) -> Mapping[str, int]:
        if not isinstance(value, Mapping):
            raise ValidationError("must be a mapping of names to counts", field=field, value=value)
        if not value:
            return EMPTY
        kept: dict[str, int] = {}
        for key, count in value.items():
            name = text_key(key, field)
            if type(count) is int and 0 <= count <= high:
                kept[name] = count
            elif isinstance(count, int) and not isinstance(count, bool) and 0 <= count <= high:
                kept[name] = int(count)  # an int subclass, kept as a plain int
            else:
                reason = f"must be an integer from 0 to {high}"
                raise ValidationError(reason, field=f"{field}.{name}", value=count)
        return MappingProxyType(kept)

    return convert


def _empty_like(value: object) -> Any:
    """A new empty container of ``value``'s kind (dict or list), else None."""
    kind = type(value)
    return {} if kind is dict else [] if kind is list else None


def copy_json(value: Json) -> Json:
    """A private copy of strict JSON: new lists and dicts, the same leaves.

    Iterative, so a value as deep as strict JSON allows (500 levels) is no risk to the
    interpreter's recursion limit.
    """
    root = _empty_like(value)
    if root is None:
        return value
    stack: list[tuple[Any, Any]] = [(value, root)]
    while stack:
        original, copy = stack.pop()
        pairs = original.items() if type(original) is dict else enumerate(original)
        for key, item in pairs:
            child = _empty_like(item)
            if child is not None:
                stack.append((item, child))
                item = child
            if type(copy) is dict:
                copy[key] = item
            else:
                copy.append(item)
    return root  # type: ignore[no-any-return]


def json_map(value: object, field: str, reserved: frozenset[str]) -> Mapping[str, Json]:
    """``value`` as a read-only copy of a strict JSON object none of whose keys is reserved."""
    if not isinstance(value, Mapping):
        raise ValidationError("must be a mapping of JSON values", field=field, value=value)
    if not value:
        return MappingProxyType({})
    kept = dict(value)
    require_strict(kept, field)
    for key in kept:
        if key in reserved:
            reason = "is a key of the agents file itself, not an extra attribute"
            raise ValidationError(reason, field=f"{field}.{key}")
    return MappingProxyType({key: copy_json(item) for key, item in kept.items()})
