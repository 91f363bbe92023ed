from __future__ import annotations

from collections.abc import AsyncIterator

from dishka import Provider, Scope, provide
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from adapters.memory.identity_store import InMemoryIdentityStore, InMemoryUnitOfWork
from adapters.memory.readiness import InMemoryReadiness
from adapters.postgres.engine import closing_session, create_engine, create_session_factory
from adapters.postgres.readiness import PostgresReadiness
from adapters.postgres.unit_of_work import PostgresUnitOfWork
from adapters.redis.client import RedisClient, create_redis, ready
from adapters.redis.readiness import RedisReadiness
from application.ports.readiness import DependencyCheck
from application.ports.unit_of_work import UnitOfWork
from entrypoints.settings import Settings


class PostgresRedisProvider(Provider):
    """The real stores. dishka owns their lifetimes: created once per process, closed at shutdown."""

    @provide(scope=Scope.APP)
    async def engine(self, settings: Settings) -> AsyncIterator[AsyncEngine]:
        engine = create_engine(settings.postgres())
        yield engine
        await engine.dispose()

    @provide(scope=Scope.APP)
    def session_factory(self, engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
        return create_session_factory(engine)

    @provide(scope=Scope.APP)
    async def redis(self, settings: Settings) -> AsyncIterator[RedisClient]:
        client = await ready(create_redis(settings.redis()))
        yield client
        await client.aclose()

    @provide(scope=Scope.REQUEST)
    async def session(self, factory: async_sessionmaker[AsyncSession]) -> AsyncIterator[AsyncSession]:
        # Closing rolls back whatever the use case did not commit; committing here would be too late (see UnitOfWork).
        async with closing_session(factory) as session:
            yield session

    @provide(scope=Scope.REQUEST)
    def unit_of_work(self, session: AsyncSession) -> UnitOfWork:
        return PostgresUnitOfWork(session)

    @provide(scope=Scope.APP)
    def readiness_checks(self, engine: AsyncEngine, redis: RedisClient) -> list[DependencyCheck]:
        return [PostgresReadiness(engine), RedisReadiness(redis)]


class InMemoryStoresProvider(Provider):
    """The same ports on process memory, for unit tests and a demo on a machine without Postgres or Redis."""

    @provide(scope=Scope.APP)
    def identity_store(self) -> InMemoryIdentityStore:
        return InMemoryIdentityStore()

    @provide(scope=Scope.REQUEST)
    def unit_of_work(self, store: InMemoryIdentityStore) -> UnitOfWork:
        return InMemoryUnitOfWork(store)

    @provide(scope=Scope.APP)
    def readiness_checks(self) -> list[DependencyCheck]:
        return [InMemoryReadiness("postgres"), InMemoryReadiness("redis")]
