"""One gate before a send: may this number send this message to this customer now?

:func:`can_send_now` takes everything explicitly (no I/O: the caller passes the number,
the pair's window state, the limit's usage, the clocks and the settings) and checks, in
the order of the research notes' decision D27, stopping at the first "no":

1. the WABA's **ban state and restrictions** (a :class:`~wamsg.limits.Standing`:
   ``DISABLE`` refuses everything, a business-initiated messaging restriction
   refuses templates outside the window, a customer-initiated one refuses replies;
   ``SCHEDULE_FOR_DISABLE`` is only a fact) [rule meta.webhook.account-update]; then
   the number's **status** — a template outside the window needs a status that allows
   business-initiated sends, anything else one that allows replies
   [rule meta.number.status.values] — and its **health** (``can_send_message``
   ``BLOCKED``; ``LIMITED`` only by :attr:`GatePolicy.limited_health_blocks`)
   [rule meta.number.health];
2. the **131064 enforcement**: while it lasts, templates are refused; a free-form reply
   inside an open window is allowed by :attr:`GatePolicy.enforcement_allows_replies`
   (inferred) [rule meta.limits.classification-enforcement];
3. the **window and template rule**: wamsg's own :func:`~wamsg.window.decide_send`,
   with the caller's safety margin [rule meta.csw.template-outside];
4. the **messaging limit**, for a template outside the window: a
   :class:`~wamsg.limits.LimitBook` (its :meth:`~wamsg.limits.LimitBook.decide`) or a
   streaming :class:`~wamsg.limits.LimitLedger` (keyed by :attr:`~wamsg.Customer.key`)
   [rule meta.limits.definition];
5. the **marketing predicate**, :func:`~wamsg.limits.marketing_deliverable`
   [rule meta.marketing.us-pause] [rule meta.marketing.retry-24h];
6. the **pair rate**, the pair's :class:`~wamsg.limits.PairClock`
   [rule meta.pair-rate.limit];
7. outgoing **media** and the channel's attachment settings,
   :func:`~wamsg.limits.check_media` [rule meta.media.types-sizes]
   [rule d365.attachments.per-side].

The answer is a :class:`GateDecision`: ``allowed``, a :class:`GateReason`, a sentence,
whether the send will use a new slot of the limit, when to try again (``retry_at``)
and the facts used. A "no" is a value; wrong types are a
:class:`~wamsg.errors.ValidationError` naming the argument.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from wamsg._internal.json import ZERO
from wamsg.accounts import BusinessNumber
from wamsg.errors import ValidationError
from wamsg.events.account_values import HealthCanSend, LimitTier
from wamsg.identity import Customer
from wamsg.limits._gate_steps import Asked, run
from wamsg.limits.book import LimitBook
from wamsg.limits.eras import LimitEra
from wamsg.limits.gate_decision import DEFAULT_GATE_POLICY, GateDecision, GatePolicy
from wamsg.limits.ledger import LimitLedger
from wamsg.limits.media import AttachmentSettings, OutgoingMedia
from wamsg.limits.pacing import PairClock
from wamsg.limits.policy import DEFAULT_POLICY, LimitsPolicy
from wamsg.limits.standing import Standing
from wamsg.templates import Category
from wamsg.window import FREE_FORM, WindowState

__all__ = ["can_send_now"]


def _category(send: object) -> str:
    """FREE_FORM, or the template category in lower case (read strictly)."""
    if isinstance(send, Category) and send is not Category.UNKNOWN:
        return str(send.value).lower()
    if type(send) is str and send.strip().lower() == FREE_FORM:
        return FREE_FORM
    if type(send) is str and Category.parse(send) is not Category.UNKNOWN:
        return send.strip().lower()
    known = ", ".join(c.value.lower() for c in Category if c is not Category.UNKNOWN)
    reason = f"must be {FREE_FORM!r} or a template category ({known})"
    raise ValidationError(reason, field="send", value=send)


def _checked(
    number: object, customer: object, window: object, usage: object, policy: object
) -> None:
    for value, kind, field in (
        (number, BusinessNumber, "number"),
        (customer, Customer, "customer"),
        (window, WindowState, "window"),
        (usage, (LimitBook, LimitLedger), "usage"),
        (policy, GatePolicy, "gate_policy"),
    ):
        if not isinstance(value, kind):
            raise ValidationError(f"has the wrong type ({type(value).__name__})", field=field)


def can_send_now(  # the gate's inputs are explicit by design
    *,
    number: BusinessNumber,
    customer: Customer,
    at: datetime,
    send: str | Category,
    window: WindowState,
    usage: LimitBook | LimitLedger,
    limit: LimitTier | int | None,
    margin: timedelta = ZERO,
    approved: bool | None = None,
    health: HealthCanSend | None = None,
    enforcement_until: datetime | None = None,
    last_131049_at: datetime | None = None,
    pair: PairClock | None = None,
    media: OutgoingMedia | None = None,
    attachments: AttachmentSettings | None = None,
    era: LimitEra | None = None,
    policy: LimitsPolicy = DEFAULT_POLICY,
    gate_policy: GatePolicy = DEFAULT_GATE_POLICY,
    standing: Standing | None = None,
) -> GateDecision:
    """May ``number`` send ``send`` (:data:`~wamsg.window.FREE_FORM` or a template
    category) to ``customer`` at ``at``? See the module docs for the order of the checks.

    ``window`` is the pair's :class:`~wamsg.window.WindowState`; ``usage`` and ``limit``
    the messaging limit's usage and tier (the portfolio's from 2025-10-07, the number's
    before); ``era`` overrides the era a ledger is read in (a book knows its own);
    ``enforcement_until`` is when 131064's enforcement ends (None: none in force);
    ``last_131049_at`` the customer's last 131049; ``pair`` the pair's clock; ``media``
    the file to send and ``attachments`` the channel's settings; ``standing`` the
    WABA's restrictions and ban state (:func:`~wamsg.limits.standing`; None: not known).
    """
    _checked(number, customer, window, usage, gate_policy)
    asked = Asked(
        number=number,
        customer=customer,
        at=at,
        category=_category(send),
        window=window,
        margin=margin,
        approved=approved,
        health=health,
        enforcement_until=enforcement_until,
        last_131049_at=last_131049_at,
        pair=pair,
        media=media,
        attachments=attachments,
        era=era,
        policy=policy,
        gate_policy=gate_policy,
        standing=standing,
    )
    return run(asked, usage, limit)
