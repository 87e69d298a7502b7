"""The package's shape: the import contract holds, modules stay small, stages are subpackages."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "generator"
MOST_LINES = 400
MOST_TOP_LEVEL = 12


def test_imports_point_one_way() -> None:
    """The layers contract in pyproject.toml ([tool.importlinter]) is kept."""
    lint = Path(sys.executable).with_name("lint-imports")
    run = subprocess.run([str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True,
                         check=False)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "1 kept, 0 broken" in run.stdout


def test_no_module_is_too_long() -> None:
    long = {path.relative_to(ROOT).as_posix(): n for path in PACKAGE.rglob("*.py")
            if (n := len(path.read_text("utf-8").splitlines())) > MOST_LINES}
    assert long == {}


def test_few_modules_at_the_top_level() -> None:
    flat = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(flat) <= MOST_TOP_LEVEL, flat
    stages = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    assert {"load", "resolve", "render", "output", "engine", "serve", "check"} <= stages


def test_no_import_cycle_between_modules() -> None:
    """No two modules of the package import each other, directly or through others."""
    graph: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        name = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        found: set[str] = set()
        for node in _imports_at_run_time(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.update(f"{node.module}.{a.name}" for a in node.names)
                found.add(node.module)
            elif isinstance(node, ast.Import):
                found.update(a.name for a in node.names)
        graph[name] = found
    # A module may use its own package's __init__ (which imports it): not a cycle of modules.
    edges = {name: {m for m in found if m in graph and m != name
                    and not name.startswith(m + ".")} for name, found in graph.items()}
    cycles = []
    for start in edges:
        seen, stack = set(), list(edges[start])
        while stack:
            node = stack.pop()
            if node == start:
                cycles.append(start)
                break
            if node not in seen:
                seen.add(node)
                stack.extend(edges[node])
    assert cycles == []


def _imports_at_run_time(tree: ast.Module) -> list[ast.stmt]:
    """The module's import statements, those for type checkers only left out."""
    out: list[ast.stmt] = []
    for node in tree.body:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            continue
        out.extend(n for n in ast.walk(node) if isinstance(n, ast.Import | ast.ImportFrom))
    return out


def test_the_theme_calls_its_macros_as_they_are() -> None:
    """Templates need nothing of the engine to be fast: no ``fragment()`` around a macro."""
    calls = {path.name for path in (PACKAGE / "theme" / "templates").iterdir()
             if "fragment(" in path.read_text("utf-8")}
    assert calls == set()
