"""Where an outgoing message stands: delivery statuses and how they merge.

Status webhooks arrive late, twice, or out of order, from every provider
([rule meta.status.order] [rule twilio.status.order]; Meta may skip ``delivered`` and
send only ``read``, [rule meta.status.values]). wamsg therefore never *replaces* a
status with the newest one: it **merges** them with a join over a fixed order, so
that any arrival order and any number of duplicates converge to the same answer.

The order (lowest first)::

    pending < sent < failed < delivered < read < played < deleted

- a late ``delivered`` never overwrites ``read``;
- ``failed`` wins over ``pending`` and ``sent``;
- proof of delivery (``delivered``, ``read``, ``played``) wins over a failure
  report (YCloud documents ``delivered`` arriving after ``failed`` on
  multi-device users, [rule ycloud.status.delivered-after-failed]);
- ``deleted`` (On-Premises and some BSPs, [rule meta.status.deleted]) is the last word;
- failure details are never lost: :class:`Delivery` keeps the union of errors.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

import attrs

from wamsg._internal import fields as check
from wamsg._internal.json import Json, JsonObject, int_as_text, is_text, opt_str, req_mapping
from wamsg.errors import ValidationError

__all__ = ["Delivery", "DeliveryStatus", "ErrorDetail", "Pricing", "Ticks"]


class Ticks(str, enum.Enum):
    """What a helpdesk shows for a status (CDESK's message status column)."""

    IN_PREPARATION = "in preparation"
    ONE_GREY = "one grey tick"
    TWO_GREY = "two grey ticks"
    TWO_BLUE = "two blue ticks"
    FAILED = "failed"
    DELETED = "deleted"


class DeliveryStatus(str, enum.Enum):
    """A canonical delivery status; ordered for :meth:`merge` (see the module docs)."""

    PENDING = "pending"
    """Accepted by the provider, not yet handed to WhatsApp ("in preparation")."""
    SENT = "sent"
    """Handed to WhatsApp: one grey tick."""
    FAILED = "failed"
    """Not delivered; the errors say why."""
    DELIVERED = "delivered"
    """On the customer's phone: two grey ticks."""
    READ = "read"
    """Opened by the customer: two blue ticks."""
    PLAYED = "played"
    """A voice message played for the first time."""
    DELETED = "deleted"
    """Deleted (On-Premises and some BSPs)."""

    _rank: int

    def __init__(self, *_value: object) -> None:
        # members are created in declaration order: that order is the merge order. An
        # attribute (not a dict keyed by member) keeps the merge free of Enum.__hash__.
        self._rank = len(type(self).__members__)

    @property
    def rank(self) -> int:
        """Position in the merge order: a higher rank wins."""
        return self._rank

    @property
    def ticks(self) -> Ticks:
        """The ticks a helpdesk shows for this status."""
        return _TICKS[self]

    @property
    def is_delivered(self) -> bool:
        """True for statuses that prove delivery: delivered, read, played."""
        return self in _PROOF

    def merge(self, other: DeliveryStatus) -> DeliveryStatus:
        """The join of two statuses: the one that ranks higher."""
        if not isinstance(other, DeliveryStatus):
            raise ValidationError("must be a DeliveryStatus", field="other", value=other)
        return self if self._rank >= other._rank else other


_PROOF = frozenset({DeliveryStatus.DELIVERED, DeliveryStatus.READ, DeliveryStatus.PLAYED})
_TICKS = {
    DeliveryStatus.PENDING: Ticks.IN_PREPARATION,
    DeliveryStatus.SENT: Ticks.ONE_GREY,
    DeliveryStatus.FAILED: Ticks.FAILED,
    DeliveryStatus.DELIVERED: Ticks.TWO_GREY,
    DeliveryStatus.READ: Ticks.TWO_BLUE,
    DeliveryStatus.PLAYED: Ticks.TWO_BLUE,
    DeliveryStatus.DELETED: Ticks.DELETED,
}


def _code(_instance: object, _attribute: object, value: str) -> None:
    if not isinstance(value, str) or not value or not is_text(value):
        raise ValidationError("must be a code", field="errors[].code", value=value)


@attrs.frozen(kw_only=True, order=True)
class ErrorDetail:
    """A failure reported by a provider: ``code`` (as a string), title, detail."""

    code: str = attrs.field(validator=_code)
    title: str | None = attrs.field(default=None, validator=check.opt_text)
    detail: str | None = attrs.field(default=None, validator=check.opt_text)

    def to_dict(self) -> JsonObject:
        """Canonical JSON: ``{code, title, detail}``."""
        return {"code": self.code, "title": self.title, "detail": self.detail}

    @classmethod
    def from_dict(cls, data: object, field: str = "errors[]") -> ErrorDetail:
        """Read an error object; an integer ``code`` is accepted and kept as text."""
        mapping = req_mapping(data, field)
        code = mapping.get("code")
        code = int_as_text(code)
        if not isinstance(code, str) or not code or not is_text(code):
            raise ValidationError("must be a code", field=f"{field}.code", value=code)
        return cls(
            code=code,
            title=opt_str(mapping, "title", field),
            detail=opt_str(mapping, "detail", field),
        )


@attrs.frozen(kw_only=True, order=True)
class Pricing:
    """The pricing a provider reported on a status (Meta ``statuses[].pricing``).

    Values are kept as reported: ``model`` (``"CBP"``/``"PMP"``), ``type``
    (``regular``, ``free_customer_service``, ``free_entry_point``),
    ``category`` (both spellings of authentication-international occur,
    [rule meta.pricing.category-spelling]) and the deprecated ``billable`` flag
    ([rule meta.pricing.status-pricing]).
    """

    model: str | None = attrs.field(default=None, validator=check.opt_text)
    type: str | None = attrs.field(default=None, validator=check.opt_text)
    category: str | None = attrs.field(default=None, validator=check.opt_text)
    billable: bool | None = attrs.field(default=None, validator=check.opt_flag)

    def to_dict(self) -> JsonObject:
        """Canonical JSON: ``{model, type, category, billable}``."""
        return {
            "model": self.model,
            "type": self.type,
            "category": self.category,
            "billable": self.billable,
        }

    @classmethod
    def from_dict(cls, data: object, field: str = "pricing") -> Pricing:
        """Read a canonical pricing object."""
        mapping = req_mapping(data, field)
        billable = mapping.get("billable")
        if billable is not None and not isinstance(billable, bool):
            raise ValidationError(
                "must be true, false or null", field=f"{field}.billable", value=billable
            )
        return cls(
            model=opt_str(mapping, "model", field),
            type=opt_str(mapping, "type", field),
            category=opt_str(mapping, "category", field),
            billable=billable,
        )


def _pricing_key(pricing: Pricing) -> tuple[tuple[bool, str], ...]:
    """A total order on pricing reports that tells None from "" (so merge commutes)."""
    return (
        (pricing.model is not None, pricing.model or ""),
        (pricing.type is not None, pricing.type or ""),
        (pricing.category is not None, pricing.category or ""),
        (pricing.billable is not None, "1" if pricing.billable else ""),
    )


def _opt_at(value: datetime | None) -> datetime | None:
    return check.opt_time_of(value, "at")


def _error_set(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validator: a frozenset of :class:`ErrorDetail`."""
    if type(value) is not frozenset or not all(type(e) is ErrorDetail for e in value):
        raise ValidationError("must be a frozenset of ErrorDetail", field="errors", value=value)


@attrs.frozen(kw_only=True)
class Delivery:
    """Everything known about one outgoing message's delivery, merged.

    ``status`` is the join of every reported status, ``at`` the earliest time
    the winning status was reported (None when no time was given), ``errors``
    the union of every reported failure and ``pricing`` the pricing report
    (the one that sorts last, so that the choice does not depend on order).

    :meth:`merge` is commutative, associative and idempotent, and :meth:`combine`
    is its fold: ``combine(a).merge(combine(b)) == combine(a + b)`` for any non-empty
    lists of records. There is no empty delivery: "no report yet" is None, the
    identity of :meth:`combine` (``docs/merging.md``).
    """

    status: DeliveryStatus = attrs.field(validator=check.instance(DeliveryStatus))
    at: datetime | None = attrs.field(default=None, converter=_opt_at)
    errors: frozenset[ErrorDetail] = attrs.field(default=frozenset(), validator=_error_set)
    pricing: Pricing | None = attrs.field(default=None, validator=check.opt_instance(Pricing))

    def merge(self, other: Delivery) -> Delivery:
        """The join of two delivery records (see the class docs)."""
        if not isinstance(other, Delivery):
            raise ValidationError("must be a Delivery", field="other", value=other)
        status, at = join_status(self.status, self.at, other.status, other.at)
        errors = self.errors | other.errors if other.errors else self.errors
        pricing = later_pricing(self.pricing, other.pricing)
        same = status is self.status and at is self.at and errors is self.errors
        if same and pricing is self.pricing:
            return self
        return Delivery(status=status, at=at, errors=errors, pricing=pricing)

    @property
    def ticks(self) -> Ticks:
        """The ticks a helpdesk shows for this delivery."""
        return _TICKS[self.status]

    @property
    def sorted_errors(self) -> tuple[ErrorDetail, ...]:
        """The errors in a stable order (by code, title, detail)."""
        return tuple(sorted(self.errors))

    @classmethod
    def combine(cls, deliveries: Iterable[Delivery]) -> Delivery | None:
        """Merge any number of records; None for none."""
        if isinstance(deliveries, (str, bytes)) or not isinstance(deliveries, Iterable):
            raise ValidationError("must be an iterable of Delivery", field="deliveries")
        result: Delivery | None = None
        for delivery in deliveries:
            if not isinstance(delivery, Delivery):
                raise ValidationError("must hold only Delivery values", field="deliveries")
            result = delivery if result is None else result.merge(delivery)
        return result


def _earliest(first: datetime | None, second: datetime | None) -> datetime | None:
    if first is None:
        return second
    if second is None:
        return first
    return first if first <= second else second


def join_status(
    first: DeliveryStatus,
    first_at: datetime | None,
    second: DeliveryStatus,
    second_at: datetime | None,
) -> tuple[DeliveryStatus, datetime | None]:
    """The join of two (status, time) reports: the higher status, at its earliest time."""
    mine, theirs = first._rank, second._rank
    if mine > theirs:
        return first, first_at
    if theirs > mine:
        return second, second_at
    return first, _earliest(first_at, second_at)


def later_pricing(first: Pricing | None, second: Pricing | None) -> Pricing | None:
    """The pricing report that wins a merge: the one that sorts last (None loses)."""
    if first is None or first is second:
        return second
    if second is None:
        return first
    return first if _pricing_key(first) >= _pricing_key(second) else second


def errors_from(data: Mapping[str, Json], field: str) -> tuple[ErrorDetail, ...]:
    """Read the optional ``errors`` list of an event object."""
    raw = data.get("errors")
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise ValidationError("must be a list", field=f"{field}.errors", value=raw)
    return tuple(ErrorDetail.from_dict(item, f"{field}.errors[{i}]") for i, item in enumerate(raw))
