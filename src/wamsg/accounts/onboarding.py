"""Bringing a number to the Cloud API, and addressing it once several partners share it.

- A number in use on **consumer WhatsApp** must be deleted there first. A number
  on the **WhatsApp Business app** can keep the app and use the Cloud API beside it
  (coexistence: onboard through Embedded Signup and skip the register step) where
  coexistence has launched for the number's country: from 2025-02-11, India from
  2025-05-05, Australia, Japan, the Philippines, Russia, South Korea, Turkey and the
  EEA, EU and UK from 2025-10-23, Nigeria and South Africa from 2026-04-15
  [rule meta.coexistence.onboarding] [rule meta.coexistence.countries].
- From Phase 2 of the account-model change a send names its
  ``messaging_account_id`` when the app can message through several Messaging
  Accounts on the number (on the newest API version in Phase 2, on every version in
  Phase 3); with one, Meta resolves it [rule meta.ame.messaging-account-id].
"""

from __future__ import annotations

import enum
from datetime import datetime, timezone

from wamsg._internal import fields as check
from wamsg._internal.fields import of
from wamsg._internal.json import require_aware
from wamsg.accounts._strict import count
from wamsg.accounts.dates import COEXISTENCE_FROM
from wamsg.accounts.model import AccountModelPhase
from wamsg.identity import PhoneNumber

__all__ = [
    "AppUse",
    "OnboardingPath",
    "coexistence_available",
    "coexistence_from",
    "messaging_account_id_required",
    "onboarding_path",
]

_UTC = timezone.utc
_EEA_UK = (  # the EU, Iceland, Liechtenstein, Norway and the UK
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE",
    "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS",
    "LI", "NO", "GB",
)  # fmt: skip
_LATER: dict[str, datetime] = {
    "IN": datetime(2025, 5, 5, tzinfo=_UTC),
    **dict.fromkeys(
        ("AU", "JP", "PH", "RU", "KR", "TR", *_EEA_UK), datetime(2025, 10, 23, tzinfo=_UTC)
    ),
    **dict.fromkeys(("NG", "ZA"), datetime(2026, 4, 15, tzinfo=_UTC)),
}


class AppUse(str, enum.Enum):
    """Where the number is in use before onboarding."""

    NONE = "NONE"
    CONSUMER_APP = "CONSUMER_APP"
    BUSINESS_APP = "BUSINESS_APP"


class OnboardingPath(str, enum.Enum):
    """How a number comes to the Cloud API."""

    REGISTER = "REGISTER"
    """Add it, verify the ownership code, register it."""
    COEXISTENCE = "COEXISTENCE"
    """Onboard the Business app number through Embedded Signup; skip the register step."""
    DELETE_FROM_WHATSAPP_FIRST = "DELETE_FROM_WHATSAPP_FIRST"
    """Delete the WhatsApp account on the number first, then register it."""


def coexistence_from(business: PhoneNumber) -> datetime:
    """When coexistence launched for the country of ``business``."""
    return _LATER.get(of(business, PhoneNumber, "business").region or "", COEXISTENCE_FROM)


def coexistence_available(business: PhoneNumber, at: datetime) -> bool:
    """Whether a Business app number of that country may use coexistence at ``at``."""
    return require_aware(at, "at") >= coexistence_from(business)


def onboarding_path(*, business: PhoneNumber, in_use: AppUse, at: datetime) -> OnboardingPath:
    """How ``business`` comes to the Cloud API at ``at``, given where it is in use (W60)."""
    if of(in_use, AppUse, "in_use") is AppUse.NONE:
        return OnboardingPath.REGISTER
    if in_use is AppUse.BUSINESS_APP and coexistence_available(business, at):
        return OnboardingPath.COEXISTENCE
    return OnboardingPath.DELETE_FROM_WHATSAPP_FIRST


def messaging_account_id_required(
    *, phase: AccountModelPhase, newest_api_version: bool, messaging_accounts: int
) -> bool:
    """Must a send name its ``messaging_account_id`` (D24, W51, W52)?

    ``messaging_accounts`` is how many Messaging Accounts on the number the app can
    message through; ``newest_api_version`` whether the send uses the newest version.
    """
    several = count(messaging_accounts, "messaging_accounts") > 1
    newest = check.boolean(newest_api_version, "newest_api_version")
    phase = of(phase, AccountModelPhase, "phase")
    if phase is AccountModelPhase.PHASE_3:
        return several
    return phase is AccountModelPhase.PHASE_2 and newest and several
