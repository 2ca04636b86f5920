"""Pricing one message, or a sequence of them, under the rules of its period.

:func:`price` is pure: a :class:`~wamsg.billing.Send` (with the window facts at
send time), the :class:`~wamsg.billing.BillingAccount` and, under
conversation-based pricing, the conversations open with that user, give a
:class:`~wamsg.billing.Charge` and the conversations open afterwards.
:class:`Pricer` keeps that state for a stream of sends in time order.

Which rules apply is decided by the send time against the period starts at
00:00 WABA time (:mod:`.account`); see :mod:`.rules_cbp` and :mod:`.rules_pmp`.
Also here: authentication-international ([rule meta.pricing.auth-international]) and
the edge case at the switch: a utility conversation opened before 2025-07-01 and
still open after it keeps covering utility templates
([rule meta.pricing.pmp.cbp-carry-over]).
"""

from __future__ import annotations

import attrs

from wamsg._internal import fields as check
from wamsg.billing.account import BillingAccount
from wamsg.billing.charges import Charge, Period, Reason, Send
from wamsg.billing.markets import OTHER
from wamsg.billing.rules_cbp import NO_CONVERSATIONS, OpenConversations, _conversation_of
from wamsg.billing.rules_pmp import _per_message

__all__ = ["Priced", "Pricer", "price"]

_CBP = frozenset({Period.CBP_2022, Period.CBP_2023, Period.CBP_2024})


@attrs.frozen
class Priced:
    """The charge of one send and the conversations open after it (CBP state)."""

    charge: Charge
    open_conversations: OpenConversations


def price(
    send: Send,
    account: BillingAccount,
    open_conversations: OpenConversations = NO_CONVERSATIONS,
) -> Priced:
    """Price one delivered send (pure).

    Under conversation-based pricing pass the conversations open between the
    business number and this user (the result carries the new ones); under
    per-message pricing they matter only at the 2025-07-01 switch.
    """
    check.argument(send, Send, "send")
    check.argument(account, BillingAccount, "account")
    check.argument(open_conversations, OpenConversations, "open_conversations")
    state = dict(open_conversations.expires)
    charge = _charge(send, account, state, send.recipient.region)
    return Priced(charge, OpenConversations(state))


@attrs.define
class Pricer:
    """Prices a stream of sends in time order, keeping the conversations per user."""

    account: BillingAccount
    _conversations: dict[tuple[str, str], dict[str, float]] = attrs.field(factory=dict)
    _regions: dict[str, str | None] = attrs.field(factory=dict)

    def price(self, send: Send) -> Charge:
        """The charge of ``send``; sends must come in time order per user."""
        if type(send) is not Send:
            check.argument(send, Send, "send")
        recipient = send.recipient.e164
        region = self._regions.get(recipient, "")
        if region == "":
            region = self._regions[recipient] = send.recipient.region
        key = (send.business, recipient)
        state = self._conversations.get(key)
        if state is None:
            state = self._conversations[key] = {}
        return _charge(send, self.account, state, region)


def _charge(
    send: Send, account: BillingAccount, state: dict[str, float], region: str | None
) -> Charge:
    at = send.at
    timestamp = at.timestamp()
    period = account.period_at(timestamp)
    market = OTHER if region is None else account.market_table_at(timestamp).get(region, OTHER)
    reason, category, free_key = decide(
        account,
        period,
        market,
        region,
        account.free_allowance(period, timestamp),
        state,
        send.business,
        timestamp,
        send.template_category,
        send.customer_service_window_open,
        send.free_entry_point_open,
    )
    return Charge(
        message_id=send.message_id,
        business=send.business,
        recipient=send.recipient.e164,
        market=market,
        category=category,
        reason=reason,
        period=period,
        at=at,
        free_tier_key=free_key,
    )


def decide(
    account: BillingAccount,
    period: Period,
    market: str,
    region: str | None,
    allowance: tuple[int, str] | None,
    state: dict[str, float],
    business: str,
    timestamp: float,
    template_category: str | None,
    customer_service_window_open: bool,
    free_entry_point_open: bool,
) -> tuple[Reason, str, str | None]:
    """The hot-path core: ``(reason, category, free_tier_key)`` of one delivered send.

    ``period``, ``market`` and ``allowance`` are those in force at ``timestamp``
    (constant over a WABA-local month, so a monthly fold computes them once).
    """
    if (
        template_category == "authentication"
        and account.authentication_international
        and _international(account, market, region, timestamp)
    ):
        template_category = "authentication_international"
    if period in _CBP:
        reason, category = _conversation_of(
            period,
            template_category,
            customer_service_window_open,
            free_entry_point_open,
            timestamp,
            state,
        )
    elif (
        state
        and template_category == "utility"
        and not free_entry_point_open
        and state.get("utility", 0.0) > timestamp
    ):
        # [rule meta.pricing.pmp.cbp-carry-over]
        reason, category = Reason.IN_OPEN_CONVERSATION, "utility"
    else:
        reason, category = _per_message(
            period, template_category, customer_service_window_open, free_entry_point_open
        )
    if reason is not Reason.REGULAR or allowance is None:
        return reason, category, None
    if period is Period.CBP_2022 or category == "service":
        return reason, category, business if allowance[1] == "number" else "*"
    return reason, category, None


def _international(
    account: BillingAccount, market: str, region: str | None, timestamp: float
) -> bool:
    start = account.authentication_international_from(market)
    # [rule meta.pricing.auth-international]
    return start is not None and timestamp >= start and region != account.business_country
