"""The helpdesk's view of one conversation, folded from events.

A conversation is keyed by (business number, customer) — not by helpdesk
ticket — because that is the pair WhatsApp's rules are about. Its
:class:`Conversation` state answers what an inbox row shows (CDESK's list):
the last message and its direction, the operator who replied last, the unread
count, the "awaiting reply" beacon, the ticks of the last outbound message and
when the conversation started.

Folding rules (a :class:`~wamsg.events.Folded` state: each holds whatever the
arrival order of timestamped events, as long as no status is stamped more than
:data:`~wamsg.inbox.STATUS_SKEW` before a record of its own message, and a
duplicate event changes nothing):

- *unread* counts distinct customer messages later than the business's last
  reply or last read (:class:`~wamsg.events.ConversationRead`);
- *awaiting reply* is true when the customer's last message is later than the
  business's last message;
- *last message*, *last operator*, *created at* take the latest / earliest by
  (time, id), so a late-arriving older event never overwrites a newer one;
- where two records disagree (a profile name changed between two webhooks, the
  helpdesk's record of a send and the provider's echo), the one kept is chosen by a
  total order on content, never by arrival (``wamsg.inbox._records``): the
  *customer* of the latest event that names them (their own messages first), and
  of two records of the *last message* (or *operator*) at one time the one whose
  canonical JSON (the operator name) sorts first;
- *ticks* merge every status of the last outbound message with
  :meth:`~wamsg.delivery.Delivery.merge` (the status order, then the earliest time),
  whatever order the statuses and the message arrive in; a status stamped more than
  ``STATUS_SKEW`` before the latest outbound message reports an older message and is
  dropped (``wamsg.inbox._outbound``).

A message event without a time (Twilio's inbound webhook has none, unless the
caller passes ``received_at``) is placed at the latest time the conversation has
seen so far (which depends on arrival order). Template and account events are
not about a conversation and are ignored.
"""

from __future__ import annotations

from datetime import datetime

import attrs

from wamsg._internal.json import UTC
from wamsg.delivery import Delivery, Ticks
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
from wamsg.identity import Customer, PairKey, PhoneNumber, pair_key
from wamsg.inbox._merge import merged
from wamsg.inbox._outbound import LastOutbound
from wamsg.inbox._records import (
    NAMED,
    NAMED_BY_CUSTOMER,
    NAMELESS,
    NO_TIME,
    CustomerKey,
    OperatorKey,
    customer_wins,
    initial_key,
    message_wins,
    operator_wins,
)
from wamsg.inbox.last_message import LastMessage
from wamsg.messages import Direction, Message

__all__ = ["Conversation"]


@attrs.frozen(kw_only=True)
class Conversation(FoldedBase[Event]):
    """The state of one (business number, customer) conversation.

    A :class:`~wamsg.events.Folded` state: start from :meth:`empty`, then
    :meth:`fold` or :meth:`apply`; see the module docs for the rules. ``unread``
    lists the unread customer messages as (id, time) pairs, sorted by id.
    ``parked`` holds statuses waiting for their message; ``operator_key`` and
    ``customer_key`` where the kept operator and customer records stand in their
    orders (none of the three is part of equality).
    """

    business: PhoneNumber | None
    customer: Customer
    provider: str | None = None
    created_at: datetime | None = None
    last_message: LastMessage | None = None
    last_inbound_at: datetime | None = None
    last_outbound_at: datetime | None = None
    last_operator: str | None = None
    read_at: datetime | None = None
    unread: tuple[tuple[str, datetime], ...] = ()
    last_outbound_id: str | None = None
    last_outbound: Delivery | None = None
    parked: tuple[tuple[str, Delivery], ...] = attrs.field(default=(), eq=False, repr=False)
    operator_key: OperatorKey | None = attrs.field(default=None, eq=False, repr=False)
    customer_key: CustomerKey | None = attrs.field(default=None, eq=False, repr=False)

    @property
    def key(self) -> PairKey:
        """The conversation's key: ``(business E.164 or None, customer key)``."""
        return pair_key(self.business, self.customer)

    @property
    def unread_count(self) -> int:
        """Customer messages since the business last replied or read."""
        return len(self.unread)

    @property
    def awaiting_reply(self) -> bool:
        """True when the customer spoke last and got no answer yet."""
        inbound, outbound = self.last_inbound_at, self.last_outbound_at
        return inbound is not None and (outbound is None or inbound > outbound)

    @property
    def ticks(self) -> Ticks | None:
        """The ticks of the last outbound message (None when the business never wrote)."""
        if self.last_outbound_id is None:
            return None
        return Ticks.IN_PREPARATION if self.last_outbound is None else self.last_outbound.ticks

    @property
    def last_direction(self) -> Direction | None:
        """Who wrote last: inbound (customer) or outbound (business)."""
        return None if self.last_message is None else self.last_message.direction

    @classmethod
    def empty(cls, business: PhoneNumber | None, customer: Customer) -> Conversation:
        """An empty conversation between ``business`` and ``customer``."""
        pair_key(business, customer)  # refuses a business or customer of the wrong type
        return cls(business=business, customer=customer)

    start = empty  # the earlier name of :meth:`empty`, kept as an alias

    def merge(self, other: Conversation) -> Conversation:
        """The conversation of both states' events: each fact joined as the fold joins it.

        ``fold(a).merge(fold(b)) == fold(a + b)`` for timestamped events no status of
        which is stamped more than :data:`~wamsg.inbox.STATUS_SKEW` before a record of
        its own message (the conditions of order independence, see the module docs);
        associative, commutative and idempotent, with :meth:`empty` as identity. A
        message without a time is placed where its own part's fold placed it. The
        records kept are chosen by the fold's orders (``wamsg.inbox._records``); the
        unread messages are merged from both sides' and the merged reply and read.
        Another pair's state is a :class:`ValidationError` naming ``other``
        (``docs/merging.md``).
        """
        if not isinstance(other, Conversation):
            raise ValidationError("must be a Conversation", field="other", value=other)
        if other.key != self.key:
            raise ValidationError(
                "is the conversation of another (business, customer) pair", field="other"
            )
        return self if other is self else attrs.evolve(self, **merged(self, other))

    def accumulator(self) -> Accumulator[Event, Conversation]:
        """A fold from this state: a :class:`ConversationBuilder` holding it."""
        return ConversationBuilder.thaw(self)


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class ConversationBuilder(LastOutbound, AccumulatorBase[Event, Conversation]):
    """One conversation's state while a fold runs: the conversation's accumulator.

    :meth:`thaw` starts it from a state, :meth:`add` folds an event in,
    :meth:`result` freezes it (see ``wamsg.inbox.conversation`` for the rules). The
    ticks of the last outbound message are folded by its :class:`LastOutbound` part.
    """

    __slots__ = (
        "business",
        "created_at",
        "customer",
        "customer_key",
        "last_at",
        "last_inbound_at",
        "last_message",
        "last_operator",
        "last_provider",
        "operator_key",
        "read_at",
        "unread",
    )

    def __init__(self, business: PhoneNumber | None, customer: Customer) -> None:
        LastOutbound.__init__(self)
        self.business = business
        self.customer = customer
        self.customer_key = initial_key(customer)
        self.last_provider: str | None = None
        self.created_at: datetime | None = None
        self.last_message: Message | LastMessage | None = None
        self.last_at: datetime | None = None
        self.last_inbound_at: datetime | None = None
        self.last_operator: str | None = None
        self.operator_key: OperatorKey | None = None
        self.read_at: datetime | None = None
        self.unread: dict[str, datetime] | None = None

    @classmethod
    def thaw(cls, state: Conversation) -> ConversationBuilder:
        """A builder holding ``state``."""
        builder = cls(state.business, state.customer)
        if state.customer_key is not None:
            builder.customer_key = state.customer_key
        builder.last_provider = state.provider
        builder.created_at = state.created_at
        builder.last_message = state.last_message
        if state.last_message is not None:
            builder.last_at = state.last_message.at
        builder.last_inbound_at = state.last_inbound_at
        builder.last_operator = state.last_operator
        builder.operator_key = state.operator_key
        builder.read_at = state.read_at
        builder.unread = dict(state.unread) if state.unread else None
        builder.thaw_outbound(
            state.last_outbound_id, state.last_outbound_at, state.last_outbound, state.parked
        )
        return builder

    def result(self) -> Conversation:
        """The frozen state."""
        return Conversation(
            business=self.business,
            customer=self.customer,
            provider=self.last_provider,
            created_at=self.created_at,
            last_message=self._last_message(),
            last_inbound_at=self.last_inbound_at,
            last_outbound_at=self.last_outbound_at,
            last_operator=self.last_operator,
            read_at=self.read_at,
            unread=tuple(sorted(self.unread.items())) if self.unread else (),
            last_outbound_id=self.last_outbound_id,
            last_outbound=self.delivery(),
            parked=self.parked.items() if self.parked else (),
            operator_key=self.operator_key,
            customer_key=self.customer_key,
        )

    def _last_message(self) -> LastMessage | None:
        last = self.last_message
        if last is None or isinstance(last, LastMessage):
            return last
        assert self.last_at is not None
        return LastMessage(last, self.last_at)

    def add(self, event: Event) -> None:
        """Fold one event in (events about other things are ignored)."""
        if isinstance(event, MessageStatus):
            self.on_status(
                event.message_id, event.status, event.occurred_at, event.errors, event.pricing
            )
        elif isinstance(event, MessageReceived):
            self.on_received(event)
        elif isinstance(event, MessageSent):
            self.on_sent(event)
        elif isinstance(event, ConversationRead):
            self.on_read(event)

    def _see(self, message: Message, provider: str) -> datetime:
        """Place a message in time; keep it if it is the latest. Returns its time."""
        at = message.sent_at
        last_at = self.last_at
        if at is None:
            at = _EPOCH if last_at is None else last_at
        created = self.created_at
        if created is None or at < created:
            self.created_at = at
        if (
            last_at is None
            or at > last_at
            or (at == last_at and self._beats_last(message, provider))
        ):
            self.last_at = at
            self.last_message = message
            self.last_provider = provider
        return at

    def _beats_last(self, message: Message, provider: str) -> bool:
        """At the last message's time: a greater id, or a record of it that sorts first."""
        last = self.last_message
        if last is None:
            return True
        kept = last if isinstance(last, Message) else last.message
        return message_wins(provider, message, self.last_provider or "", kept)

    def _offer_customer(self, customer: Customer, key: CustomerKey) -> None:
        """Keep ``customer`` when its record is the greatest so far (``wamsg.inbox._records``).

        The callers inline the common case (a greater key); this is the general one.
        """
        if customer_wins(customer, key, self.customer, self.customer_key):
            self.customer = customer
            self.customer_key = key

    def on_received(self, event: MessageReceived) -> None:
        """A customer message: maybe unread, maybe the latest."""
        message = event.message
        at = self._see(message, event.provider)
        customer = message.customer
        rank = NAMELESS if customer.name is None else NAMED_BY_CUSTOMER
        key = (rank, message.sent_at or NO_TIME, message.id)
        if key > self.customer_key:
            self.customer, self.customer_key = customer, key
        else:
            self._offer_customer(customer, key)
        latest = self.last_inbound_at
        if latest is None or at >= latest:
            self.last_inbound_at = at
        replied, read = self.last_outbound_at, self.read_at
        if (replied is None or at > replied) and (read is None or at > read):
            unread = self.unread
            if unread is None:
                self.unread = {message.id: at}
            else:
                seen = unread.get(message.id)
                if seen is None or at > seen:  # the same id seen again keeps its latest time
                    unread[message.id] = at

    def on_sent(self, event: MessageSent) -> None:
        """A business message: a reply (clears unread) and maybe the last outbound."""
        message = event.message
        at = self._see(message, event.provider)
        customer = message.customer
        key = (
            NAMELESS if customer.name is None else NAMED,
            message.sent_at or NO_TIME,
            message.id,
        )
        if key > self.customer_key:
            self.customer, self.customer_key = customer, key
        else:
            self._offer_customer(customer, key)
        if event.operator is not None:
            self._note_operator(event.operator, at, message.id)
        latest = self.last_outbound_at
        if latest is None:
            self.become_last_outbound(message.id, at)
        elif message.id == self.last_outbound_id:
            if at <= latest:
                return
            self.last_outbound_at = at  # the same message seen again (an echo), stamped later
        elif at > latest or (at == latest and message.id > (self.last_outbound_id or "")):
            self.become_last_outbound(message.id, at)
        else:
            return
        self._advance(at)

    def _note_operator(self, operator: str, at: datetime, message_id: str) -> None:
        """Keep the operator of the latest (time, id); on a tie the name that sorts first."""
        key = (at, message_id)
        if operator_wins(operator, key, self.last_operator, self.operator_key):
            self.operator_key = key
            self.last_operator = operator

    def on_read(self, event: ConversationRead) -> None:
        """The business read the conversation up to the event's time."""
        customer = event.customer
        self._offer_customer(
            customer, (NAMELESS if customer.name is None else NAMED, event.occurred_at, "")
        )
        if event.reader != "business":
            return
        if self.read_at is None or event.occurred_at > self.read_at:
            self.read_at = event.occurred_at
            self._advance(event.occurred_at)

    def _advance(self, at: datetime) -> None:
        """Drop unread messages up to ``at`` (a reply or a read)."""
        unread = self.unread
        if unread is None:
            return
        for seen in unread.values():
            if seen > at:
                self.unread = {mid: t for mid, t in unread.items() if t > at}
                return
        self.unread = None  # the common case: everything unread is now answered or read
