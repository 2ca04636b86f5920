"""The load-time checks of a comparison: what each operator takes, and declared types.

Both readers (the text parser and the JSON form) build a :class:`Comparison` and ask
:func:`comparison_problem` what is wrong with it, then raise with their own location (a
character position, a JSON path). Without declared types only the literal is checked
(``x == [..]``, ``x < true``, ``x contains 5`` can never be meant); with ``types`` a
comparison that can never be right (ordering a ``bool``, ``contains`` on an ``int``,
a text literal for a ``number``) is refused too.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from decimal import Decimal

from wamsg.errors import ValidationError
from wamsg.routing._tree import Comparison, Literal, format_literal
from wamsg.routing.paths import Path

__all__ = ["TYPE_NAMES", "comparison_problem", "read_hours", "read_types"]

TYPE_NAMES = ("string", "int", "decimal", "number", "bool", "list")
"""The type names ``types`` may declare for a path."""

_KIND_OF_TYPE = {
    "string": "string",
    "int": "number",
    "decimal": "number",
    "number": "number",
    "bool": "bool",
    "list": "list",
}
_ORDERING = ("<", "<=", ">", ">=")
_TEXT_OPS = ("contains", "starts_with")


def read_types(types: object) -> dict[Path, str]:
    """The declared types by path; a bad key or an unknown type name is an error."""
    if types is None:
        return {}
    if not isinstance(types, Mapping):
        raise ValidationError("must map path texts to type names", field="types", value=types)
    declared: dict[Path, str] = {}
    for key, name in types.items():
        path = Path.parse(key, field="types")
        if type(name) is not str or name not in _KIND_OF_TYPE:
            raise ValidationError(
                f"unknown type name for {key!r}; the names are {', '.join(TYPE_NAMES)}",
                field="types",
                value=name,
            )
        declared[path] = name
    return declared


def read_hours(hours: object) -> frozenset[str] | None:
    """The known business-hours ids (None: not checked)."""
    if hours is None:
        return None
    if isinstance(hours, (str, bytes)) or not isinstance(hours, Collection):
        raise ValidationError("must be a collection of hours ids", field="hours", value=hours)
    for hours_id in hours:
        if type(hours_id) is not str:
            raise ValidationError("an hours id must be a string", field="hours", value=hours_id)
    return frozenset(hours)


def _literal_kind(value: Literal) -> str:
    if type(value) is bool:
        return "bool"
    if type(value) is str:
        return "string"
    if type(value) is tuple:
        return "list"
    return "number"


def _operand_problem(op: str, value: Literal) -> str | None:
    """What is wrong with a literal on the right of ``op``, whatever the types."""
    kind = _literal_kind(value)
    if op in ("==", "!="):
        return "a list literal needs 'in' or 'not in'" if kind == "list" else None
    if op in _ORDERING:
        if kind in ("bool", "list"):
            return f"'{op}' orders numbers or texts, not a {kind}"
        return None
    if op in ("in", "not in"):
        return None if kind == "list" else f"'{op}' takes a list literal ([…]) or a path"
    if op == "has":
        return "'has' takes one value (the list is on the left)" if kind == "list" else None
    return None if kind == "string" else f"'{op}' takes a quoted text or a path"


def _never_integer(declared: str | None, value: Literal) -> bool:
    return declared == "int" and type(value) is Decimal and value != value.to_integral_value()


def _typed_literal_problem(node: Comparison, declared: str, value: Literal) -> str | None:
    kind = _KIND_OF_TYPE[declared]
    op, path = node.op, node.path
    if op in ("==", "!=", "in", "not in") and kind == "list":
        return f"{path} is declared a list: use 'has' to look for a value in it"
    if op in _ORDERING and kind in ("bool", "list"):
        return f"'{op}' cannot order {path}, declared {declared}"
    if op == "has":
        return None if kind == "list" else f"'has' needs a list, but {path} is declared {declared}"
    if op in _TEXT_OPS and kind != "string":
        return f"'{op}' needs a text, but {path} is declared {declared}"
    if op in _TEXT_OPS:
        return None
    items = value if type(value) is tuple else (value,)
    for item in items:
        never = op not in _ORDERING and _never_integer(declared, item)
        if _literal_kind(item) != kind or never:
            return f"{path} is declared {declared}, so it is never {format_literal(item)}"
    return None


def _typed_ref_problem(node: Comparison, left: str | None, right: str | None) -> str | None:
    op, ref = node.op, node.ref
    left_kind = _KIND_OF_TYPE[left] if left else None
    right_kind = _KIND_OF_TYPE[right] if right else None
    if op in ("in", "not in"):
        if right_kind is not None and right_kind != "list":
            return f"'{op}' needs a list on the right, but {ref} is declared {right}"
        return None if left_kind != "list" else f"{node.path} is declared a list: use 'has'"
    if op == "has":
        if left_kind is not None and left_kind != "list":
            return f"'has' needs a list, but {node.path} is declared {left}"
        return None if right_kind != "list" else f"'has' takes one value, {ref} is declared a list"
    for declared, kind, path in ((left, left_kind, node.path), (right, right_kind, ref)):
        if op in _TEXT_OPS and kind not in (None, "string"):
            return f"'{op}' needs texts, but {path} is declared {declared}"
        if kind == "list" or (op in _ORDERING and kind == "bool"):
            return f"'{op}' cannot compare {path}, declared {declared}"
    if left_kind and right_kind and left_kind != right_kind:
        return f"{node.path} ({left}) and {ref} ({right}) can never be compared"
    return None


def comparison_problem(node: Comparison, types: Mapping[Path, str]) -> str | None:
    """Why ``node`` can never be right (None: it is fine)."""
    if node.ref is None:
        value: Literal = node.value  # type: ignore[assignment]
        problem = _operand_problem(node.op, value)
        declared = types.get(node.path)
        if problem is None and declared is not None:
            problem = _typed_literal_problem(node, declared, value)
        return problem
    if not types:
        return None
    return _typed_ref_problem(node, types.get(node.path), types.get(node.ref))
