"""The twin's orders, acceptance, service fields, invoices and payments, priced the way WHMCS prices them."""

from __future__ import annotations

import random
import secrets
from collections.abc import Mapping
from decimal import Decimal

from adapters.memory.billing_twin_base import CENT, TwinBase
from adapters.memory.billing_world import TwinInvoice, TwinOrder, TwinService
from application.errors import ConflictError, InvalidInputError, NotFoundError
from application.ports.billing_models import (
    BillingOrder,
    CatalogProduct,
    InvoiceLine,
    InvoiceTransaction,
    NewInvoice,
    NewOrder,
    PlacedOrder,
)

CYCLE_NAMES = {"free": "Free Account", "onetime": "One Time", "monthly": "Monthly", "quarterly": "Quarterly"}
CYCLE_NAMES |= {"semiannually": "Semi-Annually", "annually": "Annually"}
_RECURRING = ("monthly", "quarterly", "semiannually", "annually")
_CARDS = ("CreditCard", "RemoteCreditCard")


def _price(product: CatalogProduct, wanted: str) -> tuple[str, Decimal, Decimal]:
    if product.pay_type == "free":
        return "free", Decimal("0.00"), Decimal("0.00")
    if product.pay_type == "onetime":
        return "onetime", product.prices["onetime"], product.setup_fees.get("onetime", Decimal("0.00"))
    enabled = [c for c in _RECURRING if c in product.prices]
    cycle = wanted if wanted in enabled else enabled[0]
    return cycle, product.prices[cycle], product.setup_fees.get(cycle, Decimal("0.00"))


class TwinOrderCalls(TwinBase):
    async def add_order(self, order: NewOrder) -> PlacedOrder:
        fault = self._enter("add_order")
        client = self.client(order.client_id, "Client ID Not Found")
        if client.values["status"] == "Closed":
            raise InvalidInputError("Unable to add order when client status is Closed")
        modules = [g.module for g in self.world.gateways]
        if order.payment_method not in modules:
            raise InvalidInputError(f"Invalid Payment Method. Valid options include {','.join(modules)}")
        items = [(item, self.world.products.get(item.product_id)) for item in order.items]
        if not any(product for _, product in items):
            raise InvalidInputError("No items added to cart so order cannot proceed")
        now = self.local_now()
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
            lines.append(self._line("Hosting", service.id, description, service.first_payment, taxed=True))
        if not order.no_invoice:
            placed.invoice_id = self._new_invoice(client.id, lines, order.payment_method, now.date()).id
        self.world.orders[placed.id] = placed
        result = PlacedOrder(order_id=placed.id, invoice_id=placed.invoice_id, service_ids=tuple(placed.service_ids))
        return self._leave("add_order", fault, result)

    def _line(self, kind: str, related: int | None, description: str, amount: Decimal, *, taxed: bool) -> InvoiceLine:
        return InvoiceLine(
            id=self.world.next_id("invoiceitem"),
            type=kind,
            related_id=related,
            description=description,
            amount=amount.quantize(CENT),
            taxed=taxed,
        )

    def _new_invoice(self, client_id: int, lines: list[InvoiceLine], method: str, due: object) -> TwinInvoice:
        today = self.today()
        invoice = TwinInvoice(
            id=self.world.next_id("invoice"),
            client_id=client_id,
            status="Unpaid",
            date=today,
            due_date=due if isinstance(due, type(today)) else today,
            paid_at=None,
            tax_rate=Decimal("10.000"),
            credit=Decimal("0.00"),
            payment_method=method,
            notes="",
            lines=lines,
        )
        self.world.invoices[invoice.id] = invoice
        return invoice

    async def accept_order(self, order_id: int) -> None:
        fault = self._enter("accept_order")
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
        self._leave("accept_order", fault, None)

    async def get_order(self, order_id: int) -> BillingOrder:
        fault = self._enter("get_order")
        order = self.world.orders.get(order_id)
        if order is None:
            raise NotFoundError("Order ID Not Found")
        return self._leave("get_order", fault, self.order_dto(order))

    async def list_orders(self, client_id: int, *, limit: int = 25) -> tuple[BillingOrder, ...]:
        fault = self._enter("list_orders")
        mine = sorted((o for o in self.world.orders.values() if o.client_id == client_id), key=lambda o: -o.id)
        return self._leave("list_orders", fault, tuple(self.order_dto(o) for o in mine[: limit or 25]))

    async def update_service_custom_fields(self, service_id: int, values: Mapping[int, str]) -> None:
        fault = self._enter("update_service_custom_fields")
        service = self.world.services.get(service_id)
        if service is None:
            raise NotFoundError("Service ID Not Found")
        allowed = {f.id for f in self.world.products[service.product_id].custom_fields}
        service.custom_fields.update({k: v for k, v in values.items() if k in allowed})
        self._leave("update_service_custom_fields", fault, None)

    async def create_invoice(self, invoice: NewInvoice) -> int:
        fault = self._enter("create_invoice")
        client = self.client(invoice.client_id, "Client ID Not Found")
        lines = [self._line("", None, line.description, line.amount, taxed=line.taxed) for line in invoice.lines]
        method = invoice.payment_method or next((g.module for g in self.world.gateways), "")
        created = self._new_invoice(client.id, lines, method, invoice.due_date)
        return self._leave("create_invoice", fault, created.id)

    async def capture_payment(self, invoice_id: int) -> None:
        fault = self._enter("capture_payment")
        invoice = self.world.invoices.get(invoice_id)
        if invoice is None:
            raise NotFoundError("Invoice ID Not Found")
        if invoice.status != "Unpaid":
            raise ConflictError(f"Invoice {invoice_id} is {invoice.status}, not Unpaid.")
        card = next(
            (m for owner, m in self.world.pay_methods.values() if owner == invoice.client_id and m.type in _CARDS), None
        )
        if card is None:
            raise InvalidInputError("Payment Attempt Failed")
        due = self.invoice_dto(invoice).balance
        now = self.local_now()
        invoice.transactions.append(
            InvoiceTransaction(
                id=self.world.next_id("transaction"),
                gateway=card.gateway,
                date=now,
                description=f"Invoice Payment (#{invoice.id})",
                amount_in=due,
                fees=Decimal("0.00"),
                amount_out=Decimal("0.00"),
                transaction_id=f"ch_{secrets.token_hex(12)}",
            )
        )
        invoice.status, invoice.paid_at = "Paid", now
        self._leave("capture_payment", fault, None)
