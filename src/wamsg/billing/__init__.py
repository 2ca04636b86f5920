"""Billing: what a WhatsApp message costs, and what the month cost.

Markets (:func:`market_of`), dated rate cards (:class:`RateCard`,
:func:`packaged_cards`), the pricing rules of every period (:func:`price`,
:class:`Pricer`), the mergeable monthly ledger (:class:`MonthLedger`), bills
from canonical events (:func:`bill_events`), reconciliation with the provider's
``pricing`` (:func:`reconcile`) and cost previews (:func:`estimate`,
:func:`estimate_campaign`). See ``docs/billing.md``.
"""

from __future__ import annotations

from wamsg.billing.account import BillingAccount, ServiceFreeTier, parse_month
from wamsg.billing.bill import (
    Bill,
    BilledMessage,
    bill_events,
    bill_of,
    latest_month,
    send_to_price,
    sends_from_events,
)
from wamsg.billing.charges import CATEGORIES, Charge, Period, Reason, Send, WindowFacts
from wamsg.billing.estimate import (
    CampaignEstimate,
    CampaignLine,
    Estimate,
    estimate,
    estimate_campaign,
)
from wamsg.billing.invoice import TIERED, Invoice, Line
from wamsg.billing.ledger import MonthLedger
from wamsg.billing.markets import OTHER, market_changes, market_of, market_table, markets_on
from wamsg.billing.pricing import Priced, Pricer, price
from wamsg.billing.rate_cards import (
    UNKNOWN,
    Rate,
    RateCard,
    RateCards,
    Tier,
    Unknown,
    packaged_cards,
)
from wamsg.billing.reconcile import Disagreement, expected_pricing, reconcile
from wamsg.billing.rules_cbp import NO_CONVERSATIONS, OpenConversations, decide_conversation
from wamsg.billing.rules_pmp import decide_per_message

__all__ = [
    "CATEGORIES",
    "NO_CONVERSATIONS",
    "OTHER",
    "TIERED",
    "UNKNOWN",
    "Bill",
    "BilledMessage",
    "BillingAccount",
    "CampaignEstimate",
    "CampaignLine",
    "Charge",
    "Disagreement",
    "Estimate",
    "Invoice",
    "Line",
    "MonthLedger",
    "OpenConversations",
    "Period",
    "Priced",
    "Pricer",
    "Rate",
    "RateCard",
    "RateCards",
    "Reason",
    "Send",
    "ServiceFreeTier",
    "Tier",
    "Unknown",
    "WindowFacts",
    "bill_events",
    "bill_of",
    "decide_conversation",
    "decide_per_message",
    "estimate",
    "estimate_campaign",
    "expected_pricing",
    "latest_month",
    "market_changes",
    "market_of",
    "market_table",
    "markets_on",
    "packaged_cards",
    "parse_month",
    "price",
    "reconcile",
    "send_to_price",
    "sends_from_events",
]
