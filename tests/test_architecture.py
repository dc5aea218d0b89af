"""The layers of ARCHITECTURE.md hold: the core (model, formats, layout, reasoning) never
loads Qt or the UI, and the model loads neither pydantic nor any file code."""

from __future__ import annotations

import ast
import importlib.util
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "argmap"
CORE = ["argmap.model", "argmap.formats", "argmap.layout", "argmap.reasoning", "argmap.export"]
PRESENT = [name for name in CORE if importlib.util.find_spec(name) is not None]


def loaded_after_import(*modules: str) -> set[str]:
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in modules)
        + "print('\\n'.join(sorted(sys.modules)))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return set(result.stdout.split())


def test_core_imports_without_qt_or_ui():
    loaded = loaded_after_import(*PRESENT)
    assert {"argmap.model", "argmap.formats"} <= loaded
    bad = sorted(m for m in loaded if m.split(".")[0] in {"PySide6", "shiboken6"} or m.startswith("argmap.ui"))
    assert bad == [], f"the core loaded {bad}"


def test_every_core_module_imports_without_qt():
    """Each module on its own (a lazy import inside a function would slip past the
    package-level check only until that function runs; this catches module level)."""
    modules = [
        ".".join(path.relative_to(SRC.parent).with_suffix("").parts)
        for package in PRESENT
        for path in sorted((SRC.parent / package.replace(".", "/")).glob("*.py"))
        if path.name != "__init__.py"
    ]
    loaded = loaded_after_import(*modules)
    assert not [m for m in loaded if m.startswith(("PySide6", "argmap.ui"))]


def test_model_loads_no_pydantic_and_no_file_code():
    loaded = loaded_after_import("argmap.model")
    assert "networkx" in loaded
    bad = sorted(m for m in loaded if m.split(".")[0] in {"pydantic", "pydantic_core", "PySide6"} or m.startswith(("argmap.formats", "argmap.layout", "argmap.reasoning", "argmap.ui", "argmap.cli")))
    assert bad == []


def imports_of(path: Path) -> list[str]:
    """Every module named by an import statement anywhere in the file (also inside
    functions: a lazy import is still a dependency)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


@pytest.mark.parametrize("package", ["model", "formats", "layout", "reasoning", "export"])
def test_no_core_source_file_imports_qt_or_the_ui(package):
    folder = SRC / package
    if not folder.is_dir():
        pytest.skip(f"argmap.{package} does not exist yet")
    offenders = [
        f"{path.relative_to(SRC)}: {name}"
        for path in sorted(folder.rglob("*.py"))
        for name in imports_of(path)
        if name.split(".")[0] in {"PySide6", "shiboken6"} or name.startswith(("argmap.ui", "argmap.cli"))
    ]
    assert offenders == []


def test_model_source_imports_only_stdlib_and_networkx():
    allowed = {"networkx", "argmap"} | set(sys.stdlib_module_names)
    offenders = [
        f"{path.name}: {name}"
        for path in sorted((SRC / "model").glob("*.py"))
        for name in imports_of(path)
        if name.split(".")[0] not in allowed or name.startswith(("argmap.formats", "argmap.layout", "argmap.reasoning"))
    ]
    assert offenders == []


def test_import_contracts_hold():
    """The layer contracts in pyproject.toml ([tool.importlinter]), checked with
    import-linter on this source tree."""
    importlinter_cli = pytest.importorskip("importlinter.cli")
    root = SRC.parents[1]
    code = (
        "import os, sys\n"
        f"sys.path.insert(0, {str(SRC.parent)!r})\n"
        "from importlinter.cli import lint_imports\n"
        f"sys.exit(lint_imports(config_filename={str(root / 'pyproject.toml')!r}, no_cache=True, no_logo=True))\n"
    )
    del importlinter_cli
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, cwd=root)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "0 broken" in result.stdout


def test_cli_loads_no_qt_and_no_ui_at_import_time():
    modules = ["argmap.cli"] + [
        f"argmap.cli.{path.stem}" for path in sorted((SRC / "cli").glob("*.py")) if path.name != "__init__.py"
    ]
    loaded = loaded_after_import(*modules)
    assert not [m for m in loaded if m.startswith(("PySide6", "shiboken6", "argmap.ui"))]


def test_no_import_circles():
    """No two modules of argmap import each other, directly or round a loop (imports
    inside functions count; ``if TYPE_CHECKING:`` imports do not)."""
    graph: dict[str, set[str]] = {}
    names = {".".join(p.relative_to(SRC.parent).with_suffix("").parts).removesuffix(".__init__"): p for p in SRC.rglob("*.py")}
    for name, path in names.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        deps: set[str] = set()
        skip = {id(n) for node in ast.walk(tree) if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
                for n in ast.walk(node)}
        for node in ast.walk(tree):
            if id(node) in skip:
                continue
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join(parts + ([base] if base else []))
                targets = [base] + [f"{base}.{a.name}" for a in node.names]
            else:
                continue
            deps.update(t for t in targets if t in names and t != name)
        graph[name] = deps
    # a strongly connected component of two or more modules is a circle
    digraph = nx.DiGraph()
    digraph.add_nodes_from(graph)
    digraph.add_edges_from((v, w) for v, deps in graph.items() for w in deps)
    circles = sorted(sorted(c) for c in nx.strongly_connected_components(digraph) if len(c) > 1)
    assert circles == []


def _regex_opcodes(parsed) -> set[str]:
    """Every opcode name in a parsed regular expression, nested groups included."""
    names: set[str] = set()
    for op, arg in parsed:
        names.add(str(op))
        for part in arg if isinstance(arg, (tuple, list)) else ():
            if hasattr(part, "data"):  # a nested SubPattern
                names |= _regex_opcodes(part)
            elif isinstance(part, list):  # the branches of an alternation
                for branch in part:
                    if hasattr(branch, "data"):
                        names |= _regex_opcodes(branch)
    return names


def test_no_regex_uses_possessive_quantifiers_or_atomic_groups():
    """Early CPython 3.11 releases (Debian 12's python3 is 3.11.2) mis-match possessive
    quantifiers inside alternations: Argdown's "a // comment" kept its comment. Every
    pattern compiled from a literal in src must work on every 3.11.x."""
    import re._parser as sre_parse  # type: ignore[import-not-found]

    found = []
    for path in sorted(SRC.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == "re"
                    and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                ops = _regex_opcodes(sre_parse.parse(node.args[0].value))
                if ops & {"POSSESSIVE_REPEAT", "ATOMIC_GROUP"}:
                    found.append(f"{path.relative_to(SRC)}:{node.lineno}")
    assert found == [], f"possessive quantifier or atomic group in {found}"
    assert {"POSSESSIVE_REPEAT", "ATOMIC_GROUP"} <= _regex_opcodes(sre_parse.parse(r"(?>a|b)(?:c|d++)"))
