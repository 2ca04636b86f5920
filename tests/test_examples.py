"""Every script in ``examples/`` runs on its own, exits 0 and prints something."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
SCRIPTS = sorted(EXAMPLES.glob("*.py")) if EXAMPLES.is_dir() else []


@pytest.mark.skipif(not SCRIPTS, reason="no example scripts yet")
@pytest.mark.parametrize("script", SCRIPTS, ids=lambda path: path.name)
def test_example_runs_and_prints(script: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(script)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=script.parent,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip(), f"{script.name} printed nothing"
