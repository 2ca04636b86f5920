"""Import a Twilio Studio flow definition: :func:`import_studio` → :class:`StudioImport`.

Studio's published schema (``{"description", "initial_state", "flags", "states":
[{"name", "type", "properties", "transitions": [{"event", "next", "conditions"}]}]}``)
maps onto a :class:`~wamsg.flows.FlowDefinition` that keeps Studio's semantics:

- ``trigger``: its ``incomingMessage`` and ``incomingConversationMessage`` are both an
  inbound message (wired to two different widgets, the first is kept: one message
  starts one run);
- ``send-message``: a send (``body`` with Liquid references, ``media_url`` as the
  medium); ``sent`` and ``failed`` lead on;
- ``send-and-wait-for-reply``: a prompt that takes any reply (no no-match exit: a
  split does the matching), ``timeout`` seconds (3,600 by default), and
  ``deliveryFailure`` for a failed prompt; the reply is kept as
  ``widgets.<name>.inbound.Body`` (and ``ButtonPayload``);
- ``split-based-on``: ``match`` transitions tried in order (all conditions of one
  transition must hold), then ``noMatch``;
- ``set-variables``: ``flow.variables.<key>``;
- ``send-to-flex``: a route action whose queue is the widget's ``workflow`` (or its
  name) and whose priority is Studio's as given; ``callComplete`` leads on.

A transition without ``next`` ends the run [rule twilio.studio.missing-next]; a
free-form send while the customer service window is closed ends it with
``window_closed`` (Studio has no template fallback). A loop is not refused (Studio
allows it): the guards stop it. Widgets and predicates without an offline meaning make
the import fail with one :class:`~wamsg.errors.ValidationError` naming each widget
type; properties without one are listed in :attr:`StudioImport.unsupported`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import attrs

import wamsg.flows._nodes as n
from wamsg._internal import fields as check
from wamsg._internal.json import Json
from wamsg._internal.strict import listed, obj
from wamsg.errors import ValidationError
from wamsg.flows._graph import exits_of
from wamsg.flows._shape import check_name
from wamsg.flows._studio_import import EVENTS, Importer
from wamsg.flows.definition import Fallback, FlowDefinition
from wamsg.flows.guards import MAX_STATES

__all__ = ["StudioImport", "import_studio"]


def _parts(value: Iterable[str]) -> tuple[str, ...]:
    check.iterable(value, "unsupported")
    return tuple(check.text_of(part, "unsupported") for part in value)


@attrs.frozen
class StudioImport:
    """An imported Studio flow: the definition, and each part not carried over."""

    definition: FlowDefinition = attrs.field(validator=check.instance(FlowDefinition))
    unsupported: tuple[str, ...] = attrs.field(converter=_parts)
    """Each property or transition left out, as ``where: why``."""


def import_studio(
    flow: object,
    *,
    flow_id: str = "studio",
    version: str = "imported",
    fallback: str | None = None,
) -> StudioImport:
    """A Studio flow definition (already parsed from JSON) as a wamsg flow.

    ``fallback`` is the queue the guards route to; by default the queue of the first
    ``send-to-flex`` widget (none: a guard just ends the run). Raises
    :class:`~wamsg.errors.ValidationError` naming each unsupported widget type and
    predicate, or the widget and field of a malformed part.
    """
    top = obj(flow, "", ("description", "initial_state", "flags", "states"), whole="flow")
    states = listed(top, "states")
    if not 1 <= len(states) <= MAX_STATES:
        raise ValidationError(
            f"must hold 1 to {MAX_STATES} widgets", field="states", value=len(states)
        )
    index: dict[str, int] = {}
    unknown: list[str] = []
    widgets: list[Mapping[str, Json]] = []
    for i, item in enumerate(states):
        widget = obj(item, f"states[{i}]", ("name", "type", "properties", "transitions"))
        widgets.append(widget)
        name = check_name(widget.get("name"), f"states[{i}].name", "widget name")
        if name in index:
            raise ValidationError("names a widget twice", field=f"states[{i}].name", value=name)
        index[name] = i
        kind = widget.get("type")
        if not isinstance(kind, str) or kind not in EVENTS:
            unknown.append(f"{kind} ({name})")
    if unknown:
        raise ValidationError("unsupported Studio widgets: " + ", ".join(unknown), field="states")
    initial = top.get("initial_state")
    triggers = [i for i, widget in enumerate(widgets) if widget.get("type") == "trigger"]
    if len(triggers) != 1 or initial not in (None, widgets[triggers[0]].get("name")):
        raise ValidationError(
            "must be the name of the flow's one trigger widget",
            field="initial_state",
            value=initial,
        )
    importer = Importer(index)
    nodes = tuple(importer.widget(widget) for widget in widgets)
    if importer.problems.found:
        raise ValidationError(
            "unsupported Studio parts: " + "; ".join(importer.problems.found), field="states"
        )
    return _result(top, nodes, triggers[0], importer, flow_id, version, fallback)


def _unreachable(nodes: tuple[n.Node, ...], start: int) -> list[str]:
    seen = {start}
    todo = [start]
    while todo:
        for _, exit_, _ in exits_of(nodes[todo.pop()]):
            if exit_.target >= 0 and exit_.target not in seen:
                seen.add(exit_.target)
                todo.append(exit_.target)
    return [node.name for i, node in enumerate(nodes) if i not in seen]


def _result(
    top: Mapping[str, Json],
    nodes: tuple[n.Node, ...],
    start: int,
    importer: Importer,
    flow_id: str,
    version: str,
    fallback: str | None,
) -> StudioImport:
    compiled = nodes
    for name in _unreachable(compiled, start):
        importer.unsupported.append(f"states.{name}: no inbound message reaches it")
    if fallback is None:
        fallback = next(
            (node.queue for node in compiled if isinstance(node, n.RouteNode) and node.queue), None
        )
    description = top.get("description")
    definition = FlowDefinition(
        id=check_name(flow_id, "flow_id", "flow id"),
        version=version,
        fallback=None if fallback is None else Fallback(fallback),
        description=description if isinstance(description, str) and description else None,
        origin="studio",
        nodes=compiled,
    )
    return StudioImport(definition, tuple(importer.unsupported))
