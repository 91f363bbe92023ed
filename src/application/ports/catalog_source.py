"""The product catalog as the CRM holds it: every entry of the portal price book with its product's fields.

Entries come back whatever their visibility; `CatalogEntry.orderable` says whether the portal may show and
sell one (active entry, active product, flagged for the portal catalog).
Errors: UpstreamConfigurationError (credentials, or the portal price book does not exist),
UpstreamUnavailableError.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Protocol

import msgspec


class CatalogEntry(msgspec.Struct, frozen=True, kw_only=True):
    entry_id: str  # PricebookEntry id: what an order item references
    product_id: str
    pricebook_id: str
    sku: str
    name: str
    unit_price: Decimal
    entry_active: bool
    product_active: bool
    portal_catalog: bool  # shown in the catalog
    portal_accessible: bool  # orderable through the portal
    category: str | None  # Internet / SIM / VPN / Other
    item_class: str | None  # Service / Installation / Add-on / Activation
    billing_cycle: str | None  # Monthly / Onetime
    whmcs_product_id: int | None
    internet_offering_type: str | None = None
    internet_plan_tier: str | None = None
    installment_months: int | None = None
    sim_data_size: str | None = None
    sim_plan_type: str | None = None
    sim_family_discount: bool = False
    freebit_plan_code: str | None = None
    vpn_region: str | None = None
    display_order: int | None = None
    is_default: bool = False
    auto_add: bool = False
    eligibility_condition: str | None = None
    required_skus: tuple[str, ...] = ()
    dependent_skus: tuple[str, ...] = ()
    exclusive_skus: tuple[str, ...] = ()

    @property
    def orderable(self) -> bool:
        return self.entry_active and self.product_active and self.portal_catalog and self.portal_accessible


class CatalogSource(Protocol):
    async def list_portal_entries(self) -> tuple[CatalogEntry, ...]:
        """Every entry of the portal price book (paged under the hood), ordered by SKU."""
        ...

    async def find_entries(self, skus: Sequence[str]) -> tuple[CatalogEntry, ...]:
        """The portal price book's entries for these SKUs (unknown SKUs are simply absent)."""
        ...
