"""Who owns what: business portfolio, WhatsApp Business Account, partners, numbers.

- A **business portfolio** (formerly Business Manager) is the owning business:
  business verification and, since 2025-10-07, the messaging limit live there.
- A **WhatsApp Business Account** (WABA) belongs to exactly one portfolio and cannot
  move to another one [rule meta.waba.portfolio]. Until the account model changes it
  holds the numbers, templates, billing and webhooks, and is shared with at most two
  partners.
- From Meta's Phase 1 (H2 2026) the WABA splits into a WhatsApp Business Account
  that holds **one** number (the "WAAC") and one **Messaging Account** per partner
  (templates, billing, webhooks); the Messaging Account keeps the old WABA id
  [rule meta.ame.split]. Meta rolls the phases out per account, so the phase is an
  input (:class:`AccountModelPhase`), never guessed from a date.
- A **business phone number** (:class:`BusinessNumber`) is the sending identity:
  status, quality, throughput and display name are per number.
"""

from __future__ import annotations

import enum
from datetime import datetime

import attrs

from wamsg._internal import fields as check
from wamsg._internal.fields import of
from wamsg._internal.json import require_aware
from wamsg._internal.reprs import capped
from wamsg.events import (
    CodeVerificationStatus,
    LimitTier,
    NameStatus,
    NumberKind,
    NumberStatus,
    PlatformType,
    QualityRating,
    ThroughputLevel,
)
from wamsg.identity import PhoneNumber

__all__ = [
    "AccountModelPhase",
    "BusinessNumber",
    "Partner",
    "PartnerType",
    "Portfolio",
    "Waba",
]


class PartnerType(str, enum.Enum):
    """A partner's kind: a Solution Partner (credit line, invoices its clients), a Tech
    Provider (the client pays Meta) or a Tech Partner (a Tech Provider that is also a
    Meta Business Partner). [rule meta.partners.types]
    """

    SOLUTION_PARTNER = "SOLUTION_PARTNER"
    TECH_PROVIDER = "TECH_PROVIDER"
    TECH_PARTNER = "TECH_PARTNER"


class AccountModelPhase(str, enum.Enum):
    """Where an account stands in Meta's account-model change; the caller says which.

    ``LEGACY``: one WABA holds numbers, templates, billing and partners (two at most).
    ``PHASE_1`` (H2 2026): WAAC (one number) plus one Messaging Account per partner;
    ``messaging_account_id`` optional. ``PHASE_2`` (H1 2027): it is required on the
    newest API version when an app can message through several Messaging Accounts on
    a number. ``PHASE_3`` (H1 2028): required on every version. [rule meta.ame.split]
    """

    LEGACY = "LEGACY"
    PHASE_1 = "PHASE_1"
    PHASE_2 = "PHASE_2"
    PHASE_3 = "PHASE_3"

    @property
    def has_messaging_accounts(self) -> bool:
        """Whether numbers are held by WAACs and partners get a Messaging Account each."""
        return self is not AccountModelPhase.LEGACY


def _value_of(member: object) -> str:
    """The default of a ``*_raw`` field: its member's value (for a non-member, the
    member field's own validator, which runs first, names the mistake)."""
    return str(member.value) if isinstance(member, enum.Enum) else ""


_OPT_TIER = check.opt_instance(LimitTier)


@attrs.frozen
class Partner:
    """A partner an account is shared with: its id and, when known, its type."""

    id: str = attrs.field(validator=check.text, repr=capped)
    type: PartnerType | None = attrs.field(default=None, validator=check.opt_instance(PartnerType))


@attrs.frozen(kw_only=True)
class Portfolio:
    """A business portfolio: its id, whether the business is verified, its limit.

    ``messaging_limit`` is the portfolio's tier (None when not known); in the
    number-scope eras (before 2025-10-07) it is the tier a number takes when it
    has none of its own.
    """

    id: str = attrs.field(validator=check.text, repr=capped)
    verified: bool = attrs.field(default=False, validator=check.flag)
    messaging_limit: LimitTier | None = attrs.field(default=None, validator=_OPT_TIER)


@attrs.frozen(kw_only=True)
class Waba:
    """A WhatsApp Business Account (from Phase 1, the Messaging Account keeping its id).

    ``partners`` are those it is shared with; ``phase`` where it stands in the
    account-model change (:class:`AccountModelPhase`).
    """

    id: str = attrs.field(validator=check.text, repr=capped)
    partners: tuple[Partner, ...] = attrs.field(default=(), validator=check.tuple_of(Partner))
    phase: AccountModelPhase = attrs.field(
        default=AccountModelPhase.LEGACY, validator=check.instance(AccountModelPhase)
    )

    @property
    def partner_ids(self) -> frozenset[str]:
        """The ids of the partners it is shared with."""
        return frozenset(partner.id for partner in self.partners)


def _opt_time(value: datetime | None) -> datetime | None:
    return None if value is None else require_aware(value, "registered_at")


@attrs.frozen(kw_only=True)
class BusinessNumber:
    """A business phone number and what Meta says about it.

    ``status``, ``quality`` keep Meta's string beside the enumeration
    (``status_raw``, ``quality_raw``: a value wamsg does not know reads ``UNKNOWN``).
    ``messaging_limit`` is the number's own tier (the number-scope eras) or None: a
    number without one takes its portfolio's. ``kind`` tells an API number from a
    coexistence (WhatsApp Business app) number and a public test number.
    [rule meta.number.status.values] [rule meta.number.quality]
    """

    phone: PhoneNumber = attrs.field(validator=check.instance(PhoneNumber))
    phone_number_id: str = attrs.field(validator=check.text, repr=capped)
    waba: str = attrs.field(validator=check.text, repr=capped)
    status: NumberStatus = attrs.field(
        default=NumberStatus.CONNECTED, validator=check.instance(NumberStatus)
    )
    status_raw: str = attrs.field(
        default=attrs.Factory(lambda self: _value_of(self.status), takes_self=True),
        validator=check.text,
        repr=capped,
    )
    quality: QualityRating = attrs.field(
        default=QualityRating.NA, validator=check.instance(QualityRating)
    )
    quality_raw: str = attrs.field(
        default=attrs.Factory(lambda self: _value_of(self.quality), takes_self=True),
        validator=check.text,
        repr=capped,
    )
    kind: NumberKind = attrs.field(default=NumberKind.API, validator=check.instance(NumberKind))
    throughput: ThroughputLevel = attrs.field(
        default=ThroughputLevel.STANDARD, validator=check.instance(ThroughputLevel)
    )
    messaging_limit: LimitTier | None = attrs.field(default=None, validator=_OPT_TIER)
    code_verification: CodeVerificationStatus | None = attrs.field(
        default=None,
        validator=check.opt_instance(CodeVerificationStatus),
    )
    name_status: NameStatus | None = attrs.field(
        default=None, validator=check.opt_instance(NameStatus)
    )
    platform_type: PlatformType | None = attrs.field(
        default=None, validator=check.opt_instance(PlatformType)
    )
    calling_enabled: bool = attrs.field(default=False, validator=check.flag)
    registered_at: datetime | None = attrs.field(default=None, converter=_opt_time)

    @property
    def can_send_business_initiated(self) -> bool:
        """Whether the status allows a template outside a customer service window."""
        return self.status.can_send_business_initiated

    @property
    def can_reply(self) -> bool:
        """Whether the status allows a message inside an open customer service window."""
        return self.status.can_reply

    @property
    def is_coexistence(self) -> bool:
        """Whether the number is also used in the WhatsApp Business app."""
        return self.kind is NumberKind.COEXISTENCE

    def tier(self, portfolio: Portfolio) -> LimitTier | None:
        """The number's own tier, else the portfolio's."""
        own = self.messaging_limit
        return own if own is not None else of(portfolio, Portfolio, "portfolio").messaging_limit
