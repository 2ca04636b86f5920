"""Flows: steps per second on the Zoom flow, and validating a 1,000-state definition.

Aims (issue 15): at least 200,000 steps a second on the Zoom example flow, a step
being a state entered (Studio's unit: "1,000 steps per execution"); and the
load-time validation of a 1,000-state definition (Studio's largest) in at most 50 ms.

The stream is a helpdesk's: each customer writes, gets the greeting and the menu,
and answers — by digit, by digit with spaces, by tapping a button, and one in three
first with something the menu does not know (a re-prompt). Every event goes through
:func:`wamsg.flows.step` with the run the caller keeps for its pair. The baseline is
``json.loads`` of the same events' canonical JSON: the parse the caller does anyway.
"""

from __future__ import annotations

import json
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from wamsg import Customer, Direction, Message, MessageReceived, PhoneNumber, Text
from wamsg.content import InteractiveReply
from wamsg.flows import FlowDefinition, FlowRun, load_flow, step
from wamsg.identity import PairKey

from ._harness import Measurement, Section, measure

AT = datetime(2026, 11, 20, 9, tzinfo=timezone.utc)
STEPS_AIM = 200_000
VALIDATION_AIM_MS = 50.0
ZOOM = (
    Path(__file__).resolve().parent.parent
    / "examples"
    / "flows"
    / "zoom-whatsapp-for-business.json"
)
BUSINESS = PhoneNumber.parse("+15550783881")


def _message(i: int, n: int, content: Text | InteractiveReply, minute: int) -> MessageReceived:
    customer = Customer(phone=f"+1650555{i:04d}")
    return MessageReceived(
        provider="meta",
        message=Message(
            id=f"wamid.{i}.{n}",
            direction=Direction.INBOUND,
            business=BUSINESS,
            customer=customer,
            sent_at=AT + timedelta(minutes=minute),
            content=content,
        ),
    )


def _events(customers: int) -> list[MessageReceived]:
    answers: list[Text | InteractiveReply] = [
        Text("1"),
        Text(" 2 "),
        InteractiveReply(reply_type="button_reply", id="sales", title="Sales"),
    ]
    events = []
    for i in range(customers):
        events.append(_message(i, 0, Text("Hi! Is the winter jacket still available?"), 0))
        if i % 3 == 0:
            events.append(_message(i, 1, Text("M, please"), 1))
        events.append(_message(i, 2, answers[i % 3], 2))
    return events


def _stream(definition: FlowDefinition, events: list[MessageReceived], steps: list[int]) -> Any:
    def run() -> object:
        runs: dict[PairKey, FlowRun] = {}
        for event in events:
            message = event.message
            key = (BUSINESS.e164, message.customer.key)
            _, after = step(definition, runs.get(key), event, at=message.sent_at or AT)
            if after is not None:
                runs[key] = after
        steps[:] = [sum(r.steps for r in runs.values())]
        return None

    return run


def _steps_section(quick: bool) -> Section:
    definition = load_flow(json.loads(ZOOM.read_text(encoding="utf-8")))
    customers = 300 if quick else 3_000
    events = _events(customers)
    counted: list[int] = [0]
    run = _stream(definition, events, counted)
    run()
    steps = counted[0]
    calls = measure("step(): one call per event", run, len(events))
    ours = Measurement(
        "step(): states entered (Studio's steps)", calls.ops_per_second * steps / len(events)
    )
    lines = [json.dumps(event.to_dict(include_raw=False)) for event in events]

    def parse() -> object:
        for line in lines:
            json.loads(line)
        return None

    baseline = measure("json.loads of the same events", parse, len(events))
    per_call = calls.seconds_per_op * 1e6
    return Section(
        title="flows: the Zoom flow, 1 event = 1 step() call",
        ours=ours,
        baselines=[calls, baseline],
        notes=[
            f"{len(events):,} events of {customers:,} customers, {steps:,} states entered "
            f"({steps / len(events):.2f} per event); {per_call:.1f} µs per step() call",
        ],
        target=f"≥ {STEPS_AIM:,} steps/s",
        met=ours.ops_per_second >= STEPS_AIM,
    )


def thousand_states() -> dict[str, Any]:
    """A valid definition of 1,000 states: 249 blocks of menu, condition, send, set, and 4."""
    blocks = 249
    states: list[dict[str, Any]] = [{"name": "start", "type": "start", "next": "menu0"}]
    for i in range(blocks):
        after = f"menu{i + 1}" if i + 1 < blocks else "office"
        states += [
            {
                "name": f"menu{i}",
                "type": "collect",
                "prompt": {
                    "kind": "buttons",
                    "body": f"Question {i}: A or B?",
                    "buttons": [{"id": "a", "title": "A"}, {"id": "b", "title": "B"}],
                },
                "options": [
                    {"id": "a", "text": ["a", "1"], "next": f"check{i}", "skill": f"s{i % 7}"},
                    {"id": "b", "text": ["b", "2"], "next": f"check{i}"},
                ],
                "save_as": "pick",
                "timeout": {"after": "1h", "next": f"note{i}"},
                "no_match": {"retries": 2, "next": f"menu{i}", "exhausted": f"note{i}"},
            },
            {
                "name": f"check{i}",
                "type": "condition",
                "branches": [
                    {
                        "when": "variables.pick == 'a' and customer.tier in ['gold', 'vip']",
                        "next": f"note{i}",
                    },
                    {
                        "when": f"text contains 'urgent' or variables.n{i} == {i}",
                        "next": f"note{i}",
                    },
                ],
                "else": f"note{i}",
            },
            {
                "name": f"note{i}",
                "type": "send",
                "content": {"kind": "text", "body": f"Noted, {{{{customer.name}}}} ({i})."},
                "next": f"tag{i}",
            },
            {"name": f"tag{i}", "type": "set", "variables": {f"n{i}": i}, "next": after},
        ]
    states += [
        {"name": "office", "type": "hours", "hours": "office", "open": "desk", "closed": "desk"},
        {"name": "desk", "type": "route", "queue": "desk", "skills": ["triage"], "next": "bye"},
        {"name": "bye", "type": "end", "reason": "handed_over"},
    ]
    return {
        "flow": "thousand",
        "version": "bench",
        "fallback": {"queue": "desk"},
        "hours": {"office": {"timezone": "Europe/Helsinki", "weekly": "Mon-Fri 09:00-17:00"}},
        "states": states,
    }


def _validation_section(quick: bool) -> Section:
    data = thousand_states()
    assert len(data["states"]) == 1_000
    repeat = 3 if quick else 10
    ours = measure("load_flow, 1,000 states", lambda: load_flow(data), 1, repeat=repeat)
    text = json.dumps(data)
    baseline = measure("json.loads of the same file", lambda: json.loads(text), 1, repeat=repeat)
    started = time.process_time()
    load_flow(data)
    once = (time.process_time() - started) * 1e3
    ms = ours.seconds_per_op * 1e3
    return Section(
        title="flows: validating a 1,000-state definition",
        ours=ours,
        baselines=[baseline],
        notes=[f"{ms:.1f} ms per load (best of {repeat}; one more load took {once:.1f} ms)"],
        target=f"≤ {VALIDATION_AIM_MS:.0f} ms",
        met=ms <= VALIDATION_AIM_MS,
    )


def run(quick: bool) -> list[Section]:
    """The steps and validation figures."""
    return [_steps_section(quick), _validation_section(quick)]
