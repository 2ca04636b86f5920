"""Conversations and the inbox's summary panel, in a Beam pipeline.

:class:`FoldInbox` gives every (business, customer) conversation of the events as
``Inbox().fold(events)`` holds it. Messages and reads are keyed by their pair
(:func:`~wamsg.beam.keys.inbox_pair`); a status names only a message id for some
providers, so statuses are first grouped by message id with the pairs of that
message's send records and go to those pairs (:func:`~wamsg.beam.keys.route_statuses`),
which is where a single-process fold joins them. Each pair is then combined with a
:class:`~wamsg.beam.combine.FoldFn` over :class:`~wamsg.inbox.Inbox`, whose merge is
exact under the conditions of ``docs/merging.md`` (timestamped events, statuses no more
than :data:`~wamsg.inbox.STATUS_SKEW` before their message).

:class:`SummarizeInbox` combines conversations into the summary panel
(:meth:`Inbox.summary <wamsg.inbox.Inbox.summary>`): each bundle's conversations are
summarised by the inbox itself and the counts added, so no worker holds every
conversation.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime
from types import MappingProxyType
from typing import Any

from wamsg._internal.json import require_aware
from wamsg.beam._beam import beam
from wamsg.beam.combine import FoldFn
from wamsg.beam.keys import inbox_pair, route_statuses, status_pair
from wamsg.events import Event, MessageSent, MessageStatus
from wamsg.identity import PairKey
from wamsg.inbox import Conversation, Inbox, InboxSummary

__all__ = ["FoldInbox", "SummarizeInbox"]


def _messages(event: Event) -> Iterator[tuple[PairKey, Event]]:
    key = inbox_pair(event)
    if key is not None:
        yield key, event


def _by_message(event: Event) -> Iterator[tuple[str, tuple[str, Any]]]:
    if type(event) is MessageSent:
        yield event.message.id, ("pair", inbox_pair(event))
    elif type(event) is MessageStatus:
        yield event.message_id, ("status", event)


def _routed(item: tuple[str, Iterable[tuple[str, Any]]]) -> Iterator[tuple[Any, MessageStatus]]:
    pairs: list[PairKey] = []
    statuses: list[MessageStatus] = []
    for tag, value in item[1]:
        (pairs if tag == "pair" else statuses).append(value)
    return route_statuses(pairs, statuses, status_pair)


def _only_conversation(inbox: Inbox) -> Conversation | None:
    """The one conversation of a pair's inbox (None: only statuses waiting for a message).

    An inbox holds its conversations in a read-only mapping, which Beam's default coder
    (pickle) refuses; the conversation itself pickles, so it is what leaves the combine.
    """
    return next(iter(inbox.conversations.values()), None)


def _conversation(
    item: tuple[PairKey, Conversation | None],
) -> Iterator[tuple[PairKey, Conversation]]:
    if item[1] is not None:
        yield item[0], item[1]


class FoldInbox(beam.PTransform):  # type: ignore[misc]
    """Events → ``(pair key, Conversation)``, one per conversation, as ``Inbox().fold``'s.

    List them as an inbox does with ``Inbox(conversations=dict(pairs)).rows()``, or
    summarise them with :class:`SummarizeInbox`.
    """

    def expand(self, events: Any) -> Any:
        """Route statuses to their message's pair, then fold and merge per pair."""
        messages = events | "KeyMessagesByPair" >> beam.FlatMap(_messages)
        statuses = (
            events
            | "KeyByMessageId" >> beam.FlatMap(_by_message)
            | "GroupByMessageId" >> beam.GroupByKey()
            | "RouteStatuses" >> beam.FlatMap(_routed)
        )
        return (
            (messages, statuses)
            | "Join" >> beam.Flatten()
            | "FoldPerPair" >> beam.CombinePerKey(FoldFn(Inbox, extract=_only_conversation))
            | "ConversationOfPair" >> beam.FlatMap(_conversation)
        )


class _Summary(beam.CombineFn):  # type: ignore[misc]
    """The summary panel's counts, added over summaries of batches of conversations."""

    def __init__(self, at: datetime, timezone: str) -> None:
        super().__init__()
        self._at, self._timezone = at, timezone

    def create_accumulator(self) -> list[Any]:
        return [0, 0, {}, []]

    def add_input(self, mutable_accumulator: list[Any], element: Any) -> list[Any]:
        mutable_accumulator[3].append(element)
        if len(mutable_accumulator[3]) >= 1024:
            self.compact(mutable_accumulator)
        return mutable_accumulator

    def compact(self, accumulator: list[Any]) -> list[Any]:
        pending = accumulator[3]
        if pending:
            inbox = Inbox(conversations=MappingProxyType(dict(pending)))
            summary = inbox.summary(at=self._at, timezone=self._timezone)
            accumulator[0] += summary.waiting
            accumulator[1] += summary.handled_today
            for name, count in summary.per_operator:
                accumulator[2][name] = accumulator[2].get(name, 0) + count
            accumulator[3] = []
        return accumulator

    def merge_accumulators(self, accumulators: Iterable[list[Any]]) -> list[Any]:
        merged = self.create_accumulator()
        for accumulator in accumulators:
            self.compact(accumulator)
            merged[0] += accumulator[0]
            merged[1] += accumulator[1]
            for name, count in accumulator[2].items():
                merged[2][name] = merged[2].get(name, 0) + count
        return merged

    def extract_output(self, accumulator: list[Any]) -> InboxSummary:
        self.compact(accumulator)
        per_operator = sorted(accumulator[2].items(), key=_operator_order)
        return InboxSummary(
            at=self._at,
            timezone=self._timezone,
            waiting=accumulator[0],
            handled_today=accumulator[1],
            per_operator=tuple(per_operator),
        )


def _operator_order(item: tuple[str | None, int]) -> tuple[int, str]:
    """The inbox's order of operators: by name, replies without an operator last."""
    return (0, item[0]) if item[0] is not None else (1, "")


class SummarizeInbox(beam.PTransform):  # type: ignore[misc]
    """``(pair key, Conversation)`` → one :class:`~wamsg.inbox.InboxSummary` at ``at``.

    Equal to ``Inbox(conversations=…).summary(at=at, timezone=timezone)`` over all the
    conversations: waiting, handled today (local day in ``timezone``) and per operator.
    """

    def __init__(self, *, at: datetime, timezone: str) -> None:
        super().__init__()
        self._at = require_aware(at, "at")
        Inbox().summary(at=self._at, timezone=timezone)  # refuses an unknown zone now
        self._timezone = timezone

    def expand(self, conversations: Any) -> Any:
        """Summarise batches of conversations and add their counts."""
        return conversations | "Summarize" >> beam.CombineGlobally(
            _Summary(self._at, self._timezone)
        )
