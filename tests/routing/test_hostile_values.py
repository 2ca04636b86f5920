"""Hostile values in and around routing: refused where given, shown safely where found.

The caller's context is never walked whole: what a clause found is kept as a bounded
copy holding nothing a JSON writer refuses, and ``route`` decides on any context. What
the caller hands over to be kept (attributes, a hand-built decision) is refused with a
``ValidationError`` naming the field.
"""

from __future__ import annotations

import json
import math
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

import attrs
import pytest

from tests.routing.route_helpers import CUSTOMER, inbound
from wamsg.errors import ValidationError
from wamsg.routing import (
    ClauseResult,
    CompiledCondition,
    CompiledPolicy,
    Router,
    RoutingDecision,
    load_policy,
    message_context,
    parse_condition,
    route,
    split_bucket,
)

UTC = timezone.utc
AT = datetime(2026, 11, 27, 10, tzinfo=UTC)


def _deep(depth: int) -> dict[str, object]:
    value: dict[str, object] = {}
    for _ in range(depth):
        value = {"a": value}
    return value


HOSTILE_CONTEXT: dict[str, object] = {
    "business": "+358401000001",
    "customer": {"phone": "+35850\ud800", "tier": math.nan},
    "x": "\udfff",
    "y": [math.inf, Decimal("sNaN"), 10**5000, Decimal("1e999999")],
    "z": _deep(3000),
}


def _written(value: object) -> bytes:
    return json.dumps(value, allow_nan=False, ensure_ascii=False).encode("utf-8")


def test_an_explanation_shows_what_it_found_without_anything_hostile() -> None:
    condition = parse_condition("x == 'q' or y == 1 or z == 1 or customer.tier == 1")
    explained = condition.compile().explain(HOSTILE_CONTEXT, AT)
    assert [clause.actual for clause in explained.clauses] == [
        "\\udfff",
        ["inf", "sNaN", "<int of 16610 bits>", "1E+999999"],
        {"a": {"a": {"a": "<dict>"}}},
        "nan",
    ]
    _written(explained.to_dict())


@pytest.mark.parametrize("trace", ["rules", "full"])
def test_route_decides_on_a_hostile_context(trace: str) -> None:
    policy = load_policy(
        {
            "version": "v",
            "queues": [{"id": "a"}, {"id": "b"}],
            "rules": [
                {
                    "id": "split",
                    "when": "x == 'q' or customer.tier == 1 or true",
                    "split": [
                        {"percent": 50, "route": [{"queue": "a", "last_agent": True}]},
                        {"percent": 50, "route": [{"queue": "b", "last_agent": True}]},
                    ],
                }
            ],
            "fallback": "a",
        }
    )
    context = {**HOSTILE_CONTEXT, "conversation": {"last_agent": "\ud800"}}
    decision = route(policy, context, at=AT, trace=trace)
    assert decision.rule == "split"
    assert decision.last_agent is None  # not a text: not an agent
    _written(decision.to_dict())


def test_a_shown_value_is_shown_as_itself() -> None:
    for value in ("a" * 1000, list(range(30)), {str(n): n for n in range(30)}, _deep(10)):
        clause = ClauseResult(path="x", op="==", expected=b"q", actual=value, result=None)
        assert attrs.evolve(clause) == clause


def test_deadlines_past_2200_are_the_last_moment() -> None:
    ladder = [{"queue": "a", "wait": "1h"}, {"queue": "a"}]
    policy = load_policy(
        {
            "version": "v",
            "queues": [{"id": "a"}],
            "rules": [{"id": "r", "when": "true", "route": ladder}],
            "fallback": "a",
        }
    )
    late = datetime(2199, 12, 31, 23, 30, tzinfo=UTC)
    decision = route(policy, {}, at=late, since=late - timedelta(minutes=10))
    assert decision.steps[0].deadline == datetime(2199, 12, 31, 23, 59, 59, 999999, tzinfo=UTC)
    assert decision.step == 0


def test_attributes_handed_over_are_json() -> None:
    event = inbound("+358401000001", AT)
    context = message_context(event, customer={"ltv": Decimal("1.5"), "tags": ["a"]})
    assert context["customer"] == {"ltv": Decimal("1.5"), "tags": ["a"], "phone": CUSTOMER}
    for attributes in ({"tier": "\ud800"}, {"\udfff": 1}, {"ltv": math.nan}, {"z": _deep(600)}):
        with pytest.raises(ValidationError, match="customer"):
            message_context(event, customer=attributes)
    with pytest.raises(ValidationError, match=r"customers\.\+1"):
        Router(load_policy({"version": "v", "queues": [{"id": "a"}], "fallback": "a"}),
               customers={"+1": {"tier": ["\ud800"]}})  # fmt: skip


def test_texts_given_to_functions_are_text() -> None:
    with pytest.raises(ValidationError, match="business"):
        split_bucket("\ud800", "x")
    with pytest.raises(ValidationError, match="customer"):
        split_bucket("x", 10**5000)  # type: ignore[arg-type]
    assert 0 <= split_bucket("+358401000001", "+358501234567") < 100


def test_compiled_values_are_built_from_checked_parts() -> None:
    with pytest.raises(ValidationError, match="condition"):
        CompiledCondition("x == 1")  # type: ignore[arg-type]
    compiled = CompiledCondition(parse_condition("x == 1"))
    assert compiled.test({"x": 1}, AT) is True
    with pytest.raises(ValidationError, match="index"):
        CompiledPolicy((), (), {}, {}, None)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="rules"):
        CompiledPolicy((), ("x",), {}, {}, None)  # type: ignore[arg-type]


def test_a_decision_built_by_hand_is_checked() -> None:
    policy = load_policy({"version": "v", "queues": [{"id": "a"}], "fallback": "a"})
    decision = route(policy, {}, at=AT)
    fields: dict[str, Any] = {
        str(f.alias): getattr(decision, f.name) for f in attrs.fields(RoutingDecision)
    }
    assert RoutingDecision(**{**fields, "tags": ["t"]}).tags == ("t",)
    changes: list[dict[str, object]] = [
        {"step": 1},
        {"queue": "\ud800"},
        {"skills": {"fi": -1}},
        {"steps": ()},
    ]
    for change in changes:
        with pytest.raises(ValidationError, match=next(iter(change))):
            RoutingDecision(**{**fields, **change})
