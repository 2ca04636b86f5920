"""Builders for the routing-decision tests: the worked scenarios' common setup, inbound messages.

The common setup: business numbers ``+358401000001`` (brand Acme, "sales line") and
``+358401000002`` (brand Acme, "support line"); hours ``office`` in Europe/Helsinki,
Mon–Fri 09:00–17:00, closed 2026-12-24; queues Sales, Support, Swedish, VIP, Campaign,
AfterHours and Everyone (the fallback).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

import pendulum

from wamsg import Context, Customer, Direction, Message, MessageReceived, PhoneNumber, Text
from wamsg.content import Content
from wamsg.messages import Referral
from wamsg.routing._policy_reader import load_policy
from wamsg.routing.policy import RoutingPolicy

SALES_LINE = "+358401000001"
SUPPORT_LINE = "+358401000002"
CUSTOMER = "+358501234567"
QUEUES = ("Sales", "Support", "Swedish", "VIP", "Campaign", "AfterHours", "Everyone")
HOURS: dict[str, Any] = {
    "office": {
        "timezone": "Europe/Helsinki",
        "weekly": "Mon-Fri 09:00-17:00",
        "closed": ["2026-12-24"],
    }
}
NUMBERS: dict[str, Any] = {
    SALES_LINE: {"brand": "Acme", "name": "sales line", "queue": "Sales"},
    SUPPORT_LINE: {"brand": "Acme", "name": "support line", "queue": "Support"},
}


def helsinki(
    year: int, month: int, day: int, hour: int = 12, minute: int = 0, second: int = 0
) -> datetime:
    """A Helsinki wall-clock time."""
    return pendulum.datetime(year, month, day, hour, minute, second, tz="Europe/Helsinki")


MONDAY = helsinki(2026, 11, 2, 10, 0)
"""An ordinary open moment: Monday 2026-11-02 10:00 in Helsinki."""


def policy_file(
    rules: list[dict[str, Any]] | None = None,
    *,
    classify: list[dict[str, Any]] | None = None,
    queues: Mapping[str, Mapping[str, Any]] | None = None,
    extra_queues: tuple[str, ...] = (),
    attributes: Mapping[str, str] | None = None,
    numbers: bool = True,
) -> dict[str, Any]:
    """The common setup as a policy file, with ``rules`` and queue settings by id."""
    settings = queues or {}
    data: dict[str, Any] = {
        "version": "scenarios-1",
        "hours": HOURS,
        "queues": [{"id": q, **settings.get(q, {})} for q in (*QUEUES, *extra_queues)],
        "rules": rules or [],
        "fallback": "Everyone",
    }
    if numbers:
        data["numbers"] = NUMBERS
    if classify:
        data["classify"] = classify
    if attributes:
        data["attributes"] = dict(attributes)
    return data


def scenario_policy(
    rules: list[dict[str, Any]] | None = None,
    **options: Any,
) -> RoutingPolicy:
    """:func:`policy_file`, loaded."""
    return load_policy(policy_file(rules, **options))


def rule(rule_id: str, when: str, queue: str, **step: Any) -> dict[str, Any]:
    """A rule of one step."""
    return {"id": rule_id, "when": when, "route": [{"queue": queue, **step}]}


def inbound(
    business: str | None,
    at: datetime,
    *,
    customer: str = CUSTOMER,
    content: Content | None = None,
    source_type: str | None = None,
    source_id: str | None = None,
    message_id: str | None = None,
) -> MessageReceived:
    """The customer's message to ``business`` at ``at`` (with a referral when given)."""
    referral = (
        None
        if source_type is None and source_id is None
        else Referral(source_type=source_type, source_id=source_id)
    )
    return MessageReceived(
        provider="meta",
        message=Message(
            id=message_id or f"wamid.{customer}.{at.isoformat()}",
            direction=Direction.INBOUND,
            business=None if business is None else PhoneNumber.parse(business),
            customer=Customer(phone=customer),
            sent_at=at,
            content=content or Text(body="Hei"),
            context=Context(referral=referral),
        ),
    )
