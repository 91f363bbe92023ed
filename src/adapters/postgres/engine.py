from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

from adapters.postgres.config import PostgresConfig
from adapters.postgres.outages import OutageAwarePool, translate_outages
from application.errors import UpstreamUnavailableError


def create_engine(config: PostgresConfig) -> AsyncEngine:
    engine = create_async_engine(
        config.dsn,
        poolclass=OutageAwarePool,
        pool_size=config.pool_size,
        max_overflow=config.max_overflow,
        pool_timeout=config.pool_timeout_seconds,
        pool_pre_ping=True,
        connect_args={
            "timeout": config.connect_timeout_seconds,
            "command_timeout": config.statement_timeout_seconds,
            "server_settings": {"application_name": config.application_name},
        },
    )
    return translate_outages(engine)


def create_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    # expire_on_commit=False: the objects we return outlive the commit; autoflush off: we flush deliberately.
    return async_sessionmaker(engine, expire_on_commit=False, autoflush=False)


@asynccontextmanager
async def closing_session(factory: async_sessionmaker[AsyncSession]) -> AsyncIterator[AsyncSession]:
    """A session that is closed on leaving, which rolls back whatever was not committed.

    When the connection died meanwhile, the database has already rolled the transaction back, so the failing
    rollback is no error of the caller's — and for a request it would surface after the response was sent.
    """
    session = factory()
    try:
        yield session
    finally:
        with contextlib.suppress(UpstreamUnavailableError):
            await session.close()
