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
from typing import NoReturn

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
    "route",
    "flow",
)
"""Modules of :mod:`wamsg.cli` that each register one sub-command."""


class UsageError(Exception):
    """Bad command-line input: the command (``wamsg limits``) and one line of message."""

    def __init__(self, prog: str, message: str) -> None:
        super().__init__(f"{prog}: {message}")
        self.prog = prog
        self.message = message


class _Parser(argparse.ArgumentParser):
    """An argument parser that reports bad input as one line, without the usage.

    :meth:`error` raises :class:`UsageError` (``wamsg limits: --free-form: not
    allowed with --template``); :func:`main` writes it and exits with 2. The
    sub-command parsers are of this class too (``add_subparsers`` makes them so).
    ``--help`` still prints the full help.
    """

    def error(self, message: str) -> NoReturn:
        # argparse says "argument --free-form: not allowed with argument --template"
        text = " ".join(message.replace(" with argument ", " with ").split())
        text = text.removeprefix("argument ")
        raise UsageError(self.prog, text)

    def parse_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> argparse.Namespace:
        parsed, extras = self.parse_known_args(args, namespace)
        if extras:  # name the sub-command the unknown input was given to
            command = getattr(parsed, "command", None)
            prog = f"{self.prog} {command}" if command else self.prog
            what = "unknown option" if extras[0].startswith("-") else "unexpected argument"
            raise UsageError(prog, f"{extras[0]}: {what}")
        return parsed


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every sub-command registered."""
    parser = _Parser(
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
    except SystemExit as exit_:  # --help, --version
        return int(exit_.code or 0)
    except UsageError as error:
        streams.err(str(error))
        return 2
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
