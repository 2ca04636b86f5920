"""The README's taste of the API runs, and its two commands are the ones CI uses."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

from .test_docs import fenced_blocks

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_taste_of_the_api_runs_and_prints_a_decision() -> None:
    (block,) = fenced_blocks(README, "python")
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(block, "README.md", "exec"), {"__name__": "readme"})
    assert "window_open" in out.getvalue()
    assert "5 conversations, 5 wait for a reply" in out.getvalue()


def test_the_readme_gives_the_demo_and_test_commands_first() -> None:
    commands = fenced_blocks(README, "sh")
    assert commands[0].strip().endswith("wamsg demo")
    assert commands[1].strip().endswith("python -m pytest")


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install --quiet -e '.[test]'" in ci
    assert "-m pytest" in ci
