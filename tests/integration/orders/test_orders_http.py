"""Checkout and the orders read side through HTTP against the emulators, Postgres and Redis; fulfilment run as
the worker runs it, over the wire to WHMCS, Freebit and Salesforce (faults included)."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from adapters.postgres.sim_inventory import PostgresSimInventory
from adapters.system_clock import SystemClock
from application.orders.fulfilment.outcome import Outcome
from domain.orders.fulfilment import SimCard
from tests.integration.conftest import disposable_engine
from tests.integration.orders.portal import (
    activations,
    control,
    crm_orders,
    forget_everything,
    fulfil,
    orders_app,
    sign_in,
    whmcs_orders,
    worker,
)
from tests.support.sandbox import RunningSandbox, running_sandbox

pytestmark = pytest.mark.integration
SIM = {
    "orderType": "SIM",
    "items": [{"sku": "SIM-10GB-VOICE"}, {"sku": "SIM-ACTIVATION-FEE"}],
    "sim": {"type": "physical"},
}
VPN = {"orderType": "VPN", "items": [{"sku": "VPN-UK-LONDON"}, {"sku": "VPN-ACTIVATION-FEE"}]}


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningSandbox]:
    with running_sandbox(Path(tmp_path_factory.mktemp("sandbox"))) as running:
        yield running


@pytest.fixture
async def app(database_url: str, sandbox: RunningSandbox) -> AsyncIterator[Litestar]:
    sandbox.reset()
    await forget_everything(database_url)
    async with disposable_engine(database_url):
        yield orders_app(database_url, sandbox)
        await forget_everything(database_url)


@pytest.fixture
async def hanako(app: Litestar) -> AsyncIterator[AsyncTestClient[Litestar]]:
    async with AsyncTestClient(app) as client:
        await sign_in(client, "Hanako")
        yield client


def keyed(key: str | None = None) -> dict[str, str]:
    return {"Idempotency-Key": key or str(uuid.uuid4())}


async def place(client: AsyncTestClient[Litestar], body: dict[str, Any], key: str | None = None) -> dict[str, Any]:
    response = await client.post("/api/orders", json=body, headers=keyed(key))
    assert response.status_code == 201, response.text
    return dict(response.json())


async def test_checkout_creates_the_order_and_the_read_side_shows_it(hanako: AsyncTestClient[Litestar]) -> None:
    order = await place(hanako, SIM)

    assert (order["status"], order["orderType"], order["simType"]) == ("Pending Review", "SIM", "physical")
    assert [(i["sku"], i["unitPrice"]) for i in order["items"]] == [
        ("SIM-10GB-VOICE", "2480"),
        ("SIM-ACTIVATION-FEE", "3300"),
    ]
    listed = (await hanako.get("/api/orders")).json()["items"]
    assert [(o["id"], o["itemCount"]) for o in listed] == [(order["id"], 2)]
    assert (await hanako.get(f"/api/orders/{order['id']}")).json() == order


async def test_the_same_key_and_body_answer_with_the_first_result(
    hanako: AsyncTestClient[Litestar], sandbox: RunningSandbox
) -> None:
    key = str(uuid.uuid4())
    first = await hanako.post("/api/orders", json=SIM, headers=keyed(key))
    again = await hanako.post("/api/orders", json=SIM, headers=keyed(key))
    other = await hanako.post("/api/orders", json=VPN, headers=keyed(key))
    missing = await hanako.post("/api/orders", json=SIM)

    assert (first.status_code, again.status_code) == (201, 201)
    assert again.content == first.content
    assert again.headers["idempotent-replayed"] == "true"
    assert (other.status_code, other.json()["code"]) == (422, "IDEMPOTENCY_KEY_REUSED")
    assert (missing.status_code, missing.json()["code"]) == (400, "IDEMPOTENCY_KEY_MISSING")
    assert len(crm_orders(sandbox)) == 1


async def test_a_double_click_never_makes_two_orders(
    hanako: AsyncTestClient[Litestar], sandbox: RunningSandbox
) -> None:
    key = str(uuid.uuid4())

    answers = await asyncio.gather(*(hanako.post("/api/orders", json=SIM, headers=keyed(key)) for _ in range(6)))

    statuses = sorted(a.status_code for a in answers)
    assert statuses.count(201) >= 1
    assert set(statuses) <= {201, 409}
    assert all(a.json()["code"] == "IDEMPOTENCY_REQUEST_IN_PROGRESS" for a in answers if a.status_code == 409)
    assert all(a.headers["retry-after"] for a in answers if a.status_code == 409)
    assert len({a.json()["id"] for a in answers if a.status_code == 201}) == 1
    assert len(crm_orders(sandbox)) == 1


async def test_no_payment_method_is_a_problem_with_a_link_to_add_one_and_is_replayed(app: Litestar) -> None:
    async with AsyncTestClient(app) as sota:
        await sign_in(sota, "Sota")
        key = str(uuid.uuid4())
        first = await sota.post("/api/orders", json=VPN, headers=keyed(key))
        again = await sota.post("/api/orders", json=VPN, headers=keyed(key))

    assert first.status_code == 409
    problem = first.json()
    assert problem["code"] == "PAYMENT_METHOD_MISSING"
    assert problem["links"] == {"addPaymentMethod": "/api/billing/payment-methods/manage-link"}
    assert (again.status_code, again.content) == (409, first.content)


async def test_a_rule_violation_names_its_field(hanako: AsyncTestClient[Litestar]) -> None:
    response = await hanako.post("/api/orders", json={**SIM, "sim": {"type": "eSIM", "eid": "123"}}, headers=keyed())

    assert response.status_code == 422
    assert (response.json()["code"], list(response.json()["errors"])) == ("INVALID_EID", ["sim.eid"])


async def test_another_accounts_order_is_not_found(hanako: AsyncTestClient[Litestar]) -> None:
    order = await place(hanako, VPN)
    hanako.cookies.clear()  # the same browser, now Daichi's
    await sign_in(hanako, "Daichi")

    missing = await hanako.get(f"/api/orders/{order['id']}")
    assert (missing.status_code, missing.json()["code"]) == (404, "NOT_FOUND")
    assert (await hanako.get("/api/orders")).json()["items"] == []


async def test_an_approved_sim_order_is_fulfilled_over_the_wire(
    database_url: str, sandbox: RunningSandbox, hanako: AsyncTestClient[Litestar]
) -> None:
    before = len(whmcs_orders(sandbox, 1))
    order = await place(hanako, SIM)
    control(sandbox, "salesforce", "POST", f"/orders/{order['id']}/approve", json={})

    async with worker(database_url, sandbox) as container:
        assert (await fulfil(container, sandbox, order["id"])).outcome is Outcome.COMPLETED

    billing = whmcs_orders(sandbox, 1)
    assert len(billing) == before + 1
    assert billing[-1]["status"] == "Active"
    assert activations(sandbox) == 1
    crm = next(o for o in crm_orders(sandbox) if o["Id"] == order["id"])
    assert (crm["Activation_Status__c"], crm["WHMCS_Order_ID__c"]) == ("Activated", str(billing[-1]["id"]))
    shown = (await hanako.get(f"/api/orders/{order['id']}")).json()
    assert (shown["activationStatus"], shown["errorCode"]) == ("Activated", None)


async def test_an_add_order_that_times_out_after_creating_the_order_makes_one(
    database_url: str, sandbox: RunningSandbox, hanako: AsyncTestClient[Litestar]
) -> None:
    before = len(whmcs_orders(sandbox, 1))
    order = await place(hanako, VPN)
    control(sandbox, "salesforce", "POST", f"/orders/{order['id']}/approve", json={})
    control(sandbox, "whmcs", "POST", "/faults", json={"operation": "AddOrder", "kind": "apply_then_timeout",
                                                          "delay_ms": 50})  # fmt: skip

    async with worker(database_url, sandbox) as container:
        assert (await fulfil(container, sandbox, order["id"])).outcome is Outcome.COMPLETED

    assert len(whmcs_orders(sandbox, 1)) == before + 1
    crm = next(o for o in crm_orders(sandbox) if o["Id"] == order["id"])
    assert crm["Activation_Status__c"] == "Activated"


async def test_a_removed_payment_method_pauses_and_a_reactivation_finishes(
    database_url: str, sandbox: RunningSandbox, hanako: AsyncTestClient[Litestar]
) -> None:
    before = len(whmcs_orders(sandbox, 1))
    order = await place(hanako, SIM)
    cards = [m for m in control(sandbox, "whmcs", "GET", "/state")["pay_methods"] if m["client_id"] == 1]
    for card in cards:
        control(sandbox, "whmcs", "DELETE", f"/paymethods/{card['id']}")
    control(sandbox, "salesforce", "POST", f"/orders/{order['id']}/approve", json={})

    async with worker(database_url, sandbox) as container:
        stopped = await fulfil(container, sandbox, order["id"])
        assert (stopped.outcome, stopped.error_code) == (Outcome.STOPPED, "PAYMENT_METHOD_MISSING")
        assert (len(whmcs_orders(sandbox, 1)), activations(sandbox)) == (before, 0)
        shown = (await hanako.get(f"/api/orders/{order['id']}")).json()
        assert (shown["activationStatus"], shown["errorCode"]) == ("Failed", "PAYMENT_METHOD_MISSING")

        control(sandbox, "whmcs", "POST", "/clients/1/paymethods", json={})
        control(sandbox, "salesforce", "POST", f"/orders/{order['id']}/approve", json={"status": "Reactivate"})
        assert (await fulfil(container, sandbox, order["id"])).outcome is Outcome.COMPLETED

    assert (len(whmcs_orders(sandbox, 1)), activations(sandbox)) == (before + 1, 1)


async def test_freebit_refusing_the_card_fails_the_order_with_its_code(
    database_url: str, sandbox: RunningSandbox, hanako: AsyncTestClient[Litestar]
) -> None:
    # A card in our stock that Freebit does not know (a stock-keeping mistake): a definite refusal.
    engine = create_async_engine(database_url, poolclass=NullPool)
    async with engine.begin() as connection:
        await connection.execute(text("DELETE FROM sim_inventory"))
    await PostgresSimInventory(engine, SystemClock()).add_stock(
        [SimCard(kind="physical", msisdn="07099990001", product_number="ZZ9999999999999")]
    )
    await engine.dispose()
    order = await place(hanako, SIM)
    control(sandbox, "salesforce", "POST", f"/orders/{order['id']}/approve", json={})

    async with worker(database_url, sandbox) as container:
        stopped = await fulfil(container, sandbox, order["id"])

    assert (stopped.outcome, stopped.error_code) == (Outcome.STOPPED, "SIM_ACTIVATION_REJECTED")
    assert activations(sandbox) == 0
    crm = next(o for o in crm_orders(sandbox) if o["Id"] == order["id"])
    assert (crm["Activation_Status__c"], crm["Activation_Error_Code__c"]) == ("Failed", "SIM_ACTIVATION_REJECTED")
