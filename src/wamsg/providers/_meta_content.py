"""Meta Cloud API inbound message objects → wamsg content and context.

Types and keys: [rule meta.message.types]. ``request_welcome`` (a user opening the
chat for the first time, which opens a customer service window,
[rule meta.csw.request-welcome]) and every type wamsg does not model become
:class:`~wamsg.Unsupported` keeping the type and the type's own object.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TypeAlias

from wamsg._internal.json import Json, JsonObject
from wamsg.content import (
    Audio,
    ButtonReply,
    CallPermissionReply,
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
from wamsg.errors import ValidationError
from wamsg.messages import EMPTY_CONTEXT, Context, Referral, ReferredProduct
from wamsg.providers._read import as_list, as_object, text, unix_time

__all__ = ["meta_content", "meta_context"]

_COMMON = frozenset({"from", "from_user_id", "id", "timestamp", "type", "context", "referral"})
_Reader: TypeAlias = Callable[[Mapping[str, Json]], Content]

# Field names in errors are relative to the type's own object (``body``);
# meta_content puts the type in front and the caller the item
# (``messages[3].text.body``).


def _media(data: Mapping[str, Json]) -> Media:
    return Media(
        id=text(data, "id"),
        url=text(data, "url") or text(data, "link"),
        mime_type=text(data, "mime_type"),
        sha256=text(data, "sha256"),
        caption=text(data, "caption"),
    )


def _required(data: Mapping[str, Json], key: str) -> str:
    value = data.get(key)
    if type(value) is str:
        return value
    found = text(data, key)
    if found is None:
        raise ValidationError("is required", field=key, value=value)
    return found


def _number(data: Mapping[str, Json], key: str) -> float:
    value = data.get(key)
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        try:
            return float(value)
        except (ValueError, OverflowError):  # not a number, or an int too large for a float
            pass
    raise ValidationError("must be a number", field=key, value=value)


def _text(data: Mapping[str, Json]) -> Content:
    body = data.get("body")
    if type(body) is not str:
        body = _required(data, "body")
    return Text(body)  # which refuses an empty body


def _image(data: Mapping[str, Json]) -> Content:
    return Image(_media(data))


def _video(data: Mapping[str, Json]) -> Content:
    return Video(_media(data))


def _audio(data: Mapping[str, Json]) -> Content:
    return Audio(media=_media(data), voice=data.get("voice") is True)


def _document(data: Mapping[str, Json]) -> Content:
    return Document(media=_media(data), filename=text(data, "filename"))


def _sticker(data: Mapping[str, Json]) -> Content:
    return Sticker(media=_media(data), animated=data.get("animated") is True)


def _location(data: Mapping[str, Json]) -> Content:
    return Location(
        latitude=_number(data, "latitude"),
        longitude=_number(data, "longitude"),
        name=text(data, "name"),
        address=text(data, "address"),
        url=text(data, "url"),
    )


def _reaction(data: Mapping[str, Json]) -> Content:
    return Reaction(message_id=_required(data, "message_id"), emoji=text(data, "emoji") or None)


def _interactive(data: Mapping[str, Json]) -> Content:
    kind = text(data, "type") or "unknown"
    if kind in ("button_reply", "list_reply"):
        reply = as_object(data.get(kind), kind)
        return InteractiveReply(
            reply_type=kind.removesuffix("_reply"),
            id=text(reply, "id"),
            title=text(reply, "title"),
            description=text(reply, "description"),
        )
    if kind == "nfm_reply":
        reply = as_object(data.get(kind), kind)
        name = text(reply, "name") or "flow"
        return InteractiveReply(
            reply_type=name,
            title=text(reply, "body"),
            response_json=text(reply, "response_json"),
        )
    if kind == "call_permission_reply":
        return _call_permission(as_object(data.get(kind), kind))
    inner = data.get(kind)
    return InteractiveReply(reply_type=kind, data=dict(inner) if isinstance(inner, dict) else {})


_PERMISSION_KEYS = ("response", "expiration_timestamp", "response_source")


def _call_permission(reply: Mapping[str, Json]) -> Content:
    """A call permission reply [rule meta.calls.permission-reply] (fields under its key)."""
    field = "call_permission_reply"
    response = reply.get("response")
    if not response or type(response) is not str:
        raise ValidationError("is required", field=f"{field}.response", value=response)
    source = reply.get("response_source")
    if source is not None and type(source) is not str:
        raise ValidationError("must be a string", field=f"{field}.response_source", value=source)
    expires = unix_time(reply.get("expiration_timestamp"), f"{field}.expiration_timestamp")
    others = {key: value for key, value in reply.items() if key not in _PERMISSION_KEYS}
    return CallPermissionReply(response=response, expires_at=expires, source=source, data=others)


def _button(data: Mapping[str, Json]) -> Content:
    return ButtonReply(text=_required(data, "text"), payload=text(data, "payload"))


def _order_item(entry: Json, field: str) -> OrderItem:
    item = as_object(entry, field)
    quantity = item.get("quantity")
    if isinstance(quantity, str) and quantity.isascii() and quantity.isdigit():
        digits = quantity
        try:
            quantity = int(digits)
        except ValueError:  # more digits than Python converts (sys.get_int_max_str_digits)
            shown = digits[:20] + "…"
            raise ValidationError(
                "must be an integer", field=f"{field}.quantity", value=shown
            ) from None
    if not isinstance(quantity, int) or isinstance(quantity, bool):
        raise ValidationError("must be an integer", field=f"{field}.quantity", value=quantity)
    try:
        retailer_id = _required(item, "product_retailer_id")
    except ValidationError as error:
        raise error.within(field) from None
    return OrderItem(
        product_retailer_id=retailer_id,
        quantity=quantity,
        item_price=item.get("item_price"),
        currency=text(item, "currency"),
    )


def _order(data: Mapping[str, Json]) -> Content:
    entries = as_list(data.get("product_items"), "product_items")
    items = tuple(
        _order_item(entry, f"product_items[{index}]") for index, entry in enumerate(entries)
    )
    return Order(catalog_id=text(data, "catalog_id"), text=text(data, "text"), items=items)


def _system(data: Mapping[str, Json]) -> Content:
    return System(
        system_type=text(data, "type") or "unknown",
        body=text(data, "body"),
        new_wa_id=text(data, "wa_id") or text(data, "new_wa_id"),
    )


_READERS: dict[str, _Reader] = {
    "text": _text,
    "image": _image,
    "video": _video,
    "audio": _audio,
    "document": _document,
    "sticker": _sticker,
    "location": _location,
    "reaction": _reaction,
    "interactive": _interactive,
    "button": _button,
    "order": _order,
    "system": _system,
}


def meta_content(message: Mapping[str, Json], change_errors: list[Json] | None = None) -> Content:
    """The content of one ``messages[]`` item (error fields relative to the item).

    A known type whose object is missing is Meta's "unsupported webhook payload"
    [rule meta.webhook.errors]: the message is kept, with :class:`~wamsg.content.Unsupported`
    content of that type holding the message's own keys and, when it has none, the
    change's ``errors`` that say why.
    """
    kind = message.get("type")
    if not kind or type(kind) is not str:
        kind = text(message, "type") or "unknown"
    read = _READERS.get(kind)
    if kind not in message and (read is not None or kind == "contacts"):
        return _without_object(message, kind, change_errors)
    if read is not None:
        inner = message.get(kind)
        try:
            return read(inner if isinstance(inner, dict) else as_object(inner, ""))
        except ValidationError as error:
            raise _within_type(error, kind) from None
    if kind == "contacts":
        cards = as_list(message.get("contacts"), "contacts")
        return Contacts(
            tuple(
                ContactCard(dict(as_object(card, f"contacts[{index}]")))
                for index, card in enumerate(cards)
            )
        )
    data: JsonObject = {key: value for key, value in message.items() if key not in _COMMON}
    if kind == "unsupported":
        inner = message.get("unsupported")
        if isinstance(inner, dict) and isinstance(inner.get("type"), str):
            kind = str(inner["type"])
    return Unsupported(type=kind, data=data)


def _without_object(
    message: Mapping[str, Json], kind: str, change_errors: list[Json] | None
) -> Unsupported:
    data: JsonObject = {key: value for key, value in message.items() if key not in _COMMON}
    if "errors" not in data and change_errors:
        data["errors"] = list(change_errors)
    return Unsupported(type=kind, data=data)


def _within_type(error: ValidationError, kind: str) -> ValidationError:
    """``error`` placed under the type's object: ``body`` → ``text.body``.

    The content values name their own fields ``content.<name>`` (a ``Location``
    refusing its latitude); the name stands for the same key of the type's object.
    """
    field = error.field
    if field == "content" or field.startswith("content."):
        renamed = ValidationError(error.reason, field=kind + field[7:], value=error.value)
        renamed.__cause__ = error.__cause__
        return renamed
    return error.within(kind)


def meta_context(message: Mapping[str, Json]) -> Context:
    """Reply, forwarding, referred product and referral of one ``messages[]`` item."""
    raw_context = message.get("context")
    raw_referral = message.get("referral")
    if raw_context is None and raw_referral is None:
        return EMPTY_CONTEXT
    context = as_object(raw_context, "context") if raw_context is not None else {}
    product = context.get("referred_product")
    referred = None
    if isinstance(product, dict):
        try:
            referred = ReferredProduct(
                catalog_id=_required(product, "catalog_id"),
                product_retailer_id=_required(product, "product_retailer_id"),
            )
        except ValidationError as error:
            raise error.within("context.referred_product") from None
    referral = None
    if raw_referral is not None:
        referral = Referral.from_dict(raw_referral, "referral")
    return Context(
        reply_to=text(context, "id"),
        forwarded=context.get("forwarded") is True,
        frequently_forwarded=context.get("frequently_forwarded") is True,
        referral=referral,
        referred_product=referred,
    )
