"""Whether an order asks for fulfilment now, and if so its one durable job."""

from __future__ import annotations

import logging

from application.errors import NotFoundError
from application.orders.fulfilment.policy import FulfilmentPolicy
from application.ports.fulfilment_queue import FulfilmentQueue
from application.ports.order_desk import Order, OrderDesk
from domain.orders.activation import awaits_fulfilment

log = logging.getLogger(__name__)


class FulfilmentTrigger:
    def __init__(self, orders: OrderDesk, queue: FulfilmentQueue, policy: FulfilmentPolicy) -> None:
        self._orders = orders
        self._queue = queue
        self._policy = policy

    @property
    def statuses(self) -> tuple[str, ...]:
        return self._policy.trigger_statuses

    async def consider(self, order_id: str) -> bool:
        """Queue the order's fulfilment if its current state asks for it; whether a job was queued."""
        try:
            order = await self._orders.get_order(order_id)
        except NotFoundError:
            return False
        return await self.consider_order(order)

    async def consider_order(self, order: Order) -> bool:
        """The same, for an order just read (it must be read after the event that prompted it)."""
        # Read now rather than taken from the event: a duplicated or out-of-order event sees today's order.
        if not awaits_fulfilment(
            status=order.status,
            activation_status=order.activation_status,
            whmcs_order_id=order.whmcs_order_id,
            trigger_statuses=self._policy.trigger_statuses,
        ):
            return False
        queued = await self._queue.enqueue(order.id, account_id=order.account_id)
        log.info("fulfilment_requested", extra={"order_id": order.id, "queued": queued})
        return queued
