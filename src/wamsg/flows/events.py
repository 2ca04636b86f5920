"""What a flow run is told: an inbound message, or one of the caller's own reports.

A run reacts to a :data:`FlowEvent`: the customer's message (wamsg's own
:class:`~wamsg.events.MessageReceived`), or what the caller reports back after doing the
I/O the run asked for — a timer that fired (:class:`TimerFired`), a send that failed
(:class:`SendFailed`, named by the ``ref`` the send action carried) — or decided itself:
an agent took the conversation over (:class:`AgentJoined`), the flow is to stop
(:class:`Cancel`). Each names its (business number, customer) pair, the key of a run.

:func:`flow_event_from_dict` reads the JSON lines ``wamsg flow`` takes: canonical
events, and ``{"type": "timer" | "send_failed" | "agent_joined" | "cancel",
"business", "customer", "occurred_at", ...}``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import ClassVar, TypeAlias

import attrs

from wamsg._internal import fields as check
from wamsg._internal.decode import require_strict
from wamsg._internal.json import (
    Json,
    JsonObject,
    format_optional_time,
    parse_time,
    req_mapping,
    require_aware,
)
from wamsg.errors import ValidationError
from wamsg.events import Event, MessageReceived, event_from_dict
from wamsg.identity import Customer, PairKey, PhoneNumber, pair_key

__all__ = [
    "AgentJoined",
    "Cancel",
    "FlowEvent",
    "SendFailed",
    "TimerFired",
    "flow_event_from_dict",
]


def _business(value: PhoneNumber | str | None) -> PhoneNumber | None:
    if value is None or isinstance(value, PhoneNumber):
        return value
    if isinstance(value, str):
        return PhoneNumber.parse(value)
    raise ValidationError(
        "must be a PhoneNumber, an E.164 text or None", field="business", value=value
    )


def _time(value: datetime | None) -> datetime | None:
    return None if value is None else require_aware(value, "occurred_at")


def _head(event: TimerFired | SendFailed | AgentJoined | Cancel) -> JsonObject:
    return {
        "type": event.type,
        "business": None if event.business is None else event.business.e164,
        "customer": event.customer.to_dict(),
    }


@attrs.frozen(kw_only=True)
class TimerFired:
    """The timer a run asked for (a ``set_timer`` action) fired.

    The step's ``at`` is when it fired (``occurred_at`` records it for a stream): at or
    after the deadline the run waits for it takes the state's timeout exit; earlier, or
    when the run waits for nothing, it is ignored (a timer the caller failed to cancel
    does no harm).
    """

    type: ClassVar[str] = "timer"
    business: PhoneNumber | None = attrs.field(converter=_business)
    customer: Customer = attrs.field(validator=check.instance(Customer))
    occurred_at: datetime | None = attrs.field(default=None, converter=_time)

    @property
    def key(self) -> PairKey:
        """The (business number, customer) pair of the run it is for."""
        return pair_key(self.business, self.customer)

    def to_dict(self) -> JsonObject:
        """The JSON line of this event (``wamsg flow`` reads it)."""
        return {**_head(self), "occurred_at": format_optional_time(self.occurred_at)}


@attrs.frozen(kw_only=True)
class SendFailed:
    """A send the run asked for failed (the provider refused it, or its status is failed).

    ``ref`` is the ``ref`` of the send action. The failure takes the sending state's
    ``failed`` exit while the run still waits where that step left it; later, or for a
    ref the run does not know, it changes nothing.
    """

    type: ClassVar[str] = "send_failed"
    business: PhoneNumber | None = attrs.field(converter=_business)
    customer: Customer = attrs.field(validator=check.instance(Customer))
    ref: str = attrs.field(validator=check.text)
    occurred_at: datetime | None = attrs.field(default=None, converter=_time)

    @property
    def key(self) -> PairKey:
        """The (business number, customer) pair of the run it is for."""
        return pair_key(self.business, self.customer)

    def to_dict(self) -> JsonObject:
        """The JSON line of this event (``wamsg flow`` reads it)."""
        return {
            **_head(self),
            "ref": self.ref,
            "occurred_at": format_optional_time(self.occurred_at),
        }


@attrs.frozen(kw_only=True)
class AgentJoined:
    """An agent took the conversation over: the run ends (``agent_joined``), no route."""

    type: ClassVar[str] = "agent_joined"
    business: PhoneNumber | None = attrs.field(converter=_business)
    customer: Customer = attrs.field(validator=check.instance(Customer))
    agent: str | None = attrs.field(default=None, validator=check.opt_text)
    occurred_at: datetime | None = attrs.field(default=None, converter=_time)

    @property
    def key(self) -> PairKey:
        """The (business number, customer) pair of the run it is for."""
        return pair_key(self.business, self.customer)

    def to_dict(self) -> JsonObject:
        """The JSON line of this event (``wamsg flow`` reads it)."""
        head = _head(self)
        return {**head, "agent": self.agent, "occurred_at": format_optional_time(self.occurred_at)}


@attrs.frozen(kw_only=True)
class Cancel:
    """Stop the run: it ends (``cancelled``), with its timer cancelled and no route."""

    type: ClassVar[str] = "cancel"
    business: PhoneNumber | None = attrs.field(converter=_business)
    customer: Customer = attrs.field(validator=check.instance(Customer))
    occurred_at: datetime | None = attrs.field(default=None, converter=_time)

    @property
    def key(self) -> PairKey:
        """The (business number, customer) pair of the run it is for."""
        return pair_key(self.business, self.customer)

    def to_dict(self) -> JsonObject:
        """The JSON line of this event (``wamsg flow`` reads it)."""
        return {**_head(self), "occurred_at": format_optional_time(self.occurred_at)}


FlowEvent: TypeAlias = MessageReceived | TimerFired | SendFailed | AgentJoined | Cancel
"""What :func:`~wamsg.flows.step` takes: a customer's message or one of the caller's reports."""

_OWN: dict[str, tuple[str, ...]] = {
    "timer": (),
    "send_failed": ("ref",),
    "agent_joined": ("agent",),
    "cancel": (),
}


def _own_event(
    kind: str, data: Mapping[str, Json]
) -> TimerFired | SendFailed | AgentJoined | Cancel:
    extra = _OWN[kind]
    known = ("type", "business", "customer", "occurred_at", *extra)
    for key in data:
        if key not in known:
            raise ValidationError(f"unknown key (known: {', '.join(known)})", field=str(key))
    if "customer" not in data:
        raise ValidationError("is required", field="customer")
    business = data.get("business")
    if business is not None and not isinstance(business, str):
        raise ValidationError("must be an E.164 text or null", field="business", value=business)
    customer = Customer.from_dict(data.get("customer"))
    at = parse_time(data.get("occurred_at"), "occurred_at")
    if kind == "timer":
        return TimerFired(business=business, customer=customer, occurred_at=at)
    if kind == "cancel":
        return Cancel(business=business, customer=customer, occurred_at=at)
    if kind == "agent_joined":
        agent = data.get("agent")
        if agent is not None and not isinstance(agent, str):
            raise ValidationError("must be a text or null", field="agent", value=agent)
        return AgentJoined(business=business, customer=customer, agent=agent, occurred_at=at)
    ref = data.get("ref")
    if not isinstance(ref, str):
        raise ValidationError("must be the ref of a send action", field="ref", value=ref)
    return SendFailed(business=business, customer=customer, ref=ref, occurred_at=at)


def flow_event_from_dict(data: object) -> Event | FlowEvent:
    """One ``wamsg flow`` input line, read.

    ``type`` ``timer``, ``send_failed``, ``agent_joined`` and ``cancel`` are the
    caller's reports (``occurred_at`` required, unknown keys refused); any other type is
    a canonical event (:func:`~wamsg.events.event_from_dict`). Bad input raises
    :class:`~wamsg.errors.ValidationError` naming the key.
    """
    mapping = req_mapping(data, "event")
    kind = mapping.get("type")
    if isinstance(kind, str) and kind in _OWN:
        require_strict(mapping, "event")
        return _own_event(kind, mapping)
    return event_from_dict(mapping)
