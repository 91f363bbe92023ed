"""`ReplacementRecords` on Postgres: one row per SIM replacement, each save its own transaction fenced by `version`."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.postgres.fenced_saves import save_fenced
from adapters.postgres.short_transactions import transaction
from adapters.postgres.tables import sim_replacements
from application.errors import NotFoundError
from application.ports.replacement_records import StaleReplacementError
from domain.sims.replacement import ReplacementState, ReplacementStep, SimReplacement

OPEN_STATES = (ReplacementState.SHIPPING.value, ReplacementState.ACTIVATING.value)
T = sim_replacements.c


def _row(record: SimReplacement) -> dict[str, Any]:
    return {
        "id": record.id,
        "user_id": uuid.UUID(record.user_id),
        "account_id": record.account_id,
        "client_id": record.client_id,
        "sim_id": record.sim_id,
        "msisdn": record.msisdn,
        "idempotency_key": record.idempotency_key,
        "reason": record.reason,
        "old_product_number": record.old_product_number,
        "new_product_number": record.new_product_number,
        "state": record.state.value,
        "step": record.step.value,
        "activation_requested": record.activation_requested,
        "swap_attempted": record.swap_attempted,
        "case_id": record.case_id,
        "error_code": record.error_code,
        "error_message": record.error_message,
        "history": record.history,
        "version": record.version,
        "created_at": record.created_at,
        "updated_at": record.updated_at,
    }


def _record(row: Any) -> SimReplacement:
    return SimReplacement(
        id=row.id,
        user_id=str(row.user_id),
        account_id=row.account_id,
        client_id=row.client_id,
        sim_id=row.sim_id,
        msisdn=row.msisdn,
        idempotency_key=row.idempotency_key,
        reason=row.reason,
        old_product_number=row.old_product_number,
        created_at=row.created_at,
        updated_at=row.updated_at,
        new_product_number=row.new_product_number,
        state=ReplacementState(row.state),
        step=ReplacementStep(row.step),
        activation_requested=row.activation_requested,
        swap_attempted=row.swap_attempted,
        case_id=row.case_id,
        error_code=row.error_code,
        error_message=row.error_message,
        history=list(row.history),
        version=row.version,
    )


class PostgresReplacementRecords:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def get(self, replacement_id: str) -> SimReplacement | None:
        return await self._one(select(sim_replacements).where(T.id == replacement_id))

    async def by_key(self, user_id: str, idempotency_key: str) -> SimReplacement | None:
        return await self._one(
            select(sim_replacements).where(T.user_id == uuid.UUID(user_id), T.idempotency_key == idempotency_key)
        )

    async def begin(self, replacement: SimReplacement) -> SimReplacement | None:
        statement = insert(sim_replacements).values(**_row(replacement)).on_conflict_do_nothing()
        query = select(sim_replacements).where(
            T.user_id == uuid.UUID(replacement.user_id), T.idempotency_key == replacement.idempotency_key
        )
        async with transaction(self._engine) as connection:
            await connection.execute(statement)
            row = (await connection.execute(query)).first()
        return _record(row) if row else None

    async def save(self, replacement: SimReplacement) -> None:
        missing, stale = NotFoundError("No such SIM replacement."), StaleReplacementError()
        await save_fenced(self._engine, sim_replacements, _row(replacement), missing=missing, stale=stale)

    async def open_for_sim(self, sim_id: int) -> SimReplacement | None:
        return await self._one(select(sim_replacements).where(T.sim_id == sim_id, T.state.in_(OPEN_STATES)))

    async def scheduled_change(self, sim_id: int) -> str | None:
        query = select(T.id).where(T.sim_id == sim_id, T.state.in_(OPEN_STATES))
        async with transaction(self._engine) as connection:
            found = (await connection.execute(query)).first()
        return "sim_replacement" if found else None

    async def unfinished(self, *, limit: int = 100) -> tuple[str, ...]:
        query = select(T.id).where(T.state.in_(OPEN_STATES)).order_by(T.updated_at).limit(limit)
        async with transaction(self._engine) as connection:
            return tuple(row.id for row in await connection.execute(query))

    async def _one(self, query: Any) -> SimReplacement | None:
        async with transaction(self._engine) as connection:
            row = (await connection.execute(query)).first()
        return _record(row) if row else None
