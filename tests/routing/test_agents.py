"""Agent snapshots: checked, frozen values with a JSON form and a view for conditions."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import attrs
import pendulum
import pytest

from wamsg.errors import ValidationError
from wamsg.routing.agents import AGENT_KEYS, AgentSnapshot, ChannelLoad, Presence

UTC = timezone.utc
AT = datetime(2026, 11, 2, 10, 30, tzinfo=UTC)


def full() -> AgentSnapshot:
    return AgentSnapshot(
        id="a1",
        presence=Presence.ONLINE,
        queues={"sales", "vip"},
        skills={"sv": 3},
        channels={"whatsapp": ChannelLoad(3, 1)},
        last_assigned_at=AT,
        idle_since=None,
        declines={"wamid.X": 1},
        attributes={"team": "north", "languages": ["sv", "fi"]},
    )


def test_a_snapshot_needs_only_an_id_and_a_presence() -> None:
    agent = AgentSnapshot(id="a1", presence="away")
    assert agent.presence is Presence.AWAY
    assert agent.queues == frozenset()
    assert agent.skills == {}
    assert agent.channels == {}
    assert agent.declines == {}
    assert agent.attributes == {}
    assert agent.last_assigned_at is agent.idle_since is None


def test_a_channel_load_has_spare_capacity_which_may_be_negative() -> None:
    assert ChannelLoad(3, 1).spare == 2
    assert ChannelLoad(2).spare == 2
    assert ChannelLoad(1, 3).spare == -2
    assert ChannelLoad(3, 1).to_dict() == {"capacity": 3, "load": 1}


@pytest.mark.parametrize(
    ("arguments", "field"),
    [((-1, 0), "capacity"), ((1, -1), "load"), ((True, 0), "capacity"), ((1, 10**10), "load")],
)
def test_a_bad_channel_load_is_refused(arguments: tuple[Any, Any], field: str) -> None:
    with pytest.raises(ValidationError) as error:
        ChannelLoad(*arguments)
    assert error.value.field == field


def test_the_mappings_are_read_only_copies() -> None:
    skills = {"sv": 3}
    agent = AgentSnapshot(id="a1", presence="online", skills=skills)
    skills["sv"] = 1
    assert agent.skills == {"sv": 3}
    with pytest.raises(TypeError):
        agent.skills["sv"] = 0  # type: ignore[index]


def test_the_attributes_are_a_deep_copy() -> None:
    languages: list[Any] = ["sv"]
    agent = AgentSnapshot(id="a1", presence="online", attributes={"languages": languages})
    languages.append("fi")
    assert agent.attributes == {"languages": ["sv"]}
    agent.to_dict()["languages"].append("en")  # type: ignore[union-attr]
    agent.view()["attributes"]["languages"].append("en")  # type: ignore[index]
    assert agent.attributes == {"languages": ["sv"]}


def test_times_are_kept_in_utc_and_any_aware_datetime_is_taken() -> None:
    local = pendulum.datetime(2026, 11, 2, 12, 30, tz="Europe/Helsinki")
    agent = AgentSnapshot(id="a1", presence="online", last_assigned_at=local, idle_since=local)
    assert agent.last_assigned_at == AT
    assert agent.last_assigned_at is not None
    assert agent.last_assigned_at.utcoffset() == timedelta(0)


def test_snapshots_compare_and_hash_by_value() -> None:
    assert full() == full()
    assert hash(full()) == hash(full())
    assert full() != attrs.evolve(full(), skills={"sv": 4})
    assert len({full(), full()}) == 1


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"id": ""}, "id"),
        ({"presence": "busy"}, "presence"),
        ({"presence": None}, "presence"),
        ({"queues": "sales"}, "queues"),
        ({"queues": ["sales", ""]}, "queues"),
        ({"skills": {"sv": -1}}, "skills.sv"),
        ({"skills": {"sv": 1.5}}, "skills.sv"),
        ({"channels": {"whatsapp": {"capacity": 3}}}, "channels.whatsapp"),
        ({"channels": {"": ChannelLoad(1)}}, "channels"),
        ({"channels": [ChannelLoad(1)]}, "channels"),
        ({"last_assigned_at": datetime(2026, 11, 2)}, "last_assigned_at"),
        ({"idle_since": "2026-11-02T10:00:00Z"}, "idle_since"),
        ({"idle_since": datetime(1969, 12, 31, tzinfo=UTC)}, "idle_since"),
        ({"declines": {"wamid.X": -1}}, "declines.wamid.X"),
        ({"attributes": {"id": "other"}}, "attributes.id"),
        ({"attributes": {"score": float("nan")}}, "attributes"),
        ({"attributes": {"name": "\ud800"}}, "attributes"),
        ({"attributes": ["team"]}, "attributes"),
    ],
)
def test_a_bad_snapshot_field_is_refused_by_name(change: dict[str, Any], field: str) -> None:
    arguments: dict[str, Any] = {"id": "a1", "presence": "online", **change}
    with pytest.raises(ValidationError) as error:
        AgentSnapshot(**arguments)
    assert error.value.field == field


def test_the_json_form_is_the_agents_file_entry_with_attributes_at_the_top() -> None:
    assert full().to_dict() == {
        "id": "a1",
        "presence": "online",
        "queues": ["sales", "vip"],
        "skills": {"sv": 3},
        "channels": {"whatsapp": {"capacity": 3, "load": 1}},
        "last_assigned_at": "2026-11-02T10:30:00Z",
        "idle_since": None,
        "declines": {"wamid.X": 1},
        "team": "north",
        "languages": ["sv", "fi"],
    }
    assert set(full().to_dict()) - AGENT_KEYS == {"team", "languages"}


def test_the_view_is_what_a_routing_condition_reads_under_agent() -> None:
    assert full().view() == {
        "id": "a1",
        "presence": "online",
        "queues": ["sales", "vip"],
        "skills": {"sv": 3},
        "channels": {"whatsapp": {"capacity": 3, "load": 1, "spare": 2}},
        "last_assigned_at": "2026-11-02T10:30:00Z",
        "idle_since": None,
        "attributes": {"team": "north", "languages": ["sv", "fi"]},
    }


def test_each_view_is_a_new_dict() -> None:
    agent = full()
    first = agent.view()
    first["skills"]["sv"] = 0  # type: ignore[index]
    assert agent.view()["skills"] == {"sv": 3}


class Name(str):
    """A str subclass, as a caller's own id type might be."""


class Level(int):
    """An int subclass."""


def test_subclasses_of_str_and_int_are_kept_as_plain_values() -> None:
    agent = AgentSnapshot(
        id="a1", presence="online", queues=[Name("sales")], skills={Name("sv"): Level(3)}
    )
    (queue,) = agent.queues
    assert type(queue) is str
    assert [type(key) for key in agent.skills] == [str]
    assert type(agent.skills["sv"]) is int


def test_a_lone_surrogate_in_a_queue_is_refused() -> None:
    with pytest.raises(ValidationError, match="surrogate") as error:
        AgentSnapshot(id="a1", presence="online", queues=["\ud800"])
    assert error.value.field == "queues"


def test_nested_attributes_are_copied_at_every_level() -> None:
    nested: dict[str, Any] = {"calendar": {"days": ["mon"], "zone": "Europe/Helsinki"}}
    agent = AgentSnapshot(id="a1", presence="online", attributes=nested)
    nested["calendar"]["days"].append("tue")
    assert agent.attributes == {"calendar": {"days": ["mon"], "zone": "Europe/Helsinki"}}
