"""In-memory twin of `ReadModelStore`: the same version, lease and once-per-event rules as the Redis scripts.

`fail_with` makes every call raise `StoreUnavailableError` (a Redis outage) until cleared. Lease TTLs follow
the injected clock's `monotonic()`.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass

from adapters.system_clock import SystemClock
from application.ports.clock import Clock
from application.ports.read_model_store import (
    DocumentVersion,
    ReadModelChange,
    StoredDocument,
    StoreUnavailableError,
)


@dataclass
class _Lease:
    tag: str
    token: str
    until: float


class InMemoryReadModelStore:
    def __init__(self, clock: Clock | None = None) -> None:
        self._clock = clock or SystemClock()
        self._epochs: dict[str, int] = {}
        self._generations: dict[tuple[str, str], int] = {}
        self._leases: dict[tuple[str, str], _Lease] = {}
        self._documents: dict[tuple[str, str], tuple[str, bytes]] = {}
        self._applied: set[tuple[str, str, str]] = set()
        self._listeners: set[asyncio.Queue[ReadModelChange]] = set()
        self.fail_with: str | None = None

    def _tag(self, family: str, entity: str) -> str:
        return f"{self._epochs.get(family, 0)}.{self._generations.get((family, entity), 0)}"

    def _check(self) -> None:
        if self.fail_with is not None:
            raise StoreUnavailableError(self.fail_with)

    async def read(self, family: str, entity: str) -> StoredDocument:
        self._check()
        tag = self._tag(family, entity)
        document = self._documents.get((family, entity))
        value = document[1] if document is not None and document[0] == tag else None
        epoch, generation = tag.split(".")
        return StoredDocument(version=DocumentVersion(epoch=int(epoch), generation=int(generation)), value=value)

    async def acquire_lease(self, family: str, entity: str, version: DocumentVersion, token: str, ttl_ms: int) -> bool:
        self._check()
        tag = self._tag(family, entity)
        if tag != version.tag:
            return False
        document = self._documents.get((family, entity))
        if document is not None and document[0] == tag:
            return False
        lease = self._leases.get((family, entity))
        if lease is not None and lease.tag == tag and lease.until > self._clock.monotonic():
            return False
        self._leases[(family, entity)] = _Lease(tag, token, self._clock.monotonic() + ttl_ms / 1000)
        return True

    async def fill(
        self, family: str, entity: str, version: DocumentVersion, token: str, value: bytes, ttl_seconds: int | None
    ) -> bool:
        self._check()
        lease = self._leases.get((family, entity))
        holds = lease is not None and (lease.tag, lease.token) == (version.tag, token)
        holds = holds and lease is not None and lease.until > self._clock.monotonic()
        if holds:
            del self._leases[(family, entity)]
        tag = self._tag(family, entity)
        if tag != version.tag or not holds:
            return False
        self._documents[(family, entity)] = (tag, value)
        self._announce(ReadModelChange(family=family, entity=entity, version=tag))
        return True

    async def release_lease(self, family: str, entity: str, token: str) -> None:
        self._check()
        lease = self._leases.get((family, entity))
        if lease is not None and lease.token == token:
            del self._leases[(family, entity)]

    async def invalidate(self, family: str, entity: str, *, once_for: str | None = None) -> bool:
        self._check()
        if once_for is not None:
            if (family, entity, once_for) in self._applied:
                return False
            self._applied.add((family, entity, once_for))
        self._generations[(family, entity)] = self._generations.get((family, entity), 0) + 1
        self._leases.pop((family, entity), None)
        self._documents.pop((family, entity), None)
        self._announce(ReadModelChange(family=family, entity=entity, version=self._tag(family, entity)))
        return True

    async def invalidate_family(self, family: str) -> None:
        self._check()
        self._epochs[family] = self._epochs.get(family, 0) + 1
        self._announce(ReadModelChange(family=family, entity=None, version=str(self._epochs[family])))

    async def changes(self) -> AsyncIterator[ReadModelChange]:
        self._check()
        queue: asyncio.Queue[ReadModelChange] = asyncio.Queue()
        self._listeners.add(queue)
        try:
            while True:
                yield await queue.get()
        finally:
            self._listeners.discard(queue)

    def _announce(self, change: ReadModelChange) -> None:
        for queue in self._listeners:
            queue.put_nowait(change)
