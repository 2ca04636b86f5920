"""Reading what a state sends: content, templates with parameters, texts with placeholders.

A text's ``{{path}}`` placeholders (``{{customer.name}}``, ``{{variables.order}}``) are
split out once at load; a template names a template of the library given at load, its
parameters checked there with placeholder values, and is rendered at send time with
wamsg's templates.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from wamsg._internal.json import Json
from wamsg.content import Content, TemplateRef, Text, content_from_dict
from wamsg.errors import ValidationError
from wamsg.flows._nodes import Outgoing, Pieces, TemplatePlan
from wamsg.routing import Path
from wamsg.templates import Template, TemplateLibrary, check_values

__all__ = ["SENDABLE_KINDS", "outgoing", "pieces", "template_plan"]

SENDABLE_KINDS = frozenset(
    {
        "text",
        "image",
        "video",
        "audio",
        "document",
        "sticker",
        "location",
        "contacts",
        "buttons",
        "list",
        "template",
    }
)
"""Content kinds a flow may send (a business does not send replies, orders or notices)."""

PathReader = Callable[[str, str], Path]
"""Reads the text inside ``{{ }}`` into a context path (``field`` for errors)."""

_MAX_PLACEHOLDERS = 50


def _path(text: str, field: str) -> Path:
    return Path.parse(text, field)


def pieces(text: str, field: str, read: PathReader = _path) -> Pieces:
    """``text`` split at its ``{{ path }}`` placeholders (one literal piece when it has none)."""
    if "{{" not in text:
        return (text,)
    out: list[str | Path] = []
    rest = text
    while "{{" in rest:
        before, _, after = rest.partition("{{")
        inner, closed, rest = after.partition("}}")
        if not closed:
            raise ValidationError("opens a placeholder {{ without closing it }}", field=field)
        if before:
            out.append(before)
        out.append(read(inner.strip(), field))
        if len(out) > 2 * _MAX_PLACEHOLDERS:
            raise ValidationError(f"at most {_MAX_PLACEHOLDERS} placeholders", field=field)
    if rest:
        out.append(rest)
    return tuple(out)


def _content(data: Json, field: str) -> Content:
    if not isinstance(data, Mapping):
        raise ValidationError("must be a content object with a kind", field=field, value=data)
    kind = data.get("kind")
    if not isinstance(kind, str) or kind not in SENDABLE_KINDS:
        known = ", ".join(sorted(SENDABLE_KINDS))
        raise ValidationError(
            f"must be a kind a business sends ({known})", field=f"{field}.kind", value=kind
        )
    try:
        return content_from_dict(data)
    except ValidationError as error:
        raise error.within(field) from None


def template_plan(
    data: Json, field: str, templates: TemplateLibrary | None, read: PathReader = _path
) -> TemplatePlan:
    """A template to send, ``{"name", "language", "body": [...] | {...}, "header": str}``."""
    if not isinstance(data, Mapping):
        raise ValidationError("must be a template object", field=field, value=data)
    for key in data:
        if key not in ("name", "language", "body", "header"):
            raise ValidationError(
                "unknown key (known: body, header, language, name)", field=f"{field}.{key}"
            )
    name, language = data.get("name"), data.get("language", "en_US")
    if not isinstance(name, str) or not name:
        raise ValidationError("must name a template", field=f"{field}.name", value=name)
    if not isinstance(language, str) or not language:
        raise ValidationError("must be a language code", field=f"{field}.language", value=language)
    if templates is None:
        raise ValidationError(
            "needs a template library (load with templates=...)", field=f"{field}.name", value=name
        )
    template = templates.get(name, language)
    if template is None:
        raise ValidationError(
            f"is not in the template library in {language}", field=f"{field}.name", value=name
        )
    body = data.get("body", [])
    header = data.get("header")
    if header is not None and not isinstance(header, str):
        raise ValidationError("must be a text", field=f"{field}.header", value=header)
    header_pieces = None if header is None else pieces(header, f"{field}.header", read)
    plan = _plan(template, body, header_pieces, f"{field}.body", read)
    _check_shape(plan, field)
    return plan


def _plan(
    template: Template, body: Json, header: Pieces | None, field: str, read: PathReader
) -> TemplatePlan:
    if isinstance(body, list):
        texts = []
        for i, item in enumerate(body):
            if not isinstance(item, str):
                raise ValidationError("must be a text", field=f"{field}[{i}]", value=item)
            texts.append(pieces(item, f"{field}[{i}]", read))
        return TemplatePlan(template, tuple(texts), None, header)
    if isinstance(body, Mapping):
        names, values = [], []
        for key, item in body.items():
            if not isinstance(item, str):
                raise ValidationError("must be a text", field=f"{field}.{key}", value=item)
            names.append(str(key))
            values.append(pieces(item, f"{field}.{key}", read))
        return TemplatePlan(template, tuple(values), tuple(names), header)
    raise ValidationError("must be a list or an object of parameters", field=field, value=body)


def _check_shape(plan: TemplatePlan, field: str) -> None:
    """The parameters fit the template: every one given, none too many (checked with 'x')."""
    body: list[str] | dict[str, str] = (
        ["x"] * len(plan.body) if plan.names is None else dict.fromkeys(plan.names, "x")
    )
    header = None if plan.header is None else "x"
    problems = check_values(plan.template, body, header=header)
    if problems:
        raise problems[0].within(field)


def outgoing(
    content: Json,
    field: str,
    *,
    fallback: TemplatePlan | None = None,
    read: PathReader = _path,
) -> Outgoing:
    """A state's content (canonical content JSON; a text body may hold placeholders)."""
    value = _content(content, field)
    if isinstance(value, Text) and "{{" in value.body:
        parts = pieces(value.body, f"{field}.body", read)
        if not any(isinstance(p, str) and p.strip() for p in parts):
            raise ValidationError(
                "needs some words besides its placeholders (they may be empty)",
                field=f"{field}.body",
                value=value.body,
            )
        return Outgoing(None, parts, None, True, fallback)
    return Outgoing(value, None, None, not isinstance(value, TemplateRef), fallback)


def template_outgoing(plan: TemplatePlan) -> Outgoing:
    """A template to send as such (never free-form)."""
    return Outgoing(None, None, plan, False)
