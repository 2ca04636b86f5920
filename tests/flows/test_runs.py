"""Runs: keyed by (business number, customer), idempotent on message ids, fed reports."""

from __future__ import annotations

from datetime import datetime

import pytest

from wamsg import Customer
from wamsg.content import System
from wamsg.errors import ValidationError
from wamsg.flows import (
    AgentJoined,
    Cancel,
    CancelTimer,
    End,
    FlowRun,
    Route,
    SendFailed,
    TimerFired,
    load_flow,
    step,
)

from .helpers import (
    OTHER_LINE,
    SALES_LINE,
    SHEENA,
    SUPPORT_LINE,
    T0,
    ZOOM,
    Runner,
    inbound,
    kinds,
    minutes,
    sends,
    zoom_data,
)


def test_a_message_to_a_number_the_flow_is_not_bound_to_starts_no_run() -> None:
    assert step(ZOOM, None, inbound("Hi", business=OTHER_LINE), at=T0) == ((), None)


def test_a_flow_bound_to_no_number_takes_every_number() -> None:
    data = zoom_data()
    del data["numbers"]
    actions, run = step(load_flow(data), None, inbound("Hi", business=OTHER_LINE), at=T0)
    assert run is not None
    assert kinds(actions)[:2] == ["send", "send"]


def test_the_customer_s_message_to_the_same_number_reaches_the_waiting_state() -> None:
    runner = Runner()
    runner.say("Hi", T0)
    runner.say("1", minutes(1))
    assert runner.run().state == "route_to_sales"


def test_a_second_number_for_the_same_customer_is_a_separate_run() -> None:
    runner = Runner()
    runner.say("Hi", T0)
    actions = runner.say("Hei", minutes(1), business=SUPPORT_LINE)
    assert kinds(actions) == ["send", "send", "set_timer"]
    first, second = runner.run(SALES_LINE), runner.run(SUPPORT_LINE)
    assert first.key != second.key
    assert (first.state, second.state) == ("menu", "menu")
    runner.say("2", minutes(2), business=SUPPORT_LINE)
    assert runner.run(SALES_LINE).active
    assert not runner.run(SUPPORT_LINE).active


def test_a_replayed_message_gives_no_new_actions_and_the_same_run() -> None:
    event = inbound("Hi", T0)
    actions, run = step(ZOOM, None, event, at=T0)
    assert run is not None
    assert actions
    assert step(ZOOM, run, event, at=minutes(5)) == ((), run)


def test_a_replayed_message_after_the_run_ended_gives_no_new_actions() -> None:
    runner = Runner()
    runner.say("Hi", T0)
    choice = inbound("1", minutes(1))
    runner.feed(choice, minutes(1))
    ended = runner.run()
    assert not ended.active
    assert runner.feed(choice, minutes(2)) == ()
    assert runner.feed(inbound("Hi", T0, message_id=sorted(ended.seen)[0]), minutes(3)) == ()
    assert runner.run() is ended


def test_messages_of_the_previous_run_stay_replays_in_the_next_run() -> None:
    runner = Runner()
    first = inbound("Hi", T0)
    runner.feed(first, T0)
    runner.say("1", minutes(1))
    runner.say("Hello again", minutes(10))
    assert runner.run().number == 2
    assert runner.feed(first, minutes(11)) == ()


def test_a_system_notice_is_no_reply() -> None:
    runner = Runner()
    runner.say("Hi", T0)
    notice = System(system_type="user_changed_number", body="changed")
    assert runner.say(notice, minutes(1)) == ()
    assert runner.run().waiting is not None
    assert step(ZOOM, None, inbound(notice), at=T0) == ((), None)


def test_an_early_or_unexpected_timer_is_ignored() -> None:
    runner = Runner()
    timer = TimerFired(business=SALES_LINE, customer=SHEENA)
    assert step(ZOOM, None, timer, at=T0) == ((), None)
    runner.say("Hi", T0)
    run = runner.run()
    assert step(ZOOM, run, timer, at=minutes(59)) == ((), run)
    runner.say("1", minutes(1))
    ended = runner.run()
    assert step(ZOOM, ended, timer, at=minutes(120)) == ((), ended)


def test_a_timer_after_the_deadline_still_times_out() -> None:
    runner = Runner()
    runner.say("Hi", T0)
    actions = runner.feed(TimerFired(business=SALES_LINE, customer=SHEENA), minutes(600))
    assert kinds(actions) == ["route", "end"]


def test_a_failed_greeting_takes_its_failed_exit_while_the_run_waits_in_the_menu() -> None:
    runner = Runner()
    greeting, menu = sends(runner.say("Hi", T0))
    assert runner.run().pending == ((greeting.ref, "greeting"), (menu.ref, "menu"))
    failure = SendFailed(business=SALES_LINE, customer=SHEENA, ref=greeting.ref)
    actions = runner.feed(failure, minutes(1))
    assert actions == (CancelTimer(), Route(queue="support"), End("routed"))


def test_a_failure_of_an_unknown_ref_or_after_the_run_moved_on_changes_nothing() -> None:
    runner = Runner()
    greeting = sends(runner.say("Hi", T0))[0]
    run = runner.run()
    other = SendFailed(business=SALES_LINE, customer=SHEENA, ref="nope#1.1")
    assert step(ZOOM, run, other, at=minutes(1)) == ((), run)
    runner.say("three", minutes(2))  # the menu is sent again: the greeting is history
    late = SendFailed(business=SALES_LINE, customer=SHEENA, ref=greeting.ref)
    moved = runner.run()
    assert step(ZOOM, moved, late, at=minutes(3)) == ((), moved)


def test_an_agent_joining_ends_the_run_without_a_route() -> None:
    runner = Runner()
    runner.say("Hi", T0)
    actions = runner.feed(
        AgentJoined(business=SALES_LINE, customer=SHEENA, agent="a7"), minutes(1)
    )
    assert actions == (CancelTimer(), End("agent_joined"))
    assert runner.feed(Cancel(business=SALES_LINE, customer=SHEENA), minutes(2)) == ()


def test_a_cancel_ends_the_run() -> None:
    runner = Runner()
    runner.say("Hi", T0)
    actions = runner.feed(Cancel(business=SALES_LINE, customer=SHEENA), minutes(1))
    assert actions == (CancelTimer(), End("cancelled"))
    run = runner.run()
    assert (run.ended, run.ended_at, run.waiting) == ("cancelled", minutes(1), None)


def test_an_event_of_another_pair_is_refused() -> None:
    runner = Runner()
    runner.say("Hi", T0)
    run = runner.run()
    other = Customer(phone="+16505550000")
    with pytest.raises(ValidationError) as caught:
        step(ZOOM, run, inbound("1", customer=other), at=T0)
    assert caught.value.field == "event.customer"
    with pytest.raises(ValidationError) as caught:
        step(ZOOM, run, TimerFired(business=SUPPORT_LINE, customer=SHEENA), at=T0)
    assert caught.value.field == "event.business"


def test_bad_arguments_are_validation_errors() -> None:
    _, run = step(ZOOM, None, inbound("Hi"), at=T0)
    with pytest.raises(ValidationError):
        step(ZOOM, run, inbound("1"), at=datetime(2026, 11, 20, 9))  # naive
    with pytest.raises(ValidationError):
        step("zoom", run, inbound("1"), at=T0)  # type: ignore[arg-type]
    with pytest.raises(ValidationError):
        step(ZOOM, run, "hello", at=T0)  # type: ignore[arg-type]
    other = load_flow({**zoom_data(), "flow": "other"})
    with pytest.raises(ValidationError) as caught:
        step(other, run, inbound("1"), at=T0)
    assert caught.value.field == "run.flow"


def test_a_run_round_trips_through_its_json_form() -> None:
    runner = Runner()
    runner.say("Hi", T0)
    runner.say("three", minutes(1))
    run = runner.run()
    again = FlowRun.from_dict(run.to_dict())
    assert again == run
    assert again.to_dict() == run.to_dict()
    # and the restored run goes on exactly as the original
    event = inbound("2", minutes(2))
    assert step(ZOOM, again, event, at=minutes(2)) == step(ZOOM, run, event, at=minutes(2))


def test_a_run_from_json_refuses_unknown_keys_and_bad_values() -> None:
    runner = Runner()
    runner.say("Hi", T0)
    data = runner.run().to_dict()
    with pytest.raises(ValidationError) as caught:
        FlowRun.from_dict({**data, "stat": "menu"})
    assert caught.value.field == "run.stat"
    with pytest.raises(ValidationError):
        FlowRun.from_dict({**data, "steps": -1})
    with pytest.raises(ValidationError):
        FlowRun.from_dict({**data, "started_at": "2026-11-20T09:00:00"})


def test_a_run_knows_what_it_waits_for_and_its_counts() -> None:
    runner = Runner()
    runner.say("Hi", T0)
    runner.say("three", minutes(1))
    run = runner.run()
    assert run.waiting == ("menu", minutes(61))
    assert (run.repeats, run.retries["menu"], run.steps) == (2, 1, 4)
    assert (run.started_at, run.last_inbound_at) == (T0, minutes(1))


def test_a_message_of_a_run_two_runs_back_delivered_again_gives_nothing() -> None:
    # the pair's third run waits in the menu; the provider redelivers run 1's first message
    runner = Runner()
    for n, text in enumerate(["hi", "2", "hi again", "1", "third"]):
        runner.feed(inbound(text, minutes(n), message_id=f"wamid.replay{n}"), minutes(n))
    run = runner.run()
    assert (run.number, run.active) == (3, True)
    again = inbound("hi", T0, message_id="wamid.replay0")
    assert runner.feed(again, minutes(6)) == ()
    assert runner.run() == run
