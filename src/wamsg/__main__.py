"""``python -m wamsg``: the same as the ``wamsg`` command."""

from __future__ import annotations

import sys

from wamsg.cli import main

if __name__ == "__main__":  # pragma: no cover - exercised through the console script
    sys.exit(main())
