"""Window-aware sends: after the customer service window closed, never a free-form send."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from wamsg.content import TemplateRef
from wamsg.flows import End, FlowDefinition, Send, TimerFired, load_flow, step
from wamsg.templates import TemplateLibrary
from wamsg.window import CUSTOMER_SERVICE_WINDOW, FREE_FORM, WindowState, decide_send

from .helpers import SALES_LINE, SHEENA, T0, Runner, inbound, kinds, sends

LIBRARY = TemplateLibrary.from_dicts(
    [
        {
            "name": "still_there",
            "language": "en_US",
            "category": "UTILITY",
            "status": "APPROVED",
            "components": [
                {
                    "type": "BODY",
                    "text": "Hi {{1}}, are you still there? Reply to go on.",
                    "example": {"body_text": [["Ann"]]},
                }
            ],
        }
    ]
)
TIMER = TimerFired(business=SALES_LINE, customer=SHEENA)


def _ask(name: str, after: str, timeout: str, **extra: Any) -> dict[str, Any]:
    return {
        "name": name,
        "type": "collect",
        "prompt": {"kind": "text", "body": "Reply 1 or 2, {{customer.name}}."},
        "options": [
            {"id": "one", "text": ["1"], "next": "done"},
            {"id": "two", "text": ["2"], "next": "done"},
        ],
        "timeout": {"after": after, "next": timeout},
        "no_match": {"retries": 1, "next": name, "exhausted": "done"},
        **extra,
    }


def nudge_flow(after: str = "20h", **nudge: Any) -> FlowDefinition:
    """Ask; 20 hours without a reply: nudge (free-form, maybe a template instead); ask again."""
    states = [
        {"name": "start", "type": "start", "next": "ask"},
        _ask("ask", after, "nudge"),
        {
            "name": "nudge",
            "type": "send",
            "content": {"kind": "text", "body": "Still there?"},
            "next": "ask_again",
            **nudge,
        },
        _ask("ask_again", "10h", "done", window_closed="done"),
        {"name": "gone", "type": "end", "reason": "gone"},
        {"name": "done", "type": "end"},
    ]
    if nudge.get("window_closed") != "gone":
        states.remove(states[4])
    data = {"flow": "nudge", "version": "1", "fallback": {"queue": "support"}, "states": states}
    return load_flow(data, templates=LIBRARY)


FALLBACK = {"name": "still_there", "language": "en_US", "body": ["{{customer.name}}"]}


def test_inside_the_window_the_free_form_text_is_sent() -> None:
    runner = Runner(nudge_flow(template_fallback=FALLBACK))
    runner.say("Hi", T0)
    actions = runner.feed(TIMER, T0 + timedelta(hours=20))
    assert [type(s.content).__name__ for s in sends(actions)] == ["Text", "Text"]
    assert sends(actions)[1].content.body == "Reply 1 or 2, Sheena Nelson."  # type: ignore[union-attr]


def test_after_the_window_closed_the_send_becomes_its_template_fallback() -> None:
    runner = Runner(nudge_flow(template_fallback=FALLBACK))
    runner.say("Hi", T0)
    runner.say("x", T0 + timedelta(hours=5))  # a no-match: the window now runs to 29 h
    actions = runner.feed(TIMER, T0 + timedelta(hours=30))
    nudge = sends(actions)[0]
    assert isinstance(nudge.content, TemplateRef)
    assert nudge.content.name == "still_there"
    assert nudge.content.components == (
        {"type": "body", "parameters": [{"type": "text", "text": "Sheena Nelson"}]},
    )
    # the next prompt has no fallback, but a window_closed exit: the run ends there
    assert kinds(actions) == ["send", "end"]
    assert actions[-1] == End("completed")


def test_without_a_fallback_the_window_closed_exit_is_taken() -> None:
    runner = Runner(nudge_flow(window_closed="gone"))
    runner.say("Hi", T0)
    runner.say("x", T0 + timedelta(hours=5))
    actions = runner.feed(TIMER, T0 + timedelta(hours=30))
    assert actions == (End("gone"),)


def test_without_fallback_or_exit_the_run_ends_with_window_closed() -> None:
    runner = Runner(nudge_flow())
    runner.say("Hi", T0)
    runner.say("x", T0 + timedelta(hours=5))
    assert runner.feed(TIMER, T0 + timedelta(hours=30)) == (End("window_closed"),)


def test_the_window_closes_exactly_24_hours_after_the_last_message() -> None:
    runner = Runner(nudge_flow(after="24h"))
    runner.say("Hi", T0)  # the nudge is due exactly when the window closes
    assert runner.feed(TIMER, T0 + timedelta(hours=24, microseconds=-1)) == ()  # not yet due
    assert runner.feed(TIMER, T0 + timedelta(hours=24)) == (End("window_closed"),)
    runner = Runner(nudge_flow(after="23h"))
    runner.say("Hi", T0)
    actions = runner.feed(TIMER, T0 + timedelta(hours=23))  # an hour before: free-form
    assert kinds(actions) == ["send", "send", "set_timer"]


def test_the_caller_s_window_state_decides_when_given() -> None:
    definition = nudge_flow(template_fallback=FALLBACK)
    never = WindowState.empty(SALES_LINE, SHEENA)  # the caller knows of no message at all
    actions, _ = step(definition, None, inbound("Hi"), at=T0, window=never)
    assert actions == (End("window_closed"),)  # the first prompt has no fallback


def test_a_message_stamped_after_its_arrival_opens_the_window_at_its_arrival() -> None:
    runner = Runner(nudge_flow())
    actions = runner.feed(inbound("Hi", T0 + timedelta(minutes=5)), T0)
    assert kinds(actions) == ["send", "set_timer"]
    assert runner.run().last_inbound_at == T0


_GAPS = st.lists(
    st.tuples(st.integers(min_value=1, max_value=60 * 40), st.sampled_from(["1", "x", "timer"])),
    min_size=1,
    max_size=12,
)


@given(gaps=_GAPS, fallback=st.booleans())
def test_no_free_form_send_ever_leaves_after_the_window_closed(
    gaps: list[tuple[int, str]], fallback: bool
) -> None:
    definition = nudge_flow(template_fallback=FALLBACK) if fallback else nudge_flow()
    runner = Runner(definition)
    inbound_times: list[datetime] = [T0]
    actions = runner.say("Hi", T0)
    at = T0
    for gap, what in gaps:
        at += timedelta(minutes=gap)
        window = WindowState(business=SALES_LINE, customer=SHEENA, inbound=tuple(inbound_times))
        for send in sends(actions):
            assert isinstance(send, Send)
        if what == "timer":
            actions = runner.feed(TIMER, at)
        else:
            inbound_times.append(at)
            window = WindowState(
                business=SALES_LINE, customer=SHEENA, inbound=tuple(inbound_times)
            )
            actions = runner.say(what, at)
        open_now = decide_send(window, FREE_FORM, at=at).allowed
        assert open_now == (inbound_times[-1] <= at < inbound_times[-1] + CUSTOMER_SERVICE_WINDOW)
        for send in sends(actions):
            # free-form only while wamsg's window model says so; a template only when it is closed
            assert isinstance(send.content, TemplateRef) != open_now
        if not runner.run().active:
            break
