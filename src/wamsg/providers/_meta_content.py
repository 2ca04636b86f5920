"""Meta Cloud API inbound message objects → wamsg content and context.

Types and keys: ``reference/meta-platform.md`` §6.2. ``request_welcome`` (a
user opening the chat for the first time, which opens a customer service
window) and every type wamsg does not model become :class:`~wamsg.Unsupported`
keeping the type and the type's own object.
"""

from __future__ import annotations

from collections.abc import Mapping

from .._json import Json, JsonObject
from ..content import (
    Audio,
    ButtonReply,
    ContactCard,
    Contacts,
    Content,
    Document,
    Image,
    InteractiveReply,
    Location,
    Media,
    Order,
    OrderItem,
    Reaction,
    Sticker,
    System,
    Text,
    Unsupported,
    Video,
)
from ..errors import ValidationError
from ..messages import EMPTY_CONTEXT, Context, Referral, ReferredProduct
from ._read import as_list, as_object, text

__all__ = ["meta_content", "meta_context"]

_COMMON = frozenset({"from", "from_user_id", "id", "timestamp", "type", "context", "referral"})


def _media(data: Mapping[str, Json], field: str) -> Media:
    return Media(
        id=text(data, "id"),
        url=text(data, "url") or text(data, "link"),
        mime_type=text(data, "mime_type"),
        sha256=text(data, "sha256"),
        caption=text(data, "caption"),
    )


def _required(data: Mapping[str, Json], key: str, field: str) -> str:
    value = text(data, key)
    if value is None:
        raise ValidationError("is required", field=f"{field}.{key}", value=data.get(key))
    return value


def _number(data: Mapping[str, Json], key: str, field: str) -> float:
    value = data.get(key)
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            pass
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    raise ValidationError("must be a number", field=f"{field}.{key}", value=value)


def _interactive(data: Mapping[str, Json], field: str) -> InteractiveReply:
    kind = text(data, "type") or "unknown"
    if kind in ("button_reply", "list_reply"):
        reply = as_object(data.get(kind), f"{field}.{kind}")
        return InteractiveReply(
            reply_type=kind.removesuffix("_reply"),
            id=text(reply, "id"),
            title=text(reply, "title"),
            description=text(reply, "description"),
        )
    if kind == "nfm_reply":
        reply = as_object(data.get(kind), f"{field}.{kind}")
        name = text(reply, "name") or "flow"
        return InteractiveReply(
            reply_type=name,
            title=text(reply, "body"),
            response_json=text(reply, "response_json"),
        )
    return InteractiveReply(reply_type=kind)


def _order(data: Mapping[str, Json], field: str) -> Order:
    items = []
    for index, entry in enumerate(as_list(data.get("product_items"), f"{field}.product_items")):
        item = as_object(entry, f"{field}.product_items[{index}]")
        quantity = item.get("quantity")
        if isinstance(quantity, str) and quantity.isascii() and quantity.isdigit():
            quantity = int(quantity)
        if not isinstance(quantity, int) or isinstance(quantity, bool):
            raise ValidationError("must be an integer", field=f"{field}.quantity", value=quantity)
        items.append(
            OrderItem(
                product_retailer_id=_required(item, "product_retailer_id", field),
                quantity=quantity,
                item_price=item.get("item_price"),
                currency=text(item, "currency"),
            )
        )
    return Order(catalog_id=text(data, "catalog_id"), text=text(data, "text"), items=tuple(items))


def _typed(kind: str, data: Mapping[str, Json], field: str) -> Content:
    if kind == "text":
        return Text(_required(data, "body", field))
    if kind == "image":
        return Image(_media(data, field))
    if kind == "video":
        return Video(_media(data, field))
    if kind == "audio":
        return Audio(media=_media(data, field), voice=data.get("voice") is True)
    if kind == "document":
        return Document(media=_media(data, field), filename=text(data, "filename"))
    if kind == "sticker":
        return Sticker(media=_media(data, field), animated=data.get("animated") is True)
    if kind == "location":
        return Location(
            latitude=_number(data, "latitude", field),
            longitude=_number(data, "longitude", field),
            name=text(data, "name"),
            address=text(data, "address"),
            url=text(data, "url"),
        )
    if kind == "reaction":
        return Reaction(
            message_id=_required(data, "message_id", field), emoji=text(data, "emoji") or None
        )
    if kind == "interactive":
        return _interactive(data, field)
    if kind == "button":
        return ButtonReply(text=_required(data, "text", field), payload=text(data, "payload"))
    if kind == "order":
        return _order(data, field)
    return System(
        system_type=text(data, "type") or "unknown",
        body=text(data, "body"),
        new_wa_id=text(data, "wa_id") or text(data, "new_wa_id"),
    )


_KNOWN = frozenset(
    {
        "text",
        "image",
        "video",
        "audio",
        "document",
        "sticker",
        "location",
        "reaction",
        "interactive",
        "button",
        "order",
        "system",
    }
)


def meta_content(message: Mapping[str, Json], field: str) -> Content:
    """The content of one ``messages[]`` item."""
    kind = text(message, "type") or "unknown"
    if kind == "contacts":
        cards = as_list(message.get("contacts"), f"{field}.contacts")
        return Contacts(tuple(ContactCard(dict(as_object(card, field))) for card in cards))
    if kind in _KNOWN:
        return _typed(kind, as_object(message.get(kind), f"{field}.{kind}"), f"{field}.{kind}")
    data: JsonObject = {key: value for key, value in message.items() if key not in _COMMON}
    if kind == "unsupported":
        inner = message.get("unsupported")
        if isinstance(inner, dict) and isinstance(inner.get("type"), str):
            kind = str(inner["type"])
    return Unsupported(type=kind, data=data)


def meta_context(message: Mapping[str, Json], field: str) -> Context:
    """Reply, forwarding, referred product and referral of one ``messages[]`` item."""
    raw_context = message.get("context")
    raw_referral = message.get("referral")
    if raw_context is None and raw_referral is None:
        return EMPTY_CONTEXT
    context = as_object(raw_context, f"{field}.context") if raw_context is not None else {}
    product = context.get("referred_product")
    referred = None
    if isinstance(product, dict):
        referred = ReferredProduct(
            catalog_id=_required(product, "catalog_id", f"{field}.context.referred_product"),
            product_retailer_id=_required(
                product, "product_retailer_id", f"{field}.context.referred_product"
            ),
        )
    referral = None
    if raw_referral is not None:
        referral = Referral.from_dict(raw_referral, f"{field}.referral")
    return Context(
        reply_to=text(context, "id"),
        forwarded=context.get("forwarded") is True,
        frequently_forwarded=context.get("frequently_forwarded") is True,
        referral=referral,
        referred_product=referred,
    )
