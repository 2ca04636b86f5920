"""The fold shape: one surface and one mechanism for every state folded from a stream.

Every state of wamsg that is folded from inputs — :class:`~wamsg.window.WindowState`,
:class:`~wamsg.window.WindowBook`, :class:`~wamsg.inbox.Conversation` and
:class:`~wamsg.inbox.Inbox` from events, :class:`~wamsg.billing.MonthLedger` from
charges — has the same surface (:class:`Folded`): an empty constructor of its own
(``WindowState.empty(business, customer)``, ``WindowBook()``,
``Conversation.empty(business, customer)``, ``Inbox()``,
``MonthLedger.empty(month, account)``), :meth:`~Folded.apply`,
:meth:`~Folded.fold` and :meth:`~Folded.accumulator`.

One mechanism is behind it (:class:`FoldedBase`): ``fold`` starts an
:class:`Accumulator` from the state, feeds it the items through its bulk method
:meth:`~Accumulator.extend` and takes :meth:`~Accumulator.result`; ``apply(x)`` is
``fold((x,))``. A state is immutable; its accumulator is the mutable working copy a
fold runs on (used once, never shared), so a long stream costs one copy of the state,
not one per item.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Generic, Protocol, TypeVar

from typing_extensions import Self

from wamsg._internal import fields as check

__all__ = ["Accumulator", "AccumulatorBase", "Folded", "FoldedBase"]

_ItemT = TypeVar("_ItemT")
_ResultT = TypeVar("_ResultT")
_ItemIn = TypeVar("_ItemIn", contravariant=True)
_ResultOut = TypeVar("_ResultOut", covariant=True)


class Accumulator(Protocol[_ItemIn, _ResultOut]):
    """A folded state while a fold runs: feed it items, then take the result once.

    ``add(x)`` folds one item in; ``extend(items)`` folds many and is the fast path
    (a state's accumulator may route its most frequent item inline there);
    ``add(x)`` and ``extend((x,))`` have the same effect.
    """

    def add(self, item: _ItemIn) -> None:
        """Fold one item in."""

    def extend(self, items: Iterable[_ItemIn]) -> None:
        """Fold every item of ``items`` in, in order (the bulk fast path)."""

    def result(self) -> _ResultOut:
        """The immutable state holding everything folded in so far."""


class Folded(Protocol[_ItemIn]):
    """A state folded from a stream of items (events, or charges for the ledger).

    The laws every folded state keeps (property-tested over every state by
    ``tests/events/test_fold.py``):

    - **split**: ``s.fold(a + b) == s.fold(a).fold(b)`` for any lists ``a``, ``b``:
      a stream may be folded in batches, cut anywhere;
    - **one step**: ``s.apply(x) == s.fold((x,))``, so applying items one by one
      equals folding them at once;
    - **duplicates**: folding an item again changes nothing — except for
      :class:`~wamsg.billing.MonthLedger`, which *counts* charges: remove duplicate
      events before pricing (:func:`~wamsg.billing.bill_events` does, keeping one
      send per message id);
    - **arrival order** does not matter where the domain allows:
      window states and books, and the ledger, for any order; conversations and the
      inbox for any order of timestamped events as long as no status is stamped
      more than :data:`~wamsg.inbox.STATUS_SKEW` (5 minutes) before its own message
      (a status that much older than the last outbound message is taken to report an
      older message and dropped, so under that much clock skew the ticks depend on
      order), and a message without a time
      is placed at the latest time seen so far, which depends on order.

    Each state has an empty constructor of its own; ``fold`` starts from ``self``.
    Each also merges (``merge(other)``, ``docs/merging.md``): parts of a stream folded
    apart and merged equal the whole folded at once, under the same conditions as
    arrival order (for conversations and the inbox: timestamped events within
    ``STATUS_SKEW``); merge is associative, commutative, idempotent (not for the
    ledger, which counts) and has the empty state as identity.
    """

    def apply(self, item: _ItemIn) -> Self:
        """The state after ``item``: exactly ``fold((item,))``."""

    def fold(self, items: Iterable[_ItemIn]) -> Self:
        """The state after every item of ``items``, starting from this state."""

    def accumulator(self) -> Accumulator[_ItemIn, Self]:
        """A fresh accumulator holding this state (for streaming folds)."""


class FoldedBase(Generic[_ItemT]):
    """The one implementation of :class:`Folded`: a state names its accumulator only.

    A subclass implements :meth:`accumulator`; ``fold`` and ``apply`` are written
    here once, so for every state ``apply(x)`` is ``fold((x,))`` and ``fold`` is
    "start an accumulator from this state, feed the items, take the result".
    """

    __slots__ = ()

    def accumulator(self) -> Accumulator[_ItemT, Self]:
        """A fresh accumulator holding this state."""
        raise NotImplementedError  # pragma: no cover - every state implements it

    def apply(self, item: _ItemT) -> Self:
        """The state after ``item``: exactly ``fold((item,))``."""
        return self.fold((item,))

    def fold(self, items: Iterable[_ItemT]) -> Self:
        """The state after every item of ``items`` (see the laws of :class:`Folded`)."""
        check.iterable(items, "items")
        accumulator = self.accumulator()
        accumulator.extend(items)
        return accumulator.result()


class AccumulatorBase(Generic[_ItemT, _ResultT]):
    """A base for accumulators: ``extend`` is ``add`` for each item unless overridden.

    An accumulator whose bulk loop is its fast path overrides :meth:`extend` and
    defines :meth:`add` as ``self.extend((item,))``, so one body holds the rules.
    """

    __slots__ = ()

    def add(self, item: _ItemT) -> None:
        """Fold one item in."""
        raise NotImplementedError  # pragma: no cover - every accumulator implements it

    def extend(self, items: Iterable[_ItemT]) -> None:
        """Fold every item of ``items`` in, in order."""
        check.iterable(items, "items")
        add = self.add
        for item in items:
            add(item)

    def result(self) -> _ResultT:
        """The immutable state holding everything folded in so far."""
        raise NotImplementedError  # pragma: no cover - every accumulator implements it
