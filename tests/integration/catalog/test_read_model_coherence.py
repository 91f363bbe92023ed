"""Cache coherence of the versioned read-model store, as a Hypothesis state machine.

The source of truth is a counter ("Salesforce"); every change queues an invalidation event that the consumer
delivers later, possibly more than once. Fills are split into their three steps (read version + take lease,
load from the source, store) so every interleaving with changes and invalidations is reachable. Invariant:
a stored document is never older than the last delivered invalidation, and once no invalidation is pending
it equals the source. Runs against Redis (the real Lua scripts), a real 3-master Redis Cluster (the same scripts,
each within one hash tag) and the in-memory twin.
"""

from __future__ import annotations

import asyncio
import itertools
import uuid
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any, TypeVar

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, consumes, invariant, precondition, rule
from redis.asyncio import Redis

from adapters.memory.read_model_store import InMemoryReadModelStore
from adapters.redis.client import create_redis, ready
from adapters.redis.config import RedisConfig
from adapters.redis.read_model_store import RedisReadModelStore
from application.ports.read_model_store import DocumentVersion, ReadModelStore
from tests.integration.catalog.stores import CATALOG_REDIS_URL
from tests.support.redis_cluster import SHARED

pytestmark = pytest.mark.integration

ENTITY = "doc"
T = TypeVar("T")
LEASE_MS = 60_000


@dataclass
class Fill:
    token: str
    version: DocumentVersion
    loaded: int | None = None


class CoherenceMachine(RuleBasedStateMachine):
    make_store: Callable[[], Coroutine[Any, Any, tuple[ReadModelStore, Callable[[], Coroutine[Any, Any, None]]]]]

    fills = Bundle("fills")

    def __init__(self) -> None:
        super().__init__()
        self.runner = asyncio.Runner()
        self.store, self.close = self.runner.run(type(self).make_store())
        self.family = f"coherence-{uuid.uuid4().hex}"  # fresh keys and event ids per example
        self.source = 0
        self.pending: list[tuple[str, int]] = []  # (event id, the source version it announces)
        self.delivered: list[str] = []
        self.floor = 0  # the newest source version whose invalidation was delivered
        self.tokens = itertools.count()
        self.events = itertools.count()

    def run(self, coroutine: Coroutine[Any, Any, T]) -> T:
        return self.runner.run(coroutine)

    @rule()
    def change_source(self) -> None:
        self.source += 1
        self.pending.append((f"{self.family}-{next(self.events)}", self.source))

    @precondition(lambda self: bool(self.pending))
    @rule(index=st.integers(min_value=0), redeliver=st.booleans())
    def deliver(self, index: int, redeliver: bool) -> None:
        event, version = self.pending.pop(index % len(self.pending))
        first_time = event not in self.delivered
        assert self.run(self.store.invalidate(self.family, ENTITY, once_for=event)) is first_time
        self.floor = max(self.floor, version)
        if first_time:
            self.delivered.append(event)
        if redeliver:
            self.pending.append((event, version))  # at-least-once: it may come again, and must change nothing

    @precondition(lambda self: bool(self.delivered))
    @rule(index=st.integers(min_value=0))
    def redeliver_old(self, index: int) -> None:
        before = self.run(self.store.read(self.family, ENTITY))
        event = self.delivered[index % len(self.delivered)]
        assert not self.run(self.store.invalidate(self.family, ENTITY, once_for=event))
        assert self.run(self.store.read(self.family, ENTITY)) == before

    @rule()
    def resync(self) -> None:
        self.run(self.store.invalidate_family(self.family))
        self.floor = self.source  # a resync stands for "everything may have changed up to now"
        self.pending.clear()

    @rule(target=fills)
    def begin_fill(self) -> Fill | None:
        token = f"t{next(self.tokens)}"
        version = self.run(self.store.read(self.family, ENTITY)).version
        if not self.run(self.store.acquire_lease(self.family, ENTITY, version, token, LEASE_MS)):
            return None
        return Fill(token, version)

    @rule(fill=fills)
    def load(self, fill: Fill | None) -> None:
        if fill is not None and fill.loaded is None:
            fill.loaded = self.source

    @rule(fill=consumes(fills))
    def finish(self, fill: Fill | None) -> None:
        if fill is None or fill.loaded is None:
            return
        stored = self.run(
            self.store.fill(self.family, ENTITY, fill.version, fill.token, str(fill.loaded).encode(), 600)
        )
        if stored:
            assert fill.loaded >= self.floor

    @rule(fill=consumes(fills))
    def give_up(self, fill: Fill | None) -> None:
        if fill is not None:
            self.run(self.store.release_lease(self.family, ENTITY, fill.token))

    @invariant()
    def never_older_than_the_last_invalidation(self) -> None:
        value = self.run(self.store.read(self.family, ENTITY)).value
        if value is not None:
            assert int(value) >= self.floor
            if not self.pending:
                assert int(value) == self.source

    def teardown(self) -> None:
        self.run(self.close())
        self.runner.close()


async def _redis_store() -> tuple[ReadModelStore, Callable[[], Coroutine[Any, Any, None]]]:
    redis = Redis.from_url(CATALOG_REDIS_URL)
    return RedisReadModelStore(redis), redis.aclose


async def _cluster_store() -> tuple[ReadModelStore, Callable[[], Coroutine[Any, Any, None]]]:
    redis = await ready(create_redis(RedisConfig(url=SHARED.servers().url, cluster=True, socket_timeout_seconds=2)))
    return RedisReadModelStore(redis), redis.aclose


async def _twin_store() -> tuple[ReadModelStore, Callable[[], Coroutine[Any, Any, None]]]:
    async def nothing() -> None:
        return None

    return InMemoryReadModelStore(), nothing


RUN = settings(
    max_examples=40, stateful_step_count=30, deadline=None, database=None, suppress_health_check=list(HealthCheck)
)


class RedisCoherence(CoherenceMachine):
    make_store = staticmethod(_redis_store)


class ClusterCoherence(CoherenceMachine):
    make_store = staticmethod(_cluster_store)


class TwinCoherence(CoherenceMachine):
    make_store = staticmethod(_twin_store)


test_redis_store_never_serves_data_older_than_the_last_invalidation = RedisCoherence.TestCase
test_redis_store_never_serves_data_older_than_the_last_invalidation.settings = RUN
test_cluster_store_never_serves_data_older_than_the_last_invalidation = ClusterCoherence.TestCase
test_cluster_store_never_serves_data_older_than_the_last_invalidation.settings = RUN
test_twin_store_never_serves_data_older_than_the_last_invalidation = TwinCoherence.TestCase
test_twin_store_never_serves_data_older_than_the_last_invalidation.settings = RUN
