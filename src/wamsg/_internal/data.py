"""Access to the data files packaged inside wamsg (``wamsg/data/*.json``).

This is the only module that reads files, and it reads only wamsg's own
package data, through :mod:`importlib.resources`, once per file (the text is
cached; every call decodes it afresh, so callers own what they get and cannot
change what the next caller sees).
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

from wamsg._internal.json import Json

__all__ = ["load_json", "package_files"]


@cache
def _text(name: str) -> str:
    """The text of the packaged data file ``name`` (read once, cached)."""
    return resources.files("wamsg").joinpath("data").joinpath(name).read_text(encoding="utf-8")


def load_json(name: str) -> Json:
    """Return the parsed JSON of the packaged data file ``name``.

    A fresh object on every call: the caller may change it freely.
    """
    result: Json = json.loads(_text(name))
    return result


def package_files(folder: str) -> tuple[str, ...]:
    """Names of the packaged data files under ``data/<folder>``, sorted."""
    root = resources.files("wamsg").joinpath("data").joinpath(folder)
    return tuple(sorted(entry.name for entry in root.iterdir() if entry.name.endswith(".json")))
