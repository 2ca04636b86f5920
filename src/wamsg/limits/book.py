"""The limit book: a messaging limit's usage, folded from message events, asked at any moment.

A :class:`LimitBook` folds :class:`~wamsg.events.MessageSent`,
:class:`~wamsg.events.MessageStatus` and :class:`~wamsg.events.MessageReceived` events
(the last through wamsg's own :class:`~wamsg.window.WindowBook`, to know whether a
customer service window was open at each send) and answers, for any moment ``at``:
:meth:`~LimitBook.used`, :meth:`~LimitBook.remaining`, :meth:`~LimitBook.can_reach`,
:meth:`~LimitBook.next_slot_at` and the full :meth:`~LimitBook.decide`.

- **What counts** is :func:`~wamsg.limits.counts_against_limit`: a template sent
  while the pair's window was closed, once delivered (from the delivery's moment),
  or while no status says otherwise (from the send's moment, until it fails).
- **Where it counts** follows the era of ``at`` [rule meta.limits.portfolio]: before
  2025-10-07 each number has its own limit (pass ``number=``), from then on the
  portfolio's numbers share one. ``numbers`` names the portfolio's business numbers
  (None: every number folded belongs to it); sends from other numbers, and sends
  without a business number or a time, are not counted.
- **As of** ``at``: sends and reports after ``at`` are not known yet, so the answer
  for a past moment is the one that held then. Moments at or after the latest event
  are answered from a cached view in O(log n); earlier moments are recomputed.
- The era of ``at`` also picks the counting of 2022-05-02 → 2025-10-06 (a slot is a
  24 h conversation from its first delivery) for the whole trailing 24 h.

The book is a :class:`~wamsg.events.Folded` state: events may come in any order and
any number of times; the same events give an equal book and the same answers. Books
folded apart merge (:meth:`~LimitBook.merge`) into the book of all their events.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from datetime import datetime
from typing import Any

import attrs

from wamsg._internal import fields as check
from wamsg._internal.fields import MAX_JSON_INT
from wamsg._internal.json import is_text, require_aware
from wamsg._internal.reprs import sized
from wamsg.delivery import DeliveryStatus
from wamsg.errors import ValidationError
from wamsg.events import Accumulator, Event, FoldedBase
from wamsg.events.account_values import LimitTier
from wamsg.identity import Customer, PhoneNumber, pair_key
from wamsg.limits._book_fold import BookMerger, merge_parts
from wamsg.limits._slots import DAY, Outcome, Send, Slots, slots_of, status_as_of
from wamsg.limits._view import View, counted_entries, decision, user_key
from wamsg.limits.counting import LimitDecision, LimitReason
from wamsg.limits.eras import LimitEra, LimitScope, era_at
from wamsg.limits.ledger import LimitLedger
from wamsg.limits.policy import DEFAULT_POLICY, LimitsPolicy
from wamsg.window import WindowBook

__all__ = ["LimitBook", "limit_of"]

_AS_OF_MEMO = 16


def limit_of(limit: object, field: str = "limit") -> int | None:
    """A limit as an int, or None for unlimited, from an int or a :class:`LimitTier`.

    ``TIER_NOT_SET`` and ``UNKNOWN`` have no limit to apply: a :class:`ValidationError`.
    """
    if type(field) is not str or not is_text(field):
        raise ValidationError("a field label must be a string", field="field")
    if isinstance(limit, LimitTier):
        if limit.is_unlimited:
            return None
        if limit.limit is None:
            reason = "has no limit to apply (not set, or unknown)"
            raise ValidationError(reason, field=field, value=limit.value)
        return limit.limit
    if limit is None or (type(limit) is int and 0 <= limit <= MAX_JSON_INT):
        return limit
    reason = f"must be a LimitTier, an integer from 0 to {MAX_JSON_INT} or None (unlimited)"
    raise ValidationError(reason, field=field, value=limit)


def _numbers(value: object) -> frozenset[str] | None:
    if value is None:
        return None
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise ValidationError(
            "must be a collection of phone numbers", field="numbers", value=value
        )
    return frozenset(_phone(number, "numbers[]").e164 for number in value)


def _phone(value: object, field: str) -> PhoneNumber:
    if isinstance(value, PhoneNumber):
        return value
    try:
        return PhoneNumber.parse(value)
    except ValidationError as error:
        raise ValidationError(error.reason, field=field, value=value) from None


def _customer(value: object) -> Customer:
    if not isinstance(value, Customer):
        raise ValidationError("must be a Customer", field="customer", value=value)
    return value


def _policy(_instance: object, _attribute: object, value: object) -> None:
    if type(value) is not LimitsPolicy:
        raise ValidationError("must be a LimitsPolicy", field="policy", value=value)


def _policy_repr(value: object) -> str:
    """``DEFAULT_POLICY`` for the default (its repr is a kilobyte), else the policy."""
    return "DEFAULT_POLICY" if value == DEFAULT_POLICY else repr(value)


def _optional_time(value: object) -> datetime | None:
    return None if value is None else require_aware(value, "account_model_from")


@attrs.frozen(kw_only=True)
class LimitBook(FoldedBase[Event]):
    """A messaging limit's usage folded from message events (see the module docs).

    Start from :meth:`empty`; ``apply``/``fold`` take events in any order, duplicates
    change nothing. ``sends`` and ``outcomes`` hold, per message id, the send and the
    earliest delivery and failure reported; ``windows`` the customers' windows.
    """

    numbers: frozenset[str] | None = attrs.field(default=None, converter=_numbers, repr=sized)
    policy: LimitsPolicy = attrs.field(
        default=DEFAULT_POLICY, validator=_policy, repr=_policy_repr
    )
    account_model_from: datetime | None = attrs.field(default=None, converter=_optional_time)
    windows: WindowBook = attrs.field(factory=WindowBook, validator=check.instance(WindowBook))
    sends: dict[str, Send] = attrs.field(factory=dict, validator=check.dict_of(Send), repr=sized)
    outcomes: dict[str, Outcome] = attrs.field(
        factory=dict, validator=check.dict_of(Outcome), repr=sized
    )
    _cache: dict[str, Any] = attrs.field(init=False, eq=False, repr=False, factory=dict)

    @classmethod
    def empty(
        cls,
        *,
        numbers: Iterable[PhoneNumber | str] | None = None,
        policy: LimitsPolicy = DEFAULT_POLICY,
        account_model_from: datetime | None = None,
    ) -> LimitBook:
        """A book before any event, for the portfolio of ``numbers`` (None: every number).

        ``account_model_from`` is when the account moved to Meta's new account model
        (era E6), if it did.
        """
        return cls(numbers=numbers, policy=policy, account_model_from=account_model_from)

    def accumulator(self) -> Accumulator[Event, LimitBook]:
        """A fold from this book; events of other kinds or numbers change nothing."""
        return _BookAccumulator(self)

    def merge(self, other: LimitBook) -> LimitBook:
        """The book of both books' events: per message id the send and outcome a fold keeps.

        ``fold(a).merge(fold(b)) == fold(a + b)`` for any events; associative,
        commutative and idempotent, with :meth:`empty` as identity
        (``docs/merging.md``). A book of another portfolio, policy or account-model
        date is a :class:`ValidationError` naming ``other``.
        """
        if not isinstance(other, LimitBook):
            raise ValidationError("must be a LimitBook", field="other", value=other)
        config = (self.numbers, self.policy, self.account_model_from)
        if (other.numbers, other.policy, other.account_model_from) != config:
            reason = "is the book of another portfolio, policy or account-model date"
            raise ValidationError(reason, field="other")
        if other is self:
            return self
        mine = (self.sends, self.outcomes, self.windows)
        sends, outcomes, windows = merge_parts(mine, (other.sends, other.outcomes, other.windows))
        return attrs.evolve(self, sends=sends, outcomes=outcomes, windows=windows)

    def era(self, at: datetime) -> LimitEra:
        """The era of ``at`` for this account (see :func:`~wamsg.limits.era_at`)."""
        return era_at(at, account_model_from=self.account_model_from, policy=self.policy)

    def used(self, at: datetime, *, number: PhoneNumber | str | None = None) -> int:
        """How many users hold a slot at ``at`` (the number's, before 2025-10-07)."""
        at = require_aware(at, "at")
        return self._view(at, number).slots.used(at)

    def remaining(
        self,
        at: datetime,
        limit: LimitTier | int | None,
        *,
        number: PhoneNumber | str | None = None,
    ) -> int | None:
        """How many new users may still be reached at ``at``; None when unlimited."""
        cap = limit_of(limit)
        used = self.used(at, number=number)
        return None if cap is None else max(0, cap - used)

    def can_reach(
        self,
        customer: Customer,
        at: datetime,
        limit: LimitTier | int | None,
        *,
        number: PhoneNumber | str | None = None,
    ) -> bool:
        """Whether the limit lets a template reach ``customer`` at ``at``.

        True when unlimited, when the customer already holds a slot, or when there
        is room. The window is not considered here; :meth:`decide` considers it.
        """
        cap, at, customer = limit_of(limit), require_aware(at, "at"), _customer(customer)
        view = self._view(at, number)
        if cap is None:
            return True
        return view.slots.holds(view.user(customer), at) or view.slots.used(at) < cap

    def next_slot_at(
        self,
        at: datetime,
        limit: LimitTier | int | None,
        *,
        number: PhoneNumber | str | None = None,
    ) -> datetime | None:
        """When a new user can next be reached; None while there is room (or unlimited)."""
        cap, at = limit_of(limit), require_aware(at, "at")
        slots = self._view(at, number).slots
        return None if cap is None else slots.frees_at(at, cap)

    def decide(
        self,
        customer: Customer,
        at: datetime,
        limit: LimitTier | int | None,
        *,
        number: PhoneNumber | str,
    ) -> LimitDecision:
        """The limit's answer for a template from ``number`` to ``customer`` at ``at``.

        In order: an open customer service window (the send does not count), an
        unlimited tier, a customer already holding a slot, room for a new one, else
        :attr:`~LimitReason.LIMIT_REACHED` with ``next_slot_at``.
        """
        cap, at, customer = limit_of(limit), require_aware(at, "at"), _customer(customer)
        phone = self._member(number)
        view = self._view(at, phone)
        used = view.slots.used(at)
        if self._window_open(phone, customer, at):
            reason = LimitReason.WINDOW_OPEN
        elif cap is None:
            reason = LimitReason.UNLIMITED
        elif view.slots.holds(view.user(customer), at):
            reason = LimitReason.ALREADY_COUNTED
        else:
            reason = LimitReason.WITHIN_LIMIT if used < cap else LimitReason.LIMIT_REACHED
        return decision(reason, view, cap, used, at, customer)

    def first_deliveries(
        self, start: datetime, end: datetime, *, number: PhoneNumber | str | None = None
    ) -> tuple[datetime, ...]:
        """Each distinct user's first counted delivery in ``(start, end]``, sorted.

        Deliveries only (no pending sends) as known at ``end``, of templates sent while
        the window was closed; from every number of the portfolio (users counted as
        :class:`~wamsg.limits.CountingPolicy` says), or from ``number`` alone. Its
        length is the count of unique users the upgrade rules compare.
        """
        start, end = require_aware(start, "start"), require_aware(end, "end")
        phone = None if number is None else self._member(number).e164
        per_pair = phone is None and not self.policy.counting.count_user_once_per_portfolio
        opened, first = self._window_opens(), dict[Hashable, datetime]()
        for message_id, send in self.sends.items():
            status, moment = status_as_of(send, self.outcomes.get(message_id), end)
            if (
                status is not DeliveryStatus.DELIVERED
                or not start < moment <= end
                or not send.template
                or opened[message_id]
                or (phone is not None and send.business.e164 != phone)
            ):
                continue
            user = user_key(per_pair, send.business.e164, send.customer)
            first[user] = min(moment, first.get(user, moment))
        return tuple(sorted(first.values()))

    def ledger(self, at: datetime, *, number: PhoneNumber | str | None = None) -> LimitLedger:
        """A fresh :class:`LimitLedger` holding the slots held at ``at``, to stream on from.

        Its users are the customers' keys (:attr:`~wamsg.Customer.key`), or (number,
        key) pairs when :class:`~wamsg.limits.CountingPolicy` counts each pair.
        """
        at = require_aware(at, "at")
        view = self._view(at, number)
        ledger = LimitLedger(conversations=view.era.counts_conversations)
        for user, moment in sorted(view.slots.moments.items(), key=lambda item: item[1]):
            if moment > at - DAY:
                ledger.record(user, moment)
        return ledger

    def _member(self, number: object) -> PhoneNumber:
        phone = _phone(number, "number")
        if self.numbers is not None and phone.e164 not in self.numbers:
            reason = "is not a number of this portfolio"
            raise ValidationError(reason, field="number", value=phone.e164)
        return phone

    def _view(self, at: datetime, number: object) -> View:
        era = self.era(at)
        phone = None if number is None else self._member(number).e164
        if era.scope is LimitScope.NUMBER and phone is None:
            reason = "limits were set per phone number before 2025-10-07: name the number"
            raise ValidationError(reason, field="number")
        per_pair = era.scope is LimitScope.PORTFOLIO and (
            not self.policy.counting.count_user_once_per_portfolio
        )
        scope_number = phone if era.scope is LimitScope.NUMBER else None
        slots = self._slots(at, scope_number, per_pair, era.counts_conversations)
        return View(era=era, scope=era.scope, slots=slots, number=phone, per_pair=per_pair)

    def _slots(
        self, at: datetime, number: str | None, per_pair: bool, conversations: bool
    ) -> Slots:
        horizon = self._horizon()
        moment = None if horizon is None or at >= horizon else at
        memo: dict[tuple[object, ...], Slots] = self._cache.setdefault("slots", {})
        key = (moment, number, per_pair, conversations)
        found = memo.get(key)
        if found is None:
            if len(memo) >= _AS_OF_MEMO:
                memo.clear()
            asked = horizon if moment is None else moment
            entries = () if asked is None else self._entries(asked, number, per_pair)
            found = memo[key] = slots_of(entries, conversations)
        return found

    def _entries(
        self, at: datetime, number: str | None, per_pair: bool
    ) -> Iterable[tuple[Hashable, datetime]]:
        opened = self._window_opens()
        return counted_entries(
            self.sends, self.outcomes, opened, at, number, per_pair, self.policy
        )

    def _window_opens(self) -> dict[str, bool]:
        """Per message id: whether the pair's window was open at the send."""
        opened: dict[str, bool] | None = self._cache.get("windows")
        if opened is None:
            opened = self._cache["windows"] = {
                message_id: self._window_open(send.business, send.customer, send.sent_at)
                for message_id, send in self.sends.items()
            }
        return opened

    def _window_open(self, business: PhoneNumber, customer: Customer, at: datetime) -> bool:
        state = self.windows.states.get(pair_key(business, customer))
        return state is not None and state.customer_service_window_open(at)

    def _horizon(self) -> datetime | None:
        """The latest moment of any send or report: from it on, nothing more is unknown."""
        if "horizon" not in self._cache:
            moments = [send.sent_at for send in self.sends.values()]
            for message_id in self.sends.keys() & self.outcomes.keys():
                outcome = self.outcomes[message_id]
                moments += [t for t in (outcome.delivered, outcome.failed) if t is not None]
            self._cache["horizon"] = max(moments, default=None)
        horizon: datetime | None = self._cache["horizon"]
        return horizon


class _BookAccumulator(BookMerger):
    """The book's fold: :class:`BookMerger`, then one new book."""

    __slots__ = ("book",)

    def __init__(self, book: LimitBook) -> None:
        super().__init__(book.numbers, (book.sends, book.outcomes, book.windows))
        self.book = book

    def result(self) -> LimitBook:
        """The book with every event folded in."""
        merged = self.merged()
        if merged is None:
            return self.book
        sends, outcomes, windows = merged
        book = self.book
        return LimitBook(
            numbers=book.numbers,
            policy=book.policy,
            account_model_from=book.account_model_from,
            windows=windows,
            sends=sends,
            outcomes=outcomes,
        )
