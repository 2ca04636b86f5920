"""Regressions: the field checks of the public value classes (``wamsg._internal.fields``).

Each hostile class the fuzz of ``tests/test_hostile_builders.py`` found getting through
a constructor is refused at construction, with a ValidationError naming the field.
"""

from __future__ import annotations

import math
from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from wamsg import (
    Customer,
    MessageReceived,
    MessageStatus,
    PhoneNumber,
    Text,
    ValidationError,
    event_from_dict,
)
from wamsg.content import (
    Audio,
    ContactCard,
    Contacts,
    Location,
    Media,
    OrderItem,
    ReplyButtons,
    TemplateRef,
    Unsupported,
)
from wamsg.delivery import Delivery, DeliveryStatus, ErrorDetail, Pricing
from wamsg.events import AccountUpdate, TemplateIdentity, UnknownEvent, record_key
from wamsg.messages import Context, Direction, Message
from wamsg.outgoing import Outgoing
from wamsg.providers import MetaProvider, WebhookRequest
from wamsg.testing import meta_body

AT = datetime(2026, 11, 20, 12, tzinfo=timezone.utc)
BUSINESS = PhoneNumber.parse("+15550783881")
CUSTOMER = Customer(phone="+16505551234")


def _deep(depth: int) -> dict[str, Any]:
    value: dict[str, Any] = {"x": "y"}
    for _ in range(depth):
        value = {"a": value}
    return value


def _message(**change: Any) -> Message:
    fields: dict[str, Any] = {
        "id": "wamid.1", "direction": Direction.INBOUND, "business": BUSINESS,
        "customer": CUSTOMER,
        "sent_at": AT, "content": Text("Hei"),
    }  # fmt: skip
    return Message(**{**fields, **change})


SURROGATE = [
    lambda: Text("\ud800"),
    lambda: Media(id="\udfff"),
    lambda: Location(latitude=0.0, longitude=0.0, name="\ud800"),
    lambda: ReplyButtons(body="\ud800", buttons=[]),
    lambda: TemplateRef(name="t", language="en", category="\ud800"),
    lambda: Customer(phone="+16505551234", name="\ud800"),
    lambda: ErrorDetail(code="1", title="\ud800"),
    lambda: Pricing(category="\ud800"),
    lambda: Context(reply_to="\ud800"),
    lambda: Outgoing(business=BUSINESS, customer=CUSTOMER, content=Text("x"), operator="\ud800"),
    lambda: MessageReceived(provider="\ud800", message=_message()),
    lambda: TemplateIdentity(name="\udfff"),
    lambda: UnknownEvent(provider="meta", kind="\ud800"),
]
WRONG_TYPE = [
    lambda: Audio(media=None),  # type: ignore[arg-type]
    lambda: Audio(media=Media(id="1"), voice=b"yes"),  # type: ignore[arg-type]
    lambda: Contacts(cards=None),  # type: ignore[arg-type]
    lambda: Location(latitude=None, longitude=0.0),  # type: ignore[arg-type]
    lambda: ReplyButtons(body="b", buttons=["\ud800"]),  # type: ignore[list-item]
    lambda: TemplateRef(name="t", language="en", components=5),  # type: ignore[arg-type]
    lambda: Unsupported(type="x", data=None),  # type: ignore[arg-type]
    lambda: Delivery(status=object()),  # type: ignore[arg-type]
    lambda: Delivery(status=DeliveryStatus.SENT).merge(None),  # type: ignore[arg-type]
    lambda: DeliveryStatus.SENT.merge(None),  # type: ignore[arg-type]
    lambda: Delivery.combine(None),  # type: ignore[arg-type]
    lambda: Pricing(billable=b"x"),  # type: ignore[arg-type]
    lambda: Context(forwarded=b"x"),  # type: ignore[arg-type]
    lambda: CUSTOMER.matches(None),  # type: ignore[arg-type]
    lambda: _message(content=None),
    lambda: Outgoing(business=5, customer=CUSTOMER, content=Text("x")),  # type: ignore[arg-type]
    lambda: MessageReceived(provider="meta", message=None),  # type: ignore[arg-type]
    lambda: MessageStatus(provider="meta", message_id="m", status=None),  # type: ignore[arg-type]
    lambda: MessageReceived(provider="meta", message=_message(), extra=5),  # type: ignore[arg-type]
    lambda: MessageReceived(provider="meta", message=_message(), raw=b"x"),  # type: ignore[arg-type]
    lambda: record_key(None),  # type: ignore[arg-type]
    lambda: Media.from_dict({"id": "1"}, field=10**5000),  # type: ignore[arg-type]
]
NUMBER = [
    lambda: OrderItem(product_retailer_id="p", quantity=10**5000),
    lambda: OrderItem(product_retailer_id="p", quantity=1, item_price=Decimal("NaN")),
    lambda: OrderItem(product_retailer_id="p", quantity=1, item_price=Decimal("1e999999")),
    lambda: Location(latitude=math.nan, longitude=0.0),
    lambda: MessageReceived(provider="meta", message=_message(), raw={"x": math.inf}),
]
NESTING = [
    lambda: ContactCard(data=_deep(600)),
    lambda: Unsupported(type="x", data=_deep(600)),
    lambda: AccountUpdate(provider="meta", event="e", details=_deep(600)),
    lambda: MessageReceived(provider="meta", message=_message(), extra=_deep(600)),
    lambda: MessageReceived(provider="meta", message=_message(), raw=[_deep(600)]),
]
TIME = [lambda: Delivery(status=DeliveryStatus.SENT, at=datetime(2026, 1, 1))]  # naive


@pytest.mark.parametrize(
    "build",
    [*SURROGATE, *WRONG_TYPE, *NUMBER, *NESTING, *TIME],
    ids=[
        *(f"surrogate-{i}" for i in range(len(SURROGATE))),
        *(f"wrong-type-{i}" for i in range(len(WRONG_TYPE))),
        *(f"number-{i}" for i in range(len(NUMBER))),
        *(f"nesting-{i}" for i in range(len(NESTING))),
        *(f"time-{i}" for i in range(len(TIME))),
    ],
)
def test_hostile_fields_are_refused_at_construction(build: Any) -> None:
    with pytest.raises(ValidationError):
        build()


def test_a_refusal_names_the_field() -> None:
    with pytest.raises(ValidationError) as caught:
        Media(id="1", caption="\ud800")
    assert caught.value.field == "caption"
    with pytest.raises(ValidationError) as caught:
        MessageReceived(provider="meta", message=_message(), extra={"k": math.nan})
    assert caught.value.field == "extra"


def test_lists_still_become_tuples() -> None:
    contacts = Contacts(cards=[ContactCard(data={"name": {"formatted_name": "A"}})])
    assert isinstance(contacts.cards, tuple)


# -- the unchecked business number reads back from canonical JSON -----------------------


def _unchecked_webhook() -> bytes:
    """A Meta webhook whose display number has E.164's form but no assigned code."""
    value: dict[str, Any] = {
        "messaging_product": "whatsapp",
        "metadata": {"display_phone_number": "1111111111111", "phone_number_id": "1"},
        "contacts": [{"profile": {"name": "Ann"}, "wa_id": "1111111111111"}],
        "messages": [
            {
                "from": "1111111111111",
                "id": "wamid.A1",
                "timestamp": "1795165200",
                "type": "audio",
                "audio": {"mime_type": "audio/ogg", "id": "827776106019109", "voice": True},
            }
        ],
    }
    changes: list[Any] = [{"field": "messages", "value": value}]
    return meta_body(
        {"object": "whatsapp_business_account", "entry": [{"id": "1", "changes": changes}]}
    )


def test_an_unchecked_business_number_reads_back_from_canonical_json() -> None:
    (event,) = MetaProvider().parse(WebhookRequest(body=_unchecked_webhook()))
    assert isinstance(event, MessageReceived)
    assert event.business is not None
    assert not event.business.checked
    written = event.to_dict()
    assert written["business_checked"] is False
    back = event_from_dict(written)
    assert isinstance(back, MessageReceived)
    assert back == event
    assert back.business is not None
    assert not back.business.checked
    assert back.to_dict() == written


def test_a_checked_business_number_writes_no_flag() -> None:
    event = MessageReceived(provider="meta", message=_message())
    assert "business_checked" not in event.to_dict()
    assert event_from_dict(event.to_dict()) == event


def test_a_checked_flag_of_false_on_a_valid_number_is_read_as_written() -> None:
    written = MessageReceived(provider="meta", message=_message()).to_dict()
    back = event_from_dict({**written, "business_checked": False})
    assert isinstance(back, MessageReceived)
    assert back.business == BUSINESS


def test_the_fixture_dir_is_not_needed() -> None:
    assert not Path(__file__).with_name("bindambc__audioMessage.json").exists()
