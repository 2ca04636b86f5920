"""A month's bill in a Beam pipeline: :class:`BillMonth`, equal to ``bill_events``'s.

The pipeline distributes each step of :func:`wamsg.billing.bill_events`
(``wamsg.beam._bill_steps`` says which part each step is) and keys each the way the
core groups it:

1. **per message id**: a combine keeps one ``message.sent`` record (the first by
   :func:`~wamsg.events.record_key`: the earliest, then by canonical JSON, whatever the
   arrival order), the earliest time of the records, and whether the message was
   delivered. A duplicate webhook or the provider's echo changes nothing, so no message
   is billed twice; only delivered statuses cross the shuffle, as a flag;
2. **per (business, customer) pair**: the window states (:class:`~wamsg.beam.FoldWindows`),
   joined with the pair's delivered sends, which are priced in time order there;
3. **per account and month**: the month's charges combine into a
   :class:`~wamsg.billing.MonthLedger` (a hot key made cheap by combiner lifting: each
   worker folds its part into a ledger whose size depends on the markets and categories,
   never on the number of messages, and only ledgers cross the shuffle); the charges are
   listed in time order once, for the per-message amounts and the bill's ``charges``.

The output is the :class:`~wamsg.billing.Bill`: ``bill.to_dict()`` is what
``wamsg bill --json`` prints for the same events and options.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from wamsg._internal import fields as check
from wamsg.beam._beam import beam, pvalue
from wamsg.beam._bill_steps import (
    Facts,
    Setup,
    assemble,
    classify,
    facts_add,
    facts_inputs,
    facts_merge,
    price_pair,
)
from wamsg.beam.combine import FoldFn
from wamsg.beam.windows import FoldWindows
from wamsg.billing import BillingAccount, RateCards, packaged_cards, parse_month
from wamsg.errors import ValidationError
from wamsg.events import Event
from wamsg.identity import PhoneNumber

__all__ = ["BillMonth"]


class _MessageFacts(beam.CombineFn):  # type: ignore[misc]
    """Per message id: the send record kept, the earliest send time, delivered or not."""

    def create_accumulator(self) -> Facts:
        return [None, None, False]

    def add_input(self, mutable_accumulator: Facts, element: Any) -> Facts:
        return facts_add(mutable_accumulator, element)

    def merge_accumulators(self, accumulators: Iterable[Facts]) -> Facts:
        return facts_merge(accumulators)

    def extract_output(self, accumulator: Facts) -> Facts:
        return accumulator


class _Latest(beam.CombineFn):  # type: ignore[misc]
    """The latest UTC timestamp of the events that have a time (None: no event has)."""

    def create_accumulator(self) -> float | None:
        return None

    def add_input(self, mutable_accumulator: float | None, element: Event) -> float | None:
        at = element.occurred_at
        if at is None:
            return mutable_accumulator
        stamp = at.timestamp()
        return stamp if mutable_accumulator is None else max(mutable_accumulator, stamp)

    def merge_accumulators(self, accumulators: Iterable[float | None]) -> float | None:
        known = [stamp for stamp in accumulators if stamp is not None]
        return max(known) if known else None

    def extract_output(self, accumulator: float | None) -> float | None:
        return accumulator


def _latest_month(latest: float | None, account: BillingAccount) -> str:
    """The month of the latest event, as :func:`~wamsg.billing.latest_month` chooses it."""
    if latest is None:
        raise ValidationError("no event has a time, so no month can be chosen", field="month")
    return account.month_at(latest)


def _with_key(item: tuple[Any, Any]) -> tuple[Any, tuple[Any, Any]]:
    return item[0], item


def _account_charge(item: tuple[tuple[str, str], Any]) -> tuple[str, Any]:
    return item[0][0], item[1]


def _account_ledger(item: tuple[tuple[str, str], Any]) -> tuple[str, Any]:
    return item[0][0], item[1]


def _bill_only(item: tuple[str, Any]) -> Any:
    return item[1]


class BillMonth(beam.PTransform):  # type: ignore[misc]
    """Events → the month's :class:`~wamsg.billing.Bill`, as ``bill_events`` makes it.

    One account (the default): ``BillMonth(month="2026-11", account=…, cards=…)``
    gives one ``Bill``, equal to ``bill_events(events, account=…, month=…, cards=…)``
    (``month=None``: the month of the latest event, as :func:`~wamsg.billing.latest_month`
    chooses it; no event with a time fails the pipeline with a ValidationError). Many
    accounts: ``BillMonth(month=…, accounts={"acme": (BillingAccount(…), ["+1555…"])})``
    gives ``(account id, Bill)`` for every account, each equal to ``bill_events`` of the
    events of its numbers (sends from other numbers are not billed); ``month`` is then
    required. ``cards`` default to the packaged rate cards.
    """

    def __init__(
        self,
        month: str | None = None,
        *,
        account: BillingAccount | None = None,
        accounts: Mapping[str, tuple[BillingAccount, Iterable[PhoneNumber | str]]] | None = None,
        cards: RateCards | None = None,
    ) -> None:
        super().__init__()
        if month is not None:
            parse_month(month)
        check.opt_argument(account, BillingAccount, "account")
        check.opt_argument(cards, RateCards, "cards")
        cards = cards or packaged_cards()
        if accounts is None:
            self._setup = Setup({"": account or BillingAccount()}, None, cards)
        else:
            if account is not None or month is None:
                raise ValidationError(
                    "with accounts, name the month and give no single account",
                    field="accounts",
                )
            self._setup = _setup_of(accounts, cards)
        self._single = accounts is None
        self._month = month

    def expand(self, events: Any) -> Any:
        """The bill (one account) or ``(account id, Bill)`` per account."""
        setup, pipeline = self._setup, events.pipeline
        if self._month is not None:
            month = pipeline | "Month" >> beam.Create([self._month])
        else:
            month = (
                events
                | "LatestTime" >> beam.CombineGlobally(_Latest())
                | "LatestMonth" >> beam.Map(_latest_month, setup.accounts[""])
            )
        month_side = pvalue.AsSingleton(month)
        facts = (
            events
            | "KeyByMessageId" >> beam.FlatMap(facts_inputs)
            | "MessageFacts" >> beam.CombinePerKey(_MessageFacts())
            | "Classify"
            >> beam.FlatMap(_tagged, month_side, setup).with_outputs(
                "undelivered", "unpriced", main="sends"
            )
        )
        windows = events | "Windows" >> FoldWindows()
        charges = (
            {"windows": windows, "sends": facts.sends}
            | "JoinPairs" >> beam.CoGroupByKey()
            | "PricePair" >> beam.FlatMap(price_pair, month_side, setup)
        )
        ledgers = (
            charges
            | "KeyedCharges" >> beam.Map(_with_key)
            | "Ledger" >> beam.CombinePerKey(FoldFn(empty_of=setup.empty_ledger))
            | "LedgerOfAccount" >> beam.Map(_account_ledger)
        )
        listed = (
            charges
            | "ChargeOfAccount" >> beam.Map(_account_charge)
            | "ListCharges" >> beam.GroupByKey()
        )
        undelivered = facts.undelivered | "ListUndelivered" >> beam.GroupByKey()
        unpriced = facts.unpriced | "ListUnpriced" >> beam.GroupByKey()
        seeds = pipeline | "Accounts" >> beam.Create([(name, None) for name in setup.accounts])
        bills = (
            {
                "seed": seeds,
                "ledger": ledgers,
                "charges": listed,
                "undelivered": undelivered,
                "unpriced": unpriced,
            }
            | "JoinAccount" >> beam.CoGroupByKey()
            | "Assemble" >> beam.Map(assemble, month_side, setup)
        )
        if self._single:
            return bills | "Bill" >> beam.Map(_bill_only)
        return bills


def _tagged(item: tuple[str, Facts], month: str, setup: Setup) -> Any:
    for tag, value in classify(item, month, setup):
        yield value if tag == "sends" else pvalue.TaggedOutput(tag, value)


def _setup_of(
    accounts: Mapping[str, tuple[BillingAccount, Iterable[PhoneNumber | str]]], cards: RateCards
) -> Setup:
    if not isinstance(accounts, Mapping) or not accounts:
        raise ValidationError("must map account ids to accounts", field="accounts")
    billing: dict[str, BillingAccount] = {}
    numbers: dict[str, str] = {}
    for name, entry in accounts.items():
        where = f"accounts[{name!r}]"
        if type(name) is not str or not isinstance(entry, tuple) or len(entry) != 2:
            raise ValidationError(
                "must be (BillingAccount, numbers) under a string id", field=where
            )
        billing[name] = check.of(entry[0], BillingAccount, where)
        check.iterable(entry[1], where)
        for number in entry[1]:
            phone = number if isinstance(number, PhoneNumber) else PhoneNumber.parse(number)
            e164 = phone.e164
            if numbers.setdefault(e164, name) != name:
                raise ValidationError("bills to two accounts", field=where, value=e164)
    return Setup(billing, numbers, cards)
