"""The inputs of assign(): a work item and the arguments are checked, naming the field."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

import pytest

from wamsg.errors import ValidationError
from wamsg.routing import (
    MAX_PREFERRED,
    AgentChange,
    SkillMatch,
    Strategy,
    WorkItem,
    assign,
)
from wamsg.routing.agents import AgentSnapshot, ChannelLoad

AT = datetime(2026, 11, 2, 12, tzinfo=timezone.utc)
AGENT = AgentSnapshot(
    id="a1", presence="online", queues={"support"}, channels={"whatsapp": ChannelLoad(1)}
)


def test_a_work_item_has_sensible_defaults() -> None:
    item = WorkItem(id="wamid.1")
    assert item.channel == "whatsapp"
    assert dict(item.skills) == {}
    assert item.skill_match is SkillMatch.EXACT
    assert item.preferred == ()
    assert item.last_agent is None
    assert not item.bypass_capacity
    assert not item.bypass_skills
    assert item.agent_filter is None
    assert item.decline_limit == 3
    assert item.cost == 1


def test_a_work_items_skills_are_a_read_only_copy() -> None:
    skills = {"sv": 2}
    item = WorkItem(id="w", skills=skills, preferred=["a", "b"])
    skills["sv"] = 9
    assert item.skills == {"sv": 2}
    assert item.preferred == ("a", "b")
    with pytest.raises(TypeError):
        item.skills["sv"] = 1  # type: ignore[index]
    assert hash(item) == hash(WorkItem(id="w", skills={"sv": 2}, preferred=("a", "b")))


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"id": ""}, "id"),
        ({"id": 7}, "id"),
        ({"channel": ""}, "channel"),
        ({"skills": {"sv": -1}}, "skills.sv"),
        ({"skills": {"sv": True}}, "skills.sv"),
        ({"skills": {"sv": 2.0}}, "skills.sv"),
        ({"skills": {"": 1}}, "skills"),
        ({"skills": ["sv"]}, "skills"),
        ({"skill_match": "nearest"}, "skill_match"),
        ({"preferred": "a1"}, "preferred"),
        ({"preferred": ("a1", "a1")}, "preferred[1]"),
        ({"preferred": ("a1", "")}, "preferred[1]"),
        ({"preferred": tuple(f"a{i}" for i in range(MAX_PREFERRED + 1))}, "preferred"),
        ({"last_agent": ""}, "last_agent"),
        ({"last_agent": 7}, "last_agent"),
        ({"bypass_capacity": 1}, "bypass_capacity"),
        ({"bypass_skills": "yes"}, "bypass_skills"),
        ({"agent_filter": "agent.team == 'x'"}, "agent_filter"),
        ({"decline_limit": 0}, "decline_limit"),
        ({"decline_limit": 6}, "decline_limit"),
        ({"cost": 0}, "cost"),
        ({"cost": True}, "cost"),
    ],
)
def test_a_bad_work_item_field_is_refused_by_name(change: dict[str, Any], field: str) -> None:
    arguments: dict[str, Any] = {"id": "w", **change}
    with pytest.raises(ValidationError) as error:
        WorkItem(**arguments)
    assert error.value.field == field


def test_a_lone_surrogate_in_a_preferred_agent_is_refused() -> None:
    with pytest.raises(ValidationError) as error:
        WorkItem(id="w", preferred=("\ud800",))
    assert error.value.field == "preferred[0]"


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({"item": "w"}, "item"),
        ({"queue": ""}, "queue"),
        ({"strategy": "fastest"}, "strategy"),
        ({"agents": AGENT}, "agents"),
        ({"agents": "a1"}, "agents"),
        ({"agents": [AGENT, {"id": "a2"}]}, "agents[1]"),
        ({"agents": [AGENT, AGENT]}, "agents[1].id"),
        ({"at": datetime(2026, 11, 2, 12)}, "at"),
        ({"at": "2026-11-02T12:00:00Z"}, "at"),
    ],
)
def test_bad_arguments_of_assign_are_refused_by_name(
    arguments: dict[str, Any], field: str
) -> None:
    call: dict[str, Any] = {
        "item": WorkItem(id="w"),
        "queue": "support",
        "strategy": Strategy.ROUND_ROBIN,
        "agents": (AGENT,),
        "at": AT,
        **arguments,
    }
    with pytest.raises(ValidationError) as error:
        assign(call["item"], call["queue"], call["strategy"], call["agents"], at=call["at"])
    assert error.value.field == field


def test_a_duplicate_id_is_named_with_the_first_agent_that_has_it() -> None:
    other = AgentSnapshot(id="a2", presence="away")
    with pytest.raises(ValidationError, match=r"agents\[0\]") as error:
        assign(WorkItem(id="w"), "support", Strategy.ROUND_ROBIN, [AGENT, other, AGENT], at=AT)
    assert error.value.field == "agents[2].id"


def test_any_sequence_of_agents_is_taken_and_left_as_it_was() -> None:
    agents = [AGENT]
    result = assign(WorkItem(id="w"), "support", Strategy.ROUND_ROBIN, agents, at=AT)
    assert result.agent == "a1"
    assert agents == [AGENT]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"agent": ""}, "agent"),
        ({"channel": 3}, "channel"),
        ({"load": -1}, "load"),
        ({"cost": 0}, "cost"),
        ({"last_assigned_at": None}, "last_assigned_at"),
        ({"last_assigned_at": datetime(2026, 11, 2)}, "last_assigned_at"),
        ({"idle_since": datetime(2026, 11, 2)}, "idle_since"),
    ],
)
def test_a_bad_agent_change_is_refused_by_name(change: dict[str, Any], field: str) -> None:
    arguments: dict[str, Any] = {
        "agent": "a1",
        "channel": "whatsapp",
        "load": 1,
        "cost": 1,
        "last_assigned_at": AT,
        **change,
    }
    with pytest.raises(ValidationError) as error:
        AgentChange(**arguments)
    assert error.value.field == field
