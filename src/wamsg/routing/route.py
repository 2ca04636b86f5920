"""``route``: a pure function of a policy, a context and a moment, explained.

The stages, in order:

1. **classify**: every classification rule is evaluated in order; each that matches
   sets ``language``, ``skills``, ``tags``, ``priority`` for the rules after it;
2. **match**: the routing rules that may match (the policy's index) are evaluated in
   policy order, and the first that matches wins; with none, the business number's
   default queue (``number_default``) or the fallback (``no_rule_matched``);
3. **plan**: the rule's ladder (or its split arm, chosen by a stable hash of the
   (business, customer) pair) becomes steps with absolute deadlines counted from
   ``since``; the current step is the first whose deadline has not passed at ``at``;
4. **overflow**: a queue that is closed at ``at`` or already holds its most waiting
   items sends the item on to its overflow queue (or the fallback), which is itself
   checked; the fallback never overflows;
5. **actions**: the matched rule's actions whose own condition holds.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from datetime import datetime
from typing import cast

from wamsg._internal import fields as check
from wamsg._internal.json import is_text, require_aware, saturated
from wamsg.errors import ValidationError
from wamsg.routing.condition import CompiledCondition
from wamsg.routing.decision import (
    DecidedAction,
    PlannedStep,
    RoutingDecision,
    RoutingReason,
    RuleStatus,
    TraceEntry,
    TraceMode,
    _trace_mode,
)
from wamsg.routing.parts import Rule, Step
from wamsg.routing.paths import Path
from wamsg.routing.policy import RoutingPolicy

__all__ = ["route", "split_bucket"]

_BUSINESS = Path(("business",))
_PHONE = Path(("customer", "phone"))
_USER = Path(("customer", "user_id"))
_LAST_AGENT = Path(("conversation", "last_agent"))
_STATUS = {True: RuleStatus.MATCHED, False: RuleStatus.NOT_MATCHED, None: RuleStatus.ERROR}


def split_bucket(business: str, customer: str) -> int:
    """The conversation's bucket, 0 to 99: a stable hash (BLAKE2b, not ``hash()``).

    ``business`` and ``customer`` are texts (empty allowed; no lone surrogate).
    """
    business = check.text_of(business, "business", empty=True)
    customer = check.text_of(customer, "customer", empty=True)
    return _bucket(business, customer)


def _bucket(business: str, customer: str) -> int:
    """:func:`split_bucket` of any texts (a context's may hold a lone surrogate)."""
    key = f"{business}\x00{customer}".encode("utf-8", "surrogatepass")
    return int.from_bytes(hashlib.blake2b(key, digest_size=8).digest(), "big") % 100


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _agent(value: object) -> str | None:
    """The last agent a context names: a text, else None (never a lone surrogate)."""
    if type(value) is str and (value.isascii() or is_text(value)):
        return value
    if isinstance(value, str) and is_text(value):
        return str.__str__(value)
    return None


class _Run:
    """One decision being made: the working context and what the trace records."""

    __slots__ = (
        "at",
        "context",
        "error",
        "full",
        "language",
        "own",
        "policy",
        "priority",
        "skills",
        "tags",
    )

    def __init__(
        self, policy: RoutingPolicy, context: Mapping[str, object], at: datetime, full: bool
    ) -> None:
        self.policy = policy
        self.own = type(context) is not dict  # the context is copied before it is changed
        self.context = dict(context) if self.own else cast("dict[str, object]", context)
        self.at = at
        self.full = full
        self.error = False
        self.priority: int | None = None
        self.skills: dict[str, int] = {}
        self.tags: list[str] = []
        self.language: str | None = None

    def set(self, key: str, value: object) -> None:
        """Set a classified attribute in the working context (a copy of the caller's)."""
        if not self.own:
            self.context, self.own = dict(self.context), True
        self.context[key] = value

    def entry(self, stage: str, rule: str, compiled: CompiledCondition) -> TraceEntry:
        if self.full:
            explained = compiled.explain(self.context, self.at)
            return TraceEntry(stage, rule, _STATUS[explained.result], explained.clauses)
        return TraceEntry(stage, rule, _STATUS[compiled.test(self.context, self.at)])

    def classify(self) -> tuple[TraceEntry, ...]:
        if not self.policy.classify:
            return ()
        entries = []
        for rule, compiled in zip(
            self.policy.classify, self.policy.compiled.classify, strict=True
        ):
            entry = self.entry("classify", rule.id, compiled)
            entries.append(entry)
            if entry.status is not RuleStatus.MATCHED:
                continue
            sets = rule.sets
            if sets.language is not None:
                self.language = sets.language
                self.set("language", sets.language)
            if sets.skills:
                self.skills.update(sets.skills)
                self.set("skills", sorted(self.skills))
            if sets.priority is not None:
                self.priority = sets.priority
                self.set("priority", sets.priority)
            if sets.tags:
                self.tags.extend(tag for tag in sets.tags if tag not in self.tags)
                self.set("tags", list(self.tags))
        return tuple(entries)

    def match(self, use_index: bool) -> tuple[int | None, tuple[tuple[int, TraceEntry], ...]]:
        compiled = self.policy.compiled
        rules = self.policy.rules
        positions = compiled.index.candidates(self.context) if use_index else range(len(rules))
        evaluated = []
        for position in positions:
            entry = self.entry("route", rules[position].id, compiled.rules[position])
            evaluated.append((position, entry))
            if entry.status is RuleStatus.MATCHED:
                return position, tuple(evaluated)
            if entry.status is RuleStatus.ERROR:
                self.error = True
        return None, tuple(evaluated)


def _ladder(
    policy: RoutingPolicy, rule: Rule | None, context: Mapping[str, object]
) -> tuple[tuple[Step, ...], int, list[RoutingReason]]:
    """The steps, the split arm taken (-1: none) and the reasons."""
    if rule is None:
        business = _BUSINESS.lookup(context)
        entry = policy.numbers.get(business) if isinstance(business, str) else None
        if entry is not None and entry.queue is not None:
            return (Step(entry.queue),), -1, [RoutingReason.NUMBER_DEFAULT]
        return (Step(policy.fallback),), -1, [RoutingReason.NO_RULE_MATCHED]
    if rule.route:
        return rule.route, -1, [RoutingReason.MATCHED_RULE]
    customer = _text(_PHONE.lookup(context)) or _text(_USER.lookup(context))
    bucket = _bucket(_text(_BUSINESS.lookup(context)), customer)
    for index, arm in enumerate(rule.split):
        if bucket < arm.percent or index == len(rule.split) - 1:
            return arm.route, index, [RoutingReason.MATCHED_RULE, RoutingReason.SPLIT]
        bucket -= arm.percent
    raise AssertionError("a policy's split percents add up to 100")  # pragma: no cover


def _plan(
    run: _Run, steps: tuple[Step, ...], since: datetime
) -> tuple[tuple[PlannedStep, ...], int]:
    """The planned steps and the current one: the first whose deadline is after ``at``.

    A deadline from 2200 on is kept as the last moment wamsg represents; the current
    step is chosen from the deadlines before that.
    """
    planned = []
    current = -1
    priority = run.priority if run.priority is not None else 0
    deadline: datetime | None = since
    for index, step in enumerate(steps):
        if step.priority is not None:
            priority = step.priority
        if deadline is not None:
            deadline = None if step.wait is None else deadline + step.wait
        if current < 0 and (deadline is None or deadline > run.at):
            current = index
        skills = dict(run.skills) if step.skills is None else dict(step.skills)
        shown = None if deadline is None else saturated(deadline)
        planned.append(PlannedStep(step.queue, priority, shown, skills))
    return tuple(planned), current if current >= 0 else len(planned) - 1


def _count(waiting: Mapping[str, int], queue: str) -> int:
    count = waiting.get(queue, 0)
    if type(count) is not int or count < 0:
        raise ValidationError(
            "must map queue ids to counts", field=f"waiting.{queue}", value=count
        )
    return count


def _overflow(
    policy: RoutingPolicy, queue: str, at: datetime, waiting: Mapping[str, int]
) -> tuple[str, list[RoutingReason]]:
    reasons: list[RoutingReason] = []
    seen = {queue}
    while queue != policy.fallback:
        spec = policy.queues[queue]
        if spec.hours is not None and not policy.hours[spec.hours].is_open(at):
            reasons.append(RoutingReason.OVERFLOW_CLOSED)
        elif spec.max_waiting is not None and _count(waiting, queue) >= spec.max_waiting:
            reasons.append(RoutingReason.OVERFLOW_WAITING)
        else:
            break
        queue = (
            spec.overflow
            if spec.overflow is not None and spec.overflow not in seen
            else policy.fallback
        )
        seen.add(queue)
    return queue, reasons


def route(
    policy: RoutingPolicy,
    context: Mapping[str, object],
    *,
    at: datetime,
    since: datetime | None = None,
    waiting: Mapping[str, int] | None = None,
    trace: TraceMode | str = TraceMode.RULES,
    use_index: bool = True,
) -> RoutingDecision:
    """Decide where the conversation of ``context`` goes at ``at``, and explain why.

    ``since`` is when the item entered routing (default ``at``): step deadlines
    count from it, so re-deciding later with the same ``since`` shows the step the
    item has reached. ``waiting`` is the caller's count of items waiting per
    queue (for ``max_waiting``). ``trace="full"`` records each clause's path,
    operator, expected and actual value, for every rule up to the match (so it
    evaluates them all, as the linear scan). ``use_index=False`` evaluates every rule
    in order (the linear scan the index must agree with; for tests and benchmarks).
    Never raises on any context: a rule that cannot be decided has status
    ``error`` and the next rule runs.
    """
    if type(policy) is not RoutingPolicy:
        check.argument(policy, RoutingPolicy, "policy")
    if type(context) is not dict:
        check.argument(context, Mapping, "context")
    at = require_aware(at, "at")
    since = at if since is None else require_aware(since, "since")
    mode = _trace_mode(trace)
    if waiting is None:
        waiting = {}
    elif type(waiting) is not dict:
        check.argument(waiting, Mapping, "waiting")
    if type(use_index) is not bool:
        check.boolean(use_index, "use_index")
    run = _Run(policy, context, at, mode is TraceMode.FULL)
    classified = run.classify()
    position, evaluated = run.match(use_index and not run.full)
    rule = None if position is None else policy.rules[position]
    steps, arm, reasons = _ladder(policy, rule, run.context)
    if classified and any(entry.status is RuleStatus.MATCHED for entry in classified):
        reasons.insert(0, RoutingReason.CLASSIFIED)
    if run.error:
        reasons.append(RoutingReason.RULE_ERROR)
    planned, current = _plan(run, steps, since)
    if current:
        reasons.append(RoutingReason.STEP_ESCALATED)
    queue, overflowed = _overflow(policy, planned[current].queue, at, waiting)
    step = steps[current]
    last_agent = _LAST_AGENT.lookup(run.context) if step.last_agent else None
    actions = []
    if rule is not None and position is not None:
        for a, action in enumerate(rule.actions):
            compiled = policy.compiled.actions.get((position, a))
            if compiled is None or compiled.test(run.context, at) is True:
                actions.append(DecidedAction(action.type, action.text))
    return RoutingDecision(
        queue=queue,
        priority=planned[current].priority,
        skills=planned[current].skills,
        preferred=step.preferred,
        bypass_capacity=step.bypass_capacity,
        bypass_skills=step.bypass_skills,
        last_agent=_agent(last_agent),
        steps=planned,
        step=current,
        actions=tuple(actions),
        rule=None if rule is None else rule.id,
        policy_version=policy.version,
        reasons=(*reasons, *overflowed),
        tags=tuple(run.tags),
        language=run.language,
        classified=classified,
        evaluated=evaluated,
        rule_ids=policy.rule_ids,
        step_key=None if position is None else (position, arm, current),
    )
