"""StreamPositions contract: Postgres (its own throwaway database) and the in-memory twin."""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import AsyncIterator, Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from sqlalchemy.pool import NullPool

from adapters.memory.clock import FrozenClock
from adapters.memory.stream_positions import InMemoryStreamPositions
from adapters.postgres.stream_positions import PostgresStreamPositions
from adapters.postgres.tables import metadata, stream_positions
from application.errors import UpstreamUnavailableError
from application.ports.stream_positions import StreamPositions

pytestmark = pytest.mark.integration
SERVER_URL = os.environ.get("PORTAL_TEST_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432")
ORDERS = "/data/OrderChangeEvent"
ENTRIES = "/data/PricebookEntryChangeEvent"


async def _admin(statement: str) -> None:
    engine = create_async_engine(f"{SERVER_URL}/postgres", poolclass=NullPool, isolation_level="AUTOCOMMIT")
    try:
        async with engine.connect() as connection:
            await connection.execute(text(statement))
    finally:
        await engine.dispose()


async def _create(name: str) -> None:
    await _admin(f'CREATE DATABASE "{name}"')
    engine = create_async_engine(f"{SERVER_URL}/{name}", poolclass=NullPool)
    try:
        async with engine.begin() as connection:
            await connection.run_sync(metadata.create_all, tables=[stream_positions])
    finally:
        await engine.dispose()


def _in_own_loop(work: Coroutine[None, None, None]) -> None:
    # Session fixtures may be set up while a test's event loop runs; asyncio.run needs a thread without one.
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(asyncio.run, work).result()


@pytest.fixture(scope="session")
def database_url() -> Iterator[str]:
    """Our own throwaway database holding just the `stream_positions` table."""
    name = f"portal_streaming_test_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    _in_own_loop(_create(name))
    yield f"{SERVER_URL}/{name}"
    _in_own_loop(_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock()


@pytest.fixture(params=["postgres", "memory"])
async def positions(request: pytest.FixtureRequest, clock: FrozenClock) -> AsyncIterator[StreamPositions]:
    if request.param == "memory":
        yield InMemoryStreamPositions(clock)
        return
    # NullPool: asyncpg connections must not outlive the event loop of the test that opened them.
    engine = create_async_engine(request.getfixturevalue("database_url"), poolclass=NullPool)
    try:
        yield PostgresStreamPositions(async_sessionmaker(engine), clock=clock)
    finally:
        async with engine.begin() as connection:
            await connection.execute(stream_positions.delete())
        await engine.dispose()


async def test_an_unknown_channel_has_no_position(positions: StreamPositions) -> None:
    assert await positions.get(ORDERS) is None


async def test_a_saved_position_is_read_back_with_when_it_was_saved(
    positions: StreamPositions, clock: FrozenClock
) -> None:
    await positions.save(ORDERS, 6421)
    saved = await positions.get(ORDERS)
    assert saved is not None
    assert (saved.channel, saved.replay_id, saved.updated_at) == (ORDERS, 6421, clock.now())


async def test_saving_again_replaces_the_position(positions: StreamPositions, clock: FrozenClock) -> None:
    await positions.save(ORDERS, 6421)
    clock.advance(30)
    await positions.save(ORDERS, 6425)
    saved = await positions.get(ORDERS)
    assert saved is not None
    assert (saved.replay_id, saved.updated_at) == (6425, clock.now())


async def test_channels_are_independent(positions: StreamPositions) -> None:
    await positions.save(ORDERS, 10)
    await positions.save(ENTRIES, 99)
    orders, entries = await positions.get(ORDERS), await positions.get(ENTRIES)
    assert orders is not None
    assert entries is not None
    assert (orders.replay_id, entries.replay_id) == (10, 99)


async def test_a_forgotten_position_is_gone_and_forgetting_twice_is_harmless(positions: StreamPositions) -> None:
    await positions.save(ORDERS, 10)
    await positions.save(ENTRIES, 99)
    assert await positions.forget(ORDERS)
    assert not await positions.forget(ORDERS)
    assert await positions.get(ORDERS) is None
    assert await positions.get(ENTRIES) is not None


async def test_large_replay_ids_fit(positions: StreamPositions) -> None:
    await positions.save(ORDERS, 2**62)
    saved = await positions.get(ORDERS)
    assert saved is not None
    assert saved.replay_id == 2**62


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(saves=st.lists(st.tuples(st.sampled_from([ORDERS, ENTRIES]), st.integers(1, 2**62)), min_size=1, max_size=6))
async def test_the_last_save_per_channel_wins(positions: StreamPositions, saves: list[tuple[str, int]]) -> None:
    for channel, replay_id in saves:
        await positions.save(channel, replay_id)
    expected = dict(saves)
    for channel, replay_id in expected.items():
        saved = await positions.get(channel)
        assert saved is not None
        assert saved.replay_id == replay_id


async def test_an_unreachable_database_is_an_upstream_outage(clock: FrozenClock) -> None:
    engine = create_async_engine(
        "postgresql+asyncpg://postgres@127.0.0.1:1/none", poolclass=NullPool, connect_args={"timeout": 1}
    )
    unreachable = PostgresStreamPositions(async_sessionmaker(engine), clock=clock)
    try:
        with pytest.raises(UpstreamUnavailableError):
            await unreachable.get(ORDERS)
        with pytest.raises(UpstreamUnavailableError):
            await unreachable.save(ORDERS, 1)
    finally:
        await engine.dispose()
