"""The docs page lists every lint rule."""

from __future__ import annotations

from pathlib import Path

from wamsg.templates import RULES

DOC = Path(__file__).parent.parent.parent / "docs" / "templates.md"


def test_docs_table_lists_every_rule_with_its_severity() -> None:
    text = DOC.read_text(encoding="utf-8")
    for rule in RULES.values():
        assert f"| `{rule.id}` | {rule.severity.value} |" in text
