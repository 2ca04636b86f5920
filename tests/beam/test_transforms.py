"""Each transform of :mod:`wamsg.beam` gives what the single-process fold gives.

The pipelines run on Beam's local runner with two worker processes, on a generated month
(``wamsg.testing.month``); ``assert_that`` checks the output inside the pipeline, so a
wrong answer fails the run.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

pytest.importorskip("apache_beam")

import apache_beam as beam
from apache_beam.options.pipeline_options import PipelineOptions
from apache_beam.testing.util import assert_that

from tests.beam.helpers import IN_PROCESS, TWO_WORKERS, events_of
from wamsg import Event, MessageSent, MessageStatus
from wamsg.beam import (
    BillMonth,
    CountLimits,
    FoldInbox,
    FoldWindows,
    ParseEvents,
    ReconcilePricing,
    SummarizeInbox,
)
from wamsg.billing import BillingAccount, bill_events, reconcile
from wamsg.inbox import Inbox
from wamsg.limits import LimitBook
from wamsg.testing.month import MONTH_BUSINESSES, generated_month
from wamsg.window import WindowBook

RECORDS = generated_month("2026-11", customers=400, seed=5)
EVENTS = events_of(RECORDS)
UTC = timezone.utc


def run_on(
    events: Sequence[Any],
    transform: Callable[[Any], Any],
    check: Callable[[list[Any]], None],
    options: Sequence[str] = TWO_WORKERS,
) -> None:
    """Run ``transform`` over ``events`` and ``check`` its whole output."""
    with beam.Pipeline(options=PipelineOptions(list(options))) as pipeline:
        output = transform(pipeline | beam.Create(list(events)))
        assert_that(output, check)


def test_fold_windows_gives_each_pair_the_state_of_the_book() -> None:
    book = WindowBook().fold(EVENTS)
    expected = {state.key: (state, state.customer.to_dict()) for state in book}

    def check(pairs: list[Any]) -> None:
        assert {key: (state, state.customer.to_dict()) for key, state in pairs} == expected

    run_on(EVENTS, lambda events: events | FoldWindows(), check)


def test_fold_inbox_and_its_summary_are_the_inbox_of_one_fold() -> None:
    inbox = Inbox().fold(EVENTS)
    at = datetime(2026, 11, 20, 15, tzinfo=UTC)
    expected = inbox.summary(at=at, timezone="Europe/Helsinki")

    def transform(events: Any) -> Any:
        conversations = events | FoldInbox()
        summary = conversations | SummarizeInbox(at=at, timezone="Europe/Helsinki")
        return (conversations, summary) | beam.Flatten()

    def check(output: list[Any]) -> None:
        summaries = [item for item in output if not isinstance(item, tuple)]
        pairs: dict[Any, Any] = dict(item for item in output if isinstance(item, tuple))
        assert summaries == [expected]
        assert pairs == dict(inbox.conversations)
        assert [c.customer.to_dict() for c in Inbox(conversations=pairs).rows()] == [
            c.customer.to_dict() for c in inbox.rows()
        ]

    run_on(EVENTS, transform, check)


def test_count_limits_answers_as_the_book_of_every_event_does() -> None:
    portfolios = {"north": MONTH_BUSINESSES[:2], "south": MONTH_BUSINESSES[2:]}
    moments = [
        datetime(2026, 11, day, hour, tzinfo=UTC) for day in (2, 15, 30) for hour in (0, 13)
    ]
    expected = {}
    for name, numbers in portfolios.items():
        book = LimitBook.empty(numbers=numbers).fold(EVENTS)
        expected[name] = [(book.used(at), book.next_slot_at(at, 250)) for at in moments]
    assert any(used for answers in expected.values() for used, _ in answers)

    def check(books: list[Any]) -> None:
        answers = {
            name: [(book.used(at), book.next_slot_at(at, 250)) for at in moments]
            for name, book in books
        }
        assert answers == expected

    run_on(EVENTS, lambda events: events | CountLimits(portfolios), check)


def test_count_limits_gives_a_portfolio_without_events_its_empty_book() -> None:
    portfolios = {"all": MONTH_BUSINESSES, "idle": ["+15550000001"]}

    whole = LimitBook.empty(numbers=MONTH_BUSINESSES).fold(EVENTS[:300])

    def check(books: list[Any]) -> None:
        by_name = dict(books)
        assert by_name["idle"] == LimitBook.empty(numbers=["+15550000001"])
        book = by_name["all"]
        # what the answers read is the whole book's: its sends, their outcomes, the windows
        assert (book.sends, book.windows) == (whole.sends, whole.windows)
        assert book.outcomes == {i: o for i, o in whole.outcomes.items() if i in whole.sends}

    run_on(EVENTS[:300], lambda events: events | CountLimits(portfolios), check, IN_PROCESS)


def test_reconcile_pricing_finds_the_disagreements_reconcile_finds() -> None:
    bill = bill_events(EVENTS, month="2026-11")
    statuses = [event for event in EVENTS if isinstance(event, MessageStatus)]
    expected = reconcile(bill, statuses)
    assert expected  # the generated month reports some wrong categories

    def transform(events: Any) -> Any:
        bills = events | "Bill" >> BillMonth("2026-11")
        return (bills, events) | ReconcilePricing()

    def check(found: list[Any]) -> None:
        assert tuple(sorted(found, key=lambda d: (d.message_id, d.field, d.reported))) == expected

    run_on(EVENTS, transform, check)


def _of_numbers(events: Sequence[Event], numbers: Sequence[str]) -> list[Event]:
    """The events of an account's numbers: their messages and their sends' statuses."""
    ids = {
        e.message.id
        for e in events
        if isinstance(e, MessageSent)
        and e.message.business is not None
        and e.message.business.e164 in numbers
    }
    kept: list[Event] = []
    for event in events:
        if isinstance(event, MessageStatus):
            if event.message_id in ids:
                kept.append(event)
        elif getattr(event, "business", None) is not None and event.business.e164 in numbers:  # type: ignore[union-attr]
            kept.append(event)
    return kept


def test_bill_month_bills_each_account_as_bill_events_bills_its_numbers() -> None:
    helsinki = BillingAccount(time_zone="Europe/Helsinki", currency="EUR")
    accounts = {
        "us": (BillingAccount(), MONTH_BUSINESSES[:2]),
        "fi": (helsinki, MONTH_BUSINESSES[2:]),
        "none": (BillingAccount(), ["+15550000001"]),
    }
    expected = {
        name: bill_events(_of_numbers(EVENTS, numbers), account=account, month="2026-11")
        for name, (account, numbers) in accounts.items()
        if name != "none"
    }
    expected["none"] = bill_events([], account=BillingAccount(), month="2026-11")

    def check(bills: list[Any]) -> None:
        assert {name: bill.to_dict() for name, bill in bills} == {
            name: bill.to_dict() for name, bill in expected.items()
        }

    run_on(EVENTS, lambda events: events | BillMonth("2026-11", accounts=accounts), check)


def test_bill_month_of_no_event_is_the_empty_bill() -> None:
    expected = bill_events([], month="2026-11").to_dict()

    def check(bills: list[Any]) -> None:
        assert [bill.to_dict() for bill in bills] == [expected]

    run_on([], lambda events: events | BillMonth("2026-11"), check, IN_PROCESS)


def test_bill_month_without_a_month_and_without_times_fails_as_latest_month_does() -> None:
    with pytest.raises(Exception, match="no event has a time"):
        run_on([], lambda events: events | BillMonth(), lambda _: None, IN_PROCESS)


def test_parse_events_reads_lines_dicts_and_numbered_lines_alike() -> None:
    import json

    line = json.dumps(RECORDS[0])
    inputs = [line, line.encode(), RECORDS[0], ("events.jsonl line 1", line), "  ", ""]

    def check(events: list[Any]) -> None:
        assert events == [EVENTS[0]] * 4

    run_on(inputs, lambda lines: lines | ParseEvents(), check, IN_PROCESS)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (("events.jsonl line 7", "{not json"), "events.jsonl line 7: json: "),
        (("line 3", '{"type": 3}'), "line 3: type: must name the event type"),
        ('["a list"]', "line: event: must be a JSON object"),
    ],
)
def test_parse_events_fails_the_pipeline_naming_the_bad_line(line: Any, message: str) -> None:
    with pytest.raises(Exception, match=message.replace("[", r"\[")):
        run_on([line], lambda lines: lines | ParseEvents(), lambda _: None, IN_PROCESS)


def test_the_moments_of_the_generated_month_span_its_edges() -> None:
    times = sorted(e.occurred_at for e in EVENTS if e.occurred_at is not None)
    assert (
        times[0]
        < datetime(2026, 11, 1, tzinfo=UTC)
        <= datetime(2026, 12, 1, tzinfo=UTC)
        < (times[-1] + timedelta(seconds=1))
    )
