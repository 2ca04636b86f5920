"""What fills a slot of the messaging limit, and the answer to "may this user be reached".

Meta's definition [rule meta.limits.definition]: the limit is "the maximum number of
unique WhatsApp user phone numbers your business can deliver messages to, outside of a
customer service window, within a moving 24-hour period". So, in wamsg:

- a **template** sent while the pair's customer service window is **closed** counts
  (a free-form message cannot be sent outside the window, and nothing sent inside an
  open window counts, templates included);
- it counts once **delivered** (delivered, read, played, or deleted after delivery),
  from the delivery's moment; a **failed** send never counts;
- a send with **no status yet** (or only ``pending``/``sent``) holds its user's slot
  from its send time until it fails — or, once delivered, from the delivery — unless
  :attr:`~wamsg.limits.CountingPolicy.pending_holds_slot` is False
  [rule meta.limits.counting];
- a user already holding a slot in the trailing 24 h costs nothing more.
"""

from __future__ import annotations

import enum
from datetime import datetime

import attrs

from wamsg._internal import fields as check
from wamsg._internal.json import JsonObject, format_optional_time
from wamsg.delivery import DeliveryStatus
from wamsg.limits.eras import LimitEra, LimitScope
from wamsg.limits.policy import DEFAULT_POLICY, LimitsPolicy

__all__ = ["LimitDecision", "LimitReason", "counts_against_limit"]

_PROOF = frozenset(
    {
        DeliveryStatus.DELIVERED,
        DeliveryStatus.READ,
        DeliveryStatus.PLAYED,
        DeliveryStatus.DELETED,
    }
)


def counts_against_limit(
    *,
    template: bool,
    window_open: bool,
    status: DeliveryStatus | None,
    policy: LimitsPolicy = DEFAULT_POLICY,
) -> bool:
    """Whether a send fills (or holds) a slot of the limit, given its latest status.

    ``status`` is the send's merged delivery status, None when none arrived yet.
    """
    if not template or window_open or status is DeliveryStatus.FAILED:
        return False
    return status in _PROOF or policy.counting.pending_holds_slot


class LimitReason(str, enum.Enum):
    """Why the messaging limit lets a template through or not (stable codes)."""

    UNLIMITED = "unlimited"
    """The tier sets no cap."""
    WINDOW_OPEN = "window_open"
    """The customer service window is open: the send does not count."""
    ALREADY_COUNTED = "already_counted"
    """The user already holds a slot in the trailing 24 h: no new slot is used."""
    WITHIN_LIMIT = "within_limit"
    """A new slot is used; there was room."""
    LIMIT_REACHED = "limit_reached"
    """Every slot is held: no new user can be reached until ``next_slot_at``."""


@attrs.frozen(kw_only=True)
class LimitDecision:
    """The messaging limit's answer for one template send, with the facts it used.

    ``counts_against_limit`` is whether the send would use a new slot; ``used`` and
    ``remaining`` are as of ``at`` before the send (``remaining`` None when
    unlimited); ``next_slot_at`` is set only when the limit is reached.
    """

    allowed: bool = attrs.field(validator=check.flag)
    reason: LimitReason = attrs.field(validator=check.instance(LimitReason))
    counts_against_limit: bool = attrs.field(validator=check.flag)
    era: LimitEra = attrs.field(validator=check.instance(LimitEra))
    scope: LimitScope = attrs.field(validator=check.instance(LimitScope))
    limit: int | None = attrs.field(validator=check.opt_integer(0, check.MAX_COUNT))
    used: int = attrs.field(validator=check.integer(0, check.MAX_COUNT))
    remaining: int | None = attrs.field(validator=check.opt_integer(0, check.MAX_COUNT))
    next_slot_at: datetime | None = attrs.field(validator=check.opt_moment)
    message: str = attrs.field(validator=check.text)

    def to_dict(self) -> JsonObject:
        """JSON form: every field, times in ISO 8601 UTC."""
        return {
            "allowed": self.allowed,
            "reason": self.reason.value,
            "counts_against_limit": self.counts_against_limit,
            "era": self.era.value,
            "scope": self.scope.value,
            "limit": self.limit,
            "used": self.used,
            "remaining": self.remaining,
            "next_slot_at": format_optional_time(self.next_slot_at),
            "message": self.message,
        }
