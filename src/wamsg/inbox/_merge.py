"""The merge of two folds of one conversation: every fact joined as the fold joins it.

Private to :mod:`wamsg.inbox`: :meth:`~wamsg.inbox.Conversation.merge` and
:meth:`~wamsg.inbox.Inbox.merge` call :func:`merged`. Each fact of a conversation is a
join over a total order, the same one the fold uses (``wamsg.inbox._records``), so the
merge of two parts' states is the state of the whole stream:

- the *customer*, the *last message* and the *last operator*: the greater of the two
  records (:func:`~wamsg.inbox._records.customer_wins`,
  :func:`~wamsg.inbox._records.message_wins`,
  :func:`~wamsg.inbox._records.operator_wins`);
- *created at* the earlier, *last inbound*, *last outbound* (by time then id) and
  *read at* the later;
- *unread*: the union of both, each message at its later time, less what the merged
  reply or read answers (a message one part dropped was answered there, and so is
  answered in the merge too);
- the *ticks*: the delivery of the merged last outbound message is the merge of
  every report of it on both sides, whether it was that side's last outbound message
  or parked there (``wamsg.inbox._outbound``); the other side's last outbound
  delivery and both sides' parked reports stay parked, less those stamped more than
  :data:`~wamsg.inbox.STATUS_SKEW` before the last outbound message, as a fold forgets
  them.

The unread count is a projection (it depends on the last reply and read), so it is
merged from what it is computed from: each side's unread messages and both cutoffs.
The cost depends on the size of the two states only.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Protocol, TypedDict

from wamsg.delivery import Delivery
from wamsg.identity import Customer
from wamsg.inbox._outbound import STATUS_SKEW
from wamsg.inbox._records import (
    CustomerKey,
    OperatorKey,
    customer_wins,
    initial_key,
    message_wins,
    operator_wins,
)
from wamsg.inbox.last_message import LastMessage

__all__ = ["Merged", "merged", "with_report"]


class _Conversation(Protocol):
    """The facts of a conversation that a merge reads (those of ``Conversation``)."""

    @property
    def customer(self) -> Customer: ...
    @property
    def customer_key(self) -> CustomerKey | None: ...
    @property
    def provider(self) -> str | None: ...
    @property
    def created_at(self) -> datetime | None: ...
    @property
    def last_message(self) -> LastMessage | None: ...
    @property
    def last_inbound_at(self) -> datetime | None: ...
    @property
    def last_outbound_at(self) -> datetime | None: ...
    @property
    def last_operator(self) -> str | None: ...
    @property
    def operator_key(self) -> OperatorKey | None: ...
    @property
    def read_at(self) -> datetime | None: ...
    @property
    def unread(self) -> tuple[tuple[str, datetime], ...]: ...
    @property
    def last_outbound_id(self) -> str | None: ...
    @property
    def last_outbound(self) -> Delivery | None: ...
    @property
    def parked(self) -> tuple[tuple[str, Delivery], ...]: ...


class Merged(TypedDict):
    """The facts of the merged conversation, to evolve either side's state with."""

    customer: Customer
    customer_key: CustomerKey | None
    provider: str | None
    created_at: datetime | None
    last_message: LastMessage | None
    last_inbound_at: datetime | None
    last_outbound_at: datetime | None
    last_operator: str | None
    operator_key: OperatorKey | None
    read_at: datetime | None
    unread: tuple[tuple[str, datetime], ...]
    last_outbound_id: str | None
    last_outbound: Delivery | None
    parked: tuple[tuple[str, Delivery], ...]


def merged(mine: _Conversation, theirs: _Conversation) -> Merged:
    """The facts of the conversation of both folds (see the module docs)."""
    customer, customer_key = _customer(mine, theirs)
    last, provider = mine.last_message, mine.provider
    other = theirs.last_message
    if other is not None and (
        last is None
        or other.at > last.at
        or (
            other.at == last.at
            and message_wins(theirs.provider or "", other.message, provider or "", last.message)
        )
    ):
        last, provider = other, theirs.provider
    operator, operator_key = mine.last_operator, mine.operator_key
    if (
        theirs.last_operator is not None
        and theirs.operator_key is not None
        and operator_wins(theirs.last_operator, theirs.operator_key, operator, operator_key)
    ):
        operator, operator_key = theirs.last_operator, theirs.operator_key
    outbound_id, outbound_at, delivery, parked = _outbound(mine, theirs)
    read_at = _later(mine.read_at, theirs.read_at)
    return Merged(
        customer=customer,
        customer_key=customer_key,
        provider=provider,
        created_at=_earlier(mine.created_at, theirs.created_at),
        last_message=last,
        last_inbound_at=_later(mine.last_inbound_at, theirs.last_inbound_at),
        last_outbound_at=outbound_at,
        last_operator=operator,
        operator_key=operator_key,
        read_at=read_at,
        unread=_unread(mine.unread, theirs.unread, outbound_at, read_at),
        last_outbound_id=outbound_id,
        last_outbound=delivery,
        parked=parked,
    )


def with_report(delivery: Delivery | None, report: Delivery) -> Delivery:
    """The ticks ``delivery`` of a last outbound message with another ``report`` of it."""
    return report if delivery is None else delivery.merge(report)


def _customer(mine: _Conversation, theirs: _Conversation) -> tuple[Customer, CustomerKey | None]:
    """The greater customer record, and where it stands (None: neither side was folded)."""
    key = mine.customer_key or initial_key(mine.customer)
    their_key = theirs.customer_key or initial_key(theirs.customer)
    customer = mine.customer
    if customer_wins(theirs.customer, their_key, customer, key):
        customer, key = theirs.customer, their_key
    unfolded = mine.customer_key is None and theirs.customer_key is None
    return customer, None if unfolded else key


def _outbound(
    mine: _Conversation, theirs: _Conversation
) -> tuple[str | None, datetime | None, Delivery | None, tuple[tuple[str, Delivery], ...]]:
    """The last outbound message (latest by time, then id), its delivery, the parked reports."""
    parked: dict[str, Delivery] = {}
    for side in (mine, theirs):
        _park(parked, side.parked)
    message_id, at = mine.last_outbound_id, mine.last_outbound_at
    their_id, their_at = theirs.last_outbound_id, theirs.last_outbound_at
    if (
        their_id is not None
        and their_at is not None
        and (message_id is None or at is None or (their_at, their_id) > (at, message_id))
    ):
        message_id, at = their_id, their_at
    if message_id is None or at is None:
        return None, None, None, tuple(sorted(parked.items()))
    reports: list[Delivery] = []
    for side in (mine, theirs):
        side_id, delivery = side.last_outbound_id, side.last_outbound
        if side_id is None or delivery is None:
            continue
        if side_id == message_id:
            reports.append(delivery)
        else:  # the other side's last outbound message is an older one now: its reports wait
            _park(parked, ((side_id, delivery),))
    waiting = parked.pop(message_id, None)
    if waiting is not None:
        reports.append(waiting)
    cutoff = at - STATUS_SKEW  # older reports are about older messages: a fold forgets them
    kept = tuple(sorted((mid, d) for mid, d in parked.items() if d.at is None or d.at >= cutoff))
    return message_id, at, Delivery.combine(reports), kept


def _park(parked: dict[str, Delivery], reports: Iterable[tuple[str, Delivery]]) -> None:
    for message_id, delivery in reports:
        present = parked.get(message_id)
        parked[message_id] = delivery if present is None else present.merge(delivery)


def _unread(
    mine: tuple[tuple[str, datetime], ...],
    theirs: tuple[tuple[str, datetime], ...],
    replied: datetime | None,
    read: datetime | None,
) -> tuple[tuple[str, datetime], ...]:
    """Both sides' unread messages at their later times, less those answered or read."""
    both = dict(mine)
    if theirs is not mine:
        for message_id, at in theirs:
            present = both.get(message_id)
            if present is None or at > present:
                both[message_id] = at
    return tuple(
        sorted(
            (message_id, at)
            for message_id, at in both.items()
            if (replied is None or at > replied) and (read is None or at > read)
        )
    )


def _earlier(first: datetime | None, second: datetime | None) -> datetime | None:
    if first is None:
        return second
    return first if second is None or first <= second else second


def _later(first: datetime | None, second: datetime | None) -> datetime | None:
    if first is None:
        return second
    return first if second is None or first >= second else second
