"""Provider adapters: Meta webhook parsing and Twilio signature checks.

- Meta webhook, 1 text message and a 100-status batch: wamsg's verify-free
  ``parse`` of a :class:`WebhookRequest` (built once, as a helpdesk builds it
  once to verify and then parse it; the figures with the request built in the
  loop are printed too) against ``json.loads`` of the same bytes (the floor) and against
  pywa reading the same payload (``json.loads`` + ``Message.from_update`` /
  ``MessageStatus.from_update`` for every status, so pywa too reads the whole
  batch). Aims: the one-message webhook in ≤ 2.0x the floor's time, the batch
  in ≤ 3.0x, both measured in the same run; the pywa figures are printed
  alongside as information. The batch is as Meta sends it: one entry, one
  change, 100 statuses (sent, delivered, read for each message; pricing and
  conversation on sent and delivered), to 10 recipients and, as a harder case,
  to 100 (the aim holds for both).
- The same one-message webhook from 5,000 different customers, so that none is
  in wamsg's identity memos (4,096 entries; pywa keeps none): information.
- The runs are measured in turn, round after round. Ratios are taken within
  each round (a noisy spell on a shared machine slows one round's runs alike)
  and the median over the rounds is reported; ops/s are medians too.
- Twilio ``X-Twilio-Signature`` check against twilio-python's
  ``RequestValidator`` on the same request, measured in the same interleaved
  rounds. wamsg reads the form from the raw body; twilio-python is handed it
  already parsed, as a web framework would. Target: at least as fast.

Peers are optional (the ``bench`` extra): a missing one is skipped with a note.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from statistics import median
from urllib.parse import parse_qsl

from wamsg import Customer, DeliveryStatus, Message, MessageReceived, MessageStatus, PhoneNumber
from wamsg import Text as TextContent
from wamsg._internal.json import Json, JsonObject
from wamsg.delivery import Pricing
from wamsg.messages import Direction
from wamsg.providers import MetaProvider, TwilioProvider, WebhookRequest
from wamsg.testing import meta_body, meta_payload, signed_twilio_request, twilio_inbound_params

from ._harness import Measurement, Section, measure

BUSINESS = PhoneNumber.parse("+15550783881")
CUSTOMER = Customer(phone="+16505551234", user_id="US.13491208655302741918", name="Sheena Nelson")
START = datetime(2026, 11, 20, 9, 0, tzinfo=timezone.utc)
META = MetaProvider()


def _one_message() -> bytes:
    message = Message(
        id="wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQ",
        direction=Direction.INBOUND,
        business=BUSINESS,
        customer=CUSTOMER,
        sent_at=START,
        content=TextContent("Where is my order? Hyvää päivää"),
    )
    return meta_body(meta_payload([MessageReceived(provider="meta", message=message)]))


def _recipient(index: int) -> Customer:
    return Customer(
        phone=f"+1650555{1234 + index:04d}",
        user_id=f"US.1349120865530274{1918 + index:04d}",
        name=f"Customer {index}",
    )


def _status_event(index: int, recipients: int) -> MessageStatus:
    """Status ``index`` of a batch: sent, delivered, read in turn for each message.

    Pricing and (v23.0) conversation appear on ``sent`` and on ``delivered``
    ([rule meta.pricing.status-pricing]); ``read`` carries neither.
    """
    message, step = divmod(index, 3)
    status = (DeliveryStatus.SENT, DeliveryStatus.DELIVERED, DeliveryStatus.READ)[step]
    customer = _recipient(message % recipients)
    extra: JsonObject = {}
    pricing = None
    if status is not DeliveryStatus.READ:
        pricing = Pricing(model="PMP", type="free_customer_service", category="service",
                          billable=False)  # fmt: skip
        conversation: JsonObject = {"id": f"conv{message:05d}", "origin": {"type": "service"}}
        if status is DeliveryStatus.SENT:
            conversation["expiration_timestamp"] = str(int(START.timestamp()) + 86400)
        extra["conversation"] = conversation
    return MessageStatus(
        provider="meta",
        message_id=f"wamid.HBgLMTY1MDU1NTEyMzQVAgARGBI{message:05d}",
        status=status,
        business=BUSINESS,
        customer=Customer(phone=customer.phone, user_id=customer.user_id),
        occurred_at=START + timedelta(seconds=2 * message + (0, 1, 30)[step]),
        pricing=pricing,
        extra=extra,
    )


def _statuses(count: int, recipients: int = 10) -> bytes:
    """One entry, one change, ``count`` statuses to ``recipients`` customers, as Meta batches."""
    payload = meta_payload([_status_event(i, recipients) for i in range(count)])
    # Since the 2026 BSUID rollout status webhooks also carry ``contacts`` (pywa needs it).
    contacts: list[Json] = []
    for index in range(min(count, recipients)):
        customer = _recipient(index)
        contacts.append({
            "wa_id": customer.phone.digits if customer.phone else None,
            "user_id": str(customer.user_id),
            "profile": {"name": customer.name},
        })  # fmt: skip
    entry = payload["entry"]
    assert isinstance(entry, list)
    assert isinstance(entry[0], dict)
    changes = entry[0]["changes"]
    assert isinstance(changes, list)
    assert isinstance(changes[0], dict)
    value = changes[0]["value"]
    assert isinstance(value, dict)
    value["contacts"] = contacts
    return meta_body(payload)


def _pywa(kind: str) -> Callable[[bytes], object] | None:
    try:  # imported by name: the peer is optional, so its types are not checked here
        pywa = importlib.import_module("pywa")
    except ImportError:
        return None
    client = pywa.WhatsApp(phone_id="106540352242922", token="x", validate_updates=False)

    def one(body: bytes) -> object:
        return pywa.types.Message.from_update(client, json.loads(body))

    def batch(body: bytes) -> object:
        update = json.loads(body)
        count = len(update["entry"][0]["changes"][0]["value"]["statuses"])
        read = pywa.types.MessageStatus.from_update
        return [read(client, update, status_idx=i) for i in range(count)]

    return one if kind == "one" else batch


def _loop(function: Callable[[bytes], object], bodies: list[bytes], n: int) -> Callable[[], None]:
    def run() -> None:
        for index in range(n):
            function(bodies[index % len(bodies)])

    return run


def _parser(bodies: list[bytes]) -> Callable[[bytes], object]:
    requests = {body: WebhookRequest(body=body) for body in bodies}

    def parse(body: bytes) -> object:
        return META.parse(requests[body])

    return parse


def _request_and_parse(body: bytes) -> object:
    return META.parse(WebhookRequest(body=body))


def _new_customers(count: int) -> list[bytes]:
    """One-message webhooks from ``count`` customers, more than wamsg's memos keep."""
    bodies = []
    for index in range(count):
        customer = Customer(
            phone=f"+1650{5550000 + index:07d}",
            user_id=f"US.{13491208655302741918 + index}",
            name=f"Customer {index}",
        )
        message = Message(
            id=f"wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQ{index:05d}",
            direction=Direction.INBOUND,
            business=BUSINESS,
            customer=customer,
            sent_at=START + timedelta(seconds=index),
            content=TextContent("Where is my order? Hyvää päivää"),
        )
        bodies.append(meta_body(meta_payload([MessageReceived(provider="meta", message=message)])))
    return bodies


def _interleaved(runs: dict[str, Callable[[], None]], ops: int, rounds: int) -> list[list[float]]:
    """Seconds per operation of each run in each round, the runs measured in turn.

    A noisy spell on a shared machine slows the runs of the same round alike,
    so ratios are taken within a round and the median over rounds is kept.
    One untimed round comes first: imports, memos and the interpreter's
    specialisation of hot code are warmed for every run alike.
    """
    for run in runs.values():
        run()
    seconds: list[list[float]] = [[] for _ in runs]
    for _ in range(rounds):
        for times, run in zip(seconds, runs.values(), strict=True):
            times.append(measure("", run, ops, repeat=1).seconds_per_op)
    return seconds


def _median_ratio(slower: list[float], faster: list[float]) -> float:
    return median(a / b for a, b in zip(slower, faster, strict=True))


def _meta_section(
    title: str, bodies: list[bytes], kind: str, n: int, rounds: int, aim: float | None
) -> Section:
    """One Meta parse benchmark; ``aim`` is the most wamsg may take, in floors (None: none)."""
    runs = {
        "wamsg MetaProvider.parse": _loop(_parser(bodies), bodies, n),
        "json.loads (floor)": _loop(json.loads, bodies, n),
        "wamsg WebhookRequest + parse": _loop(_request_and_parse, bodies, n),
    }
    peer = _pywa(kind)
    if peer is not None:
        runs["pywa from_update (same payload)"] = _loop(peer, bodies, n)
    times = dict(zip(runs, _interleaved(runs, n, rounds), strict=True))
    ours, floor, built = (times[label] for label in list(runs)[:3])
    found = {label: Measurement(label, 1 / median(seconds)) for label, seconds in times.items()}
    del found["wamsg WebhookRequest + parse"]  # a variant of ours, reported in a note
    section = Section(title, found.pop("wamsg MetaProvider.parse"), list(found.values()))
    to_floor = _median_ratio(ours, floor)
    label = "information" if aim is None else f"aim ≤ {aim:.1f}x"
    section.notes.append(
        f"wamsg takes {to_floor:.2f}x the floor's time ({label}; median of {rounds} rounds)"
    )
    if aim is not None:
        section.target = f"≤ {aim:.1f}x the floor's time (the pywa figures are information)"
        section.met = to_floor <= aim
    with_request = f"with the WebhookRequest built each time: {_median_ratio(built, floor):.2f}x"
    if peer is None:
        section.notes.append("pywa not installed: pywa baseline skipped (pip install pywa)")
    else:
        pywa = times["pywa from_update (same payload)"]
        section.notes.append(
            f"wamsg is {_median_ratio(pywa, ours):.2f}x as fast as pywa"
            f" (information; median of {rounds} rounds)"
        )
        with_request += f" the floor, {_median_ratio(pywa, built):.2f}x as fast as pywa"
    section.notes.append(with_request)
    return section


def _twilio_section(n: int, rounds: int) -> Section:
    url = "https://helpdesk.example/webhooks/twilio?tenant=7"
    request = signed_twilio_request(twilio_inbound_params(body="Hyvää päivää"), "token", url=url)
    provider = TwilioProvider()

    def ours() -> None:
        for _ in range(n):
            provider.verify(request, "token")

    title = "Twilio X-Twilio-Signature check (1 inbound message)"
    target = "at least as fast as twilio-python's RequestValidator"
    try:
        from twilio.request_validator import RequestValidator
    except ImportError:
        section = Section(title, measure("wamsg TwilioProvider.verify", ours, n), target=target)
        section.notes.append("twilio not installed: baseline skipped (pip install twilio)")
        return section
    validator = RequestValidator("token")
    params = dict(parse_qsl(request.body.decode()))
    signature = request.header("X-Twilio-Signature")

    def theirs() -> None:
        for _ in range(n):
            validator.validate(url, params, signature)

    mine, peer = _interleaved({"wamsg": ours, "twilio-python": theirs}, n, rounds)
    section = Section(
        title,
        Measurement("wamsg TwilioProvider.verify", 1 / median(mine)),
        [Measurement("twilio-python RequestValidator.validate", 1 / median(peer))],
        target=target,
    )
    speedup = _median_ratio(peer, mine)
    section.notes.append(f"wamsg is {speedup:.2f}x as fast (median of {rounds} rounds)")
    section.notes.append("wamsg reads the raw form body; twilio-python is handed it parsed")
    section.met = speedup >= 1
    return section


def run(quick: bool) -> list[Section]:
    """Meta parse (1 message, 100 statuses) and the Twilio signature check."""
    n, rounds = (200, 3) if quick else (500, 31)
    strangers = _meta_section(
        "Meta webhook parse: 1 text message, a new customer each time",
        _new_customers(n * rounds if quick else 5000),  # more than the memos keep
        "one",
        n,
        rounds,
        aim=None,
    )
    strangers.notes.append(
        "information: every customer is new to wamsg's identity memos (the business"
        " number is not); the aim is for the webhook above"
    )
    return [
        _meta_section(
            "Meta webhook parse: 1 text message", [_one_message()], "one", n, rounds, aim=2.0
        ),
        strangers,
        _meta_section(
            "Meta webhook parse: 100-status batch (10 recipients)",
            [_statuses(100)],
            "batch",
            n // 50,
            rounds,
            aim=3.0,
        ),
        _meta_section(
            "Meta webhook parse: 100-status batch (100 recipients)",
            [_statuses(100, recipients=100)],
            "batch",
            n // 50,
            rounds,
            aim=3.0,
        ),
        _twilio_section(200 if quick else 500, rounds),
    ]
