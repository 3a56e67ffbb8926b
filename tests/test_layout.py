"""The package's shape: no import loops, every module imports alone, no private names imported
across modules, no module longer than one sitting's read, and `claims ingest` of unchanged files
starts without the comparison stages."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "claims"
MAX_LINES = 300  # a module is read in one sitting


def module_files() -> dict[str, Path]:
    modules = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        modules[name] = path
    return modules


MODULES = module_files()


def imports_of(name: str) -> list[tuple[str, list[str]]]:
    """(module, names imported from it) for every import in ``name``, also those inside functions."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.extend((alias.name, []) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")[: len(package.split(".")) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            found.append((module, [alias.name for alias in node.names]))
    return found


def imported_modules(name: str) -> set[str]:
    """The modules of the package that ``name`` imports (a name imported from a package may be a module)."""
    targets = set()
    for module, names in imports_of(name):
        candidates = [module, *(f"{module}.{n}" for n in names)]
        targets.update(c for c in candidates if c in MODULES and c != name)
    return targets


def test_no_import_loops():
    graph = {name: imported_modules(name) for name in MODULES}
    loops, done, path = [], set(), []

    def visit(name: str) -> None:
        path.append(name)
        for target in sorted(graph[name]):
            if target in path:
                loops.append(" -> ".join(path[path.index(target):] + [target]))
            elif target not in done:
                visit(target)
        path.pop()
        done.add(name)

    for name in sorted(graph):
        if name not in done:
            visit(name)
    assert loops == []


def test_the_loop_check_sees_imports_inside_functions():
    assert "claims.compare" in imported_modules("claims.export")  # export_groups imports it when called


def test_every_module_imports_alone():
    code = (
        "import importlib, json, sys\n"
        "failed = {}\n"
        "for name in json.loads(sys.argv[1]):\n"
        "    for loaded in [m for m in sys.modules if m == 'claims' or m.startswith('claims.')]:\n"
        "        del sys.modules[loaded]\n"
        "    try:\n"
        "        importlib.import_module(name)\n"
        "    except Exception as exc:\n"
        "        failed[name] = repr(exc)\n"
        "print(json.dumps(failed))\n"
    )
    names = sorted(n for n in MODULES if n != "claims.__main__")  # running it would start the CLI
    result = subprocess.run([sys.executable, "-c", code, json.dumps(names)], capture_output=True, text=True,
                            timeout=120, cwd=PACKAGE.parent)
    assert result.returncode == 0, result.stderr[-2000:]
    assert json.loads(result.stdout) == {}


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_private_name_is_imported_from_another_module(name):
    private = [f"{module}.{n}" for module, names in imports_of(name) for n in names
               if n.startswith("_") and n != "__future__" and module != "__future__"]
    assert private == []


def test_modules_are_small():
    long = {name: n for name, path in MODULES.items()
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}


def test_ingest_of_unchanged_files_loads_no_comparison_stage(tmp_path):
    seeds = PACKAGE.parent / "seeds"
    db, loaded = tmp_path / "claims.db", tmp_path / "modules.json"
    first = subprocess.run([sys.executable, "-m", "claims", "--db", str(db), "ingest", str(seeds)],
                           capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    code = (
        "import atexit, json, sys\n"
        f"atexit.register(lambda: open({str(loaded)!r}, 'w').write(json.dumps(sorted(sys.modules))))\n"
        f"sys.argv = ['claims', '--db', {str(db)!r}, 'ingest', {str(seeds)!r}]\n"
        "from claims.entry import main\n"
        "main()\n"
    )
    again = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert again.returncode == 0 and "5 unchanged" in again.stdout, again.stderr
    modules = set(json.loads(loaded.read_text()))
    assert "claims.store" in modules  # the check sees what was loaded
    heavy = sorted(m for m in modules
                   if m.startswith(("claims.compare", "claims.views", "rapidfuzz", "rich", "yaml", "Stemmer")))
    assert heavy == []
