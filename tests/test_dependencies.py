"""Every package the code imports is declared in pyproject.toml: the product's own code
against its dependencies (the embedded extra included), the tests against those and the
dev extra. A package that arrives only through another one's dependencies can vanish
with that package's next release."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PRODUCT = ("simulator", "server", "ui", "evals", "callback_sim")
FIRST_PARTY = {*PRODUCT, "tests"}


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _declared(*groups: str) -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    specs = list(project["dependencies"])
    for group in groups:
        specs += project["optional-dependencies"][group]
    return {_norm(re.split(r"[\s\[<>=!~;]", s, maxsplit=1)[0]) for s in specs}


def _imports(folders: tuple[str, ...]) -> dict[str, str]:
    """Top-level module imported -> a file that imports it (absolute imports only)."""
    found: dict[str, str] = {}
    for folder in folders:
        for path in (ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    names = [a.name for a in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names = [node.module]
                else:
                    continue
                for name in names:
                    found.setdefault(name.split(".")[0], str(path.relative_to(ROOT)))
    return {
        m: f
        for m, f in found.items()
        if m not in sys.stdlib_module_names and m not in FIRST_PARTY and m != "__future__"
    }


def _undeclared(imports: dict[str, str], declared: set[str]) -> list[str]:
    owners = packages_distributions()
    missing = []
    for module, where in sorted(imports.items()):
        dists = {_norm(d) for d in owners.get(module, [])}
        if not dists & declared:
            missing.append(f"{module} (imported in {where}; from {sorted(dists) or 'nowhere'})")
    return missing


def test_the_products_imports_are_all_declared() -> None:
    assert _undeclared(_imports(PRODUCT), _declared("embedded", "voice")) == []


def test_the_tests_imports_are_all_declared() -> None:
    assert _undeclared(_imports(("tests",)), _declared("embedded", "voice", "dev")) == []
