"""A customer's services (subscriptions): reading them, and writing their custom fields."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Protocol

import msgspec

from application.ports.billing.values import CustomFieldValue


class Service(msgspec.Struct, frozen=True, kw_only=True):
    """A WHMCS service (a customer's subscription to a product)."""

    id: int
    client_id: int
    order_id: int
    product_id: int
    name: str
    group_name: str
    status: str  # Pending, Active, Suspended, Terminated, Cancelled, Fraud, Completed
    billing_cycle: str  # as WHMCS displays it: Monthly, One Time, Free Account...
    first_payment_amount: Decimal
    recurring_amount: Decimal
    registration_date: dt.date | None
    next_due_date: dt.date | None
    payment_method: str
    domain: str
    custom_fields: tuple[CustomFieldValue, ...]


class BillingServices(Protocol):
    async def list_services(self, client_id: int) -> tuple[Service, ...]:
        """Every service of the client, oldest first."""
        ...

    async def get_service(self, client_id: int, service_id: int) -> Service:
        """NotFoundError also when the service belongs to another client."""
        ...


class ServiceFields(Protocol):
    async def update_service_custom_fields(self, service_id: int, values: Mapping[int, str]) -> None:
        """Custom field id -> value (ids from `Service.custom_fields`); other fields are left as they are."""
        ...
