"""``wamsg bill --month 2026-11 --tz Europe/Helsinki < events.jsonl``: a month's WhatsApp bill.

Standard input holds canonical events (DESIGN.md §4), one JSON object a line.
Prints the billable lines per market × category, the free messages per reason,
the rates nobody knows and the total; ``--json`` prints the bill as JSON
(``month``, ``currency``, ``total``, ``charges``, ``lines``, ``unknown_rates`` …).
Exit 0 on success, 2 on bad input.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from wamsg.billing import Bill, bill_events
from wamsg.cli._billing_args import account_from, add_account_options, cards_from
from wamsg.cli._streams import Streams
from wamsg.cli._table import render_table
from wamsg.errors import ValidationError
from wamsg.events import Event, event_from_dict

__all__ = ["register", "run"]


def register(sub: Any) -> None:
    """Add the ``bill`` sub-command."""
    parser: argparse.ArgumentParser = sub.add_parser(
        "bill",
        help="price a month of canonical events (JSON lines on stdin)",
        description="Price a month of WhatsApp messages from canonical events on stdin.",
    )
    parser.add_argument("--month", help="the WABA-local month YYYY-MM (default: first send's)")
    add_account_options(parser)
    parser.add_argument("--json", action="store_true", help="print the bill as JSON")
    parser.set_defaults(run=run)


def _events(streams: Streams) -> list[Event]:
    out = []
    for number, line in enumerate(streams.stdin, start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except ValueError as error:
            raise _AtLine(number, ValidationError(f"not JSON: {error}", field="line")) from None
        try:
            out.append(event_from_dict(data))
        except ValidationError as error:
            raise _AtLine(number, error) from None
    return out


class _AtLine(Exception):
    def __init__(self, line: int, error: ValidationError) -> None:
        super().__init__(str(error))
        self.line = line
        self.error = error


def run(args: argparse.Namespace, streams: Streams) -> int:
    """Read events, bill the month, print it."""
    try:
        events = _events(streams)
    except _AtLine as failure:
        return streams.fail(failure.error, line=failure.line)
    try:
        bill = bill_events(
            events, account=account_from(args), month=args.month, cards=cards_from(args)
        )
    except ValidationError as error:
        return streams.fail(error)
    if args.json:
        streams.out(json.dumps(bill.to_dict(), indent=2, ensure_ascii=False))
    else:
        streams.out(render_bill(bill, args.tz))
    return 0


def render_bill(bill: Bill, time_zone: str) -> str:
    """The bill as text: lines, free messages, unknown rates, total."""
    invoice = bill.invoice
    card = invoice.card or "none (every rate unknown)"
    head = f"WhatsApp bill {bill.month} ({time_zone}), {invoice.currency}, rate card {card}"
    rows = [["market", "category", invoice.unit + "s", "rate", "amount"]]
    rows += [
        [line.market, line.category, str(line.count), str(line.rate), str(line.amount)]
        for line in invoice.lines
    ]
    parts = [head, ""]
    parts.append(render_table(rows) if invoice.lines else "no billable messages")
    free = ", ".join(f"{reason} {count}" for reason, count in invoice.free)
    parts.append("")
    parts.append(f"free: {free or 'none'}")
    if invoice.unknown:
        unknown = ", ".join(f"{line.market}/{line.category}" for line in invoice.unknown)
        parts.append(f"unknown rates (not in the total): {unknown}")
    if bill.undelivered:
        parts.append(f"not delivered (not charged): {len(bill.undelivered)}")
    qualifier = "" if invoice.complete else " (known part only)"
    parts.append(f"total: {invoice.total} {invoice.currency}{qualifier}")
    return "\n".join(parts)
