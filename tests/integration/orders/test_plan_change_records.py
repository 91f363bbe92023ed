"""The plan change and SIM replacement stores on Postgres: one per (user, key), one open per SIM, fenced saves."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from adapters.postgres.plan_changes import PostgresPlanChangeRecords
from adapters.postgres.replacements import PostgresReplacementRecords
from application.ports.plan_change_records import StalePlanChangeError
from application.ports.replacement_records import StaleReplacementError
from domain.sims.plan_change import PlanChange, PlanChangeState, SimPlan
from domain.sims.replacement import ReplacementState, ReplacementStep, SimReplacement
from tests.integration.conftest import disposable_engine

pytestmark = pytest.mark.integration
NOW = datetime(2026, 11, 2, 1, 0, tzinfo=UTC)
TEN = SimPlan(sku="SIM-10GB-VOICE", name="SIM 10 GB voice", product_id=204, plan_code="PNEW_10G",
              monthly_price=Decimal(2480))  # fmt: skip
TWENTY = SimPlan(sku="SIM-20GB-VOICE", name="SIM 20 GB voice", product_id=207, plan_code="PNEW_20G",
                 monthly_price=Decimal(3280))  # fmt: skip
USER = str(uuid.uuid4())


def change(key: str, sim_id: int = 2) -> PlanChange:
    return PlanChange(
        id=uuid.uuid4().hex, user_id=USER, account_id="001MEM000000001YBA", client_id=1, sim_id=sim_id,
        msisdn="08012345678", idempotency_key=key, from_plan=TEN, to_plan=TWENTY, effective_on=date(2026, 12, 1),
        created_at=NOW, updated_at=NOW,
    )  # fmt: skip


async def test_one_per_key_one_open_per_sim_and_fenced_saves(database_url: str) -> None:
    async with disposable_engine(database_url) as engine:
        records = PostgresPlanChangeRecords(engine)
        first = await records.begin(change("k1"))
        assert first is not None
        assert first.to_plan == TWENTY
        assert (await records.begin(change("k1"))).id == first.id  # type: ignore[union-attr]
        assert await records.begin(change("k2")) is None  # the SIM already has an open change
        assert await records.scheduled_change(2) == "plan_change"
        assert await records.scheduled_change(3) is None

        one, two = await records.get(first.id), await records.get(first.id)
        assert one is not None
        assert two is not None
        one.move(PlanChangeState.APPLYING, NOW)
        await records.save(one)
        two.move(PlanChangeState.CANCELLED, NOW)
        with pytest.raises(StalePlanChangeError):
            await records.save(two)  # the other process went on first
        stored = await records.get(first.id)
        assert stored is not None
        assert (stored.state, stored.version) == (PlanChangeState.APPLYING, 1)

        assert await records.due(now=datetime(2026, 11, 30, 14, 59, tzinfo=UTC)) == ()
        assert await records.due(now=datetime(2026, 11, 30, 15, 0, tzinfo=UTC)) == (first.id,)  # 00:00 in Tokyo

        stored.move(PlanChangeState.COMPLETED, NOW)
        await records.save(stored)
        assert await records.begin(change("k3")) is not None  # a finished change no longer holds the SIM


def replacement(key: str) -> SimReplacement:
    return SimReplacement(
        id=uuid.uuid4().hex, user_id=USER, account_id="001MEM000000001YBA", client_id=1, sim_id=2,
        msisdn="08012345678", idempotency_key=key, reason="lost", old_product_number="DN2025040000001",
        created_at=NOW, updated_at=NOW,
    )  # fmt: skip


async def test_replacements_one_per_key_one_open_per_sim_and_fenced_saves(database_url: str) -> None:
    async with disposable_engine(database_url) as engine:
        records = PostgresReplacementRecords(engine)
        first = await records.begin(replacement("k1"))
        assert first is not None
        assert (await records.begin(replacement("k1"))).id == first.id  # type: ignore[union-attr]
        assert await records.begin(replacement("k2")) is None
        assert await records.scheduled_change(2) == "sim_replacement"
        assert await records.unfinished() == (first.id,)

        one, two = await records.get(first.id), await records.get(first.id)
        assert one is not None
        assert two is not None
        one.new_product_number = "AX2025110000001"
        one.complete(ReplacementStep.ALLOCATED, NOW)
        await records.save(one)
        with pytest.raises(StaleReplacementError):
            await records.save(two)
        stored = await records.get(first.id)
        assert stored is not None
        assert (stored.new_product_number, stored.step, stored.version) == (
            "AX2025110000001",
            ReplacementStep.ALLOCATED,
            1,
        )
        stored.move(ReplacementState.COMPLETED, NOW)
        await records.save(stored)
        assert await records.unfinished() == ()
        assert await records.scheduled_change(2) is None
