"""``wamsg demo``: replay the built-in sample day and show what wamsg makes of it."""

from __future__ import annotations

import argparse
import json
from typing import Any

from wamsg.cli._demo_sections import local, sections, to_json
from wamsg.cli._streams import Streams
from wamsg.testing import sample_day

__all__ = ["register", "run"]


def register(sub: Any) -> None:
    """Add the ``demo`` sub-command."""
    parser: argparse.ArgumentParser = sub.add_parser(
        "demo",
        help="replay a built-in sample helpdesk day and print the inbox",
        description="Replay a built-in sample helpdesk day: the inbox, windows and "
        "follow-ups, a template for a closed window, the day's bill, a webhook round trip.",
    )
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print JSON instead of text")
    output.add_argument(
        "--events",
        action="store_true",
        help="print the sample day's events as canonical JSON lines (input for "
        "wamsg window, bill and limits)",
    )
    output.add_argument(
        "--account",
        action="store_true",
        help="print the sample day's account file (for wamsg limits --account)",
    )
    for flag, what in (
        ("--policy", "routing policy (for wamsg route --policy)"),
        ("--agents", "agent snapshot (for wamsg route --agents)"),
        ("--customers", "customer attributes (for wamsg route --customers)"),
    ):
        output.add_argument(flag, action="store_true", help=f"print the sample day's {what}")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, streams: Streams) -> int:
    """Replay the sample day; print every section as text or as one JSON document."""
    day = sample_day()
    if args.events:
        for event in day.events:
            streams.out(json.dumps(event.to_dict(), ensure_ascii=False, separators=(",", ":")))
        return 0
    for flag, document in (
        (args.account, day.account),
        (args.policy, day.routing_policy),
        (args.agents, day.agents),
        (args.customers, day.customers),
    ):
        if flag:
            streams.out(json.dumps(document, ensure_ascii=False, indent=2))
            return 0
    parts = sections(day)
    if args.json:
        streams.out(json.dumps(to_json(day, parts), ensure_ascii=False, indent=2))
        return 0
    moment = local(day, day.at, "ddd YYYY-MM-DD HH:mm")
    streams.out(
        f"wamsg demo — a helpdesk day, as of {moment} {day.timezone} "
        f"({len(day.events)} events replayed)"
    )
    for part in parts:
        streams.out()
        streams.out(f"== {part.title}")
        for line in part.lines:
            streams.out(line)
    return 0
