"""The twin's billing orders (priced the way WHMCS prices them, invoiced unless told not to) and acceptance."""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal

from adapters.memory import billing_views as views
from adapters.memory.billing_invoicing import invoice_line, open_invoice
from adapters.memory.billing_tables import TwinOrder, TwinService
from adapters.memory.billing_views import CENT
from adapters.memory.billing_world import BillingTwinWorld, operation
from application.errors import ConflictError, InvalidInputError, NotFoundError
from application.ports.billing.orders import BillingOrder, NewOrder, PlacedOrder
from application.ports.billing.products import CatalogProduct

CYCLE_NAMES = {"free": "Free Account", "onetime": "One Time", "monthly": "Monthly", "quarterly": "Quarterly"}
CYCLE_NAMES |= {"semiannually": "Semi-Annually", "annually": "Annually"}
_RECURRING = ("monthly", "quarterly", "semiannually", "annually")


def _price(product: CatalogProduct, wanted: str) -> tuple[str, Decimal, Decimal]:
    if product.pay_type == "free":
        return "free", Decimal("0.00"), Decimal("0.00")
    if product.pay_type == "onetime":
        return "onetime", product.prices["onetime"], product.setup_fees.get("onetime", Decimal("0.00"))
    enabled = [c for c in _RECURRING if c in product.prices]
    cycle = wanted if wanted in enabled else enabled[0]
    return cycle, product.prices[cycle], product.setup_fees.get(cycle, Decimal("0.00"))


@dataclass
class TwinOrders:
    world: BillingTwinWorld

    @operation
    async def add_order(self, order: NewOrder) -> PlacedOrder:
        client = self.world.client(order.client_id, "Client ID Not Found")
        if client.values["status"] == "Closed":
            raise InvalidInputError("Unable to add order when client status is Closed")
        modules = [g.module for g in self.world.gateways]
        if order.payment_method not in modules:
            raise InvalidInputError(f"Invalid Payment Method. Valid options include {','.join(modules)}")
        items = [(item, self.world.products.get(item.product_id)) for item in order.items]
        if not any(product for _, product in items):
            raise InvalidInputError("No items added to cart so order cannot proceed")
        now = self.world.local_now()
        placed = TwinOrder(
            id=self.world.next_id("order"),
            number=str(random.randint(10**9, 10**10 - 1)),  # noqa: S311 - a display number, not a secret
            client_id=client.id,
            placed_at=now,
            status="Pending",
            payment_method=order.payment_method,
            amount=Decimal("0.00"),
            invoice_id=None,
            service_ids=[],
        )
        lines = []
        for item, product in items:
            if product is None:
                continue
            cycle, price, setup = _price(product, item.billing_cycle)
            one_off = cycle in ("onetime", "free")
            allowed = {f.id for f in product.custom_fields}
            service = TwinService(
                id=self.world.next_id("service"),
                client_id=client.id,
                order_id=placed.id,
                product_id=product.id,
                status="Pending",
                billing_cycle=CYCLE_NAMES[cycle],
                first_payment=(price + setup).quantize(CENT),
                recurring=Decimal("0.00") if one_off else price,
                registration_date=now.date(),
                next_due_date=None if one_off else now.date(),
                payment_method=order.payment_method,
                custom_fields={k: v for k, v in item.custom_fields.items() if k in allowed},
            )
            self.world.services[service.id] = service
            placed.service_ids.append(service.id)
            placed.amount += service.first_payment
            description = f"{self.world.product_groups[product.id]} - {product.name}"
            lines.append(
                invoice_line(self.world, "Hosting", service.id, description, service.first_payment, taxed=True)
            )
        if not order.no_invoice:
            placed.invoice_id = open_invoice(self.world, client.id, lines, order.payment_method, now.date()).id
        self.world.orders[placed.id] = placed
        return PlacedOrder(order_id=placed.id, invoice_id=placed.invoice_id, service_ids=tuple(placed.service_ids))

    @operation
    async def accept_order(self, order_id: int) -> None:
        order = self.world.orders.get(order_id)
        if order is None:
            raise NotFoundError("Order ID Not Found")
        if order.status != "Pending":
            raise ConflictError(f"Order {order_id} is {order.status}, not Pending.")
        order.status = "Active"
        for service_id in order.service_ids:
            service = self.world.services[service_id]
            if service.status == "Pending":
                service.status = "Active"

    @operation
    async def get_order(self, order_id: int) -> BillingOrder:
        order = self.world.orders.get(order_id)
        if order is None:
            raise NotFoundError("Order ID Not Found")
        return views.order(self.world, order)

    @operation
    async def list_orders(self, client_id: int, *, limit: int = 25) -> tuple[BillingOrder, ...]:
        mine = sorted((o for o in self.world.orders.values() if o.client_id == client_id), key=lambda o: -o.id)
        return tuple(views.order(self.world, o) for o in mine[: limit or 25])
