"""The Opportunity lifecycle through HTTP and the worker, against the emulators: the order's Opportunity found or
created "Ready" and shown on the order; another account's refused with a stable code and nothing created; after
fulfilment the WHMCS service written to the Opportunity and the Opportunity onto the WHMCS service, once each,
even when both answers are lost on the way back."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from application.errors import UpstreamUnavailableError
from application.orders.fulfilment.outcome import Outcome
from sandbox.whmcs.seed_catalog import service_field_id
from tests.integration.conftest import disposable_engine
from tests.integration.orders.portal import control, crm_orders, forget_everything, fulfil, orders_app, sign_in, worker
from tests.support.sandbox import RunningSandbox

pytestmark = pytest.mark.integration
VPN = {"orderType": "VPN", "items": [{"sku": "VPN-UK-LONDON"}, {"sku": "VPN-ACTIVATION-FEE"}]}


@pytest.fixture
async def hanako(database_url: str, sandbox: RunningSandbox) -> AsyncIterator[AsyncTestClient[Litestar]]:
    sandbox.reset()
    await forget_everything(database_url)
    async with disposable_engine(database_url), AsyncTestClient(orders_app(database_url, sandbox)) as client:
        await sign_in(client, "Hanako")
        yield client
    await forget_everything(database_url)


async def checkout(client: AsyncTestClient[Litestar], body: dict[str, Any]) -> Any:
    return await client.post("/api/orders", json=body, headers={"Idempotency-Key": str(uuid.uuid4())})


def opportunities(sandbox: RunningSandbox) -> dict[str, dict[str, Any]]:
    return {o["Id"]: o for o in control(sandbox, "salesforce", "GET", "/records/Opportunity")}


async def test_the_order_is_linked_to_a_ready_opportunity_shown_on_the_order(
    hanako: AsyncTestClient[Litestar], sandbox: RunningSandbox
) -> None:
    placed = await checkout(hanako, VPN)
    assert placed.status_code == 201, placed.text
    order = placed.json()
    opportunity = opportunities(sandbox)[order["opportunityId"]]
    assert (opportunity["StageName"], opportunity["Product_Type__c"]) == ("Ready", "VPN")
    assert opportunity["AccountId"] == next(o for o in crm_orders(sandbox) if o["Id"] == order["id"])["AccountId"]
    shown = (await hanako.get(f"/api/orders/{order['id']}")).json()
    assert shown["opportunityId"] == order["opportunityId"]


async def test_another_accounts_opportunity_is_refused_like_an_unknown_one_and_nothing_is_created(
    hanako: AsyncTestClient[Litestar], sandbox: RunningSandbox
) -> None:
    seed = control(sandbox, "salesforce", "GET", "/seed")
    daichis = seed["opportunities"]["SH-100004"]
    before = opportunities(sandbox)
    answers = [await checkout(hanako, {**VPN, "opportunityId": o}) for o in (daichis, "006RO0000000999ZZZ")]
    for answer in answers:
        assert answer.status_code == 422, answer.text
        assert answer.json()["code"] == "OPPORTUNITY_NOT_FOUND"
        assert "opportunityId" in answer.json()["errors"]

    def same(answer: Any) -> dict[str, Any]:
        return {k: v for k, v in answer.json().items() if k not in ("instance", "requestId")}

    assert same(answers[0]) == same(answers[1])
    assert [o for o in crm_orders(sandbox) if o["AccountId"] == seed["accounts"]["SH-100001"]] == []
    assert opportunities(sandbox) == before


async def test_fulfilment_writes_both_ways_once_even_when_both_answers_are_lost(
    database_url: str, sandbox: RunningSandbox, hanako: AsyncTestClient[Litestar]
) -> None:
    order = (await checkout(hanako, VPN)).json()
    control(sandbox, "salesforce", "POST", f"/orders/{order['id']}/approve", json={})
    lost = [
        ("salesforce", {"operation": "sobject_update:Opportunity", "kind": "apply_then_timeout", "delay_ms": 50}),
        ("whmcs", {"operation": "UpdateClientProduct", "kind": "apply_then_timeout", "delay_ms": 50}),
    ]
    for system, fault in lost:
        control(sandbox, system, "POST", "/faults", json=fault)
    log_before = len(control(sandbox, "whmcs", "GET", "/api-log"))

    async with worker(database_url, sandbox) as container:
        for _ in range(4):  # the queue's retries
            try:
                result = await fulfil(container, sandbox, order["id"])
                break
            except UpstreamUnavailableError:
                continue
        assert result.outcome is Outcome.COMPLETED

    calls = [c["action"] for c in control(sandbox, "whmcs", "GET", "/api-log")[log_before:]]
    assert calls.count("updateclientproduct") == 1  # the lost one; the retry looked it up instead
    opportunity = opportunities(sandbox)[order["opportunityId"]]
    services = [s for s in control(sandbox, "whmcs", "GET", "/state")["services"] if s["client_id"] == 1]
    plan = next(s for s in services if str(s["id"]) == opportunity["WHMCS_Service_ID__c"])
    assert opportunity["WH_Registeration__c"] == plan["regdate"]
    field = str(service_field_id(plan["pid"], "OpportunityId"))  # the state's JSON keys are strings
    assert plan["custom_fields"][field] == order["opportunityId"]
    assert control(sandbox, "salesforce", "GET", "/faults") == []
