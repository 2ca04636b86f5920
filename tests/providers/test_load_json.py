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


def _agree(body: bytes) -> None:
    try:
        expected: Json = json.loads(body)
    except (ValueError, RecursionError):
        with pytest.raises(ValidationError, match="body: the body is not valid JSON"):
            load_json(body)
        return
    assert repr(load_json(body)) == repr(expected)  # repr: NaN is not equal to itself


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


def test_non_finite_numbers_read_as_json_loads_reads_them() -> None:
    value = load_json(b'{"a": NaN}')
    assert isinstance(value, dict)
    a = value["a"]
    assert isinstance(a, float)
    assert math.isnan(a)
