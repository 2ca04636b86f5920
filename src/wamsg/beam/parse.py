"""Canonical events from JSON lines or dicts, in a Beam pipeline: :class:`ParseEvents`.

A line is read exactly as ``wamsg bill`` and ``wamsg window`` read standard input: UTF-8
(a byte order mark before the first line tolerated), strict JSON (RFC 8259, as wamsg reads
every JSON), one canonical event a line (``docs/events.md``), blank lines skipped. A line
that is not UTF-8, not JSON or not an event is a :class:`~wamsg.errors.ValidationError`
that names the line: ``line 12: type: must name the event type`` (``events.jsonl line 12``
when the line came with its source).
"""

from __future__ import annotations

import codecs
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from wamsg._internal.decode import JsonRefused, loads
from wamsg.beam._beam import beam
from wamsg.errors import ValidationError
from wamsg.events import Event, event_from_dict

__all__ = ["ParseEvents", "event_of", "numbered_lines"]


def numbered_lines(lines: Iterable[bytes], source: str | None = None) -> Iterator[tuple[str, str]]:
    """``(where, text)`` for each non-blank line of a file's raw lines, decoded as UTF-8.

    ``where`` is ``"line N"`` (``"SOURCE line N"`` with a ``source``). A line that is not
    UTF-8 is a :class:`ValidationError` naming it, as ``wamsg bill`` reports it.
    """
    prefix = "" if source is None else f"{source} "
    for number, raw in enumerate(lines, start=1):
        if number == 1 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[len(codecs.BOM_UTF8) :]
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            reason = f"not UTF-8 (byte {error.start + 1} of the line)"
            raise ValidationError(reason, field=f"{prefix}line {number}") from None
        if text.strip():
            yield f"{prefix}line {number}", text


def event_of(item: object) -> Event:
    """The event of one input: a JSON line, a canonical dict, or a ``(where, line)`` pair.

    Raises :class:`ValidationError` naming the line (its ``where``, or the line itself
    when it came without one) and what is wrong with it.
    """
    where: str | None = None
    if isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], str):
        where, item = item
    try:
        if isinstance(item, bytes):
            item = item.decode("utf-8")
        data = loads(item) if isinstance(item, str) else item
        if not isinstance(data, Mapping):
            raise ValidationError("must be a JSON object (one event a line)", field="event")
        return event_from_dict(data)
    except UnicodeDecodeError as error:
        located = ValidationError(
            f"not UTF-8 (byte {error.start + 1} of the line)", field=where or "line"
        )
    except JsonRefused as error:
        located = _located(ValidationError(str(error), field="json"), where, item)
    except ValidationError as error:
        located = _located(error, where, item)
    raise located


def _located(error: ValidationError, where: str | None, item: object) -> ValidationError:
    """The error with the line it is on: ``line 3: json: …``."""
    reason = f"{error.field}: {error.reason}"
    if where is None:
        return ValidationError(reason, field="line", value=item)
    located = ValidationError(reason, field=where, value=error.value)
    located.__cause__ = error
    return located


def _events(item: object) -> Iterator[Event]:
    if isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], str):
        text = item[1]
    else:
        text = item
    if isinstance(text, (str, bytes)) and not text.strip():
        return
    yield event_of(item)


class ParseEvents(beam.PTransform):  # type: ignore[misc]
    """JSON lines (``str``/``bytes``), canonical dicts or ``(where, line)`` pairs → events.

    Blank lines are skipped; a bad line fails the pipeline with a
    :class:`ValidationError` naming it (see the module docs). Pairs come from
    :func:`numbered_lines`, which keeps each line's number.
    """

    def expand(self, lines: Any) -> Any:
        """The events of the lines."""
        return lines | "ParseEvent" >> beam.FlatMap(_events)
