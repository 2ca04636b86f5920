"""Strict JSON (RFC 8259) from bytes or text: what every wamsg reader of JSON uses.

Python's :mod:`json` accepts more than RFC 8259: ``NaN`` and ``Infinity``, numbers
that overflow to infinity (``1e400``), integers of any length, and ``\\ud800``
escapes that decode to a lone surrogate (a string no UTF-8 writer can encode).
wamsg refuses each of them where the JSON enters, so every value it holds can be
written back as strict, UTF-8-encodable JSON. Nesting deeper than the interpreter
allows is refused too (the C scanner's own guard).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterable

from wamsg._internal.json import Json, is_text
from wamsg.errors import ValidationError

__all__ = [
    "MAX_DEPTH",
    "MAX_INT_DIGITS",
    "JsonRefused",
    "loads",
    "nested_deeper_than",
    "require_strict",
]

MAX_INT_DIGITS = 4000
"""The longest integer wamsg reads from JSON: the same on every Python (CPython 3.11+
refuses to read more than 4,300 digits by default; 3.10 has no limit)."""


class JsonRefused(ValueError):
    """Input that is not strict JSON; the message says what was refused."""


def _constant(name: str) -> float:
    raise JsonRefused(f"{name} is not a JSON number")


def _float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise JsonRefused(f"the number {text[:20]} is too large for a double")
    return value


def _int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise JsonRefused(f"an integer of more than {MAX_INT_DIGITS} digits")
    return int(text)


_DECODER = json.JSONDecoder(parse_constant=_constant, parse_float=_float, parse_int=_int)
# ``json.loads(bytes)`` guesses the encoding, decodes and scans in Python
# wrappers that cost a fifth of decoding a webhook-sized body. A body that starts
# with ``{`` or ``[`` and no NUL byte is UTF-8 (RFC 8259 §8.1; json.detect_encoding
# agrees), so it goes straight to the C scanner. Anything else takes the slow path,
# which also reads UTF-16 and UTF-32.
_scan: Callable[[str, int], tuple[Json, int]] = _DECODER.scan_once  # type: ignore[attr-defined]
_SPACE = " \t\n\r"
_OPENERS = ("{", "[")
# A surrogate escape: the only way a lone surrogate gets into decoded text (UTF-8
# input cannot encode one). Found rarely; then the decoded value is checked exactly.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _text_of(data: bytes | str) -> str:
    if isinstance(data, str):
        return data
    if data[:1] in (b"{", b"[") and data[1:2] != b"\x00":
        return data.decode("utf-8")
    return data.decode(json.detect_encoding(data))


MAX_DEPTH = 500
"""How deeply :func:`require_strict` lets a value nest (well within the interpreter's limit)."""

_INT_LIMIT = 10**MAX_INT_DIGITS


def _refuse(reason: str, field: str) -> ValidationError:
    return ValidationError(reason, field=field)


def require_strict(value: object, field: str) -> None:
    """Refuse a value that strict JSON cannot hold and wamsg could not read back.

    For values the caller built in Python (a dict handed to ``event_from_dict``), which
    :func:`loads` never saw: only ``dict`` with ``str`` keys, ``list``, ``str`` without
    lone surrogates, ``int`` of at most :data:`MAX_INT_DIGITS` digits, finite ``float``,
    ``bool`` and ``None``, nested at most :data:`MAX_DEPTH` levels. One pass, no
    recursion. Raises :class:`~wamsg.errors.ValidationError` naming ``field``.
    """
    stack: list[tuple[object, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        kind = type(item)
        if kind is str:
            if not is_text(item):  # type: ignore[arg-type]
                raise _refuse("holds a lone surrogate, which is not text", field)
        elif kind is dict or kind is list:
            if depth >= MAX_DEPTH:
                raise _refuse(f"nested more than {MAX_DEPTH} levels deep", field)
            if kind is list:
                stack.extend((child, depth + 1) for child in item)  # type: ignore[attr-defined]
                continue
            for key, child in item.items():  # type: ignore[attr-defined]
                if type(key) is not str or not is_text(key):
                    raise _refuse(f"has a key that is not text: {key!r:.40}", field)
                stack.append((child, depth + 1))
        elif kind is int:
            if not -_INT_LIMIT < item < _INT_LIMIT:
                raise _refuse(f"an integer of more than {MAX_INT_DIGITS} digits", field)
        elif kind is float:
            if not math.isfinite(item):  # type: ignore[arg-type]
                raise _refuse(f"{item!r} is not a JSON number", field)
        elif item is not None and kind is not bool:
            raise _refuse(f"holds a {kind.__name__}, which is not a JSON value", field)


def nested_deeper_than(value: object, limit: int) -> bool:
    """Whether ``value`` holds lists or dicts nested more than ``limit`` levels; no recursion.

    The interpreter's own limit on nesting differs between versions (Python 3.13's JSON
    scanner and writer go far deeper than 3.11's), so wamsg bounds nesting itself.
    """
    stack: list[tuple[object, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if type(item) is dict or type(item) is list:
            if depth >= limit:
                return True
            children: Iterable[object] = item.values() if type(item) is dict else item
            stack.extend((child, depth + 1) for child in children)
    return False


def loads(data: bytes | str) -> Json:
    """The JSON value of ``data``; :class:`JsonRefused` (a ``ValueError``) if not strict JSON.

    ``data`` is UTF-8 (or UTF-16/32, as RFC 8259 allows readers to guess) bytes, or text.
    """
    try:
        text = _text_of(data)
        start = 0 if text[:1] in _OPENERS else len(text) - len(text.lstrip(_SPACE))
        value, end = _scan(text, start)
    except StopIteration:
        raise JsonRefused("not JSON") from None
    except RecursionError:
        raise JsonRefused("nested too deeply") from None
    except UnicodeDecodeError:
        raise JsonRefused("not UTF-8 text") from None
    except JsonRefused:
        raise
    except ValueError as error:  # json.JSONDecodeError and the digit limit of int()
        raise JsonRefused(f"not JSON: {error}") from None
    if text[end:].strip(_SPACE):
        raise JsonRefused("not JSON: extra data after the JSON value")
    if text.count("[") + text.count("{") >= MAX_DEPTH and nested_deeper_than(value, MAX_DEPTH):
        raise JsonRefused(f"nested more than {MAX_DEPTH} levels deep")
    if "\\" in text and _SURROGATE_ESCAPE.search(text) is not None:  # memchr, then one scan
        try:
            json.dumps(value, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:
            raise JsonRefused("a \\ud800-\\udfff escape that is not a surrogate pair") from None
        except RecursionError:  # pragma: no cover - the scanner refuses deeper input first
            raise JsonRefused("nested too deeply") from None
    return value
