"""Necessary equality constraints of a condition, for an inverted index of rules.

``equality_keys(node)`` lists ``(path, values)`` pairs, each meaning "the condition can
be true only if the value at ``path`` is one of ``values``": ``p == literal`` gives
``{literal}``, ``p in [...]`` the list's items, ``and`` concatenates its children's
pairs, ``or`` keeps a path only when every child constrains it (with the union of
their sets), everything else constrains nothing: ``true``, and ``false`` too (no pair
is needed for a condition that is never true, and none is given, so ``x == 'a' or
false`` has none either, as the rule index reads it). The pairs are sound (they never
exclude a context the condition is true for): a number literal's set also holds the
``float`` that wamsg compares equal to it (a context float ``x`` is compared as
``Decimal(repr(x))``, and ``0.1 == Decimal("0.1")`` is false in Python), so a plain
``value in values`` or ``dict.get(value)`` lookup never misses.
"""

from __future__ import annotations

import math
from decimal import Decimal

from wamsg.routing._tree import And, Comparison, Literal, Node, Or
from wamsg.routing.paths import Path

__all__ = ["EqualityKey", "equality_keys"]

EqualityKey = tuple[Path, frozenset[object]]
"""One necessary constraint: the path's value must be one of the set."""


def _float_twin(number: int | Decimal) -> float | None:
    """The float that compares as ``number`` under wamsg's rule, if there is one."""
    try:
        twin = float(number)
    except OverflowError:  # an int beyond the float range
        return None
    if math.isfinite(twin) and Decimal(repr(twin)) == number:
        return twin
    return None


def _values(literal: Literal) -> frozenset[object]:
    items = literal if type(literal) is tuple else (literal,)
    values: set[object] = set()
    for item in items:
        values.add(item)
        if type(item) is int or type(item) is Decimal:
            twin = _float_twin(item)
            if twin is not None:
                values.add(twin)
    return frozenset(values)


def _narrowed(keys: tuple[EqualityKey, ...]) -> dict[Path, frozenset[object]]:
    """One set per path: the intersection of a child's constraints on it."""
    by_path: dict[Path, frozenset[object]] = {}
    for path, values in keys:
        by_path[path] = by_path[path] & values if path in by_path else values
    return by_path


def equality_keys(node: Node) -> tuple[EqualityKey, ...]:
    """The necessary ``(path, values)`` constraints of ``node`` (see the module)."""
    if type(node) is Comparison:
        if node.ref is None and (
            (node.op == "==" and type(node.value) is not tuple)
            or (node.op == "in" and type(node.value) is tuple)
        ):
            return ((node.path, _values(node.value)),)  # type: ignore[arg-type]
        return ()
    if type(node) is And:
        return tuple(key for arg in node.args for key in equality_keys(arg))
    if type(node) is Or:
        children = [_narrowed(equality_keys(arg)) for arg in node.args]
        first, rest = children[0], children[1:]
        out: list[EqualityKey] = []
        for path, values in first.items():
            if all(path in child for child in rest):
                union = set(values)
                for child in rest:
                    union.update(child[path])
                out.append((path, frozenset(union)))
        return tuple(out)
    return ()
