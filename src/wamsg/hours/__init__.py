"""Business hours, holidays and special days, and the out-of-hours auto-reply.

See ``docs/hours.md``.
"""

from __future__ import annotations

from wamsg.hours._parser import Interval
from wamsg.hours.autoreply import (
    AutoReplyDecision,
    AutoReplyReason,
    decide_autoreply,
)
from wamsg.hours.business_hours import (
    HORIZON_DAYS,
    BusinessHours,
)
from wamsg.hours.table import hours_entry, hours_table

__all__ = [
    "HORIZON_DAYS",
    "AutoReplyDecision",
    "AutoReplyReason",
    "BusinessHours",
    "Interval",
    "decide_autoreply",
    "hours_entry",
    "hours_table",
]
