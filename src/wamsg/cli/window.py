"""``wamsg window``: the windows and send decisions of every pair, as of a moment.

Reads canonical events (one JSON object a line, the form of docs/events.md) on stdin and prints
one JSON line per (business, customer) pair of the input, as of ``--at``::

    {"business": "+1…", "customer": {…},
     "customer_service_window": {"open": bool, "opens_at": ISO|null, "closes_at": ISO|null},
     "free_entry_point_window": {"open": bool, "closes_at": ISO|null},
     "decisions": {"free_form": D, "template:marketing": D, "template:utility": D,
                   "template:authentication": D}}

with ``D = {"allowed", "reason", "free_entry_point", "message"}``. Events after
``--at`` do not count (a pair whose events all come later shows closed windows);
``--margin 2m`` (``90s``, ``1h30m`` …) closes windows early.
A bad line is reported with its number, exit code 2.
"""

from __future__ import annotations

import argparse
import json
import re
from datetime import datetime, timedelta

from wamsg._internal.json import JsonObject, format_optional_time, parse_time
from wamsg.cli._help import plain
from wamsg.cli._streams import LineError, Streams
from wamsg.errors import ValidationError
from wamsg.window import FREE_FORM, WindowBook, WindowState, decide_send

__all__ = ["pair_line", "parse_margin", "register", "run"]

_MARGIN = re.compile(r"(?:([0-9]+)h)?(?:([0-9]+)m)?(?:([0-9]+)s)?")
_ASKED = (
    ("free_form", FREE_FORM),
    ("template:marketing", "marketing"),
    ("template:utility", "utility"),
    ("template:authentication", "authentication"),
)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``window`` sub-command."""
    parser = subparsers.add_parser(
        "window",
        help="windows and send decisions per (business, customer) from events on stdin",
        description=plain(__doc__),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--at", required=True, help="ISO 8601 time with a zone")
    parser.add_argument("--margin", default="0", help="safety margin such as 2m, 90s, 1h30m")
    parser.set_defaults(run=run)


def parse_margin(text: str) -> timedelta:
    """Read ``2m``, ``90s``, ``1h30m`` or ``0`` as a timedelta."""
    match = _MARGIN.fullmatch(text.strip())
    if text.strip() == "0":
        return timedelta(0)
    if match is None or not any(match.groups()):
        raise ValidationError(
            "expected a duration such as 2m, 90s or 1h30m", field="--margin", value=text
        )
    h, m, s = (int(group or 0) for group in match.groups())
    return timedelta(hours=h, minutes=m, seconds=s)


def pair_line(state: WindowState, at: datetime, margin: timedelta) -> JsonObject:
    """The JSON object printed for one pair."""
    snapshot = state.as_of(at, margin=margin)
    decisions: JsonObject = {}
    for key, asked in _ASKED:
        d = decide_send(state, asked, at=at, margin=margin)
        decisions[key] = {
            "allowed": d.allowed,
            "reason": d.reason.value,
            "free_entry_point": d.free_entry_point,
            "message": d.message,
        }
    return {
        "business": None if state.business is None else state.business.e164,
        "customer": state.customer.to_dict(),
        "customer_service_window": {
            "open": snapshot.customer_service_window_open,
            "opens_at": format_optional_time(snapshot.opens_at),
            "closes_at": format_optional_time(snapshot.closes_at),
        },
        "free_entry_point_window": {
            "open": snapshot.free_entry_point_open,
            "closes_at": format_optional_time(snapshot.free_entry_point_closes_at),
        },
        "decisions": decisions,
    }


def run(args: argparse.Namespace, streams: Streams) -> int:
    """Fold stdin's events and print each pair's windows and decisions as of ``--at``."""
    try:
        at = parse_time(args.at, "--at")
        margin = parse_margin(args.margin)
    except ValidationError as error:
        return streams.fail(error)
    try:
        events = [event for _, event in streams.events()]
    except LineError as failure:
        return streams.fail(failure.error, line=failure.line)
    untimed = sum(1 for event in events if event.occurred_at is None)
    if untimed:
        streams.err(
            f"wamsg: warning: {untimed} event(s) have no time and cannot open or close "
            "a window (stamp them with the time you received them)"
        )
    for state in WindowBook().fold(events):
        streams.out(json.dumps(pair_line(state, at, margin), ensure_ascii=False))
    return 0
