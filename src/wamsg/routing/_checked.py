"""The checks of the values a decision is made of: a fast test, then the named refusal.

:func:`~wamsg.routing.route` builds a :class:`~wamsg.routing.RoutingDecision`, its
steps and its trace entries for every decision, so their checks come in two parts: a
*plain* test of the usual case (exact types, ASCII texts: a few comparisons, no calls
per field), and, only when that test fails, one :data:`Check` per field that converts
what it can (a list to a tuple, an enum's value to its member) and refuses the rest
with a :class:`~wamsg.errors.ValidationError` naming the field.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from typing import Any, TypeVar

from wamsg._internal import fields as check
from wamsg._internal.json import EARLIEST, LATEST, UTC
from wamsg.errors import ValidationError
from wamsg.routing._convert import member
from wamsg.routing._values import RuleIds
from wamsg.routing.parts import MAX_LEVEL, MAX_PRIORITY

__all__ = [
    "MAX_ARMS",
    "STAGES",
    "Check",
    "check_places",
    "flag",
    "index",
    "levels",
    "member_of",
    "names",
    "normalize",
    "only",
    "opt_text",
    "pairs_of",
    "plain_levels",
    "plain_names",
    "plain_pairs",
    "plain_time",
    "priority",
    "rule_ids",
    "stage",
    "step_key",
    "text",
    "tuple_of",
]

Check = Callable[[Any, str], Any]
"""A field's check: the value and the field's name in, the value kept (or refused) out."""

_E = TypeVar("_E", bound=enum.Enum)

MAX_ARMS = 100
"""The most arms a split has (each takes at least 1 percent)."""

STAGES = frozenset({"classify", "route"})
"""The stages of a decision's trace."""


def normalize(instance: object, checks: Iterable[tuple[str, str, Check]]) -> None:
    """Run each ``(attribute, field, check)`` on a frozen instance, keeping what it gives."""
    for attribute, field, run in checks:
        value = getattr(instance, attribute)
        kept = run(value, field)
        if kept is not value:
            object.__setattr__(instance, attribute, kept)


def only(items: tuple[object, ...], kind: type) -> bool:
    """Whether every item is exactly of type ``kind``."""
    for item in items:  # noqa: SIM110  # a loop: all() of a generator is slower
        if type(item) is not kind:
            return False
    return True


def plain_time(value: object) -> bool:
    """Whether ``value`` is None or a stdlib datetime in UTC from 1970 to 2200."""
    return value is None or (
        type(value) is datetime and value.tzinfo is UTC and EARLIEST <= value < LATEST
    )


def stage(value: object, field: str) -> str:
    """A trace stage: ``classify`` or ``route``."""
    if type(value) is str and value in STAGES:
        return value
    raise ValidationError("must be classify or route", field=field, value=value)


def text(value: object, field: str) -> str:
    """A non-empty text (no lone surrogate)."""
    return check.text_of(value, field)


def opt_text(value: object, field: str) -> str | None:
    """None or a text (empty allowed; no lone surrogate)."""
    return None if value is None else check.text_of(value, field, empty=True)


def flag(value: object, field: str) -> bool:
    """True or False."""
    return check.boolean(value, field)


def priority(value: object, field: str) -> int:
    """An integer from 0 to :data:`~wamsg.routing.MAX_PRIORITY` (not a bool)."""
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_PRIORITY:
        return int(value)
    reason = f"must be an integer from 0 to {MAX_PRIORITY}"
    raise ValidationError(reason, field=field, value=value)


def _name(value: object, field: str) -> str:
    name = check.text_of(value, field)
    if name.isspace():
        raise ValidationError("must be non-empty text", field=field, value=name)
    return name


def plain_levels(value: object) -> bool:
    """Whether ``value`` is a dict of ASCII skill names to levels (the usual case)."""
    if type(value) is not dict:
        return False
    for name, level in value.items():
        if not (
            type(name) is str
            and name
            and name.isascii()
            and not name.isspace()
            and type(level) is int
            and 0 <= level <= MAX_LEVEL
        ):
            return False
    return True


def levels(value: object, field: str) -> Mapping[str, int]:
    """A mapping of skill names (non-blank text) to levels from 0 to ``MAX_LEVEL``."""
    if not isinstance(value, Mapping):
        raise ValidationError("must map skills to levels", field=field, value=value)
    for name, level in value.items():
        _name(name, field)
        if type(level) is not int or not 0 <= level <= MAX_LEVEL:
            reason = f"must be a level from 0 to {MAX_LEVEL}"
            raise ValidationError(reason, field=f"{field}.{name}", value=level)
    return value


def _items(value: object, field: str) -> tuple[object, ...]:
    if type(value) is tuple:
        return value
    check.iterable(value, field)
    return tuple(value)  # type: ignore[arg-type]  # iterable() checked it


def plain_names(value: object) -> bool:
    """Whether ``value`` is a tuple of non-blank ASCII texts (the usual case)."""
    if type(value) is not tuple:
        return False
    for name in value:
        if not (type(name) is str and name and name.isascii() and not name.isspace()):
            return False
    return True


def names(value: object, field: str) -> tuple[str, ...]:
    """A collection of non-blank texts, as a tuple."""
    items = _items(value, field)
    for index, item in enumerate(items):
        _name(item, f"{field}[{index}]")
    return items  # type: ignore[return-value]


def tuple_of(kind: type) -> Check:
    """The check of a collection of ``kind`` values, kept as a tuple."""

    def run(value: object, field: str) -> tuple[object, ...]:
        items = _items(value, field)
        for index, item in enumerate(items):
            check.argument(item, kind, f"{field}[{index}]")
        return items

    return run


def member_of(kind: type[_E]) -> Check:
    """The check of a member of the str enum ``kind`` (or its value, as text)."""

    def run(value: object, field: str) -> _E:
        return member(kind, value, field)

    return run


def index(value: object, field: str) -> int:
    """A position: an integer from 0 (not a bool)."""
    if type(value) is int and value >= 0:
        return value
    raise ValidationError("must be an integer from 0", field=field, value=value)


def rule_ids(value: object, field: str) -> RuleIds:
    """A policy's rule ids (each a non-empty text), as :class:`RuleIds`."""
    if type(value) is RuleIds:
        return value
    return RuleIds(_items(value, field))


def plain_pairs(value: object, positions: int, kind: type) -> bool:
    """Whether ``value`` is a tuple of ``(position, kind)`` pairs, each position below
    ``positions`` (the usual case)."""
    if type(value) is not tuple:
        return False
    for item in value:
        if not (
            type(item) is tuple
            and len(item) == 2
            and type(item[0]) is int
            and 0 <= item[0] < positions
            and type(item[1]) is kind
        ):
            return False
    return True


def pairs_of(kind: type) -> Check:
    """The check of a collection of ``(position, kind)`` pairs, kept as a tuple."""

    def run(value: object, field: str) -> tuple[tuple[int, object], ...]:
        kept = []
        for number, item in enumerate(_items(value, field)):
            at = f"{field}[{number}]"
            if not isinstance(item, (tuple, list)) or len(item) != 2:
                raise ValidationError("must be a (position, entry) pair", field=at, value=item)
            position, entry = item
            check.argument(entry, kind, at)
            kept.append((index(position, at), entry))
        return tuple(kept)

    return run


def step_key(value: object, field: str) -> tuple[int, int, int] | None:
    """None or three integers: (rule position, split arm or -1, step)."""
    if value is None:
        return None
    if not (isinstance(value, (tuple, list)) and len(value) == 3):
        raise ValidationError("must be (rule, arm, step) or None", field=field, value=value)
    if any(type(part) is not int for part in value):
        raise ValidationError("must be three integers", field=field, value=value)
    return tuple(value)


def check_places(
    steps: tuple[object, ...],
    step: int,
    rules: int,
    evaluated: tuple[tuple[int, object], ...],
    key: tuple[int, int, int] | None,
) -> None:
    """A decision's fields that point into others: ``step`` into ``steps``, the
    evaluated positions and ``key`` (rule position, split arm or -1, step) into ``rules``
    rule ids."""
    if not steps:
        raise ValidationError("needs at least one step", field="steps")
    if step >= len(steps):
        raise ValidationError("must be the index of one of steps", field="step", value=step)
    for position, _ in evaluated:
        if position >= rules:
            reason = "a position must be the index of one of rule_ids"
            raise ValidationError(reason, field="evaluated", value=position)
    if key is not None and not (0 <= key[0] < rules and -1 <= key[1] < MAX_ARMS):
        reason = "must be (rule position in rule_ids, split arm or -1, step)"
        raise ValidationError(reason, field="step_key", value=key)
    if key is not None and key[2] != step:
        raise ValidationError("its step must be step", field="step_key", value=key)
