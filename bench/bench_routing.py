"""Routing: a decision over 10,000 rules, one compiled rule, assignment over 200 agents.

Aims (issue 14): with the index on equality and ``in`` conditions, a decision over
10,000 rules takes ≤ 20 µs and ≤ 3x a decision over 100 rules (sublinear), shown
next to the linear scan of the same 10,000 rules in the same run; one compiled rule
(``business == '…' and customer.tier in ['gold', 'vip']``) tests in ≤ 2 µs;
``assign`` over 200 agents takes ≤ 50 µs.

The policies are what a large helpdesk writes: one rule per business number (each
also asks for a customer tier), a tenth of them on a click-to-WhatsApp ad id
instead, and three catch-all rules the index cannot file (``not``, ``!=``). The
contexts are customers of numbers spread over the whole policy, so the matching rule
is anywhere in it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, timezone

from wamsg.routing import (
    AgentSnapshot,
    ChannelLoad,
    Presence,
    RoutingPolicy,
    Strategy,
    WorkItem,
    assign,
    load_policy,
    parse_condition,
    route,
)

from ._harness import Measurement, Section, measure

AT = datetime(2026, 11, 27, 10, tzinfo=timezone.utc)
DECISION_AIM_US = 20.0
SUBLINEAR_AIM = 3.0
RULE_AIM_US = 2.0
ASSIGN_AIM_US = 50.0


def _number(i: int) -> str:
    return f"+3584010{i:05d}"


def _policy(rules: int) -> RoutingPolicy:
    body = []
    for i in range(rules - 3):
        if i % 10 == 9:
            when = f"referral.source_type == 'ad' and referral.source_id == 'AD{i}'"
        else:
            when = f"business == '{_number(i)}' and customer.tier in ['gold', 'vip']"
        body.append({"id": f"R{i}", "when": when, "route": [{"queue": f"q{i % 50}"}]})
    body += [
        {"id": "not-blocked", "when": "not customer.blocked == true", "route": [{"queue": "q1"}]},
        {"id": "not-test", "when": "customer.tier != 'test'", "route": [{"queue": "q2"}]},
        {"id": "anyone", "when": "business is not null", "route": [{"queue": "q3"}]},
    ]
    return load_policy(
        {
            "version": "bench",
            "queues": [{"id": f"q{q}"} for q in range(50)],
            "rules": body,
            "fallback": "q0",
        }
    )


def _contexts(rules: int, count: int) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for j in range(count):
        i = (j * 7919) % (rules - 3)
        context: dict[str, object] = {
            "business": _number(i),
            "customer": {"phone": f"+35850{j:07d}", "tier": "gold"},
            "content": {"kind": "text"},
        }
        if i % 10 == 9:
            context["referral"] = {"source_type": "ad", "source_id": f"AD{i}"}
        out.append(context)
    return out


def _decisions(
    policy: RoutingPolicy, contexts: list[dict[str, object]], index: bool
) -> Callable[[], object]:
    def run() -> object:
        for context in contexts:
            route(policy, context, at=AT, use_index=index)
        return None

    return run


def _us(measurement: Measurement) -> float:
    return measurement.seconds_per_op * 1e6


def _decision_sections(quick: bool) -> list[Section]:
    count = 200 if quick else 2_000
    small, large = _policy(100), _policy(10_000)
    small_contexts, large_contexts = _contexts(100, count), _contexts(10_000, count)
    indexed = measure("10,000 rules, indexed", _decisions(large, large_contexts, True), count)
    hundred = measure("100 rules, indexed", _decisions(small, small_contexts, True), count)
    scan_count = max(count // 20, 10)
    linear = measure(
        "10,000 rules, linear scan",
        _decisions(large, large_contexts[:scan_count], False),
        scan_count,
    )
    ratio = _us(indexed) / _us(hundred)
    return [
        Section(
            title="routing: one decision (route) over 10,000 rules",
            ours=indexed,
            baselines=[hundred, linear],
            notes=[
                f"{_us(indexed):.1f} µs per decision over 10,000 rules; "
                f"{_us(hundred):.1f} µs over 100 rules ({ratio:.2f}x); "
                f"linear scan {_us(linear):,.0f} µs"
            ],
            target=f"≤ {DECISION_AIM_US:.0f} µs and ≤ {SUBLINEAR_AIM:.0f}x the 100-rule cost",
            met=_us(indexed) <= DECISION_AIM_US and ratio <= SUBLINEAR_AIM,
        )
    ]


def _rule_section(quick: bool) -> Section:
    compiled = parse_condition(
        "business == '+358401000001' and customer.tier in ['gold', 'vip']"
    ).compile()
    hit = {"business": "+358401000001", "customer": {"tier": "vip"}}
    miss = {"business": "+358401000002", "customer": {"tier": "vip"}}
    count = 20_000 if quick else 200_000
    test = compiled.test

    def run() -> object:
        for _ in range(count // 2):
            test(hit, AT)
            test(miss, AT)
        return None

    ours = measure("CompiledCondition.test", run, count)
    return Section(
        title="routing: one compiled rule",
        ours=ours,
        notes=[f"{_us(ours):.2f} µs per test (half matching, half not)"],
        target=f"≤ {RULE_AIM_US:.0f} µs",
        met=_us(ours) <= RULE_AIM_US,
    )


def _agents(count: int) -> tuple[AgentSnapshot, ...]:
    agents = []
    for i in range(count):
        agents.append(
            AgentSnapshot(
                id=f"agent-{i:03d}",
                presence=Presence.ONLINE if i % 5 else Presence.AWAY,
                queues=frozenset({"support"} if i % 3 else {"support", "sales"}),
                skills={"fi": i % 4, "en": 2},
                channels={"whatsapp": ChannelLoad(capacity=3, load=i % 4)},
                last_assigned_at=AT - timedelta(minutes=i * 7 % 300),
                idle_since=AT - timedelta(minutes=i * 13 % 300),
            )
        )
    return tuple(agents)


def _assign_section(quick: bool) -> Section:
    agents = _agents(200)
    item = WorkItem(id="wamid.1", skills={"fi": 1})
    count = 500 if quick else 5_000

    def run() -> object:
        for _ in range(count):
            assign(item, "support", Strategy.ROUND_ROBIN, agents, at=AT)
        return None

    ours = measure("assign, 200 agents, round robin, skill fi ≥ 1", run, count)
    return Section(
        title="routing: assignment over 200 agents",
        ours=ours,
        notes=[f"{_us(ours):.1f} µs per assignment"],
        target=f"≤ {ASSIGN_AIM_US:.0f} µs",
        met=_us(ours) <= ASSIGN_AIM_US,
    )


def run(quick: bool) -> list[Section]:
    """The decision, rule and assignment figures."""
    return [*_decision_sections(quick), _rule_section(quick), _assign_section(quick)]
