"""The JSON object ``wamsg limits`` prints: the account's limit as of a moment, and a send.

Built only from wamsg's public API (accounts, limits, window), so the demo uses it too.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

import attrs

from wamsg._internal.json import Json, JsonObject, format_optional_time
from wamsg.accounts import AccountConfig, AccountState, BusinessNumber, LimitTier
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
    can_send_now,
    throughput_mps,
    upgrade,
)
from wamsg.window import FREE_FORM, WindowBook

__all__ = ["Account", "Send", "decision_json", "gate", "report"]


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
        """The tier in force: the portfolio's, or before 2025-10-07 the number's own."""
        portfolio = self.state.tier.value
        if self.portfolio_scope or number is None:
            return portfolio
        return number.messaging_limit if number.messaging_limit is not None else portfolio


def _applies(tier: LimitTier | None) -> bool:
    return tier is not None and (tier.is_unlimited or tier.limit is not None)


def _portfolio(account: Account) -> JsonObject:
    at, book, config = account.at, account.book, account.state.config
    tier = account.tier_of(None) if account.portfolio_scope else None
    usable = tier if _applies(tier) else None
    numbers = account.state.numbers
    answer = None
    if usable is not None:
        qualities = [n.quality for n in numbers]
        answer = upgrade(book, at, usable, qualities=qualities, verified=config.portfolio.verified)
    return {
        "id": config.portfolio.id,
        "verified": config.portfolio.verified,
        "tier": None if tier is None else tier.value,
        "limit": None if usable is None or usable.is_unlimited else usable.limit,
        "used": book.used(at) if account.portfolio_scope else None,
        "remaining": None if usable is None else book.remaining(at, usable),
        "next_slot_at": None
        if usable is None
        else format_optional_time(book.next_slot_at(at, usable)),
        "number_cap": account.state.number_cap(at),
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
    return {
        "phone": number.phone.e164,
        "status": number.status_raw,
        "quality": number.quality_raw,
        "kind": number.kind.value.lower(),
        "throughput_mps": throughput_mps(number.kind, number.throughput),
        "tier": None if tier is None else tier.value,
        "used": account.book.used(account.at, number=number.phone) if per_number else None,
        "can_send_business_initiated": number.can_send_business_initiated,
        "can_reply": number.can_reply,
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

    The tier in force is the portfolio's (the number's own before 2025-10-07); when the
    account gives none the gate assumes the lowest tier of the era's ladder.
    """
    customer, at, number = Customer(phone=send.to), account.at, send.number
    tier = account.tier_of(number)
    limit = tier if _applies(tier) else account.era.ladder.lowest
    state = WindowBook().fold(account.events).get(number.phone, customer)
    return can_send_now(
        number=number,
        customer=customer,
        at=at,
        send=send.category,
        window=state,
        usage=account.book,
        limit=limit,
        last_131049_at=_last_131049(account.events, customer),
        pair=PairClock.replay(_sends(account.events, number.phone, customer)),
    )


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
