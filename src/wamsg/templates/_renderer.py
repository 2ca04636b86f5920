"""The binding work behind :func:`~wamsg.templates.render`: one pass over a template.

Hot path: values that pass the checks cost a few dict and string operations;
error fields (``body.{{2}}``) are only built when a problem is reported.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .._json import Json, JsonObject
from ..content import Document, Location, Media
from ._bind import AUTH_CODE_MAX, Problems, check_body_value, check_text_value, check_url_suffix
from ._checks_text import BODY_MAX
from ._placeholders import ParsedText, parse_text
from .model import Button, ButtonKind, Category, HeaderFormat, ParameterFormat, Template
from .values import BodyValue, ButtonValue, Currency, HeaderValue

__all__ = ["Renderer", "fill", "preview_text", "twilio_variables"]

# Authentication bodies and footers are preset by Meta (§3.2 [M-AUTH-TPL]).
_AUTH_BODY = parse_text("*{{1}}* is your verification code.")
_AUTH_BODY_SECURE = parse_text(
    "*{{1}}* is your verification code. For your security, do not share this code."
)
_AUTH_FOOTER = "This code expires in {} minutes."

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


def _label(name: str) -> str:
    return f"{{{{{name}}}}}"


def _plain(value: object) -> bool:
    """True for a str that needs no further check (the fast path, Meta 132000/132007)."""
    return (
        type(value) is str
        and value.strip() != ""
        and "\n" not in value
        and "\t" not in value
        and "\r" not in value
        and "     " not in value
    )


def _body_parameter(name: str, value: BodyValue, named: bool) -> JsonObject:
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


def fill(parsed: ParsedText, texts: Mapping[str, str]) -> str:
    """The text with each placeholder replaced by its value (empty when missing)."""
    parts = [parsed.literals[0]]
    for placeholder, literal in zip(parsed.placeholders, parsed.literals[1:], strict=True):
        parts.append(texts.get(placeholder.name, ""))
        parts.append(literal)
    return "".join(parts)


class Renderer:
    """One bind: collects components, preview parts and Twilio variables."""

    __slots__ = (
        "body_parsed",
        "body_texts",
        "components",
        "header_preview",
        "header_text",
        "named",
        "problems",
        "template",
    )

    def __init__(self, template: Template, problems: Problems) -> None:
        self.template = template
        self.problems = problems
        self.named = template.parameter_format is ParameterFormat.NAMED
        self.components: list[JsonObject] = []
        self.header_text: str | None = None
        self.header_preview: str | None = None
        self.body_parsed: ParsedText | None = None
        self.body_texts: dict[str, str] = {}

    def header(self, value: HeaderValue | None) -> None:
        """Bind the header's text parameter, media or location."""
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
            return
        name = parsed.names[0]
        if not _plain(value):
            field = f"header.{_label(name)}"
            if not isinstance(value, str):
                self.problems(field, "is missing" if value is None else "must be a str", value)
                value = ""
            else:
                check_text_value(value, field, self.problems)
        assert isinstance(value, str)
        param: JsonObject = {"type": "text", "text": value}
        if not parsed.placeholders[0].positional:
            param = {"type": "text", "parameter_name": name, "text": value}
        self.components.append({"type": "header", "parameters": [param]})
        self.header_text = value

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
        parameter: JsonObject = {"type": "location", "location": location}
        self.components.append({"type": "header", "parameters": [parameter]})
        where = ", ".join(t for t in (value.name, value.address) if t)
        self.header_preview = f"[Location: {where}]" if where else "[Location]"

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
        parameter: JsonObject = {"type": kind, kind: target}
        self.components.append({"type": "header", "parameters": [parameter]})
        self.header_preview = f"[{fmt.value}]"

    def body(self, values: Sequence[BodyValue] | Mapping[str, BodyValue]) -> str | None:
        """Bind the body; return the authentication code when there is one."""
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
        named = self.named
        if bound:
            parameters: list[Json] = [_body_parameter(n, v, named) for n, v in bound]
            self.components.append({"type": "body", "parameters": parameters})
        texts = {n: v if isinstance(v, str) else v.fallback_value for n, v in bound}
        code = texts.get("1") if is_auth else None
        if code is not None and len(code) > AUTH_CODE_MAX:
            self.problems(
                "body.{{1}}",
                f"an authentication code has at most {AUTH_CODE_MAX} characters, got {len(code)}",
                code,
            )
        length = parsed.literal_length + sum(map(len, texts.values()))
        if parsed.repeats or length > BODY_MAX:
            length = len(fill(parsed, texts))
        if length > BODY_MAX:
            self.problems(
                "body",
                f"the rendered body is {length} characters, the limit is {BODY_MAX} "
                "(Meta 132005, Twilio 63021)",
            )
        self.body_parsed = parsed
        self.body_texts = texts
        return code

    def _pairs(
        self, parsed: ParsedText, values: Sequence[BodyValue] | Mapping[str, BodyValue]
    ) -> list[tuple[str, object]]:
        names = parsed.send_order
        if isinstance(values, Mapping):
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
            return [(n, values[n]) for n in names if n in values]
        if not isinstance(values, (list, tuple)):
            self.problems("body", "must be a list or a mapping of values", values)
            return []
        if self.named and values:
            self.problems(
                "body", "a named template takes a mapping {name: value} (Meta 132012)", values
            )
            return []
        for name in names[len(values) :]:
            self.problems(f"body.{_label(name)}", "is missing (Meta 132000)")
        for i, extra in enumerate(values[len(names) :], start=len(names) + 1):
            self.problems(
                f"body.{_label(str(i))}", "is not a parameter of the body (Meta 132000)", extra
            )
        return list(zip(names, values, strict=False))

    def _bind_body(
        self, parsed: ParsedText, values: Sequence[BodyValue] | Mapping[str, BodyValue]
    ) -> list[tuple[str, BodyValue]]:
        kept: list[tuple[str, BodyValue]] = []
        for name, value in self._pairs(parsed, values):
            if _plain(value):
                kept.append((name, value))  # type: ignore[arg-type]  # _plain: it is a str
            elif check_body_value(value, f"body.{_label(name)}", self.problems) is not None:
                kept.append((name, value))  # type: ignore[arg-type]  # checked above
        return kept

    def buttons(self, values: Mapping[int, ButtonValue], code: str | None) -> None:
        """Bind each button's value (URL suffix, payload, coupon code, OTP, flow token)."""
        buttons = self.template.buttons
        for key in values:
            if not isinstance(key, int) or not 0 <= key < len(buttons):
                self.problems(f"buttons[{key}]", "the template has no such button", values[key])
        for index, button in enumerate(buttons):
            value = values.get(index) if values else None
            if value is not None or button.kind is ButtonKind.OTP or button.has_dynamic_url:
                self._button(index, button, value, code)
            elif button.kind is ButtonKind.COPY_CODE:
                self.problems(f"buttons[{index}]", "is missing: this button needs a value")

    def _button(self, index: int, button: Button, value: object, code: str | None) -> None:
        kind = button.kind
        if kind is ButtonKind.OTP and value is None:
            value = code
        parameter = _BUTTON_PARAMETERS.get(kind)
        if (kind is ButtonKind.URL and not button.has_dynamic_url) or parameter is None:
            self.problems(f"buttons[{index}]", f"a {kind.value} button takes no value", value)
            return
        sub_type, param_type, required = parameter
        if value is None:
            if required:
                self.problems(f"buttons[{index}]", "is missing: this button needs a value")
            return
        if (not _plain(value) or kind is ButtonKind.URL) and not self._button_value_ok(
            index, button, value
        ):
            return
        text = str(value)
        if kind is ButtonKind.COPY_CODE and len(text) > AUTH_CODE_MAX:
            self.problems(
                f"buttons[{index}]", f"a copy code has at most {AUTH_CODE_MAX} characters", text
            )
        param: JsonObject = (
            {"type": "action", "action": {param_type: text}}
            if sub_type in ("flow", "catalog")
            else {"type": param_type, param_type: text}
        )
        self.components.append(
            {"type": "button", "sub_type": sub_type, "index": str(index), "parameters": [param]}
        )

    def _button_value_ok(self, index: int, button: Button, value: object) -> bool:
        field = f"buttons[{index}]"
        if button.kind is ButtonKind.URL:
            before = len(self.problems.collected)
            check_url_suffix(value, field, self.problems)
            return isinstance(value, str) and len(self.problems.collected) == before
        if not isinstance(value, str):
            self.problems(field, "must be a str", value)
            return False
        check_text_value(value, field, self.problems)
        return True


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
    template: Template, renderer: Renderer, buttons: Mapping[int, object]
) -> tuple[tuple[str, str], ...]:
    """Twilio ``ContentVariables`` pairs: header, body and URL-suffix values by placeholder."""
    if template.content_sid is None:
        return ()
    texts: dict[str, str] = {}
    header = template.header
    if header is not None and header.parsed.names and renderer.header_text is not None:
        texts[header.parsed.names[0]] = renderer.header_text
    texts.update(renderer.body_texts)
    for index, button in enumerate(template.buttons):
        value = buttons.get(index)
        if button.has_dynamic_url and isinstance(value, str):
            texts.setdefault(button.parsed_url.names[0], value)
    return tuple(texts.items())
