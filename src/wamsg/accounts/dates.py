"""The dates on which Meta's rules for accounts and numbers changed.

Each is the first instant (00:00:00 UTC) of the day the new rule took effect: a
moment before it is judged by the old rule, a moment at it by the new one.
"""

from __future__ import annotations

from datetime import datetime, timezone

__all__ = [
    "CALLING_API_FROM",
    "COEXISTENCE_FROM",
    "NUMBER_DELETION_NOT_VIA_API_FROM",
    "ONE_BUSINESS_PER_WABA_FROM",
    "PORTFOLIO_LIMITS_FROM",
    "REGISTER_WINDOW_72H_FROM",
]

_UTC = timezone.utc

# Messaging limits move from the phone number to the business portfolio, and the
# registered-number cap rises to 20 at the 2,000 limit too [rule meta.limits.portfolio].
PORTFOLIO_LIMITS_FROM = datetime(2025, 10, 7, tzinfo=_UTC)
"""From this instant messaging limits are set per business portfolio (2025-10-07)."""

# "One WABA policy": every end business has its own WABA and number
# [rule vonage.waba.one-business].
ONE_BUSINESS_PER_WABA_FROM = datetime(2024, 1, 15, tzinfo=_UTC)
"""From this day a WhatsApp Business Account and its numbers serve one end business."""

# Register/deregister: 10 requests per number in a moving 72 h window (one week
# before) [rule meta.number.register-limit] [rule meta.number.register-limit-week].
REGISTER_WINDOW_72H_FROM = datetime(2024, 2, 13, tzinfo=_UTC)
"""From this day the register/deregister limit counts over 72 hours, not one week."""

# Coexistence: WhatsApp Business app numbers onboard to the Cloud API
# [rule meta.coexistence.countries].
COEXISTENCE_FROM = datetime(2025, 2, 11, tzinfo=_UTC)
"""From this day a WhatsApp Business app number can also use the Cloud API (coexistence)."""

# The WhatsApp Business Calling API is generally available [rule meta.calling.eligibility].
CALLING_API_FROM = datetime(2025, 7, 15, tzinfo=_UTC)
"""From this day an API number can make and receive WhatsApp calls."""

# Deleting a business number is not supported through the API, only in WhatsApp
# Manager [rule meta.number.deletion].
NUMBER_DELETION_NOT_VIA_API_FROM = datetime(2026, 6, 4, tzinfo=_UTC)
"""From this day a business number can be deleted in WhatsApp Manager only."""
