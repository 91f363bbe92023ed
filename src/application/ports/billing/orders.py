"""Billing orders: placing them (with their invoice), accepting them, and reading them back to reconcile.

ConflictError when an order is no longer in a state that allows the call.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal, Protocol

import msgspec

BillingCycle = Literal[
    "free", "onetime", "monthly", "quarterly", "semiannually", "annually", "biennially", "triennially"
]


class NewOrderItem(msgspec.Struct, frozen=True, kw_only=True):
    product_id: int
    billing_cycle: BillingCycle
    custom_fields: dict[int, str] = msgspec.field(default_factory=dict)  # service custom field id -> value


class NewOrder(msgspec.Struct, frozen=True, kw_only=True):
    client_id: int
    payment_method: str  # an active gateway module, e.g. "stripe" or "banktransfer"
    items: tuple[NewOrderItem, ...]
    no_invoice: bool = False
    send_email: bool = False
    promo_code: str | None = None


class PlacedOrder(msgspec.Struct, frozen=True, kw_only=True):
    order_id: int
    invoice_id: int | None  # None when no_invoice was asked or the order is free
    service_ids: tuple[int, ...]  # in item order


class BillingOrderLine(msgspec.Struct, frozen=True, kw_only=True):
    type: str  # product, addon, domain...
    service_id: int | None
    product_name: str
    billing_cycle: str
    status: str


class BillingOrder(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    number: str
    client_id: int
    placed_at: dt.datetime
    status: str  # Pending, Active, Fraud, Cancelled
    payment_method: str
    invoice_id: int | None
    amount: Decimal
    lines: tuple[BillingOrderLine, ...]


class BillingOrders(Protocol):
    async def add_order(self, order: NewOrder) -> PlacedOrder:
        """Creates the order (and its invoice unless `no_invoice`); services stay Pending until accepted.

        When the outcome is unknown, the client's newer orders are looked up and the one with exactly these
        products returned if it was created.
        """
        ...

    async def accept_order(self, order_id: int) -> None:
        """ConflictError when the order is no longer Pending (e.g. already accepted)."""
        ...

    async def get_order(self, order_id: int) -> BillingOrder: ...

    async def list_orders(self, client_id: int, *, limit: int = 25) -> tuple[BillingOrder, ...]:
        """The client's most recent orders first, for reconciliation."""
        ...
