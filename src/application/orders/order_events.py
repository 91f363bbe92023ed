"""Order and OrderItem change events: the orders read model goes stale, and an approval queues fulfilment.

Registered with the CDC consumer (`portal cdc`) for both channels. A change of an order's status or activation
also tells the customer what it means (approved, active, stopped with a code: `notifications.notices`).
Our own writes (recognised by the client
name in their change origin) never trigger fulfilment; write-backs that touch only fulfilment's bookkeeping
fields are skipped altogether, as their writer already made the read model stale. Every other change is
announced to the account's live streams (`order.updated`, with the order id) once the read model is stale.
"""

from __future__ import annotations

import logging

from application.cdc.channels import ORDER, ORDER_ITEM
from application.errors import NotFoundError
from application.notifications.notices import order_notice
from application.orders.fulfilment.trigger import FulfilmentTrigger
from application.orders.read_model import OrdersReadModel
from application.ports.change_stream import ChangeEvent, ChangeType, ResyncReason, ResyncRequired, StreamMessage
from application.ports.fulfilment_queue import FulfilmentQueue
from application.ports.live_events import LiveFeed
from application.ports.notifications import NotificationRecorder
from application.ports.order_desk import OrderDesk

log = logging.getLogger(__name__)
BOOKKEEPING_FIELDS = frozenset({"WHMCS_Service_ID__c", "LastModifiedDate", "SystemModstamp"})
ORDER_UPDATED = "order.updated"
TRIGGER_FIELDS = frozenset({"Status", "Activation_Status__c", "WHMCS_Order_ID__c"})


class OrderChangeHandler:
    def __init__(
        self,
        orders: OrderDesk,
        read_model: OrdersReadModel,
        trigger: FulfilmentTrigger,
        queue: FulfilmentQueue,
        notifications: NotificationRecorder,
        live: LiveFeed,
        *,
        own_client: str,
    ) -> None:
        self._notifications = notifications
        self._live = live
        self._orders = orders
        self._read_model = read_model
        self._trigger = trigger
        self._queue = queue
        self._own_client = own_client

    @property
    def channels(self) -> tuple[str, ...]:
        return (ORDER, ORDER_ITEM)

    async def handle(self, message: StreamMessage) -> None:
        if isinstance(message, ResyncRequired):
            await self._resync(message)
        elif isinstance(message, ChangeEvent):
            for record_id in message.header.record_ids:
                await self._changed(message, record_id)

    async def _changed(self, event: ChangeEvent, record_id: str) -> None:
        header = event.header
        own = header.origin_client == self._own_client
        if own and set(header.changed_fields) <= BOOKKEEPING_FIELDS and header.change_type is ChangeType.UPDATE:
            return
        account = event.fields.get("AccountId") or await self._orders.locate(record_id)
        if account:
            once_for = f"{header.transaction_key}:{header.sequence_number}:{record_id}"
            await self._read_model.invalidate(str(account), once_for=once_for)
            order_id = record_id if header.entity_name == "Order" else event.fields.get("OrderId")
            if order_id:  # after the read model went stale, so a client that fetches on it sees the change
                await self._live.publish(str(account), ORDER_UPDATED, {"orderId": str(order_id)})
        may_trigger = header.change_type in (ChangeType.CREATE, ChangeType.UNDELETE) or bool(
            TRIGGER_FIELDS & set(header.changed_fields)
        )
        if header.entity_name == "Order" and may_trigger:
            await self._order_changed(record_id, trigger=not own)

    async def _order_changed(self, order_id: str, *, trigger: bool) -> None:
        try:
            order = await self._orders.get_order(order_id)
        except NotFoundError:
            return
        # Our own write-backs (activated, stopped) notify too: the worker may have died before it did.
        notice = order_notice(order, trigger_statuses=self._trigger.statuses)
        if notice is not None:
            await self._notifications.record(notice)
        if trigger:
            await self._trigger.consider_order(order)

    async def _resync(self, signal: ResyncRequired) -> None:
        log.warning("orders_resync", extra={"channel": signal.channel, "reason": signal.reason.value})
        if signal.reason is ResyncReason.GAP and signal.record_ids:
            for record_id in signal.record_ids:
                account = await self._orders.locate(record_id)
                if account:
                    await self._read_model.invalidate(account)
                if signal.entity_name == "Order":
                    await self._trigger.consider(record_id)
            return
        # We cannot know what changed: every account's orders go stale, and the sweep looks for missed triggers.
        await self._read_model.invalidate_all()
        await self._queue.enqueue_sweep()
