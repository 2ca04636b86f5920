"""Window values: the two window kinds, one window, and a snapshot of both at a moment.

Rules and sources are in :mod:`wamsg.window.state`, which re-exports every name here.
"""

from __future__ import annotations

import enum
from datetime import datetime, timedelta

import attrs

from wamsg._internal.json import EARLIEST, LATEST, UTC, ZERO, require_aware
from wamsg.errors import ValidationError

__all__ = [
    "CUSTOMER_SERVICE_WINDOW",
    "FREE_ENTRY_POINT_REPLY_LIMIT",
    "FREE_ENTRY_POINT_WINDOW",
    "MAX_MARGIN",
    "Window",
    "WindowKind",
    "WindowSnapshot",
    "at_utc",
    "check_margin",
]


# "A 24-hour timer" from the user's last message or call; in force since the WhatsApp
# Business API launch and unchanged by the 2025-07-01 per-message pricing switch.
CUSTOMER_SERVICE_WINDOW = timedelta(hours=24)  # [rule meta.csw.24h]
"""How long the customer service window stays open after the customer's last message."""

# The free entry point window lasts 72 h (since conversation-based pricing, 2022-02-01;
# opens at the reply under per-message pricing, 2025-07-01).
FREE_ENTRY_POINT_WINDOW = timedelta(hours=72)  # [rule meta.fep.72h]
"""How long a free entry point window stays open from the business's reply."""

# The business must respond within 24 h of the ad-referred message for a free entry
# point window to open (2022-02-01 onwards).
FREE_ENTRY_POINT_REPLY_LIMIT = timedelta(hours=24)  # [rule meta.fep.reply-24h]
"""How soon the business must answer an ad-referred message to open a free entry point."""


class WindowKind(str, enum.Enum):
    """Which of the two windows a :class:`Window` is."""

    CUSTOMER_SERVICE = "customer_service"
    """Free-form messages allowed; 24 h from the customer's last message."""
    FREE_ENTRY_POINT = "free_entry_point"
    """Every message free of charge; 72 h from the reply to an ad-referred message."""


MAX_MARGIN = timedelta(days=365)
"""The longest safety margin accepted: far beyond any window, so no subtraction overflows."""


def check_margin(margin: object) -> timedelta:
    """Return ``margin`` as a plain :class:`timedelta`, or raise if it is not one >= 0."""
    if not isinstance(margin, timedelta):
        raise ValidationError("must be a datetime.timedelta", field="margin", value=margin)
    if margin < ZERO:
        raise ValidationError("a safety margin cannot be negative", field="margin", value=margin)
    if margin > MAX_MARGIN:
        raise ValidationError(
            "a safety margin longer than a year means no window is ever open",
            field="margin",
            value=margin,
        )
    return timedelta(margin.days, margin.seconds, margin.microseconds)


def at_utc(value: object) -> datetime:
    """``value`` in UTC; fast for a stdlib UTC datetime, else checked by ``require_aware``."""
    if type(value) is datetime and value.tzinfo is UTC and EARLIEST <= value < LATEST:
        return value
    return require_aware(value, "at")


@attrs.frozen
class Window:
    """One window: open for ``opens_at <= t < closes_at`` (the end is excluded).

    ``margin`` (a :class:`timedelta` >= 0) treats the window as closed that much
    earlier, e.g. ``timedelta(minutes=2)`` to absorb clock skew and queueing.
    """

    kind: WindowKind
    opens_at: datetime
    closes_at: datetime

    def is_open(self, at: datetime, *, margin: timedelta = ZERO) -> bool:
        """True when ``opens_at <= at < closes_at - margin``."""
        at = at_utc(at)
        return self.opens_at <= at < self.closes_at - check_margin(margin)

    def time_left(self, at: datetime, *, margin: timedelta = ZERO) -> timedelta:
        """How long the window stays open after ``at`` (zero when it is not open)."""
        at = at_utc(at)
        if at < self.opens_at:
            return ZERO
        return max(ZERO, self.closes_at - check_margin(margin) - at)


@attrs.frozen(kw_only=True)
class WindowSnapshot:
    """Both windows of a pair as they stand at ``at`` (with ``margin`` applied).

    ``customer_service_window`` / ``free_entry_point_window`` are the latest windows
    opened at or before ``at`` (possibly closed by then), None if none ever opened.
    """

    at: datetime
    margin: timedelta
    customer_service_window: Window | None
    free_entry_point_window: Window | None

    @property
    def customer_service_window_open(self) -> bool:
        """True when free-form messages may be sent at ``at``."""
        w = self.customer_service_window
        return w is not None and w.is_open(self.at, margin=self.margin)

    @property
    def free_entry_point_open(self) -> bool:
        """True when a message sent at ``at`` falls in a free entry point window."""
        w = self.free_entry_point_window
        return w is not None and w.is_open(self.at, margin=self.margin)

    @property
    def opens_at(self) -> datetime | None:
        """When the current customer service window opened (None if never)."""
        w = self.customer_service_window
        return None if w is None else w.opens_at

    @property
    def closes_at(self) -> datetime | None:
        """When the customer service window closes or closed (None if never opened)."""
        w = self.customer_service_window
        return None if w is None else w.closes_at

    @property
    def free_entry_point_closes_at(self) -> datetime | None:
        """When the latest free entry point window closes or closed (None if none)."""
        w = self.free_entry_point_window
        return None if w is None else w.closes_at

    @property
    def time_left(self) -> timedelta:
        """How long free-form messages remain allowed after ``at`` (margin applied)."""
        w = self.customer_service_window
        return ZERO if w is None else w.time_left(self.at, margin=self.margin)
