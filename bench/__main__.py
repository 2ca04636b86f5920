"""Run every benchmark module ``bench/bench_*.py`` and print the report.

Usage: ``python -m bench [--quick] [NAME ...]`` from the repository root.
Each module defines ``run(quick: bool) -> list[Section]``.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from pathlib import Path

from ._harness import print_section


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--quick", action="store_true", help="small sizes: a smoke run")
    parser.add_argument("names", nargs="*", help="benchmark modules to run (default: all)")
    args = parser.parse_args(argv)
    here = Path(__file__).parent
    found = sorted(
        info.name[len("bench_") :]
        for info in pkgutil.iter_modules([str(here)])
        if info.name.startswith("bench_")
    )
    chosen = args.names or found
    unknown = sorted(set(chosen) - set(found))
    if unknown:
        print(f"unknown benchmarks: {', '.join(unknown)}; known: {', '.join(found)}")
        return 2
    print(f"Python {sys.version.split()[0]}; {'quick' if args.quick else 'full'} run\n")
    for name in chosen:
        module = importlib.import_module(f"bench.bench_{name}")
        for section in module.run(args.quick):
            print_section(section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
