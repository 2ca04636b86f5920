"""Laws of ``route``, over random policies and random (also hostile) contexts.

(a) the same input always gives the same decision and trace, and the context is
    left as it was;
(b) the index changes nothing: ``route(..., use_index=True)`` equals
    ``route(..., use_index=False)`` (queue, rule, reasons, steps, the whole decision
    and its trace), for random rules over a few paths and values made of ``==``,
    ``in``, ``!=``, ``and``, ``or``, ``not`` and the rest of the language;
(c) the trace lists every classification rule, then every routing rule, in policy
    order; at most one routing rule is ``matched`` and every rule after it is
    ``not_processed``; the reasons agree with the trace;
(d) no context makes ``route`` raise (NaN decimals, huge integers, nested lists,
    booleans, None, odd mappings), in either trace mode, and the decision's JSON form
    is JSON.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from datetime import timedelta
from decimal import Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.routing.conditions import (
    AT,
    HOSTILE_SCALARS,
    HOURS,
    comparisons,
    contexts,
    equalities,
    friendly_contexts,
    json_conditions,
    matching_contexts,
)
from wamsg.routing import parse_condition
from wamsg.routing.decision import RoutingDecision, RoutingReason, RuleStatus, TraceMode
from wamsg.routing.parts import (
    Action,
    ActionType,
    Classification,
    ClassifyRule,
    NumberEntry,
    Queue,
    Rule,
    SplitArm,
    Step,
)
from wamsg.routing.policy import RoutingPolicy
from wamsg.routing.route import route

QUEUE_IDS = ("q0", "q1", "q2", "q3", "fallback")
CLASSIFIED_LEAVES: st.SearchStrategy[dict[str, object]] = st.sampled_from(
    [
        {"op": "==", "path": "language", "value": "fi"},
        {"op": "in", "path": "language", "value": ["sv", "fi"]},
        {"op": "has", "path": "tags", "value": "vip"},
        {"op": ">=", "path": "priority", "value": 5},
        {"op": "is null", "path": "language"},
        {"op": "==", "path": "business", "value": "+358401000001"},
    ]
)
LEAVES = st.one_of(equalities(), equalities(), equalities(), comparisons(True), CLASSIFIED_LEAVES)
CONDITIONS = st.one_of(
    json_conditions(small=True, leaves=LEAVES, size=6),
    json_conditions(small=True, size=6),
)


@st.composite
def steps(draw: st.DrawFn) -> tuple[Step, ...]:
    count = draw(st.integers(1, 3))
    return tuple(
        Step(
            queue=draw(st.sampled_from(QUEUE_IDS)),
            priority=draw(st.one_of(st.none(), st.integers(0, 20))),
            wait=None if i == count - 1 else timedelta(seconds=draw(st.integers(1, 600))),
        )
        for i in range(count)
    )


@st.composite
def rules(draw: st.DrawFn, index: int) -> Rule:
    when = parse_condition(draw(CONDITIONS), hours=HOURS)
    actions: tuple[Action, ...] = ()
    if draw(st.integers(0, 4)) == 0:
        actions = (Action(ActionType.AUTO_REPLY, "closed", parse_condition("not open('office')")),)
    if draw(st.integers(0, 5)) == 0:
        first = draw(st.integers(1, 99))
        split = (SplitArm(first, draw(steps())), SplitArm(100 - first, draw(steps())))
        return Rule(f"r{index}", when, split=split, actions=actions)
    return Rule(f"r{index}", when, route=draw(steps()), actions=actions)


@st.composite
def classifications(draw: st.DrawFn, index: int) -> ClassifyRule:
    sets = Classification(
        language=draw(st.sampled_from([None, "fi", "sv"])),
        skills=draw(st.sampled_from([{}, {"fi": 1}, {"sv": 2}])),
        priority=draw(st.one_of(st.none(), st.integers(0, 10))),
        tags=draw(st.sampled_from([(), ("vip",), ("vip", "new")])),
    )
    when = parse_condition(draw(CONDITIONS), hours=HOURS)
    return ClassifyRule(f"c{index}", when, sets)


@st.composite
def policies(draw: st.DrawFn) -> RoutingPolicy:
    count = draw(st.integers(0, 8))
    queues = {
        name: Queue(
            name,
            hours=draw(st.sampled_from([None, "office", "night"])),
            overflow=draw(st.sampled_from([None, *QUEUE_IDS])),
            max_waiting=draw(st.sampled_from([None, 0, 2])),
        )
        for name in QUEUE_IDS
    }
    return RoutingPolicy(
        version="random",
        queues=queues,
        fallback="fallback",
        rules=[draw(rules(i)) for i in range(count)],
        classify=[draw(classifications(i)) for i in range(draw(st.integers(0, 2)))],
        numbers={"+358401000001": NumberEntry(queue=draw(st.sampled_from([None, "q1"])))},
        hours=HOURS,
    )


def _with_business(context: dict[str, object], business: object) -> dict[str, object]:
    return {**context, "business": business} if business is not None else context


BUSINESSES = st.sampled_from([None, "+358401000001", "+358401000002", 5])
CONTEXTS = st.one_of(friendly_contexts(), friendly_contexts(), contexts())
WAITING = st.dictionaries(st.sampled_from(QUEUE_IDS), st.integers(0, 3), max_size=3)
TIMES = st.sampled_from([AT, AT + timedelta(hours=9), AT + timedelta(days=1, hours=3)])


def _shape(decision: RoutingDecision) -> dict[str, Any]:
    return {
        "queue": decision.queue,
        "rule": decision.rule,
        "reasons": decision.reasons,
        "steps": decision.steps,
        "priority": decision.priority,
        "skills": dict(decision.skills),
        "actions": decision.actions,
        "trace": decision.trace,
    }


# -- (a) determinism ------------------------------------------------------------------------


@settings(max_examples=60)
@given(policies(), CONTEXTS, BUSINESSES, TIMES, WAITING)
def test_the_same_input_gives_the_same_decision_and_trace(
    policy: RoutingPolicy,
    context: dict[str, object],
    business: object,
    at: Any,
    waiting: dict[str, int],
) -> None:
    context = _with_business(context, business)
    before = repr(context)
    for mode in (TraceMode.RULES, TraceMode.FULL):
        first = route(policy, context, at=at, waiting=waiting, trace=mode)
        again = route(policy, context, at=at, waiting=dict(waiting), trace=mode)
        assert first.to_dict() == again.to_dict()  # clause values as JSON: NaN as text
        if mode is TraceMode.RULES:
            assert first == again
            assert _shape(first) == _shape(again)
    assert repr(context) == before  # the caller's context is not changed


# -- (b) the index agrees with the linear scan ---------------------------------------------


def _agree(
    policy: RoutingPolicy, context: Mapping[str, object], at: Any, waiting: dict[str, int]
) -> None:
    indexed = route(policy, context, at=at, waiting=waiting, use_index=True)
    linear = route(policy, context, at=at, waiting=waiting, use_index=False)
    assert indexed.queue == linear.queue
    assert indexed.rule == linear.rule
    assert indexed.reasons == linear.reasons
    assert indexed.steps == linear.steps
    assert _shape(indexed) == _shape(linear)
    assert indexed == linear
    full = route(policy, context, at=at, waiting=waiting, trace="full", use_index=True)
    full_linear = route(policy, context, at=at, waiting=waiting, trace="full", use_index=False)
    assert full.to_dict() == full_linear.to_dict()  # clause values as JSON: NaN as text
    assert [(e.rule, e.status) for e in full.trace] == [(e.rule, e.status) for e in linear.trace]


@settings(max_examples=150)
@given(policies(), CONTEXTS, BUSINESSES, TIMES, WAITING)
def test_the_index_gives_exactly_the_linear_scan_s_decision(
    policy: RoutingPolicy,
    context: dict[str, object],
    business: object,
    at: Any,
    waiting: dict[str, int],
) -> None:
    _agree(policy, _with_business(context, business), at, waiting)


@st.composite
def policies_and_matching_contexts(draw: st.DrawFn) -> tuple[RoutingPolicy, dict[str, object]]:
    """A policy and a context built from one of its rules' literals (so rules match)."""
    policy = draw(policies())
    if not policy.rules:
        return policy, draw(friendly_contexts())
    chosen = draw(st.sampled_from(policy.rules))
    context = draw(matching_contexts(chosen.when.to_json()))
    extras: list[dict[str, object]] = [{}, {"language": "fi"}, {"tags": ["vip"]}, {"priority": 7}]
    extra = draw(st.sampled_from(extras))
    return policy, {**context, **extra}


@settings(max_examples=150)
@given(policies_and_matching_contexts(), TIMES)
def test_the_index_agrees_when_rules_match_too(
    pair: tuple[RoutingPolicy, dict[str, object]], at: Any
) -> None:
    policy, context = pair
    _agree(policy, context, at, {})


@st.composite
def mismatched(draw: st.DrawFn) -> dict[str, object]:
    """A value of another kind where the rules compare (a number for a text …)."""
    odd = st.one_of(
        st.sampled_from([5, True, "5", [1], {"d": 1}, Decimal("NaN"), 10**4001, 1.0, None]),
        HOSTILE_SCALARS,
    )
    return {"a": draw(odd), "c": {"d": draw(odd), "e": draw(odd)}, "l": [draw(odd)]}


@settings(max_examples=100)
@given(policies(), mismatched(), TIMES)
def test_the_index_keeps_the_error_status_of_a_type_mismatch(
    policy: RoutingPolicy, context: dict[str, object], at: Any
) -> None:
    _agree(policy, context, at, {})


def test_the_index_keeps_an_error_before_the_match_in_the_trace_and_reasons() -> None:
    policy = RoutingPolicy(
        version="v",
        queues={"q0": Queue("q0"), "fallback": Queue("fallback")},
        fallback="fallback",
        rules=[
            Rule("numbers", parse_condition("a in [1, 2]"), route=[Step("q0")]),
            Rule("texts", parse_condition("a == 'x' or a == 'y'"), route=[Step("q0")]),
            Rule("catch-all", parse_condition("b is null"), route=[Step("q0")]),
        ],
    )
    for value, statuses in (
        ("z", ["error", "not_matched", "matched"]),
        (3, ["not_matched", "error", "matched"]),
        ([1], ["error", "error", "matched"]),
    ):
        decisions = [
            route(policy, {"a": value}, at=AT, use_index=use_index) for use_index in (True, False)
        ]
        for decision in decisions:
            assert [e.status.value for e in decision.trace] == statuses
            assert RoutingReason.RULE_ERROR in decision.reasons
        assert decisions[0] == decisions[1]


# -- (c) the trace's shape ------------------------------------------------------------------


def _routing_entries(policy: RoutingPolicy, decision: RoutingDecision) -> Iterator[Any]:
    trace = decision.trace
    assert len(trace) == len(policy.classify) + len(policy.rules)
    classified, routed = trace[: len(policy.classify)], trace[len(policy.classify) :]
    assert [(e.stage, e.rule) for e in classified] == [("classify", r.id) for r in policy.classify]
    assert [(e.stage, e.rule) for e in routed] == [("route", r.id) for r in policy.rules]
    assert all(e.status is not RuleStatus.NOT_PROCESSED for e in classified)
    yield from routed


@settings(max_examples=100)
@given(policies_and_matching_contexts(), st.sampled_from(["rules", "full"]), TIMES)
def test_the_trace_lists_every_rule_in_order_with_one_match_at_most(
    pair: tuple[RoutingPolicy, dict[str, object]], mode: str, at: Any
) -> None:
    policy, context = pair
    decision = route(policy, context, at=at, trace=mode)
    statuses = [entry.status for entry in _routing_entries(policy, decision)]
    matched = [i for i, status in enumerate(statuses) if status is RuleStatus.MATCHED]
    assert len(matched) <= 1
    if matched:
        (position,) = matched
        assert decision.rule == policy.rules[position].id
        assert set(statuses[position + 1 :]) <= {RuleStatus.NOT_PROCESSED}
        assert RuleStatus.NOT_PROCESSED not in statuses[:position]
        assert decision.reasons[:1] in ((RoutingReason.MATCHED_RULE,), (RoutingReason.CLASSIFIED,))
    else:
        assert decision.rule is None
        assert RuleStatus.NOT_PROCESSED not in statuses
        assert {RoutingReason.NUMBER_DEFAULT, RoutingReason.NO_RULE_MATCHED} & set(
            decision.reasons
        )
    errors = RuleStatus.ERROR in statuses
    assert (RoutingReason.RULE_ERROR in decision.reasons) is errors
    classified = any(
        e.stage == "classify" and e.status is RuleStatus.MATCHED for e in decision.trace
    )
    assert (RoutingReason.CLASSIFIED in decision.reasons) is classified
    assert 0 <= decision.step < len(decision.steps)
    assert decision.steps[-1].deadline is None or decision.step == len(decision.steps) - 1


# -- (d) fuzz: nothing makes route raise --------------------------------------------------

KEYS = st.one_of(
    st.sampled_from(["a", "b", "c", "l", "business", "customer", "language", "tags"]),
    st.integers(),
    st.none(),
)
HOSTILE_VALUES = st.recursive(
    st.one_of(HOSTILE_SCALARS, st.sampled_from([Decimal("NaN"), Decimal("-sNaN"), 10**4001])),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.lists(inner, max_size=3).map(tuple),
        st.dictionaries(st.sampled_from(["d", "e", "l", "x-y", "phone"]), inner, max_size=3),
        st.dictionaries(KEYS, inner, max_size=2),
    ),
    max_leaves=8,
)


class _Odd(Mapping[str, object]):
    """A read-only mapping that is not a dict."""

    def __init__(self, data: Mapping[Any, object]) -> None:
        self._data = dict(data)

    def __getitem__(self, key: str) -> object:
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)


@settings(max_examples=150)
@given(
    policies(),
    st.dictionaries(KEYS, HOSTILE_VALUES, max_size=5),
    st.booleans(),
    st.sampled_from(["rules", "full"]),
)
def test_no_context_makes_route_raise(
    policy: RoutingPolicy, raw: dict[Any, object], odd: bool, mode: str
) -> None:
    context: Mapping[str, object] = _Odd(raw) if odd else raw
    for use_index in (True, False):
        decision = route(policy, context, at=AT, trace=mode, use_index=use_index)
        assert decision.queue in policy.queues
        json.dumps(decision.to_dict())
