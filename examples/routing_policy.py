"""Route the sample day by a policy and by an imported TaskRouter workflow, and say why.

Run: ``python examples/routing_policy.py``. The policy, agents and customer attributes
are the sample day's own (``wamsg demo --policy``, ``--agents``, ``--customers``); the
TaskRouter workflow is ``examples/routing/taskrouter_workflow.json``. For each inbound
message the script prints the queue, the rule, the agent and the reasons; then the full
trace of one decision, and what the TaskRouter import could not carry over.
"""

from __future__ import annotations

import json
from pathlib import Path

from wamsg.routing import Router, agents_from_json, import_taskrouter, load_policy
from wamsg.testing import sample_day

WORKFLOW = Path(__file__).resolve().parent / "routing" / "taskrouter_workflow.json"


def main() -> None:
    day = sample_day()
    agents = agents_from_json(day.agents)
    imported = import_taskrouter(json.loads(WORKFLOW.read_text(encoding="utf-8")))
    for title, policy in (
        ("the sample policy", load_policy(day.routing_policy)),
        ("the TaskRouter workflow", imported.policy),
    ):
        print(f"Routed by {title}:")
        router = Router(policy, agents=agents, customers=day.customers, trace="full")
        routed = [item for event in day.events if (item := router.feed(event)) is not None]
        for item in routed:
            who = item.event.message.customer.name
            reasons = ", ".join(reason.value for reason in item.decision.reasons)
            print(
                f"  {who:<14} → {item.decision.queue:<11} rule {item.decision.rule or '—'}, "
                f"agent {item.agent or '—'} ({reasons})"
            )
        last = routed[-1]
        print(
            f"  why {last.event.message.customer.name}'s last message went to "
            f"{last.decision.queue}:"
        )
        for entry in last.decision.trace:
            print(f"    {entry.rule:<32} {entry.status.value}")
    print("Not carried over from the TaskRouter workflow:")
    for part in imported.unsupported:
        print(f"  {part}")


if __name__ == "__main__":
    main()
