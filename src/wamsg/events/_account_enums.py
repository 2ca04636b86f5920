"""The values only Meta's account webhooks carry: events, restrictions, bans, alerts.

Read like the values of :mod:`wamsg.events.account_values`: any case, and a value
wamsg does not know reads as ``UNKNOWN`` while the event keeps Meta's string
(its ``*_raw`` field). Re-exported by :mod:`wamsg.events` and :mod:`wamsg.accounts`.

[rule meta.webhook.account-update] [rule meta.webhook.phone-number-quality]
[rule meta.webhook.phone-number-name] [rule meta.webhook.account-alerts]
"""

from __future__ import annotations

from wamsg.events.account_values import _Parsed

__all__ = [
    "AlertEntity",
    "AlertSeverity",
    "AlertStatus",
    "AlertType",
    "BanState",
    "DisconnectionReason",
    "NameRejectionReason",
    "QualityEvent",
    "RestrictionType",
    "WabaEvent",
]


class QualityEvent(_Parsed):
    """``phone_number_quality_update.event``.

    Since 2025-10-07 only ``ONBOARDING`` (the number is still being registered) and
    ``THROUGHPUT_UPGRADE``; before, also the number-scope ``FLAGGED``, ``UNFLAGGED``,
    ``UPGRADE`` and ``DOWNGRADE`` (kept as legacy events).
    """

    ONBOARDING = "ONBOARDING"
    THROUGHPUT_UPGRADE = "THROUGHPUT_UPGRADE"
    FLAGGED = "FLAGGED"
    UNFLAGGED = "UNFLAGGED"
    UPGRADE = "UPGRADE"
    DOWNGRADE = "DOWNGRADE"
    UNKNOWN = "UNKNOWN"


class WabaEvent(_Parsed):
    """``account_update.event``: what happened to the WhatsApp Business Account."""

    ACCOUNT_DELETED = "ACCOUNT_DELETED"
    ACCOUNT_OFFBOARDED = "ACCOUNT_OFFBOARDED"
    ACCOUNT_RECONNECTED = "ACCOUNT_RECONNECTED"
    ACCOUNT_RESTRICTION = "ACCOUNT_RESTRICTION"
    ACCOUNT_VIOLATION = "ACCOUNT_VIOLATION"
    AD_ACCOUNT_LINKED = "AD_ACCOUNT_LINKED"
    AUTH_INTL_PRICE_ELIGIBILITY_UPDATE = "AUTH_INTL_PRICE_ELIGIBILITY_UPDATE"
    BUSINESS_PRIMARY_LOCATION_COUNTRY_UPDATE = "BUSINESS_PRIMARY_LOCATION_COUNTRY_UPDATE"
    DISABLED_UPDATE = "DISABLED_UPDATE"
    MM_LITE_TERMS_SIGNED = "MM_LITE_TERMS_SIGNED"
    PARTNER_ADDED = "PARTNER_ADDED"
    PARTNER_APP_INSTALLED = "PARTNER_APP_INSTALLED"
    PARTNER_APP_UNINSTALLED = "PARTNER_APP_UNINSTALLED"
    PARTNER_CLIENT_CERTIFICATION_STATUS_UPDATE = "PARTNER_CLIENT_CERTIFICATION_STATUS_UPDATE"
    PARTNER_REMOVED = "PARTNER_REMOVED"
    VERIFIED_ACCOUNT = "VERIFIED_ACCOUNT"
    VOLUME_BASED_PRICING_TIER_UPDATE = "VOLUME_BASED_PRICING_TIER_UPDATE"
    UNKNOWN = "UNKNOWN"


class RestrictionType(_Parsed):
    """One restriction of an ``ACCOUNT_RESTRICTION`` (``restriction_info[].restriction_type``)."""

    RESTRICTED_ADD_PHONE_NUMBER_ACTION = "RESTRICTED_ADD_PHONE_NUMBER_ACTION"
    RESTRICTED_BIZ_INITIATED_MESSAGING = "RESTRICTED_BIZ_INITIATED_MESSAGING"
    RESTRICTED_CUSTOMER_INITIATED_MESSAGING = "RESTRICTED_CUSTOMER_INITIATED_MESSAGING"
    RESTRICTED_BUSINESS_INITIATED_CALLING = "RESTRICTED_BUSINESS_INITIATED_CALLING"
    RESTRICTED_USER_INITIATED_CALLING = "RESTRICTED_USER_INITIATED_CALLING"
    RESTRICTED_BIZ_INITIATED_AND_USER_INITIATED_CALLING = (
        "RESTRICTED_BIZ_INITIATED_AND_USER_INITIATED_CALLING"
    )
    RESTRICTED_USER_INITIATED_CALLING_CALL_BUTTON_HIDDEN = (
        "RESTRICTED_USER_INITIATED_CALLING_CALL_BUTTON_HIDDEN"
    )
    RESTRICTED_DIRECT_SEND_UTILITY_TEMPLATES = "RESTRICTED_DIRECT_SEND_UTILITY_TEMPLATES"
    RESTRICTED_UTILITY_TEMPLATES = "RESTRICTED_UTILITY_TEMPLATES"
    UNKNOWN = "UNKNOWN"


class BanState(_Parsed):
    """``account_update.ban_info.waba_ban_state``: to be disabled, disabled, reinstated."""

    SCHEDULE_FOR_DISABLE = "SCHEDULE_FOR_DISABLE"
    DISABLE = "DISABLE"
    REINSTATE = "REINSTATE"
    UNKNOWN = "UNKNOWN"


class DisconnectionReason(_Parsed):
    """Why a coexistence number left the Cloud API (``PARTNER_REMOVED.disconnection_info``).

    ``BUSINESS_DOWNGRADE``: the number was registered on the consumer app;
    ``PRIMARY_INACTIVITY`` / ``COMPANION_INACTIVITY``: the primary device (about
    14 days) or a companion (about 30 days) was idle; ``ACCOUNT_DISCONNECTED``:
    enforcement, or the WhatsApp account was deleted. [rule meta.coexistence.disconnection]
    """

    BUSINESS_DOWNGRADE = "BUSINESS_DOWNGRADE"
    PRIMARY_INACTIVITY = "PRIMARY_INACTIVITY"
    COMPANION_INACTIVITY = "COMPANION_INACTIVITY"
    ACCOUNT_DISCONNECTED = "ACCOUNT_DISCONNECTED"
    CHANGE_NUMBER = "CHANGE_NUMBER"
    USER_RE_REGISTERED = "USER_RE_REGISTERED"
    UNKNOWN = "UNKNOWN"


class NameRejectionReason(_Parsed):
    """``phone_number_name_update.rejection_reason`` (Meta's own ``UNKNOWN`` too)."""

    NAME_EMPLOYEE_ISSUE = "NAME_EMPLOYEE_ISSUE"
    NAME_ENDCLIENT_NOTRELATED = "NAME_ENDCLIENT_NOTRELATED"
    NAME_FORMAT_UNACCEPTABLE = "NAME_FORMAT_UNACCEPTABLE"
    NAME_INDIVIDUAL_ISSUE = "NAME_INDIVIDUAL_ISSUE"
    NAME_NOT_CONSISTENT = "NAME_NOT_CONSISTENT"
    UNKNOWN = "UNKNOWN"


class AlertType(_Parsed):
    """``account_alerts`` ``alert_type``: a denied limit increase, an OBA answer, a lost photo."""

    INCREASED_CAPABILITIES_ELIGIBILITY_DEFERRED = "INCREASED_CAPABILITIES_ELIGIBILITY_DEFERRED"
    INCREASED_CAPABILITIES_ELIGIBILITY_FAILED = "INCREASED_CAPABILITIES_ELIGIBILITY_FAILED"
    INCREASED_CAPABILITIES_ELIGIBILITY_NEED_MORE_INFO = (
        "INCREASED_CAPABILITIES_ELIGIBILITY_NEED_MORE_INFO"
    )
    OBA_APPROVED = "OBA_APPROVED"
    OBA_REJECTED = "OBA_REJECTED"
    PROFILE_PICTURE_LOST = "PROFILE_PICTURE_LOST"
    UNKNOWN = "UNKNOWN"


class AlertSeverity(_Parsed):
    """``alert_severity``: ``CRITICAL`` (a denial), ``WARNING`` (act), ``INFORMATIONAL``."""

    CRITICAL = "CRITICAL"
    WARNING = "WARNING"
    INFORMATIONAL = "INFORMATIONAL"
    UNKNOWN = "UNKNOWN"


class AlertStatus(_Parsed):
    """``alert_status``: ``ACTIVE`` or ``NONE``."""

    ACTIVE = "ACTIVE"
    NONE = "NONE"
    UNKNOWN = "UNKNOWN"


class AlertEntity(_Parsed):
    """What an alert is about: a portfolio (``BUSINESS``), a number, a profile, a WABA."""

    BUSINESS = "BUSINESS"
    PHONE_NUMBER = "PHONE_NUMBER"
    CURRENT_STATUS_ID = "CURRENT_STATUS_ID"
    WABA = "WABA"
    UNKNOWN = "UNKNOWN"
