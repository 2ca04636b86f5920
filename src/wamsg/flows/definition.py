"""A validated flow definition: :class:`FlowDefinition`, and where it routes when a guard fires.

A definition is built by :func:`~wamsg.flows.load_flow` (wamsg's own JSON format) or
:func:`~wamsg.flows.import_studio` (a Twilio Studio flow); both validate everything at
load, so a definition that exists can be run: unique state names, known targets,
every state reachable from the start, every wait with its exits, bounded retries and
no loop without a cap. It holds its states compiled (conditions as closures, texts
split at their placeholders), the routing policy and templates it needs, and answers
which business numbers it is bound to (:meth:`FlowDefinition.binds`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import attrs

import wamsg.flows._nodes as n
from wamsg._internal import fields as check
from wamsg._internal.json import JsonObject
from wamsg.errors import ValidationError
from wamsg.identity import PhoneNumber
from wamsg.routing import MAX_PRIORITY, RoutingPolicy

__all__ = ["Fallback", "FlowDefinition"]


def _priority(_instance: object, _attribute: object, value: object) -> None:
    if type(value) is not int or not 0 <= value <= MAX_PRIORITY:
        raise ValidationError(
            f"must be an integer from 0 to {MAX_PRIORITY}", field="fallback.priority", value=value
        )


@attrs.frozen
class Fallback:
    """Where a run goes when a guard ends it: a queue and a priority (higher is more urgent)."""

    queue: str = attrs.field(validator=check.text)
    priority: int = attrs.field(default=0, validator=_priority)

    def to_dict(self) -> JsonObject:
        """``{"queue", "priority"}``."""
        return {"queue": self.queue, "priority": self.priority}


def _numbers(value: Iterable[str]) -> frozenset[str]:
    if isinstance(value, str) or not isinstance(value, (tuple, list, set, frozenset)):
        raise ValidationError(
            "must be a collection of E.164 numbers", field="numbers", value=value
        )
    out = set()
    for number in value:
        if not isinstance(number, str) or PhoneNumber.parse(number).e164 != number:
            raise ValidationError(
                "must be an E.164 number such as +358401000001", field="numbers", value=number
            )
        out.add(number)
    return frozenset(out)


def _origin(_instance: object, _attribute: object, value: object) -> None:
    if value not in ("wamsg", "studio") or type(value) is not str:
        raise ValidationError("must be 'wamsg' or 'studio'", field="origin", value=value)


def _nodes_of(value: tuple[n.Node, ...]) -> tuple[n.Node, ...]:
    kinds = (n.Start, n.SendNode, n.Collect, n.Decide, n.SetNode, n.Hours, n.RouteNode, n.EndNode)
    if not isinstance(value, tuple) or not value or not all(isinstance(v, kinds) for v in value):
        raise ValidationError(
            "must be compiled states: build a definition with load_flow or import_studio",
            field="nodes",
        )
    return value


@attrs.frozen(kw_only=True, eq=False, repr=False)
class FlowDefinition:
    """A flow ready to run: its id and version, the numbers it is bound to, its states.

    ``numbers`` empty means every business number; ``fallback`` is where a run goes
    when a guard ends it (None: it just ends); ``origin`` is ``wamsg`` or ``studio``
    (an imported Studio flow keeps Studio's semantics: a missing ``next`` ends the
    run). Build one with :func:`~wamsg.flows.load_flow` or
    :func:`~wamsg.flows.import_studio`.
    """

    id: str = attrs.field(validator=check.text)
    version: str = attrs.field(validator=check.text)
    numbers: frozenset[str] = attrs.field(default=frozenset(), converter=_numbers)
    fallback: Fallback | None = attrs.field(default=None, validator=check.opt_instance(Fallback))
    description: str | None = attrs.field(default=None, validator=check.opt_text)
    origin: str = attrs.field(default="wamsg", validator=_origin)
    policy: RoutingPolicy | None = attrs.field(
        default=None, validator=check.opt_instance(RoutingPolicy)
    )
    nodes: tuple[n.Node, ...] = attrs.field(converter=_nodes_of, alias="nodes")
    _index: Mapping[str, int] = attrs.field(init=False)
    start: int = attrs.field(init=False)
    entry: n.Exit = attrs.field(init=False, repr=False)

    def __attrs_post_init__(self) -> None:
        index: dict[str, int] = {}
        for position, node in enumerate(self.nodes):
            if node.name in index:
                raise ValidationError("names a state twice", field="nodes", value=node.name)
            index[node.name] = position
        starts = [i for i, node in enumerate(self.nodes) if isinstance(node, n.Start)]
        if len(starts) != 1:
            raise ValidationError(
                "needs exactly one start state", field="nodes", value=len(starts)
            )
        object.__setattr__(self, "_index", index)
        object.__setattr__(self, "start", starts[0])
        object.__setattr__(self, "entry", n.Exit(starts[0]))

    @property
    def states(self) -> tuple[str, ...]:
        """The state names, in definition order."""
        return tuple(node.name for node in self.nodes)

    def position(self, state: str) -> int | None:
        """The position of ``state`` in :attr:`states` (None for a name it does not have)."""
        return self._index.get(state) if isinstance(state, str) else None

    def kind_of(self, state: str) -> str | None:
        """The type of ``state`` in wamsg's format (``collect``, ``route`` …), or None."""
        position = self.position(state)
        return None if position is None else _KIND_NAMES[self.nodes[position].kind]

    def binds(self, business: PhoneNumber | None) -> bool:
        """Whether an inbound message to ``business`` may start a run of this flow."""
        check.opt_argument(business, PhoneNumber, "business")
        if not self.numbers:
            return True
        return business is not None and business.e164 in self.numbers

    def __repr__(self) -> str:
        return f"FlowDefinition({self.id!r}, version={self.version!r}, states={len(self.nodes)})"


_KIND_NAMES = ("start", "send", "collect", "condition", "set", "hours", "route", "end")
