"""What a flow run asks the caller to do: actions, as data.

:func:`~wamsg.flows.step` returns a tuple of :data:`FlowAction` values, in order; the
caller does the I/O and feeds the results back as flow events:

- :class:`Send`: send ``content`` to the run's customer from its business number;
  report a failure as :class:`~wamsg.flows.SendFailed` with the same ``ref``;
- :class:`SetTimer`: call back with :class:`~wamsg.flows.TimerFired` at ``at`` (a run
  has at most one timer: a new one replaces the old);
- :class:`CancelTimer`: the pending timer is no longer needed;
- :class:`Route`: hand the conversation to ``queue`` with ``priority`` (higher is more
  urgent, as in :mod:`wamsg.routing`) and the required ``skills``; ``decision`` is the
  routing policy's decision with its trace, when a policy chose the queue;
- :class:`End`: the run is over, and why (:class:`EndReason`, or an ``end`` state's own
  reason).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from datetime import datetime
from typing import ClassVar, TypeAlias, get_args

import attrs

from wamsg._internal import fields as check
from wamsg._internal.json import JsonObject, format_time
from wamsg.content import Content
from wamsg.errors import ValidationError
from wamsg.routing import MAX_PRIORITY, RoutingDecision, TraceEntry

__all__ = [
    "CancelTimer",
    "End",
    "EndReason",
    "FlowAction",
    "Route",
    "Send",
    "SetTimer",
]


_CONTENT_TYPES: tuple[type, ...] = get_args(Content)


class EndReason(str, enum.Enum):
    """Why a run ended, when wamsg ended it (an ``end`` state may name its own reason)."""

    COMPLETED = "completed"
    """An ``end`` state without a reason of its own."""
    ROUTED = "routed"
    """A route state without a ``next``: the conversation is in a queue."""
    NO_TRANSITION = "no_transition"
    """An imported Studio flow took a transition without ``next`` (Studio ends there)."""
    WINDOW_CLOSED = "window_closed"
    """A free-form send with the customer service window closed, and neither a template
    fallback nor a ``window_closed`` exit."""
    TEMPLATE_FAILED = "template_failed"
    """The template fallback could not be rendered (a parameter came out empty)."""
    SEND_FAILED = "send_failed"
    """A send failed and the state's ``failed`` exit ends the run (imported Studio flows)."""
    AGENT_JOINED = "agent_joined"
    CANCELLED = "cancelled"
    STEP_LIMIT = "step_limit"
    """The run would take more than :data:`~wamsg.flows.MAX_STEPS` steps."""
    EVENT_STEP_LIMIT = "event_step_limit"
    """One event would take more than :data:`~wamsg.flows.MAX_STEPS_PER_EVENT` steps."""
    LOOP_LIMIT = "loop_limit"
    """A state entered :data:`~wamsg.flows.MAX_VISITS_IN_A_ROW` times in a row."""
    TTL_EXPIRED = "ttl_expired"
    """An event reached the run :data:`~wamsg.flows.RUN_TTL` or more after it started."""


@attrs.frozen
class Send:
    """Send ``content`` to the run's customer; ``ref`` names this send in a failure report.

    Never free-form while the customer service window is closed: the step asked
    wamsg's window model first (a closed window gives the template fallback).
    """

    type: ClassVar[str] = "send"
    content: Content = attrs.field(validator=check.instance(_CONTENT_TYPES))
    ref: str = attrs.field(validator=check.text)

    def to_dict(self) -> JsonObject:
        """``{"type": "send", "ref", "content"}`` (canonical content JSON)."""
        return {"type": self.type, "ref": self.ref, "content": self.content.to_dict()}


@attrs.frozen
class SetTimer:
    """Call the run back with a timer event at ``at`` (its wait's deadline)."""

    type: ClassVar[str] = "set_timer"
    at: datetime = attrs.field(validator=check.moment)

    def to_dict(self) -> JsonObject:
        """``{"type": "set_timer", "at"}``."""
        return {"type": self.type, "at": format_time(self.at)}


@attrs.frozen
class CancelTimer:
    """The run's pending timer is not needed any more."""

    type: ClassVar[str] = "cancel_timer"

    def to_dict(self) -> JsonObject:
        """``{"type": "cancel_timer"}``."""
        return {"type": self.type}


def _skills(value: Iterable[str]) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, (tuple, list, set, frozenset)):
        raise ValidationError("must be a collection of skill names", field="skills", value=value)
    for skill in value:
        if not isinstance(skill, str) or not skill.strip():
            raise ValidationError("must be non-empty skill names", field="skills", value=skill)
        check.text_of(skill, "skills")
    return tuple(sorted(set(value)))


def _priority(_instance: object, _attribute: object, value: object) -> None:
    if type(value) is not int or not 0 <= value <= MAX_PRIORITY:
        raise ValidationError(
            f"must be an integer from 0 to {MAX_PRIORITY}", field="priority", value=value
        )


@attrs.frozen(kw_only=True)
class Route:
    """Hand the conversation to ``queue`` (priority: higher is more urgent).

    ``skills`` are the names the run collected on its way (a transition may add one,
    Zoom's "map exit to skill") and the route state's own, sorted; with a routing
    policy, also the decision's. ``decision`` is the policy's decision (None for a
    fixed queue); :attr:`trace` its trace.
    """

    type: ClassVar[str] = "route"
    queue: str = attrs.field(validator=check.text)
    priority: int = attrs.field(default=0, validator=_priority)
    skills: tuple[str, ...] = attrs.field(default=(), converter=_skills)
    decision: RoutingDecision | None = attrs.field(
        default=None, validator=check.opt_instance(RoutingDecision)
    )

    @property
    def trace(self) -> tuple[TraceEntry, ...]:
        """The routing decision's trace (empty for a fixed queue)."""
        return () if self.decision is None else self.decision.trace

    def to_dict(self) -> JsonObject:
        """``{"type": "route", "queue", "priority", "skills"}``, plus the trace with a policy."""
        out: JsonObject = {
            "type": self.type,
            "queue": self.queue,
            "priority": self.priority,
            "skills": list(self.skills),
        }
        if self.decision is not None:
            out["rule"] = self.decision.rule
            out["trace"] = [entry.to_dict() for entry in self.decision.trace]
        return out


@attrs.frozen
class End:
    """The run is over; ``reason`` is an :class:`EndReason` value or an end state's own."""

    type: ClassVar[str] = "end"
    reason: str = attrs.field(validator=check.text)

    def to_dict(self) -> JsonObject:
        """``{"type": "end", "reason"}``."""
        return {"type": self.type, "reason": self.reason}


FlowAction: TypeAlias = Send | SetTimer | CancelTimer | Route | End
"""One thing a step asks the caller to do (a closed union: ``match`` on it)."""


_CANCEL = CancelTimer()


def _send(content: Content, ref: str) -> Send:
    """A :class:`Send` (the step's shorthand)."""
    return Send(content=content, ref=ref)


def _timer(at: datetime) -> SetTimer:
    """A :class:`SetTimer` (the step's shorthand)."""
    return SetTimer(at=at)


def _end(reason: str) -> End:
    """An :class:`End` (the step's shorthand)."""
    return End(reason=reason)


def _route(
    queue: str, priority: int, skills: tuple[str, ...], decision: RoutingDecision | None = None
) -> Route:
    """A :class:`Route` (the step's shorthand)."""
    return Route(queue=queue, priority=priority, skills=skills, decision=decision)
