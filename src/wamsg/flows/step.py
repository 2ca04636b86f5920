"""The step function: :func:`step` ``(definition, run, event, *, at) -> (actions, run)``.

Pure: it reads nothing but its arguments (time is ``at``), changes nothing, and
returns the actions for the caller to carry out and the next run. What each event
does:

- an **inbound message** (:class:`~wamsg.events.MessageReceived`) to a number the
  definition is bound to starts a run when the pair has none (or only an ended one);
  to an active run it is the reply its collect state waits for. A message id the run
  (or the run before it) has seen, or a message stamped before the run started (one
  of an earlier run, delivered again), gives no actions and the same run: providers
  deliver twice. A system notice (``user_changed_number``) is no reply;
- a **timer** (:class:`~wamsg.flows.TimerFired`) at or after the deadline the run
  waits for takes the timeout exit; an earlier or unexpected one is ignored;
- a **send failure** (:class:`~wamsg.flows.SendFailed`) of a send the run still
  reacts to takes that state's ``failed`` exit; any other is ignored;
- an **agent joined** (:class:`~wamsg.flows.AgentJoined`) or a **cancel**
  (:class:`~wamsg.flows.Cancel`) ends an active run, with its timer cancelled.

Every event to an active run first checks its time to live (``ttl_expired``). Each
state entered is a step and passes the guards (``step_limit``, ``event_step_limit``,
``loop_limit``); a guard ends the run and routes it to the definition's fallback.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

import wamsg.flows._nodes as n
from wamsg._internal import fields as check
from wamsg._internal.json import EARLIEST, LATEST, UTC, require_aware
from wamsg.content import ButtonReply, InteractiveReply, System, Text
from wamsg.errors import ValidationError
from wamsg.events import MessageReceived
from wamsg.flows._engine import Walk
from wamsg.flows._render import reply_text
from wamsg.flows.actions import EndReason, FlowAction
from wamsg.flows.definition import FlowDefinition
from wamsg.flows.events import AgentJoined, Cancel, FlowEvent, SendFailed, TimerFired
from wamsg.flows.guards import RUN_TTL
from wamsg.flows.run import FlowRun
from wamsg.identity import Customer, PhoneNumber
from wamsg.window import WindowState

__all__ = ["Stepped", "step"]

Stepped = tuple[tuple[FlowAction, ...], FlowRun | None]
"""What :func:`step` returns: the actions, in order, and the run after the event (None
when the event started no run)."""

_OWN_EVENTS = (TimerFired, SendFailed, AgentJoined, Cancel)


def _same_pair(run: FlowRun, business: PhoneNumber | None, customer: Customer) -> None:
    mine = run.business
    if (mine is None) != (business is None) or (
        mine is not None and business is not None and mine.e164 != business.e164
    ):
        raise ValidationError(
            "is for another business number than the run",
            field="event.business",
            value=None if business is None else business.e164,
        )
    if customer.key != run.customer.key:
        raise ValidationError("is for another customer than the run", field="event.customer")


def _option(node: n.Collect, message: MessageReceived) -> int | None:
    """The option the reply chooses: by interactive id, else by trimmed, case-folded text.

    [rule twilio.studio.split-trim-case]
    """
    content = message.message.content
    kind = type(content)
    if kind is Text:
        return node.by_text.get(content.body.strip().casefold())  # type: ignore[union-attr]
    if kind is InteractiveReply:
        reply_id = content.id  # type: ignore[union-attr]
        return None if reply_id is None else node.by_id.get(reply_id)
    if kind is ButtonReply:
        payload = content.payload  # type: ignore[union-attr]
        if payload is not None:
            return node.by_id.get(payload)
        return node.by_text.get(content.text.strip().casefold())  # type: ignore[union-attr]
    return None


def _reply(walk: Walk, node: n.Collect, message: MessageReceived) -> None:
    walk.cancel_timer()
    if node.reply is not None or node.keep is not None:  # an imported Studio wait
        prefix = f"widgets.{node.keep}.inbound."
        walk.set_variable(prefix + "Body", reply_text(message.message.content) or "")
        content = message.message.content
        payload = (
            content.id if type(content) is InteractiveReply else getattr(content, "payload", None)
        )
        if isinstance(payload, str):
            walk.set_variable(prefix + "ButtonPayload", payload)
        walk.follow(node.reply)
        return
    option = _option(node, message)
    if option is not None:
        walk.reset_retries(node.name)
        option_id, exit_ = node.options[option]
        if node.save_as is not None:
            walk.set_variable(node.save_as, option_id)
        walk.follow(exit_)
    elif walk.count_retry(node.name) > node.retries:
        walk.reset_retries(node.name)
        walk.follow(node.exhausted)
    else:
        walk.follow(node.no_match)


def _inbound(
    definition: FlowDefinition,
    run: FlowRun | None,
    event: MessageReceived,
    at: datetime,
    window: WindowState | None,
    attributes: Mapping[str, object] | None,
) -> tuple[list[FlowAction] | tuple[()], FlowRun | None]:
    message = event.message
    if run is not None:
        business = message.business
        if run.customer.key != message.customer.key or (
            business is not run.business
            and (business is None or run.business is None or business.e164 != run.business.e164)
        ):
            _same_pair(run, business, message.customer)
        if message.id in run.seen or message.id in run.seen_before:
            return (), run
        sent_at = message.sent_at
        if sent_at is not None and sent_at < run.started_at:  # from an earlier run: a replay
            return (), run
    if run is None or run.ended is not None:
        if type(message.content) is System or not definition.binds(message.business):
            return (), run
        walk = Walk(definition, at, window, attributes, None)
        walk.begin(run, event)
        walk.inbound(event, at)
        if definition.origin == "studio":
            walk.set_variable("trigger.message.Body", reply_text(message.content) or "")
        walk.follow(definition.entry)
        return walk.actions, walk.finish()
    walk = Walk(definition, at, window, attributes, run)
    walk.seen = run.seen | {message.id}
    if type(message.content) is System:  # written by WhatsApp, not the customer
        return (), walk.finish()
    walk.inbound(event, at)
    if _expired(walk, run, at):
        return walk.actions, walk.finish()
    node = _waiting_node(definition, run)
    if node is not None:
        _reply(walk, node, event)
    return walk.actions, walk.finish()


def _expired(walk: Walk, run: FlowRun, at: datetime) -> bool:
    if at - run.started_at >= RUN_TTL:  # [rule twilio.studio.ttl-30d]
        walk.guard(EndReason.TTL_EXPIRED)
        return True
    return False


def _waiting_node(definition: FlowDefinition, run: FlowRun) -> n.Collect | None:
    position = definition.position(run.state)
    if position is None:
        raise ValidationError(
            f"is not a state of flow {definition.id!r}", field="run.state", value=run.state
        )
    node = definition.nodes[position]
    return node if isinstance(node, n.Collect) and run.waiting_until is not None else None


def _own(
    definition: FlowDefinition,
    run: FlowRun | None,
    event: TimerFired | SendFailed | AgentJoined | Cancel,
    at: datetime,
    window: WindowState | None,
    attributes: Mapping[str, object] | None,
) -> tuple[list[FlowAction] | tuple[()], FlowRun | None]:
    if run is None:
        return (), None
    _same_pair(run, event.business, event.customer)
    if run.ended is not None:
        return (), run
    node = _waiting_node(definition, run)
    kind = type(event)
    if kind is TimerFired:
        if node is None or run.waiting_until is None or at < run.waiting_until:
            return (), run
    elif kind is SendFailed:
        failed = next((s for ref, s in run.pending if ref == event.ref), None)  # type: ignore[union-attr]
        if failed is None:
            return (), run
    walk = Walk(definition, at, window, attributes, run)
    if _expired(walk, run, at):
        return walk.actions, walk.finish()
    if kind is TimerFired:
        walk.until = None
        walk.reset_retries(node.name)  # type: ignore[union-attr]
        walk.follow(node.on_timeout)  # type: ignore[union-attr]
    elif kind is SendFailed:
        walk.cancel_timer()
        position = definition.position(failed)  # type: ignore[arg-type]
        sender = None if position is None else definition.nodes[position]
        walk.follow(getattr(sender, "failed", None))
    else:
        walk.end((EndReason.AGENT_JOINED if kind is AgentJoined else EndReason.CANCELLED).value)
    return walk.actions, walk.finish()


def step(
    definition: FlowDefinition,
    run: FlowRun | None,
    event: FlowEvent,
    *,
    at: datetime,
    window: WindowState | None = None,
    customer: Mapping[str, object] | None = None,
) -> Stepped:
    """Take one event: the actions for the caller, and the run after it.

    ``run`` is the pair's run so far (None before its first message); ``at`` is when the
    event happens (a timer's firing time, a message's arrival). ``window`` is the pair's
    window state as the caller keeps it (``wamsg.window``); without it the run's own
    view is used: the time of the customer's last message it has seen, which is all
    the customer service window depends on, since the run sees every inbound message
    of its pair. ``customer`` holds the caller's attributes of the customer, which
    conditions read as ``customer.<key>``. Raises :class:`~wamsg.errors.ValidationError`
    only for invalid arguments: a naive ``at``, an event or window of another pair, a
    run of another flow.
    """
    if type(definition) is not FlowDefinition:
        check.argument(definition, FlowDefinition, "definition")
    if run is not None:
        if type(run) is not FlowRun:
            check.argument(run, FlowRun, "run")
        if run.flow != definition.id:
            raise ValidationError(
                f"is a run of flow {run.flow!r}, not {definition.id!r}",
                field="run.flow",
                value=run.flow,
            )
    if type(at) is not datetime or at.tzinfo is not UTC or not EARLIEST <= at < LATEST:
        at = require_aware(at, "at")
    if window is not None:
        check.argument(window, WindowState, "window")
    if customer is not None:
        check.argument(customer, Mapping, "customer")
    if type(event) is MessageReceived:
        if window is not None:
            _window_of(window, event.message.business, event.message.customer)
        actions, after = _inbound(definition, run, event, at, window, customer)
    elif isinstance(event, _OWN_EVENTS):
        if window is not None:
            _window_of(window, event.business, event.customer)
        actions, after = _own(definition, run, event, at, window, customer)
    else:
        raise ValidationError(
            "must be a flow event (a MessageReceived, TimerFired, "
            "SendFailed, AgentJoined or Cancel)",
            field="event",
            value=type(event).__name__,
        )
    return tuple(actions), after


def _window_of(window: WindowState, business: PhoneNumber | None, customer: Customer) -> None:
    if not window.concerns(business, customer):
        raise ValidationError("is the window of another pair than the event", field="window")
