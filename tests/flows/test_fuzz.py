"""Random definitions and event streams: only ValidationError at load, ``step`` never raises."""

from __future__ import annotations

import contextlib
import copy
from datetime import timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from wamsg import Customer, PhoneNumber
from wamsg.content import System, TemplateRef
from wamsg.errors import ValidationError
from wamsg.flows import (
    AgentJoined,
    Cancel,
    FlowAction,
    FlowDefinition,
    FlowEvent,
    Send,
    SendFailed,
    TimerFired,
    import_studio,
    load_flow,
)
from wamsg.identity import pair_key
from wamsg.window import CUSTOMER_SERVICE_WINDOW

from .helpers import (
    SALES_LINE,
    SHEENA,
    SUPPORT_LINE,
    T0,
    ZOOM,
    Runner,
    button,
    inbound,
    studio_data,
    zoom_data,
)

NAMES = ["start", "a", "b", "c", "menu", "end"]
TYPES = ["start", "send", "collect", "condition", "set", "hours", "route", "end", "nope"]
SCALARS = st.one_of(
    st.sampled_from(NAMES),
    st.sampled_from(["1h", "5m", "0s", "variables.x == 'a'", "customer.tier", "{{text}}", ""]),
    st.integers(min_value=-2, max_value=12),
    st.booleans(),
    st.none(),
    st.text(max_size=8),
)
JSON = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.sampled_from([*NAMES, "kind", "next"]), inner, max_size=3),
    ),
    max_leaves=8,
)
TEXT = {"kind": "text", "body": "Hello"}


@st.composite
def states(draw: st.DrawFn) -> list[dict[str, Any]]:
    """A list of states whose keys and values are drawn from plausible pieces."""
    out: list[dict[str, Any]] = []
    for name in draw(st.lists(st.sampled_from(NAMES), min_size=1, max_size=6)):
        kind = draw(st.sampled_from(TYPES))
        state: dict[str, Any] = {"name": name, "type": kind}
        if draw(st.booleans()):
            state["next"] = draw(st.sampled_from(NAMES))
        if kind == "send":
            state["content"] = draw(st.sampled_from([TEXT, {"kind": "text"}, {"kind": "x"}]))
        if kind == "collect":
            state["prompt"] = TEXT
            state["options"] = [{"id": "o", "text": ["1"], "next": draw(st.sampled_from(NAMES))}]
            state["timeout"] = {
                "after": draw(st.sampled_from(["1h", "x"])),
                "next": draw(st.sampled_from(NAMES)),
            }
            state["no_match"] = {
                "retries": draw(st.integers(-1, 9)),
                "next": draw(st.sampled_from(NAMES)),
                "exhausted": draw(st.sampled_from(NAMES)),
            }
        if kind == "condition":
            state["branches"] = [
                {
                    "when": draw(st.sampled_from(["variables.x == 'o'", "x ==", "true"])),
                    "next": draw(st.sampled_from(NAMES)),
                }
            ]
            state["else"] = draw(st.sampled_from(NAMES))
        if kind == "route":
            state["queue"] = draw(st.sampled_from(["q", "", 3]))
        for _ in range(draw(st.integers(0, 2))):
            state[draw(st.sampled_from(["next", "extra", "skills", "variables", "hours"]))] = draw(
                JSON
            )
        out.append(state)
    return out


def _mutated(data: Any, path: list[int], value: object) -> Any:
    """``data`` with the value at a position (chosen by ``path``) replaced by ``value``."""
    out = copy.deepcopy(data)
    node = out
    for index in path:
        children = list(node.items()) if isinstance(node, dict) else list(enumerate(node))
        if not children:
            break
        key, child = children[index % len(children)]
        if not isinstance(child, (dict, list)) or index % 3 == 0:
            node[key] = value
            return out
        node = child
    return out


def _loads(data: object) -> FlowDefinition | None:
    try:
        return load_flow(data)
    except ValidationError:
        return None


@given(body=states(), numbers=st.sampled_from([[], ["+15550783881"], ["x"]]))
def test_random_definitions_raise_only_validation_errors(
    body: list[dict[str, Any]], numbers: list[str]
) -> None:
    _loads(
        {
            "flow": "f",
            "version": "1",
            "numbers": numbers,
            "fallback": {"queue": "q"},
            "states": body,
        }
    )


@given(path=st.lists(st.integers(0, 50), min_size=1, max_size=6), value=JSON)
def test_mutations_of_the_zoom_flow_raise_only_validation_errors(
    path: list[int], value: object
) -> None:
    _loads(_mutated(zoom_data(), path, value))


@given(path=st.lists(st.integers(0, 50), min_size=1, max_size=7), value=JSON)
def test_mutations_of_the_studio_flow_raise_only_validation_errors(
    path: list[int], value: object
) -> None:
    with contextlib.suppress(ValidationError):
        import_studio(_mutated(studio_data(), path, value))


OTHER = Customer(phone="+4915112345678")
PAIRS = [(SALES_LINE, SHEENA), (SUPPORT_LINE, SHEENA), (SALES_LINE, OTHER)]
CONTENT = st.sampled_from(
    [
        "1",
        " 2 ",
        "2️⃣",
        "x",
        "",
        button("sales", "Ventas"),
        button("x1", "Sales"),
        System(system_type="user_changed_number"),
    ]
)
EVENTS = st.lists(
    st.tuples(
        st.integers(min_value=0, max_value=3 * 24 * 60),  # minutes after the previous event
        st.sampled_from(["message", "message", "replay", "timer", "failed", "agent", "cancel"]),
        st.integers(0, len(PAIRS) - 1),
        CONTENT,
    ),
    max_size=25,
)


def _definitions() -> list[FlowDefinition]:
    return [ZOOM, import_studio(studio_data()).definition]


def _check_sends(actions: tuple[FlowAction, ...], last_inbound: Any, at: Any) -> None:
    for action in actions:
        if isinstance(action, Send) and not isinstance(action.content, TemplateRef):
            assert last_inbound is not None
            assert last_inbound <= at < last_inbound + CUSTOMER_SERVICE_WINDOW


@settings(max_examples=150)
@given(events=EVENTS, which=st.integers(0, 1))
def test_random_event_streams_never_make_step_raise(
    events: list[tuple[int, str, int, object]], which: int
) -> None:
    runner = Runner(_definitions()[which])
    at = T0
    sent: list[str] = []
    messages: list[FlowEvent] = []
    last_inbound: dict[int, Any] = {}
    for gap, kind, pair, content in events:
        at += timedelta(minutes=gap)
        business: PhoneNumber | None
        business, customer = PAIRS[pair]
        event: FlowEvent
        if kind == "message" or (kind == "replay" and not messages):
            text = content if not isinstance(content, str) or content else "."
            event = inbound(text, at, business=business, customer=customer)  # type: ignore[arg-type]
            messages.append(event)
            if not isinstance(content, System):
                last_inbound[pair] = at
        elif kind == "replay":
            event = messages[gap % len(messages)]
            business, customer = event.business, event.customer
            pair = next(i for i, p in enumerate(PAIRS) if p == (business, customer))
        elif kind == "timer":
            event = TimerFired(business=business, customer=customer)
        elif kind == "failed":
            ref = sent[gap % len(sent)] if sent else "nothing#1.1"
            event = SendFailed(business=business, customer=customer, ref=ref)
        elif kind == "agent":
            event = AgentJoined(business=business, customer=customer)
        else:
            event = Cancel(business=business, customer=customer)
        actions = runner.feed(event, at)
        sent += [a.ref for a in actions if isinstance(a, Send)]
        _check_sends(actions, last_inbound.get(pair), at)
        run = runner.runs.get(pair_key(business, customer))
        if run is not None:
            assert (run.waiting is not None) == run.active  # an active run always waits
            assert run.steps <= 1000
