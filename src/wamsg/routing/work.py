"""What :func:`~wamsg.routing.assign.assign` is asked: the item, the strategy, the skill match.

The values are re-exported by :mod:`wamsg.routing.assign`; see that module for the
order of the steps and the eligibility rules.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeAlias

import attrs

from wamsg._internal import fields as check
from wamsg.errors import ValidationError
from wamsg.routing._convert import EMPTY, count_map, member, text_key
from wamsg.routing.agents import AgentSnapshot

__all__ = [
    "MAX_DECLINE_LIMIT",
    "MAX_PREFERRED",
    "AgentFilter",
    "SkillMatch",
    "Strategy",
    "WorkItem",
]


class Strategy(str, enum.Enum):
    """How the queue's eligible agents are ordered; the first one gets the item.

    Every order ends with the agent id, so equal agents are always taken in the same
    order (never at random, unlike Chatwoot's ``sample``). "Round robin" below means
    the oldest ``last_assigned_at`` first, agents never assigned before anyone.
    """

    LONGEST_IDLE = "longest_idle"
    """Earliest ``idle_since`` first; agents not idle (None) last; then round robin
    (TaskRouter's default, Zoom's "Longest Idle")."""
    ROUND_ROBIN = "round_robin"
    """Oldest ``last_assigned_at`` first, never-assigned agents first (D365's advanced
    round robin: ties by earliest last assignment; Zendesk 2024)."""
    HIGHEST_SPARE_CAPACITY = "highest_spare_capacity"
    """Most spare capacity on the item's channel first; ties by round robin (D365's
    "highest capacity")."""
    LEAST_BUSY = "least_busy"
    """Lowest load on the item's channel first; ties by round robin (Chatwoot
    Enterprise's "balanced")."""
    SEQUENTIAL = "sequential"
    """The order of the snapshot, as the caller lists the agents (Zoom's "Sequential")."""
    MOST_PROFICIENT = "most_proficient"
    """Highest sum of proficiencies in the item's required skills first; ties by round
    robin (D365's "order by proficiency"). With no required skills: round robin."""


class SkillMatch(str, enum.Enum):
    """How an item's required skills select and order agents (D365 skill-based routing).

    The *skill distance* of an agent is the pair ``(shortfall, surplus)`` summed over the
    required skills, a skill the agent lacks counting as proficiency 0:
    ``shortfall = Σ max(0, required − proficiency)`` and
    ``surplus = Σ max(0, proficiency − required)``. Compared as a pair, it orders the
    exactly qualified ``(0, 0)`` first, then the over-qualified ``(0, s)``, then the
    under-qualified, least short first (D365's "nearest proficiency").
    """

    EXACT = "exact"
    """Only agents with proficiency ≥ required in every required skill; the others are
    excluded with ``skills``. The strategy orders the rest."""
    CLOSEST = "closest"
    """Nobody is excluded for skills; agents are ordered by skill distance, equal
    distances by round robin, then id (D365 orders by closeness, not by the method, but
    keeps feeding one agent on equal scores: wamsg takes turns instead)."""


AgentFilter: TypeAlias = Callable[[AgentSnapshot], bool | None]
"""A condition on an agent: True keeps it, False excludes it (``filter``), None says
the condition could not be evaluated (``filter_error``). The router passes a compiled
routing condition over :meth:`~wamsg.routing.agents.AgentSnapshot.view`."""

MAX_DECLINE_LIMIT = 5
"""The highest decline limit: D365's ``msdyn_number_of_declines_allowed`` is 1–5 (default 3)."""

MAX_PREFERRED = 100
"""The most preferred agents an item names (D365 allows 3 per contact)."""


_skill_levels = count_map("skills")


def _skills(value: Mapping[str, int]) -> Mapping[str, int]:
    return _skill_levels(value)


def _skill_match(value: SkillMatch | str) -> SkillMatch:
    return member(SkillMatch, value, "skill_match")


def _preferred(value: Iterable[str]) -> tuple[str, ...]:
    items = check.as_tuple(value)
    if type(items) is not tuple:
        raise ValidationError("must be a tuple of agent ids", field="preferred", value=value)
    if len(items) > MAX_PREFERRED:
        reason = f"names more than {MAX_PREFERRED} agents"
        raise ValidationError(reason, field="preferred", value=len(items))
    kept: dict[str, None] = {}
    for index, item in enumerate(items):
        agent = text_key(item, f"preferred[{index}]")
        if agent in kept:
            raise ValidationError(
                "names this agent twice", field=f"preferred[{index}]", value=agent
            )
        kept[agent] = None
    return tuple(kept)


def _agent_filter(_instance: object, _attribute: Any, value: object) -> None:
    if value is not None and not callable(value):
        reason = "must be a callable taking an AgentSnapshot, or None"
        raise ValidationError(reason, field="agent_filter", value=value)


@attrs.frozen(kw_only=True)
class WorkItem:
    """One unit of work to assign: a conversation, or a message of one.

    - ``id``: the conversation's or message's id, the key of the agents' ``declines``;
    - ``channel``: the channel whose capacity it takes (``"whatsapp"``);
    - ``skills``: required skill → minimum proficiency; ``skill_match``: see
      :class:`SkillMatch`;
    - ``preferred``: the contact's preferred agents, in order (D365: up to 3);
    - ``last_agent``: the agent who last served the conversation, tried first;
    - ``bypass_capacity`` / ``bypass_skills``: whether the last and preferred agents
      may be chosen at full capacity / without the skills (D365's preferred agents skip
      both; here each is an explicit flag, off by default). The strategy step never
      bypasses anything;
    - ``agent_filter``: an extra condition on every agent (see :data:`AgentFilter`);
    - ``decline_limit``: after this many declines of *this* item an agent is not
      offered it again (D365: 1–5, default 3);
    - ``cost``: the capacity units the item takes (1; D365's capacity profiles and
      Azure Job Router's costs allow more).
    """

    id: str = attrs.field(validator=check.text)
    channel: str = attrs.field(default="whatsapp", validator=check.text)
    skills: Mapping[str, int] = attrs.field(default=EMPTY, converter=_skills, hash=False)
    skill_match: SkillMatch = attrs.field(default=SkillMatch.EXACT, converter=_skill_match)
    preferred: tuple[str, ...] = attrs.field(default=(), converter=_preferred)
    last_agent: str | None = attrs.field(default=None)
    bypass_capacity: bool = attrs.field(default=False, validator=check.flag)
    bypass_skills: bool = attrs.field(default=False, validator=check.flag)
    agent_filter: AgentFilter | None = attrs.field(default=None, validator=_agent_filter)
    decline_limit: int = attrs.field(default=3, validator=check.integer(1, MAX_DECLINE_LIMIT))
    cost: int = attrs.field(default=1, validator=check.integer(1, check.MAX_COUNT))

    @last_agent.validator
    def _check_last_agent(self, _attribute: Any, value: object) -> None:
        if value is not None:
            text_key(value, "last_agent")
