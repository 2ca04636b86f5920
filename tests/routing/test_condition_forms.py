"""The two forms of a condition: the text, the JSON form, the canonical text, equality."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from wamsg.errors import ValidationError
from wamsg.routing import Path, parse_condition

EXAMPLE = "business == '+358401000001' and customer.tier in ['gold', 'vip']"


def test_the_example_rule_reads_to_its_canonical_text_and_json_form() -> None:
    condition = parse_condition(EXAMPLE)
    assert condition.text == str(condition) == EXAMPLE
    assert condition.to_json() == {
        "op": "and",
        "args": [
            {"op": "==", "path": "business", "value": "+358401000001"},
            {"op": "in", "path": "customer.tier", "value": ["gold", "vip"]},
        ],
    }
    assert parse_condition(condition.to_json()) == condition


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("type == 'whatsapp' AND customer.tier == 'gold'",
         "type == 'whatsapp' and customer.tier == 'gold'"),
        ("task.language IN worker.languages", "task.language in worker.languages"),
        ('tags HAS "vip"', "tags has 'vip'"),
        ("name CONTAINS 'x' Or name STARTS_WITH 'y'", "name contains 'x' or name starts_with 'y'"),
        ("x NOT IN [1,2]", "x not in [1, 2]"),
        ("x in['a']", "x in ['a']"),
        ("x IS NULL", "x is null"),
        ("x Is Not Null", "x is not null"),
        ("x == TRUE or y == False", "x == true or y == false"),
        ("NOT x == 1", "not x == 1"),
        ("not (x == 1)", "not x == 1"),
        ("not (x == 1 and y == 2)", "not (x == 1 and y == 2)"),
        ("((x == 1))", "x == 1"),
        ("a == 1 and (b == 2 and c == 3)", "a == 1 and b == 2 and c == 3"),
        ("(a == 1 or b == 2) or c == 3", "a == 1 or b == 2 or c == 3"),
        ("a == 1 and b == 2 or c == 3", "a == 1 and b == 2 or c == 3"),
        ("a == 1 and (b == 2 or c == 3)", "a == 1 and (b == 2 or c == 3)"),
        ("a == 1 or (b == 2 and c == 3)", "a == 1 or b == 2 and c == 3"),
        ("x == \"it's\"", "x == 'it\\'s'"),
        ("x == 'a\\\\b'", "x == 'a\\\\b'"),
        ("x == '\\u00e9\\t'", "x == 'é\\t'"),
        ("x == 1.50", "x == 1.50"),
        ("x == 1E+2", "x == 1E+2"),
        ("x == 1e2", "x == 1E+2"),
        ("x == -0", "x == 0"),
        ("x >= -2.5e-3", "x >= -0.0025"),
        ("open(\"office\")", "open('office')"),
        ("customer['customer-value'] == 1", 'customer["customer-value"] == 1'),
        ("x\t==\n1", "x == 1"),
        ("TRUE", "true"),
        ("False", "false"),
        ("not FALSE", "not false"),
        ("(true)", "true"),
        ("business == '+1' OR True", "business == '+1' or true"),
        ("true and (false or x == 1)", "true and (false or x == 1)"),
        ("not (true and false)", "not (true and false)"),
        ("x == true and true", "x == true and true"),
    ],
)  # fmt: skip
def test_the_canonical_text_has_lower_case_keywords_single_quotes_and_few_parentheses(
    text: str, canonical: str
) -> None:
    condition = parse_condition(text)
    assert condition.text == canonical
    assert parse_condition(canonical) == condition
    assert parse_condition(condition.to_json()) == condition


def test_decimal_literals_are_decimals_and_integers_stay_integers() -> None:
    shape = parse_condition("x in [1, 1.5, 1e3]").to_json()
    assert shape["value"] == [1, Decimal("1.5"), Decimal("1E+3")]
    assert [type(item) for item in shape["value"]] == [int, Decimal, Decimal]


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("x == 1.0", "x == 1.00"),
        ("x == 1.0", "x == 1.0"),
        ("a == 1 and b == 2 and c == 3", "(a == 1 and b == 2) and c == 3"),
        ("x in ['a', 'b']", 'x IN ["a","b"]'),
        ('a["b"] == 1', "a.b == 1"),
    ],
)
def test_equal_trees_are_equal_conditions_with_equal_hashes(left: str, right: str) -> None:
    assert parse_condition(left) == parse_condition(right)
    assert hash(parse_condition(left)) == hash(parse_condition(right))


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("x == 1", "x == true"),  # True == 1 in Python, not here
        ("x == 1", "x == 1.0"),
        ("x == 0", "x == false"),
        ("x in [1]", "x in [true]"),
        ("x == '1'", "x == 1"),
        ("a == 1 and b == 2", "b == 2 and a == 1"),
        ("x is null", "x is not null"),
        ("x == y", "x == 'y'"),
        ("true", "false"),
        ("true", "not false"),
        ("true", "x == true"),
        ("true and x == 1", "x == 1"),
    ],
)
def test_different_trees_are_different_conditions(left: str, right: str) -> None:
    assert parse_condition(left) != parse_condition(right)
    assert parse_condition(left).text != parse_condition(right).text


def test_a_condition_is_a_hashable_frozen_value_with_a_short_repr() -> None:
    condition = parse_condition(EXAMPLE)
    assert {condition: 1}[parse_condition(EXAMPLE)] == 1
    assert repr(condition) == f"Condition({EXAMPLE!r})"
    long = parse_condition(" or ".join(f"x == {n}" for n in range(100)))
    assert len(repr(long)) < 260


def test_paths_and_hours_ids_list_everything_the_condition_reads() -> None:
    condition = parse_condition(
        "a.b == c and not (d is null or open('office')) and e in f[0] or open('night')"
    )
    assert condition.paths == {Path.parse(p) for p in ("a.b", "c", "d", "e", "f[0]")}
    assert condition.hours_ids == {"office", "night"}


@pytest.mark.parametrize(
    "shape",
    [
        {"op": "==", "path": "customer.tier", "value": "gold"},
        {"op": "in", "path": "language", "ref": "agent.languages"},
        {"op": "is null", "path": "x"},
        {"op": "is not null", "path": 'a["b c"]'},
        {"op": "open", "hours": "office"},
        {"op": "not", "arg": {"op": "has", "path": "tags", "value": "vip"}},
        {"op": "or", "args": [{"op": "<", "path": "x", "value": 5},
                              {"op": ">=", "path": "x", "value": Decimal("7.5")}]},
        {"op": "true"},
        {"op": "false"},
        {"op": "not", "arg": {"op": "false"}},
        {"op": "or", "args": [{"op": "==", "path": "business", "value": "+1"},
                              {"op": "true"}]},
    ],
)  # fmt: skip
def test_the_json_form_reads_and_writes_back_the_same_shape(shape: dict[str, object]) -> None:
    condition = parse_condition(shape)
    assert condition.to_json() == shape
    assert parse_condition(condition.text) == condition


def test_json_floats_become_decimals_and_json_text_parses_with_parse_float_decimal() -> None:
    from_float = parse_condition({"op": "==", "path": "x", "value": 1.1})
    assert from_float == parse_condition("x == 1.1")
    decoded = json.loads('{"op": "<", "path": "x", "value": 0.30}', parse_float=Decimal)
    assert parse_condition(decoded).text == "x < 0.30"


def test_a_json_group_of_one_is_its_member_and_nested_groups_flatten() -> None:
    leaf = {"op": "==", "path": "x", "value": 1}
    assert parse_condition({"op": "and", "args": [leaf]}) == parse_condition(leaf)
    nested = {"op": "and", "args": [leaf, {"op": "and", "args": [leaf, leaf]}]}
    assert parse_condition(nested).text == "x == 1 and x == 1 and x == 1"


def test_the_text_of_a_json_form_is_checked_against_the_length_limit() -> None:
    shape = {"op": "==", "path": "x", "value": "a" * 10_000}
    with pytest.raises(ValidationError, match="canonical text is longer"):
        parse_condition(shape)


def test_a_text_whose_canonical_text_outgrows_the_limit_is_refused() -> None:
    """Round trips hold for every condition: its canonical text is within the limit too."""
    tabs = "x == '" + "\t" * 9_000 + "'"  # 9,007 characters; each tab is written \\t
    with pytest.raises(ValidationError, match="canonical text is longer"):
        parse_condition(tabs)
    compact = " or ".join(["x==1"] * 1000)  # 7,996 characters, 9,996 written out
    assert len(parse_condition(compact).text) == 9_996


def test_true_and_false_are_whole_conditions_and_stay_literals_after_an_operator() -> None:
    constant = parse_condition("TRUE")
    assert constant.text == "true"
    assert constant.to_json() == {"op": "true"}
    assert parse_condition({"op": "true"}) == constant
    assert (constant.paths, constant.hours_ids) == (frozenset(), frozenset())
    assert parse_condition("not false").to_json() == {"op": "not", "arg": {"op": "false"}}
    literal = parse_condition("customer.vip == TRUE")
    assert literal.to_json() == {"op": "==", "path": "customer.vip", "value": True}
    assert literal.paths == {Path.parse("customer.vip")}
    listed = parse_condition("x in [true, FALSE]")
    assert listed.to_json() == {"op": "in", "path": "x", "value": [True, False]}
    assert parse_condition("x.true == true").text == "x.true == true"


def test_a_json_group_of_one_constant_is_that_constant() -> None:
    assert parse_condition({"op": "and", "args": [{"op": "false"}]}) == parse_condition("false")
    nested = {"op": "or", "args": [{"op": "true"}, {"op": "or", "args": [{"op": "false"}]}]}
    assert parse_condition(nested).text == "true or false"
