"""Cancellations with a step due (their cut-off reached, a SIM line's last day come, a job lost to a killed worker
or to the queue being down when it was asked for) are queued again."""

from __future__ import annotations

from datetime import timedelta
from typing import ClassVar

from application.cancellations.policy import CancellationPolicy
from application.errors import STORE_OUTAGE, Raises
from application.ports.cancellation_queue import CancellationQueue
from application.ports.cancellation_records import CancellationRecords
from application.ports.clock import Clock


class SweepCancellations:
    raises: ClassVar[Raises] = STORE_OUTAGE

    def __init__(
        self, records: CancellationRecords, queue: CancellationQueue, clock: Clock, policy: CancellationPolicy
    ) -> None:
        self._records = records
        self._queue = queue
        self._clock = clock
        self._policy = policy

    async def execute(self) -> int:
        now = self._clock.now()
        idle_since = now - timedelta(seconds=self._policy.idle_after_seconds)
        queued = 0
        for cancellation_id in await self._records.due(now=now, idle_since=idle_since):
            if await self._queue.enqueue(cancellation_id):
                queued += 1
        return queued
