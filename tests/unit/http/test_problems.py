"""The error table: every application/domain error leaves as problem+json with its own code and the table's status."""

from __future__ import annotations

import msgspec
import pytest
from litestar import Litestar, get, post
from litestar.params import FromPath, JSONBody
from litestar.testing import TestClient

from application.errors import (
    ApplicationError,
    AuthenticationRequiredError,
    ConflictError,
    InvalidInputError,
    NotFoundError,
    UpstreamConfigurationError,
    UpstreamUnavailableError,
)
from application.identity.conflicts import EmailAlreadyRegisteredError
from domain.errors import InvalidEmailError
from entrypoints.http.input_rules import ControlCharactersError
from entrypoints.http.problem_handlers import exception_handlers
from entrypoints.http.problem_types import PROBLEM_TYPES
from entrypoints.http.problems import PROBLEM_STATUSES
from entrypoints.http.request_id import RequestIdMiddleware

RAISED: dict[str, Exception] = {
    "not-found": NotFoundError(),
    "invalid": InvalidInputError("Phone number is too short.", fields={"phone": "too short"}),
    "conflict": ConflictError(),
    "email-taken": EmailAlreadyRegisteredError(),
    "domain": InvalidEmailError("Enter an email address like name@example.jp."),
    "down": UpstreamUnavailableError("billing", retry_after=7),
    "misconfigured": UpstreamConfigurationError("billing", "API credentials rejected"),
    "bug": RuntimeError("secret internals: password=hunter2"),
    "unauthenticated": AuthenticationRequiredError(),
    "contract": ControlCharactersError(fields={"name": "contains a control character"}),
}


class Body(msgspec.Struct):
    count: int


@get("/raise/{name:str}")
async def raise_named(name: FromPath[str]) -> None:
    raise RAISED[name]


@post("/typed")
async def typed(data: JSONBody[Body]) -> int:
    return data.count


@pytest.fixture
def client() -> TestClient[Litestar]:
    app = Litestar([raise_named, typed], exception_handlers=exception_handlers(), logging_config=None)
    app.asgi_handler = RequestIdMiddleware(app.asgi_handler)
    return TestClient(app)


@pytest.mark.parametrize(
    ("name", "status", "code"),
    [
        ("not-found", 404, "NOT_FOUND"),
        ("invalid", 422, "INVALID_INPUT"),
        ("conflict", 409, "CONFLICT"),
        ("email-taken", 409, "EMAIL_ALREADY_REGISTERED"),
        ("domain", 422, "INVALID_EMAIL"),
        ("down", 503, "UPSTREAM_UNAVAILABLE"),
        ("misconfigured", 502, "UPSTREAM_CONFIGURATION"),
        ("bug", 500, "INTERNAL_ERROR"),
    ],
)
def test_each_error_maps_to_its_status_and_code(
    client: TestClient[Litestar], name: str, status: int, code: str
) -> None:
    response = client.get(f"/raise/{name}")
    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["code"] == code
    assert body["status"] == status
    assert body["requestId"] == response.headers["x-request-id"]


def test_field_errors_are_named(client: TestClient[Litestar]) -> None:
    assert client.get("/raise/invalid").json()["errors"] == {"phone": "too short"}
    assert client.get("/raise/domain").json()["errors"] == {"email": "Enter an email address like name@example.jp."}


def test_outages_tell_the_client_when_to_retry(client: TestClient[Litestar]) -> None:
    response = client.get("/raise/down")
    assert response.headers["retry-after"] == "7"


def test_our_own_failures_tell_customers_nothing_of_our_insides(client: TestClient[Litestar]) -> None:
    """The error's own words ("WHMCS refused our credentials", "billing is down") go to the log and health only."""
    for name in ("down", "misconfigured"):
        detail = client.get(f"/raise/{name}").json()["detail"]
        assert "billing" not in detail
        assert "credentials" not in detail
        assert detail == PROBLEM_TYPES[RAISED[name].code].customer_detail  # type: ignore[attr-defined]


def test_a_401_names_how_to_authenticate(client: TestClient[Litestar]) -> None:
    response = client.get("/raise/unauthenticated")
    assert response.status_code == 401
    assert response.headers["www-authenticate"].startswith("Cookie ")


def test_a_request_breaking_the_contract_is_400_and_a_refusing_business_rule_422(client: TestClient[Litestar]) -> None:
    assert client.get("/raise/contract").status_code == 400
    assert client.get("/raise/invalid").status_code == 422


def test_unknown_errors_leak_nothing(client: TestClient[Litestar]) -> None:
    response = client.get("/raise/bug")
    assert "hunter2" not in response.text
    assert "RuntimeError" not in response.text
    assert response.json()["requestId"] in response.json()["detail"]


def test_request_validation_failures_carry_a_code(client: TestClient[Litestar]) -> None:
    response = client.post("/typed", json={"count": "many"})
    assert response.status_code == 400
    assert response.json()["code"] == "VALIDATION_FAILED"
    assert response.headers["content-type"] == "application/problem+json"


def test_unknown_routes_are_problems_too(client: TestClient[Litestar]) -> None:
    response = client.get("/nowhere")
    assert response.status_code == 404
    assert response.json()["code"] == "ROUTE_NOT_FOUND"
    assert response.headers["x-request-id"]


def test_a_well_formed_incoming_request_id_is_kept_and_a_hostile_one_replaced(client: TestClient[Litestar]) -> None:
    assert client.get("/nowhere", headers={"X-Request-ID": "lb-1234567890"}).headers["x-request-id"] == "lb-1234567890"
    replaced = client.get("/nowhere", headers={"X-Request-ID": "bad id\r\nSet-Cookie: x"}).headers["x-request-id"]
    assert replaced.isalnum()


def test_every_application_error_class_has_a_status() -> None:
    def subclasses(kind: type[Exception]) -> set[type[Exception]]:
        found = set(kind.__subclasses__())
        return found.union(*(subclasses(k) for k in found)) if found else found

    unmapped = [
        kind
        for kind in subclasses(ApplicationError)
        if not any(ancestor in PROBLEM_STATUSES for ancestor in kind.__mro__)
    ]
    assert unmapped == []
