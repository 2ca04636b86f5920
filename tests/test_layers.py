"""The layers of ``src/wamsg``: imports point down only, no cycles, privates stay home.

Every module's imports are read with :mod:`ast`, including imports inside
functions, so a cycle cannot hide behind a deferred import. The layers, lowest
first (a module may import its own layer and the ones below it):

0. ``errors``
1. ``_internal`` (JSON helpers, packaged data)
2. core values: ``identity``, ``content``, ``messages``, ``delivery``, ``outgoing``, ``events``
3. policies: ``hours``, ``window``, ``templates``, ``billing``, ``accounts``, ``limits``
4. projections and decisions that combine them: ``inbox``, ``routing``, ``flows``
5. edges: ``providers``, ``testing``, ``beam``
6. ``cli``

The facade (``wamsg/__init__.py``) and ``__main__`` sit on top and import anything;
nothing inside may import the facade. A private name (a path segment starting with
``_``, such as ``wamsg.providers._jwt`` or ``wamsg.content.model._non_empty``) may be
imported only from inside the package that holds it; ``wamsg._internal`` belongs to
the whole of ``wamsg``.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from pathlib import Path

import attrs
import pytest

SRC = Path(__file__).resolve().parent.parent / "src"

LAYERS: tuple[tuple[str, ...], ...] = (
    ("errors",),
    ("_internal",),
    ("identity", "content", "messages", "delivery", "outgoing", "events"),
    ("hours", "window", "templates", "billing", "accounts", "limits"),
    ("inbox", "routing", "flows"),
    ("providers", "testing", "beam"),
    ("cli",),
)
TOP = len(LAYERS)
FACADE = ("wamsg", "wamsg.__main__")
RANK = {area: rank for rank, areas in enumerate(LAYERS) for area in areas}


@attrs.frozen
class Import:
    """One import of a wamsg module: who, what (modules and names), where."""

    importer: str
    target: str
    names: tuple[str, ...]
    line: int


def module_names(root: Path) -> dict[str, Path]:
    """Every module under ``root/wamsg`` by dotted name (packages by their own name)."""
    found = {}
    for path in sorted((root / "wamsg").rglob("*.py")):
        parts = path.relative_to(root).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def _absolute(module: str, is_package: bool, level: int, target: str | None) -> str:
    base = module.split(".") if is_package else module.split(".")[:-1]
    if level > 1:
        base = base[: len(base) - (level - 1)]
    return ".".join(base + ([target] if target else []))


def imports_of(module: str, source: str, is_package: bool) -> list[Import]:
    """The wamsg imports of one module's source, at any depth of its syntax tree."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == "wamsg" or alias.name.startswith("wamsg."):
                    found.append(Import(module, alias.name, (), node.lineno))
        elif isinstance(node, ast.ImportFrom):
            target = node.module or ""
            if node.level:
                target = _absolute(module, is_package, node.level, node.module)
            if target == "wamsg" or target.startswith("wamsg."):
                names = tuple(alias.name for alias in node.names)
                found.append(Import(module, target, names, node.lineno))
    return found


def read_tree(root: Path) -> tuple[dict[str, Path], list[Import]]:
    """The modules under ``root`` and all their wamsg imports."""
    modules = module_names(root)
    found = []
    for name, path in modules.items():
        source = path.read_text(encoding="utf-8")
        found += imports_of(name, source, path.name == "__init__.py")
    return modules, found


def area(module: str) -> str | None:
    """The top-level package (or module) of ``wamsg`` that ``module`` belongs to."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else None


def rank(module: str) -> int:
    """The layer of a module; the facade and anything unlisted rank on top."""
    if module in FACADE:
        return TOP
    return RANK.get(area(module) or "", TOP)


def _is_within(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def targets(imp: Import, modules: Mapping[str, Path]) -> list[str]:
    """The modules an import loads: the target, its parent packages, imported submodules."""
    loaded = [imp.target]
    loaded += [f"{imp.target}.{name}" for name in imp.names if f"{imp.target}.{name}" in modules]
    parts = imp.target.split(".")
    for end in range(2, len(parts)):
        package = ".".join(parts[:end])
        if not _is_within(imp.importer, package):
            loaded.append(package)
    return [m for m in loaded if m in modules and m != imp.importer]


def upward_imports(modules: Mapping[str, Path], found: Iterable[Import]) -> list[str]:
    """Imports that point to a higher layer (or to the facade)."""
    wrong = []
    for imp in found:
        if imp.importer in FACADE:
            continue
        higher = [
            target
            for target in targets(imp, modules)
            if target == "wamsg" or rank(target) > rank(imp.importer)
        ]
        if higher:
            wrong.append(f"{imp.importer}:{imp.line} imports {higher[0]} (a higher layer)")
    return wrong


def cycles(modules: Mapping[str, Path], found: Iterable[Import]) -> list[list[str]]:
    """The import cycles among the modules (each as a path that returns to its start)."""
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for imp in found:
        if imp.importer not in FACADE:
            graph[imp.importer].update(t for t in targets(imp, modules) if t not in FACADE)
    state: dict[str, int] = {}
    stack: list[str] = []
    result: list[list[str]] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                result.append([*stack[stack.index(nxt) :], nxt])
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name)
    return result


def _owner(path: list[str], modules: Mapping[str, Path]) -> str | None:
    """The package a private path belongs to (None when nothing in it is private)."""
    for i, part in enumerate(path):
        if part.startswith("_") and not part.startswith("__"):
            owner = ".".join(path[:i])
            if owner in modules and modules[owner].name != "__init__.py":
                owner = owner.rsplit(".", 1)[0]
            return owner
    return None


def private_reads(modules: Mapping[str, Path], found: Iterable[Import]) -> list[str]:
    """Imports of another package's private modules or names."""
    wrong = []
    for imp in found:
        for name in imp.names or ("",):
            path = imp.target.split(".") + ([name] if name else [])
            owner = _owner(path, modules)
            if owner is not None and not _is_within(imp.importer, owner):
                what = ".".join(path)
                wrong.append(f"{imp.importer}:{imp.line} reads {what}, private to {owner}")
    return wrong


DYNAMIC = frozenset({"__import__", "exec", "eval", "import_module"})
"""Calls that import or run code the ``ast`` scan cannot see; only ``wamsg.cli`` may."""


def dynamic_imports(root: Path) -> list[str]:
    """Calls of ``__import__``, ``exec``, ``eval`` or ``import_module`` outside the CLI."""
    found = []
    for name, path in module_names(root).items():
        if name == "wamsg.cli" or name.startswith("wamsg.cli."):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                func = node.func
                called = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
                if called in DYNAMIC:
                    found.append(f"{name}:{node.lineno} calls {called}")
    return found


def private_attribute_reads(root: Path) -> list[str]:
    """``module._name`` reads, where ``module`` is another package's module bound by an import."""
    modules = module_names(root)
    wrong = []
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        bound: dict[str, str] = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.asname and alias.name in modules:
                        bound[alias.asname] = alias.name
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                for alias in node.names:
                    target = f"{node.module}.{alias.name}"
                    if target in modules:
                        bound[alias.asname or alias.name] = target
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id in bound
                and node.attr.startswith("_")
                and not node.attr.startswith("__")
            ):
                path_parts = [*bound[node.value.id].split("."), node.attr]
                owner = _owner(path_parts, modules)
                if owner is not None and not _is_within(name, owner):
                    wrong.append(f"{name}:{node.lineno} reads {'.'.join(path_parts)}")
    return wrong


MODULES, IMPORTS = read_tree(SRC)


def test_no_module_imports_or_runs_code_the_scan_cannot_see() -> None:
    assert dynamic_imports(SRC) == []


def test_no_module_reads_another_packages_private_attributes() -> None:
    assert private_attribute_reads(SRC) == []


def test_dynamic_imports_and_private_attributes_are_caught(tmp_path: Path) -> None:
    modules = {
        "wamsg/__init__.py": "",
        "wamsg/providers/__init__.py": "",
        "wamsg/providers/base.py": "def _masked(): ...\n",
        "wamsg/window/__init__.py": "",
        "wamsg/window/state.py": (
            "import importlib\nfrom wamsg.providers import base\n"
            "importlib.import_module('wamsg.cli')\nexec('import wamsg')\nbase._masked()\n"
        ),
    }
    for name, source in modules.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(source, encoding="utf-8")
    assert dynamic_imports(tmp_path) == [
        "wamsg.window.state:3 calls import_module",
        "wamsg.window.state:4 calls exec",
    ]
    assert private_attribute_reads(tmp_path) == [
        "wamsg.window.state:5 reads wamsg.providers.base._masked"
    ]


def test_the_scan_reads_every_package_and_deferred_imports() -> None:
    assert {"wamsg.errors", "wamsg.window.state", "wamsg.providers.meta"} <= set(MODULES)
    assert any(imp.importer == "wamsg.cli" for imp in IMPORTS)
    inner = imports_of("wamsg.x", "def f():\n    from wamsg.cli import main\n", False)
    assert [imp.target for imp in inner] == ["wamsg.cli"]


def test_every_area_has_a_layer() -> None:
    areas = {area(name) or "" for name in MODULES} - {"", "__main__"}
    assert areas <= set(RANK), sorted(areas - set(RANK))


def test_imports_point_down_only() -> None:
    assert upward_imports(MODULES, IMPORTS) == []


def test_there_is_no_import_cycle() -> None:
    assert cycles(MODULES, IMPORTS) == []


def test_no_module_reads_another_packages_private_names() -> None:
    assert private_reads(MODULES, IMPORTS) == []


# The checks themselves: each fails on a tree that breaks its rule.


def _tree(tmp_path: Path, files: Mapping[str, str]) -> tuple[dict[str, Path], list[Import]]:
    for name, source in {"wamsg/__init__.py": "", **files}.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source, encoding="utf-8")
    return read_tree(tmp_path)


def test_an_upward_import_is_caught(tmp_path: Path) -> None:
    modules, found = _tree(
        tmp_path,
        {
            "wamsg/identity.py": "def f():\n    from wamsg.window.state import WindowState\n",
            "wamsg/window/__init__.py": "",
            "wamsg/window/state.py": "from wamsg.identity import f\n",
        },
    )
    wrong = upward_imports(modules, found)
    assert wrong == ["wamsg.identity:2 imports wamsg.window.state (a higher layer)"]


def test_importing_the_facade_from_inside_is_upward(tmp_path: Path) -> None:
    modules, found = _tree(tmp_path, {"wamsg/errors.py": "from wamsg import PhoneNumber\n"})
    assert upward_imports(modules, found) == ["wamsg.errors:1 imports wamsg (a higher layer)"]


def test_a_cycle_is_caught_even_through_a_deferred_import(tmp_path: Path) -> None:
    modules, found = _tree(
        tmp_path,
        {
            "wamsg/inbox/__init__.py": "",
            "wamsg/inbox/conversation.py": (
                "def apply():\n    from wamsg.inbox._builder import Builder\n"
            ),
            "wamsg/inbox/_builder.py": "from wamsg.inbox.conversation import apply\n",
        },
    )
    assert cycles(modules, found) == [
        ["wamsg.inbox._builder", "wamsg.inbox.conversation", "wamsg.inbox._builder"]
    ]
    assert upward_imports(modules, found) == []


def test_a_cycle_through_a_package_init_is_caught(tmp_path: Path) -> None:
    modules, found = _tree(
        tmp_path,
        {
            "wamsg/content/__init__.py": "from wamsg.content.model import Text\n",
            "wamsg/content/model.py": "from wamsg.messages import Message\n",
            "wamsg/messages.py": "from wamsg.content.model import Text\n",
        },
    )
    found_cycles = cycles(modules, found)
    assert ["wamsg.content", "wamsg.content.model", "wamsg.messages", "wamsg.content"] in (
        found_cycles
    )


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from wamsg.providers._jwt import decode\n", "wamsg.providers._jwt.decode"),
        ("from wamsg.providers import _jwt\n", "wamsg.providers._jwt"),
        ("from wamsg.providers.base import _header\n", "wamsg.providers.base._header"),
    ],
)
def test_reading_another_packages_private_name_is_caught(
    tmp_path: Path, source: str, expected: str
) -> None:
    modules, found = _tree(
        tmp_path,
        {
            "wamsg/providers/__init__.py": "",
            "wamsg/providers/_jwt.py": "def decode(): ...\n",
            "wamsg/providers/base.py": "def _header(): ...\n",
            "wamsg/providers/meta.py": "from wamsg.providers._jwt import decode\n",
            "wamsg/testing/__init__.py": "",
            "wamsg/testing/builders.py": source,
            "wamsg/_internal/__init__.py": "",
            "wamsg/_internal/json.py": "Json = object\n",
            "wamsg/identity.py": "from wamsg._internal.json import Json\n",
        },
    )
    assert private_reads(modules, found) == [
        f"wamsg.testing.builders:1 reads {expected}, private to wamsg.providers"
    ]
