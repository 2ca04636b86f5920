"""The customer service window and the free entry point window, per (business, customer).

Window values, their fold (:class:`WindowState`, :class:`WindowBook`), the send
decision (:func:`decide_send`) and follow-up planning. See ``docs/window.md``.
"""

from __future__ import annotations

from wamsg.window.book import (
    WindowBook,
)
from wamsg.window.followup import (
    FollowUp,
    FollowUpKind,
    FollowUpPolicy,
    PairOverview,
    plan_followups,
    window_overview,
)
from wamsg.window.send_decision import (
    FREE_FORM,
    SendDecision,
    SendReason,
    decide_send,
)
from wamsg.window.state import (
    CUSTOMER_SERVICE_WINDOW_EVENT_KINDS,
    WindowState,
)
from wamsg.window.values import (
    CUSTOMER_SERVICE_WINDOW,
    FREE_ENTRY_POINT_REPLY_LIMIT,
    FREE_ENTRY_POINT_WINDOW,
    MAX_MARGIN,
    Window,
    WindowKind,
    WindowSnapshot,
    at_utc,
    check_margin,
)

__all__ = [
    "CUSTOMER_SERVICE_WINDOW",
    "CUSTOMER_SERVICE_WINDOW_EVENT_KINDS",
    "FREE_ENTRY_POINT_REPLY_LIMIT",
    "FREE_ENTRY_POINT_WINDOW",
    "FREE_FORM",
    "MAX_MARGIN",
    "FollowUp",
    "FollowUpKind",
    "FollowUpPolicy",
    "PairOverview",
    "SendDecision",
    "SendReason",
    "Window",
    "WindowBook",
    "WindowKind",
    "WindowSnapshot",
    "WindowState",
    "at_utc",
    "check_margin",
    "decide_send",
    "plan_followups",
    "window_overview",
]
