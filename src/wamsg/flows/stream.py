"""Run a flow over a stream of events, as a helpdesk would: :class:`FlowStream`.

:func:`~wamsg.flows.step` is a pure function of one run and one event; a
:class:`FlowStream` is the caller for a stream: it keeps the run of each (business
number, customer) pair, steps it with each event at that event's time, and answers
each event with a :class:`FlowLine` (what ``wamsg flow`` prints). Events that are not
for a flow (a status, a message the business sent) change nothing and get a line
with no actions. A FlowStream is a mutable working object for one stream (like an
accumulator); the values it returns are frozen.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import get_args

import attrs

from wamsg._internal import fields as check
from wamsg._internal.json import JsonObject, require_aware
from wamsg.errors import ValidationError
from wamsg.events import Event, MessageReceived
from wamsg.flows.actions import FlowAction
from wamsg.flows.definition import FlowDefinition
from wamsg.flows.events import AgentJoined, Cancel, FlowEvent, SendFailed, TimerFired
from wamsg.flows.run import FlowRun
from wamsg.flows.step import step
from wamsg.identity import Customer, PairKey, PhoneNumber, pair_key

__all__ = ["FlowLine", "FlowStream"]

_OWN = (TimerFired, SendFailed, AgentJoined, Cancel)
_ACTIONS: tuple[type, ...] = get_args(FlowAction)


def _actions(value: Iterable[FlowAction]) -> tuple[FlowAction, ...]:
    check.iterable(value, "actions")
    out = tuple(value)
    for action in out:
        check.argument(action, _ACTIONS, "actions")
    return out


@attrs.frozen(kw_only=True)
class FlowLine:
    """One event's answer: its pair, the pair's run after it, and the actions."""

    business: PhoneNumber | None = attrs.field(validator=check.opt_instance(PhoneNumber))
    customer: Customer | None = attrs.field(validator=check.opt_instance(Customer))
    run: FlowRun | None = attrs.field(validator=check.opt_instance(FlowRun))
    actions: tuple[FlowAction, ...] = attrs.field(converter=_actions)

    def to_line(self) -> JsonObject:
        """``{"business", "customer", "state", "actions", "ended"}``, as ``wamsg flow`` prints."""
        run = self.run
        return {
            "business": None if self.business is None else self.business.e164,
            "customer": None if self.customer is None else self.customer.to_dict(),
            "state": None if run is None else run.state,
            "actions": [action.to_dict() for action in self.actions],
            "ended": run is not None and run.ended is not None,
        }


def _pair(event: object) -> tuple[PhoneNumber | None, Customer] | None:
    customer = getattr(event, "customer", None)
    if isinstance(customer, Customer):
        business = getattr(event, "business", None)
        return (business if isinstance(business, PhoneNumber) else None), customer
    return None


class FlowStream:
    """Steps the run of each pair with each event of a stream (see the module docs).

    ``customers`` maps a customer's phone number (E.164) or user id to the caller's
    attributes, which conditions read as ``customer.<key>``.
    """

    def __init__(
        self,
        definition: FlowDefinition,
        *,
        customers: Mapping[str, Mapping[str, object]] | None = None,
    ) -> None:
        check.argument(definition, FlowDefinition, "definition")
        check.opt_argument(customers, Mapping, "customers")
        self.definition = definition
        self.customers: dict[str, Mapping[str, object]] = {}
        for key, attributes in (customers or {}).items():
            check.argument(attributes, Mapping, f"customers.{key}")
            self.customers[str(key)] = attributes
        self.runs: dict[PairKey, FlowRun] = {}

    def _attributes(self, customer: Customer) -> Mapping[str, object] | None:
        for key in (
            None if customer.phone is None else customer.phone.e164,
            None if customer.user_id is None else str(customer.user_id),
        ):
            if key is not None and key in self.customers:
                return self.customers[key]
        return None

    def feed(self, event: Event | FlowEvent, at: datetime | None = None) -> FlowLine:
        """Take one event at ``at`` (default: its ``occurred_at``) and answer it.

        An inbound message or a flow event without a time is a
        :class:`~wamsg.errors.ValidationError` naming ``occurred_at``.
        """
        pair = _pair(event)
        if pair is None:
            return FlowLine(business=None, customer=None, run=None, actions=())
        key = pair_key(*pair)
        run = self.runs.get(key)
        if not isinstance(event, (MessageReceived, *_OWN)):
            return FlowLine(business=pair[0], customer=pair[1], run=run, actions=())
        when = at if at is not None else getattr(event, "occurred_at", None)
        if when is None:
            raise ValidationError(
                "has no time: the flow needs to know when it happened", field="occurred_at"
            )
        when = require_aware(when, "occurred_at")
        attributes = self._attributes(pair[1])
        actions, after = step(self.definition, run, event, at=when, customer=attributes)
        if after is not None:
            self.runs[key] = after
        return FlowLine(business=pair[0], customer=pair[1], run=after, actions=actions)
