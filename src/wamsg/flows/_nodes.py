"""The compiled states of a flow: what the step function walks (internal).

Both readers (wamsg's own format and the Studio import) compile a definition into a
tuple of these nodes, indexed by position; an :class:`Exit` names its target by
position, so a step does no lookup by name. Texts with ``{{path}}`` placeholders are
compiled into :data:`Pieces` once, conditions into closures once.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime, timedelta

import attrs

from wamsg.content import Content
from wamsg.hours import BusinessHours
from wamsg.routing import MISSING, Path
from wamsg.templates import Template

__all__ = [
    "COLLECT",
    "CONDITION",
    "END",
    "HOURS",
    "ROUTE",
    "SEND",
    "SET",
    "START",
    "Branch",
    "Collect",
    "Decide",
    "EndNode",
    "Exit",
    "Hours",
    "Node",
    "Outgoing",
    "Pieces",
    "RouteNode",
    "Scope",
    "SendNode",
    "SetNode",
    "Start",
    "TemplatePlan",
    "Test",
    "Variable",
    "render_pieces",
    "text_of",
]

START = 0
SEND = 1
COLLECT = 2
CONDITION = 3
SET = 4
HOURS = 5
ROUTE = 6
END = 7

Variable = str | int | bool
"""A flow variable's value."""

Pieces = tuple[str | Path, ...]
"""A text with placeholders: literal parts and the paths whose values fill the gaps."""


class Scope:
    """What placeholders and conditions read during one step: variables and the context.

    The context (the last inbound message's routing context, plus ``variables``) is
    built only when something reads a path outside ``variables``.
    """

    __slots__ = ("_context", "_make", "variables", "variables_context")

    def __init__(
        self, variables: Mapping[str, Variable], make: Callable[[], dict[str, object]]
    ) -> None:
        self.variables = variables
        self.variables_context: Mapping[str, object] = {"variables": variables}
        """A context of the variables alone (for conditions that read nothing else)."""
        self._make = make
        self._context: dict[str, object] | None = None

    def context(self) -> dict[str, object]:
        """The full context (built once per scope)."""
        if self._context is None:
            context = self._make()
            context["variables"] = dict(self.variables)
            self._context = context
        return self._context

    def lookup(self, path: Path) -> object:
        """The value at ``path``: a variable directly, anything else in the context."""
        segments = path.segments
        if segments[0] == "variables" and len(segments) == 2:
            value = self.variables.get(segments[1])  # type: ignore[arg-type]
            return MISSING if value is None else value
        return path.lookup(self.context())


def text_of(value: object) -> str:
    """A looked-up value as placeholder text (missing: empty; booleans as JSON writes them)."""
    if value is MISSING:
        return ""
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, (str, int)):
        return str(value)
    return ""


def render_pieces(pieces: Pieces, scope: Scope) -> str:
    """The text of ``pieces`` with each placeholder filled from ``scope``."""
    return "".join(p if type(p) is str else text_of(scope.lookup(p)) for p in pieces)  # type: ignore[arg-type]


@attrs.frozen
class Exit:
    """Where a transition leads: a state (by position), or the end of the run.

    ``target`` is -1 for "end the run with ``end``" (Studio's missing ``next``);
    ``skill`` is a skill the transition adds to the run (Zoom's "map exit to skill").
    """

    target: int
    skill: str | None = None
    end: str | None = None


@attrs.frozen
class TemplatePlan:
    """A template to render at send time: its parameters as texts with placeholders.

    ``names`` holds the parameter names of a template with named parameters (one per
    ``body`` item), None for positional ones.
    """

    template: Template
    body: tuple[Pieces, ...]
    names: tuple[str, ...] | None = None
    header: Pieces | None = None


@attrs.frozen
class Outgoing:
    """What a send or a prompt sends: fixed content, or a text body with placeholders.

    ``free_form`` is false for a template (allowed outside the window); ``fallback`` is
    the template sent instead when the window is closed.
    """

    content: Content | None
    body: Pieces | None
    template: TemplatePlan | None
    free_form: bool
    fallback: TemplatePlan | None = None


@attrs.frozen
class Start:
    """The entry state."""

    kind = START
    name: str
    next: Exit


@attrs.frozen
class SendNode:
    """Send a message, then go on (``failed``: where a failure report of it leads)."""

    kind = SEND
    name: str
    message: Outgoing
    next: Exit
    failed: Exit | None = None
    window_closed: Exit | None = None


@attrs.frozen
class Collect:
    """Prompt, then wait for the customer's reply, a timeout, or a failure report.

    wamsg's format matches ``options`` (by interactive reply id in ``by_id``, by
    trimmed, case-folded text in ``by_text``) and counts no-matches up to
    ``retries``; an imported Studio wait takes any reply to ``reply`` and keeps the
    reply's text in ``widgets.<name>.inbound.*`` variables (``keep``).
    """

    kind = COLLECT
    name: str
    prompt: Outgoing
    timeout: timedelta
    on_timeout: Exit
    by_id: Mapping[str, int]
    by_text: Mapping[str, int]
    options: tuple[tuple[str, Exit], ...]
    no_match: Exit | None
    exhausted: Exit | None
    retries: int
    reply: Exit | None = None
    save_as: str | None = None
    keep: str | None = None
    failed: Exit | None = None
    window_closed: Exit | None = None


Test = Callable[[Scope, datetime], bool | None]


@attrs.frozen
class Branch:
    """One branch of a condition: its test, its exit, and its text (for the diagram)."""

    test: Test
    exit: Exit
    label: str = ""
    on_variables: Callable[[Mapping[str, object], datetime], bool | None] | None = None
    """The compiled test itself, for a condition that reads only ``variables``."""


@attrs.frozen
class Decide:
    """Branches tried in order, the first true one taken, else ``otherwise``."""

    kind = CONDITION
    name: str
    branches: tuple[Branch, ...]
    otherwise: Exit
    variables_only: bool = False
    """Every branch reads only ``variables`` (no context to build)."""


@attrs.frozen
class SetNode:
    """Set variables (a text with placeholders, or a JSON scalar), then go on."""

    kind = SET
    name: str
    values: tuple[tuple[str, Pieces | int | bool], ...]
    next: Exit


@attrs.frozen
class Hours:
    """Split on business hours at the step's time."""

    kind = HOURS
    name: str
    hours: BusinessHours
    open: Exit
    closed: Exit


@attrs.frozen
class RouteNode:
    """Route to a queue (or by the routing policy); then go on, or end (``routed``)."""

    kind = ROUTE
    name: str
    queue: str | None
    priority: int
    skills: tuple[str, ...]
    next: Exit | None = None


@attrs.frozen
class EndNode:
    """End the run with ``reason``."""

    kind = END
    name: str
    reason: str


Node = Start | SendNode | Collect | Decide | SetNode | Hours | RouteNode | EndNode
"""A compiled state."""
