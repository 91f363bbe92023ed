"""SIM data top-ups through HTTP against the emulators and Postgres, the saga run as `portal worker` runs it:
one WHMCS invoice, one capture and one Freebit quota add per top-up, even when an answer is lost on the wire."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from dishka import AsyncContainer
from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.postgres.top_ups import PostgresTopUpRecords
from application.errors import UpstreamUnavailableError
from application.sims.run_top_up import RunOutcome, RunTopUp
from domain.sims.top_up import TopUp, TopUpState, TopUpStep
from tests.integration.orders.portal import control, worker
from tests.support.sandbox import RunningSandbox

pytestmark = pytest.mark.integration
HANAKO_SIM = 2
HANAKO_MSISDN = "08012345678"


async def run(container: AsyncContainer, top_up_id: str) -> RunOutcome:
    async with container() as request:
        return await (await request.get(RunTopUp)).execute(top_up_id)


def invoices_for(sandbox: RunningSandbox, top_up_id: str) -> list[dict[str, Any]]:
    return [i for i in control(sandbox, "whmcs", "GET", "/state")["invoices"] if top_up_id in (i.get("notes") or "")]


def quota_history(sandbox: RunningSandbox) -> list[str]:
    account = control(sandbox, "freebit", "GET", "/state")["accounts"][HANAKO_MSISDN]
    return [record["quotaCode"] for record in account["quotaHistory"]]


async def buy(client: AsyncTestClient[Litestar], quota_mb: int, key: str | None = None) -> dict[str, Any]:
    response = await client.post(
        f"/api/sims/{HANAKO_SIM}/top-ups", json={"quotaMb": quota_mb}, headers={"Idempotency-Key": key or "k1"}
    )
    assert response.status_code == 202, response.text
    return dict(response.json())


async def test_a_top_up_is_invoiced_paid_and_added_once_and_shows_in_the_usage(
    hanako: AsyncTestClient[Litestar], database_url: str, sandbox: RunningSandbox
) -> None:
    before = (await hanako.get(f"/api/sims/{HANAKO_SIM}/usage")).json()["remainingMb"]
    top_up = await buy(hanako, 1500)
    assert (top_up["state"], top_up["billedGb"], top_up["price"]) == (
        "pending",
        2,
        {"amount": "1000.00", "currency": "JPY"},
    )
    again = await hanako.post(
        f"/api/sims/{HANAKO_SIM}/top-ups", json={"quotaMb": 1500}, headers={"Idempotency-Key": "k1"}
    )
    assert again.json()["id"] == top_up["id"]

    async with worker(database_url, sandbox) as container:
        assert await run(container, top_up["id"]) is RunOutcome.COMPLETED
        assert await run(container, top_up["id"]) is RunOutcome.SKIPPED  # a duplicate job does nothing

    (invoice,) = invoices_for(sandbox, top_up["id"])
    assert invoice["status"] == "Paid"
    assert quota_history(sandbox) == [f"topup-{top_up['id']}"]
    shown = (await hanako.get(f"/api/sims/{HANAKO_SIM}/top-ups/{top_up['id']}")).json()
    assert (shown["state"], shown["step"], shown["invoiceId"]) == ("completed", "notified", invoice["id"])
    assert (await hanako.get(f"/api/sims/{HANAKO_SIM}/usage")).json()["remainingMb"] == before + 1500


async def test_a_lost_create_invoice_answer_is_found_by_its_reference_not_sent_again(
    hanako: AsyncTestClient[Litestar], database_url: str, sandbox: RunningSandbox
) -> None:
    top_up = await buy(hanako, 1024)
    control(sandbox, "whmcs", "POST", "/faults", json={"operation": "CreateInvoice", "kind": "apply_then_timeout",
                                                        "delay_ms": 3000})  # fmt: skip
    async with worker(database_url, sandbox) as container:
        with pytest.raises(UpstreamUnavailableError):
            await run(container, top_up["id"])
        assert len(invoices_for(sandbox, top_up["id"])) == 1  # WHMCS made it; we did not hear
        assert await run(container, top_up["id"]) is RunOutcome.COMPLETED

    assert [i["status"] for i in invoices_for(sandbox, top_up["id"])] == ["Paid"]
    assert quota_history(sandbox) == [f"topup-{top_up['id']}"]


async def test_amounts_outside_the_offer_and_missing_keys_are_refused(hanako: AsyncTestClient[Litestar]) -> None:
    too_much = await hanako.post(
        f"/api/sims/{HANAKO_SIM}/top-ups", json={"quotaMb": 60_000}, headers={"Idempotency-Key": "big"}
    )
    assert (too_much.status_code, too_much.json()["code"]) == (422, "TOP_UP_AMOUNT_INVALID")
    no_key = await hanako.post(f"/api/sims/{HANAKO_SIM}/top-ups", json={"quotaMb": 1024})
    assert (no_key.status_code, no_key.json()["code"]) == (400, "IDEMPOTENCY_KEY_MISSING")
    unknown = await hanako.get(f"/api/sims/{HANAKO_SIM}/top-ups/{uuid.uuid4().hex}")
    assert unknown.status_code == 404


async def test_top_up_records_begin_once_per_key_and_round_trip(engine: AsyncEngine) -> None:
    records = PostgresTopUpRecords(engine)
    now = datetime(2026, 12, 4, 6, 0, tzinfo=UTC)
    user = str(uuid.uuid4())

    def fresh() -> TopUp:
        return TopUp(
            id=uuid.uuid4().hex, user_id=user, account_id="001000000000001AAA", client_id=1, sim_id=2,
            msisdn=HANAKO_MSISDN, idempotency_key="same", quota_mb=1500, amount=Decimal(1000),
            expires_on=date(2027, 1, 4), created_at=now, updated_at=now,
        )  # fmt: skip

    first = await records.begin(fresh())
    assert (await records.begin(fresh())).id == first.id
    first.invoice_attempted, first.invoice_id = True, 42
    first.complete(TopUpStep.INVOICED, now)
    await records.save(first)
    stored = await records.get(first.id)
    assert stored == first
    assert await records.unfinished(idle_since=now + timedelta(minutes=5)) == (first.id,)
    first.finish(TopUpState.COMPLETED, now)
    await records.save(first)
    assert await records.unfinished(idle_since=now + timedelta(minutes=5)) == ()
