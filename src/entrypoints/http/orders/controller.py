"""`/api/orders`: checkout (idempotent by `Idempotency-Key`) and the customer's orders from the read model."""

from __future__ import annotations

from typing import Annotated, Any, cast

import msgspec
from dishka.integrations.litestar import FromDishka, inject
from litestar import Controller, Request, Response, get, post
from litestar.params import FromPath, HeaderParameter, JSONBody
from litestar.status_codes import HTTP_201_CREATED

from application.idempotent_requests import IdempotentRequests
from application.identity.linked_customer import LinkedCustomer
from application.orders.checkout_command import PlaceOrderCommand
from application.orders.place_order import PlaceOrder
from application.orders.queries import GetOrder, ListOrders
from entrypoints.http.account_access import require_session
from entrypoints.http.idempotent_answers import answer_once
from entrypoints.http.orders.schemas import OrderListOut, OrderOut, PlaceOrderRequest
from entrypoints.http.problems import problem_responses

IdempotencyKey = Annotated[
    str | None,
    HeaderParameter(
        name="Idempotency-Key",
        required=False,
        description="Required. A fresh UUID per order; send the same one again to retry safely (kept 24 h).",
    ),
]


def command(data: PlaceOrderRequest, key: str) -> PlaceOrderCommand:
    """The body as the use case reads it: the same members by the same names (without the wire's camelCase and
    length limits), and the key the header carried."""
    return msgspec.convert(
        {**msgspec.structs.asdict(data), "idempotency_key": key}, PlaceOrderCommand, from_attributes=True
    )


class OrdersController(Controller):
    path = "/orders"
    guards = [require_session]
    tags = ["orders"]

    @post(
        "/",
        operation_id="placeOrder",
        status_code=HTTP_201_CREATED,
        summary="Check out: validate the cart for this customer and create the order (Pending Review).",
        description=(
            "Idempotent by the `Idempotency-Key` header: the same key and body answer with the first result "
            "(errors included), the same key with another body is 422 IDEMPOTENCY_KEY_REUSED, and a retry while "
            "the first runs is 409 IDEMPOTENCY_REQUEST_IN_PROGRESS. Problem codes: PAYMENT_METHOD_MISSING (409, "
            "with a link to add one), SKU_NOT_ORDERABLE, ORDER_TYPE_MISMATCH, PLAN_REQUIRED, ACTIVATION_FEE_MISSING, "
            "ACTIVATION_FEE_DUPLICATED, INSTALLATION_REQUIRED, ADDON_REQUIRES_PRODUCT, ADDON_MUTUALLY_EXCLUSIVE, "
            "ADDON_NOT_ALLOWED, INTERNET_NOT_ELIGIBLE, INTERNET_SERVICE_EXISTS, FAMILY_DISCOUNT_NOT_AVAILABLE, "
            "ID_VERIFICATION_REQUIRED, SIM_TYPE_REQUIRED, INVALID_EID, INVALID_MNP, INVALID_QUANTITY, "
            "INVALID_ACTIVATION_DATE (422); ACCOUNT_NOT_LINKED (403); IDEMPOTENCY_KEY_MISSING (400)."
        ),
        responses=problem_responses(400, 401, 403, 409, 422, 502, 503),
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
            return msgspec.json.encode(msgspec.convert(view, OrderOut, from_attributes=True))

        return cast("Response[OrderOut]", await answer_once(request, idempotency, scope, checkout))

    @get(
        "/",
        operation_id="listOrders",
        summary="The customer's orders, newest first (from the orders read model).",
        responses=problem_responses(401, 403, 503),
    )
    @inject
    async def list_orders(
        self, customer: FromDishka[LinkedCustomer], list_orders: FromDishka[ListOrders]
    ) -> OrderListOut:
        summaries = await list_orders.execute(customer)
        return msgspec.convert({"items": summaries}, OrderListOut, from_attributes=True)

    @get(
        "/{order_id:str}",
        operation_id="getOrder",
        summary="One order with its items, prices and activation status (another account's order is 404).",
        responses=problem_responses(401, 403, 404, 503),
    )
    @inject
    async def get_order(
        self, order_id: FromPath[str], customer: FromDishka[LinkedCustomer], get_order: FromDishka[GetOrder]
    ) -> OrderOut:
        view = await get_order.execute(customer, order_id)
        return msgspec.convert(view, OrderOut, from_attributes=True)
