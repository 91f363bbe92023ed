"""Checkout and the orders read side through HTTP against the emulators, Postgres and Redis; fulfilment run as
the worker runs it, over the wire to WHMCS, Freebit and Salesforce (faults included)."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient
from redis.asyncio import Redis
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from adapters.postgres.sim_inventory import PostgresSimInventory
from adapters.redis.keys import READ_MODEL_CHANGES
from adapters.system_clock import SystemClock
from application.orders.fulfilment.outcome import Outcome
from domain.orders.fulfilment import SimCard
from sandbox.freebit.seed import PHYSICAL_SIMS
from tests.integration.orders.portal import (
    ORDERS_REDIS_URL,
    activations,
    control,
    crm_orders,
    fulfil,
    sign_in,
    whmcs_orders,
    worker,
)
from tests.support.sandbox import RunningSandbox

pytestmark = pytest.mark.integration
SIM = {
    "orderType": "SIM",
    "items": [{"sku": "SIM-10GB-VOICE"}, {"sku": "SIM-ACTIVATION-FEE"}],
    "sim": {"type": "physical"},
}
VPN = {"orderType": "VPN", "items": [{"sku": "VPN-UK-LONDON"}, {"sku": "VPN-ACTIVATION-FEE"}]}


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
        ("SIM-10GB-VOICE", {"amount": "2480.00", "currency": "JPY"}),
        ("SIM-ACTIVATION-FEE", {"amount": "3300.00", "currency": "JPY"}),
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


async def test_another_customers_key_never_replays_my_answer(
    hanako: AsyncTestClient[Litestar], sandbox: RunningSandbox
) -> None:
    """Idempotency keys are scoped to the customer who sent them: the same key and body from someone else runs
    as their own request, never answering with my order."""
    key = str(uuid.uuid4())
    mine = await hanako.post("/api/orders", json=SIM, headers=keyed(key))
    assert mine.status_code == 201, mine.text
    assert (await hanako.post("/api/auth/logout")).status_code == 204
    await sign_in(hanako, "Daichi")

    theirs = await hanako.post("/api/orders", json=SIM, headers=keyed(key))

    assert "idempotent-replayed" not in theirs.headers
    assert theirs.content != mine.content
    assert mine.json()["id"] not in theirs.text


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


async def test_freebit_refusing_the_card_quarantines_it_and_a_reactivation_takes_another(
    database_url: str, sandbox: RunningSandbox, hanako: AsyncTestClient[Litestar]
) -> None:
    # A card in our stock that Freebit does not know (a stock-keeping mistake): a definite refusal.
    bad = SimCard(kind="physical", msisdn="07099990001", product_number="ZZ9999999999999")
    good = SimCard(kind="physical", msisdn=PHYSICAL_SIMS[0].msisdn, product_number=PHYSICAL_SIMS[0].product_number)
    engine = create_async_engine(database_url, poolclass=NullPool)
    async with engine.begin() as connection:
        await connection.execute(text("DELETE FROM sim_inventory"))
    await PostgresSimInventory(engine, SystemClock()).add_stock([bad])
    order = await place(hanako, SIM)
    control(sandbox, "salesforce", "POST", f"/orders/{order['id']}/approve", json={})

    async with worker(database_url, sandbox) as container:
        stopped = await fulfil(container, sandbox, order["id"])
        assert (stopped.outcome, stopped.error_code) == (Outcome.STOPPED, "SIM_ACTIVATION_REJECTED")
        assert activations(sandbox) == 0
        crm = next(o for o in crm_orders(sandbox) if o["Id"] == order["id"])
        assert (crm["Activation_Status__c"], crm["Activation_Error_Code__c"]) == ("Failed", "SIM_ACTIVATION_REJECTED")

        await PostgresSimInventory(engine, SystemClock()).add_stock([bad, good])  # the bad one stays out
        control(sandbox, "salesforce", "POST", f"/orders/{order['id']}/approve", json={"status": "Reactivate"})
        assert (await fulfil(container, sandbox, order["id"])).outcome is Outcome.COMPLETED

    assert activations(sandbox) == 1
    async with engine.begin() as connection:
        rows = (await connection.execute(text("SELECT msisdn, order_id, quarantine_reason FROM sim_inventory"))).all()
    await engine.dispose()
    cards = {row.msisdn: (row.order_id, row.quarantine_reason) for row in rows}
    assert cards[good.msisdn] == (order["id"], None)
    assert cards[bad.msisdn][0] is None
    assert "300-302" in (cards[bad.msisdn][1] or "")


async def subscribed_to_read_model_changes() -> None:
    """The first health request starts the catalog's change listener. Shutting the app down while that listener is
    still subscribing can hang for ever (redis-py swallows a cancellation that lands mid-subscribe), so wait until
    Redis has the subscription before the test ends."""
    redis = Redis.from_url(ORDERS_REDIS_URL)
    try:
        for _ in range(100):
            if dict(await redis.pubsub_numsub(READ_MODEL_CHANGES)).get(READ_MODEL_CHANGES.encode()):
                return
            await asyncio.sleep(0.05)
        raise AssertionError("the catalog never subscribed to read-model changes")
    finally:
        await redis.aclose()


async def test_cache_health_and_metrics_count_the_orders_read_model(hanako: AsyncTestClient[Litestar]) -> None:
    before = (await hanako.get("/api/health/services/cache")).json()
    await subscribed_to_read_model_changes()
    await place(hanako, VPN)  # our own write: Hanako's orders document is stale
    listed = [(await hanako.get("/api/orders")).status_code for _ in range(3)]

    health = (await hanako.get("/api/health/services/cache")).json()
    metrics = (await hanako.get("/metrics")).text

    assert listed == [200] * 3
    assert [m["name"] for m in before["readModels"]] == ["catalog", "eligibility", "verification", "orders"]
    orders = next(m for m in health["readModels"] if m["name"] == "orders")
    assert (orders["misses"], orders["fills"], orders["hits"]) == (1, 1, 2)
    assert orders["present"] is None  # one document per account: no single one to be present
    assert orders["lastRebuildSeconds"] > 0
    assert orders["storeErrors"] == 0
    assert 'portal_read_model_fills_total{model="orders"} 1.0' in metrics
    assert 'portal_read_model_hits_total{model="orders"} 2.0' in metrics
    assert 'portal_read_model_last_rebuild_seconds{model="orders"}' in metrics
