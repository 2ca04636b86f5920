"""The edges: each reader's refusals, the values' own checks, the less travelled exits."""

from __future__ import annotations

import copy
from datetime import datetime, timedelta
from typing import Any

import pytest

import wamsg.flows._nodes as nodes
from wamsg.content import ButtonReply, Image, TemplateRef, Text
from wamsg.errors import ValidationError
from wamsg.events import event_from_dict
from wamsg.flows import (
    AgentJoined,
    Cancel,
    End,
    Fallback,
    FlowDefinition,
    FlowLine,
    FlowRun,
    FlowStream,
    Route,
    Send,
    SendFailed,
    SetTimer,
    StudioImport,
    TimerFired,
    diagram,
    flow_event_from_dict,
    import_studio,
    load_flow,
    read_flow,
    step,
)
from wamsg.templates import TemplateLibrary
from wamsg.window import WindowState

from .helpers import SALES_LINE, SHEENA, SUPPORT_LINE, T0, ZOOM, changed, inbound, studio_data
from .helpers import zoom_data as zoom

LIBRARY = TemplateLibrary.from_dicts(
    [
        {
            "name": "named",
            "language": "en_US",
            "category": "UTILITY",
            "status": "APPROVED",
            "parameter_format": "NAMED",
            "components": [
                {
                    "type": "BODY",
                    "text": "Hi {{who}}!",
                    "example": {"body_text_named_params": [{"param_name": "who", "example": "A"}]},
                }
            ],
        }
    ]
)


def refused(data: object, **options: Any) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        load_flow(data, **options)
    return caught.value


@pytest.mark.parametrize(
    ("state", "keys", "field"),
    [
        ("greeting", {"content": "hello"}, "states.greeting.content"),
        ("greeting", {"content": None}, "states.greeting.content"),
        ("greeting", {"template": {"name": "named"}}, "states.greeting.template"),
        ("greeting", {"template_fallback": 3}, "states.greeting.template_fallback"),
        ("greeting", {"template_fallback": {"nam": "x"}}, "states.greeting.template_fallback.nam"),
        (
            "greeting",
            {"template_fallback": {"name": ""}},
            "states.greeting.template_fallback.name",
        ),
        (
            "greeting",
            {"template_fallback": {"name": "named", "language": 5}},
            "states.greeting.template_fallback.language",
        ),
        (
            "greeting",
            {"template_fallback": {"name": "named", "header": 1}},
            "states.greeting.template_fallback.header",
        ),
        (
            "greeting",
            {"template_fallback": {"name": "named", "body": [1]}},
            "states.greeting.template_fallback.body[0]",
        ),
        (
            "greeting",
            {"template_fallback": {"name": "named", "body": {"who": 1}}},
            "states.greeting.template_fallback.body.who",
        ),
        (
            "greeting",
            {"template_fallback": {"name": "named", "body": "x"}},
            "states.greeting.template_fallback.body",
        ),
        ("menu", {"options": []}, "states.menu.options"),
        ("menu", {"options": [{"id": "a", "next": "choice"}] * 2}, "states.menu.options[1].id"),
        (
            "menu",
            {"options": [{"id": "a", "text": [""], "next": "choice"}]},
            "states.menu.options[0].text[0]",
        ),
        ("menu", {"save_as": "the choice"}, "states.menu.save_as"),
        ("menu", {"prompt": None}, "states.menu.prompt"),
        ("choice", {"branches": []}, "states.choice.branches"),
        ("choice", {"branches": [{"when": 3, "next": "menu"}]}, "states.choice.branches[0].when"),
        ("route_to_sales", {"queue": "x", "policy": True}, "states.route_to_sales.queue"),
        ("route_to_sales", {"policy": "yes"}, "states.route_to_sales.policy"),
        ("route_to_sales", {"priority": -1}, "states.route_to_sales.priority"),
        ("route_to_sales", {"skills": ["a b"]}, "states.route_to_sales.skills[0]"),
        (
            "menu",
            {"options": [{"id": "a", "next": "choice", "skill": "a b"}]},
            "states.menu.options[0].skill",
        ),
    ],
)
def test_each_malformed_key_is_refused_naming_it(
    state: str, keys: dict[str, Any], field: str
) -> None:
    data = changed(zoom(), state, **{k: v for k, v in keys.items() if v is not None})
    if keys.get("prompt", 0) is None or keys.get("content", 0) is None:
        for key in ("prompt", "content"):
            data["states"][[s["name"] for s in data["states"]].index(state)].pop(key, None)
    assert refused(data, templates=LIBRARY).field == field


def test_both_content_and_template_are_refused() -> None:
    data = changed(zoom(), "greeting", template={"name": "named", "body": {"who": "x"}})
    assert refused(data, templates=LIBRARY).field == "states.greeting.template"
    fallback = {"name": "named", "body": {"who": "x"}}
    template = {"kind": "template", "template": {"name": "t", "language": "en_US"}}
    data = changed(zoom(), "greeting", content=template, template_fallback=fallback)
    assert refused(data, templates=LIBRARY).field == "states.greeting.template_fallback"


def test_set_variables_are_checked() -> None:
    base = zoom()
    base["states"][0]["next"] = "remember"
    base["states"].append({"name": "remember", "type": "set", "variables": {}, "next": "greeting"})
    assert refused(base).field == "states.remember.variables"
    for bad, field in (
        ({"a b": 1}, "states.remember.variables.a b"),
        ({"x": 1.5}, "states.remember.variables.x"),
    ):
        data = copy.deepcopy(base)
        data["states"][-1]["variables"] = bad
        assert refused(data).field == field


def test_load_options_and_text_are_checked() -> None:
    assert refused(zoom(), policy="p").field == "policy"
    assert refused(zoom(), templates=[]).field == "templates"
    assert refused({**zoom(), "description": 3}).field == "description"
    with pytest.raises(ValidationError):
        read_flow(None)  # type: ignore[arg-type]
    assert refused(
        {**zoom(), "hours": {"x": {"timezone": "Mars/Base", "weekly": "Mon 09:00-17:00"}}}
    ).field.startswith("hours.x")
    assert (
        refused(
            {
                **zoom(),
                "hours": {
                    "x": {"timezone": "UTC", "weekly": "Mon 09:00-17:00", "closed": ["soon"]}
                },
            }
        ).field
        == "hours.x.closed[0]"
    )


def test_too_many_placeholders_and_bad_content_shapes() -> None:
    body = "Hi " + "{{text}} " * 60
    assert refused(changed(zoom(), "greeting", content={"kind": "text", "body": body})).field == (
        "states.greeting.content.body"
    )
    assert (
        refused(changed(zoom(), "greeting", content=["text"])).field == "states.greeting.content"
    )


def test_named_template_sends_render_at_step_time_and_an_empty_value_ends_the_run() -> None:
    data = changed(
        zoom(),
        "greeting",
        content=None,
        template={"name": "named", "body": {"who": "{{customer.name}}"}},
    )
    definition = load_flow(data, templates=LIBRARY)
    actions, _ = step(definition, None, inbound("Hi"), at=T0)
    sent = actions[0]
    assert isinstance(sent, Send)
    assert isinstance(sent.content, TemplateRef)
    assert sent.content.components[0]["parameters"] == [
        {"type": "text", "parameter_name": "who", "text": "Sheena Nelson"}
    ]
    assert "template named (en_US)" in diagram(definition)
    nameless = inbound("Hi", customer=type(SHEENA)(phone="+16505550000"))
    actions, _ = step(definition, None, nameless, at=T0)
    assert actions == (End("template_failed"),)


def test_the_values_check_their_own_fields() -> None:
    with pytest.raises(ValidationError):
        Fallback("q", priority=-1)
    assert Fallback("q", 3).to_dict() == {"queue": "q", "priority": 3}
    with pytest.raises(ValidationError):
        Route(queue="q", skills="sales")
    with pytest.raises(ValidationError):
        Route(queue="q", skills=[""])
    with pytest.raises(ValidationError):
        Route(queue="q", priority=True)
    with pytest.raises(ValidationError):
        FlowDefinition(id="x", version="1", nodes=())
    with pytest.raises(ValidationError):
        FlowDefinition(id="x", version="1", numbers="+15550783881", nodes=ZOOM.nodes)
    with pytest.raises(ValidationError):
        FlowDefinition(id="x", version="1", numbers=["123"], nodes=ZOOM.nodes)
    with pytest.raises(ValidationError):
        FlowDefinition(id="x", version="1", origin="zoom", nodes=ZOOM.nodes)
    with pytest.raises(ValidationError):
        FlowDefinition(id="x", version="1", nodes=(*ZOOM.nodes, ZOOM.nodes[1]))
    with pytest.raises(ValidationError):
        FlowDefinition(id="x", version="1", nodes=ZOOM.nodes[1:])
    with pytest.raises(ValidationError):
        StudioImport(ZOOM, unsupported="x")
    assert (
        repr(ZOOM)
        == "FlowDefinition('zoom-whatsapp-for-business', version='2026-12-01', states=6)"
    )
    assert (ZOOM.position("nope"), ZOOM.kind_of("nope"), ZOOM.position(3)) == (None, None, None)  # type: ignore[arg-type]


def test_a_run_checks_its_fields() -> None:
    base: dict[str, Any] = {
        "business": SALES_LINE,
        "customer": SHEENA,
        "flow": "f",
        "started_at": T0,
        "state": "s",
    }
    run = FlowRun(**base)
    assert (run.customer_service_window(), run.waiting, run.repeats) == (None, None, 0)
    wrong: list[tuple[str, object]] = [
        ("visits", []),
        ("variables", []),
        ("variables", {"x": 1.5}),
        ("pending", [("a",)]),
        ("started_at", datetime(2026, 1, 1)),
        ("skills", "x"),
        ("seen", 3),
    ]
    for key, value in wrong:
        with pytest.raises(ValidationError):
            FlowRun(**{**base, key: value})
    run = FlowRun(**base, variables={"n": -3, "ok": True, "s": ""}, last_inbound_at=T0)
    window = run.customer_service_window()
    assert window is not None
    assert window.closes_at == T0 + timedelta(hours=24)
    assert run.customer_service_window() is window  # memoised
    data = run.to_dict()
    for key, value in (
        ("skills", "x"),
        ("business", 3),
        ("last_message", {"type": "message.sent"}),
    ):
        with pytest.raises(ValidationError):
            FlowRun.from_dict({**data, key: value})


def test_flow_event_lines_are_read_strictly() -> None:
    customer = {"phone": "+16505551234"}
    head = {
        "business": "+15550783881",
        "customer": customer,
        "occurred_at": "2026-11-20T09:00:00Z",
    }
    cancel = flow_event_from_dict({"type": "cancel", **head})
    assert isinstance(cancel, Cancel)
    assert cancel.key == (SALES_LINE.e164, SHEENA.key)
    joined = flow_event_from_dict({"type": "agent_joined", "agent": "a7", **head})
    assert isinstance(joined, AgentJoined)
    assert joined.to_dict()["agent"] == "a7"
    failed = flow_event_from_dict({"type": "send_failed", "ref": "greeting#1.2", **head})
    assert isinstance(failed, SendFailed)
    assert failed.to_dict()["ref"] == "greeting#1.2"
    assert (failed.key, TimerFired(business=SALES_LINE, customer=SHEENA).key) == (
        cancel.key,
        cancel.key,
    )
    assert joined.key == cancel.key
    for bad in (
        {"type": "cancel", "extra": 1, **head},
        {"type": "timer", **head, "business": 3},
        {"type": "agent_joined", **head, "agent": 3},
        {"type": "send_failed", **head},
        {"type": "timer", "business": None, "customer": customer},
    ):
        with pytest.raises(ValidationError):
            flow_event_from_dict(bad)
    with pytest.raises(ValidationError):
        TimerFired(business=3, customer=SHEENA)  # type: ignore[arg-type]
    assert (
        event_from_dict(inbound("x").to_dict()).type
        == flow_event_from_dict(inbound("x").to_dict()).type
    )


def test_a_stream_answers_every_line() -> None:
    stream = FlowStream(ZOOM, customers={"+16505551234": {"tier": "gold"}})
    assert (
        stream.feed(TimerFired(business=SALES_LINE, customer=SHEENA, occurred_at=T0)).run is None
    )
    sent = event_from_dict({"type": "x.y", "provider": "meta"})
    assert stream.feed(sent) == FlowLine(business=None, customer=None, run=None, actions=())
    with pytest.raises(ValidationError):
        stream.feed(TimerFired(business=SALES_LINE, customer=SHEENA))  # no time
    with pytest.raises(ValidationError):
        FlowStream(ZOOM, customers={"+1": 3})  # type: ignore[dict-item]
    with pytest.raises(ValidationError):
        FlowLine(business=None, customer=None, run=None, actions=["send"])  # type: ignore[list-item]
    user = type(SHEENA)(user_id="US.13491208655302741918")
    assert (
        FlowStream(ZOOM, customers={"US.13491208655302741918": {}})
        .feed(inbound("Hi", customer=user))
        .run
    )


def test_a_window_for_another_pair_is_refused() -> None:
    other = WindowState.empty(SUPPORT_LINE, SHEENA)
    with pytest.raises(ValidationError):
        step(ZOOM, None, inbound("Hi"), at=T0, window=other)
    with pytest.raises(ValidationError):
        step(ZOOM, None, TimerFired(business=SALES_LINE, customer=SHEENA), at=T0, window=other)
    with pytest.raises(ValidationError):
        step(ZOOM, "run", inbound("Hi"), at=T0)  # type: ignore[arg-type]


def test_a_run_whose_state_left_the_definition_is_refused() -> None:
    _, run = step(ZOOM, None, inbound("Hi"), at=T0)
    assert run is not None
    moved = FlowRun.from_dict({**run.to_dict(), "state": "gone"})
    with pytest.raises(ValidationError) as caught:
        step(ZOOM, moved, inbound("1"), at=T0)
    assert caught.value.field == "run.state"


def test_a_timer_or_cancel_past_the_time_to_live_ends_the_run() -> None:
    _, run = step(ZOOM, None, inbound("Hi"), at=T0)
    actions, _ = step(
        ZOOM, run, Cancel(business=SALES_LINE, customer=SHEENA), at=T0 + timedelta(days=31)
    )
    assert actions[-1] == End("ttl_expired")


def test_a_route_without_queue_or_policy_ends_by_the_guard() -> None:
    route = nodes.RouteNode("r", None, 0, ())
    definition = FlowDefinition(
        id="x", version="1", fallback=Fallback("f"), nodes=(nodes.Start("s", nodes.Exit(1)), route)
    )
    assert step(definition, None, inbound("Hi"), at=T0)[0] == (
        Route(queue="f"),
        End("no_transition"),
    )


def test_placeholders_read_the_context_and_write_what_they_find() -> None:
    scope = nodes.Scope({"n": 2}, lambda: {"reply": {"id": "x"}, "list": [1]})
    parts: nodes.Pieces = ("a", nodes.Path.parse("reply.id"), nodes.Path.parse("list"))  # type: ignore[attr-defined]
    assert nodes.render_pieces(parts, scope) == "ax"
    assert nodes.text_of(False) == "false"


def test_studio_media_liquid_and_bad_parts() -> None:
    flow = studio_data()
    greet = flow["states"][1]["properties"]
    greet["media_url"] = "https://example.com/jacket.jpg?size=m"
    greet["body"] = "Our jacket, {{contact.channel.address}}"
    menu = flow["states"][3]["properties"]
    menu["body"] = "{{flow.variables.channel}} {{widgets.menu.inbound.From}}"
    definition = import_studio(flow).definition
    actions, _ = step(definition, None, inbound("Hi"), at=T0)
    image, prompt, timer = actions
    assert isinstance(image, Send)
    assert isinstance(image.content, Image)
    assert image.content.media.caption is None  # a caption with references is left out
    assert isinstance(prompt, Send)
    assert prompt.content == Text("whatsapp +16505551234 ")
    assert isinstance(timer, SetTimer)
    assert "[set] remember_channel: sets channel, first_message" in diagram(definition)
    greet["media_url"] = "https://example.com/terms.pdf"
    assert import_studio(flow).definition.nodes[1].message.content.kind == "document"  # type: ignore[union-attr]
    greet["media_url"] = "ftp://x"
    with pytest.raises(ValidationError):
        import_studio(flow)


@pytest.mark.parametrize(
    ("widget", "change", "field"),
    [
        (1, {"properties": {"body": 3}}, "states.greet.properties.body"),
        (1, {"properties": {"body": " "}}, "states.greet.properties.body"),
        (1, {"properties": 3}, "states.greet.properties"),
        (3, {"properties": {"body": "Hi", "timeout": "0"}}, "states.menu.properties.timeout"),
        (3, {"properties": {"body": "Hi", "timeout": "soon"}}, "states.menu.properties.timeout"),
        (5, {"properties": {"workflow": 3}}, "states.to_sales.properties.workflow"),
        (5, {"properties": {"priority": "-1"}}, "states.to_sales.properties.priority"),
        (4, {"properties": {"input": 3}}, "states.choice.properties.input"),
        (
            2,
            {"properties": {"variables": [{"key": "", "value": "x"}]}},
            "states.remember_channel.properties.variables[0].key",
        ),
        (
            2,
            {"properties": {"variables": [{"key": "k", "value": 1.5}]}},
            "states.remember_channel.properties.variables[0].value",
        ),
    ],
)
def test_malformed_studio_parts_name_the_widget(
    widget: int, change: dict[str, Any], field: str
) -> None:
    flow = studio_data()
    flow["states"][widget].update(change)
    with pytest.raises(ValidationError) as caught:
        import_studio(flow)
    assert caught.value.field == field


def test_studio_parts_that_fail_the_import_are_all_named() -> None:
    flow = studio_data()
    flow["states"][1]["properties"]["message_type"] = "content_template"
    flow["states"][5]["properties"]["priority"] = "{{flow.variables.priority}}"
    flow["states"][4]["transitions"][1]["conditions"][0]["value"] = 1
    with pytest.raises(ValidationError) as caught:
        import_studio(flow)
    assert caught.value.field.endswith("conditions[0].value")
    flow["states"][4]["transitions"][1]["conditions"][0]["value"] = "1"
    with pytest.raises(ValidationError) as caught:
        import_studio(flow)
    assert "send-message with message_type content_template" in caught.value.reason
    assert "send-to-flex priority {{flow.variables.priority}}" in caught.value.reason


def test_studio_variables_flex_failures_and_the_trigger() -> None:
    flow = studio_data()
    flow["states"][2]["properties"]["variables"] = [
        {"key": "n", "value": 3},
        {"key": "b", "value": True},
    ]
    flow["states"][5]["transitions"] = [
        {"event": "callComplete", "next": "menu"},
        {"event": "failedToEnqueue", "next": "menu"},
    ]
    flow["states"][0]["transitions"][1] = {"event": "incomingCall", "next": "menu"}
    imported = import_studio(flow)
    assert any("failedToEnqueue: a route action cannot fail" in p for p in imported.unsupported)
    assert any("incomingCall: only inbound messages" in p for p in imported.unsupported)
    flow["states"][0]["transitions"] = [{"event": "incomingCall", "next": "menu"}]
    with pytest.raises(ValidationError):
        import_studio(flow)
    flow = studio_data()
    flow["initial_state"] = "greet"
    with pytest.raises(ValidationError):
        import_studio(flow)
    flow["states"] = []
    with pytest.raises(ValidationError):
        import_studio(flow)


def test_a_button_reply_counts_as_studio_s_body_with_its_payload() -> None:
    definition = import_studio(studio_data()).definition
    _, run = step(definition, None, inbound("Hi"), at=T0)
    _, run = step(definition, run, inbound(ButtonReply(text="Support", payload="p2")), at=T0)
    assert run is not None
    assert run.variables["widgets.menu.inbound.ButtonPayload"] == "p2"
    assert run.variables["widgets.menu.inbound.Body"] == "Support"


def test_diagram_draws_every_state_type() -> None:
    data: dict[str, Any] = {
        "flow": "all",
        "version": "1",
        "fallback": {"queue": "q"},
        "hours": {"office": {"timezone": "UTC", "weekly": "Mon-Fri 09:00-17:00"}},
        "states": [
            {"name": "start", "type": "start", "next": "hello"},
            {
                "name": "hello",
                "type": "send",
                "content": {"kind": "text", "body": "Hi {{customer.name}}"},
                "next": "office",
            },
            {
                "name": "office",
                "type": "hours",
                "hours": "office",
                "open": "photo",
                "closed": "bye",
            },
            {
                "name": "photo",
                "type": "send",
                "content": {"kind": "location", "latitude": 1.0, "longitude": 2.0},
                "next": "bye",
            },
            {"name": "bye", "type": "end", "reason": "done"},
        ],
    }
    drawn = diagram(load_flow(data))
    assert 'sends text "Hi {{customer.name}}"' in drawn
    assert "office: Mon-Fri 09:00-17:00" in drawn
    assert "sends location" in drawn
    assert "bye: ends (done)" in drawn
    with pytest.raises(ValidationError):
        diagram("zoom")  # type: ignore[arg-type]
