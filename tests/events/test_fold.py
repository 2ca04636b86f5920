"""One fold shape: the same law suite runs over every folded state of wamsg.

The laws are those of :class:`wamsg.events.Folded` (``docs/concepts.md``, "One fold
shape"): folding may be split anywhere, ``apply`` one by one equals ``fold``, a
duplicate changes nothing (not for the ledger, which counts charges), and arrival
order does not matter where the domain allows it. Each state's inputs come from the
strategies and helpers its own tests use.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.accounts.test_state import ACCOUNT
from tests.accounts.test_state_laws import account_streams
from tests.billing.events import delivered_send, events, received
from tests.billing.test_ledger import NOV, PHONES, SMALL_TIER, _charges, send_facts
from tests.inbox.test_conversation import BUSINESS, CUSTOMER, _ids, _messages, _statuses
from tests.inbox.test_inbox import bare_status
from tests.strategies import events as any_events
from tests.window import helpers as window
from tests.window.test_window_laws import EVENTS as WINDOW_EVENTS
from wamsg import Customer, DeliveryStatus, Event, PhoneNumber, ValidationError
from wamsg.accounts import AccountState
from wamsg.billing import BillingAccount, Charge, MonthLedger, bill_events
from wamsg.content import System
from wamsg.events import Accumulator, Folded, FoldedBase
from wamsg.inbox import Conversation, Inbox
from wamsg.window import WindowBook, WindowState

# A failing example's draws are long event lists; their repr must not turn into an
# error (the suite runs with warnings as errors) and hide the failure behind it.
pytestmark = pytest.mark.filterwarnings(
    "ignore:Generating overly large repr:hypothesis.errors.HypothesisWarning"
)
CUSTOMERS = (window.CUSTOMER, Customer(phone="+16505550000"))


WINDOW_KINDS = ("inbound", "ad", "outbound", "system", "call")


@st.composite
def book_events(draw: st.DrawFn, kinds: tuple[str, ...] = WINDOW_KINDS) -> Event:
    """A window event of one of two customers; a system notice opens no window, nor
    does a business call (a user's call does).

    The window helpers name a message by its time only, so an ad message and a plain
    one at the same time are two records of one id: ``kinds`` leaves the ad and
    system kinds out where the rival records of one message would matter (the inbox).
    """
    customer = draw(st.sampled_from(CUSTOMERS))
    at = window.hour(draw(st.integers(0, 200 * 4)) / 4)
    kind = draw(st.sampled_from(kinds))
    if kind == "outbound":
        return window.sent(at, customer=customer)
    if kind == "call":
        direction = draw(st.sampled_from(["USER_INITIATED", "BUSINESS_INITIATED"]))
        return window.called(at, direction=direction, customer=customer)
    if kind == "system":
        return window.received(
            at, content=System(system_type="user_changed_number"), customer=customer
        )
    return window.received(at, source_type="ad" if kind == "ad" else None, customer=customer)


_conversation_events = st.tuples(_messages, st.lists(_statuses, max_size=10)).map(
    lambda parts: [*parts[0], *parts[1]]
)
_bare_statuses = st.lists(
    st.builds(bare_status, _ids, st.integers(30, 90), st.sampled_from(list(DeliveryStatus))),
    max_size=5,
)
_inbox_events = st.tuples(
    _conversation_events,
    _bare_statuses,
    st.lists(book_events(kinds=("inbound", "outbound")), max_size=6),
).map(lambda parts: [*parts[0], *parts[1], *parts[2]])
_charges_of_the_month = st.lists(send_facts, max_size=20).map(_charges)
_any_events = st.lists(any_events, max_size=6)


@dataclass(frozen=True)
class Case:
    """A folded state under test: its empty state, its inputs and the laws it keeps.

    ``items`` are inputs for which every documented law of the state holds (timed
    events, statuses no earlier than their messages); ``anything`` are inputs for
    which the split and one-step laws hold too (any event at all, for the event folds).
    """

    name: str
    empty: Callable[[], Any]
    items: st.SearchStrategy[list[Any]]
    anything: st.SearchStrategy[list[Any]]
    duplicates_change_nothing: bool = True
    any_order: bool = True

    def __repr__(self) -> str:
        return self.name


CASES = [
    Case(
        "WindowState",
        lambda: WindowState.empty(window.BUSINESS, window.CUSTOMER),
        WINDOW_EVENTS,
        _any_events,
    ),
    Case("WindowBook", WindowBook, st.lists(book_events(), max_size=12), _any_events),
    Case(
        "Conversation",
        lambda: Conversation.empty(BUSINESS, CUSTOMER),
        _conversation_events,
        _any_events,
    ),
    Case("Inbox", Inbox, _inbox_events, _any_events),
    Case(
        "MonthLedger",
        lambda: MonthLedger.empty("2026-11", SMALL_TIER),
        _charges_of_the_month,
        _charges_of_the_month,
        duplicates_change_nothing=False,
    ),
    Case(
        "AccountState",
        lambda: AccountState.empty(ACCOUNT),
        account_streams,
        st.tuples(account_streams, _any_events).map(lambda parts: [*parts[0], *parts[1]]),
    ),
]
EVERY_STATE = pytest.mark.parametrize("case", CASES, ids=repr)
IDEMPOTENT = pytest.mark.parametrize(
    "case", [c for c in CASES if c.duplicates_change_nothing], ids=repr
)
ORDER_FREE = pytest.mark.parametrize("case", [c for c in CASES if c.any_order], ids=repr)


def _one_by_one(state: Any, items: Iterable[Any]) -> Any:
    for item in items:
        state = state.apply(item)
    return state


@EVERY_STATE
@given(data=st.data())
def test_folding_in_two_batches_equals_folding_at_once(case: Case, data: st.DataObject) -> None:
    """``s.fold(a + b) == s.fold(a).fold(b)``, from the empty state and from any state."""
    start = case.empty().fold(data.draw(case.anything, "before"))
    first, second = data.draw(case.anything, "a"), data.draw(case.anything, "b")
    assert start.fold(first + second) == start.fold(first).fold(second)


@EVERY_STATE
@given(data=st.data())
def test_applying_items_one_by_one_equals_folding_them(case: Case, data: st.DataObject) -> None:
    """``apply(x) == fold((x,))``, so a stream applied item by item equals one fold."""
    items = data.draw(case.anything, "items")
    assert _one_by_one(case.empty(), items) == case.empty().fold(items)
    for item in items[:2]:
        assert case.empty().apply(item) == case.empty().fold((item,))


@EVERY_STATE
@given(data=st.data())
def test_an_accumulator_fed_item_by_item_gives_the_fold(case: Case, data: st.DataObject) -> None:
    """``add`` per item and the bulk ``extend`` of ``fold`` build the same state."""
    start = case.empty().fold(data.draw(case.anything, "before"))
    items = data.draw(case.anything, "items")
    accumulator = start.accumulator()
    for item in items:
        accumulator.add(item)
    assert accumulator.result() == start.fold(items)


@IDEMPOTENT
@given(data=st.data())
def test_a_duplicate_input_changes_nothing(case: Case, data: st.DataObject) -> None:
    """Items folded again, anywhere in the stream or in a later fold, change nothing."""
    items = data.draw(case.items, "items")
    with_duplicates = list(items)
    if items:
        again = st.lists(st.tuples(st.integers(0, len(items) - 1), st.integers(0)), max_size=8)
        for which, where in data.draw(again, "duplicates (index, position)"):
            with_duplicates.insert(where % (len(with_duplicates) + 1), items[which])
    once = case.empty().fold(items)
    assert case.empty().fold(with_duplicates) == once
    assert once.fold(items) == once


@ORDER_FREE
@given(data=st.data())
def test_arrival_order_does_not_matter(case: Case, data: st.DataObject) -> None:
    """Any permutation of the inputs gives an equal state (where the domain allows it)."""
    items = data.draw(case.items, "items")
    order = data.draw(st.permutations(range(len(items))), "order")
    shuffled = [items[i] for i in order]
    assert case.empty().fold(shuffled) == case.empty().fold(items)


def test_every_folded_state_folds_through_the_one_mechanism() -> None:
    """Every state inherits ``apply`` and ``fold`` from FoldedBase and names an accumulator."""
    for case in CASES:
        state = case.empty()
        assert isinstance(state, FoldedBase), case
        assert type(state).fold is FoldedBase.fold, case
        assert type(state).apply is FoldedBase.apply, case
        assert type(state).accumulator is not FoldedBase.accumulator, case


def test_every_folded_state_has_the_folded_shape() -> None:
    """The states type-check as :class:`Folded` of their inputs (mypy reads this test)."""
    folds_events: list[Folded[Event]] = [
        WindowState.empty(window.BUSINESS, window.CUSTOMER),
        WindowBook(),
        Conversation.empty(BUSINESS, CUSTOMER),
        Inbox(),
    ]
    folds_charges: Folded[Charge] = MonthLedger.empty("2026-11", SMALL_TIER)
    accumulator: Accumulator[Charge, MonthLedger] = MonthLedger.empty(
        "2026-11", SMALL_TIER
    ).accumulator()
    assert len(folds_events) == 4
    assert folds_charges.fold(()) == accumulator.result()


def test_the_conversation_s_earlier_name_start_is_empty() -> None:
    """``Conversation.start`` is kept as an alias of ``Conversation.empty``."""
    assert Conversation.start(BUSINESS, CUSTOMER) == Conversation.empty(BUSINESS, CUSTOMER)


@given(st.lists(send_facts, min_size=1, max_size=10))
def test_the_ledger_counts_a_duplicate_charge_again(
    facts: list[tuple[int, str | None, bool, bool, str, PhoneNumber]],
) -> None:
    """The ledger is the exception to the duplicate law: each charge given is counted."""
    charges = _charges(facts)
    once = MonthLedger.empty("2026-11", SMALL_TIER).fold(charges)
    assert once.fold(charges[:1]).messages == once.messages + 1


def test_bill_events_removes_duplicate_events_before_the_ledger_counts() -> None:
    """A duplicated event stream gives the same bill: duplicates never reach the ledger."""
    day = NOV + timedelta(days=1)
    stream = events(
        [
            received("in1", day),
            *delivered_send("m1", day + timedelta(hours=1), None),
            *delivered_send("m2", day + timedelta(hours=2), "marketing"),
        ]
    )
    account = BillingAccount(time_zone="Europe/Helsinki")
    once = bill_events(stream, account=account, month="2026-11")
    twice = bill_events(stream + stream[::-1], account=account, month="2026-11")
    assert twice.ledger == once.ledger
    assert twice.ledger.messages == 2


def test_of_is_the_empty_ledger_folded() -> None:
    """``MonthLedger.of`` is a thin name for ``MonthLedger.empty(...).fold(...)``."""
    charges = _charges([(60, None, True, False, "+15550783881", PHONES[0])])
    assert MonthLedger.of(charges, month="2026-11", account=SMALL_TIER) == (
        MonthLedger.empty("2026-11", SMALL_TIER).fold(charges)
    )


def test_a_ledger_not_made_by_empty_refuses_to_fold() -> None:
    """Without its month's bounds a ledger cannot check a charge's month: ValidationError."""
    period = MonthLedger.empty("2026-11", SMALL_TIER).period
    bare = MonthLedger(month="2026-11", period=period, free_limit=0)
    with pytest.raises(ValidationError):
        bare.fold(())
