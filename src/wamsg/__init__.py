"""wamsg: a sans-I/O domain library for WhatsApp Business messaging in helpdesks.

The everyday names are importable from here; the rest live in one package per concept:

- ``wamsg.errors``: the error tree.
- ``wamsg.identity``: phone numbers, business-scoped user ids, customers, pair keys.
- ``wamsg.content``: every content kind, media, interactive messages, their JSON readers.
- ``wamsg.messages``, ``wamsg.delivery``, ``wamsg.outgoing``: messages, delivery
  statuses and ticks, what a business sends.
- ``wamsg.events``: the event family, canonical JSON, the fold protocol.
- ``wamsg.hours``: business hours and the out-of-hours auto-reply.
- ``wamsg.window``: the 24 h and 72 h windows, send decisions, follow-ups.
- ``wamsg.templates``: template model, lint, render, lifecycle, selection.
- ``wamsg.billing``: markets, dated rate cards, pricing rules, the month ledger, bills.
- ``wamsg.inbox``: conversations and the inbox.
- ``wamsg.providers``: Meta Cloud API, 360dialog, Twilio, Sunshine Conversations, Vonage.
- ``wamsg.testing``: signed webhook builders, the provider contract suite, the sample day.

See ``docs/`` for the concepts and ``docs/rules.md`` for every platform rule and its source.
"""

from __future__ import annotations

from wamsg._internal.version import VERSION
from wamsg.billing import BillingAccount, MonthLedger, bill_events, estimate
from wamsg.content import Content, TemplateRef, Text, Unsupported
from wamsg.delivery import Delivery, DeliveryStatus, Ticks
from wamsg.errors import (
    InvalidTransition,
    SignatureError,
    UnknownProvider,
    ValidationError,
    WamsgError,
)
from wamsg.events import (
    CallEvent,
    Event,
    MessageReceived,
    MessageSent,
    MessageStatus,
    UnknownEvent,
    event_from_dict,
)
from wamsg.hours import BusinessHours, decide_autoreply
from wamsg.identity import BusinessScopedUserId, Customer, PhoneNumber
from wamsg.inbox import Conversation, Inbox
from wamsg.messages import Context, Direction, Message
from wamsg.outgoing import Outgoing
from wamsg.templates import (
    Template,
    TemplateLibrary,
    can_send_template,
    choose_template,
    lint_template,
)
from wamsg.window import (
    SendDecision,
    WindowBook,
    WindowState,
    decide_send,
    plan_followups,
)

__version__ = VERSION
"""The version of wamsg (PEP 440)."""

__all__ = [
    "BillingAccount",
    "BusinessHours",
    "BusinessScopedUserId",
    "CallEvent",
    "Content",
    "Context",
    "Conversation",
    "Customer",
    "Delivery",
    "DeliveryStatus",
    "Direction",
    "Event",
    "Inbox",
    "InvalidTransition",
    "Message",
    "MessageReceived",
    "MessageSent",
    "MessageStatus",
    "MonthLedger",
    "Outgoing",
    "PhoneNumber",
    "SendDecision",
    "SignatureError",
    "Template",
    "TemplateLibrary",
    "TemplateRef",
    "Text",
    "Ticks",
    "UnknownEvent",
    "UnknownProvider",
    "Unsupported",
    "ValidationError",
    "WamsgError",
    "WindowBook",
    "WindowState",
    "__version__",
    "bill_events",
    "can_send_template",
    "choose_template",
    "decide_autoreply",
    "decide_send",
    "estimate",
    "event_from_dict",
    "lint_template",
    "plan_followups",
]
