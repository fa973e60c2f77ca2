"""The shape of the package: stages that import only downward, no import cycle, a core free of the book's
dependencies, modules of a readable size, and a clean lint."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from fpclib import paths

PACKAGE = paths.REPO / "fpclib"
MAX_LINES = 450


def module_name(path: Path) -> str:
    parts = path.relative_to(paths.REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _runtime_nodes(tree: ast.AST) -> list[ast.AST]:
    """Every node of ``tree`` except those under ``if TYPE_CHECKING:`` (imports for type checkers only)."""
    skipped = {id(n) for block in ast.walk(tree) if isinstance(block, ast.If)
               and isinstance(block.test, ast.Name) and block.test.id == "TYPE_CHECKING"
               for stmt in block.body for n in ast.walk(stmt)}
    return [n for n in ast.walk(tree) if id(n) not in skipped]


def imports_of(path: Path) -> set[str]:
    """The fpclib modules ``path`` imports at run time, at any depth (function-level imports count too)."""
    found: set[str] = set()
    for node in _runtime_nodes(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("fpclib"))
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("fpclib"):
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def graph() -> dict[str, set[str]]:
    """Module -> the fpclib modules it imports (names that are not modules, such as functions, are dropped)."""
    modules = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    return {name: {m for m in imports_of(path) if m in modules and m != name} for name, path in modules.items()}


def find_cycle(edges: dict[str, set[str]]) -> list[str]:
    """One import cycle as a list of modules, or [] (depth-first search with colours).

    >>> find_cycle({"a": {"b"}, "b": {"a"}})
    ['a', 'b', 'a']
    >>> find_cycle({"a": {"b"}, "b": set()})
    []
    """
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt):], nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        stack.pop()
        state[node] = 2
        return []

    for start in sorted(edges):
        if start not in state and (cycle := visit(start)):
            return cycle
    return []


def package_of(module: str) -> str:
    """The subpackage a module belongs to, modules of a subpackage's parent counting as their own package."""
    parts = module.split(".")
    return ".".join(parts[:2]) if len(parts) > 1 else parts[0]


def test_no_import_cycle_between_modules() -> None:
    assert find_cycle(graph()) == []


def test_no_import_cycle_between_subpackages() -> None:
    """Stages import downward only: no subpackage imports one that imports it back."""
    edges: dict[str, set[str]] = {}
    for module, targets in graph().items():
        edges.setdefault(package_of(module), set()).update(
            package_of(t) for t in targets if package_of(t) != package_of(module) and package_of(t) != "fpclib")
    assert find_cycle(edges) == []


def test_the_core_never_imports_the_book() -> None:
    offenders = {m: sorted(t for t in targets if t.startswith("fpclib.book"))
                 for m, targets in graph().items() if not m.startswith("fpclib.book")}
    assert {m: t for m, t in offenders.items() if t} == {}


def test_importing_the_core_loads_neither_altair_nor_the_book() -> None:
    code = ("import sys, fpclib, fpclib.sources, fpclib.corpus.build, fpclib.claims, fpclib.reference, "
            "fpclib.align, fpclib.cli; "
            "print(sorted(m for m in sys.modules if m.startswith(('altair', 'vl_convert', 'fpclib.book'))))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_every_subpackage_names_its_public_verbs() -> None:
    for init in sorted(PACKAGE.glob("*/__init__.py")):
        tree = ast.parse(init.read_text(encoding="utf-8"))
        assert ast.get_docstring(tree), f"{init} has no docstring"
        if init.parent.name != "book":
            names = [n for n in ast.walk(tree) if isinstance(n, ast.Assign)
                     and any(isinstance(t, ast.Name) and t.id == "__all__" for t in n.targets)]
            assert names, f"{init} lists no __all__"


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_modules_stay_readable(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.relative_to(paths.REPO)} has {lines} lines (at most about {MAX_LINES})"


def test_ruff_is_clean() -> None:
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    if ruff is None:
        pytest.fail("ruff is not installed: it is pinned in the test extra (`make test` installs it)")
    done = subprocess.run([ruff, "check", "--output-format", "concise", "fpclib", "tests", "benchmarks", "book/_ext"],
                          capture_output=True, text=True, cwd=paths.REPO)
    assert done.returncode == 0, done.stdout[-3000:]
