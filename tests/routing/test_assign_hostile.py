"""Every hostile class of input in every field of a work item and every argument of
assign() and AgentChange: a ValidationError, never another exception."""

from __future__ import annotations

import contextlib
import json
from datetime import datetime, timezone
from typing import Any

import pytest

from tests.strategies import hostile_examples
from wamsg.errors import ValidationError
from wamsg.routing import AgentChange, Strategy, WorkItem, assign
from wamsg.routing.agents import AgentSnapshot, ChannelLoad

AT = datetime(2026, 11, 2, 12, tzinfo=timezone.utc)
AGENTS = (
    AgentSnapshot(
        id="a1", presence="online", queues={"support"}, channels={"whatsapp": ChannelLoad(2)}
    ),
)
ITEM_FIELDS = (
    "id",
    "channel",
    "skills",
    "skill_match",
    "preferred",
    "last_agent",
    "bypass_capacity",
    "bypass_skills",
    "agent_filter",
    "decline_limit",
    "cost",
)


@pytest.mark.parametrize("field", ITEM_FIELDS)
def test_a_hostile_field_of_a_work_item_is_refused_or_harmless(field: str) -> None:
    for _label, hostile in hostile_examples():
        try:
            arguments: dict[str, Any] = {"id": "w", field: hostile}
            item = WorkItem(**arguments)
        except ValidationError:
            continue
        result = assign(item, "support", Strategy.ROUND_ROBIN, AGENTS, at=AT)
        json.dumps(result.to_dict(), allow_nan=False).encode("utf-8")


@pytest.mark.parametrize("argument", ["item", "queue", "strategy", "agents", "at"])
def test_a_hostile_argument_of_assign_is_refused(argument: str) -> None:
    for _label, hostile in hostile_examples():
        call: dict[str, Any] = {
            "item": WorkItem(id="w"),
            "queue": "support",
            "strategy": Strategy.ROUND_ROBIN,
            "agents": AGENTS,
            "at": AT,
            argument: hostile,
        }
        try:
            result = assign(
                call["item"], call["queue"], call["strategy"], call["agents"], at=call["at"]
            )
        except ValidationError:
            continue
        json.dumps(result.to_dict(), allow_nan=False).encode("utf-8")


@pytest.mark.parametrize(
    "field", ["agent", "channel", "load", "cost", "last_assigned_at", "idle_since"]
)
def test_a_hostile_field_of_an_agent_change_is_refused_or_harmless(field: str) -> None:
    for _label, hostile in hostile_examples():
        arguments: dict[str, Any] = {
            "agent": "a1",
            "channel": "whatsapp",
            "load": 1,
            "cost": 1,
            "last_assigned_at": AT,
            field: hostile,
        }
        try:
            change = AgentChange(**arguments)
        except ValidationError:
            continue
        json.dumps(change.to_dict(), allow_nan=False).encode("utf-8")
        with contextlib.suppress(ValidationError):  # an unknown agent or channel
            change.apply(AGENTS)


def test_a_hostile_snapshot_for_apply_is_refused() -> None:
    change = AgentChange(agent="a1", channel="whatsapp", load=1, cost=1, last_assigned_at=AT)
    for _label, hostile in hostile_examples():
        with pytest.raises(ValidationError):
            change.apply(hostile)  # type: ignore[arg-type]
