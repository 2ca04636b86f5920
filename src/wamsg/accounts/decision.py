"""The answer of every account decision: allowed or not, why, and the facts used.

A "no" is a value, never an exception: each decision function of
:mod:`wamsg.accounts` returns an :class:`AccountDecision` whose ``reason`` is a
stable code of :class:`AccountReason`, ``message`` a sentence for a person, and
``facts`` the numbers and times the answer rests on (a cap, a count, a deadline).
Where several conditions fail at once, ``reasons`` lists all of them, ``reason``
being the first.
"""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TypeAlias

import attrs

from wamsg._internal import fields as check
from wamsg._internal.json import Json, JsonObject, format_time, is_text, require_aware
from wamsg.errors import ValidationError

__all__ = ["AccountDecision", "AccountReason", "Fact"]

Fact: TypeAlias = bool | int | str | datetime | tuple[str, ...] | None
"""One fact a decision used: a count, a cap, a time, a code, a list of codes."""


class AccountReason(str, enum.Enum):
    """Why an account decision says yes or no (closed set; the values are stable codes)."""

    ALLOWED = "allowed"
    """Every condition holds."""
    PORTFOLIO_NUMBER_CAP = "portfolio_number_cap"
    """The portfolio already has as many registered numbers as its cap (2 or 20)."""
    WABA_NUMBER_CAP = "waba_number_cap"
    """The WhatsApp Business Account already holds its cap of numbers (25)."""
    COEXISTENCE_ONE_NUMBER = "coexistence_one_number"
    """A coexistence (WhatsApp Business app) account holds one number only."""
    PORTFOLIO_WABA_CAP = "portfolio_waba_cap"
    """The portfolio already has as many WhatsApp Business Accounts as its cap (20)."""
    PARTNER_CAP = "partner_cap"
    """A legacy WhatsApp Business Account is shared with two partners already."""
    PARTNER_ALREADY_SHARED = "partner_already_shared"
    """The account is already shared with that partner."""
    ONE_BUSINESS_PER_WABA = "one_business_per_waba"
    """Since 2024-01-15 an account and its numbers serve one end business only."""
    CODE_NOT_VERIFIED = "code_not_verified"
    """The number's ownership code is not verified: it cannot be registered."""
    NAME_NOT_USABLE = "name_not_usable"
    """The display name's status (``EXPIRED``, ``NONE``) does not allow registering."""
    REGISTER_ATTEMPTS = "register_attempts"
    """Ten register/deregister requests in the window already: 133016, then a block."""
    REGISTER_BLOCKED = "register_blocked"
    """A 133016 blocks register/deregister requests for the number for a while."""
    NAME_CHANGE_LIMIT = "name_change_limit"
    """Ten display-name changes in the last 30 days already."""
    NAME_CHANGE_NEEDS_SUPPORT = "name_change_needs_support"
    """An Official Business Account changes its name through direct support only."""
    NAME_NOT_APPROVED = "name_not_approved"
    """The name change is not approved yet: re-registering now has no effect."""
    NAME_REREGISTER_TOO_LATE = "name_reregister_too_late"
    """More than 14 days since the approval: the name must be submitted for review again."""
    DELETION_NOT_VIA_API = "deletion_not_via_api"
    """A business number is deleted in WhatsApp Manager, not through the API."""
    DELETION_RECENT_PAID_MESSAGE = "deletion_recent_paid_message"
    """A number cannot be deleted within 30 days of its last paid message."""
    COEXISTENCE_NO_DEREGISTER = "coexistence_no_deregister"
    """A coexistence number is disconnected from the Business app, not deregistered by API."""
    CALLING_NOT_AVAILABLE = "calling_not_available"
    """The Calling API did not exist yet (generally available from 2025-07-15)."""
    CALLING_COEXISTENCE = "calling_coexistence"
    """Coexistence numbers cannot use the Calling API."""
    CALLING_LIMIT_TOO_LOW = "calling_limit_too_low"
    """The messaging limit is below what the Calling API needs."""
    CALLING_DISABLED = "calling_disabled"
    """Calling is not enabled in the number's settings."""
    CALLING_NO_PAYMENT_METHOD = "calling_no_payment_method"
    """The account has no credit line or valid payment method."""
    BUSINESS_CALLS_NOT_IN_COUNTRY = "business_calls_not_in_country"
    """Business-initiated calls are not available for business numbers of that country code."""
    CALL_PERMISSION_DAILY = "call_permission_daily"
    """One call-permission request per user per 24 hours."""
    CALL_PERMISSION_WEEKLY = "call_permission_weekly"
    """Two call-permission requests per user per 7 days."""
    PORTFOLIO_UNVERIFIED = "portfolio_unverified"
    """The business portfolio is not verified."""
    TWO_STEP_ENABLED = "two_step_enabled"
    """Two-step verification is on: disable it (in WhatsApp Manager) before migrating."""
    TWO_STEP_DISABLED = "two_step_disabled"
    """Two-step verification is off; it must be on."""
    DISPLAY_NAME_NOT_APPROVED = "display_name_not_approved"
    """The display name is not approved."""
    DISPLAY_NAME_CHANGE_PENDING = "display_name_change_pending"
    """A display-name change is pending review."""
    TEST_NUMBER = "test_number"
    """Public test numbers cannot do this."""
    COEXISTENCE_NUMBER = "coexistence_number"
    """Coexistence (WhatsApp Business app) numbers cannot do this."""
    DESTINATION_NOT_CLOUD_API = "destination_not_cloud_api"
    """The destination does not register the number for the Cloud API."""
    REGISTERED_TOO_RECENTLY = "registered_too_recently"
    """The number has been registered for less than 30 days."""
    RESUBMIT_TOO_SOON = "resubmit_too_soon"
    """A rejected request can be submitted again only 30 days later."""


_LARGEST = 10**18


def _valid_fact(name: object, value: object) -> bool:
    if not isinstance(name, str) or not name or not is_text(name):
        return False
    if value is None or isinstance(value, bool):
        return True
    if isinstance(value, int):
        return -_LARGEST <= value <= _LARGEST
    if isinstance(value, str):
        return is_text(value)
    if isinstance(value, datetime):
        return require_aware(value, f"facts.{name}") is not None
    return isinstance(value, tuple) and all(isinstance(v, str) and is_text(v) for v in value)


def _check_facts(_instance: object, _attribute: object, facts: object) -> None:
    if not isinstance(facts, dict):
        raise ValidationError("must be a dict of facts", field="facts", value=facts)
    for name, value in facts.items():
        if not _valid_fact(name, value):
            reason = "must be a count, a flag, a text, an aware time, a tuple of texts or None"
            raise ValidationError(reason, field=f"facts.{name}", value=value)


def _fact_json(value: Fact) -> Json:
    if isinstance(value, datetime):
        return format_time(value)
    if isinstance(value, tuple):
        return list(value)
    return value


@attrs.frozen(kw_only=True)
class AccountDecision:
    """An account decision: ``allowed``, the first ``reason``, a ``message`` and the ``facts``.

    ``reasons`` holds every reason a "no" has (empty when allowed); ``facts`` the
    inputs and limits the answer used, by name (``cap``, ``count``,
    ``blocked_until`` …).
    """

    allowed: bool = attrs.field(validator=check.flag)
    reason: AccountReason = attrs.field(validator=check.instance(AccountReason))
    message: str = attrs.field(validator=check.text)
    reasons: tuple[AccountReason, ...] = attrs.field(
        default=(), validator=check.tuple_of(AccountReason)
    )
    facts: dict[str, Fact] = attrs.field(factory=dict, hash=False, validator=_check_facts)

    @classmethod
    def yes(cls, message: str, **facts: Fact) -> AccountDecision:
        """An allowed decision."""
        return cls(allowed=True, reason=AccountReason.ALLOWED, message=message, facts=facts)

    @classmethod
    def no(
        cls, reasons: tuple[AccountReason, ...], message: str, **facts: Fact
    ) -> AccountDecision:
        """A refused decision for ``reasons`` (at least one), the first being ``reason``."""
        if not isinstance(reasons, tuple) or not reasons:
            raise ValidationError("must name at least one reason", field="reasons", value=reasons)
        return cls(allowed=False, reason=reasons[0], message=message, reasons=reasons, facts=facts)

    def to_dict(self) -> JsonObject:
        """JSON form: times as ISO 8601 UTC, reason codes as strings."""
        return {
            "allowed": self.allowed,
            "reason": self.reason.value,
            "message": self.message,
            "reasons": [reason.value for reason in self.reasons],
            "facts": {name: _fact_json(value) for name, value in self.facts.items()},
        }
