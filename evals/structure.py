"""The code's shape, for reviews: functions longer than a screen, and who imports whom.

``python -m evals.structure [ROOT]`` prints the functions over 60 lines (layout code, which
only declares widgets, is listed apart) and the import graph between the project's modules,
with any cycle. ``tests/test_structure.py`` holds the project to both.
"""

from __future__ import annotations

import argparse
import ast
from collections.abc import Iterator
from pathlib import Path

PACKAGES = ("simulator", "server", "ui", "callback_sim", "evals")
MAX_LINES = 60
LAYOUT = {"ui/layout.py"}  # declares the page's widgets, one after another


def _modules(root: Path) -> Iterator[tuple[str, Path]]:
    for package in PACKAGES:
        for path in sorted((root / package).rglob("*.py")):
            parts = path.relative_to(root).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            yield name, path


def long_functions(root: Path) -> list[tuple[int, str, str]]:
    """(lines, file, function) for every function over ``MAX_LINES`` lines."""
    out = []
    for _, path in _modules(root):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lines = (node.end_lineno or node.lineno) - node.lineno + 1
                if lines > MAX_LINES:
                    out.append((lines, str(path.relative_to(root)), node.name))
    return sorted(out, reverse=True)


def _run_time_nodes(tree: ast.AST) -> Iterator[ast.AST]:
    """Every node, less the bodies of ``if TYPE_CHECKING:`` (imports for type checkers only)."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            continue
        yield node
        yield from _run_time_nodes(node)


def import_graph(root: Path) -> dict[str, set[str]]:
    """Module -> the project's modules it imports when it runs (at any level of the file)."""
    names = dict(_modules(root))
    graph: dict[str, set[str]] = {}
    for name, path in names.items():
        targets: set[str] = set()
        for node in _run_time_nodes(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                base = node.module
                targets |= {f"{base}.{a.name}" for a in node.names if f"{base}.{a.name}" in names}
                targets |= {base} if base in names else set()
            elif isinstance(node, ast.Import):
                targets |= {a.name for a in node.names if a.name in names}
        graph[name] = targets - {name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Import cycles between modules (one path each), found by depth-first search."""
    found: list[list[str]] = []
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                found.append([*path[path.index(nxt) :], nxt])
            elif nxt not in state:
                visit(nxt, [*path, nxt])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    return found


def _package_edges(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {}
    for module, targets in graph.items():
        top = module.split(".")[0]
        edges.setdefault(top, set()).update(t.split(".")[0] for t in targets)
    return {k: v - {k} for k, v in edges.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", nargs="?", default=".", type=Path)
    args = parser.parse_args(argv)
    root = args.root.resolve()
    print(f"Functions over {MAX_LINES} lines:")
    for lines, file, name in long_functions(root):
        print(f"  {lines:4d}  {file}::{name}" + ("  (layout)" if file in LAYOUT else ""))
    graph = import_graph(root)
    print("\nPackages import:")
    for package, targets in sorted(_package_edges(graph).items()):
        print(f"  {package} -> {', '.join(sorted(targets)) or '-'}")
    print(f"\nModules: {len(graph)}, imports between them: {sum(map(len, graph.values()))}")
    for module, targets in sorted(graph.items()):
        print(f"  {module} -> {', '.join(sorted(targets)) or '-'}")
    found = cycles(graph)
    print(f"\nImport cycles: {len(found)}")
    for cycle in found:
        print("  " + " -> ".join(cycle))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
