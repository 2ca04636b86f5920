"""Why a condition came out as it did: the result of every clause it evaluated.

:class:`Explanation` is what ``CompiledCondition.explain`` returns: the overall
``result`` (the same as ``test`` gives, always) and one :class:`ClauseResult` per
clause that was evaluated, in evaluation order (``and`` stops at the first false and
``or`` at the first true, so a clause after that is not listed). Each clause says what
was compared (``path``, ``op``, ``expected``), what was found (``actual``), its result,
and a note when the value was missing (``attribute_missing``, weak ∉: ``!=`` and
``not in`` are true) or of the wrong kind (``type_mismatch``: unknown, None). The
constants ``true`` and ``false`` read nothing and are not listed: ``true`` explains as
``result=True`` with no clauses, and ``x == 1 or true`` lists only ``x == 1``.

What a clause found is the caller's context, whatever it holds; a clause keeps it
*shown*: a copy three levels deep and 20 items wide, lone surrogates escaped
(``"\\ud800"``), long texts (over 230 characters) and integers (over 100 digits)
shortened, non-finite numbers (``"nan"``, ``"Infinity"``) and other objects
(``"<datetime>"``) as text. Only what the evaluation read is copied, never the whole
context. ``to_dict()`` gives a :data:`~wamsg._internal.json.JsonObject`, ready for
:func:`json.dumps` (no ``default=``, ``allow_nan=False`` is fine): decimals as their
text (``"1.50"``, as wamsg writes every decimal: prices, amounts).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any, TypeAlias
from typing import Literal as TypingLiteral

import attrs

from wamsg._internal import fields as check
from wamsg._internal.json import Json, JsonObject
from wamsg.errors import ValidationError
from wamsg.hours import BusinessHours
from wamsg.routing._semantics import compare, members_of
from wamsg.routing._tree import And, Comparison, Constant, Node, Not, NullCheck, OpenCheck
from wamsg.routing._values import literal, literal_json, shown, shown_json
from wamsg.routing.paths import MISSING

__all__ = ["ClauseNote", "ClauseResult", "Explanation"]

ClauseNote: TypeAlias = TypingLiteral["attribute_missing", "type_mismatch"]
"""Why a clause's result is not a plain comparison of two values."""

_NOTES = ("attribute_missing", "type_mismatch")


def _opt_note(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not (type(value) is str and value in _NOTES):
        reason = "must be attribute_missing, type_mismatch or None"
        raise ValidationError(reason, field=attribute.name, value=value)


@attrs.frozen(kw_only=True)
class ClauseResult:
    """One evaluated clause.

    ``path`` is the left path's text (``""`` for ``open()``), ``op`` the operator
    (``==`` … ``starts_with``, ``is null``, ``is not null``, ``open``), ``expected`` the
    literal (a list as a tuple; None for the null checks; the hours id for ``open``)
    or, when ``ref`` is true, the right-hand path's text, with ``ref_actual`` the value
    found there. ``actual`` is the value found at ``path`` (None when missing; for
    ``open`` the local time in the hours' zone, ISO 8601).

    The values found in the context (``actual``, ``ref_actual``) are the caller's,
    whatever they hold: a clause keeps them shown, as a bounded copy that holds nothing
    a JSON writer refuses (see the module). ``expected`` that is not a literal of the
    language (a clause built by hand) is shown the same way.
    """

    path: str = attrs.field(validator=check.any_text)
    op: str = attrs.field(validator=check.text)
    expected: object = attrs.field(converter=literal)
    actual: object = attrs.field(converter=shown)
    result: bool | None = attrs.field(validator=check.opt_flag)
    note: ClauseNote | None = attrs.field(default=None, validator=_opt_note)
    ref: bool = attrs.field(default=False, validator=check.flag)
    ref_actual: object = attrs.field(default=None, converter=shown)

    def to_dict(self) -> JsonObject:
        """``{"path", "op", "expected", "actual", "result", "note"}`` (+ ``ref_actual``
        when the right-hand side is a path), as JSON: decimals as their text, values
        found in the context bounded (see the module)."""
        out: JsonObject = {
            "path": self.path,
            "op": self.op,
            "expected": literal_json(self.expected),
            "actual": shown_json(self.actual),
            "result": self.result,
            "note": self.note,
        }
        if self.ref:
            out["ref_actual"] = shown_json(self.ref_actual)
        return out


@attrs.frozen(kw_only=True)
class Explanation:
    """The result of a condition and the clauses that made it, in evaluation order."""

    result: bool | None = attrs.field(validator=check.opt_flag)
    clauses: tuple[ClauseResult, ...] = attrs.field(
        converter=check.as_tuple, validator=check.tuple_of(ClauseResult)
    )

    def to_dict(self) -> JsonObject:
        """``{"result": …, "clauses": [...]}``, as JSON (:meth:`ClauseResult.to_dict` each)."""
        clauses: list[Json] = [clause.to_dict() for clause in self.clauses]
        return {"result": self.result, "clauses": clauses}


def _note(result: bool | None, *values: object) -> ClauseNote | None:
    if any(value is MISSING for value in values):
        return "attribute_missing"
    return "type_mismatch" if result is None else None


def _found(value: object) -> object:
    return None if value is MISSING else value


def _comparison(
    node: Comparison, context: Mapping[str, object], out: list[ClauseResult]
) -> bool | None:
    actual = node.path.lookup(context)
    if node.ref is not None:
        other = node.ref.lookup(context)
        result = compare(node.op, actual, other)
        out.append(
            ClauseResult(
                path=str(node.path),
                op=node.op,
                expected=str(node.ref),
                actual=_found(actual),
                result=result,
                note=_note(result, actual, other),
                ref=True,
                ref_actual=_found(other),
            )
        )
        return result
    literal = node.value
    right = members_of(literal) if type(literal) is tuple else literal
    result = compare(node.op, actual, right)
    out.append(
        ClauseResult(
            path=str(node.path),
            op=node.op,
            expected=literal,
            actual=_found(actual),
            result=result,
            note=_note(result, actual),
        )
    )
    return result


def _walk(
    node: Node,
    hours: Mapping[str, BusinessHours],
    context: Mapping[str, object],
    at: datetime,
    out: list[ClauseResult],
) -> bool | None:
    if type(node) is Comparison:
        return _comparison(node, context, out)
    if type(node) is NullCheck:
        actual = node.path.lookup(context)
        result = (actual is MISSING) is not node.negated
        op = "is not null" if node.negated else "is null"
        out.append(
            ClauseResult(
                path=str(node.path),
                op=op,
                expected=None,
                actual=_found(actual),
                result=result,
                note="attribute_missing" if actual is MISSING else None,
            )
        )
        return result
    if type(node) is OpenCheck:
        business_hours = hours[node.hours_id]
        is_open = business_hours.is_open(at)
        local = business_hours.local(at).isoformat()
        out.append(
            ClauseResult(path="", op="open", expected=node.hours_id, actual=local, result=is_open)
        )
        return is_open
    if type(node) is Constant:
        return node.value  # reads nothing: no clause to list
    if type(node) is Not:
        inner = _walk(node.arg, hours, context, at, out)
        return None if inner is None else not inner
    stop = type(node) is not And  # and stops at False, or at True
    unknown = False
    for arg in node.args:  # type: ignore[union-attr]
        outcome = _walk(arg, hours, context, at, out)
        if outcome is stop:
            return stop
        if outcome is None:
            unknown = True
    return None if unknown else not stop


def _explain_tree(
    node: Node, hours: Mapping[str, BusinessHours], context: Mapping[str, object], at: datetime
) -> Explanation:
    """Evaluate ``node`` clause by clause, recording each (the slow path of ``test``)."""
    clauses: list[ClauseResult] = []
    result = _walk(node, hours, context, at, clauses)
    return Explanation(result=result, clauses=tuple(clauses))
