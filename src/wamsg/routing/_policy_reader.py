"""Read the policy file strictly: an unknown key is an error, never a silent no-op."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from typing import TypeVar

from wamsg._internal import fields as check
from wamsg._internal.json import Json, is_text
from wamsg._internal.strict import at_key, flag, listed, obj, read_config, string
from wamsg.errors import ValidationError
from wamsg.hours import hours_table
from wamsg.identity import PhoneNumber
from wamsg.routing._checks import read_types
from wamsg.routing.condition import Condition, parse_condition
from wamsg.routing.parts import (
    MAX_PRIORITY,
    MAX_WAIT,
    Action,
    ActionType,
    Classification,
    ClassifyRule,
    NumberEntry,
    Queue,
    Rule,
    SplitArm,
    Step,
)
from wamsg.routing.policy import RoutingPolicy
from wamsg.routing.work import SkillMatch, Strategy

__all__ = ["load_policy", "parse_duration", "read_policy"]

_E = TypeVar("_E", Strategy, SkillMatch)

_TOP = ("version", "attributes", "hours", "numbers", "queues", "classify", "rules", "fallback")
_STEP = (
    "queue",
    "priority",
    "wait",
    "agents",
    "last_agent",
    "preferred",
    "bypass_capacity",
    "bypass_skills",
    "skills",
)
_FLAGS = ("last_agent", "bypass_capacity", "bypass_skills")
_UNITS = {"h": 3600, "m": 60, "s": 1}


def parse_duration(text: object, field: str) -> timedelta:
    """``300s``, ``5m``, ``1h``, ``1h30m`` as a timedelta (at most 14 days).

    ``field`` (a text) names the value in the error.
    """
    field = check.text_of(field, "field", empty=True)
    problem = ValidationError(
        "must be a duration such as 300s, 5m, 1h or 1h30m (at most 14 days)",
        field=field,
        value=text,
    )
    if not isinstance(text, str) or not 2 <= len(text) <= 32:
        raise problem
    seconds, digits, units_left = 0, "", "hms"
    for char in text:
        if char.isascii() and char.isdigit():
            digits += char
        elif char in units_left and digits:
            seconds += int(digits) * _UNITS[char]
            digits, units_left = "", units_left[units_left.index(char) + 1 :]
        else:
            raise problem
    if digits or not 0 < seconds <= MAX_WAIT.total_seconds():  # checked before timedelta()
        raise problem
    return timedelta(seconds=seconds)


def _priority(data: Mapping[str, Json], field: str) -> int | None:
    value = data.get("priority")
    if value is None:
        return None
    if type(value) is not int or not 0 <= value <= MAX_PRIORITY:
        reason = f"must be an integer from 0 to {MAX_PRIORITY} (higher is more urgent)"
        raise ValidationError(reason, field=at_key(field, "priority"), value=value)
    return value


def _names(data: Mapping[str, Json], key: str, field: str) -> tuple[str, ...]:
    out = []
    for i, item in enumerate(listed(data, key, field)):
        if not isinstance(item, str) or not item.strip() or not is_text(item):
            raise ValidationError(
                "must be a non-empty string", field=f"{field}.{key}[{i}]", value=item
            )
        out.append(item)
    return tuple(out)


def _skills(value: Json, field: str) -> dict[str, int]:
    if isinstance(value, list):
        return dict.fromkeys(_names({"skills": value}, "skills", field.rsplit(".", 1)[0]), 1)
    if not isinstance(value, Mapping):
        raise ValidationError(
            "must be a list of skills or an object of levels", field=field, value=value
        )
    out = {}
    for name, level in value.items():
        if not isinstance(name, str) or not name.strip() or not is_text(name):
            raise ValidationError("must be a skill name", field=field, value=name)
        if type(level) is not int or not 0 <= level <= 1000:
            raise ValidationError(
                "must be a level from 0 to 1000", field=f"{field}.{name}", value=level
            )
        out[str(name)] = level
    return out


class _Reader:
    """One policy file being read: its declared types and hours ids, for conditions."""

    def __init__(self, types: dict[str, str], hours: frozenset[str]) -> None:
        self.types = types
        self.hours = hours

    def condition(self, value: Json, field: str) -> Condition:
        if value is None:
            raise ValidationError("is required", field=field)
        if not isinstance(value, (str, Mapping)):
            raise ValidationError(
                "must be a condition (text or JSON form)", field=field, value=value
            )
        return parse_condition(value, types=self.types, hours=self.hours, field=field)

    def step(self, value: Json, field: str) -> Step:
        data = obj(value, field, _STEP)
        wait = data.get("wait")
        agents = data.get("agents")
        skills = data.get("skills")
        queue = string(data, "queue", field)
        priority = _priority(data, field)
        waits = None if wait is None else parse_duration(wait, f"{field}.wait")
        agent_condition = None if agents is None else self.condition(agents, f"{field}.agents")
        preferred = _names(data, "preferred", field)
        levels = None if skills is None else _skills(skills, f"{field}.skills")
        flags = {key: flag(data, key, field) for key in _FLAGS}
        try:
            return Step(
                queue=queue,
                priority=priority,
                wait=waits,
                agents=agent_condition,
                preferred=preferred,
                skills=levels,
                **flags,
            )
        except ValidationError as error:  # a check of the step as a whole (preferred agents)
            raise ValidationError(
                error.reason, field=f"{field}.{error.field}", value=error.value
            ) from None

    def ladder(self, data: Mapping[str, Json], field: str) -> tuple[Step, ...]:
        steps = listed(data, "route", field)
        if not steps:
            raise ValidationError("needs at least one step", field=at_key(field, "route"))
        return tuple(self.step(step, f"{field}.route[{i}]") for i, step in enumerate(steps))

    def rule(self, value: Json, field: str) -> Rule:
        data = obj(value, field, ("id", "when", "route", "split", "actions"))
        arms = []
        for i, arm in enumerate(listed(data, "split", field)):
            arm_field = f"{field}.split[{i}]"
            arm_data = obj(arm, arm_field, ("percent", "route"))
            percent = arm_data.get("percent")
            if type(percent) is not int or not 1 <= percent <= 100:
                raise ValidationError(
                    "must be an integer from 1 to 100", field=f"{arm_field}.percent", value=percent
                )
            arms.append(SplitArm(percent, self.ladder(arm_data, arm_field)))
        actions = []
        for i, action in enumerate(listed(data, "actions", field)):
            a_field = f"{field}.actions[{i}]"
            a_data = obj(action, a_field, ("type", "when", "text"))
            kind = a_data.get("type")
            if kind != ActionType.AUTO_REPLY.value:
                raise ValidationError(
                    "unknown action (known: auto_reply)", field=f"{a_field}.type", value=kind
                )
            when = a_data.get("when")
            actions.append(
                Action(
                    ActionType.AUTO_REPLY,
                    string(a_data, "text", a_field),
                    None if when is None else self.condition(when, f"{a_field}.when"),
                )
            )
        if "split" in data and not arms:
            raise ValidationError("needs at least one arm", field=at_key(field, "split"))
        if "route" not in data and not arms:
            raise ValidationError("needs a route (steps) or a split (arms)", field=field)
        route = self.ladder(data, field) if "route" in data else ()
        return Rule(
            id=string(data, "id", field),
            when=self.condition(data.get("when"), f"{field}.when"),
            route=route,
            split=tuple(arms),
            actions=tuple(actions),
        )

    def classify(self, value: Json, field: str) -> ClassifyRule:
        data = obj(value, field, ("id", "when", "set"))
        sets = obj(data.get("set", {}), f"{field}.set", ("language", "skills", "priority", "tags"))
        language = sets.get("language")
        if language is not None and (not isinstance(language, str) or not language.strip()):
            raise ValidationError(
                "must be a non-empty string", field=f"{field}.set.language", value=language
            )
        skills = sets.get("skills")
        return ClassifyRule(
            id=string(data, "id", field),
            when=self.condition(data.get("when"), f"{field}.when"),
            sets=Classification(
                language=language,
                skills={} if skills is None else _skills(skills, f"{field}.set.skills"),
                priority=_priority(sets, f"{field}.set"),
                tags=_names(sets, "tags", f"{field}.set"),
            ),
        )


def _choice(data: Mapping[str, Json], key: str, field: str, kind: type[_E], default: _E) -> _E:
    value = data.get(key, default.value)
    try:
        return kind(value)
    except ValueError:
        known = ", ".join(choice.value for choice in kind)
        raise ValidationError(
            f"unknown {key} (known: {known})", field=f"{field}.{key}", value=value
        ) from None


def _optional_string(data: Mapping[str, Json], key: str, field: str) -> str | None:
    return None if data.get(key) is None else string(data, key, field)


def _queues(value: list[Json]) -> dict[str, Queue]:
    out: dict[str, Queue] = {}
    for i, spec in enumerate(value):
        field = f"queues[{i}]"
        data = obj(
            spec, field, ("id", "strategy", "skill_match", "hours", "overflow", "max_waiting")
        )
        name = string(data, "id", field)
        if name in out:
            raise ValidationError("duplicate queue id", field=f"{field}.id", value=name)
        waiting = data.get("max_waiting")
        if waiting is not None and (type(waiting) is not int or not 0 <= waiting <= 10**9):
            raise ValidationError(
                "must be a count from 0 to 1,000,000,000", field=f"{field}.max_waiting",
                value=waiting,
            )  # fmt: skip
        out[name] = Queue(
            id=name,
            strategy=_choice(data, "strategy", field, Strategy, Strategy.LONGEST_IDLE),
            skill_match=_choice(data, "skill_match", field, SkillMatch, SkillMatch.EXACT),
            hours=_optional_string(data, "hours", field),
            overflow=_optional_string(data, "overflow", field),
            max_waiting=waiting,
        )
    return out


def _e164(number: str) -> str | None:
    try:
        return PhoneNumber.parse(number).e164
    except ValidationError:
        return None


def load_policy(data: object) -> RoutingPolicy:
    """The policy of a policy file, already parsed from JSON (numbers as Decimal).

    Every mistake is a :class:`~wamsg.ValidationError` naming the rule (or
    ``fallback``, or the queue) and the field: ``rules[1].route[0].queue``.
    """
    top = obj(data, "", _TOP, whole="policy")
    attributes = top.get("attributes", {})
    if not isinstance(attributes, Mapping) or not all(
        isinstance(v, str) for v in attributes.values()
    ):
        raise ValidationError("must map paths to type names", field="attributes", value=attributes)
    try:
        read_types(attributes)
    except ValidationError as error:
        raise ValidationError(error.reason, field="attributes", value=error.value) from None
    hours = hours_table(top.get("hours", {}))
    reader = _Reader({str(k): str(v) for k, v in attributes.items()}, frozenset(hours))
    numbers_data = top.get("numbers", {})
    if not isinstance(numbers_data, Mapping):
        raise ValidationError("must be a JSON object", field="numbers", value=numbers_data)
    numbers = {}
    for number, entry in numbers_data.items():
        field = f"numbers.{number}"
        spec = obj(entry, field, ("brand", "name", "queue"))
        if _e164(number) != number:
            raise ValidationError(
                "must be an E.164 number such as +358401000001 (as events carry it)",
                field=field,
                value=number,
            )
        numbers[str(number)] = NumberEntry(**{k: string(spec, k, field) for k in spec})
    return RoutingPolicy(
        version=string(top, "version", ""),
        attributes=reader.types,
        hours=hours,
        numbers=numbers,
        queues=_queues(listed(top, "queues")),
        classify=[
            reader.classify(r, f"classify[{i}]") for i, r in enumerate(listed(top, "classify"))
        ],
        rules=[reader.rule(r, f"rules[{i}]") for i, r in enumerate(listed(top, "rules"))],
        fallback=string(top, "fallback", ""),
    )


def read_policy(text: str | bytes) -> RoutingPolicy:
    """The policy of a policy file's JSON text (``str``, or UTF-8 ``bytes``)."""
    if not isinstance(text, (str, bytes)):
        raise ValidationError("must be the policy file's text", field="policy", value=text)
    return load_policy(read_config(text, "policy"))
