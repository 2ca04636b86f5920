"""The syntax tree of a condition, its canonical text, and the language's limits.

Nodes are frozen attrs values, equal when their trees are. A literal compares by kind
and value (``true`` is not ``1``, ``1`` is not ``1.0``; ``1.0`` and ``1.00`` are the same
decimal), so two conditions are equal exactly when their canonical texts read back to
the same tree. ``And``/``Or`` are n-ary and flattened (``a and (b and c)`` is
``a and b and c``). :class:`Constant` is the whole condition ``true`` or ``false``
(not the literal on the right of ``x == true``, which stays a :data:`Literal`).
"""

from __future__ import annotations

from decimal import Decimal
from typing import TypeAlias

import attrs

from wamsg.routing._scan import format_quoted
from wamsg.routing.paths import Path

__all__ = [
    "COMPARISON_OPS",
    "MAX_CLAUSES",
    "MAX_CONDITION_CHARS",
    "MAX_CONDITION_DEPTH",
    "MAX_LIST_ITEMS",
    "And",
    "Comparison",
    "Constant",
    "Literal",
    "Node",
    "Not",
    "NullCheck",
    "OpenCheck",
    "Or",
    "Scalar",
    "conjunction",
    "depth_of",
    "disjunction",
    "format_literal",
    "render",
]

MAX_CONDITION_CHARS = 10_000
"""The longest condition text (the canonical text of a JSON form too), in characters."""

MAX_CONDITION_DEPTH = 32
"""The deepest nesting: of parentheses and ``not`` in a text, of ``and``/``or``/``not`` in
the tree."""

MAX_LIST_ITEMS = 1_000
"""The most items a list literal may have."""

MAX_CLAUSES = 1_000
"""The most clauses (comparisons, null checks, ``open()``, and the constants ``true`` and
``false``) a condition may have."""

COMPARISON_OPS = (
    "==",
    "!=",
    "<",
    "<=",
    ">",
    ">=",
    "in",
    "not in",
    "has",
    "contains",
    "starts_with",
)
"""The operators of a comparison, in their canonical spelling."""

Scalar: TypeAlias = "str | int | Decimal | bool"
"""A scalar literal: a text, an integer, a decimal or a boolean (never a float)."""

Literal: TypeAlias = "Scalar | tuple[Scalar, ...]"
"""A literal on the right of a comparison: a scalar, or a list (kept as a tuple)."""


def _scalar_key(value: Scalar) -> tuple[str, object]:
    return (type(value).__name__, value)


def literal_key(value: Literal | None) -> object:
    """What a literal compares by: its kind and value, so ``true`` != ``1``."""
    if value is None:
        return None
    if type(value) is tuple:
        return tuple(_scalar_key(item) for item in value)
    return _scalar_key(value)  # type: ignore[arg-type]


@attrs.frozen
class Comparison:
    """``path op value`` (a literal) or ``path op ref`` (another path)."""

    path: Path
    op: str
    value: Literal | None = attrs.field(default=None, eq=literal_key)
    ref: Path | None = None


@attrs.frozen
class NullCheck:
    """``path is null`` (``negated``: ``path is not null``)."""

    path: Path
    negated: bool = False


@attrs.frozen
class OpenCheck:
    """``open('hours-id')``: whether those business hours are open at the given time."""

    hours_id: str


@attrs.frozen
class Constant:
    """``true`` or ``false`` as a condition (or an operand of ``and``/``or``/``not``)."""

    value: bool = attrs.field(validator=attrs.validators.instance_of(bool))


@attrs.frozen
class Not:
    """``not arg``."""

    arg: Node


@attrs.frozen
class And:
    """``a and b and …`` (two or more, none of them an ``And``)."""

    args: tuple[Node, ...]


@attrs.frozen
class Or:
    """``a or b or …`` (two or more, none of them an ``Or``)."""

    args: tuple[Node, ...]


Node: TypeAlias = "Comparison | NullCheck | OpenCheck | Constant | Not | And | Or"
"""Any node of a condition's tree."""


def conjunction(args: list[Node]) -> Node:
    """``and`` of ``args`` (at least one), flattened; one argument is itself."""
    flat: list[Node] = []
    for arg in args:
        flat.extend(arg.args if type(arg) is And else (arg,))
    return flat[0] if len(flat) == 1 else And(tuple(flat))


def disjunction(args: list[Node]) -> Node:
    """``or`` of ``args`` (at least one), flattened; one argument is itself."""
    flat: list[Node] = []
    for arg in args:
        flat.extend(arg.args if type(arg) is Or else (arg,))
    return flat[0] if len(flat) == 1 else Or(tuple(flat))


def depth_of(node: Node) -> int:
    """How many ``and``/``or``/``not`` levels stand above the deepest clause."""
    if type(node) is Not:
        return 1 + depth_of(node.arg)
    if type(node) is And or type(node) is Or:
        return 1 + max(depth_of(arg) for arg in node.args)
    return 0


def format_literal(value: Literal) -> str:
    """A literal's canonical text: ``'gold'``, ``5``, ``1.5``, ``true``, ``['a', 'b']``."""
    if type(value) is tuple:
        return "[" + ", ".join(format_literal(item) for item in value) + "]"
    if type(value) is str:
        return format_quoted(value)
    if type(value) is bool:
        return "true" if value else "false"
    if type(value) is Decimal:
        written = str(value)  # "1E+2" (or "1e+2" under a context with capitals=0)
        return written if ("." in written or "E" in written.upper()) else written + ".0"
    return str(value)


def _grouped(node: Node, parts: list[str]) -> None:
    parts.append("(")
    _render(node, parts)
    parts.append(")")


def _render(node: Node, parts: list[str]) -> None:
    if type(node) is Comparison:
        right = str(node.ref) if node.ref is not None else format_literal(node.value)  # type: ignore[arg-type]
        parts.append(f"{node.path} {node.op} {right}")
    elif type(node) is NullCheck:
        parts.append(f"{node.path} is not null" if node.negated else f"{node.path} is null")
    elif type(node) is OpenCheck:
        parts.append(f"open({format_quoted(node.hours_id)})")
    elif type(node) is Constant:
        parts.append("true" if node.value else "false")
    elif type(node) is Not:
        parts.append("not ")
        if type(node.arg) is And or type(node.arg) is Or:
            _grouped(node.arg, parts)
        else:
            _render(node.arg, parts)
    elif type(node) is And:
        for index, arg in enumerate(node.args):
            if index:
                parts.append(" and ")
            if type(arg) is Or:
                _grouped(arg, parts)
            else:
                _render(arg, parts)
    else:
        assert type(node) is Or
        for index, arg in enumerate(node.args):
            if index:
                parts.append(" or ")
            _render(arg, parts)


def render(node: Node) -> str:
    """The canonical text of a tree (the parser reads it back to an equal tree)."""
    parts: list[str] = []
    _render(node, parts)
    return "".join(parts)
