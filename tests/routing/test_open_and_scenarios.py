"""``open()`` and the worked routing scenarios 7–9, 12–14 and 28 on conditions."""

from __future__ import annotations

from datetime import datetime, timezone

import pendulum
import pytest

from tests.routing.conditions import OFFICE, evaluate
from wamsg.errors import ValidationError
from wamsg.routing import Condition, parse_condition

UTC = timezone.utc
AT = datetime(2026, 11, 27, 10, tzinfo=UTC)
HELSINKI = pendulum.timezone("Europe/Helsinki")
MISSING_NOTE = "attribute_missing"
MISMATCH = "type_mismatch"


# -- open() ----------------------------------------------------------------------------


def helsinki(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=HELSINKI)


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        (helsinki(2026, 11, 27, 16, 59), True),
        (helsinki(2026, 11, 27, 17, 5), False),  # scenario 7: after hours
        (helsinki(2026, 11, 28, 12), False),  # Saturday
        (helsinki(2026, 12, 24, 10), False),  # scenario 9: a holiday
        (datetime(2026, 3, 30, 5, 30, tzinfo=UTC), False),  # scenario 8: 08:30 after DST
        (datetime(2026, 3, 30, 6, 0, tzinfo=UTC), True),  # 09:00 Helsinki
    ],
)
def test_open_is_true_when_the_named_hours_are_open_in_their_own_zone(
    at: datetime, expected: bool
) -> None:
    assert evaluate("open('office')", {}, at) == (expected, None)
    assert evaluate("not open('office')", {}, at) == (not expected, None)


def test_explain_shows_the_local_time_of_an_open_clause() -> None:
    compiled = parse_condition("open('office')").compile({"office": OFFICE})
    clause = compiled.explain({}, datetime(2026, 11, 27, 15, 5, tzinfo=UTC)).clauses[0]
    assert (clause.path, clause.op, clause.expected) == ("", "open", "office")
    assert clause.actual == "2026-11-27T17:05:00+02:00"
    assert clause.result is False


def test_open_refuses_a_naive_time_as_business_hours_do() -> None:
    compiled = parse_condition("open('office')").compile({"office": OFFICE})
    with pytest.raises(ValidationError):
        compiled.test({}, datetime(2026, 11, 27, 10))


def test_a_condition_without_open_does_not_read_the_time() -> None:
    compiled = parse_condition("x == 1").compile()
    assert compiled.test({"x": 1}, None) is True  # type: ignore[arg-type]


def test_the_constants_do_not_read_the_time_and_need_no_hours() -> None:
    for text, expected in (("true", True), ("false", False), ("not false or x == 1", True)):
        compiled = parse_condition(text).compile()
        assert compiled.test({}, None) is expected  # type: ignore[arg-type]
        assert compiled.explain({}, None).result is expected  # type: ignore[arg-type]


def test_open_under_a_constant_still_names_its_hours_and_runs_only_when_reached() -> None:
    condition = parse_condition("false and open('office')")
    assert condition.hours_ids == {"office"}
    with pytest.raises(ValidationError, match="office"):
        condition.compile()
    compiled = condition.compile({"office": OFFICE})
    assert compiled.test({}, None) is False  # type: ignore[arg-type]  # and stops at false
    after_hours = parse_condition("open('office') or true").compile({"office": OFFICE})
    assert evaluate("open('office') or true", {}, helsinki(2026, 11, 28, 12)) == (True, None)
    assert after_hours.test({}, helsinki(2026, 11, 27, 10)) is True


def test_a_catch_all_rule_is_true_whatever_the_context() -> None:
    """A last rule ``true`` (TaskRouter's ``1==1``) takes every conversation left over."""
    catch_all = parse_condition("TRUE")
    assert catch_all == parse_condition({"op": "true"})
    compiled = catch_all.compile()
    for context in ({}, {"business": "+358401000001"}, {"customer": {"tier": None}}):
        assert compiled.test(context, AT) is True
        assert compiled.explain(context, AT).clauses == ()


def test_compile_needs_every_hours_id_that_open_names() -> None:
    condition = parse_condition("open('office') or open('night')")
    with pytest.raises(ValidationError, match="night") as caught:
        condition.compile({"office": OFFICE})
    assert caught.value.field == "hours"
    with pytest.raises(ValidationError, match="BusinessHours"):
        condition.compile({"office": OFFICE, "night": "22:00-06:00"})  # type: ignore[dict-item]
    with pytest.raises(ValidationError):
        condition.compile(["office"])  # type: ignore[arg-type]
    assert condition.compile({"office": OFFICE, "night": OFFICE, "other": OFFICE}).test(
        {}, helsinki(2026, 11, 27, 10)
    )


# -- the worked scenarios --------------------------------------------------------------


def test_scenario_12_a_missing_tier_and_the_trace_marks_it_each_time() -> None:
    condition = parse_condition(
        "not (customer.tier == 'gold') and customer.tier != 'gold' and "
        "not customer.tier in ['gold'] and customer.tier not in ['gold'] and "
        "customer.tier is null"
    )
    explained = condition.compile().explain({"customer": {"name": "Sheena"}}, AT)
    assert explained.result is True
    assert [(c.op, c.result) for c in explained.clauses] == [
        ("==", False),
        ("!=", True),
        ("in", False),
        ("not in", True),
        ("is null", True),
    ]
    assert {c.note for c in explained.clauses} == {MISSING_NOTE}
    assert all(c.actual is None for c in explained.clauses)


def test_scenario_13_a_text_ltv_is_refused_with_a_schema_and_unknown_without() -> None:
    with pytest.raises(ValidationError, match=r"customer\.ltv is declared int"):
        parse_condition("customer.ltv > '1000'", types={"customer.ltv": "int"})
    typed = parse_condition("customer.ltv > 1000", types={"customer.ltv": "int"})
    assert typed == parse_condition("customer.ltv > 1000")
    compiled = typed.compile()
    context = {"customer": {"ltv": "1500"}}
    assert compiled.test(context, AT) is None  # not a match: the router marks it error
    (clause,) = compiled.explain(context, AT).clauses
    assert (clause.actual, clause.result, clause.note) == ("1500", None, MISMATCH)


def test_scenario_14_a_hyphenated_key_is_reachable_quoted_and_an_error_bare() -> None:
    compiled = parse_condition("customer[\"customer-value\"] == 'gold'").compile()
    assert compiled.test({"customer": {"customer-value": "gold"}}, AT) is True
    with pytest.raises(ValidationError, match="not a subtraction") as caught:
        parse_condition("customer.customer-value == 'gold'", field="rules[0].when")
    assert caught.value.field == "rules[0].when"
    assert "character 18" in str(caught.value)


def test_scenario_28_contains_on_an_int_is_a_load_error_and_unknown_at_run_time() -> None:
    with pytest.raises(ValidationError, match="'contains' needs a text") as caught:
        parse_condition(
            "customer.ltv contains '5'", types={"customer.ltv": "int"}, field="rules[3].when"
        )
    assert caught.value.field == "rules[3].when"
    untyped: Condition = parse_condition("customer.ltv contains '5'")
    explained = untyped.compile().explain({"customer": {"ltv": 5}}, AT)
    assert (explained.result, explained.clauses[0].note) == (None, MISMATCH)
