"""Messaging limits, throughput and pacing: how many customers, how fast, by date.

Eras and ladders (:func:`era_at`, :class:`LimitEra`), what counts
(:func:`counts_against_limit`), the fast streaming core (:class:`LimitLedger`), the
limit's usage folded from events (:class:`LimitBook`), upgrades (:func:`upgrade`,
:func:`auto_scale`, :func:`downgrade`), throughput (:func:`throughput_mps`), the pair rate
(:class:`PairClock`), retries (:func:`retry_after`), marketing limits
(:func:`marketing_deliverable`), the one gate before a send (:func:`can_send_now`,
:class:`GateDecision`) with its media rules (:func:`check_media`), provider quotas
(:func:`sunshine_usage`, :func:`twilio_queue_expired`) and every inferred parameter
(:class:`LimitsPolicy`). See ``docs/limits.md`` and ``docs/gate.md``.
"""

from __future__ import annotations

from wamsg.limits.book import (
    LimitBook,
    limit_of,
)
from wamsg.limits.counting import (
    LimitDecision,
    LimitReason,
    counts_against_limit,
)
from wamsg.limits.dates import (
    CLASSIFICATION_ENFORCEMENT_FROM,
    HIGH_THROUGHPUT_FROM,
    MARKETING_RETRY_LIMIT_FROM,
    PER_USER_MARKETING_LIMITS_FROM,
    UNVERIFIED_250_FROM,
    UNVERIFIED_MESSAGING_FROM,
    US_MARKETING_PAUSE_FROM,
    VOLUME_PATH_1K_FROM,
)
from wamsg.limits.eras import (
    CountedEvent,
    Ladder,
    LimitEra,
    LimitScope,
    era_at,
    portfolio_tier_after_migration,
    unverified_starting_tier,
)
from wamsg.limits.gate import (
    can_send_now,
)
from wamsg.limits.gate_decision import (
    DEFAULT_GATE_POLICY,
    GateDecision,
    GatePolicy,
    GateReason,
)
from wamsg.limits.ledger import (
    LimitLedger,
)
from wamsg.limits.marketing import (
    MARKETING_COOL_DOWN,
    MarketingDecision,
    MarketingVerdict,
    is_paused_us,
    marketing_deliverable,
)
from wamsg.limits.media import (
    KILOBYTE,
    MEDIA_KINDS,
    MEGABYTE,
    AttachmentSettings,
    MediaCheck,
    MediaReason,
    MediaRule,
    OutgoingMedia,
    check_media,
)
from wamsg.limits.outlook import (
    upgrade,
)
from wamsg.limits.pacing import (
    PairClock,
    PairSend,
    pair_send,
)
from wamsg.limits.policy import (
    DEFAULT_POLICY,
    CountingPolicy,
    EraPolicy,
    LimitsPolicy,
    MarketingPolicy,
    PairRatePolicy,
    QuotaPolicy,
    RetryPolicy,
    UpgradePolicy,
)
from wamsg.limits.quotas import (
    TWILIO_QUEUE_LIFETIME,
    SunshineUsage,
    sunshine_usage,
    twilio_queue_expired,
    twilio_queue_expires_at,
)
from wamsg.limits.regions import (
    EEA_CALLING_CODES,
    MARKETING_CAP_EXEMPT_CALLING_CODES,
    US_TERRITORIES,
)
from wamsg.limits.retry import (
    FIXED_RETRY_WAITS,
    retry_after,
)
from wamsg.limits.standing import Standing, standing
from wamsg.limits.throughput import (
    COEXISTENCE_MPS,
    HIGH_MPS,
    HIGH_THROUGHPUT_UNIQUE_USERS,
    STANDARD_MPS,
    THROUGHPUT_UPGRADE_DELAY,
    ThroughputReason,
    ThroughputUpgrade,
    throughput_mps,
    throughput_upgrade,
)
from wamsg.limits.upgrades import (
    AUTO_FLOOR,
    ScalingPathStatus,
    ScalingRoute,
    UpgradeAnswer,
    UpgradeReason,
    UpgradeRule,
    auto_scale,
    downgrade,
    scaling_path_status,
    upgrade_rule,
    users_needed,
)

__all__ = [
    "AUTO_FLOOR",
    "CLASSIFICATION_ENFORCEMENT_FROM",
    "COEXISTENCE_MPS",
    "DEFAULT_GATE_POLICY",
    "DEFAULT_POLICY",
    "EEA_CALLING_CODES",
    "FIXED_RETRY_WAITS",
    "HIGH_MPS",
    "HIGH_THROUGHPUT_FROM",
    "HIGH_THROUGHPUT_UNIQUE_USERS",
    "KILOBYTE",
    "MARKETING_CAP_EXEMPT_CALLING_CODES",
    "MARKETING_COOL_DOWN",
    "MARKETING_RETRY_LIMIT_FROM",
    "MEDIA_KINDS",
    "MEGABYTE",
    "PER_USER_MARKETING_LIMITS_FROM",
    "STANDARD_MPS",
    "THROUGHPUT_UPGRADE_DELAY",
    "TWILIO_QUEUE_LIFETIME",
    "UNVERIFIED_250_FROM",
    "UNVERIFIED_MESSAGING_FROM",
    "US_MARKETING_PAUSE_FROM",
    "US_TERRITORIES",
    "VOLUME_PATH_1K_FROM",
    "AttachmentSettings",
    "CountedEvent",
    "CountingPolicy",
    "EraPolicy",
    "GateDecision",
    "GatePolicy",
    "GateReason",
    "Ladder",
    "LimitBook",
    "LimitDecision",
    "LimitEra",
    "LimitLedger",
    "LimitReason",
    "LimitScope",
    "LimitsPolicy",
    "MarketingDecision",
    "MarketingPolicy",
    "MarketingVerdict",
    "MediaCheck",
    "MediaReason",
    "MediaRule",
    "OutgoingMedia",
    "PairClock",
    "PairRatePolicy",
    "PairSend",
    "QuotaPolicy",
    "RetryPolicy",
    "ScalingPathStatus",
    "ScalingRoute",
    "Standing",
    "SunshineUsage",
    "ThroughputReason",
    "ThroughputUpgrade",
    "UpgradeAnswer",
    "UpgradePolicy",
    "UpgradeReason",
    "UpgradeRule",
    "auto_scale",
    "can_send_now",
    "check_media",
    "counts_against_limit",
    "downgrade",
    "era_at",
    "is_paused_us",
    "limit_of",
    "marketing_deliverable",
    "pair_send",
    "portfolio_tier_after_migration",
    "retry_after",
    "scaling_path_status",
    "standing",
    "sunshine_usage",
    "throughput_mps",
    "throughput_upgrade",
    "twilio_queue_expired",
    "twilio_queue_expires_at",
    "unverified_starting_tier",
    "upgrade",
    "upgrade_rule",
    "users_needed",
]
