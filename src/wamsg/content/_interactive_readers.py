"""Reading interactive messages (reply buttons, lists) from their canonical JSON form."""

from __future__ import annotations

from collections.abc import Mapping

from wamsg._internal.json import Json, opt_str, req_mapping, req_str
from wamsg.content.interactive import ListMessage, ListRow, ListSection, ReplyButton, ReplyButtons
from wamsg.errors import ValidationError

__all__ = ["buttons_from_dict", "list_from_dict"]

_F = "content"


def _objects(data: Mapping[str, Json], key: str, field: str) -> list[Mapping[str, Json]]:
    value = data.get(key)
    if not isinstance(value, list):
        raise ValidationError("must be a list", field=f"{field}.{key}", value=value)
    return [req_mapping(item, f"{field}.{key}[{i}]") for i, item in enumerate(value)]


def buttons_from_dict(data: Mapping[str, Json]) -> ReplyButtons:
    """Read ``{"kind": "buttons", body, buttons: [{id, title}], [header], [footer]}``."""
    buttons = [
        ReplyButton(
            req_str(b, "id", f"{_F}.buttons[{i}]"), req_str(b, "title", f"{_F}.buttons[{i}]")
        )
        for i, b in enumerate(_objects(data, "buttons", _F))
    ]
    return ReplyButtons(
        body=req_str(data, "body", _F),
        buttons=buttons,
        header=opt_str(data, "header", _F),
        footer=opt_str(data, "footer", _F),
    )


def _section(data: Mapping[str, Json], field: str) -> ListSection:
    rows = [
        ListRow(
            id=req_str(row, "id", f"{field}.rows[{i}]"),
            title=req_str(row, "title", f"{field}.rows[{i}]"),
            description=opt_str(row, "description", f"{field}.rows[{i}]"),
        )
        for i, row in enumerate(_objects(data, "rows", field))
    ]
    return ListSection(rows=rows, title=opt_str(data, "title", field))


def list_from_dict(data: Mapping[str, Json]) -> ListMessage:
    """Read ``{"kind": "list", body, button, sections: [{title, rows}], [header], [footer]}``."""
    sections = [
        _section(section, f"{_F}.sections[{i}]")
        for i, section in enumerate(_objects(data, "sections", _F))
    ]
    return ListMessage(
        body=req_str(data, "body", _F),
        button=req_str(data, "button", _F),
        sections=sections,
        header=opt_str(data, "header", _F),
        footer=opt_str(data, "footer", _F),
    )
