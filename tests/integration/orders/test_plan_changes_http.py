"""SIM plan changes through HTTP against the emulators and Postgres, applied as `portal worker` applies them: one
Freebit plan change (PA05-21) and one WHMCS product change per scheduled change, even when an answer is lost."""

from __future__ import annotations

from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from application.errors import UpstreamUnavailableError
from application.sims.apply_due_plan_changes import ApplyDuePlanChanges
from application.sims.apply_plan_change import ApplyOutcome, ApplyPlanChange
from tests.integration.orders.portal import control, worker
from tests.support.sandbox import RunningSandbox

pytestmark = pytest.mark.integration
HANAKO_SIM = 2
HANAKO_MSISDN = "08012345678"


async def sql(database_url: str, statement: str) -> None:
    engine = create_async_engine(database_url, poolclass=NullPool)
    async with engine.begin() as connection:
        await connection.execute(text(statement))
    await engine.dispose()


async def schedule(client: AsyncTestClient[Litestar], sku: str = "SIM-20GB-VOICE", key: str = "k1") -> Any:
    return await client.post(
        f"/api/sims/{HANAKO_SIM}/plan-change", json={"planSku": sku}, headers={"Idempotency-Key": key}
    )


async def its_day_has_come(database_url: str) -> None:
    """Time travel for the worker: the change's date moved to today in Tokyo (its cut-off passed)."""
    await sql(
        database_url,
        "UPDATE sim_plan_changes SET effective_on = (now() AT TIME ZONE 'Asia/Tokyo')::date WHERE state = 'scheduled'",
    )


def freebit_plan_changes(sandbox: RunningSandbox) -> list[dict[str, str]]:
    return list(control(sandbox, "freebit", "GET", "/state")["planChanges"])


def whmcs_service(sandbox: RunningSandbox) -> dict[str, Any]:
    return next(s for s in control(sandbox, "whmcs", "GET", "/state")["services"] if s["id"] == HANAKO_SIM)


async def test_schedule_show_block_cancel_and_schedule_again(hanako: AsyncTestClient[Litestar]) -> None:
    response = await schedule(hanako)
    assert response.status_code == 202, response.text
    change = response.json()
    assert (change["state"], change["toPlan"]["sku"], change["toPlan"]["monthlyPrice"]) == (
        "scheduled",
        "SIM-20GB-VOICE",
        {"amount": "3280.00", "currency": "JPY"},
    )
    assert change["effectiveOn"].endswith("-01")
    assert change["cancellable"] is True
    again = await schedule(hanako)  # the same key: the same change
    assert (again.status_code, again.json()["id"], again.headers.get("Idempotent-Replayed")) == (
        202,
        change["id"],
        "true",
    )
    sim = (await hanako.get(f"/api/sims/{HANAKO_SIM}")).json()
    assert sim["planChange"]["id"] == change["id"]

    other = await schedule(hanako, "SIM-50GB-VOICE", key="k2")
    assert (other.status_code, other.json()["code"]) == (409, "SIM_CHANGE_IN_PROGRESS")
    voice = await hanako.patch(f"/api/sims/{HANAKO_SIM}/voice-options", json={"voiceMail": False})
    assert (voice.status_code, voice.json()["code"]) == (409, "SIM_CHANGE_IN_PROGRESS")

    cancelled = await hanako.delete(f"/api/sims/{HANAKO_SIM}/plan-change")
    assert (cancelled.status_code, cancelled.json()["state"]) == (200, "cancelled")
    assert (await hanako.get(f"/api/sims/{HANAKO_SIM}")).json()["planChange"] is None
    gone = await hanako.delete(f"/api/sims/{HANAKO_SIM}/plan-change")
    assert gone.status_code == 404
    assert (await schedule(hanako, "SIM-50GB-VOICE", key="k3")).status_code == 202


async def test_refusals_have_their_codes(hanako: AsyncTestClient[Litestar]) -> None:
    for sku, code in (("SIM-20GB-DATA", "PLAN_NOT_OFFERED"), ("SIM-10GB-VOICE", "PLAN_UNCHANGED")):
        response = await schedule(hanako, sku, key=sku)
        assert (response.status_code, response.json()["code"]) == (422, code)
    missing = await hanako.post(f"/api/sims/{HANAKO_SIM}/plan-change", json={"planSku": "SIM-20GB-VOICE"})
    assert missing.status_code == 400
    assert (await hanako.post("/api/sims/1/plan-change", json={"planSku": "SIM-20GB-VOICE"},
                              headers={"Idempotency-Key": "x"})).status_code == 404  # fmt: skip


async def test_on_its_day_the_worker_applies_it_once_through_a_lost_answer(
    hanako: AsyncTestClient[Litestar], database_url: str, sandbox: RunningSandbox
) -> None:
    change = (await schedule(hanako)).json()
    await its_day_has_come(database_url)
    control(sandbox, "freebit", "POST", "/faults", json={"operation": "mvno/changePlan", "kind": "apply_then_timeout",
                                                         "delay_ms": 3000})  # fmt: skip
    control(sandbox, "whmcs", "POST", "/faults", json={"operation": "UpdateClientProduct",
                                                       "kind": "apply_then_timeout", "delay_ms": 3000})  # fmt: skip

    async with worker(database_url, sandbox) as container:
        outcomes = []
        for _ in range(3):
            async with container() as request:
                try:
                    outcomes.append(await (await request.get(ApplyPlanChange)).execute(change["id"]))
                except UpstreamUnavailableError:
                    outcomes.append(None)
        async with container() as request:
            assert await (await request.get(ApplyDuePlanChanges)).execute() == 0  # finished: nothing left

    assert ApplyOutcome.COMPLETED in outcomes
    assert freebit_plan_changes(sandbox) == [{"account": HANAKO_MSISDN, "planCode": "PNEW_20G"}]
    service = whmcs_service(sandbox)
    assert (service["pid"], service["recurringamount"]) == (207, "3280.00")
    sim = (await hanako.get(f"/api/sims/{HANAKO_SIM}")).json()
    assert (sim["msisdn"], sim["planCode"], sim["productName"], sim["planChange"]) == (
        HANAKO_MSISDN,
        "PNEW_20G",
        "SIM 20GB Voice",
        None,
    )
