"""The closed family of events, and their one canonical JSON form.

Every provider adapter turns webhooks into these events; a helpdesk records
its own sends as :class:`MessageSent`. The canonical JSON form (``docs/events.md``)
is what a helpdesk stores, queues and compares::

    type         "message.received" | "message.sent" | "message.status"
                 | "conversation.read" | "template.status" | "template.quality"
                 | "template.category" | "account.update" | "unknown"
    provider     "meta" | "360dialog" | "twilio" | "sunshine" | "vonage" | …
    business     E.164 or null;   customer  {"phone", "user_id", "name"} or null
    occurred_at  ISO 8601 UTC with "Z", or null
    raw          the provider's own item (omitted from equality)

Unknown keys are kept in ``extra`` and written back; nothing is dropped.
``conversation.read`` is wamsg's addition to the original event family: the
helpdesk records that an agent read the customer's messages (as it records its own
sends), so that unread counts can be folded from events alone (``docs/events.md``).
"""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar, TypeAlias

import attrs

from wamsg._internal.json import (
    EARLIEST,
    LATEST,
    UTC,
    Json,
    JsonObject,
    format_time,
    int_as_text,
    opt_str,
    req_mapping,
)
from wamsg._internal.json import require_aware as _require_aware
from wamsg.delivery import Delivery, DeliveryStatus, ErrorDetail, Pricing
from wamsg.errors import ValidationError
from wamsg.identity import Customer, PhoneNumber
from wamsg.messages import Message

__all__ = [
    "AccountUpdate",
    "ConversationRead",
    "Event",
    "MessageReceived",
    "MessageSent",
    "MessageStatus",
    "TemplateCategoryChanged",
    "TemplateIdentity",
    "TemplateQualityChanged",
    "TemplateStatusChanged",
    "UnknownEvent",
]


def _aware_time(value: datetime) -> datetime:
    return _require_aware(value, "occurred_at")


def _opt_time(value: datetime | None) -> datetime | None:
    if value is None or (
        type(value) is datetime and value.tzinfo is UTC and EARLIEST <= value < LATEST
    ):
        return value  # the hot path of webhook parsing: already a UTC stdlib datetime
    return _require_aware(value, "occurred_at")


def _head(
    event_type: str,
    provider: str,
    business: PhoneNumber | None,
    customer: Customer | None,
    occurred_at: datetime | None,
) -> JsonObject:
    return {
        "type": event_type,
        "provider": provider,
        "business": None if business is None else business.e164,
        "customer": None if customer is None else customer.to_dict(),
        "occurred_at": None if occurred_at is None else format_time(occurred_at),
    }  # fmt: skip


def _tail(out: JsonObject, extra: JsonObject, raw: Json, include_raw: bool) -> JsonObject:
    if extra:
        _keep_unknown(out, extra)
    if include_raw and raw is not None:
        out["raw"] = raw
    return out


def _keep_unknown(out: JsonObject, extra: JsonObject) -> None:
    """Put the unknown keys of ``extra`` back into ``out``, nested objects and list items included.

    A key ``out`` already has is never overwritten; where both hold an object,
    the unknown keys go inside it (``extra = {"customer": {"vip": true}}`` lands
    in ``out["customer"]``).
    """
    for key, value in extra.items():
        present = out.get(key)
        if isinstance(present, dict) and isinstance(value, dict):
            _keep_unknown(present, value)
        elif isinstance(present, list) and isinstance(value, list):
            _keep_unknown_items(present, value)
        elif key not in out:
            out[key] = value


def _keep_unknown_items(out: list[Json], extra: list[Json]) -> None:
    """Unknown keys of list items back into the items (lists of the same length only)."""
    if len(out) != len(extra):
        return
    for index, (item, unknown) in enumerate(zip(out, extra, strict=True)):
        if isinstance(item, dict) and isinstance(unknown, dict) and unknown:
            merged = dict(item)  # the written item may be shared: copy before adding
            _keep_unknown(merged, unknown)
            out[index] = merged


class _CarriesMessage:
    """The parties and time of an event that carries a :class:`Message`."""

    __slots__ = ()
    message: Message

    @property
    def business(self) -> PhoneNumber | None:
        """The business number of the message."""
        return self.message.business

    @property
    def customer(self) -> Customer:
        """The customer of the message."""
        return self.message.customer

    @property
    def occurred_at(self) -> datetime | None:
        """The message's own timestamp."""
        return self.message.sent_at


@attrs.frozen(kw_only=True)
class MessageReceived(_CarriesMessage):
    """The customer sent a message to the business."""

    type: ClassVar[str] = "message.received"
    provider: str
    message: Message
    raw: Json = attrs.field(default=None, eq=False, repr=False)
    extra: JsonObject = attrs.field(factory=dict, hash=False, repr=False)

    def to_dict(self, *, include_raw: bool = True) -> JsonObject:
        """The canonical JSON form."""
        m = self.message
        out = _head(self.type, self.provider, m.business, m.customer, m.sent_at)
        out["id"] = m.id
        out["content"] = m.content.to_dict()
        out["context"] = m.context.to_dict()
        return _tail(out, self.extra, self.raw, include_raw)


@attrs.frozen(kw_only=True)
class MessageSent(_CarriesMessage):
    """The business sent a message: recorded by the caller, or echoed by a provider.

    ``operator`` names who sent it (an agent id, a bot name), None when unknown.
    """

    type: ClassVar[str] = "message.sent"
    provider: str
    message: Message
    operator: str | None = None
    raw: Json = attrs.field(default=None, eq=False, repr=False)
    extra: JsonObject = attrs.field(factory=dict, hash=False, repr=False)

    def to_dict(self, *, include_raw: bool = True) -> JsonObject:
        """The canonical JSON form."""
        m = self.message
        out = _head(self.type, self.provider, m.business, m.customer, m.sent_at)
        out["id"] = m.id
        out["operator"] = self.operator
        out["reply_to"] = m.context.reply_to
        out["content"] = m.content.to_dict()
        return _tail(out, self.extra, self.raw, include_raw)


@attrs.frozen(kw_only=True)
class MessageStatus:
    """A delivery status report for an outgoing message."""

    type: ClassVar[str] = "message.status"
    provider: str
    message_id: str
    status: DeliveryStatus
    business: PhoneNumber | None = None
    customer: Customer | None = None
    occurred_at: datetime | None = attrs.field(default=None, converter=_opt_time)
    errors: tuple[ErrorDetail, ...] = ()
    pricing: Pricing | None = None
    raw: Json = attrs.field(default=None, eq=False, repr=False)
    extra: JsonObject = attrs.field(factory=dict, hash=False, repr=False)

    @property
    def delivery(self) -> Delivery:
        """This report as a mergeable :class:`~wamsg.delivery.Delivery`."""
        return Delivery(
            status=self.status,
            at=self.occurred_at,
            errors=frozenset(self.errors),
            pricing=self.pricing,
        )

    def to_dict(self, *, include_raw: bool = True) -> JsonObject:
        """The canonical JSON form."""
        out = _head(self.type, self.provider, self.business, self.customer, self.occurred_at)
        out["message_id"] = self.message_id
        out["status"] = self.status.value
        out["errors"] = [error.to_dict() for error in self.errors]
        out["pricing"] = None if self.pricing is None else self.pricing.to_dict()
        return _tail(out, self.extra, self.raw, include_raw)


@attrs.frozen(kw_only=True)
class ConversationRead:
    """Someone read the conversation up to ``occurred_at``.

    ``reader`` is ``"business"`` (an agent opened it: unread drops to zero) or
    ``"customer"`` (Sunshine's conversation-level read receipt).
    """

    type: ClassVar[str] = "conversation.read"
    provider: str
    business: PhoneNumber | None
    customer: Customer
    occurred_at: datetime = attrs.field(converter=_aware_time)
    reader: str = "business"
    operator: str | None = None
    raw: Json = attrs.field(default=None, eq=False, repr=False)
    extra: JsonObject = attrs.field(factory=dict, hash=False, repr=False)

    def to_dict(self, *, include_raw: bool = True) -> JsonObject:
        """The canonical JSON form."""
        out = _head(self.type, self.provider, self.business, self.customer, self.occurred_at)
        out["reader"] = self.reader
        out["operator"] = self.operator
        return _tail(out, self.extra, self.raw, include_raw)


@attrs.frozen(kw_only=True)
class TemplateIdentity:
    """Which template an event is about: provider id, name and language (any may be missing)."""

    id: str | None = None
    name: str | None = None
    language: str | None = None

    def to_dict(self) -> JsonObject:
        """Canonical JSON: ``{id, name, language}``."""
        return {"id": self.id, "name": self.name, "language": self.language}

    @classmethod
    def from_dict(cls, data: object, field: str = "template") -> TemplateIdentity:
        """Read ``{id, name, language}``; an integer id is kept as text."""
        mapping = req_mapping(data, field)
        template_id = mapping.get("id")
        template_id = int_as_text(template_id)
        if template_id is not None and not isinstance(template_id, str):
            raise ValidationError(
                "must be a string or null", field=f"{field}.id", value=template_id
            )
        return cls(
            id=template_id,
            name=opt_str(mapping, "name", field),
            language=opt_str(mapping, "language", field),
        )


@attrs.frozen(kw_only=True)
class _TemplateEvent:
    """What every template event has: the template, the account, when, and the rest."""

    type: ClassVar[str]
    provider: str
    template: TemplateIdentity
    account: str | None = None
    occurred_at: datetime | None = attrs.field(default=None, converter=_opt_time)
    raw: Json = attrs.field(default=None, eq=False, repr=False)
    extra: JsonObject = attrs.field(factory=dict, hash=False, repr=False)

    def _json(self, include_raw: bool, **fields: Json) -> JsonObject:
        out = _head(self.type, self.provider, None, None, self.occurred_at)
        out["account"] = self.account
        out["template"] = self.template.to_dict()
        out.update(fields)
        return _tail(out, self.extra, self.raw, include_raw)


@attrs.frozen(kw_only=True)
class TemplateStatusChanged(_TemplateEvent):
    """A template's review status changed (Meta ``message_template_status_update``).

    ``status`` is kept as the provider spells it (``APPROVED``, ``PAUSED`` …),
    including values wamsg does not know yet.
    """

    type: ClassVar[str] = "template.status"
    status: str
    reason: str | None = None
    category: str | None = None

    def to_dict(self, *, include_raw: bool = True) -> JsonObject:
        """The canonical JSON form."""
        return self._json(
            include_raw, status=self.status, reason=self.reason, category=self.category
        )


@attrs.frozen(kw_only=True)
class TemplateQualityChanged(_TemplateEvent):
    """A template's quality score changed (``GREEN``, ``YELLOW``, ``RED``, ``UNKNOWN``)."""

    type: ClassVar[str] = "template.quality"
    new: str
    previous: str | None = None

    def to_dict(self, *, include_raw: bool = True) -> JsonObject:
        """The canonical JSON form."""
        return self._json(include_raw, previous=self.previous, new=self.new)


@attrs.frozen(kw_only=True)
class TemplateCategoryChanged(_TemplateEvent):
    """Meta re-classified a template (e.g. utility → marketing)."""

    type: ClassVar[str] = "template.category"
    new: str
    previous: str | None = None
    correct: str | None = None

    def to_dict(self, *, include_raw: bool = True) -> JsonObject:
        """The canonical JSON form."""
        return self._json(include_raw, previous=self.previous, new=self.new, correct=self.correct)


@attrs.frozen(kw_only=True)
class AccountUpdate:
    """An account-level notice (Meta ``account_update``, ``phone_number_quality_update`` …).

    ``event`` is the provider's event name, ``details`` the rest of its payload.
    """

    type: ClassVar[str] = "account.update"
    provider: str
    event: str
    account: str | None = None
    occurred_at: datetime | None = attrs.field(default=None, converter=_opt_time)
    details: JsonObject = attrs.field(factory=dict, hash=False)
    raw: Json = attrs.field(default=None, eq=False, repr=False)
    extra: JsonObject = attrs.field(factory=dict, hash=False, repr=False)

    def to_dict(self, *, include_raw: bool = True) -> JsonObject:
        """The canonical JSON form."""
        out = _head(self.type, self.provider, None, None, self.occurred_at)
        out.update(account=self.account, event=self.event, details=dict(self.details))
        return _tail(out, self.extra, self.raw, include_raw)


@attrs.frozen(kw_only=True)
class UnknownEvent:
    """Something a provider said that wamsg does not model; ``raw`` keeps all of it."""

    type: ClassVar[str] = "unknown"
    provider: str
    kind: str
    business: PhoneNumber | None = None
    customer: Customer | None = None
    occurred_at: datetime | None = attrs.field(default=None, converter=_opt_time)
    raw: Json = attrs.field(default=None, eq=False, repr=False)
    extra: JsonObject = attrs.field(factory=dict, hash=False, repr=False)

    def to_dict(self, *, include_raw: bool = True) -> JsonObject:
        """The canonical JSON form; ``raw`` (the content itself) unless ``include_raw=False``."""
        out = _head(self.type, self.provider, self.business, self.customer, self.occurred_at)
        out["kind"] = self.kind
        return _tail(out, self.extra, self.raw, include_raw)


Event: TypeAlias = (
    MessageReceived
    | MessageSent
    | MessageStatus
    | ConversationRead
    | TemplateStatusChanged
    | TemplateQualityChanged
    | TemplateCategoryChanged
    | AccountUpdate
    | UnknownEvent
)
"""The closed union of events; ``match`` on it exhaustively."""
