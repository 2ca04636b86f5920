"""The shape of wamsg's flow format: names, the keys of each state type, the small readers.

The reader of :mod:`wamsg.flows._reader` compiles states; this module says which keys a
file and each state type may hold (any other key is refused), what a name is, and
reads the parts that are not states: the business hours table, a priority, and each
state's head (its name, type and keys).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from wamsg._internal.json import Json
from wamsg._internal.strict import at_key, obj
from wamsg.errors import ValidationError
from wamsg.flows.guards import MAX_STATES
from wamsg.identity import PhoneNumber
from wamsg.routing import MAX_PRIORITY

__all__ = [
    "KEYS",
    "NAME",
    "TOP",
    "VARIABLE",
    "check_name",
    "e164_of",
    "read_heads",
    "read_priority",
]

NAME = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,63}")
"""A state's name: a letter, then up to 63 letters, digits, ``_`` or ``-``."""

TOP = ("flow", "version", "description", "numbers", "hours", "fallback", "states")
_COMMON = ("name", "type", "description")
_SENDING = ("failed", "window_closed", "template_fallback")
KEYS: dict[str, tuple[str, ...]] = {
    "start": ("next",),
    "send": ("content", "template", "next", *_SENDING),
    "collect": ("prompt", "options", "save_as", "timeout", "no_match", *_SENDING),
    "condition": ("branches", "else"),
    "set": ("variables", "next"),
    "hours": ("hours", "open", "closed"),
    "route": ("queue", "policy", "priority", "skills", "next"),
    "end": ("reason",),
}
VARIABLE = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,63}")


def check_name(value: object, field: str, what: str = "state name") -> str:
    """``value`` as a name (:data:`NAME`), else an error naming ``field``."""
    if not isinstance(value, str) or NAME.fullmatch(value) is None:
        raise ValidationError(
            f"must be a {what}: a letter, then letters, digits, _ or - (at most 64)",
            field=field,
            value=value,
        )
    return value


def e164_of(number: str) -> str | None:
    try:
        return PhoneNumber.parse(number).e164
    except ValidationError:
        return None


def read_priority(data: Mapping[str, Json], field: str) -> int:
    value = data.get("priority", 0)
    if type(value) is not int or not 0 <= value <= MAX_PRIORITY:
        raise ValidationError(
            f"must be an integer from 0 to {MAX_PRIORITY} (higher is more urgent)",
            field=at_key(field, "priority"),
            value=value,
        )
    return value


def read_heads(states: list[Json]) -> list[tuple[str, str, Mapping[str, Json]]]:
    """Each state's name, type and object, checked: names unique, types and keys known."""
    if not 1 <= len(states) <= MAX_STATES:
        raise ValidationError(
            f"must hold 1 to {MAX_STATES} states", field="states", value=len(states)
        )
    heads = []
    seen: set[str] = set()
    for i, item in enumerate(states):
        if not isinstance(item, Mapping):
            raise ValidationError("must be a state object", field=f"states[{i}]", value=item)
        name = check_name(item.get("name"), f"states[{i}].name")
        if name in seen:
            raise ValidationError(
                f"state {name!r} is named twice", field=f"states[{i}].name", value=name
            )
        seen.add(name)
        kind = item.get("type")
        if not isinstance(kind, str) or kind not in KEYS:
            known = ", ".join(KEYS)
            raise ValidationError(
                f"state {name!r}: must be a state type ({known})",
                field=f"states.{name}.type",
                value=kind,
            )
        heads.append((name, str(kind), obj(item, f"states.{name}", (*_COMMON, *KEYS[kind]))))
    starts = [name for name, kind, _ in heads if kind == "start"]
    if len(starts) != 1:
        raise ValidationError(
            "must hold exactly one state of type start", field="states", value=starts
        )
    return heads
