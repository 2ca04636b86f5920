"""Plain-text tables for the command line (no dependencies)."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

__all__ = ["render_table", "shorten", "width"]


def width(text: str) -> int:
    """Display width of ``text`` in a terminal (wide East Asian and emoji count 2)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def shorten(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` columns, ending in "…" when it was cut."""
    if width(text) <= limit:
        return text
    kept, used = [], 1
    for ch in text:
        used += width(ch)
        if used > limit:
            break
        kept.append(ch)
    return "".join(kept).rstrip() + "…"


def render_table(rows: Sequence[Sequence[str]]) -> str:
    """Render rows (the first is the header) as aligned columns with a rule."""
    widths = [max(width(row[i]) for row in rows) for i in range(len(rows[0]))]

    def line(row: Sequence[str]) -> str:
        cells = (cell + " " * (w - width(cell)) for cell, w in zip(row, widths, strict=True))
        return "  ".join(cells).rstrip()

    rule = "  ".join("─" * w for w in widths)
    return "\n".join([line(rows[0]), rule, *(line(row) for row in rows[1:])])
