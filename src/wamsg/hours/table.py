"""Business hours in configuration files: ``{"timezone", "weekly", "closed"}`` by id.

Routing policies and flow definitions name business hours by id and write each as
``{"timezone": "Europe/Helsinki", "weekly": "Mon-Fri 09:00-17:00", "closed":
["2026-12-24"]}``. :func:`hours_table` reads such a table strictly (an unknown key is an
error; errors name ``hours.<id>.<key>``) and :func:`hours_entry` writes one back.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from wamsg._internal import fields as check
from wamsg._internal.json import Json, JsonObject
from wamsg._internal.strict import listed, obj, string
from wamsg.errors import ValidationError
from wamsg.hours.business_hours import BusinessHours

__all__ = ["hours_entry", "hours_table"]

_KEYS = ("timezone", "weekly", "closed")
_PARSE_FIELDS = {"hours": "weekly", "weekly": "weekly", "holidays": "closed"}
"""BusinessHours.parse's field names → the file's keys."""


def _closed(data: Mapping[str, Json], field: str) -> list[date]:
    days = []
    for i, day in enumerate(listed(data, "closed", field)):
        try:
            days.append(date.fromisoformat(day) if isinstance(day, str) else None)
        except ValueError:
            days.append(None)
        if days[-1] is None:
            raise ValidationError(
                "must be a date YYYY-MM-DD", field=f"{field}.closed[{i}]", value=day
            )
    return [day for day in days if day is not None]


def hours_table(value: object, field: str = "hours") -> dict[str, BusinessHours]:
    """The business hours of a file's ``hours`` object, by id, read strictly.

    ``field`` (a text) names the object in errors.
    """
    field = check.text_of(field, "field")
    table = obj(value, field, ()) if not isinstance(value, Mapping) else value
    out: dict[str, BusinessHours] = {}
    for name, spec in table.items():
        at = f"{field}.{name}"
        data = obj(spec, at, _KEYS)
        weekly, zone = string(data, "weekly", at), string(data, "timezone", at)
        closed = _closed(data, at)
        try:
            out[str(name)] = BusinessHours.parse(weekly, timezone=zone, holidays=closed)
        except ValidationError as error:
            key = _PARSE_FIELDS.get(error.field, error.field)
            raise ValidationError(error.reason, field=f"{at}.{key}", value=error.value) from None
    return out


def hours_entry(hours: BusinessHours) -> JsonObject:
    """The file form of ``hours`` (special days are not part of it)."""
    if not isinstance(hours, BusinessHours):
        raise ValidationError("must be a BusinessHours", field="hours", value=hours)
    out: JsonObject = {"timezone": hours.timezone, "weekly": hours.describe()}
    if hours.holidays:
        out["closed"] = [day.isoformat() for day in sorted(hours.holidays)]
    return out
