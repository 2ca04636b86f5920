"""Where a command reads and writes, so that tests can pass their own.

Standard input is read as bytes and decoded as UTF-8 whatever the locale (a
byte order mark is tolerated); output is written as UTF-8 (see :func:`standard`).
"""

from __future__ import annotations

import codecs
import io
import sys
from collections.abc import Iterator
from typing import TextIO

import attrs

from wamsg._internal.decode import JsonRefused, loads
from wamsg.errors import ValidationError
from wamsg.events import Event, event_from_dict

__all__ = ["LineError", "Streams", "standard"]


class LineError(Exception):
    """Bad input on one line of standard input: the line number and the error."""

    def __init__(self, line: int, error: ValidationError) -> None:
        super().__init__(f"line {line}: {error}")
        self.line = line
        self.error = error


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

    def read_bytes(self) -> bytes:
        """All of standard input as bytes (a text stream without a buffer is encoded)."""
        if self.stdin is None:  # the process was started with standard input closed
            return b""
        buffer = getattr(self.stdin, "buffer", None)
        if buffer is not None:
            data: bytes = buffer.read()
            return data
        return self.stdin.read().encode("utf-8", "surrogatepass")

    def lines(self) -> Iterator[tuple[int, str]]:
        """The non-blank lines of standard input with their numbers, decoded as UTF-8.

        Raises :class:`LineError` for a line that is not UTF-8.
        """
        data = self.read_bytes()
        if data.startswith(codecs.BOM_UTF8):
            data = data[len(codecs.BOM_UTF8) :]
        for number, raw in enumerate(data.split(b"\n"), start=1):
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as error:
                reason = f"not UTF-8 (byte {error.start + 1} of the line)"
                raise LineError(number, ValidationError(reason, field="stdin")) from None
            if line.strip():
                yield number, line

    def events(self) -> Iterator[tuple[int, Event]]:
        """Canonical events, one JSON object a line, with their line numbers.

        Raises :class:`LineError` for a line that is not UTF-8, not JSON or not an event.
        """
        for number, line in self.lines():
            try:
                data = loads(line)
            except JsonRefused as error:
                raise LineError(number, ValidationError(str(error), field="json")) from None
            try:
                yield number, event_from_dict(data)
            except ValidationError as error:
                raise LineError(number, error) from None


def _utf8(stream: TextIO, errors: str) -> TextIO:
    if isinstance(stream, io.TextIOWrapper):
        stream.reconfigure(encoding="utf-8", errors=errors)
    return stream


def standard() -> Streams:
    """The process's own streams, writing UTF-8 whatever the locale.

    Messages on standard error never fail to encode (``backslashreplace``).
    """
    return Streams(
        stdin=sys.stdin,
        stdout=_utf8(sys.stdout, "strict"),
        stderr=_utf8(sys.stderr, "backslashreplace"),
    )
