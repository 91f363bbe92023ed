"""Where read models live (Redis in production): versioned documents whose fills cannot race invalidations.

A document belongs to a `family` (e.g. "catalog", "eligibility") and an `entity` within it (e.g. "portal", an
account id). Its version is `(epoch, generation)`: invalidating the entity bumps its generation, invalidating the
family bumps the family's epoch. A fill names the version it read before loading from the system of record and
the lease it holds; the store refuses it when either changed meanwhile, so a slow fill that loaded data before an
invalidation can never install it afterwards (the memcache "lease" and the "generation counter" in one).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Protocol

import msgspec

from application.errors import UpstreamUnavailableError


class DocumentVersion(msgspec.Struct, frozen=True, kw_only=True):
    epoch: int
    generation: int

    @property
    def tag(self) -> str:
        return f"{self.epoch}.{self.generation}"


class StoredDocument(msgspec.Struct, frozen=True, kw_only=True):
    version: DocumentVersion  # the current version, present or not
    value: bytes | None  # None: nobody filled the current version yet


class ReadModelChange(msgspec.Struct, frozen=True, kw_only=True):
    family: str
    entity: str | None  # None: the whole family (an epoch bump)
    version: str  # the new version tag (generation or epoch)


class ReadModelStore(Protocol):
    """Errors: `StoreUnavailableError` when the store cannot answer; callers read live then."""

    async def read(self, family: str, entity: str) -> StoredDocument: ...

    async def acquire_lease(self, family: str, entity: str, version: DocumentVersion, token: str, ttl_ms: int) -> bool:
        """Become the one filler of `version` (across every process) until `ttl_ms` passes or the fill lands.

        False when someone else holds it, when `version` is no longer current, or when it is already filled.
        """
        ...

    async def fill(
        self, family: str, entity: str, version: DocumentVersion, token: str, value: bytes, ttl_seconds: int | None
    ) -> bool:
        """Store `value` as `version` if that is still current and `token` still holds the lease; False otherwise."""
        ...

    async def release_lease(self, family: str, entity: str, token: str) -> None:
        """Give up a lease whose load failed (only if `token` still holds it)."""
        ...

    async def invalidate(self, family: str, entity: str, *, once_for: str | None = None) -> bool:
        """Make the entity's document stale (new generation, leases void) and tell every process.

        With `once_for` (an event's identity), a repeated call for the same entity and event changes nothing and
        returns False.
        """
        ...

    async def invalidate_family(self, family: str) -> None:
        """Every entity of the family becomes stale at once (a resync when we cannot know which changed)."""
        ...

    def changes(self) -> AsyncIterator[ReadModelChange]:
        """Invalidations and fills as they happen (best effort: a lost notice is caught by re-reading versions)."""
        ...


class StoreUnavailableError(UpstreamUnavailableError):
    """The read-model store itself failed (not the system of record): read live instead."""

    def __init__(self, message: str = "The read-model store is unavailable.") -> None:
        super().__init__("redis", message)
