"""The configuration files commands read (``--policy``, ``--agents``, ``--definition`` …)."""

from __future__ import annotations

from wamsg._internal.json import Json
from wamsg._internal.strict import read_config
from wamsg.errors import ValidationError

__all__ = ["in_option", "read_file"]


def read_file(path: str, option: str) -> Json:
    """The strict JSON of the file at ``path``; errors name ``option`` (and the key)."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError as error:
        raise ValidationError(f"cannot read: {error}", field=option, value=path) from None
    try:
        return read_config(raw, option)
    except ValidationError as error:
        if error.field != option:
            raise ValidationError(error.reason, field=f"{option} {error.field}") from None
        raise ValidationError(f"cannot read: {error.reason}", field=option, value=path) from None


def in_option(option: str, error: ValidationError) -> ValidationError:
    """``error`` with the option of the file it came from in front of its field."""
    if error.field.startswith(option):
        return error
    return ValidationError(error.reason, field=f"{option} {error.field}", value=error.value)
