"""Every script in ``examples/`` runs on its own, exits 0 and prints something.

The Beam examples (``beam_*.py``) need the ``beam`` extra: without Apache Beam they are
skipped here, and the Beam step of CI runs them.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
SCRIPTS = sorted(EXAMPLES.glob("*.py")) if EXAMPLES.is_dir() else []
HAS_BEAM = importlib.util.find_spec("apache_beam") is not None


@pytest.mark.skipif(not SCRIPTS, reason="no example scripts yet")
@pytest.mark.parametrize("script", SCRIPTS, ids=lambda path: path.name)
def test_example_runs_and_prints(script: Path) -> None:
    if script.name.startswith("beam_") and not HAS_BEAM:
        pytest.skip("needs Apache Beam: pip install 'wamsg[beam]' (run in CI's Beam step)")
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
