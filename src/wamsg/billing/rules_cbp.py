"""Conversation-based pricing (CBP), 2022-02-01 … 2025-06-30: 24 h conversations.

Rules ([rule meta.pricing.cbp.conversation-24h] [rule meta.pricing.cbp.fep-72h]):

- A conversation is a 24 h thread, opened (and charged once) when a business
  message is delivered; every other business message inside it is covered
  (:attr:`~wamsg.billing.Reason.IN_OPEN_CONVERSATION`).
- 2022-02-01 … 2023-05-31: one conversation at a time, ``user_initiated`` when
  the business answers inside the customer service window, else
  ``business_initiated``. The first 1,000 conversations of any kind per WABA per
  month are free [rule meta.pricing.cbp.2022-02-01] [rule meta.pricing.cbp.free-tier.any].
- From 2023-06-01: categories marketing / utility / authentication / service.
  A template opens a conversation of *its* category unless one of that category
  is open (marketing h0, utility h4 opens a utility conversation, utility h10
  does not). A free-form message opens a ``service`` conversation only when no
  conversation of any category is open. A utility template inside the window
  still opens a utility conversation [rule meta.pricing.cbp.2023-06-01]
  [rule meta.pricing.categories].
- 2023-06-01 … 2024-10-31: the first 1,000 service conversations per WABA per
  month are free; marketing, utility and authentication never were
  [rule meta.pricing.cbp.free-tier.service].
- From 2024-11-01: service conversations are free and unlimited
  [rule meta.pricing.cbp.service-free].
- A free entry point conversation lasts 72 h and closes every other open
  conversation; while it is open nothing is charged.
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from wamsg._internal import fields as check
from wamsg.billing.charges import CATEGORIES, Period, Reason

__all__ = ["NO_CONVERSATIONS", "OpenConversations", "decide_conversation"]

# All conversations last 24 h [rule meta.pricing.cbp.conversation-24h]; free entry point
# conversations 72 h [rule meta.pricing.cbp.fep-72h].
_CONVERSATION_SECONDS = 24 * 3600
_FREE_ENTRY_POINT_SECONDS = 72 * 3600

_REFERRAL = "referral_conversion"


@attrs.frozen
class OpenConversations:
    """The conversations open between one business number and one user.

    ``expires`` maps a conversation category to the UTC timestamp at which it
    closes. Values are replaced, never mutated: see :func:`decide_conversation`.
    """

    expires: Mapping[str, float] = attrs.field(factory=dict)

    def open_at(self, timestamp: float) -> dict[str, float]:
        """The conversations still open at ``timestamp``, as a new dict."""
        return {c: end for c, end in self.expires.items() if end > timestamp}


NO_CONVERSATIONS = OpenConversations()
"""No conversation open between the pair: where conversation-based pricing starts."""


def decide_conversation(
    period: Period,
    template_category: str | None,
    customer_service_window_open: bool,
    free_entry_point_open: bool,
    timestamp: float,
    open_conversations: dict[str, float],
) -> tuple[Reason, str]:
    """The reason and conversation category of one delivered message under CBP.

    ``open_conversations`` (category → closing timestamp) is updated in place
    with the conversation this message opens, if any.
    """
    check.argument(period, Period, "period")
    check.opt_argument(template_category, str, "template_category")
    check.boolean(customer_service_window_open, "customer_service_window_open")
    check.boolean(free_entry_point_open, "free_entry_point_open")
    timestamp = check.unix_time(timestamp, "timestamp")
    check.argument(open_conversations, dict, "open_conversations")
    for category, end in open_conversations.items():
        check.argument(category, str, "open_conversations")
        check.unix_time(end, f"open_conversations[{category}]")
    return _conversation_of(
        period,
        template_category,
        customer_service_window_open,
        free_entry_point_open,
        timestamp,
        open_conversations,
    )


def _conversation_of(
    period: Period,
    template_category: str | None,
    customer_service_window_open: bool,
    free_entry_point_open: bool,
    timestamp: float,
    open_conversations: dict[str, float],
) -> tuple[Reason, str]:
    """:func:`decide_conversation` of checked arguments: the core of pricing's hot path."""
    live = {c: end for c, end in open_conversations.items() if end > timestamp}
    open_conversations.clear()
    open_conversations.update(live)
    if free_entry_point_open or _REFERRAL in live:
        if _REFERRAL not in live:
            open_conversations.clear()
            open_conversations[_REFERRAL] = timestamp + _FREE_ENTRY_POINT_SECONDS
        return Reason.FREE_ENTRY_POINT, _REFERRAL
    if period is Period.CBP_2022:
        return _decide_2022(customer_service_window_open, timestamp, open_conversations)
    if template_category is None:
        return _decide_service(period, timestamp, open_conversations)
    category = template_category if template_category in CATEGORIES else "unknown"
    if category in open_conversations:
        return Reason.IN_OPEN_CONVERSATION, category
    open_conversations[category] = timestamp + _CONVERSATION_SECONDS
    return Reason.REGULAR, category


def _latest(open_conversations: Mapping[str, float]) -> str:
    return max(open_conversations, key=lambda c: (open_conversations[c], c))


def _decide_2022(
    in_window: bool, timestamp: float, open_conversations: dict[str, float]
) -> tuple[Reason, str]:
    if open_conversations:
        return Reason.IN_OPEN_CONVERSATION, _latest(open_conversations)
    category = "user_initiated" if in_window else "business_initiated"
    open_conversations[category] = timestamp + _CONVERSATION_SECONDS
    return Reason.REGULAR, category


def _decide_service(
    period: Period, timestamp: float, open_conversations: dict[str, float]
) -> tuple[Reason, str]:
    if open_conversations:
        return Reason.IN_OPEN_CONVERSATION, _latest(open_conversations)
    open_conversations["service"] = timestamp + _CONVERSATION_SECONDS
    if period is Period.CBP_2024:
        return Reason.FREE_CUSTOMER_SERVICE, "service"
    return Reason.REGULAR, "service"
