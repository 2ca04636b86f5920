"""Assignment: which agent of a queue gets one work item, and why.

:func:`assign` is a pure function of the item, the queue, the strategy, a snapshot of
the agents and the time. It tries, in order:

1. the item's **last agent** (``known_agent``), if eligible; an agent who is offline,
   away or otherwise ineligible is skipped at once, never waited for (Chatwoot #4158
   left conversations on offline agents);
2. the **preferred agents**, in the contact's order (``preferred_agent``; D365);
3. the queue's **strategy** over every eligible agent (``strategy``): the agent is
   ``ranking[0]``.

An agent is **eligible** when, checked in this order (the first failure is the
:class:`Exclusion`): online; serves the queue; has the item's channel; has declined
this item fewer than ``decline_limit`` times; has the required skills (exact match);
passes the item's ``agent_filter``; has spare capacity ≥ the item's ``cost``. For the
last and preferred agents only, ``bypass_skills`` and ``bypass_capacity`` waive the
skills and the capacity checks (D365's preferred agents skip both; here each is a flag).
When nobody gets the item, the reason is ``all_candidates_at_capacity`` if some agent
failed only on capacity (capacity is checked last), else ``no_eligible_agent``: the
item stays queued either way.

Orders (:class:`Strategy`, :class:`SkillMatch`) always end with the agent id: the same
input always gives the same answer, never a random pick. The answer's
:class:`AgentChange` is the state change for the caller to apply (new load,
``last_assigned_at``, not idle); nothing passed in is ever mutated. Linear in the
number of agents, plus sorting the eligible ones for the ranking.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from operator import itemgetter
from typing import NoReturn

from wamsg._internal import fields as check
from wamsg._internal.json import require_aware
from wamsg.errors import ValidationError
from wamsg.routing._convert import EMPTY, member, text_key
from wamsg.routing._strategies import Required, qualified, ranking
from wamsg.routing.agents import MAX_CAPACITY, AgentSnapshot, ChannelLoad, Presence
from wamsg.routing.outcome import (
    AgentChange,
    Assignment,
    AssignReason,
    Exclusion,
)
from wamsg.routing.work import (
    AgentFilter,
    SkillMatch,
    Strategy,
    WorkItem,
)

__all__ = ["assign"]

_FIRST = itemgetter(0)
_X_PRESENCE_QUEUE_CHANNEL = (
    Exclusion.OFFLINE,
    Exclusion.AWAY,
    Exclusion.NOT_IN_QUEUE,
    Exclusion.NO_CHANNEL,
)
_X_DECLINED_SKILLS_CAPACITY = (Exclusion.DECLINED, Exclusion.SKILLS, Exclusion.CAPACITY)


def _verdict(test: AgentFilter, agent: AgentSnapshot) -> Exclusion | None:
    """The agent filter's answer: None to keep the agent, else why it is excluded."""
    verdict = test(agent)
    if verdict is True:
        return None
    return Exclusion.FILTER if verdict is False else Exclusion.FILTER_ERROR


def _screen(
    agent: AgentSnapshot,
    item: WorkItem,
    queue: str,
    *,
    skills: bool = True,
    capacity: bool = True,
) -> Exclusion | ChannelLoad:
    """The first :class:`Exclusion` that applies to ``agent`` for ``item``, else its load.

    The checks, in order: presence, queue, channel, declines of this item, skills
    (exact match only; ``skills=False`` waives it), the agent filter, spare capacity ≥
    cost (``capacity=False`` waives it). Capacity comes last, so an agent excluded for
    ``capacity`` would otherwise be eligible. :func:`assign` runs the same checks
    inlined for every agent; this function is their definition, and the path of the
    last and preferred agents (whose bypass flags waive skills and capacity).
    """
    presence = agent.presence
    if presence is not Presence.ONLINE:
        return Exclusion.OFFLINE if presence is Presence.OFFLINE else Exclusion.AWAY
    if queue not in agent.queues:
        return Exclusion.NOT_IN_QUEUE
    load = agent.channels.get(item.channel)
    if load is None:
        return Exclusion.NO_CHANNEL
    if agent.declines.get(item.id, 0) >= item.decline_limit:
        return Exclusion.DECLINED
    exact = skills and item.skill_match is SkillMatch.EXACT
    if exact and not qualified(agent.skills, tuple(item.skills.items())):
        return Exclusion.SKILLS
    if item.agent_filter is not None:
        why = _verdict(item.agent_filter, agent)
        if why is not None:
            return why
    if capacity and load.capacity - load.load < item.cost:
        return Exclusion.CAPACITY
    return load


def _screen_all(
    agents: Sequence[AgentSnapshot], item: WorkItem, queue: str, required: Required
) -> tuple[list[AgentSnapshot], list[tuple[str, Exclusion]]]:
    """The eligible agents and the excluded ``(id, reason)`` pairs, in snapshot order.

    ``_screen`` for every agent, inlined (this loop runs for every agent of every
    work item); the tests hold the two to the same answers.
    """
    candidates: list[AgentSnapshot] = []
    excluded: list[tuple[str, Exclusion]] = []
    channel, item_id, limit, cost = item.channel, item.id, item.decline_limit, item.cost
    test = item.agent_filter
    exact = item.skill_match is SkillMatch.EXACT and bool(required)
    # The first required skill is checked inline (most items require one), the rest by
    # qualified(): a call per agent costs as much as the other checks together.
    first_skill, first_level = required[0] if required else ("", 0)
    rest = required[1:]
    # Everything the loop reads is a local: a local is the cheapest read there is, and
    # the loop runs for every agent of every work item.
    online, offline, empty, snapshot = Presence.ONLINE, Presence.OFFLINE, EMPTY, AgentSnapshot
    x_offline, x_away, x_queue, x_channel = _X_PRESENCE_QUEUE_CHANNEL
    x_declined, x_skills, x_capacity = _X_DECLINED_SKILLS_CAPACITY
    eligible, exclude = candidates.append, excluded.append
    why: Exclusion | None
    for agent in agents:
        if type(agent) is not snapshot and not isinstance(agent, snapshot):
            _refuse_item(agents, agent)
        presence = agent.presence
        if presence is not online:
            why = x_offline if presence is offline else x_away
        elif queue not in agent.queues:
            why = x_queue
        elif (load := agent._loads.get(channel)) is None:
            why = x_channel
        elif agent.declines is not empty and agent.declines.get(item_id, 0) >= limit:
            why = x_declined
        elif exact and (
            agent._levels.get(first_skill, 0) < first_level
            or (rest and not qualified(agent._levels, rest))
        ):
            why = x_skills
        elif test is not None and (why := _verdict(test, agent)) is not None:
            pass
        elif load.capacity - load.load < cost:
            why = x_capacity
        else:
            eligible(agent)
            continue
        exclude((agent.id, why))
    return candidates, excluded


def _refuse_item(agents: Sequence[object], wrong: object) -> NoReturn:
    """Raise naming the place of ``wrong``, an item of ``agents`` that is no snapshot."""
    index = next(index for index, agent in enumerate(agents) if agent is wrong)
    raise ValidationError("must be an AgentSnapshot", field=f"agents[{index}]", value=wrong)


def _refuse_duplicate(agents: Sequence[AgentSnapshot]) -> None:
    """Raise naming the first agent whose id an earlier agent has."""
    seen: dict[str, int] = {}
    for index, agent in enumerate(agents):  # pragma: no branch  # a duplicate is found
        if agent.id in seen:
            reason = f"duplicates the id of agents[{seen[agent.id]}]"
            raise ValidationError(reason, field=f"agents[{index}].id", value=agent.id)
        seen[agent.id] = index


def _first_taker(
    names: Sequence[str], agents: Sequence[AgentSnapshot], item: WorkItem, queue: str
) -> tuple[AgentSnapshot, ChannelLoad] | None:
    """The first of ``names`` (the last or the preferred agents) in the snapshot who may
    take the item, the bypass flags applied, with its load; None if none may."""
    wanted = set(names)
    found = {agent.id: agent for agent in agents if agent.id in wanted}
    for name in names:
        agent = found.get(name)
        if agent is not None:
            load = _screen(
                agent,
                item,
                queue,
                skills=not item.bypass_skills,
                capacity=not item.bypass_capacity,
            )
            if type(load) is ChannelLoad:
                return agent, load
    return None


def _agents(agents: object) -> Sequence[AgentSnapshot]:
    if isinstance(agents, (str, bytes)) or not isinstance(agents, Sequence):
        raise ValidationError("must be a sequence of AgentSnapshot", field="agents", value=agents)
    return agents


def assign(
    item: WorkItem,
    queue: str,
    strategy: Strategy,
    agents: Sequence[AgentSnapshot],
    *,
    at: datetime,
) -> Assignment:
    """Choose the agent of ``queue`` for ``item`` among ``agents`` at ``at``.

    See the module's documentation for the steps, the eligibility rules and the orders.
    ``strategy`` may be a :class:`Strategy` or its value; ``agents`` a sequence of
    :class:`~wamsg.routing.agents.AgentSnapshot` with unique ids; ``at`` an aware
    datetime (it becomes the chosen agent's ``last_assigned_at``). Bad input is a
    :class:`~wamsg.errors.ValidationError`; an exception raised by the item's
    ``agent_filter`` is the caller's own and passes through.
    """
    item = check.of(item, WorkItem, "item")
    queue = text_key(queue, "queue")
    strategy = member(Strategy, strategy, "strategy")
    at = require_aware(at, "at")
    agents = _agents(agents)
    required: Required = tuple(item.skills.items())
    candidates, excluded = _screen_all(agents, item, queue, required)
    ranked = ranking(candidates, strategy, item, required)
    # Unique ids: every agent is in the ranking or excluded, so fewer distinct ids there
    # than agents means a duplicate (the ids at hand are cheaper than reading them again).
    if len(set(ranked).union(map(_FIRST, excluded))) != len(agents):
        _refuse_duplicate(agents)
    reasons: list[AssignReason] = []
    chosen = None
    if item.last_agent is not None:
        chosen = _first_taker((item.last_agent,), agents, item, queue)
        reasons.append(AssignReason.KNOWN_AGENT if chosen else AssignReason.LAST_AGENT_UNAVAILABLE)
    if chosen is None and item.preferred:
        chosen = _first_taker(item.preferred, agents, item, queue)
        reasons.append(
            AssignReason.PREFERRED_AGENT if chosen else AssignReason.PREFERRED_UNAVAILABLE
        )
    if chosen is None and ranked:
        best = next(agent for agent in candidates if agent.id == ranked[0])
        chosen = (best, best._loads[item.channel])
        reasons.append(AssignReason.STRATEGY)
    change = None
    if chosen is None:
        capacity = any(why is Exclusion.CAPACITY for _agent, why in excluded)
        reasons.append(
            AssignReason.ALL_CANDIDATES_AT_CAPACITY if capacity else AssignReason.NO_ELIGIBLE_AGENT
        )
    else:
        agent, load = chosen
        change = AgentChange(
            agent=agent.id,
            channel=item.channel,
            load=min(load.load + item.cost, MAX_CAPACITY),
            cost=item.cost,
            last_assigned_at=at,
        )
    return Assignment(
        agent=None if chosen is None else chosen[0].id,
        reasons=tuple(reasons),
        strategy=strategy,
        ranking=ranked,
        excluded=tuple(excluded),
        change=change,
    )
