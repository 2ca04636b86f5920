"""The shape of a flow's graph, checked at load: reachable states, capped loops (internal).

Both run in linear time in the number of states and exits. A loop is *capped* when
it passes through a collect state's ``no_match`` exit: that exit is taken at most
``retries`` times before ``exhausted`` leads out. Every other cycle would let a run
circle for ever (or until a guard stops it), so wamsg's format refuses it; an
imported Studio flow keeps Studio's semantics, where only the run-time guards stop
such a loop (the check is skipped for it).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator

import wamsg.flows._nodes as n
from wamsg.errors import ValidationError

__all__ = ["check_loops", "check_reachable", "exits_of"]


def exits_of(node: n.Node) -> Iterator[tuple[str, n.Exit, bool]]:
    """Each exit of ``node``: the key it is written under, the exit, whether it is capped."""
    if isinstance(node, (n.Start, n.SetNode)):
        yield "next", node.next, False
    elif isinstance(node, n.SendNode):
        yield "next", node.next, False
        for key, exit_ in (("failed", node.failed), ("window_closed", node.window_closed)):
            if exit_ is not None:
                yield key, exit_, False
    elif isinstance(node, n.Collect):
        for option_id, exit_ in node.options:
            yield f"options.{option_id}.next", exit_, False
        fixed = (
            ("reply", node.reply, False),
            ("timeout.next", node.on_timeout, False),
            ("no_match.next", node.no_match, True),
            ("no_match.exhausted", node.exhausted, False),
            ("failed", node.failed, False),
            ("window_closed", node.window_closed, False),
        )
        for key, maybe, capped in fixed:
            if maybe is not None:
                yield key, maybe, capped
    elif isinstance(node, n.Decide):
        for i, branch in enumerate(node.branches):
            yield f"branches[{i}].next", branch.exit, False
        yield "else", node.otherwise, False
    elif isinstance(node, n.Hours):
        yield "open", node.open, False
        yield "closed", node.closed, False
    elif isinstance(node, n.RouteNode) and node.next is not None:
        yield "next", node.next, False


def check_reachable(nodes: tuple[n.Node, ...], start: int, field: str = "states") -> None:
    """Every state can be reached from ``start``; else an error naming the first that cannot."""
    seen = [False] * len(nodes)
    seen[start] = True
    queue = deque([start])
    while queue:
        for _, exit_, _ in exits_of(nodes[queue.popleft()]):
            if exit_.target >= 0 and not seen[exit_.target]:
                seen[exit_.target] = True
                queue.append(exit_.target)
    for position, reached in enumerate(seen):
        if not reached:
            name = nodes[position].name
            raise ValidationError(
                f"state {name!r} cannot be reached from the start state",
                field=f"{field}.{name}",
            )


def check_loops(nodes: tuple[n.Node, ...], field: str = "states") -> None:
    """No cycle of uncapped exits (Kahn's algorithm); else an error naming one cycle."""
    edges: list[list[int]] = [[] for _ in nodes]
    sources: list[list[tuple[int, str]]] = [[] for _ in nodes]
    incoming = [0] * len(nodes)
    for position, node in enumerate(nodes):
        for key, exit_, capped in exits_of(node):
            if exit_.target >= 0 and not capped:
                edges[position].append(exit_.target)
                sources[exit_.target].append((position, key))
                incoming[exit_.target] += 1
    ready = deque(i for i, count in enumerate(incoming) if count == 0)
    done = 0
    while ready:
        position = ready.popleft()
        done += 1
        for target in edges[position]:
            incoming[target] -= 1
            if incoming[target] == 0:
                ready.append(target)
    if done == len(nodes):
        return
    # A state left over still has an uncapped edge coming in from a state left over:
    # walking those edges backwards must come round to a state already walked.
    left = [count > 0 for count in incoming]
    position = left.index(True)
    walked: dict[int, int] = {}
    back: list[tuple[int, str]] = []  # (source, key of its exit), walking backwards
    while position not in walked:
        walked[position] = len(back)
        source, key = next((s, k) for s, k in sources[position] if left[s])
        back.append((source, key))
        position = source
    cycle = back[walked[position] :][::-1]  # forwards: each (state, key of its exit)
    names = " → ".join(nodes[p].name for p, _ in cycle) + f" → {nodes[cycle[0][0]].name}"
    last, key = cycle[-1]
    raise ValidationError(
        f"state {nodes[last].name!r} closes a loop without a cap ({names}): only a collect "
        "state's no_match exit may lead back, capped by its retries",
        field=f"{field}.{nodes[last].name}.{key}",
    )
