"""Cost preview: what one send, or a campaign, will cost before it is sent.

:func:`estimate` prices one :class:`~wamsg.outgoing.Outgoing` to one recipient
with the window facts at send time; :func:`estimate_campaign` prices one
message to many recipients (phone numbers, or counts per market). Both use the
rules of the period in force at ``at`` and the rate card of the account's
currency in force on that WABA-local date.

The month so far matters for two rules; pass ``ledger`` (the month's
:class:`~wamsg.billing.MonthLedger`) to take it into account:

- volume tiers (the position of this message among the month's charged
  messages of its market × category);
- the monthly free allowance (service messages from 2026-10-01). Without a
  ledger, nothing is assumed used yet, and the estimate says so in ``notes``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from decimal import Decimal

import attrs

from wamsg._internal import fields as check
from wamsg._internal.json import is_text, require_aware
from wamsg.billing.account import BillingAccount
from wamsg.billing.charges import Charge, Reason, Send, WindowFacts, _window_facts
from wamsg.billing.invoice import TIERED
from wamsg.billing.ledger import MonthLedger
from wamsg.billing.markets import OTHER
from wamsg.billing.pricing import decide, price
from wamsg.billing.rate_cards import UNKNOWN, Rate, RateCard, RateCards, packaged_cards
from wamsg.billing.rules_cbp import NO_CONVERSATIONS, OpenConversations
from wamsg.errors import ValidationError
from wamsg.identity import PhoneNumber
from wamsg.outgoing import Outgoing

__all__ = ["CampaignEstimate", "CampaignLine", "Estimate", "estimate", "estimate_campaign"]

_NO_LEDGER = "month so far unknown: no free allowance used and no volume tier reached assumed"


@attrs.frozen(kw_only=True)
class Estimate:
    """The predicted charge of one send, with the rate and the card used."""

    charge: Charge
    reason: Reason
    amount: Rate
    rate: Rate
    currency: str
    card: str | None
    notes: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class CampaignLine:
    """One market of a campaign: how many recipients, which reason, what it costs."""

    market: str
    category: str
    reason: Reason
    count: int
    amount: Rate


@attrs.frozen(kw_only=True)
class CampaignEstimate:
    """A campaign's predicted cost: per market lines and the known total."""

    lines: tuple[CampaignLine, ...]
    total: Decimal
    currency: str
    card: str | None
    notes: tuple[str, ...] = ()

    @property
    def complete(self) -> bool:
        """True when every line's amount is known."""
        return all(line.amount is not UNKNOWN for line in self.lines)


@attrs.frozen
class _Closed:
    customer_service_window_open: bool = False
    free_entry_point_open: bool = False


_CLOSED: WindowFacts = _Closed()
"""Window facts of a cold campaign: neither window open."""


def _category(outgoing: Outgoing) -> str | None:
    if not isinstance(outgoing, Outgoing):
        raise ValidationError("must be an Outgoing", field="outgoing", value=outgoing)
    if outgoing.is_template:
        return outgoing.template_category or "unknown"
    return None


def estimate(
    outgoing: Outgoing,
    recipient: PhoneNumber | None,
    state: WindowFacts,
    at: datetime,
    *,
    account: BillingAccount | None = None,
    cards: RateCards | None = None,
    ledger: MonthLedger | None = None,
    open_conversations: OpenConversations = NO_CONVERSATIONS,
) -> Estimate:
    """Predict what sending ``outgoing`` to ``recipient`` at ``at`` costs.

    ``recipient`` defaults to the outgoing customer's phone number; ``state``
    is anything with ``customer_service_window_open`` and
    ``free_entry_point_open`` (a :class:`wamsg.window.WindowSnapshot`, a
    :class:`~wamsg.billing.Send` …). Under conversation-based pricing pass the
    open conversations (default: none, so the send opens one).
    """
    account, cards = _options(account, cards, ledger)
    category = _category(outgoing)
    check.opt_argument(recipient, PhoneNumber, "recipient")
    recipient = recipient if recipient is not None else outgoing.customer.phone
    if recipient is None:
        raise ValidationError(
            "the recipient's phone number is needed to find its market", field="recipient"
        )
    send = Send.of(
        message_id="(estimate)",
        business=outgoing.business,
        recipient=recipient,
        at=at,
        template_category=category,
        windows=state,
    )
    charge = price(send, account, open_conversations).charge
    card = cards.select(account.currency, account.local_date(send.at))
    allowance = account.free_allowance(charge.period, send.at.timestamp())
    reason, before, notes = _month_so_far(charge, ledger, 0 if allowance is None else allowance[0])
    rate = UNKNOWN if card is None else card.rate(charge.market, charge.category)
    amount: Rate = Decimal(0)
    if reason is Reason.REGULAR:
        amount = _cost(card, charge.market, charge.category, 1, before, charge.unit)
    return Estimate(
        charge=charge,
        reason=reason,
        amount=amount,
        rate=rate,
        currency=account.currency,
        card=None if card is None else card.name,
        notes=notes,
    )


def _month_so_far(
    charge: Charge, ledger: MonthLedger | None, limit: int
) -> tuple[Reason, int, tuple[str, ...]]:
    key = charge.free_tier_key
    if ledger is None:
        reason = Reason.FREE_TIER if key is not None and limit else charge.reason
        return reason, 0, (_NO_LEDGER,) if charge.billable else ()
    reason = charge.reason
    if key is not None and len(ledger.first_free.get(key, ())) < ledger.free_limit:
        reason = Reason.FREE_TIER
    return reason, _charged_so_far(ledger, charge.market, charge.category), ()


def _charged_so_far(ledger: MonthLedger, market: str, category: str) -> int:
    group = (
        {category, "authentication"} if category == "authentication_international" else {category}
    )
    settled = ledger.settled()
    return sum(
        n
        for (_b, m, c, r), n in settled.items()
        if m == market and c in group and r is Reason.REGULAR
    )


def _cost(
    card: RateCard | None, market: str, category: str, count: int, before: int, unit: str
) -> Rate:
    if card is None:
        return UNKNOWN
    if unit == "message" and category in TIERED:
        return card.cost(market, category, count, before=before)
    rate = card.rate(market, category)
    return UNKNOWN if rate is UNKNOWN else rate * count


def estimate_campaign(
    outgoing: Outgoing,
    recipients: Iterable[PhoneNumber] | Mapping[str, int],
    at: datetime,
    *,
    state: WindowFacts = _CLOSED,
    account: BillingAccount | None = None,
    cards: RateCards | None = None,
    ledger: MonthLedger | None = None,
) -> CampaignEstimate:
    """Predict a campaign: ``outgoing`` to every recipient (or N per market) at ``at``.

    Every recipient is assumed to have the same window ``state`` (default:
    both closed, a cold campaign); conversation-based dates assume no open
    conversation. Under a free allowance the free messages are given to the
    markets in name order.
    """
    account, cards = _options(account, cards, ledger)
    window_open, entry_open = _window_facts(state, "state")
    moment = require_aware(at, "at")
    timestamp = moment.timestamp()
    per_market = _per_market(recipients, account, timestamp)
    period = account.period_at(timestamp)
    allowance = account.free_allowance(period, timestamp)
    card = cards.select(account.currency, account.local_date(moment))
    unit = "conversation" if period.model == "CBP" else "message"
    template = _category(outgoing)
    business = "" if outgoing.business is None else outgoing.business.e164
    free_left = _free_left(ledger, allowance, business)
    lines, total = [], Decimal(0)
    for market in sorted(per_market):
        count = per_market[market]
        reason, category, free_key = decide(
            account,
            period,
            market,
            None,
            allowance,
            {},
            business,
            timestamp,
            template,
            window_open,
            entry_open,
        )
        if free_key is not None and free_left:
            free = min(free_left, count)
            free_left -= free
            lines.append(
                CampaignLine(
                    market=market,
                    category=category,
                    reason=Reason.FREE_TIER,
                    count=free,
                    amount=Decimal(0),
                )
            )
            count -= free
        if not count:
            continue
        amount: Rate = Decimal(0)
        if reason is Reason.REGULAR:
            before = 0 if ledger is None else _charged_so_far(ledger, market, category)
            amount = _cost(card, market, category, count, before, unit)
        if isinstance(amount, Decimal):
            total += amount
        lines.append(
            CampaignLine(
                market=market, category=category, reason=reason, count=count, amount=amount
            )
        )
    return CampaignEstimate(
        lines=tuple(lines),
        total=total,
        currency=account.currency,
        card=None if card is None else card.name,
        notes=() if ledger is not None else (_NO_LEDGER,),
    )


def _options(
    account: BillingAccount | None, cards: RateCards | None, ledger: MonthLedger | None
) -> tuple[BillingAccount, RateCards]:
    """The account and the cards of an estimate (defaults filled in), all three checked."""
    check.opt_argument(account, BillingAccount, "account")
    check.opt_argument(cards, RateCards, "cards")
    check.opt_argument(ledger, MonthLedger, "ledger")
    return account or BillingAccount(), cards or packaged_cards()


def _free_left(
    ledger: MonthLedger | None, allowance: tuple[int, str] | None, business: str
) -> int:
    if allowance is None:
        return 0
    if ledger is None:
        return allowance[0]
    key = business if allowance[1] == "number" else "*"
    return max(0, ledger.free_limit - len(ledger.first_free.get(key, ())))


def _per_market(
    recipients: Iterable[PhoneNumber] | Mapping[str, int],
    account: BillingAccount,
    timestamp: float,
) -> dict[str, int]:
    if isinstance(recipients, Mapping):
        out: dict[str, int] = {}
        for market, count in recipients.items():
            if type(market) is not str or not is_text(market):
                raise ValidationError("must map market names", field="recipients", value=market)
            out[market] = check.count(count, f"recipients[{market}]")
        return out
    check.iterable(recipients, "recipients")
    table = account.market_table_at(timestamp)
    out = {}
    for phone in recipients:
        if not isinstance(phone, PhoneNumber):
            raise ValidationError("must be a PhoneNumber", field="recipients", value=phone)
        region = phone.region
        market = OTHER if region is None else table.get(region, OTHER)
        out[market] = out.get(market, 0) + 1
    return out
