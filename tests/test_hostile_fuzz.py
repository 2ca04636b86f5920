"""Hostile values into every public reader, parser, verifier and builder: only WamsgError.

Each class of value that once escaped the error tree is generated on purpose: times at
the edges of ``datetime`` (years 1 and 9999) and unix seconds beyond them, integers of
thousands of digits, ``NaN`` and infinities, lone surrogates, deep nesting and values of
the wrong type. Whatever is read must write back as strict, UTF-8-encodable JSON, and
fold, decide and bill without an exception outside the error tree.
"""

from __future__ import annotations

import contextlib
import json
from datetime import datetime, timedelta, timezone
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.strategies import HOSTILE_BODIES, HOSTILE_DEPTH
from wamsg import (
    BusinessHours,
    Customer,
    Inbox,
    PhoneNumber,
    WamsgError,
    WindowBook,
    bill_events,
    decide_send,
    event_from_dict,
)
from wamsg.events import Event
from wamsg.providers import WebhookRequest, default_registry
from wamsg.templates import lint_template, normalize_language, template_from_dict
from wamsg.testing import sample_day

PROVIDERS = [default_registry().get(name) for name in default_registry().names]
AT = datetime(2026, 11, 20, 12, tzinfo=timezone.utc)

HOSTILE_SCALARS = st.one_of(
    st.sampled_from(
        [
            "0001-01-01T00:00:00Z",
            "9999-12-31T23:59:59Z",
            "9999-12-31T23:59:59-23:59",
            "1969-12-31T23:59:59Z",
            "2200-01-01T00:00:00Z",
            "2026-11-20T10:00:00",  # no zone
            "253402300800",  # unix seconds after year 9999
            "99999999999999999999",
            "-1",
            "\ud800",
            "a\udfffb",
            "",
            " ",
            "PHONE_NUMBER",
            "+1111111111111",
        ]
    ),
    st.sampled_from([10**400, -(10**300), 2**64, 1e308, -0.0, True, False, None]),
    st.floats(),
    st.integers(),
    st.text(max_size=12),
)


def _deep(depth: int) -> Any:
    value: Any = "x"
    for _ in range(depth):
        value = {"a": [value]}
    return value


HOSTILE = st.recursive(
    HOSTILE_SCALARS | st.sampled_from([_deep(40), _deep(300)]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner),
    max_leaves=8,
)


def _dumps(value: object) -> bytes:
    """JSON text as an attacker writes it: NaN, Infinity and lone surrogates allowed."""
    return json.dumps(value, ensure_ascii=True).encode("ascii")


def _replace_leaves(value: Any, hostile: Any, path: list[int]) -> Any:
    """``value`` with the leaf chosen by ``path`` replaced by ``hostile``."""
    if isinstance(value, dict) and value:
        keys = sorted(value)
        key = keys[path[0] % len(keys)] if path else keys[0]
        return {**value, key: _replace_leaves(value[key], hostile, path[1:])}
    if isinstance(value, list) and value:
        index = path[0] % len(value) if path else 0
        copy = list(value)
        copy[index] = _replace_leaves(value[index], hostile, path[1:])
        return copy
    return hostile


CANONICAL = [event.to_dict() for event in sample_day().events]


def _written_back(event: Event) -> None:
    """A read event writes back as strict, UTF-8-encodable JSON."""
    json.dumps(event.to_dict(), allow_nan=False, ensure_ascii=False).encode("utf-8")


def _downstream(events: list[Event]) -> None:
    """Folds, decisions and bills of what was read raise nothing outside the error tree."""
    book = WindowBook().fold(events)
    for state in book:
        for asked in ("free_form", "marketing"):
            decide_send(state, asked, at=AT)
    inbox = Inbox().fold(events)
    inbox.rows()
    inbox.summary(at=AT, timezone="Europe/Helsinki")
    with contextlib.suppress(WamsgError):
        bill_events(events, month="2026-11")


@settings(max_examples=150, deadline=None)
@given(st.integers(0, len(CANONICAL) - 1), st.lists(st.integers(0, 20), max_size=5), HOSTILE)
def test_canonical_events_with_a_hostile_leaf(index: int, path: list[int], hostile: Any) -> None:
    data = _replace_leaves(CANONICAL[index], hostile, path)
    try:
        event = event_from_dict(data)
    except WamsgError:
        return
    _written_back(event)
    _downstream([*(event_from_dict(d) for d in CANONICAL), event])


META_ITEM = {
    "entry": [
        {
            "id": "1",
            "time": 1763629200,
            "changes": [
                {
                    "field": "messages",
                    "value": {
                        "metadata": {"display_phone_number": "15550783881"},
                        "contacts": [{"profile": {"name": "A"}, "wa_id": "16505551234"}],
                        "messages": [
                            {
                                "from": "16505551234",
                                "id": "wamid.1",
                                "timestamp": "1763629200",
                                "type": "location",
                                "location": {"latitude": 1.5, "longitude": 2.5},
                            }
                        ],
                        "statuses": [
                            {
                                "id": "wamid.2",
                                "status": "read",
                                "timestamp": "1763629201",
                                "recipient_id": "16505551234",
                            }
                        ],
                    },
                }
            ],
        }
    ],
    "events": [
        {
            "id": "ev1",
            "type": "conversation:message",
            "createdAt": "2026-11-20T09:00:00Z",
            "payload": {"message": {"id": "m1", "author": {"type": "user"}}},
        }
    ],
    "message_uuid": "u1",
    "timestamp": "2026-11-20T09:00:00Z",
    "from": "16505551234",
    "to": "15550783881",
    "message_type": "text",
    "text": "hi",
}


@settings(max_examples=150, deadline=None)
@given(st.lists(st.integers(0, 20), max_size=9), HOSTILE)
def test_webhook_bodies_with_a_hostile_leaf(path: list[int], hostile: Any) -> None:
    body = _dumps(_replace_leaves(META_ITEM, hostile, path))
    request = WebhookRequest(body=body, headers=[("Content-Type", "application/json")])
    for provider in PROVIDERS:
        try:
            events = list(provider.parse(request))
        except WamsgError:
            continue
        for event in events:
            _written_back(event)
        _downstream(events)
        with contextlib.suppress(WamsgError):
            provider.verify(request, "\ud800")


_CONTENT_TYPES = ("application/json", "application/x-www-form-urlencoded", "text/plain")


def test_every_provider_refuses_every_hostile_body() -> None:
    """Bodies of every hostile class, as JSON and as forms: events or a WamsgError only.

    Nesting ``HOSTILE_DEPTH`` (100,000) levels deep, integers of 5,000 digits, ``NaN`` and
    infinities, ``1e400``, escaped and raw (not UTF-8) lone surrogates, bytes that are not
    text, no body, extra data after the value.
    """
    assert HOSTILE_BODIES[0] == b"[" * HOSTILE_DEPTH
    for body in HOSTILE_BODIES:
        for kind in _CONTENT_TYPES:
            request = WebhookRequest(body=body, headers=[("Content-Type", kind)])
            for provider in PROVIDERS:
                try:
                    events = list(provider.parse(request))
                except WamsgError:
                    continue
                for event in events:
                    _written_back(event)
                _downstream(events)


@given(HOSTILE, HOSTILE)
def test_identity_and_templates_with_hostile_values(first: Any, second: Any) -> None:
    for call in (
        lambda: PhoneNumber.parse(first),
        lambda: PhoneNumber.from_provider(first),
        lambda: Customer.from_dict({"phone": first, "user_id": second, "name": "x"}),
        lambda: normalize_language(first),
        lambda: BusinessHours.parse(first, timezone=second),
        lambda: BusinessHours.parse("Mon-Fri 08:00-17:00", timezone=first),
        lambda: lint_template(
            template_from_dict({"name": first, "language": "en_US", "components": second})
        ),
        lambda: template_from_dict(
            {
                "name": "t",
                "language": "en_US",
                "category": "utility",
                "components": [{"type": "BODY", "text": f"hi {{{{{first}}}}}"}],
            }
        ),
    ):
        with contextlib.suppress(WamsgError):
            call()


@given(st.integers(-(10**6), 10**6))
def test_decisions_at_any_time_within_the_supported_range(hours: int) -> None:
    at = AT + timedelta(hours=hours)
    if (
        not datetime(1970, 1, 1, tzinfo=timezone.utc)
        <= at
        < datetime(2200, 1, 1, tzinfo=timezone.utc)
    ):
        return
    events = list(sample_day().events)
    for state in WindowBook().fold(events):
        decide_send(state, "free_form", at=at, margin=timedelta(days=30))
        state.as_of(at)


def _leaf_paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(value, dict):
        return [p for key in value for p in _leaf_paths(value[key], (*prefix, key))] or [prefix]
    if isinstance(value, list):
        return [p for i, item in enumerate(value) for p in _leaf_paths(item, (*prefix, i))] or [
            prefix
        ]
    return [prefix]


def _set(value: Any, path: tuple[Any, ...], leaf: Any) -> Any:
    if not path:
        return leaf
    copy = dict(value) if isinstance(value, dict) else list(value)
    copy[path[0]] = _set(value[path[0]], path[1:], leaf)
    return copy


EVERY_CLASS = [
    "0001-01-01T00:00:00Z",
    "9999-12-31T23:59:59Z",
    "2026-11-20T10:00:00",
    "a\ud800b",
    float("nan"),
    float("inf"),
    10**5000,
    _deep(3000),
    ["not", "a", "dict"],
    {"not": "a string"},
]


def test_every_leaf_of_every_kind_of_canonical_event_refuses_every_hostile_class() -> None:
    """Exhaustive, not sampled: each leaf of one event of each type, each hostile value."""
    one_of_each = {d["type"]: d for d in CANONICAL}
    for data in one_of_each.values():
        for path in _leaf_paths(data):
            for hostile in EVERY_CLASS:
                try:
                    event = event_from_dict(_set(data, path, hostile))
                except WamsgError:
                    continue
                _written_back(event)
                _downstream([event])
