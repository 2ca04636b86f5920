"""Values that come from the caller's context: checked where kept, shown where explained.

Two kinds of the caller's values end up in routing's answers:

- **attributes** the caller hands over to be routed on (a customer's CRM attributes,
  given to :func:`~wamsg.routing.message_context` or a
  :class:`~wamsg.routing.Router`): :func:`check_attributes` refuses what strict JSON
  cannot hold (a lone surrogate, NaN, an integer of more than 4,000 digits, nesting
  deeper than 500 levels, a value that is not JSON), finite decimals allowed, as the
  condition language compares them;
- **values found in a context** while a condition is explained (a
  :class:`~wamsg.routing.ClauseResult`'s ``actual``): the context is the caller's and
  is never walked whole (a decision reads only the paths its rules name), so what a
  clause found is kept as :func:`shown`, a bounded copy that holds nothing hostile and
  that :func:`shown_json` writes as JSON.

:class:`RuleIds` is a policy's tuple of rule ids, each checked once when the policy is
built, so that a decision (which shares it) need not check 10,000 ids again.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from decimal import Decimal

from wamsg._internal import fields as check
from wamsg._internal.decode import MAX_DEPTH, MAX_INT_DIGITS
from wamsg._internal.json import Json, JsonObject, is_text
from wamsg.errors import ValidationError
from wamsg.routing._tree import MAX_CONDITION_CHARS, MAX_LIST_ITEMS

__all__ = ["RuleIds", "check_attributes", "literal", "literal_json", "shown", "shown_json"]

_INT_LIMIT: int = 10**MAX_INT_DIGITS


class RuleIds(tuple[str, ...]):
    """A policy's rule ids, in policy order, each a non-empty text (checked when built)."""

    __slots__ = ()

    def __new__(cls, ids: Iterable[object] = ()) -> RuleIds:
        kept = super().__new__(cls, ids)  # type: ignore[arg-type]
        for index, rule_id in enumerate(kept):
            check.text_of(rule_id, f"rule_ids[{index}]")
        return kept


# -- attributes: strict JSON (finite decimals allowed) ---------------------------------


def _refuse(reason: str, field: str) -> ValidationError:
    return ValidationError(reason, field=field)


def _check_scalar(item: object, field: str) -> None:
    if isinstance(item, str):
        if not is_text(str.__str__(item)):
            raise _refuse("holds a lone surrogate, which is not text", field)
    elif isinstance(item, bool) or item is None:
        return
    elif isinstance(item, int):
        if not -_INT_LIMIT < item < _INT_LIMIT:
            raise _refuse(f"holds an integer of more than {MAX_INT_DIGITS} digits", field)
    elif isinstance(item, float):
        if not math.isfinite(item):
            raise _refuse(f"holds {item!r}, which is not a JSON number", field)
    elif isinstance(item, Decimal):
        if not item.is_finite() or (item and abs(item.adjusted()) > MAX_INT_DIGITS):
            raise _refuse(f"holds the decimal {item!s:.40}, which is not a finite number", field)
    else:
        raise _refuse(f"holds a {type(item).__name__}, which is not a JSON value", field)


def check_attributes(value: object, field: str) -> Mapping[str, object]:
    """``value`` if it maps texts to JSON values (finite decimals allowed); no recursion.

    Refused: a key that is not text, a lone surrogate, a non-finite number, an integer
    of more than 4,000 digits, nesting deeper than 500 levels, any other object.
    """
    if not isinstance(value, Mapping):
        raise ValidationError("must be a mapping of attributes", field=field, value=value)
    stack: list[tuple[object, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        kind = type(item)
        if kind is str and item.isascii():  # type: ignore[attr-defined]
            continue
        if kind is dict or kind is list or isinstance(item, (Mapping, list, tuple)):
            if depth >= MAX_DEPTH:
                raise _refuse(f"nested more than {MAX_DEPTH} levels deep", field)
            if not isinstance(item, Mapping):
                stack.extend((child, depth + 1) for child in item)  # type: ignore[attr-defined]
                continue
            for key, child in item.items():
                if not isinstance(key, str) or not is_text(str.__str__(key)):
                    raise _refuse(f"has a key that is not text: {key!r:.40}", field)
                stack.append((child, depth + 1))
        else:
            _check_scalar(item, field)
    return value


# -- what a clause found, shown: a bounded copy that holds nothing hostile ------------

_TEXT_SHOWN = 200
_TEXT_WHOLE = _TEXT_SHOWN + 30  # what fits with the cut's "… (N chars)": kept whole
_ITEMS_SHOWN = 20
_DEPTH_SHOWN = 3
_INT_SHOWN = 10**100
_DIGITS_SHOWN = 100


def _shown_text(text: str) -> str:
    """``text``, lone surrogates escaped (``\\ud800``), cut after 200 characters."""
    length = len(text)
    head = text if length <= _TEXT_WHOLE else text[:_TEXT_WHOLE]
    if not (head.isascii() or is_text(head)):
        head = head.encode("utf-8", "backslashreplace").decode("utf-8")
    if length <= _TEXT_WHOLE and len(head) <= _TEXT_WHOLE:
        return head
    return f"{head[:_TEXT_SHOWN]}… ({length} chars)"


def _marker(value: object) -> str:
    return f"<{_shown_text(type(value).__name__)}>"


def shown(value: object, depth: int = 0) -> object:
    """``value`` as an explanation keeps it: a copy that holds nothing hostile, bounded.

    Texts (lone surrogates escaped), booleans, None, integers of at most 100 digits,
    finite floats and decimals (of at most 100 digits) are kept; lists, tuples and
    mappings are copied three levels deep, 20 items (or keys, as text) each, with a
    note of how many there were. Anything else is described as text: a longer text or
    integer shortened, a non-finite number by its name (``"nan"``, ``"Infinity"``),
    another object by its type (``"<datetime>"``). Showing a shown value gives it back.
    """
    kind = type(value)
    if value is None or kind is bool:
        return value
    if kind is str:
        return _shown_text(value)  # type: ignore[arg-type]
    if kind is int:
        number: int = value  # type: ignore[assignment]
        if -_INT_SHOWN < number < _INT_SHOWN:
            return number
        return f"<int of {number.bit_length()} bits>"
    if kind is float:
        real: float = value  # type: ignore[assignment]
        return real if math.isfinite(real) else str(real)
    if kind is Decimal:
        decimal: Decimal = value  # type: ignore[assignment]
        finite = decimal.is_finite() and len(decimal.as_tuple().digits) <= _DIGITS_SHOWN
        if finite and (not decimal or abs(decimal.adjusted()) <= MAX_INT_DIGITS):
            return decimal
        return _shown_text(str(decimal))
    if depth >= _DEPTH_SHOWN or not isinstance(value, (list, tuple, Mapping)):
        return _marker(value)
    if isinstance(value, Mapping):
        return _shown_mapping(value, depth)
    items: list[object] | tuple[object, ...] = value
    count = len(items)
    shown_items = [shown(item, depth + 1) for item in items[: _ITEMS_SHOWN + 1]]
    if count > _ITEMS_SHOWN + 1:
        shown_items[_ITEMS_SHOWN:] = [f"… ({count} items)"]
    return tuple(shown_items) if isinstance(value, tuple) else shown_items


def _shown_mapping(value: Mapping[object, object], depth: int) -> dict[str, object]:
    out: dict[str, object] = {}
    count = len(value)
    for index, (key, item) in enumerate(value.items()):
        if index == _ITEMS_SHOWN and count > _ITEMS_SHOWN + 1:
            out["…"] = f"({count} keys)"
            break
        name = _shown_text(key) if type(key) is str else str(shown(key, _DEPTH_SHOWN))
        out[name] = shown(item, depth + 1)
    return out


def shown_json(value: object) -> Json:
    """A :func:`shown` value as JSON: decimals as their text, tuples as lists."""
    kind = type(value)
    if kind is Decimal:
        return str(value)
    if kind is tuple or kind is list:
        items: tuple[object, ...] = value  # type: ignore[assignment]
        return [shown_json(item) for item in items]
    if kind is dict:
        mapping: dict[str, object] = value  # type: ignore[assignment]
        out: JsonObject = {key: shown_json(item) for key, item in mapping.items()}
        return out
    return value  # type: ignore[return-value]  # None, bool, str, int, finite float


# -- a clause's literal: kept whole when it is one -------------------------------------


def _scalar_literal(value: object) -> bool:
    if type(value) is str:
        return len(value) <= MAX_CONDITION_CHARS and is_text(value)
    if type(value) is int:
        return -_INT_LIMIT < value < _INT_LIMIT
    if type(value) is Decimal:
        return bool(value.is_finite() and (not value or abs(value.adjusted()) <= MAX_INT_DIGITS))
    return type(value) is bool


def literal(value: object) -> object:
    """A clause's ``expected``: a literal of the language (a text, a number, a boolean,
    None, a tuple of at most 1,000 of them) as it is, anything else :func:`shown`."""
    if value is None or _scalar_literal(value):
        return value
    listed = type(value) is tuple and len(value) <= MAX_LIST_ITEMS
    if listed and all(_scalar_literal(item) for item in value):  # type: ignore[attr-defined]
        return value
    return shown(value)


def literal_json(value: object) -> Json:
    """A :func:`literal` as JSON: a list whole, decimals as their text."""
    return shown_json(value)
