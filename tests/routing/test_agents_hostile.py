"""Every hostile class of input, at every place of the agents file and every field of a
snapshot: a ValidationError, never another exception, never a kept hostile value."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from tests.strategies import hostile_examples
from wamsg.errors import ValidationError
from wamsg.routing.agents import AgentSnapshot, ChannelLoad, agents_from_json

FILE: list[dict[str, Any]] = [
    {
        "id": "a1",
        "presence": "online",
        "queues": ["sales"],
        "skills": {"sv": 3},
        "channels": {"whatsapp": {"capacity": 3, "load": 1}},
        "last_assigned_at": "2026-11-02T10:30:00Z",
        "idle_since": "2026-11-02T10:00:00Z",
        "declines": {"wamid.X": 1},
        "team": "north",
        "languages": ["sv"],
    }
]


def _paths(value: object, path: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    """Every place in ``value`` (containers and leaves), as key paths."""
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*path, index))
    return found


def _replaced(path: tuple[object, ...], hostile: object) -> object:
    if not path:
        return hostile
    data = copy.deepcopy(FILE)
    where: Any = data
    for key in path[:-1]:
        where = where[key]
    where[path[-1]] = hostile
    return data


def _refuses_or_reads_clean(data: object) -> None:
    try:
        agents = agents_from_json(data)
    except ValidationError as error:
        str(error).encode("utf-8")
        return
    for agent in agents:  # what was taken writes strict, UTF-8 JSON back
        json.dumps(agent.to_dict(), allow_nan=False).encode("utf-8")
        json.dumps(agent.view(), allow_nan=False).encode("utf-8")


@pytest.mark.parametrize("path", _paths(FILE), ids=str)
def test_a_hostile_value_anywhere_in_the_file_is_refused_or_harmless(
    path: tuple[object, ...],
) -> None:
    for _label, hostile in hostile_examples():
        _refuses_or_reads_clean(_replaced(path, hostile))


FIELDS = (
    "id",
    "presence",
    "queues",
    "skills",
    "channels",
    "last_assigned_at",
    "idle_since",
    "declines",
    "attributes",
)


@pytest.mark.parametrize("field", FIELDS)
def test_a_hostile_field_of_a_snapshot_is_refused_or_harmless(field: str) -> None:
    for _label, hostile in hostile_examples():
        arguments: dict[str, Any] = {"id": "a1", "presence": "online", field: hostile}
        try:
            agent = AgentSnapshot(**arguments)
        except ValidationError:
            continue
        json.dumps(agent.to_dict(), allow_nan=False).encode("utf-8")
        hash(agent)


@pytest.mark.parametrize("position", [0, 1])
def test_a_hostile_channel_load_is_refused(position: int) -> None:
    for _label, hostile in hostile_examples():
        arguments: list[Any] = [1, 0]
        arguments[position] = hostile
        try:
            ChannelLoad(*arguments)
        except ValidationError:
            continue
        assert type(hostile) is int  # the int example, 7, is a fine capacity or load
