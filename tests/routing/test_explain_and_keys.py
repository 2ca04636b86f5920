"""Explanations (each evaluated clause, JSON-able) and the equality keys of an index."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from decimal import Decimal

import pytest

from wamsg._internal.json import JsonObject
from wamsg.routing import (
    MISSING,
    ClauseResult,
    CompiledCondition,
    Explanation,
    Path,
    parse_condition,
)

AT = datetime(2026, 11, 27, 10, tzinfo=timezone.utc)


def test_each_evaluated_clause_says_what_was_compared_and_found() -> None:
    compiled = parse_condition(
        "business == '+358401000001' and customer.tier in ['gold', 'vip'] "
        "and language in agent.languages and customer.ltv > 1000"
    ).compile()
    context = {
        "business": "+358401000001",
        "customer": {"tier": "gold", "ltv": "1500"},
        "language": "fi",
        "agent": {"languages": ["fi", "sv"]},
    }
    explained = compiled.explain(context, AT)
    assert explained == Explanation(
        result=None,
        clauses=(
            ClauseResult(path="business", op="==", expected="+358401000001",
                         actual="+358401000001", result=True),
            ClauseResult(path="customer.tier", op="in", expected=("gold", "vip"),
                         actual="gold", result=True),
            ClauseResult(path="language", op="in", expected="agent.languages", actual="fi",
                         result=True, ref=True, ref_actual=["fi", "sv"]),
            ClauseResult(path="customer.ltv", op=">", expected=1000, actual="1500",
                         result=None, note="type_mismatch"),
        ),
    )  # fmt: skip
    assert explained.to_dict() == {
        "result": None,
        "clauses": [
            {"path": "business", "op": "==", "expected": "+358401000001",
             "actual": "+358401000001", "result": True, "note": None},
            {"path": "customer.tier", "op": "in", "expected": ["gold", "vip"],
             "actual": "gold", "result": True, "note": None},
            {"path": "language", "op": "in", "expected": "agent.languages", "actual": "fi",
             "result": True, "note": None, "ref_actual": ["fi", "sv"]},
            {"path": "customer.ltv", "op": ">", "expected": 1000, "actual": "1500",
             "result": None, "note": "type_mismatch"},
        ],
    }  # fmt: skip


def test_a_missing_value_is_shown_as_none_with_its_note() -> None:
    compiled = parse_condition("x is not null or x != 'a' or y == z").compile()
    clauses = compiled.explain({"z": 1}, AT).clauses
    assert [(c.op, c.actual, c.result, c.note) for c in clauses] == [
        ("is not null", None, False, "attribute_missing"),
        ("!=", None, True, "attribute_missing"),
    ]
    (ref,) = parse_condition("z == y").compile().explain({"z": 1}, AT).clauses
    assert (ref.actual, ref.ref_actual, ref.note) == (1, None, "attribute_missing")


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (Decimal("1.50"), "1.50"),
        (Decimal("NaN"), "NaN"),
        (float("inf"), "inf"),
        (1.5, 1.5),
        (10**4001, "<int of 13292 bits>"),
        ("a" * 1000, "a" * 200 + "… (1000 chars)"),
        (datetime(2026, 1, 1, tzinfo=timezone.utc), "<datetime>"),
        (b"x", "<bytes>"),
        ((1, Decimal("2")), [1, "2"]),
        (list(range(30)), [*range(20), "… (30 items)"]),
        ({"a": {"b": {"c": {"d": 1}}}}, {"a": {"b": {"c": "<dict>"}}}),
        ({1: "x"}, {"1": "x"}),
        ({str(n): n for n in range(25)}, {**{str(n): n for n in range(20)}, "…": "(25 keys)"}),
    ],
)
def test_to_dict_is_json_able_whatever_the_context_held(value: object, shown: object) -> None:
    explained = parse_condition("x == 'q'").compile().explain({"x": value}, AT)
    out = explained.to_dict()
    assert first_clause(out)["actual"] == shown
    json.dumps(out, allow_nan=False)


def first_clause(out: JsonObject) -> JsonObject:
    """The first clause of an explanation's ``to_dict()``, narrowed as a caller would."""
    clauses = out["clauses"]
    assert isinstance(clauses, list)
    first = clauses[0]
    assert isinstance(first, dict)
    return first


def test_decimal_literals_are_written_as_text_in_to_dict() -> None:
    explained = parse_condition("x in [1.5, 2]").compile().explain({"x": 2}, AT)
    assert first_clause(explained.to_dict())["expected"] == ["1.5", 2]


def test_to_dict_is_a_json_object_that_json_dumps_writes_without_help() -> None:
    compiled = parse_condition("x in [1.5, 2] and y == z").compile()
    context = {"x": Decimal("1.50"), "y": Decimal("NaN"), "z": float("-inf")}
    out: JsonObject = compiled.explain(context, AT).to_dict()
    clause: JsonObject = compiled.explain(context, AT).clauses[0].to_dict()
    assert json.loads(json.dumps(out, allow_nan=False)) == out
    assert clause == {"path": "x", "op": "in", "expected": ["1.5", 2], "actual": "1.50",
                      "result": True, "note": None}  # fmt: skip
    assert out["clauses"] == [
        clause,
        {"path": "y", "op": "==", "expected": "z", "actual": "NaN", "result": None,
         "note": "type_mismatch", "ref_actual": "-inf"},
    ]  # fmt: skip


def test_a_clause_result_built_by_hand_is_json_too() -> None:
    clause = ClauseResult(path="x", op="==", expected=Decimal("2.50"), actual={"a": (1,)},
                          result=True, ref=True, ref_actual=Decimal("1"))  # fmt: skip
    out = clause.to_dict()
    assert (out["expected"], out["actual"], out["ref_actual"]) == ("2.50", {"a": [1]}, "1")
    odd = ClauseResult(path="x", op="==", expected=b"q", actual=None, result=None).to_dict()
    assert odd["expected"] == "<bytes>"
    json.dumps(out, allow_nan=False)


@pytest.mark.parametrize(
    ("text", "result", "listed"),
    [
        ("true", True, []),
        ("false", False, []),
        ("not false", True, []),
        ("x == 1 or true", True, ["x"]),
        ("true or x == 1", True, []),
        ("true and x == 1 and false", False, ["x"]),
        ("false and x == 1", False, []),
    ],
)
def test_the_constants_are_not_listed_as_clauses(
    text: str, result: bool, listed: list[str]
) -> None:
    explained = parse_condition(text).compile().explain({"x": 1}, AT)
    assert explained.result is result
    assert [clause.path for clause in explained.clauses] == listed
    assert explained.to_dict()["result"] is result


def test_a_compiled_condition_keeps_its_text_and_a_short_repr() -> None:
    compiled = parse_condition("x == 1").compile()
    assert isinstance(compiled, CompiledCondition)
    assert compiled.text == "x == 1"
    assert repr(compiled) == "CompiledCondition('x == 1')"


def test_evaluation_reads_any_mapping_and_survives_non_mappings() -> None:
    compiled = parse_condition("a.b.c == 1 and d[0] == 'x'").compile()
    from collections import OrderedDict

    assert compiled.test(OrderedDict(a={"b": OrderedDict(c=1)}, d=("x",)), AT) is True
    assert compiled.test([], AT) is False  # type: ignore[arg-type]
    assert compiled.test({"a": {"b": [1]}}, AT) is False
    assert compiled.test({"a": {"b": {"c": MISSING}}}, AT) is False


# -- equality keys ---------------------------------------------------------------------


def keys(text: str) -> list[tuple[str, frozenset[object]]]:
    return [(str(path), values) for path, values in parse_condition(text).equality_keys()]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("x == 'a'", [("x", {"a"})]),
        ("x in ['a', 'b']", [("x", {"a", "b"})]),
        ("x in []", [("x", set())]),
        ("x == true", [("x", {True})]),
        ("x == 'a' and y in ['b', 'c']", [("x", {"a"}), ("y", {"b", "c"})]),
        ("x == 'a' or x in ['b']", [("x", {"a", "b"})]),
        ("x == 'a' or y == 'b'", []),
        ("(x == 'a' and y == 'b') or x == 'c'", [("x", {"a", "c"})]),
        ("(x == 'a' and x in ['a', 'b']) or x == 'c'", [("x", {"a", "c"})]),
        ("x == 'a' and (y == 1 or y == 2)", [("x", {"a"}), ("y", {1, 2})]),
        ("x != 'a'", []),
        ("x not in ['a']", []),
        ("not x == 'a'", []),
        ("x == y", []),
        ("x in y", []),
        ("tags has 'a'", []),
        ("x < 1", []),
        ("x is null", []),
        ("open('office')", []),
        ("x == 'a' or open('office')", []),
        ("true", []),
        ("false", []),
        ("not true", []),
        ("x == 'a' and true", [("x", {"a"})]),
        ("false and x == 'a'", [("x", {"a"})]),
        ("x == 'a' or true", []),
        ("x == 'a' or false", []),  # sound, if loose: false needs no key
        ("x == false and true", [("x", {False})]),  # the literal, as before
    ],
)
def test_equality_keys_are_the_necessary_equalities(
    text: str, expected: list[tuple[str, set[object]]]
) -> None:
    assert keys(text) == [(path, frozenset(values)) for path, values in expected]


def test_number_keys_hold_the_float_a_context_may_carry() -> None:
    ((path, values),) = parse_condition("x in [0.1, 1, 2.5, 1e400]").equality_keys()
    assert path == Path.parse("x")
    assert 0.1 in values
    assert 2.5 in values
    assert values == {Decimal("0.1"), 0.1, 1, Decimal("2.5"), Decimal("1E+400")}
    compiled = parse_condition("x == 0.1").compile()
    assert compiled.test({"x": 0.1}, AT) is True
    ((_, twin),) = parse_condition("x == 0.1").equality_keys()
    assert 0.1 in twin
    ((_, big),) = parse_condition(f"x == {10**400}").equality_keys()
    assert big == {10**400}
