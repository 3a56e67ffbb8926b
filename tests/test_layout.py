"""The extraction and lexicon packages keep their layout: imports run one way (no loop), no
module imports another's private name, and every module is small enough to read at once."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "claims"
CHECKED = sorted([*PACKAGE.glob("extract/**/*.py"), *PACKAGE.glob("lexicon/**/*.py")])
MAX_LINES = 300


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> list[tuple[str, list[str]]]:
    """(module imported, names taken from it) for each import of ``path`` within the package."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = package
            for _ in range(node.level - 1):
                base = base.rsplit(".", 1)[0]
            module = f"{base}.{node.module}" if node.level and node.module else (node.module if not node.level else base)
            if module.startswith("claims"):
                found.append((module, [alias.name for alias in node.names]))
    return found


def test_no_private_name_is_imported_across_modules():
    offences = [
        f"{_module_name(path)} imports {name} from {module}"
        for path in CHECKED
        for module, names in _imports(path)
        for name in names
        if name.startswith("_") and name != "__future__"
    ]
    assert offences == []


def test_imports_form_no_loop():
    modules = {_module_name(path): path for path in CHECKED}
    graph = {name: set() for name in modules}
    for name, path in modules.items():
        for module, names in _imports(path):
            # "from . import x" imports the module x; "from .x import y" imports x.
            targets = [f"{module}.{n}" for n in names if f"{module}.{n}" in modules] or [module]
            graph[name].update(t for t in targets if t in modules and t != name)
    loops, state = [], {}

    def visit(node: str, path: list[str]) -> None:
        state[node] = "open"
        for target in sorted(graph[node]):
            if state.get(target) == "open":
                loops.append(" -> ".join(path[path.index(target):] + [target]))
            elif target not in state:
                visit(target, path + [target])
        state[node] = "done"

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    assert loops == []


def test_modules_are_small():
    long = {_module_name(p): n for p in CHECKED if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}
