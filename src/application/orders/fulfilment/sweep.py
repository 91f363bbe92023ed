"""The worker's safety net: orders whose trigger event was missed, and fulfilments whose job was lost."""

from __future__ import annotations

from datetime import timedelta

from application.orders.fulfilment.policy import FulfilmentPolicy
from application.orders.fulfilment.trigger import FulfilmentTrigger
from application.ports.clock import Clock
from application.ports.fulfilment_records import FulfilmentRecords
from application.ports.order_desk import OrderDesk


class SweepFulfilments:
    def __init__(
        self,
        orders: OrderDesk,
        records: FulfilmentRecords,
        trigger: FulfilmentTrigger,
        clock: Clock,
        policy: FulfilmentPolicy,
    ) -> None:
        self._orders = orders
        self._records = records
        self._trigger = trigger
        self._clock = clock
        self._policy = policy

    async def execute(self) -> int:
        """How many orders got a job (those that already had one waiting are left as they are)."""
        awaiting = await self._orders.find_awaiting_fulfilment(self._policy.trigger_statuses)
        idle_since = self._clock.now() - timedelta(seconds=self._policy.stalled_after_seconds)
        stalled = await self._records.unfinished(idle_since=idle_since)
        queued = 0
        for order_id in dict.fromkeys((*awaiting, *stalled)):
            queued += await self._trigger.consider(order_id)
        return queued
