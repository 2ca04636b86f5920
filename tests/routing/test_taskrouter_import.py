"""``import_taskrouter``: a Twilio TaskRouter workflow configuration as a routing policy.

The workflow of §1.4 (value-based routing with escalation, returning customer with
the last agent first), the after-hours filter (``taskrouter.*``: reported, never
silently kept as always true), inheritance of queue and priority by later targets,
``timeout`` as the step's wait, ``known_worker_sid`` as ``last_agent``, ``order_by``
and ``skip_if`` reported, ``x != null`` as ``is not null``, ``1==1`` always true, and
the errors naming the workflow's field.
"""

from __future__ import annotations

import copy
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

from wamsg._internal.json import Json
from wamsg.errors import ValidationError
from wamsg.routing import Strategy, assign
from wamsg.routing.agents import AgentSnapshot, ChannelLoad
from wamsg.routing.decision import RoutingReason, RuleStatus
from wamsg.routing.parts import Step
from wamsg.routing.route import route
from wamsg.routing.stream import Router, work_item
from wamsg.routing.taskrouter import TaskRouterImport, import_taskrouter

from .route_helpers import SALES_LINE, inbound

AT = datetime(2026, 11, 2, 8, 0, tzinfo=timezone.utc)

WORKFLOW: dict[str, Any] = {
    "task_routing": {
        "filters": [
            {
                "filter_friendly_name": "gold",
                "expression": "type == 'whatsapp' AND customer.tier == 'gold'",
                "targets": [
                    {
                        "queue": "WQsupport",
                        "priority": 10,
                        "timeout": 300,
                        "expression": "task.language IN worker.languages",
                    },
                    {"queue": "WQeveryone"},
                ],
            },
            {
                "filter_friendly_name": "returning customer, last agent first",
                "expression": "last_agent_sid != null",
                "targets": [
                    {
                        "queue": "WQsupport",
                        "timeout": 30,
                        "known_worker_sid": "task.last_agent_sid",
                        "skip_if": "workers.available == 0",
                    },
                    {"queue": "WQsupport", "order_by": "worker.level DESC"},
                ],
            },
        ],
        "default_filter": {"queue": "WQeveryone"},
    }
}

AFTER_HOURS = {
    "filter_friendly_name": "open (07:00-15:00 UTC Mon-Fri)",
    "expression": "taskrouter.dayOfWeek IN ['Mon','Tue','Wed','Thu','Fri'] AND "
    "taskrouter.currentTime >= 700 AND taskrouter.currentTime < 1500",
    "targets": [{"queue": "WQsupport"}],
}


def workflow(*filters: dict[str, Any], default: str = "WQeveryone") -> dict[str, Any]:
    return {"task_routing": {"filters": list(filters), "default_filter": {"queue": default}}}


def imported() -> TaskRouterImport:
    return import_taskrouter(copy.deepcopy(WORKFLOW))


GOLD = {"type": "whatsapp", "customer": {"tier": "gold"}, "language": "fi"}


# -- the §1.4 workflow ----------------------------------------------------------------------


def test_the_workflow_becomes_rules_in_order_queues_and_a_fallback() -> None:
    policy = imported().policy
    assert policy.rule_ids == ("gold", "returning customer, last agent first")
    assert list(policy.queues) == ["WQsupport", "WQeveryone"]
    assert all(q.strategy is Strategy.LONGEST_IDLE for q in policy.queues.values())
    assert policy.fallback == "WQeveryone"
    assert policy.version == "taskrouter"
    gold, returning = policy.rules
    assert gold.when.text == "type == 'whatsapp' and customer.tier == 'gold'"
    assert returning.when.text == "last_agent_sid is not null"


def test_a_gold_customer_starts_in_support_at_10_and_widens_to_everyone_after_300_s() -> None:
    policy = imported().policy
    first = route(policy, GOLD, at=AT)
    assert (first.queue, first.priority, first.rule) == ("WQsupport", 10, "gold")
    assert first.steps[0].deadline == AT + timedelta(seconds=300)
    later = route(policy, GOLD, at=AT + timedelta(seconds=301), since=AT)
    assert (later.queue, later.priority) == ("WQeveryone", 10)  # priority inherited
    assert RoutingReason.STEP_ESCALATED in later.reasons


def test_the_target_expression_becomes_the_agent_condition() -> None:
    policy = imported().policy
    step = policy.rules[0].route[0]
    assert step.agents is not None
    assert step.agents.text == "language in agent.attributes.languages"
    assert step.wait == timedelta(seconds=300)

    def agent(agent_id: str, languages: list[Json]) -> AgentSnapshot:
        return AgentSnapshot(
            id=agent_id,
            presence="online",
            queues={"WQsupport"},
            channels={"whatsapp": ChannelLoad(3, 0)},
            attributes={"languages": languages},
        )

    agents = (agent("sv-only", ["sv"]), agent("fi-en", ["fi", "en"]))
    decision = route(policy, GOLD, at=AT)
    item = work_item(policy, decision, GOLD, item_id="t1", at=AT)
    result = assign(item, decision.queue, Strategy.LONGEST_IDLE, agents, at=AT)
    assert result.agent == "fi-en"
    assert result.ranking == ("fi-en",)


def test_a_returning_customer_is_offered_to_the_known_worker_first() -> None:
    policy = imported().policy
    context = {"last_agent_sid": "WK7", "conversation": {"last_agent": "WK7"}}
    decision = route(policy, context, at=AT)
    assert decision.rule == "returning customer, last agent first"
    assert decision.queue == "WQsupport"
    assert decision.last_agent == "WK7"
    assert decision.steps[0].deadline == AT + timedelta(seconds=30)
    later = route(policy, context, at=AT + timedelta(seconds=31), since=AT)
    assert (later.queue, later.last_agent) == ("WQsupport", None)


def test_a_task_matching_no_filter_goes_to_the_default_filter_s_queue() -> None:
    decision = route(imported().policy, {"customer": {"tier": "silver"}}, at=AT)
    assert decision.queue == "WQeveryone"
    assert decision.reasons == (RoutingReason.NO_RULE_MATCHED,)


def test_what_cannot_be_carried_over_is_reported_with_its_field() -> None:
    unsupported = imported().unsupported
    fields = [part.split(":")[0] for part in unsupported]
    assert fields == [
        "task_routing.filters[1].targets[0].skip_if",
        "task_routing.filters[1].targets[0].known_worker_*",
        "task_routing.filters[1].targets[1].order_by",
    ]


# -- the after-hours filter -----------------------------------------------------------------


def test_the_after_hours_filter_is_reported_as_unsupported_because_of_taskrouter_attrs() -> None:
    result = import_taskrouter(workflow(AFTER_HOURS))
    (part,) = result.unsupported
    assert part.startswith("task_routing.filters[0].expression:")
    assert "taskrouter.*" in part
    assert "business hours" in part


def test_the_after_hours_filter_never_matches_so_later_filters_still_run() -> None:
    vip = {
        "filter_friendly_name": "vip",
        "expression": "customer.tier == 'vip'",
        "targets": [{"queue": "WQvip"}],
    }
    policy = import_taskrouter(workflow(AFTER_HOURS, vip)).policy
    for at in (AT, AT + timedelta(hours=12)):  # inside and outside the UTC hours
        anyone = route(policy, {"customer": {"tier": "std"}}, at=at)
        assert anyone.queue == "WQeveryone"
        vip_decision = route(policy, {"customer": {"tier": "vip"}}, at=at)
        assert vip_decision.queue == "WQvip"
        assert [e.status for e in vip_decision.trace] == [
            RuleStatus.NOT_MATCHED,
            RuleStatus.MATCHED,
        ]


def test_a_target_expression_over_workers_counts_is_left_out_and_reported() -> None:
    spec = {
        "expression": "1==1",
        "targets": [{"queue": "WQsupport", "expression": "workers.available > 0"}],
    }
    result = import_taskrouter(workflow(spec))
    assert result.policy.rules[0].route[0].agents is None
    (part,) = result.unsupported
    assert part.startswith("task_routing.filters[0].targets[0].expression:")


# -- targets --------------------------------------------------------------------------------


def test_later_targets_inherit_the_queue_and_the_priority() -> None:
    spec = {
        "expression": "1==1",
        "targets": [
            {"queue": "WQa", "priority": 5, "timeout": 10},
            {"timeout": 20},
            {"queue": "WQb", "timeout": 30},
            {"priority": 7},
        ],
    }
    policy = import_taskrouter(workflow(spec)).policy
    steps = policy.rules[0].route
    assert [(s.queue, s.priority) for s in steps] == [
        ("WQa", 5),
        ("WQa", None),
        ("WQb", None),
        ("WQb", 7),
    ]
    planned = route(policy, {}, at=AT).steps
    assert [(s.queue, s.priority) for s in planned] == [
        ("WQa", 5),
        ("WQa", 5),
        ("WQb", 5),
        ("WQb", 7),
    ]
    assert [s.deadline for s in planned] == [
        AT + timedelta(seconds=10),
        AT + timedelta(seconds=30),
        AT + timedelta(seconds=60),
        None,
    ]


def test_timeout_becomes_the_step_s_wait_and_a_target_without_one_is_the_last() -> None:
    spec = {"expression": "1==1", "targets": [{"queue": "WQa", "timeout": 86400}]}
    (step,) = import_taskrouter(workflow(spec)).policy.rules[0].route
    assert step == Step("WQa", wait=timedelta(days=1))
    spec = {"expression": "1==1", "targets": [{"queue": "WQa"}]}
    (step,) = import_taskrouter(workflow(spec)).policy.rules[0].route
    assert step.wait is None


@pytest.mark.parametrize("key", ["known_worker_sid", "known_worker_friendly_name"])
def test_a_known_worker_becomes_last_agent(key: str) -> None:
    spec = {"expression": "1==1", "targets": [{"queue": "WQa", key: "task.agent"}]}
    result = import_taskrouter(workflow(spec))
    assert result.policy.rules[0].route[0].last_agent is True
    assert any("known_worker" in part for part in result.unsupported)


@pytest.mark.parametrize(
    ("key", "value"), [("order_by", "worker.level DESC"), ("skip_if", "workers.available == 0")]
)
def test_order_by_and_skip_if_are_reported_as_unsupported(key: str, value: str) -> None:
    spec = {"expression": "1==1", "targets": [{"queue": "WQa"}, {key: value}]}
    result = import_taskrouter(workflow(spec))
    (part,) = result.unsupported
    assert part.startswith(f"task_routing.filters[0].targets[1].{key}:")
    assert len(result.policy.rules[0].route) == 2


@pytest.mark.parametrize(
    ("expression", "text"),
    [
        ("worker.sid == 'WK1'", "agent.id == 'WK1'"),
        ("worker.friendly_name != 'bob'", "agent.id != 'bob'"),
        ("worker.skills.fi >= 2", "agent.skills.fi >= 2"),
        ("worker.team == task.team", "agent.attributes.team == team"),
    ],
)
def test_worker_and_task_paths_become_agent_and_context_paths(expression: str, text: str) -> None:
    spec = {"expression": "1==1", "targets": [{"queue": "WQa", "expression": expression}]}
    agents = import_taskrouter(workflow(spec)).policy.rules[0].route[0].agents
    assert agents is not None
    assert agents.text == text


# -- expressions ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("expression", "text"),
    [
        ("x != null", "x is not null"),
        ("x == null", "x is null"),
        ("x==NULL", "x is null"),
        ("a == 'b' AND x != null", "a == 'b' and x is not null"),
        ("x != 'null'", "x != 'null'"),
        ("x == 'a != null'", "x == 'a != null'"),
        ("x != nullable", "x != nullable"),
        ("city == 'İİ' AND x != null", "city == 'İİ' and x is not null"),
    ],
)
def test_comparisons_with_null_become_null_checks(expression: str, text: str) -> None:
    spec = {"expression": expression, "targets": [{"queue": "WQa"}]}
    assert import_taskrouter(workflow(spec)).policy.rules[0].when.text == text


@pytest.mark.parametrize("expression", ["1==1", "1 == 1", " 1==1 ", "true", "TRUE"])
def test_one_equals_one_is_always_true(expression: str) -> None:
    spec = {"filter_friendly_name": "all", "expression": expression, "targets": [{"queue": "WQa"}]}
    policy = import_taskrouter(workflow(spec)).policy
    for context in ({}, {"x": None}, {"business": SALES_LINE}, {"a": [1, {"b": 2}]}):
        decision = route(policy, context, at=AT)
        assert (decision.queue, decision.rule) == ("WQa", "all")


def test_a_target_expression_1_equals_1_means_any_agent() -> None:
    spec = {"expression": "1==1", "targets": [{"queue": "WQa", "expression": "1 == 1"}]}
    assert import_taskrouter(workflow(spec)).policy.rules[0].route[0].agents is None


def test_filters_without_a_name_and_with_the_same_name_get_distinct_ids() -> None:
    target = [{"queue": "WQa"}]
    policy = import_taskrouter(
        workflow(
            {"expression": "a == 1", "targets": target},
            {"filter_friendly_name": "x", "expression": "a == 2", "targets": target},
            {"filter_friendly_name": "x", "expression": "a == 3", "targets": target},
        )
    ).policy
    assert policy.rule_ids == ("filter-0", "x", "x (2)")


def test_an_imported_workflow_routes_a_stream() -> None:
    router = Router(imported().policy)
    routed = router.feed(inbound(SALES_LINE, AT))
    assert routed is not None
    assert routed.decision.queue == "WQeveryone"


# -- errors ---------------------------------------------------------------------------------


def test_a_first_target_without_a_queue_is_an_error_naming_it() -> None:
    spec = {"expression": "1==1", "targets": [{"priority": 5}]}
    with pytest.raises(ValidationError) as caught:
        import_taskrouter(workflow(spec))
    assert caught.value.field == "task_routing.filters[0].targets[0].queue"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"timeout": 0}, "task_routing.filters[1].targets[0].timeout"),
        ({"timeout": "30"}, "task_routing.filters[1].targets[0].timeout"),
        ({"timeout": 1_209_601}, "task_routing.filters[1].targets[0].timeout"),
        ({"priority": -1}, "task_routing.filters[1].targets[0].priority"),
        ({"priority": True}, "task_routing.filters[1].targets[0].priority"),
        ({"queue": ""}, "task_routing.filters[1].targets[0].queue"),
        ({"expression": 5}, "task_routing.filters[1].targets[0].expression"),
        ({"expression": "worker.x ="}, "task_routing.filters[1].targets[0].expression"),
        ({"friendly": "x"}, "task_routing.filters[1].targets[0].friendly"),
    ],
)
def test_a_bad_target_is_an_error_naming_it(change: dict[str, object], field: str) -> None:
    data = copy.deepcopy(WORKFLOW)
    data["task_routing"]["filters"][1]["targets"][0].update(change)
    with pytest.raises(ValidationError) as caught:
        import_taskrouter(data)
    assert caught.value.field == field


@pytest.mark.parametrize(
    ("mutate", "field"),
    [
        (
            lambda d: d["task_routing"]["filters"][0].update(expr="x"),
            "task_routing.filters[0].expr",
        ),
        (
            lambda d: d["task_routing"]["filters"][0].update(expression="a = 1"),
            "task_routing.filters[0].expression",
        ),
        (
            lambda d: d["task_routing"]["filters"][0].update(targets=[]),
            "task_routing.filters[0].targets",
        ),
        (lambda d: d["task_routing"].pop("default_filter"), "task_routing.default_filter"),
        (
            lambda d: d["task_routing"]["default_filter"].pop("queue"),
            "task_routing.default_filter.queue",
        ),
        (lambda d: d["task_routing"].update(filter=[]), "task_routing.filter"),
        (lambda d: d.update(workflow_sid="WW1"), "workflow_sid"),
    ],
)
def test_a_bad_workflow_is_an_error_naming_the_field(mutate: Any, field: str) -> None:
    data = copy.deepcopy(WORKFLOW)
    mutate(data)
    with pytest.raises(ValidationError) as caught:
        import_taskrouter(data)
    assert caught.value.field == field


@pytest.mark.parametrize("data", [None, [], "workflow", {"task_routing": []}])
def test_a_workflow_that_is_not_an_object_is_refused(data: object) -> None:
    with pytest.raises(ValidationError):
        import_taskrouter(data)
