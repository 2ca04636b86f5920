"""What :func:`~wamsg.routing.assign.assign` answers: :class:`Assignment` and its parts.

The values are re-exported by :mod:`wamsg.routing.assign`.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

import attrs

from wamsg._internal import fields as check
from wamsg._internal.json import JsonObject, format_optional_time, format_time, require_aware
from wamsg._internal.reprs import sized
from wamsg.errors import ValidationError
from wamsg.routing._convert import member, text_key
from wamsg.routing.agents import MAX_CAPACITY, AgentSnapshot, ChannelLoad
from wamsg.routing.work import Strategy

__all__ = ["AgentChange", "AssignReason", "Assignment", "Exclusion"]


class AssignReason(str, enum.Enum):
    """One step of an assignment's explanation (closed set; the values are stable codes).

    :attr:`Assignment.reasons` lists them in the order the steps ran; the last one
    says how the assignment ended.
    """

    KNOWN_AGENT = "known_agent"
    """The conversation's last agent was eligible and got it."""
    LAST_AGENT_UNAVAILABLE = "last_agent_unavailable"
    """The last agent was not eligible (offline, at capacity …): skipped at once."""
    PREFERRED_AGENT = "preferred_agent"
    """A preferred agent got it: the first eligible one in the contact's order."""
    PREFERRED_UNAVAILABLE = "preferred_unavailable"
    """No preferred agent was eligible: the strategy chose."""
    STRATEGY = "strategy"
    """The queue's strategy chose: the agent is ``ranking[0]``."""
    ALL_CANDIDATES_AT_CAPACITY = "all_candidates_at_capacity"
    """No agent: every agent who is otherwise eligible is at capacity (stays queued)."""
    NO_ELIGIBLE_AGENT = "no_eligible_agent"
    """No agent: nobody is online, in the queue, skilled, … (stays queued)."""


class Exclusion(str, enum.Enum):
    """Why an agent is not eligible, checked in this order (the first that applies)."""

    OFFLINE = "offline"
    """Presence ``offline``."""
    AWAY = "away"
    """Presence ``away``."""
    NOT_IN_QUEUE = "not_in_queue"
    """Does not serve the queue."""
    NO_CHANNEL = "no_channel"
    """Has no capacity entry for the item's channel."""
    DECLINED = "declined"
    """Declined this item ``decline_limit`` times (other items are not affected)."""
    SKILLS = "skills"
    """Exact match: short of a required skill."""
    FILTER = "filter"
    """The item's ``agent_filter`` said no."""
    FILTER_ERROR = "filter_error"
    """The item's ``agent_filter`` could not decide (returned None, or not a bool)."""
    CAPACITY = "capacity"
    """Spare capacity on the channel below the item's cost; checked last, so this agent
    would otherwise be eligible."""


def _assigned_at(value: datetime) -> datetime:
    return require_aware(value, "last_assigned_at")


def _idle_since(value: datetime | None) -> datetime | None:
    return None if value is None else require_aware(value, "idle_since")


@attrs.frozen(kw_only=True)
class AgentChange:
    """The change an assignment makes to the chosen agent, for the caller to apply.

    ``load`` is the agent's new load on ``channel`` (the load in the snapshot
    :func:`~wamsg.routing.assign.assign` saw, plus ``cost``); ``last_assigned_at`` the
    assignment's time; ``idle_since`` None (the agent now holds work). Applying it twice
    gives the same snapshot: the values are set, not added. A load beyond
    :data:`~wamsg.routing.agents.MAX_CAPACITY` (only through ``bypass_capacity``) stops there.
    """

    agent: str = attrs.field(validator=check.text)
    channel: str = attrs.field(validator=check.text)
    load: int = attrs.field(validator=check.integer(0, MAX_CAPACITY))
    cost: int = attrs.field(validator=check.integer(1, MAX_CAPACITY))
    last_assigned_at: datetime = attrs.field(converter=_assigned_at)
    idle_since: datetime | None = attrs.field(default=None, converter=_idle_since)

    def apply(self, agents: Sequence[AgentSnapshot]) -> tuple[AgentSnapshot, ...]:
        """``agents`` with the change made to the chosen agent (a new tuple; none mutated).

        The agent (by id) and its channel must be in ``agents``; else a
        :class:`~wamsg.errors.ValidationError` naming ``agents``.
        """
        if isinstance(agents, (str, bytes)) or not isinstance(agents, Sequence):
            raise ValidationError("must be a sequence of AgentSnapshot", field="agents")
        changed: list[AgentSnapshot] = []
        found = False
        for index, agent in enumerate(agents):
            if not isinstance(agent, AgentSnapshot):
                reason = "must be an AgentSnapshot"
                raise ValidationError(reason, field=f"agents[{index}]", value=agent)
            if agent.id == self.agent:
                agent = self._changed(agent, index)
                found = True
            changed.append(agent)
        if not found:
            raise ValidationError("holds no agent of this id", field="agents", value=self.agent)
        return tuple(changed)

    def _changed(self, agent: AgentSnapshot, index: int) -> AgentSnapshot:
        load = agent.channels.get(self.channel)
        if load is None:
            reason = "has no such channel"
            raise ValidationError(reason, field=f"agents[{index}].channels", value=self.channel)
        channels = dict(agent.channels)
        channels[self.channel] = ChannelLoad(load.capacity, self.load)
        return attrs.evolve(
            agent,
            channels=channels,
            last_assigned_at=self.last_assigned_at,
            idle_since=self.idle_since,
        )

    def to_dict(self) -> JsonObject:
        """JSON form, times in ISO 8601 UTC."""
        return {
            "agent": self.agent,
            "channel": self.channel,
            "load": self.load,
            "cost": self.cost,
            "last_assigned_at": format_time(self.last_assigned_at),
            "idle_since": format_optional_time(self.idle_since),
        }


def _reasons(value: Iterable[AssignReason | str]) -> tuple[AssignReason, ...]:
    items = check.as_tuple(value)
    if type(items) is not tuple or not items:
        raise ValidationError("must be a non-empty tuple of AssignReason", field="reasons")
    return tuple(member(AssignReason, item, "reasons") for item in items)


def _ranking(value: Iterable[str]) -> tuple[str, ...]:
    items = check.as_tuple(value)
    if type(items) is not tuple:
        raise ValidationError("must be a tuple of agent ids", field="ranking", value=value)
    return tuple([text_key(item, "ranking") for item in items])


def _excluded(
    value: Iterable[tuple[str, Exclusion | str]],
) -> tuple[tuple[str, Exclusion], ...]:
    items = check.as_tuple(value)
    if type(items) is not tuple:
        reason = "must be a tuple of (agent id, Exclusion) pairs"
        raise ValidationError(reason, field="excluded", value=value)
    kept = []
    for item in items:
        if type(item) is not tuple or len(item) != 2:
            reason = "must hold (agent id, Exclusion) pairs"
            raise ValidationError(reason, field="excluded", value=item)
        kept.append((text_key(item[0], "excluded"), member(Exclusion, item[1], "excluded")))
    return tuple(kept)


def _strategy(value: Strategy | str) -> Strategy:
    return member(Strategy, value, "strategy")


_SAYS = {
    AssignReason.KNOWN_AGENT: "the conversation's last agent",
    AssignReason.PREFERRED_AGENT: "a preferred agent of the contact",
    AssignReason.STRATEGY: "the queue's strategy",
    AssignReason.ALL_CANDIDATES_AT_CAPACITY: "every eligible agent is at capacity",
    AssignReason.NO_ELIGIBLE_AGENT: "no agent is eligible",
}


@attrs.frozen(kw_only=True)
class Assignment:
    """The answer of :func:`~wamsg.routing.assign.assign` for one work item.

    - ``agent``: the chosen agent, or None (the item stays queued);
    - ``reasons``: the steps, in order (:class:`AssignReason`), the last one deciding;
    - ``strategy``: the strategy asked for;
    - ``ranking``: every eligible agent of the queue, best first (the strategy step's
      order; under closest match the skill distance's);
    - ``excluded``: every other agent of the snapshot, in the snapshot's order, with
      the first :class:`Exclusion` that applies. Both describe the ordinary rules: a
      last or preferred agent chosen through ``bypass_capacity`` or ``bypass_skills``
      is listed here with the reason the flag overrode;
    - ``change``: what to apply to the chosen agent (None when no agent).
    """

    agent: str | None = attrs.field()
    reasons: tuple[AssignReason, ...] = attrs.field(converter=_reasons)
    strategy: Strategy = attrs.field(converter=_strategy)
    ranking: tuple[str, ...] = attrs.field(default=(), converter=_ranking, repr=sized)
    excluded: tuple[tuple[str, Exclusion], ...] = attrs.field(
        default=(), converter=_excluded, repr=sized
    )
    change: AgentChange | None = attrs.field(
        default=None, validator=check.opt_instance(AgentChange)
    )

    @agent.validator
    def _check_agent(self, _attribute: Any, value: object) -> None:
        if value is not None:
            text_key(value, "agent")
        if (value is None) != (self.change is None) or (
            self.change is not None and self.change.agent != value
        ):
            reason = "the chosen agent comes with its change, no agent with none"
            raise ValidationError(reason, field="change", value=self.change)

    @property
    def assigned(self) -> bool:
        """Whether an agent was chosen."""
        return self.agent is not None

    @property
    def reason(self) -> AssignReason:
        """The deciding step: the last of ``reasons``."""
        return self.reasons[-1]

    @property
    def message(self) -> str:
        """One sentence for people: who got the item and why, or why nobody did."""
        said = _SAYS.get(self.reason, self.reason.value)
        if self.agent is None:
            return f"No agent: {said}; the item stays queued."
        return f"Assigned to {self.agent}: {said}."

    def exclusion(self, agent: str) -> Exclusion | None:
        """Why ``agent`` was excluded, or None if it was not (or is not in the snapshot)."""
        for excluded, why in self.excluded:
            if excluded == agent:
                return why
        return None

    def to_dict(self) -> JsonObject:
        """JSON form: ``excluded`` as an object of agent id → reason, in snapshot order."""
        return {
            "agent": self.agent,
            "reasons": [reason.value for reason in self.reasons],
            "strategy": self.strategy.value,
            "message": self.message,
            "ranking": list(self.ranking),
            "excluded": {agent: why.value for agent, why in self.excluded},
            "change": None if self.change is None else self.change.to_dict(),
        }
