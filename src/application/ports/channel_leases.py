"""Leadership of a stream channel: exactly one consumer process reads each channel, standbys wait their turn."""

from __future__ import annotations

from typing import Protocol


class ChannelLeases(Protocol):
    """Errors: `UpstreamUnavailableError` when the lease store cannot answer (treat as "not leader")."""

    async def acquire(self, channel: str, holder: str, ttl_ms: int) -> bool:
        """Take the channel if nobody holds it (or `holder` already does); the lease lapses after `ttl_ms`."""
        ...

    async def renew(self, channel: str, holder: str, ttl_ms: int) -> bool:
        """Extend our lease; False when it lapsed and may belong to someone else now (stop consuming at once)."""
        ...

    async def release(self, channel: str, holder: str) -> None:
        """Give the channel up (only if we still hold it), so a standby takes over without waiting for the TTL."""
        ...

    async def holder(self, channel: str) -> str | None: ...
