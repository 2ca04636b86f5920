"""Whether a WABA's restrictions and ban state let its numbers send.

Folded by :class:`~wamsg.accounts.AccountState` (``restrictions(waba, at)`` and
``ban_state(waba)``) from ``account_update`` [rule meta.webhook.account-update], and
checked by :func:`~wamsg.limits.can_send_now` and ``wamsg limits``:

- a restriction on **business-initiated messaging** (``RESTRICTED_BIZ_INITIATED_MESSAGING``,
  and any other type whose raw name restricts business-initiated *messaging*, such as a
  combined business- and customer-initiated one) blocks templates outside the window;
- a restriction on **customer-initiated messaging**
  (``RESTRICTED_CUSTOMER_INITIATED_MESSAGING``, or a combined one) blocks replies;
- calling and template-type restrictions do not block messaging here;
- the ban state ``DISABLE`` blocks everything; ``SCHEDULE_FOR_DISABLE`` only warns (a
  fact of the gate's answer); ``REINSTATE`` lifts the ban.

A restriction ends at its expiration (``AccountState.restrictions`` drops it then).
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from wamsg._internal import fields as check
from wamsg.errors import ValidationError
from wamsg.events import BanState, Restriction, RestrictionType

__all__ = ["Standing", "standing"]

_BUSINESS = ("BIZ_INITIATED", "BUSINESS_INITIATED")
_CUSTOMER = ("CUSTOMER_INITIATED", "USER_INITIATED")


def _blocks(restriction: Restriction, sides: tuple[str, ...]) -> bool:
    raw = restriction.type_raw.strip().upper()
    if restriction.type is RestrictionType.RESTRICTED_BIZ_INITIATED_MESSAGING:
        return sides is _BUSINESS
    if restriction.type is RestrictionType.RESTRICTED_CUSTOMER_INITIATED_MESSAGING:
        return sides is _CUSTOMER
    return "MESSAGING" in raw and any(side in raw for side in sides)


@attrs.frozen(kw_only=True)
class Standing:
    """What the account's restrictions and ban state allow."""

    banned: bool = attrs.field(validator=check.flag)
    business_initiated_restricted: bool = attrs.field(validator=check.flag)
    replies_restricted: bool = attrs.field(validator=check.flag)
    ban_state: BanState | None = attrs.field(validator=check.opt_instance(BanState))
    restrictions: tuple[str, ...] = attrs.field(validator=check.tuple_of(str))
    """The raw types of the restrictions that block messaging."""

    @property
    def can_send_business_initiated(self) -> bool:
        """Whether business-initiated templates may go."""
        return not (self.banned or self.business_initiated_restricted)

    @property
    def can_reply(self) -> bool:
        """Whether replies (and anything inside a window) may go."""
        return not (self.banned or self.replies_restricted)


def standing(
    restrictions: Iterable[Restriction] = (), ban_state: BanState | None = None
) -> Standing:
    """The standing the restrictions in force and the ban state give (see the module docs)."""
    check.iterable(restrictions, "restrictions")
    found = tuple(restrictions)
    for item in found:
        if not isinstance(item, Restriction):
            raise ValidationError("must be a Restriction", field="restrictions[]", value=item)
    ban_state = check.opt_of(ban_state, BanState, "ban_state")
    business = [r for r in found if _blocks(r, _BUSINESS)]
    customer = [r for r in found if _blocks(r, _CUSTOMER)]
    raw = tuple(dict.fromkeys(r.type_raw for r in (*business, *customer)))
    return Standing(
        banned=ban_state is BanState.DISABLE,
        business_initiated_restricted=bool(business),
        replies_restricted=bool(customer),
        ban_state=ban_state,
        restrictions=raw,
    )
