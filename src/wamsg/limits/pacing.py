"""The pair rate: how often one business number may message one user.

Meta: one message every 6 seconds from a business number to the same WhatsApp user
("0.17 messages per second", about 10 a minute), bursts of up to 45 messages in a
6-second period allowed but borrowing against later quota — "sending 20 messages in a
burst means waiting roughly 2 minutes before the next message"; exceeding it is error
131056 [rule meta.pair-rate.limit]. The key is the pair: the same user reached from two
of the business's numbers is two pairs.

Meta gives no formula, so wamsg paces with a virtual clock (GCRA, a leaky bucket) per
pair, :class:`PairClock`, whose figures are :class:`~wamsg.limits.PairRatePolicy`'s
(6 s and 45 by default): the clock ``v`` starts empty; a send at ``t`` is allowed while
``max(v, t) − t < 6 s × 45`` (the 45th message of an instant burst is allowed, the 46th
is not) and sets ``v = max(v, t) + 6 s``; a send borrows when ``v > t``. After a burst
of 20 at ``t0``, ``v = t0 + 120 s``: the next send that does not borrow is due then,
Meta's "roughly 2 minutes". A conservative client-side pacing, not a prediction of when
Meta answers 131056.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

import attrs

from wamsg._internal import fields as check
from wamsg._internal.json import JsonObject, format_optional_time, format_time, require_aware
from wamsg.limits.policy import DEFAULT_POLICY, LimitsPolicy

__all__ = ["PairClock", "PairSend", "pair_send"]


def _optional_time(value: object) -> datetime | None:
    return None if value is None else require_aware(value, "virtual")


@attrs.frozen
class PairClock:
    """The pair's virtual clock: when its sends so far are paid off (None: never sent)."""

    virtual: datetime | None = attrs.field(default=None, converter=_optional_time)

    def send(self, at: datetime, *, policy: LimitsPolicy = DEFAULT_POLICY) -> PairSend:
        """The answer for a send at ``at`` (see :func:`pair_send`)."""
        return pair_send(self, at, policy=policy)

    @classmethod
    def replay(
        cls, sends: Iterable[datetime], *, policy: LimitsPolicy = DEFAULT_POLICY
    ) -> PairClock:
        """The clock after the pair's sends at ``sends`` (in time order; refused ones skipped)."""
        check.iterable(sends, "sends")
        clock = cls()
        for at in sorted(require_aware(at, "sends[]") for at in sends):
            answer = pair_send(clock, at, policy=policy)
            clock = answer.clock
        return clock


@attrs.frozen(kw_only=True)
class PairSend:
    """The pair rate's answer for one send.

    ``allowed`` is false when the send would exceed the burst (``over_burst``);
    ``borrowing`` when it is allowed but spends future quota; ``clock`` is the clock
    after the send (unchanged when refused); ``no_borrow_at`` is the first moment a
    send would not borrow; ``allowed_after`` (refused sends only) the moment after
    which a send fits the burst again.
    """

    allowed: bool = attrs.field(validator=check.flag)
    borrowing: bool = attrs.field(validator=check.flag)
    over_burst: bool = attrs.field(validator=check.flag)
    clock: PairClock = attrs.field(validator=check.instance(PairClock))
    no_borrow_at: datetime = attrs.field(validator=check.moment)
    allowed_after: datetime | None = attrs.field(validator=check.opt_moment)
    message: str = attrs.field(validator=check.text)

    def to_dict(self) -> JsonObject:
        """JSON form, times in ISO 8601 UTC."""
        return {
            "allowed": self.allowed,
            "borrowing": self.borrowing,
            "over_burst": self.over_burst,
            "virtual": format_optional_time(self.clock.virtual),
            "no_borrow_at": format_time(self.no_borrow_at),
            "allowed_after": format_optional_time(self.allowed_after),
            "message": self.message,
        }


def pair_send(
    clock: PairClock, at: datetime, *, policy: LimitsPolicy = DEFAULT_POLICY
) -> PairSend:
    """Whether one more message from the number to the user may go at ``at``."""
    clock, at = check.of(clock, PairClock, "clock"), require_aware(at, "at")
    pace = check.of(policy, LimitsPolicy, "policy").pair_rate
    paid = at if clock.virtual is None or clock.virtual < at else clock.virtual
    if paid - at >= pace.ceiling:
        after = paid - pace.ceiling
        return PairSend(
            allowed=False,
            borrowing=True,
            over_burst=True,
            clock=clock,
            no_borrow_at=paid,
            allowed_after=after,
            message=f"The pair's burst of {pace.burst} is spent: wait until after "
            f"{format_time(after)} (Meta answers 131056).",
        )
    borrowing = paid > at
    message = (
        f"Allowed, borrowing: the pair is paid off at {format_time(paid)}."
        if borrowing
        else "Allowed within the pair rate."
    )
    return PairSend(
        allowed=True,
        borrowing=borrowing,
        over_burst=False,
        clock=PairClock(paid + pace.interval),
        no_borrow_at=paid,
        allowed_after=None,
        message=message,
    )
