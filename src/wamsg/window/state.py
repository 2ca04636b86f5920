"""The customer service window and the free entry point window, per (business, customer).

Public API (all pure; time is always an argument, naive datetimes are rejected):

- :class:`WindowState`: the windows of one (business number, customer) pair,
  folded from events with :meth:`WindowState.apply` / :meth:`WindowState.fold`.
  Ask it about any moment: :meth:`~WindowState.as_of` (a :class:`WindowSnapshot`
  with ``customer_service_window_open``, ``closes_at``, ``free_entry_point_open``,
  ``free_entry_point_closes_at``, ``time_left``), or
  :meth:`~WindowState.customer_service_window` / :meth:`~WindowState.free_entry_point_window`
  (a :class:`Window` with ``opens_at``, ``closes_at``, ``is_open``, ``time_left``).
- :class:`WindowBook`: the states of every pair, folded from a mixed event stream;
  :meth:`WindowBook.get` always answers (an empty state for an unknown pair).
- Send decisions live in :mod:`wamsg.window.send_decision` (:func:`decide_send`).

Rules ([rule meta.csw.24h] [rule meta.csw.request-welcome] [rule meta.csw.user-call]
[rule meta.fep.entry-points] [rule meta.fep.reply-24h] [rule meta.fep.72h]
[rule meta.fep.no-overlap]):

- The **customer service window** (CSW) opens at the timestamp *of the customer's
  message* (never its arrival time) and is open for ``opens_at <= t < opens_at + 24 h``:
  at exactly ``opens_at + 24 h`` it is closed. Only a later customer message resets it;
  business messages never extend it (Meta: user writes at hour 2, business sends at 3
  and 4, the window closes at hour 26).
- What counts as a customer message: a :class:`~wamsg.events.MessageReceived` of every
  content kind except :class:`~wamsg.content.System` (system notices such as
  ``user_changed_number`` are written by WhatsApp, not by the user). An ``Unsupported``
  kind counts (the user did send something), and so does ``Unsupported(type=
  "request_welcome")``. So does the user *calling*: a
  :class:`~wamsg.events.CallEvent` ``connect`` that is ``USER_INITIATED``, at its
  timestamp, answered or not; business calls, call statuses and ``terminate`` (the
  call counted at its connect) do not. So does an :class:`~wamsg.events.UnknownEvent`
  whose ``kind`` is in :data:`CUSTOMER_SERVICE_WINDOW_EVENT_KINDS`.
- The **free entry point window** (FEP) opens when the business sends any message
  (``MessageSent``) within 24 h after a customer message that came from a
  Click-to-WhatsApp ad or Facebook Page call-to-action (``referral.source_type ==
  "ad"``; ``"post"`` does not qualify). It opens *at that reply* (per-message pricing,
  2025-07-01) and lasts 72 h. It does not widen the CSW. An ad message arriving while
  an FEP window is open does not extend it; a new one opens only with a reply after
  the current one closed (derived from Meta's CBP rule that no new conversation opens
  while an FEP conversation is open).
- Events without a timestamp (Twilio's inbound webhook has none) cannot be placed in
  time and are ignored here: stamp them with the receipt time before folding.

The fold keeps the *sets* of relevant timestamps, so it is idempotent (a duplicate
event changes nothing) and order-insensitive (any order of the same events gives an
equal state), and every question can be asked "as of" any moment: events after that
moment are not taken into account.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from datetime import datetime, timedelta

import attrs

from wamsg._internal.json import UTC, ZERO, require_aware
from wamsg.content import System
from wamsg.errors import ValidationError
from wamsg.events import (
    Accumulator,
    AccumulatorBase,
    CallEvent,
    Event,
    FoldedBase,
    MessageReceived,
    MessageSent,
    UnknownEvent,
)
from wamsg.identity import Customer, PairKey, PhoneNumber, pair_key
from wamsg.window._customers import CustomerChoice, CustomerKey
from wamsg.window.values import (
    CUSTOMER_SERVICE_WINDOW,
    FREE_ENTRY_POINT_REPLY_LIMIT,
    FREE_ENTRY_POINT_WINDOW,
    Window,
    WindowKind,
    WindowSnapshot,
    at_utc,
    check_margin,
)

__all__ = ["CUSTOMER_SERVICE_WINDOW_EVENT_KINDS", "WindowState"]


CUSTOMER_SERVICE_WINDOW_EVENT_KINDS: frozenset[str] = frozenset({"request_welcome", "call"})
"""``UnknownEvent.kind`` values that open the CSW ([rule meta.csw.request-welcome]).

An adapter emits ``"call"`` only for a call placed *by the user* (Meta's calls are
:class:`~wamsg.events.CallEvent`).
"""

_INBOUND, _AD_INBOUND, _OUTBOUND = 0, 1, 2
DECISION_SLOTS = 64
"""Size of the per-state memo that :mod:`wamsg.window.send_decision` fills (internal)."""


def _bad_slot(slot: object) -> ValidationError:
    return ValidationError(
        f"must be a memo slot, an integer from 0 to {DECISION_SLOTS - 1}", field="slot", value=slot
    )


def _times(values: Iterable[datetime]) -> tuple[datetime, ...]:
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
        raise ValidationError("must be a collection of datetimes", field="times", value=values)
    return tuple(sorted({require_aware(v, "times") for v in values}))


def _fep_intervals(
    ad_inbound: tuple[datetime, ...], outbound: tuple[datetime, ...]
) -> tuple[tuple[datetime, datetime], ...]:
    out: list[tuple[datetime, datetime]] = []
    end: datetime | None = None
    for ad in ad_inbound:
        earliest = ad if end is None or ad >= end else end  # [rule meta.fep.no-overlap]
        i = bisect_left(outbound, earliest)
        if i < len(outbound) and outbound[i] < ad + FREE_ENTRY_POINT_REPLY_LIMIT:
            end = outbound[i] + FREE_ENTRY_POINT_WINDOW
            out.append((outbound[i], end))
    return tuple(out)


def _latest(times: tuple[datetime, ...], at: datetime) -> datetime | None:
    i = bisect_right(times, at)
    return times[i - 1] if i else None


_Role = tuple[int, datetime, PhoneNumber | None, Customer]


def _classify(event: Event) -> _Role | None:
    """What an event means for the windows: (role, time, business, customer), or None."""
    if type(event) is MessageReceived:
        message = event.message
        if message.sent_at is None or type(message.content) is System:
            return None
        referral = message.context.referral  # [rule meta.fep.entry-points]
        role = _AD_INBOUND if referral is not None and referral.is_ad else _INBOUND
        return role, message.sent_at, message.business, message.customer
    if type(event) is MessageSent:
        message = event.message
        if message.sent_at is None:
            return None
        return _OUTBOUND, message.sent_at, message.business, message.customer
    if type(event) is CallEvent:  # the user calling the business [rule meta.csw.user-call]
        if event.event != "connect" or not event.user_initiated or event.customer is None:
            return None
        at = event.occurred_at
        return None if at is None else (_INBOUND, at, event.business, event.customer)
    if (
        type(event) is UnknownEvent
        and event.kind in CUSTOMER_SERVICE_WINDOW_EVENT_KINDS
        and event.occurred_at is not None
        and event.customer is not None
    ):
        return _INBOUND, event.occurred_at, event.business, event.customer
    return None


def _pair_of(event: Event) -> tuple[PhoneNumber | None, Customer] | None:
    if type(event) is MessageReceived or type(event) is MessageSent:
        return event.message.business, event.message.customer
    if (type(event) is UnknownEvent or type(event) is CallEvent) and event.customer is not None:
        return event.business, event.customer
    return None


@attrs.frozen(kw_only=True)
class WindowState(FoldedBase[Event]):
    """The windows of one (business number, customer) pair, folded from events.

    A :class:`~wamsg.events.Folded` state: :meth:`empty`, ``apply``, ``fold`` in any
    order (duplicates change nothing). ``inbound`` holds the times of the
    customer's messages that open the CSW, ``ad_inbound`` those that came from an
    ad (also in ``inbound``), ``outbound`` the times of the business's messages;
    each is a sorted tuple of distinct UTC times. Equality ignores the customer's
    profile name (see :class:`Customer`). A book keeps of the customer's records the one
    chosen by a total order (``wamsg.window._customers``), never the first to arrive.
    """

    business: PhoneNumber | None
    customer: Customer
    inbound: tuple[datetime, ...] = attrs.field(default=(), converter=_times)
    ad_inbound: tuple[datetime, ...] = attrs.field(default=(), converter=_times)
    outbound: tuple[datetime, ...] = attrs.field(default=(), converter=_times)
    customer_key: CustomerKey | None = attrs.field(default=None, eq=False, repr=False)
    free_entry_points: tuple[tuple[datetime, datetime], ...] = attrs.field(
        init=False, eq=False, repr=False
    )
    _limits: dict[timedelta, tuple[datetime | None, ...]] = attrs.field(
        init=False, eq=False, repr=False, factory=dict
    )
    _decisions: list[object] = attrs.field(
        init=False, eq=False, repr=False, factory=lambda: [None] * DECISION_SLOTS
    )

    def __attrs_post_init__(self) -> None:
        if not set(self.ad_inbound) <= set(self.inbound):
            object.__setattr__(self, "inbound", _times(self.inbound + self.ad_inbound))
        fep = _fep_intervals(self.ad_inbound, self.outbound)
        object.__setattr__(self, "free_entry_points", fep)

    @classmethod
    def empty(cls, business: PhoneNumber | None, customer: Customer) -> WindowState:
        """The state of a pair before any event: no window ever opened."""
        pair_key(business, customer)  # refuses a business or customer of the wrong type
        return cls(business=business, customer=customer)

    @property
    def key(self) -> PairKey:
        """This pair's :data:`PairKey`."""
        return pair_key(self.business, self.customer)

    def concerns(self, business: PhoneNumber | None, customer: Customer | None) -> bool:
        """True when an event from/to ``business`` and ``customer`` is about this pair."""
        return customer is not None and pair_key(business, customer) == self.key

    def accumulator(self) -> Accumulator[Event, WindowState]:
        """A fold from this state; events of other pairs or kinds change nothing."""
        return _StateAccumulator(self)

    def _with(
        self,
        inbound: list[datetime],
        ad: list[datetime],
        outbound: list[datetime],
        choice: CustomerChoice | None = None,
    ) -> WindowState:
        customer, key = (self.customer, self.customer_key) if choice is None else choice.kept()
        same = customer is self.customer and key == self.customer_key
        if same and not (inbound or ad or outbound):
            return self
        return WindowState(
            business=self.business,
            customer=customer,
            customer_key=key,
            inbound=self.inbound + tuple(inbound) + tuple(ad),
            ad_inbound=self.ad_inbound + tuple(ad),
            outbound=self.outbound + tuple(outbound),
        )

    def merge(self, other: WindowState) -> WindowState:
        """The windows of this pair from both states: the union of their times.

        ``fold(a).merge(fold(b)) == fold(a + b)`` for any events; associative,
        commutative and idempotent, with :meth:`empty` as identity (``docs/merging.md``).
        The customer record kept is the greater of the two by the book's order
        (``wamsg.window._customers``), the one a fold keeps. A state of another pair
        is a :class:`ValidationError` naming ``other``. It costs a sort of the times
        held, whatever the number of events folded into them.
        """
        if not isinstance(other, WindowState):
            raise ValidationError("must be a WindowState", field="other", value=other)
        if other.key != self.key:
            raise ValidationError(
                "holds the windows of another (business, customer) pair", field="other"
            )
        choice = CustomerChoice(self.customer, self.customer_key)
        choice.keep(other.customer, other.customer_key)
        customer, kept = choice.kept()
        # neither was folded by a book: no record to stand by
        key = None if other.customer_key is None and self.customer_key is None else kept
        if other is self or (customer is self.customer and not other.inbound + other.outbound):
            return self if key == self.customer_key else attrs.evolve(self, customer_key=key)
        return WindowState(
            business=self.business,
            customer=customer,
            customer_key=key,
            inbound=self.inbound + other.inbound,
            ad_inbound=self.ad_inbound + other.ad_inbound,
            outbound=self.outbound + other.outbound,
        )

    def customer_service_window(self, at: datetime) -> Window | None:
        """The CSW opened by the customer's last message at or before ``at`` (None if none)."""
        opened = _latest(self.inbound, at_utc(at))
        if opened is None:
            return None
        return Window(WindowKind.CUSTOMER_SERVICE, opened, opened + CUSTOMER_SERVICE_WINDOW)

    def free_entry_point_window(self, at: datetime) -> Window | None:
        """The latest free entry point window opened at or before ``at`` (None if none)."""
        at = at_utc(at)
        i = bisect_right(self.free_entry_points, (at, datetime.max.replace(tzinfo=UTC)))
        if not i:
            return None
        opens, closes = self.free_entry_points[i - 1]
        return Window(WindowKind.FREE_ENTRY_POINT, opens, closes)

    def as_of(self, at: datetime, *, margin: timedelta = ZERO) -> WindowSnapshot:
        """Both windows as they stand at ``at``; later events are not taken into account."""
        at = at_utc(at)
        return WindowSnapshot(
            at=at,
            margin=check_margin(margin),
            customer_service_window=self.customer_service_window(at),
            free_entry_point_window=self.free_entry_point_window(at),
        )

    def customer_service_window_open(self, at: datetime, *, margin: timedelta = ZERO) -> bool:
        """True when free-form messages may be sent at ``at``."""
        return self.as_of(at, margin=margin).customer_service_window_open

    def free_entry_point_open(self, at: datetime, *, margin: timedelta = ZERO) -> bool:
        """True when a message sent at ``at`` falls in a free entry point window."""
        return self.as_of(at, margin=margin).free_entry_point_open

    def last_inbound_at(self, at: datetime) -> datetime | None:
        """The customer's last window-opening message at or before ``at``."""
        return _latest(self.inbound, at_utc(at))

    def last_outbound_at(self, at: datetime) -> datetime | None:
        """The business's last message at or before ``at``."""
        return _latest(self.outbound, at_utc(at))

    def awaiting_reply(self, at: datetime) -> bool:
        """True when the customer wrote last (at or before ``at``): the business owes a reply."""
        inbound = self.last_inbound_at(at)
        outbound = self.last_outbound_at(at)
        return inbound is not None and (outbound is None or outbound < inbound)

    def recall(self, slot: int) -> object | None:
        """The answer :func:`~wamsg.window.decide_send` remembered in ``slot`` (None if none).

        A state is immutable, so an answer derived from it never goes stale; the
        memo has :data:`DECISION_SLOTS` slots, lives and dies with the state and is
        not part of equality.
        """
        if type(slot) is not int or not 0 <= slot < DECISION_SLOTS:
            raise _bad_slot(slot)
        return self._decisions[slot]

    def remember(self, slot: int, answer: object) -> None:
        """Keep ``answer`` in ``slot`` of this state's memo (see :meth:`recall`)."""
        if type(slot) is not int or not 0 <= slot < DECISION_SLOTS:
            raise _bad_slot(slot)
        self._decisions[slot] = answer

    def limits(self, margin: timedelta) -> tuple[datetime | None, ...]:
        """Precomputed boundaries of the latest windows, for :mod:`wamsg.window.send_decision`.

        ``(fast_from, csw_until, csw_closes, fep_until)``: for ``at >= fast_from`` the
        latest windows apply; ``*_until`` are the closing times minus ``margin``.
        """
        cached = self._limits.get(margin) if type(margin) is timedelta else None
        if cached is None:
            margin = check_margin(margin)
            cached = self._limits[margin] = self._build_limits(margin)
        return cached

    def _build_limits(self, margin: timedelta) -> tuple[datetime | None, ...]:
        if not self.inbound:
            return (None, None, None, None)
        opened = self.inbound[-1]
        closes = opened + CUSTOMER_SERVICE_WINDOW
        fast_from, fep_until = opened, None
        if self.free_entry_points:
            fep_opens, fep_closes = self.free_entry_points[-1]
            fast_from, fep_until = max(opened, fep_opens), fep_closes - margin
        return (fast_from, closes - margin, closes, fep_until)


class _StateAccumulator(AccumulatorBase[Event, WindowState]):
    """One pair's window fold: the new times of each role, merged into the state once."""

    __slots__ = ("found", "state")

    def __init__(self, state: WindowState) -> None:
        self.state = state
        self.found: tuple[list[datetime], list[datetime], list[datetime]] = ([], [], [])

    def add(self, item: Event) -> None:
        self.extend((item,))

    def extend(self, items: Iterable[Event]) -> None:
        found, concerns = self.found, self.state.concerns
        for event in items:
            role = _classify(event)
            if role is not None and concerns(role[2], role[3]):
                found[role[0]].append(role[1])

    def result(self) -> WindowState:
        return self.state._with(*self.found)
