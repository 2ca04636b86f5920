"""wamsg benchmarks: ``python -m bench`` (``--quick`` for a smoke run)."""
