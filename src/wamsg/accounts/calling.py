"""WhatsApp calls from a business number: who may call, from where, and how often to ask.

- Since the Calling API became generally available (2025-07-15) an API number can
  make and receive WhatsApp calls when: it is not a coexistence number, calling is
  enabled on it, the account has a credit line or a valid payment method, and the
  portfolio's messaging limit is at least **2,000** (business verification is not
  needed; public test numbers are exempt from the limit)
  [rule meta.calling.eligibility]. Before 2025-10-07 the older third-party texts
  say **1,000**, the 1K tier of that era [rule wati.calling.1k]: that threshold is
  wamsg's reading, a parameter (:data:`CALLING_MINIMUM_BEFORE_PORTFOLIO_LIMITS`).
- Business-initiated calls are not available for business numbers with the country
  calling codes +1 (US, CA), +20 (EG), +84 (VN) and +234 (NG); calls from users
  work everywhere [rule meta.calling.business-initiated-countries].
- A business may ask a user for call permission once per 24 hours and twice per
  7 days [rule meta.calling.permission-requests].
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from wamsg._internal import fields as check
from wamsg._internal.fields import of
from wamsg._internal.json import require_aware
from wamsg.accounts._strict import count, moments, tier_of
from wamsg.accounts.dates import CALLING_API_FROM, PORTFOLIO_LIMITS_FROM
from wamsg.accounts.decision import AccountDecision, AccountReason, Fact
from wamsg.events import LimitTier, NumberKind
from wamsg.identity import PhoneNumber

__all__ = [
    "BUSINESS_CALLS_UNAVAILABLE_CODES",
    "CALLING_MINIMUM",
    "CALLING_MINIMUM_BEFORE_PORTFOLIO_LIMITS",
    "CALL_PERMISSION_REQUESTS_PER_DAY",
    "CALL_PERMISSION_REQUESTS_PER_WEEK",
    "call_permission_request_allowed",
    "calling_eligible",
    "calling_minimum",
    "can_call_business_initiated",
]

CALLING_MINIMUM = 2_000
"""The messaging limit the Calling API needs from 2025-10-07. [rule meta.calling.eligibility]"""

CALLING_MINIMUM_BEFORE_PORTFOLIO_LIMITS = 1_000
"""The limit assumed before 2025-10-07 (the era's 1K tier; wamsg's reading of an older
third-party text, not a Meta statement). [rule wati.calling.1k]"""

BUSINESS_CALLS_UNAVAILABLE_CODES = frozenset({"1", "20", "84", "234"})
"""Country calling codes whose business numbers cannot start calls.
[rule meta.calling.business-initiated-countries]"""

CALL_PERMISSION_REQUESTS_PER_DAY = 1
"""Call-permission requests per user per 24 hours. [rule meta.calling.permission-requests]"""

CALL_PERMISSION_REQUESTS_PER_WEEK = 2
"""Call-permission requests per user per 7 days."""


def calling_minimum(
    at: datetime, *, before_portfolio_limits: int = CALLING_MINIMUM_BEFORE_PORTFOLIO_LIMITS
) -> int:
    """The limit calling needs at ``at``: 2,000, or ``before_portfolio_limits`` earlier."""
    early = require_aware(at, "at") < PORTFOLIO_LIMITS_FROM
    before = count(before_portfolio_limits, "before_portfolio_limits")
    return before if early else CALLING_MINIMUM


def _reaches(tier: LimitTier | None, minimum: int) -> bool:
    if tier is None:
        return False
    limit = tier.limit
    return tier.is_unlimited or (limit is not None and limit >= minimum)


def calling_eligible(
    *,
    at: datetime,
    kind: NumberKind,
    tier: LimitTier | None,
    calling_enabled: bool,
    payment_method: bool,
    before_portfolio_limits: int = CALLING_MINIMUM_BEFORE_PORTFOLIO_LIMITS,
) -> AccountDecision:
    """May the number use the Calling API at ``at`` (D20, W46, W47)? Lists every reason.

    ``tier`` is the messaging limit in force (the portfolio's from 2025-10-07); a
    public test number needs neither the limit nor a payment method.
    """
    at = require_aware(at, "at")
    minimum = calling_minimum(at, before_portfolio_limits=before_portfolio_limits)
    kind, tier = of(kind, NumberKind, "kind"), tier_of(tier)
    enabled, paying = (
        check.boolean(calling_enabled, "calling_enabled"),
        check.boolean(payment_method, "payment_method"),
    )
    test = kind is NumberKind.TEST
    checks = (
        (at < CALLING_API_FROM, AccountReason.CALLING_NOT_AVAILABLE),
        (kind is NumberKind.COEXISTENCE, AccountReason.CALLING_COEXISTENCE),
        (not test and not _reaches(tier, minimum), AccountReason.CALLING_LIMIT_TOO_LOW),
        (not enabled, AccountReason.CALLING_DISABLED),
        (not test and not paying, AccountReason.CALLING_NO_PAYMENT_METHOD),
    )
    reasons = tuple(reason for failed, reason in checks if failed)
    facts: dict[str, Fact] = {
        "minimum": minimum,
        "tier": None if tier is None else tier.value,
    }
    if reasons:
        return AccountDecision.no(reasons, "the number cannot use the Calling API", **facts)
    return AccountDecision.yes("the number may make and receive WhatsApp calls", **facts)


def can_call_business_initiated(business: PhoneNumber) -> AccountDecision:
    """May ``business`` start a call to a user (D21, W48)? Users may always call it."""
    code = of(business, PhoneNumber, "business").calling_code
    if code in BUSINESS_CALLS_UNAVAILABLE_CODES:
        message = f"business-initiated calls are not available for +{code} business numbers"
        return AccountDecision.no(
            (AccountReason.BUSINESS_CALLS_NOT_IN_COUNTRY,), message, calling_code=code
        )
    return AccountDecision.yes(
        "the business may call users who gave permission", calling_code=code
    )


def call_permission_request_allowed(
    *, at: datetime, requests: Iterable[datetime]
) -> AccountDecision:
    """May the business ask this user for call permission at ``at`` (D22, W49)?

    ``requests`` are the earlier requests to that user; those in the last 24 hours and
    the last 7 days count.
    """
    at = require_aware(at, "at")
    day, week = at - timedelta(hours=24), at - timedelta(days=7)
    in_day = in_week = 0
    for sent in moments(requests, "requests"):
        if week < sent <= at:
            in_week += 1
            in_day += sent > day
    facts = {"last_24h": in_day, "last_7_days": in_week}
    reasons = []
    if in_day >= CALL_PERMISSION_REQUESTS_PER_DAY:
        reasons.append(AccountReason.CALL_PERMISSION_DAILY)
    if in_week >= CALL_PERMISSION_REQUESTS_PER_WEEK:
        reasons.append(AccountReason.CALL_PERMISSION_WEEKLY)
    if reasons:
        message = "at most one call-permission request a day and two a week per user"
        return AccountDecision.no(tuple(reasons), message, **facts)
    return AccountDecision.yes("the business may ask for call permission", **facts)
