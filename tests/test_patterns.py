"""Every regular expression in ``src/wamsg`` was reviewed for linear time.

A pattern that can backtrack (nested or adjacent quantifiers over the same
characters, such as ``\\s*-\\s*`` under ``re.sub`` or ``(a+)+``) takes quadratic or
exponential time on a crafted input. This test lists every ``re`` call in the
package with the reason it is linear; a new pattern fails here until it is
reviewed and added. (The business-hours parser used ``\\s*[-–]\\s*``, which took
seconds on 32 kB of spaces; it is now a one-pass tokenizer.)
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "wamsg"

REVIEWED: dict[str, str] = {
    r"\\u[dD][89a-fA-F]": "fixed length",
    r"([0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}:[0-9]{2})"
    r"(?:[.,]([0-9]+))?([+-][0-9]{2}):?([0-9]{2})": "fullmatch; each quantifier ends at a "
    "character it cannot match",
    r":[a-z]+:`~?([^`]*)`": "each run ends at the next colon or backtick (our own docstrings)",
    r"``([^`]*)``": "each run ends at the next backtick (our own docstrings)",
    r"(?:([0-9]+)h)?(?:([0-9]+)m)?(?:([0-9]+)s)?": "fullmatch; digits end at a unit letter",
    r"([0-9]{1,2}):([0-9]{2})": "fixed length",
    r"[A-Z]{2}\.(?:ENT\.)?[0-9A-Za-z]{1,128}": "fullmatch; bounded",
    r"(?<![0-9])(13[0-9]{4}|470)(?![0-9])": "fixed length alternatives",
    r"(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9A-Fa-f]{2})*": "fullmatch; the alternatives "
    "start with different characters",
    r"[a-z0-9_]+": "one class",
    r"https?://|www\.": "fixed length alternatives",
    r"\{\{([^{}]*)\}\}": "a run ends at the next brace",
    r"[0-9]{1,6}": "bounded",
    r"[a-z_]+": "one class",
    r"[a-z]{2,3}(?:_[A-Z0-9]{2,3})?": "bounded",
    r"HX[0-9a-fA-F]{32}": "fixed length",
    r"[A-Z]{3}": "fixed length",
    r"[A-Za-z][A-Za-z0-9_-]{0,63}": "fullmatch; bounded, one class after the first",
    r"[A-Za-z_][A-Za-z0-9_]{0,63}": "fullmatch; bounded, one class after the first",
}


def patterns_in(root: Path) -> dict[str, str]:
    """Every literal pattern passed to a ``re`` function, with where it stands."""
    found: dict[str, str] = {}
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "re"
                and node.args
            ):
                first = node.args[0]
                pattern = first.value if isinstance(first, ast.Constant) else ast.unparse(first)
                found[str(pattern)] = f"{path.relative_to(root)}:{node.lineno}"
    return found


def test_every_pattern_was_reviewed() -> None:
    unreviewed = {p: where for p, where in patterns_in(SRC).items() if p not in REVIEWED}
    assert unreviewed == {}


def test_every_review_is_of_a_pattern_still_in_use() -> None:
    assert set(REVIEWED) <= set(patterns_in(SRC))


def test_a_new_pattern_is_caught(tmp_path: Path) -> None:
    (tmp_path / "m.py").write_text('import re\nX = re.compile(r"(a+)+b")\n', encoding="utf-8")
    assert patterns_in(tmp_path) == {"(a+)+b": "m.py:2"}
