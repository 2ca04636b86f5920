"""Folding events into conversations; what an inbox fed by Meta webhooks retains.

Targets (issue 2, issue 12): folding 1,000,000 events ≥ 500,000 events/s on one
core; an inbox fed from real webhooks retains ≤ 1 KiB per conversation, *all
included*. Baselines measured in the same run: the floor of routing each event
to its conversation with one dict lookup (no state at all), ``json.loads`` of the
webhook bodies, and ``max()`` over integer ranks for status merges.

The memory figure is measured as a helpdesk runs: tracing starts *before* the
events exist. Meta webhook bodies (bytes, as received: several customers with
contacts and profile names, their messages, statuses sent / delivered / read
with pricing and realistic ~60-character wamids) are parsed by
:class:`~wamsg.providers.MetaProvider`; the helpdesk's own replies are recorded
as :class:`~wamsg.MessageSent` with the wamid read from Meta's send response and
the text received from the agent; everything is folded into an
:class:`~wamsg.inbox.Inbox`; then the bodies, responses and event lists are
dropped and what stays traced is divided by the number of conversations. The
breakdown walks what the inbox references (each object counted once, in the
first part that reaches it); the remainder is what the inbox does not reach
(the parsers' bounded memos, allocator rounding).
"""

from __future__ import annotations

import base64
import enum
import gc
import json
import subprocess
import sys
import tracemalloc
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone, tzinfo
from pathlib import Path
from types import BuiltinFunctionType, FunctionType, ModuleType

from wamsg import (
    Customer,
    Delivery,
    DeliveryStatus,
    Message,
    MessageReceived,
    MessageSent,
    MessageStatus,
    PhoneNumber,
    Text,
)
from wamsg._internal.json import JsonObject
from wamsg.delivery import Pricing
from wamsg.events import Event
from wamsg.inbox import Inbox
from wamsg.messages import Direction
from wamsg.providers import MetaProvider, WebhookRequest, _read
from wamsg.testing import meta_body, meta_payload

from ._harness import Section, measure

T0 = datetime(2026, 11, 1, tzinfo=timezone.utc)
_STATUSES = (DeliveryStatus.SENT, DeliveryStatus.DELIVERED, DeliveryStatus.READ)
AIM = 1024  # bytes per conversation, all included


def make_events(count: int, conversations: int) -> list[Event]:
    """A realistic stream: per round, a customer message, a reply and its 3 statuses."""
    businesses = [PhoneNumber.parse("+358942411000"), PhoneNumber.parse("+15550783881")]
    customers = [Customer(phone=f"+3584{i:08d}", name=f"C{i}") for i in range(conversations)]
    bodies = [Text("Hei, missä tilaukseni on?"), Text("Paketti on matkalla.")]
    events: list[Event] = []
    step = timedelta(seconds=1)
    i = 0
    while len(events) < count:
        customer = customers[i % conversations]
        business = businesses[i % 2]
        moment = T0 + step * i
        inbound = Message(
            id=f"wamid.in{i}",
            direction=Direction.INBOUND,
            business=business,
            customer=customer,
            sent_at=moment,
            content=bodies[0],
        )
        outbound = Message(
            id=f"wamid.out{i}",
            direction=Direction.OUTBOUND,
            business=business,
            customer=customer,
            sent_at=moment + step,
            content=bodies[1],
        )
        events.append(MessageReceived(provider="meta", message=inbound))
        events.append(MessageSent(provider="meta", message=outbound, operator="agent-7"))
        for offset, status in zip((3, 2, 4), _STATUSES, strict=True):  # out of order
            events.append(
                MessageStatus(
                    provider="meta",
                    message_id=outbound.id,
                    status=status,
                    business=business,
                    customer=customer,
                    occurred_at=moment + step * offset,
                )
            )
        i += 1
    return events[:count]


# -- an inbox fed by Meta webhooks -------------------------------------------

_BUSINESS = PhoneNumber.parse("+358942411000")
_HEADERS = (("Content-Type", "application/json"), ("X-Hub-Signature-256", "sha256=" + "0" * 64))
_PRICING = Pricing(model="PMP", type="free_customer_service", category="service", billable=False)
_OPERATORS = 8  # agents answering


def wamid(customer: Customer, serial: int) -> str:
    """A Meta message id as Meta writes them: ``wamid.`` and base64, about 60 characters."""
    digits = customer.phone.digits.encode() if customer.phone is not None else b""
    blob = b"\x15\x02\x00\x11\x18\x14" + f"3EB0{serial:016X}".encode() + b"\x00"
    return "wamid." + base64.b64encode(b"\x18" + bytes([len(digits)]) + digits + blob).decode()


def _customer(index: int) -> Customer:
    return Customer(
        phone=f"+35840{index:07d}",
        user_id=f"FI.{13491208655302741918 + index}",
        name=f"Asiakas {index} Virtanen",
    )


# One stream item: a webhook body, or the helpdesk's reply: (Meta's send response,
# the agent's text as the browser posted it, the customer's wa_id, the clock's unix
# seconds at the send). Nothing in it is kept: what the inbox keeps is built from it.
_Reply = tuple[bytes, bytes, str, int]
_Item = bytes | _Reply


def webhook_stream(conversations: int, rounds: int, *, first: int = 0) -> list[_Item]:
    """Webhook bodies and reply records, in time order, for ``conversations`` customers.

    Per round and customer: a text message (one webhook, with the contact and its
    profile name), the helpdesk's reply 30 s later, its statuses sent, delivered
    (one webhook each, with pricing and Meta's conversation object) and read.
    """
    timed: list[tuple[datetime, int, _Item]] = []
    serial = 0
    for index in range(first, first + conversations):
        customer = _customer(index)
        assert customer.phone is not None
        for round_ in range(rounds):
            moment = T0 + timedelta(seconds=7 * index + 3600 * round_)
            serial += 1
            inbound = Message(
                id=wamid(customer, serial),
                direction=Direction.INBOUND,
                business=_BUSINESS,
                customer=customer,
                sent_at=moment,
                content=Text(f"Hei, missä tilaukseni {100000 + serial} on? Kiitos!"),
            )
            received = MessageReceived(provider="meta", message=inbound)
            timed.append((moment, serial, meta_body(meta_payload([received]))))
            serial += 1
            reply_id = wamid(customer, serial)
            response = {
                "messaging_product": "whatsapp",
                "contacts": [{"input": customer.phone.e164, "wa_id": customer.phone.digits}],
                "messages": [{"id": reply_id}],
            }
            text = f"Hei {customer.name}, tilaus {100000 + serial - 1} on matkalla."
            sent_at = moment + timedelta(seconds=30)
            reply: _Reply = (
                json.dumps(response).encode(),
                text.encode(),
                customer.phone.digits,
                int(sent_at.timestamp()),
            )
            timed.append((sent_at, serial, reply))
            for offset, status in zip((1, 3, 40), _STATUSES, strict=True):
                extra: JsonObject = {}
                if status is not DeliveryStatus.READ:
                    extra["conversation"] = {
                        "id": f"{serial:032x}",
                        "origin": {"type": "service"},
                    }
                event = MessageStatus(
                    provider="meta",
                    message_id=reply_id,
                    status=status,
                    business=_BUSINESS,
                    customer=Customer(phone=customer.phone, user_id=customer.user_id),
                    occurred_at=sent_at + timedelta(seconds=offset),
                    pricing=None if status is DeliveryStatus.READ else _PRICING,
                    extra=extra,
                )
                at = sent_at + timedelta(seconds=offset)
                timed.append((at, serial, meta_body(meta_payload([event]))))
    timed.sort(key=lambda item: item[:2])
    return [item for _, _, item in timed]


def feed(stream: list[_Item]) -> Inbox:
    """What a helpdesk does with the stream: parse, record its replies, fold."""
    provider = MetaProvider()
    operators = [f"agent-{k}" for k in range(_OPERATORS)]
    heard: dict[str, Message] = {}  # the helpdesk's open tickets: whom it answers
    events: list[Event] = []
    for item in stream:
        if isinstance(item, bytes):
            parsed = provider.parse(WebhookRequest(body=item, headers=_HEADERS))
            events.extend(parsed)
            for event in parsed:
                if isinstance(event, MessageReceived):
                    phone = event.message.customer.phone
                    heard[phone.digits if phone else ""] = event.message
            continue
        response, text, digits, seconds = item
        result = provider.parse_send_response(200, response)
        assert result.message_id is not None
        inbound = heard[digits]
        reply = Message(
            id=result.message_id,
            direction=Direction.OUTBOUND,
            business=inbound.business,
            customer=inbound.customer,
            sent_at=datetime.fromtimestamp(seconds, timezone.utc),
            content=Text(text.decode()),
        )
        operator = operators[len(events) % _OPERATORS]
        events.append(MessageSent(provider="meta", message=reply, operator=operator))
    return Inbox().fold(events)


_SHARED = (type, ModuleType, FunctionType, BuiltinFunctionType, enum.Enum, tzinfo, bool)
_Sizes = dict[str, int]  # bytes by type name


def _walk(root: object, seen: set[int], sizes: _Sizes) -> None:
    """Add the bytes of ``root`` and of what it references, each object once, by type.

    Types, functions, modules, enum members, time zones and booleans are shared by
    every value and not counted.
    """
    stack = [root]
    while stack:
        obj = stack.pop()
        if obj is None or id(obj) in seen or isinstance(obj, _SHARED):
            continue
        seen.add(id(obj))
        name = type(obj).__name__
        sizes[name] = sizes.get(name, 0) + sys.getsizeof(obj)
        stack.extend(gc.get_referents(obj))


PARTS = (
    "message ids (wamid strings)",
    "times (datetime objects)",
    "customers (Customer, PhoneNumber, BSUID, name)",
    "business numbers",
    "last outbound's delivery (Delivery, Pricing)",
    "last message (LastMessage, Message, Text, body)",
    "conversation records (Conversation, operator)",
    "inbox index (dict, key tuples)",
    "parser identity memos (bounded: 4,096 entries each)",
)


def breakdown(inbox: Inbox) -> dict[str, _Sizes]:
    """Bytes of each of :data:`PARTS`, by type, summed over the inbox's conversations."""
    parts: dict[str, _Sizes] = {part: {} for part in PARTS}
    ids, times, customers, businesses, delivery, last, record, index, memos = parts.values()
    seen: set[int] = set()
    for conversation in inbox.conversations.values():
        message = conversation.last_message
        operator_key = conversation.operator_key
        for text in (
            conversation.last_outbound_id,
            None if message is None else message.id,
            None if operator_key is None else operator_key[1],
            *(mid for mid, _ in conversation.unread),
        ):
            _walk(text, seen, ids)
        moments = [
            conversation.created_at,
            conversation.last_inbound_at,
            conversation.last_outbound_at,
            conversation.read_at,
            None if operator_key is None else operator_key[0],
            None if conversation.last_outbound is None else conversation.last_outbound.at,
            *(at for _, at in conversation.unread),
        ]
        if message is not None:
            moments += [message.at, message.message.sent_at]
        for moment in moments:
            _walk(moment, seen, times)
        _walk(conversation.customer, seen, customers)
        _walk(conversation.business, seen, businesses)
        if message is not None:
            _walk(message.message.customer, seen, customers)
            _walk(message.message.business, seen, businesses)
        _walk(conversation.last_outbound, seen, delivery)
        _walk(message, seen, last)
        _walk(conversation, seen, record)
    _walk(inbox, seen, index)
    _walk(_read._phones, seen, memos)  # what the inbox does not keep alive itself
    _walk(_read._customers, seen, memos)
    return parts


def retained_by_an_inbox(conversations: int, rounds: int) -> tuple[int, int, dict[str, _Sizes]]:
    """(bytes retained, conversations, parts by type), traced from before the events exist.

    Run it in a fresh interpreter (:func:`retained_in_a_fresh_interpreter`): objects an
    earlier parse left in the identity memos would be reused untraced. One warm-up
    webhook (another customer) is parsed first, so that what is built once on first
    use is not counted per conversation.
    """
    warm_up = webhook_stream(1, 1, first=conversations)
    feed(warm_up)
    stream = webhook_stream(conversations, rounds)
    del warm_up
    gc.collect()  # empties the free lists: every object built from here on is traced
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        inbox = feed(stream)
        del stream  # the input: bodies, send responses, the agents' texts
        gc.collect()
        retained = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    return retained, len(inbox), breakdown(inbox)


def retained_in_a_fresh_interpreter(
    conversations: int, rounds: int
) -> tuple[int, int, dict[str, _Sizes]]:
    """:func:`retained_by_an_inbox` run by a new Python process (nothing parsed before)."""
    code = (
        "import json, bench.bench_conversation as b; "
        f"print(json.dumps(b.retained_by_an_inbox({conversations:d}, {rounds:d})))"
    )
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run(  # this interpreter, fixed code
        [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True
    )
    retained, found, parts = json.loads(done.stdout)
    return retained, found, parts


def _by_type(sizes: _Sizes, found: int) -> str:
    ranked = sorted(sizes.items(), key=lambda item: -item[1])
    return ", ".join(f"{name} {size / found:,.0f}" for name, size in ranked if size >= found)


def _webhook_section(quick: bool) -> Section:
    conversations, rounds = (500, 2) if quick else (20_000, 3)
    stream = webhook_stream(conversations, rounds)
    bodies = [item for item in stream if isinstance(item, bytes)]
    count = len(stream)  # one event per item: a message, a status or a reply
    ours = measure("parse + record replies + Inbox().fold", lambda: feed(stream), count)
    floor = measure(
        "floor: json.loads of every body", lambda: [json.loads(b) for b in bodies], count
    )
    retained, found, parts = retained_in_a_fresh_interpreter(conversations, rounds)
    assert found == conversations, (found, conversations)
    per = retained / found
    walked = sum(sum(sizes.values()) for sizes in parts.values())
    notes = [
        f"retained per conversation, all included (fresh interpreter, tracemalloc from "
        f"before parsing, input and events dropped): {per:,.0f} B, of which",
        *(
            f"  {name:<51} {sum(sizes.values()) / found:>6,.0f} B  [{_by_type(sizes, found)}]"
            for name, sizes in parts.items()
        ),
        f"  {'the rest (not reached: allocator, caches)':<51} "
        f"{(retained - walked) / found:>6,.0f} B",
    ]
    return Section(
        title=(
            f"an inbox fed by Meta webhooks: {conversations:,} conversations, "
            f"{rounds} rounds each, {count:,} events"
        ),
        ours=ours,
        baselines=[floor],
        target=f"≤ {AIM:,} B per conversation, all included",
        met=per <= AIM,
        notes=notes,
    )


def _floor(events: list[Event]) -> None:
    latest: dict[type, Event] = {}
    for event in events:
        latest[type(event)] = event


def _status_pairs(n: int) -> Iterator[tuple[DeliveryStatus, DeliveryStatus]]:
    statuses = list(DeliveryStatus)
    for i in range(n):
        yield statuses[i % 7], statuses[(i * 3 + 1) % 7]


def run(quick: bool) -> list[Section]:
    count = 20_000 if quick else 1_000_000
    events = make_events(count, conversations=max(count // 20, 10))
    ours = measure("Inbox().fold(events)", lambda: Inbox().fold(events), count, repeat=3)
    floor = measure("floor: a loop storing each event in a dict", lambda: _floor(events), count)
    inbox = Inbox().fold(events)
    fold = Section(
        title=f"fold {count:,} events into {len(inbox):,} conversations",
        ours=ours,
        baselines=[floor],
        target="≥ 500,000 events/s",
        met=ours.ops_per_second >= 500_000,
    )
    webhooks = _webhook_section(quick)
    n = 20_000 if quick else 1_000_000
    pairs = list(_status_pairs(n))
    rank = {s: i for i, s in enumerate(DeliveryStatus)}
    merge = measure("DeliveryStatus.merge", lambda: [a.merge(b) for a, b in pairs], n)
    base = measure(
        "baseline: max(a, b, key=rank.get)",
        lambda: [max(a, b, key=rank.__getitem__) for a, b in pairs],
        n,
    )
    deliveries = [Delivery(status=a, at=T0) for a, _ in pairs[:n]]
    others = [Delivery(status=b, at=T0 + timedelta(seconds=1)) for _, b in pairs[:n]]
    delivery = measure(
        "Delivery.merge (status, time, errors, pricing)",
        lambda: [d.merge(o) for d, o in zip(deliveries, others, strict=True)],
        n,
    )
    return [
        fold,
        webhooks,
        Section(title=f"merge {n:,} status pairs", ours=merge, baselines=[base]),
        Section(title=f"merge {n:,} delivery records", ours=delivery, baselines=[base]),
    ]
