"""A read model kept in a `ReadModelStore`, filled on demand with single-flight across every process.

Read: the current version's document if present (a hit). Otherwise one caller per process (in-process
single-flight) tries to take the store's lease for that version; across processes only the lease holder loads
from the system of record, the others poll the store until the document appears. The fill names the version
read *before* loading, so an invalidation that lands while loading voids it (see `ReadModelStore`).

If the store fails, loads go live through the `LiveReadGate` (bounded concurrency) and the system's own
circuit breaker, still single-flighted per process: a Redis outage costs speed, not correctness, and cannot
flood the system of record.
"""

from __future__ import annotations

import asyncio
import contextlib
import secrets
import time
from collections.abc import Awaitable, Callable

import msgspec

from application.ports.read_model_store import DocumentVersion, ReadModelStore, StoreUnavailableError
from application.read_models.live_gate import LiveReadGate
from application.read_models.stats import ReadModelStats
from application.single_flight import SingleFlight

Loader = Callable[[], Awaitable[bytes]]


class Loaded(msgspec.Struct, frozen=True):
    value: bytes
    version: DocumentVersion | None  # the stored version it is; None: read live (store down, or overtaken)


class VersionedReadModel:
    def __init__(
        self,
        store: ReadModelStore,
        family: str,
        *,
        gate: LiveReadGate,
        ttl_seconds: int | None,
        ttl_of: Callable[[bytes], int | None] | None = None,
        lease_ms: int = 15_000,
        wait_seconds: float = 10.0,
        poll_seconds: float = 0.05,
        sleep: Callable[[float], Awaitable[None]] | None = None,
    ) -> None:
        self.family = family
        self.stats = ReadModelStats(family)
        self._store = store
        self._gate = gate
        self._ttl = ttl_seconds
        self._ttl_of = ttl_of  # a freshness window chosen by the document itself (e.g. by its status)
        self._lease_ms = lease_ms
        self._wait = wait_seconds
        self._poll = poll_seconds
        self._sleep = sleep or asyncio.sleep
        self._flights = SingleFlight()

    async def get(self, entity: str, load: Loader) -> Loaded:
        try:
            stored = await self._store.read(self.family, entity)
        except StoreUnavailableError:
            return await self._live(entity, load)
        if stored.value is not None:
            self.stats.hits += 1
            return Loaded(stored.value, stored.version)
        self.stats.misses += 1
        version = stored.version
        return await self._flights.run(f"{entity}@{version.tag}", lambda: self._fill(entity, version, load))

    async def rebuild(self, entity: str, load: Loader) -> Loaded:
        """Fill the current version now if nobody has (the consumer warms what it just invalidated)."""
        return await self.get(entity, load)

    async def _live(self, entity: str, load: Loader) -> Loaded:
        self.stats.store_errors += 1

        async def live() -> Loaded:
            self.stats.live_reads += 1
            return Loaded(await self._gate.run(load), None)

        return await self._flights.run(f"live:{entity}", live)

    async def _fill(self, entity: str, version: DocumentVersion, load: Loader) -> Loaded:
        token = secrets.token_hex(12)
        deadline = time.monotonic() + self._wait
        try:
            while True:
                if await self._store.acquire_lease(self.family, entity, version, token, self._lease_ms):
                    return await self._load_and_store(entity, version, token, load)
                stored = await self._store.read(self.family, entity)
                if stored.value is not None:  # filled meanwhile (here or by another process)
                    self.stats.hits += 1
                    return Loaded(stored.value, stored.version)
                version = stored.version  # an invalidation may have moved it on: compete for the new one
                if time.monotonic() >= deadline:
                    # The lease holder is stuck (or dead and its lease not yet lapsed): serve this caller live.
                    self.stats.live_reads += 1
                    return Loaded(await self._gate.run(load), None)
                await self._sleep(self._poll)
        except StoreUnavailableError:
            return await self._live(entity, load)

    async def _load_and_store(self, entity: str, version: DocumentVersion, token: str, load: Loader) -> Loaded:
        started = time.monotonic()
        try:
            value = await self._gate.run(load)
        except BaseException:
            # Let the next caller (here or in another process) try at once rather than after the lease lapses.
            with contextlib.suppress(StoreUnavailableError):
                await self._store.release_lease(self.family, entity, token)
            raise
        self.stats.last_fill_seconds = time.monotonic() - started
        ttl = self._ttl_of(value) if self._ttl_of is not None else self._ttl
        if await self._store.fill(self.family, entity, version, token, value, ttl):
            self.stats.fills += 1
            return Loaded(value, version)
        self.stats.refused_fills += 1  # invalidated while loading: the value still answers this request
        return Loaded(value, None)
