"""Messaging-limit usage per portfolio, in a Beam pipeline: :class:`CountLimits`.

A :class:`~wamsg.limits.LimitBook` counts, for one portfolio, the templates its numbers
sent outside a customer service window, from their delivery (or send) on. The pipeline
keys each event by the portfolio it concerns: a send or a customer's message by the
business number's portfolio, a status by the portfolio of its message's send records
(statuses name only a message id for some providers, so they are grouped by message id
with the sends first). Each portfolio's events are combined with a
:class:`~wamsg.beam.combine.FoldFn` over the book, whose merge keeps per message id the
send and outcome a fold keeps: a portfolio is a hot key, and combiner lifting makes each
worker fold its part into a book before the shuffle.

Each portfolio's book answers as the single-process book folded from all the events
does (``used``, ``remaining``, ``next_slot_at``, ``decide`` …, at any moment): it holds
only what those answers read (its numbers' sends, their statuses, their customers'
windows).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime
from typing import Any

from wamsg._internal import fields as check
from wamsg.beam._beam import beam
from wamsg.beam.combine import FoldFn
from wamsg.beam.keys import route_statuses, window_pair
from wamsg.errors import ValidationError
from wamsg.events import Event, MessageSent, MessageStatus
from wamsg.identity import PhoneNumber
from wamsg.limits import DEFAULT_POLICY, LimitBook, LimitsPolicy

__all__ = ["CountLimits"]


class _Portfolios:
    """Which portfolio each business number belongs to, and each portfolio's empty book."""

    __slots__ = ("account_model_from", "numbers", "owner", "policy")

    def __init__(
        self,
        numbers: dict[str, frozenset[str]],
        policy: LimitsPolicy,
        account_model_from: datetime | None,
    ) -> None:
        self.numbers = numbers
        self.owner = {number: name for name, held in numbers.items() for number in held}
        self.policy = policy
        self.account_model_from = account_model_from

    def empty(self, name: str) -> LimitBook:
        """The empty book of a portfolio."""
        return LimitBook.empty(
            numbers=self.numbers[name],
            policy=self.policy,
            account_model_from=self.account_model_from,
        )

    def of(self, business: PhoneNumber | None) -> str | None:
        """The portfolio of a business number (None: of none of them)."""
        return None if business is None else self.owner.get(business.e164)


def _keyed(event: Event, portfolios: _Portfolios) -> Iterator[tuple[str, Any]]:
    """A send or a window-changing event under its number's portfolio; statuses by id."""
    if type(event) is MessageStatus:
        yield event.message_id, ("status", event)
        return
    if type(event) is MessageSent:
        name = portfolios.of(event.message.business)
        if name is not None:
            yield event.message.id, ("portfolio", name)
            yield name, ("event", event)
        return
    if window_pair(event) is not None:
        name = portfolios.of(event.business)  # type: ignore[union-attr]
        if name is not None:
            yield name, ("event", event)


def _is_by_message(item: tuple[str, tuple[str, Any]]) -> bool:
    return item[1][0] != "event"


def _event_of_portfolio(item: tuple[str, tuple[str, Any]]) -> tuple[str, tuple[str, Any]]:
    name, (_, event) = item
    return name, (name, event)


def _routed(item: tuple[str, Iterable[tuple[str, Any]]]) -> Iterator[tuple[str, Any]]:
    names: list[str] = []
    statuses: list[MessageStatus] = []
    for tag, value in item[1]:
        (names if tag == "portfolio" else statuses).append(value)
    for name, status in route_statuses(names, statuses):
        yield name, (name, status)


class CountLimits(beam.PTransform):  # type: ignore[misc]
    """Events → ``(portfolio id, LimitBook)`` for every portfolio of ``portfolios``.

    ``portfolios`` maps a portfolio id to its business numbers (a number in two is a
    ValidationError); ``policy`` and ``account_model_from`` are those of
    :meth:`LimitBook.empty <wamsg.limits.LimitBook.empty>`. A portfolio without events
    gets its empty book.
    """

    def __init__(
        self,
        portfolios: Mapping[str, Iterable[PhoneNumber | str]],
        *,
        policy: LimitsPolicy = DEFAULT_POLICY,
        account_model_from: datetime | None = None,
    ) -> None:
        super().__init__()
        if not isinstance(portfolios, Mapping) or not portfolios:
            raise ValidationError("must map portfolio ids to numbers", field="portfolios")
        numbers: dict[str, frozenset[str]] = {}
        seen: set[str] = set()
        for name, held in portfolios.items():
            where = f"portfolios[{name!r}]"
            if type(name) is not str:
                raise ValidationError("must be a string id", field=where)
            check.iterable(held, where)
            e164 = {(n if isinstance(n, PhoneNumber) else PhoneNumber.parse(n)).e164 for n in held}
            if e164 & seen:
                raise ValidationError("a number is in two portfolios", field=where)
            seen |= e164
            numbers[name] = frozenset(e164)
        self._portfolios = _Portfolios(numbers, policy, account_model_from)
        self._portfolios.empty(next(iter(numbers)))  # refuses a bad policy or date now

    def expand(self, events: Any) -> Any:
        """Key by portfolio (statuses through their message), fold and merge per portfolio."""
        portfolios = self._portfolios
        keyed = events | "KeyByPortfolio" >> beam.FlatMap(_keyed, portfolios)
        parts = keyed | "ByKind" >> beam.Partition(
            lambda item, _count: int(_is_by_message(item)), 2
        )
        direct = parts[0] | "OfPortfolio" >> beam.Map(_event_of_portfolio)
        statuses = (
            parts[1]
            | "GroupByMessageId" >> beam.GroupByKey()
            | "RouteStatuses" >> beam.FlatMap(_routed)
        )
        seeds = events.pipeline | "Portfolios" >> beam.Create(
            [(name, (name, None)) for name in portfolios.numbers]
        )
        return (
            (seeds, direct, statuses)
            | "Join" >> beam.Flatten()
            | "FoldPerPortfolio" >> beam.CombinePerKey(FoldFn(empty_of=portfolios.empty))
        )
