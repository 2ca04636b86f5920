"""May this message be sent to this customer now? The send decision, before the send.

Public API:

- :func:`decide_send` ``(state, outgoing, *, at, margin=timedelta(0), approved=None)``
  returns a :class:`SendDecision`; it never raises for a "no" (only for invalid input).
  ``outgoing`` is a :class:`~wamsg.outgoing.Outgoing`, or for convenience a string:
  :data:`FREE_FORM` (``"free_form"``) or a template category (``"marketing"``,
  ``"utility"``, ``"authentication"``, …).
- :class:`SendReason`: the closed set of reason codes.

Rules ([rule meta.csw.template-outside]): while the customer service window is
open any message may be sent; outside it only approved templates (a free-form message
fails with Meta 131047 / Twilio 63016). ``margin`` treats both windows as closed that
much earlier. Template *approval* is not tracked here (see ``wamsg.templates``): pass
``approved=False`` to get :attr:`SendReason.TEMPLATE_NOT_APPROVED`, leave it None when
approval is checked elsewhere. The decision is the one in force at ``at``: events of
the state that happened after ``at`` are not taken into account.

Answers for a state's latest windows are memoised on the state, so a decision on a
folded state costs a few comparisons (``bench/bench_window.py``).
"""

from __future__ import annotations

import enum
from datetime import datetime, timedelta

import attrs

from wamsg._internal import fields as check
from wamsg._internal.json import (
    EARLIEST,
    LATEST,
    UTC,
    ZERO,
    JsonObject,
    format_optional_time,
    format_time,
    require_aware,
)
from wamsg.content import TemplateRef
from wamsg.errors import ValidationError
from wamsg.identity import PhoneNumber
from wamsg.outgoing import Outgoing
from wamsg.window.state import WindowState
from wamsg.window.values import CUSTOMER_SERVICE_WINDOW, Window, WindowKind

__all__ = ["FREE_FORM", "SendDecision", "SendReason", "decide_send"]


FREE_FORM = "free_form"
"""Pass as ``outgoing`` to ask about a free-form (non-template) message."""

_NEVER, _OPEN, _CLOSING, _CLOSED = 0, 1, 2, 3


class SendReason(str, enum.Enum):
    """Why a send is allowed or not (closed set; the values are stable codes)."""

    WINDOW_OPEN = "window_open"
    """The customer service window is open: any message, template or not, may be sent."""
    WINDOW_CLOSING = "window_closing_within_margin"
    """The window is still open but closes within the caller's safety margin."""
    WINDOW_CLOSED = "window_closed_template_required"
    """The window has closed: a free-form message would fail; send a template."""
    NO_WINDOW = "no_window_template_required"
    """The customer never wrote to this number: only a template can start."""
    TEMPLATE_OUTSIDE_WINDOW = "template_outside_window"
    """Outside the window, a template is allowed."""
    TEMPLATE_NOT_APPROVED = "template_not_approved"
    """The caller said the template is not approved: it cannot be sent."""


@attrs.frozen(kw_only=True)
class SendDecision:
    """The answer of :func:`decide_send`, with the facts it used.

    ``template_required`` is true when a free-form message is not allowed at that
    moment; ``closes_at`` is when the customer service window closes or closed (None
    if it never opened), without the margin; ``free_entry_point`` says whether a
    message sent then falls in a free entry point window (and so is free of charge
    under per-message pricing), which closes at ``free_entry_point_closes_at``.
    """

    allowed: bool
    reason: SendReason
    message: str
    template_required: bool
    customer_service_window_open: bool
    opens_at: datetime | None
    closes_at: datetime | None
    free_entry_point: bool
    free_entry_point_closes_at: datetime | None

    def to_dict(self) -> JsonObject:
        """JSON form: every field, times in ISO 8601 UTC."""
        return {
            "allowed": self.allowed,
            "reason": self.reason.value,
            "message": self.message,
            "template_required": self.template_required,
            "customer_service_window_open": self.customer_service_window_open,
            "opens_at": format_optional_time(self.opens_at),
            "closes_at": format_optional_time(self.closes_at),
            "free_entry_point": self.free_entry_point,
            "free_entry_point_closes_at": format_optional_time(self.free_entry_point_closes_at),
        }


def _wrong_business(business: PhoneNumber) -> ValidationError:
    return ValidationError(
        "the message is from another business number than this window state",
        field="outgoing.business",
        value=business.e164,
    )


def _is_template(outgoing: object, state: WindowState) -> bool:
    """The slow path: a plain string, or an ``Outgoing`` for another customer (an error)."""
    if isinstance(outgoing, Outgoing):
        raise ValidationError(
            "the message is for another customer than this window state",
            field="outgoing.customer",
            value=outgoing.customer.key,
        )
    if isinstance(outgoing, str) and outgoing:
        return outgoing != FREE_FORM
    raise ValidationError(
        "must be an Outgoing, 'free_form' or a template category", field="outgoing", value=outgoing
    )


def _approval_code(approved: object) -> int:
    if approved is True:
        return 1
    if approved is False:
        return 2
    raise ValidationError("must be True, False or None", field="approved", value=approved)


def decide_send(
    state: WindowState,
    outgoing: Outgoing | str,
    *,
    at: datetime,
    margin: timedelta = ZERO,
    approved: bool | None = None,
) -> SendDecision:
    """Decide whether ``outgoing`` may be sent at ``at`` given the pair's windows.

    Free-form: allowed while ``opens_at <= at < closes_at - margin``; otherwise
    :attr:`~SendReason.WINDOW_CLOSING`, :attr:`~SendReason.WINDOW_CLOSED` or
    :attr:`~SendReason.NO_WINDOW`. A template: allowed inside and outside the window
    (:attr:`~SendReason.WINDOW_OPEN` / :attr:`~SendReason.TEMPLATE_OUTSIDE_WINDOW`)
    unless ``approved is False``. Raises :class:`ValidationError` for a naive ``at``,
    a negative margin, or an ``Outgoing`` addressed to another pair.
    """
    if type(state) is not WindowState:
        check.argument(state, WindowState, "state")
    if at.__class__ is not datetime or at.tzinfo is not UTC or not EARLIEST <= at < LATEST:
        at = require_aware(at, "at")
    if type(outgoing) is Outgoing and outgoing.customer.key == state.customer.key:
        business, mine = outgoing.business, state.business
        if (
            business is not mine
            and business is not None
            and mine is not None
            and business.e164 != mine.e164
        ):
            raise _wrong_business(business)
        template = type(outgoing.content) is TemplateRef
    else:
        template = _is_template(outgoing, state)
    approval = 0 if approved is None else _approval_code(approved)
    limits = state.limits(margin)
    fast_from, csw_until, csw_closes, fep_until = limits
    if fast_from is not None and at < fast_from:
        return _decide_as_of(state, template, approval, at, margin)
    if csw_until is None:
        phase = _NEVER
    elif at < csw_until:
        phase = _OPEN
    elif at < csw_closes:  # type: ignore[operator]  # set whenever csw_until is
        phase = _CLOSING
    else:
        phase = _CLOSED
    fep = fep_until is not None and at < fep_until
    code = ((phase * 2 + fep) * 2 + template) * 3 + approval
    decision = state.recall(code)
    if decision is None:
        csw = _latest_csw(state)
        fep_window = _latest_fep(state) if fep else None
        decision = _decision(phase, fep_window, template, approval, csw)
        state.remember(code, decision)
    return decision  # type: ignore[return-value]


def _latest_csw(state: WindowState) -> Window | None:
    if not state.inbound:
        return None
    opened = state.inbound[-1]
    return Window(WindowKind.CUSTOMER_SERVICE, opened, opened + CUSTOMER_SERVICE_WINDOW)


def _latest_fep(state: WindowState) -> Window:
    opens, closes = state.free_entry_points[-1]
    return Window(WindowKind.FREE_ENTRY_POINT, opens, closes)


def _decide_as_of(
    state: WindowState, template: bool, approval: int, at: datetime, margin: timedelta
) -> SendDecision:
    csw = state.customer_service_window(at)
    fep_window = state.free_entry_point_window(at)
    if fep_window is not None and not fep_window.is_open(at, margin=margin):
        fep_window = None
    if csw is None:
        phase = _NEVER
    elif at < csw.closes_at - margin:
        phase = _OPEN
    elif at < csw.closes_at:
        phase = _CLOSING
    else:
        phase = _CLOSED
    return _decision(phase, fep_window, template, approval, csw)


def _decision(
    phase: int, fep: Window | None, template: bool, approval: int, csw: Window | None
) -> SendDecision:
    is_open = phase == _OPEN
    reason, allowed = _reason(phase, template, approval)
    return SendDecision(
        allowed=allowed,
        reason=reason,
        message=_sentence(reason, csw, fep),
        template_required=not is_open,
        customer_service_window_open=is_open,
        opens_at=None if csw is None else csw.opens_at,
        closes_at=None if csw is None else csw.closes_at,
        free_entry_point=fep is not None,
        free_entry_point_closes_at=None if fep is None else fep.closes_at,
    )


_FREE_FORM_REASONS = {
    _NEVER: SendReason.NO_WINDOW,
    _OPEN: SendReason.WINDOW_OPEN,
    _CLOSING: SendReason.WINDOW_CLOSING,
    _CLOSED: SendReason.WINDOW_CLOSED,
}


def _reason(phase: int, template: bool, approval: int) -> tuple[SendReason, bool]:
    if template and approval == 2:
        return SendReason.TEMPLATE_NOT_APPROVED, False
    if template:
        open_ = phase == _OPEN
        return (SendReason.WINDOW_OPEN if open_ else SendReason.TEMPLATE_OUTSIDE_WINDOW), True
    reason = _FREE_FORM_REASONS[phase]
    return reason, reason is SendReason.WINDOW_OPEN


def _sentence(reason: SendReason, csw: Window | None, fep: Window | None) -> str:
    closes = "" if csw is None else format_time(csw.closes_at)
    text = {
        SendReason.WINDOW_OPEN: f"The customer service window is open until {closes}; "
        "any message may be sent.",
        SendReason.WINDOW_CLOSING: f"The customer service window closes at {closes}, "
        "within the safety margin; send an approved template instead.",
        SendReason.WINDOW_CLOSED: f"The customer service window closed at {closes}; only "
        "an approved template can reach the customer until they write again.",
        SendReason.NO_WINDOW: "The customer has not written to this number; only an "
        "approved template can start the conversation.",
        SendReason.TEMPLATE_OUTSIDE_WINDOW: "Outside the customer service window an "
        "approved template may be sent.",
        SendReason.TEMPLATE_NOT_APPROVED: "The template is not approved and cannot be sent.",
    }[reason]
    if fep is not None:
        text += (
            " It falls in the free entry point window (no charge) until "
            f"{format_time(fep.closes_at)}."
        )
    return text
