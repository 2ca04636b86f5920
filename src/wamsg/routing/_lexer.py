"""The lexer of the condition text: one left-to-right pass into a list of tokens.

Tokens are paths, keywords (lower-cased: keywords are case-insensitive, ``AND`` and
``IN`` as TaskRouter writes them), quoted texts, numbers, the six comparison operators
and the punctuation ``( ) [ ] ,``. Whitespace (space, tab, newline, carriage return)
separates tokens; any other character outside a quoted text is an error naming its
position, with a hint for the usual slips (``=`` for ``==``, ``&&`` for ``and``).
"""

from __future__ import annotations

from decimal import Decimal

import attrs

from wamsg.errors import ValidationError
from wamsg.routing._scan import NAME_FIRST, at_char, read_name, read_number, read_quoted
from wamsg.routing.paths import RESERVED_WORDS, Path, _read_path

__all__ = ["Token", "tokenize"]

_SPACE = frozenset(" \t\n\r")
_PUNCTUATION = frozenset("()[],")
_NUMBER_START = frozenset("-0123456789")
_HINTS = {
    "=": "write '==' to compare",
    "&": "write 'and'",
    "|": "write 'or'",
    "!": "write 'not' (or '!=')",
}


@attrs.frozen
class Token:
    """One token: ``kind`` is ``path``, ``word``, ``string``, ``number``, ``op``,
    ``punct`` or ``end``; ``value`` what it holds; ``start`` its offset."""

    kind: str
    value: str | int | Decimal | Path
    start: int


def _operator(text: str, position: int) -> str | None:
    two = text[position : position + 2]
    if two in ("==", "!=", "<=", ">="):
        return two
    if two[:1] in ("<", ">"):
        return two[:1]
    return None


def _refuse(text: str, position: int, field: str) -> ValidationError:
    char = text[position]
    hint = _HINTS.get(char)
    reason = f"unexpected {char!r} {at_char(position)}"
    return ValidationError(f"{reason}: {hint}" if hint else reason, field=field)


def tokenize(text: str, field: str) -> list[Token]:
    """The tokens of ``text``, ending with an ``end`` token; errors name a position."""
    tokens: list[Token] = []
    position = 0
    length = len(text)
    while position < length:
        char = text[position]
        if char in _SPACE:
            position += 1
        elif char in NAME_FIRST:
            end = read_name(text, position)
            word = text[position:end].lower()
            if word in RESERVED_WORDS and not text.startswith(".", end):
                tokens.append(Token("word", word, position))
                position = end
            else:
                path, end = _read_path(text, position, field)
                tokens.append(Token("path", path, position))
                position = end
        elif char in _PUNCTUATION:
            tokens.append(Token("punct", char, position))
            position += 1
        elif char in ("'", '"'):
            value, end = read_quoted(text, position, field)
            tokens.append(Token("string", value, position))
            position = end
        elif char in _NUMBER_START:
            number, end = read_number(text, position, field)
            tokens.append(Token("number", number, position))
            position = end
        else:
            op = _operator(text, position)
            if op is None:
                raise _refuse(text, position, field)
            tokens.append(Token("op", op, position))
            position += len(op)
    tokens.append(Token("end", "", length))
    return tokens
