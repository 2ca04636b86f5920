"""The JSON object ``wamsg limits`` prints: the account's limit as of a moment, and a send.

Built only from wamsg's public API (accounts, limits, window), so the demo uses it too.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

import attrs

from wamsg._internal.json import Json, JsonObject, format_optional_time
from wamsg.accounts import (
    CONFIG,
    PORTFOLIO_LIMITS_FROM,
    AccountConfig,
    AccountState,
    BusinessNumber,
    LimitTier,
    number_cap,
)
from wamsg.delivery import DeliveryStatus
from wamsg.errors import ValidationError
from wamsg.events import Event, MessageSent, MessageStatus
from wamsg.identity import Customer, PhoneNumber
from wamsg.limits import (
    GateDecision,
    LimitBook,
    LimitEra,
    LimitScope,
    PairClock,
    Standing,
    can_send_now,
    portfolio_tier_after_migration,
    standing,
    throughput_mps,
    upgrade,
)
from wamsg.window import FREE_FORM, WindowBook

__all__ = ["Account", "Send", "TierInForce", "decision_json", "gate", "report"]


@attrs.frozen
class Account:
    """The account, its limit book and the events, all as of ``at``."""

    at: datetime
    state: AccountState
    book: LimitBook
    events: tuple[Event, ...]

    @classmethod
    def fold(cls, config: AccountConfig, events: Iterable[Event], at: datetime) -> Account:
        """The account as of ``at``: events after it (or without a time) are ignored."""
        known = tuple(e for e in events if e.occurred_at is not None and e.occurred_at <= at)
        state = AccountState.empty(config, as_of=at).fold(known)
        book = LimitBook.empty(numbers=[n.phone for n in config.numbers]).fold(known)
        return cls(at, state, book, known)

    @property
    def era(self) -> LimitEra:
        """The era of ``at``."""
        return self.book.era(self.at)

    @property
    def portfolio_scope(self) -> bool:
        """Whether the limit is the portfolio's (from 2025-10-07)."""
        return self.era.scope is LimitScope.PORTFOLIO

    def tier_of(self, number: BusinessNumber | None) -> LimitTier | None:
        """The tier in force (None when none is known): see :meth:`tier_in_force`."""
        return self.tier_in_force(number).tier

    def tier_in_force(self, number: BusinessNumber | None) -> TierInForce:
        """The tier in force at ``at``, since when, and what the gate assumes without one.

        From 2025-10-07 it is the portfolio's: the tier an account event set on or after
        2025-10-07, else the migration's (:func:`~wamsg.limits.portfolio_tier_after_migration`:
        the highest of the portfolio's own and its numbers', read on the new ladder, since
        2025-10-07). Before, the number's own (a number without one takes the
        portfolio's). ``TIER_NOT_SET`` and unknown tiers are no tier: the report says
        null and the gate assumes the lowest step of the era's ladder, and says so.
        """
        reading = self.state.tier
        if self.portfolio_scope:
            event_set = reading.source != CONFIG and reading.at is not None
            if event_set and reading.at is not None and reading.at >= PORTFOLIO_LIMITS_FROM:
                return TierInForce.of(reading.value, reading.at, self.era)
            found = [reading.value] + [n.messaging_limit for n in self.state.numbers]
            tiers = [t for t in found if t is not None and t.is_known]
            if not tiers:
                return TierInForce.of(None, None, self.era)
            migrated = portfolio_tier_after_migration(tiers, policy=self.book.policy)
            return TierInForce.of(migrated, PORTFOLIO_LIMITS_FROM, self.era)
        if number is None:
            return TierInForce.of(reading.value, reading.at, self.era)
        own = self.state.readings(number.phone_number_id) or {}
        mine = own.get("tier")
        if number.messaging_limit is not None and mine is not None:
            return TierInForce.of(number.messaging_limit, mine.at, self.era)
        return TierInForce.of(reading.value, reading.at, self.era)

    def standing(self, number: BusinessNumber) -> Standing:
        """The restrictions and ban state of the number's WABA at ``at``."""
        restrictions = self.state.restrictions(number.waba, self.at)
        return standing(restrictions, self.state.ban_state(number.waba).value)


@attrs.frozen
class TierInForce:
    """The tier in force (None: none known), since when, and the limit the gate applies.

    ``applied`` is ``tier`` when it sets a limit, else the lowest step of the era's
    ladder (``assumed`` is then True): the one fallback, shared by report and gate.
    """

    tier: LimitTier | None
    since: datetime | None
    applied: LimitTier
    assumed: bool

    @classmethod
    def of(cls, tier: LimitTier | None, since: datetime | None, era: LimitEra) -> TierInForce:
        """``tier`` (ignored unless a step of the ladder) with its fallback for ``era``."""
        if tier is not None and not _applies(tier):
            tier = None
        if tier is None:
            return cls(None, None, era.ladder.lowest, True)
        return cls(tier, since, tier, False)


def _applies(tier: LimitTier | None) -> bool:
    return tier is not None and (tier.is_unlimited or tier.limit is not None)


def _portfolio(account: Account) -> JsonObject:
    at, book, config = account.at, account.book, account.state.config
    verified = config.portfolio.verified
    in_force = account.tier_in_force(None) if account.portfolio_scope else None
    usable = None if in_force is None else in_force.tier
    answer = None
    if in_force is not None and usable is not None:
        answer = upgrade(
            book,
            at,
            usable,
            qualities=[n.quality for n in account.state.numbers],
            verified=verified,
            tier_since=in_force.since,
        )
    cap_tier = account.tier_in_force(None).tier if account.portfolio_scope else None
    cap = max(account.state.number_cap(at), number_cap(at=at, verified=verified, tier=cap_tier))
    return {
        "id": config.portfolio.id,
        "verified": verified,
        "tier": None if usable is None else usable.value,
        "limit": None if usable is None or usable.is_unlimited else usable.limit,
        "used": book.used(at) if account.portfolio_scope else None,
        "remaining": None if usable is None else book.remaining(at, usable),
        "next_slot_at": None
        if usable is None
        else format_optional_time(book.next_slot_at(at, usable)),
        "number_cap": cap,
        "upgrade": {
            "eligible": bool(answer and answer.eligible),
            "next_tier": None
            if answer is None or answer.next_tier is None
            else answer.next_tier.value,
            "due_by": None if answer is None else format_optional_time(answer.due_by),
        },
    }


def _number(account: Account, number: BusinessNumber) -> JsonObject:
    per_number = not account.portfolio_scope
    tier = account.tier_of(number) if per_number else None
    standing_ = account.standing(number)
    return {
        "phone": number.phone.e164,
        "status": number.status_raw,
        "quality": number.quality_raw,
        "kind": number.kind.value.lower(),
        "throughput_mps": throughput_mps(number.kind, number.throughput),
        "tier": None if tier is None else tier.value,
        "used": account.book.used(account.at, number=number.phone) if per_number else None,
        "can_send_business_initiated": number.can_send_business_initiated
        and standing_.can_send_business_initiated,
        "can_reply": number.can_reply and standing_.can_reply,
    }


def report(account: Account) -> JsonObject:
    """The account's limit as of ``at``, in the shape of ``wamsg limits``."""
    era = account.era
    numbers: list[Json] = [_number(account, n) for n in account.state.numbers]
    return {
        "era": era.value,
        "scope": era.scope.value,
        "portfolio": _portfolio(account),
        "numbers": numbers,
    }


@attrs.frozen
class Send:
    """The send asked about: to whom, from which number, free-form or a template category."""

    to: PhoneNumber
    number: BusinessNumber
    category: str


def _sends(events: Sequence[Event], business: PhoneNumber, customer: Customer) -> list[datetime]:
    return [
        e.message.sent_at
        for e in events
        if isinstance(e, MessageSent)
        and e.message.business is not None
        and e.message.business.e164 == business.e164
        and e.message.customer.key == customer.key
        and e.message.sent_at is not None
    ]


def _last_131049(events: Sequence[Event], customer: Customer) -> datetime | None:
    ids = {
        e.message.id
        for e in events
        if isinstance(e, MessageSent) and e.message.customer.key == customer.key
    }
    hits = [
        e.occurred_at
        for e in events
        if isinstance(e, MessageStatus)
        and e.message_id in ids
        and e.status is DeliveryStatus.FAILED
        and e.occurred_at is not None
        and any(error.code == "131049" for error in e.errors)
    ]
    return max(hits, default=None)


def gate(account: Account, send: Send) -> GateDecision:
    """The gate's answer for ``send`` at the account's moment.

    The limit applied is the report's (:meth:`Account.tier_in_force`); when the account
    gives no tier the gate applies the lowest step of the era's ladder and its message
    says so. The WABA's restrictions and ban state are checked (``account_banned``,
    ``account_restricted``).
    """
    customer, at, number = Customer(phone=send.to), account.at, send.number
    in_force = account.tier_in_force(number)
    state = WindowBook().fold(account.events).get(number.phone, customer)
    decision = can_send_now(
        number=number,
        customer=customer,
        at=at,
        send=send.category,
        window=state,
        usage=account.book,
        limit=in_force.applied,
        last_131049_at=_last_131049(account.events, customer),
        pair=PairClock.replay(_sends(account.events, number.phone, customer)),
        standing=account.standing(number),
    )
    if not in_force.assumed:
        return decision
    tier = in_force.applied.value
    note = f" No messaging limit is known for the account: {tier} (the lowest) was assumed."
    facts = {**decision.facts, "assumed_tier": tier}
    return attrs.evolve(decision, message=decision.message + note, facts=facts)


def decision_json(decision: GateDecision) -> JsonObject:
    """The ``decision`` object of ``wamsg limits``."""
    return {
        "allowed": decision.allowed,
        "reason": decision.reason.value,
        "counts_against_limit": decision.counts_against_limit,
        "retry_at": format_optional_time(decision.retry_at),
        "message": decision.message,
    }


def pick_number(account: Account, sender: str | None) -> BusinessNumber:
    """The sending number: ``--from``, or the account's only number."""
    numbers = account.state.numbers
    if sender is None:
        if len(numbers) == 1:
            return numbers[0]
        reason = f"the account has {len(numbers)} numbers: name the sending one"
        raise ValidationError(reason, field="--from")
    try:
        phone = PhoneNumber.parse(sender)
    except ValidationError as error:
        raise ValidationError(error.reason, field="--from", value=sender) from None
    found = account.state.number(phone)
    if found is None:
        raise ValidationError("is not a number of the account", field="--from", value=sender)
    return found


def category_of(template: str | None, free_form: bool) -> str:
    """``free_form`` or a template category in lower case (as ``wamsg price`` reads it)."""
    if free_form:
        return FREE_FORM
    allowed = ("marketing", "utility", "authentication")
    if template not in allowed:
        reason = f"unknown template category; one of {', '.join(allowed)}"
        raise ValidationError(reason, field="--template", value=template)
    return template
