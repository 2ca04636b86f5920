"""wamsg's public names: one ``__all__`` per module, complete, sorted, every name documented.

- Every module under ``src/wamsg`` declares ``__all__`` as a literal list of strings,
  without duplicates, in ruff's RUF022 order (SCREAMING_SNAKE_CASE names, then CamelCase
  names, then the rest, each group in natural order), and every name in it is importable
  from there.
- ``__all__`` lists the module's own names: a plain module lists only names it defines, a
  package only names it imports from its own submodules. A public module lists *every*
  public-looking name it defines, except the few helpers shared between wamsg's own
  modules that are not meant for users (:data:`SHARED`).
- A package re-exports the ``__all__`` of each of its public submodules (the sub-command
  modules of ``wamsg.cli`` excepted: each holds ``register`` and ``run``); names of a
  private submodule are re-exported only when they are public API (``content_from_dict``).
- For the facade and every concept (``wamsg.errors``, ``wamsg.identity``, ``wamsg.content``
  …), every name in ``__all__`` has a docstring of its own (a class's or function's
  ``__doc__``, not one inherited from ``object``, ``str`` or ``Enum``; for a constant or
  type alias the string literal right after its assignment, read with :mod:`ast`) and is
  mentioned, as a word inside a code span or code block, on some ``docs/*.md`` page.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import re
from functools import cache
from importlib.util import find_spec
from pathlib import Path

import pytest

from tests.test_layers import module_names
from wamsg.cli import COMMANDS

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
DOCS = ROOT / "docs"

SHARED: dict[str, frozenset[str]] = {
    "wamsg.billing.ledger": frozenset({"Candidate", "CountKey"}),
    "wamsg.billing.invoice": frozenset({"invoice_of"}),
    "wamsg.billing.pricing": frozenset({"decide"}),
    "wamsg.content.model": frozenset({"to_decimal"}),
    "wamsg.delivery": frozenset({"errors_from", "join_status", "later_pricing"}),
    "wamsg.inbox.conversation": frozenset({"ConversationBuilder"}),
    "wamsg.messages": frozenset({"context_from"}),
    "wamsg.providers.base": frozenset(
        {
            "basic_auth",
            "dump_json",
            "load_form",
            "load_json",
            "load_object",
            "require_secret",
            "same_secret",
        }
    ),
    "wamsg.window.state": frozenset({"DECISION_SLOTS"}),
}
"""Public-looking names a public module defines for other wamsg modules, not for users."""

CLI_COMMANDS = frozenset(f"wamsg.cli.{name}" for name in COMMANDS)
"""The sub-command modules of ``wamsg.cli``: each exports ``register`` and ``run``."""


def is_private(module: str) -> bool:
    """A module is private when any part of its dotted name after ``wamsg`` starts with ``_``."""
    return any(part.startswith("_") for part in module.split(".")[1:])


MODULES = module_names(SRC)
PACKAGES = sorted(name for name, path in MODULES.items() if path.name == "__init__.py")
CONCEPTS = [
    "wamsg",
    *sorted(name for name in MODULES if name.count(".") == 1 and not is_private(name)),
]


@cache
def syntax(module: str) -> ast.Module:
    """The parsed source of a wamsg module."""
    return ast.parse(MODULES[module].read_text(encoding="utf-8"))


def statements(body: list[ast.stmt]) -> list[list[ast.stmt]]:
    """The top-level statement lists of a module: its body and those of top-level if/try."""
    lists = [body]
    for node in body:
        if isinstance(node, ast.If):
            lists += statements(node.body) + statements(node.orelse)
        elif isinstance(node, ast.Try):
            for part in (node.body, node.orelse, node.finalbody):
                lists += statements(part)
            for handler in node.handlers:
                lists += statements(handler.body)
    return lists


def assigned(node: ast.stmt) -> list[str]:
    """The names a top-level statement defines (imports aside)."""
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return [node.name]
    if isinstance(node, ast.Assign):
        return [target.id for target in node.targets if isinstance(target, ast.Name)]
    if isinstance(node, ast.AnnAssign) and node.value is not None:
        return [node.target.id] if isinstance(node.target, ast.Name) else []
    return []


def defined(module: str) -> set[str]:
    """Every name a module defines at its top level, ``__all__`` aside."""
    tree = syntax(module)
    names = {name for body in statements(tree.body) for node in body for name in assigned(node)}
    return names - {"__all__"}


def imported_from_own_submodules(package: str) -> set[str]:
    """The names a package imports from its own submodules."""
    names = set()
    for body in statements(syntax(package).body):
        for node in body:
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(package + "."):
                names |= {alias.asname or alias.name for alias in node.names}
    return names


def declared_all(module: str) -> list[str]:
    """The literal ``__all__`` of a module; fails the test when it has none."""
    for body in statements(syntax(module).body):
        for node in body:
            if isinstance(node, (ast.Assign, ast.AnnAssign)) and "__all__" in assigned(node):
                value = node.value
                assert isinstance(value, (ast.List, ast.Tuple)), f"{module}: __all__ not literal"
                names = [item.value for item in value.elts if isinstance(item, ast.Constant)]
                assert len(names) == len(value.elts), f"{module}: __all__ not all literals"
                assert all(isinstance(name, str) for name in names), module
                return [str(name) for name in names]
    raise AssertionError(f"{module} has no __all__")


def ruff_order(name: str) -> tuple[int, list[int | str]]:
    """The sort key of ruff's RUF022: constants, classes, the rest; natural order within."""
    if len(name) > 1 and name.isupper():
        group = 0
    elif name[:1].isupper():
        group = 1
    else:
        group = 2
    return group, [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", name)]


def definition(module: str, name: str) -> tuple[list[ast.stmt], int] | None:
    """Where ``name`` is defined: a statement list and the index of the defining statement.

    A name the module imports is followed to the wamsg module it comes from; None when
    it comes from outside wamsg.
    """
    for body in statements(syntax(module).body):
        for index, node in enumerate(body):
            if name in assigned(node):
                return body, index
    for body in statements(syntax(module).body):
        for node in body:
            if isinstance(node, ast.ImportFrom) and (node.module or "") in MODULES:
                for alias in node.names:
                    if (alias.asname or alias.name) == name:
                        return definition(node.module or "", alias.name)
    return None


def attribute_docstring(module: str, name: str) -> str | None:
    """The string literal right after the assignment of ``name``, where it is assigned."""
    found = definition(module, name)
    if found is None:
        return None
    body, index = found
    after = body[index + 1] if index + 1 < len(body) else None
    if isinstance(after, ast.Expr) and isinstance(after.value, ast.Constant):
        text = after.value.value
        return text if isinstance(text, str) else None
    return None


def own_docstring(module: str, name: str) -> str | None:
    """The docstring ``name`` has of its own, as the module exports it.

    A class or function (by its ``class``/``def`` statement) has the ``__doc__`` it
    defines itself; anything assigned (a constant, a type alias, even an alias of a
    class such as ``ButtonValue = str``) has its attribute docstring.
    """
    found = definition(module, name)
    node = None if found is None else found[0][found[1]]
    if not isinstance(node, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
        return attribute_docstring(module, name)
    if not importable(module):  # the statement's own docstring, read without importing
        return ast.get_docstring(node, clean=False)
    value = getattr(importlib.import_module(module), name)
    doc = vars(value).get("__doc__") if inspect.isclass(value) else value.__doc__
    return doc if isinstance(doc, str) else None


_FENCE = re.compile(r"^```[^\n]*\n(.*?)^```$", re.MULTILINE | re.DOTALL)
_SPAN = re.compile(r"`([^`\n]+)`")


@cache
def docs_code() -> str:
    """The code of every docs page: its code blocks and its inline code spans."""
    parts = []
    for page in sorted(DOCS.glob("*.md")):
        text = page.read_text(encoding="utf-8")
        parts += _FENCE.findall(text)
        parts += _SPAN.findall(_FENCE.sub("", text))
    return "\n".join(parts)


def mentioned(name: str) -> bool:
    """Whether ``name`` appears as a word in the code of some docs page."""
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", docs_code()) is not None


def test_the_helpers_read_what_they_should() -> None:
    names = ["b", "Ab", "__version__", "A_B", "a10", "a9", "S", "UTC"]
    assert sorted(names, key=ruff_order) == [
        "A_B",
        "UTC",
        "Ab",
        "S",
        "__version__",
        "a9",
        "a10",
        "b",
    ]
    assert is_private("wamsg.content._readers")
    assert is_private("wamsg._internal.json")
    assert not is_private("wamsg.content.model")
    assert attribute_docstring("wamsg._internal.json", "UTC")
    assert attribute_docstring("wamsg.content", "Content")  # followed to content.model
    assert own_docstring("wamsg", "Text") == own_docstring("wamsg.content.model", "Text")
    assert own_docstring("wamsg.templates", "ButtonValue") != str.__doc__
    assert mentioned("PhoneNumber")
    assert not mentioned("Phone")
    assert "wamsg.templates" in CONCEPTS
    assert "wamsg._internal" not in CONCEPTS


@pytest.mark.parametrize("module", sorted(MODULES))
def test_all_is_sorted_without_duplicates(module: str) -> None:
    names = declared_all(module)
    assert len(names) == len(set(names)), f"{module}: duplicates in __all__"
    assert names == sorted(names, key=ruff_order), f"{module}: __all__ is not sorted"


OPTIONAL = {"wamsg.beam": "apache_beam"}
"""Packages that need an optional extra: imported only when the extra is installed."""


def importable(module: str) -> bool:
    """False for a module of an optional package whose extra is not installed."""
    for package, requirement in OPTIONAL.items():
        if (module == package or module.startswith(package + ".")) and not find_spec(requirement):
            return False
    return True


@pytest.mark.parametrize("module", sorted(MODULES))
def test_every_name_in_all_is_importable(module: str) -> None:
    if not importable(module):
        pytest.skip(f"{module} needs an optional extra")
    loaded = importlib.import_module(module)
    missing = [name for name in declared_all(module) if not hasattr(loaded, name)]
    assert not missing, f"{module}: {missing}"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_all_lists_the_module_s_own_names(module: str) -> None:
    names = set(declared_all(module))
    own = defined(module)
    if module in PACKAGES:
        own |= imported_from_own_submodules(module)
    foreign = sorted(names - own)
    assert not foreign, f"{module} lists names it neither defines nor takes from a submodule"
    if is_private(module) or module in PACKAGES:
        return
    public = {name for name in defined(module) if not name.startswith("_")}
    unlisted = sorted(public - names - SHARED.get(module, frozenset()))
    assert not unlisted, f"{module}: public names missing from __all__ (or prefix them _)"


def test_the_shared_names_exist_and_stay_out_of_all() -> None:
    for module, names in SHARED.items():
        assert names <= defined(module), module
        assert not names & set(declared_all(module)), module


@pytest.mark.parametrize("package", PACKAGES)
def test_a_package_re_exports_its_public_submodules(package: str) -> None:
    if package == "wamsg":
        return  # the facade holds the everyday names only
    exported = set(declared_all(package))
    for module in MODULES:
        if module.rpartition(".")[0] != package or is_private(module) or module in CLI_COMMANDS:
            continue
        missing = sorted(set(declared_all(module)) - exported)
        assert not missing, f"{package} does not re-export {module}'s {missing}"


@pytest.mark.parametrize("concept", CONCEPTS)
def test_every_public_name_has_a_docstring_of_its_own(concept: str) -> None:
    undocumented = [
        name for name in declared_all(concept) if not (own_docstring(concept, name) or "").strip()
    ]
    assert not undocumented, f"{concept}: no docstring for {undocumented}"


@pytest.mark.parametrize("concept", CONCEPTS)
def test_every_public_name_is_mentioned_in_the_docs(concept: str) -> None:
    unmentioned = [name for name in declared_all(concept) if not mentioned(name)]
    assert not unmentioned, f"{concept}: not in any docs/*.md code: {unmentioned}"
