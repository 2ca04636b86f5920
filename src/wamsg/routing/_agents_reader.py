"""The agents file's JSON, read strictly into the fields of an agent snapshot.

:func:`agent_fields` checks one agent's object key by key and returns plain Python
values (texts, ints, aware datetimes, a ``(capacity, load)`` pair per channel, the
other keys as ``attributes``); :func:`wamsg.routing.agents.agents_from_json` builds the
snapshots. Every error names its place: ``agents[2].channels.whatsapp.capacity``.
JSON integers are ``int`` (never ``bool`` nor ``3.0``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from wamsg._internal.decode import require_strict
from wamsg._internal.fields import MAX_COUNT
from wamsg._internal.json import Json, parse_time
from wamsg.errors import ValidationError
from wamsg.routing._convert import copy_json, text_key

__all__ = ["AGENT_KEYS", "agent_fields", "entries"]

_PRESENCES = ("online", "away", "offline")
_CHANNEL_KEYS = frozenset({"capacity", "load"})
AGENT_KEYS = frozenset(
    {
        "id",
        "presence",
        "queues",
        "skills",
        "channels",
        "last_assigned_at",
        "idle_since",
        "declines",
    }
)
"""The keys of an agent in the agents file; any other key is kept in ``attributes``."""


def entries(data: object, field: str) -> Sequence[object]:
    """The agents of the file: a JSON array (a list or a tuple), else an error at ``field``."""
    if type(data) is list or type(data) is tuple:
        return data
    raise ValidationError("must be a JSON array of agents", field=field, value=data)


def _object(value: object, field: str) -> Mapping[str, object]:
    if isinstance(value, Mapping):
        return value
    raise ValidationError("must be a JSON object", field=field, value=value)


def _count(value: object, field: str) -> int:
    if type(value) is int and 0 <= value <= MAX_COUNT:
        return value
    reason = f"must be an integer from 0 to {MAX_COUNT}"
    raise ValidationError(reason, field=field, value=value)


def _counts(value: object, field: str) -> dict[str, int]:
    """A JSON object of names to counts (skills, declines); null or missing is empty."""
    if value is None:
        return {}
    counts: dict[str, int] = {}
    for key, count in _object(value, field).items():
        name = text_key(key, field)
        counts[name] = _count(count, f"{field}.{name}")
    return counts


def _queues(value: object, field: str) -> frozenset[str]:
    if value is None:
        return frozenset()
    if type(value) is not list:
        raise ValidationError("must be a JSON array of queue ids", field=field, value=value)
    queues: set[str] = set()
    for index, item in enumerate(value):
        queue = text_key(item, f"{field}[{index}]")
        if queue in queues:
            reason = "lists this queue twice"
            raise ValidationError(reason, field=f"{field}[{index}]", value=queue)
        queues.add(queue)
    return frozenset(queues)


def _channels(value: object, field: str) -> dict[str, tuple[int, int]]:
    """Channel name → ``(capacity, load)``; ``capacity`` required, ``load`` 0 by default."""
    if value is None:
        return {}
    channels: dict[str, tuple[int, int]] = {}
    for key, entry in _object(value, field).items():
        name = text_key(key, field)
        at = f"{field}.{name}"
        load = _object(entry, at)
        for unknown in load:
            if unknown not in _CHANNEL_KEYS:
                reason = "is not a key of a channel (capacity, load)"
                raise ValidationError(reason, field=f"{at}.{text_key(unknown, at)}")
        if "capacity" not in load:
            raise ValidationError("is required", field=f"{at}.capacity")
        capacity = _count(load["capacity"], f"{at}.capacity")
        held = load.get("load")
        channels[name] = (capacity, 0 if held is None else _count(held, f"{at}.load"))
    return channels


def _time(value: object, field: str) -> datetime | None:
    return None if value is None else parse_time(value, field)


def agent_fields(entry: object, at: str) -> dict[str, Any]:
    """One agent's object as the keyword arguments of ``AgentSnapshot`` (channels as pairs).

    ``at`` is the agent's place (``agents[2]``), put in front of every error's field.
    """
    data = _object(entry, at)
    if "id" not in data:
        raise ValidationError("is required", field=f"{at}.id")
    if "presence" not in data:
        raise ValidationError(
            f"is required (one of {', '.join(_PRESENCES)})", field=f"{at}.presence"
        )
    presence = data["presence"]
    if type(presence) is not str or presence not in _PRESENCES:
        reason = f"must be one of {', '.join(_PRESENCES)}"
        raise ValidationError(reason, field=f"{at}.presence", value=presence)
    attributes: dict[str, Json] = {}
    for key, value in data.items():
        if key in AGENT_KEYS:
            continue
        name = text_key(key, at)
        require_strict(value, f"{at}.{name}")
        attributes[name] = copy_json(value)  # type: ignore[arg-type]  # strict JSON
    return {
        "id": text_key(data["id"], f"{at}.id"),
        "presence": presence,
        "queues": _queues(data.get("queues"), f"{at}.queues"),
        "skills": _counts(data.get("skills"), f"{at}.skills"),
        "channels": _channels(data.get("channels"), f"{at}.channels"),
        "last_assigned_at": _time(data.get("last_assigned_at"), f"{at}.last_assigned_at"),
        "idle_since": _time(data.get("idle_since"), f"{at}.idle_since"),
        "declines": _counts(data.get("declines"), f"{at}.declines"),
        "attributes": attributes,
    }
