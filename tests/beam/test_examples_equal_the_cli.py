"""The Beam examples on two local workers write exactly what the CLI prints for a month.

A generated month (:func:`wamsg.testing.month.generated_month`: some 27,000 records, with
duplicate webhooks, the provider's echoes of sends, statuses out of order and stamped
before their sends, statuses naming only the message id, customers known only by a
user id, days either side of the month) is billed by ``examples/beam_bill.py`` and by
``wamsg bill --json``, and folded by ``examples/beam_inbox.py``, ``wamsg window`` and the
demo's inbox section; the files are compared byte for byte.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("apache_beam")

from tests.beam.helpers import EXAMPLES, TWO_WORKERS, events_of, run, write_events
from wamsg._internal.json import parse_time
from wamsg.cli._demo_sections import inbox_section
from wamsg.inbox import Inbox
from wamsg.testing import SampleDay
from wamsg.testing.month import generated_month

RECORDS = generated_month("2026-11", customers=1_000, seed=2026)


@pytest.fixture(scope="module")
def month_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_events(tmp_path_factory.mktemp("month") / "events.jsonl", RECORDS)


def test_the_generated_month_is_tens_of_thousands_of_realistic_records() -> None:
    assert 20_000 <= len(RECORDS) <= 40_000
    kinds = {record["type"] for record in RECORDS}
    assert kinds == {"message.received", "message.sent", "message.status", "conversation.read"}
    texts = [json.dumps(record, sort_keys=True) for record in RECORDS]
    assert len(set(texts)) < len(texts)  # duplicate webhooks
    sends = [r["id"] for r in RECORDS if r["type"] == "message.sent"]
    assert len(set(sends)) < len(sends)  # echoes: two records of one send
    assert generated_month("2026-11", customers=1_000, seed=2026) == RECORDS


@pytest.mark.parametrize(
    "options",
    [
        ["--month", "2026-11"],
        ["--tz", "Europe/Helsinki", "--free-tier", "waba"],
        ["--month", "2026-11", "--currency", "inr", "--free-tier", "off"],
    ],
    ids=["month", "latest-month-helsinki-waba", "inr-no-free-tier"],
)
def test_the_beam_bill_is_the_text_wamsg_bill_json_prints(
    month_file: Path, tmp_path: Path, options: list[str]
) -> None:
    output = tmp_path / "bill.json"
    script = str(EXAMPLES / "beam_bill.py")
    beam = run(
        [script, "--input", str(month_file), "--output", str(output), *options, *TWO_WORKERS]
    )
    assert beam.returncode == 0, beam.stderr.decode()[-3000:]
    cli = run(["-m", "wamsg", "bill", "--json", *options], stdin=month_file)
    assert cli.returncode == 0, cli.stderr.decode()
    assert output.read_bytes() == cli.stdout
    if "--month" not in options:  # both say which month they chose
        assert b"the latest event's month" in beam.stderr
    bill = json.loads(cli.stdout)
    assert bill["charges"]
    assert bill["undelivered"]
    assert bill["unpriced"]


def test_the_beam_inbox_and_windows_are_the_texts_of_one_process(
    month_file: Path, tmp_path: Path
) -> None:
    inbox_file, windows_file = tmp_path / "inbox.json", tmp_path / "windows.jsonl"
    at, zone = "2026-11-30T12:00:00Z", "Europe/Helsinki"
    beam = run(
        [
            str(EXAMPLES / "beam_inbox.py"),
            "--input",
            str(month_file),
            "--at",
            at,
            "--margin",
            "2m",
            "--timezone",
            zone,
            "--output",
            str(inbox_file),
            "--windows-output",
            str(windows_file),
            *TWO_WORKERS,
        ]
    )
    assert beam.returncode == 0, beam.stderr.decode()[-3000:]
    cli = run(["-m", "wamsg", "window", "--at", at, "--margin", "2m"], stdin=month_file)
    assert cli.returncode == 0, cli.stderr.decode()
    assert windows_file.read_bytes() == cli.stdout
    day = SampleDay(
        description="",
        events=(),
        at=parse_time(at, "at"),
        timezone=zone,
        business_hours="",
        templates=(),
        follow_up={},
    )
    section = inbox_section(day, Inbox().fold(events_of(RECORDS)))
    expected = json.dumps(section.data, indent=2, ensure_ascii=False) + "\n"
    assert inbox_file.read_text(encoding="utf-8") == expected


def test_a_bad_line_stops_the_bill_naming_the_file_and_the_line(tmp_path: Path) -> None:
    lines = [json.dumps(record) for record in RECORDS[:50]]
    lines.insert(20, '{"type": 3}')
    source = tmp_path / "events.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    script, output = str(EXAMPLES / "beam_bill.py"), str(tmp_path / "b")
    beam = run([script, "--input", str(source), "--output", output, *TWO_WORKERS])
    cli = run(["-m", "wamsg", "bill", "--json"], stdin=source)
    assert (beam.returncode, cli.returncode) == (2, 2)
    assert beam.stderr.decode().splitlines()[-1] == (
        "wamsg: events.jsonl line 21: type: must name the event type (got 3)"
    )
    assert cli.stderr.decode().splitlines()[-1] == (
        "wamsg: line 21: type: must name the event type (got 3)"
    )
    assert not (tmp_path / "b").exists()
