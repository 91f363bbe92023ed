"""Which stream events were already applied, so redeliveries (at-least-once) are not applied twice."""

from __future__ import annotations

from typing import Protocol


class ProcessedEvents(Protocol):
    """Errors: `UpstreamUnavailableError` when the store cannot answer."""

    async def seen(self, key: str) -> bool: ...

    async def mark(self, key: str, ttl_seconds: int) -> None:
        """Remember `key` as applied for `ttl_seconds` (at least the stream's retention)."""
        ...
