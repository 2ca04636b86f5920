"""Attribute paths: parsing, the canonical text, lookup in a context, and the limits."""

from __future__ import annotations

from collections import OrderedDict

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.routing.conditions import NAMES, SEGMENTS
from wamsg.errors import ValidationError
from wamsg.routing import MAX_PATH_SEGMENTS, MISSING, RESERVED_WORDS, Path


@pytest.mark.parametrize(
    ("text", "segments"),
    [
        ("customer.tier", ("customer", "tier")),
        ('customer["customer-value"]', ("customer", "customer-value")),
        ("customer['x y']", ("customer", "x y")),
        ("tags[0]", ("tags", 0)),
        ("a.b[12].c", ("a", "b", 12, "c")),
        ('a["with \\"quote\\" and \\\\"]', ("a", 'with "quote" and \\')),
        ("a['\\u00e9\\n']", ("a", "é\n")),
        ('a["\\ud83d\\ude00"]', ("a", "😀")),
        ("conversation.open", ("conversation", "open")),
        ("x.in", ("x", "in")),
        ("x.true", ("x", "true")),
        ("customer.FALSE[0]", ("customer", "FALSE", 0)),
    ],
)
def test_a_path_text_reads_to_its_segments(text: str, segments: tuple[object, ...]) -> None:
    assert Path.parse(text).segments == segments


@pytest.mark.parametrize(
    ("segments", "text"),
    [
        (("customer", "tier"), "customer.tier"),
        (("customer", "customer-value"), 'customer["customer-value"]'),
        (("a", "x y", 0), 'a["x y"][0]'),
        (("a", 'q"\\\n'), 'a["q\\"\\\\\\n"]'),
        (("a", "0"), 'a["0"]'),
        (("a", ""), 'a[""]'),
    ],
)
def test_the_canonical_text_uses_dots_for_names_and_json_quotes_otherwise(
    segments: tuple[str | int, ...], text: str
) -> None:
    assert str(Path(segments)) == text
    assert Path.parse(text) == Path(segments)


@given(NAMES, st.lists(SEGMENTS, max_size=MAX_PATH_SEGMENTS - 1))
def test_every_path_reads_back_from_its_text(first: str, rest: list[str | int]) -> None:
    path = Path((first, *rest))
    assert Path.parse(str(path)) == path
    assert hash(Path.parse(str(path))) == hash(path)


def test_a_hyphen_in_a_bare_name_is_an_error_that_suggests_quoting() -> None:
    with pytest.raises(ValidationError, match=r'\["customer-value"\]') as caught:
        Path.parse("customer.customer-value", field="rules[0].path")
    assert caught.value.field == "rules[0].path"
    assert "not a subtraction" in caught.value.reason


@pytest.mark.parametrize(
    "text",
    [
        "",
        " a",
        "a b",
        "a.",
        "a..b",
        "a[",
        "a[x]",
        "a[-1]",
        "a['x'",
        "a['x]",
        "a[0",
        "a[1234567890]",
        "1a",
        "[0]",
        '["a"]',
        "and",
        "NOT.x",
        "true",
        "False",
        "TRUE.x",
        "false['x']",
        "a['\\q']",
        "a['\\ud800']",
        "é",
        "a.é",
        "a['\ud800']",
        5,
    ],
)
def test_malformed_paths_are_validation_errors(text: object) -> None:
    with pytest.raises(ValidationError):
        Path.parse(text)  # type: ignore[arg-type]


def test_a_path_has_at_most_sixteen_segments() -> None:
    assert len(Path.parse("a" + ".b" * 15).segments) == MAX_PATH_SEGMENTS
    with pytest.raises(ValidationError, match="at most 16 segments"):
        Path.parse("a" + ".b" * 16)
    with pytest.raises(ValidationError):
        Path(("a",) * 17)


@pytest.mark.parametrize(
    "segments",
    [
        (),
        ("in",),
        ("true",),
        ("FALSE", "x"),
        ("a-b",),
        (0,),
        ("a", -1),
        ("a", True),
        ("a", 1.5),
        ("a", "\ud800"),
        "ab",
    ],
)
def test_segments_are_checked_when_built_directly(segments: object) -> None:
    with pytest.raises(ValidationError):
        Path(segments)


CONTEXT: dict[str, object] = {
    "customer": {"tier": "gold", "customer-value": "high", "none": None, "tags": ["a", "b"]},
    "tags": ("x", None),
    "n": 5,
}


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("customer.tier", "gold"),
        ('customer["customer-value"]', "high"),
        ("customer.tags[1]", "b"),
        ("tags[0]", "x"),
        ("n", 5),
        ("customer", CONTEXT["customer"]),
    ],
)
def test_lookup_walks_mappings_and_sequences(text: str, found: object) -> None:
    assert Path.parse(text).lookup(CONTEXT) == found


@pytest.mark.parametrize(
    "text",
    [
        "absent",
        "customer.absent",
        "customer.none",
        "customer.none.deeper",
        "tags[1]",
        "tags[2]",
        "customer.tags.x",
        'customer["0"]',
        "customer[0]",
        "n.x",
        "n[0]",
        "customer.tier[0]",
        "customer.tier.x",
    ],
)
def test_lookup_finds_missing_for_anything_absent_null_or_not_walkable(text: str) -> None:
    assert Path.parse(text).lookup(CONTEXT) is MISSING


def test_lookup_walks_any_mapping_and_refuses_nothing() -> None:
    assert Path.parse("a.b").lookup(OrderedDict(a=OrderedDict(b=1))) == 1
    assert Path.parse("a").lookup([1, 2]) is MISSING  # type: ignore[arg-type]
    assert Path.parse("a").lookup(None) is MISSING  # type: ignore[arg-type]


def test_missing_has_a_short_repr_and_paths_show_their_text() -> None:
    assert repr(MISSING) == "MISSING"
    assert repr(Path.parse("a['x y']")) == "Path('a[\"x y\"]')"


def test_the_constants_are_reserved_words_like_the_other_keywords() -> None:
    assert {"true", "false", "and", "or", "not", "open"} <= RESERVED_WORDS
    assert all(word == word.lower() for word in RESERVED_WORDS)
    for word in ("true", "False", "TRUE"):
        with pytest.raises(ValidationError, match="keyword"):
            Path.parse(word)
        assert Path.parse(f"x.{word}").segments == ("x", word)
