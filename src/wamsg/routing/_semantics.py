"""What a comparison answers for the values it finds: the semantics table in code.

The one definition both evaluators use (the compiled closures fall back to it for
anything but their fast case; the explanation calls it for every clause), so
``test`` and ``explain`` cannot disagree.

Values have a kind: text, number (``int`` and finite ``Decimal``, and a finite
``float`` taken as ``Decimal(repr(x))``; ``bool`` is not a number), boolean, list
(``list``/``tuple``), mapping, or *other* (NaN, infinities, an integer of more than
4,000 digits, any other object). Then:

- a missing left (or right-hand path) value: ``!=`` and ``not in`` are true, every
  other operator false;
- ``==``/``!=`` compare two scalars of one kind; ``<``… order two numbers or two
  texts; ``contains``/``starts_with`` take two texts;
- ``in``/``not in`` look for a scalar in a list, ``has`` for a scalar in the list on
  the left: found → true; not found → false when the list is empty or holds an item
  of the value's kind, else a mismatch;
- any other pairing is a type mismatch: None (unknown), never an exception.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

import attrs

from wamsg._internal.decode import MAX_INT_DIGITS
from wamsg.routing.paths import MISSING

__all__ = [
    "BOOL",
    "LIST",
    "NUMBER",
    "STRING",
    "WEAK_OPS",
    "Members",
    "compare",
    "members_of",
    "normal",
]

STRING = 0
NUMBER = 1
BOOL = 2
LIST = 3
MAPPING = 4
OTHER = 5
_SCALARS = (STRING, NUMBER, BOOL)
_INT_LIMIT = 10**MAX_INT_DIGITS

WEAK_OPS = frozenset({"!=", "not in"})
"""The operators that are true when a value is missing (weak ∉)."""

Normal = tuple[int, object]


def normal(value: object) -> Normal:
    """``(kind, value)``: the value's kind and the value as compared."""
    kind = type(value)
    if kind is str:
        return STRING, value
    if kind is bool:
        return BOOL, value
    if kind is int:
        return (NUMBER, value) if -_INT_LIMIT < value < _INT_LIMIT else (OTHER, value)
    if kind is Decimal:
        return (NUMBER, value) if value.is_finite() else (OTHER, value)  # type: ignore[attr-defined]
    if kind is float:
        if math.isfinite(value):  # type: ignore[arg-type]
            return NUMBER, Decimal(repr(value))
        return OTHER, value
    if kind is list or kind is tuple:
        return LIST, value
    if kind is dict:
        return MAPPING, value
    return _subclassed(value)


def _subclassed(value: object) -> Normal:
    """:func:`normal` for instances of subclasses (``IntEnum``, ``OrderedDict`` …)."""
    if isinstance(value, str):
        return STRING, str.__str__(value)
    if isinstance(value, int):
        return normal(int.__index__(value))
    if isinstance(value, float):
        return normal(float.__float__(value))
    if isinstance(value, Decimal):
        return normal(Decimal(value))
    if isinstance(value, (list, tuple)):
        return LIST, value
    if isinstance(value, Mapping):
        return MAPPING, value
    return OTHER, value


@attrs.frozen
class Members:
    """A list's scalars by kind, for ``in``/``has`` lookups (``True`` is not ``1``)."""

    texts: frozenset[str]
    numbers: frozenset[int | Decimal]
    booleans: frozenset[bool]
    empty: bool

    def lookup(self, kind: int, value: object) -> bool | None:
        """Whether ``value`` of ``kind`` is a member (None: no member of its kind)."""
        if kind == STRING:
            found = self.texts
        elif kind == NUMBER:
            found = self.numbers  # type: ignore[assignment]
        elif kind == BOOL:
            found = self.booleans  # type: ignore[assignment]
        else:
            return None
        if value in found:
            return True
        return False if (found or self.empty) else None


def members_of(items: Iterable[object]) -> Members:
    """The :class:`Members` of a literal list or of a list found in a context."""
    texts: set[str] = set()
    numbers: set[int | Decimal] = set()
    booleans: set[bool] = set()
    empty = True
    for item in items:
        empty = False
        kind, value = normal(item)
        if kind == STRING:
            texts.add(value)  # type: ignore[arg-type]
        elif kind == NUMBER:
            numbers.add(value)  # type: ignore[arg-type]
        elif kind == BOOL:
            booleans.add(value)  # type: ignore[arg-type]
    return Members(frozenset(texts), frozenset(numbers), frozenset(booleans), empty)


def _ordered(op: str, left: Any, right: Any) -> bool:
    """``left op right`` for two numbers or two texts (never NaN: :func:`normal`)."""
    if op == "<":
        return bool(left < right)
    if op == "<=":
        return bool(left <= right)
    if op == ">":
        return bool(left > right)
    return bool(left >= right)


def _scalar_pair(op: str, left: Normal, right: Normal) -> bool | None:
    (left_kind, left_value), (right_kind, right_value) = left, right
    if left_kind != right_kind or left_kind not in _SCALARS:
        return None
    if op == "==":
        return left_value == right_value
    if op == "!=":
        return left_value != right_value
    if op in ("contains", "starts_with"):
        if left_kind != STRING:
            return None
        if op == "contains":
            return right_value in left_value  # type: ignore[operator]
        return bool(left_value.startswith(right_value))  # type: ignore[attr-defined]
    if left_kind == BOOL:
        return None
    return _ordered(op, left_value, right_value)


def compare(op: str, left: object, right: object) -> bool | None:
    """The result of ``left op right``, from the raw values (:data:`MISSING` allowed).

    ``right`` is a literal scalar, the :class:`Members` of a literal list, or the value
    a right-hand path found.
    """
    if left is MISSING or right is MISSING:
        return op in WEAK_OPS
    left_normal = normal(left)
    if op in ("in", "not in"):
        if type(right) is Members:
            found = right.lookup(*left_normal)
        else:
            kind, values = normal(right)
            found = members_of(values).lookup(*left_normal) if kind == LIST else None  # type: ignore[arg-type]
        return found if (found is None or op == "in") else not found
    if op == "has":
        if left_normal[0] != LIST:
            return None
        return members_of(left_normal[1]).lookup(*normal(right))  # type: ignore[arg-type]
    return _scalar_pair(op, left_normal, normal(right))
