"""In-memory twin of `OrderDesk`: the same integrity rules the CRM enforces on orders and their items."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import msgspec

from adapters.memory.crm_data import InMemoryCrmData, StoredOrder, to_18
from application.errors import InvalidInputError, NotFoundError
from application.ports.order_desk import (
    INITIAL_ORDER_STATUS,
    ActivationUpdate,
    NewOrder,
    NewOrderItem,
    Order,
    OrderItem,
)

MAX_ITEMS = 24
_UPDATES = {
    "activation_status": "activation_status",
    "error_code": "activation_error_code",
    "error_message": "activation_error_message",
    "whmcs_order_id": "whmcs_order_id",
    "status": "status",
}


class InMemoryOrderDesk:
    def __init__(self, data: InMemoryCrmData) -> None:
        self._data = data

    async def create_order(self, order: NewOrder) -> Order:
        data = self._data
        data.check_failure()
        if not order.items:
            raise InvalidInputError("An order needs at least one item.")
        if len(order.items) > MAX_ITEMS:
            raise InvalidInputError(f"An order can hold at most {MAX_ITEMS} items.")
        account_id = to_18(order.account_id)
        for stored in data.orders.values():
            if stored.key == order.key:
                return stored.order
        if account_id not in data.accounts:
            raise InvalidInputError("invalid cross reference id")
        order_id = data.new_id("801")
        items = tuple(self._item(item) for item in order.items)
        now = data.clock.now()
        created = Order(
            id=order_id, order_number=data.next_order_number(), account_id=account_id, status=INITIAL_ORDER_STATUS,
            order_type=order.order_type, effective_date=order.effective_date,
            total_amount=sum((i.total_price for i in items), start=Decimal(0)),
            activation_type=order.activation_type, activation_scheduled_at=order.activation_scheduled_at,
            activation_status=None, activation_error_code=None, activation_error_message=None,
            whmcs_order_id=None, opportunity_id=order.opportunity_id, created_at=now, last_modified_at=now, items=items,
            options=order.options, billing_address=order.billing_address, key=order.key,
        )  # fmt: skip
        data.orders[order_id] = StoredOrder(created, order.key)
        return created

    def _item(self, item: NewOrderItem) -> OrderItem:
        entry = self._data.entries.get(to_18(item.entry_id)) if len(item.entry_id) in (15, 18) else None
        if entry is None:
            raise InvalidInputError("invalid cross reference id")
        if entry.pricebook_id != self._data.portal_pricebook_id:
            raise InvalidInputError(
                "Order Products must have a Price Book Entry that belongs to the Price Book related to the parent "
                "Order.",
                fields={"PricebookEntryId": "not in the order's price book"},
            )
        if not entry.entry_active:
            raise InvalidInputError(
                "field integrity exception: PricebookEntryId (pricebook entry is inactive)",
                fields={"PricebookEntryId": "inactive"},
            )
        unit_price, quantity = item.unit_price, item.quantity
        return OrderItem(
            id=self._data.new_id("802"), entry_id=entry.entry_id, product_id=entry.product_id, sku=entry.sku,
            product_name=entry.name, whmcs_product_id=entry.whmcs_product_id, quantity=quantity,
            unit_price=unit_price, total_price=unit_price * quantity, billing_cycle=item.billing_cycle,
            whmcs_service_id=None,
        )  # fmt: skip

    async def get_order(self, order_id: str, *, account_id: str | None = None) -> Order:
        self._data.check_failure()
        stored = self._data.orders.get(to_18(order_id))
        if stored is None or (account_id is not None and stored.order.account_id != to_18(account_id)):
            raise NotFoundError("Order not found.")
        return stored.order

    async def list_orders(self, account_id: str) -> tuple[Order, ...]:
        self._data.check_failure()
        account = to_18(account_id)
        mine = [s.order for s in self._data.orders.values() if s.order.account_id == account]
        return tuple(sorted(mine, key=lambda o: (o.created_at, o.order_number), reverse=True))

    async def update_activation(self, order_id: str, update: ActivationUpdate) -> None:
        stored = self._stored(order_id)
        changes = {
            attribute: getattr(update, name)
            for name, attribute in _UPDATES.items()
            if getattr(update, name) is not msgspec.UNSET
        }
        if changes:
            changes["last_modified_at"] = self._data.clock.now()
            stored.order = msgspec.structs.replace(stored.order, **changes)

    async def update_item_service(self, item_id: str, whmcs_service_id: str) -> None:
        self._data.check_failure()
        wanted = to_18(item_id)
        for stored in self._data.orders.values():
            items = stored.order.items
            if any(i.id == wanted for i in items):
                updated = tuple(
                    msgspec.structs.replace(i, whmcs_service_id=whmcs_service_id) if i.id == wanted else i
                    for i in items
                )
                stored.order = msgspec.structs.replace(stored.order, items=updated)
                return
        raise NotFoundError("Order item not found.")

    async def locate(self, record_id: str) -> str | None:
        self._data.check_failure()
        try:
            wanted = to_18(record_id)
        except NotFoundError:
            return None
        for stored in self._data.orders.values():
            if stored.order.id == wanted or any(i.id == wanted for i in stored.order.items):
                return stored.order.account_id
        return None

    async def find_awaiting_fulfilment(self, statuses: Sequence[str], *, limit: int = 200) -> tuple[str, ...]:
        self._data.check_failure()
        waiting = [
            s.order
            for s in self._data.orders.values()
            if s.order.activation_status == "Activating" and s.order.status in statuses and not s.order.whmcs_order_id
        ]
        waiting.sort(key=lambda o: o.last_modified_at)
        return tuple(o.id for o in waiting[:limit])

    def _stored(self, order_id: str) -> StoredOrder:
        self._data.check_failure()
        stored = self._data.orders.get(to_18(order_id))
        if stored is None:
            raise NotFoundError("Order not found.")
        return stored
