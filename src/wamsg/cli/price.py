"""``wamsg price --to +4915112345678 --template marketing --at 2026-11-02T10:00:00Z``.

Previews what one send costs: the market, the period's rule, the reason it is
charged or free and the amount from the rate card in force. ``--free-form``
prices a non-template message; ``--csw-open`` / ``--fep-open`` say that the
customer service / free entry point window is open at send time. Exit 0 on
success, 2 on bad input.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

import attrs

from wamsg._internal.json import parse_time
from wamsg.billing import CATEGORIES, RateCards, estimate
from wamsg.cli._billing_args import account_from, add_account_options, cards_from
from wamsg.cli._streams import Streams
from wamsg.content import TemplateRef, Text
from wamsg.errors import ValidationError
from wamsg.identity import Customer, PhoneNumber
from wamsg.outgoing import Outgoing

__all__ = ["register", "run"]


def register(sub: Any) -> None:
    """Add the ``price`` sub-command."""
    parser: argparse.ArgumentParser = sub.add_parser(
        "price",
        help="preview what one WhatsApp message will cost",
        description="Preview the cost of one WhatsApp message.",
    )
    parser.add_argument("--to", required=True, help="the recipient's number (E.164)")
    kind = parser.add_mutually_exclusive_group(required=True)
    kind.add_argument("--template", metavar="CATEGORY", help="a template of this category")
    kind.add_argument("--free-form", action="store_true", help="a non-template message")
    parser.add_argument("--at", required=True, help="send time, ISO 8601 with a zone")
    parser.add_argument("--from", dest="business", help="the business number (E.164)")
    parser.add_argument("--csw-open", action="store_true", help="customer service window open")
    parser.add_argument("--fep-open", action="store_true", help="free entry point window open")
    add_account_options(parser)
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(run=run)


@attrs.frozen
class _Windows:
    customer_service_window_open: bool
    free_entry_point_open: bool


def _check_choices(args: argparse.Namespace, cards: RateCards) -> None:
    """Refuse a category the pricing rules do not know or a currency no card is in."""
    if args.template is not None and args.template not in CATEGORIES:
        allowed = ", ".join(sorted(CATEGORIES))
        raise ValidationError(
            f"unknown template category; one of {allowed}", field="--template", value=args.template
        )
    currencies = sorted({card.currency for card in cards.cards})
    if str(args.currency).upper() not in currencies:
        raise ValidationError(
            f"no rate card in this currency; one of {', '.join(currencies)}",
            field="--currency",
            value=args.currency,
        )


def run(args: argparse.Namespace, streams: Streams) -> int:
    """Price one send and print the estimate."""
    try:
        cards = cards_from(args)
        _check_choices(args, cards)
        recipient = PhoneNumber.parse(args.to)
        business = None if args.business is None else PhoneNumber.parse(args.business)
        content = (
            Text(body="…")
            if args.free_form
            else TemplateRef(name="template", language="en_US", category=args.template)
        )
        outgoing = Outgoing(business=business, customer=Customer(phone=recipient), content=content)
        result = estimate(
            outgoing,
            recipient,
            _Windows(args.csw_open, args.fep_open),
            parse_time(args.at, "--at"),
            account=account_from(args),
            cards=cards,
        )
    except ValidationError as error:
        return streams.fail(error)
    charge = result.charge
    data = {
        "market": charge.market,
        "category": charge.category,
        "period": charge.period.value,
        "model": charge.period.model,
        "reason": result.reason.value,
        "amount": str(result.amount),
        "rate": str(result.rate),
        "currency": result.currency,
        "rate_card": result.card,
        "notes": list(result.notes),
    }
    if args.json:
        streams.out(json.dumps(data, indent=2, ensure_ascii=False))
        return 0
    streams.out(
        f"{charge.category} to {recipient.e164} ({charge.market}), "
        f"{charge.period.model} {charge.period.value}: {result.reason.value}, "
        f"{result.amount} {result.currency} per {charge.unit} "
        f"(rate {result.rate}, card {result.card or 'none'})"
    )
    for note in result.notes:
        streams.out(f"note: {note}")
    return 0
