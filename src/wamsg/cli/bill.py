"""``wamsg bill --month 2026-11 --tz Europe/Helsinki < events.jsonl``: a month's WhatsApp bill.

Standard input holds canonical events (the form of docs/events.md), one JSON object a line.
Prints the billable lines per market × category, the free messages per reason,
the rates nobody knows and the total; ``--json`` prints the bill as JSON
(``month``, ``currency``, ``total``, ``charges``, ``lines``, ``unknown_rates`` …).
Exit 0 on success, 2 on bad input.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from wamsg.billing import Bill, bill_events, latest_month
from wamsg.cli._billing_args import account_from, add_account_options, cards_from
from wamsg.cli._streams import LineError, Streams
from wamsg.cli._table import render_table
from wamsg.errors import ValidationError

__all__ = ["register", "render_bill", "run"]


def register(sub: Any) -> None:
    """Add the ``bill`` sub-command."""
    parser: argparse.ArgumentParser = sub.add_parser(
        "bill",
        help="price a month of canonical events (JSON lines on stdin)",
        description="Price a month of WhatsApp messages from canonical events on stdin.",
    )
    parser.add_argument(
        "--month", help="the WABA-local month YYYY-MM (default: the latest event's month)"
    )
    add_account_options(parser)
    parser.add_argument("--json", action="store_true", help="print the bill as JSON")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, streams: Streams) -> int:
    """Read events, bill the month, print it."""
    try:
        events = [event for _, event in streams.events()]
    except LineError as failure:
        return streams.fail(failure.error, line=failure.line)
    try:
        account, cards = account_from(args), cards_from(args)
        month = args.month
        if month is None:
            month = latest_month(events, account)
            streams.err(f"wamsg: billing {month}, the latest event's month (--month to choose)")
        bill = bill_events(events, account=account, month=month, cards=cards)
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
    if not (bill.charges or bill.undelivered or bill.unpriced):
        parts.append(f"no messages were sent in {bill.month}")
    else:
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
