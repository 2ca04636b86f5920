"""Rendering: bind values to a template, get Meta send components, Twilio variables, a preview.

``render(template, body, header=..., buttons=...)`` checks every value at bind
time and raises :class:`~wamsg.errors.ValidationError` whose ``field`` names the
parameter (``body.{{2}}``, ``body.{{first_name}}``, ``header.{{1}}``,
``buttons[0]``). :func:`check_values` runs the same checks and returns every
problem instead of raising. Send shapes: ``reference/meta-platform.md`` §3.2
(``parameter_name`` for named parameters, button ``sub_type`` and string
``index``) and ``providers.md`` §1 (Twilio ``ContentVariables``, a JSON string).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

import attrs

from .._json import JsonObject
from ..content import Document, Location, Media, TemplateRef
from ..errors import ValidationError
from ._bind import AUTH_CODE_MAX, Problems, check_body_value, check_text_value, check_url_suffix
from ._checks_text import BODY_MAX
from ._placeholders import ParsedText, parse_text
from .model import Button, ButtonKind, Category, HeaderFormat, Template
from .values import BodyValue, ButtonValue, Currency, DateTime, HeaderValue

__all__ = ["RenderedTemplate", "check_values", "render"]

# Authentication bodies and footers are preset by Meta (§3.2 [M-AUTH-TPL]).
_AUTH_BODY = parse_text("*{{1}}* is your verification code.")
_AUTH_BODY_SECURE = parse_text(
    "*{{1}}* is your verification code. For your security, do not share this code."
)
_AUTH_FOOTER = "This code expires in {} minutes."


@attrs.frozen(kw_only=True)
class RenderedTemplate:
    """A template with its values bound: what to send and what the customer will read.

    ``components`` are Meta's send components; ``variables`` are Twilio's
    ``ContentVariables`` pairs (only for templates with a ``content_sid``);
    ``preview`` is the plain text the customer will see.
    """

    name: str
    language: str
    category: Category
    components: tuple[JsonObject, ...] = attrs.field(hash=False)
    preview: str
    content_sid: str | None = None
    variables: tuple[tuple[str, str], ...] = ()

    def content_variables(self) -> str:
        """Twilio's ``ContentVariables`` form field: a JSON object as a string."""
        return json.dumps(dict(self.variables), ensure_ascii=False, separators=(",", ":"))

    def meta_template(self) -> JsonObject:
        """Meta's ``template`` object of a send request (``type: template``)."""
        out: JsonObject = {
            "name": self.name,
            "language": {"policy": "deterministic", "code": self.language},
        }
        if self.components:
            out["components"] = [dict(c) for c in self.components]
        return out

    def to_template_ref(self) -> TemplateRef:
        """The :class:`~wamsg.TemplateRef` content that provider adapters send."""
        category = None if self.category is Category.UNKNOWN else self.category.value.lower()
        return TemplateRef(
            name=self.name,
            language=self.language,
            category=category,
            components=self.components,
            content_sid=self.content_sid,
            variables=self.variables,
        )


def _text_parameter(name: str, text: str, named: bool) -> JsonObject:
    if named:
        return {"type": "text", "parameter_name": name, "text": text}
    return {"type": "text", "text": text}


def _body_parameter(name: str, value: BodyValue, named: bool) -> JsonObject:
    if isinstance(value, Currency):
        param: JsonObject = {
            "type": "currency",
            "currency": {
                "fallback_value": value.fallback_value,
                "code": value.code,
                "amount_1000": value.amount_1000,
            },
        }
    elif isinstance(value, DateTime):
        param = {"type": "date_time", "date_time": {"fallback_value": value.fallback_value}}
    else:
        return _text_parameter(name, value, named)
    if named:
        param["parameter_name"] = name
    return param


def _fill(parsed: ParsedText, texts: Mapping[str, str]) -> str:
    parts = [parsed.literals[0]]
    for placeholder, literal in zip(parsed.placeholders, parsed.literals[1:], strict=True):
        parts.append(texts.get(placeholder.name, ""))
        parts.append(literal)
    return "".join(parts)


def _number(name: str) -> tuple[int, str]:
    return (int(name), "") if name.isdigit() else (1 << 30, name)


def _label(name: str) -> str:
    return f"{{{{{name}}}}}"


class _Renderer:
    """One bind: collects components, preview parts and Twilio variables."""

    __slots__ = ("components", "named", "preview", "problems", "template", "texts")

    def __init__(self, template: Template, problems: Problems) -> None:
        self.template = template
        self.problems = problems
        self.named = template.parameter_format.value == "named"
        self.components: list[JsonObject] = []
        self.preview: list[str] = []
        self.texts: dict[str, str] = {}

    def header(self, value: HeaderValue | None) -> None:
        header = self.template.header
        if header is None:
            if value is not None:
                self.problems("header", "the template has no header", value)
            return
        fmt = header.format
        if fmt is HeaderFormat.TEXT:
            self._text_header(header.parsed, value)
        elif fmt is HeaderFormat.LOCATION:
            self._location_header(value)
        elif fmt.is_media:
            self._media_header(fmt, value)
        else:
            self.problems("header", f"header format {header.format_raw!r} cannot be rendered")

    def _text_header(self, parsed: ParsedText, value: HeaderValue | None) -> None:
        if not parsed.names:
            if value is not None:
                self.problems("header", "the header has no parameter", value)
            self.preview.append(_fill(parsed, {}))
            return
        name = parsed.names[0]
        field = f"header.{_label(name)}"
        if not isinstance(value, str):
            self.problems(field, "is missing" if value is None else "must be a str", value)
            value = ""
        else:
            check_text_value(value, field, self.problems)
        self.components.append(
            {
                "type": "header",
                "parameters": [
                    _text_parameter(name, value, not parsed.placeholders[0].positional)
                ],
            }
        )
        self.texts[name] = value
        self.preview.append(_fill(parsed, {name: value}))

    def _location_header(self, value: HeaderValue | None) -> None:
        if not isinstance(value, Location):
            self.problems("header", "a location header needs a Location", value)
            return
        location: JsonObject = {
            "latitude": repr(value.latitude),
            "longitude": repr(value.longitude),
        }
        for key, text in (("name", value.name), ("address", value.address)):
            if text is not None:
                location[key] = text
        self.components.append(
            {"type": "header", "parameters": [{"type": "location", "location": location}]}
        )
        where = ", ".join(t for t in (value.name, value.address) if t)
        self.preview.append(f"[Location: {where}]" if where else "[Location]")

    def _media_header(self, fmt: HeaderFormat, value: HeaderValue | None) -> None:
        filename = value.filename if isinstance(value, Document) else None
        media = value.media if isinstance(value, Document) else value
        if not isinstance(media, Media):
            self.problems("header", f"a {fmt.value} header needs a Media", value)
            return
        kind = fmt.value.lower()
        target: JsonObject = {"id": media.id} if media.id is not None else {"link": media.url}
        if filename is not None and fmt is HeaderFormat.DOCUMENT:
            target["filename"] = filename
        self.components.append({"type": "header", "parameters": [{"type": kind, kind: target}]})
        self.preview.append(f"[{fmt.value}]")

    def body(self, values: Sequence[BodyValue] | Mapping[str, BodyValue]) -> str | None:
        template = self.template
        body = template.body
        if body is None:
            self.problems("body", "the template has no body")
            return None
        parsed = body.parsed
        is_auth = template.category is Category.AUTHENTICATION
        if is_auth and not body.text.strip():
            parsed = _AUTH_BODY_SECURE if body.add_security_recommendation else _AUTH_BODY
        bound = self._bind_body(parsed, values)
        if bound:
            self.components.append(
                {
                    "type": "body",
                    "parameters": [_body_parameter(n, v, self.named) for n, v in bound],
                }
            )
        texts = {n: v if isinstance(v, str) else v.fallback_value for n, v in bound}
        code = texts.get("1") if is_auth else None
        if code is not None and len(code) > AUTH_CODE_MAX:
            self.problems(
                "body.{{1}}",
                f"an authentication code has at most {AUTH_CODE_MAX} characters, got {len(code)}",
                code,
            )
        text = _fill(parsed, texts)
        if len(text) > BODY_MAX:
            self.problems(
                "body",
                f"the rendered body is {len(text)} characters, the limit is "
                f"{BODY_MAX} (Meta 132005, Twilio 63021)",
            )
        self.texts.update(texts)
        self.preview.append(text)
        return code

    def _bind_body(
        self, parsed: ParsedText, values: Sequence[BodyValue] | Mapping[str, BodyValue]
    ) -> list[tuple[str, BodyValue]]:
        names = parsed.names
        if isinstance(values, Mapping):
            pairs = [(n, values[n]) for n in names if n in values]
            for name in names:
                if name not in values:
                    self.problems(f"body.{_label(name)}", "is missing (Meta 132000)")
            for key in values:
                if key not in names:
                    self.problems(
                        f"body.{_label(str(key))}",
                        "is not a parameter of the body (Meta 132000)",
                        values[key],
                    )
        elif isinstance(values, (list, tuple)):
            if self.named and values:
                self.problems(
                    "body", "a named template takes a mapping {name: value} (Meta 132012)", values
                )
                return []
            ordered = list(names) if self.named else sorted(names, key=_number)
            pairs = list(zip(ordered, values, strict=False))
            for name in ordered[len(values) :]:
                self.problems(f"body.{_label(name)}", "is missing (Meta 132000)")
            for i, extra in enumerate(values[len(ordered) :], start=len(ordered) + 1):
                self.problems(
                    f"body.{_label(str(i))}", "is not a parameter of the body (Meta 132000)", extra
                )
        else:
            self.problems("body", "must be a list or a mapping of values", values)
            return []
        kept = []
        for name, value in pairs:
            if check_body_value(value, f"body.{_label(name)}", self.problems) is not None:
                kept.append((name, value))
        return kept

    def footer(self) -> None:
        footer = self.template.footer
        if footer is None:
            return
        if footer.code_expiration_minutes is not None and not footer.text:
            self.preview.append(_AUTH_FOOTER.format(footer.code_expiration_minutes))
        elif footer.text:
            self.preview.append(footer.text)

    def buttons(self, values: Mapping[int, ButtonValue], code: str | None) -> None:
        buttons = self.template.buttons
        for key in values:
            if not isinstance(key, int) or not 0 <= key < len(buttons):
                self.problems(f"buttons[{key}]", "the template has no such button", values[key])
        labels = []
        for index, button in enumerate(buttons):
            self._button(index, button, values.get(index), code)
            labels.append(f"[{button.text or button.kind.value.replace('_', ' ').title()}]")
        if labels:
            self.preview.append(" ".join(labels))

    def _button(self, index: int, button: Button, value: object, code: str | None) -> None:
        field = f"buttons[{index}]"
        kind = button.kind
        if kind is ButtonKind.OTP:
            value = code if value is None else value
        parameter = _BUTTON_PARAMETERS.get(kind)
        if (kind is ButtonKind.URL and not button.has_dynamic_url) or parameter is None:
            if value is not None:
                self.problems(field, f"a {kind.value} button takes no value", value)
            return
        sub_type, param_type, required = parameter
        if value is None:
            if required:
                self.problems(field, "is missing: this button needs a value")
            return
        if kind is ButtonKind.URL:
            check_url_suffix(value, field, self.problems)
            self.texts.setdefault(button.parsed_url.names[0], str(value))
        elif not isinstance(value, str):
            self.problems(field, "must be a str", value)
            return
        else:
            check_text_value(value, field, self.problems)
        text = str(value)
        if kind is ButtonKind.COPY_CODE and len(text) > AUTH_CODE_MAX:
            self.problems(field, f"a copy code has at most {AUTH_CODE_MAX} characters", text)
        param: JsonObject = (
            {"type": "action", "action": {param_type: text}}
            if sub_type in ("flow", "catalog")
            else {"type": param_type, param_type: text}
        )
        self.components.append(
            {"type": "button", "sub_type": sub_type, "index": str(index), "parameters": [param]}
        )


# kind → (sub_type, parameter type or action key, value required) (§3.2 send payload;
# OTP buttons are sent as sub_type "url" with the code as text, per Meta's examples).
_BUTTON_PARAMETERS: dict[ButtonKind, tuple[str, str, bool]] = {
    ButtonKind.URL: ("url", "text", True),
    ButtonKind.OTP: ("url", "text", True),
    ButtonKind.QUICK_REPLY: ("quick_reply", "payload", False),
    ButtonKind.COPY_CODE: ("copy_code", "coupon_code", True),
    ButtonKind.FLOW: ("flow", "flow_token", False),
    ButtonKind.CATALOG: ("catalog", "thumbnail_product_retailer_id", False),
}


def _variables(template: Template, texts: dict[str, str]) -> tuple[tuple[str, str], ...]:
    return tuple(texts.items()) if template.content_sid is not None else ()


def _render(
    template: Template,
    body: Sequence[BodyValue] | Mapping[str, BodyValue],
    header: HeaderValue | None,
    buttons: Mapping[int, ButtonValue] | None,
    problems: Problems,
) -> RenderedTemplate:
    renderer = _Renderer(template, problems)
    renderer.header(header)
    code = renderer.body(body)
    renderer.footer()
    renderer.buttons(buttons or {}, code)
    return RenderedTemplate(
        name=template.name,
        language=template.language,
        category=template.category,
        components=tuple(renderer.components),
        preview="\n\n".join(renderer.preview),
        content_sid=template.content_sid,
        variables=_variables(template, renderer.texts),
    )


def render(
    template: Template,
    body: Sequence[BodyValue] | Mapping[str, BodyValue] = (),
    *,
    header: HeaderValue | None = None,
    buttons: Mapping[int, ButtonValue] | None = None,
) -> RenderedTemplate:
    """Bind values to ``template``; raise :class:`ValidationError` naming the first bad one.

    ``body`` is a list (positional templates, in the order {{1}}, {{2}} …) or a
    mapping by parameter name. ``header`` is the text parameter of a text
    header, a :class:`~wamsg.Media` (or :class:`~wamsg.Document`) for a media
    header, a :class:`~wamsg.Location` for a location header. ``buttons`` maps a
    button's 0-based index to its value: URL suffix (percent-encoded), quick-reply
    payload, coupon code, flow token. An authentication template's OTP button
    takes the code from ``body`` by default.
    """
    return _render(template, body, header, buttons, Problems(collect=False))


def check_values(
    template: Template,
    body: Sequence[BodyValue] | Mapping[str, BodyValue] = (),
    *,
    header: HeaderValue | None = None,
    buttons: Mapping[int, ButtonValue] | None = None,
) -> tuple[ValidationError, ...]:
    """Lint at bind time: every problem :func:`render` would raise for, none raised."""
    problems = Problems(collect=True)
    _render(template, body, header, buttons, problems)
    return tuple(problems.collected)
