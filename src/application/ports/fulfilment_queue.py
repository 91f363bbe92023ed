"""Durable fulfilment jobs (a Postgres-backed queue in production).

At most one job per order waits in the queue: enqueueing an order that already has one waiting does nothing.
Jobs of one account run one at a time. Errors: `UpstreamUnavailableError` when the queue cannot be reached.
"""

from __future__ import annotations

from typing import Protocol


class FulfilmentQueue(Protocol):
    async def enqueue(self, order_id: str, *, account_id: str, delay_seconds: float = 0) -> bool:
        """Queue the order's fulfilment; False when a job for it is already waiting."""
        ...

    async def enqueue_sweep(self) -> None:
        """Ask for a look at every order that may have missed its trigger (after a stream gap, say)."""
        ...
