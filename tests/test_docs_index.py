"""Every docs page is reachable from the index, and every link there resolves."""

from __future__ import annotations

import re
from pathlib import Path

DOCS = Path(__file__).resolve().parent.parent / "docs"
LINK = re.compile(r"\]\(([\w-]+\.md)\)")


def test_the_index_links_every_page_and_only_existing_ones() -> None:
    linked = set(LINK.findall((DOCS / "index.md").read_text(encoding="utf-8")))
    pages = {path.name for path in DOCS.glob("*.md")} - {"index.md"}
    assert linked == pages
