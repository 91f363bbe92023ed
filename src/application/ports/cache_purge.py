from __future__ import annotations

from collections.abc import Collection
from typing import Protocol


class CachePurge(Protocol):
    """An operator's broom for the shared cache (`Cache`): unlike reads and writes, a failed purge is an error."""

    async def purge(self, prefix: str, *, keep: Collection[str] = ()) -> int:
        """Delete every entry whose key starts with `prefix` (but those in `keep`); how many there were. Raises
        `UpstreamUnavailableError` when the cache cannot be reached (nothing is known to be purged then)."""
        ...
