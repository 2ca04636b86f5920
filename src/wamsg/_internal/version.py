"""The version of wamsg, in one place."""

from __future__ import annotations

__all__ = ["VERSION"]

VERSION = "0.1.0.dev0"
"""This release of wamsg (the facade re-exports it as ``wamsg.__version__``)."""
