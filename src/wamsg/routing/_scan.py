"""The character-level readers of the condition language: names, quoted texts, numbers.

Shared by :class:`~wamsg.routing.paths.Path` (quoted segments) and the condition lexer
(string and number literals). Every reader takes the whole text and a start offset and
returns what it read with the offset just after it, in one pass: no regular
expressions, no backtracking, and a quoted text looks for its closing quote and its
backslashes with ``str.find`` from positions that only move forward (linear even for
``'\\n\\n…'``). Errors are :class:`~wamsg.errors.ValidationError` naming the
character (1-based) where the problem is.

Quoted texts take single or double quotes and the escapes of JSON plus ``\\'``:
``\\\\ \\' \\" \\/ \\b \\f \\n \\r \\t \\uXXXX`` (a surrogate pair of ``\\u`` escapes makes
one character; a lone surrogate is refused).
"""

from __future__ import annotations

from decimal import Decimal

from wamsg._internal.decode import MAX_INT_DIGITS
from wamsg.errors import ValidationError

__all__ = [
    "NAME_FIRST",
    "NAME_REST",
    "at_char",
    "format_quoted",
    "is_name",
    "read_name",
    "read_number",
    "read_quoted",
]

NAME_FIRST = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_")
"""The characters a bare name (an identifier) may start with."""

NAME_REST = NAME_FIRST | frozenset("0123456789")
"""The characters a bare name may continue with."""

_DIGITS = frozenset("0123456789")
_HEX = frozenset("0123456789abcdefABCDEF")
_ESCAPES = {
    "\\": "\\",
    "'": "'",
    '"': '"',
    "/": "/",
    "b": "\b",
    "f": "\f",
    "n": "\n",
    "r": "\r",
    "t": "\t",
}
# What format_quoted writes as an escape (the quote is added per call).
_WRITTEN = {"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


def at_char(position: int) -> str:
    """``"at character 7"``: where a problem is, 1-based as editors count."""
    return f"at character {position + 1}"


def _refuse(reason: str, position: int, field: str, value: object = None) -> ValidationError:
    return ValidationError(f"{reason} {at_char(position)}", field=field, value=value)


def is_name(text: str) -> bool:
    """Whether ``text`` is a bare name: ``[A-Za-z_][A-Za-z0-9_]*`` (ASCII only)."""
    if not text or text[0] not in NAME_FIRST:
        return False
    return all(char in NAME_REST for char in text)


def read_name(text: str, start: int) -> int:
    """The end of the bare name starting at ``start`` (whose first character is checked)."""
    end = start + 1
    length = len(text)
    while end < length and text[end] in NAME_REST:
        end += 1
    return end


def _hex4(text: str, start: int, field: str) -> int:
    digits = text[start : start + 4]
    if len(digits) != 4 or not all(char in _HEX for char in digits):
        raise _refuse("a \\u escape needs four hex digits", start - 2, field)
    return int(digits, 16)


def _unicode_escape(text: str, start: int, field: str) -> tuple[str, int]:
    """The character of the ``\\uXXXX`` escape whose ``u`` is at ``start - 1``."""
    code = _hex4(text, start, field)
    end = start + 4
    if 0xD800 <= code < 0xDC00 and text.startswith("\\u", end):
        low = _hex4(text, end + 2, field)
        if 0xDC00 <= low < 0xE000:
            return chr(0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)), end + 6
    if 0xD800 <= code < 0xE000:
        raise _refuse("a \\u escape of a lone surrogate is not text", start - 2, field)
    return chr(code), end


def read_quoted(text: str, start: int, field: str) -> tuple[str, int]:
    """The text of the quoted string whose opening quote is at ``start``, and its end."""
    quote = text[start]
    parts: list[str] = []
    position = start + 1
    closing = text.find(quote, position)
    while True:
        if closing < position:
            closing = text.find(quote, position)
        if closing < 0:
            raise _refuse("a quoted text is not closed: it opens", start, field)
        backslash = text.find("\\", position, closing)
        if backslash < 0:
            parts.append(text[position:closing])
            return "".join(parts), closing + 1
        parts.append(text[position:backslash])
        escaped = text[backslash + 1 : backslash + 2]
        if escaped == "u":
            char, position = _unicode_escape(text, backslash + 2, field)
            parts.append(char)
            continue
        if escaped not in _ESCAPES:
            raise _refuse(
                "an unknown escape (use \\\\ \\' \\\" \\n \\t \\uXXXX …)",
                backslash,
                field,
                text[backslash : backslash + 2],
            )
        parts.append(_ESCAPES[escaped])
        position = backslash + 2


def format_quoted(value: str, quote: str = "'") -> str:
    """``value`` as a quoted text that :func:`read_quoted` reads back to ``value``.

    The quote and the backslash are escaped, and so are the control characters, so the
    written form is one line.
    """
    out = [quote]
    for char in value:
        if char == quote:
            out.append("\\" + quote)
        elif char in _WRITTEN:
            out.append(_WRITTEN[char])
        elif char < " " or char == "\x7f":
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    out.append(quote)
    return "".join(out)


def _digits_end(text: str, start: int) -> int:
    end = start
    length = len(text)
    while end < length and text[end] in _DIGITS:
        end += 1
    return end


def read_number(text: str, start: int, field: str) -> tuple[int | Decimal, int]:
    """The number starting at ``start`` (``-?digits(.digits)?([eE][+-]?digits)?``).

    Without a fraction or an exponent it is an ``int`` (at most 4,000 digits), otherwise
    a finite :class:`~decimal.Decimal` within 10**±4000 (never a float).
    """
    position = start + 1 if text.startswith("-", start) else start
    end = _digits_end(text, position)
    if end == position:
        raise _refuse("a number needs digits", start, field, text[start : start + 2])
    exact = True
    if text.startswith(".", end):
        fraction = _digits_end(text, end + 1)
        if fraction == end + 1:
            raise _refuse("a decimal point needs digits after it", end, field)
        end, exact = fraction, False
    if end < len(text) and text[end] in "eE":
        sign = end + 2 if text[end + 1 : end + 2] in ("+", "-") else end + 1
        exponent = _digits_end(text, sign)
        if exponent == sign:
            raise _refuse("an exponent needs digits", end, field)
        end, exact = exponent, False
    if end < len(text) and (text[end] in NAME_REST or text[end] == "."):
        raise _refuse("a number runs into other characters", start, field, text[start : end + 1])
    written = text[start:end]
    return (_integer if exact else _decimal)(written, start, field), end


def _integer(written: str, start: int, field: str) -> int:
    if len(written.lstrip("-")) > MAX_INT_DIGITS:
        raise _refuse(f"an integer of more than {MAX_INT_DIGITS} digits", start, field)
    return int(written)


def _decimal(written: str, start: int, field: str) -> Decimal:
    try:
        number = Decimal(written)
    except ArithmeticError:  # an exponent beyond what decimal holds
        number = Decimal("NaN")
    if not number.is_finite() or (number and abs(number.adjusted()) > MAX_INT_DIGITS):
        raise _refuse(
            f"a decimal beyond 10**±{MAX_INT_DIGITS}", start, field, written[:40] or None
        )
    return number
