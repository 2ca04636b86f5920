"""Builders for the flow tests: the shipped flows, messages, and a runner that keys runs."""

from __future__ import annotations

import copy
import json
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from wamsg import Customer, Direction, Message, MessageReceived, PhoneNumber, Text
from wamsg.content import ButtonReply, Content, InteractiveReply
from wamsg.flows import (
    FlowAction,
    FlowDefinition,
    FlowEvent,
    FlowRun,
    Route,
    Send,
    load_flow,
    step,
)
from wamsg.identity import PairKey, pair_key

UTC = timezone.utc
EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "flows"
ZOOM_FILE = EXAMPLES / "zoom-whatsapp-for-business.json"
STUDIO_FILE = EXAMPLES / "studio_example.json"
SALES_LINE = PhoneNumber.parse("+15550783881")
SUPPORT_LINE = PhoneNumber.parse("+358942411000")
OTHER_LINE = PhoneNumber.parse("+358401000009")
SHEENA = Customer(phone="+16505551234", name="Sheena Nelson")
T0 = datetime(2026, 11, 20, 9, tzinfo=UTC)


def zoom_data() -> dict[str, Any]:
    """The shipped Zoom flow file, parsed (a fresh copy each call)."""
    data: dict[str, Any] = json.loads(ZOOM_FILE.read_text(encoding="utf-8"))
    return data


def studio_data() -> dict[str, Any]:
    """The shipped Studio example, parsed (a fresh copy each call)."""
    data: dict[str, Any] = json.loads(STUDIO_FILE.read_text(encoding="utf-8"))
    return data


ZOOM = load_flow(zoom_data())


def state_of(data: dict[str, Any], name: str) -> dict[str, Any]:
    """The state ``name`` of a definition's JSON (to change it in a test)."""
    found: dict[str, Any] = next(s for s in data["states"] if s["name"] == name)
    return found


def changed(data: dict[str, Any], name: str, **keys: Any) -> dict[str, Any]:
    """A copy of ``data`` whose state ``name`` has ``keys`` set (None deletes a key)."""
    out = copy.deepcopy(data)
    state = state_of(out, name)
    for key, value in keys.items():
        if value is None:
            state.pop(key, None)
        else:
            state[key] = value
    return out


def minutes(count: float) -> datetime:
    """``count`` minutes after :data:`T0`."""
    return T0 + timedelta(minutes=count)


_COUNTER = iter(range(10**9))


def inbound(
    content: Content | str,
    at: datetime = T0,
    *,
    business: PhoneNumber | None = SALES_LINE,
    customer: Customer = SHEENA,
    message_id: str | None = None,
) -> MessageReceived:
    """A customer message (a text when ``content`` is a string) sent at ``at``."""
    body = Text(content) if isinstance(content, str) else content
    return MessageReceived(
        provider="meta",
        message=Message(
            id=message_id or f"wamid.{next(_COUNTER)}",
            direction=Direction.INBOUND,
            business=business,
            customer=customer,
            sent_at=at,
            content=body,
        ),
    )


def button(reply_id: str, title: str) -> InteractiveReply:
    """An interactive reply-button answer."""
    return InteractiveReply(reply_type="button_reply", id=reply_id, title=title)


def quick_reply(text: str, payload: str | None = None) -> ButtonReply:
    """A template quick-reply button answer."""
    return ButtonReply(text=text, payload=payload)


class Runner:
    """Keeps each pair's run, as a caller would; records every step's actions."""

    def __init__(self, definition: FlowDefinition = ZOOM) -> None:
        self.definition = definition
        self.runs: dict[PairKey, FlowRun] = {}

    def feed(self, event: FlowEvent, at: datetime) -> tuple[FlowAction, ...]:
        key = pair_key(event.business, event.customer)
        actions, run = step(self.definition, self.runs.get(key), event, at=at)
        if run is not None:
            self.runs[key] = run
        return actions

    def run(
        self, business: PhoneNumber | None = SALES_LINE, customer: Customer = SHEENA
    ) -> FlowRun:
        return self.runs[pair_key(business, customer)]

    def say(self, content: Content | str, at: datetime, **kw: Any) -> tuple[FlowAction, ...]:
        return self.feed(inbound(content, at, **kw), at)


def kinds(actions: tuple[FlowAction, ...]) -> list[str]:
    """The action types, in order."""
    return [action.type for action in actions]


def sends(actions: tuple[FlowAction, ...]) -> list[Send]:
    """The send actions."""
    return [a for a in actions if isinstance(a, Send)]


def routes(actions: tuple[FlowAction, ...]) -> list[Route]:
    """The route actions."""
    return [a for a in actions if isinstance(a, Route)]


def body_of(send: Send) -> str:
    """The text a send shows (a text's or an interactive message's body)."""
    return str(getattr(send.content, "body", ""))
