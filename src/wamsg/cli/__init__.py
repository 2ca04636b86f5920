"""The ``wamsg`` command line: the only part of wamsg that does I/O.

Each sub-command lives in its own module under :mod:`wamsg.cli` and exposes
``register(subparsers)``, which adds its parser and sets ``run`` to a function
``run(args, streams) -> exit code``. Exit codes: 0 success, 1 the answer is
"no" (e.g. lint errors), 2 bad input or usage.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from wamsg.cli._streams import Streams

__all__ = ["COMMANDS", "Streams", "main"]

COMMANDS: tuple[str, ...] = ("demo", "lint_template", "bill", "price", "parse", "window")
"""Modules of :mod:`wamsg.cli` that each register one sub-command."""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every sub-command registered."""
    parser = argparse.ArgumentParser(
        prog="wamsg",
        description="WhatsApp Business messaging for helpdesks, without I/O of its own.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"wamsg.cli.{name}").register(sub)
    return parser


def main(argv: Sequence[str] | None = None, streams: Streams | None = None) -> int:
    """Run the command line; returns the exit code."""
    streams = streams or Streams(stdin=sys.stdin, stdout=sys.stdout, stderr=sys.stderr)
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    code: int = args.run(args, streams)
    return code
