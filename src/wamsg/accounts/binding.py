"""What may be bound where: the cardinalities of portfolios, accounts, partners, numbers.

Each check is a pure function of counts, flags and the date, answering with an
:class:`~wamsg.accounts.AccountDecision` (never raising for a "no"):

- registered numbers per portfolio: **2**, then **20** once the business is verified
  or, from 2025-10-07, once its limit reaches 2,000 (:func:`number_cap`)
  [rule meta.portfolio.number-cap] [rule meta.portfolio.number-cap-verified];
- numbers per WhatsApp Business Account: **25** [rule meta.waba.number-cap]; a
  coexistence (WhatsApp Business app) account holds **one**
  [rule dialog360.coexistence.one-number];
- WhatsApp Business Accounts per portfolio: **20**, raisable (an argument)
  [rule meta.portfolio.waba-cap];
- partners: a legacy account is shared with at most **two**; from Phase 1 every
  partner gets its own Messaging Account, so any number of partners
  [rule meta.waba.partners] [rule meta.ame.split];
- since 2024-01-15 an account and its numbers serve **one** end business
  [rule vonage.waba.one-business].
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from wamsg._internal import fields as check
from wamsg._internal.fields import of
from wamsg._internal.json import require_aware
from wamsg.accounts._strict import count, tier_of, word, words
from wamsg.accounts.dates import ONE_BUSINESS_PER_WABA_FROM, PORTFOLIO_LIMITS_FROM
from wamsg.accounts.decision import AccountDecision, AccountReason
from wamsg.accounts.model import AccountModelPhase
from wamsg.events import LimitTier

__all__ = [
    "COEXISTENCE_NUMBER_CAP",
    "LEGACY_PARTNER_CAP",
    "PORTFOLIO_NUMBER_CAP",
    "PORTFOLIO_NUMBER_CAP_SCALED",
    "PORTFOLIO_WABA_CAP",
    "WABA_NUMBER_CAP",
    "can_add_partner",
    "can_add_waba",
    "can_register_number",
    "can_serve_business",
    "number_cap",
]

PORTFOLIO_NUMBER_CAP = 2
"""Registered numbers a new portfolio may have. [rule meta.portfolio.number-cap]"""

PORTFOLIO_NUMBER_CAP_SCALED = 20
"""Registered numbers once verified (or, from 2025-10-07, at a 2,000 limit)."""

WABA_NUMBER_CAP = 25
"""Numbers one WhatsApp Business Account may hold. [rule meta.waba.number-cap]"""

COEXISTENCE_NUMBER_CAP = 1
"""Numbers a coexistence account holds. [rule dialog360.coexistence.one-number]"""

PORTFOLIO_WABA_CAP = 20
"""WhatsApp Business Accounts per portfolio, at first (Meta may raise it).
[rule meta.portfolio.waba-cap]"""

LEGACY_PARTNER_CAP = 2
"""Partners a legacy WhatsApp Business Account may be shared with. [rule meta.waba.partners]"""


def _reaches_2k(tier: LimitTier | None) -> bool:
    if tier is None:
        return False
    limit = tier.limit
    return tier.is_unlimited or (limit is not None and limit >= 2_000)


def number_cap(*, at: datetime, verified: bool, tier: LimitTier | None) -> int:
    """The portfolio's cap on registered numbers at ``at`` (D9): 2 or 20.

    From 2025-10-07: 20 when the business is verified or its limit is 2,000 or more
    [rule meta.portfolio.number-cap]; before: 20 only when verified
    [rule meta.portfolio.number-cap-verified].
    """
    at = require_aware(at, "at")
    tier = tier_of(tier)
    scaled = check.boolean(verified, "verified") or (
        at >= PORTFOLIO_LIMITS_FROM and _reaches_2k(tier)
    )
    return PORTFOLIO_NUMBER_CAP_SCALED if scaled else PORTFOLIO_NUMBER_CAP


def can_register_number(
    *,
    at: datetime,
    verified: bool,
    tier: LimitTier | None,
    portfolio_numbers: int,
    waba_numbers: int,
    coexistence: bool = False,
    portfolio_cap: int | None = None,
    waba_cap: int = WABA_NUMBER_CAP,
) -> AccountDecision:
    """May one more number be registered on this account (D10)?

    ``portfolio_numbers`` and ``waba_numbers`` are the registered numbers already
    there; ``coexistence`` that the account is a WhatsApp Business app account;
    ``portfolio_cap`` a cap Meta announced (``max_phone_numbers_per_business``),
    used when higher than :func:`number_cap`; ``waba_cap`` Meta's
    ``max_phone_numbers_per_waba``.
    """
    cap = number_cap(at=at, verified=verified, tier=tier)
    if portfolio_cap is not None:
        cap = max(cap, count(portfolio_cap, "portfolio_cap"))
    held = count(portfolio_numbers, "portfolio_numbers")
    in_waba = count(waba_numbers, "waba_numbers")
    coexistence = check.boolean(coexistence, "coexistence")
    account_cap = COEXISTENCE_NUMBER_CAP if coexistence else count(waba_cap, "waba_cap")
    facts = {"cap": cap, "count": held, "waba_cap": account_cap, "waba_count": in_waba}
    if held >= cap:
        message = f"the portfolio has {held} registered numbers, its cap is {cap}"
        return AccountDecision.no((AccountReason.PORTFOLIO_NUMBER_CAP,), message, **facts)
    if in_waba >= account_cap:
        reason = (
            AccountReason.COEXISTENCE_ONE_NUMBER if coexistence else AccountReason.WABA_NUMBER_CAP
        )
        message = f"the account holds {in_waba} numbers, its cap is {account_cap}"
        return AccountDecision.no((reason,), message, **facts)
    return AccountDecision.yes(f"{held} of {cap} registered numbers used", **facts)


def can_add_waba(*, wabas: int, cap: int = PORTFOLIO_WABA_CAP) -> AccountDecision:
    """May the portfolio get one more WhatsApp Business Account? ``cap`` is 20 unless raised."""
    held, limit = count(wabas, "wabas"), count(cap, "cap")
    if held >= limit:
        message = f"the portfolio has {held} WhatsApp Business Accounts, its cap is {limit}"
        return AccountDecision.no(
            (AccountReason.PORTFOLIO_WABA_CAP,), message, cap=limit, count=held
        )
    return AccountDecision.yes(f"{held} of {limit} accounts used", cap=limit, count=held)


def can_add_partner(
    *, phase: AccountModelPhase, partners: Iterable[str], partner: str
) -> AccountDecision:
    """May the account be shared with ``partner`` too (W24, W25)?

    Legacy: at most two partners. From Phase 1 every partner gets a Messaging Account
    of its own on the number, so there is no cap; a partner already on it is refused.
    """
    phase = of(phase, AccountModelPhase, "phase")
    current, partner = words(partners, "partners"), word(partner, "partner")
    if partner in current:
        message = f"the account is already shared with {partner}"
        return AccountDecision.no((AccountReason.PARTNER_ALREADY_SHARED,), message)
    if phase is AccountModelPhase.LEGACY and len(current) >= LEGACY_PARTNER_CAP:
        message = f"a legacy account is shared with at most {LEGACY_PARTNER_CAP} partners"
        facts = {"cap": LEGACY_PARTNER_CAP, "count": len(current)}
        return AccountDecision.no((AccountReason.PARTNER_CAP,), message, **facts)
    if phase.has_messaging_accounts:
        return AccountDecision.yes(f"{partner} gets a Messaging Account of its own")
    return AccountDecision.yes(f"{len(current) + 1} of {LEGACY_PARTNER_CAP} partners")


def can_serve_business(
    *, at: datetime, businesses: Iterable[str], business: str
) -> AccountDecision:
    """May the account (and its numbers) send for ``business`` as well?

    Since 2024-01-15 one account serves one end business; before, nothing forbade more.
    """
    at = require_aware(at, "at")
    business = word(business, "business")
    others = words(businesses, "businesses") - {business}
    if others and at >= ONE_BUSINESS_PER_WABA_FROM:
        message = "since 2024-01-15 an account and its numbers serve one end business"
        facts = {"businesses": tuple(sorted(others))}
        return AccountDecision.no((AccountReason.ONE_BUSINESS_PER_WABA,), message, **facts)
    return AccountDecision.yes(f"the account may send for {business}")
