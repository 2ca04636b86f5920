"""The checks of :func:`~wamsg.limits.can_send_now`, one function each, in the gate's order.

Each check returns a refusal (a :class:`~wamsg.limits.GateDecision`) or None, and adds
the facts it used to the shared ``facts`` dict.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import attrs

from wamsg._internal.json import JsonObject, format_optional_time, format_time, require_aware
from wamsg.accounts import BusinessNumber
from wamsg.errors import ValidationError
from wamsg.events.account_values import HealthCanSend, LimitTier
from wamsg.identity import Customer
from wamsg.limits.book import LimitBook, limit_of
from wamsg.limits.counting import LimitReason
from wamsg.limits.eras import LimitEra, era_at
from wamsg.limits.gate_decision import GateDecision, GatePolicy, GateReason
from wamsg.limits.ledger import LimitLedger
from wamsg.limits.marketing import MarketingVerdict, marketing_deliverable
from wamsg.limits.media import AttachmentSettings, MediaReason, OutgoingMedia
from wamsg.limits.pacing import PairClock
from wamsg.limits.policy import LimitsPolicy
from wamsg.limits.standing import Standing
from wamsg.window import FREE_FORM, SendDecision, SendReason, WindowState, decide_send

__all__ = ["Asked", "run"]

_TICK = timedelta(microseconds=1)


def _optional(value: object, kind: type | tuple[type, ...], field: str) -> None:
    if value is not None and not isinstance(value, kind):
        raise ValidationError(f"has the wrong type ({type(value).__name__})", field=field)


def _at(value: object) -> datetime:
    return require_aware(value, "at")


def _until(value: object) -> datetime | None:
    return None if value is None else require_aware(value, "enforcement_until")


def _last_131049(value: object) -> datetime | None:
    return None if value is None else require_aware(value, "last_131049_at")


@attrs.frozen(kw_only=True)
class Asked:
    """One send the gate is asked about, its arguments checked."""

    number: BusinessNumber
    customer: Customer
    at: datetime = attrs.field(converter=_at)
    category: str
    window: WindowState
    margin: timedelta
    approved: bool | None
    health: HealthCanSend | None
    enforcement_until: datetime | None = attrs.field(converter=_until)
    last_131049_at: datetime | None = attrs.field(converter=_last_131049)
    pair: PairClock | None
    media: OutgoingMedia | None
    attachments: AttachmentSettings | None
    era: LimitEra | None
    policy: LimitsPolicy
    gate_policy: GatePolicy
    standing: Standing | None = None

    def __attrs_post_init__(self) -> None:
        _optional(self.standing, Standing, "standing")
        _optional(self.health, HealthCanSend, "health")
        _optional(self.pair, PairClock, "pair")
        _optional(self.media, OutgoingMedia, "media")
        _optional(self.attachments, AttachmentSettings, "attachments")
        _optional(self.era, LimitEra, "era")
        if type(self.policy) is not LimitsPolicy:
            raise ValidationError("must be a LimitsPolicy", field="policy")
        self._check_pair()

    def _check_pair(self) -> None:
        business, mine = self.window.business, self.number.phone
        if self.window.customer.key != self.customer.key:
            reason = "is the window state of another customer"
            raise ValidationError(reason, field="window", value=self.window.customer.key)
        if business is not None and business.e164 != mine.e164:
            reason = "is the window state of another business number"
            raise ValidationError(reason, field="window", value=business.e164)

    @property
    def template(self) -> bool:
        """Whether a template is to be sent."""
        return self.category != FREE_FORM


def _decision(
    reason: GateReason,
    message: str,
    facts: JsonObject,
    *,
    allowed: bool = False,
    counts: bool = False,
    retry_at: datetime | None = None,
) -> GateDecision:
    return GateDecision(
        allowed=allowed,
        reason=reason,
        message=message,
        counts_against_limit=counts,
        retry_at=retry_at,
        facts=facts,
    )


def _account(asked: Asked, business_initiated: bool, facts: JsonObject) -> GateDecision | None:
    """The WABA's ban state and restrictions (:mod:`wamsg.limits.standing`)."""
    standing = asked.standing
    if standing is None:
        return None
    ban = standing.ban_state
    facts["ban_state"] = None if ban is None else ban.value
    facts["restrictions"] = list(standing.restrictions)
    phone = asked.number.phone.e164
    if standing.banned:
        text = f"The account of {phone} is disabled (ban state DISABLE): it cannot send."
        return _decision(GateReason.ACCOUNT_BANNED, text, facts)
    blocked = (
        standing.business_initiated_restricted
        if business_initiated
        else standing.replies_restricted
    )
    if blocked:
        what = "business-initiated messages" if business_initiated else "replies"
        kinds = ", ".join(standing.restrictions)
        text = f"The account of {phone} is restricted ({kinds}): it cannot send {what}."
        return _decision(GateReason.ACCOUNT_RESTRICTED, text, facts)
    return None


def status(asked: Asked, window_open: bool, facts: JsonObject) -> GateDecision | None:
    """The number's status (for this kind of send) and its health [rule meta.number.health]."""
    number = asked.number
    business_initiated = asked.template and not window_open
    facts["status"] = number.status_raw
    facts["health"] = None if asked.health is None else asked.health.value
    refused = _account(asked, business_initiated, facts)
    if refused is not None:
        return refused
    able = number.can_send_business_initiated if business_initiated else number.can_reply
    if not able:
        what = "a business-initiated template" if business_initiated else "a reply"
        text = f"The number {number.phone.e164} is {number.status_raw}: it cannot send {what}."
        return _decision(GateReason.NUMBER_NOT_CONNECTED, text, facts)
    blocked = asked.health is HealthCanSend.BLOCKED or (
        asked.health is HealthCanSend.LIMITED and asked.gate_policy.limited_health_blocks
    )
    if blocked:
        health = facts["health"]
        text = f"Meta's health status for {number.phone.e164} is {health}: it cannot send."
        return _decision(GateReason.HEALTH_BLOCKED, text, facts)
    return None


def enforcement(asked: Asked, facts: JsonObject) -> GateDecision | None:
    """Error 131064's enforcement: templates wait for its end."""
    until = asked.enforcement_until
    facts["enforcement_until"] = format_optional_time(until)
    if until is None or asked.at >= until:
        return None
    if not asked.template and asked.gate_policy.enforcement_allows_replies:
        return None
    text = (
        "Meta's template-classification enforcement (131064) is in force until "
        f"{format_time(until)}: templates and Direct Send are refused."
    )
    return _decision(GateReason.CLASSIFICATION_ENFORCEMENT, text, facts, retry_at=until)


def window(asked: Asked, decided: SendDecision, facts: JsonObject) -> GateDecision | None:
    """The window and template rule, as :func:`~wamsg.window.decide_send` answered."""
    facts["window"] = decided.reason.value
    facts["window_open"] = decided.customer_service_window_open
    facts["closes_at"] = format_optional_time(decided.closes_at)
    if decided.allowed:
        return None
    if decided.reason is SendReason.TEMPLATE_NOT_APPROVED:
        return _decision(GateReason.TEMPLATE_NOT_APPROVED, decided.message, facts)
    return _decision(GateReason.WINDOW_CLOSED, decided.message, facts)


def decide_window(asked: Asked) -> SendDecision:
    """wamsg's own window decision for the send, with the caller's margin."""
    return decide_send(
        asked.window, asked.category, at=asked.at, margin=asked.margin, approved=asked.approved
    )


def limit(
    asked: Asked, usage: LimitBook | LimitLedger, tier: LimitTier | int | None, facts: JsonObject
) -> tuple[GateDecision | None, LimitReason, bool]:
    """The limit for a template outside the window: a refusal, its reason, whether it counts."""
    cap = limit_of(tier)
    if isinstance(usage, LimitBook):
        reason, used, next_slot, era, counts = _from_book(asked, usage, tier)
    else:
        reason, used, next_slot, counts = _from_ledger(asked, usage, cap)
        era = asked.era or era_at(asked.at, policy=asked.policy)
    facts.update(
        era=era.value,
        scope=era.scope.value,
        limit=cap,
        used=used,
        remaining=None if cap is None else max(0, cap - used),
        next_slot_at=format_optional_time(next_slot),
    )
    if reason is not LimitReason.LIMIT_REACHED:
        return None, reason, counts
    whose = "the portfolio's" if era.scope.value == "portfolio" else "the number's"
    when = "" if next_slot is None else f"; the next slot frees at {format_time(next_slot)}"
    text = f"Every slot of {whose} messaging limit is held ({used} of {cap}){when}."
    return _decision(GateReason.LIMIT_REACHED, text, facts, retry_at=next_slot), reason, False


def _from_book(
    asked: Asked, book: LimitBook, tier: LimitTier | int | None
) -> tuple[LimitReason, int, datetime | None, LimitEra, bool]:
    number = asked.number.phone
    answer = book.decide(asked.customer, asked.at, tier, number=number)
    reason, next_slot, counts = answer.reason, answer.next_slot_at, answer.counts_against_limit
    if reason is LimitReason.WINDOW_OPEN:  # the book saw a window the caller's state did not
        reachable = book.can_reach(asked.customer, asked.at, tier, number=number)
        reason = LimitReason.WITHIN_LIMIT if reachable else LimitReason.LIMIT_REACHED
        next_slot = None if reachable else book.next_slot_at(asked.at, tier, number=number)
        counts = reachable  # counted conservatively: the caller's window is closed
    return reason, answer.used, next_slot, answer.era, counts


def _from_ledger(
    asked: Asked, ledger: LimitLedger, cap: int | None
) -> tuple[LimitReason, int, datetime | None, bool]:
    key, at = asked.customer.key, asked.at
    used, held = ledger.used(at), ledger.counted(key, at)
    if cap is None:
        return LimitReason.UNLIMITED, used, None, not held
    if held:
        return LimitReason.ALREADY_COUNTED, used, None, False
    if used < cap:
        return LimitReason.WITHIN_LIMIT, used, None, True
    return LimitReason.LIMIT_REACHED, used, ledger.next_slot_at(at, cap), False


def marketing(asked: Asked, window_open: bool, facts: JsonObject) -> GateDecision | None:
    """Meta's marketing rules for a template (a customer without a phone is not judged)."""
    recipient = asked.customer.phone
    if not asked.template or recipient is None:
        facts["marketing"] = None
        return None
    answer = marketing_deliverable(
        asked.category,
        recipient,
        at=asked.at,
        business=asked.number.phone,
        window_opened_by_user=window_open,
        last_131049_at=asked.last_131049_at,
        policy=asked.policy,
    )
    facts["marketing"] = answer.verdict.value
    if answer.verdict is MarketingVerdict.PAUSED_US:
        return _decision(GateReason.MARKETING_NOT_DELIVERED_US, answer.message, facts)
    if answer.verdict is MarketingVerdict.COOL_DOWN:
        return _decision(
            GateReason.MARKETING_COOL_DOWN, answer.message, facts, retry_at=answer.until
        )
    return None


def pair(asked: Asked, facts: JsonObject) -> GateDecision | None:
    """The pair rate, from the pair's clock (no clock: not judged)."""
    if asked.pair is None:
        facts["pair"] = None
        return None
    answer = asked.pair.send(asked.at, policy=asked.policy)
    facts["pair"] = {
        "borrowing": answer.borrowing,
        "no_borrow_at": format_time(answer.no_borrow_at),
    }
    if answer.allowed or answer.allowed_after is None:
        return None
    retry = answer.allowed_after + _TICK  # the first moment the burst has room again
    return _decision(GateReason.PAIR_RATE, answer.message, facts, retry_at=retry)


def media(asked: Asked, facts: JsonObject) -> GateDecision | None:
    """The file to send against WhatsApp's rules and the channel's attachment settings."""
    if asked.media is None:
        facts["media"] = None
        return None
    checked = asked.media.check(settings=asked.attachments)
    facts["media"] = checked.reason.value
    if checked.allowed:
        return None
    if checked.reason is MediaReason.ATTACHMENTS_OFF:
        return _decision(GateReason.ATTACHMENTS_OFF, checked.message, facts)
    return _decision(GateReason.MEDIA_REFUSED, checked.message, facts)


_ALLOWED_TEXT = {
    LimitReason.WITHIN_LIMIT: "Allowed: the template takes a new slot of the messaging limit.",
    LimitReason.ALREADY_COUNTED: "Allowed: the customer already holds a slot; no new one is used.",
    LimitReason.UNLIMITED: "Allowed: the messaging limit is unlimited.",
}


def run(
    asked: Asked, usage: LimitBook | LimitLedger, tier: LimitTier | int | None
) -> GateDecision:
    """Every check in the gate's order; the first refusal, else the allowance."""
    facts: JsonObject = {"number": asked.number.phone.e164, "send": asked.category}
    decided = decide_window(asked)
    is_open = decided.customer_service_window_open
    refusal = status(asked, is_open, facts) or enforcement(asked, facts)
    refusal = refusal or window(asked, decided, facts)
    counted: LimitReason | None = None
    counts = False
    if refusal is None and asked.template and not is_open:
        refusal, counted, counts = limit(asked, usage, tier, facts)
    refusal = refusal or marketing(asked, is_open, facts)
    refusal = refusal or pair(asked, facts)
    refusal = refusal or media(asked, facts)
    if refusal is not None:
        return refusal
    if counted is None:
        text = "Allowed: the customer service window is open, so it does not count."
        return _decision(GateReason.WINDOW_OPEN, text, facts, allowed=True)
    reason = GateReason(counted.value)
    return _decision(reason, _ALLOWED_TEXT[counted], facts, allowed=True, counts=counts)
