"""The window state of every (business, customer) pair, in a Beam pipeline: :class:`FoldWindows`.

The pipeline keys each event by the pair whose windows it may change
(:func:`~wamsg.beam.keys.window_pair`), and combines each pair's events with a
:class:`~wamsg.beam.combine.FoldFn` over :class:`~wamsg.window.WindowBook`: a book folds
the pair's times and chooses its customer record by the book's own order, and books merge
pair by pair, so each pair's state is the one ``WindowBook().fold(events)`` holds, customer
record included, whatever the cut. Statuses are not shipped: they never change a window.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from wamsg.beam._beam import beam
from wamsg.beam.combine import FoldFn
from wamsg.beam.keys import window_pair
from wamsg.events import Event
from wamsg.identity import PairKey
from wamsg.window import WindowBook, WindowState

__all__ = ["FoldWindows"]


def _keyed(event: Event) -> Iterator[tuple[PairKey, Event]]:
    key = window_pair(event)
    if key is not None:
        yield key, event


def _state(item: tuple[PairKey, WindowBook]) -> tuple[PairKey, WindowState]:
    key, book = item
    return key, book.states[key]


class FoldWindows(beam.PTransform):  # type: ignore[misc]
    """Events → ``(pair key, WindowState)``, one per pair, equal to ``WindowBook().fold``'s.

    Ask each state as of any moment (``state.as_of(at)``) downstream; the pairs come in
    no order (sort by :func:`~wamsg.beam.keys.pair_order` to list them as the book does).
    """

    def expand(self, events: Any) -> Any:
        """Key by pair, fold and merge per pair, extract each pair's state."""
        return (
            events
            | "KeyByPair" >> beam.FlatMap(_keyed)
            | "FoldPerPair" >> beam.CombinePerKey(FoldFn(WindowBook))
            | "StateOfPair" >> beam.Map(_state)
        )
