"""``python -m wamsg``: the same as the ``wamsg`` command."""

from __future__ import annotations

import sys

from wamsg.cli import main

__all__: list[str] = []

if __name__ == "__main__":  # pragma: no cover - exercised through the console script
    sys.exit(main())
