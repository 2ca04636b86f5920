"""wamsg's own internals, shared by every package: JSON helpers and time parsing
(``json``), packaged data (``data``) and HS256 JSON Web Tokens (``jwt``). Not public
API: names here may change without notice.
"""

__all__: list[str] = []
