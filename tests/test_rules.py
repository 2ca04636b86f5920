"""``docs/rules.md`` and the code agree: every rule the code cites has a row, every row is cited.

The code cites a platform rule as ``[rule <id>]`` at the line that enforces it; the
table in ``docs/rules.md`` gives each id its rule, dates, public source and enforcing
modules. The checker functions below work on any table and any tree, so the last tests
feed them a tiny fake one to show that they do fail.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path

import attrs
import pytest

ROOT = Path(__file__).resolve().parent.parent
RULES_PAGE = ROOT / "docs" / "rules.md"
SRC = ROOT / "src"
HEADER = ("id", "rule", "from", "until", "source", "enforced by")
NO_DATE = "—"
ID = re.compile(r"[a-z0-9_-]+(?:\.[a-z0-9_-]+)+")
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
MODULE = re.compile(r"wamsg(?:\.[A-Za-z_][A-Za-z0-9_]*)*")
# Any "[rule …]" in src must name a row, so src citations are read loosely; elsewhere
# (docs explaining the syntax) only well-formed ids are taken as citations.
CITATION_ANY = re.compile(r"\[rule ([^\]]*)\]")
CITATION = re.compile(r"\[rule (" + ID.pattern + r")\]")
CITING_SUFFIXES = (".py", ".json", ".md")
# Citations of documents kept outside the repository. The pattern is built from pieces so
# that this file does not match it.
OUTSIDE = re.compile(
    "|".join(
        (
            "reference" + "/",
            "DESIGN" + r"\.md",
            "meta" + "-platform",
            "providers" + r"\.md[`\s]*§",
            "peers" + r"(?:\.md)?[`\s]*§",
            "peers" + r"\.md",
            "numbers" + r"\.md",
            "routing" + r"\.md[`\s]*§",
            r"\[" + r"M-[A-Z]",
            r"\[" + "3P-",
        )
    )
)
SCANNED = ("src", "docs", "README.md", "CHANGELOG.md", "bench", "tests", "examples")


class TableError(ValueError):
    """A line of the rules table that is not a well-formed row."""


@attrs.frozen
class Row:
    """One row of the rules table, with the line it was read from."""

    line: int
    id: str
    rule: str
    start: str
    until: str
    sources: tuple[str, ...]
    modules: tuple[str, ...]


def _cells(text: str) -> list[str]:
    return [cell.strip() for cell in text.strip().strip("|").split("|")]


def _unquote(cell: str) -> str:
    return cell.strip().strip("`").strip()


def parse_table(text: str) -> list[Row]:
    """Every row of every table in ``text``; raises :class:`TableError` on a bad line."""
    rows: list[Row] = []
    in_table = False
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.startswith("|"):
            in_table = False
            continue
        cells = _cells(line)
        if tuple(cells) == HEADER:
            in_table = True
            continue
        if not in_table:
            raise TableError(f"line {number}: a table row without the header {HEADER}")
        if all(set(cell) <= {"-", ":"} and cell for cell in cells):
            continue
        if len(cells) != len(HEADER):
            raise TableError(
                f"line {number}: {len(cells)} cells, expected {len(HEADER)}: {line[:60]!r}"
            )
        rule_id, rule, start, until, sources, modules = cells
        if not rule:
            raise TableError(f"line {number}: the rule text is empty")
        rows.append(
            Row(
                line=number,
                id=_unquote(rule_id),
                rule=rule,
                start=start,
                until=until,
                sources=tuple(s.strip("<>") for s in sources.split()),
                modules=tuple(_unquote(m) for m in modules.split(",") if m.strip()),
            )
        )
    return rows


def _date(value: str) -> date | None:
    if value == NO_DATE:
        return None
    try:
        if ISO_DATE.fullmatch(value):
            return date.fromisoformat(value)
    except ValueError:
        pass
    raise ValueError(f"{value!r} is not an ISO date or {NO_DATE}")


def id_problems(rows: Iterable[Row]) -> list[str]:
    """Ids that are malformed or appear twice."""
    problems, seen = [], set()
    for row in rows:
        if not ID.fullmatch(row.id):
            problems.append(f"line {row.line}: id {row.id!r} is not dot-separated [a-z0-9_-]")
        if row.id in seen:
            problems.append(f"line {row.line}: id {row.id!r} appears twice")
        seen.add(row.id)
    return problems


def date_problems(rows: Iterable[Row]) -> list[str]:
    """Dates that are neither ISO dates nor ``—``, and periods that end before they start."""
    problems = []
    for row in rows:
        try:
            start, until = _date(row.start), _date(row.until)
        except ValueError as error:
            problems.append(f"{row.id}: {error}")
            continue
        if start is not None and until is not None and until < start:
            problems.append(f"{row.id}: until {until} is before from {start}")
    return problems


def source_problems(rows: Iterable[Row]) -> list[str]:
    """Rows without a source, or with a source that is not an https address."""
    problems = []
    for row in rows:
        if not row.sources:
            problems.append(f"{row.id}: no source")
        problems += [f"{row.id}: {s!r} is not https" for s in row.sources if not _https(s)]
    return problems


def _https(source: str) -> bool:
    return source.startswith("https://") and len(source) > len("https://")


def module_problems(rows: Iterable[Row], src: Path) -> list[str]:
    """Enforcing modules that do not exist under ``src`` as a module or a package."""
    problems = []
    for row in rows:
        if not row.modules:
            problems.append(f"{row.id}: no enforcing module")
        for module in row.modules:
            path = src.joinpath(*module.split("."))
            exists = path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()
            if not MODULE.fullmatch(module) or not exists:
                problems.append(f"{row.id}: module {module} does not exist under {src}")
    return problems


def _files(paths: Iterable[Path], suffixes: tuple[str, ...] | None = None) -> Iterable[Path]:
    for path in paths:
        found = sorted(path.rglob("*")) if path.is_dir() else [path]
        for file in found:
            if not file.is_file() or "__pycache__" in file.parts:
                continue
            if suffixes is None or file.suffix in suffixes:
                yield file


def _text(file: Path) -> str | None:
    try:
        return file.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return None


def citations(
    paths: Iterable[Path], pattern: re.Pattern[str] = CITATION_ANY
) -> dict[str, list[str]]:
    """Every rule id cited in the files under ``paths``, with where (``file:line``)."""
    cited: dict[str, list[str]] = {}
    for file in _files(paths, CITING_SUFFIXES):
        text = _text(file)
        for number, line in enumerate((text or "").splitlines(), start=1):
            for found in pattern.finditer(line):
                cited.setdefault(found.group(1), []).append(f"{file}:{number}")
    return cited


def missing_rows(cited: Mapping[str, list[str]], rows: Iterable[Row]) -> dict[str, list[str]]:
    """Cited ids that have no row, with where they are cited."""
    known = {row.id for row in rows}
    return {rule_id: where for rule_id, where in cited.items() if rule_id not in known}


def uncited_rows(rows: Iterable[Row], cited: Mapping[str, list[str]]) -> list[str]:
    """Ids of rows that nothing cites."""
    return [row.id for row in rows if row.id not in cited]


def outside_citations(paths: Iterable[Path]) -> list[str]:
    """Lines citing a document kept outside the repository, as ``file:line: text``."""
    found = []
    for file in _files(paths):
        text = _text(file)
        for number, line in enumerate((text or "").splitlines(), start=1):
            if OUTSIDE.search(line):
                found.append(f"{file}:{number}: {line.strip()[:80]}")
    return found


@pytest.fixture(scope="module")
def rows() -> list[Row]:
    return parse_table(RULES_PAGE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def cited_in_src() -> dict[str, list[str]]:
    return citations([SRC])


# -- the table -------------------------------------------------------------


def test_every_line_of_the_rules_tables_is_a_well_formed_row(rows: list[Row]) -> None:
    assert len(rows) > 100  # parse_table raised on any malformed line


def test_rule_ids_are_dot_separated_lowercase_and_unique(rows: list[Row]) -> None:
    assert id_problems(rows) == []


def test_dates_are_iso_dates_or_a_dash_and_no_period_ends_before_it_starts(
    rows: list[Row],
) -> None:
    assert date_problems(rows) == []


def test_every_rule_has_a_public_https_source(rows: list[Row]) -> None:
    assert source_problems(rows) == []


def test_every_enforcing_module_exists_in_the_package(rows: list[Row]) -> None:
    assert module_problems(rows, SRC) == []


# -- the table against the code --------------------------------------------


def test_every_rule_cited_in_src_has_a_row(
    rows: list[Row], cited_in_src: dict[str, list[str]]
) -> None:
    assert missing_rows(cited_in_src, rows) == {}


def test_every_row_is_cited_somewhere_in_src(
    rows: list[Row], cited_in_src: dict[str, list[str]]
) -> None:
    assert uncited_rows(rows, cited_in_src) == []


def test_docs_tests_and_examples_cite_only_rules_of_the_table(rows: list[Row]) -> None:
    paths = [ROOT / name for name in ("docs", "README.md", "tests", "examples", "bench")]
    assert missing_rows(citations(paths, CITATION), rows) == {}


def test_nothing_cites_documents_kept_outside_the_repository() -> None:
    assert outside_citations(ROOT / name for name in SCANNED) == []


# -- the checkers do fail ----------------------------------------------------

FAKE_TABLE = """\
# Fake rules

| id | rule | from | until | source | enforced by |
|---|---|---|---|---|---|
| `fake.cited` | A rule whose period ends before it starts. | 2025-02-01 | 2025-01-31 | \
<https://example.org/a> | `wamsg.window` |
| `fake.uncited` | A rule nothing cites. | — | 2025-13-01 | http://example.org/b | \
`wamsg.nowhere` |
"""


def _fake_tree(root: Path) -> Path:
    src = root / "src"
    (src / "wamsg").mkdir(parents=True)
    (src / "wamsg" / "__init__.py").write_text("", encoding="utf-8")
    cite = "[" + "rule {}]"
    code = f"LIMIT = 24  # {cite.format('fake.cited')} {cite.format('fake.missing')}\n"
    (src / "wamsg" / "window.py").write_text(code, encoding="utf-8")
    (src / "wamsg" / "data.json").write_text(
        '{"source": "' + cite.format("fake.in-data") + '"}', encoding="utf-8"
    )
    return src


def test_the_checkers_find_a_missing_row_an_uncited_row_and_bad_dates(tmp_path: Path) -> None:
    rows = parse_table(FAKE_TABLE)
    src = _fake_tree(tmp_path)
    cited = citations([src])
    assert sorted(missing_rows(cited, rows)) == ["fake.in-data", "fake.missing"]
    assert uncited_rows(rows, cited) == ["fake.uncited"]
    assert [p.split(":")[0] for p in date_problems(rows)] == ["fake.cited", "fake.uncited"]
    assert source_problems(rows) == ["fake.uncited: 'http://example.org/b' is not https"]
    assert module_problems(rows, src) == [
        f"fake.uncited: module wamsg.nowhere does not exist under {src}"
    ]


def test_the_checkers_find_bad_ids_and_outside_citations(tmp_path: Path) -> None:
    rows = parse_table(
        "| id | rule | from | until | source | enforced by |\n"
        "| `Fake` | r | — | — | <https://x.org> | `wamsg` |\n"
        "| `a.b` | r | — | — | <https://x.org> | `wamsg` |\n"
        "| `a.b` | r | — | — | <https://x.org> | `wamsg` |\n"
    )
    assert id_problems(rows) == [
        "line 2: id 'Fake' is not dot-separated [a-z0-9_-]",
        "line 4: id 'a.b' appears twice",
    ]
    note = tmp_path / "note.py"
    note.write_text("# see " + "DESIGN" + ".md §4\n# fine: RFC 8259 §8.1\n", encoding="utf-8")
    assert outside_citations([tmp_path]) == [f"{note}:1: # see {'DESIGN'}.md §4"]


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ("| `a.b` | rule | — | — | <https://x.org> | `wamsg` |\n", "without the header"),
        (
            "| id | rule | from | until | source | enforced by |\n"
            "| `a.b` | rule | — | <https://x.org> | `wamsg` |\n",
            "line 2: 5 cells, expected 6",
        ),
        (
            "| id | rule | from | until | source | enforced by |\n"
            "| `a.b` |  | — | — | <https://x.org> | `wamsg` |\n",
            "line 2: the rule text is empty",
        ),
    ],
)
def test_a_malformed_row_fails_naming_its_line(table: str, message: str) -> None:
    with pytest.raises(TableError, match=message):
        parse_table(table)
