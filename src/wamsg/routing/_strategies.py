"""The orders of the strategies and the skill measures, as sort keys.

Each eligible agent gets one key tuple; the ranking is the agents sorted by it. Every
key ends with the agent id (unique in a snapshot), so no two keys are equal and the
order never depends on the snapshot's order (except :attr:`Strategy.SEQUENTIAL`,
whose key *is* the position). The first item of every key has one type across the
agents (a float time, an int), which keeps :meth:`list.sort` on its fast path.
"""

from __future__ import annotations

from collections.abc import Mapping

from wamsg.routing.agents import AgentSnapshot
from wamsg.routing.work import SkillMatch, Strategy, WorkItem

__all__ = ["Required", "distance", "proficiency", "qualified", "ranking"]

Required = tuple[tuple[str, int], ...]
"""The item's required skills as ``(skill, minimum proficiency)`` pairs."""

Key = tuple[object, ...]


def qualified(skills: Mapping[str, int], required: Required) -> bool:
    """Exact match: proficiency ≥ required in every required skill (a missing skill is 0)."""
    for skill, level in required:  # noqa: SIM110  # a loop: all() of a generator is slower
        if skills.get(skill, 0) < level:
            return False
    return True


def distance(skills: Mapping[str, int], required: Required) -> tuple[int, int]:
    """The skill distance ``(shortfall, surplus)`` over the required skills.

    ``shortfall`` sums how far the agent falls short of each required level, ``surplus``
    how far it exceeds them; a missing skill is proficiency 0. Compared as a pair:
    exactly qualified ``(0, 0)``, then over-qualified ``(0, s)``, then under-qualified
    by total shortfall. Routing.md scenario 19 (required 2, 3, 3): Carlos (2, 3, 3) is
    ``(0, 0)``, Eric (5, 4, 1) ``(2, 4)``, Jamie (1, 2, 1) ``(4, 0)``: Carlos > Eric > Jamie.
    """
    short = over = 0
    for skill, level in required:
        gap = skills.get(skill, 0) - level
        if gap < 0:
            short -= gap
        else:
            over += gap
    return short, over


def proficiency(skills: Mapping[str, int], required: Required) -> int:
    """The sum of the agent's proficiencies in the required skills (most proficient)."""
    return sum(skills.get(skill, 0) for skill, _level in required)


def ranking(
    candidates: list[AgentSnapshot],
    strategy: Strategy,
    item: WorkItem,
    required: Required,
) -> tuple[str, ...]:
    """The candidates' ids, best first (``candidates`` in the snapshot's order).

    Exact match (or closest match with no required skill): the strategy's order.
    Closest match with required skills: skill distance, then round robin, then id —
    the strategy does not order (D365: "order by closeness, not capacity").
    """
    keys: list[Key]
    if item.skill_match is SkillMatch.CLOSEST and required:
        keys = [
            (*distance(agent._levels, required), agent._assigned_key, agent.id)
            for agent in candidates
        ]
    elif strategy is Strategy.ROUND_ROBIN:
        keys = [agent._round_robin for agent in candidates]
    elif strategy is Strategy.LONGEST_IDLE:
        keys = [agent._longest_idle for agent in candidates]
    elif strategy is Strategy.HIGHEST_SPARE_CAPACITY:
        channel = item.channel
        keys = [
            ((load := agent._loads[channel]).load - load.capacity, agent._assigned_key, agent.id)
            for agent in candidates
        ]
    elif strategy is Strategy.LEAST_BUSY:
        channel = item.channel
        keys = [
            (agent._loads[channel].load, agent._assigned_key, agent.id) for agent in candidates
        ]
    elif strategy is Strategy.MOST_PROFICIENT:
        keys = [
            (-proficiency(agent._levels, required), agent._assigned_key, agent.id)
            for agent in candidates
        ]
    else:  # SEQUENTIAL: the candidates are in the snapshot's order already
        return tuple([agent.id for agent in candidates])
    keys.sort()
    return tuple([key[-1] for key in keys])  # type: ignore[misc]  # the id
