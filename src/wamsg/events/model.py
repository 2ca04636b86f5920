"""The closed family of events, and their one canonical JSON form.

Every provider adapter turns webhooks into these events; a helpdesk records
its own sends as :class:`MessageSent`. The canonical JSON form (``docs/events.md``)
is what a helpdesk stores, queues and compares::

    type         "message.received" | "message.sent" | "message.status"
                 | "conversation.read" | "template.status" | "template.quality"
                 | "template.category" | "template.components" | "account.update"
                 | "call" (:mod:`wamsg.events.calls`) | "unknown"
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

from collections.abc import Iterable
from datetime import datetime
from typing import ClassVar, TypeAlias

import attrs

from wamsg._internal import fields as check
from wamsg._internal.json import Json, JsonObject, int_as_text, is_text, opt_str, req_mapping
from wamsg.delivery import Delivery, DeliveryStatus, ErrorDetail, Pricing
from wamsg.errors import ValidationError
from wamsg.events._base import aware_time as _aware_time
from wamsg.events._base import head as _head
from wamsg.events._base import opt_time as _opt_time
from wamsg.events._base import tail as _tail
from wamsg.events.account import AccountEvent
from wamsg.events.calls import CallEvent
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
    "TemplateComponentButton",
    "TemplateComponentsChanged",
    "TemplateIdentity",
    "TemplateQualityChanged",
    "TemplateStatusChanged",
    "UnknownEvent",
]


def _errors(value: Iterable[ErrorDetail]) -> tuple[ErrorDetail, ...]:
    return check.as_tuple(value)  # type: ignore[no-any-return]


class _CarriesMessage:
    """The parties and time of an event that carries a :class:`Message`."""

    __slots__ = ()
    message: Message = attrs.field(validator=check.instance(Message))

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
    provider: str = attrs.field(validator=check.text)
    message: Message = attrs.field(validator=check.instance(Message))
    raw: Json = attrs.field(default=None, eq=False, repr=False, converter=check.raw_json)
    extra: JsonObject = attrs.field(
        factory=dict, hash=False, repr=False, converter=check.extra_json
    )

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
    provider: str = attrs.field(validator=check.text)
    message: Message = attrs.field(validator=check.instance(Message))
    operator: str | None = attrs.field(default=None, validator=check.opt_text)
    raw: Json = attrs.field(default=None, eq=False, repr=False, converter=check.raw_json)
    extra: JsonObject = attrs.field(
        factory=dict, hash=False, repr=False, converter=check.extra_json
    )

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
    provider: str = attrs.field(validator=check.text)
    message_id: str = attrs.field(validator=check.text)
    status: DeliveryStatus = attrs.field(validator=check.instance(DeliveryStatus))
    business: PhoneNumber | None = attrs.field(
        default=None, validator=check.opt_instance(PhoneNumber)
    )
    customer: Customer | None = attrs.field(default=None, validator=check.opt_instance(Customer))
    occurred_at: datetime | None = attrs.field(default=None, converter=_opt_time)
    errors: tuple[ErrorDetail, ...] = attrs.field(
        default=(), converter=_errors, validator=check.tuple_of(ErrorDetail)
    )
    pricing: Pricing | None = attrs.field(default=None, validator=check.opt_instance(Pricing))
    raw: Json = attrs.field(default=None, eq=False, repr=False, converter=check.raw_json)
    extra: JsonObject = attrs.field(
        factory=dict, hash=False, repr=False, converter=check.extra_json
    )

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
    provider: str = attrs.field(validator=check.text)
    business: PhoneNumber | None = attrs.field(validator=check.opt_instance(PhoneNumber))
    customer: Customer = attrs.field(validator=check.instance(Customer))
    occurred_at: datetime = attrs.field(converter=_aware_time)
    reader: str = attrs.field(default="business", validator=check.text)
    operator: str | None = attrs.field(default=None, validator=check.opt_text)
    raw: Json = attrs.field(default=None, eq=False, repr=False, converter=check.raw_json)
    extra: JsonObject = attrs.field(
        factory=dict, hash=False, repr=False, converter=check.extra_json
    )

    def to_dict(self, *, include_raw: bool = True) -> JsonObject:
        """The canonical JSON form."""
        out = _head(self.type, self.provider, self.business, self.customer, self.occurred_at)
        out["reader"] = self.reader
        out["operator"] = self.operator
        return _tail(out, self.extra, self.raw, include_raw)


@attrs.frozen(kw_only=True)
class TemplateIdentity:
    """Which template an event is about: provider id, name and language (any may be missing)."""

    id: str | None = attrs.field(default=None, validator=check.opt_text)
    name: str | None = attrs.field(default=None, validator=check.opt_text)
    language: str | None = attrs.field(default=None, validator=check.opt_text)

    def to_dict(self) -> JsonObject:
        """Canonical JSON: ``{id, name, language}``."""
        return {"id": self.id, "name": self.name, "language": self.language}

    @classmethod
    def from_dict(cls, data: object, field: str = "template") -> TemplateIdentity:
        """Read ``{id, name, language}``; an integer id is kept as text."""
        mapping = req_mapping(data, field)
        template_id = mapping.get("id")
        template_id = int_as_text(template_id)
        if template_id is not None and not (isinstance(template_id, str) and is_text(template_id)):
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
    provider: str = attrs.field(validator=check.text)
    template: TemplateIdentity = attrs.field(validator=check.instance(TemplateIdentity))
    account: str | None = attrs.field(default=None, validator=check.opt_text)
    occurred_at: datetime | None = attrs.field(default=None, converter=_opt_time)
    raw: Json = attrs.field(default=None, eq=False, repr=False, converter=check.raw_json)
    extra: JsonObject = attrs.field(
        factory=dict, hash=False, repr=False, converter=check.extra_json
    )

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
    status: str = attrs.field(validator=check.text)
    reason: str | None = attrs.field(default=None, validator=check.opt_text)
    category: str | None = attrs.field(default=None, validator=check.opt_text)

    def to_dict(self, *, include_raw: bool = True) -> JsonObject:
        """The canonical JSON form."""
        return self._json(
            include_raw, status=self.status, reason=self.reason, category=self.category
        )


@attrs.frozen(kw_only=True)
class TemplateQualityChanged(_TemplateEvent):
    """A template's quality score changed (``GREEN``, ``YELLOW``, ``RED``, ``UNKNOWN``)."""

    type: ClassVar[str] = "template.quality"
    new: str = attrs.field(validator=check.text)
    previous: str | None = attrs.field(default=None, validator=check.opt_text)

    def to_dict(self, *, include_raw: bool = True) -> JsonObject:
        """The canonical JSON form."""
        return self._json(include_raw, previous=self.previous, new=self.new)


@attrs.frozen(kw_only=True)
class TemplateCategoryChanged(_TemplateEvent):
    """Meta re-classified a template (e.g. utility → marketing)."""

    type: ClassVar[str] = "template.category"
    new: str = attrs.field(validator=check.text)
    previous: str | None = attrs.field(default=None, validator=check.opt_text)
    correct: str | None = attrs.field(default=None, validator=check.opt_text)

    def to_dict(self, *, include_raw: bool = True) -> JsonObject:
        """The canonical JSON form."""
        return self._json(include_raw, previous=self.previous, new=self.new, correct=self.correct)


def _button_type(_instance: object, _attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str) or not value or not is_text(value):
        raise ValidationError("must be a non-empty string", field="buttons.type", value=value)


@attrs.frozen(kw_only=True)
class TemplateComponentButton:
    """A button of an edited template: its ``type`` (``URL``, ``PHONE_NUMBER`` …), label,
    and the URL or phone number it opens, as the provider wrote them."""

    type: str = attrs.field(validator=_button_type)
    text: str | None = attrs.field(default=None, validator=check.opt_text)
    url: str | None = attrs.field(default=None, validator=check.opt_text)
    phone_number: str | None = attrs.field(default=None, validator=check.opt_text)

    def to_dict(self) -> JsonObject:
        """Canonical JSON: ``{type, text, url, phone_number}``."""
        return {"type": self.type, "text": self.text, "url": self.url,
                "phone_number": self.phone_number}  # fmt: skip


def _buttons(value: Iterable[TemplateComponentButton]) -> tuple[TemplateComponentButton, ...]:
    return check.as_tuple(value)  # type: ignore[no-any-return]


@attrs.frozen(kw_only=True)
class TemplateComponentsChanged(_TemplateEvent):
    """A template was edited (Meta ``message_template_components_update``): its new texts.

    ``body`` is the body text with its ``{{n}}`` placeholders, ``header`` a text
    header, ``footer`` the footer, ``buttons`` its URL and phone number buttons;
    each is None (or empty) when the template has none.
    """

    type: ClassVar[str] = "template.components"
    body: str | None = attrs.field(default=None, validator=check.opt_text)
    header: str | None = attrs.field(default=None, validator=check.opt_text)
    footer: str | None = attrs.field(default=None, validator=check.opt_text)
    buttons: tuple[TemplateComponentButton, ...] = attrs.field(
        default=(), converter=_buttons, validator=check.tuple_of(TemplateComponentButton)
    )

    def to_dict(self, *, include_raw: bool = True) -> JsonObject:
        """The canonical JSON form."""
        buttons: list[Json] = [button.to_dict() for button in self.buttons]
        return self._json(include_raw, header=self.header, body=self.body,
                          footer=self.footer, buttons=buttons)  # fmt: skip


@attrs.frozen(kw_only=True)
class AccountUpdate:
    """An account-level notice (Meta ``account_update``, ``phone_number_quality_update`` …).

    ``event`` is the provider's event name, ``details`` the rest of its payload.
    """

    type: ClassVar[str] = "account.update"
    provider: str = attrs.field(validator=check.text)
    event: str = attrs.field(validator=check.text)
    account: str | None = attrs.field(default=None, validator=check.opt_text)
    occurred_at: datetime | None = attrs.field(default=None, converter=_opt_time)
    details: JsonObject = attrs.field(factory=dict, hash=False, validator=check.json_object)
    raw: Json = attrs.field(default=None, eq=False, repr=False, converter=check.raw_json)
    extra: JsonObject = attrs.field(
        factory=dict, hash=False, repr=False, converter=check.extra_json
    )

    def to_dict(self, *, include_raw: bool = True) -> JsonObject:
        """The canonical JSON form."""
        out = _head(self.type, self.provider, None, None, self.occurred_at)
        out.update(account=self.account, event=self.event, details=dict(self.details))
        return _tail(out, self.extra, self.raw, include_raw)


@attrs.frozen(kw_only=True)
class UnknownEvent:
    """Something a provider said that wamsg does not model; ``raw`` keeps all of it."""

    type: ClassVar[str] = "unknown"
    provider: str = attrs.field(validator=check.text)
    kind: str = attrs.field(validator=check.text)
    business: PhoneNumber | None = attrs.field(
        default=None, validator=check.opt_instance(PhoneNumber)
    )
    customer: Customer | None = attrs.field(default=None, validator=check.opt_instance(Customer))
    occurred_at: datetime | None = attrs.field(default=None, converter=_opt_time)
    raw: Json = attrs.field(default=None, eq=False, repr=False, converter=check.raw_json)
    extra: JsonObject = attrs.field(
        factory=dict, hash=False, repr=False, converter=check.extra_json
    )

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
    | TemplateComponentsChanged
    | AccountUpdate
    | AccountEvent
    | CallEvent
    | UnknownEvent
)
"""The closed union of events; ``match`` on it exhaustively."""
