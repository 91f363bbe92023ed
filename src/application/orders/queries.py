"""The signed-in customer's orders, from the read model; another account's order is simply not there (404)."""

from __future__ import annotations

from typing import ClassVar

from application.errors import UPSTREAM_OUTAGES, NotFoundError, Raises
from application.identity.linked_customer import LinkedCustomer
from application.orders.read_model import OrdersReadModel
from application.orders.views import OrderSummary, OrderView, summary


class ListOrders:
    raises: ClassVar[Raises] = UPSTREAM_OUTAGES

    def __init__(self, read_model: OrdersReadModel) -> None:
        self._read_model = read_model

    async def execute(self, customer: LinkedCustomer) -> tuple[OrderSummary, ...]:
        return tuple(summary(view) for view in await self._read_model.orders_of(customer.sf_account_id))


class GetOrder:
    raises: ClassVar[Raises] = (NotFoundError, *UPSTREAM_OUTAGES)

    def __init__(self, read_model: OrdersReadModel) -> None:
        self._read_model = read_model

    async def execute(self, customer: LinkedCustomer, order_id: str) -> OrderView:
        # Salesforce ids compare on their first 15 characters (the last 3 only encode case).
        wanted = order_id[:15]
        for view in await self._read_model.orders_of(customer.sf_account_id):
            if view.id[:15] == wanted and len(order_id) in (15, 18):
                return view
        raise NotFoundError("Order not found.")
