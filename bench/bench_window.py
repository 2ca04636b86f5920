"""Send decisions on a folded window state, and the fold itself.

Targets (issue 3): ``decide_send`` ≥ 1,000,000 decisions/s on a folded state, and
at least 5× the same decision computed with pendulum arithmetic (``add(hours=24)``,
``subtract``, comparisons of pendulum ``DateTime``), both measured in this run.
The pendulum baseline returns only (allowed, reason, free entry point, closes_at):
it builds no decision object, so the ratio is not flattered.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pendulum

from wamsg import (
    Context,
    Customer,
    Direction,
    Message,
    MessageReceived,
    MessageSent,
    Outgoing,
    PhoneNumber,
    TemplateRef,
    Text,
)
from wamsg.events import Event
from wamsg.messages import Referral
from wamsg.window import SendReason, WindowBook, WindowState, decide_send

from ._harness import Section, measure

UTC = timezone.utc
T0 = datetime(2026, 11, 2, 10, tzinfo=UTC)
BUSINESS = PhoneNumber.parse("+15550783881")
CUSTOMER = Customer(phone="+16505551234")
MARGIN = timedelta(minutes=2)


def _message(i: int, direction: Direction, at: datetime, ad: bool) -> Message:
    referral = Referral(source_type="ad") if ad else None
    return Message(
        id=f"wamid.{direction.value}.{i}",
        direction=direction,
        business=BUSINESS,
        customer=CUSTOMER,
        sent_at=at,
        content=Text(body="hello"),
        context=Context(referral=referral),
    )


def conversation(count: int, customer: Customer = CUSTOMER) -> list[Event]:
    """``count`` messages of one pair, alternating customer and business, every 37 min."""
    events: list[Event] = []
    for i in range(count):
        at = T0 + timedelta(minutes=37 * i)
        if i % 2 == 0:
            message = _message(i, Direction.INBOUND, at, ad=i == 0)
            events.append(MessageReceived(provider="meta", message=message))
        else:
            message = _message(i, Direction.OUTBOUND, at, ad=False)
            events.append(MessageSent(provider="meta", message=message))
    return events


def _pendulum_decision(
    last_inbound: pendulum.DateTime,
    fep_opened: pendulum.DateTime,
    template: bool,
    at: pendulum.DateTime,
) -> tuple[bool, SendReason, bool, pendulum.DateTime]:
    closes = last_inbound.add(hours=24)
    is_open = last_inbound <= at < closes.subtract(minutes=2)
    fep = fep_opened <= at < fep_opened.add(hours=72).subtract(minutes=2)
    if template:
        reason = SendReason.WINDOW_OPEN if is_open else SendReason.TEMPLATE_OUTSIDE_WINDOW
        return True, reason, fep, closes
    if is_open:
        return True, SendReason.WINDOW_OPEN, fep, closes
    closing = at < closes
    reason = SendReason.WINDOW_CLOSING if closing else SendReason.WINDOW_CLOSED
    return False, reason, fep, closes


def _decision_section(quick: bool) -> Section:
    state = WindowState.empty(BUSINESS, CUSTOMER).fold(conversation(200))
    last = state.inbound[-1]
    fep_opened = state.free_entry_points[-1][0]
    # The caller's own (equal, not identical) business and customer values.
    business, customer = PhoneNumber.parse("15550783881"), Customer(phone="+1 650 555 1234")
    text = Outgoing(business=business, customer=customer, content=Text(body="hi"))
    template = Outgoing(
        business=business,
        customer=customer,
        content=TemplateRef(name="order_update", language="en_US", category="utility"),
    )
    # Moments from the last customer message to 48 h later: open, closing, closed.
    moments = [last + timedelta(minutes=29 * i) for i in range(100)]
    asks = [(text if i % 2 else template, moments[i]) for i in range(100)]
    rounds = 200 if quick else 10_000
    ops = rounds * len(asks)

    def ours() -> None:
        for _ in range(rounds):
            for outgoing, at in asks:
                decide_send(state, outgoing, at=at, margin=MARGIN)

    p_last, p_fep = pendulum.instance(last), pendulum.instance(fep_opened)
    p_asks = [(i % 2 == 0, pendulum.instance(at)) for i, (_, at) in enumerate(asks)]
    base_rounds = max(1, rounds // 50)

    def baseline() -> None:
        for _ in range(base_rounds):
            for is_template, at in p_asks:
                _pendulum_decision(p_last, p_fep, is_template, at)

    for (outgoing, at), (is_template, p_at) in zip(asks, p_asks, strict=True):
        mine = decide_send(state, outgoing, at=at, margin=MARGIN)
        theirs = _pendulum_decision(p_last, p_fep, is_template, p_at)
        assert (mine.allowed, mine.reason, mine.free_entry_point) == theirs[:3]
    measured = measure("wamsg decide_send (folded state, margin 2m)", ours, ops)
    base = measure(
        "baseline: same decision with pendulum arithmetic", baseline, base_rounds * len(asks)
    )
    ratio = measured.ops_per_second / base.ops_per_second
    return Section(
        title="decide_send on a folded window state (100 moments x free-form/template)",
        ours=measured,
        baselines=[base],
        target="≥ 1,000,000 decisions/s and ≥ 5x the pendulum baseline",
        met=measured.ops_per_second >= 1_000_000 and ratio >= 5,
        notes=["answers checked equal to the baseline's before timing"],
    )


def _fold_section(quick: bool) -> Section:
    pairs = 20 if quick else 200
    customers = [Customer(phone=f"+1650555{i:04d}") for i in range(pairs)]
    events: list[Event] = []
    for customer in customers:
        for event in conversation(50):
            events.append(_addressed_to(event, customer))
    measured = measure(
        "wamsg WindowBook().fold (events/s)", lambda: WindowBook().fold(events), len(events)
    )
    return Section(
        title=f"Folding {len(events):,} message events of {pairs} pairs into window states",
        ours=measured,
        notes=["informational: no target"],
    )


def _addressed_to(event: Event, customer: Customer) -> Event:
    """The same message event addressed to ``customer``."""
    assert isinstance(event, (MessageReceived, MessageSent))
    message = event.message
    moved = Message(
        id=message.id + customer.key,
        direction=message.direction,
        business=message.business,
        customer=customer,
        sent_at=message.sent_at,
        content=message.content,
        context=message.context,
    )
    if isinstance(event, MessageReceived):
        return MessageReceived(provider=event.provider, message=moved)
    return MessageSent(provider=event.provider, message=moved)


def run(quick: bool) -> list[Section]:
    """The window benchmarks."""
    return [_decision_section(quick), _fold_section(quick)]
