"""The Zoom seed flow, end to end: greeting, menu, choices, re-prompts, exhaustion, timeout."""

from __future__ import annotations

from datetime import timedelta

from wamsg.content import ReplyButtons
from wamsg.flows import CancelTimer, End, Route, SetTimer, TimerFired, step

from .helpers import (
    SALES_LINE,
    SHEENA,
    T0,
    ZOOM,
    Runner,
    body_of,
    button,
    inbound,
    kinds,
    minutes,
    quick_reply,
    routes,
    sends,
    zoom_data,
)

GREETING = (
    "Hey there!👋\n\nI'm here to help you to the best of my ability or connect you with a "
    "live agent, 24/7."
)
MENU = "For Sales🧾related inquiries press 1️⃣\nFor Support 🙋🏼♂️ press 2️⃣"


def started() -> Runner:
    runner = Runner()
    runner.say("Hi! Is the winter jacket still available in M?", T0)
    return runner


def test_the_shipped_flow_uses_the_seed_s_greeting_and_menu_texts_verbatim() -> None:
    states = {state["name"]: state for state in zoom_data()["states"]}
    assert states["greeting"]["content"] == {"kind": "text", "body": GREETING}
    assert states["menu"]["prompt"]["body"] == MENU
    assert [s["type"] for s in zoom_data()["states"]] == [
        "start",
        "send",
        "collect",
        "condition",
        "route",
        "route",
    ]


def test_the_first_message_gets_the_greeting_then_the_menu_and_a_timer() -> None:
    runner = Runner()
    actions = runner.say("Hi!", T0)
    assert kinds(actions) == ["send", "send", "set_timer"]
    greeting, menu = sends(actions)
    assert body_of(greeting) == GREETING
    assert isinstance(menu.content, ReplyButtons)
    assert body_of(menu) == MENU
    assert [b.id for b in menu.content.buttons] == ["sales", "support"]
    assert actions[-1] == SetTimer(T0 + timedelta(hours=1))
    run = runner.run()
    assert run.waiting == ("menu", T0 + timedelta(hours=1))
    assert (run.state, run.steps, run.active) == ("menu", 3, True)


def test_one_chooses_sales_with_its_skill() -> None:
    runner = started()
    actions = runner.say("1", minutes(2))
    assert actions == (
        CancelTimer(),
        Route(queue="sales", priority=0, skills=("sales",)),
        End("routed"),
    )
    run = runner.run()
    assert (run.ended, run.state, run.variables["department"]) == (
        "routed",
        "route_to_sales",
        "sales",
    )


def test_two_with_spaces_around_it_chooses_support() -> None:
    runner = started()
    actions = runner.say(" 2 ", minutes(2))
    assert [r.queue for r in routes(actions)] == ["support"]
    assert runner.run().ended == "routed"


def test_the_keycap_digit_of_the_menu_chooses_too() -> None:
    runner = started()
    assert [r.queue for r in routes(runner.say("1️⃣", minutes(2)))] == ["sales"]


def test_an_unknown_reply_re_prompts_and_counts_a_retry() -> None:
    runner = started()
    actions = runner.say("three", minutes(1))
    assert kinds(actions) == ["cancel_timer", "send", "set_timer"]
    assert body_of(sends(actions)[0]) == MENU
    assert actions[-1] == SetTimer(minutes(61))
    assert runner.run().retries == {"menu": 1}


def test_the_third_no_match_in_a_row_takes_the_exhausted_exit_to_support() -> None:
    runner = started()
    runner.say("three", minutes(1))
    runner.say("four", minutes(2))
    actions = runner.say("five", minutes(3))
    assert kinds(actions) == ["cancel_timer", "route", "end"]
    assert routes(actions)[0].queue == "support"
    assert runner.run().retries == {}


def test_a_match_after_a_no_match_resets_the_retries() -> None:
    runner = started()
    runner.say("three", minutes(1))
    runner.say("1", minutes(2))
    assert runner.run().retries == {}


def test_no_reply_within_an_hour_takes_the_timeout_exit_to_support() -> None:
    runner = started()
    actions = runner.feed(TimerFired(business=SALES_LINE, customer=SHEENA), minutes(60))
    assert actions == (Route(queue="support", priority=0, skills=()), End("routed"))


def test_an_interactive_reply_is_matched_by_its_id_not_its_title() -> None:
    runner = started()
    actions = runner.say(button("sales", "Ventas"), minutes(1))
    assert [r.queue for r in routes(actions)] == ["sales"]
    runner = started()
    actions = runner.say(button("x1", "Sales"), minutes(1))
    assert kinds(actions) == ["cancel_timer", "send", "set_timer"]  # a no-match: re-prompt


def test_a_quick_reply_button_matches_by_payload_and_without_one_by_text() -> None:
    runner = started()
    assert [r.queue for r in routes(runner.say(quick_reply("Sales", "support"), minutes(1)))] == [
        "support"
    ]
    runner = started()
    assert [r.queue for r in routes(runner.say(quick_reply("1"), minutes(1)))] == ["sales"]


def test_a_message_after_the_run_ended_starts_run_two_with_the_greeting() -> None:
    runner = started()
    runner.say("1", minutes(1))
    actions = runner.say("Hello again", minutes(30))
    assert body_of(sends(actions)[0]) == GREETING
    run = runner.run()
    assert (run.number, run.state, run.active, run.steps) == (2, "menu", True, 3)


def test_the_step_function_is_pure_the_same_input_gives_the_same_output() -> None:
    runner = started()
    run = runner.run()
    event = inbound("2", minutes(1))
    first = step(ZOOM, run, event, at=minutes(1))
    second = step(ZOOM, run, event, at=minutes(1))
    assert first == second
    assert runner.run() == run  # the input run did not change
