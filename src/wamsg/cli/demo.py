"""``wamsg demo``: replay the built-in sample day and print the helpdesk inbox."""

from __future__ import annotations

import argparse
import json
from datetime import datetime
from typing import Any

import pendulum

from .._json import format_time
from ..conversation import Conversation
from ..inbox import Inbox, InboxSummary
from ..messages import Direction
from ..sample import SampleDay, sample_day
from ._streams import Streams
from ._table import render_table

__all__ = ["register", "run"]


def register(sub: Any) -> None:
    """Add the ``demo`` sub-command."""
    parser: argparse.ArgumentParser = sub.add_parser(
        "demo",
        help="replay a built-in sample helpdesk day and print the inbox",
        description="Replay a built-in sample helpdesk day and print the inbox.",
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.set_defaults(run=run)


def _local(day: SampleDay, value: datetime | None) -> str:
    if value is None:
        return "—"
    moment = pendulum.instance(value).in_timezone(day.timezone)
    return str(moment.format("ddd HH:mm"))


def _customer(state: Conversation) -> str:
    customer = state.customer
    ident = customer.phone.e164 if customer.phone is not None else str(customer.user_id)
    return f"{customer.name} ({ident})" if customer.name else ident


def _row(day: SampleDay, state: Conversation) -> dict[str, Any]:
    last = state.last_message
    return {
        "business": None if state.business is None else state.business.e164,
        "customer": state.customer.to_dict(),
        "source": state.provider,
        "operator": state.last_operator,
        "ticks": None if state.ticks is None else state.ticks.value,
        "last_message": None if last is None else last.preview,
        "last_kind": None if last is None else last.kind,
        "forwarded": bool(last and last.forwarded),
        "direction": None if last is None else last.direction.value,
        "last_message_at": None if last is None else format_time(last.at),
        "unread": state.unread_count,
        "awaiting_reply": state.awaiting_reply,
        "created_at": None if state.created_at is None else format_time(state.created_at),
    }


def _table(day: SampleDay, inbox: Inbox) -> list[list[str]]:
    rows = [
        [
            "Business",
            "Customer",
            "Last message",
            "Dir",
            "Operator",
            "Ticks",
            "Unread",
            "Waiting",
            "Last at",
            "Created",
        ]
    ]
    for state in inbox.rows():
        last = state.last_message
        preview = "" if last is None else ("↪ " if last.forwarded else "") + last.preview
        rows.append(
            [
                "—" if state.business is None else state.business.e164,
                _customer(state),
                preview,
                "in" if state.last_direction is Direction.INBOUND else "out",
                state.last_operator or "—",
                "—" if state.ticks is None else state.ticks.value,
                str(state.unread_count),
                "● yes" if state.awaiting_reply else "",
                _local(day, None if last is None else last.at),
                _local(day, state.created_at),
            ]
        )
    return rows


def _summary_lines(summary: InboxSummary) -> list[str]:
    operators = ", ".join(
        f"{name or 'automated'}: {count}" for name, count in summary.per_operator
    )
    return [
        f"Waiting for a reply now: {summary.waiting}",
        f"Handled today: {summary.handled_today} ({operators or 'none'})",
    ]


def run(args: argparse.Namespace, streams: Streams) -> int:
    """Replay the sample day; print the inbox as a table or JSON."""
    day = sample_day()
    inbox = Inbox().fold(day.events)
    summary = inbox.summary(at=day.at, timezone=day.timezone)
    if args.json:
        document = {
            "at": format_time(day.at),
            "timezone": day.timezone,
            "conversations": [_row(day, state) for state in inbox.rows()],
            "summary": {
                "waiting": summary.waiting,
                "handled_today": summary.handled_today,
                "per_operator": {name or "automated": n for name, n in summary.per_operator},
            },
        }
        streams.out(json.dumps(document, ensure_ascii=False, indent=2))
        return 0
    local_at = pendulum.instance(day.at).in_timezone(day.timezone)
    streams.out(
        f"wamsg demo — a helpdesk day, as of {local_at.format('YYYY-MM-DD HH:mm')} "
        f"{day.timezone} ({len(day.events)} events replayed)"
    )
    streams.out()
    streams.out(render_table(_table(day, inbox)))
    streams.out()
    for line in _summary_lines(summary):
        streams.out(line)
    return 0
