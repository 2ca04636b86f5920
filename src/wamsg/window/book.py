"""The window states of every (business, customer) pair: :class:`WindowBook`.

The book folds any event stream into one :class:`~wamsg.window.state.WindowState` per
pair, with the same rules (see :mod:`wamsg.window.state`); each pair's customer record
is chosen by a total order on content, never by arrival.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime

import attrs

from wamsg._internal.reprs import sized
from wamsg.errors import ValidationError
from wamsg.events import Accumulator, AccumulatorBase, Event, FoldedBase
from wamsg.identity import Customer, PairKey, PhoneNumber, pair_key
from wamsg.window._customers import CustomerChoice
from wamsg.window.state import WindowState, _classify, _pair_of

__all__ = ["WindowBook"]


@attrs.frozen
class WindowBook(FoldedBase[Event]):
    """The window states of every (business, customer) pair, folded from any event stream.

    A :class:`~wamsg.events.Folded` state: ``WindowBook()`` is empty; ``apply`` and
    ``fold`` take events in any order, duplicates change nothing; :meth:`merge` joins
    books folded apart.
    """

    states: dict[PairKey, WindowState] = attrs.field(factory=dict, repr=sized)

    def get(self, business: PhoneNumber | None, customer: Customer) -> WindowState:
        """The state of a pair; an empty state when no event concerned it."""
        found = self.states.get(pair_key(business, customer))
        return WindowState.empty(business, customer) if found is None else found

    def merge(self, other: WindowBook) -> WindowBook:
        """Both books' pairs: a pair in both is the merge of its two states.

        ``fold(a).merge(fold(b)) == fold(a + b)`` for any events; associative,
        commutative and idempotent, with ``WindowBook()`` as identity
        (``docs/merging.md``). Each pair keeps the customer record a fold keeps
        (:meth:`WindowState.merge`). It costs a copy of the larger book's index and a
        merge per pair of the smaller one.
        """
        if not isinstance(other, WindowBook):
            raise ValidationError("must be a WindowBook", field="other", value=other)
        if other is self or not other.states:
            return self
        if not self.states:
            return other
        larger, smaller = (self, other) if len(self) >= len(other) else (other, self)
        states = dict(larger.states)
        for key, state in smaller.states.items():
            present = states.get(key)
            states[key] = state if present is None else present.merge(state)
        return WindowBook(states)

    def accumulator(self) -> Accumulator[Event, WindowBook]:
        """A fold from this book (a copy of the book per fold: prefer ``fold`` for many)."""
        return _BookAccumulator(self)

    def __iter__(self) -> Iterator[WindowState]:
        """The states, ordered by business number then customer key."""
        return iter(self.states[k] for k in sorted(self.states, key=_sort_key))

    def __len__(self) -> int:
        return len(self.states)


class _BookAccumulator(AccumulatorBase[Event, WindowBook]):
    """Every touched pair's state and new times, merged into the book once."""

    __slots__ = ("book", "pending")

    def __init__(self, book: WindowBook) -> None:
        self.book = book
        self.pending: dict[PairKey, tuple[WindowState, list[list[datetime]], CustomerChoice]] = {}

    def add(self, item: Event) -> None:
        self.extend((item,))

    def extend(self, items: Iterable[Event]) -> None:
        pending, get = self.pending, self.book.get
        for event in items:
            pair = _pair_of(event)
            if pair is None:
                continue
            business, customer = pair
            key = pair_key(business, customer)
            entry = pending.get(key)
            if entry is None:
                state = get(business, customer)
                choice = CustomerChoice(state.customer, state.customer_key)
                entry = pending[key] = (state, [[], [], []], choice)
            entry[2].offer(event, customer)
            role = _classify(event)
            if role is not None:
                entry[1][role[0]].append(role[1])

    def result(self) -> WindowBook:
        states = dict(self.book.states)
        for key, (state, found, choice) in self.pending.items():
            states[key] = state._with(found[0], found[1], found[2], choice)
        return WindowBook(states)


def _sort_key(key: PairKey) -> tuple[str, str]:
    return (key[0] or "", key[1])
