"""`TopUpRecords` on Postgres: one row per top-up, each save its own transaction (a recovery point)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.postgres.short_transactions import transaction
from adapters.postgres.tables import sim_top_ups
from application.errors import NotFoundError
from domain.sims.top_up import TopUp, TopUpState, TopUpStep


def _row(record: TopUp) -> dict[str, Any]:
    return {
        "id": record.id,
        "user_id": uuid.UUID(record.user_id),
        "account_id": record.account_id,
        "client_id": record.client_id,
        "sim_id": record.sim_id,
        "msisdn": record.msisdn,
        "idempotency_key": record.idempotency_key,
        "quota_mb": record.quota_mb,
        "amount": record.amount,
        "expires_on": record.expires_on,
        "state": record.state.value,
        "step": record.step.value,
        "invoice_attempted": record.invoice_attempted,
        "invoice_id": record.invoice_id,
        "capture_attempted": record.capture_attempted,
        "quota_attempted": record.quota_attempted,
        "refund_attempted": record.refund_attempted,
        "case_id": record.case_id,
        "error_code": record.error_code,
        "error_message": record.error_message,
        "history": record.history,
        "created_at": record.created_at,
        "updated_at": record.updated_at,
    }


def _record(row: Any) -> TopUp:
    return TopUp(
        id=row.id,
        user_id=str(row.user_id),
        account_id=row.account_id,
        client_id=row.client_id,
        sim_id=row.sim_id,
        msisdn=row.msisdn,
        idempotency_key=row.idempotency_key,
        quota_mb=row.quota_mb,
        amount=row.amount,
        expires_on=row.expires_on,
        created_at=row.created_at,
        updated_at=row.updated_at,
        state=TopUpState(row.state),
        step=TopUpStep(row.step),
        invoice_attempted=row.invoice_attempted,
        invoice_id=row.invoice_id,
        capture_attempted=row.capture_attempted,
        quota_attempted=row.quota_attempted,
        refund_attempted=row.refund_attempted,
        case_id=row.case_id,
        error_code=row.error_code,
        error_message=row.error_message,
        history=list(row.history),
    )


class PostgresTopUpRecords:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def get(self, top_up_id: str) -> TopUp | None:
        async with transaction(self._engine) as connection:
            row = (await connection.execute(select(sim_top_ups).where(sim_top_ups.c.id == top_up_id))).first()
        return _record(row) if row else None

    async def begin(self, top_up: TopUp) -> TopUp:
        # The (user, key) pair is unique: a retried or concurrent submission finds the first one's row.
        statement = insert(sim_top_ups).values(**_row(top_up)).on_conflict_do_nothing()
        query = select(sim_top_ups).where(
            sim_top_ups.c.user_id == uuid.UUID(top_up.user_id),
            sim_top_ups.c.idempotency_key == top_up.idempotency_key,
        )
        async with transaction(self._engine) as connection:
            await connection.execute(statement)
            return _record((await connection.execute(query)).one())

    async def save(self, top_up: TopUp) -> None:
        values = _row(top_up)
        del values["id"], values["created_at"]
        statement = update(sim_top_ups).where(sim_top_ups.c.id == top_up.id).values(**values)
        async with transaction(self._engine) as connection:
            result = await connection.execute(statement)
        if result.rowcount == 0:
            raise NotFoundError("No such top-up.")

    async def unfinished(self, *, idle_since: datetime, limit: int = 100) -> tuple[str, ...]:
        query = (
            select(sim_top_ups.c.id)
            .where(sim_top_ups.c.state == TopUpState.PENDING.value, sim_top_ups.c.updated_at <= idle_since)
            .order_by(sim_top_ups.c.updated_at)
            .limit(limit)
        )
        async with transaction(self._engine) as connection:
            return tuple(row.id for row in await connection.execute(query))
