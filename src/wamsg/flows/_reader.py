"""Read wamsg's own flow format strictly: :func:`load_flow`, :func:`read_flow`.

Every mistake is a :class:`~wamsg.errors.ValidationError` whose field names the state
and the key (``states.menu.no_match.retries``); keys a state type does not know are
refused, never ignored. The format is described in ``docs/flows.md``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime

import wamsg.flows._nodes as n
from wamsg._internal.json import Json
from wamsg._internal.strict import listed, obj, read_config, string
from wamsg.errors import ValidationError
from wamsg.flows._graph import check_loops, check_reachable
from wamsg.flows._outgoing import outgoing, pieces, template_outgoing, template_plan
from wamsg.flows._shape import (
    TOP,
    VARIABLE,
    check_name,
    e164_of,
    read_heads,
    read_priority,
)
from wamsg.flows.definition import Fallback, FlowDefinition
from wamsg.flows.guards import MAX_OPTIONS, MAX_RETRIES
from wamsg.hours import BusinessHours, hours_table
from wamsg.routing import (
    CompiledCondition,
    Path,
    RoutingPolicy,
    parse_condition,
    parse_duration,
)
from wamsg.templates import TemplateLibrary

__all__ = ["load_flow", "read_flow"]


def _branch_test(compiled: CompiledCondition, alone: bool) -> n.Test:
    """The test of a branch: over the variables alone when it reads nothing else."""
    test = compiled.test
    if alone:

        def on_variables(scope: n.Scope, at: datetime) -> bool | None:
            return test(scope.variables_context, at)

        return on_variables

    def on_context(scope: n.Scope, at: datetime) -> bool | None:
        return test(scope.context(), at)

    return on_context


_Raw = Callable[[Mapping[str, object], datetime], "bool | None"]
"""A compiled condition's own test (of a context)."""


class _Reader:
    """Compiles one state at a time; knows every state's position and the load options."""

    def __init__(
        self,
        index: dict[str, int],
        hours: dict[str, BusinessHours],
        policy: RoutingPolicy | None,
        templates: TemplateLibrary | None,
    ) -> None:
        self.index = index
        self.hours = hours
        self.policy = policy
        self.templates = templates
        # a condition written twice compiles once, and so does a placeholder
        self.tests: dict[str, tuple[n.Test, str, _Raw | None]] = {}
        self.paths: dict[str, Path] = {}

    def path(self, text: str, field: str) -> Path:
        found = self.paths.get(text)
        if found is None:
            found = self.paths[text] = Path.parse(text, field)
        return found

    def test(self, when: str | Mapping[str, Json], field: str) -> tuple[n.Test, str, _Raw | None]:
        found = self.tests.get(when) if isinstance(when, str) else None
        if found is None:
            condition = parse_condition(when, hours=self.hours, field=field)
            compiled = condition.compile(self.hours)
            alone = all(path.segments[0] == "variables" for path in condition.paths)
            found = _branch_test(compiled, alone), condition.text, compiled.test if alone else None
            if isinstance(when, str):
                self.tests[when] = found
        return found

    def target(self, value: Json, field: str, skill: str | None = None) -> n.Exit:
        if not isinstance(value, str) or value not in self.index:
            known = ", ".join(sorted(self.index)[:20])
            raise ValidationError(
                f"must name a state of this flow (known: {known})", field=field, value=value
            )
        return n.Exit(self.index[value], skill)

    def optional(self, data: Mapping[str, Json], key: str, field: str) -> n.Exit | None:
        return None if data.get(key) is None else self.target(data[key], f"{field}.{key}")

    def skill(self, data: Mapping[str, Json], field: str) -> str | None:
        value = data.get("skill")
        if value is None:
            return None
        return check_name(value, f"{field}.skill", "skill name")

    def message(self, data: Mapping[str, Json], key: str, field: str) -> n.Outgoing:
        fallback = None
        if data.get("template_fallback") is not None:
            fallback = template_plan(
                data["template_fallback"], f"{field}.template_fallback", self.templates, self.path
            )
        if key == "content" and data.get("template") is not None:
            if "content" in data:
                raise ValidationError(
                    "give content or template, not both", field=f"{field}.template"
                )
            plan = template_plan(data["template"], f"{field}.template", self.templates, self.path)
            return template_outgoing(plan)
        if key not in data:
            raise ValidationError("is required", field=f"{field}.{key}")
        message = outgoing(data[key], f"{field}.{key}", fallback=fallback, read=self.path)
        if fallback is not None and not message.free_form:
            raise ValidationError(
                "a template needs no template fallback", field=f"{field}.template_fallback"
            )
        return message

    def send(self, name: str, data: Mapping[str, Json], field: str) -> n.SendNode:
        return n.SendNode(
            name,
            self.message(data, "content", field),
            self.target(data.get("next"), f"{field}.next"),
            failed=self.optional(data, "failed", field),
            window_closed=self.optional(data, "window_closed", field),
        )

    def collect(self, name: str, data: Mapping[str, Json], field: str) -> n.Collect:
        by_id: dict[str, int] = {}
        by_text: dict[str, int] = {}
        options: list[tuple[str, n.Exit]] = []
        raw_options = listed(data, "options", field)
        if not 1 <= len(raw_options) <= MAX_OPTIONS:
            raise ValidationError(
                f"must hold 1 to {MAX_OPTIONS} options",
                field=f"{field}.options",
                value=len(raw_options),
            )
        for i, item in enumerate(raw_options):
            where = f"{field}.options[{i}]"
            option = obj(item, where, ("id", "text", "next", "skill"))
            option_id = string(option, "id", where)
            if option_id in by_id:
                raise ValidationError(
                    "names an option id twice", field=f"{where}.id", value=option_id
                )
            by_id[option_id] = i
            for j, text in enumerate(listed(option, "text", where)):
                if not isinstance(text, str) or not text.strip():
                    raise ValidationError(
                        "must be a non-empty text", field=f"{where}.text[{j}]", value=text
                    )
                key = text.strip().casefold()
                if by_text.setdefault(key, i) != i:
                    raise ValidationError(
                        "is already a text of another option",
                        field=f"{where}.text[{j}]",
                        value=text,
                    )
            exit_ = self.target(option.get("next"), f"{where}.next", self.skill(option, where))
            options.append((option_id, exit_))
        timeout = obj(data.get("timeout"), f"{field}.timeout", ("after", "next"))
        no_match = obj(data.get("no_match"), f"{field}.no_match", ("retries", "next", "exhausted"))
        retries = no_match.get("retries")
        if type(retries) is not int or not 0 <= retries <= MAX_RETRIES:
            raise ValidationError(
                f"must be an integer from 0 to {MAX_RETRIES} (re-prompts before exhausted)",
                field=f"{field}.no_match.retries",
                value=retries,
            )
        save_as = data.get("save_as")
        if save_as is not None and (
            not isinstance(save_as, str) or not VARIABLE.fullmatch(save_as)
        ):
            raise ValidationError(
                "must be a variable name (letters, digits, _)",
                field=f"{field}.save_as",
                value=save_as,
            )
        return n.Collect(
            name,
            self.message(data, "prompt", field),
            parse_duration(timeout.get("after"), f"{field}.timeout.after"),
            self.target(timeout.get("next"), f"{field}.timeout.next"),
            by_id,
            by_text,
            tuple(options),
            self.target(no_match.get("next"), f"{field}.no_match.next"),
            self.target(no_match.get("exhausted"), f"{field}.no_match.exhausted"),
            retries,
            save_as=save_as,
            failed=self.optional(data, "failed", field),
            window_closed=self.optional(data, "window_closed", field),
        )

    def condition(self, name: str, data: Mapping[str, Json], field: str) -> n.Decide:
        branches = []
        raw = listed(data, "branches", field)
        if not raw:
            raise ValidationError("must hold at least one branch", field=f"{field}.branches")
        for i, item in enumerate(raw):
            where = f"{field}.branches[{i}]"
            branch = obj(item, where, ("when", "next", "skill"))
            when = branch.get("when")
            if not isinstance(when, (str, Mapping)):
                raise ValidationError("must be a condition", field=f"{where}.when", value=when)
            test, text, on_variables = self.test(when, f"{where}.when")
            exit_ = self.target(branch.get("next"), f"{where}.next", self.skill(branch, where))
            branches.append(n.Branch(test, exit_, text, on_variables))
        otherwise = self.target(data.get("else"), f"{field}.else")
        alone = all(branch.on_variables is not None for branch in branches)
        return n.Decide(name, tuple(branches), otherwise, alone)

    def assign(self, name: str, data: Mapping[str, Json], field: str) -> n.SetNode:
        values = data.get("variables")
        if not isinstance(values, Mapping) or not values:
            raise ValidationError(
                "must map variable names to values", field=f"{field}.variables", value=values
            )
        out: list[tuple[str, n.Pieces | int | bool]] = []
        for key, value in values.items():
            where = f"{field}.variables.{key}"
            if not VARIABLE.fullmatch(str(key)):
                raise ValidationError("must be a variable name (letters, digits, _)", field=where)
            if isinstance(value, str):
                out.append((str(key), pieces(value, where, self.path)))
            elif isinstance(value, (bool, int)):
                out.append((str(key), value))
            else:
                raise ValidationError(
                    "must be a text, an integer or a boolean", field=where, value=value
                )
        return n.SetNode(name, tuple(out), self.target(data.get("next"), f"{field}.next"))

    def split_hours(self, name: str, data: Mapping[str, Json], field: str) -> n.Hours:
        hours_id = data.get("hours")
        if not isinstance(hours_id, str) or hours_id not in self.hours:
            raise ValidationError(
                "must name business hours of the flow's hours table",
                field=f"{field}.hours",
                value=hours_id,
            )
        return n.Hours(
            name,
            self.hours[hours_id],
            self.target(data.get("open"), f"{field}.open"),
            self.target(data.get("closed"), f"{field}.closed"),
        )

    def route(self, name: str, data: Mapping[str, Json], field: str) -> n.RouteNode:
        by_policy = data.get("policy", False)
        if by_policy not in (True, False):
            raise ValidationError(
                "must be true or false", field=f"{field}.policy", value=by_policy
            )
        queue = None
        if by_policy:
            if "queue" in data:
                raise ValidationError("give queue or policy, not both", field=f"{field}.queue")
            if self.policy is None:
                raise ValidationError(
                    "routes by a policy: load the flow with policy=...", field=f"{field}.policy"
                )
        else:
            queue = string(data, "queue", field)
        skills = []
        for i, skill in enumerate(listed(data, "skills", field)):
            skills.append(check_name(skill, f"{field}.skills[{i}]", "skill name"))
        return n.RouteNode(
            name,
            queue,
            read_priority(data, field),
            tuple(sorted(set(skills))),
            self.optional(data, "next", field),
        )

    def end(self, name: str, data: Mapping[str, Json], field: str) -> n.EndNode:
        reason = data.get("reason", "completed")
        return n.EndNode(name, check_name(reason, f"{field}.reason", "reason"))

    def state(self, name: str, kind: str, data: Mapping[str, Json], field: str) -> n.Node:
        if kind == "start":
            return n.Start(name, self.target(data.get("next"), f"{field}.next"))
        readers: dict[str, Callable[[str, Mapping[str, Json], str], n.Node]] = {
            "send": self.send,
            "collect": self.collect,
            "condition": self.condition,
            "set": self.assign,
            "hours": self.split_hours,
            "route": self.route,
            "end": self.end,
        }
        return readers[kind](name, data, field)


def load_flow(
    data: object,
    *,
    policy: RoutingPolicy | None = None,
    templates: TemplateLibrary | None = None,
) -> FlowDefinition:
    """The definition of a flow file of wamsg's format, already parsed from JSON.

    ``policy`` is the routing policy a ``route`` state with ``"policy": true`` decides
    by; ``templates`` the library its templates and template fallbacks come from.
    Every mistake is a :class:`~wamsg.errors.ValidationError` naming the state and the
    field (``states.menu.timeout.next``).
    """
    if policy is not None and not isinstance(policy, RoutingPolicy):
        raise ValidationError("must be a RoutingPolicy", field="policy", value=policy)
    if templates is not None and not isinstance(templates, TemplateLibrary):
        raise ValidationError("must be a TemplateLibrary", field="templates", value=templates)
    top = obj(data, "", TOP, whole="flow")
    flow_id = check_name(top.get("flow"), "flow", "flow id")
    version = string(top, "version", "")
    description = top.get("description")
    if description is not None and not isinstance(description, str):
        raise ValidationError("must be a text", field="description", value=description)
    numbers: list[str] = []
    for i, number in enumerate(listed(top, "numbers")):
        if not isinstance(number, str) or e164_of(number) != number:
            raise ValidationError(
                "must be an E.164 number such as +358401000001 (as events carry it)",
                field=f"numbers[{i}]",
                value=number,
            )
        numbers.append(number)
    fallback_data = obj(top.get("fallback"), "fallback", ("queue", "priority"))
    fallback = Fallback(
        string(fallback_data, "queue", "fallback"), read_priority(fallback_data, "fallback")
    )
    heads = read_heads(listed(top, "states"))
    index = {name: i for i, (name, _, _) in enumerate(heads)}
    reader = _Reader(index, hours_table(top.get("hours", {})), policy, templates)
    nodes = tuple(reader.state(name, kind, d, f"states.{name}") for name, kind, d in heads)
    start = next(i for i, (_, kind, _) in enumerate(heads) if kind == "start")
    check_reachable(nodes, start)
    check_loops(nodes)
    return FlowDefinition(
        id=flow_id,
        version=version,
        numbers=numbers,
        fallback=fallback,
        description=description,
        origin="wamsg",
        policy=policy,
        nodes=nodes,
    )


def read_flow(
    text: str | bytes,
    *,
    policy: RoutingPolicy | None = None,
    templates: TemplateLibrary | None = None,
) -> FlowDefinition:
    """The definition of a flow file's JSON text (a key named twice is refused)."""
    if not isinstance(text, (str, bytes)):
        raise ValidationError("must be the JSON text of a flow", field="definition", value=text)
    return load_flow(read_config(text, "definition"), policy=policy, templates=templates)
