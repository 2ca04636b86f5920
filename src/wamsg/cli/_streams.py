"""Where a command reads and writes, so that tests can pass their own."""

from __future__ import annotations

from typing import TextIO

import attrs

from wamsg.errors import ValidationError

__all__ = ["Streams"]


@attrs.frozen
class Streams:
    """The standard streams a command uses."""

    stdin: TextIO
    stdout: TextIO
    stderr: TextIO

    def out(self, text: str = "") -> None:
        """Write a line to standard output."""
        self.stdout.write(text + "\n")

    def err(self, text: str) -> None:
        """Write a line to standard error."""
        self.stderr.write(text + "\n")

    def fail(self, error: ValidationError, *, line: int | None = None) -> int:
        """Report bad input on standard error and return exit code 2."""
        where = f"line {line}: " if line is not None else ""
        self.err(f"wamsg: {where}{error}")
        return 2
