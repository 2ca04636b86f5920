"""The demo's routing section: every inbound message routed and assigned, and one trace."""

from __future__ import annotations

import pendulum

from wamsg._internal.json import Json
from wamsg.cli._table import render_table
from wamsg.routing import Routed, Router, agents_from_json, load_policy
from wamsg.testing import SampleDay

__all__ = ["routing_section"]


def _local(day: SampleDay, routed: Routed) -> str:
    at = routed.event.occurred_at
    return (
        "—"
        if at is None
        else str(pendulum.instance(at).in_timezone(day.timezone).format("ddd HH:mm"))
    )


def _who(routed: Routed) -> str:
    customer = routed.event.message.customer
    return customer.name or customer.key


_SHOWN_BY_RULE = frozenset({"matched_rule", "classified"})
"""Reasons the Rule column already says."""


def _agent(item: Routed) -> str:
    assignment = item.assignment
    if assignment is None:
        return "—"
    if assignment.agent is not None:
        return assignment.agent
    why = assignment.reasons[-1].value.replace("_", " ") if assignment.reasons else "no agent"
    return f"none: {why.removeprefix('all candidates ')}"


def _table(day: SampleDay, routed: list[Routed]) -> str:
    rows = [["Time", "Customer", "Queue", "Prio", "Rule", "Routing", "Agent"]]
    seen: set[int] = set()
    for item in routed:
        decision = item.decision
        why = ", ".join(r.value for r in decision.reasons if r.value not in _SHOWN_BY_RULE)
        agent = _agent(item)
        if id(item) in seen:  # the Router answers a duplicate delivery with its first answer
            why, agent = "duplicate: same answer", "(no second assignment)"
        seen.add(id(item))
        rows.append(
            [
                _local(day, item),
                _who(item),
                decision.queue,
                str(decision.priority),
                decision.rule or "—",
                why or "—",
                agent,
            ]
        )
    return render_table(rows)


def _trace(routed: Routed) -> list[str]:
    lines = [f"Why {_who(routed)}'s message went to {routed.decision.queue}:"]
    for entry in routed.decision.trace:
        clauses = "; ".join(
            f"{c.path} {c.op} {c.expected!r} (found {c.actual!r}: {c.result})"
            for c in entry.clauses
        )
        line = f"  {entry.stage:<8} {entry.rule:<22} {entry.status.value:<13} {clauses}"
        lines.append(line.rstrip())
    return lines


def routing_section(day: SampleDay) -> tuple[str, tuple[str, ...], Json]:
    """The section's title, lines and JSON form."""
    policy = load_policy(day.routing_policy)
    router = Router(
        policy,
        agents=agents_from_json(day.agents),
        customers=day.customers,
        trace="full",
    )
    routed = [item for event in day.events if (item := router.feed(event)) is not None]
    explained = next((item for item in routed if item.decision.rule == "vip-first"), routed[0])
    lines = [
        f"Policy {policy.version}: {len(policy.rules)} rules, {len(policy.classify)} "
        f"classification rules, {len(policy.queues)} queues.",
        "Each message is routed at its own time and assigned before the next.",
        "",
        _table(day, routed),
        "",
        *_trace(explained),
    ]
    data: list[Json] = [item.to_line(full=True) for item in routed]
    return f"Routing (times in {day.timezone})", tuple(lines), data
