"""The ``wamsg`` command line: the only part of wamsg that does I/O.

Each sub-command lives in its own module under :mod:`wamsg.cli` and exposes
``register(subparsers)``, which adds its parser and sets ``run`` to a function
``run(args, streams) -> exit code``. Exit codes: 0 success, 1 the answer is
"no" (e.g. lint errors), 2 bad input, usage or output that cannot be written.

Every command is a Unix filter: it reads standard input as UTF-8 bytes whatever
the locale, writes UTF-8, ends quietly when the reader closes the pipe
(``wamsg demo | head -1``), and reports a write error (``> /dev/full``) in one
line with exit code 2.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from wamsg._internal.version import VERSION
from wamsg.cli._streams import Streams, standard

__all__ = ["COMMANDS", "Streams", "build_parser", "main"]

COMMANDS: tuple[str, ...] = (
    "demo",
    "lint_template",
    "bill",
    "price",
    "parse",
    "window",
    "limits",
)
"""Modules of :mod:`wamsg.cli` that each register one sub-command."""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every sub-command registered."""
    parser = argparse.ArgumentParser(
        prog="wamsg",
        description="WhatsApp Business messaging for helpdesks, without I/O of its own.",
    )
    parser.add_argument("--version", action="version", version=f"wamsg {VERSION}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"wamsg.cli.{name}").register(sub)
    return parser


def _run(argv: Sequence[str] | None, streams: Streams) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    code: int = args.run(args, streams)
    return code


def _silence_stdout() -> None:
    """Point standard output at /dev/null, so the exit flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no file descriptor (an embedding host): nothing to do
        pass


def main(argv: Sequence[str] | None = None, streams: Streams | None = None) -> int:
    """Run the command line; returns the exit code.

    With ``streams`` (tests, embedding) the command reads and writes there and
    nothing else is touched; without, it uses the process's standard streams.
    """
    if streams is not None:
        return _run(argv, streams)
    if sys.stdout is None:  # started with standard output closed (``>&-``)
        if sys.stderr is not None:
            sys.stderr.write("wamsg: cannot write the output: standard output is closed\n")
        return 2
    streams = standard()
    try:
        code = _run(argv, streams)
        streams.stdout.flush()
    except BrokenPipeError:  # the reader is gone (``| head``): stop quietly
        _silence_stdout()
        return 0
    except OSError as error:
        _silence_stdout()
        streams.err(f"wamsg: cannot write the output: {error.strerror or error}")
        return 2
    return code
