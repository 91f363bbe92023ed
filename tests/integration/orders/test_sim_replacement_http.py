"""A physical SIM card replacement through HTTP against the emulators and Postgres, run as `portal worker` runs it:
one card from our stock and one shipping case, the line moved to the new card once (through a lost answer), the old
card working until then, and the new card's number in billing."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from dishka import AsyncContainer
from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from adapters.postgres.sim_inventory import PostgresSimInventory
from adapters.system_clock import SystemClock
from application.sims.run_sim_replacements import RunSimReplacements
from domain.orders.fulfilment import SimCard
from sandbox.freebit.seed import HANAKO_PRODUCT_NUMBER, PHYSICAL_SIMS
from tests.integration.conftest import disposable_engine
from tests.integration.orders.portal import control, forget_everything, orders_app, worker
from tests.support.sandbox import RunningSandbox

pytestmark = pytest.mark.integration
HANAKO_SIM = 2
HANAKO_MSISDN = "08012345678"
CARD = PHYSICAL_SIMS[1]


@pytest.fixture
async def app(database_url: str, sandbox: RunningSandbox) -> AsyncIterator[Litestar]:
    sandbox.reset()
    await forget_everything(database_url)
    async with disposable_engine(database_url) as engine:
        async with engine.begin() as connection:
            await connection.execute(text("DELETE FROM sim_inventory"))
        await PostgresSimInventory(engine, SystemClock()).add_stock(
            [SimCard(kind="physical", msisdn=CARD.msisdn, product_number=CARD.product_number)]
        )
        yield orders_app(database_url, sandbox)
        await forget_everything(database_url)


async def round_(container: AsyncContainer) -> int:
    async with container() as request:
        return await (await request.get(RunSimReplacements)).execute()


async def row(database_url: str) -> Any:
    engine = create_async_engine(database_url, poolclass=NullPool)
    async with engine.begin() as connection:
        found = (await connection.execute(text("SELECT * FROM sim_replacements"))).one()
    await engine.dispose()
    return found


def line(sandbox: RunningSandbox) -> dict[str, Any]:
    return dict(control(sandbox, "freebit", "GET", "/state")["accounts"][HANAKO_MSISDN])


def serial_in_whmcs(sandbox: RunningSandbox) -> str:
    state = control(sandbox, "whmcs", "GET", "/state")
    service = next(s for s in state["services"] if s["id"] == HANAKO_SIM)
    field = next(int(k) for k, name in next(p for p in state["products"] if p["pid"] == service["pid"])
                 ["custom_fields"].items() if name == "Serial Number")  # fmt: skip
    return str(service["custom_fields"].get(str(field), ""))


async def test_a_new_card_is_shipped_activated_and_billed_once(
    hanako: AsyncTestClient[Litestar], database_url: str, sandbox: RunningSandbox
) -> None:
    headers = {"Idempotency-Key": "k1"}
    asked = await hanako.post(f"/api/sims/{HANAKO_SIM}/replacement", json={"reason": "lost"}, headers=headers)
    assert asked.status_code == 202, asked.text
    again = await hanako.post(f"/api/sims/{HANAKO_SIM}/replacement", json={"reason": "lost"}, headers=headers)
    assert again.json()["id"] == asked.json()["id"]
    activation = f"/api/sims/{HANAKO_SIM}/replacement/activation"
    early = await hanako.post(activation, json={"productNumber": CARD.product_number})
    assert (early.status_code, early.json()["code"]) == (409, "REPLACEMENT_NOT_SHIPPED")

    async with worker(database_url, sandbox) as container:
        assert await round_(container) == 0  # allocated and shipped; waiting for the customer
        shipped = await row(database_url)
        assert (shipped.new_product_number, shipped.step) == (CARD.product_number, "case_opened")
        assert shipped.case_id

        wrong = await hanako.post(activation, json={"productNumber": "AX9999999999999"})
        assert (wrong.status_code, wrong.json()["code"]) == (422, "SIM_CARD_MISMATCH")
        activated = await hanako.post(activation, json={"productNumber": CARD.product_number})
        assert (activated.status_code, activated.json()["state"]) == (202, "activating")

        lost = {"operation": "mvno/changeSim", "kind": "apply_then_timeout", "delay_ms": 3000}
        control(sandbox, "freebit", "POST", "/faults", json=lost)
        assert await round_(container) == 0  # sent; its answer lost and found on the line, not resent
        assert await round_(container) == 0  # Freebit still activating the new card
        assert line(sandbox)["productNumber"] == HANAKO_PRODUCT_NUMBER  # the old card still works
        control(sandbox, "freebit", "POST", "/complete")
        assert await round_(container) == 1

    assert line(sandbox)["productNumber"] == CARD.product_number
    assert serial_in_whmcs(sandbox) == CARD.product_number
    done = await row(database_url)
    assert (done.state, done.step) == ("completed", "serial_recorded")
    sim = (await hanako.get(f"/api/sims/{HANAKO_SIM}")).json()
    assert (sim["msisdn"], sim["replacement"]) == (HANAKO_MSISDN, None)
