"""Load-time errors: syntax with positions, operands, declared types, hours, limits.

Every error is a ValidationError whose ``field`` is the caller's (``rules[3].when``), or
a JSON location under it, and whose message says what is wrong and where.
"""

from __future__ import annotations

import contextlib
import time
from decimal import Decimal

import pytest

from wamsg.errors import ValidationError
from wamsg.routing import (
    MAX_CLAUSES,
    MAX_CONDITION_CHARS,
    MAX_CONDITION_DEPTH,
    MAX_LIST_ITEMS,
    parse_condition,
)


def refused(source: object, **options: object) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        parse_condition(source, **options)  # type: ignore[arg-type]
    return caught.value


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("customer.customer-value == 'gold'", "cannot hold '-' at character 18"),
        ("x == null", "write 'x is null' at character 6"),
        ("x != null", "write 'x is not null'"),
        ("x = 1", "unexpected '=' at character 3: write '=='"),
        ("x == 1 && y == 2", "unexpected '&' at character 8: write 'and'"),
        ("x == 1 || y == 2", "write 'or'"),
        ("!x", "unexpected '!' at character 1"),
        ("(x == 1", "expected ')' to close the '(' at character 1, found the end of the text"),
        ("x == 1)", "expected 'and', 'or' or the end, found ')' at character 7"),
        (
            "x ==",
            "expected a value or a path after '==', found the end of the text at character 5",
        ),
        ("x", "expected an operator after 'x'"),
        ("x y", "expected an operator after 'x'"),
        (
            "== 1",
            "expected a path, 'not', 'open(', 'true', 'false' or '(', found '==' at character 1",
        ),
        ("true == 1", "the constant 'true' at character 1 is a whole condition"),
        ("x == 1 or FALSE in [1]", "the constant 'false' at character 11 is a whole condition"),
        ("true not in [1]", "a comparison starts with a path"),
        ("false is null", "a comparison starts with a path"),
        ("true.x == 1", "'true' is a keyword; a path cannot start with it at character 1"),
        ("True['x'] == 1", "'true' is a keyword; a path cannot start with it at character 1"),
        ("true false", "expected 'and', 'or' or the end, found 'false' at character 6"),
        ("not true x", "expected 'and', 'or' or the end, found 'x'"),
        ("true()", "expected 'and', 'or' or the end, found '('"),
        ("and == 1", "found 'and' at character 1"),
        ("not.x == 1", "'not' is a keyword; a path cannot start with it at character 1"),
        ("x is 1", "expected 'null' after 'is'"),
        ("x not 1", "expected 'in' after 'not'"),
        ("x in 5", "'in' takes a list literal"),
        ("x not in 'abc'", "'not in' takes a list literal"),
        ("x == ['a']", "a list literal needs 'in' or 'not in'"),
        ("x < true", "'<' orders numbers or texts, not a bool"),
        ("x > [1]", "not a list"),
        ("x has ['a']", "'has' takes one value"),
        ("x contains 5", "'contains' takes a quoted text"),
        ("x starts_with true", "'starts_with' takes a quoted text"),
        ("x in [1, [2]]", "a list literal holds only texts, numbers and booleans"),
        ("x in [a]", "a list literal holds only"),
        ("x in [null]", "expected a text, a number or a boolean"),
        ("x in [1 2]", "expected ',' or ']' in the list opened at character 6"),
        ("x in [1,]", "expected a text, a number or a boolean, found ']'"),
        ("x == 'abc", "a quoted text is not closed: it opens at character 6"),
        ("x == '\\q'", "an unknown escape"),
        ("x == '\\u12'", "a \\u escape needs four hex digits"),
        ("x == '\\udc00'", "lone surrogate"),
        ("x == '\\ud800\\u0041'", "lone surrogate"),
        ("x == 1.", "a decimal point needs digits after it at character 7"),
        ("x == .5", "unexpected '.' at character 6"),
        ("x == 1e", "an exponent needs digits"),
        ("x == 5abc", "a number runs into other characters at character 6"),
        ("x == -", "a number needs digits"),
        ("x == 1" + "0" * 4000, "more than 4000 digits"),
        ("x == 1e5000", "a decimal beyond 10**±4000"),
        ("x == 1e99999999999999999999", "a decimal beyond"),
        ("open(office)", "open() takes an hours id in quotes"),
        ("open('')", "open() takes an hours id in quotes"),
        ("open 'x'", "expected '(' after 'open'"),
        ("open('x'", "expected ')' after the hours id"),
        ("foo('x')", "unknown function 'foo'"),
        ("x[0 == 1", "expected ']' at character 4"),
        ("x.é == 1", "expected a name after '.' at character 2"),
        ("é == 1", "unexpected 'é' at character 1"),
        ("x == 1 and", "found the end of the text at character 11"),
        ("", "cannot be empty"),
        ("   ", "cannot be empty"),
        ("x == '\ud800'", "lone surrogate"),
    ],
)
def test_text_errors_say_what_and_at_which_character(text: str, message: str) -> None:
    error = refused(text, field="rules[3].when")
    assert error.field == "rules[3].when"
    assert message in str(error)


@pytest.mark.parametrize(
    ("source", "field", "message"),
    [
        ({"op": "=="}, "when.path", "must be a path text"),
        ({"op": "==="}, "when.op", "unknown op"),
        ({"op": "AND", "args": []}, "when.op", "unknown op"),
        ({}, "when.op", "unknown op"),
        ({"op": 1}, "when.op", "unknown op"),
        ({"op": "and", "args": [{"op": "is null", "path": "x"}, {"op": "x"}]},
         "when.args[1].op", "unknown op"),
        ({"op": "and", "args": [{"op": "is null", "path": "x", "value": 1}]},
         "when.args[0].value", "unknown key for op 'is null'"),
        ({"op": "==", "path": "x", "value": 1, "extra": 2}, "when.extra", "unknown key"),
        ({"op": "==", "path": "x", "value": 1, 5: 2}, "when.5", "unknown key"),
        ({"op": "and", "args": []}, "when.args", "non-empty list"),
        ({"op": "or", "args": {"op": "is null"}}, "when.args", "non-empty list"),
        ({"op": "not"}, "when.arg", "needs an \"arg\""),
        ({"op": "not", "arg": "x == 1"}, "when.arg", "must be a JSON object"),
        ({"op": "==", "path": "x"}, "when", "exactly one of"),
        ({"op": "==", "path": "x", "value": 1, "ref": "y"}, "when", "exactly one of"),
        ({"op": "==", "path": "x-y", "value": 1}, "when.path", "cannot hold '-'"),
        ({"op": "==", "path": "x", "ref": "a b"}, "when.ref", "unexpected ' '"),
        ({"op": "==", "path": 5, "value": 1}, "when.path", "must be a path text"),
        ({"op": "==", "path": "x", "value": None}, "when.value", "use {\"op\": \"is null\"}"),
        ({"op": "==", "path": "x", "value": {"a": 1}}, "when.value", "must be a text, a number"),
        ({"op": "in", "path": "x", "value": [1, [2]]}, "when.value[1]", "only scalars"),
        ({"op": "in", "path": "x", "value": [1, None]}, "when.value[1]", "null is not a value"),
        ({"op": "==", "path": "x", "value": float("nan")}, "when.value", "finite number"),
        ({"op": "==", "path": "x", "value": Decimal("Infinity")}, "when.value", "finite decimal"),
        ({"op": "==", "path": "x", "value": 10**4000}, "when.value", "more than 4000 digits"),
        ({"op": "==", "path": "x", "value": "\udc00"}, "when.value", "lone surrogate"),
        ({"op": "==", "path": "x", "value": [1]}, "when", "needs 'in'"),
        ({"op": "contains", "path": "x", "value": 1}, "when", "takes a quoted text"),
        ({"op": "open"}, "when.hours", "hours id"),
        ({"op": "open", "hours": ""}, "when.hours", "hours id"),
        ({"op": "open", "hours": "x", "path": "y"}, "when.path", "unknown key"),
        ({"op": "true", "value": True}, "when.value", "unknown key for op 'true'"),
        ({"op": "false", "args": []}, "when.args", "unknown key for op 'false'"),
        ({"op": "TRUE"}, "when.op", "unknown op"),
        ({"op": True}, "when.op", "unknown op"),
        ({"op": "==", "path": "true", "value": 1}, "when.path", "'true' is a keyword"),
    ],
)  # fmt: skip
def test_json_errors_name_the_json_location(source: object, field: str, message: str) -> None:
    error = refused(source)
    assert error.field == field
    assert message in str(error)


def test_json_locations_are_under_the_given_field() -> None:
    source = {"op": "or", "args": [{"op": "is null", "path": "x"}, {"op": "bogus"}]}
    assert refused(source, field="rules[3].when").field == "rules[3].when.args[1].op"


@pytest.mark.parametrize("source", [None, 5, ["x == 1"], b"x == 1"])
def test_a_source_is_a_text_or_a_mapping(source: object) -> None:
    assert refused(source).field == "when"


def test_the_field_label_is_a_text() -> None:
    assert refused("x == 1", field=3).field == "field"


# -- declared types --------------------------------------------------------------------

TYPES = {
    "customer.tier": "string",
    "customer.ltv": "int",
    "customer.score": "decimal",
    "customer.rank": "number",
    "customer.vip": "bool",
    "customer.tags": "list",
    'customer["x-y"]': "string",
}


@pytest.mark.parametrize(
    "text",
    [
        "customer.tier == 'gold'",
        "customer.tier < 'm'",
        "customer.tier in ['a', 'b']",
        "customer.tier contains 'o'",
        "customer.ltv > 1000",
        "customer.ltv > 999.5",
        "customer.ltv == 1000",
        "customer.ltv == 1000.0",
        "customer.ltv in [1, 2]",
        "customer.score == 1",
        "customer.score < 1.5",
        "customer.rank >= 2",
        "customer.vip == true",
        "customer.tags has 'vip'",
        "customer.tags has 1",
        "customer.tier == customer['x-y']",
        "customer.ltv < customer.score",
        "customer.tier in customer.tags",
        "customer.tier is null",
        "customer.tags is not null",
        "other == 1 and other contains 'x'",
    ],
)
def test_comparisons_that_can_be_right_for_the_declared_types_load(text: str) -> None:
    assert parse_condition(text, types=TYPES) == parse_condition(text)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("customer.tier == 1", "customer.tier is declared string, so it is never 1"),
        ("customer.tier > 5", "declared string"),
        ("customer.tier in ['a', 1]", "never 1"),
        ("customer.tier has 'a'", "'has' needs a list, but customer.tier is declared string"),
        ("customer.ltv contains '5'", "'contains' needs a text, but customer.ltv is declared int"),
        ("customer.ltv starts_with '5'", "'starts_with' needs a text"),
        ("customer.ltv > '1000'", "customer.ltv is declared int, so it is never '1000'"),
        ("customer.ltv == 1.5", "declared int, so it is never 1.5"),
        ("customer.ltv == true", "never true"),
        ("customer.score == 'a'", "declared decimal"),
        ("customer.rank in [1, 'a']", "declared number"),
        ("customer.vip < 1", "'<' cannot order customer.vip, declared bool"),
        ("customer.vip == 1", "declared bool"),
        ("customer.tags == 'a'", "declared a list: use 'has'"),
        ("customer.tags in ['a']", "declared a list: use 'has'"),
        ("customer.tags < 1", "cannot order customer.tags"),
        ("customer['x-y'] == 1", "declared string"),
        ("customer.tier == customer.ltv", "can never be compared"),
        ("customer.tier == customer.tags", "cannot compare customer.tags, declared list"),
        ("customer.vip > customer.vip", "cannot compare customer.vip, declared bool"),
        ("customer.ltv in customer.tier", "'in' needs a list on the right"),
        ("customer.tags in customer.tags", "declared a list: use 'has'"),
        ("customer.tier has customer.tags", "'has' needs a list"),
        ("customer.tags has customer.tags", "'has' takes one value"),
        ("customer.ltv contains customer.tier", "'contains' needs texts"),
        ("customer.tier contains customer.ltv", "'contains' needs texts"),
    ],
)
def test_comparisons_that_can_never_be_right_for_the_declared_types_are_refused(
    text: str, message: str
) -> None:
    error = refused(text, types=TYPES, field="rules[1].when")
    assert error.field == "rules[1].when"
    assert message in str(error)
    assert "at character 1" in str(error)


def test_the_json_form_is_checked_against_the_types_too() -> None:
    source = {"op": "not", "arg": {"op": "contains", "path": "customer.ltv", "value": "5"}}
    error = refused(source, types=TYPES)
    assert (error.field, "declared int" in error.reason) == ("when.arg", True)


@pytest.mark.parametrize(
    ("types", "message"),
    [
        ({"x": "strng"}, "unknown type name"),
        ({"x": "float"}, "unknown type name"),
        ({"x": 1}, "unknown type name"),
        ({"x-y": "string"}, "cannot hold '-'"),
        ({1: "string"}, "must be a non-empty string"),
        (["x"], "must map path texts"),
    ],
)
def test_the_types_themselves_are_checked(types: object, message: str) -> None:
    error = refused("x == 1", types=types)
    assert error.field == "types"
    assert message in str(error)


# -- hours -----------------------------------------------------------------------------


def test_open_with_an_unknown_hours_id_is_an_error_unless_hours_are_not_given() -> None:
    assert "unknown hours id 'office' (known: home)" in str(
        refused("open('office')", hours=["home"])
    )
    assert refused({"op": "open", "hours": "office"}, hours=set()).field == "when.hours"
    assert parse_condition("open('office')", hours={"office"}).hours_ids == {"office"}
    assert parse_condition("open('anything')").hours_ids == {"anything"}


@pytest.mark.parametrize("hours", ["office", [1], 5])
def test_the_known_hours_are_a_collection_of_ids(hours: object) -> None:
    assert refused("open('office')", hours=hours).field == "hours"


# -- limits ----------------------------------------------------------------------------


def nested_parentheses(depth: int) -> str:
    return "(" * depth + "x == 1" + ")" * depth


def nested_json(depth: int) -> dict[str, object]:
    node: dict[str, object] = {"op": "is null", "path": "x"}
    for _ in range(depth):
        node = {"op": "not", "arg": node}
    return node


def test_a_text_is_at_most_ten_thousand_characters() -> None:
    longest = "x == '" + "a" * (MAX_CONDITION_CHARS - 7) + "'"
    assert len(longest) == MAX_CONDITION_CHARS
    parse_condition(longest)
    assert "at most 10000 characters" in str(refused(longest + " "))


def test_parentheses_and_not_nest_at_most_thirty_two_deep() -> None:
    parse_condition(nested_parentheses(MAX_CONDITION_DEPTH))
    parse_condition("not " * MAX_CONDITION_DEPTH + "x == 1")
    parse_condition("not (" * 16 + "x == 1" + ")" * 16)
    assert "nested more than 32" in str(refused(nested_parentheses(MAX_CONDITION_DEPTH + 1)))
    assert "nested more than 32" in str(refused("not " * (MAX_CONDITION_DEPTH + 1) + "x == 1"))
    assert "nested more than 32" in str(refused("not (" * 17 + "x == 1" + ")" * 17))


def test_and_or_levels_without_parentheses_count_in_the_tree_depth() -> None:
    def layered(levels: int) -> str:  # each level adds an or and an and: two deep
        text = "x == 1"
        for _ in range(levels):
            text = f"x == 1 or x == 1 and ({text})"
        return text

    parse_condition(layered(MAX_CONDITION_DEPTH // 2))
    error = refused(layered(MAX_CONDITION_DEPTH // 2 + 1))
    assert "nested more than 32 levels deep (and, or, not)" in str(error)


def test_the_json_form_nests_at_most_thirty_two_deep() -> None:
    parse_condition(nested_json(MAX_CONDITION_DEPTH))
    assert "nested more than 32" in str(refused(nested_json(MAX_CONDITION_DEPTH + 1)))


def test_hostile_nesting_is_refused_without_reaching_the_recursion_limit() -> None:
    assert "nested" in str(refused("(" * 9_000))
    assert "nested" in str(refused("not " * 2_400 + "x == 1"))
    assert "nested" in str(refused(nested_json(100_000)))


def test_a_list_literal_has_at_most_a_thousand_items() -> None:
    items = ", ".join(str(n) for n in range(MAX_LIST_ITEMS))
    parse_condition(f"x in [{items}]")
    assert "at most 1000 items" in str(refused(f"x in [{items}, 1]"))
    json_items = list(range(MAX_LIST_ITEMS + 1))
    assert refused({"op": "in", "path": "x", "value": json_items}).field == "when.value"


def test_a_condition_has_at_most_a_thousand_clauses() -> None:
    parse_condition(" or ".join(["x==1"] * MAX_CLAUSES))
    assert "more than 1000 clauses" in str(refused(" or ".join(["x==1"] * (MAX_CLAUSES + 1))))
    leaf = {"op": "is null", "path": "x"}
    too_many = {"op": "or", "args": [leaf] * (MAX_CLAUSES + 1)}
    assert refused(too_many).field == f"when.args[{MAX_CLAUSES}]"


def test_the_constants_count_as_clauses_towards_the_limit() -> None:
    parse_condition(" or ".join(["true"] * MAX_CLAUSES))
    assert "more than 1000 clauses" in str(refused(" or ".join(["true"] * (MAX_CLAUSES + 1))))
    too_many = {"op": "and", "args": [{"op": "false"}] * (MAX_CLAUSES + 1)}
    assert refused(too_many).field == f"when.args[{MAX_CLAUSES}]"


@pytest.mark.parametrize(
    "text",
    [
        "x == '" + "\\n" * 4_990 + "'",
        "x == '" + "\\" * 9_990,
        "x['" + "\\'" * 4_990 + "'] == 1",
        "x" + "[0]" * 3_000,
        "x in [" + "'a'," * 2_400 + "]",
        "x == " + "9" * 9_000,
        "x == 1." + "5" * 9_000,
        "'" * 10_000,
        "x == 1 " * 1_400,
        "true and " * 1_200,
        "not " * 32 + "true",
    ],
)
def test_pathological_texts_load_or_fail_in_linear_time(text: str) -> None:
    started = time.perf_counter()
    with contextlib.suppress(ValidationError):
        parse_condition(text[:MAX_CONDITION_CHARS])
    assert time.perf_counter() - started < 1.0
