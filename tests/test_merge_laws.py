"""Every folded state merges: the parts of a stream, folded apart and merged, give the whole.

The law, for each state (``docs/merging.md``): for any list of inputs split into any
number of parts, folding each part from the empty state and merging the results equals
folding the whole list, ``fold(a).merge(fold(b)) == fold(a + b)``; ``merge`` is
associative, commutative and idempotent (not :class:`~wamsg.billing.MonthLedger`: it
counts), with the empty state as its identity; states of different keys refuse to
merge, naming ``other``. The conversation and the inbox keep the law under the
conditions of their order independence (timestamped events, no status stamped more than
:data:`~wamsg.inbox.STATUS_SKEW` before its own message), which the streams of
``tests/order_streams.py`` keep: the states merged are the parts of one such stream (two
streams drawn apart may break the condition together); the tests at the end show what
happens outside the conditions.

States are compared by views that show everything a user sees (names included:
``Customer`` equality compares keys only), so "equal" means "the same inbox, bill and
windows", as the Beam pipelines must reproduce them.
"""

from __future__ import annotations

import doctest
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import reduce
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.accounts.test_state import ACCOUNT, CONFIG_FILE
from tests.accounts.test_state_laws import account_streams
from tests.billing.test_ledger import PHONES as LEDGER_PHONES
from tests.billing.test_ledger import SMALL_TIER, _charges, send_facts
from tests.events.test_fold import book_events
from tests.limits.helpers import utc
from tests.limits.test_book_laws import E4, E5, NUMBERS
from tests.limits.test_book_laws import streams as limit_streams
from tests.order_streams import (
    BUSINESSES,
    ONE_PAIR,
    PHONES,
    any_streams,
    book_view,
    conversation_view,
    inbox_view,
    ledger_view,
    moment,
    streams,
)
from tests.window import helpers as window
from tests.window.test_window_laws import EVENTS as WINDOW_EVENTS
from wamsg import (
    Customer,
    Delivery,
    DeliveryStatus,
    Message,
    MessageReceived,
    MessageSent,
    MessageStatus,
    Text,
    Ticks,
    ValidationError,
)
from wamsg.accounts import AccountConfig, AccountState
from wamsg.billing import MonthLedger
from wamsg.delivery import ErrorDetail, Pricing
from wamsg.events import Event
from wamsg.inbox import STATUS_SKEW, Conversation, Inbox
from wamsg.limits import LimitBook, LimitLedger
from wamsg.messages import Direction
from wamsg.window import WindowBook, WindowState

# A failing example's draws are long event lists; their repr must not turn into an
# error (the suite runs with warnings as errors) and hide the failure behind it.
pytestmark = pytest.mark.filterwarnings(
    "ignore:Generating overly large repr:hypothesis.errors.HypothesisWarning"
)
LAWS = settings(max_examples=50, deadline=None)
DOCS = Path(__file__).resolve().parent.parent / "docs"

# ---------------------------------------------------------------- the limit ledger

USERS = tuple(f"u{i}" for i in range(6))
LEDGER_T0 = utc(2025, 11, 3)
Record = tuple[Hashable, datetime]
_records = st.lists(
    st.tuples(
        st.sampled_from(USERS),
        st.integers(0, 72 * 4).map(lambda q: LEDGER_T0 + timedelta(minutes=15 * q)),
    ),
    max_size=16,
)


def fed(records: Sequence[Record], *, conversations: bool = False) -> LimitLedger:
    """A ledger fed ``records`` in the order given."""
    ledger = LimitLedger(conversations=conversations)
    for user, at in records:
        ledger.record(user, at)
    return ledger


def limit_ledger_view(ledger: LimitLedger) -> list[tuple[Any, ...]]:
    """Who holds a slot, how many, and when the next one frees, every six hours (it asks:
    a ledger expires as it is asked, so take a view only when done merging)."""
    answers = []
    for quarter in range(0, 4 * 24 * 4, 24):
        at = LEDGER_T0 + timedelta(minutes=15 * quarter)
        held = tuple(ledger.counted(user, at) for user in USERS)
        answers.append((held, ledger.used(at), ledger.next_slot_at(at, 2)))
    return answers


# ---------------------------------------------------------------- the states


@dataclass(frozen=True)
class Case:
    """A mergeable state: how to fold a list of its inputs from empty, and how to look."""

    name: str
    fold: Callable[[list[Any]], Any]
    items: st.SearchStrategy[list[Any]]
    view: Callable[[Any], Any]
    idempotent: bool = True
    other_key: Callable[[], Any] | None = None
    """An empty state of another key (pair, month, configuration), where keys exist."""

    def __repr__(self) -> str:
        return self.name


def _window_view(state: WindowState) -> Any:
    return book_view(WindowBook({state.key: state}))


def _limit_book_view(book: LimitBook) -> Any:
    return (book, book_view(book.windows))


_ONE_PAIR_STATE = (BUSINESSES[0], Customer(phone=PHONES[0]))
OTHER_CONFIG = AccountConfig.from_dict(
    {**CONFIG_FILE, "portfolio": {**CONFIG_FILE["portfolio"], "verified": True}}  # type: ignore[dict-item]
)

CASES = [
    Case(
        "WindowState",
        lambda items: WindowState.empty(window.BUSINESS, window.CUSTOMER).fold(items),
        WINDOW_EVENTS,
        _window_view,
        other_key=lambda: WindowState.empty(BUSINESSES[0], window.CUSTOMER),
    ),
    Case(
        "WindowBook",
        lambda items: WindowBook().fold(items),
        st.one_of(any_streams, st.lists(book_events(), max_size=12)),
        book_view,
    ),
    Case(
        "Conversation",
        lambda items: Conversation.empty(*_ONE_PAIR_STATE).fold(items),
        streams(ONE_PAIR),
        conversation_view,
        other_key=lambda: Conversation.empty(BUSINESSES[0], Customer(phone=PHONES[1])),
    ),
    Case("Inbox", lambda items: Inbox().fold(items), any_streams, inbox_view),
    Case(
        "MonthLedger",
        lambda items: MonthLedger.empty("2026-11", SMALL_TIER).fold(items),
        st.lists(send_facts, max_size=20).map(_charges),
        ledger_view,
        idempotent=False,
        other_key=lambda: MonthLedger.empty("2026-10", SMALL_TIER),
    ),
    Case(
        "LimitBook",
        lambda items: LimitBook.empty(numbers=NUMBERS).fold(items),
        st.sampled_from([E5, E4]).flatmap(limit_streams),
        _limit_book_view,
        other_key=lambda: LimitBook.empty(numbers=NUMBERS[:1]),
    ),
    Case(
        "AccountState",
        lambda items: AccountState.empty(ACCOUNT).fold(items),
        account_streams,
        lambda state: state,
        other_key=lambda: AccountState.empty(OTHER_CONFIG),
    ),
    Case(
        "LimitLedger",
        fed,
        _records,
        limit_ledger_view,
        other_key=lambda: LimitLedger(conversations=True),
    ),
]
EVERY_STATE = pytest.mark.parametrize("case", CASES, ids=repr)
IDEMPOTENT = pytest.mark.parametrize("case", [c for c in CASES if c.idempotent], ids=repr)
KEYED = pytest.mark.parametrize("case", [c for c in CASES if c.other_key], ids=repr)


def _merge(first: Any, second: Any) -> Any:
    return first.merge(second)


@st.composite
def split(draw: st.DrawFn, items: list[Any], parts: int | None = None) -> list[list[Any]]:
    """``items`` in any order, some of them twice, cut into ``parts`` parts (one to five)."""
    shuffled = list(draw(st.permutations(items)))
    if shuffled:
        for _ in range(draw(st.integers(0, 3))):
            again = shuffled[draw(st.integers(0, len(shuffled) - 1))]
            shuffled.insert(draw(st.integers(0, len(shuffled))), again)
    count = (0, 4) if parts is None else (parts - 1, parts - 1)
    cuts = sorted(
        draw(st.lists(st.integers(0, len(shuffled)), min_size=count[0], max_size=count[1]))
    )
    bounds = [0, *cuts, len(shuffled)]
    return [shuffled[start:end] for start, end in pairwise(bounds)]


# ---------------------------------------------------------------- the laws


@EVERY_STATE
@LAWS
@given(data=st.data())
def test_the_parts_folded_apart_and_merged_are_the_whole_folded_at_once(
    case: Case, data: st.DataObject
) -> None:
    """``fold(a).merge(fold(b)).merge(fold(c)) == fold(a + b + c)``, for any cuts, in any order."""
    parts = data.draw(split(data.draw(case.items, "items")), "parts")
    whole = case.fold([item for part in parts for item in part])
    order = data.draw(st.permutations(range(len(parts))), "merge order")
    merged = reduce(_merge, [case.fold(parts[i]) for i in order])
    assert case.view(merged) == case.view(whole)


def _three_folded_parts(case: Case, data: st.DataObject) -> list[Any]:
    """Three parts of one stream (so that together they keep the state's conditions),
    each folded from empty."""
    parts = data.draw(split(data.draw(case.items, "items"), parts=3), "parts")
    return [case.fold(part) for part in parts]


@EVERY_STATE
@LAWS
@given(data=st.data())
def test_merge_is_associative(case: Case, data: st.DataObject) -> None:
    """``(a.merge(b)).merge(c) == a.merge(b.merge(c))``."""
    a, b, c = _three_folded_parts(case, data)
    left, right = a.merge(b).merge(c), a.merge(b.merge(c))
    assert case.view(left) == case.view(right)


@EVERY_STATE
@LAWS
@given(data=st.data())
def test_merge_is_commutative(case: Case, data: st.DataObject) -> None:
    """``a.merge(b) == b.merge(a)``: which worker's part comes first does not matter."""
    a, b, _ = _three_folded_parts(case, data)
    ab, ba = a.merge(b), b.merge(a)
    assert case.view(ab) == case.view(ba)


@IDEMPOTENT
@LAWS
@given(data=st.data())
def test_merge_is_idempotent(case: Case, data: st.DataObject) -> None:
    """``a.merge(a) == a``: a part merged twice (a retried bundle) changes nothing."""
    items = data.draw(case.items, "items")
    a = case.fold(items)
    twice, again = a.merge(a), a.merge(case.fold(items))
    assert case.view(twice) == case.view(again) == case.view(case.fold(items))


@EVERY_STATE
@LAWS
@given(data=st.data())
def test_the_empty_state_is_the_identity(case: Case, data: st.DataObject) -> None:
    """``empty.merge(a) == a == a.merge(empty)``."""
    items = data.draw(case.items, "items")
    a = case.fold(items)
    before, after = case.fold([]).merge(a), a.merge(case.fold([]))
    assert case.view(before) == case.view(after) == case.view(case.fold(items))


@KEYED
def test_states_of_another_key_refuse_to_merge_naming_other(case: Case) -> None:
    """Another pair, month, portfolio, configuration or counting: a ValidationError."""
    assert case.other_key is not None
    mine, theirs = case.fold([]), case.other_key()
    for first, second in ((mine, theirs), (theirs, mine)):
        with pytest.raises(ValidationError) as raised:
            first.merge(second)
        assert raised.value.field == "other"


@EVERY_STATE
def test_a_value_of_another_kind_is_refused_naming_other(case: Case) -> None:
    with pytest.raises(ValidationError) as raised:
        case.fold([]).merge(Delivery(status=DeliveryStatus.SENT))
    assert raised.value.field == "other"


def test_an_account_state_of_another_moment_refuses_to_merge() -> None:
    later = AccountState.empty(ACCOUNT, as_of=utc(2025, 11, 4))
    with pytest.raises(ValidationError, match="as_of"):
        AccountState.empty(ACCOUNT).merge(later)


# ---------------------------------------------------------------- the delivery

_deliveries = st.builds(
    Delivery,
    status=st.sampled_from(list(DeliveryStatus)),
    at=st.none() | st.integers(0, 8).map(lambda m: moment(60 * m)),
    errors=st.frozensets(
        st.sampled_from([ErrorDetail(code="131026"), ErrorDetail(code="131047", title="x")]),
        max_size=2,
    ),
    pricing=st.sampled_from(
        [None, Pricing(model="PMP", type="regular"), Pricing(model="PMP", category="utility")]
    ),
)


@LAWS
@given(
    st.lists(_deliveries, min_size=1, max_size=6),
    st.lists(_deliveries, min_size=1, max_size=6),
    _deliveries,
)
def test_delivery_merge_keeps_the_law(
    first: list[Delivery], second: list[Delivery], third: Delivery
) -> None:
    """``combine`` folds reports: any split merges to the whole; a semilattice."""
    a, b = Delivery.combine(first), Delivery.combine(second)
    assert a is not None
    assert b is not None
    assert a.merge(b) == Delivery.combine(first + second) == b.merge(a)
    assert a.merge(b).merge(third) == a.merge(b.merge(third))
    assert a.merge(a) == a
    assert Delivery.combine([]) is None  # "no report yet": the identity of combine


# ---------------------------------------------------------------- fold and merge agree


@LAWS
@given(data=st.data(), events=streams(reads=False))
def test_a_merged_inbox_and_a_merged_book_keep_the_same_customer_record(
    data: st.DataObject, events: list[Event]
) -> None:
    """One order decides which record wins, in the fold and in the merge alike."""
    parts = data.draw(split(events))
    inbox = reduce(_merge, [Inbox().fold(part) for part in parts])
    book = reduce(_merge, [WindowBook().fold(part) for part in parts])
    assert {k: c.customer.to_dict() for k, c in inbox.conversations.items()} == {
        state.key: state.customer.to_dict() for state in book
    }


@LAWS
@given(data=st.data(), events=any_streams)
def test_a_combine_fn_gives_the_inbox_of_one_fold(
    data: st.DataObject, events: list[Event]
) -> None:
    """Beam's CombineFn: create (empty), add input (apply), merge accumulators, extract."""
    bundles = data.draw(split(events))
    accumulators = []
    for bundle in bundles:
        accumulator = Inbox()  # create_accumulator
        for event in bundle:
            accumulator = accumulator.apply(event)  # add_input
        accumulators.append(accumulator)
    merged = reduce(_merge, accumulators, Inbox())  # merge_accumulators
    assert inbox_view(merged) == inbox_view(Inbox().fold(events))  # extract_output


@LAWS
@given(data=st.data(), records=_records)
def test_ledgers_counting_conversations_merge_parts_of_disjoint_users(
    data: st.DataObject, records: list[Record]
) -> None:
    """Counting conversations, the law holds for records partitioned by user, in time order."""
    ordered = sorted(records, key=lambda record: (record[1], str(record[0])))
    parts = data.draw(st.integers(1, 3))
    where: dict[Hashable, int] = {user: data.draw(st.integers(0, parts - 1)) for user in USERS}
    pieces = [[r for r in ordered if where[r[0]] == part] for part in range(parts)]
    merged = reduce(_merge, [fed(piece, conversations=True) for piece in pieces])
    whole = fed(ordered, conversations=True)
    assert limit_ledger_view(merged) == limit_ledger_view(whole)


# ---------------------------------------------------------------- outside the conditions

BUSINESS = BUSINESSES[0]
CUSTOMER = Customer(phone=PHONES[0])


def _received(mid: str, seconds: int | None) -> Event:
    message = Message(
        id=mid,
        direction=Direction.INBOUND,
        business=BUSINESS,
        customer=CUSTOMER,
        sent_at=None if seconds is None else moment(seconds),
        content=Text("hi"),
    )
    return MessageReceived(provider="twilio", message=message)


def _sent(mid: str, seconds: int) -> Event:
    message = Message(
        id=mid,
        direction=Direction.OUTBOUND,
        business=BUSINESS,
        customer=CUSTOMER,
        sent_at=moment(seconds),
        content=Text("reply"),
    )
    return MessageSent(provider="meta", message=message)


def test_a_message_without_a_time_is_placed_by_the_fold_of_its_own_part() -> None:
    """Outside the law: an untimed message takes the latest time its part has seen.

    The merge is commutative, the fold of an untimed message is not: the merge equals
    folding the parts in one order and not in the other.
    """
    first, second = [_received("in1", 60), _received("in2", None)], [_received("in3", 600)]
    empty = Conversation.empty(BUSINESS, CUSTOMER)
    merged = empty.fold(first).merge(empty.fold(second))
    assert merged == empty.fold(second).merge(empty.fold(first))
    assert conversation_view(merged) == conversation_view(empty.fold(first + second))
    assert conversation_view(merged) != conversation_view(empty.fold(second + first))
    assert dict(merged.unread)["in2"] == moment(60)  # where its own part placed it


def test_a_status_stamped_more_than_the_skew_before_its_message_may_count_only_when_merged() -> (
    None
):
    """Outside the law: the fold forgets a status that old once a newer send arrives.

    The status of ``o2`` is stamped six minutes before ``o2``. Folded first, it waits;
    ``o1``, sent later than six minutes after it, makes the fold forget it. The part
    that holds only the status still has it when merged.
    """
    late = int((STATUS_SKEW + timedelta(minutes=1)).total_seconds())
    status = MessageStatus(
        provider="meta",
        message_id="o2",
        status=DeliveryStatus.READ,
        business=BUSINESS,
        customer=CUSTOMER,
        occurred_at=moment(0),
    )
    first, second = [status], [_sent("o1", late), _sent("o2", late + 60)]
    empty = Conversation.empty(BUSINESS, CUSTOMER)
    assert empty.fold(first + second).ticks is Ticks.IN_PREPARATION
    assert empty.fold(first).merge(empty.fold(second)).ticks is Ticks.TWO_BLUE


def test_a_send_s_reports_wait_while_a_newer_send_is_last_and_its_echo_comes_later() -> None:
    """Merged as folded: the replaced last send's reports are parked, not dropped.

    ``o1`` is read; ``o2`` (same second, greater id) replaces it as the last send; the
    provider's echo of ``o1`` three seconds later makes ``o1`` the last send again,
    with the reports it had.
    """
    read = MessageStatus(
        provider="meta",
        message_id="o1",
        status=DeliveryStatus.READ,
        business=BUSINESS,
        customer=CUSTOMER,
        occurred_at=moment(30),
    )
    parts = [[_sent("o1", 0), read], [_sent("o2", 0)], [_sent("o1", 3)]]
    empty = Conversation.empty(BUSINESS, CUSTOMER)
    whole = empty.fold([event for part in parts for event in part])
    assert (whole.last_outbound_id, whole.ticks) == ("o1", Ticks.TWO_BLUE)
    for first, second, third in ((0, 1, 2), (2, 0, 1), (1, 2, 0)):
        folded = [empty.fold(parts[i]) for i in (first, second, third)]
        merged = folded[0].merge(folded[1]).merge(folded[2])
        assert conversation_view(merged) == conversation_view(whole)


def test_a_month_ledger_merged_with_itself_counts_every_charge_twice() -> None:
    """Not idempotent: the ledger counts; merge the ledgers of disjoint parts only."""
    charges = _charges([(60, None, True, False, "+15550783881", LEDGER_PHONES[0])])
    ledger = MonthLedger.empty("2026-11", SMALL_TIER).fold(charges)
    assert ledger.merge(ledger).messages == 2 * ledger.messages == 2


def test_ledgers_counting_conversations_refuse_a_user_held_in_both_at_other_moments() -> None:
    """Two latest moments cannot tell whether the later one opened a new conversation."""
    first = fed([("u0", LEDGER_T0)], conversations=True)
    second = fed([("u0", LEDGER_T0 + timedelta(hours=10))], conversations=True)
    with pytest.raises(ValidationError) as raised:
        first.merge(second)
    assert raised.value.field == "other"
    assert first.merge(fed([("u0", LEDGER_T0)], conversations=True)).used(LEDGER_T0) == 1


def test_a_merged_limit_ledger_keeps_the_later_expiry() -> None:
    """Time only moves forward: a ledger asked about a later moment has expired to it."""
    asked = fed([("u0", LEDGER_T0)])
    assert asked.used(LEDGER_T0 + timedelta(days=2)) == 0  # expired to day 1
    old = fed([("u1", LEDGER_T0 + timedelta(hours=12))])
    merged = asked.merge(old)
    assert merged.used(LEDGER_T0 + timedelta(hours=13)) == 0  # answered as of day 1
    assert len(merged) == 0  # u1's moment is before the expiry
    assert len(old) == 1  # neither ledger changes


def test_merging_does_not_change_either_state() -> None:
    """A merge builds a new state; both sides stay as they were."""
    first, second = [_received("in1", 60)], [_sent("o1", 120)]
    inbox, other = Inbox().fold(first), Inbox().fold(second)
    before = (inbox_view(inbox), inbox_view(other))
    inbox.merge(other)
    assert (inbox_view(inbox), inbox_view(other)) == before


def test_the_examples_of_the_merging_page_run() -> None:
    """``docs/merging.md``'s worked examples run as doctests."""
    result = doctest.testfile(
        str(DOCS / "merging.md"), module_relative=False, optionflags=doctest.ELLIPSIS
    )
    assert result.failed == 0
    assert result.attempted > 0
