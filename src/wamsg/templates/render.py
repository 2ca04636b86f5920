"""Rendering: bind values to a template, get Meta send components, Twilio variables, a preview.

``render(template, body, header=..., buttons=...)`` checks every value at bind
time and raises :class:`~wamsg.errors.ValidationError` whose ``field`` names the
parameter (``body.{{2}}``, ``body.{{first_name}}``, ``header.{{1}}``,
``buttons[0]``). :func:`check_values` runs the same checks and returns every
problem instead of raising. Send shapes: [rule meta.template.send-components]
(``parameter_name`` for named parameters, button ``sub_type`` and string
``index``) and [rule twilio.content.variables] (Twilio ``ContentVariables``, a JSON
string).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from wamsg._internal import fields as check
from wamsg._internal.json import JsonObject
from wamsg.content import TemplateRef
from wamsg.errors import ValidationError
from wamsg.templates._bind import Problems
from wamsg.templates._payload import preview_text, twilio_variables
from wamsg.templates._plan import Bound, bind_plain, plan_of
from wamsg.templates._renderer import Renderer
from wamsg.templates.model import Category, Template
from wamsg.templates.values import BodyValue, ButtonValue, HeaderValue

__all__ = ["RenderedTemplate", "check_values", "render"]


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
    content_sid: str | None = None
    variables: tuple[tuple[str, str], ...] = ()
    _preview: tuple[Any, ...] = attrs.field(default=(), eq=False, repr=False, alias="preview_of")

    @property
    def preview(self) -> str:
        """The plain text the customer will read (header, body, footer, button labels)."""
        return preview_text(*self._preview) if self._preview else ""

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


def _rendered(
    template: Template, bound: Bound, buttons: Mapping[int, ButtonValue] | None
) -> RenderedTemplate:
    components, header_text, header_preview, body_parsed, body_texts = bound
    return RenderedTemplate(
        name=template.name,
        language=template.language,
        category=template.category,
        components=tuple(components),
        content_sid=template.content_sid,
        variables=twilio_variables(template, header_text, body_texts, buttons or {}),
        preview_of=(template, header_text, header_preview, body_parsed, body_texts),
    )


def _check_and_bind(
    template: Template,
    body: Sequence[BodyValue] | Mapping[str, BodyValue],
    header: HeaderValue | None,
    buttons: Mapping[int, ButtonValue] | None,
    problems: Problems,
) -> Bound:
    renderer = Renderer(template, problems)
    renderer.header(header)
    code = renderer.body(body)
    renderer.buttons(buttons or {}, code)
    return (
        renderer.components,
        renderer.header_text,
        renderer.header_preview,
        renderer.body_parsed,
        renderer.body_texts,
    )


def _check_arguments(template: object, buttons: object) -> None:
    check.argument(template, Template, "template")
    check.opt_argument(buttons, Mapping, "buttons")


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
    _check_arguments(template, buttons)
    bound = bind_plain(plan_of(template), body, header, buttons)
    if bound is None:
        bound = _check_and_bind(template, body, header, buttons, Problems(collect=False))
    return _rendered(template, bound, buttons)


def check_values(
    template: Template,
    body: Sequence[BodyValue] | Mapping[str, BodyValue] = (),
    *,
    header: HeaderValue | None = None,
    buttons: Mapping[int, ButtonValue] | None = None,
) -> tuple[ValidationError, ...]:
    """Lint at bind time: every problem :func:`render` would raise for, none raised."""
    _check_arguments(template, buttons)
    problems = Problems(collect=True)
    _check_and_bind(template, body, header, buttons, problems)
    return tuple(problems.collected)
