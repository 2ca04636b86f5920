"""The parts of a routing policy: numbers, queues, classification, rules, steps, actions.

A :class:`~wamsg.routing.RoutingPolicy` is the caller's configuration, read once (strictly: see
:func:`~wamsg.routing.load_policy`) and then used for every decision. It holds:

- a **number table**: business number → brand, a name and a default queue;
- **queues**, each with an assignment strategy, optional business hours and an
  overflow (to another queue when closed, or when too many items wait);
- **classification rules** (:class:`ClassifyRule`): every rule that matches sets
  derived attributes (``language``, ``skills``, ``priority``, ``tags``) that later
  rules read as top-level paths;
- **routing rules** (:class:`Rule`), first match wins, each naming a ladder of
  :class:`Step` (queue, priority, wait before the next step, agent condition,
  preferred agents) or a percent split between ladders, and actions such as an
  out-of-hours reply;
- a **fallback** queue, so that there is always a decision.

Priority is an int and higher is more urgent (importers convert other conventions).
Every value is frozen; conditions are parsed and checked at load, and the policy
compiles them once (:attr:`RoutingPolicy.compiled`).
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from datetime import timedelta
from types import MappingProxyType
from typing import Any

import attrs

from wamsg._internal import fields as check
from wamsg._internal.json import JsonObject, is_text
from wamsg.errors import ValidationError
from wamsg.routing.condition import Condition
from wamsg.routing.work import MAX_PREFERRED, SkillMatch, Strategy

__all__ = [
    "MAX_LEVEL",
    "MAX_PRIORITY",
    "MAX_WAIT",
    "Action",
    "ActionType",
    "Classification",
    "ClassifyRule",
    "NumberEntry",
    "Queue",
    "Rule",
    "SplitArm",
    "Step",
]

MAX_PRIORITY = 2**31 - 1
"""The highest priority a policy may give (TaskRouter's bound)."""

MAX_WAIT = timedelta(days=14)
"""The longest wait of a step (TaskRouter's longest task time to live)."""


MAX_LEVEL = 1000
"""The highest skill proficiency a policy may require."""


def _levels(value: object) -> Mapping[str, int]:
    """Converter: skill levels as a read-only mapping (refused when not text → level)."""
    if not isinstance(value, Mapping):
        raise ValidationError("must map skills to levels", field="skills", value=value)
    for name, level in value.items():
        if not isinstance(name, str) or not name.strip() or not is_text(name):
            raise ValidationError("must be a skill name", field="skills", value=name)
        if type(level) is not int or not 0 <= level <= MAX_LEVEL:
            reason = f"must be a level from 0 to {MAX_LEVEL}"
            raise ValidationError(reason, field=f"skills.{name}", value=level)
    return MappingProxyType(dict(value))


def _opt_levels(value: object) -> Mapping[str, int] | None:
    return None if value is None else _levels(value)


def _names(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    check.tuple_of(str)(_instance, attribute, value)
    for name in value:  # type: ignore[attr-defined]
        if not name.strip() or not is_text(name):
            raise ValidationError("must be non-empty text", field=attribute.name, value=name)


def _preferred(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Agent ids, each once, at most :data:`~wamsg.routing.MAX_PREFERRED` (as ``WorkItem``)."""
    _names(instance, attribute, value)
    names: tuple[str, ...] = value  # type: ignore[assignment]
    if len(names) > MAX_PREFERRED:
        reason = f"names more than {MAX_PREFERRED} agents"
        raise ValidationError(reason, field=attribute.name, value=len(names))
    if len(set(names)) != len(names):
        twice = next(name for i, name in enumerate(names) if name in names[:i])
        raise ValidationError("names this agent twice", field=attribute.name, value=twice)


_WAIT = check.duration(MAX_WAIT)


def _opt_wait(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        _WAIT(instance, attribute, value)
        if value % timedelta(seconds=1):  # type: ignore[operator]
            reason = "must be whole seconds (the policy file writes waits as 300s)"
            raise ValidationError(reason, field=attribute.name, value=value)


def _same_levels(a: Mapping[str, int] | None, b: Mapping[str, int] | None) -> bool:
    return a is b or (a is not None and b is not None and dict(a) == dict(b))


_LEVELS_EQ = attrs.cmp_using(eq=_same_levels)


def _skills_json(skills: Mapping[str, int]) -> JsonObject:
    return dict(sorted(skills.items()))


@attrs.frozen
class Classification:
    """What a classification rule sets: read by later rules as top-level paths.

    ``skills`` maps a skill to the lowest proficiency required (a list of names in
    the policy file means proficiency 1). ``priority`` is the decision's priority
    unless a route step sets one.
    """

    language: str | None = attrs.field(default=None, validator=check.opt_text)
    skills: Mapping[str, int] = attrs.field(factory=dict, converter=_levels, eq=_LEVELS_EQ)
    priority: int | None = attrs.field(default=None, validator=check.opt_integer(0, MAX_PRIORITY))
    tags: tuple[str, ...] = attrs.field(default=(), converter=check.as_tuple, validator=_names)

    def to_json(self) -> JsonObject:
        """The policy-file form (only what is set)."""
        out: JsonObject = {}
        if self.language is not None:
            out["language"] = self.language
        if self.skills:
            out["skills"] = _skills_json(self.skills)
        if self.priority is not None:
            out["priority"] = self.priority
        if self.tags:
            out["tags"] = list(self.tags)
        return out


@attrs.frozen
class ClassifyRule:
    """A classification rule: when ``when`` holds, ``sets`` applies."""

    id: str = attrs.field(validator=check.text)
    when: Condition = attrs.field(validator=check.instance(Condition))
    sets: Classification = attrs.field(validator=check.instance(Classification))

    def to_json(self) -> JsonObject:
        return {"id": self.id, "when": self.when.text, "set": self.sets.to_json()}


@attrs.frozen
class Step:
    """One step of a target ladder: a queue, and how long the item waits there.

    ``priority`` None keeps the priority of the step before (or the classified
    one). ``wait`` None makes the step the last one the item reaches. ``agents`` is
    a condition over the agent (``agent.skills.sv >= 2``) and the item's context.
    ``last_agent`` offers the item first to the conversation's last agent, then
    ``preferred`` in order; ``bypass_capacity`` and ``bypass_skills`` say whether
    those two may exceed capacity or lack skills. ``skills`` None requires the
    classified skills; a mapping (even empty) replaces them for this step (skill
    relaxation: ``fi`` for 60 s, then anyone).
    """

    queue: str = attrs.field(validator=check.text)
    priority: int | None = attrs.field(default=None, validator=check.opt_integer(0, MAX_PRIORITY))
    wait: timedelta | None = attrs.field(default=None, validator=_opt_wait)
    agents: Condition | None = attrs.field(default=None, validator=check.opt_instance(Condition))
    last_agent: bool = attrs.field(default=False, validator=check.flag)
    preferred: tuple[str, ...] = attrs.field(
        default=(), converter=check.as_tuple, validator=_preferred
    )
    bypass_capacity: bool = attrs.field(default=False, validator=check.flag)
    bypass_skills: bool = attrs.field(default=False, validator=check.flag)
    skills: Mapping[str, int] | None = attrs.field(
        default=None, converter=_opt_levels, eq=_LEVELS_EQ
    )

    def to_json(self) -> JsonObject:
        out: JsonObject = {"queue": self.queue}
        if self.priority is not None:
            out["priority"] = self.priority
        if self.wait is not None:
            out["wait"] = f"{int(self.wait.total_seconds())}s"
        if self.agents is not None:
            out["agents"] = self.agents.text
        if self.last_agent:
            out["last_agent"] = True
        if self.preferred:
            out["preferred"] = list(self.preferred)
        if self.bypass_capacity:
            out["bypass_capacity"] = True
        if self.bypass_skills:
            out["bypass_skills"] = True
        if self.skills is not None:
            out["skills"] = _skills_json(self.skills)
        return out


@attrs.frozen
class SplitArm:
    """One arm of a percent split: ``percent`` of conversations take ``route``."""

    percent: int = attrs.field(validator=check.integer(1, 100))
    route: tuple[Step, ...] = attrs.field(converter=check.as_tuple, validator=check.tuple_of(Step))

    def to_json(self) -> JsonObject:
        return {"percent": self.percent, "route": [step.to_json() for step in self.route]}


class ActionType(str, enum.Enum):
    """What an action asks the caller to do."""

    AUTO_REPLY = "auto_reply"
    """Send ``text`` to the customer (free-form: the inbound opened the window)."""


@attrs.frozen
class Action:
    """An action a rule asks for when it matches (and its own ``when`` holds)."""

    type: ActionType = attrs.field(validator=check.instance(ActionType))
    text: str = attrs.field(validator=check.text)
    when: Condition | None = attrs.field(default=None, validator=check.opt_instance(Condition))

    def to_json(self) -> JsonObject:
        out: JsonObject = {"type": self.type.value, "text": self.text}
        if self.when is not None:
            out["when"] = self.when.text
        return out


@attrs.frozen
class Rule:
    """A routing rule: when ``when`` holds, route by ``route`` or by ``split``.

    Exactly one of ``route`` (a ladder of steps) and ``split`` (arms whose
    percents add up to 100) is non-empty.
    """

    id: str = attrs.field(validator=check.text)
    when: Condition = attrs.field(validator=check.instance(Condition))
    route: tuple[Step, ...] = attrs.field(
        default=(), converter=check.as_tuple, validator=check.tuple_of(Step)
    )
    split: tuple[SplitArm, ...] = attrs.field(
        default=(), converter=check.as_tuple, validator=check.tuple_of(SplitArm)
    )
    actions: tuple[Action, ...] = attrs.field(
        default=(), converter=check.as_tuple, validator=check.tuple_of(Action)
    )

    def to_json(self) -> JsonObject:
        out: JsonObject = {"id": self.id, "when": self.when.text}
        if self.route:
            out["route"] = [step.to_json() for step in self.route]
        if self.split:
            out["split"] = [arm.to_json() for arm in self.split]
        if self.actions:
            out["actions"] = [action.to_json() for action in self.actions]
        return out


@attrs.frozen
class Queue:
    """A queue: how its items are assigned, when it is open, where it overflows.

    ``hours`` names business hours of the policy: while they are closed, items go
    to ``overflow`` (reason ``overflow_closed``). ``max_waiting``: when that many
    items already wait, the next goes to ``overflow`` (reason ``overflow_waiting``).
    Without ``overflow`` the policy's fallback queue takes them.
    """

    id: str = attrs.field(validator=check.text)
    strategy: Strategy = attrs.field(
        default=Strategy.LONGEST_IDLE, validator=check.instance(Strategy)
    )
    skill_match: SkillMatch = attrs.field(
        default=SkillMatch.EXACT, validator=check.instance(SkillMatch)
    )
    hours: str | None = attrs.field(default=None, validator=check.opt_text)
    overflow: str | None = attrs.field(default=None, validator=check.opt_text)
    max_waiting: int | None = attrs.field(default=None, validator=check.opt_integer(0, 10**9))

    def to_json(self) -> JsonObject:
        out: JsonObject = {"id": self.id, "strategy": self.strategy.value}
        if self.skill_match is not SkillMatch.EXACT:
            out["skill_match"] = self.skill_match.value
        for key in ("hours", "overflow", "max_waiting"):
            if getattr(self, key) is not None:
                out[key] = getattr(self, key)
        return out


@attrs.frozen
class NumberEntry:
    """One business number of the policy: its brand, a name, and its default queue."""

    brand: str | None = attrs.field(default=None, validator=check.opt_text)
    name: str | None = attrs.field(default=None, validator=check.opt_text)
    queue: str | None = attrs.field(default=None, validator=check.opt_text)

    def to_json(self) -> JsonObject:
        return {k: getattr(self, k) for k in ("brand", "name", "queue") if getattr(self, k)}
