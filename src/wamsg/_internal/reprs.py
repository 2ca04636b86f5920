"""Short, secret-free ``repr()`` pieces for attrs fields (``attrs.field(repr=...)``).

A folded state can hold tens of thousands of sends or conversations, each naming a
customer's phone; its ``repr`` (in a traceback, a log line, a debugger) shows how
many there are, not what they are. A raw string copied from a provider can be a
megabyte; its ``repr`` shows the beginning and the length.
"""

from __future__ import annotations

from collections.abc import Sized

__all__ = ["RAW_SHOWN", "capped", "sized"]

RAW_SHOWN = 40
"""How many characters of a raw string a ``repr`` shows."""


def sized(value: object) -> str:
    """``<3 items>`` for a collection (its contents are not shown); ``None`` as is."""
    if isinstance(value, Sized):
        count = len(value)
        return f"<{count} item{'' if count == 1 else 's'}>"
    return repr(value)


def capped(value: object) -> str:
    """The ``repr`` of a string, cut to its first :data:`RAW_SHOWN` characters.

    A cut string shows its length: ``'ABC…'… (1048576 chars)``.
    """
    if isinstance(value, str) and len(value) > RAW_SHOWN:
        return f"{value[:RAW_SHOWN]!r}… ({len(value)} chars)"
    return repr(value)
