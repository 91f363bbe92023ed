"""What a customer sees of an order: the read model's documents (and the API's answers) are built from these."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import msgspec

from application.ports.crm_models import CrmAddress
from application.ports.order_desk import Order
from domain.orders.fulfilment_errors import customer_message


class OrderItemView(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    sku: str | None
    name: str | None
    quantity: int
    unit_price: Decimal
    total_price: Decimal
    billing_cycle: str | None


class OrderView(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    order_number: str
    order_type: str | None
    status: str
    total_amount: Decimal
    activation_type: str | None
    activation_scheduled_at: dt.datetime | None
    activation_status: str | None
    error_code: str | None
    error_message: str | None  # for the customer: never the agents' message, which may name systems and ids
    sim_type: str | None
    address: CrmAddress | None
    created_at: dt.datetime
    updated_at: dt.datetime
    items: tuple[OrderItemView, ...]
    opportunity_id: str | None = None  # the CRM Opportunity the order belongs to (§5.3)


class OrderSummary(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    order_number: str
    order_type: str | None
    status: str
    total_amount: Decimal
    activation_status: str | None
    error_code: str | None
    created_at: dt.datetime
    item_count: int


class AccountOrders(msgspec.Struct, frozen=True, kw_only=True):
    """The read model's document: one account's orders, newest first."""

    account_id: str
    orders: tuple[OrderView, ...]


def yen(amount: Decimal) -> Decimal:
    """JPY has no minor unit: 2480.0 from the CRM's JSON reads 2480 (a fractional amount is kept as it is)."""
    whole = amount.to_integral_value()
    return whole if amount == whole else amount


def order_view(order: Order) -> OrderView:
    return OrderView(
        id=order.id,
        order_number=order.order_number,
        order_type=order.order_type,
        status=order.status,
        total_amount=yen(order.total_amount),
        activation_type=order.activation_type,
        activation_scheduled_at=order.activation_scheduled_at,
        activation_status=order.activation_status,
        error_code=order.activation_error_code,
        error_message=customer_message(order.activation_error_code),
        sim_type=order.options.sim_type,
        address=order.billing_address,
        created_at=order.created_at,
        updated_at=order.last_modified_at,
        opportunity_id=order.opportunity_id,
        items=tuple(
            OrderItemView(
                id=item.id,
                sku=item.sku,
                name=item.product_name,
                quantity=item.quantity,
                unit_price=yen(item.unit_price),
                total_price=yen(item.total_price),
                billing_cycle=item.billing_cycle,
            )
            for item in order.items
        ),
    )


def summary(view: OrderView) -> OrderSummary:
    return OrderSummary(
        id=view.id,
        order_number=view.order_number,
        order_type=view.order_type,
        status=view.status,
        total_amount=view.total_amount,
        activation_status=view.activation_status,
        error_code=view.error_code,
        created_at=view.created_at,
        item_count=len(view.items),
    )
