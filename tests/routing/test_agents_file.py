"""The agents file, read strictly: defaults, round trip, and one test per check."""

from __future__ import annotations

import copy
from datetime import datetime, timezone
from typing import Any

import pytest

from wamsg.errors import ValidationError
from wamsg.routing.agents import AgentSnapshot, ChannelLoad, Presence, agents_from_json

UTC = timezone.utc

FILE: list[dict[str, Any]] = [
    {
        "id": "a1",
        "presence": "online",
        "queues": ["sales"],
        "skills": {"sv": 3},
        "channels": {"whatsapp": {"capacity": 3, "load": 1}},
        "last_assigned_at": "2026-11-02T10:30:00+02:00",
        "idle_since": None,
        "declines": {"wamid.X": 1},
        "team": "north",
        "languages": ["sv", "fi"],
    },
    {"id": "a2", "presence": "away"},
    {"id": "a3", "presence": "offline", "channels": {"whatsapp": {"capacity": 2}}},
]


def agents_with(index: int, **change: Any) -> list[dict[str, Any]]:
    """The file with agent ``index`` changed (a value of ``...`` deletes the key)."""
    data = copy.deepcopy(FILE)
    for key, value in change.items():
        if value is ...:
            del data[index][key]
        else:
            data[index][key] = value
    return data


def refused(data: object, **kw: Any) -> ValidationError:
    with pytest.raises(ValidationError) as error:
        agents_from_json(data, **kw)
    return error.value


def test_the_file_reads_into_snapshots() -> None:
    a1, a2, a3 = agents_from_json(FILE)
    assert a1 == AgentSnapshot(
        id="a1",
        presence=Presence.ONLINE,
        queues={"sales"},
        skills={"sv": 3},
        channels={"whatsapp": ChannelLoad(3, 1)},
        last_assigned_at=datetime(2026, 11, 2, 8, 30, tzinfo=UTC),
        declines={"wamid.X": 1},
        attributes={"team": "north", "languages": ["sv", "fi"]},
    )
    assert a2 == AgentSnapshot(id="a2", presence="away")
    assert a3.channels == {"whatsapp": ChannelLoad(2, 0)}


def test_optional_keys_may_be_null() -> None:
    data = [
        {
            "id": "a1",
            "presence": "online",
            "queues": None,
            "skills": None,
            "channels": {"whatsapp": {"capacity": 1, "load": None}},
            "declines": None,
        }
    ]
    (agent,) = agents_from_json(data)
    assert agent == AgentSnapshot(
        id="a1", presence="online", channels={"whatsapp": ChannelLoad(1)}
    )


def test_the_file_round_trips_through_to_dict() -> None:
    agents = agents_from_json(FILE)
    assert agents_from_json([agent.to_dict() for agent in agents]) == agents


def test_an_empty_file_is_no_agents() -> None:
    assert agents_from_json([]) == ()


def test_the_file_is_not_changed_by_reading_it() -> None:
    data = copy.deepcopy(FILE)
    agents_from_json(data)
    assert data == FILE


# -- one test per check ------------------------------------------------------------------


def test_the_file_must_be_an_array() -> None:
    assert refused({"agents": FILE}).field == "agents"


def test_an_agent_must_be_an_object() -> None:
    assert refused([FILE[0], ["a2"]]).field == "agents[1]"


def test_the_id_is_required() -> None:
    assert refused(agents_with(1, id=...)).field == "agents[1].id"


def test_the_id_must_be_a_non_empty_string() -> None:
    assert refused(agents_with(1, id="")).field == "agents[1].id"
    assert refused(agents_with(1, id=2)).field == "agents[1].id"


def test_ids_must_be_unique() -> None:
    error = refused(agents_with(2, id="a1"))
    assert error.field == "agents[2].id"
    assert "agents[0]" in error.reason


def test_the_presence_is_required() -> None:
    assert refused(agents_with(1, presence=...)).field == "agents[1].presence"


def test_the_presence_must_be_online_away_or_offline() -> None:
    assert refused(agents_with(1, presence="busy")).field == "agents[1].presence"
    assert refused(agents_with(1, presence="ONLINE")).field == "agents[1].presence"
    assert refused(agents_with(1, presence=["online"])).field == "agents[1].presence"


def test_the_queues_must_be_an_array() -> None:
    assert refused(agents_with(0, queues="sales")).field == "agents[0].queues"


def test_a_queue_must_be_a_non_empty_string() -> None:
    assert refused(agents_with(0, queues=["sales", 3])).field == "agents[0].queues[1]"


def test_a_queue_may_be_listed_once() -> None:
    assert refused(agents_with(0, queues=["sales", "sales"])).field == "agents[0].queues[1]"


def test_the_skills_must_be_an_object() -> None:
    assert refused(agents_with(0, skills=["sv"])).field == "agents[0].skills"


def test_a_proficiency_must_be_a_non_negative_integer() -> None:
    for bad in (-1, 2.5, 3.0, True, "3"):
        assert refused(agents_with(0, skills={"sv": bad})).field == "agents[0].skills.sv"


def test_the_channels_must_be_an_object() -> None:
    assert refused(agents_with(0, channels=["whatsapp"])).field == "agents[0].channels"


def test_a_channel_must_be_an_object() -> None:
    error = refused(agents_with(2, channels={"whatsapp": 3}))
    assert error.field == "agents[2].channels.whatsapp"


def test_a_channel_needs_its_capacity() -> None:
    error = refused(agents_with(2, channels={"whatsapp": {"load": 1}}))
    assert error.field == "agents[2].channels.whatsapp.capacity"


def test_a_capacity_must_be_a_non_negative_integer() -> None:
    for bad in ("3", -1, 1.0, None, False):
        error = refused(agents_with(2, channels={"whatsapp": {"capacity": bad}}))
        assert error.field == "agents[2].channels.whatsapp.capacity"


def test_a_load_must_be_a_non_negative_integer() -> None:
    error = refused(agents_with(2, channels={"whatsapp": {"capacity": 2, "load": -1}}))
    assert error.field == "agents[2].channels.whatsapp.load"


def test_a_channel_has_no_other_keys() -> None:
    error = refused(agents_with(2, channels={"whatsapp": {"capacity": 2, "limit": 5}}))
    assert error.field == "agents[2].channels.whatsapp.limit"


def test_a_time_needs_a_zone() -> None:
    error = refused(agents_with(0, last_assigned_at="2026-11-02T10:30:00"))
    assert error.field == "agents[0].last_assigned_at"
    assert "zone" in error.reason


def test_a_time_must_be_iso_8601() -> None:
    error = refused(agents_with(0, idle_since="yesterday"))
    assert error.field == "agents[0].idle_since"
    assert refused(agents_with(0, idle_since=1700000000)).field == "agents[0].idle_since"


def test_a_time_must_be_within_the_supported_range() -> None:
    error = refused(agents_with(0, idle_since="1969-12-31T23:00:00Z"))
    assert error.field == "agents[0].idle_since"


def test_the_declines_must_count_with_non_negative_integers() -> None:
    error = refused(agents_with(0, declines={"wamid.X": -2}))
    assert error.field == "agents[0].declines.wamid.X"
    assert refused(agents_with(0, declines=[1])).field == "agents[0].declines"


def test_an_extra_key_must_hold_strict_json() -> None:
    assert refused(agents_with(0, team=float("inf"))).field == "agents[0].team"
    assert refused(agents_with(0, team=("a", "b"))).field == "agents[0].team"


def test_an_extra_key_must_be_text() -> None:
    data = copy.deepcopy(FILE)
    data[1]["\ud800"] = 1
    assert refused(data).field == "agents[1]"


def test_the_first_segment_of_the_error_is_the_files_field() -> None:
    assert refused(agents_with(1, id=...), field="staff").field == "staff[1].id"


def test_the_field_label_must_be_text() -> None:
    assert refused(FILE, field=3).field == "field"
