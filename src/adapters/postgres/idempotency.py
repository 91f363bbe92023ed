"""`IdempotencyStore` on Postgres: one row per (scope, key), claimed atomically with INSERT … ON CONFLICT."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import DateTime, and_, delete, func, literal, or_, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.postgres.short_transactions import transaction
from adapters.postgres.tables import idempotency_keys as keys
from application.ports.idempotency import IdempotencyRecord, RecordedResponse


class PostgresIdempotencyStore:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def claim(
        self, scope: str, key: str, request_hash: str, *, now: datetime, lease_seconds: int, keep_seconds: int
    ) -> IdempotencyRecord | None:
        lease = now + timedelta(seconds=lease_seconds)
        fresh = {
            "request_hash": request_hash,
            "locked_until": lease,
            "response_status": None,
            "response_media_type": None,
            "response_body": None,
            "keep_seconds": keep_seconds,
            "created_at": now,
            "expires_at": now + timedelta(seconds=keep_seconds),
        }
        statement = (
            insert(keys)
            .values(scope=scope, key=key, **fresh)
            .on_conflict_do_update(
                index_elements=[keys.c.scope, keys.c.key],
                set_=fresh,
                # Ours anyway when the old one expired (not reaped yet) or its request died mid-way (same body).
                where=or_(
                    keys.c.expires_at <= now,
                    and_(
                        keys.c.response_status.is_(None),
                        keys.c.request_hash == request_hash,
                        keys.c.locked_until <= now,
                    ),
                ),
            )
            .returning(keys.c.scope)
        )
        async with transaction(self._engine) as connection:
            if (await connection.execute(statement)).first() is not None:
                return None
            row = (await connection.execute(select(keys).where(keys.c.scope == scope, keys.c.key == key))).one()
        response = None
        if row.response_status is not None:
            response = RecordedResponse(
                status=row.response_status, body=bytes(row.response_body or b""), media_type=row.response_media_type
            )
        return IdempotencyRecord(request_hash=row.request_hash, response=response, locked_until=row.locked_until)

    async def complete(self, scope: str, key: str, response: RecordedResponse, *, now: datetime) -> None:
        statement = (
            update(keys)
            .where(keys.c.scope == scope, keys.c.key == key)
            .values(
                response_status=response.status,
                response_media_type=response.media_type,
                response_body=response.body,
                locked_until=None,
                expires_at=literal(now, DateTime(timezone=True))
                + func.make_interval(0, 0, 0, 0, 0, 0, keys.c.keep_seconds),
            )
        )
        async with transaction(self._engine) as connection:
            await connection.execute(statement)

    async def release(self, scope: str, key: str) -> None:
        statement = delete(keys).where(keys.c.scope == scope, keys.c.key == key, keys.c.response_status.is_(None))
        async with transaction(self._engine) as connection:
            await connection.execute(statement)

    async def purge_expired(self, now: datetime) -> int:
        async with transaction(self._engine) as connection:
            result = await connection.execute(delete(keys).where(keys.c.expires_at <= now))
        return int(result.rowcount)
