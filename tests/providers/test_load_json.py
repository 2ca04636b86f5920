"""Reading a JSON body: the C-scanner fast path agrees with ``json.loads`` on any bytes."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from wamsg import ValidationError
from wamsg._internal.json import Json
from wamsg.providers.base import load_json

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)
ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "utf-16-le", "utf-16-be", "utf-32"])


def _strict(value: Json) -> bool:
    """What RFC 8259 allows and wamsg keeps: finite numbers, ints of at most 4,000
    digits, strings that are text (no lone surrogate)."""
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, bool) or value is None:
        return True
    if isinstance(value, int):
        return len(str(abs(value))) <= 4000
    if isinstance(value, str):
        return not any(0xD800 <= ord(c) <= 0xDFFF for c in value)
    if isinstance(value, list):
        return all(_strict(item) for item in value)
    return all(_strict(k) and _strict(v) for k, v in value.items())


def _agree(body: bytes) -> None:
    """wamsg reads what json.loads reads, except what is not strict JSON."""
    try:
        expected: Json = json.loads(body)
    except (ValueError, RecursionError):
        with pytest.raises(ValidationError, match=r"body: the body is not (valid|strict) JSON"):
            load_json(body)
        return
    if not _strict(expected):
        with pytest.raises(ValidationError, match="body: the body is not strict JSON"):
            load_json(body)
        return
    assert load_json(body) == expected


@given(st.binary(max_size=64))
@example(b'{"a":1}x')
@example(b'{"a":1}\x0b')
@example(b'{"a":"\xed\xa0\x80"}')  # a lone surrogate, which json.loads lets through
@example(b"{\x00}\x00")  # UTF-16-LE, whose second byte is NUL
@example(b"[" * 100_000)
@example(b"[NaN]")
def test_any_bytes_read_as_json_loads_reads_them(body: bytes) -> None:
    _agree(body)


@given(JSON_VALUES, ENCODINGS, st.sampled_from(["", " ", "\n\t", "\x0b", "x"]))
def test_any_json_in_any_encoding_reads_as_json_loads_reads_it(
    value: Json, encoding: str, after: str
) -> None:
    _agree((json.dumps(value, ensure_ascii=False) + after).encode(encoding))


def test_a_webhook_body_with_escaped_unicode_reads_as_text() -> None:
    assert load_json(b'{"body":"Hyv\\u00e4\\u00e4"}  \r\n') == {"body": "Hyvää"}


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b'{"a": NaN}', "NaN is not a JSON number"),
        (b'{"a": Infinity}', "Infinity is not a JSON number"),
        (b'{"a": -Infinity}', "-Infinity is not a JSON number"),
        (b'{"a": 1e400}', "too large for a double"),
        (b'{"a": -1e400}', "too large for a double"),
        (b'{"a": ' + b"9" * 4001 + b"}", "more than 4000 digits"),
        (b'{"a": "\\ud800"}', "not a surrogate pair"),
        (b'{"a": "x\\udc00y"}', "not a surrogate pair"),
        (b'{"a": "\\ud83d"}', "not a surrogate pair"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    ],
)
def test_what_rfc_8259_does_not_allow_is_refused(body: bytes, reason: str) -> None:
    with pytest.raises(ValidationError, match="not strict JSON") as raised:
        load_json(body)
    assert reason in str(raised.value)


def test_a_surrogate_pair_escape_is_text() -> None:
    assert load_json(b'{"a": "\\ud83d\\ude4f"}') == {"a": "\U0001f64f"}
    assert load_json(b'{"a": "\\\\ud800"}') == {"a": "\\ud800"}  # an escaped backslash
