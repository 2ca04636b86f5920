"""The fold of a :class:`~wamsg.limits.LimitBook`: sends, reports and windows merged once.

Private to :mod:`wamsg.limits`. Each message id keeps one send (of two records of
one id, the earliest, then by value) and one :class:`Outcome` (the earliest delivery
and the earliest failure reported), so the result is the same for any order and any
duplication of the events. :func:`merge_parts` joins two books' parts by the same two
rules, so a book merged from parts is the book of the whole stream.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from wamsg._internal.json import EARLIEST
from wamsg.content import TemplateRef
from wamsg.delivery import DeliveryStatus
from wamsg.events import Event, MessageSent, MessageStatus
from wamsg.limits._slots import Outcome, Send
from wamsg.window import WindowBook

__all__ = ["BookMerger", "merge_parts"]

_PROOF = frozenset(
    {DeliveryStatus.DELIVERED, DeliveryStatus.READ, DeliveryStatus.PLAYED, DeliveryStatus.DELETED}
)


class BookMerger:
    """New sends, reports and window events of a fold, merged into the book's once.

    :class:`~wamsg.limits.LimitBook`'s accumulator is this plus a ``result`` that
    builds the book from :meth:`merged`.
    """

    __slots__ = ("numbers", "old", "outcomes", "sends", "windowed")

    def __init__(
        self,
        numbers: frozenset[str] | None,
        old: tuple[Mapping[str, Send], Mapping[str, Outcome], WindowBook],
    ) -> None:
        self.numbers = numbers
        self.old = old
        self.sends: dict[str, Send] = {}
        self.outcomes: dict[str, Outcome] = {}
        self.windowed: list[Event] = []

    def add(self, item: Event) -> None:
        """Fold one event in."""
        self.extend((item,))

    def extend(self, items: Iterable[Event]) -> None:
        """Fold the events in: sends and reports by message id, the rest for the windows."""
        numbers = self.numbers
        sends, outcomes, windowed = self.sends, self.outcomes, self.windowed
        for event in items:
            if type(event) is MessageSent:
                send = _send(event, numbers)
                if send is not None:
                    _keep(sends, event.message.id, send)
            elif type(event) is MessageStatus:
                outcome = _outcome(event)
                if outcome is not None:
                    _join(outcomes, event.message_id, outcome)
            else:
                windowed.append(event)

    def merged(self) -> tuple[dict[str, Send], dict[str, Outcome], WindowBook] | None:
        """The book's sends, outcomes and windows with this fold's; None if nothing new."""
        if not (self.sends or self.outcomes or self.windowed):
            return None
        old_sends, old_outcomes, windows = self.old
        sends = dict(old_sends)
        for message_id, send in self.sends.items():
            _keep(sends, message_id, send)
        outcomes = dict(old_outcomes)
        for message_id, outcome in self.outcomes.items():
            _join(outcomes, message_id, outcome)
        if self.windowed:
            windows = windows.fold(self.windowed)
        return sends, outcomes, windows


def _send(event: MessageSent, numbers: frozenset[str] | None) -> Send | None:
    message = event.message
    business = message.business
    if message.sent_at is None or business is None:
        return None
    if numbers is not None and business.e164 not in numbers:
        return None
    template = type(message.content) is TemplateRef
    return Send(message.sent_at, business, message.customer, template)


def _outcome(event: MessageStatus) -> Outcome | None:
    at = EARLIEST if event.occurred_at is None else event.occurred_at
    if event.status in _PROOF:
        return Outcome(delivered=at)
    if event.status is DeliveryStatus.FAILED:
        return Outcome(failed=at)
    return None


def _keep(sends: dict[str, Send], message_id: str, send: Send) -> None:
    present = sends.get(message_id)
    if present is None or send.rank() < present.rank():
        sends[message_id] = send


def _join(outcomes: dict[str, Outcome], message_id: str, outcome: Outcome) -> None:
    present = outcomes.get(message_id)
    outcomes[message_id] = outcome if present is None else present.join(outcome)


Parts = tuple[Mapping[str, Send], Mapping[str, Outcome], WindowBook]
"""A book's sends and outcomes by message id, and its window book."""


def merge_parts(
    mine: Parts, theirs: Parts
) -> tuple[dict[str, Send], dict[str, Outcome], WindowBook]:
    """Both books' parts: per message id the send and the outcome a fold keeps."""
    sends, outcomes = dict(mine[0]), dict(mine[1])
    for message_id, send in theirs[0].items():
        _keep(sends, message_id, send)
    for message_id, outcome in theirs[1].items():
        _join(outcomes, message_id, outcome)
    return sends, outcomes, mine[2].merge(theirs[2])
