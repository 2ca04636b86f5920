"""The helpdesk's view of one conversation, folded from events.

A conversation is keyed by (business number, customer) — not by helpdesk
ticket — because that is the pair WhatsApp's rules are about. Its
:class:`Conversation` state answers what an inbox row shows (CDESK's list):
the last message and its direction, the operator who replied last, the unread
count, the "awaiting reply" beacon, the ticks of the last outbound message and
when the conversation started.

Folding rules (a :class:`~wamsg.events.Folded` state: each holds whatever the
arrival order of timestamped events, but for clock skew over 60 s, and a
duplicate event changes nothing):

- *unread* counts distinct customer messages later than the business's last
  reply or last read (:class:`~wamsg.events.ConversationRead`);
- *awaiting reply* is true when the customer's last message is later than the
  business's last message;
- *last message*, *last operator*, *created at* take the latest / earliest by
  (time, id), so a late-arriving older event never overwrites a newer one;
- *ticks* merge every status of the last outbound message with
  :meth:`~wamsg.delivery.Delivery.merge`. A status that arrives before its
  message is parked and applied when the message arrives; a status more than
  60 s older than the last outbound message is about an older message and is
  dropped (it cannot change the ticks), so a status stamped over 60 s before its
  own message may count or not depending on arrival order.

A message event without a time (Twilio's inbound webhook has none, unless the
caller passes ``received_at``) is placed at the latest time the conversation has
seen so far (which depends on arrival order). Template and account events are
not about a conversation and are ignored.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import attrs

from wamsg._internal.json import UTC
from wamsg.delivery import (
    Delivery,
    DeliveryStatus,
    ErrorDetail,
    Pricing,
    Ticks,
    join_status,
    later_pricing,
)
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
from wamsg.inbox._parked import Parked
from wamsg.inbox.last_message import LastMessage
from wamsg.messages import Direction, Message

__all__ = ["Conversation"]


@attrs.frozen(kw_only=True)
class Conversation(FoldedBase[Event]):
    """The state of one (business number, customer) conversation.

    A :class:`~wamsg.events.Folded` state: start from :meth:`empty`, then
    :meth:`fold` or :meth:`apply`; see the module docs for the rules. ``unread``
    lists the unread customer messages as (id, time) pairs, sorted by id.
    ``parked`` holds statuses waiting for their message (not part of equality).
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
    operator_key: tuple[datetime, str] | None = attrs.field(default=None, eq=False, repr=False)

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
        return cls(business=business, customer=customer)

    start = empty  # the earlier name of :meth:`empty`, kept as an alias

    def accumulator(self) -> Accumulator[Event, Conversation]:
        """A fold from this state: a :class:`ConversationBuilder` holding it."""
        return ConversationBuilder.thaw(self)


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
# Provider clocks and the caller's clock differ (Meta stamps whole seconds); a
# status earlier than the latest outbound message by more than this is taken to
# report an older message.
_SKEW = timedelta(seconds=60)
_NO_ERRORS: frozenset[ErrorDetail] = frozenset()


class ConversationBuilder(AccumulatorBase[Event, Conversation]):
    """One conversation's state while a fold runs: the conversation's accumulator.

    :meth:`thaw` starts it from a state, :meth:`add` folds an event in,
    :meth:`result` freezes it (see ``wamsg.inbox.conversation`` for the rules).
    """

    __slots__ = (
        "business",
        "created_at",
        "customer",
        "last_at",
        "last_inbound_at",
        "last_message",
        "last_operator",
        "last_outbound_at",
        "last_outbound_id",
        "last_provider",
        "operator_key",
        "out_at",
        "out_errors",
        "out_pricing",
        "out_status",
        "parked",
        "read_at",
        "unread",
    )

    def __init__(self, business: PhoneNumber | None, customer: Customer) -> None:
        self.business = business
        self.customer = customer
        self.last_provider: str | None = None
        self.created_at: datetime | None = None
        self.last_message: Message | LastMessage | None = None
        self.last_at: datetime | None = None
        self.last_inbound_at: datetime | None = None
        self.last_outbound_at: datetime | None = None
        self.last_operator: str | None = None
        self.operator_key: tuple[datetime, str] | None = None
        self.read_at: datetime | None = None
        self.unread: dict[str, datetime] | None = None
        self.last_outbound_id: str | None = None
        self.out_status: DeliveryStatus | None = None
        self.out_at: datetime | None = None
        self.out_errors = _NO_ERRORS
        self.out_pricing: Pricing | None = None
        self.parked: Parked | None = None

    @classmethod
    def thaw(cls, state: Conversation) -> ConversationBuilder:
        """A builder holding ``state``."""
        builder = cls(state.business, state.customer)
        builder.last_provider = state.provider
        builder.created_at = state.created_at
        builder.last_message = state.last_message
        if state.last_message is not None:
            builder.last_at = state.last_message.at
        builder.last_inbound_at = state.last_inbound_at
        builder.last_outbound_at = state.last_outbound_at
        builder.last_operator = state.last_operator
        builder.operator_key = state.operator_key
        builder.read_at = state.read_at
        builder.unread = dict(state.unread) if state.unread else None
        builder.last_outbound_id = state.last_outbound_id
        if state.last_outbound is not None:
            builder.set_delivery(state.last_outbound)
        builder.parked = Parked(state.parked) if state.parked else None
        return builder

    def result(self) -> Conversation:
        """The frozen state."""
        status = self.out_status
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
            last_outbound=None if status is None else self._delivery(status),
            parked=self.parked.items() if self.parked else (),
            operator_key=self.operator_key,
        )

    def _delivery(self, status: DeliveryStatus) -> Delivery:
        return Delivery(
            status=status, at=self.out_at, errors=self.out_errors, pricing=self.out_pricing
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
        if last_at is None or at > last_at or (at == last_at and message.id > self._last_id()):
            self.last_at = at
            self.last_message = message
            self.last_provider = provider
        return at

    def _last_id(self) -> str:
        last = self.last_message
        return "" if last is None else last.id

    def on_received(self, event: MessageReceived) -> None:
        """A customer message: maybe unread, maybe the latest."""
        message = event.message
        at = self._see(message, event.provider)
        latest = self.last_inbound_at
        if latest is None or at >= latest:
            self.last_inbound_at = at
            if message.customer.name is not None:
                self.customer = message.customer
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
        if event.operator is not None:
            self._note_operator(event.operator, at, message.id)
        latest = self.last_outbound_at
        if latest is None:
            self._become_last_outbound(message.id, at)
        elif message.id == self.last_outbound_id:
            if at > latest:  # the same message seen again (an echo), stamped later
                self.last_outbound_at = at
                self._advance(at)
        elif at > latest or (at == latest and message.id > (self.last_outbound_id or "")):
            self._become_last_outbound(message.id, at)

    def _note_operator(self, operator: str, at: datetime, message_id: str) -> None:
        current = self.operator_key
        if current is None or at > current[0] or (at == current[0] and message_id > current[1]):
            self.operator_key = (at, message_id)
            self.last_operator = operator

    def _become_last_outbound(self, message_id: str, at: datetime) -> None:
        """A newer outbound message replaces the last one; its parked reports apply."""
        previous = self.last_outbound_id
        if self.out_status is not None or self.parked:
            cutoff = at - _SKEW
            status = self.out_status
            recent = self.out_at is None or self.out_at >= cutoff
            if status is not None and previous is not None and recent:
                # it may be the same message seen again later: keep its reports
                self.park(previous, self._delivery(status))
            self._reset_delivery()
            if self.parked:
                waiting = self.parked.take(message_id)
                if waiting is not None:
                    self.set_delivery(waiting)
                self.parked.forget_before(cutoff)
        self.last_outbound_id = message_id
        self.last_outbound_at = at
        self._advance(at)

    def _reset_delivery(self) -> None:
        self.out_status = None
        self.out_errors = _NO_ERRORS
        self.out_pricing = self.out_at = None

    def set_delivery(self, delivery: Delivery) -> None:
        """Make ``delivery`` the last outbound message's merged delivery."""
        self.out_status = delivery.status
        self.out_at = delivery.at
        self.out_errors = delivery.errors
        self.out_pricing = delivery.pricing

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
        if latest is not None and at is not None and at < latest - _SKEW:
            return  # reports an older message, which no longer shows
        self.park(
            message_id, Delivery(status=status, at=at, errors=frozenset(errors), pricing=pricing)
        )

    def park(self, message_id: str, delivery: Delivery) -> None:
        """Keep a report until its message arrives."""
        if self.parked is None:
            self.parked = Parked()
        self.parked.park(message_id, delivery)

    def on_read(self, event: ConversationRead) -> None:
        """The business read the conversation up to the event's time."""
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
