"""`FulfilmentRecords` on Postgres: one row per CRM order, each save its own transaction (a recovery point)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import msgspec
from sqlalchemy import and_, or_, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.postgres.short_transactions import transaction
from adapters.postgres.tables import fulfilments
from application.errors import NotFoundError
from domain.orders.fulfilment import Fulfilment, FulfilmentState, SimCard, Step

_UNFINISHED = (FulfilmentState.RUNNING.value, FulfilmentState.WAITING.value)
_STOPPED = (FulfilmentState.PAUSED.value, FulfilmentState.FAILED.value)


def _row(record: Fulfilment) -> dict[str, Any]:
    return {
        "order_id": record.order_id,
        "account_id": record.account_id,
        "state": record.state.value,
        "step": record.step.value,
        "whmcs_client_id": record.whmcs_client_id,
        "billing_baseline": record.billing_baseline,
        "billing_attempted": record.billing_attempted,
        "whmcs_order_id": record.whmcs_order_id,
        "whmcs_invoice_id": record.whmcs_invoice_id,
        "item_services": record.item_services,
        "sim": msgspec.to_builtins(record.sim) if record.sim else None,
        "sim_attempted": record.sim_attempted,
        "voice_attempted": record.voice_attempted,
        "opportunity_attempted": record.opportunity_attempted,
        "service_link_attempted": record.service_link_attempted,
        "waits": record.waits,
        "transient_failures": record.transient_failures,
        "error_code": record.error_code,
        "error_message": record.error_message,
        "history": record.history,
        "created_at": record.created_at,
        "updated_at": record.updated_at,
    }


def _record(row: Any) -> Fulfilment:
    return Fulfilment(
        order_id=row.order_id,
        account_id=row.account_id,
        state=FulfilmentState(row.state),
        step=Step(row.step),
        created_at=row.created_at,
        updated_at=row.updated_at,
        whmcs_client_id=row.whmcs_client_id,
        billing_baseline=row.billing_baseline,
        billing_attempted=row.billing_attempted,
        whmcs_order_id=row.whmcs_order_id,
        whmcs_invoice_id=row.whmcs_invoice_id,
        item_services={k: list(v) for k, v in row.item_services.items()},
        sim=msgspec.convert(row.sim, SimCard) if row.sim else None,
        sim_attempted=row.sim_attempted,
        voice_attempted=row.voice_attempted,
        opportunity_attempted=row.opportunity_attempted,
        service_link_attempted=row.service_link_attempted,
        waits=row.waits,
        transient_failures=row.transient_failures,
        error_code=row.error_code,
        error_message=row.error_message,
        history=list(row.history),
    )


class PostgresFulfilmentRecords:
    """Also `FulfilmentOverview` (the operators' view of the same rows)."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def get(self, order_id: str) -> Fulfilment | None:
        async with transaction(self._engine) as connection:
            row = (await connection.execute(select(fulfilments).where(fulfilments.c.order_id == order_id))).first()
        return _record(row) if row else None

    async def begin(self, fulfilment: Fulfilment) -> Fulfilment:
        statement = insert(fulfilments).values(**_row(fulfilment)).on_conflict_do_nothing()
        async with transaction(self._engine) as connection:
            await connection.execute(statement)
            query = select(fulfilments).where(fulfilments.c.order_id == fulfilment.order_id)
            return _record((await connection.execute(query)).one())

    async def save(self, fulfilment: Fulfilment) -> None:
        values = _row(fulfilment)
        del values["order_id"], values["created_at"]
        statement = update(fulfilments).where(fulfilments.c.order_id == fulfilment.order_id).values(**values)
        async with transaction(self._engine) as connection:
            result = await connection.execute(statement)
        if result.rowcount == 0:
            raise NotFoundError("No such fulfilment.")

    async def unfinished(self, *, idle_since: datetime, limit: int = 100) -> tuple[str, ...]:
        query = (
            select(fulfilments.c.order_id)
            .where(fulfilments.c.state.in_(_UNFINISHED), fulfilments.c.updated_at <= idle_since)
            .order_by(fulfilments.c.updated_at)
            .limit(limit)
        )
        async with transaction(self._engine) as connection:
            return tuple(row.order_id for row in await connection.execute(query))

    async def needing_attention(self, *, idle_since: datetime, limit: int = 100) -> tuple[Fulfilment, ...]:
        query = (
            select(fulfilments)
            .where(
                or_(
                    fulfilments.c.state.in_(_STOPPED),
                    and_(fulfilments.c.state.in_(_UNFINISHED), fulfilments.c.updated_at <= idle_since),
                )
            )
            .order_by(fulfilments.c.updated_at)
            .limit(limit)
        )
        async with transaction(self._engine) as connection:
            return tuple(_record(row) for row in await connection.execute(query))
