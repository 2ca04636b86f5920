"""How a :class:`~wamsg.limits.LimitBook` answers for one moment and one scope.

Private to :mod:`wamsg.limits`: the counted entries of a scope (the portfolio, or one
number) as known at a moment, and the :class:`View` over their :class:`Slots`.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator, Mapping
from datetime import datetime

import attrs

from wamsg._internal.json import format_time
from wamsg.errors import ValidationError
from wamsg.identity import Customer
from wamsg.limits._slots import Outcome, Send, Slots, status_as_of
from wamsg.limits.counting import LimitDecision, LimitReason, counts_against_limit
from wamsg.limits.eras import LimitEra, LimitScope
from wamsg.limits.policy import LimitsPolicy

__all__ = ["View", "counted_entries", "decision", "user_key"]


def user_key(per_pair: bool, business: str | None, customer: Customer) -> Hashable:
    """Who holds a slot: the customer, or the (number, customer) pair under ``per_pair``."""
    if not per_pair:
        return customer.key
    if business is None:
        raise ValidationError(
            "each (number, user) pair counts on its own under this policy: name the "
            "sending number",
            field="number",
        )
    return (business, customer.key)


def counted_entries(
    sends: Mapping[str, Send],
    outcomes: Mapping[str, Outcome],
    window_open: Mapping[str, bool],
    at: datetime,
    number: str | None,
    per_pair: bool,
    policy: LimitsPolicy,
) -> Iterator[tuple[Hashable, datetime]]:
    """(user, moment) of every send that holds a slot at ``at`` (of ``number`` alone if set)."""
    for message_id, send in sends.items():
        if send.sent_at > at or (number is not None and send.business.e164 != number):
            continue
        status, moment = status_as_of(send, outcomes.get(message_id), at)
        if counts_against_limit(
            template=send.template,
            window_open=window_open[message_id],
            status=status,
            policy=policy,
        ):
            yield user_key(per_pair, send.business.e164, send.customer), moment


@attrs.frozen
class View:
    """The limit at one moment: its era and scope, the slots, whose slot a customer's is."""

    era: LimitEra
    scope: LimitScope
    slots: Slots
    number: str | None
    per_pair: bool

    def user(self, customer: Customer) -> Hashable:
        """The key under which ``customer`` (reached from :attr:`number`) holds a slot."""
        return user_key(self.per_pair, self.number, customer)


_SCOPE_WORDS = {LimitScope.PORTFOLIO: "the portfolio's", LimitScope.NUMBER: "the number's"}


def decision(
    reason: LimitReason,
    view: View,
    cap: int | None,
    used: int,
    at: datetime,
    customer: Customer,
) -> LimitDecision:
    """The :class:`LimitDecision` for ``reason``, with its facts and its sentence."""
    next_slot = None
    if reason is LimitReason.LIMIT_REACHED and cap is not None:
        next_slot = view.slots.frees_at(at, cap)
    whose = _SCOPE_WORDS[view.scope]
    return LimitDecision(
        allowed=reason is not LimitReason.LIMIT_REACHED,
        reason=reason,
        counts_against_limit=reason is LimitReason.WITHIN_LIMIT
        or (reason is LimitReason.UNLIMITED and not view.slots.holds(view.user(customer), at)),
        era=view.era,
        scope=view.scope,
        limit=cap,
        used=used,
        remaining=None if cap is None else max(0, cap - used),
        next_slot_at=next_slot,
        message=_sentence(reason, whose, cap, used, next_slot),
    )


def _sentence(
    reason: LimitReason, whose: str, cap: int | None, used: int, next_slot: datetime | None
) -> str:
    if reason is LimitReason.WINDOW_OPEN:
        return "The customer service window is open: the message does not count against the limit."
    if reason is LimitReason.UNLIMITED:
        return f"{whose.capitalize()} messaging limit is unlimited."
    if reason is LimitReason.ALREADY_COUNTED:
        return (
            "The customer was already reached in the last 24 hours: no new slot of "
            f"{whose} limit is used ({used} of {cap})."
        )
    if reason is LimitReason.WITHIN_LIMIT:
        return f"The customer takes a new slot of {whose} limit ({used} of {cap} in use)."
    when = (
        ""
        if next_slot is None
        else f"; a new customer can be reached from {format_time(next_slot)}"
    )
    return f"All {cap} slots of {whose} messaging limit are in use{when}."
