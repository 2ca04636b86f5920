"""Conversational flows as a pure state machine: definitions, runs, the step function.

A flow (Zoom's Start → Send Media → Collect Input → Condition → Route To, or an
imported Twilio Studio flow) is loaded once and validated (:func:`load_flow`,
:func:`read_flow`, :func:`import_studio` → :class:`FlowDefinition`), then driven one
event at a time by :func:`step`, which returns the actions for the caller to carry
out (:data:`FlowAction`: send, set timer, cancel timer, route, end) and the next
:class:`FlowRun`, a frozen value keyed by (business number, customer). wamsg does no
I/O: the caller sends, keeps the timers and feeds the results back as flow events
(:data:`FlowEvent`). Free-form sends ask wamsg's window model first. Runs are bounded
by the :mod:`~wamsg.flows.guards`. :class:`FlowStream` runs a stream of events, as
``wamsg flow`` does; :func:`diagram` draws a definition as text.

See ``docs/flows.md``.
"""

from __future__ import annotations

from wamsg.flows._reader import load_flow, read_flow
from wamsg.flows._studio_parts import STUDIO_PREDICATES
from wamsg.flows.actions import (
    CancelTimer,
    End,
    EndReason,
    FlowAction,
    Route,
    Send,
    SetTimer,
)
from wamsg.flows.definition import Fallback, FlowDefinition
from wamsg.flows.diagram import diagram
from wamsg.flows.events import (
    AgentJoined,
    Cancel,
    FlowEvent,
    SendFailed,
    TimerFired,
    flow_event_from_dict,
)
from wamsg.flows.guards import (
    DEFAULT_STUDIO_TIMEOUT,
    MAX_OPTIONS,
    MAX_RETRIES,
    MAX_STATES,
    MAX_STEPS,
    MAX_STEPS_PER_EVENT,
    MAX_TIMEOUT,
    MAX_VISITS_IN_A_ROW,
    RUN_TTL,
)
from wamsg.flows.run import FlowRun
from wamsg.flows.step import Stepped, step
from wamsg.flows.stream import FlowLine, FlowStream
from wamsg.flows.studio import StudioImport, import_studio

__all__ = [
    "DEFAULT_STUDIO_TIMEOUT",
    "MAX_OPTIONS",
    "MAX_RETRIES",
    "MAX_STATES",
    "MAX_STEPS",
    "MAX_STEPS_PER_EVENT",
    "MAX_TIMEOUT",
    "MAX_VISITS_IN_A_ROW",
    "RUN_TTL",
    "STUDIO_PREDICATES",
    "AgentJoined",
    "Cancel",
    "CancelTimer",
    "End",
    "EndReason",
    "Fallback",
    "FlowAction",
    "FlowDefinition",
    "FlowEvent",
    "FlowLine",
    "FlowRun",
    "FlowStream",
    "Route",
    "Send",
    "SendFailed",
    "SetTimer",
    "Stepped",
    "StudioImport",
    "TimerFired",
    "diagram",
    "flow_event_from_dict",
    "import_studio",
    "load_flow",
    "read_flow",
    "step",
]
