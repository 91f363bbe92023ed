"""Figures on the code base's shape: module sizes, the widest port, import cycles.

    .venv/bin/python scripts/structure_report.py

Module sizes count the lines of every production module under `src/` except the emulators (`src/sandbox`);
ports are the `typing.Protocol` classes under `src/application/ports`; cycles are searched over every package,
the emulators included, with grimp (the import graph import-linter uses).
"""

from __future__ import annotations

import ast
import statistics
import sys
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
PACKAGES = ("domain", "application", "adapters", "entrypoints", "sandbox")


def module_sizes() -> list[int]:
    files = [p for p in SRC.rglob("*.py") if "sandbox" not in p.relative_to(SRC).parts[:1]]
    return sorted(len(p.read_text(encoding="utf-8").splitlines()) for p in files)


def percentile(values: list[int], fraction: float) -> int:
    return values[min(len(values) - 1, int(fraction * len(values)))]


def protocol_widths() -> list[tuple[int, str]]:
    widths = []
    for path in sorted((SRC / "application" / "ports").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and any(
                getattr(base, "id", getattr(base, "attr", None)) == "Protocol" for base in node.bases
            ):
                methods = [f for f in node.body if isinstance(f, ast.FunctionDef | ast.AsyncFunctionDef)]
                widths.append((len(methods), f"{path.relative_to(SRC)}:{node.name}"))
    return sorted(widths, reverse=True)


def import_cycles() -> list[tuple[str, ...]]:
    sys.path.insert(0, str(SRC))
    graph = grimp.build_graph(*PACKAGES)
    cycles: set[tuple[str, ...]] = set()
    for module in sorted(graph.modules):
        for imported in graph.find_modules_directly_imported_by(module):
            chain = graph.find_shortest_chain(importer=imported, imported=module)
            if chain:
                cycle = (module, *chain)
                start = cycle.index(min(cycle[:-1]))
                cycles.add(cycle[start:-1] + cycle[:start])
    return sorted(cycles)


def main() -> None:
    sizes = module_sizes()
    print(f"production modules (src/ without sandbox): {len(sizes)} files, {sum(sizes)} lines")
    print(f"  lines per module: median {statistics.median(sizes):.0f}, p90 {percentile(sizes, 0.9)}, max {sizes[-1]}")
    widths = protocol_widths()
    print(f"ports: {len(widths)} protocols; widest: " + ", ".join(f"{w} {name}" for w, name in widths[:3]))
    cycles = import_cycles()
    print(f"import cycles (all packages, sandbox included): {len(cycles)}")
    for cycle in cycles[:20]:
        print("  " + " -> ".join(cycle))


if __name__ == "__main__":
    main()
