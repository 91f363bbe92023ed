from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from sqlalchemy.pool import NullPool

from tests.integration.orders.portal import forget_everything, orders_app, sign_in
from tests.support.postgres import create_migrated_database, drop
from tests.support.sandbox import RunningSandbox, running_sandbox


@pytest.fixture(scope="session")
def database_url() -> Iterator[str]:
    dsn = create_migrated_database("integration")
    yield dsn
    drop(dsn)


PORTAL_TABLES = (
    *("users", "account_links", "stream_positions", "onboardings"),
    *("idempotency_keys", "fulfilments", "sim_inventory", "port_in_holders", "sim_top_ups", "mail_outbox"),
    *("notifications", "sim_plan_changes", "service_cancellations", "sim_replacements"),
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


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningSandbox]:
    """The three emulators (WHMCS, Salesforce, Freebit) with the demo world, one set per test module."""
    with running_sandbox(Path(tmp_path_factory.mktemp("sandbox"))) as running:
        yield running


@pytest.fixture
async def app(database_url: str, sandbox: RunningSandbox) -> AsyncIterator[Litestar]:
    """The portal as `portal serve` builds it, against the emulators, Postgres and Redis, each test from the demo
    world: the emulators reset and the portal's own records and caches forgotten before and after."""
    sandbox.reset()
    await forget_everything(database_url)
    async with disposable_engine(database_url):
        yield orders_app(database_url, sandbox)
        await forget_everything(database_url)


@pytest.fixture
async def hanako(app: Litestar) -> AsyncIterator[AsyncTestClient[Litestar]]:
    async with AsyncTestClient(app) as client:
        await sign_in(client, "Hanako")
        yield client
