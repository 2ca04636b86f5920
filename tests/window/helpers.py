"""Builders of window-relevant events for the window, decision and follow-up tests."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from wamsg import (
    Context,
    Customer,
    Direction,
    Message,
    MessageReceived,
    MessageSent,
    PhoneNumber,
    TemplateRef,
    Text,
)
from wamsg.content import Content
from wamsg.events import CallEvent
from wamsg.messages import Referral

UTC = timezone.utc
BUSINESS = PhoneNumber.parse("+15550783881")
CUSTOMER = Customer(phone="+16505551234", name="Sheena Nelson")
DAY0 = datetime(2026, 11, 2, tzinfo=UTC)


def hour(h: float) -> datetime:
    """``h`` hours after midnight UTC on 2026-11-02 (Meta's examples count in hours)."""
    return DAY0 + timedelta(hours=h)


def received(
    at: datetime,
    *,
    source_type: str | None = None,
    content: Content | None = None,
    customer: Customer = CUSTOMER,
    business: PhoneNumber | None = BUSINESS,
) -> MessageReceived:
    """A customer message at ``at``, referred by an ad/post when ``source_type`` is set."""
    referral = None if source_type is None else Referral(source_type=source_type)
    return MessageReceived(
        provider="meta",
        message=Message(
            id=f"wamid.in.{at.isoformat()}",
            direction=Direction.INBOUND,
            business=business,
            customer=customer,
            sent_at=at,
            content=content or Text(body="Where is my order?"),
            context=Context(referral=referral),
        ),
    )


def sent(
    at: datetime,
    *,
    template: str | None = None,
    customer: Customer = CUSTOMER,
    business: PhoneNumber | None = BUSINESS,
) -> MessageSent:
    """A business message at ``at``; a template of category ``template`` when given."""
    content: Content = (
        Text(body="On its way")
        if template is None
        else TemplateRef(name="order_update", language="en_US", category=template)
    )
    return MessageSent(
        provider="meta",
        message=Message(
            id=f"wamid.out.{at.isoformat()}",
            direction=Direction.OUTBOUND,
            business=business,
            customer=customer,
            sent_at=at,
            content=content,
        ),
        operator="agent-7",
    )


def called(
    at: datetime,
    *,
    direction: str = "USER_INITIATED",
    event: str = "connect",
    customer: Customer = CUSTOMER,
    business: PhoneNumber | None = BUSINESS,
) -> CallEvent:
    """A WhatsApp call webhook at ``at``: by default the user calling the business."""
    return CallEvent(
        provider="meta",
        call_id=f"wacid.{direction}.{event}.{at.isoformat()}",
        event=event,
        direction=direction,
        business=business,
        customer=customer,
        occurred_at=at,
    )
