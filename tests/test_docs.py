"""The code in the core docs pages is correct.

Every ```python block of a page runs, in order, in one namespace per page (so a
block may use what an earlier one defined). Every ```json block of the events page
is a canonical event that reads and writes back to exactly the same shape.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from wamsg import event_from_dict

DOCS = Path(__file__).resolve().parent.parent / "docs"
PAGES = (
    "identity.md",
    "messages.md",
    "content.md",
    "delivery.md",
    "events.md",
    "errors.md",
    "inbox.md",
    "templates.md",
    "accounts.md",
    "limits.md",
    "gate.md",
    "routing.md",
    "flows.md",
)
_FENCE = re.compile(r"^```(\w+)\n(.*?)^```$", re.MULTILINE | re.DOTALL)


def fenced_blocks(text: str, language: str) -> list[str]:
    """The bodies of the fenced code blocks of ``language`` in a Markdown text."""
    return [body for lang, body in _FENCE.findall(text) if lang == language]


def test_fenced_blocks_finds_only_the_asked_language() -> None:
    text = "a\n```python\nx = 1\n```\n```json\n{}\n```\n```python\ny = 2\n```\n"
    assert fenced_blocks(text, "python") == ["x = 1\n", "y = 2\n"]
    assert fenced_blocks(text, "json") == ["{}\n"]


@pytest.mark.parametrize("page", PAGES)
def test_python_examples_run(page: str) -> None:
    blocks = fenced_blocks((DOCS / page).read_text(encoding="utf-8"), "python")
    assert blocks, f"{page} has no Python example"
    namespace: dict[str, object] = {"__name__": f"docs.{page}"}
    for number, block in enumerate(blocks, start=1):
        code = compile(block, f"{page} (python block {number})", "exec")
        exec(code, namespace)


def test_json_examples_of_the_events_page_are_canonical() -> None:
    blocks = fenced_blocks((DOCS / "events.md").read_text(encoding="utf-8"), "json")
    assert len(blocks) >= 4
    for block in blocks:
        data = json.loads(block)
        assert event_from_dict(data).to_dict() == data


def test_the_events_page_shows_both_design_examples_and_the_read_event() -> None:
    blocks = fenced_blocks((DOCS / "events.md").read_text(encoding="utf-8"), "json")
    types = [json.loads(block)["type"] for block in blocks]
    assert {"message.received", "message.sent", "conversation.read"} <= set(types)
