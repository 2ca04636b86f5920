"""``wamsg limits``: the account's messaging limit as of a moment, and may this send go.

Reads the account file (``--account``, read strictly: an unknown tier, status or kind is
exit 2 naming the field) and canonical events on stdin (messages, statuses and parsed
account webhooks, whose ``entry[].id`` is matched to ``wabas[].id``; they override the
file from their time on), and prints one JSON object as of ``--at``::

    {"era": "E5", "scope": "portfolio"|"number",
     "portfolio": {"id", "verified", "tier", "limit", "used", "remaining",
                   "next_slot_at", "number_cap",
                   "upgrade": {"eligible", "next_tier", "due_by"}},
     "numbers": [{"phone", "status", "quality", "kind", "throughput_mps", "tier",
                  "used", "can_send_business_initiated", "can_reply"}]}

Events after ``--at`` are ignored. Before 2025-10-07 the limit is each number's (a number
without a tier takes the portfolio's) and the portfolio's tier, limit, used and
remaining are null; from 2025-10-07 it is the portfolio's and the numbers' are null.
From 2025-10-07 the portfolio's tier is the one an account event set on or after that
day, else the migration's: the highest of the portfolio's and its numbers' tiers on
the new ladder (``TIER_50`` → ``TIER_250``, ``TIER_1K`` → ``TIER_2K``), and
``number_cap`` follows it. With no known tier (null, ``TIER_NOT_SET``) the report says
null and the decision applies the era's lowest step, saying so in its message.
A WABA's restrictions and ban state (from ``account_update``) set the numbers'
``can_send_business_initiated``/``can_reply`` and refuse a send as
``account_restricted`` or ``account_banned``.
``next_slot_at`` is null while there is room; ``upgrade.due_by`` is 6 h after the
criteria were met (counted from when the tier was reached); ``number_cap`` is the
portfolio's cap on registered numbers.

With ``--to +E164 [--from +E164] (--template CATEGORY | --free-form)`` it adds
``"decision": {"allowed", "reason", "counts_against_limit", "retry_at", "message"}``
for that send (the gate of ``wamsg.limits.can_send_now``; the pair clock and the last
131049 come from the input; ``--from`` may be left out when the account has one number).
The exit code is 0 whatever the answer; bad input is exit 2, one line naming the field.
"""

from __future__ import annotations

import argparse
import json

from wamsg._internal.json import JsonObject, parse_time
from wamsg._internal.strict import read_config
from wamsg.accounts import AccountConfig
from wamsg.cli._help import plain
from wamsg.cli._limits_report import (
    Account,
    Send,
    category_of,
    decision_json,
    gate,
    pick_number,
    report,
)
from wamsg.cli._streams import LineError, Streams
from wamsg.errors import ValidationError
from wamsg.identity import PhoneNumber

__all__ = ["read_account", "register", "run"]


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``limits`` sub-command."""
    parser = subparsers.add_parser(
        "limits",
        help="the account's messaging limit as of a moment, and whether a send may go",
        description=plain(__doc__),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--account", required=True, metavar="ACCOUNT.json", help="account file")
    parser.add_argument("--at", required=True, help="ISO 8601 time with a zone")
    parser.add_argument("--to", metavar="+E164", help="the customer of a send to decide")
    parser.add_argument("--from", dest="sender", metavar="+E164", help="the sending number")
    kind = parser.add_mutually_exclusive_group()
    kind.add_argument("--template", metavar="CATEGORY", help="a template of this category")
    kind.add_argument("--free-form", action="store_true", help="a free-form message")
    parser.set_defaults(run=run)


def read_account(path: str) -> AccountConfig:
    """The account file at ``path``, read strictly (ValidationError naming the field).

    An object that names a key twice is refused (naming the key): JSON readers keep
    one of the two silently, and the file is the caller's own configuration.
    """
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError as error:
        raise ValidationError(f"cannot read: {error}", field="--account", value=path) from None
    try:
        data = read_config(raw, "--account")
    except ValidationError as error:
        if error.field != "--account":
            raise
        reason = f"cannot read: {error.reason}"
        raise ValidationError(reason, field="--account", value=path) from None
    return AccountConfig.from_dict(data)


def _send(args: argparse.Namespace, account: Account) -> Send | None:
    if args.to is None:
        if args.sender is not None or args.template is not None or args.free_form:
            raise ValidationError("needs --to: the customer of the send", field="--to")
        return None
    if args.template is None and not args.free_form:
        raise ValidationError("--to needs --template CATEGORY or --free-form", field="--template")
    try:
        to = PhoneNumber.parse(args.to)
    except ValidationError as error:
        raise ValidationError(error.reason, field="--to", value=args.to) from None
    category = category_of(args.template, args.free_form)
    return Send(to, pick_number(account, args.sender), category)


def _answer(args: argparse.Namespace, streams: Streams) -> JsonObject | int:
    at = parse_time(args.at, "--at")
    config = read_account(args.account)
    try:
        events = [event for _, event in streams.events()]
    except LineError as failure:
        return streams.fail(failure.error, line=failure.line)
    account = Account.fold(config, events, at)
    send = _send(args, account)
    out = report(account)
    if send is not None:
        out["decision"] = decision_json(gate(account, send))
    return out


def run(args: argparse.Namespace, streams: Streams) -> int:
    """Print the account's limit as of ``--at`` (and the send's decision) as one JSON object."""
    try:
        answer = _answer(args, streams)
    except ValidationError as error:
        return streams.fail(error)
    if isinstance(answer, int):
        return answer
    streams.out(json.dumps(answer, ensure_ascii=False))
    return 0
