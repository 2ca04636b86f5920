"""The public API's types, as a user's type checker sees them (checked by mypy --strict).

At run time these are ordinary tests; their real job is the ``assert_type`` calls,
which mypy verifies: a change that loosens a public type (say, to ``Any``) fails CI.
"""

from __future__ import annotations

from datetime import datetime, timezone

from typing_extensions import assert_type

import wamsg
from wamsg import (
    Conversation,
    Customer,
    Delivery,
    DeliveryStatus,
    Event,
    Inbox,
    PhoneNumber,
    SendDecision,
    Ticks,
    WindowBook,
    WindowState,
    decide_send,
    event_from_dict,
)
from wamsg.inbox import InboxSummary
from wamsg.providers import MetaProvider, Provider, get_provider
from wamsg.testing import meta_payload, sample_day, signed_meta_request

AT = datetime(2026, 11, 20, 15, 0, tzinfo=timezone.utc)


def test_core_values_have_precise_types() -> None:
    phone = PhoneNumber.parse("+14155550100")
    assert_type(phone, PhoneNumber)
    assert_type(phone.region, str | None)
    assert_type(Customer(phone=phone).key, str)
    merged = DeliveryStatus.SENT.merge(DeliveryStatus.READ)
    assert_type(merged, DeliveryStatus)
    assert_type(Delivery(status=merged).ticks, Ticks)


def test_events_folds_and_decisions_have_precise_types() -> None:
    events = sample_day().events
    assert_type(events, tuple[Event, ...])
    assert_type(event_from_dict(events[0].to_dict()), Event)
    inbox = Inbox().fold(events)
    assert_type(inbox, Inbox)
    assert_type(inbox.rows(), tuple[Conversation, ...])
    assert_type(inbox.summary(at=AT, timezone="UTC"), InboxSummary)
    book = WindowBook().fold(events)
    state = book.get(PhoneNumber.parse("+15550783881"), Customer(phone="+16505551234"))
    assert_type(state, WindowState)
    assert_type(decide_send(state, "free_form", at=AT), SendDecision)


def test_providers_have_precise_types() -> None:
    request = signed_meta_request(meta_payload(sample_day().events), "secret")
    provider = MetaProvider()
    assert_type(provider.parse(request), tuple[Event, ...])
    assert_type(get_provider("meta"), Provider)


def test_every_public_name_is_exported_once_and_resolves() -> None:
    names = wamsg.__all__
    assert len(names) == len(set(names))
    assert all(hasattr(wamsg, name) for name in names)
