"""Help texts: module docstrings written for people at a terminal, not for Sphinx."""

from __future__ import annotations

import re

__all__ = ["plain"]

# :role:`~dotted.Name` or :role:`text` → the last name or the text; ``code`` → code.
_ROLE = re.compile(r":[a-z]+:`~?([^`]*)`")
_LITERAL = re.compile(r"``([^`]*)``")


def plain(text: str | None) -> str:
    """``text`` with reST markup removed: roles become their names, literals their text."""
    if not text:
        return ""
    text = _ROLE.sub(lambda match: match[1].rsplit(".", 1)[-1], text)
    return _LITERAL.sub(r"\1", text).replace("::\n", ":\n")
