"""An operator's request that a stream channel start over: its leader drops the replay position and resyncs.

The request stays until a leader has carried it out (`done`), so a leader that dies half-way leaves it to the next.
Errors: `UpstreamUnavailableError` when the store cannot answer.
"""

from __future__ import annotations

from typing import Protocol


class ResyncRequests(Protocol):
    async def request(self, channel: str) -> bool:
        """Ask for a reset of `channel`; False when one was already waiting (asking twice is one request)."""
        ...

    async def pending(self, channel: str) -> bool: ...

    async def done(self, channel: str) -> None:
        """The reset was carried out: forget the request."""
        ...
