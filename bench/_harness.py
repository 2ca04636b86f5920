"""A tiny benchmark harness: best-of-N timing and ratio reports.

Benchmarks print figures measured in the same run as their baselines, so
ratios are meaningful on any machine. Tests never look at timings.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from dataclasses import dataclass, field

__all__ = ["Measurement", "Section", "measure", "print_section"]


@dataclass(frozen=True)
class Measurement:
    """How many operations a second one implementation ran."""

    label: str
    ops_per_second: float

    @property
    def seconds_per_op(self) -> float:
        return 1.0 / self.ops_per_second if self.ops_per_second else float("inf")


@dataclass
class Section:
    """One benchmark: ours, the baselines measured in the same run, and a target."""

    title: str
    ours: Measurement
    baselines: list[Measurement] = field(default_factory=list)
    target: str | None = None
    met: bool | None = None
    notes: list[str] = field(default_factory=list)


def measure(label: str, run: Callable[[], object], ops: int, *, repeat: int = 3) -> Measurement:
    """Time ``run`` (which performs ``ops`` operations), best of ``repeat``.

    Time is this process's CPU time (:func:`time.process_time`): one core's
    work, unaffected by other processes waiting for the same cores.
    """
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        start = time.process_time()
        run()
        best = min(best, time.process_time() - start)
    return Measurement(label, ops / best if best > 0 else float("inf"))


def _fmt(value: float) -> str:
    return f"{value:,.0f}" if value >= 100 else f"{value:,.2f}"


def print_section(section: Section) -> None:
    """Print a section: ours, each baseline with the ratio ours/baseline, the target."""
    print(section.title)
    print(f"  {section.ours.label:<44} {_fmt(section.ours.ops_per_second):>14} ops/s")
    for base in section.baselines:
        ratio = section.ours.ops_per_second / base.ops_per_second if base.ops_per_second else 0
        print(
            f"  {base.label:<44} {_fmt(base.ops_per_second):>14} ops/s"
            f"   wamsg is {ratio:,.2f}x its speed"
        )
    for note in section.notes:
        print(f"  {note}")
    if section.target is not None:
        verdict = "" if section.met is None else (" — met" if section.met else " — NOT met")
        print(f"  target: {section.target}{verdict}")
    print()
