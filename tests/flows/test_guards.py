"""The guards: steps per run and per event, visits in a row, time to live; then the fallback."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from wamsg.flows import (
    MAX_STEPS,
    MAX_STEPS_PER_EVENT,
    MAX_VISITS_IN_A_ROW,
    RUN_TTL,
    CancelTimer,
    End,
    FlowRun,
    Route,
    import_studio,
    load_flow,
    step,
)

from .helpers import T0, ZOOM, Runner, inbound, kinds, minutes, studio_data


def test_the_step_after_the_thousandth_ends_the_run_and_routes_to_the_fallback() -> None:
    _, run = step(ZOOM, None, inbound("Hi"), at=T0)
    assert run is not None
    data = {**run.to_dict(), "steps": MAX_STEPS}
    tired = FlowRun.from_dict(data)
    actions, after = step(ZOOM, tired, inbound("1", minutes(1)), at=minutes(1))
    assert actions == (CancelTimer(), Route(queue="support", skills=("sales",)), End("step_limit"))
    assert after is not None
    assert (after.steps, after.ended) == (MAX_STEPS, "step_limit")


def _chain(length: int) -> dict[str, Any]:
    states: list[dict[str, Any]] = [{"name": "start", "type": "start", "next": "s0"}]
    for i in range(length):
        states.append(
            {
                "name": f"s{i}",
                "type": "set",
                "variables": {"n": i},
                "next": f"s{i + 1}" if i + 1 < length else "done",
            }
        )
    states.append({"name": "done", "type": "end"})
    return {
        "flow": "chain",
        "version": "1",
        "fallback": {"queue": "everyone", "priority": 3},
        "states": states,
    }


def test_one_event_takes_at_most_its_bound_of_steps() -> None:
    actions, run = step(load_flow(_chain(150)), None, inbound("Hi"), at=T0)
    assert actions == (Route(queue="everyone", priority=3), End("event_step_limit"))
    assert run is not None
    assert run.steps == MAX_STEPS_PER_EVENT
    assert run.variables["n"] == MAX_STEPS_PER_EVENT - 2  # start, then s0 … s98


def test_a_chain_within_the_bound_runs_to_its_end() -> None:
    actions, _ = step(load_flow(_chain(MAX_STEPS_PER_EVENT - 2)), None, inbound("Hi"), at=T0)
    assert actions == (End("completed"),)


def test_a_studio_loop_ends_at_the_tenth_visit_in_a_row_with_loop_limit() -> None:
    imported = import_studio(studio_data(), fallback="everyone")
    runner = Runner(imported.definition)
    runner.say("Hi", T0)
    replies = 0
    while runner.run().active:
        replies += 1
        actions = runner.say("no idea", minutes(replies))
    assert replies == MAX_VISITS_IN_A_ROW
    assert kinds(actions) == ["cancel_timer", "route", "end"]
    assert actions[-2:] == (Route(queue="everyone"), End("loop_limit"))
    assert runner.run().visits["choice"] == MAX_VISITS_IN_A_ROW - 1


def test_a_validated_flow_never_meets_the_visit_guard() -> None:
    runner = Runner()
    runner.say("Hi", T0)
    for i in range(1, 4):
        actions = runner.say("??", minutes(i))
    assert actions[-1] == End("routed")  # retries exhausted, by the flow's own exit


def test_an_event_past_the_time_to_live_ends_the_run() -> None:
    runner = Runner()
    runner.say("Hi", T0)
    actions = runner.say("1", T0 + RUN_TTL)
    assert actions == (CancelTimer(), Route(queue="support"), End("ttl_expired"))
    assert runner.run().ended_at == T0 + RUN_TTL


def test_an_event_just_before_the_time_to_live_is_taken() -> None:
    runner = Runner()
    runner.say("Hi", T0)
    at = T0 + RUN_TTL - timedelta(seconds=1)
    assert kinds(runner.say("1", at))[-1] == "end"
    assert runner.run().ended == "routed"


def test_a_guard_without_a_fallback_just_ends() -> None:
    data = studio_data()
    data["states"] = [s for s in data["states"] if s["type"] != "send-to-flex"]
    for state in data["states"]:
        for transition in state["transitions"]:
            if transition.get("next") in ("to_sales", "to_support"):
                transition.pop("next")
    imported = import_studio(data)
    assert imported.definition.fallback is None
    runner = Runner(imported.definition)
    runner.say("Hi", T0)
    for i in range(1, MAX_VISITS_IN_A_ROW + 1):
        actions = runner.say("?", minutes(i))
    assert actions == (CancelTimer(), End("loop_limit"))
