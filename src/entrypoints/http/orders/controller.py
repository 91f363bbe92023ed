"""`/api/orders`: checkout (idempotent by `Idempotency-Key`) and the customer's orders from the read model."""

from __future__ import annotations

from typing import Annotated, Any, cast

import msgspec
from dishka.integrations.litestar import FromDishka, inject
from litestar import Controller, Request, Response, get, post
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_201_CREATED

from application.idempotent_requests import IdempotentRequests
from application.identity.linked_customer import LinkedCustomer
from application.orders.checkout_command import PlaceOrderCommand
from application.orders.place_order import PlaceOrder
from application.orders.queries import GetOrder, ListOrders
from entrypoints.http import body_limits
from entrypoints.http.access_rules import SESSION_REQUIRED
from entrypoints.http.idempotent_answers import IDEMPOTENCY_RULES, answer_once, key_header
from entrypoints.http.orders.answers import OrderListOut, OrderOut, order_list_out, order_out
from entrypoints.http.orders.schemas import PlaceOrderRequest

IdempotencyKey = Annotated[str | None, key_header("order", never="places a second order")]


def command(data: PlaceOrderRequest, key: str) -> PlaceOrderCommand:
    """The body as the use case reads it: the same members by the same names (without the wire's camelCase and
    length limits), and the key the header carried."""
    return msgspec.convert(
        {**msgspec.structs.asdict(data), "idempotency_key": key}, PlaceOrderCommand, from_attributes=True
    )


class OrdersController(Controller):
    path = "/orders"
    opt = SESSION_REQUIRED
    tags = ["orders"]

    @post(
        "/",
        operation_id="placeOrder",
        request_max_body_size=body_limits.ORDER,
        status_code=HTTP_201_CREATED,
        summary="Check out: validate the cart for this customer and create the order (Pending Review).",
        description=(
            IDEMPOTENCY_RULES + "the CRM order carries the key, so an order made before its answer was lost is "
            "found and returned, never placed twice. Each failed checkout rule has its own code (422), with the "
            "request member at fault in `errors`."
        ),
    )
    @inject
    async def place_order(
        self,
        request: Request[Any, Any, Any],
        data: JSONBody[PlaceOrderRequest],
        customer: FromDishka[LinkedCustomer],
        place: FromDishka[PlaceOrder],
        idempotency: FromDishka[IdempotentRequests],
        idempotency_key: IdempotencyKey = None,
    ) -> Response[OrderOut]:
        scope = idempotency.scope(f"user:{customer.user_id}", idempotency_key, msgspec.json.encode(data))

        async def checkout() -> bytes:
            view = await place.execute(customer, command(data, scope.key))
            return msgspec.json.encode(order_out(view))

        return cast("Response[OrderOut]", await answer_once(request, idempotency, scope, checkout))

    @get(
        "/",
        operation_id="listOrders",
        summary="The customer's orders, newest first (from the orders read model).",
    )
    @inject
    async def list_orders(
        self, customer: FromDishka[LinkedCustomer], list_orders: FromDishka[ListOrders]
    ) -> OrderListOut:
        summaries = await list_orders.execute(customer)
        return order_list_out(summaries)

    @get(
        "/{order_id:str}",
        operation_id="getOrder",
        summary="One order with its items, prices and activation status (another account's order is 404).",
    )
    @inject
    async def get_order(
        self, order_id: FromPath[str], customer: FromDishka[LinkedCustomer], get_order: FromDishka[GetOrder]
    ) -> OrderOut:
        view = await get_order.execute(customer, order_id)
        return order_out(view)
