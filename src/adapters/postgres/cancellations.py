"""`CancellationRecords` on Postgres: one row per cancellation, each save its own transaction (a recovery point),
checked against the version it was read at."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.postgres.fenced_saves import save_fenced
from adapters.postgres.short_transactions import transaction
from adapters.postgres.tables import service_cancellations as table
from application.errors import NotFoundError
from application.ports.cancellation_records import CancellationChangedError, CancellationExistsError
from domain.cancellation.cancellation import Cancellation, CancellationKind, CancellationState, LineReturn

STEP_FIELDS = (
    "opportunity_id",
    "crm_recorded",
    "case_id",
    "scheduled_told",
    "billing_attempted",
    "billing_done",
    "line_attempted",
    "line_done",
    "crm_cleared",
    "withdrawal_comment_attempted",
    "case_closed",
    "withdrawn_told",
)
HOLDING = table.c.state != CancellationState.WITHDRAWN.value
ACTIVE_STATES = (CancellationState.SCHEDULED, CancellationState.WITHDRAWING, CancellationState.CONFIRMED)


def _row(c: Cancellation) -> dict[str, Any]:
    return {
        "id": c.id,
        "user_id": uuid.UUID(c.user_id),
        "account_id": c.account_id,
        "client_id": c.client_id,
        "service_id": c.service_id,
        "kind": c.kind.value,
        "service_name": c.service_name,
        "msisdn": c.msisdn,
        "email": c.email,
        "idempotency_key": c.idempotency_key,
        "end_date": c.end_date,
        "cutoff_at": c.cutoff_at,
        "moving": c.moving,
        "line_return": c.line_return.value if c.line_return else None,
        "state": c.state.value,
        "version": c.version,
        "due_at": c.due_at,
        "steps": {name: getattr(c, name) for name in STEP_FIELDS},
        "withdrawn_at": c.withdrawn_at,
        "error_code": c.error_code,
        "error_message": c.error_message,
        "history": c.history,
        "created_at": c.created_at,
        "updated_at": c.updated_at,
    }


def _record(row: Any) -> Cancellation:
    c = Cancellation(
        id=row.id,
        user_id=str(row.user_id),
        account_id=row.account_id,
        client_id=row.client_id,
        service_id=row.service_id,
        kind=CancellationKind(row.kind),
        service_name=row.service_name,
        msisdn=row.msisdn,
        email=row.email,
        idempotency_key=row.idempotency_key,
        end_date=row.end_date,
        cutoff_at=row.cutoff_at,
        moving=row.moving,
        line_return=LineReturn(row.line_return) if row.line_return else None,
        created_at=row.created_at,
        updated_at=row.updated_at,
        due_at=row.due_at,
        state=CancellationState(row.state),
        version=row.version,
        withdrawn_at=row.withdrawn_at,
        error_code=row.error_code,
        error_message=row.error_message,
        history=list(row.history),
    )
    for name in STEP_FIELDS:
        if name in row.steps:
            setattr(c, name, row.steps[name])
    return c


class PostgresCancellationRecords:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def get(self, cancellation_id: str) -> Cancellation | None:
        async with transaction(self._engine) as connection:
            row = (await connection.execute(select(table).where(table.c.id == cancellation_id))).first()
        return _record(row) if row else None

    async def begin(self, cancellation: Cancellation) -> Cancellation:
        # Both unique rules answer "do nothing": the (user, key) pair finds the first submission's row; no row for
        # it means the service is held by another cancellation (the partial unique index), from any process.
        statement = insert(table).values(**_row(cancellation)).on_conflict_do_nothing()
        query = select(table).where(
            table.c.user_id == uuid.UUID(cancellation.user_id),
            table.c.idempotency_key == cancellation.idempotency_key,
        )
        async with transaction(self._engine) as connection:
            await connection.execute(statement)
            row = (await connection.execute(query)).first()
        if row is None:
            raise CancellationExistsError()
        return _record(row)

    async def save(self, cancellation: Cancellation) -> None:
        missing = NotFoundError("No such cancellation.")
        await save_fenced(self._engine, table, _row(cancellation), missing=missing, stale=CancellationChangedError())
        cancellation.version += 1

    async def holding(self, client_id: int, service_id: int) -> Cancellation | None:
        query = select(table).where(table.c.client_id == client_id, table.c.service_id == service_id, HOLDING)
        async with transaction(self._engine) as connection:
            row = (await connection.execute(query)).first()
        return _record(row) if row else None

    async def scheduled_change(self, sim_id: int) -> str | None:
        """`ScheduledLineChanges`: a cancellation holding the line blocks its other changes."""
        query = select(table.c.id).where(table.c.service_id == sim_id, HOLDING)
        async with transaction(self._engine) as connection:
            found = (await connection.execute(query)).first()
        return "cancellation" if found else None

    async def due(self, *, now: datetime, idle_since: datetime, limit: int = 100) -> tuple[str, ...]:
        query = (
            select(table.c.id)
            .where(
                table.c.state.in_([s.value for s in ACTIVE_STATES]),
                table.c.due_at <= now,
                table.c.updated_at <= idle_since,
            )
            .order_by(table.c.due_at)
            .limit(limit)
        )
        async with transaction(self._engine) as connection:
            return tuple(row.id for row in await connection.execute(query))
