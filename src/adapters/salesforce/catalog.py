"""`CatalogSource` over the portal Pricebook2's PricebookEntry rows and their Product2 fields."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from simple_salesforce.format import format_soql

from adapters.salesforce.records import flag, money, parent, sku_list, text, whole
from adapters.salesforce.rest_client import SalesforceRestClient, all_records
from application.ports.catalog_source import CatalogEntry

_PRODUCT_FIELDS = (
    "Name", "StockKeepingUnit", "IsActive", "Portal_Catalog__c", "Portal_Accessible__c", "Product2Categories1__c",
    "Item_Class__c", "Billing_Cycle__c", "WH_Product_ID__c", "Internet_Offering_Type__c", "Internet_Plan_Tier__c",
    "Installment_Months__c", "SIM_Data_Size__c", "SIM_Plan_Type__c", "SIM_Has_Family_Discount__c",
    "Freebit_Plan_Code__c", "VPN_Region__c", "Display_Order__c", "Is_Default__c", "Auto_Add__c",
    "Eligibility_Condition__c", "Required_Products__c", "Dependent_Products__c", "Mutually_Exclusive__c",
)  # fmt: skip
ENTRY_FIELDS = "Id, UnitPrice, IsActive, Pricebook2Id, Product2Id, " + ", ".join(
    f"Product2.{f}" for f in _PRODUCT_FIELDS
)
# Keeps each IN (...) list, and so the request URI, well under Salesforce's 16 KB limit.
_SKUS_PER_QUERY = 100


def to_entry(record: dict[str, Any]) -> CatalogEntry:
    product = parent(record, "Product2")
    return CatalogEntry(
        entry_id=str(record["Id"]),
        product_id=str(record["Product2Id"]),
        pricebook_id=str(record["Pricebook2Id"]),
        sku=text(product, "StockKeepingUnit") or "",
        name=text(product, "Name") or "",
        unit_price=money(record, "UnitPrice"),
        entry_active=flag(record, "IsActive"),
        product_active=flag(product, "IsActive"),
        portal_catalog=flag(product, "Portal_Catalog__c"),
        portal_accessible=flag(product, "Portal_Accessible__c"),
        category=text(product, "Product2Categories1__c"),
        item_class=text(product, "Item_Class__c"),
        billing_cycle=text(product, "Billing_Cycle__c"),
        whmcs_product_id=whole(product, "WH_Product_ID__c"),
        internet_offering_type=text(product, "Internet_Offering_Type__c"),
        internet_plan_tier=text(product, "Internet_Plan_Tier__c"),
        installment_months=whole(product, "Installment_Months__c"),
        sim_data_size=text(product, "SIM_Data_Size__c"),
        sim_plan_type=text(product, "SIM_Plan_Type__c"),
        sim_family_discount=flag(product, "SIM_Has_Family_Discount__c"),
        freebit_plan_code=text(product, "Freebit_Plan_Code__c"),
        vpn_region=text(product, "VPN_Region__c"),
        display_order=whole(product, "Display_Order__c"),
        is_default=flag(product, "Is_Default__c"),
        auto_add=flag(product, "Auto_Add__c"),
        eligibility_condition=text(product, "Eligibility_Condition__c"),
        required_skus=sku_list(product, "Required_Products__c"),
        dependent_skus=sku_list(product, "Dependent_Products__c"),
        exclusive_skus=sku_list(product, "Mutually_Exclusive__c"),
    )


class SalesforceCatalogSource:
    def __init__(self, client: SalesforceRestClient) -> None:
        self._client = client
        self._pricebook = client.config.portal_pricebook_name

    async def list_portal_entries(self) -> tuple[CatalogEntry, ...]:
        soql = format_soql(
            "SELECT {fields:literal} FROM PricebookEntry WHERE Pricebook2.Name = {book} "
            "ORDER BY Product2.StockKeepingUnit",
            fields=ENTRY_FIELDS,
            book=self._pricebook,
        )
        records = await self._client.read(all_records(soql))
        return tuple(to_entry(r) for r in records)

    async def find_entries(self, skus: Sequence[str]) -> tuple[CatalogEntry, ...]:
        wanted = list(dict.fromkeys(skus))
        found: list[CatalogEntry] = []
        for start in range(0, len(wanted), _SKUS_PER_QUERY):
            soql = format_soql(
                "SELECT {fields:literal} FROM PricebookEntry WHERE Pricebook2.Name = {book} "
                "AND Product2.StockKeepingUnit IN {skus} ORDER BY Product2.StockKeepingUnit",
                fields=ENTRY_FIELDS,
                book=self._pricebook,
                skus=wanted[start : start + _SKUS_PER_QUERY],
            )
            records = await self._client.read(all_records(soql))
            found += [to_entry(r) for r in records]
        return tuple(found)
