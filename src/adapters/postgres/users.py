from __future__ import annotations

from typing import Any, cast
from uuid import UUID

from sqlalchemy import func, insert, select, update
from sqlalchemy.engine import CursorResult
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.postgres.constraints import translate
from adapters.postgres.tables import users
from application.errors import NotFoundError
from domain.identity.email import EmailAddress
from domain.identity.user import User, UserStatus


def _to_user(row: Any) -> User:
    return User(
        id=row.id,
        email=EmailAddress(row.email),
        password_hash=row.password_hash,
        status=UserStatus(row.status),
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


class PostgresUserRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, user: User) -> None:
        statement = insert(users).values(
            id=user.id,
            email=user.email.value,
            password_hash=user.password_hash,
            status=user.status.value,
            created_at=user.created_at,
            updated_at=user.updated_at,
        )
        try:
            # A savepoint keeps the surrounding transaction usable after a uniqueness conflict.
            async with self._session.begin_nested():
                await self._session.execute(statement)
        except IntegrityError as error:
            raise translate(error) from error

    async def get(self, user_id: UUID) -> User | None:
        row = (await self._session.execute(select(users).where(users.c.id == user_id))).first()
        return _to_user(row) if row else None

    async def get_by_email(self, email: EmailAddress) -> User | None:
        query = select(users).where(func.lower(users.c.email) == email.value)
        row = (await self._session.execute(query)).first()
        return _to_user(row) if row else None

    async def update(self, user: User) -> None:
        statement = (
            update(users)
            .where(users.c.id == user.id)
            .values(password_hash=user.password_hash, status=user.status.value, updated_at=user.updated_at)
        )
        # An UPDATE answers with a cursor result, which knows how many rows it touched.
        result = cast("CursorResult[Any]", await self._session.execute(statement))
        if result.rowcount == 0:
            raise NotFoundError("No such user.")
