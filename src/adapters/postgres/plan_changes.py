"""`PlanChangeRecords` on Postgres: one row per plan change, each save its own transaction fenced by `version`."""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.postgres.fenced_saves import save_fenced
from adapters.postgres.short_transactions import transaction
from adapters.postgres.tables import sim_plan_changes
from application.errors import NotFoundError
from application.ports.plan_change_records import StalePlanChangeError
from domain.sims.plan_change import TOKYO, PlanChange, PlanChangeState, PlanChangeStep, SimPlan

OPEN_STATES = (PlanChangeState.SCHEDULED.value, PlanChangeState.APPLYING.value)
T = sim_plan_changes.c


def _plan_row(plan: SimPlan) -> dict[str, Any]:
    return {
        "sku": plan.sku,
        "name": plan.name,
        "product_id": plan.product_id,
        "plan_code": plan.plan_code,
        "monthly_price": str(plan.monthly_price),
    }


def _plan(row: dict[str, Any]) -> SimPlan:
    return SimPlan(
        sku=row["sku"],
        name=row["name"],
        product_id=int(row["product_id"]),
        plan_code=row["plan_code"],
        monthly_price=Decimal(row["monthly_price"]),
    )


def _row(record: PlanChange) -> dict[str, Any]:
    return {
        "id": record.id,
        "user_id": uuid.UUID(record.user_id),
        "account_id": record.account_id,
        "client_id": record.client_id,
        "sim_id": record.sim_id,
        "msisdn": record.msisdn,
        "idempotency_key": record.idempotency_key,
        "from_plan": _plan_row(record.from_plan),
        "to_plan": _plan_row(record.to_plan),
        "effective_on": record.effective_on,
        "state": record.state.value,
        "step": record.step.value,
        "freebit_attempted": record.freebit_attempted,
        "whmcs_attempted": record.whmcs_attempted,
        "case_id": record.case_id,
        "error_code": record.error_code,
        "error_message": record.error_message,
        "history": record.history,
        "version": record.version,
        "created_at": record.created_at,
        "updated_at": record.updated_at,
    }


def _record(row: Any) -> PlanChange:
    return PlanChange(
        id=row.id,
        user_id=str(row.user_id),
        account_id=row.account_id,
        client_id=row.client_id,
        sim_id=row.sim_id,
        msisdn=row.msisdn,
        idempotency_key=row.idempotency_key,
        from_plan=_plan(row.from_plan),
        to_plan=_plan(row.to_plan),
        effective_on=row.effective_on,
        created_at=row.created_at,
        updated_at=row.updated_at,
        state=PlanChangeState(row.state),
        step=PlanChangeStep(row.step),
        freebit_attempted=row.freebit_attempted,
        whmcs_attempted=row.whmcs_attempted,
        case_id=row.case_id,
        error_code=row.error_code,
        error_message=row.error_message,
        history=list(row.history),
        version=row.version,
    )


class PostgresPlanChangeRecords:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def get(self, change_id: str) -> PlanChange | None:
        return await self._one(select(sim_plan_changes).where(T.id == change_id))

    async def by_key(self, user_id: str, idempotency_key: str) -> PlanChange | None:
        query = select(sim_plan_changes).where(T.user_id == uuid.UUID(user_id), T.idempotency_key == idempotency_key)
        return await self._one(query)

    async def begin(self, change: PlanChange) -> PlanChange | None:
        # Either unique index may refuse the row: the same (user, key) — then that row is the answer — or another
        # open change on the SIM — then there is none for this key.
        statement = insert(sim_plan_changes).values(**_row(change)).on_conflict_do_nothing()
        query = select(sim_plan_changes).where(
            T.user_id == uuid.UUID(change.user_id), T.idempotency_key == change.idempotency_key
        )
        async with transaction(self._engine) as connection:
            await connection.execute(statement)
            row = (await connection.execute(query)).first()
        return _record(row) if row else None

    async def save(self, change: PlanChange) -> None:
        missing = NotFoundError("No such plan change.")
        await save_fenced(self._engine, sim_plan_changes, _row(change), missing=missing, stale=StalePlanChangeError())

    async def open_for_sim(self, sim_id: int) -> PlanChange | None:
        return await self._one(select(sim_plan_changes).where(T.sim_id == sim_id, T.state.in_(OPEN_STATES)))

    async def scheduled_change(self, sim_id: int) -> str | None:
        query = select(T.id).where(T.sim_id == sim_id, T.state.in_(OPEN_STATES))
        async with transaction(self._engine) as connection:
            found = (await connection.execute(query)).first()
        return "plan_change" if found else None

    async def due(self, *, now: datetime, limit: int = 100) -> tuple[str, ...]:
        # Due from midnight in Tokyo on its day: every change dated today (Tokyo) or earlier.
        today = now.astimezone(TOKYO).date()
        query = (
            select(T.id).where(T.state.in_(OPEN_STATES), T.effective_on <= today).order_by(T.created_at).limit(limit)
        )
        async with transaction(self._engine) as connection:
            return tuple(row.id for row in await connection.execute(query))

    async def _one(self, query: Any) -> PlanChange | None:
        async with transaction(self._engine) as connection:
            row = (await connection.execute(query)).first()
        return _record(row) if row else None
