"""The Python examples of docs/providers.md run, in order, in one namespace."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

from tests.test_docs import fenced_blocks

PAGE = Path(__file__).resolve().parent.parent.parent / "docs" / "providers.md"


def test_provider_docs_examples_run() -> None:
    blocks = fenced_blocks(PAGE.read_text(encoding="utf-8"), "python")
    assert len(blocks) >= 3
    namespace: dict[str, object] = {"__name__": "docs.providers"}
    with contextlib.redirect_stdout(io.StringIO()) as out:
        for number, block in enumerate(blocks, start=1):
            exec(compile(block, f"providers.md (python block {number})", "exec"), namespace)
    assert "Hyvää" in out.getvalue()
