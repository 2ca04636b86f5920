"""The demo's flow section: the Zoom example flow, run for one customer of the sample day.

Sheena Nelson's message of the sample day (to the sales line) starts the flow; her two
replies are scripted for the demo, and the provider delivers her first message twice.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import pendulum

from wamsg._internal import data as _data
from wamsg._internal.json import Json
from wamsg.cli._table import render_table, shorten
from wamsg.content import InteractiveReply, Text
from wamsg.events import Event, MessageReceived
from wamsg.flows import End, FlowAction, FlowStream, Route, Send, SetTimer, diagram, load_flow
from wamsg.messages import Message
from wamsg.testing import SampleDay

__all__ = ["flow_section"]

_WHO = "wamid.sheena1"
_ACTION_COLUMNS = 64


def _reply(
    first: MessageReceived, content: Text | InteractiveReply, at: datetime, n: int
) -> MessageReceived:
    message = first.message
    reply = Message(
        id=f"{message.id}.reply{n}",
        direction=message.direction,
        business=message.business,
        customer=message.customer,
        sent_at=at,
        content=content,
    )
    return MessageReceived(provider=first.provider, message=reply)


def _script(day: SampleDay) -> list[tuple[str, MessageReceived]]:
    first = next(e for e in day.events if isinstance(e, MessageReceived) and e.message.id == _WHO)
    at = first.message.sent_at or day.at
    tap = InteractiveReply(reply_type="button_reply", id="sales", title="Sales")
    return [
        ("her message of the sample day", first),
        (
            'she answers "M, please" (scripted)',
            _reply(first, Text("M, please"), at + timedelta(minutes=1), 1),
        ),
        ("the same webhook, delivered again", first),
        (
            'she taps "Sales" (scripted)',
            _reply(first, tap, at + timedelta(minutes=2), 2),
        ),
    ]


def _action(day: SampleDay, action: FlowAction) -> str:
    if isinstance(action, Send):
        body = " ".join(str(getattr(action.content, "body", "")).split())
        return f"send {action.content.kind}: {shorten(body, 34)}"
    if isinstance(action, SetTimer):
        return f"set a timer for {_clock(day, action.at)}"
    if isinstance(action, Route):
        skills = f", skills {', '.join(action.skills)}" if action.skills else ""
        return f"route to {action.queue} (priority {action.priority}{skills})"
    if isinstance(action, End):
        return f"end: {action.reason}"
    return "cancel the timer"


def _clock(day: SampleDay, at: datetime) -> str:
    return str(pendulum.instance(at).in_timezone(day.timezone).format("HH:mm:ss"))


def _local(day: SampleDay, event: Event, offset: timedelta) -> str:
    at = (getattr(event, "occurred_at", None) or day.at) + offset
    return str(pendulum.instance(at).in_timezone(day.timezone).format("ddd HH:mm:ss"))


def flow_section(day: SampleDay) -> tuple[str, tuple[str, ...], Json]:
    """The section's title, lines and JSON form."""
    definition = load_flow(_data.load_json("sample_flow.json"))
    stream = FlowStream(definition)
    rows = [["Time", "What happens", "State", "Actions"]]
    data: list[Json] = []
    for number, (what, event) in enumerate(_script(day)):
        offset = timedelta(seconds=90) if number == 2 else timedelta(0)
        at = (event.occurred_at or day.at) + offset
        answer = stream.feed(event, at)
        state = "—" if answer.run is None else answer.run.state
        actions = [_action(day, a) for a in answer.actions] or ["nothing: seen before"]
        for i, action in enumerate(actions):
            first = i == 0
            rows.append(
                [
                    _local(day, event, offset) if first else "",
                    what if first else "",
                    state if first else "",
                    shorten(action, _ACTION_COLUMNS),
                ]
            )
        data.append({"event": what, **answer.to_line()})
    lines = [
        f"The Zoom example flow {definition.id} ({len(definition.states)} states), bound to "
        f"{', '.join(sorted(definition.numbers))}:",
        "",
        *diagram(definition).splitlines()[1:],
        "",
        "Sheena Nelson writes to the sales line; the flow answers, she picks from the menu:",
        "",
        *render_table(rows).splitlines(),
    ]
    return f"Flow (times in {day.timezone})", tuple(lines), data
