"""Durable top-up jobs (a Postgres-backed queue in production).

At most one job per top-up waits in the queue, and the jobs of one SIM line run one after another (Freebit takes one
change per line at a time). Errors: `UpstreamUnavailableError` when the queue cannot be reached.
"""

from __future__ import annotations

from typing import Protocol


class TopUpQueue(Protocol):
    async def enqueue(self, top_up_id: str, *, msisdn: str, delay_seconds: float = 0) -> bool:
        """Queue one run of the top-up's saga; False when a job for it is already waiting."""
        ...
