"""The slots of one messaging limit at one moment: who holds one, and since when.

Private to :mod:`wamsg.limits`: :class:`~wamsg.limits.LimitBook` builds a
:class:`Slots` for a scope (the portfolio, or one number) from the sends it folded,
and answers every question from it with a dict lookup and a bisection.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Hashable, Iterable
from datetime import datetime, timedelta

import attrs

from wamsg.delivery import DeliveryStatus
from wamsg.identity import Customer, PhoneNumber

__all__ = ["DAY", "Outcome", "Send", "Slots", "slots_of", "status_as_of"]

DAY = timedelta(hours=24)  # a moving 24-hour period [rule meta.limits.definition]


@attrs.frozen
class Send:
    """A template-or-not message the business sent, as the limit needs it."""

    sent_at: datetime
    business: PhoneNumber
    customer: Customer
    template: bool

    def rank(self) -> tuple[datetime, str, str, bool]:
        """Which of two records of one message id is kept: the earliest, then by value."""
        return (self.sent_at, self.business.e164, self.customer.key, self.template)


@attrs.frozen
class Outcome:
    """The earliest proof of delivery and the earliest failure reported for a message.

    A status without a time is stored as :data:`~wamsg._internal.json.EARLIEST`: it is
    taken to have happened at the send.
    """

    delivered: datetime | None = None
    failed: datetime | None = None

    def join(self, other: Outcome) -> Outcome:
        """Both outcomes' reports, the earliest of each kind."""
        return Outcome(
            _earliest(self.delivered, other.delivered), _earliest(self.failed, other.failed)
        )


def _earliest(first: datetime | None, second: datetime | None) -> datetime | None:
    if first is None:
        return second
    return first if second is None or first <= second else second


def status_as_of(
    send: Send, outcome: Outcome | None, at: datetime
) -> tuple[DeliveryStatus | None, datetime]:
    """The send's status as known at ``at`` (None: no report yet) and the slot's moment.

    The moment is the delivery's when delivered, else the send's. Reports after
    ``at`` are not known yet; a report stamped before the send is taken as made at it.
    """
    if outcome is not None:
        if outcome.delivered is not None:
            delivered = max(outcome.delivered, send.sent_at)
            if delivered <= at:
                return DeliveryStatus.DELIVERED, delivered
        if outcome.failed is not None and max(outcome.failed, send.sent_at) <= at:
            return DeliveryStatus.FAILED, send.sent_at
    return None, send.sent_at


@attrs.frozen
class Slots:
    """Each user's slot moment, and the moments sorted: answers for any ``at`` they hold."""

    moments: dict[Hashable, datetime]
    ordered: tuple[datetime, ...]

    def used(self, at: datetime) -> int:
        """Users whose slot moment lies in ``(at − 24 h, at]``."""
        return len(self.ordered) - bisect_right(self.ordered, at - DAY)

    def holds(self, user: Hashable, at: datetime) -> bool:
        """Whether ``user`` holds a slot at ``at``."""
        moment = self.moments.get(user)
        return moment is not None and moment > at - DAY

    def frees_at(self, at: datetime, limit: int) -> datetime | None:
        """When a new user fits under ``limit`` again; None while one fits now."""
        start = bisect_right(self.ordered, at - DAY)
        over = len(self.ordered) - start - limit
        if over < 0 or start + over >= len(self.ordered):
            return None  # room now; or a limit of 0 with no slot held, which never frees
        return self.ordered[start + over] + DAY


def slots_of(entries: Iterable[tuple[Hashable, datetime]], conversations: bool) -> Slots:
    """The slot of each user from their held moments (all at or before the moment asked).

    A user's slot is their latest moment; with ``conversations`` (2022-05-02 →
    2025-10-06) it is the opening of their latest conversation, a conversation being
    24 h from its first moment [rule meta.limits.conversation-count].
    """
    by_user: dict[Hashable, list[datetime]] = {}
    for user, moment in entries:
        by_user.setdefault(user, []).append(moment)
    moments = {
        user: _opening(times) if conversations else max(times) for user, times in by_user.items()
    }
    return Slots(moments, tuple(sorted(moments.values())))


def _opening(times: list[datetime]) -> datetime:
    times.sort()
    opened = times[0]
    for moment in times:
        if moment >= opened + DAY:
            opened = moment
    return opened
