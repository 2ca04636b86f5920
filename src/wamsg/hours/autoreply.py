"""Out-of-hours auto-reply: send it or not, and which opening time to put in it.

Public API: :func:`decide_autoreply` returning an :class:`AutoReplyDecision`.

Rules:

- Only a message received while the business is closed
  (:class:`~wamsg.hours.business_hours.BusinessHours`) gets the auto-reply; it tells the
  customer when the business opens next
  (``next_open``, in UTC, and ``next_open_local`` in the business's zone).
- At most **once per closed period**: if an auto-reply was already sent since the
  business last closed (``last_autoreply_at`` with no opening between it and the new
  message), a second one is not sent. A customer writing five times on a Saturday night
  gets one auto-reply; writing again on the next closed evening gets a new one.
- The auto-reply is a free-form message: the customer's message has just opened the
  customer service window ([rule meta.csw.24h]), so it may be sent.
"""

from __future__ import annotations

import enum
from datetime import datetime

import attrs

from wamsg._internal import fields as check
from wamsg._internal.json import JsonObject, format_time, require_aware
from wamsg.hours.business_hours import BusinessHours

__all__ = ["AutoReplyDecision", "AutoReplyReason", "decide_autoreply"]


class AutoReplyReason(str, enum.Enum):
    """Why the auto-reply is sent or not (closed set of stable codes)."""

    OUT_OF_HOURS = "out_of_hours"
    """Closed now and no auto-reply yet in this closed period: send it."""
    OPEN = "open"
    """The business is open: an agent answers, no auto-reply."""
    ALREADY_SENT = "already_sent"
    """An auto-reply already went out in this closed period."""


@attrs.frozen(kw_only=True)
class AutoReplyDecision:
    """Whether to send the out-of-hours auto-reply, and the next opening to mention.

    ``next_open`` is None when the business is not scheduled to open within the
    search horizon (say "we will be back" without a time).
    """

    send: bool
    reason: AutoReplyReason
    message: str
    next_open: datetime | None
    next_open_local: datetime | None

    def to_dict(self) -> JsonObject:
        """JSON form; ``next_open_local`` in ISO 8601 with its offset."""
        return {
            "send": self.send,
            "reason": self.reason.value,
            "message": self.message,
            "next_open": None if self.next_open is None else format_time(self.next_open),
            "next_open_local": None
            if self.next_open_local is None
            else self.next_open_local.isoformat(),
        }


def decide_autoreply(
    hours: BusinessHours,
    *,
    received_at: datetime,
    last_autoreply_at: datetime | None = None,
) -> AutoReplyDecision:
    """Decide the out-of-hours auto-reply for a customer message received at ``received_at``.

    ``last_autoreply_at`` is when the previous auto-reply to this customer was sent
    (None if never). Raises :class:`ValidationError` for naive datetimes.
    """
    check.argument(hours, BusinessHours, "hours")
    received_at = require_aware(received_at, "received_at")
    if last_autoreply_at is not None:
        last_autoreply_at = require_aware(last_autoreply_at, "last_autoreply_at")
    opens = hours.next_open(received_at)
    if opens == received_at:
        return _decision(False, AutoReplyReason.OPEN, None, hours)
    if last_autoreply_at is not None and last_autoreply_at <= received_at:
        reopened = hours.next_open(last_autoreply_at)
        if reopened is None or reopened > received_at:
            return _decision(False, AutoReplyReason.ALREADY_SENT, opens, hours)
    return _decision(True, AutoReplyReason.OUT_OF_HOURS, opens, hours)


def _decision(
    send: bool, reason: AutoReplyReason, opens: datetime | None, hours: BusinessHours
) -> AutoReplyDecision:
    local = None if opens is None else hours.local(opens)
    if reason is AutoReplyReason.OPEN:
        message = "The business is open; no auto-reply."
    elif local is None:
        message = "Closed, with no opening scheduled; tell the customer you will be back."
    else:
        when = local.strftime("%A %H:%M") + f" ({hours.timezone})"
        message = (
            f"Closed; we open {when}."
            if send
            else f"Closed until {when}; the auto-reply was already sent."
        )
    return AutoReplyDecision(
        send=send, reason=reason, message=message, next_open=opens, next_open_local=local
    )
