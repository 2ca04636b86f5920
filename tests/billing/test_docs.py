"""The code in docs/billing.md runs and prints what the page says."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

PAGE = Path(__file__).resolve().parent.parent.parent / "docs" / "billing.md"
_FENCE = re.compile(r"^```python\n(.*?)^```$", re.MULTILINE | re.DOTALL)
_SHOWN = re.compile(r"^# (\S.*?)(?:\s{2,}\(.*\))?$", re.MULTILINE)


def test_every_python_block_runs_and_prints_the_documented_lines() -> None:
    blocks = _FENCE.findall(PAGE.read_text(encoding="utf-8"))
    assert len(blocks) >= 5  # one worked example per period at least
    namespace: dict[str, object] = {"__name__": "docs.billing"}
    for number, block in enumerate(blocks, start=1):
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            exec(compile(block, f"billing.md (python block {number})", "exec"), namespace)
        printed = out.getvalue()
        for shown in _SHOWN.findall(block):
            assert shown in printed, (number, shown)
