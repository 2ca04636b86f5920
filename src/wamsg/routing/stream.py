"""Route a stream of events in order, as a helpdesk would: :class:`Router`.

:func:`~wamsg.routing.route` and :func:`~wamsg.routing.assign` are pure functions
of what the caller passes in. A :class:`Router` is the caller for a stream of
canonical events (what ``wamsg route`` runs): for each ``message.received`` it
builds the context from what the stream has shown so far — the customer service
window *before* this message (wamsg's window model), whether an earlier inbound of
the pair was seen (``conversation.is_new``), the agent the pair's previous routed
message got (``conversation.last_agent``) — routes it at its own time, assigns it
over the agent snapshot, and applies the assignment's state change before the next
event, so a stream shows round robin at work. An item that got no agent counts as
waiting in its queue for the rest of the stream (``max_waiting`` overflow). A
message delivered twice (same id, same pair) gets the first answer again and
changes nothing.

A Router is a mutable working object for one stream (like an accumulator); the
values it returns are frozen.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

import attrs

from wamsg._internal import fields as check
from wamsg._internal.json import Json, JsonObject, require_aware
from wamsg.errors import ValidationError
from wamsg.events import Event, MessageReceived
from wamsg.identity import Customer, PairKey, PhoneNumber, pair_key
from wamsg.routing._values import check_attributes
from wamsg.routing.agents import AgentSnapshot
from wamsg.routing.assign import assign
from wamsg.routing.context import message_context
from wamsg.routing.decision import RoutingDecision, TraceMode, _trace_mode
from wamsg.routing.outcome import Assignment
from wamsg.routing.policy import RoutingPolicy
from wamsg.routing.route import route
from wamsg.routing.work import WorkItem
from wamsg.window import WindowState

__all__ = ["Routed", "Router", "work_item"]


def work_item(
    policy: RoutingPolicy,
    decision: RoutingDecision,
    context: Mapping[str, object],
    *,
    item_id: str,
    at: datetime,
    channel: str = "whatsapp",
) -> WorkItem:
    """The item :func:`~wamsg.routing.assign` takes for ``decision``'s current step.

    The step's agent condition reads the context and ``agent`` (the agent's
    :meth:`~wamsg.routing.AgentSnapshot.view`); an agent for whom it cannot be
    decided is excluded with reason ``filter_error``.
    """
    check.argument(policy, RoutingPolicy, "policy")
    check.argument(decision, RoutingDecision, "decision")
    at = require_aware(at, "at")
    key = decision.step_key
    compiled = None if key is None else policy.compiled.agents.get(key)
    agent_filter = None
    if compiled is not None:
        base = dict(context)

        def agent_filter(agent: AgentSnapshot) -> bool | None:
            return compiled.test({**base, "agent": agent.view()}, at)

    return WorkItem(
        id=item_id,
        channel=channel,
        skills=decision.skills,
        skill_match=policy.queues[decision.queue].skill_match,
        preferred=decision.preferred,
        last_agent=decision.last_agent,
        bypass_capacity=decision.bypass_capacity,
        bypass_skills=decision.bypass_skills,
        agent_filter=agent_filter,
    )


@attrs.frozen
class Routed:
    """One inbound message routed: the decision and, with agents, the assignment."""

    event: MessageReceived = attrs.field(validator=check.instance(MessageReceived))
    decision: RoutingDecision = attrs.field(validator=check.instance(RoutingDecision))
    assignment: Assignment | None = attrs.field(validator=check.opt_instance(Assignment))

    @property
    def agent(self) -> str | None:
        """The agent chosen, or None."""
        return None if self.assignment is None else self.assignment.agent

    def to_line(self, *, full: bool = False) -> JsonObject:
        """The line ``wamsg route`` prints for this message."""
        message = self.event.message
        decision = self.decision
        reasons: list[Json] = [reason.value for reason in decision.reasons]
        if self.assignment is not None:
            reasons += [reason.value for reason in self.assignment.reasons]
        return {
            "message_id": message.id,
            "business": None if message.business is None else message.business.e164,
            "customer": message.customer.to_dict(),
            "queue": decision.queue,
            "priority": decision.priority,
            "rule": decision.rule,
            "reasons": reasons,
            "actions": [action.to_dict() for action in decision.actions],
            "agent": self.agent,
            "trace": [
                entry.to_dict() if full else {"rule": entry.rule, "status": entry.status.value}
                for entry in decision.trace
            ],
        }


def _customers(customers: Mapping[str, object] | None) -> dict[str, Mapping[str, object]]:
    """The customers table, checked: each value a mapping of attributes (JSON values)."""
    if customers is None:
        return {}
    check.argument(customers, Mapping, "customers")
    table: dict[str, Mapping[str, object]] = {}
    for key, attributes in customers.items():
        check.text_of(key, "customers")
        if not isinstance(attributes, Mapping):
            reason = "must be an object of attributes"
            raise ValidationError(reason, field=f"customers.{key}", value=attributes)
        table[key] = check_attributes(attributes, f"customers.{key}")
    return table


def _pair(event: Event) -> tuple[PhoneNumber | None, Customer] | None:
    message = getattr(event, "message", None)
    if message is not None:
        return message.business, message.customer
    customer = getattr(event, "customer", None)
    if isinstance(customer, Customer):
        return getattr(event, "business", None), customer
    return None


class Router:
    """Routes each inbound message of a stream at its own time (see the module docs).

    ``customers`` maps a customer's phone number (E.164) or user id to the
    caller's attributes (``{"tier": "vip"}``); ``at`` is the time of events that
    carry none.
    """

    def __init__(
        self,
        policy: RoutingPolicy,
        *,
        agents: Sequence[AgentSnapshot] = (),
        customers: Mapping[str, object] | None = None,
        trace: TraceMode | str = TraceMode.RULES,
        at: datetime | None = None,
    ) -> None:
        check.argument(policy, RoutingPolicy, "policy")
        self.policy = policy
        check.iterable(agents, "agents")
        self.agents: tuple[AgentSnapshot, ...] = tuple(
            check.of(agent, AgentSnapshot, "agents") for agent in agents
        )
        self.customers = _customers(customers)
        self.trace = _trace_mode(trace)
        self.at = None if at is None else require_aware(at, "at")
        self.windows: dict[PairKey, WindowState] = {}
        self.last_agent: dict[PairKey, str] = {}
        self.seen: set[PairKey] = set()
        self.routed: dict[tuple[PairKey, str], Routed] = {}
        self.waiting: dict[str, int] = {}

    def _attributes(self, customer: Customer) -> Mapping[str, object] | None:
        for key in (
            None if customer.phone is None else customer.phone.e164,
            None if customer.user_id is None else str(customer.user_id),
        ):
            if key is not None and key in self.customers:
                return self.customers[key]
        return None

    def feed(self, event: Event) -> Routed | None:
        """Take one event; route it when it is an inbound message (else None)."""
        pair = _pair(event)
        if pair is None:
            return None
        key = pair_key(*pair)
        before = self.windows.get(key)
        if before is None:
            before = WindowState.empty(*pair)
        self.windows[key] = before.apply(event)
        if not isinstance(event, MessageReceived):
            return None
        done = self.routed.get((key, event.message.id))
        if done is not None:  # a duplicate delivery: the same answer, no new assignment
            return done
        at = event.occurred_at or self.at
        if at is None:
            raise ValidationError(
                "has no time: give the Router an `at` for events without one",
                field="occurred_at",
                value=event.message.id,
            )
        business, customer = pair
        entry = None if business is None else self.policy.numbers.get(business.e164)
        context = message_context(
            event,
            brand=None if entry is None else entry.brand,
            customer=self._attributes(customer),
            window_open=before.as_of(at).customer_service_window_open,
            is_new=key not in self.seen,
            last_agent=self.last_agent.get(key),
        )
        decision = route(self.policy, context, at=at, waiting=self.waiting, trace=self.trace)
        assignment = None
        if self.agents:
            item = work_item(self.policy, decision, context, item_id=event.message.id, at=at)
            strategy = self.policy.queues[decision.queue].strategy
            assignment = assign(item, decision.queue, strategy, self.agents, at=at)
            if assignment.change is not None:
                self.agents = assignment.change.apply(self.agents)
        self.seen.add(key)
        if assignment is not None and assignment.agent is not None:
            self.last_agent[key] = assignment.agent
        else:
            self.waiting[decision.queue] = self.waiting.get(decision.queue, 0) + 1
        routed = self.routed[(key, event.message.id)] = Routed(event, decision, assignment)
        return routed
