"""An index of first-match rules on their equality and ``in`` constraints.

Each rule whose condition says "this path must equal one of these values"
(:meth:`~wamsg.routing.Condition.equality_keys`) is filed under one such path: the
path most rules constrain, so that a decision looks up few paths, and of those the
one with the most distinct values, so that a bucket holds few rules. A decision's
candidates are the rules filed under the context's value of each indexed path, plus
every rule with no such constraint, merged in policy order; evaluating them in that
order and stopping at the first match gives exactly the linear scan's answer, since a
rule left out could not have matched.

A rule is left out only when its condition is certainly *false*, not merely not true:
the path's value is missing, or it is a scalar (text, number, boolean) of a kind the
rule's literals hold, and none of them. A value of another kind (a number where the
rule compares texts, a list, NaN) makes the comparison unknown, so the rule stays a
candidate and its status is ``error`` in the trace, exactly as the linear scan says.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping, Sequence

from wamsg.routing._keys import equality_keys
from wamsg.routing._semantics import BOOL, NUMBER, STRING, normal
from wamsg.routing._tree import And, Comparison, Node, Or
from wamsg.routing.condition import Condition
from wamsg.routing.paths import MISSING, Path

__all__ = ["RuleIndex"]

_SCALARS = frozenset({STRING, NUMBER, BOOL})

_Key = tuple[Path, frozenset[object], frozenset[int]]
"""``(path, values, kinds)``: the condition is false when the path's value is missing,
or is a scalar of one of ``kinds`` that is not in ``values``."""


def _hashable(values: frozenset[object]) -> bool:
    return all(isinstance(value, Hashable) for value in values)


def _leaf_kinds(node: Comparison) -> frozenset[int]:
    """The scalar kinds for which ``node`` is false on a value outside its literals."""
    items = node.value if type(node.value) is tuple else (node.value,)
    if not items:  # ``in []``: false for every scalar
        return _SCALARS
    return frozenset(normal(item)[0] for item in items) & _SCALARS


def _narrowed(keys: list[_Key]) -> dict[Path, tuple[frozenset[object], frozenset[int]]]:
    """One key per path: values intersected, and the kinds every key is sure of."""
    by_path: dict[Path, tuple[frozenset[object], frozenset[int]]] = {}
    for path, values, kinds in keys:
        if path in by_path:
            old_values, old_kinds = by_path[path]
            by_path[path] = (old_values & values, old_kinds & kinds)
        else:
            by_path[path] = (values, kinds)
    return by_path


def _keys(node: Node) -> list[_Key]:
    """:func:`~wamsg.routing._keys.equality_keys`, with the kinds each key is sure of."""
    if type(node) is Comparison:
        return [(path, values, _leaf_kinds(node)) for path, values in equality_keys(node)]
    if type(node) is And:
        return [key for arg in node.args for key in _keys(arg)]
    if type(node) is Or:
        children = [_narrowed(_keys(arg)) for arg in node.args]
        first, rest = children[0], children[1:]
        out: list[_Key] = []
        for path, (values, kinds) in first.items():
            if all(path in child for child in rest):
                union, common = set(values), set(kinds)
                for child in rest:
                    union.update(child[path][0])
                    common &= child[path][1]
                out.append((path, frozenset(union), frozenset(common)))
        return out
    return []


class RuleIndex:
    """Rule positions by (path, value), and the positions no path constrains."""

    __slots__ = ("_all", "_buckets", "_loose", "_paths", "_unindexed")

    def __init__(self, conditions: Sequence[Condition]) -> None:
        keyed = [
            [key for key in _keys(condition._tree) if _hashable(key[1])]
            for condition in conditions
        ]
        popularity = Counter(path for keys in keyed for path in {key[0] for key in keys})
        distinct: dict[Path, set[object]] = {}
        for keys in keyed:
            for path, values, _ in keys:
                distinct.setdefault(path, set()).update(values)
        buckets: dict[Path, dict[object, list[int]]] = {}
        loose: dict[Path, dict[int, list[int]]] = {}
        filed: dict[Path, list[int]] = {}
        unindexed: list[int] = []
        for position, keys in enumerate(keyed):
            if not keys:
                unindexed.append(position)
                continue
            path, values, kinds = max(
                keys, key=lambda key: (popularity[key[0]], len(distinct[key[0]]), -len(key[1]))
            )
            by_value = buckets.setdefault(path, {})
            for value in values:
                by_value.setdefault(value, []).append(position)
            by_kind = loose.setdefault(path, {})
            for kind in _SCALARS - kinds:
                by_kind.setdefault(kind, []).append(position)
            filed.setdefault(path, []).append(position)
        self._buckets = buckets
        self._loose = loose
        self._all = filed
        self._paths = tuple(buckets)
        self._unindexed = tuple(unindexed)

    def candidates(self, context: Mapping[str, object]) -> list[int]:
        """Positions of the rules that may match ``context``, in policy order."""
        runs: list[Sequence[int]] = [self._unindexed] if self._unindexed else []
        for path in self._paths:
            value = path.lookup(context)
            if value is MISSING:
                continue
            kind, plain = normal(value)
            if kind not in _SCALARS:  # a list, a mapping, NaN …: unknown for every rule
                runs.append(self._all[path])
                continue
            found = self._buckets[path].get(plain)
            if found:
                runs.append(found)
            unsure = self._loose[path].get(kind)
            if unsure:
                runs.append(unsure)
        if len(runs) == 1:
            return list(runs[0])
        return sorted(set().union(*runs))  # merged: faster in C than heapq.merge
