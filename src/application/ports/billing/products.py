"""The billing system's product catalog (prices per billing cycle, service custom fields)."""

from __future__ import annotations

from decimal import Decimal
from typing import Protocol

import msgspec

from application.ports.billing.values import CustomFieldValue


class CatalogProduct(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    group_id: int
    name: str
    description: str  # HTML as the WHMCS admin wrote it
    pay_type: str  # free, onetime, recurring
    prices: dict[str, Decimal]  # billing cycle (monthly, onetime...) -> price; disabled cycles left out
    setup_fees: dict[str, Decimal]
    currency_code: str
    custom_fields: tuple[CustomFieldValue, ...]  # the product's service fields (value is empty)


class BillingProducts(Protocol):
    async def list_products(self, product_ids: tuple[int, ...] | None = None) -> tuple[CatalogProduct, ...]: ...
