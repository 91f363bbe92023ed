"""The orders API's answers (camelCase on the wire), every amount `Money` in the CRM's currency."""

from __future__ import annotations

import datetime as dt

import msgspec

from application.orders.views import OrderItemView, OrderSummary, OrderView
from application.ports.crm_models import CRM_CURRENCY, CrmAddress
from entrypoints.http.money import Money, money
from entrypoints.http.orders.schemas import Camel


class AddressOut(Camel):
    street: str
    city: str
    prefecture: str
    postcode: str
    country: str


class OrderItemOut(Camel):
    id: str
    sku: str | None
    name: str | None
    quantity: int
    unit_price: Money
    total_price: Money
    billing_cycle: str | None


class OrderOut(Camel):
    id: str
    order_number: str
    order_type: str | None
    status: str
    total_amount: Money
    activation_type: str | None
    activation_scheduled_at: dt.datetime | None
    activation_status: str | None
    error_code: str | None
    error_message: str | None
    sim_type: str | None
    address: AddressOut | None
    created_at: dt.datetime
    updated_at: dt.datetime
    items: list[OrderItemOut]
    opportunity_id: str | None = None  # the CRM Opportunity the order belongs to


class OrderSummaryOut(Camel):
    id: str
    order_number: str
    order_type: str | None
    status: str
    total_amount: Money
    activation_status: str | None
    error_code: str | None
    created_at: dt.datetime
    item_count: int


class OrderListOut(Camel):
    items: list[OrderSummaryOut]


def order_out(view: OrderView) -> OrderOut:
    return OrderOut(
        id=view.id,
        order_number=view.order_number,
        order_type=view.order_type,
        status=view.status,
        total_amount=money(view.total_amount, CRM_CURRENCY),
        activation_type=view.activation_type,
        activation_scheduled_at=view.activation_scheduled_at,
        activation_status=view.activation_status,
        error_code=view.error_code,
        error_message=view.error_message,
        sim_type=view.sim_type,
        address=_address(view.address),
        created_at=view.created_at,
        updated_at=view.updated_at,
        items=[_item(item) for item in view.items],
        opportunity_id=view.opportunity_id,
    )


def order_list_out(summaries: tuple[OrderSummary, ...] | list[OrderSummary]) -> OrderListOut:
    return OrderListOut(items=[_summary(summary) for summary in summaries])


def _address(address: CrmAddress | None) -> AddressOut | None:
    return None if address is None else msgspec.convert(address, AddressOut, from_attributes=True)


def _item(item: OrderItemView) -> OrderItemOut:
    return OrderItemOut(
        id=item.id,
        sku=item.sku,
        name=item.name,
        quantity=item.quantity,
        unit_price=money(item.unit_price, CRM_CURRENCY),
        total_price=money(item.total_price, CRM_CURRENCY),
        billing_cycle=item.billing_cycle,
    )


def _summary(summary: OrderSummary) -> OrderSummaryOut:
    return OrderSummaryOut(
        id=summary.id,
        order_number=summary.order_number,
        order_type=summary.order_type,
        status=summary.status,
        total_amount=money(summary.total_amount, CRM_CURRENCY),
        activation_status=summary.activation_status,
        error_code=summary.error_code,
        created_at=summary.created_at,
        item_count=summary.item_count,
    )
