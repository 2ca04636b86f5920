"""What a message carries: the closed union of content kinds.

Kinds follow Meta's inbound message types ([rule meta.message.types]),
which the other providers map onto. A kind wamsg does not know is kept whole as
:class:`Unsupported` (its original type and data), never dropped.

Media kinds live in :mod:`wamsg.content.media` and are re-exported here. Each kind has a
canonical JSON form ``{"kind": "<kind>", ...fields}`` written by
``to_dict()`` and read back by :func:`content_from_dict`.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import Any, ClassVar, TypeAlias

import attrs

from wamsg._internal import fields as check
from wamsg._internal.decode import require_strict
from wamsg._internal.json import JsonObject, is_text
from wamsg.content.call_permission import CallPermissionReply
from wamsg.content.interactive import ListMessage, ReplyButtons
from wamsg.content.media import Audio, Document, Image, Sticker, Video
from wamsg.errors import ValidationError

__all__ = [
    "ButtonReply",
    "ContactCard",
    "Contacts",
    "Content",
    "InteractiveReply",
    "Location",
    "Order",
    "OrderItem",
    "Reaction",
    "System",
    "TemplateRef",
    "Text",
    "Unsupported",
]


def _none_if_empty(value: str | None) -> str | None:
    return value or None


_MAX_QUANTITY = 10**9
"""The largest quantity of an order line (far beyond any catalog's)."""


_text = check.under("content", check.text)
"""Validator: a required text of a content kind (its errors name ``content.<field>``)."""


def _cards(value: Iterable[ContactCard]) -> tuple[ContactCard, ...]:
    return check.as_tuple(value)  # type: ignore[no-any-return]


def _items(value: Iterable[OrderItem]) -> tuple[OrderItem, ...]:
    return check.as_tuple(value)  # type: ignore[no-any-return]


def _components(value: Iterable[JsonObject]) -> tuple[JsonObject, ...]:
    return check.as_tuple(value)  # type: ignore[no-any-return]


def _variables(value: Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    return check.as_tuple(value)  # type: ignore[no-any-return]


def _json_objects(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validator: a tuple of strict JSON objects (a template's send components)."""
    check.tuple_of(dict)(_instance, attribute, value)
    if value:
        require_strict(list(value), attribute.name)  # type: ignore[call-overload]


def _text_pairs(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validator: a tuple of (name, value) text pairs (Twilio's content variables)."""
    check.tuple_of(tuple)(_instance, attribute, value)
    for pair in value:  # type: ignore[attr-defined]
        if len(pair) != 2 or not all(type(x) is str and is_text(x) for x in pair):
            raise ValidationError("must hold (name, value) text pairs", field=attribute.name)


@attrs.frozen
class Text:
    """A plain text message."""

    kind: ClassVar[str] = "text"
    body: str = attrs.field(validator=_text)

    def to_dict(self) -> JsonObject:
        """Canonical JSON: ``{"kind": "text", "body"}``."""
        return {"kind": self.kind, "body": self.body}


@attrs.frozen(kw_only=True)
class Location:
    """A shared location (WGS 84 degrees) with optional name, address and url."""

    kind: ClassVar[str] = "location"
    latitude: float = attrs.field(validator=check.within(-90.0, 90.0))
    longitude: float = attrs.field(validator=check.within(-180.0, 180.0))
    name: str | None = attrs.field(default=None, validator=check.opt_text)
    address: str | None = attrs.field(default=None, validator=check.opt_text)
    url: str | None = attrs.field(default=None, validator=check.opt_text)

    def to_dict(self) -> JsonObject:
        """Canonical JSON: ``{"kind": "location", latitude, longitude, name, address, url}``."""
        return {
            "kind": self.kind,
            "latitude": self.latitude,
            "longitude": self.longitude,
            "name": self.name,
            "address": self.address,
            "url": self.url,
        }


@attrs.frozen
class ContactCard:
    """One shared contact card, kept whole in Meta's vCard-like shape.

    ``data`` is the card as received (``name``, ``phones``, ``emails``, …);
    :attr:`formatted_name` and :attr:`phones` read the parts a helpdesk shows.
    Treat ``data`` as read-only.
    """

    data: JsonObject = attrs.field(hash=False, validator=check.json_object)

    @property
    def formatted_name(self) -> str | None:
        """``name.formatted_name`` of the card, when present."""
        name = self.data.get("name")
        if isinstance(name, dict):
            value = name.get("formatted_name")
            return value if isinstance(value, str) else None
        return None

    @property
    def phones(self) -> tuple[str, ...]:
        """The phone numbers on the card, as written on it."""
        phones = self.data.get("phones")
        if not isinstance(phones, list):
            return ()
        found = (entry.get("phone") for entry in phones if isinstance(entry, dict))
        return tuple(phone for phone in found if isinstance(phone, str))


@attrs.frozen
class Contacts:
    """One or more shared contact cards."""

    kind: ClassVar[str] = "contacts"
    cards: tuple[ContactCard, ...] = attrs.field(
        converter=_cards, validator=check.tuple_of(ContactCard)
    )

    def to_dict(self) -> JsonObject:
        """Canonical JSON: ``{"kind": "contacts", "contacts": [card, ...]}``."""
        return {"kind": self.kind, "contacts": [dict(card.data) for card in self.cards]}


@attrs.frozen(kw_only=True)
class Reaction:
    """An emoji reaction to ``message_id``; ``emoji`` is None when a reaction is removed."""

    kind: ClassVar[str] = "reaction"
    message_id: str = attrs.field(validator=_text)
    emoji: str | None = attrs.field(
        default=None, converter=_none_if_empty, validator=check.opt_text
    )

    def to_dict(self) -> JsonObject:
        """Canonical JSON: ``{"kind": "reaction", message_id, emoji}``."""
        return {"kind": self.kind, "message_id": self.message_id, "emoji": self.emoji}


@attrs.frozen(kw_only=True)
class InteractiveReply:
    """The customer's answer to an interactive message.

    ``reply_type`` is ``"button"`` (reply button), ``"list"`` (list row),
    ``"flow"`` (a WhatsApp Flow, ``response_json`` a JSON string) or another
    type the provider names (kept as sent, e.g. ``"address_message"``,
    ``"nfm_reply"`` of a name wamsg does not know). For a type wamsg does not model,
    ``data`` is the reply's own object as sent, so that replies of one type stay
    distinguishable; it is empty for the modelled types. An answer to a call
    permission request is :class:`~wamsg.content.CallPermissionReply` instead.
    """

    kind: ClassVar[str] = "interactive_reply"
    reply_type: str = attrs.field(validator=_text)
    id: str | None = attrs.field(default=None, validator=check.opt_text)
    title: str | None = attrs.field(default=None, validator=check.opt_text)
    description: str | None = attrs.field(default=None, validator=check.opt_text)
    response_json: str | None = attrs.field(default=None, validator=check.opt_text)
    data: JsonObject = attrs.field(factory=dict, hash=False, validator=check.json_object)

    def to_dict(self) -> JsonObject:
        """Canonical JSON: reply_type, id, title, description, response_json, and
        ``data`` when the reply carries any."""
        out: JsonObject = {
            "kind": self.kind,
            "reply_type": self.reply_type,
            "id": self.id,
            "title": self.title,
            "description": self.description,
            "response_json": self.response_json,
        }
        if self.data:
            out["data"] = dict(self.data)
        return out


@attrs.frozen(kw_only=True)
class ButtonReply:
    """A tap on a *template* quick-reply button (Meta type ``button``)."""

    kind: ClassVar[str] = "button_reply"
    text: str = attrs.field(validator=_text)
    payload: str | None = attrs.field(default=None, validator=check.opt_text)

    def to_dict(self) -> JsonObject:
        """Canonical JSON: ``{"kind": "button_reply", text, payload}``."""
        return {"kind": self.kind, "text": self.text, "payload": self.payload}


def to_decimal(value: object) -> Decimal | None:
    """Read a price (number or decimal string) as a finite :class:`~decimal.Decimal`."""
    if value is None:
        return value
    if isinstance(value, Decimal):
        return check.price(value, "content.items.item_price")
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise ValidationError("must be a number", field="content.items.item_price", value=value)
    try:
        result = Decimal(str(value))
    except (InvalidOperation, ValueError):  # ValueError: an int beyond the str limit
        raise ValidationError(
            "must be a number", field="content.items.item_price", value=value
        ) from None
    return check.price(result, "content.items.item_price")


@attrs.frozen(kw_only=True)
class OrderItem:
    """One line of an order; prices are :class:`~decimal.Decimal`, never float."""

    product_retailer_id: str = attrs.field(validator=_text)
    quantity: int = attrs.field(validator=check.integer(0, _MAX_QUANTITY))
    item_price: Decimal | None = attrs.field(default=None, converter=to_decimal)
    currency: str | None = attrs.field(default=None, validator=check.opt_text)

    def to_dict(self) -> JsonObject:
        """Canonical JSON; ``item_price`` as a decimal string."""
        return {
            "product_retailer_id": self.product_retailer_id,
            "quantity": self.quantity,
            "item_price": None if self.item_price is None else str(self.item_price),
            "currency": self.currency,
        }


@attrs.frozen(kw_only=True)
class Order:
    """An order sent from a catalog (Meta type ``order``)."""

    kind: ClassVar[str] = "order"
    catalog_id: str | None = attrs.field(default=None, validator=check.opt_text)
    text: str | None = attrs.field(default=None, validator=check.opt_text)
    items: tuple[OrderItem, ...] = attrs.field(
        default=(), converter=_items, validator=check.tuple_of(OrderItem)
    )

    def to_dict(self) -> JsonObject:
        """Canonical JSON: ``{"kind": "order", catalog_id, text, items: [...]}``."""
        return {
            "kind": self.kind,
            "catalog_id": self.catalog_id,
            "text": self.text,
            "items": [item.to_dict() for item in self.items],
        }


@attrs.frozen(kw_only=True)
class System:
    """A system message, e.g. ``user_changed_number`` with the ``new_wa_id``."""

    kind: ClassVar[str] = "system"
    system_type: str = attrs.field(validator=_text)
    body: str | None = attrs.field(default=None, validator=check.opt_text)
    new_wa_id: str | None = attrs.field(default=None, validator=check.opt_text)

    def to_dict(self) -> JsonObject:
        """Canonical JSON: ``{"kind": "system", system_type, body, new_wa_id}``."""
        return {
            "kind": self.kind,
            "system_type": self.system_type,
            "body": self.body,
            "new_wa_id": self.new_wa_id,
        }


@attrs.frozen(kw_only=True)
class TemplateRef:
    """A template message: which template, in which language, which category.

    For sending, it may also carry what the provider needs: ``components``, the
    Meta send components with the bound parameters (as ``wamsg.templates``
    renders them), and for Twilio the ``content_sid`` (``HX…``) and its
    ``variables`` (``ContentVariables``). A recorded or echoed template
    message usually has only name, language and category.
    """

    kind: ClassVar[str] = "template"
    name: str = attrs.field(validator=_text)
    language: str = attrs.field(validator=_text)
    category: str | None = attrs.field(default=None, validator=check.opt_text)
    components: tuple[JsonObject, ...] = attrs.field(
        default=(), hash=False, converter=_components, validator=_json_objects
    )
    content_sid: str | None = attrs.field(default=None, validator=check.opt_text)
    variables: tuple[tuple[str, str], ...] = attrs.field(
        default=(), converter=_variables, validator=_text_pairs
    )

    def to_dict(self) -> JsonObject:
        """Canonical JSON: ``{"kind": "template", "template": {name, language, category}}``.

        ``components``, ``content_sid`` and ``variables`` are written inside
        ``template`` only when present.
        """
        template: JsonObject = {
            "name": self.name,
            "language": self.language,
            "category": self.category,
        }
        if self.components:
            template["components"] = [dict(c) for c in self.components]
        if self.content_sid is not None:
            template["content_sid"] = self.content_sid
        if self.variables:
            template["variables"] = dict(self.variables)
        return {"kind": self.kind, "template": template}


@attrs.frozen(kw_only=True)
class Unsupported:
    """A content kind wamsg does not model; ``type`` and ``data`` are kept as received."""

    kind: ClassVar[str] = "unsupported"
    type: str = attrs.field(validator=_text)
    data: JsonObject = attrs.field(factory=dict, hash=False, validator=check.json_object)

    def to_dict(self) -> JsonObject:
        """Canonical JSON: ``{"kind": "unsupported", "type", "data"}``."""
        return {"kind": self.kind, "type": self.type, "data": dict(self.data)}


Content: TypeAlias = (
    Text
    | Image
    | Audio
    | Video
    | Document
    | Sticker
    | Location
    | Contacts
    | Reaction
    | InteractiveReply
    | CallPermissionReply
    | ButtonReply
    | Order
    | System
    | TemplateRef
    | ReplyButtons
    | ListMessage
    | Unsupported
)
"""The closed union of message content kinds; ``match`` on it exhaustively.

:class:`~wamsg.content.interactive.ReplyButtons` and
:class:`~wamsg.content.interactive.ListMessage` are what a business sends (a customer
answers with :class:`InteractiveReply`).
"""
