"""The consumer's stores (leases, processed events, status board, operators' resync requests) and account locks,
on Redis, Redis Cluster and their twins."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest

from adapters.memory.cdc_stores import (
    InMemoryAccountLocks,
    InMemoryChannelLeases,
    InMemoryProcessedEvents,
    InMemoryResyncRequests,
    InMemoryStreamStatusBoard,
)
from adapters.redis.account_locks import RedisAccountLocks
from adapters.redis.channel_leases import RedisChannelLeases
from adapters.redis.processed_events import RedisProcessedEvents
from adapters.redis.resync_requests import RedisResyncRequests
from adapters.redis.stream_status import RedisStreamStatusBoard
from application.ports.account_locks import AccountLocks, RequestInProgressError
from application.ports.channel_leases import ChannelLeases
from application.ports.processed_events import ProcessedEvents
from application.ports.resync_requests import ResyncRequests
from application.ports.stream_status import ChannelStatus, StreamStatusBoard
from tests.contract.redis.conftest import KINDS, connect

COVERS = (RedisChannelLeases, RedisAccountLocks, RedisResyncRequests, RedisProcessedEvents, RedisStreamStatusBoard)
CHANNEL, OTHER = "/data/Product2ChangeEvent", "/data/OrderChangeEvent"


@dataclass
class Stores:
    leases: ChannelLeases
    processed: ProcessedEvents
    board: StreamStatusBoard
    resyncs: ResyncRequests
    locks: AccountLocks


@pytest.fixture(params=(*KINDS, "twin"))
async def stores(request: pytest.FixtureRequest) -> AsyncIterator[Stores]:
    if request.param == "twin":
        yield Stores(
            InMemoryChannelLeases(), InMemoryProcessedEvents(), InMemoryStreamStatusBoard(), InMemoryResyncRequests(),
            InMemoryAccountLocks(),
        )  # fmt: skip
        return
    redis = await connect(request.param)
    try:
        yield Stores(
            RedisChannelLeases(redis), RedisProcessedEvents(redis), RedisStreamStatusBoard(redis),
            RedisResyncRequests(redis), RedisAccountLocks(redis),
        )  # fmt: skip
    finally:
        await redis.aclose()


async def test_one_holder_per_channel_renewing_and_releasing(stores: Stores) -> None:
    leases = stores.leases
    assert await leases.acquire(CHANNEL, "a", 10_000)
    assert await leases.acquire(CHANNEL, "a", 10_000)  # the holder again: extended
    assert not await leases.acquire(CHANNEL, "b", 10_000)
    assert await leases.acquire(OTHER, "b", 10_000)
    assert await leases.renew(CHANNEL, "a", 10_000)
    assert not await leases.renew(CHANNEL, "b", 10_000)
    await leases.release(CHANNEL, "b")  # not b's to give up
    assert await leases.holder(CHANNEL) == "a"
    await leases.release(CHANNEL, "a")
    assert await leases.holder(CHANNEL) is None
    assert await leases.acquire(CHANNEL, "b", 10_000)


async def test_concurrent_candidates_elect_exactly_one_leader(stores: Stores) -> None:
    results = await asyncio.gather(*(stores.leases.acquire(CHANNEL, f"c{i}", 10_000) for i in range(20)))
    assert sum(results) == 1


async def test_an_event_marked_processed_is_seen(stores: Stores) -> None:
    assert not await stores.processed.seen("/data/OrderChangeEvent:tx:1")
    await stores.processed.mark("/data/OrderChangeEvent:tx:1", 3600)
    assert await stores.processed.seen("/data/OrderChangeEvent:tx:1")
    assert not await stores.processed.seen("/data/OrderChangeEvent:tx:2")


async def test_the_board_keeps_each_channels_latest_report(stores: Stores) -> None:
    now = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)
    for channel, holder in ((CHANNEL, "a"), (OTHER, "b"), (CHANNEL, "c")):
        await stores.board.report(ChannelStatus(channel=channel, holder=holder, connected=True, updated_at=now))
    assert [(s.channel, s.holder) for s in await stores.board.all()] == [(OTHER, "b"), (CHANNEL, "c")]


async def test_a_resync_request_waits_for_the_leader_and_asking_twice_is_one_request(stores: Stores) -> None:
    assert not await stores.resyncs.pending(CHANNEL)
    assert await stores.resyncs.request(CHANNEL)
    assert not await stores.resyncs.request(CHANNEL)
    assert await stores.resyncs.pending(CHANNEL)
    assert not await stores.resyncs.pending(OTHER)
    await stores.resyncs.done(CHANNEL)
    assert not await stores.resyncs.pending(CHANNEL)


async def test_an_account_lock_is_held_by_one_at_a_time(stores: Stores) -> None:
    async with stores.locks.hold("checkout:001A", timeout_seconds=5, wait_seconds=1):
        with pytest.raises(RequestInProgressError):
            async with stores.locks.hold("checkout:001A", timeout_seconds=5, wait_seconds=0.1):
                pass
        async with stores.locks.hold("checkout:001B", timeout_seconds=5, wait_seconds=0.1):
            pass
    async with stores.locks.hold("checkout:001A", timeout_seconds=5, wait_seconds=0.1):
        pass
