"""Follow-up planning: what to send, when, and why, for one (business, customer) pair.

Public API: :func:`plan_followups` ``(state, *, at, hours=None, policy=FollowUpPolicy())``
returns the :class:`FollowUp` plans for a :class:`~wamsg.window.state.WindowState` as of
``at``, soonest first; :func:`window_overview` does it for a whole
:class:`~wamsg.window.state.WindowBook` (the helpdesk's window column and reminders).

Plans (pure; the caller schedules them and re-plans after every event):

- **Window-closing reminder** (:attr:`FollowUpKind.WINDOW_CLOSING_REMINDER`): the
  customer wrote last and the customer service window is still open when an agent
  can answer: nudge the agent ``policy.closing_lead`` (1 h) before it closes, to send
  a free-form reply before ``deadline``.
- **Pending-ticket reminder** (:attr:`FollowUpKind.PENDING_REMINDER`, the Zendesk
  workflow): the business wrote last (waiting for the customer): ``policy.pending_after``
  (24 h) after the business's last message, send a template (``policy.pending_category``).
  The window opened by the customer has always closed by then. It stops as soon as
  the customer answers (the customer then wrote last); once sent, the next plan is
  24 h after it.
- **Re-engagement** (:attr:`FollowUpKind.REENGAGEMENT`): the customer wrote last but the
  window is closed by the time an agent can answer (the customer wrote on Saturday,
  hours start Monday): send a template (``policy.reengagement_category``) at the
  opening time, asking the customer to reply.

With ``hours`` given, due times are moved to the next opening (no agent is there
before); without, the business is taken to be always open.
"""

from __future__ import annotations

import enum
from datetime import datetime, timedelta

import attrs

from wamsg._internal import fields as check
from wamsg._internal.json import JsonObject, format_optional_time, format_time
from wamsg.hours import BusinessHours
from wamsg.identity import Customer, PhoneNumber
from wamsg.window.book import WindowBook
from wamsg.window.state import WindowState
from wamsg.window.values import WindowSnapshot, at_utc

__all__ = [
    "FollowUp",
    "FollowUpKind",
    "FollowUpPolicy",
    "PairOverview",
    "plan_followups",
    "window_overview",
]


class FollowUpKind(str, enum.Enum):
    """What a follow-up is for (closed set of stable codes)."""

    WINDOW_CLOSING_REMINDER = "window_closing_reminder"
    PENDING_REMINDER = "pending_reminder"
    REENGAGEMENT = "reengagement"


@attrs.frozen(kw_only=True)
class FollowUpPolicy:
    """The helpdesk's choices for follow-ups (defaults follow the seeds' workflows)."""

    closing_lead: timedelta = attrs.field(default=timedelta(hours=1), validator=check.duration())
    pending_after: timedelta = attrs.field(default=timedelta(hours=24), validator=check.duration())
    pending_category: str = attrs.field(default="utility", validator=check.text)
    reengagement_category: str = attrs.field(default="utility", validator=check.text)
    pending_reminders: bool = attrs.field(default=True, validator=check.flag)


@attrs.frozen(kw_only=True)
class FollowUp:
    """One planned follow-up: send ``template_category`` (None: free-form) at ``due_at``.

    ``deadline`` is when it stops making sense (the window's close for a free-form
    reply), None otherwise; ``reason`` says why in a sentence.
    """

    kind: FollowUpKind
    due_at: datetime
    template_category: str | None
    reason: str
    deadline: datetime | None = None

    @property
    def free_form(self) -> bool:
        """True when the follow-up is a free-form message (inside the window)."""
        return self.template_category is None

    def to_dict(self) -> JsonObject:
        """JSON form, times in ISO 8601 UTC."""
        return {
            "kind": self.kind.value,
            "due_at": format_time(self.due_at),
            "send": "free_form" if self.template_category is None else "template",
            "template_category": self.template_category,
            "deadline": None if self.deadline is None else format_time(self.deadline),
            "reason": self.reason,
        }


def _agent_time(at: datetime, hours: BusinessHours | None) -> datetime | None:
    return at if hours is None else hours.next_open(at)


def _awaiting_business(
    state: WindowState, at: datetime, hours: BusinessHours | None, policy: FollowUpPolicy
) -> FollowUp | None:
    snapshot = state.as_of(at)
    closes = snapshot.closes_at
    answer_from = _agent_time(at, hours)
    if answer_from is None or closes is None:
        return None
    if answer_from < closes:
        return FollowUp(
            kind=FollowUpKind.WINDOW_CLOSING_REMINDER,
            due_at=max(answer_from, closes - policy.closing_lead),
            template_category=None,
            deadline=closes,
            reason=f"The customer is waiting for a reply; the window closes at "
            f"{format_time(closes)}, after which only a template can reach them.",
        )
    when = "when the business opens" if hours is not None else "now"
    return FollowUp(
        kind=FollowUpKind.REENGAGEMENT,
        due_at=answer_from,
        template_category=policy.reengagement_category,
        reason=f"The customer wrote but the window closed at {format_time(closes)} before "
        f"anyone could answer; send a {policy.reengagement_category} template {when} "
        "asking them to reply.",
    )


def _awaiting_customer(
    state: WindowState, at: datetime, hours: BusinessHours | None, policy: FollowUpPolicy
) -> FollowUp | None:
    last = state.last_outbound_at(at)
    if last is None or not policy.pending_reminders:
        return None
    due = _agent_time(last + policy.pending_after, hours)
    if due is None:
        return None
    return FollowUp(
        kind=FollowUpKind.PENDING_REMINDER,
        due_at=due,
        template_category=policy.pending_category,
        reason=f"Waiting for the customer since {format_time(last)}; remind them with a "
        f"{policy.pending_category} template (cancelled if they answer).",
    )


def plan_followups(
    state: WindowState,
    *,
    at: datetime,
    hours: BusinessHours | None = None,
    policy: FollowUpPolicy | None = None,
) -> tuple[FollowUp, ...]:
    """The follow-ups planned for this pair as of ``at`` (events after ``at`` ignored)."""
    check.argument(state, WindowState, "state")
    at = at_utc(at)
    check.opt_argument(hours, BusinessHours, "hours")
    check.opt_argument(policy, FollowUpPolicy, "policy")
    policy = policy or FollowUpPolicy()
    if state.awaiting_reply(at):
        plan = _awaiting_business(state, at, hours, policy)
    else:
        plan = _awaiting_customer(state, at, hours, policy)
    return () if plan is None else (plan,)


@attrs.frozen(kw_only=True)
class PairOverview:
    """One row of the window column: a pair's windows and its planned follow-ups."""

    business: PhoneNumber | None
    customer: Customer
    windows: WindowSnapshot
    followups: tuple[FollowUp, ...]

    def to_dict(self) -> JsonObject:
        """JSON form: windows (open, opens_at, closes_at) and follow-ups."""
        w = self.windows
        return {
            "business": None if self.business is None else self.business.e164,
            "customer": self.customer.to_dict(),
            "customer_service_window": {
                "open": w.customer_service_window_open,
                "opens_at": format_optional_time(w.opens_at),
                "closes_at": format_optional_time(w.closes_at),
            },
            "free_entry_point_window": {
                "open": w.free_entry_point_open,
                "closes_at": format_optional_time(w.free_entry_point_closes_at),
            },
            "followups": [f.to_dict() for f in self.followups],
        }


def window_overview(
    book: WindowBook,
    *,
    at: datetime,
    hours: BusinessHours | None = None,
    margin: timedelta = timedelta(0),
    policy: FollowUpPolicy | None = None,
) -> tuple[PairOverview, ...]:
    """Every pair's windows and follow-ups as of ``at``, ordered by business then customer."""
    check.argument(book, WindowBook, "book")
    at = at_utc(at)
    check.opt_argument(hours, BusinessHours, "hours")
    check.opt_argument(policy, FollowUpPolicy, "policy")
    return tuple(
        PairOverview(
            business=state.business,
            customer=state.customer,
            windows=state.as_of(at, margin=margin),
            followups=plan_followups(state, at=at, hours=hours, policy=policy),
        )
        for state in book
    )
