"""The month's bill on Apache Beam's local runner, against ``bill_events`` in one process.

Figures (issue 5): events/s of the bill pipeline (``wamsg.beam.BillMonth``, reading and
parsing the JSON lines as ``examples/beam_bill.py`` does) on the local runner with one
and with two worker processes, next to the single-process bill of the same lines (read,
parse, ``bill_events``: what ``wamsg bill`` does); and what merging two month ledgers
costs as the ledgers grow (it should stay flat: a ledger's size is its keys, not its
messages). Times are wall-clock here (the pipeline's work is in other processes), best
of the runs. Without Apache Beam the pipeline rows are skipped and said so.
"""

from __future__ import annotations

import gc
import importlib.util
import json
import logging
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from wamsg import event_from_dict
from wamsg._internal.decode import loads
from wamsg.billing import BillingAccount, MonthLedger, bill_events

from ._harness import Measurement, Section, measure
from .bench_billing import make_sends

MONTH = "2026-11"
HAS_BEAM = importlib.util.find_spec("apache_beam") is not None


def _wall(label: str, run: Callable[[], object], ops: int, repeat: int) -> Measurement:
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return Measurement(label, ops / best if best > 0 else float("inf"))


def _single_process(path: Path) -> None:
    lines = path.read_bytes().split(b"\n")
    events = [event_from_dict(loads(line)) for line in lines if line.strip()]
    bill_events(events, month=MONTH)


def _pipeline(path: Path, output: Path, workers: int) -> None:
    import apache_beam as beam
    from apache_beam.io import fileio
    from apache_beam.options.pipeline_options import PipelineOptions

    from wamsg.beam import BillMonth, ParseEvents, numbered_lines

    def lines_of(readable: object) -> object:
        with readable.open() as handle:  # type: ignore[attr-defined]
            yield from numbered_lines(handle, path.name)

    options = PipelineOptions(
        [
            "--runner=DirectRunner",
            f"--direct_num_workers={workers}",
            "--direct_running_mode=multi_processing",
        ]
    )
    with beam.Pipeline(options=options) as pipeline:
        _ = (
            pipeline
            | fileio.MatchFiles(str(path))
            | fileio.ReadMatches()
            | beam.FlatMap(lines_of)
            | ParseEvents()
            | BillMonth(MONTH)
            | beam.Map(lambda bill: json.dumps(bill.to_dict(), indent=2, ensure_ascii=False))
            | beam.io.WriteToText(str(output), shard_name_template="", num_shards=1)
        )


def _bill_section(quick: bool) -> Section:
    from wamsg.testing import generated_month

    records = generated_month(MONTH, customers=150 if quick else 1_500, seed=1)
    count = len(records)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "events.jsonl")
        path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        single = _wall(
            "bill_events in one process (read + parse + bill)",
            lambda: _single_process(path),
            count,
            repeat=3,
        )
        measured, notes = [], []
        if HAS_BEAM:
            logging.getLogger("apache_beam").setLevel(logging.CRITICAL)
            for workers in (1, 2):
                measured.append(
                    _wall(
                        f"BillMonth on the local runner, {workers} worker(s)",
                        _runs(path, Path(folder, f"bill-{workers}.json"), workers),
                        count,
                        repeat=1 if quick else 2,
                    )
                )
            texts = {Path(folder, f"bill-{w}.json").read_text(encoding="utf-8") for w in (1, 2)}
            notes.append(f"the 1- and 2-worker bills are the same text: {len(texts) == 1}")
        else:
            notes.append("pipeline rows skipped: Apache Beam is not installed (wamsg[beam])")
    notes.append(
        "wall clock, best of the runs, including the runner's start (seconds per run); "
        "the local runner is for tests: the figures that scale are a cluster's"
    )
    ours, baselines = (measured[1], [measured[0], single]) if measured else (single, [])
    return Section(
        title=f"The month's bill of {count:,} canonical events (events/s)",
        ours=ours,
        baselines=baselines,
        notes=notes,
    )


def _runs(path: Path, output: Path, workers: int) -> Callable[[], None]:
    return lambda: _pipeline(path, output, workers)


def _merge_section(quick: bool) -> Section:
    account = BillingAccount(time_zone="Europe/Helsinki")
    sizes = (1_000, 10_000) if quick else (1_000, 10_000, 100_000, 1_000_000)
    repeat = 50 if quick else 2_000
    rates = []
    for size in sizes:
        sends = make_sends(2 * size)
        left = MonthLedger.of_sends(sends[::2], month=MONTH, account=account)
        right = MonthLedger.of_sends(sends[1::2], month=MONTH, account=account)

        def run(left: MonthLedger = left, right: MonthLedger = right) -> None:
            for _ in range(repeat):
                left.merge(right)

        rates.append(measure(f"merge 2 ledgers of {size:,} messages each", run, repeat))
    ratio = rates[0].ops_per_second / rates[-1].ops_per_second
    return Section(
        title="Merging two month ledgers as they grow (merges/s)",
        ours=rates[-1],
        baselines=rates[:-1],
        target="flat: the same merges/s whatever the messages behind the ledgers",
        met=0.5 <= ratio <= 2.0,
        notes=[f"merges/s of the smallest ÷ the largest: {ratio:.2f}"],
    )


def run(quick: bool) -> list[Section]:
    """The bill pipeline on 1 and 2 local workers vs one process; ledger merges as they grow."""
    return [_bill_section(quick), _merge_section(quick)]
