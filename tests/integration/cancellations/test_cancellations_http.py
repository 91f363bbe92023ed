"""Cancellation through HTTP against the emulators and Postgres, the saga run as `portal worker` runs it: the
Opportunity's fields and one Case in the Salesforce emulator, one AddCancelRequest in the WHMCS emulator (even when
its answer is lost on the wire), one PA02-04 at the Freebit emulator; withdrawal; and the store's rules."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from dishka import AsyncContainer
from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from sqlalchemy.pool import NullPool

from adapters.postgres.cancellations import PostgresCancellationRecords
from application.cancellations.run_cancellation import RunCancellation, RunOutcome
from application.errors import UpstreamUnavailableError
from application.ports.cancellation_records import CancellationChangedError, CancellationExistsError
from domain.cancellation.cancellation import Cancellation, CancellationKind, CancellationState
from tests.integration.orders.portal import control, sign_in, worker
from tests.support.sandbox import RunningSandbox

pytestmark = pytest.mark.integration
HANAKO_INTERNET, HANAKO_SIM, HANAKO_MSISDN = 1, 2, "08012345678"


async def run(container: AsyncContainer, cancellation_id: str) -> RunOutcome:
    async with container() as request:
        return await (await request.get(RunCancellation)).execute(cancellation_id)


async def time_passes(database_url: str, cancellation_id: str, *, to_the_last_day: bool = False) -> None:
    """The cut-off (and the line's last day) reached: the record's moments moved into the past."""
    engine = create_async_engine(database_url, poolclass=NullPool)
    moved = "cutoff_at = now() - interval '1 minute', due_at = now()"
    if to_the_last_day:
        moved += ", end_date = (now() AT TIME ZONE 'Asia/Tokyo')::date"
    async with engine.begin() as connection:
        await connection.execute(
            text(f"UPDATE service_cancellations SET {moved} WHERE id = :id"),
            {"id": cancellation_id},
        )
    await engine.dispose()


async def ask(client: AsyncTestClient[Litestar], service_id: int, key: str = "k1", **body: Any) -> dict[str, Any]:
    options = (await client.get(f"/api/subscriptions/{service_id}/cancellation")).json()
    wanted = {"endDate": options["endDates"][0]["endDate"], **body}
    response = await client.post(
        f"/api/subscriptions/{service_id}/cancellation", json=wanted, headers={"Idempotency-Key": key}
    )
    assert response.status_code == 202, response.text
    return dict(response.json())


def opportunity_of(sandbox: RunningSandbox, service_id: int) -> dict[str, Any]:
    rows = control(sandbox, "salesforce", "GET", "/records/Opportunity")
    [row] = [r for r in rows if r.get("WHMCS_Service_ID__c") == str(service_id)]
    return dict(row)


def cases_for(sandbox: RunningSandbox, cancellation_id: str) -> list[dict[str, Any]]:
    rows = control(sandbox, "salesforce", "GET", "/records/Case")
    return [r for r in rows if r.get("Portal_Request_Key__c") == f"portal-cancel:{cancellation_id}"]


def cancel_requests(sandbox: RunningSandbox) -> list[dict[str, Any]]:
    return list(control(sandbox, "whmcs", "GET", "/state")["cancel_requests"])


async def test_an_internet_cancellation_over_the_wire_then_final_at_the_cut_off(
    hanako: AsyncTestClient[Litestar], database_url: str, sandbox: RunningSandbox
) -> None:
    asked = await ask(hanako, HANAKO_INTERNET, lineReturn="collection", moving=True)
    assert asked["state"] == "scheduled"
    again = await hanako.post(
        f"/api/subscriptions/{HANAKO_INTERNET}/cancellation",
        json={"endDate": asked["endDate"], "lineReturn": "collection", "moving": True},
        headers={"Idempotency-Key": "k1"},
    )
    assert again.json()["id"] == asked["id"]
    shown = (await hanako.get(f"/api/subscriptions/{HANAKO_INTERNET}")).json()["cancellation"]
    assert (shown["state"], shown["endDate"], shown["withdrawable"]) == ("scheduled", asked["endDate"], True)

    async with worker(database_url, sandbox) as container:
        assert await run(container, asked["id"]) is RunOutcome.WAITING
        opportunity = opportunity_of(sandbox, HANAKO_INTERNET)
        assert opportunity["CancellationNotice__c"] == "移転"
        assert opportunity["LineReturn__c"] == "Collection"
        assert opportunity["ScheduledCancellationDateAndTime__c"].startswith(asked["endDate"])  # 23:59:59 Tokyo
        assert len(cases_for(sandbox, asked["id"])) == 1
        assert cancel_requests(sandbox) == []

        await time_passes(database_url, asked["id"])
        control(sandbox, "whmcs", "POST", "/faults", json={"operation": "AddCancelRequest",
                                                           "kind": "apply_then_timeout", "delay_ms": 3000})  # fmt: skip
        with pytest.raises(UpstreamUnavailableError):
            await run(container, asked["id"])
        assert await run(container, asked["id"]) is RunOutcome.COMPLETED

    [request] = cancel_requests(sandbox)
    assert (request["relid"], request["type"]) == (HANAKO_INTERNET, "End of Billing Period")
    shown = (await hanako.get(f"/api/subscriptions/{HANAKO_INTERNET}/cancellation")).json()
    assert (shown["current"]["state"], shown["current"]["withdrawable"], shown["endDates"]) == ("completed", False, [])
    late = await hanako.post(f"/api/subscriptions/{HANAKO_INTERNET}/cancellation/withdrawal")
    assert (late.status_code, late.json()["code"]) == (409, "CANCELLATION_FINAL")


async def test_a_withdrawal_clears_the_opportunity_and_closes_the_case(
    hanako: AsyncTestClient[Litestar], database_url: str, sandbox: RunningSandbox
) -> None:
    asked = await ask(hanako, HANAKO_INTERNET, lineReturn="ship_back")
    async with worker(database_url, sandbox) as container:
        await run(container, asked["id"])
        withdrawn = await hanako.post(f"/api/subscriptions/{HANAKO_INTERNET}/cancellation/withdrawal")
        assert (withdrawn.status_code, withdrawn.json()["state"]) == (202, "withdrawing")
        assert await run(container, asked["id"]) is RunOutcome.WITHDRAWN
    opportunity = opportunity_of(sandbox, HANAKO_INTERNET)
    assert opportunity["ScheduledCancellationDateAndTime__c"] is None
    assert opportunity["LineReturn__c"] is None
    [case] = cases_for(sandbox, asked["id"])
    assert case["Status"] == "Closed"
    assert cancel_requests(sandbox) == []
    assert (await hanako.get(f"/api/subscriptions/{HANAKO_INTERNET}/cancellation")).json()["current"] is None
    assert (await hanako.get(f"/api/subscriptions/{HANAKO_INTERNET}")).json()["cancellation"] is None


async def test_a_sim_line_is_cancelled_at_freebit_on_its_last_day_and_changes_wait(
    hanako: AsyncTestClient[Litestar], database_url: str, sandbox: RunningSandbox
) -> None:
    asked = await ask(hanako, HANAKO_SIM)
    sim = (await hanako.get(f"/api/sims/{HANAKO_SIM}")).json()
    assert (sim["cancellation"]["id"], sim["cancellation"]["endDate"]) == (asked["id"], asked["endDate"])
    busy = await hanako.patch(f"/api/sims/{HANAKO_SIM}/voice-options", json={"voiceMail": False})
    assert (busy.status_code, busy.json()["code"]) == (409, "SIM_CHANGE_IN_PROGRESS")
    async with worker(database_url, sandbox) as container:
        assert await run(container, asked["id"]) is RunOutcome.WAITING
        assert opportunity_of(sandbox, HANAKO_SIM)["SIMCancellationNotice__c"] == "有"
        await time_passes(database_url, asked["id"], to_the_last_day=True)
        assert await run(container, asked["id"]) is RunOutcome.COMPLETED
    account = control(sandbox, "freebit", "GET", "/state")["accounts"][HANAKO_MSISDN]
    assert account["state"] == "cancelled" or any(o["kind"] == "cnclAcnt" for o in account["pending"])
    assert [r["relid"] for r in cancel_requests(sandbox)] == [HANAKO_SIM]


async def test_refusals_and_another_customers_service(hanako: AsyncTestClient[Litestar]) -> None:
    no_key = await hanako.post(
        f"/api/subscriptions/{HANAKO_INTERNET}/cancellation", json={"endDate": "2030-01-31", "lineReturn": "ship_back"}
    )
    assert (no_key.status_code, no_key.json()["code"]) == (400, "IDEMPOTENCY_KEY_MISSING")
    no_answer = await hanako.post(
        f"/api/subscriptions/{HANAKO_INTERNET}/cancellation",
        json={"endDate": (await _first_end(hanako)), "lineReturn": None},
        headers={"Idempotency-Key": "x"},
    )
    assert (no_answer.status_code, no_answer.json()["code"]) == (422, "LINE_RETURN_REQUIRED")
    assert (await hanako.post("/api/auth/logout")).status_code in (200, 204)
    hanako.cookies.clear()
    await sign_in(hanako, "Daichi")  # the same client, now Daichi
    theirs = await hanako.get(f"/api/subscriptions/{HANAKO_INTERNET}/cancellation")
    assert theirs.status_code == 404
    withdraw = await hanako.post(f"/api/subscriptions/{HANAKO_INTERNET}/cancellation/withdrawal")
    assert withdraw.status_code == 404
    asked = await hanako.post(
        f"/api/subscriptions/{HANAKO_INTERNET}/cancellation",
        json={"endDate": "2030-01-31", "lineReturn": "ship_back"},
        headers={"Idempotency-Key": "d1"},
    )
    assert asked.status_code == 404


async def _first_end(client: AsyncTestClient[Litestar]) -> str:
    return str(
        (await client.get(f"/api/subscriptions/{HANAKO_INTERNET}/cancellation")).json()["endDates"][0]["endDate"]
    )


def fresh(user: str, key: str, service_id: int = 7) -> Cancellation:
    now = datetime(2026, 12, 4, 6, 0, tzinfo=UTC)
    return Cancellation(
        id=uuid.uuid4().hex, user_id=user, account_id="001000000000001AAA", client_id=1, service_id=service_id,
        kind=CancellationKind.INTERNET, service_name="Home 1G Pro", msisdn=None, email="a@example.jp",
        idempotency_key=key, end_date=date(2026, 12, 31), cutoff_at=now + timedelta(days=21), moving=False,
        line_return=None, created_at=now, updated_at=now, due_at=now,
    )  # fmt: skip


async def test_the_store_holds_one_cancellation_per_service_even_from_concurrent_processes(
    engine: AsyncEngine,
) -> None:
    user = str(uuid.uuid4())
    stores = [PostgresCancellationRecords(engine) for _ in range(2)]  # two processes' stores, one database
    results = await asyncio.gather(
        *(store.begin(fresh(user, f"key-{n}")) for n, store in enumerate(stores)), return_exceptions=True
    )
    assert sorted(type(r).__name__ for r in results) == ["Cancellation", "CancellationExistsError"]
    kept = next(r for r in results if isinstance(r, Cancellation))
    assert (await stores[1].begin(fresh(user, kept.idempotency_key))).id == kept.id  # the same key: the same one
    with pytest.raises(CancellationExistsError):
        await stores[0].begin(fresh(user, "key-3"))

    first, second = await stores[0].get(kept.id), await stores[1].get(kept.id)
    assert first is not None
    assert second is not None
    first.withdraw(first.updated_at)
    await stores[0].save(first)
    second.confirm(second.updated_at)
    with pytest.raises(CancellationChangedError):  # the second writer read before the first saved
        await stores[1].save(second)
    stored = await stores[1].get(kept.id)
    assert stored is not None
    assert stored.state is CancellationState.WITHDRAWING
    stored.finish(CancellationState.WITHDRAWN, stored.updated_at)
    await stores[1].save(stored)
    assert (await stores[0].begin(fresh(user, "key-4"))).idempotency_key == "key-4"  # withdrawn frees the service
    assert await stores[0].due(now=stored.updated_at + timedelta(days=1), idle_since=stored.updated_at) != ()


async def test_billing_down_is_a_503_with_retry_after_and_nothing_recorded(
    hanako: AsyncTestClient[Litestar], database_url: str, sandbox: RunningSandbox
) -> None:
    control(sandbox, "whmcs", "POST", "/faults", json={"operation": "GetClientsProducts", "kind": "http_error",
                                                       "status": 503, "times": None})  # fmt: skip
    response = await hanako.post(
        f"/api/subscriptions/{HANAKO_INTERNET}/cancellation",
        json={"endDate": "2030-01-31", "lineReturn": "ship_back"},
        headers={"Idempotency-Key": "down"},
    )
    assert (response.status_code, response.json()["code"]) == (503, "BILLING_UNAVAILABLE")
    assert int(response.headers["Retry-After"]) > 0
    engine = create_async_engine(database_url, poolclass=NullPool)
    async with engine.connect() as connection:
        count = (await connection.execute(text("SELECT count(*) FROM service_cancellations"))).scalar_one()
    await engine.dispose()
    assert count == 0


async def test_a_service_sold_before_the_portal_gets_a_won_opportunity_carrying_its_service_id(
    hanako: AsyncTestClient[Litestar], database_url: str, sandbox: RunningSandbox
) -> None:
    seeded = opportunity_of(sandbox, HANAKO_INTERNET)
    control(sandbox, "salesforce", "DELETE", f"/records/Opportunity/{seeded['Id']}")
    asked = await ask(hanako, HANAKO_INTERNET, lineReturn="nothing_rented")
    async with worker(database_url, sandbox) as container:
        assert await run(container, asked["id"]) is RunOutcome.WAITING
    created = opportunity_of(sandbox, HANAKO_INTERNET)
    assert created["Id"] != seeded["Id"]
    assert (created["StageName"], created["Product_Type__c"]) == ("Closed Won", "Internet")
    assert created["LineReturn__c"] == "Nothing to return"
    assert created["AccountId"] == seeded["AccountId"]
