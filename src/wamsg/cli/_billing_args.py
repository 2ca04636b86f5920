"""Options shared by ``wamsg bill`` and ``wamsg price``: account and rate cards."""

from __future__ import annotations

import argparse

from wamsg._internal.decode import JsonRefused, loads
from wamsg.billing import BillingAccount, RateCard, RateCards, ServiceFreeTier, packaged_cards
from wamsg.errors import ValidationError

__all__ = ["account_from", "add_account_options", "cards_from"]


def add_account_options(parser: argparse.ArgumentParser) -> None:
    """Add ``--tz``, ``--currency``, ``--rate-card`` and ``--free-tier``."""
    parser.add_argument("--tz", default="UTC", help="the WABA's IANA time zone (default UTC)")
    parser.add_argument("--currency", default="USD", help="billing currency (default USD)")
    parser.add_argument(
        "--rate-card",
        action="append",
        default=[],
        metavar="FILE",
        help="a rate card JSON file (repeatable); wins over a packaged card of the same date",
    )
    parser.add_argument(
        "--free-tier",
        choices=("number", "waba", "off"),
        default="number",
        help="1,000 free service messages a month from 2026-10-01: per number (default), "
        "per WABA, or off",
    )


def account_from(args: argparse.Namespace) -> BillingAccount:
    """The billing account the options describe (raises ValidationError)."""
    tier = None if args.free_tier == "off" else ServiceFreeTier(per=args.free_tier)
    return BillingAccount(
        time_zone=args.tz, currency=str(args.currency).upper(), service_free_tier=tier
    )


def cards_from(args: argparse.Namespace) -> RateCards:
    """The packaged cards plus the ``--rate-card`` files."""
    extra = []
    for path in args.rate_card:
        try:
            with open(path, "rb") as handle:
                data = loads(handle.read())
        except (OSError, JsonRefused) as error:
            raise ValidationError(
                f"cannot read: {error}", field="--rate-card", value=path
            ) from None
        extra.append(RateCard.from_dict(data, "--rate-card"))
    return packaged_cards().with_cards(extra)
