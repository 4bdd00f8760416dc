"""The package's layout holds: no import cycle, and every import runs down the layers."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "compare"

# Each room (a top-level module or subpackage of compare) and the rooms it may import.
# Read bottom-up: text ← claims ← relate ← runs; learn may use relate, never the reverse.
BASE = {"errors", "config", "schema", "vectors"}
ALLOWED = {
    "errors": set(),
    "config": {"errors"},
    "schema": set(),
    "vectors": set(),
    "text": set(),
    "store": BASE,
    "ingest": BASE | {"text", "store"},
    "claims": BASE | {"text"},
    "embed": BASE | {"store"},
    "align": BASE,
    "stories": BASE | {"align", "copies"},
    "copies": BASE | {"text"},
    "verdicts": BASE | {"store"},
    "relate": BASE | {"text", "claims", "embed", "store"},
    "report": BASE | {"relate"},
    "learn": BASE | {"text", "claims", "embed", "store", "relate"},
    "runs": BASE | {"text", "ingest", "claims", "embed", "store", "align", "copies", "stories",
                    "relate", "report", "verdicts", "root"},
    "cli": BASE | {"root", "runs", "learn"},
    "root": BASE | {"runs", "learn", "relate"},
}


def _modules() -> dict[str, Path]:
    out = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = path
    return out


def _imports(path: Path, top_level_only: bool) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    found = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("compare")}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("compare"):
            for alias in node.names:
                sub = f"{node.module}.{alias.name}"
                found.add(sub if sub in MODULES else node.module)
    return found


MODULES = _modules()


def _room(module: str) -> str:
    parts = module.split(".")
    return "root" if len(parts) == 1 else parts[1]


def test_every_import_runs_down_the_layers():
    wrong = []
    for module, path in MODULES.items():
        room = _room(module)
        for target in _imports(path, top_level_only=False):
            other = _room(target)
            if other != room and other not in ALLOWED[room]:
                wrong.append(f"{module} imports {target} ({room} may not use {other})")
    assert wrong == []


def test_no_import_cycle():
    graph = {m: {t for t in _imports(p, top_level_only=True) if t in MODULES and t != "compare"}
             for m, p in MODULES.items()}
    state: dict[str, int] = {}
    cycles = []

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append(" → ".join([*trail[trail.index(nxt):], nxt]))
            elif nxt not in state:
                visit(nxt, [*trail, nxt])
        state[node] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert cycles == []


def test_no_module_grows_past_four_hundred_lines():
    long = {m: n for m, p in MODULES.items()
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400}
    assert long == {}
