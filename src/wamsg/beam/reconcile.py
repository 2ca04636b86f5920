"""Predicted against reported pricing, in a Beam pipeline: :class:`ReconcilePricing`.

:func:`wamsg.billing.reconcile` compares each billed message's predicted charge with
every distinct ``pricing`` its statuses reported. A message's comparison needs only its
own charge and statuses, so the pipeline groups both by message id and reconciles each
group with the core function itself: the disagreements are those of
``reconcile(bill, statuses)``, message by message.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from wamsg.beam._beam import beam
from wamsg.billing import (
    Bill,
    BilledMessage,
    BillingAccount,
    Disagreement,
    MonthLedger,
    reconcile,
)
from wamsg.events import Event, MessageStatus

__all__ = ["ReconcilePricing"]

_SHELL: list[Bill] = []
"""A bill with no charges, made once per process, that each message's charges go into."""


def _shell() -> Bill:
    if not _SHELL:
        ledger = MonthLedger.empty("2026-01", BillingAccount())
        _SHELL.append(Bill(month="", ledger=ledger, invoice=ledger.invoice(None), charges=()))
    return _SHELL[0]


def _billed(bill: Bill) -> Iterator[tuple[str, tuple[str, Any]]]:
    for message in bill.charges:
        yield message.charge.message_id, ("billed", message)


def _reported(event: Event) -> Iterator[tuple[str, tuple[str, Any]]]:
    if type(event) is MessageStatus and event.pricing is not None:
        yield event.message_id, ("status", event)


def _disagreements(item: tuple[str, Iterable[tuple[str, Any]]]) -> Iterator[Disagreement]:
    billed: list[BilledMessage] = []
    statuses: list[MessageStatus] = []
    for tag, value in item[1]:
        (billed if tag == "billed" else statuses).append(value)
    if billed and statuses:
        bill = _shell()
        one = Bill(
            month=bill.month, ledger=bill.ledger, invoice=bill.invoice, charges=(billed[0],)
        )
        yield from reconcile(one, statuses)


class ReconcilePricing(beam.PTransform):  # type: ignore[misc]
    """``(bills, events)`` → each :class:`~wamsg.billing.Disagreement` of ``reconcile``.

    Apply it to a pair of PCollections: the bills (``Bill`` values, such as
    :class:`~wamsg.beam.BillMonth`'s output) and the events whose statuses report pricing.
    The disagreements come in no order; sorted by ``(message_id, field, reported)`` they
    are ``reconcile(bill, statuses)``.
    """

    def expand(self, inputs: Any) -> Any:
        """Group charges and reported pricing by message id; reconcile each message."""
        bills, events = inputs
        billed = bills | "ChargesById" >> beam.FlatMap(_billed)
        reported = events | "PricingById" >> beam.FlatMap(_reported)
        return (
            (billed, reported)
            | "Join" >> beam.Flatten()
            | "GroupById" >> beam.GroupByKey()
            | "Reconcile" >> beam.FlatMap(_disagreements)
        )
