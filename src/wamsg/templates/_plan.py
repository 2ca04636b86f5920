"""Render plans: what a template's send payload needs, worked out once per template.

A :class:`Plan` holds everything that does not depend on the values: the header
mode and its parameter name, the body text to fill (or Meta's preset
authentication text), the send order of parameter names, each button's send
shape. It is built on a template's first render and kept on the (frozen)
template. :func:`bind_plain` binds the common case — every value a plain string
(or a currency / date-time with a plain fallback), every parameter given once —
along the plan; it returns ``None`` at the first thing it does not vouch for, and
:func:`~wamsg.templates.render` then runs the checking
:class:`~wamsg.templates._renderer.Renderer`, which reports the problem or
renders the unusual case. Both give the same payload (tested).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TypeGuard

from wamsg._internal.json import Json, JsonObject
from wamsg.templates._bind import AUTH_CODE_MAX, url_suffix_ok
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
from wamsg.templates.model import ButtonKind, Category, HeaderFormat, ParameterFormat, Template
from wamsg.templates.values import BodyValue, ButtonValue, Currency, DateTime, HeaderValue

__all__ = ["Bound", "Plan", "bind_plain", "plan_of"]

# Header modes.
_NO_HEADER, _FIXED, _TEXT, _LOCATION, _MEDIA, _UNRENDERABLE = range(6)
# Button modes: how a button takes its value.
_NO_VALUE, _OPTIONAL, _REQUIRED, _URL_SUFFIX, _OTP = range(5)

_NO_BUTTON_VALUES: dict[int, ButtonValue] = {}

Bound = tuple[list[JsonObject], "str | None", "str | None", "ParsedText | None", dict[str, str]]
"""What a bind gives: components, header text, header preview, body text, body values."""


def _sendable(value: object) -> TypeGuard[str]:
    """True for a str the plan sends as is; stricter than ``_bind.plain``, which it implies.

    Printable means no new line, tab or other control or separator character but
    the space; anything else (a zero-width joiner, a no-break space) goes to the
    checking renderer, which accepts or refuses it.
    """
    return (
        type(value) is str and value.isprintable() and "     " not in value and value.strip() != ""
    )


def _button_mode(kind: ButtonKind, dynamic: bool) -> int:
    if kind is ButtonKind.OTP:
        return _OTP
    if kind is ButtonKind.URL:
        return _URL_SUFFIX if dynamic else _NO_VALUE
    if kind not in BUTTON_PARAMETERS:
        return _NO_VALUE
    return _REQUIRED if BUTTON_PARAMETERS[kind][2] else _OPTIONAL


class Plan:
    """The value-independent part of rendering one template."""

    __slots__ = (
        "body",
        "buttons",
        "header_format",
        "header_mode",
        "header_name",
        "is_auth",
        "named",
        "names",
    )

    def __init__(self, template: Template) -> None:
        self.named = template.parameter_format is ParameterFormat.NAMED
        self.is_auth = template.category is Category.AUTHENTICATION
        self._plan_header(template)
        body = template.body
        parsed = body.parsed if body is not None else None
        if body is not None and self.is_auth and not body.text.strip():
            parsed = AUTH_BODY_SECURE if body.add_security_recommendation else AUTH_BODY
        self.body = parsed
        self.names = parsed.send_order if parsed is not None else ()
        self.buttons = tuple(
            (
                str(index),
                _button_mode(button.kind, button.has_dynamic_url),
                *BUTTON_PARAMETERS.get(button.kind, ("", "", False))[:2],
            )
            for index, button in enumerate(template.buttons)
        )

    def _plan_header(self, template: Template) -> None:
        header = template.header
        self.header_format = HeaderFormat.UNKNOWN if header is None else header.format
        self.header_name: str | None = None
        if header is None:
            self.header_mode = _NO_HEADER
        elif header.format is HeaderFormat.TEXT and header.parsed.names:
            self.header_mode = _TEXT
            if not header.parsed.placeholders[0].positional:
                self.header_name = header.parsed.names[0]
        elif header.format is HeaderFormat.TEXT:
            self.header_mode = _FIXED
        elif header.format is HeaderFormat.LOCATION:
            self.header_mode = _LOCATION
        elif header.format.is_media:
            self.header_mode = _MEDIA
        else:
            self.header_mode = _UNRENDERABLE


def plan_of(template: Template) -> Plan:
    """The template's plan, built on first use and kept on the template."""
    plan = template._render_plan
    if plan is None:
        plan = Plan(template)
        object.__setattr__(template, "_render_plan", plan)
    assert isinstance(plan, Plan)
    return plan


def _header(
    plan: Plan, value: HeaderValue | None, components: list[JsonObject]
) -> tuple[bool, str | None, str | None]:
    """(bound, header text, header preview) for a value the plan vouches for."""
    mode = plan.header_mode
    if mode == _TEXT:
        if not _sendable(value):
            return False, None, None
        name = plan.header_name
        param: JsonObject = (
            {"type": "text", "text": value}
            if name is None
            else {"type": "text", "parameter_name": name, "text": value}
        )
        components.append({"type": "header", "parameters": [param]})
        return True, value, None
    if mode in (_NO_HEADER, _FIXED):
        return value is None, None, None
    if mode == _UNRENDERABLE:
        return False, None, None
    shaped = (
        location_header(value) if mode == _LOCATION else media_header(plan.header_format, value)
    )
    if shaped is None:
        return False, None, None
    components.append(shaped[0])
    return True, None, shaped[1]


def _body_pairs(
    plan: Plan, values: Sequence[BodyValue] | Mapping[str, BodyValue]
) -> Iterable[tuple[str, object]] | None:
    names = plan.names
    kind = type(values)
    if kind is dict:
        if len(values) != len(names) or any(n not in values for n in names):
            return None
        return [(n, values[n]) for n in names]  # type: ignore[call-overload]
    if (kind is list or kind is tuple) and len(values) == len(names):
        return None if plan.named and values else zip(names, values, strict=True)
    return None


def _body(
    plan: Plan, values: Sequence[BodyValue] | Mapping[str, BodyValue], components: list[JsonObject]
) -> dict[str, str] | None:
    """The body's values by name, or None when the plan does not vouch for them."""
    pairs = _body_pairs(plan, values)
    if pairs is None:
        return None
    texts: dict[str, str] = {}
    parameters: list[Json] = []
    named = plan.named
    for name, value in pairs:
        if _sendable(value):
            texts[name] = value
            parameters.append(
                {"type": "text", "parameter_name": name, "text": value}
                if named
                else {"type": "text", "text": value}
            )
        elif (type(value) is Currency or type(value) is DateTime) and _sendable(
            value.fallback_value
        ):
            texts[name] = value.fallback_value
            parameters.append(body_parameter(name, value, named))
        else:
            return None
    if parameters:
        components.append({"type": "body", "parameters": parameters})
    parsed = plan.body
    assert parsed is not None
    length = parsed.literal_length + sum(map(len, texts.values()))
    if parsed.repeats or length > BODY_MAX:
        length = len(fill(parsed, texts))
    return None if length > BODY_MAX else texts


def _buttons(
    plan: Plan, values: Mapping[int, ButtonValue], code: str | None, components: list[JsonObject]
) -> bool:
    """Append the buttons' components; False when the plan does not vouch for the values."""
    count = len(plan.buttons)
    for key in values:
        if type(key) is not int or not 0 <= key < count:
            return False
    for index, (label, mode, sub_type, param_type) in enumerate(plan.buttons):
        value = values.get(index)
        if value is None:
            if mode in (_OPTIONAL, _NO_VALUE):
                continue
            if mode != _OTP or code is None:
                return False
            value = code
        if mode == _NO_VALUE:
            return False
        if mode == _URL_SUFFIX:
            if type(value) is not str or not url_suffix_ok(value):
                return False
        elif not _sendable(value) or (mode == _REQUIRED and len(value) > AUTH_CODE_MAX):
            return False
        components.append(button_component(label, sub_type, param_type, value))
    return True


def bind_plain(
    plan: Plan,
    body: Sequence[BodyValue] | Mapping[str, BodyValue],
    header: HeaderValue | None,
    buttons: Mapping[int, ButtonValue] | None,
) -> Bound | None:
    """Bind plain values along ``plan``; None when a value needs the checking renderer."""
    if plan.body is None:
        return None
    components: list[JsonObject] = []
    ok, header_text, header_preview = _header(plan, header, components)
    if not ok:
        return None
    texts = _body(plan, body, components)
    if texts is None:
        return None
    code = texts.get("1") if plan.is_auth else None
    if code is not None and len(code) > AUTH_CODE_MAX:
        return None
    if buttons is None:
        buttons = _NO_BUTTON_VALUES
    elif type(buttons) is not dict:
        return None
    if not _buttons(plan, buttons, code, components):
        return None
    return components, header_text, header_preview, plan.body, texts
