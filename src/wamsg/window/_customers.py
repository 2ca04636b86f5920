"""Which customer record a window book keeps for a pair: a total order, not arrival.

The records of one customer disagree (a profile name changed between two webhooks,
the helpdesk's record of a send carries a username the provider's echo does not), and
a book must keep the same one whatever the arrival order. It keeps the record of the
latest event by ``(rank, time, message id)``: a customer's own message that names the
customer ranks 2, any other event that names the customer 1, a record without a name
0 (a nameless record never hides a name). An event without a time ranks below every
timed one of its rank; of two records that tie, the one whose canonical JSON
(:meth:`~wamsg.identity.Customer.to_dict`) sorts first is kept. The inbox keeps its
conversations' customers by the same order (``wamsg.inbox._records``). A merge of two
states keeps the greater of their two records by the same order (:meth:`CustomerChoice.keep`),
so a fold and a merge agree on the record kept.
"""

from __future__ import annotations

import json
from datetime import datetime

from wamsg._internal.json import UTC
from wamsg.events import Event, MessageReceived, MessageSent
from wamsg.identity import Customer

__all__ = ["CustomerChoice", "CustomerKey", "initial_key"]

CustomerKey = tuple[int, datetime, str]
"""Where a customer record stands: (rank, time, message id); the greatest is kept."""

_NO_TIME = datetime.min.replace(tzinfo=UTC)  # an untimed record ranks below every timed one


def initial_key(customer: Customer) -> CustomerKey:
    """The key of the customer a state was made with: below every event's record."""
    return (0 if customer.name is None else 1, _NO_TIME, "")


class CustomerChoice:
    """The customer record kept so far for one pair, and where it stands."""

    __slots__ = ("customer", "key")

    def __init__(self, customer: Customer, key: CustomerKey | None) -> None:
        self.customer = customer
        # the customer a state was made with ranks below every event's record
        self.key = key or initial_key(customer)

    def offer(self, event: Event, customer: Customer) -> None:
        """Keep ``customer``, carried by ``event``, when its record is the greatest so far."""
        kind = type(event)
        if kind is MessageReceived or kind is MessageSent:
            message = event.message  # type: ignore[union-attr]
            rank = 0 if customer.name is None else 2 if kind is MessageReceived else 1
            key = (rank, message.sent_at or _NO_TIME, message.id)
        else:
            at = getattr(event, "occurred_at", None)
            key = (0 if customer.name is None else 1, at or _NO_TIME, "")
        if key > self.key:  # the common case of :meth:`keep`, inline
            self.customer, self.key = customer, key
        else:
            self.keep(customer, key)

    def keep(self, customer: Customer, key: CustomerKey | None) -> None:
        """Keep ``customer``, standing at ``key``, when it is the greatest record so far.

        The one rule of the fold (:meth:`offer`) and of a merge (another state's kept
        record); a None ``key`` is a state's initial customer (:func:`initial_key`).
        """
        key = key or initial_key(customer)
        kept = self.key
        if key > kept or (
            key == kept and customer is not self.customer and _first(customer, self.customer)
        ):
            self.customer, self.key = customer, key

    def kept(self) -> tuple[Customer, CustomerKey]:
        """The kept record and its key."""
        return self.customer, self.key


def _first(customer: Customer, other: Customer) -> bool:
    def text(c: Customer) -> str:
        return json.dumps(c.to_dict(), sort_keys=True, ensure_ascii=False)

    return text(customer) <= text(other)
