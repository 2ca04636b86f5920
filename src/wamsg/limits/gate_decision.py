"""The gate's answer: :class:`GateDecision`, its :class:`GateReason` and :class:`GatePolicy`.

See :func:`~wamsg.limits.can_send_now` for the checks and their order.
"""

from __future__ import annotations

import enum
from datetime import datetime

import attrs

from wamsg._internal import fields as check
from wamsg._internal.json import JsonObject, format_optional_time

__all__ = ["DEFAULT_GATE_POLICY", "GateDecision", "GatePolicy", "GateReason"]


class GateReason(str, enum.Enum):
    """Why the gate lets a send through or not (closed set; the values are stable codes)."""

    WINDOW_OPEN = "window_open"
    """The customer service window is open: allowed, and it does not count."""
    WITHIN_LIMIT = "within_limit"
    """A template outside the window, with room: it takes a new slot of the limit."""
    ALREADY_COUNTED = "already_counted"
    """A template outside the window to a customer already counted: no new slot."""
    UNLIMITED = "unlimited"
    """A template outside the window under an unlimited tier."""
    ACCOUNT_BANNED = "account_banned"
    """The WABA is disabled (ban state ``DISABLE``): nothing may be sent."""
    ACCOUNT_RESTRICTED = "account_restricted"
    """A restriction of the WABA in force blocks this kind of send (business-initiated
    messaging for a template outside the window, customer-initiated for a reply)."""
    NUMBER_NOT_CONNECTED = "number_not_connected"
    """The number's status does not allow this send."""
    HEALTH_BLOCKED = "health_blocked"
    """Meta's health status says the number cannot send."""
    CLASSIFICATION_ENFORCEMENT = "classification_enforcement"
    """Error 131064's enforcement is in force: templates are refused until it ends."""
    WINDOW_CLOSED = "window_closed"
    """A free-form message outside an open window (or inside the safety margin)."""
    TEMPLATE_NOT_APPROVED = "template_not_approved"
    """The caller said the template is not approved."""
    LIMIT_REACHED = "limit_reached"
    """Every slot of the messaging limit is held: wait until ``retry_at``."""
    MARKETING_NOT_DELIVERED_US = "marketing_not_delivered_us"
    """Meta does not deliver marketing templates to US numbers since 2025-04-01."""
    MARKETING_COOL_DOWN = "marketing_cool_down"
    """Less than 24 h since this customer's 131049: wait until ``retry_at``."""
    PAIR_RATE = "pair_rate"
    """The pair's burst is spent (Meta would answer 131056): wait until ``retry_at``."""
    MEDIA_REFUSED = "media_refused"
    """WhatsApp does not accept this file (kind, type, codec or size)."""
    ATTACHMENTS_OFF = "attachments_off"
    """The channel does not let agents attach files."""


@attrs.frozen(kw_only=True)
class GatePolicy:
    """The gate's inferred parameters, with the defaults the research notes give.

    ``limited_health_blocks``: whether ``can_send_message: LIMITED`` refuses a send
    (False: Meta says the number can send with limitations). ``enforcement_allows_replies``:
    whether a free-form reply inside an open window may go while 131064's enforcement
    lasts (True: Meta names templates and Direct Send only; worked example W56).
    """

    limited_health_blocks: bool = attrs.field(default=False, validator=check.flag)
    enforcement_allows_replies: bool = attrs.field(default=True, validator=check.flag)


DEFAULT_GATE_POLICY = GatePolicy()
"""The gate's defaults."""


@attrs.frozen(kw_only=True)
class GateDecision:
    """The gate's answer for one send.

    ``counts_against_limit`` is whether the send will take a new slot of the messaging
    limit; ``retry_at`` when trying again can change the answer (the next free slot,
    the pair clock's room, the cool-down's or the enforcement's end), None when only
    something else can (the customer writing, the number reconnecting); ``facts`` the
    values the gate used, in JSON form.
    """

    allowed: bool = attrs.field(validator=check.flag)
    reason: GateReason = attrs.field(validator=check.instance(GateReason))
    message: str = attrs.field(validator=check.text)
    counts_against_limit: bool = attrs.field(validator=check.flag)
    retry_at: datetime | None = attrs.field(validator=check.opt_moment)
    facts: JsonObject = attrs.field(validator=check.json_object)

    def to_dict(self) -> JsonObject:
        """JSON form, times in ISO 8601 UTC."""
        return {
            "allowed": self.allowed,
            "reason": self.reason.value,
            "counts_against_limit": self.counts_against_limit,
            "retry_at": format_optional_time(self.retry_at),
            "message": self.message,
            "facts": self.facts,
        }
