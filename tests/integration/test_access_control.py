"""Every account route, taken from the app's route table (so a route added tomorrow is covered tomorrow):

- without a session it answers 401 before looking at anything else;
- signed in as one customer (Kenji) with another customer's (Hanako's) ids in the path, it answers 404 with none
  of her data and changes nothing of hers; with the caller's own ids the same route works, so the 404 is the
  ownership check and not a broken route;
- routes without path parameters never show the other customer's data, whatever ids the query names.

Path parameters are filled by name: invoice, subscription/service, case and order ids get one of Hanako's;
anything else gets a well-formed id that is hers (int 1 is hers in every WHMCS table; a string gets her CRM
account id). Request bodies are built from the route's OpenAPI schema, so a valid body reaches the handler.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
import stamina
from hypothesis import HealthCheck, find, settings
from hypothesis import strategies as st
from litestar import Litestar
from litestar.routes import HTTPRoute
from litestar.testing import AsyncTestClient

from entrypoints.secret import Secret
from tests.integration.billing.portal import (
    BILLING_REDIS_URL,
    HANAKO,
    KENJI,
    crm_ids,
    crm_records,
    flush_billing_redis,
    keyed,
    link_in_database,
    sign_in,
)
from tests.integration.conftest import disposable_engine
from tests.support.app import real_app
from tests.support.sandbox import RunningSandbox

pytestmark = pytest.mark.integration
PROTECTED = ("/api/account", "/api/billing", "/api/orders", "/api/subscriptions", "/api/support")
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
# Strings that appear only in Hanako's data (name, email, address, her case).
HANAKOS_MARKERS = ("Hanako", "Tanaka", "Jingumae", "Router keeps restarting")
QUIET = settings(database=None, suppress_health_check=list(HealthCheck))
BUSINESS_REFUSALS = frozenset({"CANCELLATION_NOT_OFFERED"})


@dataclass(frozen=True)
class Operation:
    method: str
    path: str  # e.g. /api/billing/invoices/{invoice_id}
    params: dict[str, type]

    def __str__(self) -> str:
        return f"{self.method} {self.path}"


def account_operations(app: Litestar) -> list[Operation]:
    found = []
    for route in app.routes:
        if not isinstance(route, HTTPRoute) or not any(
            route.path == prefix or route.path.startswith(f"{prefix}/") for prefix in PROTECTED
        ):
            continue
        params = {name: definition.type for name, definition in route.path_parameters.items()}
        for method in route.route_handler_map:
            if method not in ("OPTIONS", "HEAD"):
                found.append(Operation(method, route.path_format, params))
    return sorted(found, key=str)


@dataclass(frozen=True)
class Ids:
    """One customer's resource ids, by kind."""

    invoice: int
    subscription: int
    case: str
    account: str
    order: str | None = None

    def for_param(self, name: str, kind: type) -> str:
        lowered = name.lower()
        if "invoice" in lowered:
            return str(self.invoice)
        if "subscription" in lowered or "service" in lowered:
            return str(self.subscription)
        if "case" in lowered:
            return self.case
        if "order" in lowered and kind is str:
            return self.order or self.account
        return "1" if kind is int else self.account


def fill(operation: Operation, ids: Ids) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: ids.for_param(m[1], operation.params[m[1]]), operation.path)


def example(schema: dict[str, Any], components: dict[str, Any]) -> Any:
    """The smallest value valid for `schema` (first example, enum value or type default)."""
    if "$ref" in schema:
        return example(components[schema["$ref"].rsplit("/", 1)[1]], components)
    for key in ("oneOf", "anyOf"):
        if key in schema:
            options = [s for s in schema[key] if s.get("type") != "null"]
            return example(options[0], components)
    if schema.get("examples"):
        return schema["examples"][0]
    if "enum" in schema:
        return schema["enum"][0]
    if "pattern" in schema:  # the simplest string the pattern accepts, e.g. 000-0000 for a postcode
        return find(st.from_regex(schema["pattern"], fullmatch=True), lambda _: True, settings=QUIET)
    kind = schema.get("type")
    if kind == "object":
        required = schema.get("required", [])
        return {
            name: example(sub, components) for name, sub in schema.get("properties", {}).items() if name in required
        }
    if kind == "array":
        return [example(schema.get("items", {}), components) for _ in range(int(schema.get("minItems", 0)))]
    if kind in ("integer", "number"):
        return int(schema.get("minimum", 1))
    if kind == "boolean":
        return True
    if schema.get("format") == "date":
        return "2026-01-01"
    return "x" * max(int(schema.get("minLength", 1)), 1)


def request_body(app: Litestar, operation: Operation) -> Any:
    spec = app.openapi_schema.to_schema()
    body = spec["paths"][operation.path][operation.method.lower()].get("requestBody")
    if body is None:
        return None
    if "application/json" not in body["content"]:
        return {}  # an upload: refused before its form is read (no session, or another customer's ids)
    return example(body["content"]["application/json"]["schema"], spec.get("components", {}).get("schemas", {}))


async def call(client: httpx.AsyncClient, app: Litestar, operation: Operation, ids: Ids) -> httpx.Response:
    body = request_body(app, operation)
    if operation.method in UNSAFE and body is None:
        body = {}  # what a browser's fetch would send; the content type keeps the CSRF check's JSON rule happy
    # Creating routes want an Idempotency-Key, as the frontend sends one: so the ownership check is what answers.
    headers = keyed() if operation.method in UNSAFE else None
    return await client.request(operation.method, fill(operation, ids), json=body, headers=headers)


@pytest.fixture
async def app(database_url: str, sandbox: RunningSandbox) -> AsyncIterator[Litestar]:
    stamina.set_testing(True, attempts=3)
    sandbox.reset()
    await flush_billing_redis()
    async with disposable_engine(database_url):
        yield real_app(database_url, redis_url=Secret(BILLING_REDIS_URL), **sandbox.portal_settings())
    await flush_billing_redis()
    stamina.set_testing(False)


def hanakos_ids(sandbox: RunningSandbox) -> Ids:
    account, _ = crm_ids(sandbox, HANAKO)
    case = next(c["Id"] for c in crm_records(sandbox, "Case") if c["AccountId"] == account)
    order = next((o["Id"] for o in crm_records(sandbox, "Order") if o.get("AccountId") == account), None)
    return Ids(invoice=6, subscription=1, case=str(case), account=account, order=order)


def test_the_route_table_has_the_account_routes(app: Litestar) -> None:
    names = {str(operation) for operation in account_operations(app)}
    assert {
        "GET /api/billing/invoices",
        "GET /api/billing/invoices/{invoice_id}",
        "POST /api/billing/invoices/{invoice_id}/pay-link",
        "PATCH /api/billing/profile",
        "GET /api/subscriptions/{subscription_id}",
        "POST /api/support/cases/{case_id}/comments",
    } <= names


async def test_without_a_session_every_account_route_is_401(app: Litestar, sandbox: RunningSandbox) -> None:
    ids = hanakos_ids(sandbox)
    async with AsyncTestClient(app) as anonymous:
        for operation in account_operations(app):
            response = await call(anonymous, app, operation, ids)
            assert response.status_code == 401, f"{operation}: {response.status_code} {response.text}"
            assert response.json()["code"] == "AUTHENTICATION_REQUIRED", str(operation)
            assert not any(marker in response.text for marker in HANAKOS_MARKERS), str(operation)


async def test_another_customers_ids_are_404_with_no_data_and_no_change(
    app: Litestar, sandbox: RunningSandbox, database_url: str
) -> None:
    hanako = hanakos_ids(sandbox)
    await link_in_database(database_url, sandbox, KENJI)
    comments_before = len(crm_records(sandbox, "CaseComment"))
    with_params = [op for op in account_operations(app) if op.params]
    assert with_params
    async with AsyncTestClient(app) as kenji:
        await sign_in(kenji, KENJI)
        for operation in with_params:
            response = await call(kenji, app, operation, hanako)
            assert response.status_code == 404, f"{operation}: {response.status_code} {response.text}"
            assert not any(marker in response.text for marker in HANAKOS_MARKERS), str(operation)
    assert len(crm_records(sandbox, "CaseComment")) == comments_before
    with sandbox.whmcs() as whmcs:
        assert whmcs.get("/_sandbox/state").json()["sso_tokens"] == []  # no link into her billing account


async def test_the_same_routes_work_with_the_callers_own_ids(
    app: Litestar, sandbox: RunningSandbox, database_url: str
) -> None:
    """So the 404s above are the ownership check, not routes that fail for everyone."""
    await link_in_database(database_url, sandbox, KENJI)
    account, _ = crm_ids(sandbox, KENJI)
    known = re.compile(r"\{(invoice_id|subscription_id|case_id)\}")
    async with AsyncTestClient(app) as kenji:
        await sign_in(kenji, KENJI)
        case = await kenji.post(
            "/api/support/cases", json={"subject": "VPN drops", "description": "Hourly."}, headers=keyed()
        )
        own = Ids(invoice=7, subscription=3, case=case.json()["id"], account=account)
        for operation in account_operations(app):
            if not operation.params or not known.search(operation.path):
                continue
            response = await call(kenji, app, operation, own)
            # Kenji's only subscription is a VPN: the cancellation routes look at it (ownership passed) and refuse it
            # by a business rule, which proves the route works as much as a success would.
            refused_by_rule = response.status_code == 422 and response.json().get("code") in BUSINESS_REFUSALS
            assert response.is_success or refused_by_rule, f"{operation}: {response.status_code} {response.text}"


async def test_lists_never_show_another_customers_data_whatever_the_query_names(
    app: Litestar, sandbox: RunningSandbox, database_url: str
) -> None:
    hanako = hanakos_ids(sandbox)
    await link_in_database(database_url, sandbox, KENJI)
    smuggled: dict[str, str | int] = {"clientId": 1, "userid": 1, "accountId": hanako.account, "whmcsClientId": 1}
    async with AsyncTestClient(app) as kenji:
        await sign_in(kenji, KENJI)
        for operation in account_operations(app):
            if operation.params or operation.method != "GET" or operation.path.endswith("/events"):
                continue  # a live stream never ends (its access rules are checked above and in tests/e2e/live)
            response = await kenji.get(operation.path, params=smuggled)
            assert response.status_code == 200, f"{operation}: {response.status_code} {response.text}"
            assert not any(marker in response.text for marker in HANAKOS_MARKERS), str(operation)
