"""Shared helpers for the provider tests: fixtures as raw bytes, fixed secrets."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

FIXTURES = Path(__file__).parent.parent / "fixtures"
SECRET = "app-secret-ü"
ISSUED_AT = datetime(2026, 11, 20, 9, 0, tzinfo=timezone.utc)


def fixture(path: str) -> bytes:
    """The raw bytes of ``tests/fixtures/<path>`` (escapes untouched)."""
    return (FIXTURES / path).read_bytes()
