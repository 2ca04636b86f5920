"""Reading message content from its canonical JSON form (the inverse of ``to_dict``)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TypeGuard

from wamsg._internal.decode import require_strict
from wamsg._internal.json import (
    Json,
    JsonObject,
    opt_bool,
    opt_float,
    opt_str,
    parse_time,
    req_mapping,
    req_str,
)
from wamsg.content._interactive_readers import buttons_from_dict, list_from_dict
from wamsg.content.call_permission import CallPermissionReply
from wamsg.content.media import Audio, Document, Image, Media, Sticker, Video
from wamsg.content.model import (
    ButtonReply,
    ContactCard,
    Contacts,
    Content,
    InteractiveReply,
    Location,
    Order,
    OrderItem,
    Reaction,
    System,
    TemplateRef,
    Text,
    Unsupported,
    to_decimal,
)
from wamsg.errors import ValidationError

__all__ = ["content_from_dict"]

_F = "content"
# A quantity written as text is read only up to this many digits (no order is larger).
_MAX_QUANTITY_DIGITS = 18


def _or_default(value: Json, default: Json) -> Json:
    """``default`` for a missing or null key; any other value (even ``{}`` or 0) as sent."""
    return default if value is None else value


def _is_count(value: object) -> TypeGuard[str]:
    """True for a quantity written as text (``"2"``), as some providers send it."""
    return (
        isinstance(value, str)
        and 0 < len(value) <= _MAX_QUANTITY_DIGITS
        and value.isascii()
        and value.isdigit()
    )


def _items(data: Mapping[str, Json]) -> tuple[OrderItem, ...]:
    raw = _or_default(data.get("items"), [])
    if not isinstance(raw, list):
        raise ValidationError("must be a list", field="content.items", value=raw)
    items = []
    for index, entry in enumerate(raw):
        item = req_mapping(entry, f"content.items[{index}]")
        quantity = item.get("quantity")
        if _is_count(quantity):
            quantity = int(quantity)
        if not isinstance(quantity, int) or isinstance(quantity, bool):
            raise ValidationError(
                "must be an integer", field=f"content.items[{index}].quantity", value=quantity
            )
        items.append(
            OrderItem(
                product_retailer_id=req_str(
                    item, "product_retailer_id", f"content.items[{index}]"
                ),
                quantity=quantity,
                item_price=to_decimal(item.get("item_price")),
                currency=opt_str(item, "currency", f"content.items[{index}]"),
            )
        )
    return tuple(items)


def _cards(data: Mapping[str, Json]) -> tuple[ContactCard, ...]:
    raw = data.get("contacts")
    if not isinstance(raw, list):
        raise ValidationError(
            "must be a list of contact cards", field="content.contacts", value=raw
        )
    return tuple(ContactCard(dict(req_mapping(card, "content.contacts[]"))) for card in raw)


def _location(data: Mapping[str, Json]) -> Location:
    latitude = opt_float(data, "latitude", _F)
    longitude = opt_float(data, "longitude", _F)
    if latitude is None or longitude is None:
        raise ValidationError("a location needs latitude and longitude", field=_F)
    return Location(
        latitude=latitude,
        longitude=longitude,
        name=opt_str(data, "name", _F),
        address=opt_str(data, "address", _F),
        url=opt_str(data, "url", _F),
    )


def _template(data: Mapping[str, Json]) -> TemplateRef:
    field = "content.template"
    template = req_mapping(data.get("template"), field)
    components = _or_default(template.get("components"), [])
    if not isinstance(components, list):
        raise ValidationError("must be a list", field=f"{field}.components", value=components)
    variables = _or_default(template.get("variables"), {})
    if not isinstance(variables, dict) or not all(isinstance(v, str) for v in variables.values()):
        raise ValidationError(
            "must map variable names to strings", field=f"{field}.variables", value=variables
        )
    return TemplateRef(
        name=req_str(template, "name", field),
        language=req_str(template, "language", field),
        category=opt_str(template, "category", field),
        components=tuple(
            dict(req_mapping(c, f"{field}.components[{i}]")) for i, c in enumerate(components)
        ),
        content_sid=opt_str(template, "content_sid", field),
        variables=tuple((k, v) for k, v in variables.items() if isinstance(v, str)),
    )


def _call_permission(data: Mapping[str, Json]) -> CallPermissionReply:
    expires = data.get("expires_at")
    return CallPermissionReply(
        response=req_str(data, "response", _F),
        expires_at=None if expires is None else parse_time(expires, f"{_F}.expires_at"),
        source=opt_str(data, "source", _F),
        data=_opt_object(data, "data"),
    )


def _unsupported(data: Mapping[str, Json]) -> Unsupported:
    inner = data.get("data")
    return Unsupported(
        type=opt_str(data, "type", _F) or "unknown",
        data=dict(inner) if isinstance(inner, dict) else {},
    )


_READERS: dict[str, Callable[[Mapping[str, Json]], Content]] = {
    "text": lambda d: Text(req_str(d, "body", _F)),
    "image": lambda d: Image(Media.from_dict(d)),
    "video": lambda d: Video(Media.from_dict(d)),
    "audio": lambda d: Audio(media=Media.from_dict(d), voice=opt_bool(d, "voice", _F)),
    "document": lambda d: Document(media=Media.from_dict(d),
                                   filename=opt_str(d, "filename", _F)),
    "sticker": lambda d: Sticker(media=Media.from_dict(d), animated=opt_bool(d, "animated", _F)),
    "location": _location,
    "contacts": lambda d: Contacts(_cards(d)),
    "reaction": lambda d: Reaction(message_id=req_str(d, "message_id", _F),
                                   emoji=opt_str(d, "emoji", _F) or None),
    "interactive_reply": lambda d: InteractiveReply(
        reply_type=req_str(d, "reply_type", _F),
        id=opt_str(d, "id", _F),
        title=opt_str(d, "title", _F),
        description=opt_str(d, "description", _F),
        response_json=opt_str(d, "response_json", _F),
        data=_opt_object(d, "data"),
    ),
    "call_permission_reply": _call_permission,
    "button_reply": lambda d: ButtonReply(text=req_str(d, "text", _F),
                                          payload=opt_str(d, "payload", _F)),
    "order": lambda d: Order(catalog_id=opt_str(d, "catalog_id", _F),
                             text=opt_str(d, "text", _F), items=_items(d)),
    "system": lambda d: System(system_type=req_str(d, "system_type", _F),
                               body=opt_str(d, "body", _F), new_wa_id=opt_str(d, "new_wa_id", _F)),
    "template": _template,
    "buttons": buttons_from_dict,
    "list": list_from_dict,
    "unsupported": _unsupported,
}  # fmt: skip


def _opt_object(data: Mapping[str, Json], key: str) -> JsonObject:
    value = data.get(key)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ValidationError("must be a JSON object", field=f"{_F}.{key}", value=value)
    return dict(value)


def content_from_dict(data: object) -> Content:
    """Read a content object in canonical JSON form.

    A ``kind`` wamsg does not know becomes :class:`Unsupported` with the whole
    object kept as its ``data``: nothing is dropped.
    """
    mapping = req_mapping(data, _F)
    kind = mapping.get("kind")
    if not isinstance(kind, str):
        raise ValidationError("must name its kind", field="content.kind", value=kind)
    reader = _READERS.get(kind)
    if reader is None:
        require_strict(mapping, _F)  # kept whole: strict JSON only
        return Unsupported(type=kind, data=dict(mapping))
    return reader(mapping)
