"""May this number migrate to another account, and may it become an Official Business Account?

- **Migration** between accounts or partners keeps the display name, quality,
  limit and OBA status, and needs: a verified portfolio, two-step verification
  **off**, an approved display name with no change pending, a destination that
  registers the number for the Cloud API; test numbers cannot migrate
  [rule meta.number.migration].
- **Official Business Account** needs a verified portfolio, two-step verification
  **on**, an approved display name and a number registered for at least 30 days;
  it is not granted to test numbers or WhatsApp Business app (coexistence) numbers,
  and a rejected request may be made again 30 days later [rule meta.oba.eligibility].
"""

from __future__ import annotations

from datetime import datetime, timedelta

from wamsg._internal import fields as check
from wamsg._internal.fields import of
from wamsg._internal.json import require_aware
from wamsg.accounts.decision import AccountDecision, AccountReason, Fact
from wamsg.events import NameStatus, NumberKind

__all__ = ["OBA_REGISTERED_FOR", "OBA_RESUBMIT_AFTER", "migration_check", "oba_eligible"]

OBA_REGISTERED_FOR = timedelta(days=30)
"""How long a number must be registered before it may request OBA. [rule meta.oba.eligibility]"""

OBA_RESUBMIT_AFTER = timedelta(days=30)
"""How long after a rejection an OBA request may be made again."""


def migration_check(
    *,
    portfolio_verified: bool,
    two_step_enabled: bool,
    name_status: NameStatus,
    name_change_pending: bool = False,
    kind: NumberKind = NumberKind.API,
    destination_cloud_api: bool = True,
) -> AccountDecision:
    """May the number migrate to another account or partner (D25, W55)?

    A "no" lists every blocker in ``reasons`` (``TWO_STEP_ENABLED``: disable
    two-step verification in WhatsApp Manager first; ``TEST_NUMBER``: test numbers
    cannot migrate …).
    """
    name_status, kind = of(name_status, NameStatus, "name_status"), of(kind, NumberKind, "kind")
    checks = (
        (
            not check.boolean(portfolio_verified, "portfolio_verified"),
            AccountReason.PORTFOLIO_UNVERIFIED,
        ),
        (check.boolean(two_step_enabled, "two_step_enabled"), AccountReason.TWO_STEP_ENABLED),
        (not name_status.is_verified, AccountReason.DISPLAY_NAME_NOT_APPROVED),
        (
            check.boolean(name_change_pending, "name_change_pending"),
            AccountReason.DISPLAY_NAME_CHANGE_PENDING,
        ),
        (kind is NumberKind.TEST, AccountReason.TEST_NUMBER),
        (
            not check.boolean(destination_cloud_api, "destination_cloud_api"),
            AccountReason.DESTINATION_NOT_CLOUD_API,
        ),
    )
    reasons = tuple(reason for failed, reason in checks if failed)
    if reasons:
        blockers = ", ".join(reason.value for reason in reasons)
        return AccountDecision.no(reasons, f"the number cannot migrate yet: {blockers}")
    return AccountDecision.yes("the number may migrate; its name, quality and limit go with it")


def oba_eligible(
    *,
    at: datetime,
    portfolio_verified: bool,
    two_step_enabled: bool,
    name_status: NameStatus,
    registered_at: datetime | None,
    kind: NumberKind = NumberKind.API,
    rejected_at: datetime | None = None,
) -> AccountDecision:
    """May the number request Official Business Account status at ``at`` (D26, W54)?"""
    at = require_aware(at, "at")
    facts: dict[str, Fact] = {}
    recent = True
    if registered_at is not None:
        facts["registered_long_enough_at"] = since = (
            require_aware(registered_at, "registered_at") + OBA_REGISTERED_FOR
        )
        recent = at < since
    too_soon = False
    if rejected_at is not None:
        facts["resubmit_at"] = again = (
            require_aware(rejected_at, "rejected_at") + OBA_RESUBMIT_AFTER
        )
        too_soon = at < again
    name_status, kind = of(name_status, NameStatus, "name_status"), of(kind, NumberKind, "kind")
    checks = (
        (
            not check.boolean(portfolio_verified, "portfolio_verified"),
            AccountReason.PORTFOLIO_UNVERIFIED,
        ),
        (not check.boolean(two_step_enabled, "two_step_enabled"), AccountReason.TWO_STEP_DISABLED),
        (not name_status.is_verified, AccountReason.DISPLAY_NAME_NOT_APPROVED),
        (recent, AccountReason.REGISTERED_TOO_RECENTLY),
        (kind is NumberKind.COEXISTENCE, AccountReason.COEXISTENCE_NUMBER),
        (kind is NumberKind.TEST, AccountReason.TEST_NUMBER),
        (too_soon, AccountReason.RESUBMIT_TOO_SOON),
    )
    reasons = tuple(reason for failed, reason in checks if failed)
    if reasons:
        message = "the number cannot request Official Business Account status yet"
        return AccountDecision.no(reasons, message, **facts)
    return AccountDecision.yes("the number may request Official Business Account status", **facts)
