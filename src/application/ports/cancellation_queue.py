"""Durable cancellation jobs (a Postgres-backed queue in production).

At most one job per cancellation waits in the queue, and one cancellation's jobs run one after another. Errors:
`UpstreamUnavailableError` when the queue cannot be reached.
"""

from __future__ import annotations

from typing import Protocol


class CancellationQueue(Protocol):
    async def enqueue(self, cancellation_id: str, *, delay_seconds: float = 0) -> bool:
        """Queue one run of the cancellation's saga; False when a job for it is already waiting."""
        ...
