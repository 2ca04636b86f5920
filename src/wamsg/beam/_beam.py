"""Apache Beam, imported once for :mod:`wamsg.beam`, with a clear error when it is missing.

Beam is an optional extra (``pip install 'wamsg[beam]'``): the core of wamsg never
imports it, and importing :mod:`wamsg.beam` without it raises an :class:`ImportError`
that says how to install it. Beam ships no types that mypy follows here: its names are
``Any`` at this boundary.
"""

from __future__ import annotations

from typing import Any

try:
    import apache_beam
    from apache_beam import coders as _coders
    from apache_beam import pvalue as _pvalue
except ImportError as error:  # pragma: no cover - the core suite runs without Beam
    raise ImportError("wamsg.beam needs Apache Beam: pip install 'wamsg[beam]'") from error

__all__ = ["beam", "coders", "pvalue"]

beam: Any = apache_beam
coders: Any = _coders
pvalue: Any = _pvalue
