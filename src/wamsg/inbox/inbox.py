"""The inbox: every conversation of a helpdesk, folded from one event stream.

:meth:`Inbox.fold` routes each event to its (business number, customer)
conversation and answers the questions of an inbox screen: which conversations
wait for an answer now, how many were handled today (in the helpdesk's time
zone) and by whom. Status events that carry no customer (some providers send
only the message id) are routed by the id of each conversation's last outbound
message, or parked until that message is seen.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from types import MappingProxyType
from typing import Any

import attrs
import pendulum

from wamsg._internal import fields as check
from wamsg._internal.json import require_aware
from wamsg._internal.reprs import sized
from wamsg._internal.zones import time_zone
from wamsg.delivery import Delivery
from wamsg.errors import ValidationError
from wamsg.events import (
    Accumulator,
    AccumulatorBase,
    ConversationRead,
    Event,
    FoldedBase,
    MessageReceived,
    MessageSent,
    MessageStatus,
)
from wamsg.identity import Customer, PairKey, PhoneNumber
from wamsg.inbox._merge import with_report
from wamsg.inbox.conversation import Conversation, ConversationBuilder

__all__ = ["Inbox", "InboxSummary"]


@attrs.frozen(kw_only=True)
class InboxSummary:
    """The inbox's summary panel for one local day.

    ``waiting`` counts conversations awaiting the business's reply at ``at``;
    ``handled_today`` counts conversations the business replied to between local
    midnight and ``at``; ``per_operator`` splits those by the last operator
    (``None`` for replies with no operator, e.g. automated ones).
    """

    at: datetime
    timezone: str
    waiting: int
    handled_today: int
    per_operator: tuple[tuple[str | None, int], ...]


def _read_only(
    conversations: Mapping[PairKey, Conversation],
) -> Mapping[PairKey, Conversation]:
    if isinstance(conversations, MappingProxyType):
        return conversations
    return MappingProxyType(dict(conversations))


def _sort_key(item: tuple[str | None, int]) -> tuple[int, str]:
    return (0, item[0]) if item[0] is not None else (1, "")


@attrs.frozen
class Inbox(FoldedBase[Event]):
    """All conversations, keyed by :data:`~wamsg.identity.PairKey`.

    An immutable :class:`~wamsg.events.Folded` value: ``Inbox()`` is empty,
    :meth:`fold` returns a new inbox. Fold events in batches (each call copies
    the conversation index once), not one by one with :meth:`apply`; :meth:`merge`
    joins inboxes folded apart.
    """

    conversations: Mapping[PairKey, Conversation] = attrs.field(
        factory=dict, converter=_read_only, repr=sized
    )
    orphans: tuple[tuple[str, Delivery], ...] = attrs.field(default=(), eq=False, repr=False)

    def accumulator(self) -> Accumulator[Event, Inbox]:
        """A fold over this inbox (builders for the conversations it touches)."""
        return _InboxFold(self)

    def merge(self, other: Inbox) -> Inbox:
        """Both inboxes' conversations: a conversation in both is the merge of its two states.

        ``fold(a).merge(fold(b)) == fold(a + b)`` under the conditions of
        :meth:`Conversation.merge` (timestamped events, no status stamped more than
        :data:`~wamsg.inbox.STATUS_SKEW` before its own message); associative,
        commutative and idempotent, with ``Inbox()`` as identity (``docs/merging.md``).
        The statuses one side could not route (they name only a message id, or a pair
        it had not seen) are joined to the conversation whose last outbound message
        they report, as a fold routes them, or stay waiting. It costs a copy of the
        larger inbox's index and a merge per conversation of the smaller one.
        """
        if not isinstance(other, Inbox):
            raise ValidationError("must be an Inbox", field="other", value=other)
        if other is self or not (other.conversations or other.orphans):
            return self
        if not (self.conversations or self.orphans):
            return other
        larger, smaller = (self, other) if len(self) >= len(other) else (other, self)
        conversations = dict(larger.conversations)
        for key, state in smaller.conversations.items():
            present = conversations.get(key)
            conversations[key] = state if present is None else present.merge(state)
        orphans = dict(self.orphans)
        for message_id, delivery in other.orphans:
            waiting = orphans.get(message_id)
            orphans[message_id] = delivery if waiting is None else waiting.merge(delivery)
        if orphans:
            for key, state in list(conversations.items()):
                report = orphans.pop(state.last_outbound_id or "", None)
                if report is not None:
                    ticks = with_report(state.last_outbound, report)
                    conversations[key] = attrs.evolve(state, last_outbound=ticks)
        return Inbox(MappingProxyType(conversations), tuple(sorted(orphans.items())))

    def __len__(self) -> int:
        return len(self.conversations)

    def waiting(self) -> tuple[Conversation, ...]:
        """Conversations awaiting the business's reply, longest-waiting first."""
        waiting = [c for c in self.conversations.values() if c.awaiting_reply]
        waiting.sort(key=lambda c: (c.last_inbound_at, _pair_order(c.key)))
        return tuple(waiting)

    def rows(self) -> tuple[Conversation, ...]:
        """Every conversation, most recent message first (an inbox list)."""

        def recency(c: Conversation) -> tuple[float, tuple[bool, str, str]]:
            last = c.last_message
            return (-(last.at.timestamp()) if last is not None else 0.0, _pair_order(c.key))

        return tuple(sorted(self.conversations.values(), key=recency))

    def summary(self, *, at: datetime, timezone: str) -> InboxSummary:
        """The summary panel at ``at`` for the local day in ``timezone`` (IANA name)."""
        at = require_aware(at, "at")
        midnight = pendulum.instance(at).in_timezone(time_zone(timezone, "timezone"))
        midnight = midnight.start_of("day")
        start = datetime.fromtimestamp(midnight.timestamp(), tz=at.tzinfo)
        per_operator: dict[str | None, int] = {}
        handled = waiting = 0
        for state in self.conversations.values():
            replied = state.last_outbound_at
            if replied is not None and start <= replied <= at:
                handled += 1
                per_operator[state.last_operator] = per_operator.get(state.last_operator, 0) + 1
            if state.awaiting_reply and state.last_inbound_at is not None:
                waiting += state.last_inbound_at <= at
        return InboxSummary(
            at=at,
            timezone=timezone,
            waiting=waiting,
            handled_today=handled,
            per_operator=tuple(sorted(per_operator.items(), key=_sort_key)),
        )


class _InboxFold(AccumulatorBase[Event, Inbox]):
    """The inbox's accumulator: builders for touched conversations, routing indexes."""

    __slots__ = ("builders", "by_outbound", "known", "known_outbound", "orphans")

    def __init__(self, inbox: Inbox) -> None:
        self.known = inbox.conversations
        self.builders: dict[PairKey, ConversationBuilder] = {}
        # last outbound message id → its conversation: builders touched in this
        # fold, and keys of conversations from before it
        self.by_outbound: dict[str, ConversationBuilder] = {}
        self.known_outbound = {
            state.last_outbound_id: key
            for key, state in self.known.items()
            if state.last_outbound_id is not None
        }
        self.orphans = dict(inbox.orphans)

    def existing(self, key: PairKey) -> ConversationBuilder | None:
        """The builder for a conversation already seen (in this fold or before)."""
        builder = self.builders.get(key)
        if builder is None:
            state = self.known.get(key)
            if state is None:
                return None
            builder = self.builders[key] = ConversationBuilder.thaw(state)
        return builder

    def builder(self, business: PhoneNumber | None, customer: Customer) -> ConversationBuilder:
        """The builder of a conversation, started if new."""
        key = (None if business is None else business.e164, customer.key)
        builder = self.builders.get(key) or self.existing(key)
        if builder is None:
            builder = self.builders[key] = ConversationBuilder(business, customer)
        return builder

    def add(self, event: Event) -> None:
        self.extend((event,))

    def extend(self, events: Iterable[Event]) -> None:
        check.iterable(events, "events")
        handlers = self.handlers()
        by_outbound = self.by_outbound
        for event in events:
            if isinstance(event, MessageStatus):  # the most frequent event, routed inline
                builder = by_outbound.get(event.message_id)
                if builder is None:
                    self.on_status(event)
                else:
                    builder.on_status(
                        event.message_id,
                        event.status,
                        event.occurred_at,
                        event.errors,
                        event.pricing,
                    )
                continue
            handler = handlers.get(type(event))
            if handler is not None:
                handler(event)

    def handlers(self) -> dict[type, Callable[[Any], None]]:
        """The handler of each event type this fold routes (others are ignored)."""
        return {
            MessageReceived: self.on_received,
            MessageSent: self.on_sent,
            ConversationRead: self.on_read,
        }

    def on_received(self, event: MessageReceived) -> None:
        message = event.message
        self.builder(message.business, message.customer).on_received(event)

    def on_read(self, event: ConversationRead) -> None:
        self.builder(event.business, event.customer).on_read(event)

    def on_sent(self, event: MessageSent) -> None:
        message = event.message
        builder = self.builder(message.business, message.customer)
        message_id = message.id
        orphan = self.orphans.pop(message_id, None) if self.orphans else None
        if orphan is not None:
            builder.park(message_id, orphan)
        previous = builder.last_outbound_id
        builder.on_sent(event)
        if builder.last_outbound_id != previous:
            if previous is not None:
                self.by_outbound.pop(previous, None)
            self.by_outbound[message_id] = builder

    def on_status(self, event: MessageStatus) -> None:
        builder = self.by_outbound.get(event.message_id)
        if builder is None:
            builder = self._route(event)
        if builder is not None:
            builder.on_status(
                event.message_id, event.status, event.occurred_at, event.errors, event.pricing
            )
            return
        parked = self.orphans.get(event.message_id)
        delivery = event.delivery
        self.orphans[event.message_id] = delivery if parked is None else parked.merge(delivery)

    def _route(self, event: MessageStatus) -> ConversationBuilder | None:
        """The conversation of a status whose message is not a last outbound of this fold."""
        key = self.known_outbound.get(event.message_id)
        if key is None and event.customer is not None:
            business = event.business
            key = (None if business is None else business.e164, event.customer.key)
        return None if key is None else self.existing(key)

    def result(self) -> Inbox:
        merged = dict(self.known)
        for key, builder in self.builders.items():
            merged[key] = builder.result()
        orphans = tuple(sorted(self.orphans.items(), key=lambda item: item[0]))
        return Inbox(MappingProxyType(merged), orphans)


def _pair_order(key: PairKey) -> tuple[bool, str, str]:
    """A total order on pair keys: a pair without a business number sorts first."""
    return (key[0] is not None, key[0] or "", key[1])
