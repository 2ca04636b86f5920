"""The bounds every flow run keeps, and the bounds every flow definition keeps.

A run that would pass a run-time guard ends with a named reason (an
:class:`~wamsg.flows.EndReason`) and is routed to the definition's fallback queue; a
definition that would pass a load-time bound is refused with a
:class:`~wamsg.errors.ValidationError`. The figures are Twilio Studio's where Studio
has one, so an imported Studio flow keeps the limits it had.
"""

from __future__ import annotations

from datetime import timedelta

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
]

MAX_STEPS = 1_000  # [rule twilio.studio.steps-1000]
"""Steps (states entered) a run may take; the next one ends it with ``step_limit``."""

MAX_STEPS_PER_EVENT = 100
"""Steps one event may cause; the next one ends the run with ``event_step_limit``.

wamsg's own bound: a definition of wamsg's format has no loop that does not wait for
the customer, so only an imported flow (a Studio split that loops through
set-variables) or a chain of more than 100 states without a wait can reach it.
"""

MAX_VISITS_IN_A_ROW = 10  # [rule twilio.studio.repeat-10]
"""The visit of a state that ends the run with ``loop_limit``: the 10th in a row.

"In a row" counts the visits of a state since the run last entered a state it had
never been in: a loop that discovers nothing new counts up, any progress resets it.
"""

RUN_TTL = timedelta(days=30)  # [rule twilio.studio.ttl-30d]
"""How long a run lives: an event at ``started_at + RUN_TTL`` or later ends it
(``ttl_expired``)."""

MAX_RETRIES = MAX_VISITS_IN_A_ROW - 2
"""The most re-prompts a collect state may allow (its ``no_match.retries``).

Eight, so that a prompt shown once and re-shown eight times (nine visits) never meets
the ten-in-a-row guard: a validated definition ends only by its own exits.
"""

MAX_STATES = 1_000  # [rule twilio.studio.states-1000]
"""States a definition may hold (Studio's schema caps ``states`` at 1,000)."""

MAX_OPTIONS = 50
"""Options a collect state may offer (a list message shows at most 10 rows)."""

DEFAULT_STUDIO_TIMEOUT = timedelta(seconds=3_600)  # [rule twilio.studio.wait-timeout]
"""How long an imported ``send-and-wait-for-reply`` waits when it names no timeout."""

MAX_TIMEOUT = RUN_TTL
"""The longest wait a state may set: a run does not outlive its time to live."""
