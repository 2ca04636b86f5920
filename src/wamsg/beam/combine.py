"""CombineFns over wamsg's folded states: create, add, merge and extract are the state's own.

Every folded state of wamsg has an empty state, a fold and a :meth:`merge` that obeys
the split law (``docs/merging.md``): folding the parts of a stream apart and merging the
results gives the state of the whole. :class:`FoldFn` turns that into a Beam
``CombineFn``:

- ``create_accumulator``: the empty state (made lazily from the key when the empty
  state depends on it, such as a month ledger's month and account);
- ``add_input``: the input joins a buffer, folded into the state a batch at a time
  (a fold copies the state once per call, so one fold per batch, not per input);
- ``merge_accumulators``: ``functools.reduce`` of :meth:`merge` over the states;
- ``compact``: the buffer folded in, so what crosses the shuffle is the state, whose size
  depends on what it holds (pairs, message ids, ledger keys), never on how many events;
- ``extract_output``: the state, or what ``extract`` makes of it.

Beam may cut the input into any bundles, merge accumulators in any grouping and order,
and lift the combine before the shuffle (each worker combines its part of a key first):
the law makes every such plan give the single-process result. Accumulators cross the
shuffle with :class:`StateCoder`: pickle, with the read-only mappings of an
:class:`~wamsg.inbox.Inbox` (which plain pickle refuses) written as dicts and read back as
read-only mappings.
"""

from __future__ import annotations

import io
import pickle
from collections.abc import Callable, Hashable, Iterable
from functools import reduce
from types import MappingProxyType
from typing import Any, Generic, TypeVar

from wamsg.beam._beam import beam, coders
from wamsg.errors import ValidationError

__all__ = ["FoldFn", "Folding", "StateCoder"]

_BATCH = 512
"""How many inputs an accumulator buffers before it folds them into its state."""

_S = TypeVar("_S")


class Folding(Generic[_S]):
    """A :class:`FoldFn` accumulator: the state so far and the inputs not yet folded in.

    ``key`` is the key the state is of, learnt from the first keyed input when the empty
    state depends on it (None otherwise, or before any input).
    """

    __slots__ = ("key", "pending", "state")

    def __init__(self, state: _S | None, key: Hashable = None) -> None:
        self.state = state
        self.key = key
        self.pending: list[Any] = []


class FoldFn(beam.CombineFn):  # type: ignore[misc]
    """A Beam ``CombineFn`` built on a folded state's ``fold`` and ``merge`` (module docs).

    Give exactly one of ``empty`` (makes the empty state, such as ``WindowBook`` or
    ``Inbox``) and ``empty_of`` (makes the empty state of a key, such as
    ``lambda key: MonthLedger.empty(key[1], accounts[key[0]])``): with ``empty_of`` every
    input is a ``(key, item)`` pair, so that the accumulator learns its key (a Beam
    ``CombineFn`` is not told the key; an item None only names the key, so that a key
    with no input still gets its empty state). ``extract`` turns the final state into the output
    (default: the state itself; a combine of no input gives the empty state, or None with
    ``empty_of``). ``batch`` is how many inputs are folded in at once.
    """

    def __init__(
        self,
        empty: Callable[[], Any] | None = None,
        *,
        empty_of: Callable[[Any], Any] | None = None,
        extract: Callable[[Any], Any] | None = None,
        batch: int = _BATCH,
    ) -> None:
        super().__init__()
        if (empty is None) == (empty_of is None):
            raise ValidationError("give exactly one of empty and empty_of", field="empty")
        if type(batch) is not int or batch < 1:
            raise ValidationError("must be a positive integer", field="batch", value=batch)
        self._empty = empty
        self._empty_of = empty_of
        self._extract = extract
        self._batch = batch

    def create_accumulator(self) -> Folding[Any]:
        """The empty state (or, with ``empty_of``, none until the first input's key)."""
        return Folding(None if self._empty is None else self._empty())

    def add_input(self, mutable_accumulator: Folding[Any], element: Any) -> Folding[Any]:
        """Buffer one input; fold the buffer in when it is full."""
        folding = mutable_accumulator
        if self._empty_of is not None:
            key, element = element
            if folding.state is None:
                folding.key, folding.state = key, self._empty_of(key)
            if element is None:  # names the key only: its state exists, even empty
                return folding
        folding.pending.append(element)
        if len(folding.pending) >= self._batch:
            self._flush(folding)
        return folding

    def add_inputs(self, mutable_accumulator: Folding[Any], elements: Iterable[Any]) -> Any:
        """Buffer many inputs."""
        for element in elements:
            mutable_accumulator = self.add_input(mutable_accumulator, element)
        return mutable_accumulator

    def merge_accumulators(self, accumulators: Iterable[Folding[Any]]) -> Folding[Any]:
        """One accumulator holding the merge of all their states."""
        states = [self._flush(folding) for folding in accumulators]
        keys = [folding_key for folding_key, state in states if state is not None]
        known = [state for _, state in states if state is not None]
        if not known:
            return self.create_accumulator()
        merged: Folding[Any] = Folding(reduce(_merge, known), keys[0])
        return merged

    def compact(self, accumulator: Folding[Any]) -> Folding[Any]:
        """Fold the buffer in before the accumulator crosses the shuffle."""
        self._flush(accumulator)
        return accumulator

    def extract_output(self, accumulator: Folding[Any]) -> Any:
        """The final state, or what ``extract`` makes of it."""
        _, state = self._flush(accumulator)
        if state is None or self._extract is None:
            return state
        return self._extract(state)

    def get_accumulator_coder(self) -> Any:
        """:class:`StateCoder`: pickle that also writes an inbox's read-only mappings."""
        return StateCoder()

    @staticmethod
    def _flush(folding: Folding[Any]) -> tuple[Hashable, Any]:
        if folding.pending:
            assert folding.state is not None  # an input made it (or it was there)
            folding.state = folding.state.fold(folding.pending)
            folding.pending = []
        return folding.key, folding.state


def _merge(first: Any, second: Any) -> Any:
    return first.merge(second)


def _read_only(items: dict[Any, Any]) -> MappingProxyType[Any, Any]:
    return MappingProxyType(items)


class _StatePickler(pickle.Pickler):
    """A pickler that writes a read-only mapping as the dict it shows."""

    def reducer_override(self, obj: Any) -> Any:
        if type(obj) is MappingProxyType:
            return _read_only, (dict(obj),)
        return NotImplemented


class StateCoder(coders.Coder):  # type: ignore[misc]
    """A Beam coder for wamsg's states: pickle, read-only mappings included.

    Plain pickle (Beam's fallback) refuses :class:`types.MappingProxyType`, which an
    :class:`~wamsg.inbox.Inbox` holds its conversations in; this coder writes such a
    mapping as a dict and reads it back read-only, so any folded state (and a
    :class:`Folding` accumulator) crosses a shuffle whole. Not deterministic: use it
    for values, never for keys (wamsg's keys are tuples of strings).
    """

    def encode(self, value: Any) -> bytes:
        """The pickled value."""
        buffer = io.BytesIO()
        _StatePickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
        return buffer.getvalue()

    def decode(self, encoded: bytes) -> Any:
        """The value back."""
        return pickle.loads(encoded)

    def is_deterministic(self) -> bool:
        """False: pickled bytes may differ for equal values."""
        return False

    def __eq__(self, other: object) -> bool:
        return type(other) is StateCoder

    def __hash__(self) -> int:
        return hash(StateCoder)
