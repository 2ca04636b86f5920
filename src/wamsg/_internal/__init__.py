"""wamsg's own internals, shared by every package: JSON helpers and time parsing
(``json``), packaged data (``data``), HS256 JSON Web Tokens (``jwt``) and the trusted
constructor (``construct``). Not public API: names here may change without notice.
"""
