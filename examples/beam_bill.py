"""Bill a month of canonical events with Apache Beam: the file ``wamsg bill --json`` prints.

    pip install 'wamsg[beam]'
    python examples/beam_bill.py --input events.jsonl --month 2026-11 --output bill.json \\
        [--tz Europe/Helsinki] [--currency USD] [--rate-card FILE] [--free-tier number] \\
        [--runner DirectRunner --direct_num_workers 2 --direct_running_mode multi_processing]

``bill.json`` holds exactly what ``wamsg bill --json --month 2026-11 < events.jsonl``
prints with the same options (``--tz``, ``--currency``, ``--rate-card``,
``--free-tier``, ``--month``; without ``--month`` the latest event's month, said on
standard error). ``--input`` may be a glob (``events-*.jsonl``); each file is read by
one worker, line by line, and a bad line stops the run naming the file and the line
(exit 2, as ``wamsg bill``). Every other option goes to Beam (``--runner``,
``--direct_num_workers`` …; default: the local runner with two worker processes).
See ``docs/beam.md`` for Flink and Dataflow.

Without ``--input`` it generates a month (:func:`wamsg.testing.month.generated_month`),
bills it with Beam on two local workers and with ``bill_events`` in this process, and
prints whether the two bills are the same text.
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import sys
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

try:
    import apache_beam as beam
    from apache_beam.io import fileio
    from apache_beam.options.pipeline_options import PipelineOptions
except ImportError:  # pragma: no cover - shown to a user without the extra
    sys.exit("this example needs Apache Beam: pip install 'wamsg[beam]'")

from wamsg import event_from_dict
from wamsg.beam import BillMonth, ParseEvents, numbered_lines
from wamsg.billing import Bill, BillingAccount, RateCards, bill_events, packaged_cards
from wamsg.cli._billing_args import account_from, add_account_options, cards_from
from wamsg.errors import ValidationError
from wamsg.testing.month import generated_month

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


def bill_text(bill: Bill) -> str:
    """What ``wamsg bill --json`` prints (without its final newline)."""
    return json.dumps(bill.to_dict(), indent=2, ensure_ascii=False)


def run_pipeline(
    pattern: str,
    output: str,
    *,
    month: str | None,
    account: BillingAccount,
    cards: RateCards,
    beam_args: Sequence[str],
) -> None:
    """Read, parse and bill the events of ``pattern``; write the bill's JSON to ``output``."""
    options = PipelineOptions(list(beam_args) or LOCAL)
    with beam.Pipeline(options=options) as pipeline:
        _ = (
            pipeline
            | "Match" >> fileio.MatchFiles(pattern)
            | "Open" >> fileio.ReadMatches()
            | "Lines" >> beam.FlatMap(lines_of)
            | "Parse" >> ParseEvents()
            | "Bill" >> BillMonth(month, account=account, cards=cards)
            | "AsJson" >> beam.Map(bill_text)
            | "Write" >> beam.io.WriteToText(output, shard_name_template="", num_shards=1)
        )


def failure_of(error: Exception) -> str | None:
    """The ValidationError a runner reports (wrapped in its own exception), if it is one."""
    if isinstance(error, ValidationError):
        return str(error)
    found = _FAILED.findall(str(error))
    return found[-1] if found else None


def demo() -> int:
    """Generate a month, bill it both ways, say whether the bills are the same text."""
    events = generated_month("2026-11", customers=150, seed=7)
    with tempfile.TemporaryDirectory() as folder:
        source, target = Path(folder, "events.jsonl"), Path(folder, "bill.json")
        source.write_text("".join(json.dumps(e) + "\n" for e in events), encoding="utf-8")
        account = BillingAccount()
        run_pipeline(
            str(source),
            str(target),
            month="2026-11",
            account=account,
            cards=packaged_cards(),
            beam_args=LOCAL,
        )
        beam_text = target.read_text(encoding="utf-8")
    parsed = [event_from_dict(e) for e in events]
    single = bill_text(bill_events(parsed, account=account, month="2026-11")) + "\n"
    bill = json.loads(beam_text)
    print(f"{len(events):,} events billed with Beam on 2 local workers:")
    print(f"  {len(bill['charges']):,} charges, total {bill['total']} {bill['currency']}")
    print(f"  the same JSON as `wamsg bill --json --month 2026-11`: {beam_text == single}")
    return 0 if beam_text == single else 1


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the options, run the pipeline, report a bad line as ``wamsg bill`` does."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--input", help="canonical events, one JSON object a line (a glob)")
    parser.add_argument("--output", help="where the bill's JSON goes (default: bill.json)")
    parser.add_argument("--month", help="the WABA-local month YYYY-MM (default: the latest)")
    add_account_options(parser)
    args, beam_args = parser.parse_known_args(argv)
    logging.getLogger("apache_beam").setLevel(logging.CRITICAL)
    if args.input is None:
        return demo()
    try:
        account, cards = account_from(args), cards_from(args)
        output = args.output or "bill.json"
        run_pipeline(
            args.input,
            output,
            month=args.month,
            account=account,
            cards=cards,
            beam_args=beam_args,
        )
    except Exception as error:  # a runner wraps the ValidationError of a worker
        reason = failure_of(error)
        if reason is None:
            raise
        print(f"wamsg: {reason}", file=sys.stderr)
        return 2
    if args.month is None:
        month = json.loads(Path(output).read_text(encoding="utf-8"))["month"]
        print(
            f"wamsg: billing {month}, the latest event's month (--month to choose)",
            file=sys.stderr,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
