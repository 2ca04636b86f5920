"""The JSON form of a condition: the same tree as the text, for admin UIs and exchange.

::

    {"op": "and" | "or", "args": [<condition>, ...]}
    {"op": "not", "arg": <condition>}
    {"op": "==", "path": "customer.tier", "value": "gold"}
    {"op": "in", "path": "language", "ref": "agent.languages"}
    {"op": "is null" | "is not null", "path": "customer.tier"}
    {"op": "open", "hours": "office"}
    {"op": "true"} | {"op": "false"}

Comparisons take every operator of the text (``==``, ``!=``, ``<``, ``<=``, ``>``,
``>=``, ``in``, ``not in``, ``has``, ``contains``, ``starts_with``) with exactly one of
``value`` (a literal) and ``ref`` (the text of another path). Numbers: a JSON integer
stays an ``int``; a decimal should arrive as :class:`~decimal.Decimal` (decode with
``json.loads(..., parse_float=Decimal)``), and a finite ``float`` is taken as
``Decimal(repr(x))``. An unknown key, an unknown op or a wrong value is an error naming
its JSON location (``when.args[1].op``).
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping
from decimal import Decimal

from wamsg._internal.decode import MAX_INT_DIGITS
from wamsg._internal.json import is_text
from wamsg.errors import ValidationError
from wamsg.routing._checks import comparison_problem
from wamsg.routing._tree import (
    COMPARISON_OPS,
    MAX_CLAUSES,
    MAX_CONDITION_DEPTH,
    MAX_LIST_ITEMS,
    And,
    Comparison,
    Constant,
    Literal,
    Node,
    Not,
    NullCheck,
    OpenCheck,
    Or,
    Scalar,
    conjunction,
    disjunction,
)
from wamsg.routing.paths import Path

__all__ = ["from_json", "to_json"]

_INT_LIMIT = 10**MAX_INT_DIGITS
_KEYS = {
    "and": frozenset({"op", "args"}),
    "or": frozenset({"op", "args"}),
    "not": frozenset({"op", "arg"}),
    "is null": frozenset({"op", "path"}),
    "is not null": frozenset({"op", "path"}),
    "open": frozenset({"op", "hours"}),
    "true": frozenset({"op"}),
    "false": frozenset({"op"}),
    **{op: frozenset({"op", "path", "value", "ref"}) for op in COMPARISON_OPS},
}
_OPS_LISTED = ", ".join(_KEYS)


def to_json(node: Node) -> dict[str, object]:
    """The JSON form of a tree (decimals stay :class:`~decimal.Decimal`)."""
    if type(node) is Comparison:
        if node.ref is not None:
            return {"op": node.op, "path": str(node.path), "ref": str(node.ref)}
        value = list(node.value) if type(node.value) is tuple else node.value
        return {"op": node.op, "path": str(node.path), "value": value}
    if type(node) is NullCheck:
        return {"op": "is not null" if node.negated else "is null", "path": str(node.path)}
    if type(node) is OpenCheck:
        return {"op": "open", "hours": node.hours_id}
    if type(node) is Constant:
        return {"op": "true" if node.value else "false"}
    if type(node) is Not:
        return {"op": "not", "arg": to_json(node.arg)}
    assert type(node) is And or type(node) is Or
    op = "and" if type(node) is And else "or"
    return {"op": op, "args": [to_json(arg) for arg in node.args]}


def _key_name(key: object) -> str:
    return key if type(key) is str and len(key) <= 40 else repr(key)[:40]


def _scalar(value: object, where: str) -> Scalar:
    kind = type(value)
    if kind is str:
        if not is_text(value):  # type: ignore[arg-type]
            raise ValidationError("holds a lone surrogate, which is not text", field=where)
        return value  # type: ignore[return-value]
    if kind is bool:
        return value  # type: ignore[return-value]
    if kind is int:
        if not -_INT_LIMIT < value < _INT_LIMIT:
            raise ValidationError(f"an integer of more than {MAX_INT_DIGITS} digits", field=where)
        return value  # type: ignore[return-value]
    if kind is float:
        if not math.isfinite(value):  # type: ignore[arg-type]
            raise ValidationError("must be a finite number", field=where, value=value)
        value = Decimal(repr(value))
        kind = Decimal
    if kind is Decimal:
        number: Decimal = value  # type: ignore[assignment]
        if not number.is_finite() or (number and abs(number.adjusted()) > MAX_INT_DIGITS):
            raise ValidationError(
                f"must be a finite decimal within 10**±{MAX_INT_DIGITS}", field=where, value=value
            )
        return number
    if value is None:
        raise ValidationError('null is not a value to compare: use {"op": "is null"}', field=where)
    raise ValidationError(
        "must be a text, a number, a boolean or a list of them", field=where, value=value
    )


def _literal(value: object, where: str) -> Literal:
    if type(value) is list or type(value) is tuple:
        if len(value) > MAX_LIST_ITEMS:
            raise ValidationError(
                f"a list literal has at most {MAX_LIST_ITEMS} items", field=where, value=len(value)
            )
        items = []
        for index, item in enumerate(value):
            if type(item) is list or type(item) is tuple:
                raise ValidationError(
                    "a list literal holds only scalars", field=f"{where}[{index}]"
                )
            items.append(_scalar(item, f"{where}[{index}]"))
        return tuple(items)
    return _scalar(value, where)


class _Reader:
    """One read of a JSON form: the declared types, the known hours, the clause count."""

    def __init__(self, types: Mapping[Path, str], hours: Collection[str] | None) -> None:
        self.types = types
        self.hours = hours
        self.clauses = 0

    def node(self, data: object, where: str, depth: int) -> Node:
        if not isinstance(data, Mapping):
            raise ValidationError('must be a JSON object with an "op"', field=where, value=data)
        op = data.get("op")
        if type(op) is not str or op not in _KEYS:
            raise ValidationError(
                f"unknown op; the ops are {_OPS_LISTED}", field=f"{where}.op", value=op
            )
        for key in data:
            if key not in _KEYS[op]:
                raise ValidationError(
                    f"unknown key for op {op!r}", field=f"{where}.{_key_name(key)}"
                )
        if op in ("and", "or", "not"):
            if depth >= MAX_CONDITION_DEPTH:
                raise ValidationError(
                    f"nested more than {MAX_CONDITION_DEPTH} levels deep", field=where
                )
            return self.branch(data, op, where, depth + 1)
        self.clauses += 1
        if self.clauses > MAX_CLAUSES:
            raise ValidationError(f"more than {MAX_CLAUSES} clauses", field=where)
        if op == "open":
            return self.open_check(data.get("hours"), f"{where}.hours")
        if op in ("true", "false"):
            return Constant(op == "true")
        path = self.path(data, "path", where)
        if op in ("is null", "is not null"):
            return NullCheck(path, op == "is not null")
        return self.comparison(data, op, path, where)

    def branch(self, data: Mapping[object, object], op: str, where: str, depth: int) -> Node:
        if op == "not":
            if "arg" not in data:
                raise ValidationError("'not' needs an \"arg\"", field=f"{where}.arg")
            return Not(self.node(data["arg"], f"{where}.arg", depth))
        args = data.get("args")
        if not (type(args) is list or type(args) is tuple) or not args:
            raise ValidationError(
                f'{op!r} needs a non-empty list of "args"', field=f"{where}.args", value=args
            )
        nodes = [self.node(arg, f"{where}.args[{i}]", depth) for i, arg in enumerate(args)]
        return conjunction(nodes) if op == "and" else disjunction(nodes)

    def path(self, data: Mapping[object, object], key: str, where: str) -> Path:
        text = data.get(key)
        if type(text) is not str:
            raise ValidationError("must be a path text", field=f"{where}.{key}", value=text)
        return Path.parse(text, field=f"{where}.{key}")

    def open_check(self, hours_id: object, where: str) -> Node:
        if type(hours_id) is not str or not hours_id or not is_text(hours_id):
            raise ValidationError("must be an hours id (a non-empty text)", field=where)
        if self.hours is not None and hours_id not in self.hours:
            known = ", ".join(sorted(self.hours)[:10]) or "none"
            raise ValidationError(
                f"unknown hours id (known: {known})", field=where, value=hours_id
            )
        return OpenCheck(hours_id)

    def comparison(self, data: Mapping[object, object], op: str, path: Path, where: str) -> Node:
        if ("value" in data) == ("ref" in data):
            raise ValidationError(f'{op!r} needs exactly one of "value" and "ref"', field=where)
        if "ref" in data:
            node = Comparison(path, op, ref=self.path(data, "ref", where))
        else:
            node = Comparison(path, op, _literal(data["value"], f"{where}.value"))
        problem = comparison_problem(node, self.types)
        if problem is not None:
            raise ValidationError(problem, field=where)
        return node


def from_json(
    data: Mapping[str, object],
    field: str,
    types: Mapping[Path, str],
    hours: Collection[str] | None,
) -> Node:
    """The tree of a JSON form; errors name the location under ``field``."""
    return _Reader(types, hours).node(data, field, 0)
