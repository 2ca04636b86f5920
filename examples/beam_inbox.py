"""Recompute the inbox and every pair's windows with Apache Beam (say, after an outage).

    pip install 'wamsg[beam]'
    python examples/beam_inbox.py --input events.jsonl --at 2026-11-30T12:00:00Z \\
        [--margin 2m] [--timezone Europe/Helsinki] \\
        --output inbox.json --windows-output windows.jsonl \\
        [--runner DirectRunner --direct_num_workers 2 --direct_running_mode multi_processing]

``windows.jsonl`` holds exactly what ``wamsg window --at … --margin … < events.jsonl``
prints: one JSON line per (business, customer) pair, in the book's order.
``inbox.json`` holds the inbox as the inbox section of ``wamsg demo --json`` shows it:
``{"conversations": [...], "summary": {"waiting", "handled_today", "per_operator"}}``,
the conversations most recent first, the summary for the local day of ``--at`` in
``--timezone`` (default UTC). A bad line stops the run naming the file and the line
(exit 2). Every other option goes to Beam (default: the local runner with two worker
processes); see ``docs/beam.md``.

Without ``--input`` it generates a month (:func:`wamsg.testing.month.generated_month`),
runs the pipeline on two local workers and the folds in this process, and prints
whether the outputs are the same text.
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import sys
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime, timedelta
from pathlib import Path
from types import MappingProxyType
from typing import Any

try:
    import apache_beam as beam
    from apache_beam import pvalue
    from apache_beam.io import fileio
    from apache_beam.options.pipeline_options import PipelineOptions
except ImportError:  # pragma: no cover - shown to a user without the extra
    sys.exit("this example needs Apache Beam: pip install 'wamsg[beam]'")

from wamsg import event_from_dict
from wamsg._internal.json import format_time, parse_time
from wamsg.beam import FoldInbox, FoldWindows, ParseEvents, SummarizeInbox, numbered_lines
from wamsg.cli.window import pair_line, parse_margin
from wamsg.errors import ValidationError
from wamsg.identity import PairKey
from wamsg.inbox import Conversation, Inbox, InboxSummary
from wamsg.testing.month import generated_month
from wamsg.window import WindowBook, WindowState

LOCAL = [
    "--runner=DirectRunner",
    "--direct_num_workers=2",
    "--direct_running_mode=multi_processing",
]
"""Beam's local runner with two worker processes: what runs when no Beam option is given."""

_FAILED = re.compile(r"ValidationError: ([^\n]*?) \[while running")


def lines_of(readable: Any) -> Iterator[tuple[str, str]]:
    """The numbered lines of one matched file (``events.jsonl line 12``)."""
    with readable.open() as handle:
        yield from numbered_lines(handle, Path(readable.metadata.path).name)


def row_json(state: Conversation) -> dict[str, Any]:
    """One conversation as the demo's inbox JSON shows it."""
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


def inbox_text(conversations: Iterable[Conversation], summary: InboxSummary) -> str:
    """The inbox JSON: the rows most recent first (as ``Inbox.rows``), and the summary."""
    inbox = Inbox(conversations=MappingProxyType({c.key: c for c in conversations}))
    document = {
        "conversations": [row_json(state) for state in inbox.rows()],
        "summary": {
            "waiting": summary.waiting,
            "handled_today": summary.handled_today,
            "per_operator": {name or "automated": n for name, n in summary.per_operator},
        },
    }
    return json.dumps(document, indent=2, ensure_ascii=False)


def windows_text(lines: Iterable[tuple[PairKey, str]]) -> Iterator[str]:
    """The pairs' lines in the book's order (``wamsg window``'s), as one text."""
    ordered = sorted(lines, key=lambda item: (item[0][0] or "", item[0][1]))
    if ordered:  # no pair, no line: an empty file, as ``wamsg window`` prints nothing
        yield "\n".join(line for _, line in ordered)


def run_pipeline(
    pattern: str,
    output: str,
    windows_output: str,
    *,
    at: datetime,
    margin: timedelta,
    timezone: str,
    beam_args: Sequence[str],
) -> None:
    """Fold the inbox and the windows of ``pattern``'s events; write both files."""
    options = PipelineOptions(list(beam_args) or LOCAL)
    with beam.Pipeline(options=options) as pipeline:
        events = (
            pipeline
            | "Match" >> fileio.MatchFiles(pattern)
            | "Open" >> fileio.ReadMatches()
            | "Lines" >> beam.FlatMap(lines_of)
            | "Parse" >> ParseEvents()
        )
        conversations = events | "Inbox" >> FoldInbox()
        summary = conversations | "Summary" >> SummarizeInbox(at=at, timezone=timezone)
        _ = (
            conversations
            | "Conversations" >> beam.Values()
            | "AllConversations" >> beam.combiners.ToList()
            | "InboxJson" >> beam.Map(inbox_text, pvalue.AsSingleton(summary))
            | "WriteInbox" >> beam.io.WriteToText(output, shard_name_template="", num_shards=1)
        )
        _ = (
            events
            | "Windows" >> FoldWindows()
            | "PairLine" >> beam.Map(_line, at, margin)
            | "AllPairs" >> beam.combiners.ToList()
            | "InBookOrder" >> beam.FlatMap(windows_text)
            | "WriteWindows"
            >> beam.io.WriteToText(windows_output, shard_name_template="", num_shards=1)
        )


def _line(
    item: tuple[PairKey, WindowState], at: datetime, margin: timedelta
) -> tuple[PairKey, str]:
    key, state = item
    return key, json.dumps(pair_line(state, at, margin), ensure_ascii=False)


def failure_of(error: Exception) -> str | None:
    """The ValidationError a runner reports (wrapped in its own exception), if it is one."""
    if isinstance(error, ValidationError):
        return str(error)
    found = _FAILED.findall(str(error))
    return found[-1] if found else None


def demo() -> int:
    """Generate a month, fold it both ways, say whether the files are the same text."""
    records = generated_month("2026-11", customers=150, seed=11)
    at, margin, timezone = parse_time("2026-11-30T12:00:00Z", "at"), timedelta(minutes=2), "UTC"
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder, "events.jsonl")
        source.write_text("".join(json.dumps(e) + "\n" for e in records), encoding="utf-8")
        inbox_file, windows_file = Path(folder, "inbox.json"), Path(folder, "windows.jsonl")
        run_pipeline(
            str(source),
            str(inbox_file),
            str(windows_file),
            at=at,
            margin=margin,
            timezone=timezone,
            beam_args=LOCAL,
        )
        beam_inbox = inbox_file.read_text(encoding="utf-8")
        beam_windows = windows_file.read_text(encoding="utf-8")
    events = [event_from_dict(e) for e in records]
    inbox = Inbox().fold(events)
    single_inbox = inbox_text(
        inbox.conversations.values(), inbox.summary(at=at, timezone=timezone)
    )
    lines = [
        json.dumps(pair_line(s, at, margin), ensure_ascii=False) for s in WindowBook().fold(events)
    ]
    same_inbox = beam_inbox == single_inbox + "\n"
    same_windows = beam_windows == "".join(line + "\n" for line in lines)
    print(f"{len(records):,} events folded with Beam on 2 local workers:")
    print(f"  {len(inbox):,} conversations; the same inbox as one process: {same_inbox}")
    print(f"  {len(lines):,} pairs; the same lines as `wamsg window --at …`: {same_windows}")
    return 0 if same_inbox and same_windows else 1


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the options, run the pipeline, report bad input as ``wamsg window`` does."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--input", help="canonical events, one JSON object a line (a glob)")
    parser.add_argument("--at", help="ISO 8601 time with a zone (required with --input)")
    parser.add_argument("--margin", default="0", help="safety margin such as 2m, 90s, 1h30m")
    parser.add_argument("--timezone", default="UTC", help="the helpdesk's IANA zone")
    parser.add_argument("--output", default="inbox.json", help="the inbox's JSON file")
    parser.add_argument("--windows-output", default="windows.jsonl", help="the pairs' lines")
    args, beam_args = parser.parse_known_args(argv)
    logging.getLogger("apache_beam").setLevel(logging.CRITICAL)
    if args.input is None:
        return demo()
    try:
        if args.at is None:
            raise ValidationError("is required with --input", field="--at")
        run_pipeline(
            args.input,
            args.output,
            args.windows_output,
            at=parse_time(args.at, "--at"),
            margin=parse_margin(args.margin),
            timezone=args.timezone,
            beam_args=beam_args,
        )
    except Exception as error:  # a runner wraps the ValidationError of a worker
        reason = failure_of(error)
        if reason is None:
            raise
        print(f"wamsg: {reason}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
