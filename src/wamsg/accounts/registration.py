"""Registering, deregistering and deleting a business number.

- **Register** needs a ``VERIFIED`` ownership code and a display name whose status
  is not ``EXPIRED`` or ``NONE`` (``AVAILABLE_WITHOUT_REVIEW`` registers, but the
  name is not verified) [rule meta.number.code-verification]
  [rule meta.number.display-name].
- **Register/deregister requests** are limited per number: 10 in a moving 72-hour
  window since 2024-02-13 (one week before); the next one fails with 133016 and
  blocks requests for 72 hours (one week before, by the same reading)
  [rule meta.number.register-limit] [rule meta.number.register-limit-week].
- A **coexistence** number cannot be deregistered through the API: it is
  disconnected from the WhatsApp Business app [rule meta.coexistence.limits].
- **Deletion** happens in WhatsApp Manager (not through the API since 2026-06-04),
  and not within 30 days of the number's last paid message [rule meta.number.deletion].
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from datetime import datetime, timedelta

from wamsg._internal.fields import of
from wamsg._internal.json import require_aware, saturated
from wamsg.accounts._strict import choice, moments
from wamsg.accounts.dates import NUMBER_DELETION_NOT_VIA_API_FROM, REGISTER_WINDOW_72H_FROM
from wamsg.accounts.decision import AccountDecision, AccountReason, Fact
from wamsg.events import CodeVerificationStatus, NameStatus, NumberKind

__all__ = [
    "DELETION_AFTER_PAID_MESSAGE",
    "REGISTER_REQUESTS_PER_WINDOW",
    "DeletionChannel",
    "can_delete_number",
    "can_deregister",
    "can_register",
    "register_request_allowed",
    "register_window",
]

REGISTER_REQUESTS_PER_WINDOW = 10
"""Register/deregister requests a number may make per window. [rule meta.number.register-limit]"""

DELETION_AFTER_PAID_MESSAGE = timedelta(days=30)
"""How long after its last paid message a number may be deleted. [rule meta.number.deletion]"""

_72H, _WEEK, _HOUR = timedelta(hours=72), timedelta(days=7), timedelta(hours=1)


class DeletionChannel(str, enum.Enum):
    """Where a deletion is asked for."""

    API = "API"
    WHATSAPP_MANAGER = "WHATSAPP_MANAGER"


def register_window(at: datetime) -> timedelta:
    """The register/deregister window (and block) at ``at``: 72 h, a week before 2024-02-13."""
    return _72H if require_aware(at, "at") >= REGISTER_WINDOW_72H_FROM else _WEEK


def register_request_allowed(
    *, at: datetime, requests: Iterable[datetime], refusals: Iterable[datetime] = ()
) -> AccountDecision:
    """May the number make a register or deregister request at ``at`` (D18)?

    ``requests`` are the number's earlier requests that Meta accepted, ``refusals`` the
    times it answered 133016. Refused while a refusal's block lasts, or when the window
    ending at ``at`` already holds 10 requests (then ``blocked_until`` is when the
    133016 this request would get stops blocking). Linear in the history.
    """
    at = require_aware(at, "at")
    window = register_window(at)
    blocks = [r + register_window(r) for r in moments(refusals, "refusals") if r <= at]
    blocked_until = max((end for end in blocks if end > at), default=None)
    if blocked_until is not None:
        message = "a 133016 blocks register and deregister requests until then"
        facts: dict[str, Fact] = {"blocked_until": saturated(blocked_until)}
        return AccountDecision.no((AccountReason.REGISTER_BLOCKED,), message, **facts)
    start = at - window
    count = sum(1 for t in moments(requests, "requests") if start < t <= at)
    facts = {
        "count": count,
        "limit": REGISTER_REQUESTS_PER_WINDOW,
        "window_hours": window // _HOUR,
    }
    if count >= REGISTER_REQUESTS_PER_WINDOW:
        message = f"{count} requests in the last {window // _HOUR} hours: Meta answers 133016"
        facts["blocked_until"] = saturated(at + window)
        return AccountDecision.no((AccountReason.REGISTER_ATTEMPTS,), message, **facts)
    return AccountDecision.yes(f"{count} of {REGISTER_REQUESTS_PER_WINDOW} requests used", **facts)


def can_register(
    *, code_verification: CodeVerificationStatus, name_status: NameStatus
) -> AccountDecision:
    """May the number be registered for the Cloud API (W45)?

    ``name_verified`` in the facts says whether the display name is approved: an
    ``AVAILABLE_WITHOUT_REVIEW`` name registers but is not verified.
    """
    code_verification = of(code_verification, CodeVerificationStatus, "code_verification")
    name_status = of(name_status, NameStatus, "name_status")
    reasons = []
    if code_verification is not CodeVerificationStatus.VERIFIED:
        reasons.append(AccountReason.CODE_NOT_VERIFIED)
    if not name_status.usable_for_register:
        reasons.append(AccountReason.NAME_NOT_USABLE)
    facts: dict[str, Fact] = {
        "code_verification": code_verification.value,
        "name_status": name_status.value,
        "name_verified": name_status.is_verified,
    }
    if reasons:
        message = "verify the ownership code and use a name that may register"
        return AccountDecision.no(tuple(reasons), message, **facts)
    return AccountDecision.yes("the number may be registered", **facts)


def can_deregister(kind: NumberKind) -> AccountDecision:
    """May the number be deregistered through the API (W50)? Not a coexistence number."""
    if of(kind, NumberKind, "kind") is NumberKind.COEXISTENCE:
        message = "disconnect a coexistence number from the WhatsApp Business app instead"
        return AccountDecision.no((AccountReason.COEXISTENCE_NO_DEREGISTER,), message)
    return AccountDecision.yes("the number may be deregistered")


def can_delete_number(
    *, at: datetime, last_paid_message_at: datetime | None, via: DeletionChannel
) -> AccountDecision:
    """May the number be deleted at ``at`` through ``via`` (D19, W53)?"""
    at = require_aware(at, "at")
    if not isinstance(via, DeletionChannel):
        via = choice(DeletionChannel, via, "via")
    reasons = []
    if via is DeletionChannel.API and at >= NUMBER_DELETION_NOT_VIA_API_FROM:
        reasons.append(AccountReason.DELETION_NOT_VIA_API)
    facts: dict[str, Fact] = {}
    if last_paid_message_at is not None:
        earliest = require_aware(last_paid_message_at, "last_paid_message_at")
        earliest += DELETION_AFTER_PAID_MESSAGE
        facts["earliest"] = saturated(earliest)  # a fact past 2200 stops at its last moment
        if at < earliest:
            reasons.append(AccountReason.DELETION_RECENT_PAID_MESSAGE)
    if reasons:
        message = "delete it in WhatsApp Manager, 30 days or more after its last paid message"
        return AccountDecision.no(tuple(reasons), message, **facts)
    return AccountDecision.yes("the number may be deleted", **facts)
