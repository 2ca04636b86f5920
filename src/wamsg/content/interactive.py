"""Interactive messages a business sends: reply buttons and lists.

Limits are checked at construction (Meta's reply-buttons and list pages as of 2026;
each constant cites its rule of ``docs/rules.md``):

- header text ≤ 60, footer ≤ 60;
- reply buttons: 1 to 3, ``id`` ≤ 256 characters, ``title`` ≤ 20 and unique;
  body ≤ 1024;
- list: ``button`` label ≤ 20, 1 to 10 sections, 1 to 10 rows in total, a
  section title ≤ 24 (required when there are several sections), row ``id``
  ≤ 200 and unique, row ``title`` ≤ 24, ``description`` ≤ 72; body ≤ 4096 per
  the list doc (the OpenAPI spec says 1024 for all: wamsg follows the list doc).

The customer's answer arrives as :class:`~wamsg.InteractiveReply`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

import attrs

from wamsg._internal import fields as check
from wamsg._internal.json import JsonObject, is_text
from wamsg.errors import ValidationError

__all__ = ["ListMessage", "ListRow", "ListSection", "ReplyButton", "ReplyButtons"]

# Meta interactive limits, in force since the 2022 Cloud API launch.
_HEADER_MAX = 60  # [rule meta.interactive.header-60]
_FOOTER_MAX = 60  # [rule meta.interactive.footer-60]
_BUTTONS_MAX = 3  # [rule meta.interactive.buttons.count-3]
_BUTTON_ID_MAX = 256  # [rule meta.interactive.buttons.id-256]
_BUTTON_TITLE_MAX = 20  # [rule meta.interactive.buttons.title-20]
_BUTTONS_BODY_MAX = 1024  # [rule meta.interactive.buttons.body-1024]
_LIST_BODY_MAX = 4096  # [rule meta.interactive.list.body-4096]
_LIST_BUTTON_MAX = 20  # [rule meta.interactive.list.button-20]
_SECTIONS_MAX = 10  # [rule meta.interactive.list.sections-10]
_ROWS_MAX = 10  # [rule meta.interactive.list.rows-10]
_SECTION_TITLE_MAX = 24  # [rule meta.interactive.list.section-title-24]
_ROW_ID_MAX = 200  # [rule meta.interactive.list.row-id-200]
_ROW_TITLE_MAX = 24  # [rule meta.interactive.list.row-title-24]
_ROW_DESCRIPTION_MAX = 72  # [rule meta.interactive.list.row-description-72]


def _buttons(value: Iterable[ReplyButton]) -> tuple[ReplyButton, ...]:
    return check.as_tuple(value)  # type: ignore[no-any-return]


def _rows(value: Iterable[ListRow]) -> tuple[ListRow, ...]:
    return check.as_tuple(value)  # type: ignore[no-any-return]


def _sections(value: Iterable[ListSection]) -> tuple[ListSection, ...]:
    return check.as_tuple(value)  # type: ignore[no-any-return]


def _text(value: object, field: str, limit: int, *, required: bool = True) -> None:
    if value is None and not required:
        return
    if not isinstance(value, str) or (required and not value.strip()):
        raise ValidationError("must be a non-empty string", field=field, value=value)
    if not is_text(value):
        raise ValidationError("holds a lone surrogate, which is not text", field=field)
    if len(value) > limit:
        raise ValidationError(
            f"at most {limit} characters, got {len(value)}", field=field, value=value
        )


@attrs.frozen
class ReplyButton:
    """One reply button: the ``id`` comes back in the reply, the ``title`` is shown."""

    id: str
    title: str

    def __attrs_post_init__(self) -> None:
        _text(self.id, "button.id", _BUTTON_ID_MAX)
        _text(self.title, "button.title", _BUTTON_TITLE_MAX)

    def to_dict(self) -> JsonObject:
        """``{"id", "title"}``."""
        return {"id": self.id, "title": self.title}


def _frame(out: JsonObject, header: str | None, footer: str | None) -> JsonObject:
    if header is not None:
        out["header"] = header
    if footer is not None:
        out["footer"] = footer
    return out


@attrs.frozen(kw_only=True)
class ReplyButtons:
    """A message with up to three reply buttons (Meta ``interactive.type: button``)."""

    kind: ClassVar[str] = "buttons"
    body: str
    buttons: tuple[ReplyButton, ...] = attrs.field(
        converter=_buttons, validator=check.tuple_of(ReplyButton)
    )
    header: str | None = None
    footer: str | None = None

    def __attrs_post_init__(self) -> None:
        _text(self.body, "content.body", _BUTTONS_BODY_MAX)
        _text(self.header, "content.header", _HEADER_MAX, required=False)
        _text(self.footer, "content.footer", _FOOTER_MAX, required=False)
        if not 1 <= len(self.buttons) <= _BUTTONS_MAX:
            raise ValidationError(
                f"1 to {_BUTTONS_MAX} buttons", field="content.buttons", value=len(self.buttons)
            )
        titles = [button.title for button in self.buttons]
        if len(set(titles)) != len(titles):
            raise ValidationError(
                "button titles must be unique", field="content.buttons", value=titles
            )
        ids = [button.id for button in self.buttons]
        if len(set(ids)) != len(ids):
            raise ValidationError("button ids must be unique", field="content.buttons", value=ids)

    def to_dict(self) -> JsonObject:
        """Canonical JSON: ``{"kind": "buttons", body, buttons, [header], [footer]}``."""
        out: JsonObject = {
            "kind": self.kind,
            "body": self.body,
            "buttons": [button.to_dict() for button in self.buttons],
        }
        return _frame(out, self.header, self.footer)


@attrs.frozen(kw_only=True)
class ListRow:
    """One choosable row of a list."""

    id: str
    title: str
    description: str | None = None

    def __attrs_post_init__(self) -> None:
        _text(self.id, "row.id", _ROW_ID_MAX)
        _text(self.title, "row.title", _ROW_TITLE_MAX)
        _text(self.description, "row.description", _ROW_DESCRIPTION_MAX, required=False)

    def to_dict(self) -> JsonObject:
        """``{"id", "title", ["description"]}``."""
        out: JsonObject = {"id": self.id, "title": self.title}
        if self.description is not None:
            out["description"] = self.description
        return out


@attrs.frozen(kw_only=True)
class ListSection:
    """A titled group of rows."""

    rows: tuple[ListRow, ...] = attrs.field(converter=_rows, validator=check.tuple_of(ListRow))
    title: str | None = None

    def __attrs_post_init__(self) -> None:
        _text(self.title, "section.title", _SECTION_TITLE_MAX, required=False)
        if not self.rows:
            raise ValidationError("a section needs at least one row", field="section.rows")

    def to_dict(self) -> JsonObject:
        """``{["title"], "rows": [...]}``."""
        out: JsonObject = {}
        if self.title is not None:
            out["title"] = self.title
        out["rows"] = [row.to_dict() for row in self.rows]
        return out


@attrs.frozen(kw_only=True)
class ListMessage:
    """A list message (Meta ``interactive.type: list``): a button that opens rows."""

    kind: ClassVar[str] = "list"
    body: str
    button: str
    sections: tuple[ListSection, ...] = attrs.field(
        converter=_sections, validator=check.tuple_of(ListSection)
    )
    header: str | None = None
    footer: str | None = None

    def __attrs_post_init__(self) -> None:
        _text(self.body, "content.body", _LIST_BODY_MAX)
        _text(self.button, "content.button", _LIST_BUTTON_MAX)
        _text(self.header, "content.header", _HEADER_MAX, required=False)
        _text(self.footer, "content.footer", _FOOTER_MAX, required=False)
        if not 1 <= len(self.sections) <= _SECTIONS_MAX:
            raise ValidationError(
                f"1 to {_SECTIONS_MAX} sections",
                field="content.sections",
                value=len(self.sections),
            )
        if len(self.sections) > 1 and any(s.title is None for s in self.sections):
            raise ValidationError(
                "every section needs a title when there are several", field="content.sections"
            )
        ids = [row.id for section in self.sections for row in section.rows]
        if len(ids) > _ROWS_MAX:
            raise ValidationError(
                f"at most {_ROWS_MAX} rows in total", field="content.sections", value=len(ids)
            )
        if len(set(ids)) != len(ids):
            raise ValidationError("row ids must be unique", field="content.sections", value=ids)

    def to_dict(self) -> JsonObject:
        """Canonical JSON: ``{"kind": "list", body, button, sections, [header], [footer]}``."""
        out: JsonObject = {
            "kind": self.kind,
            "body": self.body,
            "button": self.button,
            "sections": [s.to_dict() for s in self.sections],
        }
        return _frame(out, self.header, self.footer)
