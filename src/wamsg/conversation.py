"""The helpdesk's view of one conversation, folded from events.

A conversation is keyed by (business number, customer) — not by helpdesk
ticket — because that is the pair WhatsApp's rules are about. Its
:class:`Conversation` state answers what an inbox row shows (CDESK's list):
the last message and its direction, the operator who replied last, the unread
count, the "awaiting reply" beacon, the ticks of the last outbound message and
when the conversation started.

Folding rules (each holds whatever the arrival order, and a duplicate event
changes nothing):

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
  dropped (it cannot change the ticks).

A message event without a time (Twilio's inbound webhook has none, unless the
caller passes ``received_at``) is placed at the latest time the conversation has
seen. Template and account events are not about a conversation and are ignored.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

import attrs

from .content import Content, TemplateRef, Text, Unsupported
from .delivery import Delivery, Ticks
from .events import Event
from .identity import Customer, PhoneNumber
from .interactive import ListMessage, ReplyButtons
from .messages import Direction, Message

__all__ = ["Conversation", "ConversationKey", "LastMessage", "conversation_key", "preview"]

ConversationKey = tuple[str | None, str]
"""``(business E.164 or None, customer key)``: what a conversation is about."""

_PREVIEW_LENGTH = 60


def conversation_key(business: PhoneNumber | None, customer: Customer) -> ConversationKey:
    """The key of the conversation between ``business`` and ``customer``."""
    return (None if business is None else business.e164, customer.key)


def preview(content: Content) -> str:
    """A one-line summary of a message's content for an inbox column."""
    if isinstance(content, Text):
        text = " ".join(content.body.split())
    elif isinstance(content, TemplateRef):
        text = f"[template {content.name}]"
    elif isinstance(content, Unsupported):
        text = f"[unsupported: {content.type}]"
    elif isinstance(content, (ReplyButtons, ListMessage)):
        text = f"[{content.kind}] {' '.join(content.body.split())}"
    else:
        caption = getattr(getattr(content, "media", None), "caption", None)
        text = f"[{content.kind}] {caption}" if caption else f"[{content.kind}]"
    if len(text) > _PREVIEW_LENGTH:
        text = text[: _PREVIEW_LENGTH - 1] + "…"
    return text


@attrs.frozen
class LastMessage:
    """The latest message of a conversation, as an inbox row shows it.

    ``at`` is where the conversation placed the message in time (its own
    timestamp, or the latest time seen when it had none); the other facts are
    read from ``message`` when asked for.
    """

    message: Message
    at: datetime

    @property
    def id(self) -> str:
        """The message's id."""
        return self.message.id

    @property
    def direction(self) -> Direction:
        """Inbound (the customer wrote) or outbound (the business did)."""
        return self.message.direction

    @property
    def kind(self) -> str:
        """The content kind (``"text"``, ``"image"``, ``"template"`` …)."""
        return self.message.content.kind

    @property
    def preview(self) -> str:
        """A one-line summary of the content (see :func:`preview`)."""
        return preview(self.message.content)

    @property
    def forwarded(self) -> bool:
        """True when the customer forwarded it (once or frequently)."""
        context = self.message.context
        return context.forwarded or context.frequently_forwarded


@attrs.frozen(kw_only=True)
class Conversation:
    """The state of one (business number, customer) conversation.

    Build it with :meth:`fold` or :meth:`apply`; see the module docs for the
    rules. ``unread`` lists the unread customer messages as (id, time) pairs,
    sorted by id. ``parked`` holds statuses waiting for their message (not part
    of equality).
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
    def key(self) -> ConversationKey:
        """The conversation's key: ``(business E.164 or None, customer key)``."""
        return conversation_key(self.business, self.customer)

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
    def start(cls, business: PhoneNumber | None, customer: Customer) -> Conversation:
        """An empty conversation between ``business`` and ``customer``."""
        return cls(business=business, customer=customer)

    def apply(self, event: Event) -> Conversation:
        """The state after ``event`` (unchanged for events about other things)."""
        from ._conversation_fold import ConversationBuilder

        builder = ConversationBuilder.thaw(self)
        builder.apply(event)
        return builder.freeze()

    def fold(self, events: Iterable[Event]) -> Conversation:
        """The state after every event of ``events``, in order."""
        from ._conversation_fold import ConversationBuilder

        builder = ConversationBuilder.thaw(self)
        for event in events:
            builder.apply(event)
        return builder.freeze()
