"""Ports stay role-sized: a use case names exactly what it needs, so no port declares more than eight methods.

A wider need is a second role (a new Protocol beside the first), which one adapter class may also implement.
"""

from __future__ import annotations

import ast
from pathlib import Path

PORTS = Path(__file__).resolve().parents[2] / "src" / "application" / "ports"
MOST_METHODS = 8


def port_widths() -> dict[str, int]:
    widths = {}
    for path in sorted(PORTS.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and any(
                getattr(base, "id", getattr(base, "attr", None)) == "Protocol" for base in node.bases
            ):
                methods = [f for f in node.body if isinstance(f, ast.FunctionDef | ast.AsyncFunctionDef)]
                widths[f"{path.relative_to(PORTS)}:{node.name}"] = len(methods)
    return widths


def test_the_ports_are_found() -> None:
    assert port_widths()["billing/invoices.py:BillingInvoices"] == 2


def test_no_port_is_wider_than_a_role() -> None:
    assert {name: width for name, width in port_widths().items() if width > MOST_METHODS} == {}
