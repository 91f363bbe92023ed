from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from sqlalchemy.pool import NullPool

from tests.support.postgres import create_migrated_database, drop


@pytest.fixture(scope="session")
def database_url() -> Iterator[str]:
    dsn = create_migrated_database("integration")
    yield dsn
    drop(dsn)


PORTAL_TABLES = (
    *("users", "account_links", "stream_positions", "onboardings"),
    *("idempotency_keys", "fulfilments", "sim_inventory", "port_in_holders", "sim_top_ups", "mail_outbox"),
    *("notifications", "sim_plan_changes"),
)


@asynccontextmanager
async def disposable_engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    """An engine for one test, leaving the tables empty behind it."""
    # NullPool: asyncpg connections must not outlive the event loop of the test that opened them.
    engine = create_async_engine(database_url, poolclass=NullPool)
    try:
        yield engine
    finally:
        async with engine.begin() as connection:
            await connection.execute(text(f"TRUNCATE {', '.join(PORTAL_TABLES)} CASCADE"))
        await engine.dispose()


@pytest.fixture
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    async with disposable_engine(database_url) as engine:
        yield engine
