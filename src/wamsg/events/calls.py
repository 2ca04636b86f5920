"""WhatsApp calls: the Calling API's webhooks as one event, :class:`CallEvent`.

Meta reports a call in its ``calls`` webhook field [rule meta.webhook.calls]:
``connect`` (the call is being set up, with the SDP offer or answer), ``terminate``
(it ended: status, start and end time, duration), and, for a call the business
placed, status webhooks (``RINGING``, ``ACCEPTED``, ``REJECTED``). Each is one
:class:`CallEvent`; ``event`` says which (``"connect"``, ``"terminate"``,
``"status"``, or a value wamsg does not know, kept as sent).

A call *from the user* opens the customer service window like a message does; the
window fold (:mod:`wamsg.window`) reads it off a user-initiated ``connect``
[rule meta.csw.user-call].

Canonical JSON (``docs/events.md``)::

    {"type": "call", provider, business, customer, occurred_at,
     "call_id", "event", "direction", "status", "started_at", "ended_at",
     "duration_seconds", "callback_data", "session": {"sdp_type", "sdp"} or null,
     "errors": [{"code", "title", "detail"}]}
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from datetime import datetime
from typing import ClassVar

import attrs

from wamsg._internal import fields as check
from wamsg._internal.json import UNIX_LATEST, Json, JsonObject, format_optional_time
from wamsg.delivery import ErrorDetail
from wamsg.errors import ValidationError
from wamsg.events._base import head, opt_time, opt_time_of, tail
from wamsg.identity import Customer, PhoneNumber

__all__ = ["CallDirection", "CallEvent", "CallSession"]

_MAX_DURATION = UNIX_LATEST  # seconds: no call outlasts the times wamsg accepts


class CallDirection(str, enum.Enum):
    """Who placed a call: the WhatsApp user or the business (``UNKNOWN``: anything else)."""

    USER_INITIATED = "USER_INITIATED"
    BUSINESS_INITIATED = "BUSINESS_INITIATED"
    UNKNOWN = "UNKNOWN"

    @classmethod
    def parse(cls, value: object) -> CallDirection:
        """The direction Meta names (any case); ``UNKNOWN`` for anything else."""
        if type(value) is str:
            found = cls.__members__.get(value.strip().upper())
            if found is not None:
                return found
        return cls.UNKNOWN


def _direction(value: CallDirection | str | None) -> str | None:
    """A direction as Meta spells it; a :class:`CallDirection` becomes its value."""
    return value.value if isinstance(value, CallDirection) else value


def _started(value: datetime | None) -> datetime | None:
    return opt_time_of(value, "started_at")


def _ended(value: datetime | None) -> datetime | None:
    return opt_time_of(value, "ended_at")


def _duration(_instance: object, attribute: attrs.Attribute[int | None], value: object) -> None:
    if value is None:
        return
    if type(value) is not int or not 0 <= value <= _MAX_DURATION:
        raise ValidationError(
            f"must be whole seconds from 0 to {_MAX_DURATION}", field=attribute.name, value=value
        )


def _errors(value: Iterable[ErrorDetail]) -> tuple[ErrorDetail, ...]:
    errors = check.as_tuple(value)
    if type(errors) is not tuple:
        raise ValidationError("must be ErrorDetail values", field="errors", value=errors)
    for error in errors:
        if not isinstance(error, ErrorDetail):
            raise ValidationError("must be ErrorDetail values", field="errors", value=error)
    return errors


def _size(value: str | None) -> str:
    return "None" if value is None else f"<{len(value)} characters>"


@attrs.frozen(kw_only=True)
class CallSession:
    """The WebRTC session of a call: the SDP ``offer`` or ``answer`` (RFC 8866).

    The SDP is kept whole (it is call data, not a secret); its repr shows only its size.
    """

    sdp_type: str | None = attrs.field(default=None, validator=check.opt_text)
    sdp: str | None = attrs.field(default=None, validator=check.opt_text, repr=_size)

    def to_dict(self) -> JsonObject:
        """Canonical JSON: ``{"sdp_type", "sdp"}``."""
        return {"sdp_type": self.sdp_type, "sdp": self.sdp}


@attrs.frozen(kw_only=True)
class CallEvent:
    """One webhook about a WhatsApp call: it connects, ends, or rings (see the module docs).

    ``call_id`` is Meta's ``wacid.…``. ``direction`` is kept as Meta spells it
    (``USER_INITIATED``, ``BUSINESS_INITIATED``, or a value wamsg does not know);
    :attr:`initiated_by` reads it. ``customer`` is the WhatsApp user of the call
    (the caller of a user-initiated call, the callee of a business-initiated one),
    ``business`` the business number. ``status`` is ``COMPLETED``/``FAILED`` … for a
    ``terminate`` and ``RINGING``/``ACCEPTED``/``REJECTED`` for a ``status``;
    ``started_at``, ``ended_at`` and ``duration_seconds`` come with a ``terminate``.
    ``callback_data`` is the ``biz_opaque_callback_data`` the business set when it
    placed the call; ``errors`` are the errors Meta reported with the webhook.
    """

    type: ClassVar[str] = "call"
    provider: str = attrs.field(validator=check.text)
    call_id: str = attrs.field(validator=check.text)
    event: str = attrs.field(validator=check.text)
    business: PhoneNumber | None = attrs.field(
        default=None, validator=check.opt_instance(PhoneNumber)
    )
    customer: Customer | None = attrs.field(default=None, validator=check.opt_instance(Customer))
    occurred_at: datetime | None = attrs.field(default=None, converter=opt_time)
    direction: str | None = attrs.field(
        default=None, converter=_direction, validator=check.opt_text
    )
    status: str | None = attrs.field(default=None, validator=check.opt_text)
    started_at: datetime | None = attrs.field(default=None, converter=_started)
    ended_at: datetime | None = attrs.field(default=None, converter=_ended)
    duration_seconds: int | None = attrs.field(default=None, validator=_duration)
    callback_data: str | None = attrs.field(default=None, validator=check.opt_text)
    session: CallSession | None = attrs.field(
        default=None, validator=check.opt_instance(CallSession)
    )
    errors: tuple[ErrorDetail, ...] = attrs.field(default=(), converter=_errors)
    raw: Json = attrs.field(default=None, eq=False, repr=False, converter=check.raw_json)
    extra: JsonObject = attrs.field(
        factory=dict, hash=False, repr=False, converter=check.extra_json
    )

    @property
    def initiated_by(self) -> CallDirection | None:
        """Who placed the call (None when the webhook does not say, as status webhooks)."""
        return None if self.direction is None else CallDirection.parse(self.direction)

    @property
    def user_initiated(self) -> bool:
        """True when the WhatsApp user placed the call."""
        return self.initiated_by is CallDirection.USER_INITIATED

    def to_dict(self, *, include_raw: bool = True) -> JsonObject:
        """The canonical JSON form."""
        out = head(self.type, self.provider, self.business, self.customer, self.occurred_at)
        out["call_id"] = self.call_id
        out["event"] = self.event
        out["direction"] = self.direction
        out["status"] = self.status
        out["started_at"] = format_optional_time(self.started_at)
        out["ended_at"] = format_optional_time(self.ended_at)
        out["duration_seconds"] = self.duration_seconds
        out["callback_data"] = self.callback_data
        out["session"] = None if self.session is None else self.session.to_dict()
        out["errors"] = [error.to_dict() for error in self.errors]
        return tail(out, self.extra, self.raw, include_raw)
