"""The dates on which Meta's messaging-limit, throughput and marketing rules changed.

Every boundary is the first instant (00:00:00 UTC) of the day the new rule took effect;
a moment before it is judged by the old rule, a moment at it by the new one. The two
boundaries no source dates are policy parameters instead (:class:`~wamsg.limits.EraPolicy`).
The start of era E5, when limits moved to the business portfolio (2025-10-07), is
:data:`wamsg.accounts.PORTFOLIO_LIMITS_FROM`, shared with the account rules.
"""

from __future__ import annotations

from datetime import datetime, timezone

__all__ = [
    "CLASSIFICATION_ENFORCEMENT_FROM",
    "HIGH_THROUGHPUT_FROM",
    "MARKETING_RETRY_LIMIT_FROM",
    "PER_USER_MARKETING_LIMITS_FROM",
    "UNVERIFIED_250_FROM",
    "UNVERIFIED_MESSAGING_FROM",
    "US_MARKETING_PAUSE_FROM",
    "VOLUME_PATH_1K_FROM",
]

_UTC = timezone.utc

# Businesses may message without business verification, at 50 business-initiated
# conversations a day (changelog entry of 2022-04-14) [rule meta.limits.unverified-50].
UNVERIFIED_MESSAGING_FROM = datetime(2022, 5, 2, tzinfo=_UTC)
"""Start of era E2: unverified businesses may message (``TIER_50``)."""

# Unverified businesses get 250 business-initiated conversations per rolling 24 h
# [rule meta.limits.unverified-250].
UNVERIFIED_250_FROM = datetime(2023, 1, 30, tzinfo=_UTC)
"""Start of era E3: an unverified business starts at ``TIER_250``."""

# Business verification is no longer the only way to 1K: 1,000 unique contacts in a
# rolling 30 days with high quality [rule meta.limits.volume-path-1k].
VOLUME_PATH_1K_FROM = datetime(2023, 11, 1, tzinfo=_UTC)
"""Start of era E4: the 1,000-in-30-days path to ``TIER_1K``."""

# Per-user marketing template limits introduced [rule meta.marketing.per-user-cap].
PER_USER_MARKETING_LIMITS_FROM = datetime(2024, 2, 6, tzinfo=_UTC)
"""From this day Meta caps the marketing templates one user receives (131049)."""

# Meta stops delivering marketing templates to +1 numbers with a US area code
# [rule meta.marketing.us-pause].
US_MARKETING_PAUSE_FROM = datetime(2025, 4, 1, tzinfo=_UTC)
"""From this day marketing templates to US numbers are not delivered."""

# Retry-limit enforcement of the per-user marketing cap, at WABA level
# [rule meta.marketing.retry-limit].
MARKETING_RETRY_LIMIT_FROM = datetime(2026, 4, 30, tzinfo=_UTC)
"""From this day repeated resends after 131049 can block further attempts for 24 h."""

# Error 131064: messaging limit exceeded because of template-classification violations
# [rule meta.limits.classification-enforcement].
CLASSIFICATION_ENFORCEMENT_FROM = datetime(2026, 4, 17, tzinfo=_UTC)
"""From this day Meta may cap templates and Direct Send with error 131064."""

# 1,000 messages per second became available [rule meta.throughput.high].
HIGH_THROUGHPUT_FROM = datetime(2023, 5, 9, tzinfo=_UTC)
"""From this day a number can be upgraded to 1,000 mps."""
