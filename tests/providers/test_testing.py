"""wamsg.testing builds Meta payloads from events that parse back to the same events."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timezone

import attrs
from hypothesis import given
from hypothesis import strategies as st

from wamsg import (
    Customer,
    DeliveryStatus,
    Message,
    MessageReceived,
    MessageStatus,
    PhoneNumber,
    Text,
)
from wamsg.delivery import ErrorDetail, Pricing
from wamsg.messages import Direction
from wamsg.providers import MetaProvider
from wamsg.testing import DEFAULT_PHONE_NUMBER_ID, meta_payload, signed_meta_request

META = MetaProvider()
EXTRA = {"phone_number_id": DEFAULT_PHONE_NUMBER_ID}
BUSINESSES = [PhoneNumber.parse("+15550783881"), PhoneNumber.parse("+358942411000")]
CUSTOMERS = [
    Customer(phone="+16505551234", name="Sheena"),
    Customer(phone="+358401234567"),
    Customer(user_id="US.13491208655302741918", name="Mika"),
]
TIMES = st.integers(1_700_000_000, 1_800_000_000).map(
    lambda s: datetime.fromtimestamp(s, timezone.utc)
)


@st.composite
def _received(draw: st.DrawFn) -> MessageReceived:
    customer = draw(st.sampled_from(CUSTOMERS))
    message = Message(
        id=f"wamid.{draw(st.integers(0, 99))}",
        direction=Direction.INBOUND,
        business=draw(st.sampled_from(BUSINESSES)),
        customer=customer,
        sent_at=draw(TIMES),
        content=Text(draw(st.text(min_size=1, max_size=30))),
    )
    return MessageReceived(provider="meta", message=message, extra=dict(EXTRA))


@st.composite
def _status(draw: st.DrawFn) -> MessageStatus:
    errors = draw(
        st.sampled_from([(), (ErrorDetail(code="131047", title="Re-engagement", detail="24 h"),)])
    )
    pricing = draw(
        st.sampled_from(
            [None, Pricing(model="PMP", type="regular", category="marketing", billable=True)]
        )
    )
    customer = draw(st.sampled_from(CUSTOMERS))
    return MessageStatus(
        provider="meta",
        message_id=f"wamid.out{draw(st.integers(0, 9))}",
        status=draw(st.sampled_from(list(DeliveryStatus))),
        business=draw(st.sampled_from(BUSINESSES)),
        customer=attrs.evolve(customer, name=None),
        occurred_at=draw(TIMES),
        errors=errors,
        pricing=pricing,
        extra=dict(EXTRA),
    )


@given(st.lists(st.one_of(_received(), _status()), min_size=1, max_size=12))
def test_events_survive_a_trip_through_a_real_meta_payload(events: list[object]) -> None:
    request = signed_meta_request(meta_payload(events), "s")  # type: ignore[arg-type]
    META.verify(request, "s")
    parsed = META.parse(request)
    key = lambda e: repr(e.to_dict(include_raw=False))  # noqa: E731
    assert Counter(map(key, parsed)) == Counter(map(key, events))


def test_every_fixture_type_survives_a_trip_through_meta_payload() -> None:
    from ._support import fixture

    for name in ("all_types", "batch_3x2"):
        events = META.parse(signed_meta_request(fixture(f"meta/{name}.json"), "s"))
        kept = [e for e in events if isinstance(e, (MessageReceived, MessageStatus))]
        again = META.parse(signed_meta_request(meta_payload(kept), "s"))
        key = lambda e: repr(e.to_dict(include_raw=False))  # noqa: E731
        assert Counter(map(key, again)) == Counter(map(key, kept))
