"""The CDC consumer on the in-memory stream: order, positions after effects, dedupe, leases, cold starts."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from adapters.memory.cdc_stores import (
    InMemoryChannelLeases,
    InMemoryProcessedEvents,
    InMemoryResyncRequests,
    InMemoryStreamStatusBoard,
)
from adapters.memory.change_stream import InMemoryChangeStream
from adapters.memory.stream_positions import InMemoryStreamPositions
from adapters.system_clock import SystemClock
from application.cdc.consumer import CdcConsumer
from application.cdc.policy import ConsumerPolicy
from application.cdc.stores import ConsumerStores
from application.ports.change_stream import ChangeEvent, ChangeType, ResyncRequired, StreamMessage
from tests.unit.catalog.events import header

CHANNEL = "/data/Product2ChangeEvent"
FAST = ConsumerPolicy(
    lease_ttl_ms=300, renew_seconds=0.05, acquire_seconds=0.05, retry_initial_seconds=0.01,
    retry_max_seconds=0.02, cold_start_settle_seconds=3600,
)  # fmt: skip


class Recorder:
    channels = (CHANNEL,)

    def __init__(self, failures: int = 0) -> None:
        self.seen: list[StreamMessage] = []
        self.failures = failures

    async def handle(self, message: StreamMessage) -> None:
        if self.failures:
            self.failures -= 1
            raise ConnectionError("the store blinked")
        self.seen.append(message)

    @property
    def changes(self) -> list[str]:
        return [m.header.record_ids[0] for m in self.seen if isinstance(m, ChangeEvent)]


class World:
    def __init__(self) -> None:
        self.positions = InMemoryStreamPositions()
        self.stream = InMemoryChangeStream(self.positions)
        self.processed = InMemoryProcessedEvents()
        self.leases = InMemoryChannelLeases()
        self.board = InMemoryStreamStatusBoard()
        self.resyncs = InMemoryResyncRequests()
        self.stores = ConsumerStores(
            stream=self.stream, positions=self.positions, processed=self.processed, leases=self.leases,
            board=self.board, resyncs=self.resyncs,
        )  # fmt: skip

    def consumer(self, handler: Recorder, holder: str) -> CdcConsumer:
        return CdcConsumer([handler], stores=self.stores, clock=SystemClock(), holder=holder, policy=FAST)

    def change(self, record_id: str) -> int:
        return self.stream.publish_change(header("Product2", record_id, ChangeType.UPDATE, "Name"))

    @asynccontextmanager
    async def running(self, handler: Recorder, holder: str = "a") -> AsyncIterator[asyncio.Event]:
        stop = asyncio.Event()
        task = asyncio.create_task(self.consumer(handler, holder).run(stop))
        try:
            yield stop
        finally:
            stop.set()
            await asyncio.wait_for(task, 5)


async def until(condition: Callable[[], bool], seconds: float = 3.0) -> None:
    """Poll: the conditions are other tasks' state, which signals nothing we could await."""
    async with asyncio.timeout(seconds):
        while not condition():  # noqa: ASYNC110
            await asyncio.sleep(0.01)


async def test_a_cold_start_resyncs_then_applies_changes_in_order_saving_positions_after() -> None:
    world, handler = World(), Recorder()
    async with world.running(handler):
        await until(lambda: bool(world.stream.subscribed))
        assert isinstance(handler.seen[0], ResyncRequired)
        last = [world.change(f"01t{i}") for i in range(5)][-1]
        await until(lambda: len(handler.changes) == 5)
        await until(lambda: _saved(world) == last)
    assert handler.changes == [f"01t{i}" for i in range(5)]


def _saved(world: World) -> int | None:
    position = world.positions._positions.get(CHANNEL)
    return position.replay_id if position else None


async def test_a_failing_handler_is_retried_and_its_position_waits_for_it() -> None:
    world, handler = World(), Recorder()
    async with world.running(handler):
        await until(lambda: bool(world.stream.subscribed))
        first = world.change("01tA")
        await until(lambda: _saved(world) == first)
        handler.failures = 3
        second = world.change("01tB")
        await until(lambda: handler.changes == ["01tA", "01tB"])
        await until(lambda: _saved(world) == second)


async def test_a_restart_misses_nothing_and_applies_nothing_twice() -> None:
    world, handler = World(), Recorder()
    async with world.running(handler):
        await until(lambda: bool(world.stream.subscribed))
        world.change("01tA")
        await until(lambda: handler.changes == ["01tA"])
    world.change("01tB")  # while no consumer runs
    earlier = _saved(world)
    restarted = Recorder()
    async with world.running(restarted):
        await until(lambda: restarted.changes == ["01tB"])
        world.change("01tC")
        await until(lambda: restarted.changes == ["01tB", "01tC"])
    assert earlier is not None
    # A consumer that died after applying but before saving: the same events come again and are skipped.
    await world.positions.save(CHANNEL, earlier)
    again = Recorder()
    async with world.running(again):
        await until(lambda: bool(world.stream.subscribed))
        world.change("01tD")
        await until(lambda: again.changes == ["01tD"])
    assert [s.duplicates for s in await world.board.all()] == [2]


async def test_one_leader_per_channel_and_a_standby_takes_over() -> None:
    world, first, second = World(), Recorder(), Recorder()
    async with world.running(first, "first") as stop_first, world.running(second, "second"):
        await until(lambda: bool(world.stream.subscribed))
        world.change("01tA")
        await until(lambda: first.changes == ["01tA"])
        await asyncio.sleep(0.2)
        assert second.seen == []
        assert await world.leases.holder(CHANNEL) == "first"
        stop_first.set()
        await until(lambda: world.leases._leases.get(CHANNEL, ("",))[0] == "second")
        await until(lambda: len(world.stream.subscribed) == 1)
        world.change("01tB")
        await until(lambda: second.changes == ["01tB"])
    assert first.changes == ["01tA"]


async def test_an_operators_reset_drops_the_position_resyncs_and_goes_on_with_new_events() -> None:
    world, handler = World(), Recorder()
    async with world.running(handler):
        await until(lambda: bool(world.stream.subscribed))
        first = world.change("01tA")
        await until(lambda: _saved(world) == first)
        resyncs_before = sum(isinstance(m, ResyncRequired) for m in handler.seen)

        assert await world.resyncs.request(CHANNEL)
        assert not await world.resyncs.request(CHANNEL)  # asking twice is one request

        await until(lambda: sum(isinstance(m, ResyncRequired) for m in handler.seen) == resyncs_before + 1)
        await until(lambda: not world.resyncs._waiting)
        assert _saved(world) is None  # started cold: the resync stands for everything before it
        await until(lambda: len(world.stream.subscribed) == 1)
        second = world.change("01tB")
        await until(lambda: _saved(world) == second)
    assert handler.changes == ["01tA", "01tB"]


async def test_a_reset_asked_while_nobody_leads_is_carried_out_by_the_next_leader() -> None:
    world, handler = World(), Recorder()
    await world.positions.save(CHANNEL, 41)
    await world.resyncs.request(CHANNEL)
    async with world.running(handler):
        await until(lambda: bool(handler.seen))
        assert isinstance(handler.seen[0], ResyncRequired)
        assert not await world.resyncs.pending(CHANNEL)
        assert _saved(world) is None
