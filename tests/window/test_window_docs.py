"""The worked examples of docs/window.md and docs/hours.md run as doctests."""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parents[2] / "docs"


@pytest.mark.parametrize("page", ["window.md", "hours.md"])
def test_doc_examples_hold(page: str) -> None:
    result = doctest.testfile(
        str(DOCS / page),
        module_relative=False,
        optionflags=doctest.ELLIPSIS,
        verbose=False,
        raise_on_error=False,
    )
    assert result.attempted > 10
    assert result.failed == 0


def test_windows_page_has_both_meta_examples_and_the_timeline() -> None:
    text = (DOCS / "window.md").read_text(encoding="utf-8")
    assert "Example 1: user writes at hour 2" in text
    assert "Example 2: user writes from an ad at 10:00" in text
    assert "open strictly" not in text  # the boundary is stated as t <= at < t + 24 h
    assert "t <= at < t + 24 h" in text
