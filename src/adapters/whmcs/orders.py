"""Billing orders over WHMCS: AddOrder (safely under timeouts), AcceptOrder, and GetOrders to reconcile."""

from __future__ import annotations

from collections import Counter

from adapters.whmcs import mappers
from adapters.whmcs import normalise as n
from adapters.whmcs.api import WhmcsApi
from adapters.whmcs.php_serialize import serialize_fields
from adapters.whmcs.transport import OutcomeUnknownError
from application.errors import ConflictError, NotFoundError
from application.ports.billing.orders import BillingOrder, NewOrder, PlacedOrder


class WhmcsOrders:
    def __init__(self, api: WhmcsApi) -> None:
        self._api = api

    async def add_order(self, order: NewOrder) -> PlacedOrder:
        # The newest order before ours: after an unknown outcome, only later orders can be the one we made.
        before = await self.list_orders(order.client_id, limit=1)
        baseline = before[0].id if before else 0
        try:
            body = await self._api.write(
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
        services = await self._api.read("GetClientsProducts", clientid=order.client_id)
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
            await self._api.write("AcceptOrder", orderid=order_id, autosetup=False, sendemail=False)
        except NotFoundError:
            # "Order ID not found or Status not Pending": tell the two apart.
            existing = await self.get_order(order_id)
            raise ConflictError(f"Order {order_id} is {existing.status}, not Pending.") from None

    async def get_order(self, order_id: int) -> BillingOrder:
        body = await self._api.read("GetOrders", id=order_id)
        rows = n.items(body.get("orders"), "order")
        if not rows:
            raise NotFoundError("Order ID Not Found")
        return mappers.order(rows[0], self._api.zone)

    async def list_orders(self, client_id: int, *, limit: int = 25) -> tuple[BillingOrder, ...]:
        body = await self._api.read("GetOrders", userid=client_id, limitnum=limit)
        return tuple(mappers.order(row, self._api.zone) for row in n.items(body.get("orders"), "order"))
