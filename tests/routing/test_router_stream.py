"""``Router``: a stream of events routed in order, with the state a helpdesk keeps.

Over the demo's sample day (the sample policy, agents and customers), and over small
constructed streams for round robin, ``conversation.is_new``,
``conversation.last_agent`` and ``window.open``. Times are stdlib datetimes in UTC.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from datetime import datetime, timedelta, timezone
from typing import Any, cast

import pendulum
import pytest

from wamsg import Customer, Direction, Message, MessageReceived, PhoneNumber, Text
from wamsg._internal.data import load_json
from wamsg.errors import ValidationError
from wamsg.events import Event
from wamsg.routing import AssignReason
from wamsg.routing._policy_reader import load_policy
from wamsg.routing.agents import AgentSnapshot, ChannelLoad, agents_from_json
from wamsg.routing.decision import RoutingReason, RuleStatus
from wamsg.routing.policy import RoutingPolicy
from wamsg.routing.stream import Routed, Router
from wamsg.testing import sample_day

from .route_helpers import SALES_LINE, inbound, rule, scenario_policy

T0 = datetime(2026, 11, 2, 8, 0, tzinfo=timezone.utc)  # Monday 10:00 in Helsinki


def sample_router() -> Router:
    customers = cast(dict[str, Any], load_json("sample_customers.json"))
    return Router(
        load_policy(load_json("sample_policy.json")),
        agents=agents_from_json(load_json("sample_agents.json")),
        customers=customers,
    )


def feed_all(router: Router, events: Sequence[Event]) -> list[Routed]:
    out = []
    for event in events:
        routed = router.feed(event)
        if routed is not None:
            out.append(routed)
    return out


# -- the sample day -------------------------------------------------------------------------


def test_the_sample_day_gives_one_routed_per_inbound_message_in_order() -> None:
    events = sample_day().events
    inbound_ids = [e.message.id for e in events if isinstance(e, MessageReceived)]
    routed = feed_all(sample_router(), events)
    assert [r.event.message.id for r in routed] == inbound_ids
    assert len(inbound_ids) == 7  # six messages, one of them delivered twice


def test_other_events_give_nothing() -> None:
    router = sample_router()
    others = [e for e in sample_day().events if not isinstance(e, MessageReceived)]
    assert others
    assert all(router.feed(event) is None for event in others)


def test_the_sample_day_s_decisions() -> None:
    router = sample_router()
    ad, vip, finland = router.policy.rule_ids  # the sample policy's three rules
    routed = feed_all(router, sample_day().events)
    got = [(r.event.message.id, r.decision.queue, r.decision.rule) for r in routed]
    assert got == [
        ("wamid.lucas1", "everyone", None),  # the US line is closed at 02:10 New York
        ("wamid.aino1", "vip", vip),
        ("wamid.aino1", "vip", vip),
        ("wamid.jonas1", "support-fi", finland),
        ("wamid.sheena1", "campaign", ad),
        ("wamid.mika1", "support-fi", finland),  # known by user id only
        ("wamid.aino2", "vip", vip),
    ]
    lucas = routed[0].decision
    assert lucas.reasons == (RoutingReason.NUMBER_DEFAULT, RoutingReason.OVERFLOW_CLOSED)
    aino = routed[1].decision
    assert aino.priority == 8  # classified as vip
    assert dict(aino.skills) == {"fi": 1}  # classified as Finnish
    assert [(e.rule, e.status) for e in aino.trace] == [
        ("finnish", RuleStatus.MATCHED),
        ("vip-priority", RuleStatus.MATCHED),
        (ad, RuleStatus.NOT_MATCHED),
        (vip, RuleStatus.MATCHED),
        (finland, RuleStatus.NOT_PROCESSED),
    ]
    mika = routed[5].decision
    assert mika.language == "fi"
    for line in (r.to_line(full=True) for r in routed):
        json.dumps(line)


def test_a_duplicate_delivery_gets_the_same_answer_and_no_second_assignment() -> None:
    events = sample_day().events
    router = sample_router()
    seen: dict[str, Routed] = {}
    for event in events:
        agents_before = router.agents
        waiting_before = dict(router.waiting)
        routed = router.feed(event)
        if routed is None:
            continue
        message_id = routed.event.message.id
        if message_id in seen:
            assert routed is seen[message_id]
            assert router.agents == agents_before  # nothing assigned again
            assert router.waiting == waiting_before
        seen[message_id] = routed
    # Every agent's load grew by the distinct messages it got: the duplicate once.
    start = {agent.id: agent.channels["whatsapp"].load for agent in sample_router().agents}
    got = Counter(routed.agent for routed in seen.values() if routed.agent is not None)
    assert seen["wamid.aino1"].agent is not None
    for agent in router.agents:
        assert agent.channels["whatsapp"].load == start[agent.id] + got[agent.id]


def test_the_next_message_of_a_pair_offers_its_last_agent_first() -> None:
    routed = feed_all(sample_router(), sample_day().events)
    aino2 = routed[-1]
    assert aino2.event.message.id == "wamid.aino2"
    assert routed[1].agent is not None
    assert aino2.decision.last_agent == routed[1].agent
    assert aino2.assignment is not None
    assert aino2.assignment.reasons[0] in (
        AssignReason.KNOWN_AGENT,
        AssignReason.LAST_AGENT_UNAVAILABLE,
    )


def test_without_agents_every_message_is_routed_and_none_assigned() -> None:
    router = Router(load_policy(load_json("sample_policy.json")))
    routed = feed_all(router, sample_day().events)
    assert len(routed) == 7
    assert all(r.assignment is None and r.agent is None for r in routed)


# -- constructed streams ----------------------------------------------------------------------


def _agent(agent_id: str, last: datetime) -> AgentSnapshot:
    return AgentSnapshot(
        id=agent_id,
        presence="online",
        queues={"Sales"},
        channels={"whatsapp": ChannelLoad(5, 0)},
        last_assigned_at=last,
    )


def _round_robin() -> tuple[RoutingPolicy, tuple[AgentSnapshot, ...]]:
    policy = scenario_policy(queues={"Sales": {"strategy": "round_robin"}})
    agents = (
        _agent("carol", T0 - timedelta(hours=1)),
        _agent("alice", T0 - timedelta(hours=3)),
        _agent("bob", T0 - timedelta(hours=2)),
    )
    return policy, agents


def _customer(i: int) -> str:
    return f"+35850000{i:04d}"


def test_round_robin_is_visible_across_a_stream() -> None:
    policy, agents = _round_robin()
    router = Router(policy, agents=agents)
    messages = [
        inbound(SALES_LINE, T0 + timedelta(minutes=i), customer=_customer(i)) for i in range(4)
    ]
    routed = feed_all(router, messages)
    assert [r.decision.queue for r in routed] == ["Sales"] * 4
    assert [r.agent for r in routed] == ["alice", "bob", "carol", "alice"]
    alice = next(agent for agent in router.agents if agent.id == "alice")
    assert alice.last_assigned_at == T0 + timedelta(minutes=3)
    assert alice.channels["whatsapp"].load == 2


def test_the_router_does_not_change_the_agents_it_was_given() -> None:
    policy, agents = _round_robin()
    router = Router(policy, agents=agents)
    feed_all(router, [inbound(SALES_LINE, T0, customer=_customer(0))])
    assert agents[1].last_assigned_at == T0 - timedelta(hours=3)
    assert router.agents != agents


def _by_context(rules: list[dict[str, Any]]) -> RoutingPolicy:
    return scenario_policy(rules)


def test_conversation_is_new_is_true_then_false() -> None:
    router = Router(_by_context([rule("new", "conversation.is_new == true", "VIP")]))
    first = router.feed(inbound(SALES_LINE, T0))
    second = router.feed(inbound(SALES_LINE, T0 + timedelta(minutes=5)))
    other = router.feed(inbound(SALES_LINE, T0 + timedelta(minutes=6), customer=_customer(9)))
    assert first is not None
    assert second is not None
    assert other is not None
    assert [first.decision.queue, second.decision.queue, other.decision.queue] == [
        "VIP",
        "Sales",
        "VIP",
    ]


def test_the_same_customer_on_another_number_is_a_new_conversation() -> None:
    router = Router(_by_context([rule("new", "conversation.is_new == true", "VIP")]))
    router.feed(inbound(SALES_LINE, T0))
    routed = router.feed(inbound("+358401000002", T0 + timedelta(minutes=1)))
    assert routed is not None
    assert routed.decision.queue == "VIP"


def test_conversation_last_agent_is_the_previous_assignment_s_agent() -> None:
    policy = _by_context(
        [
            rule("returning", "conversation.last_agent == 'bob'", "VIP"),
            rule("known", "conversation.last_agent is not null", "Support"),
        ]
    )
    agents = (
        AgentSnapshot(
            id="bob",
            presence="online",
            queues={"Sales", "VIP"},
            channels={"whatsapp": ChannelLoad(5, 0)},
        ),
    )
    router = Router(policy, agents=agents)
    first = router.feed(inbound(SALES_LINE, T0))
    second = router.feed(inbound(SALES_LINE, T0 + timedelta(minutes=1)))
    assert first is not None
    assert second is not None
    assert (first.decision.queue, first.agent) == ("Sales", "bob")
    assert second.decision.queue == "VIP"
    assert router.last_agent  # kept per pair


def test_a_step_offering_the_last_agent_names_it_and_assign_prefers_it() -> None:
    policy = scenario_policy(
        [rule("sales", f"business == '{SALES_LINE}'", "Sales", last_agent=True)],
        queues={"Sales": {"strategy": "round_robin"}},
    )
    _, agents = _round_robin()
    router = Router(policy, agents=agents)
    first = router.feed(inbound(SALES_LINE, T0))
    second = router.feed(inbound(SALES_LINE, T0 + timedelta(minutes=1)))
    assert first is not None
    assert second is not None
    assert first.decision.last_agent is None
    assert first.agent == "alice"
    assert second.decision.last_agent == "alice"
    assert second.agent == "alice"  # round robin would have chosen bob
    assert second.assignment is not None
    assert second.assignment.reasons == (AssignReason.KNOWN_AGENT,)


def test_an_unassigned_item_counts_as_waiting_for_max_waiting() -> None:
    policy = scenario_policy(queues={"Sales": {"max_waiting": 1}})
    router = Router(policy)  # no agents: nobody is assigned, every item waits
    routed = feed_all(
        router,
        [inbound(SALES_LINE, T0 + timedelta(minutes=i), customer=_customer(i)) for i in range(3)],
    )
    assert [r.decision.queue for r in routed] == ["Sales", "Everyone", "Everyone"]
    assert routed[1].decision.reasons[-1] is RoutingReason.OVERFLOW_WAITING
    assert router.waiting == {"Sales": 1, "Everyone": 2}


def _untimed(message_id: str) -> MessageReceived:
    return MessageReceived(
        provider="twilio",
        message=Message(
            id=message_id,
            direction=Direction.INBOUND,
            business=PhoneNumber.parse(SALES_LINE),
            customer=Customer(phone="+358501234567"),
            sent_at=None,
            content=Text(body="Hei"),
        ),
    )


def test_an_event_without_a_time_and_no_at_is_refused() -> None:
    router = Router(scenario_policy())
    with pytest.raises(ValidationError) as caught:
        router.feed(_untimed("SM1"))
    assert caught.value.field == "occurred_at"
    assert caught.value.value == "SM1"


def test_an_event_without_a_time_is_routed_at_the_router_s_at() -> None:
    saturday = datetime(2026, 11, 28, 10, tzinfo=timezone.utc)
    policy = scenario_policy([rule("closed", "not open('office')", "AfterHours")])
    routed = Router(policy, at=saturday).feed(_untimed("SM1"))
    assert routed is not None
    assert routed.decision.queue == "AfterHours"


def test_the_router_refuses_a_naive_at_and_a_bad_trace_mode() -> None:
    with pytest.raises(ValidationError):
        Router(scenario_policy(), at=datetime(2026, 11, 2, 8))
    with pytest.raises(ValidationError):
        Router(scenario_policy(), trace="everything")


def _window_policy() -> RoutingPolicy:
    return _by_context([rule("open-window", "window.open == true", "VIP")])


def test_window_open_is_false_for_a_first_message_and_true_for_a_second_within_24h() -> None:
    router = Router(_window_policy())
    queues = []
    for at in (T0, T0 + timedelta(hours=23), T0 + timedelta(hours=23 + 25)):
        routed = router.feed(inbound(SALES_LINE, at))
        assert routed is not None
        queues.append(routed.decision.queue)
    assert queues == ["Sales", "VIP", "Sales"]  # the third comes after the window closed


def test_window_open_counts_only_the_pair_s_own_messages() -> None:
    router = Router(_window_policy())
    router.feed(inbound(SALES_LINE, T0))
    routed = router.feed(inbound(SALES_LINE, T0 + timedelta(hours=1), customer=_customer(1)))
    assert routed is not None
    assert routed.decision.queue == "Sales"


def test_events_timed_with_pendulum_are_routed_like_stdlib_ones() -> None:
    router = Router(_window_policy())
    at = pendulum.datetime(2026, 11, 2, 10, tz="Europe/Helsinki")
    router.feed(inbound(SALES_LINE, at))
    routed = router.feed(inbound(SALES_LINE, at + timedelta(hours=1)))
    assert routed is not None
    assert routed.decision.queue == "VIP"
