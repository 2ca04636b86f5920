"""A built-in sample helpdesk day, for the demo, the docs and users' experiments.

The day (2026-11-20, Europe/Helsinki) is packaged as canonical event JSON:
inbound messages, replies, statuses out of order, a duplicate webhook, a
forwarded image, an unsupported message type, a customer known only by a
business-scoped user id and a Click-to-WhatsApp ad referral. Its account file
(``sample_account.json``: the portfolio and its two numbers, for ``wamsg limits``) is
packaged beside it.
"""

from __future__ import annotations

from datetime import datetime
from typing import cast

import attrs

from wamsg._internal import data as _data
from wamsg._internal.json import JsonObject, parse_time
from wamsg.events import Event, event_from_dict

__all__ = ["SampleDay", "sample_day"]


@attrs.frozen(kw_only=True)
class SampleDay:
    """The sample day's events, the moment to look at them and the helpdesk's zone."""

    description: str
    events: tuple[Event, ...]
    at: datetime
    timezone: str
    business_hours: str
    """Opening hours in the compact form of :meth:`wamsg.BusinessHours.parse`."""
    templates: tuple[JsonObject, ...]
    """The helpdesk's templates, in Meta's template JSON."""
    follow_up: JsonObject
    """A closed-window follow-up to prepare: customer, template, languages, body values."""
    account: JsonObject = attrs.field(factory=dict)
    """The helpdesk's account file (the shape of :class:`wamsg.accounts.AccountConfig`)."""
    routing_policy: JsonObject = attrs.field(factory=dict)
    """The helpdesk's routing policy file (read by :func:`wamsg.routing.load_policy`)."""
    agents: list[JsonObject] = attrs.field(factory=list)
    """The agent snapshot (read by :func:`wamsg.routing.agents_from_json`)."""
    customers: JsonObject = attrs.field(factory=dict)
    """Customer attributes from the helpdesk's CRM, by phone number or user id."""


def sample_day() -> SampleDay:
    """Load the packaged sample day."""
    data = cast(JsonObject, _data.load_json("sample_day.json"))
    raw_events = cast(list[JsonObject], data["events"])
    return SampleDay(
        description=str(data["description"]),
        events=tuple(event_from_dict(item) for item in raw_events),
        at=parse_time(data["at"], "at"),
        timezone=str(data["timezone"]),
        business_hours=str(data["business_hours"]),
        templates=tuple(cast(list[JsonObject], data["templates"])),
        follow_up=cast(JsonObject, data["follow_up"]),
        account=cast(JsonObject, _data.load_json("sample_account.json")),
        routing_policy=cast(JsonObject, _data.load_json("sample_policy.json")),
        agents=cast(list[JsonObject], _data.load_json("sample_agents.json")),
        customers=cast(JsonObject, _data.load_json("sample_customers.json")),
    )
