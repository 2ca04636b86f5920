"""wamsg does no I/O of its own: no clock, randomness, environment, files, network, output.

Every module under ``src/wamsg`` except the ``cli`` package (the one place that
reads stdin and writes stdout) is parsed with :mod:`ast` and checked for the
imports, attribute uses and calls that reach outside the process or read the
clock. Parsing, not text search, so docstrings and comments that *mention*
``datetime.now()`` are fine. ``_internal/data.py`` alone may read wamsg's packaged data
through :mod:`importlib.resources`.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "wamsg"
EXEMPT_PACKAGES = ("cli",)
DATA_READER = "_internal/data.py"

# Modules whose import alone means I/O, a clock, randomness or the environment.
FORBIDDEN_MODULES: dict[str, str] = {
    "os": "environment and files (os.environ, os.getenv, os.path, os.urandom)",
    "time": "the clock (time.time, time.monotonic): take `now` as an argument",
    "random": "randomness: take ids and choices as arguments",
    "secrets": "randomness (use hmac.compare_digest to compare secrets)",
    "pathlib": "file access",
    "shutil": "file access",
    "tempfile": "file access",
    "glob": "file access",
    "fileinput": "file access",
    "subprocess": "processes",
    "socket": "network",
    "ssl": "network",
    "urllib.request": "network",
    "http.client": "network",
    "http.server": "network",
    "requests": "network",
    "httpx": "network",
    "aiohttp": "network",
    "logging": "logging: return values, let the caller log",
}
# Modules only the packaged-data reader may import.
DATA_ONLY_MODULES = {
    "importlib.resources": "file access (only _internal/data.py reads packaged data)"
}
# Names that must not be imported from an otherwise fine module.
FORBIDDEN_NAMES: dict[tuple[str, str], str] = {
    ("uuid", "uuid1"): "randomness and the clock",
    ("uuid", "uuid4"): "randomness",
    ("io", "open"): "file access",
    ("pendulum", "now"): "the clock",
    ("pendulum", "today"): "the clock",
    ("pendulum", "tomorrow"): "the clock",
    ("pendulum", "yesterday"): "the clock",
    ("pendulum", "local_timezone"): "the environment (the machine's time zone)",
    ("sys", "stdin"): "input",
    ("sys", "stdout"): "output",
    ("sys", "stderr"): "output",
    ("importlib", "resources"): "file access (only _internal/data.py reads packaged data)",
}
# Attributes that must not be used, whatever object they hang on.
FORBIDDEN_ATTRIBUTES: dict[str, str] = {
    "now": "the clock: take `now` as an argument",
    "utcnow": "the clock: take `now` as an argument",
    "today": "the clock: take the day as an argument",
    "is_future": "the clock (pendulum compares with now)",
    "is_past": "the clock (pendulum compares with now)",
    "local_timezone": "the environment (the machine's time zone)",
    "uuid1": "randomness and the clock",
    "uuid4": "randomness",
    "environ": "the environment",
    "getenv": "the environment",
    "stdin": "input",
    "stdout": "output",
    "stderr": "output",
}
# pendulum methods that read the clock when called without an argument.
CLOCK_WITHOUT_ARGUMENT = {"diff", "diff_for_humans"}
FILE_OPENERS = {"io", "codecs"}
FORBIDDEN_CALLS: dict[str, str] = {
    "open": "file access",
    "print": "output: return values, let the caller print",
    "input": "input",
    "breakpoint": "debugging left in",
}


def _module_rules(module: str, data_reader: bool) -> str | None:
    rules = dict(FORBIDDEN_MODULES)
    if not data_reader:
        rules.update(DATA_ONLY_MODULES)
    for name, why in rules.items():
        if module == name or module.startswith(name + "."):
            return why
    return None


def _is_module_open(node: ast.Attribute) -> bool:
    """``io.open`` / ``codecs.open``: the built-in ``open`` by another name."""
    return (
        node.attr == "open" and isinstance(node.value, ast.Name) and node.value.id in FILE_OPENERS
    )


def impurities(source: str, *, data_reader: bool = False) -> list[str]:
    """Every impure construct in ``source``, as ``"line N: what (why)"``."""
    found: list[str] = []

    def report(node: ast.AST, what: str, why: str) -> None:
        found.append(f"line {getattr(node, 'lineno', 0)}: {what} ({why})")

    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                why = _module_rules(alias.name, data_reader)
                if why is not None:
                    report(node, f"import {alias.name}", why)
        elif isinstance(node, ast.ImportFrom) and node.module is not None and node.level == 0:
            why = _module_rules(node.module, data_reader)
            if why is not None:
                report(node, f"from {node.module} import …", why)
            for alias in node.names:
                rule = FORBIDDEN_NAMES.get((node.module, alias.name))
                if rule is not None and not (data_reader and alias.name == "resources"):
                    report(node, f"from {node.module} import {alias.name}", rule)
        elif isinstance(node, ast.Attribute) and node.attr in FORBIDDEN_ATTRIBUTES:
            report(node, f".{node.attr}", FORBIDDEN_ATTRIBUTES[node.attr])
        elif isinstance(node, ast.Attribute) and _is_module_open(node):
            report(node, "open", "file access")
        elif isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name) and func.id in FORBIDDEN_CALLS:
                report(node, f"{func.id}(…)", FORBIDDEN_CALLS[func.id])
            if (
                isinstance(func, ast.Attribute)
                and func.attr in CLOCK_WITHOUT_ARGUMENT
                and not node.args
                and not node.keywords
            ):
                report(node, f".{func.attr}()", "the clock: pass the other time")
    return found


def _modules() -> list[Path]:
    return sorted(
        path for path in SRC.rglob("*.py") if path.relative_to(SRC).parts[0] not in EXEMPT_PACKAGES
    )


def test_the_scan_finds_the_modules() -> None:
    names = {path.name for path in _modules()}
    assert {"identity.py", "model.py", "delivery.py", "data.py"} <= names
    assert not any(path.relative_to(SRC).parts[0] == "cli" for path in _modules())


@pytest.mark.parametrize("path", _modules(), ids=lambda path: str(path.relative_to(SRC)))
def test_module_is_pure(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    assert impurities(source, data_reader=path.relative_to(SRC) == Path(DATA_READER)) == []


# -- the scanner itself can fail ----------------------------------------------


@pytest.mark.parametrize(
    "snippet",
    [
        "from datetime import datetime\nnow = datetime.now()",
        "import datetime\nstamp = datetime.datetime.utcnow()",
        "from datetime import date\nday = date.today()",
        "import time\nstarted = time.time()",
        "import time as t\nt.monotonic()",
        "from time import monotonic",
        "import pendulum\nnow = pendulum.now('Europe/Helsinki')",
        "import pendulum\nday = pendulum.today()",
        "from pendulum import now",
        "def f(at):\n    return at.is_future()",
        "def f(at):\n    return at.is_past()",
        "def f(at):\n    return at.diff()",
        "def f(at):\n    return at.diff_for_humans()",
        "import random\nrandom.choice([1, 2])",
        "from random import randint",
        "import secrets\nsecrets.token_hex()",
        "import uuid\nuuid.uuid4()",
        "from uuid import uuid1",
        "import os\nos.environ['WAMSG']",
        "from os import getenv",
        "from os.path import join",
        "import os.path",
        "def f(os):\n    return os.getenv('X')",
        "data = open('rate_card.json').read()",
        "import io\nio.open('x')",
        "import codecs\ncodecs.open('x')",
        "from io import open",
        "from pathlib import Path",
        "import importlib.resources",
        "from importlib import resources",
        "import socket",
        "import urllib.request",
        "from http.client import HTTPSConnection",
        "import requests",
        "import httpx",
        "print('hello')",
        "import logging\nlogger = logging.getLogger(__name__)",
        "import sys\nsys.stdout.write('x')",
        "import subprocess",
    ],
)
def test_the_scan_catches_an_impure_snippet(snippet: str) -> None:
    assert impurities(snippet) != []


@pytest.mark.parametrize(
    "snippet",
    [
        '"""Never call datetime.now() or open(): take `now` as an argument."""',
        "# print(datetime.now())",
        "import hmac\nhmac.compare_digest(b'a', b'b')",
        "from datetime import datetime, timedelta\ndatetime.fromisoformat('2026-11-02')",
        "import pendulum\npendulum.datetime(2026, 11, 2, tz='Europe/Helsinki')",
        "def f(a, b):\n    return a.diff(b)",
        "from urllib.parse import urlencode",
        "import io\nio.StringIO()",
        "import uuid\nuuid.uuid5(uuid.NAMESPACE_URL, 'x')",
        "from datetime import time\nopening = time(9, 0)",
        "import json\njson.loads('{}')",
    ],
)
def test_the_scan_lets_pure_code_pass(snippet: str) -> None:
    assert impurities(snippet) == []


def test_only_the_data_reader_may_read_packaged_data() -> None:
    source = "from importlib import resources\nresources.files('wamsg')"
    assert impurities(source) != []
    assert impurities(source, data_reader=True) == []
    assert impurities("import importlib.resources", data_reader=True) == []
    assert impurities("import pathlib", data_reader=True) != []


def test_a_report_names_the_line_and_the_reason() -> None:
    assert impurities("x = 1\nprint(x)") == [
        "line 2: print(…) (output: return values, let the caller print)"
    ]
