"""Each operation's problem responses in OpenAPI come from what it runs: the errors its use cases declare, plus the
HTTP layer's own refusals. Nothing is listed by hand, so a declared code always reaches the generated client."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from dishka.integrations.litestar import FromDishka, inject
from litestar import Litestar, get
from litestar.handlers import HTTPRouteHandler
from litestar.routes import HTTPRoute
from litestar.testing import TestClient

from entrypoints.http.app import create_app
from entrypoints.http.problem_docs import declared, documented_codes, errors_of, injected
from entrypoints.http.problems import MEDIA_TYPE, status_for
from entrypoints.secret import Secret
from entrypoints.settings import Settings


@pytest.fixture(scope="module")
def app() -> Litestar:
    return create_app(
        Settings(adapters="memory", log_level="ERROR", database_url=Secret("postgresql+asyncpg://nobody@127.0.0.1:1/x"))
    )


@pytest.fixture(scope="module")
def document(app: Litestar) -> dict[str, Any]:
    with TestClient(app) as client:
        served: dict[str, Any] = client.get("/schema/openapi.json").json()
    return served


@pytest.fixture(scope="module")
def operations(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {op["operationId"]: op for path in document["paths"].values() for op in path.values()}


def handlers(app: Litestar) -> Iterator[HTTPRouteHandler]:
    for route in app.routes:
        if isinstance(route, HTTPRoute):
            yield from (h for h in route.route_handlers if h.resolve_include_in_schema())


def codes_at(operation: dict[str, Any], status: int) -> set[str]:
    """The codes a documented problem response lists: "Problem (409): A (Retry-After), B" → {A, B}."""
    response = operation["responses"].get(str(status))
    assert response is not None, f"{operation['operationId']} documents no {status}"
    assert list(response["content"]) == [MEDIA_TYPE]
    listed = response["description"].split(":", 1)[1]
    return {item.split("(")[0].strip() for item in listed.split(", ") if not item.strip().startswith("links.")}


def test_everything_a_handler_takes_from_the_container_declares_what_it_raises(app: Litestar) -> None:
    silent = {f"{h.operation_id}: {d}" for h in handlers(app) for d in injected(h) if declared(d) is None}
    assert silent == set()


def test_every_declared_code_is_documented_at_its_status(app: Litestar, operations: dict[str, Any]) -> None:
    for handler in handlers(app):
        operation = operations[str(handler.operation_id)]
        for error in errors_of(handler):
            code = str(getattr(error, "code", ""))
            assert code in codes_at(operation, status_for(error)[0]), (handler.operation_id, code)
        for status, codes in documented_codes(handler).items():
            assert {c.split(" ")[0] for c in codes} <= codes_at(operation, status)


@pytest.mark.parametrize(
    ("operation_id", "status", "expected"),
    [
        ("placeOrder", 409, {"PAYMENT_METHOD_MISSING", "IDEMPOTENCY_REQUEST_IN_PROGRESS"}),
        ("placeOrder", 422, {"SKU_NOT_ORDERABLE", "INVALID_MNP", "IDEMPOTENCY_KEY_REUSED", "INVALID_INPUT"}),
        ("placeOrder", 400, {"IDEMPOTENCY_KEY_MISSING", "VALIDATION_FAILED", "BAD_REQUEST"}),
        ("placeOrder", 403, {"ACCOUNT_NOT_LINKED", "CSRF_TOKEN_INVALID"}),
        ("getInvoice", 404, {"NOT_FOUND"}),
        ("getInvoice", 503, {"BILLING_UNAVAILABLE"}),
        ("getInvoice", 401, {"AUTHENTICATION_REQUIRED"}),
        ("commentOnCase", 503, {"SUPPORT_UNAVAILABLE"}),
        ("logIn", 429, {"RATE_LIMITED"}),
        ("signUp", 422, {"WEAK_PASSWORD", "CUSTOMER_NUMBER_NOT_FOUND", "INVALID_EMAIL"}),
        ("getPublicSimCatalog", 429, {"RATE_LIMITED"}),
        ("receiveWhmcsWebhook", 401, {"WEBHOOK_SIGNATURE_INVALID"}),
        ("receiveWhmcsWebhook", 400, {"VALIDATION_FAILED"}),
        ("receiveWhmcsWebhook", 413, {"PAYLOAD_TOO_LARGE"}),
    ],
)
def test_operations_document_their_problems(
    operations: dict[str, Any], operation_id: str, status: int, expected: set[str]
) -> None:
    assert expected <= codes_at(operations[operation_id], status)


def test_responses_written_by_the_handler_are_kept(operations: dict[str, Any]) -> None:
    assert "304" in operations["getPublicSimCatalog"]["responses"]
    assert "NOT_READY" in operations["getReadiness"]["responses"]["503"]["description"]
    assert operations["requestInternetEligibilityCheck"]["responses"]["200"]["description"] == "Already requested"


def test_only_what_applies_is_documented(operations: dict[str, Any]) -> None:
    assert "401" not in operations["getPublicSimCatalog"]["responses"]  # no session needed
    assert "CSRF_TOKEN_INVALID" not in codes_at(operations["getAccountSimCatalog"], 403)  # a GET needs no token
    assert "400" not in operations["listOrders"]["responses"]  # nothing to validate


class Undeclared:
    """A dependency that says nothing about its errors."""


@get("/undeclared")
@inject
async def takes_undeclared(thing: FromDishka[Undeclared]) -> None:
    del thing


def test_a_dependency_without_a_declaration_is_reported() -> None:
    assert injected(takes_undeclared) == [Undeclared]
    assert declared(Undeclared) is None
