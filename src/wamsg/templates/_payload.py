"""Send shapes and preview text shared by both ways of binding (plan and checking renderer).

Facts: Meta's send components ([rule meta.template.send-components]: ``parameter_name``
for named parameters, button ``sub_type`` and string ``index``), Twilio's
``ContentVariables`` ([rule twilio.content.variables]). Nothing here checks values: callers
pass values already checked.
"""

from __future__ import annotations

from collections.abc import Mapping

from wamsg._internal.json import JsonObject
from wamsg.content import Document, Location, Media
from wamsg.templates._placeholders import ParsedText, parse_text
from wamsg.templates.model import ButtonKind, HeaderFormat, Template
from wamsg.templates.values import BodyValue, Currency, HeaderValue

__all__ = [
    "AUTH_BODY",
    "AUTH_BODY_SECURE",
    "BUTTON_PARAMETERS",
    "body_parameter",
    "button_component",
    "fill",
    "location_header",
    "media_header",
    "preview_text",
    "twilio_variables",
]

# Authentication bodies and footers are preset by Meta [rule meta.template.auth.preset-text].
AUTH_BODY = parse_text("*{{1}}* is your verification code.")
AUTH_BODY_SECURE = parse_text(
    "*{{1}}* is your verification code. For your security, do not share this code."
)
_AUTH_FOOTER = "This code expires in {} minutes."

# kind → (sub_type, parameter type or action key, value required)
# [rule meta.template.send-components]; OTP buttons are sent as sub_type "url" with the
# code as text, per Meta's examples.
BUTTON_PARAMETERS: dict[ButtonKind, tuple[str, str, bool]] = {
    ButtonKind.URL: ("url", "text", True),
    ButtonKind.OTP: ("url", "text", True),
    ButtonKind.QUICK_REPLY: ("quick_reply", "payload", False),
    ButtonKind.COPY_CODE: ("copy_code", "coupon_code", True),
    ButtonKind.FLOW: ("flow", "flow_token", False),
    ButtonKind.CATALOG: ("catalog", "thumbnail_product_retailer_id", False),
}


def body_parameter(name: str, value: BodyValue, named: bool) -> JsonObject:
    """One body parameter: text, currency or date_time (with its name when ``named``)."""
    if isinstance(value, str):
        if named:
            return {"type": "text", "parameter_name": name, "text": value}
        return {"type": "text", "text": value}
    if isinstance(value, Currency):
        param: JsonObject = {
            "type": "currency",
            "currency": {
                "fallback_value": value.fallback_value,
                "code": value.code,
                "amount_1000": value.amount_1000,
            },
        }
    else:
        param = {"type": "date_time", "date_time": {"fallback_value": value.fallback_value}}
    if named:
        param["parameter_name"] = name
    return param


def button_component(index: str, sub_type: str, param_type: str, text: str) -> JsonObject:
    """One button's send component; flow and catalog values go in an ``action``."""
    param: JsonObject = (
        {"type": "action", "action": {param_type: text}}
        if sub_type in ("flow", "catalog")
        else {"type": param_type, param_type: text}
    )
    return {"type": "button", "sub_type": sub_type, "index": index, "parameters": [param]}


def location_header(value: HeaderValue | None) -> tuple[JsonObject, str] | None:
    """A location header's component and preview, or None when ``value`` is no Location."""
    if not isinstance(value, Location):
        return None
    location: JsonObject = {
        "latitude": repr(value.latitude),
        "longitude": repr(value.longitude),
    }
    for key, text in (("name", value.name), ("address", value.address)):
        if text is not None:
            location[key] = text
    parameter: JsonObject = {"type": "location", "location": location}
    where = ", ".join(t for t in (value.name, value.address) if t)
    preview = f"[Location: {where}]" if where else "[Location]"
    return {"type": "header", "parameters": [parameter]}, preview


def media_header(fmt: HeaderFormat, value: HeaderValue | None) -> tuple[JsonObject, str] | None:
    """A media header's component and preview, or None when ``value`` holds no Media."""
    filename = value.filename if isinstance(value, Document) else None
    media = value.media if isinstance(value, Document) else value
    if not isinstance(media, Media):
        return None
    kind = fmt.value.lower()
    target: JsonObject = {"id": media.id} if media.id is not None else {"link": media.url}
    if filename is not None and fmt is HeaderFormat.DOCUMENT:
        target["filename"] = filename
    parameter: JsonObject = {"type": kind, kind: target}
    return {"type": "header", "parameters": [parameter]}, f"[{fmt.value}]"


def fill(parsed: ParsedText, texts: Mapping[str, str]) -> str:
    """The text with each placeholder replaced by its value (empty when missing)."""
    parts = [parsed.literals[0]]
    for placeholder, literal in zip(parsed.placeholders, parsed.literals[1:], strict=True):
        parts.append(texts.get(placeholder.name, ""))
        parts.append(literal)
    return "".join(parts)


def preview_text(
    template: Template,
    header_text: str | None,
    header_preview: str | None,
    body_parsed: ParsedText | None,
    body_texts: Mapping[str, str],
) -> str:
    """The plain text the customer reads: header, body, footer, button labels."""
    parts = []
    header = template.header
    if header_preview is not None:
        parts.append(header_preview)
    elif header is not None and header.format is HeaderFormat.TEXT:
        names = header.parsed.names
        parts.append(fill(header.parsed, {names[0]: header_text or ""} if names else {}))
    if body_parsed is not None:
        parts.append(fill(body_parsed, body_texts))
    footer = template.footer
    if footer is not None and footer.code_expiration_minutes is not None and not footer.text:
        parts.append(_AUTH_FOOTER.format(footer.code_expiration_minutes))
    elif footer is not None and footer.text:
        parts.append(footer.text)
    if template.buttons:
        parts.append(" ".join(b.label for b in template.buttons))
    return "\n\n".join(parts)


def twilio_variables(
    template: Template,
    header_text: str | None,
    body_texts: Mapping[str, str],
    buttons: Mapping[int, object],
) -> tuple[tuple[str, str], ...]:
    """Twilio ``ContentVariables`` pairs: header, body and URL-suffix values by placeholder."""
    if template.content_sid is None:
        return ()
    texts: dict[str, str] = {}
    header = template.header
    if header is not None and header.parsed.names and header_text is not None:
        texts[header.parsed.names[0]] = header_text
    texts.update(body_texts)
    for index, button in enumerate(template.buttons):
        value = buttons.get(index)
        if button.has_dynamic_url and isinstance(value, str):
            texts.setdefault(button.parsed_url.names[0], value)
    return tuple(texts.items())
