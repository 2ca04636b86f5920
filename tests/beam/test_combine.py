"""The CombineFn and the coder, driven as a runner drives them, without a pipeline."""

from __future__ import annotations

import codecs
from functools import reduce
from typing import Any

import pytest

pytest.importorskip("apache_beam")

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.beam.helpers import events_of
from tests.order_streams import inbox_view, streams
from wamsg import MessageStatus
from wamsg.beam import FoldFn, StateCoder, numbered_lines, route_statuses
from wamsg.billing import BillingAccount, MonthLedger
from wamsg.errors import ValidationError
from wamsg.inbox import Inbox
from wamsg.testing.month import generated_month
from wamsg.window import WindowBook

EVENTS = events_of(generated_month("2026-11", customers=40, seed=3))


def combine(fn: FoldFn, bundles: list[list[Any]], coder: Any = None) -> Any:
    """As a runner does: one accumulator per bundle, compacted, encoded, merged, extracted."""
    accumulators = []
    for bundle in bundles:
        accumulator = fn.add_inputs(fn.create_accumulator(), bundle)
        accumulator = fn.compact(accumulator)
        if coder is not None:
            accumulator = coder.decode(coder.encode(accumulator))
        accumulators.append(accumulator)
    return fn.extract_output(fn.merge_accumulators(accumulators))


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_any_bundles_of_an_inbox_stream_combine_into_the_inbox_of_one_fold(
    data: st.DataObject,
) -> None:
    events = data.draw(streams())
    cuts = sorted(data.draw(st.lists(st.integers(0, len(events)), max_size=4)))
    bundles = [events[i:j] for i, j in zip([0, *cuts], [*cuts, len(events)], strict=True)]
    batch = data.draw(st.integers(1, 4))
    merged = combine(FoldFn(Inbox, batch=batch), bundles, StateCoder())
    assert inbox_view(merged) == inbox_view(Inbox().fold(events))


def test_a_window_book_combined_from_bundles_is_the_book_of_one_fold() -> None:
    bundles = [EVENTS[i::3] for i in range(3)]
    assert combine(FoldFn(WindowBook, batch=7), bundles) == WindowBook().fold(EVENTS)


def test_a_keyed_fold_learns_its_empty_state_from_the_first_input_s_key() -> None:
    account = BillingAccount()
    fn = FoldFn(empty_of=lambda key: MonthLedger.empty(key, account), batch=2)
    assert fn.extract_output(fn.create_accumulator()) is None
    named = fn.add_input(fn.create_accumulator(), ("2026-11", None))
    assert fn.extract_output(named) == MonthLedger.empty("2026-11", account)
    assert fn.extract_output(fn.merge_accumulators([fn.create_accumulator()])) is None


def test_extract_makes_the_output_of_the_final_state() -> None:
    fn = FoldFn(WindowBook, extract=len)
    assert combine(fn, [EVENTS[:50], EVENTS[50:]]) == len(WindowBook().fold(EVENTS))


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({}, "empty"),
        ({"empty": Inbox, "empty_of": lambda key: Inbox()}, "empty"),
        ({"empty": Inbox, "batch": 0}, "batch"),
    ],
)
def test_a_fold_fn_needs_one_empty_state_and_a_positive_batch(
    kwargs: dict[str, Any], field: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        FoldFn(**kwargs)
    assert caught.value.field == field


def test_the_state_coder_writes_an_inbox_that_plain_pickle_refuses() -> None:
    import pickle

    inbox = Inbox().fold(EVENTS)
    with pytest.raises(TypeError):
        pickle.dumps(inbox)
    coder = StateCoder()
    back = coder.decode(coder.encode(inbox))
    assert inbox_view(back) == inbox_view(inbox)
    assert type(back.conversations) is type(inbox.conversations)
    assert not coder.is_deterministic()
    assert coder == StateCoder()
    assert hash(coder) == hash(StateCoder())


def test_numbered_lines_read_as_the_cli_reads_standard_input() -> None:
    raw = [codecs.BOM_UTF8 + b'{"a": 1}\n', b"  \n", b"\xc3\xa4\n", b"last"]
    assert list(numbered_lines(raw, "f.jsonl")) == [
        ("f.jsonl line 1", '{"a": 1}\n'),
        ("f.jsonl line 3", "ä\n"),
        ("f.jsonl line 4", "last"),
    ]
    with pytest.raises(ValidationError) as caught:
        list(numbered_lines([b"ok\n", b"\xff\n"]))
    assert str(caught.value) == "line 2: not UTF-8 (byte 1 of the line)"


def test_a_status_goes_to_its_message_s_pairs_or_to_the_pair_it_names() -> None:
    statuses = [e for e in EVENTS if isinstance(e, MessageStatus)]
    named = next(s for s in statuses if s.customer is not None)
    assert named.customer is not None
    bare = next(s for s in statuses if s.customer is None)
    assert list(route_statuses([("b", "c"), ("a", "c"), ("b", "c")], [bare])) == [
        (("a", "c"), bare),
        (("b", "c"), bare),
    ]

    def pair(status: Any) -> Any:
        return None if status.customer is None else ("p", status.customer.key)

    assert list(route_statuses([], [named, bare], pair)) == [(("p", named.customer.key), named)]
    assert list(route_statuses([], [named])) == []
    assert reduce(lambda n, _: n + 1, route_statuses([], [bare], pair), 0) == 0
