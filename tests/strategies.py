"""Hypothesis strategies for wamsg's core values, for everyone's tests.

Import them as ``from tests.strategies import customers, events, ...``. Every
strategy builds *valid* values (they construct without error and read back
from their JSON form), so round-trip and law tests can use them directly; the
exceptions are :func:`hostile_examples` and :data:`hostile_values`, which build
the classes of input that must be refused (for the fuzz tests).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from functools import cache
from typing import cast

from hypothesis import strategies as st

from wamsg import (
    BusinessScopedUserId,
    Content,
    Context,
    Customer,
    Delivery,
    DeliveryStatus,
    Direction,
    Event,
    Message,
    MessageReceived,
    MessageSent,
    MessageStatus,
    PhoneNumber,
    TemplateRef,
    Text,
    UnknownEvent,
    Unsupported,
)
from wamsg._internal.data import load_json
from wamsg._internal.json import Json, JsonObject
from wamsg.content import (
    Audio,
    ButtonReply,
    CallPermissionReply,
    ContactCard,
    Contacts,
    Document,
    Image,
    InteractiveReply,
    Location,
    Media,
    Order,
    OrderItem,
    Reaction,
    Sticker,
    System,
    Video,
)
from wamsg.delivery import ErrorDetail, Pricing
from wamsg.events import (
    AccountUpdate,
    CallDirection,
    CallEvent,
    CallSession,
    ConversationRead,
    TemplateCategoryChanged,
    TemplateComponentButton,
    TemplateComponentsChanged,
    TemplateIdentity,
    TemplateQualityChanged,
    TemplateStatusChanged,
)
from wamsg.messages import Referral, ReferredProduct

__all__ = [
    "HOSTILE_BODIES",
    "HOSTILE_DEPTH",
    "aware_datetimes",
    "bsuids",
    "contents",
    "contexts",
    "customers",
    "deliveries",
    "delivery_statuses",
    "error_details",
    "events",
    "extras",
    "hostile_examples",
    "hostile_values",
    "inbound_messages",
    "json_objects",
    "json_values",
    "outbound_messages",
    "phone_numbers",
    "pricings",
    "referrals",
    "utc_datetimes",
]

UTC = timezone.utc

_TABLE = cast(dict[str, dict[str, str]], load_json("calling_codes.json"))
_CODES: list[str] = sorted(code for code in _TABLE["country_codes"] if code != "1")
_OTHER_AREAS = ("212", "415", "646", "800")  # US area codes and toll free
_NANP_AREAS: list[str] = [
    *sorted(p[1:] for p in _TABLE["subprefixes"] if p.startswith("1")),
    *_OTHER_AREAS,
]

# -- JSON -------------------------------------------------------------------

_scalars: st.SearchStrategy[Json] = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**53), max_value=2**53)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20)
)

json_values: st.SearchStrategy[Json] = st.recursive(
    _scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=8,
)
"""Any value :func:`json.loads` can produce (no NaN, so equality holds)."""

json_objects: st.SearchStrategy[JsonObject] = st.dictionaries(
    st.text(max_size=8), json_values, max_size=4
)
"""A JSON object with arbitrary keys and values."""

extras: st.SearchStrategy[JsonObject] = st.dictionaries(
    st.text(max_size=6).map(lambda key: "x-" + key), json_values, max_size=3
)
"""Unknown extra keys for an event (prefixed ``x-`` so they never clash with known keys)."""

_words = st.text(min_size=1, max_size=20)
_opt_words = st.none() | st.text(max_size=20)

# -- time -------------------------------------------------------------------

_offsets = st.integers(min_value=-14 * 60, max_value=14 * 60).map(
    lambda minutes: timezone(timedelta(minutes=minutes))
)

aware_datetimes: st.SearchStrategy[datetime] = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=_offsets
)
"""Timezone-aware datetimes (fixed offsets within ±14 h) between 2000 and 2100."""

utc_datetimes: st.SearchStrategy[datetime] = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)
)
"""UTC datetimes between 2000 and 2100."""

# -- identity ---------------------------------------------------------------


def _international(code: str) -> st.SearchStrategy[str]:
    low = max(1, 7 - len(code))
    return st.text("0123456789", min_size=low, max_size=15 - len(code)).map(lambda n: code + n)


_nanp = st.tuples(st.sampled_from(_NANP_AREAS), st.text("0123456789", min_size=7, max_size=7))

phone_numbers: st.SearchStrategy[PhoneNumber] = st.one_of(
    st.sampled_from(_CODES).flatmap(_international),
    _nanp.map(lambda parts: "1" + parts[0] + parts[1]),
).map(lambda digits: PhoneNumber("+" + digits))
"""Valid E.164 numbers over every assigned calling code (NANP with real area codes)."""

bsuids: st.SearchStrategy[BusinessScopedUserId] = st.builds(
    lambda country, parent, rest: BusinessScopedUserId(f"{country}.{parent}{rest}"),
    st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=2, max_size=2),
    st.sampled_from(["", "ENT."]),
    st.text("0123456789abcdefXYZ", min_size=1, max_size=24),
)
"""Business-scoped user ids, plain (``US.…``) and parent (``US.ENT.…``)."""


@st.composite
def customers(draw: st.DrawFn) -> Customer:
    """Customers with a phone, a BSUID or both (or only a provider's user id), and
    optional name and username."""
    which = draw(st.sampled_from(["phone", "user_id", "both", "provider"]))
    return Customer(
        phone=draw(phone_numbers) if which in ("phone", "both") else None,
        user_id=draw(bsuids) if which in ("user_id", "both") else None,
        name=draw(_opt_words),
        username=draw(st.none() | _words),
        provider_user_id=draw(_words) if which == "provider" else None,
    )


# -- content ----------------------------------------------------------------

media: st.SearchStrategy[Media] = st.builds(
    lambda ids, mime_type, sha256, caption: Media(
        id=ids[0], url=ids[1], mime_type=mime_type, sha256=sha256, caption=caption
    ),
    st.tuples(st.none() | _words, st.none() | _words).filter(lambda ids: ids != (None, None)),
    _opt_words,
    _opt_words,
    _opt_words,
)
"""Attachments with an id, a url or both."""

_prices = st.none() | st.decimals(allow_nan=False, allow_infinity=False, places=2).map(
    lambda d: Decimal(str(d))
)

order_items: st.SearchStrategy[OrderItem] = st.builds(
    OrderItem,
    product_retailer_id=_words,
    quantity=st.integers(min_value=0, max_value=10_000),
    item_price=_prices,
    currency=st.none() | st.sampled_from(["EUR", "USD", "INR"]),
)

contents: st.SearchStrategy[Content] = st.one_of(
    st.builds(Text, _words),
    st.builds(Image, media),
    st.builds(Video, media),
    st.builds(Audio, media=media, voice=st.booleans()),
    st.builds(Document, media=media, filename=_opt_words),
    st.builds(Sticker, media=media, animated=st.booleans()),
    st.builds(
        Location,
        latitude=st.floats(min_value=-90, max_value=90),
        longitude=st.floats(min_value=-180, max_value=180),
        name=_opt_words,
        address=_opt_words,
        url=_opt_words,
    ),
    st.builds(Contacts, st.lists(st.builds(ContactCard, json_objects), max_size=3).map(tuple)),
    st.builds(Reaction, message_id=_words, emoji=st.none() | _words),
    st.builds(
        InteractiveReply,
        reply_type=st.sampled_from(["button", "list", "flow"]) | _words,
        id=_opt_words,
        title=_opt_words,
        description=_opt_words,
        response_json=_opt_words,
    ),
    st.builds(
        CallPermissionReply,
        response=st.sampled_from(["accept", "reject"]) | _words,
        expires_at=st.none() | aware_datetimes,
        source=st.none() | st.sampled_from(["user_action", "automatic"]) | _words,
        data=json_objects,
    ),
    st.builds(ButtonReply, text=_words, payload=_opt_words),
    st.builds(
        Order,
        catalog_id=_opt_words,
        text=_opt_words,
        items=st.lists(order_items, max_size=3).map(tuple),
    ),
    st.builds(System, system_type=_words, body=_opt_words, new_wa_id=_opt_words),
    st.builds(
        TemplateRef,
        name=_words,
        language=_words,
        category=_opt_words,
        components=st.lists(json_objects, max_size=2).map(tuple),
        content_sid=_opt_words,
        variables=st.dictionaries(_words, st.text(max_size=10), max_size=3).map(
            lambda d: tuple(d.items())
        ),
    ),
    st.builds(Unsupported, type=_words, data=json_objects),
)
"""Every content kind, TemplateRef and Unsupported included."""

# -- messages ---------------------------------------------------------------

_REFERRAL_KEYS = ("source_type", "source_id", "ctwa_clid")

referrals: st.SearchStrategy[Referral] = st.builds(
    Referral,
    source_type=st.none() | st.sampled_from(["ad", "post"]) | _words,
    source_id=_opt_words,
    ctwa_clid=_opt_words,
    details=st.dictionaries(
        st.text(max_size=8).filter(lambda key: key not in _REFERRAL_KEYS), json_values, max_size=3
    ),
)
"""Ad and post referrals with arbitrary extra details."""

contexts: st.SearchStrategy[Context] = st.builds(
    Context,
    reply_to=_opt_words,
    forwarded=st.booleans(),
    frequently_forwarded=st.booleans(),
    referral=st.none() | referrals,
    referred_product=st.none()
    | st.builds(ReferredProduct, catalog_id=_words, product_retailer_id=_words),
)
"""Contexts of an inbound message (reply, forwarding flags, referral, product)."""


def _messages(
    direction: Direction, context: st.SearchStrategy[Context]
) -> st.SearchStrategy[Message]:
    return st.builds(
        Message,
        id=_words,
        direction=st.just(direction),
        business=st.none() | phone_numbers,
        customer=customers(),
        sent_at=st.none() | aware_datetimes,
        content=contents,
        context=context,
    )


inbound_messages: st.SearchStrategy[Message] = _messages(Direction.INBOUND, contexts)
"""Messages from a customer, with any context."""

outbound_messages: st.SearchStrategy[Message] = _messages(
    Direction.OUTBOUND, st.builds(Context, reply_to=_opt_words)
)
"""Messages from the business; their context is only ``reply_to`` (docs/events.md)."""

# -- delivery ---------------------------------------------------------------

delivery_statuses: st.SearchStrategy[DeliveryStatus] = st.sampled_from(DeliveryStatus)
"""Any delivery status."""

error_details: st.SearchStrategy[ErrorDetail] = st.builds(
    ErrorDetail,
    code=st.sampled_from(["131026", "131047", "130472", "470"]) | _words,
    title=_opt_words,
    detail=_opt_words,
)
"""Provider failure reports (a few real Meta codes and arbitrary ones)."""

pricings: st.SearchStrategy[Pricing] = st.builds(
    Pricing,
    model=st.none() | st.sampled_from(["", "CBP", "PMP"]),
    type=st.none() | st.sampled_from(["", "regular", "free_customer_service"]),
    category=st.none() | st.sampled_from(["", "utility", "marketing"]),
    billable=st.none() | st.booleans(),
)
"""Pricing reports, including empty strings next to None (both occur)."""

deliveries: st.SearchStrategy[Delivery] = st.builds(
    Delivery,
    status=delivery_statuses,
    at=st.none() | aware_datetimes,
    errors=st.frozensets(error_details, max_size=2),
    pricing=st.none() | pricings,
)
"""Delivery records, as :attr:`MessageStatus.delivery` builds them."""

# -- events -----------------------------------------------------------------

_providers = st.sampled_from(["meta", "360dialog", "twilio", "sunshine", "vonage"]) | _words
_raw = st.none() | json_values
_templates = st.builds(TemplateIdentity, id=_opt_words, name=_opt_words, language=_opt_words)

events: st.SearchStrategy[Event] = st.one_of(
    st.builds(
        MessageReceived, provider=_providers, message=inbound_messages, raw=_raw, extra=extras
    ),
    st.builds(
        MessageSent,
        provider=_providers,
        message=outbound_messages,
        operator=_opt_words,
        raw=_raw,
        extra=extras,
    ),
    st.builds(
        MessageStatus,
        provider=_providers,
        message_id=_words,
        status=delivery_statuses,
        business=st.none() | phone_numbers,
        customer=st.none() | customers(),
        occurred_at=st.none() | aware_datetimes,
        errors=st.lists(error_details, max_size=2).map(tuple),
        pricing=st.none() | pricings,
        raw=_raw,
        extra=extras,
    ),
    st.builds(
        ConversationRead,
        provider=_providers,
        business=st.none() | phone_numbers,
        customer=customers(),
        occurred_at=aware_datetimes,
        reader=st.sampled_from(["business", "customer"]),
        operator=_opt_words,
        raw=_raw,
        extra=extras,
    ),
    st.builds(
        TemplateStatusChanged,
        provider=_providers,
        template=_templates,
        status=st.sampled_from(["APPROVED", "PAUSED", "REJECTED"]) | _words,
        account=_opt_words,
        occurred_at=st.none() | aware_datetimes,
        reason=_opt_words,
        category=_opt_words,
        raw=_raw,
        extra=extras,
    ),
    st.builds(
        TemplateQualityChanged,
        provider=_providers,
        template=_templates,
        new=st.sampled_from(["GREEN", "YELLOW", "RED", "UNKNOWN"]),
        previous=st.none() | st.sampled_from(["GREEN", "YELLOW", "RED"]),
        account=_opt_words,
        occurred_at=st.none() | aware_datetimes,
        raw=_raw,
        extra=extras,
    ),
    st.builds(
        TemplateCategoryChanged,
        provider=_providers,
        template=_templates,
        new=st.sampled_from(["MARKETING", "UTILITY"]),
        previous=_opt_words,
        correct=_opt_words,
        account=_opt_words,
        occurred_at=st.none() | aware_datetimes,
        raw=_raw,
        extra=extras,
    ),
    st.builds(
        AccountUpdate,
        provider=_providers,
        event=_words,
        account=_opt_words,
        occurred_at=st.none() | aware_datetimes,
        details=json_objects,
        raw=_raw,
        extra=extras,
    ),
    st.builds(
        TemplateComponentsChanged,
        provider=_providers,
        template=_templates,
        account=_opt_words,
        occurred_at=st.none() | aware_datetimes,
        body=_opt_words,
        header=_opt_words,
        footer=_opt_words,
        buttons=st.lists(
            st.builds(
                TemplateComponentButton,
                type=_words,
                text=_opt_words,
                url=_opt_words,
                phone_number=_opt_words,
            ),
            max_size=3,
        ).map(tuple),
        raw=_raw,
        extra=extras,
    ),
    st.builds(
        CallEvent,
        provider=_providers,
        call_id=_words,
        event=st.sampled_from(["connect", "terminate", "status"]) | _words,
        business=st.none() | phone_numbers,
        customer=st.none() | customers(),
        occurred_at=st.none() | aware_datetimes,
        direction=st.none() | st.sampled_from(list(CallDirection)) | _words,
        status=_opt_words,
        started_at=st.none() | aware_datetimes,
        ended_at=st.none() | aware_datetimes,
        duration_seconds=st.none() | st.integers(min_value=0, max_value=10**6),
        callback_data=_opt_words,
        session=st.none() | st.builds(CallSession, sdp_type=_opt_words, sdp=_opt_words),
        errors=st.lists(error_details, max_size=2).map(tuple),
        raw=_raw,
        extra=extras,
    ),
    st.builds(
        UnknownEvent,
        provider=_providers,
        kind=_words,
        business=st.none() | phone_numbers,
        customer=st.none() | customers(),
        occurred_at=st.none() | aware_datetimes,
        raw=_raw,
        extra=extras,
    ),
)
"""Every event type of the closed family, with unknown extra keys and raw payloads."""


# -- hostile values (deliberately invalid) ---------------------------------------------

HOSTILE_DEPTH = 100_000
"""How deep the deeply nested hostile values and JSON texts go."""


@cache  # built once: deep values are shared, and nothing mutates them
def _nested(depth: int) -> list[object]:
    value: list[object] = []
    for _ in range(depth):
        value = [value]
    return value


@cache
def _nested_dict(depth: int) -> dict[str, object]:
    value: dict[str, object] = {"x": "y"}
    for _ in range(depth):
        value = {"a": [value]}
    return value


def _hostile_factories() -> list[tuple[str, Callable[[], object]]]:
    """``(label, factory)`` for each hostile class of input (see :func:`hostile_examples`).

    Wrong types, naive datetimes, datetimes out of wamsg's range (1970 to 2200) and at
    the edges of ``datetime`` (years 1 and 9999, where an offset overflows), lone
    surrogates (alone and inside containers), non-finite numbers, huge integers (beyond
    the digits ``str()`` writes), deep nesting and huge timedeltas.
    """
    west = timezone(-timedelta(hours=23, minutes=59))
    return [  # factories: mutable values are built afresh for each call
        ("None", lambda: None),
        ("int", lambda: 7),
        ("bool", lambda: True),
        ("float", lambda: 2.5),
        ("str", lambda: "text"),
        ("bytes", lambda: b"bytes"),
        ("tuple", lambda: ("x",)),
        ("list", lambda: ["x"]),
        ("dict", lambda: {"x": "y"}),
        ("object", lambda: object()),
        ("naive datetime", lambda: datetime(2026, 11, 20, 12)),
        ("year 1", lambda: datetime(1, 1, 1, tzinfo=UTC)),
        ("year 9999", lambda: datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC)),
        ("year 9999 west of UTC", lambda: datetime(9999, 12, 31, 23, 59, tzinfo=west)),
        ("before 1970", lambda: datetime(1969, 12, 31, 23, 59, tzinfo=UTC)),
        ("from 2200", lambda: datetime(2200, 1, 1, tzinfo=UTC)),
        ("date year 1", lambda: date(1, 1, 1)),
        ("date year 9999", lambda: date(9999, 12, 31)),
        ("lone surrogate", lambda: "\ud800"),
        ("lone surrogate inside", lambda: "a\udfffb"),
        ("surrogate in a list", lambda: ["\ud800"]),
        ("surrogate key", lambda: {"\ud800": "x"}),
        ("surrogate value", lambda: {"x": "\udfff"}),
        ("nan", lambda: math.nan),
        ("inf", lambda: math.inf),
        ("-inf", lambda: -math.inf),
        ("decimal nan", lambda: Decimal("NaN")),
        ("decimal infinity", lambda: Decimal("Infinity")),
        ("decimal huge exponent", lambda: Decimal("1e999999")),
        ("huge int", lambda: 10**5000),
        ("huge negative int", lambda: -(10**5000)),
        ("2**64", lambda: 2**64),
        ("1e308", lambda: 1e308),
        ("deep list", lambda: _nested(HOSTILE_DEPTH)),
        ("deep dict", lambda: _nested_dict(3000)),
        ("timedelta max", lambda: timedelta.max),
        ("timedelta min", lambda: timedelta.min),
        ("huge timedelta", lambda: timedelta(days=10**8)),
        ("negative timedelta", lambda: timedelta(microseconds=-1)),
    ]


_HOSTILE = _hostile_factories()


def hostile_examples() -> list[tuple[str, object]]:
    """``(label, value)`` for each hostile class of input, built afresh at each call.

    Wrong types, naive datetimes, datetimes out of wamsg's range (1970 to 2200) and at
    the edges of ``datetime`` (years 1 and 9999, where an offset overflows), lone
    surrogates (alone and inside containers), non-finite numbers, huge integers (beyond
    the digits ``str()`` writes), deep nesting and huge timedeltas.
    """
    return [(label, build()) for label, build in _HOSTILE]


HOSTILE_BODIES: tuple[bytes, ...] = (
    b"[" * HOSTILE_DEPTH,
    b'{"a":' * 5000 + b"1" + b"}" * 5000,
    b'{"a":' + b"9" * 5000 + b"}",
    b'{"a":NaN}',
    b'{"a":Infinity,"b":-Infinity}',
    b'{"a":1e400}',
    b'{"a":"\\ud800"}',
    b'{"\\udfff":1}',
    b'{"a":"\xed\xa0\x80"}',
    b"\xff\xfe\x00",
    b"",
    b"null",
    b'{"a":1}{"b":2}',
    b"Body=%ED%A0%80&From=whatsapp%3A%2B14155550100",
)
"""JSON texts (and a form) an attacker can send: deep, huge, non-finite, not UTF-8."""

_surrogates = st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF)

hostile_values: st.SearchStrategy[object] = st.one_of(
    st.sampled_from(_HOSTILE).map(lambda item: item[1]()),
    st.floats(),
    st.integers(min_value=-(10**400), max_value=10**400),
    st.text(st.characters() | _surrogates, max_size=8),
    st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30)),
    st.datetimes(
        min_value=datetime(1, 1, 2),
        max_value=datetime(9999, 12, 30),
        timezones=st.sampled_from([UTC, timezone(timedelta(hours=14))]),
    ),
    st.timedeltas(),
    st.decimals(),
    st.binary(max_size=8),
    st.lists(st.text(_surrogates, max_size=2), max_size=2),
)
"""A value of a hostile class, or of the types around them (floats, texts, times …)."""
