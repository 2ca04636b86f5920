"""The semantics table of the condition language, row by row.

Every row is checked through both evaluators: ``test`` (the compiled closures) and
``explain`` (clause by clause), which must agree; the note of the (first) clause is
checked too.
"""

from __future__ import annotations

from datetime import datetime, timezone
from decimal import Decimal

import pytest

from tests.routing.conditions import AT, evaluate
from wamsg.routing import parse_condition

MISSING_NOTE = "attribute_missing"
MISMATCH = "type_mismatch"


# -- missing attributes: weak ∉ --------------------------------------------------------

MISSING_ROWS = [
    ("x == 'a'", False),
    ("x != 'a'", True),
    ("x < 1", False),
    ("x <= 1", False),
    ("x > 1", False),
    ("x >= 1", False),
    ("x in ['a']", False),
    ("x not in ['a']", True),
    ("x has 'a'", False),
    ("x contains 'a'", False),
    ("x starts_with 'a'", False),
    ("x is null", True),
    ("x is not null", False),
    ("x == y", False),
    ("x != y", True),
    ("x in y", False),
    ("x not in y", True),
]


@pytest.mark.parametrize(("text", "expected"), MISSING_ROWS)
def test_a_missing_attribute_is_false_except_for_not_equal_and_not_in(
    text: str, expected: bool
) -> None:
    assert evaluate(text, {}) == (expected, MISSING_NOTE)


@pytest.mark.parametrize(("text", "expected"), MISSING_ROWS)
def test_a_null_attribute_counts_as_missing(text: str, expected: bool) -> None:
    assert evaluate(text, {"x": None, "y": None}) == (expected, MISSING_NOTE)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("x == y", False), ("x != y", True), ("x in y", False), ("x not in y", True),
     ("x contains y", False), ("x < y", False)],
)  # fmt: skip
def test_a_missing_right_hand_path_is_missing_too(text: str, expected: bool) -> None:
    assert evaluate(text, {"x": "a"}) == (expected, MISSING_NOTE)


# -- values of one kind ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "expected"),
    [
        ("x == 'Gold'", "Gold", True),
        ("x == 'Gold'", "gold", False),  # exact: case-sensitive
        ("x == 'gold'", "gold ", False),  # exact: no trimming
        ("x != 'a'", "b", True),
        ("x != 'a'", "a", False),
        ("x < 'b'", "a", True),
        ("x >= 'b'", "a", False),
        ("x contains 'ol'", "gold", True),
        ("x contains 'x'", "gold", False),
        ("x contains ''", "gold", True),
        ("x starts_with 'go'", "gold", True),
        ("x starts_with 'ld'", "gold", False),
        ("x in ['gold', 'vip']", "vip", True),
        ("x in ['gold', 'vip']", "std", False),
        ("x not in ['gold', 'vip']", "std", True),
        ("x not in ['gold', 'vip']", "gold", False),
        ("x in ['a', 1]", "b", False),
        ("x in []", "a", False),
        ("x not in []", "a", True),
    ],
)
def test_texts(text: str, value: object, expected: bool) -> None:
    assert evaluate(text, {"x": value}) == (expected, None)


@pytest.mark.parametrize(
    ("text", "value", "expected"),
    [
        ("x == 5", 5, True),
        ("x == 5", 5.0, True),
        ("x == 5", Decimal("5.00"), True),
        ("x == 5", 6, False),
        ("x == 1.1", 1.1, True),  # a float is compared as Decimal(repr(x))
        ("x == 0.1", 0.1, True),
        ("x != 1.5", 1.5, False),
        ("x > 1000", 1500, True),
        ("x > 1000", Decimal("999.5"), False),
        ("x <= 2.5", 2, True),
        ("x < -1", -2, True),
        ("x >= 1e3", 1000, True),
        ("x in [1, 2]", Decimal("2.0"), True),
        ("x in [1, 2]", 3, False),
        ("x not in [1.5]", 1.5, False),
        ("x == 10000000000000000000000", 10**22, True),
    ],
)
def test_numbers(text: str, value: object, expected: bool) -> None:
    assert evaluate(text, {"x": value}) == (expected, None)


@pytest.mark.parametrize(
    ("text", "value", "expected"),
    [
        ("x == true", True, True),
        ("x == true", False, False),
        ("x != false", True, True),
        ("x in [true]", True, True),
        ("x in [false]", True, False),
    ],
)
def test_booleans(text: str, value: object, expected: bool) -> None:
    assert evaluate(text, {"x": value}) == (expected, None)


@pytest.mark.parametrize(
    ("text", "value", "expected"),
    [
        ("x has 'vip'", ["vip", "new"], True),
        ("x has 'vip'", ("new",), False),
        ("x has 'vip'", [], False),
        ("x has 1", [Decimal("1.0")], True),
        ("x has true", [True, "a"], True),
        ("x has 'a'", ["b", None], False),
    ],
)
def test_has_looks_for_a_value_in_the_list_on_the_left(
    text: str, value: object, expected: bool
) -> None:
    assert evaluate(text, {"x": value}) == (expected, None)


@pytest.mark.parametrize(
    ("text", "context", "expected"),
    [
        ("x == y", {"x": 1, "y": 1.0}, True),
        ("x == y", {"x": "a", "y": "b"}, False),
        ("x != y", {"x": "a", "y": "b"}, True),
        ("x < y", {"x": 1, "y": Decimal("1.5")}, True),
        ("x > y", {"x": "b", "y": "a"}, True),
        ("x contains y", {"x": "gold", "y": "ol"}, True),
        ("x starts_with y", {"x": "gold", "y": "ol"}, False),
        ("x in y", {"x": "fi", "y": ["fi", "sv"]}, True),
        ("x in y", {"x": "en", "y": ["fi", "sv"]}, False),
        ("x not in y", {"x": "en", "y": ("fi", "sv")}, True),
        ("x in y", {"x": "en", "y": []}, False),
        ("x has y", {"x": ["a"], "y": "a"}, True),
    ],
)
def test_a_path_on_the_right_compares_with_the_value_found_there(
    text: str, context: dict[str, object], expected: bool
) -> None:
    assert evaluate(text, context) == (expected, None)


# -- type mismatches: unknown, never an exception --------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("x == 1", True),  # bool is not a number
        ("x == true", 1),
        ("x == 'a'", 1),
        ("x != 'a'", 1),
        ("x > 1000", "1500"),
        ("x < 'b'", 1),
        ("x > 1", Decimal("NaN")),
        ("x == 1", Decimal("NaN")),
        ("x == 1", Decimal("sNaN")),  # would raise InvalidOperation in Python
        ("x < 1", Decimal("sNaN")),
        ("x > 1", Decimal("Infinity")),
        ("x > 1", float("nan")),
        ("x != 1", float("-inf")),
        pytest.param("x == 1", 10**5000, id="an int of 5001 digits"),
        ("x == 'a'", {"a": 1}),
        ("x == 'a'", ["a"]),
        ("x == 'a'", datetime(2026, 1, 1, tzinfo=timezone.utc)),
        ("x == 'a'", b"a"),
        ("x in ['a']", 1),
        ("x in ['a']", ["a"]),
        ("x not in ['a']", True),
        ("x in ['a', 1]", True),
        ("x has 'vip'", "vip"),
        ("x has 'vip'", [1, 2]),
        ("x has 1", [True]),
        ("x has 1", [Decimal("NaN")]),
        ("x contains 'a'", 5),
        ("x starts_with 'a'", ["a"]),
    ],
)
def test_comparing_different_kinds_is_unknown_with_a_type_mismatch_note(
    text: str, value: object
) -> None:
    assert evaluate(text, {"x": value}) == (None, MISMATCH)


@pytest.mark.parametrize(
    ("text", "context"),
    [
        ("x == y", {"x": "a", "y": 1}),
        ("x == y", {"x": [1], "y": [1]}),  # lists are not compared whole
        ("x < y", {"x": True, "y": False}),
        ("x in y", {"x": "a", "y": "abc"}),
        ("x in y", {"x": "a", "y": [1, 2]}),
        ("x has y", {"x": ["a"], "y": ["a"]}),
        ("x contains y", {"x": "a", "y": 1}),
    ],
)
def test_mismatches_between_two_paths_are_unknown(text: str, context: dict[str, object]) -> None:
    assert evaluate(text, context) == (None, MISMATCH)


# -- three-valued logic ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "context", "expected"),
    [
        ("x == 1 and y == 1", {"x": 1, "y": 1}, True),
        ("x == 1 and y == 1", {"x": "u", "y": 2}, False),  # and(U, F) = F
        ("x == 1 and y == 1", {"x": 2, "y": "u"}, False),  # and(F, U) = F
        ("x == 1 and y == 1", {"x": 1, "y": "u"}, None),  # and(T, U) = U
        ("x == 1 and y == 1 and z == 1", {"x": "u", "y": 1, "z": 1}, None),
        ("x == 1 or y == 1", {"x": "u", "y": 1}, True),  # or(U, T) = T
        ("x == 1 or y == 1", {"x": 1, "y": "u"}, True),  # or(T, U) = T
        ("x == 1 or y == 1", {"x": 2, "y": "u"}, None),  # or(F, U) = U
        ("x == 1 or y == 1", {"x": 2, "y": 3}, False),
        ("not x == 1", {"x": "u"}, None),  # not(U) = U
        ("not x == 1", {"x": 2}, True),
        ("not not x == 1", {"x": 1}, True),
        ("not (x == 1 or y == 1)", {"x": 2, "y": 3}, True),
    ],
)
def test_and_or_not_follow_kleene_logic(
    text: str, context: dict[str, object], expected: bool | None
) -> None:
    assert evaluate(text, context)[0] is expected


# -- the constants true and false -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("true", True),
        ("false", False),
        ("not true", False),
        ("not false", True),
        ("not not true", True),
        ("true and false", False),
        ("true or false", True),
        ("(true or false) and not false", True),
    ],
)
@pytest.mark.parametrize("context", [{}, {"x": "u"}, {"true": 1, "false": 0}])
def test_the_constants_are_constant_never_unknown(
    text: str, expected: bool, context: dict[str, object]
) -> None:
    assert evaluate(text, context) == (expected, None)


@pytest.mark.parametrize(
    ("text", "context", "expected"),
    [
        ("true and x == 1", {"x": "u"}, None),  # and(T, U) = U
        ("x == 1 and true", {"x": "u"}, None),
        ("false and x == 1", {"x": "u"}, False),  # and(F, U) = F
        ("x == 1 and false", {"x": "u"}, False),  # and(U, F) = F
        ("true or x == 1", {"x": "u"}, True),  # or(T, U) = T
        ("x == 1 or true", {"x": "u"}, True),  # or(U, T) = T
        ("false or x == 1", {"x": "u"}, None),  # or(F, U) = U
        ("x == 1 or false", {"x": "u"}, None),
        ("true and x == 1", {"x": 1}, True),
        ("false or x == 1", {"x": 2}, False),
        ("business == '+1' or true", {}, True),
        ("not (false or x == 1)", {"x": "u"}, None),
    ],
)
def test_the_constants_follow_kleene_logic_with_the_other_clauses(
    text: str, context: dict[str, object], expected: bool | None
) -> None:
    assert evaluate(text, context)[0] is expected


def test_the_constants_read_no_context_and_survive_any() -> None:
    for text, expected in (("true", True), ("not true", False)):
        compiled = parse_condition(text).compile()
        contexts: list[object] = [[], None, "x", {"x": float("nan")}]
        for context in contexts:
            assert compiled.test(context, AT) is expected  # type: ignore[arg-type]
            assert compiled.explain(context, AT).result is expected  # type: ignore[arg-type]


def test_true_and_false_after_an_operator_are_still_boolean_literals() -> None:
    assert evaluate("customer.vip == true", {"customer": {"vip": True}}) == (True, None)
    assert evaluate("customer.vip == true", {"customer": {"vip": 1}}) == (None, MISMATCH)
    assert evaluate("customer.vip != false", {}) == (True, MISSING_NOTE)
    assert evaluate("x in [true] and true", {"x": True}) == (True, None)


def test_evaluation_stops_at_the_first_false_of_and_and_the_first_true_of_or() -> None:
    compiled = parse_condition("a == 1 and b == 1 or c == 1").compile()
    explained = compiled.explain({"a": 2, "c": 1}, AT)
    assert [clause.path for clause in explained.clauses] == ["a", "c"]
    assert explained.result is True


# -- subclasses and other containers ---------------------------------------------------


class Tier(str):
    """A text subclass, as an enum of texts would be."""


class Level(int):
    """An int subclass (``IntEnum`` members are ints)."""


class Ratio(float):
    """A float subclass."""


class Amount(Decimal):
    """A Decimal subclass."""


class Tags(list[str]):
    """A list subclass."""


@pytest.mark.parametrize(
    ("text", "value", "expected"),
    [
        ("x == 'gold'", Tier("gold"), (True, None)),
        ("x starts_with 'go'", Tier("gold"), (True, None)),
        ("x == 2", Level(2), (True, None)),
        ("x < 2", Level(1), (True, None)),
        ("x == 1.5", Ratio(1.5), (True, None)),
        ("x > 1", Ratio(float("nan")), (None, MISMATCH)),
        ("x == 1.5", Amount("1.5"), (True, None)),
        ("x has 'a'", Tags(["a"]), (True, None)),
        ("x == 'a'", frozenset({"a"}), (None, MISMATCH)),
    ],
)
def test_subclasses_of_the_value_kinds_count_as_those_kinds(
    text: str, value: object, expected: tuple[object, object]
) -> None:
    assert evaluate(text, {"x": value}) == expected


def test_mappings_that_are_not_dicts_are_walked_and_compared_as_mappings() -> None:
    from collections import OrderedDict

    assert evaluate("a == 1", OrderedDict(a=1)) == (True, None)
    assert evaluate("a.b == 1", OrderedDict(a={"b": 1})) == (True, None)
    assert evaluate("a.b.c == 1", OrderedDict(a={"b": {"c": 1}})) == (True, None)
    assert evaluate("a.b == 1", {"a": OrderedDict(b=1)}) == (True, None)
    assert evaluate("a.b.c == 1", {"a": {"b": OrderedDict(c=1)}}) == (True, None)
    assert evaluate("a == 'x'", {"a": OrderedDict(b=1)}) == (None, MISMATCH)
    assert evaluate("a.b == 1", {"a": "text"}) == (False, MISSING_NOTE)
    assert evaluate("a.b.c == 1", {"a": {"b": 5}}) == (False, MISSING_NOTE)


def test_contains_between_two_numbers_is_a_mismatch() -> None:
    assert evaluate("x contains y", {"x": 15, "y": 5}) == (None, MISMATCH)
    assert evaluate("x starts_with y", {"x": True, "y": True}) == (None, MISMATCH)
