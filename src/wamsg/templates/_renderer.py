"""The checking bind behind :func:`~wamsg.templates.check_values`: one pass over a template.

:func:`~wamsg.templates.render` first tries the template's plan (``_plan``) and
comes here for anything the plan does not vouch for: every problem is reported
(raised or collected) with the field it names. Error fields (``body.{{2}}``) are
only built when a problem is reported.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from wamsg._internal.json import Json, JsonObject
from wamsg.templates._bind import (
    AUTH_CODE_MAX,
    Problems,
    check_body_value,
    check_text_value,
    check_url_suffix,
    plain,
)
from wamsg.templates._checks_text import BODY_MAX
from wamsg.templates._payload import (
    AUTH_BODY,
    AUTH_BODY_SECURE,
    BUTTON_PARAMETERS,
    body_parameter,
    button_component,
    fill,
    location_header,
    media_header,
)
from wamsg.templates._placeholders import ParsedText
from wamsg.templates.model import (
    Button,
    ButtonKind,
    Category,
    HeaderFormat,
    ParameterFormat,
    Template,
)
from wamsg.templates.values import BodyValue, ButtonValue, HeaderValue

__all__ = ["Renderer"]


def _label(name: str) -> str:
    return f"{{{{{name}}}}}"


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
            self._shaped_header(
                location_header(value), "a location header needs a Location", value
            )
        elif fmt.is_media:
            message = f"a {fmt.value} header needs a Media"
            self._shaped_header(media_header(fmt, value), message, value)
        else:
            self.problems("header", f"header format {header.format_raw!r} cannot be rendered")

    def _text_header(self, parsed: ParsedText, value: HeaderValue | None) -> None:
        if not parsed.names:
            if value is not None:
                self.problems("header", "the header has no parameter", value)
            return
        name = parsed.names[0]
        if not plain(value):
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

    def _shaped_header(
        self, shaped: tuple[JsonObject, str] | None, problem: str, value: HeaderValue | None
    ) -> None:
        if shaped is None:
            self.problems("header", problem, value)
            return
        self.components.append(shaped[0])
        self.header_preview = shaped[1]

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
            parsed = AUTH_BODY_SECURE if body.add_security_recommendation else AUTH_BODY
        bound = self._bind_body(parsed, values)
        named = self.named
        if bound:
            parameters: list[Json] = [body_parameter(n, v, named) for n, v in bound]
            self.components.append({"type": "body", "parameters": parameters})
        texts = {n: v if isinstance(v, str) else v.fallback_value for n, v in bound}
        code = texts.get("1") if is_auth else None
        if code is not None and len(code) > AUTH_CODE_MAX:
            self.problems(
                "body.{{1}}",
                f"an authentication code has at most {AUTH_CODE_MAX} characters, got {len(code)}",
                code,
            )
        # [rule meta.template.body.1024] [rule twilio.error.63021]
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
        names = parsed.send_order  # [rule meta.error.template-parameters]
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
            if plain(value):
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
        parameter = BUTTON_PARAMETERS.get(kind)
        if (kind is ButtonKind.URL and not button.has_dynamic_url) or parameter is None:
            self.problems(f"buttons[{index}]", f"a {kind.value} button takes no value", value)
            return
        sub_type, param_type, required = parameter
        if value is None:
            if required:
                self.problems(f"buttons[{index}]", "is missing: this button needs a value")
            return
        if (not plain(value) or kind is ButtonKind.URL) and not self._button_value_ok(
            index, button, value
        ):
            return
        text = str(value)
        if kind is ButtonKind.COPY_CODE and len(text) > AUTH_CODE_MAX:
            self.problems(
                f"buttons[{index}]", f"a copy code has at most {AUTH_CODE_MAX} characters", text
            )
        self.components.append(button_component(str(index), sub_type, param_type, text))

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
