"""The walk of one step through a flow's compiled states (internal; see ``step``).

A :class:`Walk` is the working state of one call of :func:`~wamsg.flows.step`: it
starts from the run, enters states one after the other (each entry is a step, and
passes the guards first), collects the actions, and finally assembles the next
:class:`~wamsg.flows.FlowRun` once. Nothing outside the walk is changed: the maps of
the run are copied the first time the walk writes to them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from types import MappingProxyType
from typing import Any, TypeVar, cast

import wamsg.flows._nodes as n
from wamsg._internal.json import saturated
from wamsg.content import Content, Text
from wamsg.events import MessageReceived
from wamsg.flows._render import render_plan
from wamsg.flows.actions import _CANCEL, EndReason, FlowAction, _end, _route, _send, _timer
from wamsg.flows.definition import FlowDefinition
from wamsg.flows.guards import MAX_STEPS, MAX_STEPS_PER_EVENT, MAX_VISITS_IN_A_ROW
from wamsg.flows.run import _EMPTY, FlowRun, _assemble
from wamsg.routing import message_context, route
from wamsg.window import (
    CUSTOMER_SERVICE_WINDOW,
    FREE_FORM,
    Window,
    WindowKind,
    WindowState,
    decide_send,
)

__all__ = ["Walk"]

_SENT, _CLOSED, _FAILED = 0, 1, 2
_V = TypeVar("_V")


class Walk:
    """The working state of one step (mutable, local to one call)."""

    __slots__ = (
        "actions",
        "at",
        "attributes",
        "business",
        "customer",
        "definition",
        "ended",
        "ended_at",
        "event_steps",
        "last_inbound_at",
        "last_message",
        "last_ref",
        "memo",
        "nodes",
        "pending",
        "retries",
        "retries_own",
        "run_number",
        "scope",
        "seen",
        "seen_before",
        "skills",
        "started_at",
        "state",
        "steps",
        "until",
        "variables",
        "variables_own",
        "visits",
        "visits_own",
        "window",
    )

    def __init__(
        self,
        definition: FlowDefinition,
        at: datetime,
        window: WindowState | None,
        attributes: Mapping[str, object] | None,
        run: FlowRun | None,
    ) -> None:
        self.definition = definition
        self.nodes = definition.nodes
        self.at = at
        self.window = window
        self.attributes = attributes
        self.actions: list[FlowAction] = []
        self.event_steps = 0
        self.variables_own = self.visits_own = self.retries_own = False
        self.pending: tuple[tuple[str, str], ...] = ()
        self.scope: n.Scope | None = None
        self.last_ref = ""
        if run is None:
            return
        self.business, self.customer = run.business, run.customer
        self.run_number, self.started_at = run.number, run.started_at
        self.state, self.steps = run.state, run.steps
        self.variables: Mapping[str, n.Variable] = run.variables
        self.visits: Mapping[str, int] = run.visits
        self.retries: Mapping[str, int] = run.retries
        self.skills, self.until = run.skills, run.waiting_until
        self.seen, self.seen_before = run.seen, run.seen_before
        self.last_inbound_at, self.last_message = run.last_inbound_at, run.last_message
        self.ended, self.ended_at, self.memo = run.ended, run.ended_at, run._window

    def begin(self, old: FlowRun | None, message: MessageReceived) -> None:
        """Start a new run of the message's pair (after ``old``, an ended run, if any)."""
        inner = message.message
        self.business, self.customer = inner.business, inner.customer
        self.run_number = 1 if old is None else old.number + 1
        self.started_at = self.at
        self.state, self.steps = self.nodes[self.definition.start].name, 0
        self.variables = self.visits = self.retries = _EMPTY
        self.skills, self.until = (), None
        self.seen = frozenset((inner.id,))
        self.seen_before = frozenset() if old is None else old.seen
        self.last_inbound_at = self.last_message = None
        self.ended = self.ended_at = None
        self.memo = [None]

    # -- what the run reads ------------------------------------------------------------

    def _scope(self) -> n.Scope:
        scope = self.scope
        if scope is None:
            scope = self.scope = n.Scope(self.variables, self._context)
        return scope

    def _context(self) -> dict[str, object]:
        message = self.last_message
        if message is None:
            return {}
        return message_context(message, customer=self.attributes)

    def window_open(self) -> bool:
        """Whether the customer service window is open at the step's time.

        Asks the caller's window state (``decide_send``) when it gave one, else the
        run's own view: the window its last customer message opened.
        """
        if self.window is not None:
            return decide_send(self.window, FREE_FORM, at=self.at).allowed
        memo = self.memo
        window = memo[0]
        if window is None:
            opened = self.last_inbound_at
            if opened is None:
                return False
            window = memo[0] = Window(
                WindowKind.CUSTOMER_SERVICE, opened, saturated(opened + CUSTOMER_SERVICE_WINDOW)
            )
        return window.opens_at <= self.at < window.closes_at

    def inbound(self, message: MessageReceived, at: datetime) -> None:
        """Take the customer's message as the run's last (its window and its context)."""
        sent = message.message.sent_at
        moment = at if sent is None or sent > at else sent
        if self.last_inbound_at is None or moment > self.last_inbound_at:
            self.last_inbound_at = moment
            self.memo = [None]
        self.last_message = message
        self.scope = None

    # -- changes -----------------------------------------------------------------------

    def set_variable(self, key: str, value: n.Variable) -> None:
        if not self.variables_own:
            self.variables = _copy(self.variables)
            self.variables_own = True
        self.variables[key] = value  # type: ignore[index]
        self.scope = None  # what placeholders and conditions read has changed

    def reset_retries(self, name: str) -> None:
        if name in self.retries:
            if not self.retries_own:
                self.retries = _copy(self.retries)
                self.retries_own = True
            del self.retries[name]  # type: ignore[attr-defined]

    def count_retry(self, name: str) -> int:
        if not self.retries_own:
            self.retries = _copy(self.retries)
            self.retries_own = True
        count = self.retries.get(name, 0) + 1
        self.retries[name] = count  # type: ignore[index]
        return count

    def cancel_timer(self) -> None:
        if self.until is not None:
            self.actions.append(_CANCEL)
            self.until = None

    def end(self, reason: str) -> None:
        self.cancel_timer()
        self.actions.append(_end(reason))
        self.ended = reason
        self.ended_at = self.at
        self.pending = ()

    def guard(self, reason: EndReason) -> None:
        """End the run by a guard, routed to the definition's fallback."""
        self.cancel_timer()
        fallback = self.definition.fallback
        if fallback is not None:
            self.actions.append(_route(fallback.queue, fallback.priority, self.skills))
        self.end(reason.value)

    # -- walking -----------------------------------------------------------------------

    def follow(self, exit_: n.Exit | None) -> None:
        """Take ``exit_`` and every state after it, up to a wait or the end.

        Each state entered is a step, and passes the guards first: the steps of the run
        and of this event, and the visits of the state in a row.
        """
        nodes = self.nodes
        while exit_ is not None:
            skill = exit_.skill
            if skill is not None and skill not in self.skills:
                skills = self.skills
                self.skills = tuple(sorted((*skills, skill))) if skills else (skill,)
            if exit_.target < 0:
                self.end(exit_.end or EndReason.NO_TRANSITION.value)
                return
            node = nodes[exit_.target]
            name = node.name
            self.event_steps += 1
            if self.event_steps > MAX_STEPS_PER_EVENT:
                self.guard(EndReason.EVENT_STEP_LIMIT)
                return
            if self.steps >= MAX_STEPS:
                self.guard(EndReason.STEP_LIMIT)
                return
            visits = self.visits
            streak = visits.get(name)
            if streak is None:  # a state never entered: progress, every streak starts again
                visits = dict.fromkeys(visits, 0)
                visits[name] = 1
                self.visits, self.visits_own = visits, True
            elif streak + 1 >= MAX_VISITS_IN_A_ROW:
                self.guard(EndReason.LOOP_LIMIT)
                return
            else:
                if not self.visits_own:
                    visits = self.visits = _copy(visits)
                    self.visits_own = True
                visits[name] = streak + 1  # type: ignore[index]
            self.steps += 1
            self.state = name
            exit_ = _ENTER[node.kind](self, node)

    def send(self, message: n.Outgoing, name: str) -> int:
        """Emit one send, asking the window model first when it is free-form."""
        content: Content | None
        if message.free_form and not self.window_open():
            if message.fallback is None:
                return _CLOSED
            content = render_plan(message.fallback, self._scope())
        elif message.template is not None:
            content = render_plan(message.template, self._scope())
        elif message.body is not None:
            content = Text(n.render_pieces(message.body, self._scope()))
        else:
            content = message.content
        if content is None:
            return _FAILED
        ref = f"{name}#{self.run_number}.{self.steps}"
        self.actions.append(_send(content, ref))
        self.last_ref = ref
        return _SENT

    def finish(self) -> FlowRun:
        """The run after this step."""
        return _assemble(
            self.business,
            self.customer,
            self.definition.id,
            self.run_number,
            self.started_at,
            self.state,
            _frozen(self.variables, self.variables_own),
            self.steps,
            _frozen(self.visits, self.visits_own),
            _frozen(self.retries, self.retries_own),
            self.skills,
            None if self.ended is not None else self.until,
            self.pending,
            self.seen,
            self.seen_before,
            self.last_inbound_at,
            self.last_message,
            self.ended,
            self.ended_at,
            self.memo,
        )


def _copy(mapping: Mapping[str, _V]) -> dict[str, _V]:
    """A dict copy of a run's map: a read-only view (every run's maps are) copies its dict."""
    return cast("MappingProxyType[str, _V]", mapping).copy()


def _frozen(mapping: Mapping[str, _V], own: bool) -> Mapping[str, _V]:
    return MappingProxyType(mapping) if own else mapping


def _sent_or_closed(walk: Walk, outcome: int, node: n.SendNode | n.Collect) -> n.Exit | None:
    """Where a send that did not go leads: the window_closed exit, or the end."""
    if node.window_closed is not None:
        return node.window_closed
    walk.end((EndReason.WINDOW_CLOSED if outcome == _CLOSED else EndReason.TEMPLATE_FAILED).value)
    return None


def _start(walk: Walk, node: n.Start) -> n.Exit | None:
    return node.next


def _send_state(walk: Walk, node: n.SendNode) -> n.Exit | None:
    outcome = walk.send(node.message, node.name)
    if outcome != _SENT:
        return _sent_or_closed(walk, outcome, node)
    if node.failed is not None:
        walk.pending = (*walk.pending, (walk.last_ref, node.name))
    return node.next


def _collect(walk: Walk, node: n.Collect) -> n.Exit | None:
    outcome = walk.send(node.prompt, node.name)
    if outcome != _SENT:
        return _sent_or_closed(walk, outcome, node)
    if node.failed is not None:
        walk.pending = (*walk.pending, (walk.last_ref, node.name))
    walk.until = until = saturated(walk.at + node.timeout)
    walk.actions.append(_timer(until))
    return None


def _decide(walk: Walk, node: n.Decide) -> n.Exit | None:
    at = walk.at
    if node.variables_only:  # the compiled tests read the variables directly
        context = {"variables": walk.variables}
        for branch in node.branches:
            if branch.on_variables(context, at) is True:  # type: ignore[misc]
                return branch.exit
        return node.otherwise
    scope = walk._scope()
    for branch in node.branches:
        if branch.test(scope, at) is True:
            return branch.exit
    return node.otherwise


def _assign(walk: Walk, node: n.SetNode) -> n.Exit | None:
    scope = walk._scope()
    values = [(k, n.render_pieces(v, scope) if type(v) is tuple else v) for k, v in node.values]
    for key, value in values:
        walk.set_variable(key, value)  # type: ignore[arg-type]
    return node.next


def _hours(walk: Walk, node: n.Hours) -> n.Exit | None:
    return node.open if node.hours.is_open(walk.at) else node.closed


def _route_state(walk: Walk, node: n.RouteNode) -> n.Exit | None:
    skills = walk.skills
    if node.skills:
        skills = walk.skills = tuple(sorted({*skills, *node.skills}))
    policy = walk.definition.policy
    if node.queue is None:
        if policy is None:  # a definition built by hand without its policy
            walk.guard(EndReason.NO_TRANSITION)
            return None
        decision = route(policy, walk._scope().context(), at=walk.at)
        chosen = tuple(sorted({*skills, *decision.skills}))
        walk.actions.append(_route(decision.queue, decision.priority, chosen, decision))
    else:
        walk.actions.append(_route(node.queue, node.priority, skills))
    if node.next is None:
        walk.end(EndReason.ROUTED.value)
    return node.next


def _end_state(walk: Walk, node: n.EndNode) -> n.Exit | None:
    walk.end(node.reason)
    return None


_ENTER: tuple[Callable[[Walk, Any], n.Exit | None], ...] = (
    _start,
    _send_state,
    _collect,
    _decide,
    _assign,
    _hours,
    _route_state,
    _end_state,
)
