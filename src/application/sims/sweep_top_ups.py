"""Top-ups whose job was lost (a worker killed, the queue down when it was accepted) are queued again."""

from __future__ import annotations

from datetime import timedelta
from typing import ClassVar

from application.errors import STORE_OUTAGE, Raises
from application.ports.clock import Clock
from application.ports.top_up_queue import TopUpQueue
from application.ports.top_up_records import TopUpRecords
from application.sims.top_up_policy import TopUpPolicy


class SweepTopUps:
    raises: ClassVar[Raises] = STORE_OUTAGE

    def __init__(self, records: TopUpRecords, queue: TopUpQueue, clock: Clock, policy: TopUpPolicy) -> None:
        self._records = records
        self._queue = queue
        self._clock = clock
        self._policy = policy

    async def execute(self) -> int:
        idle_since = self._clock.now() - timedelta(seconds=self._policy.idle_after_seconds)
        queued = 0
        for top_up_id in await self._records.unfinished(idle_since=idle_since):
            top_up = await self._records.get(top_up_id)
            if top_up is not None and await self._queue.enqueue(top_up.id, msisdn=top_up.msisdn):
                queued += 1
        return queued
