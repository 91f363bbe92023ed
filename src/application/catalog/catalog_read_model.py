"""The catalog read model: one snapshot in the store, and this process's own copy of it for the hot path.

The public catalog is global and changes rarely, so a request should not pay a Redis round trip: each process
keeps the decoded snapshot with its version and serves it while it is known to be current. `CatalogFreshness`
(a background task) drops the copy the moment the store announces a change, and re-checks the version every
`verify_seconds` in case an announcement was lost; a copy not verified for `max_unverified_seconds` (Redis
gone) is not trusted. Loads that bypassed the store (Redis down) are kept only `degraded_ttl_seconds`, so an
outage means one Salesforce query per process per few seconds, never one per request.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from dataclasses import dataclass

from application.catalog.public_renderer import PublicCatalogRenderer
from application.catalog.snapshot import CatalogSnapshot, build_snapshot, decode_snapshot, encode_snapshot
from application.catalog.windows import DEGRADED_TTL_SECONDS, MAX_UNVERIFIED_SECONDS, SAFETY_TTL_SECONDS
from application.ports.catalog_source import CatalogSource
from application.ports.clock import Clock
from application.ports.read_model_store import DocumentVersion, ReadModelStore
from application.read_models.live_gate import LiveReadGate
from application.read_models.stats import ReadModelStats
from application.read_models.status import StoredDocument
from application.read_models.versioned import Loaded, VersionedReadModel

FAMILY = "catalog"
ENTITY = "portal"


@dataclass(frozen=True)
class _LocalCopy:
    snapshot: CatalogSnapshot
    version: DocumentVersion | None
    loaded_at: float


class CatalogReadModel:
    def __init__(
        self,
        store: ReadModelStore,
        source: CatalogSource,
        renderer: PublicCatalogRenderer,
        gate: LiveReadGate,
        clock: Clock,
        *,
        safety_ttl_seconds: int = SAFETY_TTL_SECONDS,
        max_unverified_seconds: float = MAX_UNVERIFIED_SECONDS,
        degraded_ttl_seconds: float = DEGRADED_TTL_SECONDS,
    ) -> None:
        # A request waiting for another process's fill wakes when the store announces it (see `announced`), not
        # on the next poll: the poll is only the fallback for a lost announcement.
        self._announcement = asyncio.Event()
        self.model = VersionedReadModel(
            store, FAMILY, gate=gate, ttl_seconds=safety_ttl_seconds, sleep=self._until_announced
        )
        self._store = store
        self._source = source
        self._renderer = renderer
        self._clock = clock
        self._max_unverified = max_unverified_seconds
        self._degraded_ttl = degraded_ttl_seconds
        self._local: _LocalCopy | None = None
        self._verified_at = float("-inf")
        self._stats = self.model.stats

    async def current(self) -> CatalogSnapshot:
        local = self._local
        if local is not None and self._trusted(local):
            self._stats.local_hits += 1
            return local.snapshot
        loaded = await self.model.get(ENTITY, self._load)
        return self._keep(loaded, local)

    def verified_copy(self) -> CatalogSnapshot | None:
        """This process's copy if it may be served now (no I/O): the hot path's question."""
        local = self._local
        if local is not None and self._trusted(local):
            self._stats.local_hits += 1
            return local.snapshot
        return None

    async def warm(self) -> CatalogSnapshot:
        """Fill the store's current version if it is empty (the consumer calls this after invalidating)."""
        return self._keep(await self.model.rebuild(ENTITY, self._load), self._local)

    # -- health (`ReportsStatus`) ---------------------------------------------------------------------------

    @property
    def stats(self) -> ReadModelStats:
        return self._stats

    async def stored_document(self) -> StoredDocument:
        stored = await self._store.read(FAMILY, ENTITY)
        if stored.value is None:
            return StoredDocument(present=False, version=stored.version.tag)
        snapshot = decode_snapshot(stored.value)
        return StoredDocument(
            present=True,
            version=stored.version.tag,
            etags=snapshot.etags,
            built_at=snapshot.built_at,
            build_seconds=snapshot.build_seconds,
        )

    # -- freshness (called by CatalogFreshness) ------------------------------------------------------------

    @property
    def local_version(self) -> DocumentVersion | None:
        return self._local.version if self._local is not None else None

    def forget(self) -> None:
        self._local = None

    def announced(self) -> None:
        """The store announced a change of the catalog (an invalidation or a fill): wake whoever waits for one."""
        self._announcement.set()
        self._announcement = asyncio.Event()

    def verified(self, version: DocumentVersion) -> None:
        """The store's current version is `version`: keep our copy only if it is that one."""
        if self._local is not None and self._local.version != version:
            self._local = None
        self._verified_at = time.monotonic()

    # -- internals -----------------------------------------------------------------------------------------

    def _trusted(self, local: _LocalCopy) -> bool:
        now = time.monotonic()
        if local.version is None:
            return now - local.loaded_at <= self._degraded_ttl
        return now - self._verified_at <= self._max_unverified

    def _keep(self, loaded: Loaded, previous: _LocalCopy | None) -> CatalogSnapshot:
        if previous is not None and previous.version is not None and previous.version == loaded.version:
            snapshot = previous.snapshot  # same bytes: skip decoding
        else:
            snapshot = decode_snapshot(loaded.value)
        if loaded.version is not None:
            self._verified_at = time.monotonic()
        self._local = _LocalCopy(snapshot, loaded.version, time.monotonic())
        return snapshot

    async def _until_announced(self, seconds: float) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._announcement.wait(), timeout=seconds)

    async def _load(self) -> bytes:
        started = time.monotonic()
        entries = await self._source.list_portal_entries()
        snapshot = build_snapshot(
            entries, self._renderer, built_at=self._clock.now(), build_seconds=time.monotonic() - started
        )
        return encode_snapshot(snapshot)
