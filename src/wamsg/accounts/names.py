"""Display names: how often they may change, and when an approved change takes effect.

- At most **10** changes per moving 30 days [rule meta.number.display-name-changes];
  an Official Business Account changes its name through direct support.
- An approved change takes effect when the number is re-registered **within 14
  days** of the approval; later, the name must be submitted for review again, and
  re-registering before the approval has no effect
  [rule meta.number.display-name-reregister].
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from wamsg._internal import fields as check
from wamsg._internal.json import require_aware, saturated
from wamsg.accounts._strict import moments
from wamsg.accounts.decision import AccountDecision, AccountReason

__all__ = [
    "NAME_CHANGES_PER_WINDOW",
    "NAME_CHANGE_WINDOW",
    "REREGISTER_WITHIN",
    "name_change_allowed",
    "name_change_takes_effect",
    "reregister_deadline",
]

NAME_CHANGES_PER_WINDOW = 10
"""Display-name changes allowed per window. [rule meta.number.display-name-changes]"""

NAME_CHANGE_WINDOW = timedelta(days=30)
"""The moving window the name changes are counted in."""

REREGISTER_WITHIN = timedelta(days=14)
"""How long after an approved change the number must be re-registered.
[rule meta.number.display-name-reregister]"""


def name_change_allowed(
    *, at: datetime, changes: Iterable[datetime], official_business_account: bool = False
) -> AccountDecision:
    """May the number's display name be changed at ``at`` (D16, W44)?

    ``changes`` are the times of earlier changes; those in ``(at − 30 days, at]`` count.
    """
    at = require_aware(at, "at")
    start = at - NAME_CHANGE_WINDOW
    count = sum(1 for t in moments(changes, "changes") if start < t <= at)
    facts = {"count": count, "limit": NAME_CHANGES_PER_WINDOW}
    reasons = []
    if check.boolean(official_business_account, "official_business_account"):
        reasons.append(AccountReason.NAME_CHANGE_NEEDS_SUPPORT)
    if count >= NAME_CHANGES_PER_WINDOW:
        reasons.append(AccountReason.NAME_CHANGE_LIMIT)
    if reasons:
        message = f"{count} name changes in the last 30 days (at most {NAME_CHANGES_PER_WINDOW})"
        if official_business_account:
            message = "an Official Business Account changes its name through direct support"
        return AccountDecision.no(tuple(reasons), message, **facts)
    return AccountDecision.yes(f"{count} of {NAME_CHANGES_PER_WINDOW} changes used", **facts)


def reregister_deadline(approved_at: datetime) -> datetime:
    """The last moment a re-registration makes an approved name change take effect (D17).

    A deadline past 2200 reads as the last supported moment (see ``saturated``).
    """
    return saturated(require_aware(approved_at, "approved_at") + REREGISTER_WITHIN)


def name_change_takes_effect(
    *, approved_at: datetime | None, reregistered_at: datetime
) -> AccountDecision:
    """Does re-registering at ``reregistered_at`` make the changed name take effect (W43)?

    ``approved_at`` is when the change was approved (None: not approved yet).
    """
    at = require_aware(reregistered_at, "reregistered_at")
    if approved_at is None or at < require_aware(approved_at, "approved_at"):
        message = "the change is not approved yet: re-registering now has no effect"
        return AccountDecision.no((AccountReason.NAME_NOT_APPROVED,), message)
    deadline = reregister_deadline(approved_at)
    if at > deadline:
        message = "more than 14 days since the approval: submit the name for review again"
        return AccountDecision.no(
            (AccountReason.NAME_REREGISTER_TOO_LATE,), message, deadline=deadline
        )
    return AccountDecision.yes("the new display name takes effect", deadline=deadline)
