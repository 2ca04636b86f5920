"""Attribute paths of the condition language: ``customer.tier``, ``customer["customer-value"]``.

A :class:`Path` names one value in a routing context (nested mappings with text keys,
lists and tuples): a first segment that is a bare name, then any number of
``.name``, ``["quoted key"]`` (or ``['quoted key']``) and ``[index]`` segments, at most
:data:`MAX_PATH_SEGMENTS` in all. A key that is not a bare name (``[A-Za-z_][A-Za-z0-9_]*``)
is written quoted: ``customer.customer-value`` is refused, not read as a subtraction
(TaskRouter's expressions cannot reach hyphenated keys at all). The first segment may
not be one of the language's :data:`RESERVED_WORDS`, so that a path never reads as an
operator.

``str(path)`` is the canonical text (dots for bare names, ``["…"]`` with JSON escapes
otherwise, ``[n]`` for indices); :meth:`Path.parse` reads it back to an equal path.
:meth:`Path.lookup` walks a context and answers :data:`MISSING` for anything absent,
not walkable or null.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Mapping
from typing import Final

import attrs

from wamsg._internal.fields import text_of
from wamsg._internal.json import is_text
from wamsg.errors import ValidationError
from wamsg.routing._scan import NAME_FIRST, at_char, is_name, read_name, read_quoted

__all__ = ["MAX_PATH_SEGMENTS", "MISSING", "RESERVED_WORDS", "Path"]

MAX_PATH_SEGMENTS = 16
"""The most segments a path may have (``a.b[0]`` has three)."""

_MAX_INDEX_DIGITS = 9

RESERVED_WORDS: frozenset[str] = frozenset(
    {
        "and",
        "contains",
        "false",
        "has",
        "in",
        "is",
        "not",
        "null",
        "open",
        "or",
        "starts_with",
        "true",
    }
)
"""The keywords of the condition language (matched case-insensitively): a path cannot
start with one (``conversation.open`` is fine, ``open`` alone is the function)."""


class _Missing(enum.Enum):
    """The type of :data:`MISSING` (one member, so it survives copying and pickling)."""

    MISSING = "MISSING"

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Final = _Missing.MISSING
"""What a path finds where there is nothing: an absent key, an index past the end, a
value that cannot be walked into, or a null (None) value."""


def _check_segments(value: object) -> tuple[str | int, ...]:
    """Converter: the segments as a tuple, each checked (see :class:`Path`)."""
    segments = tuple(value) if isinstance(value, (tuple, list)) else None
    if not segments:
        raise ValidationError("must be a non-empty tuple of segments", field="path", value=value)
    if len(segments) > MAX_PATH_SEGMENTS:
        raise ValidationError(
            f"a path has at most {MAX_PATH_SEGMENTS} segments", field="path", value=len(segments)
        )
    first = segments[0]
    if type(first) is not str or not is_name(first) or first.lower() in RESERVED_WORDS:
        raise ValidationError(
            "the first segment must be a bare name that is not a keyword",
            field="path",
            value=first,
        )
    for segment in segments[1:]:
        if type(segment) is str:
            if not is_text(segment):
                raise ValidationError("a segment holds a lone surrogate", field="path")
        elif type(segment) is not int or not 0 <= segment < 10**_MAX_INDEX_DIGITS:
            raise ValidationError(
                f"a segment is a text key or an index from 0 to {10**_MAX_INDEX_DIGITS - 1}",
                field="path",
                value=segment,
            )
    return segments


def _format(segments: tuple[str | int, ...]) -> str:
    out = [str(segments[0])]
    for segment in segments[1:]:
        if type(segment) is int:
            out.append(f"[{segment}]")
        elif is_name(segment):  # type: ignore[arg-type]
            out.append(f".{segment}")
        else:
            out.append(f"[{json.dumps(segment, ensure_ascii=False)}]")
    return "".join(out)


@attrs.frozen(repr=False)
class Path:
    """A path to one value of a routing context: text keys and list indices.

    Build it with :meth:`parse` (``Path.parse('customer["customer-value"]')``) or from
    its segments (``Path(("customer", "customer-value"))``). Paths are equal when
    their segments are; ``str()`` gives the canonical text.
    """

    segments: tuple[str | int, ...] = attrs.field(converter=_check_segments)
    _text: str = attrs.field(init=False, eq=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_text", _format(self.segments))

    @classmethod
    def parse(cls, text: str, field: str = "path") -> Path:
        """Read a path's text (``customer.tier``, ``tags[0]``, ``customer['x y']``).

        Raises :class:`~wamsg.errors.ValidationError` naming ``field`` and the
        character where the text stops being a path.
        """
        field = text_of(field, "field", empty=True)
        if type(text) is not str or not text:
            raise ValidationError("a path must be a non-empty string", field=field, value=text)
        if not is_text(text):
            raise ValidationError("holds a lone surrogate, which is not text", field=field)
        path, end = _read_path(text, 0, field)
        if end != len(text):
            raise ValidationError(
                f"unexpected {text[end]!r} {at_char(end)}: a path is names joined by '.' "
                'and ["key"] or [index] segments, without spaces',
                field=field,
                value=text,
            )
        return path

    def lookup(self, context: Mapping[str, object]) -> object:
        """The value at this path in ``context``, or :data:`MISSING`.

        Text segments step into mappings, index segments into lists and tuples; any
        other step (a key of a list, an index of a mapping, a step into a text or a
        number, a key that is absent, an index past the end) finds :data:`MISSING`, and
        so does a None value, at the end or on the way.
        """
        value: object = context
        for segment in self.segments:
            if isinstance(segment, str):
                if type(value) is dict or isinstance(value, Mapping):
                    value = value.get(segment)
                else:
                    return MISSING
            elif (type(value) is list or type(value) is tuple) and segment < len(value):
                value = value[segment]
            else:
                return MISSING
            if value is None:
                return MISSING
        return value

    def __str__(self) -> str:
        return self._text

    def __repr__(self) -> str:
        return f"Path({self._text!r})"


def _hyphen_hint(text: str, start: int, end: int, field: str) -> ValidationError:
    """The error for ``customer.customer-value``: a hyphen in a bare name."""
    stop = end
    while stop < len(text) and (text[stop] == "-" or text[stop].isalnum() or text[stop] == "_"):
        stop += 1
    word = text[start:stop]
    return ValidationError(
        f"a bare name cannot hold '-' {at_char(end)} (it is not a subtraction): quote the "
        f'key as ["{word}"]',
        field=field,
        value=text[max(0, start - 40) : stop],
    )


def _bracket(text: str, start: int, field: str) -> tuple[str | int, int]:
    """The segment in the brackets opening at ``start``, and the end after ``]``."""
    position = start + 1
    char = text[position : position + 1]
    segment: str | int
    if char in ("'", '"'):
        segment, position = read_quoted(text, position, field)
    elif char.isdigit() and char.isascii():
        end = position
        while end < len(text) and text[end].isascii() and text[end].isdigit():
            end += 1
        if end - position > _MAX_INDEX_DIGITS:
            raise ValidationError(
                f"an index has at most {_MAX_INDEX_DIGITS} digits {at_char(position)}",
                field=field,
            )
        segment, position = int(text[position:end]), end
    else:
        raise ValidationError(
            f"expected a quoted key or an index after '[' {at_char(start)}",
            field=field,
            value=text[start : start + 20],
        )
    if not text.startswith("]", position):
        raise ValidationError(
            f"expected ']' {at_char(position)}", field=field, value=text[start : position + 1]
        )
    return segment, position + 1


def _read_path(text: str, start: int, field: str) -> tuple[Path, int]:
    """The path starting at ``start`` (a name's first character) and where it ends."""
    if text[start : start + 1] not in NAME_FIRST or start >= len(text):
        raise ValidationError(
            f"a path starts with a name {at_char(start)}", field=field, value=text[start:][:20]
        )
    end = read_name(text, start)
    first = text[start:end]
    if first.lower() in RESERVED_WORDS:
        raise ValidationError(
            f"{first!r} is a keyword; a path cannot start with it {at_char(start)}",
            field=field,
        )
    segments: list[str | int] = [first]
    segment_start, position = start, end
    length = len(text)
    while position < length:
        char = text[position]
        if char == "-" and position + 1 < length and text[position + 1].isalnum():
            raise _hyphen_hint(text, segment_start, position, field)
        if char == ".":
            if text[position + 1 : position + 2] not in NAME_FIRST or position + 1 >= length:
                raise ValidationError(
                    f"expected a name after '.' {at_char(position)}", field=field
                )
            segment_start = position + 1
            end = read_name(text, segment_start)
            segments.append(text[segment_start:end])
            position = end
        elif char == "[":
            segment, position = _bracket(text, position, field)
            segments.append(segment)
        else:
            break
        if len(segments) > MAX_PATH_SEGMENTS:
            raise ValidationError(
                f"a path has at most {MAX_PATH_SEGMENTS} segments {at_char(position)}",
                field=field,
            )
    return Path(tuple(segments)), position
