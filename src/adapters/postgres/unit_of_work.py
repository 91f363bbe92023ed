from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from adapters.postgres.account_links import PostgresAccountLinkRepository
from adapters.postgres.onboardings import PostgresOnboardingRepository
from adapters.postgres.users import PostgresUserRepository


class PostgresUnitOfWork:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session
        self.users = PostgresUserRepository(session)
        self.links = PostgresAccountLinkRepository(session)
        self.onboardings = PostgresOnboardingRepository(session)

    async def commit(self) -> None:
        await self._session.commit()

    async def rollback(self) -> None:
        await self._session.rollback()
