"""In-memory `FulfilmentQueue`: the jobs waiting, one per order, for tests to run as the worker would."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class QueuedFulfilment:
    order_id: str
    account_id: str
    delay_seconds: float


class InMemoryFulfilmentQueue:
    def __init__(self) -> None:
        self.waiting: dict[str, QueuedFulfilment] = {}
        self.sweeps_requested = 0

    async def enqueue(self, order_id: str, *, account_id: str, delay_seconds: float = 0) -> bool:
        if order_id in self.waiting:
            return False
        self.waiting[order_id] = QueuedFulfilment(order_id, account_id, delay_seconds)
        return True

    async def enqueue_sweep(self) -> None:
        self.sweeps_requested += 1

    def take(self) -> list[QueuedFulfilment]:
        """Every waiting job, now leaving the queue (as a worker picks them up)."""
        jobs = list(self.waiting.values())
        self.waiting.clear()
        return jobs
