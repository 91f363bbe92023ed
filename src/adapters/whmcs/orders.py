"""Orders (safely under timeouts), acceptance, reconciliation reads, service fields, invoices, payments."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

from adapters.whmcs import mappers
from adapters.whmcs import normalise as n
from adapters.whmcs.base import WhmcsApi
from adapters.whmcs.php_serialize import serialize_fields
from adapters.whmcs.transport import OutcomeUnknownError
from application.errors import ConflictError, NotFoundError
from application.ports.billing_models import BillingOrder, NewInvoice, NewOrder, PlacedOrder


class OrderCalls(WhmcsApi):
    async def add_order(self, order: NewOrder) -> PlacedOrder:
        # The newest order before ours: after an unknown outcome, only later orders can be the one we made.
        before = await self.list_orders(order.client_id, limit=1)
        baseline = before[0].id if before else 0
        try:
            body = await self._write(
                "AddOrder",
                clientid=order.client_id,
                paymentmethod=order.payment_method,
                pid=[item.product_id for item in order.items],
                billingcycle=[item.billing_cycle for item in order.items],
                customfields=[
                    serialize_fields(item.custom_fields) if item.custom_fields else "" for item in order.items
                ],
                noinvoice=order.no_invoice,
                noemail=not order.send_email,
                promocode=order.promo_code,
            )
        except OutcomeUnknownError:
            found = await self._find_placed(order, baseline)
            if found is None:
                raise
            return found
        return PlacedOrder(
            order_id=n.to_int(body["orderid"]),
            invoice_id=n.to_optional_int(body.get("invoiceid")),
            service_ids=n.csv_ids(body.get("serviceids") or body.get("productids")),
        )

    async def _find_placed(self, order: NewOrder, baseline: int) -> PlacedOrder | None:
        """An order newer than `baseline` for the same client with exactly our products, if WHMCS made one."""
        candidates = [o for o in await self.list_orders(order.client_id, limit=10) if o.id > baseline]
        if not candidates:
            return None
        services = await self._read("GetClientsProducts", clientid=order.client_id)
        wanted = Counter(item.product_id for item in order.items)
        for candidate in sorted(candidates, key=lambda o: o.id):
            mine = [
                s
                for s in n.items(services.get("products"), "product")
                if n.to_int(s.get("orderid") or 0) == candidate.id
            ]
            if Counter(n.to_int(s["pid"]) for s in mine) == wanted:
                ids = tuple(sorted(n.to_int(s["id"]) for s in mine))
                return PlacedOrder(order_id=candidate.id, invoice_id=candidate.invoice_id, service_ids=ids)
        return None

    async def accept_order(self, order_id: int) -> None:
        try:
            await self._write("AcceptOrder", orderid=order_id, autosetup=False, sendemail=False)
        except NotFoundError:
            # "Order ID not found or Status not Pending": tell the two apart.
            existing = await self.get_order(order_id)
            raise ConflictError(f"Order {order_id} is {existing.status}, not Pending.") from None

    async def get_order(self, order_id: int) -> BillingOrder:
        body = await self._read("GetOrders", id=order_id)
        rows = n.items(body.get("orders"), "order")
        if not rows:
            raise NotFoundError("Order ID Not Found")
        return mappers.order(rows[0], self._zone)

    async def list_orders(self, client_id: int, *, limit: int = 25) -> tuple[BillingOrder, ...]:
        body = await self._read("GetOrders", userid=client_id, limitnum=limit)
        return tuple(mappers.order(row, self._zone) for row in n.items(body.get("orders"), "order"))

    async def update_service_custom_fields(self, service_id: int, values: Mapping[int, str]) -> None:
        await self._write("UpdateClientProduct", serviceid=service_id, customfields=serialize_fields(dict(values)))

    async def create_invoice(self, invoice: NewInvoice) -> int:
        lines: dict[str, object] = {}
        for number, line in enumerate(invoice.lines, start=1):
            lines |= {f"itemdescription{number}": line.description, f"itemamount{number}": line.amount}
            lines[f"itemtaxed{number}"] = line.taxed
        body = await self._write(
            "CreateInvoice",
            userid=invoice.client_id,
            duedate=invoice.due_date,
            paymentmethod=invoice.payment_method,
            sendinvoice=invoice.send_email,
            **lines,
        )
        return n.to_int(body["invoiceid"])

    async def capture_payment(self, invoice_id: int) -> None:
        try:
            await self._write("CapturePayment", invoiceid=invoice_id)
        except NotFoundError:
            # "Invoice Not Found or Not Unpaid": an invoice that exists but is settled is a conflict.
            try:
                existing = await self._read("GetInvoice", invoiceid=invoice_id)
            except NotFoundError:
                raise NotFoundError("Invoice ID Not Found") from None
            raise ConflictError(f"Invoice {invoice_id} is {n.text(existing.get('status'))}, not Unpaid.") from None
