"""Walking the app's route table and its OpenAPI document, for tests that hold every operation to a convention."""

from __future__ import annotations

import functools
import typing
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import msgspec
from litestar import Litestar, Response
from litestar.handlers import HTTPRouteHandler
from litestar.routes import HTTPRoute
from litestar.testing import TestClient

from entrypoints.http.app import create_app
from entrypoints.secret import Secret
from entrypoints.settings import Settings

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


@functools.cache
def memory_app() -> Litestar:
    return create_app(
        Settings(adapters="memory", log_level="ERROR", database_url=Secret("postgresql+asyncpg://nobody@127.0.0.1:1/x"))
    )


@functools.cache
def openapi_document() -> dict[str, Any]:
    with TestClient(memory_app()) as client:
        served: dict[str, Any] = client.get("/schema/openapi.json").json()
    return served


def operations(document: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(METHOD, path, operation) of every documented operation."""
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method in METHODS:
                yield method.upper(), path, operation


def route_handlers(app: Litestar) -> Iterator[tuple[str, HTTPRouteHandler]]:
    """(path, handler) of every documented HTTP handler."""
    for route in app.routes:
        if isinstance(route, HTTPRoute):
            for handler in route.route_handlers:
                if handler.resolve_include_in_schema():
                    yield route.path, handler


def resolve(document: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


def response_types(handler: HTTPRouteHandler) -> list[Any]:
    """What a handler answers with: its return annotation and every schema its documented responses name."""
    found = [handler.parsed_fn_signature.return_type.annotation]
    found += [spec.data_container for spec in (handler.responses or {}).values() if spec.data_container is not None]
    return found


def decimals_in(kind: Any, path: str = "", seen: set[Any] | None = None) -> list[str]:
    """The places (Type.field) where `kind` would put a bare Decimal on the wire."""
    seen = set() if seen is None else seen
    if kind is Decimal:
        return [path or "Decimal"]
    origin = typing.get_origin(kind)
    if origin is Response or origin is typing.Annotated:
        return decimals_in(typing.get_args(kind)[0], path, seen)
    if origin is not None:
        return [found for arg in typing.get_args(kind) for found in decimals_in(arg, path, seen)]
    if isinstance(kind, type) and issubclass(kind, msgspec.Struct) and kind not in seen:
        seen.add(kind)
        hints = typing.get_type_hints(kind, include_extras=True)
        return [
            found
            for field in msgspec.structs.fields(kind)
            for found in decimals_in(hints[field.name], f"{kind.__name__}.{field.name}", seen)
        ]
    return []
