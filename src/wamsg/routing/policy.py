"""The routing policy: its parts checked against each other, and compiled once.

:class:`RoutingPolicy` checks every reference when it is built — a rule's queue, a
queue's overflow and hours, an ``open('…')`` in a condition, the fallback — and
raises :class:`~wamsg.ValidationError` naming the rule (``rules[2].route[0].queue``),
the queue or ``fallback``. It then compiles every condition and indexes the rules
(:class:`~wamsg.routing._index.RuleIndex`), so a decision costs a few dictionary
lookups and the candidate rules' closures, not a walk over the policy.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any

import attrs

from wamsg._internal import fields as check
from wamsg._internal.json import JsonObject
from wamsg._internal.reprs import capped, sized
from wamsg.errors import ValidationError
from wamsg.hours import BusinessHours, hours_entry
from wamsg.routing._checks import read_types
from wamsg.routing._index import RuleIndex
from wamsg.routing._values import RuleIds
from wamsg.routing.condition import CompiledCondition, Condition
from wamsg.routing.parts import (
    ClassifyRule,
    NumberEntry,
    Queue,
    Rule,
    Step,
)

__all__ = ["MAX_RULES", "CompiledPolicy", "RoutingPolicy"]

MAX_RULES = 20_000
"""The most routing rules (and, separately, classification rules) a policy may hold."""


def _table(value: object, field: str) -> Mapping[str, Any]:
    """A mapping (by name) as a read-only copy."""
    if not isinstance(value, Mapping):
        raise ValidationError("must be a mapping by name", field=field, value=value)
    return MappingProxyType(dict(value))


def _queues(value: object) -> Mapping[str, Queue]:
    return _table(value, "queues")


def _numbers(value: object) -> Mapping[str, NumberEntry]:
    return _table(value, "numbers")


def _hours(value: object) -> Mapping[str, BusinessHours]:
    return _table(value, "hours")


def _attributes(value: object) -> Mapping[str, str]:
    return _table(value, "attributes")


def _same(a: Mapping[str, object], b: Mapping[str, object]) -> bool:
    return dict(a) == dict(b)


_MAP_EQ = attrs.cmp_using(eq=_same)


def _compiled_map(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validator: a mapping from tuples of positions to compiled conditions."""
    if not isinstance(value, Mapping):
        raise ValidationError("must map positions to compiled conditions", field=attribute.name)
    for key, item in value.items():
        if not isinstance(key, tuple) or not all(type(i) is int for i in key):
            raise ValidationError("must be a tuple of positions", field=attribute.name, value=key)
        check.argument(item, CompiledCondition, attribute.name)


@attrs.frozen
class CompiledPolicy:
    """The policy's conditions compiled, and its rules indexed (built once).

    :class:`RoutingPolicy` builds it from its own parts (:attr:`RoutingPolicy.compiled`).
    """

    classify: tuple[CompiledCondition, ...] = attrs.field(
        converter=check.as_tuple, validator=check.tuple_of(CompiledCondition)
    )
    rules: tuple[CompiledCondition, ...] = attrs.field(
        converter=check.as_tuple, validator=check.tuple_of(CompiledCondition)
    )
    agents: Mapping[tuple[int, int, int], CompiledCondition] = attrs.field(validator=_compiled_map)
    """Step agent conditions by (rule, split arm or -1, step)."""
    actions: Mapping[tuple[int, int], CompiledCondition] = attrs.field(validator=_compiled_map)
    """Action conditions by (rule, action)."""
    index: RuleIndex = attrs.field(validator=check.instance(RuleIndex))


def _steps(rule: Rule) -> Iterable[tuple[int, int, Step]]:
    for s, step in enumerate(rule.route):
        yield -1, s, step
    for a, arm in enumerate(rule.split):
        for s, step in enumerate(arm.route):
            yield a, s, step


def _step_field(r: int, arm: int, s: int) -> str:
    return f"rules[{r}].route[{s}]" if arm < 0 else f"rules[{r}].split[{arm}].route[{s}]"


@attrs.frozen
class RoutingPolicy:
    """A versioned routing policy (see :mod:`wamsg.routing.parts` for its parts).

    Build it with :func:`~wamsg.routing.load_policy` from the policy file, or from
    the parts. ``attributes`` declares attribute types by path (checked against
    every condition at load); ``hours`` are business hours by id.
    """

    version: str = attrs.field(validator=check.text, repr=capped)
    queues: Mapping[str, Queue] = attrs.field(converter=_queues, eq=_MAP_EQ, repr=sized)
    fallback: str = attrs.field(validator=check.text)
    rules: tuple[Rule, ...] = attrs.field(default=(), converter=check.as_tuple, repr=sized)
    classify: tuple[ClassifyRule, ...] = attrs.field(
        default=(), converter=check.as_tuple, repr=sized
    )
    numbers: Mapping[str, NumberEntry] = attrs.field(
        factory=dict, converter=_numbers, eq=_MAP_EQ, repr=sized
    )
    hours: Mapping[str, BusinessHours] = attrs.field(
        factory=dict, converter=_hours, eq=_MAP_EQ, repr=sized
    )
    attributes: Mapping[str, str] = attrs.field(
        factory=dict, converter=_attributes, eq=_MAP_EQ, repr=sized
    )
    compiled: CompiledPolicy = attrs.field(init=False, eq=False, repr=False)
    rule_ids: tuple[str, ...] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        self._check_parts()
        self._check_references()
        object.__setattr__(self, "compiled", self._compile())
        object.__setattr__(self, "rule_ids", RuleIds(rule.id for rule in self.rules))

    def _check_parts(self) -> None:
        for field, items in (("rules", self.rules), ("classify", self.classify)):
            check.argument(items, tuple, field)
            if len(items) > MAX_RULES:
                raise ValidationError(
                    f"at most {MAX_RULES:,} rules", field=field, value=len(items)
                )
        for i, rule in enumerate(self.rules):
            check.argument(rule, Rule, f"rules[{i}]")
        for i, classify in enumerate(self.classify):
            check.argument(classify, ClassifyRule, f"classify[{i}]")
        tables: tuple[tuple[Mapping[str, object], type, str], ...] = (
            (self.queues, Queue, "queues"),
            (self.numbers, NumberEntry, "numbers"),
            (self.hours, BusinessHours, "hours"),
            (self.attributes, str, "attributes"),
        )
        for table, kind, field in tables:
            for name, value in table.items():
                check.text_of(name, field)
                check.argument(value, kind, f"{field}.{name}")
        try:
            read_types(self.attributes)
        except ValidationError as error:
            raise ValidationError(error.reason, field="attributes", value=error.value) from None
        for name, queue in self.queues.items():
            if queue.id != name:
                raise ValidationError("must be the queue's own id", field="queues", value=name)
        for field, ids in (
            ("rules", [rule.id for rule in self.rules]),
            ("classify", [rule.id for rule in self.classify]),
        ):
            seen: set[str] = set()
            for i, rule_id in enumerate(ids):
                if rule_id in seen:
                    raise ValidationError(
                        "duplicate rule id", field=f"{field}[{i}].id", value=rule_id
                    )
                seen.add(rule_id)

    def _queue(self, name: str | None, field: str) -> None:
        if name is not None and name not in self.queues:
            raise ValidationError("unknown queue", field=field, value=name)

    def _check_references(self) -> None:
        self._queue(self.fallback, "fallback")
        for name, queue in self.queues.items():
            self._queue(queue.overflow, f"queues.{name}.overflow")
            if queue.hours is not None and queue.hours not in self.hours:
                raise ValidationError(
                    "unknown hours", field=f"queues.{name}.hours", value=queue.hours
                )
        for number, entry in self.numbers.items():
            self._queue(entry.queue, f"numbers.{number}.queue")
        for r, rule in enumerate(self.rules):
            if bool(rule.route) == bool(rule.split):
                raise ValidationError(
                    "needs exactly one of route and split", field=f"rules[{r}]", value=rule.id
                )
            if rule.split and sum(arm.percent for arm in rule.split) != 100:
                raise ValidationError(
                    "split percents must add up to 100", field=f"rules[{r}].split", value=rule.id
                )
            for arm in rule.split:
                if not arm.route:
                    raise ValidationError("an arm needs a route", field=f"rules[{r}].split")
            for arm_i, s, step in _steps(rule):
                self._queue(step.queue, f"{_step_field(r, arm_i, s)}.queue")

    def _compile_one(self, condition: Condition, field: str) -> CompiledCondition:
        unknown = sorted(condition.hours_ids - self.hours.keys())
        if unknown:
            raise ValidationError("unknown hours", field=field, value=unknown[0])
        return condition.compile(self.hours)

    def _compile(self) -> CompiledPolicy:
        classify = tuple(
            self._compile_one(rule.when, f"classify[{i}].when")
            for i, rule in enumerate(self.classify)
        )
        rules = tuple(
            self._compile_one(rule.when, f"rules[{i}].when") for i, rule in enumerate(self.rules)
        )
        agents: dict[tuple[int, int, int], CompiledCondition] = {}
        actions: dict[tuple[int, int], CompiledCondition] = {}
        for r, rule in enumerate(self.rules):
            for arm, s, step in _steps(rule):
                if step.agents is not None:
                    field = f"{_step_field(r, arm, s)}.agents"
                    agents[(r, arm, s)] = self._compile_one(step.agents, field)
            for a, action in enumerate(rule.actions):
                if action.when is not None:
                    field = f"rules[{r}].actions[{a}].when"
                    actions[(r, a)] = self._compile_one(action.when, field)
        index = RuleIndex([rule.when for rule in self.rules])
        return CompiledPolicy(
            classify=classify, rules=rules, agents=agents, actions=actions, index=index
        )

    def to_json(self) -> JsonObject:
        """The policy file that :func:`~wamsg.routing.load_policy` reads back equal."""
        out: JsonObject = {"version": self.version}
        if self.attributes:
            out["attributes"] = dict(sorted(self.attributes.items()))
        if self.hours:
            out["hours"] = {name: hours_entry(h) for name, h in sorted(self.hours.items())}
        if self.numbers:
            out["numbers"] = {n: entry.to_json() for n, entry in sorted(self.numbers.items())}
        out["queues"] = [queue.to_json() for queue in self.queues.values()]
        if self.classify:
            out["classify"] = [rule.to_json() for rule in self.classify]
        out["rules"] = [rule.to_json() for rule in self.rules]
        out["fallback"] = self.fallback
        return out
