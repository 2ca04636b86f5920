"""A routing decision and its explanation: where the conversation goes, and why.

:func:`~wamsg.routing.route` returns a :class:`RoutingDecision`: the queue, the
priority, the skills required, the ladder of steps with absolute deadlines, the
actions to take, the matched rule, the policy version, reason codes, and a trace of
every rule in policy order with its status. The trace is the answer to "why did this
conversation go there?" as data, not a log search (Dynamics 365 had a diagnostics
view for that; it was removed in March 2025).
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from datetime import datetime

import attrs

from wamsg._internal import fields as check
from wamsg._internal.json import JsonObject, format_optional_time
from wamsg._internal.reprs import capped, sized
from wamsg.errors import ValidationError
from wamsg.routing._checked import (
    MAX_ARMS,
    STAGES,
    Check,
    check_places,
    index,
    levels,
    member_of,
    names,
    normalize,
    only,
    opt_text,
    pairs_of,
    plain_levels,
    plain_names,
    plain_pairs,
    plain_time,
    priority,
    rule_ids,
    stage,
    step_key,
    text,
    tuple_of,
)
from wamsg.routing._values import RuleIds
from wamsg.routing.explain import ClauseResult
from wamsg.routing.parts import MAX_PRIORITY, ActionType

__all__ = [
    "DecidedAction",
    "PlannedStep",
    "RoutingDecision",
    "RoutingReason",
    "RuleStatus",
    "TraceEntry",
    "TraceMode",
]


class RuleStatus(str, enum.Enum):
    """What happened to one rule in one decision."""

    MATCHED = "matched"
    NOT_MATCHED = "not_matched"
    """Its condition was false, or the index ruled it out without evaluating it."""
    NOT_PROCESSED = "not_processed"
    """A rule after the first match: never looked at."""
    ERROR = "error"
    """Its condition could not be decided (a type mismatch): it does not match, and
    the next rule still runs."""


class RoutingReason(str, enum.Enum):
    """Why the decision is what it is (countable codes)."""

    MATCHED_RULE = "matched_rule"
    NUMBER_DEFAULT = "number_default"
    """No rule matched; the business number's default queue took the item."""
    NO_RULE_MATCHED = "no_rule_matched"
    """No rule matched and the number has no queue: the fallback took the item."""
    SPLIT = "split"
    """The matched rule splits by percent; the conversation's stable bucket chose."""
    CLASSIFIED = "classified"
    """At least one classification rule matched and set attributes."""
    STEP_ESCALATED = "step_escalated"
    """The item waited past a step's deadline and is in a later step."""
    OVERFLOW_CLOSED = "overflow_closed"
    """The queue was closed (its business hours) and overflowed."""
    OVERFLOW_WAITING = "overflow_waiting"
    """The queue already had its most waiting items and overflowed."""
    RULE_ERROR = "rule_error"
    """At least one rule could not be decided (see the trace)."""


class TraceMode(str, enum.Enum):
    """How much a decision's trace holds."""

    RULES = "rules"
    """Rule ids and statuses only (cheap)."""
    FULL = "full"
    """Also each evaluated clause: path, operator, expected and actual value."""


def _trace_mode(value: object) -> TraceMode:
    """``value`` as a :class:`TraceMode`: a member, or its value as text."""
    if type(value) is TraceMode:
        return value
    if isinstance(value, str):
        try:
            return TraceMode(value)
        except ValueError:
            pass
    raise ValidationError("must be 'rules' or 'full'", field="trace", value=value)


@attrs.frozen
class TraceEntry:
    """One rule's fate in one decision."""

    stage: str
    """``classify`` or ``route``."""
    rule: str
    status: RuleStatus
    clauses: tuple[ClauseResult, ...] = ()

    def __attrs_post_init__(self) -> None:
        rule, clauses = self.rule, self.clauses
        if (
            type(self.stage) is str
            and self.stage in STAGES
            and type(rule) is str
            and rule
            and rule.isascii()
            and type(self.status) is RuleStatus
            and type(clauses) is tuple
            and (not clauses or only(clauses, ClauseResult))
        ):
            return
        normalize(self, _ENTRY_CHECKS)

    def to_dict(self) -> JsonObject:
        out: JsonObject = {"stage": self.stage, "rule": self.rule, "status": self.status.value}
        if self.clauses:
            out["clauses"] = [clause.to_dict() for clause in self.clauses]
        return out


_ENTRY_CHECKS: tuple[tuple[str, str, Check], ...] = (
    ("stage", "stage", stage),
    ("rule", "rule", text),
    ("status", "status", member_of(RuleStatus)),
    ("clauses", "clauses", tuple_of(ClauseResult)),
)


@attrs.frozen
class PlannedStep:
    """One step of the ladder, with its absolute deadline (None: the last step).

    The deadline is an aware time from 1970 to 2200 (one that would fall later is the
    last moment before 2200); ``skills`` maps skill names to levels.
    """

    queue: str
    priority: int
    deadline: datetime | None
    skills: Mapping[str, int] = attrs.field(factory=dict)

    def __attrs_post_init__(self) -> None:
        queue, level = self.queue, self.priority
        if (
            type(queue) is str
            and queue
            and queue.isascii()
            and type(level) is int
            and 0 <= level <= MAX_PRIORITY
            and plain_time(self.deadline)
            and plain_levels(self.skills)
        ):
            return
        normalize(self, _STEP_CHECKS)

    def to_dict(self) -> JsonObject:
        return {
            "queue": self.queue,
            "priority": self.priority,
            "deadline": format_optional_time(self.deadline),
            "skills": dict(sorted(self.skills.items())),
        }


_STEP_CHECKS: tuple[tuple[str, str, Check], ...] = (
    ("queue", "queue", text),
    ("priority", "priority", priority),
    ("deadline", "deadline", check.opt_time_of),
    ("skills", "skills", levels),
)


@attrs.frozen
class DecidedAction:
    """An action for the caller (``auto_reply``: send ``text``)."""

    type: ActionType = attrs.field(validator=check.instance(ActionType))
    text: str = attrs.field(validator=check.text)

    def to_dict(self) -> JsonObject:
        return {"type": self.type.value, "text": self.text}


def _shown(evaluated: tuple[tuple[int, TraceEntry], ...]) -> tuple[tuple[int, TraceEntry], ...]:
    """The evaluated entries the trace could not tell from rules left unevaluated.

    A rule the index ruled out and a rule evaluated to false (without clauses) are
    the same ``not_matched`` entry in the trace: decisions compare by what they show.
    """
    return tuple(
        item
        for item in evaluated
        if item[1].status is not RuleStatus.NOT_MATCHED or item[1].clauses
    )


@attrs.frozen
class RoutingDecision:
    """Where one inbound message goes, and the full explanation.

    ``queue`` and ``priority`` are those of the current step (``steps[step]``),
    after overflow; ``rule`` is the matched rule's id (None when none matched).
    :attr:`trace` lists every classification rule, then every routing rule, in
    policy order; it is built when read, so a decision over 10,000 rules costs the
    candidate rules only.

    :func:`~wamsg.routing.route` builds it; one built by hand is checked like any
    value (each field's type, texts without lone surrogates, ``step`` an index of
    ``steps``, the evaluated positions and ``step_key`` indices of ``rule_ids``), and a
    list given for a tuple field is kept as a tuple.
    """

    queue: str
    priority: int
    skills: Mapping[str, int]
    preferred: tuple[str, ...] = attrs.field(repr=sized)
    bypass_capacity: bool = attrs.field()
    bypass_skills: bool
    last_agent: str | None
    """The conversation's last agent when the step offers it first, else None."""
    steps: tuple[PlannedStep, ...] = attrs.field(repr=sized)
    step: int = attrs.field()
    actions: tuple[DecidedAction, ...] = attrs.field(repr=sized)
    rule: str | None = attrs.field(repr=capped)
    policy_version: str = attrs.field(repr=capped)
    reasons: tuple[RoutingReason, ...] = attrs.field()
    tags: tuple[str, ...] = attrs.field(default=(), repr=sized)
    language: str | None = None
    _classified: tuple[TraceEntry, ...] = attrs.field(default=(), repr=sized)
    _evaluated: tuple[tuple[int, TraceEntry], ...] = attrs.field(default=(), eq=_shown, repr=sized)
    """The routing rules evaluated, by position in the policy (compared by what the
    trace shows, so the index's decision equals the linear scan's)."""
    _rule_ids: tuple[str, ...] = attrs.field(default=RuleIds(), repr=False)
    """The policy's rule ids (shared with the policy, not copied)."""
    _step_key: tuple[int, int, int] | None = None
    """(rule position, split arm or -1, step) of the current step; None for a default."""

    def __attrs_post_init__(self) -> None:
        if not _plain_decision(self):
            normalize(self, _DECISION_CHECKS)
            check_places(
                self.steps, self.step, len(self._rule_ids), self._evaluated, self._step_key
            )

    @property
    def step_key(self) -> tuple[int, int, int] | None:
        """Where the current step sits in the policy: (rule, split arm or -1, step)."""
        return self._step_key

    @property
    def trace(self) -> tuple[TraceEntry, ...]:
        """Every classification rule, then every routing rule, with its status."""
        evaluated = dict(self._evaluated)
        matched = next(
            (p for p, e in self._evaluated if e.status is RuleStatus.MATCHED), len(self._rule_ids)
        )
        out = list(self._classified)
        for position, rule in enumerate(self._rule_ids):
            entry = evaluated.get(position)
            if entry is None:
                late = position > matched
                status = RuleStatus.NOT_PROCESSED if late else RuleStatus.NOT_MATCHED
                entry = TraceEntry("route", rule, status)
            out.append(entry)
        return tuple(out)

    def to_dict(self) -> JsonObject:
        """The JSON form (trace included)."""
        return {
            "queue": self.queue,
            "priority": self.priority,
            "skills": dict(sorted(self.skills.items())),
            "preferred": list(self.preferred),
            "bypass_capacity": self.bypass_capacity,
            "bypass_skills": self.bypass_skills,
            "last_agent": self.last_agent,
            "steps": [step.to_dict() for step in self.steps],
            "step": self.step,
            "actions": [action.to_dict() for action in self.actions],
            "rule": self.rule,
            "policy_version": self.policy_version,
            "reasons": [reason.value for reason in self.reasons],
            "tags": list(self.tags),
            "language": self.language,
            "trace": [entry.to_dict() for entry in self.trace],
        }


def _plain_decision(d: RoutingDecision) -> bool:
    """Whether ``d`` is plainly valid (exact types, ASCII texts): what ``route`` builds."""
    queue, version, priority, step, steps = d.queue, d.policy_version, d.priority, d.step, d.steps
    agent, rule, language, key, ids = d.last_agent, d.rule, d.language, d._step_key, d._rule_ids
    skills, preferred, tags, actions, reasons = d.skills, d.preferred, d.tags, d.actions, d.reasons
    classified, evaluated = d._classified, d._evaluated
    return (
        type(queue) is str
        and queue.isascii()
        and queue != ""
        and type(version) is str
        and version.isascii()
        and version != ""
        and type(priority) is int
        and 0 <= priority <= MAX_PRIORITY
        and (d.bypass_capacity is True or d.bypass_capacity is False)
        and (d.bypass_skills is True or d.bypass_skills is False)
        and (agent is None or (type(agent) is str and agent.isascii()))
        and (rule is None or (type(rule) is str and rule.isascii()))
        and (language is None or (type(language) is str and language.isascii()))
        and type(skills) is dict
        and (not skills or plain_levels(skills))
        and type(steps) is tuple
        and type(step) is int
        and 0 <= step < len(steps)
        and (type(steps[0]) is PlannedStep if len(steps) == 1 else only(steps, PlannedStep))
        and type(reasons) is tuple
        and only(reasons, RoutingReason)
        and type(preferred) is tuple
        and (not preferred or plain_names(preferred))
        and type(tags) is tuple
        and (not tags or plain_names(tags))
        and type(actions) is tuple
        and (not actions or only(actions, DecidedAction))
        and type(classified) is tuple
        and (not classified or only(classified, TraceEntry))
        and type(ids) is RuleIds
        and type(evaluated) is tuple
        and (not evaluated or plain_pairs(evaluated, len(ids), TraceEntry))
        and (
            key is None
            or (
                type(key) is tuple
                and len(key) == 3
                and type(key[0]) is int
                and type(key[1]) is int
                and 0 <= key[0] < len(ids)
                and -1 <= key[1] < MAX_ARMS
                and key[2] == step
            )
        )
    )


_DECISION_CHECKS: tuple[tuple[str, str, Check], ...] = (
    ("queue", "queue", text),
    ("priority", "priority", priority),
    ("skills", "skills", levels),
    ("preferred", "preferred", names),
    ("bypass_capacity", "bypass_capacity", check.boolean),
    ("bypass_skills", "bypass_skills", check.boolean),
    ("last_agent", "last_agent", opt_text),
    ("steps", "steps", tuple_of(PlannedStep)),
    ("step", "step", index),
    ("actions", "actions", tuple_of(DecidedAction)),
    ("rule", "rule", opt_text),
    ("policy_version", "policy_version", text),
    ("reasons", "reasons", tuple_of(RoutingReason)),
    ("tags", "tags", names),
    ("language", "language", opt_text),
    ("_classified", "classified", tuple_of(TraceEntry)),
    ("_rule_ids", "rule_ids", rule_ids),
    ("_evaluated", "evaluated", pairs_of(TraceEntry)),
    ("_step_key", "step_key", step_key),
)
