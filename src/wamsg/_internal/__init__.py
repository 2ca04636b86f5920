"""wamsg's own internals: JSON helpers and access to packaged data. Not public API."""
