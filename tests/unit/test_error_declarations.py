"""Every use case declares the errors it may raise (`raises`), and the declaration is checked against its code.

The API documents each operation's problems from these declarations, so one that forgets an error hides a
problem from the frontend's generated client. This reads each declaring class's own `raise` statements (and
those of the module-level helpers beside it) and fails on an error class the declaration does not name. Errors
raised further away (adapters, domain parsers) are the declaration's to name; they cannot be read from here.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import typing
from collections.abc import Iterator
from types import ModuleType

import pytest

import application
import entrypoints.http

SCANNED = (application, entrypoints.http)


def modules() -> Iterator[ModuleType]:
    for package in SCANNED:
        for info in pkgutil.walk_packages(package.__path__, prefix=f"{package.__name__}."):
            yield importlib.import_module(info.name)


def declaring_classes(module: ModuleType) -> dict[str, type]:
    return {
        name: value
        for name, value in vars(module).items()
        if inspect.isclass(value) and value.__module__ == module.__name__ and "raises" in vars(value)
    }


def raised_classes(node: ast.AST, module: ModuleType) -> set[type[BaseException]]:
    """The error classes `raise` statements under `node` name: `raise Error(...)`, `raise Error`, and
    `raise helper(...)` where the helper is annotated to return an error class."""
    found: set[type[BaseException]] = set()
    for statement in ast.walk(node):
        if not isinstance(statement, ast.Raise) or statement.exc is None:
            continue
        target = statement.exc.func if isinstance(statement.exc, ast.Call) else statement.exc
        value = vars(module).get(target.id) if isinstance(target, ast.Name) else None
        if inspect.isfunction(value):
            value = typing.get_type_hints(value).get("return")
        if inspect.isclass(value) and issubclass(value, BaseException):
            found.add(value)
    return found


def undeclared(module: ModuleType, source: str | None = None) -> dict[str, set[str]]:
    classes = declaring_classes(module)
    if not classes:
        return {}
    tree = ast.parse(source or inspect.getsource(module))
    missing: dict[str, set[str]] = {}
    everything_declared = {kind for cls in classes.values() for kind in cls.raises}
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and node.name in classes:
            raised, allowed = raised_classes(node, module), set(classes[node.name].raises)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            raised, allowed = raised_classes(node, module), everything_declared
        else:
            continue
        if raised - allowed:
            missing[f"{module.__name__}.{node.name}"] = {kind.__name__ for kind in raised - allowed}
    return missing


def test_the_scan_finds_the_use_cases() -> None:
    found = {name for module in modules() for name in declaring_classes(module)}
    assert {"PlaceOrder", "GetInvoice", "OpenCase", "SignUp", "IdempotentRequests", "ResolveLinkedCustomer"} <= found


@pytest.mark.parametrize("module", list(modules()), ids=lambda m: m.__name__)
def test_every_error_a_use_case_raises_is_declared(module: ModuleType) -> None:
    assert undeclared(module) == {}


def test_an_undeclared_raise_is_reported() -> None:
    """The rule itself, on a module written for it."""
    source = (
        "from application.errors import NotFoundError, Raises, ConflictError\n"
        "class Lookup:\n"
        "    raises: Raises = (NotFoundError,)\n"
        "    def execute(self) -> None:\n"
        "        raise ConflictError()\n"
    )
    module = ModuleType("tests.fabricated_use_case")
    exec(compile(source, "<fabricated>", "exec"), vars(module))
    assert undeclared(module, source) == {"tests.fabricated_use_case.Lookup": {"ConflictError"}}
