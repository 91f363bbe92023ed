"""Orders in the CRM: created "Pending Review" with their items in one atomic request, approved there by an
agent, and written back to by fulfilment.

Errors: NotFoundError (no such order, or another account's), InvalidInputError (the CRM refused the values,
e.g. an entry outside the portal price book), UpstreamConfigurationError, UpstreamUnavailableError.
`create_order` is never blindly repeated: on an unknown outcome it looks the order up by its key first.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Literal, Protocol

import msgspec

from application.ports.crm_models import CrmAddress

OrderType = Literal["Internet", "SIM", "VPN", "Other"]
INITIAL_ORDER_STATUS = "Pending Review"


class NewOrderItem(msgspec.Struct, frozen=True, kw_only=True):
    entry_id: str  # the portal price book entry
    quantity: int = 1
    unit_price: Decimal
    billing_cycle: str | None = None


class OrderOptions(msgspec.Struct, frozen=True, kw_only=True):
    """Service-specific choices captured at checkout (all optional)."""

    internet_plan_tier: str | None = None
    installation_type: str | None = None
    weekend_install: bool = False
    access_mode: str | None = None  # IPoE (own router) / IPoE Home Gateway / PPPoE
    hikari_denwa: bool = False
    vpn_region: str | None = None
    sim_type: str | None = None  # eSIM / physical
    eid: str | None = None
    sim_voice_mail: bool = False
    sim_call_waiting: bool = False
    mnp_reservation_number: str | None = None
    mnp_expiry_date: dt.date | None = None
    mnp_phone_number: str | None = None


class NewOrder(msgspec.Struct, frozen=True, kw_only=True):
    key: str  # our idempotency key (stored on the order): lets an unknown outcome be looked up
    account_id: str
    order_type: OrderType
    effective_date: dt.date
    items: tuple[NewOrderItem, ...]
    billing_address: CrmAddress
    activation_type: str | None = None  # e.g. "Scheduled" / "Immediate"
    activation_scheduled_at: dt.datetime | None = None
    opportunity_id: str | None = None
    options: OrderOptions = OrderOptions()


class OrderItem(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    entry_id: str
    product_id: str
    sku: str | None
    product_name: str | None
    whmcs_product_id: int | None
    quantity: int
    unit_price: Decimal
    total_price: Decimal
    billing_cycle: str | None
    whmcs_service_id: str | None


class Order(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    order_number: str
    account_id: str
    status: str  # Pending Review → Approved / Processed → ...
    order_type: str | None
    effective_date: dt.date
    total_amount: Decimal
    activation_type: str | None
    activation_scheduled_at: dt.datetime | None
    activation_status: str | None  # Activating → Activated, or an error
    activation_error_code: str | None
    activation_error_message: str | None
    whmcs_order_id: str | None
    opportunity_id: str | None
    created_at: dt.datetime
    last_modified_at: dt.datetime
    items: tuple[OrderItem, ...] = ()
    options: OrderOptions = OrderOptions()
    billing_address: CrmAddress | None = None  # the address snapshot taken at checkout
    key: str | None = None  # the portal's idempotency key, when the portal created the order


class ActivationUpdate(msgspec.Struct, frozen=True, kw_only=True):
    """Fields fulfilment writes back; UNSET leaves a field alone, None clears it."""

    activation_status: str | msgspec.UnsetType | None = msgspec.UNSET
    error_code: str | msgspec.UnsetType | None = msgspec.UNSET
    error_message: str | msgspec.UnsetType | None = msgspec.UNSET
    whmcs_order_id: str | msgspec.UnsetType | None = msgspec.UNSET
    status: str | msgspec.UnsetType = msgspec.UNSET


class OrderDesk(Protocol):
    async def create_order(self, order: NewOrder) -> Order:
        """The order (status "Pending Review") with its items; nothing is left behind if any item is refused."""
        ...

    async def get_order(self, order_id: str, *, account_id: str | None = None) -> Order:
        """With its items. Given `account_id`, another account's order is NotFoundError."""
        ...

    async def list_orders(self, account_id: str) -> tuple[Order, ...]:
        """The account's orders with their items, newest first."""
        ...

    async def update_activation(self, order_id: str, update: ActivationUpdate) -> None: ...

    async def update_item_service(self, item_id: str, whmcs_service_id: str) -> None:
        """Record the billing service fulfilment created for this item."""
        ...

    async def locate(self, record_id: str) -> str | None:
        """The account of an order or order item (a deleted one too), None when there is no such record.

        Change events for an item carry neither its order nor its account: this is how a consumer finds whose
        read model to invalidate.
        """
        ...

    async def find_awaiting_fulfilment(self, statuses: Sequence[str], *, limit: int = 200) -> tuple[str, ...]:
        """Ids of orders "Activating" in one of `statuses` with no WHMCS order id yet, oldest change first."""
        ...
