"""The values Meta's account webhooks and phone-number fields carry.

Each enumeration reads Meta's strings in any case; a value wamsg does not know
reads as ``UNKNOWN``, and every holder of one keeps the provider's string beside
it (a ``*_raw`` field), so nothing is lost. They live here, with the events that
carry them, and are re-exported by :mod:`wamsg.accounts`, which reasons about them.

[rule meta.number.status.values] [rule meta.limits.tiers]
"""

from __future__ import annotations

import enum

from typing_extensions import Self

from wamsg.errors import ValidationError

__all__ = [
    "CodeVerificationStatus",
    "HealthCanSend",
    "LimitTier",
    "NameDecision",
    "NameStatus",
    "NumberKind",
    "NumberStatus",
    "PlatformType",
    "QualityRating",
    "ThroughputLevel",
]


class LimitTier(str, enum.Enum):
    """A messaging-limit tier: unique users reachable outside a window per 24 h.

    Meta writes the tier as a string (``"TIER_2K"``) or, in some webhook
    examples and older fields, as the number itself (``2000``, ``-1`` for
    unlimited); :meth:`parse` reads both. [rule meta.limits.tiers]
    """

    TIER_50 = "TIER_50"
    TIER_250 = "TIER_250"
    TIER_1K = "TIER_1K"
    TIER_2K = "TIER_2K"
    TIER_10K = "TIER_10K"
    TIER_100K = "TIER_100K"
    TIER_UNLIMITED = "TIER_UNLIMITED"
    TIER_NOT_SET = "TIER_NOT_SET"
    UNKNOWN = "UNKNOWN"

    @property
    def limit(self) -> int | None:
        """The number of unique users, or ``None`` (unlimited, not set or unknown)."""
        return _TIER_LIMITS.get(self)

    @property
    def is_unlimited(self) -> bool:
        """Whether the tier sets no cap."""
        return self is LimitTier.TIER_UNLIMITED

    @property
    def is_known(self) -> bool:
        """Whether the tier is one of the ladder's steps (not ``NOT_SET``/``UNKNOWN``)."""
        return self in _TIER_LIMITS or self is LimitTier.TIER_UNLIMITED

    @classmethod
    def parse(cls, value: object) -> LimitTier:
        """Read a tier from Meta's string or integer form; anything else is ``UNKNOWN``.

        ``"tier_2k"``, ``"TIER_2K"``, ``2000`` and ``"2000"`` are ``TIER_2K``;
        ``-1`` is ``TIER_UNLIMITED``. Booleans are not numbers here.
        """
        if type(value) is str:
            text = value.strip().upper()
            found = _TIER_NAMES.get(text)
            if found is not None:
                return found
            digits = text.lstrip("-")
            if digits.isascii() and digits.isdigit() and len(text) <= 12:
                return _TIER_BY_LIMIT.get(int(text), cls.UNKNOWN)
            return cls.UNKNOWN
        if type(value) is int:
            return _TIER_BY_LIMIT.get(value, cls.UNKNOWN)
        return cls.UNKNOWN

    @classmethod
    def strict(cls, value: object, field: str) -> LimitTier:
        """Read a tier the caller configured: an unknown one is a :class:`ValidationError`."""
        tier = cls.parse(value)
        if tier is cls.UNKNOWN:
            allowed = ", ".join(t.value for t in cls if t is not cls.UNKNOWN)
            reason = f"unknown messaging limit (one of {allowed})"
            raise ValidationError(reason, field=field, value=value)
        return tier


_TIER_LIMITS = {
    LimitTier.TIER_50: 50,
    LimitTier.TIER_250: 250,
    LimitTier.TIER_1K: 1_000,
    LimitTier.TIER_2K: 2_000,
    LimitTier.TIER_10K: 10_000,
    LimitTier.TIER_100K: 100_000,
}
_TIER_NAMES = {t.value: t for t in LimitTier if t is not LimitTier.UNKNOWN}
_TIER_BY_LIMIT = {v: k for k, v in _TIER_LIMITS.items()} | {-1: LimitTier.TIER_UNLIMITED}


class _Parsed(str, enum.Enum):
    """An enumeration read from Meta's strings in any case, ``UNKNOWN`` otherwise."""

    @classmethod
    def parse(cls, value: object) -> Self:
        """The member for ``value`` (any case); ``UNKNOWN`` for anything else."""
        unknown = cls["UNKNOWN"]
        if type(value) is not str:
            return unknown
        text = value.strip().upper()
        member = cls.__members__.get(text) or cls.__members__.get(_ALIASES.get(text, ""))
        return member if member is not None else unknown

    @classmethod
    def strict(cls, value: object, field: str) -> Self:
        """The member for a value the caller configured; unknown is a :class:`ValidationError`."""
        member = cls.parse(value)
        if member.name == "UNKNOWN":
            allowed = ", ".join(m.value for m in cls if m.name != "UNKNOWN")
            reason = f"unknown value (one of {allowed})"
            raise ValidationError(reason, field=field, value=value)
        return member


_ALIASES = {"UNVERIFIED": "NOT_VERIFIED"}
"""Other spellings of a member, tried when the name itself is not one: Meta's OpenAPI
writes ``UNVERIFIED`` for :attr:`CodeVerificationStatus.NOT_VERIFIED`."""


class QualityRating(_Parsed):
    """A phone number's quality: ``GREEN`` high, ``YELLOW`` medium, ``RED`` low.

    ``NA`` and ``UNKNOWN`` mean not yet rated (or a value wamsg does not know);
    an unrated number passes no quality gate. [rule meta.number.quality]
    """

    GREEN = "GREEN"
    YELLOW = "YELLOW"
    RED = "RED"
    NA = "NA"
    UNKNOWN = "UNKNOWN"

    def at_least(self, other: QualityRating) -> bool:
        """Whether this rating is rated and not below ``other`` (``GREEN > YELLOW > RED``)."""
        if not isinstance(other, QualityRating):
            raise ValidationError("must be a QualityRating", field="other", value=other)
        mine, theirs = _QUALITY_RANK.get(self), _QUALITY_RANK.get(other)
        return mine is not None and theirs is not None and mine >= theirs


_QUALITY_RANK = {QualityRating.RED: 0, QualityRating.YELLOW: 1, QualityRating.GREEN: 2}


class NumberStatus(_Parsed):
    """A business phone number's status, from every enum Meta publishes for it.

    Each says whether business-initiated sends and replies inside a customer
    service window are possible; ``RESTRICTED`` (the legacy "limit reached for
    the rolling 24 h") still allows replies. [rule meta.number.status.values]
    """

    CONNECTED = "CONNECTED"
    PENDING = "PENDING"
    DISCONNECTED = "DISCONNECTED"
    UNVERIFIED = "UNVERIFIED"
    FLAGGED = "FLAGGED"
    RESTRICTED = "RESTRICTED"
    RATE_LIMITED = "RATE_LIMITED"
    BANNED = "BANNED"
    MIGRATED = "MIGRATED"
    DELETED = "DELETED"
    LINKED = "LINKED"
    UNLINKED = "UNLINKED"
    OFFLINE = "OFFLINE"
    UNKNOWN = "UNKNOWN"

    @property
    def can_send_business_initiated(self) -> bool:
        """Whether a template may be sent outside a customer service window."""
        return self in _SENDS_FIRST

    @property
    def can_reply(self) -> bool:
        """Whether a message may be sent inside an open customer service window."""
        return self in _REPLIES


_SENDS_FIRST = frozenset(
    {NumberStatus.CONNECTED, NumberStatus.FLAGGED, NumberStatus.LINKED, NumberStatus.RATE_LIMITED}
)
_REPLIES = _SENDS_FIRST | {NumberStatus.RESTRICTED}


class CodeVerificationStatus(_Parsed):
    """The SMS/voice ownership code's status (not the two-step PIN); ``UNVERIFIED`` is an alias.

    Only a ``VERIFIED`` number can be registered. [rule meta.number.code-verification]
    """

    VERIFIED = "VERIFIED"
    NOT_VERIFIED = "NOT_VERIFIED"
    EXPIRED = "EXPIRED"
    UNKNOWN = "UNKNOWN"


class NameStatus(_Parsed):
    """A display name's review status. [rule meta.number.display-name]

    ``AVAILABLE_WITHOUT_REVIEW`` may be used but is not verified; ``EXPIRED``
    and ``NONE`` cannot be used to register the number.
    """

    APPROVED = "APPROVED"
    AVAILABLE_WITHOUT_REVIEW = "AVAILABLE_WITHOUT_REVIEW"
    DECLINED = "DECLINED"
    EXPIRED = "EXPIRED"
    PENDING_REVIEW = "PENDING_REVIEW"
    NONE = "NONE"
    UNKNOWN = "UNKNOWN"

    @property
    def usable_for_register(self) -> bool:
        """Whether a number may be registered with this name."""
        return self not in (NameStatus.EXPIRED, NameStatus.NONE, NameStatus.UNKNOWN)

    @property
    def is_verified(self) -> bool:
        """Whether display-name verification approved the name."""
        return self is NameStatus.APPROVED


class NameDecision(_Parsed):
    """The outcome in a ``phone_number_name_update`` webhook. [rule meta.number.display-name]"""

    APPROVED = "APPROVED"
    DEFERRED = "DEFERRED"
    PENDING = "PENDING"
    REJECTED = "REJECTED"
    UNKNOWN = "UNKNOWN"


class PlatformType(_Parsed):
    """Where a number is registered; ``NOT_APPLICABLE`` means not registered."""

    CLOUD_API = "CLOUD_API"
    ON_PREMISE = "ON_PREMISE"
    NOT_APPLICABLE = "NOT_APPLICABLE"
    UNKNOWN = "UNKNOWN"


class NumberKind(_Parsed):
    """An API number, a coexistence number (``is_on_biz_app``) or a public test number.

    [rule meta.coexistence.limits]
    """

    API = "API"
    COEXISTENCE = "COEXISTENCE"
    TEST = "TEST"
    UNKNOWN = "UNKNOWN"


class ThroughputLevel(_Parsed):
    """A number's throughput level: ``STANDARD`` (80 mps) or ``HIGH`` (1,000 mps).

    [rule meta.throughput.default]
    """

    STANDARD = "STANDARD"
    HIGH = "HIGH"
    UNKNOWN = "UNKNOWN"


class HealthCanSend(_Parsed):
    """``health_status.can_send_message``, aggregated over portfolio, account, number and app."""

    AVAILABLE = "AVAILABLE"
    LIMITED = "LIMITED"
    BLOCKED = "BLOCKED"
    UNKNOWN = "UNKNOWN"
