"""Typed parameter values for template bodies: currency and date-time.

Facts ([rule meta.template.send-components]): a body parameter is ``text``,
``currency`` ``{fallback_value, code (ISO 4217), amount_1000}`` or ``date_time``
``{fallback_value}``; Cloud API always shows the fallback value.
"""

from __future__ import annotations

import re
from typing import TypeAlias

import attrs

from wamsg._internal import fields as check
from wamsg._internal.json import is_text
from wamsg.content import Document, Location, Media
from wamsg.errors import ValidationError

__all__ = ["BodyValue", "ButtonValue", "Currency", "DateTime", "HeaderValue"]

_ISO_4217 = re.compile(r"[A-Z]{3}")


def _check_code(_instance: object, _attribute: object, value: str) -> None:
    if not isinstance(value, str) or not _ISO_4217.fullmatch(value):
        raise ValidationError(
            "must be an ISO 4217 code such as 'USD'", field="currency.code", value=value
        )


def _check_fallback(_instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not is_text(value):
        raise ValidationError(
            "must be the text the customer reads (no lone surrogate)",
            field=f"{type(_instance).__name__.lower()}.{attribute.name}",
            value=value,
        )


def _check_amount(_instance: object, _attribute: object, value: int) -> None:
    if (
        isinstance(value, bool)
        or not isinstance(value, int)
        or not -check.MAX_JSON_INT <= value <= check.MAX_JSON_INT
    ):
        raise ValidationError(
            "must be an integer (amount × 1000) a JSON int64 holds",
            field="currency.amount_1000",
            value=value,
        )


@attrs.frozen(kw_only=True)
class Currency:
    """A money amount: ``amount_1000`` is the amount times 1000 (``$12.50`` → 12500)."""

    fallback_value: str = attrs.field(validator=_check_fallback)
    code: str = attrs.field(validator=_check_code)
    amount_1000: int = attrs.field(validator=_check_amount)


@attrs.frozen
class DateTime:
    """A date or time shown as ``fallback_value`` (Cloud API always uses the fallback)."""

    fallback_value: str = attrs.field(validator=_check_fallback)


BodyValue: TypeAlias = str | Currency | DateTime
"""A value for one body parameter."""

HeaderValue: TypeAlias = str | Media | Document | Location
"""A value for the header: its text parameter, its media, or its location."""

ButtonValue: TypeAlias = str
"""A value for one button: URL suffix, quick-reply payload, coupon code, OTP, flow token."""
