"""Reading and writing Meta's template JSON (creation shape and the template node).

The reader accepts the creation request body (``name``, ``language``,
``category``, ``parameter_format``, ``components``) and the node returned by
``GET /{WABA}/message_templates`` (adds ``id``, ``status``, ``quality_score``,
``rejected_reason``). Type errors raise :class:`~wamsg.errors.ValidationError`
naming the path; rule violations are left to lint.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from wamsg._internal.decode import require_strict
from wamsg._internal.json import Json, JsonObject, opt_bool, opt_str, req_mapping
from wamsg.errors import ValidationError
from wamsg.templates.model import (
    Body,
    Button,
    ButtonKind,
    Buttons,
    Category,
    Component,
    Footer,
    Header,
    HeaderFormat,
    OtherComponent,
    ParameterFormat,
    Quality,
    Template,
    TemplateStatus,
)

__all__ = ["template_from_dict"]

_BUTTON_KINDS = {k.value: k for k in ButtonKind}
_HEADER_FORMATS = {f.value: f for f in HeaderFormat}
_FORMATS = {f.value: f for f in ParameterFormat}


def _opt_int(data: Mapping[str, Json], key: str, field: str) -> int | None:
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise ValidationError("must be an integer or null", field=f"{field}.{key}", value=value)


def _str_list(value: Json, field: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(v for v in value if isinstance(v, str))
    raise ValidationError("must be a string or a list of strings", field=field, value=value)


def _named(value: Json, field: str) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, list):
        raise ValidationError("must be a list of {param_name, example}", field=field, value=value)
    pairs = []
    for i, item in enumerate(value):
        entry = req_mapping(item, f"{field}[{i}]")
        name = opt_str(entry, "param_name", f"{field}[{i}]") or ""
        pairs.append((name, opt_str(entry, "example", f"{field}[{i}]") or ""))
    return tuple(pairs)


def _examples(
    example: Mapping[str, Json], positional_key: str, named_key: str, field: str
) -> tuple[tuple[str, str], ...]:
    if named_key in example:
        return _named(example[named_key], f"{field}.example.{named_key}")
    value = example.get(positional_key)
    if isinstance(value, list) and value and isinstance(value[0], list):
        value = value[0]  # body_text is a list holding one list of samples
    values = _str_list(value, f"{field}.example.{positional_key}")
    return tuple((str(i), v) for i, v in enumerate(values, start=1))


def _example_of(data: Mapping[str, Json], field: str) -> Mapping[str, Json]:
    example = data.get("example")
    return {} if example is None else req_mapping(example, f"{field}.example")


def _header(data: JsonObject, field: str) -> Header:
    raw_format = (opt_str(data, "format", field) or "TEXT").upper()
    example = _example_of(data, field)
    return Header(
        format=_HEADER_FORMATS.get(raw_format, HeaderFormat.UNKNOWN),
        format_raw=raw_format,
        text=opt_str(data, "text", field),
        examples=_examples(example, "header_text", "header_text_named_params", field),
        media_examples=_str_list(example.get("header_handle"), f"{field}.example.header_handle"),
        raw=data,
    )


def _body(data: JsonObject, field: str) -> Body:
    return Body(
        text=opt_str(data, "text", field) or "",
        examples=_examples(_example_of(data, field), "body_text", "body_text_named_params", field),
        add_security_recommendation=opt_bool(data, "add_security_recommendation", field),
        raw=data,
    )


def _footer(data: JsonObject, field: str) -> Footer:
    return Footer(
        text=opt_str(data, "text", field) or "",
        code_expiration_minutes=_opt_int(data, "code_expiration_minutes", field),
        raw=data,
    )


def _button(data: JsonObject, field: str) -> Button:
    kind_raw = (opt_str(data, "type", field) or "").upper()
    apps = data.get("supported_apps")
    app_count = len(apps) if isinstance(apps, list) else int("package_name" in data)
    otp_type = opt_str(data, "otp_type", field)
    return Button(
        kind=_BUTTON_KINDS.get(kind_raw, ButtonKind.UNKNOWN),
        kind_raw=kind_raw,
        text=opt_str(data, "text", field),
        url=opt_str(data, "url", field),
        phone_number=opt_str(data, "phone_number", field),
        example=_str_list(data.get("example"), f"{field}.example"),
        otp_type=None if otp_type is None else otp_type.upper(),
        supported_apps=app_count,
        raw=data,
    )


def _buttons(data: JsonObject, field: str) -> Buttons:
    items = data.get("buttons")
    if not isinstance(items, list):
        raise ValidationError("must be a list of buttons", field=f"{field}.buttons", value=items)
    buttons = []
    for i, item in enumerate(items):
        where = f"{field}.buttons[{i}]"
        buttons.append(_button(dict(req_mapping(item, where)), where))
    return Buttons(tuple(buttons), data)


_READERS: dict[str, Callable[[JsonObject, str], Component]] = {
    "HEADER": _header,
    "BODY": _body,
    "FOOTER": _footer,
    "BUTTONS": _buttons,
}


def _component(item: Json, field: str) -> Component:
    data = dict(req_mapping(item, field))
    kind = (opt_str(data, "type", field) or "").upper()
    reader = _READERS.get(kind)
    return OtherComponent(kind, data) if reader is None else reader(data, field)


def _template_id(data: Mapping[str, Json], field: str) -> str | None:
    value = data.get("id")
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return opt_str(data, "id", field)


def _quality(data: Mapping[str, Json], field: str) -> Quality:
    value = data.get("quality_score")
    if isinstance(value, Mapping):
        return Quality.parse(opt_str(value, "score", f"{field}.quality_score"))
    return Quality.parse(opt_str(data, "quality_score", field))


def template_from_dict(data: object, field: str = "template") -> Template:
    """Read one template in Meta's JSON shape (creation body or template node).

    [rule meta.template.create-shape]
    """
    mapping = req_mapping(data, field)
    require_strict(mapping, field)
    components = mapping.get("components", [])
    if not isinstance(components, list):
        raise ValidationError("must be a list", field=f"{field}.components", value=components)
    fmt = (opt_str(mapping, "parameter_format", field) or "positional").lower()
    if fmt not in _FORMATS:
        raise ValidationError(
            "must be 'positional' or 'named'", field=f"{field}.parameter_format", value=fmt
        )
    category_raw = opt_str(mapping, "category", field)  # None when missing, "" kept as ""
    status = opt_str(mapping, "status", field)
    return Template(
        name=opt_str(mapping, "name", field) or "",
        language=opt_str(mapping, "language", field) or "",
        category=Category.parse(category_raw or ""),
        category_raw=category_raw,
        parameter_format=_FORMATS[fmt],
        components=tuple(
            _component(c, f"{field}.components[{i}]") for i, c in enumerate(components)
        ),
        status=None if status is None else TemplateStatus.parse(status),
        quality=_quality(mapping, field),
        rejected_reason=opt_str(mapping, "rejected_reason", field),
        template_id=_template_id(mapping, field),
        content_sid=opt_str(mapping, "content_sid", field),
        message_send_ttl_seconds=_opt_int(mapping, "message_send_ttl_seconds", field),
        raw=dict(mapping),
    )
