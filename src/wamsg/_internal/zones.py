"""IANA time zones by name, read once and checked: a bad name is a ValidationError."""

from __future__ import annotations

import pendulum

from wamsg.errors import ValidationError

__all__ = ["time_zone"]


def time_zone(name: object, field: str) -> pendulum.Timezone | pendulum.FixedTimezone:
    """The zone called ``name`` (``"Europe/Helsinki"``); a ValidationError naming ``field``.

    Only names are accepted: not offsets, not empty text.
    """
    if not isinstance(name, str) or not name:
        raise ValidationError("must be an IANA time zone name", field=field, value=name)
    try:
        return pendulum.timezone(name)
    except Exception:  # pendulum raises InvalidTimezone, or zoneinfo's errors, by version
        raise ValidationError(
            "unknown time zone; use an IANA name such as 'Europe/Helsinki'",
            field=field,
            value=name,
        ) from None
