"""WHMCS: AddOrder then AcceptOrder, without ever making a second order for one CRM order.

AddOrder has no idempotency key. Before sending it we record the client's newest WHMCS order id (the baseline)
and that we are about to send; a run that finds that mark looks for an order newer than the baseline holding
exactly our products before it sends anything again (the adapter does the same within one call).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Coroutine
from datetime import datetime
from typing import Any

from application.errors import ConflictError, InvalidInputError, NotFoundError
from application.orders.fulfilment.outcome import StepFailedError
from application.ports.billing.orders import BillingCycle, BillingOrders, PlacedOrder
from application.ports.billing.orders import NewOrder as BillingOrderRequest
from application.ports.billing.orders import NewOrderItem as BillingItem
from application.ports.billing.payment_methods import PaymentMethods
from application.ports.billing.services import BillingServices
from application.ports.order_desk import Order
from domain.orders.fulfilment import Fulfilment, Step
from domain.orders.fulfilment_errors import FulfilmentErrorCode as Code

CYCLES: dict[str, BillingCycle] = {"monthly": "monthly", "onetime": "onetime", "one time": "onetime"}
RECONCILE_WINDOW = 10  # our order is among the client's newest few: fulfilment runs one at a time per account
Save = Callable[[], Coroutine[Any, Any, None]]


def billing_items(order: Order) -> tuple[BillingItem, ...]:
    items: list[BillingItem] = []
    for item in order.items:
        if item.whmcs_product_id is None:
            raise StepFailedError(Code.PRODUCT_NOT_MAPPED, f"{item.sku or item.product_id} has no WHMCS product id.")
        cycle = CYCLES.get((item.billing_cycle or "monthly").casefold(), "monthly")
        items += [BillingItem(product_id=item.whmcs_product_id, billing_cycle=cycle)] * max(item.quantity, 1)
    return tuple(items)


def services_by_item(order: Order, service_ids: tuple[int, ...]) -> dict[str, list[int]]:
    """WHMCS returns one service per unit, in item order."""
    mapping: dict[str, list[int]] = {}
    remaining = list(service_ids)
    for item in order.items:
        taken, remaining = remaining[: max(item.quantity, 1)], remaining[max(item.quantity, 1) :]
        mapping[item.id] = taken
    return mapping


class BillingSteps:
    def __init__(self, orders: BillingOrders, methods: PaymentMethods, services: BillingServices) -> None:
        self._orders = orders
        self._methods = methods
        self._services = services

    async def place(self, order: Order, record: Fulfilment, client_id: int, save: Save, now: datetime) -> None:
        items = billing_items(order)
        methods = await self._methods.list_pay_methods(client_id)  # re-checked: it may be gone since checkout
        if not methods:
            raise StepFailedError(Code.PAYMENT_METHOD_MISSING, "The customer has no payment method in WHMCS.")
        record.complete(Step.PAYMENT_CHECKED, now)
        placed = (
            await self._reconcile(client_id, record.billing_baseline or 0, items) if record.billing_attempted else None
        )
        if placed is None:
            newest = await self._orders.list_orders(client_id, limit=1)
            record.billing_baseline = newest[0].id if newest else 0
            record.billing_attempted = True
            await save()  # the recovery point before a call that must never be repeated blindly
            request = BillingOrderRequest(client_id=client_id, payment_method=methods[0].gateway, items=items)
            try:
                placed = await self._orders.add_order(request)
            except InvalidInputError as refused:
                raise StepFailedError(Code.BILLING_ORDER_REJECTED, refused.message) from refused
        record.whmcs_order_id, record.whmcs_invoice_id = placed.order_id, placed.invoice_id
        record.item_services = services_by_item(order, placed.service_ids)

    async def accept(self, record: Fulfilment) -> None:
        assert record.whmcs_order_id is not None
        try:
            await self._orders.accept_order(record.whmcs_order_id)
        except (ConflictError, NotFoundError):
            # Accepted already (an answer lost on the way back), or cancelled by staff: WHMCS knows which.
            status = (await self._orders.get_order(record.whmcs_order_id)).status
            if status != "Active":
                raise StepFailedError(
                    Code.BILLING_ORDER_NOT_PENDING, f"WHMCS order {record.whmcs_order_id} is {status}."
                ) from None

    async def _reconcile(self, client_id: int, baseline: int, items: tuple[BillingItem, ...]) -> PlacedOrder | None:
        candidates = [o for o in await self._orders.list_orders(client_id, limit=RECONCILE_WINDOW) if o.id > baseline]
        if not candidates:
            return None
        services = await self._services.list_services(client_id)
        wanted = Counter(item.product_id for item in items)
        for candidate in sorted(candidates, key=lambda o: o.id):
            mine = sorted((s for s in services if s.order_id == candidate.id), key=lambda s: s.id)
            if Counter(s.product_id for s in mine) == wanted:
                return PlacedOrder(
                    order_id=candidate.id, invoice_id=candidate.invoice_id, service_ids=tuple(s.id for s in mine)
                )
        return None
