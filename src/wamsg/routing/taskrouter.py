"""Import a Twilio TaskRouter workflow configuration, to run an existing workflow offline.

TaskRouter's workflow configuration (``{"task_routing": {"filters": [...],
"default_filter": {"queue": ...}}}``) maps onto a :class:`~wamsg.routing.RoutingPolicy`:

- each filter becomes a routing rule, in order (first match wins in both); its
  ``expression`` reads the task's attributes, which are wamsg's routing context
  (``business``, ``customer.tier``, …: give the task the context's paths);
- each target becomes a step: ``queue`` (later targets inherit it, as in
  TaskRouter), ``priority`` (kept by later steps unless they set one), ``timeout``
  (seconds in the step, the step's ``wait``) and ``expression`` (the agent
  condition: ``task.x`` reads the context's ``x``; ``worker.sid`` and
  ``worker.friendly_name`` read ``agent.id``, ``worker.skills.*`` the agent's
  skills, any other ``worker.x`` the agent's attribute ``x``);
- ``known_worker_sid`` / ``known_worker_friendly_name`` make the step offer the item
  to ``conversation.last_agent`` first (the known agent of a wamsg context);
- ``default_filter.queue`` becomes the fallback; each queue sid becomes a queue with
  TaskRouter's default order, longest idle first;
- ``x == null`` / ``x != null`` become ``is null`` / ``is not null``; ``1==1`` is
  always true (``true``).

What has no meaning offline or no counterpart is **reported** in
:attr:`TaskRouterImport.unsupported` (``filters[0].targets[1].order_by``), never
dropped silently: ``order_by``, ``skip_if``, ``taskrouter.*`` time-of-day
attributes (UTC-only; use a policy's business hours instead), ``workers.*`` counts.
A filter whose expression reads those never matches (so it cannot take every
conversation away from the filters after it); a target expression that reads them is
left out (any agent of the queue).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from typing import cast

import attrs

from wamsg._internal import fields as check
from wamsg._internal.json import Json
from wamsg._internal.strict import listed, obj
from wamsg.errors import ValidationError
from wamsg.routing.condition import Condition, parse_condition
from wamsg.routing.parts import MAX_PRIORITY, Queue, Rule, Step
from wamsg.routing.policy import RoutingPolicy
from wamsg.routing.work import Strategy

__all__ = ["TaskRouterImport", "import_taskrouter"]

_TARGET_KEYS = (
    "queue",
    "priority",
    "timeout",
    "expression",
    "order_by",
    "skip_if",
    "known_worker_sid",
    "known_worker_friendly_name",
)
_UNSUPPORTED_TARGET = ("order_by", "skip_if")
_WORKER_BUILTINS = {"sid": ("id",), "friendly_name": ("id",), "skills": ("skills",)}
_TIME_OF_DAY = ("taskrouter.",)


@attrs.frozen
class TaskRouterImport:
    """An imported workflow: the policy, and every part that could not be carried over."""

    policy: RoutingPolicy = attrs.field(validator=check.instance(RoutingPolicy))
    unsupported: tuple[str, ...] = attrs.field(
        converter=check.as_tuple, validator=check.tuple_of(str)
    )
    """Each part left out, as ``field: why``."""

    def __attrs_post_init__(self) -> None:
        for index, part in enumerate(self.unsupported):
            check.text_of(part, f"unsupported[{index}]")


def _nulls(text: str) -> str:
    """``x == null`` → ``x is null``; ``x != null`` → ``x is not null`` (outside quotes)."""
    out: list[str] = []
    i, quote = 0, ""
    while i < len(text):
        char = text[i]
        if quote:
            out.append(char)
            if char == "\\" and i + 1 < len(text):
                out.append(text[i + 1])
                i += 1
            elif char == quote:
                quote = ""
            i += 1
            continue
        if char in "'\"":
            quote = char
        for operator, replacement in (("==", " is null"), ("!=", " is not null")):
            if text.startswith(operator, i):
                rest = text[i + 2 :].lstrip()
                if rest[:4].lower() == "null" and not rest[4:5].isalnum() and rest[4:5] != "_":
                    out.append(replacement)
                    i = len(text) - len(rest) + 4
                    break
        else:
            out.append(char)
            i += 1
    return "".join(out)


def _always(text: str) -> bool:
    return "".join(text.split()).lower() in ("1==1", "true", "")


_ALWAYS = parse_condition("true")
_NEVER = parse_condition("false")


def _rewrite_paths(node: Json, worker: bool) -> Json:
    """The JSON form with TaskRouter's ``task.`` and ``worker.`` paths made wamsg's."""
    if isinstance(node, list):
        return [_rewrite_paths(item, worker) for item in node]
    if not isinstance(node, Mapping):
        return node
    out = {}
    for key, value in node.items():
        if key in ("path", "ref") and isinstance(value, str) and worker:
            value = _target_path(value)
        out[key] = _rewrite_paths(value, worker)
    return out


def _target_path(path: str) -> str:
    if path.startswith("task."):
        return path[len("task.") :]
    if path.startswith("worker."):
        head, _, rest = path[len("worker.") :].partition(".")
        mapped = _WORKER_BUILTINS.get(head)
        if mapped is not None:
            return ".".join(("agent", *mapped, *([rest] if rest else [])))
        return f"agent.attributes.{head}" + (f".{rest}" if rest else "")
    return path


class _Importer:
    def __init__(self) -> None:
        self.unsupported: list[str] = []
        self.queues: dict[str, Queue] = {}

    def condition(self, text: Json, field: str, *, worker: bool) -> Condition | None:
        """The condition of ``text``; None when it is always true or left out (a
        target's agent condition), :data:`_NEVER` for a filter left out."""
        if not isinstance(text, str):
            raise ValidationError("must be an expression string", field=field, value=text)
        if _always(text):
            return None
        if any(marker in text for marker in _TIME_OF_DAY) or "workers." in text:
            self.unsupported.append(
                f"{field}: taskrouter.* and workers.* attributes are not supported "
                "(use a policy's business hours); "
                + ("left out" if worker else "the filter never matches")
            )
            return None if worker else _NEVER
        parsed = parse_condition(_nulls(text), field=field)
        if worker:
            rewritten = _rewrite_paths(cast(Json, parsed.to_json()), worker=True)
            parsed = parse_condition(cast(Mapping[str, object], rewritten), field=field)
        return parsed

    def queue(self, sid: Json, field: str) -> str:
        if not isinstance(sid, str) or not sid.strip():
            raise ValidationError("must name a queue", field=field, value=sid)
        self.queues.setdefault(sid, Queue(sid, strategy=Strategy.LONGEST_IDLE))
        return sid

    def target(self, value: Json, field: str, inherited: str | None) -> Step:
        data = obj(value, field, _TARGET_KEYS)
        for key in _UNSUPPORTED_TARGET:
            if key in data:
                self.unsupported.append(f"{field}.{key}: not supported offline (left out)")
        if "queue" in data:
            queue = self.queue(data["queue"], f"{field}.queue")
        elif inherited is None:
            raise ValidationError("the first target must name a queue", field=f"{field}.queue")
        else:
            queue = inherited
        priority = data.get("priority")
        if priority is not None and (
            type(priority) is not int or not 0 <= priority <= MAX_PRIORITY
        ):
            raise ValidationError("must be a priority", field=f"{field}.priority", value=priority)
        timeout = data.get("timeout")
        if timeout is not None and (type(timeout) is not int or not 0 < timeout <= 1_209_600):
            raise ValidationError(
                "must be seconds from 1 to 1,209,600", field=f"{field}.timeout", value=timeout
            )
        expression = data.get("expression")
        agents = (
            None
            if expression is None
            else self.condition(expression, f"{field}.expression", worker=True)
        )
        known = "known_worker_sid" in data or "known_worker_friendly_name" in data
        if known:
            self.unsupported.append(
                f"{field}.known_worker_*: the known agent is the context's "
                "conversation.last_agent, whatever task attribute was named"
            )
        return Step(
            queue=queue,
            priority=priority,
            wait=None if timeout is None else timedelta(seconds=timeout),
            agents=agents,
            last_agent=known,
        )

    def rule(self, value: Json, field: str, index: int) -> Rule:
        data = obj(value, field, ("filter_friendly_name", "expression", "targets"))
        name = data.get("filter_friendly_name")
        when = self.condition(data.get("expression", "1==1"), f"{field}.expression", worker=False)
        targets = listed(data, "targets", field)
        if not targets:
            raise ValidationError("needs at least one target", field=f"{field}.targets")
        steps: list[Step] = []
        for t, target in enumerate(targets):
            inherited = steps[-1].queue if steps else None
            steps.append(self.target(target, f"{field}.targets[{t}]", inherited))
        rule_id = name if isinstance(name, str) and name.strip() else f"filter-{index}"
        return Rule(
            id=rule_id,
            when=when if when is not None else _ALWAYS,
            route=tuple(steps),
        )


def import_taskrouter(data: object, *, version: str = "taskrouter") -> TaskRouterImport:
    """The policy of a TaskRouter workflow configuration (parsed JSON).

    Errors in the workflow itself are :class:`~wamsg.ValidationError` naming the
    field (``task_routing.filters[1].targets[0].queue``); parts with no offline
    counterpart are listed in :attr:`TaskRouterImport.unsupported`.
    """
    top = obj(data, "", ("task_routing",), whole="workflow")
    routing = obj(top.get("task_routing"), "task_routing", ("filters", "default_filter"))
    importer = _Importer()
    rules = []
    seen: set[str] = set()
    for i, spec in enumerate(listed(routing, "filters", "task_routing")):
        rule = importer.rule(spec, f"task_routing.filters[{i}]", i)
        if rule.id in seen:
            rule = attrs.evolve(rule, id=f"{rule.id} ({i})")
        seen.add(rule.id)
        rules.append(rule)
    default = obj(routing.get("default_filter"), "task_routing.default_filter", ("queue",))
    fallback = importer.queue(default.get("queue"), "task_routing.default_filter.queue")
    policy = RoutingPolicy(version=version, queues=importer.queues, fallback=fallback, rules=rules)
    return TaskRouterImport(policy, tuple(importer.unsupported))
