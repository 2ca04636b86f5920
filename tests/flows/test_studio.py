"""The Twilio Studio import: the published shape runs with Studio's own semantics."""

from __future__ import annotations

import copy
from datetime import timedelta
from typing import Any

import pytest

from wamsg.errors import ValidationError
from wamsg.flows import (
    DEFAULT_STUDIO_TIMEOUT,
    End,
    Route,
    SendFailed,
    SetTimer,
    TimerFired,
    import_studio,
)

from .helpers import SALES_LINE, SHEENA, T0, Runner, body_of, button, kinds, minutes, sends
from .helpers import studio_data as data

WW_SALES = "WW0123456789abcdef0123456789abcdef"
WW_SUPPORT = "WWfedcba9876543210fedcba9876543210"


def widget(flow: dict[str, Any], name: str) -> dict[str, Any]:
    found: dict[str, Any] = next(s for s in flow["states"] if s["name"] == name)
    return found


def started(flow: dict[str, Any] | None = None) -> Runner:
    runner = Runner(import_studio(flow or data()).definition)
    runner.say("hello there", T0)
    return runner


def test_the_published_shape_imports_and_lists_what_it_left_out() -> None:
    imported = import_studio(data())
    definition = imported.definition
    assert definition.origin == "studio"
    assert definition.states == (
        "Trigger",
        "greet",
        "remember_channel",
        "menu",
        "choice",
        "to_sales",
        "to_support",
    )
    assert (
        "states.greet.properties.from: a run sends from its business number to its customer"
        in (imported.unsupported)
    )
    assert any(
        part.startswith("states.to_sales.properties.attributes") for part in imported.unsupported
    )
    assert definition.fallback is not None
    assert definition.fallback.queue == WW_SALES


def test_the_greeting_then_the_menu_then_a_timer_of_studio_s_timeout() -> None:
    runner = Runner(import_studio(data()).definition)
    actions = runner.say("hello there", T0)
    assert kinds(actions) == ["send", "send", "set_timer"]
    assert [body_of(s) for s in sends(actions)] == [
        "Hey there! I'm here to help or connect you with a live agent, 24/7.",
        "For Sales press 1. For Support press 2.",
    ]
    assert actions[-1] == SetTimer(T0 + timedelta(seconds=3600))
    assert runner.run().variables == {
        "trigger.message.Body": "hello there",
        "channel": "whatsapp",
        "first_message": "hello there",
    }


def test_equal_to_routes_to_flex_with_the_workflow_and_studio_s_priority() -> None:
    runner = started()
    actions = runner.say("1", minutes(1))
    assert actions[1:] == (Route(queue=WW_SALES, priority=10), End("routed"))
    assert runner.run().variables["widgets.menu.inbound.Body"] == "1"


@pytest.mark.parametrize("reply", [" 1 ", "1"])
def test_splits_trim_the_input(reply: str) -> None:
    assert started().say(reply, minutes(1))[1] == Route(queue=WW_SALES, priority=10)


@pytest.mark.parametrize("reply", ["2", "SUPPORT", " Help "])
def test_matches_any_of_is_trimmed_and_ignores_case(reply: str) -> None:
    assert started().say(reply, minutes(1))[1] == Route(queue=WW_SUPPORT, priority=0)


def test_an_interactive_reply_is_read_by_its_title_as_studio_s_body() -> None:
    actions = started().say(button("b1", "Support"), minutes(1))
    assert actions[1] == Route(queue=WW_SUPPORT)


def test_no_match_loops_back_to_the_menu() -> None:
    runner = started()
    actions = runner.say("what?", minutes(1))
    assert kinds(actions) == ["cancel_timer", "send", "set_timer"]
    assert runner.run().state == "menu"


def test_a_timeout_takes_the_timeout_transition() -> None:
    runner = started()
    actions = runner.feed(TimerFired(business=SALES_LINE, customer=SHEENA), minutes(60))
    assert actions == (Route(queue=WW_SUPPORT), End("routed"))


def test_a_missing_next_ends_the_run() -> None:
    flow = data()
    for transition in widget(flow, "choice")["transitions"]:
        if transition["event"] == "noMatch":
            del transition["next"]
    runner = started(flow)
    assert runner.say("what?", minutes(1))[1:] == (End("no_transition"),)


def test_a_failed_send_without_next_ends_the_run_with_send_failed() -> None:
    flow = data()
    widget(flow, "greet")["transitions"][1] = {"event": "failed"}
    runner = Runner(import_studio(flow).definition)
    greeting = sends(runner.say("hi", T0))[0]
    failure = SendFailed(business=SALES_LINE, customer=SHEENA, ref=greeting.ref)
    assert runner.feed(failure, minutes(1))[-1] == End("send_failed")


def test_a_delivery_failure_of_the_menu_takes_its_transition() -> None:
    runner = started()
    menu = runner.run().pending[-1][0]
    failure = SendFailed(business=SALES_LINE, customer=SHEENA, ref=menu)
    assert runner.feed(failure, minutes(1))[1:] == (Route(queue=WW_SUPPORT), End("routed"))


def test_a_free_form_send_when_the_window_closed_ends_the_run_with_window_closed() -> None:
    flow = data()
    widget(flow, "menu")["properties"]["timeout"] = "172800"  # two days
    for transition in widget(flow, "menu")["transitions"]:
        if transition["event"] == "timeout":
            transition["next"] = "greet"
    runner = started(flow)
    actions = runner.feed(TimerFired(business=SALES_LINE, customer=SHEENA), T0 + timedelta(days=2))
    assert actions == (End("window_closed"),)


def test_the_default_timeout_is_studio_s() -> None:
    flow = data()
    del widget(flow, "menu")["properties"]["timeout"]
    actions = Runner(import_studio(flow).definition).say("hi", T0)
    assert actions[-1] == SetTimer(T0 + DEFAULT_STUDIO_TIMEOUT)


def test_both_triggers_are_an_inbound_message_and_one_message_starts_one_run() -> None:
    flow = data()
    trigger = widget(flow, "Trigger")
    trigger["transitions"] = [{"event": "incomingConversationMessage", "next": "greet"}]
    assert kinds(Runner(import_studio(flow).definition).say("hi", T0))[0] == "send"
    trigger["transitions"] = [
        {"event": "incomingMessage", "next": "greet"},
        {"event": "incomingConversationMessage", "next": "menu"},
    ]
    imported = import_studio(flow)
    assert any("incomingConversationMessage" in part for part in imported.unsupported)
    first = sends(Runner(imported.definition).say("hi", T0))[0]
    assert body_of(first).startswith("Hey there!")


def test_unsupported_widgets_fail_the_import_naming_each_type() -> None:
    flow = data()
    flow["states"] += [
        {"name": "fetch", "type": "make-http-request", "properties": {}, "transitions": []},
        {"name": "fn", "type": "run-function", "properties": {}, "transitions": []},
    ]
    with pytest.raises(ValidationError) as caught:
        import_studio(flow)
    assert caught.value.field == "states"
    assert "make-http-request (fetch)" in caught.value.reason
    assert "run-function (fn)" in caught.value.reason


def test_unsupported_predicates_and_liquid_fail_the_import_naming_each() -> None:
    flow = data()
    condition = widget(flow, "choice")["transitions"][1]["conditions"][0]
    condition["type"] = "regex"
    widget(flow, "greet")["properties"]["body"] = "Hi {{widgets.lookup.parsed.name}}"
    with pytest.raises(ValidationError) as caught:
        import_studio(flow)
    reason = caught.value.reason
    assert "split predicate regex (states.choice.transitions[1].conditions[0])" in reason
    assert "{{widgets.lookup.parsed.name}}" in reason


def test_a_transition_to_a_missing_widget_is_refused() -> None:
    flow = data()
    widget(flow, "greet")["transitions"][0]["next"] = "nowhere"
    with pytest.raises(ValidationError) as caught:
        import_studio(flow)
    assert caught.value.field == "states.greet.transitions.sent.next"


def test_an_unknown_event_and_duplicate_names_are_refused() -> None:
    flow = data()
    widget(flow, "greet")["transitions"][0]["event"] = "delivered"
    with pytest.raises(ValidationError):
        import_studio(flow)
    flow = data()
    flow["states"].append(copy.deepcopy(widget(flow, "greet")))
    with pytest.raises(ValidationError):
        import_studio(flow)


def test_the_queue_of_a_send_to_flex_without_workflow_is_its_name() -> None:
    flow = data()
    del widget(flow, "to_sales")["properties"]["workflow"]
    assert started(flow).say("1", minutes(1))[1] == Route(queue="to_sales", priority=10)


def test_a_widget_unreachable_from_an_inbound_message_is_listed() -> None:
    flow = data()
    flow["states"].append(
        {
            "name": "voice_only",
            "type": "send-message",
            "properties": {"body": "Hi"},
            "transitions": [{"event": "sent"}],
        }
    )
    assert "states.voice_only: no inbound message reaches it" in import_studio(flow).unsupported


FLEX_MESSAGING_FLOW: dict[str, Any] = {
    # The "Messaging Flow" every Twilio Flex account is created with, in Studio's own shape:
    # a trigger whose other events have no next, and a send-to-flex with its task settings.
    "description": "Messaging Flow",
    "states": [
        {
            "name": "Trigger",
            "type": "trigger",
            "transitions": [
                {"next": "SendMessageToAgent", "event": "incomingMessage"},
                {"event": "incomingCall"},
                {"event": "incomingRequest"},
            ],
            "properties": {"offset": {"x": 0, "y": 0}},
        },
        {
            "name": "SendMessageToAgent",
            "type": "send-to-flex",
            "transitions": [
                {"event": "callComplete"},
                {"event": "failedToEnqueue"},
                {"event": "callFailure"},
            ],
            "properties": {
                "offset": {"x": 20, "y": 200},
                "workflow": WW_SALES,
                "channel": "TC0123456789abcdef0123456789abcdef",
                "attributes": '{"name": "{{trigger.message.ChannelAttributes.from}}"}',
            },
        },
    ],
    "initial_state": "Trigger",
    "flags": {"allow_concurrent_calls": True},
}


def test_flex_s_default_messaging_flow_routes_every_message_to_its_workflow() -> None:
    imported = import_studio(copy.deepcopy(FLEX_MESSAGING_FLOW))
    assert any("channel" in part for part in imported.unsupported)
    assert any("attributes" in part for part in imported.unsupported)
    runner = Runner(imported.definition)
    actions = runner.say("hello", T0)
    routes = [a for a in actions if isinstance(a, Route)]
    assert [(r.queue, r.priority) for r in routes] == [(WW_SALES, 0)]
    assert isinstance(actions[-1], End)
    assert runner.run().ended
