"""Placeholders in template text: ``{{1}}`` (positional) and ``{{first_name}}`` (named).

Facts ([rule meta.template.parameter-format] [rule meta.template.placeholder.well-formed]):
positional placeholders are ``{{1}}``, ``{{2}}`` … sequential from 1; named
placeholders are lowercase letters and underscores; anything else between double
braces, or a stray ``{{`` / ``}}``, is a "bad placeholder" that Meta rejects as
``INVALID_FORMAT``.
"""

from __future__ import annotations

import re

import attrs

__all__ = ["ParsedText", "Placeholder", "parse_text"]

_TOKEN = re.compile(r"\{\{([^{}]*)\}\}")
_POSITIONAL = re.compile(r"[0-9]{1,6}")  # longer numbers are malformed, not a crash
# Named parameter names: lowercase letters and underscores [rule meta.template.parameter-format].
_NAMED = re.compile(r"[a-z_]+")


@attrs.frozen
class Placeholder:
    """One well-formed placeholder: its ``name`` (``"1"`` or ``"first_name"``) and offset."""

    name: str
    offset: int

    @property
    def positional(self) -> bool:
        """True for ``{{1}}``-style placeholders."""
        return self.name.isdigit()

    @property
    def end(self) -> int:
        """Offset just after the closing braces."""
        return self.offset + len(self.name) + 4


@attrs.frozen
class ParsedText:
    """A text split into literal pieces around its placeholders.

    ``literals`` has one more item than ``placeholders``; rendering joins them.
    ``malformed`` lists (offset, snippet) of braces that are not a placeholder.
    """

    literals: tuple[str, ...]
    placeholders: tuple[Placeholder, ...]
    malformed: tuple[tuple[int, str], ...]
    names: tuple[str, ...] = attrs.field(init=False)
    """Placeholder names in order of appearance, without repeats."""

    send_order: tuple[str, ...] = attrs.field(init=False, repr=False)
    """The names in the order values are sent: by number when all are positional."""

    literal_length: int = attrs.field(init=False, repr=False)
    """Characters of fixed text (everything but the placeholders)."""
    repeats: bool = attrs.field(init=False, repr=False)
    """True when a placeholder name appears more than once."""

    @literal_length.default
    def _literal_length(self) -> int:
        return sum(map(len, self.literals))

    @repeats.default
    def _repeats(self) -> bool:
        return len(self.names) != len(self.placeholders)

    @names.default
    def _names(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(p.name for p in self.placeholders))

    @send_order.default
    def _send_order(self) -> tuple[str, ...]:
        if all(name.isdigit() for name in self.names):
            return tuple(sorted(self.names, key=int))
        return self.names


def _leftover_braces(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    cursor = 0
    for start, end in [*spans, (len(text), len(text))]:
        chunk = text[cursor:start]
        for mark in ("{{", "}}"):
            at = chunk.find(mark)
            while at != -1:
                found.append((cursor + at, mark))
                at = chunk.find(mark, at + 2)
        if start < len(text):
            if start > 0 and text[start - 1] == "{":
                found.append((start - 1, text[start - 1 : end]))
            if end < len(text) and text[end] == "}":
                found.append((start, text[start : end + 1]))
        cursor = end
    return found


def parse_text(text: str) -> ParsedText:
    """Split ``text`` into literals and placeholders; report malformed braces."""
    literals: list[str] = []
    placeholders: list[Placeholder] = []
    malformed: list[tuple[int, str]] = []
    spans: list[tuple[int, int]] = []
    cursor = 0
    for match in _TOKEN.finditer(text):
        name = match.group(1)
        spans.append(match.span())
        if _POSITIONAL.fullmatch(name) or _NAMED.fullmatch(name):
            literals.append(text[cursor : match.start()])
            placeholders.append(Placeholder(name, match.start()))
            cursor = match.end()
        else:
            malformed.append((match.start(), match.group(0)))
    literals.append(text[cursor:])
    malformed.extend(_leftover_braces(text, spans))
    malformed.sort()
    return ParsedText(tuple(literals), tuple(placeholders), tuple(malformed))
