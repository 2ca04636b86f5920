"""A condition's tree compiled to closures: the fast path of ``CompiledCondition.test``.

Each clause becomes one closure over its prepared operands (a path getter specialised
for plain ``dict`` contexts of one to three text segments; a list literal as sets by
kind) with a fast case for the common value kinds (a text compared with a text
literal, a text looked up in a list of texts), and everything else handed to
:func:`~wamsg.routing._semantics.compare`, the one definition of the semantics.
``and``/``or``/``not`` are Kleene's three-valued logic, evaluated left to right with
short-circuit: ``and`` stops at the first false, ``or`` at the first true. A constant
(``true``, ``false``) is a closure that returns it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime

from wamsg.hours import BusinessHours
from wamsg.routing._semantics import STRING, compare, members_of
from wamsg.routing._tree import And, Comparison, Constant, Node, Not, NullCheck, OpenCheck
from wamsg.routing.paths import MISSING, Path

__all__ = ["Getter", "Test", "build", "getter"]

Test = Callable[[Mapping[str, object], datetime], "bool | None"]
"""A compiled condition (or clause): context and time in, True/False/None out."""

Getter = Callable[[object], object]
"""A compiled path: a context in, the value found (or :data:`MISSING`) out."""


def getter(path: Path) -> Getter:
    """``path.lookup``, with a fast first try for ``dict`` contexts of text keys."""
    walk = path.lookup
    segments = path.segments
    if not all(type(segment) is str for segment in segments) or len(segments) > 3:
        return walk  # type: ignore[return-value]
    if len(segments) == 1:
        (first,) = segments

        def get_one(context: object) -> object:
            if type(context) is dict:
                value = context.get(first)
                return MISSING if value is None else value
            return walk(context)  # type: ignore[arg-type]

        return get_one
    if len(segments) == 2:
        first, second = segments

        def get_two(context: object) -> object:
            if type(context) is dict:
                value = context.get(first)
                if type(value) is dict:
                    value = value.get(second)
                    return MISSING if value is None else value
            return walk(context)  # type: ignore[arg-type]

        return get_two
    first, second, third = segments

    def get_three(context: object) -> object:
        if type(context) is dict:
            value = context.get(first)
            if type(value) is dict:
                value = value.get(second)
                if type(value) is dict:
                    value = value.get(third)
                    return MISSING if value is None else value
        return walk(context)  # type: ignore[arg-type]

    return get_three


def _with_ref(node: Comparison, get: Getter, ref: Path) -> Test:
    op, get_ref = node.op, getter(ref)

    def test(context: Mapping[str, object], at: datetime) -> bool | None:
        return compare(op, get(context), get_ref(context))

    return test


def _in_list(node: Comparison, get: Getter) -> Test:
    op, members = node.op, members_of(node.value)  # type: ignore[arg-type]
    texts = members.texts
    missed = members.lookup(STRING, None)  # what a text not in ``texts`` gets
    if op == "in":

        def test_in(context: Mapping[str, object], at: datetime) -> bool | None:
            value = get(context)
            if type(value) is str:
                return True if value in texts else missed
            return compare(op, value, members)

        return test_in
    not_missed = None if missed is None else True

    def test_not_in(context: Mapping[str, object], at: datetime) -> bool | None:
        value = get(context)
        if type(value) is str:
            return False if value in texts else not_missed
        return compare(op, value, members)

    return test_not_in


def _text_literal(op: str, get: Getter, literal: str) -> Test | None:
    if op == "==":

        def test_equal(context: Mapping[str, object], at: datetime) -> bool | None:
            value = get(context)
            if type(value) is str:
                return value == literal
            return compare(op, value, literal)

        return test_equal
    if op == "!=":

        def test_differ(context: Mapping[str, object], at: datetime) -> bool | None:
            value = get(context)
            if type(value) is str:
                return value != literal
            return compare(op, value, literal)

        return test_differ
    if op == "contains":

        def test_contains(context: Mapping[str, object], at: datetime) -> bool | None:
            value = get(context)
            if type(value) is str:
                return literal in value
            return compare(op, value, literal)

        return test_contains
    return None


def _comparison(node: Comparison) -> Test:
    get = getter(node.path)
    if node.ref is not None:
        return _with_ref(node, get, node.ref)
    op, literal = node.op, node.value
    if type(literal) is tuple:
        return _in_list(node, get)
    if type(literal) is str:
        fast = _text_literal(op, get, literal)
        if fast is not None:
            return fast

    def test(context: Mapping[str, object], at: datetime) -> bool | None:
        return compare(op, get(context), literal)

    return test


def _null_check(node: NullCheck) -> Test:
    get, negated = getter(node.path), node.negated

    def test(context: Mapping[str, object], at: datetime) -> bool | None:
        return (get(context) is MISSING) is not negated

    return test


def _open_check(hours: BusinessHours) -> Test:
    is_open = hours.is_open

    def test(context: Mapping[str, object], at: datetime) -> bool | None:
        return is_open(at)

    return test


def _constant(value: bool) -> Test:
    def test(context: Mapping[str, object], at: datetime) -> bool | None:
        return value

    return test


def _negation(inner: Test) -> Test:
    def test(context: Mapping[str, object], at: datetime) -> bool | None:
        result = inner(context, at)
        return None if result is None else not result

    return test


def _conjunction(parts: tuple[Test, ...]) -> Test:
    if len(parts) == 2:
        first, second = parts

        def test_two(context: Mapping[str, object], at: datetime) -> bool | None:
            left = first(context, at)
            if left is False:
                return False
            right = second(context, at)
            if right is False:
                return False
            return right if left else None

        return test_two

    def test(context: Mapping[str, object], at: datetime) -> bool | None:
        unknown = False
        for part in parts:
            result = part(context, at)
            if result is False:
                return False
            if result is None:
                unknown = True
        return None if unknown else True

    return test


def _disjunction(parts: tuple[Test, ...]) -> Test:
    def test(context: Mapping[str, object], at: datetime) -> bool | None:
        unknown = False
        for part in parts:
            result = part(context, at)
            if result is True:
                return True
            if result is None:
                unknown = True
        return None if unknown else False

    return test


def build(node: Node, hours: Mapping[str, BusinessHours]) -> Test:
    """The closure of ``node`` (``hours`` holds every id its ``open()`` clauses name)."""
    if type(node) is Comparison:
        return _comparison(node)
    if type(node) is NullCheck:
        return _null_check(node)
    if type(node) is OpenCheck:
        return _open_check(hours[node.hours_id])
    if type(node) is Constant:
        return _constant(node.value)
    if type(node) is Not:
        return _negation(build(node.arg, hours))
    parts = tuple(build(arg, hours) for arg in node.args)  # type: ignore[union-attr]
    return _conjunction(parts) if type(node) is And else _disjunction(parts)
