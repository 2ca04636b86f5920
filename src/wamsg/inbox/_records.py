"""Which of two disagreeing records a conversation keeps: a total order on content.

The same fact reaches a helpdesk more than once and in any order: a customer's
profile name changes between two webhooks, the helpdesk records its own send and the
provider echoes it with another provider name, operator or content. Whenever two
records disagree, the conversation keeps the one chosen by these orders, never the
one that arrived last:

- **the customer** (name, username, ids): the record of the latest event, by
  ``(rank, time, message id)``, where a customer's own message that names the
  customer ranks 2, any other event that names the customer 1, a record without a
  name 0 (so a nameless record never hides a name). An event without a time ranks
  below every timed one of its rank. Of two records that tie, the one whose
  canonical JSON (:meth:`~wamsg.identity.Customer.to_dict`) sorts first is kept;
- **the last message**: the latest by (time, message id); of two records of one
  message at one time, the one whose canonical JSON (provider and message) sorts
  first, as :func:`~wamsg.events.order.record_key` orders records;
- **the last operator**: the latest by (time, message id), then the operator name
  that sorts first.

Each choice is a maximum over a total order, so it is commutative, associative and
idempotent: any arrival order and any number of duplicates give the same record.
The canonical JSON is built only on an exact tie, so the common path compares tuples.
The fold and :meth:`~wamsg.inbox.Conversation.merge` ask the same functions
(:func:`customer_wins`, :func:`message_wins`, :func:`operator_wins`), so a conversation
folded in one pass and one merged from parts keep the same records.
"""

from __future__ import annotations

import json
from datetime import datetime

from wamsg._internal.json import UTC, format_time
from wamsg.identity import Customer
from wamsg.messages import Message

__all__ = [
    "NAMED",
    "NAMED_BY_CUSTOMER",
    "NAMELESS",
    "NO_TIME",
    "CustomerKey",
    "OperatorKey",
    "customer_first",
    "customer_wins",
    "initial_key",
    "message_first",
    "message_wins",
    "operator_wins",
]

CustomerKey = tuple[int, datetime, str]
"""Where a customer record stands: (rank, time, message id); the greatest is kept."""

OperatorKey = tuple[datetime, str]
"""Where an operator record stands: (time, message id) of its send; the greatest is kept."""

NAMELESS = 0
"""The rank of a customer record without a name."""
NAMED = 1
"""The rank of a record that names the customer, carried by any event but theirs."""
NAMED_BY_CUSTOMER = 2
"""The rank of a record that names the customer, carried by the customer's own message."""
NO_TIME = datetime.min.replace(tzinfo=UTC)
"""The time of an untimed record in a :data:`CustomerKey`: below every timed one."""


def initial_key(customer: Customer) -> CustomerKey:
    """The key of the customer a conversation was started with (below every event's)."""
    return (NAMELESS if customer.name is None else NAMED, NO_TIME, "")


def customer_first(first: Customer, second: Customer) -> bool:
    """True when ``first`` is kept over ``second`` on a tie: its canonical JSON sorts first."""
    return _text(first.to_dict()) <= _text(second.to_dict())


def customer_wins(
    customer: Customer, key: CustomerKey, kept: Customer, kept_key: CustomerKey
) -> bool:
    """True when ``customer``, standing at ``key``, is kept over ``kept`` at ``kept_key``."""
    return key > kept_key or (
        key == kept_key and customer is not kept and customer_first(customer, kept)
    )


def message_first(first: tuple[str, Message], second: tuple[str, Message]) -> bool:
    """True when the (provider, message) ``first`` is kept over ``second`` on a tie."""
    return _message_text(*first) <= _message_text(*second)


def message_wins(provider: str, message: Message, kept_provider: str, kept: Message) -> bool:
    """Of two last messages at one time: True when ``message`` is kept over ``kept``.

    The greater id wins; of two records of one id, the one whose canonical JSON
    (provider and message) sorts first (the kept record itself never replaces itself).
    """
    if message.id != kept.id:
        return message.id > kept.id
    if kept is message and provider == kept_provider:
        return False
    return message_first((provider, message), (kept_provider, kept))


def operator_wins(
    operator: str, key: OperatorKey, kept: str | None, kept_key: OperatorKey | None
) -> bool:
    """True when ``operator``, of the send at ``key``, is kept over ``kept`` at ``kept_key``.

    The latest (time, message id) wins; on one send, the operator name that sorts first.
    """
    if kept_key is None or key > kept_key:
        return True
    return key == kept_key and operator < (kept or operator)


def _message_text(provider: str, message: Message) -> str:
    return _text(
        {
            "provider": provider,
            "id": message.id,
            "direction": message.direction.value,
            "business": None if message.business is None else message.business.e164,
            "customer": message.customer.to_dict(),
            "occurred_at": None if message.sent_at is None else format_time(message.sent_at),
            "content": message.content.to_dict(),
            "context": message.context.to_dict(),
        }
    )


def _text(value: object) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
