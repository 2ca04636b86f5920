"""Shared by the Beam tests: a generated month on disk, the local runner's options, runs."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from wamsg import Event, event_from_dict
from wamsg._internal.json import JsonObject

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
TWO_WORKERS = (
    "--runner=DirectRunner",
    "--direct_num_workers=2",
    "--direct_running_mode=multi_processing",
)
"""Beam's local runner with two worker processes (real processes: coders are exercised)."""
IN_PROCESS = ("--runner=DirectRunner", "--direct_running_mode=in_memory")
"""The local runner in this process: for the small pipelines of the unit tests."""


def write_events(path: Path, records: Sequence[JsonObject]) -> Path:
    """Write canonical events as JSON lines."""
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def events_of(records: Sequence[JsonObject]) -> list[Event]:
    """The records read as the CLI reads them."""
    return [event_from_dict(record) for record in records]


def run(args: Sequence[str], *, stdin: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    """Run a command of this Python (an example, or ``-m wamsg``), capturing its output."""
    handle: Any = None if stdin is None else stdin.open("rb")
    try:
        return subprocess.run(
            [sys.executable, *args],
            stdin=handle,
            capture_output=True,
            timeout=600,
            check=False,
            cwd=ROOT,
        )
    finally:
        if handle is not None:
            handle.close()
