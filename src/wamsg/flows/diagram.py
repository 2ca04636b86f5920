"""A flow drawn as text, generated from its definition: :func:`diagram`.

One block per state, in definition order: its type, its name and what it does, then
each exit with its target (``→ end`` for an exit that ends the run). Generated from the
compiled definition, so the drawing cannot drift from what runs.
"""

from __future__ import annotations

import wamsg.flows._nodes as n
from wamsg._internal import fields as check
from wamsg.flows.definition import FlowDefinition

__all__ = ["diagram"]

_SHOWN = 48


def _short(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= _SHOWN else line[: _SHOWN - 1] + "…"


def _pieces(pieces: n.Pieces) -> str:
    return "".join(p if isinstance(p, str) else "{{" + str(p) + "}}" for p in pieces)


def _what(message: n.Outgoing) -> str:
    if message.template is not None:
        plan = message.template
        return f"template {plan.template.name} ({plan.template.language})"
    if message.content is None:
        return f'text "{_short(_pieces(message.body or ()))}"'
    content = message.content
    body = getattr(content, "body", None) or getattr(content, "caption", None)
    if isinstance(body, str):
        return f'{content.kind} "{_short(body)}"'
    return content.kind


def _duration(seconds: float) -> str:
    whole = int(seconds)
    parts = [(whole // 3600, "h"), (whole % 3600 // 60, "m"), (whole % 60, "s")]
    return "".join(f"{count}{unit}" for count, unit in parts if count) or "0s"


def _target(nodes: tuple[n.Node, ...], exit_: n.Exit) -> str:
    where = f"end ({exit_.end})" if exit_.target < 0 else nodes[exit_.target].name
    return f"→ {where}" + (f"  +skill {exit_.skill}" if exit_.skill else "")


def _head(node: n.Node) -> str:
    if isinstance(node, n.SendNode):
        return f"{node.name}: sends {_what(node.message)}"
    if isinstance(node, n.Collect):
        waits = f"waits {_duration(node.timeout.total_seconds())}"
        return f"{node.name}: asks {_what(node.prompt)}, {waits}"
    if isinstance(node, n.Hours):
        return f"{node.name}: {node.hours.describe()}"
    if isinstance(node, n.RouteNode):
        queue = "by the routing policy" if node.queue is None else f"queue {node.queue}"
        skills = f", skills {', '.join(node.skills)}" if node.skills else ""
        return f"{node.name}: {queue}, priority {node.priority}{skills}"
    if isinstance(node, n.EndNode):
        return f"{node.name}: ends ({node.reason})"
    if isinstance(node, n.SetNode):
        return f"{node.name}: sets {', '.join(key for key, _ in node.values)}"
    return node.name


def _exits(node: n.Node) -> list[tuple[str, n.Exit | None]]:
    if isinstance(node, n.Collect):
        out: list[tuple[str, n.Exit | None]] = []
        for position, (option_id, exit_) in enumerate(node.options):
            texts = [repr(t) for t, i in node.by_text.items() if i == position]
            out.append(
                (f"option {option_id}" + (f" ({', '.join(texts)})" if texts else ""), exit_)
            )
        if node.reply is not None or node.keep is not None:
            out.append(("reply", node.reply))
        out.append(("timeout", node.on_timeout))
        if node.no_match is not None:
            out.append((f"no match (re-prompts up to {node.retries}x)", node.no_match))
            out.append(("retries exhausted", node.exhausted))
        out += [("failed", node.failed), ("window closed", node.window_closed)]
        return out
    if isinstance(node, n.Decide):
        return [*((b.label or "branch", b.exit) for b in node.branches), ("else", node.otherwise)]
    if isinstance(node, n.Hours):
        return [("open", node.open), ("closed", node.closed)]
    if isinstance(node, n.SendNode):
        return [
            ("next", node.next),
            ("failed", node.failed),
            ("window closed", node.window_closed),
        ]
    if isinstance(node, n.RouteNode):
        return (
            [("then", node.next)]
            if node.next is not None
            else [("then", n.Exit(-1, end="routed"))]
        )
    if isinstance(node, (n.Start, n.SetNode)):
        return [("next", node.next)]
    return []


def diagram(definition: FlowDefinition) -> str:
    """The definition drawn as text: each state, what it does, and where each exit leads."""
    check.argument(definition, FlowDefinition, "definition")
    nodes = definition.nodes
    lines = [f"{definition.id} (version {definition.version})"]
    for node in nodes:
        lines.append(f"[{definition.kind_of(node.name)}] {_head(node)}")
        exits = [(label, exit_) for label, exit_ in _exits(node) if exit_ is not None]
        for i, (label, exit_) in enumerate(exits):
            branch = "└─" if i == len(exits) - 1 else "├─"
            lines.append(f"  {branch} {label} {_target(nodes, exit_)}")
    return "\n".join(lines)
