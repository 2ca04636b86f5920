"""The ticks of a conversation while a fold runs: its last outbound message's delivery.

The last outbound message is the business's latest by (time, id). Its delivery is
the merge of every status reported for it (:meth:`~wamsg.delivery.Delivery.merge`:
the status order, then the earliest time, the union of errors, the pricing that sorts
last), so any arrival order of the statuses and of the message gives the same ticks:

- a status that arrives before its message, or for a message that is not (yet) the
  last outbound one, is parked (:mod:`wamsg.inbox._parked`) and applied when its
  message becomes the last outbound one;
- a status stamped more than :data:`STATUS_SKEW` before the latest outbound message
  is taken to report an older message, which can no longer become the last one, and
  is dropped. Only a status stamped more than that before a record of its *own*
  message (the helpdesk's or the provider's echo, whichever is later) may therefore
  count or not depending on arrival order; within it, clock skew between the
  provider's statuses and the helpdesk's records of its sends changes nothing.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from wamsg.delivery import (
    Delivery,
    DeliveryStatus,
    ErrorDetail,
    Pricing,
    join_status,
    later_pricing,
)
from wamsg.inbox._parked import Parked

__all__ = ["STATUS_SKEW", "LastOutbound"]

STATUS_SKEW = timedelta(minutes=5)
"""How far a status may be stamped before its message's records and still count, in any order.

Provider clocks and the helpdesk's clock differ (Meta stamps whole seconds), so a
status may carry a time before the helpdesk's record of its send (or the provider's
echo of it). A status stamped more than this before the latest outbound message is
taken to report an older message and dropped; a status stamped at most this before
every record of its own message counts whatever the arrival order.
"""

_NO_ERRORS: frozenset[ErrorDetail] = frozenset()


class LastOutbound:
    """The last outbound message's id, time and merged delivery, and the parked reports.

    The part of a conversation's accumulator that folds statuses (see the module docs).
    """

    __slots__ = (
        "last_outbound_at",
        "last_outbound_id",
        "out_at",
        "out_errors",
        "out_pricing",
        "out_status",
        "parked",
    )

    def __init__(self) -> None:
        self.last_outbound_id: str | None = None
        self.last_outbound_at: datetime | None = None
        self.out_status: DeliveryStatus | None = None
        self.out_at: datetime | None = None
        self.out_errors = _NO_ERRORS
        self.out_pricing: Pricing | None = None
        self.parked: Parked | None = None

    def thaw_outbound(
        self,
        message_id: str | None,
        at: datetime | None,
        delivery: Delivery | None,
        parked: tuple[tuple[str, Delivery], ...],
    ) -> None:
        """Hold a frozen conversation's last outbound message, delivery and parked reports."""
        self.last_outbound_id = message_id
        self.last_outbound_at = at
        if delivery is not None:
            self.set_delivery(delivery)
        self.parked = Parked(parked) if parked else None

    def delivery(self) -> Delivery | None:
        """The merged delivery of the last outbound message (None before any report)."""
        status = self.out_status
        return None if status is None else self._delivery(status)

    def _delivery(self, status: DeliveryStatus) -> Delivery:
        return Delivery(
            status=status, at=self.out_at, errors=self.out_errors, pricing=self.out_pricing
        )

    def set_delivery(self, delivery: Delivery) -> None:
        """Make ``delivery`` the last outbound message's merged delivery."""
        self.out_status = delivery.status
        self.out_at = delivery.at
        self.out_errors = delivery.errors
        self.out_pricing = delivery.pricing

    def become_last_outbound(self, message_id: str, at: datetime) -> None:
        """A newer outbound message replaces the last one; its parked reports apply."""
        previous = self.last_outbound_id
        if self.out_status is not None or self.parked:
            cutoff = at - STATUS_SKEW
            recent = self.out_at is None or self.out_at >= cutoff
            if previous is not None and recent and self.out_status is not None:
                # it may be the same message seen again later: keep its reports
                self.park(previous, self._delivery(self.out_status))
            self.out_status = None
            self.out_errors = _NO_ERRORS
            self.out_pricing = self.out_at = None
            if self.parked:
                waiting = self.parked.take(message_id)
                if waiting is not None:
                    self.set_delivery(waiting)
                self.parked.forget_before(cutoff)
        self.last_outbound_id = message_id
        self.last_outbound_at = at

    def on_status(
        self,
        message_id: str,
        status: DeliveryStatus,
        at: datetime | None,
        errors: tuple[ErrorDetail, ...],
        pricing: Pricing | None,
    ) -> None:
        """A delivery report: merged into the last outbound message, or parked."""
        if message_id == self.last_outbound_id:
            current = self.out_status
            if current is None:
                self.out_status, self.out_at = status, at
            else:
                self.out_status, self.out_at = join_status(current, self.out_at, status, at)
            if errors:
                self.out_errors = self.out_errors.union(errors)
            if pricing is not None:
                self.out_pricing = later_pricing(self.out_pricing, pricing)
            return
        latest = self.last_outbound_at
        if latest is not None and at is not None and at < latest - STATUS_SKEW:
            return  # reports an older message, which no longer shows
        self.park(
            message_id, Delivery(status=status, at=at, errors=frozenset(errors), pricing=pricing)
        )

    def park(self, message_id: str, delivery: Delivery) -> None:
        """Keep a report until its message arrives."""
        if self.parked is None:
            self.parked = Parked()
        self.parked.park(message_id, delivery)
