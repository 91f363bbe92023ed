"""The product catalog as the CRM holds it: every entry of the portal price book with its product's fields.

Entries come back whatever their visibility; `CatalogEntry.orderable` says whether the portal may show and
sell one (active entry, active product, flagged for the portal catalog).
Errors: UpstreamConfigurationError (credentials, or the portal price book does not exist),
UpstreamUnavailableError.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
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

    def product_field(self, name: str) -> str | None:
        """A text field of the product by its CRM name (catalog conditions name fields so); None if unknown."""
        value = getattr(self, _BY_CRM_NAME.get(name, ""), None)
        return value if isinstance(value, str) else None


# Where each field of `CatalogEntry` is read from in the CRM (Salesforce names): the price-book entry's own
# fields, and those of its product (`Product2.<name>`). The source adapter selects exactly these, and a change
# event touching none of them cannot alter the catalog. The one home of this list.
CRM_ENTRY_FIELDS: Mapping[str, str] = {
    "entry_id": "Id", "product_id": "Product2Id", "pricebook_id": "Pricebook2Id", "unit_price": "UnitPrice",
    "entry_active": "IsActive",
}  # fmt: skip
CRM_PRODUCT_FIELDS: Mapping[str, str] = {
    "sku": "StockKeepingUnit", "name": "Name", "product_active": "IsActive", "portal_catalog": "Portal_Catalog__c",
    "portal_accessible": "Portal_Accessible__c", "category": "Product2Categories1__c", "item_class": "Item_Class__c",
    "billing_cycle": "Billing_Cycle__c", "whmcs_product_id": "WH_Product_ID__c",
    "internet_offering_type": "Internet_Offering_Type__c", "internet_plan_tier": "Internet_Plan_Tier__c",
    "installment_months": "Installment_Months__c", "sim_data_size": "SIM_Data_Size__c",
    "sim_plan_type": "SIM_Plan_Type__c", "sim_family_discount": "SIM_Has_Family_Discount__c",
    "freebit_plan_code": "Freebit_Plan_Code__c", "vpn_region": "VPN_Region__c", "display_order": "Display_Order__c",
    "is_default": "Is_Default__c", "auto_add": "Auto_Add__c", "eligibility_condition": "Eligibility_Condition__c",
    "required_skus": "Required_Products__c", "dependent_skus": "Dependent_Products__c",
    "exclusive_skus": "Mutually_Exclusive__c",
}  # fmt: skip
_BY_CRM_NAME = {crm: field for field, crm in CRM_PRODUCT_FIELDS.items()}


class CatalogSource(Protocol):
    async def list_portal_entries(self) -> tuple[CatalogEntry, ...]:
        """Every entry of the portal price book (paged under the hood), ordered by SKU."""
        ...

    async def find_entries(self, skus: Sequence[str]) -> tuple[CatalogEntry, ...]:
        """The portal price book's entries for these SKUs (unknown SKUs are simply absent)."""
        ...
