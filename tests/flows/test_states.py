"""The other state types: conditions over the context, variables, business hours, routing."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from wamsg.content import ListMessage, TemplateRef
from wamsg.flows import End, Route, diagram, load_flow, step
from wamsg.routing import RuleStatus, load_policy
from wamsg.templates import TemplateLibrary

from .helpers import T0, inbound, kinds, sends

UTC = timezone.utc


def flow(*states: dict[str, Any], **top: Any) -> dict[str, Any]:
    return {
        "flow": "t",
        "version": "1",
        "fallback": {"queue": "everyone"},
        "states": [{"name": "start", "type": "start", "next": states[0]["name"]}, *states],
        **top,
    }


def test_a_condition_reads_the_message_context_and_the_caller_s_attributes() -> None:
    definition = load_flow(
        flow(
            {
                "name": "vip",
                "type": "condition",
                "branches": [
                    {
                        "when": "customer.tier == 'gold' and text contains 'order'",
                        "next": "to_vip",
                        "skill": "vip",
                    }
                ],
                "else": "to_all",
            },
            {"name": "to_vip", "type": "route", "queue": "vip", "priority": 10},
            {"name": "to_all", "type": "route", "queue": "everyone"},
        )
    )
    event = inbound("Where is my order?")
    actions, _ = step(definition, None, event, at=T0, customer={"tier": "gold"})
    assert actions[0] == Route(queue="vip", priority=10, skills=("vip",))
    actions, _ = step(definition, None, event, at=T0, customer={"tier": "silver"})
    assert actions[0] == Route(queue="everyone")


def test_set_variables_fill_placeholders_and_conditions_read_them() -> None:
    definition = load_flow(
        flow(
            {
                "name": "remember",
                "type": "set",
                "variables": {"who": "{{customer.name}}", "count": 2, "known": True},
                "next": "hello",
            },
            {
                "name": "hello",
                "type": "send",
                "content": {
                    "kind": "text",
                    "body": "Hi {{variables.who}} ({{variables.count}}, "
                    "{{variables.known}}, {{variables.nope}})",
                },
                "next": "check",
            },
            {
                "name": "check",
                "type": "condition",
                "branches": [
                    {"when": "variables.count >= 2 and variables.known == true", "next": "bye"}
                ],
                "else": "nope",
            },
            {"name": "nope", "type": "end", "reason": "not_greeted"},
            {"name": "bye", "type": "end", "reason": "greeted"},
        )
    )
    actions, run = step(definition, None, inbound("Hi"), at=T0)
    assert sends(actions)[0].content.body == "Hi Sheena Nelson (2, true, )"  # type: ignore[union-attr]
    assert actions[-1] == End("greeted")
    assert run is not None
    assert dict(run.variables) == {
        "who": "Sheena Nelson",
        "count": 2,
        "known": True,
    }


def test_an_hours_split_takes_open_or_closed_at_the_step_s_time() -> None:
    definition = load_flow(
        flow(
            {
                "name": "office",
                "type": "hours",
                "hours": "helsinki",
                "open": "to_desk",
                "closed": "after_hours",
            },
            {"name": "to_desk", "type": "route", "queue": "desk"},
            {"name": "after_hours", "type": "route", "queue": "after-hours"},
            hours={
                "helsinki": {
                    "timezone": "Europe/Helsinki",
                    "weekly": "Mon-Fri 09:00-17:00",
                    "closed": ["2026-12-24"],
                }
            },
        )
    )
    friday_noon = datetime(2026, 11, 27, 10, tzinfo=UTC)
    late = datetime(2026, 11, 27, 15, 5, tzinfo=UTC)
    christmas = datetime(2026, 12, 24, 10, tzinfo=UTC)
    assert step(definition, None, inbound("Hi"), at=friday_noon)[0][0] == Route(queue="desk")
    assert step(definition, None, inbound("Hi"), at=late)[0][0] == Route(queue="after-hours")
    assert step(definition, None, inbound("Hi"), at=christmas)[0][0] == Route(queue="after-hours")


def test_a_route_by_policy_carries_the_decision_and_its_trace() -> None:
    policy = load_policy(
        {
            "version": "2026-12-01",
            "queues": [{"id": "sales"}, {"id": "everyone"}],
            "rules": [
                {
                    "id": "vip",
                    "when": "customer.tier == 'vip'",
                    "route": [{"queue": "sales", "priority": 7, "skills": {"en": 2}}],
                }
            ],
            "fallback": "everyone",
        }
    )
    definition = load_flow(
        flow({"name": "decide", "type": "route", "policy": True, "skills": ["whatsapp"]}),
        policy=policy,
    )
    actions, run = step(definition, None, inbound("Hi"), at=T0, customer={"tier": "vip"})
    route = actions[0]
    assert isinstance(route, Route)
    assert (route.queue, route.priority, route.skills) == ("sales", 7, ("en", "whatsapp"))
    assert [(e.rule, e.status) for e in route.trace] == [("vip", RuleStatus.MATCHED)]
    assert route.to_dict()["trace"] == [{"stage": "route", "rule": "vip", "status": "matched"}]
    assert run is not None
    assert run.ended == "routed"


def test_a_route_with_next_goes_on_after_routing() -> None:
    definition = load_flow(
        flow(
            {"name": "to_desk", "type": "route", "queue": "desk", "next": "tell"},
            {
                "name": "tell",
                "type": "send",
                "content": {"kind": "text", "body": "An agent is coming."},
                "next": "done",
            },
            {"name": "done", "type": "end"},
        )
    )
    actions, _ = step(definition, None, inbound("Hi"), at=T0)
    assert kinds(actions) == ["route", "send", "end"]


def test_lists_media_and_templates_are_sent_as_given() -> None:
    library = TemplateLibrary.from_dicts(
        [
            {
                "name": "welcome",
                "language": "fi",
                "category": "MARKETING",
                "status": "APPROVED",
                "components": [
                    {
                        "type": "BODY",
                        "text": "Tervetuloa {{1}}!",
                        "example": {"body_text": [["Aino"]]},
                    }
                ],
            }
        ]
    )
    listing = {
        "kind": "list",
        "body": "Pick a topic",
        "button": "Topics",
        "sections": [
            {"rows": [{"id": "billing", "title": "Billing"}, {"id": "orders", "title": "Orders"}]}
        ],
    }
    definition = load_flow(
        flow(
            {
                "name": "welcome",
                "type": "send",
                "template": {"name": "welcome", "language": "fi", "body": ["{{customer.name}}"]},
                "next": "photo",
            },
            {
                "name": "photo",
                "type": "send",
                "content": {"kind": "image", "url": "https://example.com/a.jpg", "caption": "Hi"},
                "next": "topics",
            },
            {
                "name": "topics",
                "type": "collect",
                "prompt": listing,
                "options": [{"id": "billing", "next": "done"}, {"id": "orders", "next": "done"}],
                "timeout": {"after": "30m", "next": "done"},
                "no_match": {"retries": 0, "next": "topics", "exhausted": "done"},
            },
            {"name": "done", "type": "end"},
        ),
        templates=library,
    )
    actions, _ = step(definition, None, inbound("Hi"), at=T0)
    template, photo, topics = sends(actions)
    assert isinstance(template.content, TemplateRef)
    assert template.content.language == "fi"
    assert photo.content.kind == "image"
    assert isinstance(topics.content, ListMessage)
    assert "template welcome (fi)" in diagram(definition)
